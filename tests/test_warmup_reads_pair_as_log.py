"""/warmup reads a dumbbell named on a lift done with a bar or a pair of dumbbells (an RDL) as /log
does: "/log romanian deadlift 3x10 24kg dumbbell" stores 2 × 24 kg, and "/warmup romanian deadlift
24kg dumbbell" ramped one 24 kg dumbbell ("bodyweight × 10, 12 kg dumbbell × 8"). One dumbbell on the
hips (a hip thrust) is still one."""

from __future__ import annotations

from tests.conftest import Chat


async def test_a_dumbbell_on_an_rdl_warms_up_the_pair_log_stores(app, chat: Chat) -> None:
    await chat.text("/log romanian deadlift 3x10 24kg dumbbell")
    [stored] = app.store.entries("console:alice")
    assert {(s.load, s.implements) for s in stored.working} == {(24.0, 2)}
    for line in (
        "/warmup romanian deadlift 24kg dumbbell",
        "/warmup dumbbell rdl 24kg",
        "/warmup rdl 24kg db",
    ):
        reply = await chat.text(line)
        assert "Then your working sets at 2 × 24 kg." in reply, (line, reply)
        assert "each hand" in reply and "12 kg dumbbell" not in reply, (line, reply)
    # One dumbbell on the hips (a hip thrust) is still one.
    reply = await chat.text("/warmup hip thrust 24kg dumbbell")
    assert "Then your working sets at 24 kg dumbbell." in reply, reply


async def test_no_load_warms_up_to_the_pairs_target(chat: Chat) -> None:
    await chat.text("/log rdl 3x10 60kg 2026-11-27")
    asked = await chat.text("/warmup dumbbell rdl")
    # Never the bar's 60 kg, nor one dumbbell: none logged with a pair yet, the pair's way to say it.
    assert "no romanian deadlift load with a pair of dumbbells" in asked, asked
    assert "/warmup romanian deadlift 2x24kg" in asked, asked
    await chat.text("/log dumbbell rdl 3x10 22kg")
    reply = await chat.text("/warmup dumbbell rdl")
    assert "Your next target: 3 × 11 @ 2 × 22 kg" in reply, reply
    assert "Then your working sets at 2 × 22 kg." in reply, reply

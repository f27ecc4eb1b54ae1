"""Tester (new lifter): "/log hip thrust 1x10 20kg" was stored as work, and then "1x5 60kg" asked "60 kg
is more than 1.5× your best so far (20 kg). Is that right?", and so did "3x10 100kg". The empty bar
is no best to judge a bar lift's work by ("bar x10" then 100 kg was never asked): work after it is
stored without the question; a very heavy first load is still asked about."""

from __future__ import annotations

from tests.conftest import Chat


def _loads(app) -> list[float | None]:
    return [s.load for e in app.store.entries("console:alice") for s in e.working]


async def test_work_after_a_typed_empty_bar_is_not_asked(app, chat: Chat) -> None:
    await chat.text("/log hip thrust 1x10 20kg")
    reply = await chat.text("/log hip thrust 1x5 60kg")
    assert reply.startswith("Logged"), reply
    assert "best so far" not in reply, reply
    assert _loads(app) == [20.0, 60.0]


async def test_the_work_after_the_bar_alone_is_not_asked(app, chat: Chat) -> None:
    await chat.text("/log hip thrust 1x10 20kg")
    reply = await chat.text("/log hip thrust 3x10 100kg")
    assert reply.startswith("Logged") and "best so far" not in reply, reply
    assert _loads(app) == [20.0, 100.0, 100.0, 100.0]
    # The 100 kg is a best again: a typo past it is asked about.
    reply = await chat.text("/log hip thrust 3x10 250kg")
    assert "250 kg is more than 1.5× your best so far (100 kg). Is that right?" in reply, reply


async def test_a_very_heavy_load_after_the_bar_is_still_asked(app, chat: Chat) -> None:
    await chat.text("/log hip thrust 1x10 20kg")
    reply = await chat.text("/log hip thrust 3x10 400kg")
    assert "400 kg is a very heavy first entry. Is that right?" in reply, reply
    assert _loads(app) == [20.0]

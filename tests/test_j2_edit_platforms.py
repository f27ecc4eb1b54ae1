"""The Edit button's answer reads a load or an effort alone as /edit does, over the real clients: a
ForceReply answered "100kg" on Telegram changes the working sets' load (warm-ups, RPE and note kept), a
load alone for work at several loads is refused with the entry's own example and a fresh Edit button,
and a Discord Modal submitted "rpe 8" or "@8" sets the RPE and keeps the load. The card says what the
store holds."""

from __future__ import annotations

from domain.training import SetKind
from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.fakes.discord_api import MESSAGE, MODAL, USER_ID
from tests.test_ask import answer, press
from tests.test_log_platforms import app, coach, ids, now  # noqa: F401 - fixtures
from tests.test_telegram import USER


async def refused_then_edited(bot, refused, before, line: str):  # noqa: ANN001, ANN201 - test objects
    """A refused Edit answer comes with a fresh Edit button only and changes nothing; that button, answered
    ``line``, changes the entry: its card."""
    assert [label for row in refused.buttons for label, _ in row] == ["Edit"]
    assert bot.app.store.entries(f"telegram:{USER}") == [before]
    [again] = await bot.press(refused, "Edit")
    [changed] = await answer(bot, again, line)
    return changed


def kept(entry) -> list[tuple[SetKind, int, float | None, float | None]]:  # noqa: ANN001 - an Entry
    return [(s.kind, s.reps, s.load, s.rpe) for s in entry.sets]


async def test_telegram_edit_reply_with_a_load_alone(coach) -> None:  # noqa: F811 - the fixture
    me = f"telegram:{USER}"
    [logged] = await coach.say("/log hip thrust w 40x8 / 3x10 80kg rpe 7 (felt ok)")
    [question] = await coach.press(logged, "Edit")
    assert question.force_reply is not None
    assert (
        "A load alone (100kg, bw) changes just that on the working sets, rpe 8 the RPE of all but the warm-ups."
        in question.text
    )
    [changed] = await answer(coach, question, "100kg")
    assert changed.text.startswith("Changed <b>Hip thrust</b>: 3 × 10 @ 100 kg RPE 7 (+ 1 warm-up set).\n"), (
        changed.text
    )
    assert "Working (3 sets): 3 × 10 @ 100 kg" in changed.text and "Note: felt ok" in changed.text
    [entry] = coach.app.store.entries(me)
    assert kept(entry) == [(SetKind.WARMUP, 8, 40.0, None), *[(SetKind.WORKING, 10, 100.0, 7.0)] * 3]
    assert entry.note == "felt ok"


async def test_telegram_edit_reply_with_a_load_alone_for_a_pyramid_is_refused(coach) -> None:  # noqa: F811
    me = f"telegram:{USER}"
    [logged] = await coach.say("/log hip thrust 60x10, 80x8, 100x5")
    [before] = coach.app.store.entries(me)
    [question] = await coach.press(logged, "Edit")
    [refused] = await answer(coach, question, "105kg")
    assert refused.text == (
        "Your working sets have more than one load, so 105 kg alone does not say which to change. "
        "Type the sets, like /edit hip thrust 1x10 60kg, 1x8 80kg, 1x5 105kg. The entry is unchanged."
    )
    changed = await refused_then_edited(coach, refused, before, "1x10 60kg, 1x8 80kg, 1x5 105kg")
    # Under 60% of 105 kg, the 60 kg × 10 is a ramp step, stored as a warm-up (test_log_stores_ramp.py).
    assert changed.text.startswith(
        "Changed <b>Hip thrust</b>: 1 × 8 @ 80 kg, 1 × 5 @ 105 kg (+ 1 warm-up set).\n"
    ), changed.text
    [entry] = coach.app.store.entries(me)
    assert [(s.reps, s.load, s.kind.value) for s in entry.sets] == [
        (10, 60.0, "warmup"),
        (8, 80.0, "working"),
        (5, 105.0, "working"),
    ]


async def test_discord_edit_modal_with_an_effort_alone(
    app,  # noqa: F811 - the fixture
    fake,
    start_adapter,
) -> None:
    me = f"discord:{USER_ID}"
    adapter = await start_adapter()
    [logged] = await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x10 80kg"}))
    [opened] = await press(fake, adapter, logged, "Edit")
    assert opened.type == MODAL
    [changed] = await run(fake, adapter, fake.modal_submit(opened.data, {"answer": "rpe 8"}))
    assert changed.type == MESSAGE
    assert changed.content.startswith("Changed **Hip thrust**: 3 × 10 @ 80 kg RPE 8.\n"), changed.content
    [entry] = app.store.entries(me)
    assert kept(entry) == [(SetKind.WORKING, 10, 80.0, 8.0)] * 3
    # "@9": asked as /log asks it; the RPE reading keeps the 80 kg.
    [opened] = await press(fake, adapter, changed, "Edit")
    [asked] = await run(fake, adapter, fake.modal_submit(opened.data, {"answer": "@9"}))
    assert asked.content == "Did you mean 9 kg or RPE 9? The entry is unchanged until you choose."
    assert ids(asked) == ["9 kg", "RPE 9"]
    chosen = (await press(fake, adapter, asked, "RPE 9"))[-1]  # after the used buttons are taken away
    assert chosen.content.startswith("Changed **Hip thrust**: 3 × 10 @ 80 kg RPE 9.\n"), chosen.content
    [entry] = app.store.entries(me)
    assert kept(entry) == [(SetKind.WORKING, 10, 80.0, 9.0)] * 3

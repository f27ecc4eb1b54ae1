"""The Edit button's answer follows /edit's rules over the real clients: a ForceReply answered on
Telegram and a Modal submitted on Discord take away the warm-ups, the RPE and the note when told to,
and a note alone keeps the sets."""

from __future__ import annotations

from domain.training import SetKind
from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.fakes.discord_api import MESSAGE, MODAL, USER_ID
from tests.test_ask import answer, press
from tests.test_log_platforms import app, coach, now  # noqa: F401 - fixtures
from tests.test_telegram import USER

LINE = "hip thrust w 60x8 / 3x10 100kg rpe 9 (typo note)"
BARE = [(SetKind.WORKING, 10, 100.0, None)] * 3


def kept(entry) -> list[tuple[SetKind, int, float | None, float | None]]:
    return [(s.kind, s.reps, s.load, s.rpe) for s in entry.sets]


async def test_telegram_edit_reply_takes_away_and_a_note_alone_keeps_the_sets(coach) -> None:  # noqa: F811 - the fixture
    me = f"telegram:{USER}"
    [logged] = await coach.say(f"/log {LINE}")
    [question] = await coach.press(logged, "Edit")
    assert question.force_reply is not None
    assert (
        "warm-ups you leave out stay, w none drops them. rpe none clears the RPE, () the note"
        in question.text
    )
    [changed] = await answer(coach, question, "w / 3x10 100kg rpe none ()")
    assert changed.text.startswith("Changed <b>Hip thrust</b>: 3 × 10 @ 100 kg.\n"), changed.text
    assert "Warm-up" not in changed.text and "RPE" not in changed.text and "Note:" not in changed.text
    [entry] = coach.app.store.entries(me)
    assert kept(entry) == BARE and entry.note == ""
    [again] = await coach.press(changed, "Edit")
    [noted] = await answer(coach, again, "(felt heavy)")
    assert (
        noted.text.startswith("Changed <b>Hip thrust</b>: 3 × 10 @ 100 kg.\n")
        and "Note: felt heavy" in noted.text
    )
    [entry] = coach.app.store.entries(me)
    assert kept(entry) == BARE and entry.note == "felt heavy"


async def test_discord_edit_modal_takes_away_and_a_note_alone_keeps_the_sets(
    app,  # noqa: F811 - the fixture
    fake,
    start_adapter,
) -> None:
    me = f"discord:{USER_ID}"
    adapter = await start_adapter()
    [logged] = await run(fake, adapter, fake.slash("log", {"entry": LINE}))
    [opened] = await press(fake, adapter, logged, "Edit")
    assert opened.type == MODAL
    [changed] = await run(
        fake, adapter, fake.modal_submit(opened.data, {"answer": "3x10 100kg no warmup no rpe --"})
    )
    assert changed.type == MESSAGE
    assert changed.content.startswith("Changed **Hip thrust**: 3 × 10 @ 100 kg.\n"), changed.content
    [entry] = app.store.entries(me)
    assert kept(entry) == BARE and entry.note == ""
    [opened] = await press(fake, adapter, changed, "Edit")
    [noted] = await run(fake, adapter, fake.modal_submit(opened.data, {"answer": "hip thrust (felt heavy)"}))
    assert "Note: felt heavy" in noted.content
    [entry] = app.store.entries(me)
    assert kept(entry) == BARE and entry.note == "felt heavy"

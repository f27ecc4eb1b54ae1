"""Tester: 3x10 @ 100, 10,10,9 @ 105, 10,9,8 @ 107.5, then 10,8,7 @ 110 kg: no 🏆 though 110 kg is the
heaviest load ever and its estimated 1RM the best, and "Next time: 3 × 8 @ 102.5 kg … back off". The set
below the range is still a heavier load lifted: records are said, and the first session at the new load,
one set a rep short, stays there and adds reps. A back-off is for a stall or a real failure."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 11, 30, 18, tzinfo=UTC)


async def _climb(chat: Chat) -> None:
    await chat.text("/log hip thrust 3x10 100kg 2026-11-23")
    await chat.text("/log hip thrust 10,10,9 105kg 2026-11-25")
    await chat.text("/log hip thrust 10,9,8 107.5kg 2026-11-27")


async def test_a_heavier_load_a_rep_short_is_a_record_and_stays(app, chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await _climb(chat)
    text = await chat.text("/log hip thrust 10,8,7 110kg 2026-11-30")
    assert "🏆 PR: heaviest load, best estimated 1RM!" in text, text
    line = _next(text)
    assert line.startswith("Next time: 11, 9, 8 @ 110 kg"), line
    assert (
        "First session at 110 kg, one set a rep under the 8-rep bottom: stay and add reps, no back-off"
        " yet; same 110 kg: one more rep on each set below 12." in line
    ), line
    last = app.store.entries("console:alice")[-1]
    assert [(s.reps, s.load) for s in last.working] == [(10, 110.0), (8, 110.0), (7, 110.0)]

    # The rule's limit: the same miss at 110 kg again is a real failure, which backs off.
    clock.now = datetime(2026, 12, 2, 18, tzinfo=UTC)
    line = _next(await chat.text("/log hip thrust 10,8,7 110kg 2026-12-02"))
    assert line.startswith("Next time: 3 × 8 @ 102.5 kg") and "back off to 102.5 kg" in line, line

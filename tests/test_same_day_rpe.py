"""The same sets logged again the same day keep the RPE said for them: "/log hip thrust 3x8 140kg rpe 10"
and then "/log hip thrust 3x8 140kg" said "Next time: 3 × 9 @ 140 kg … one more rep on each set below 10",
the RPE 10 lost (the other order held). Equal sets (one load, one rep count) take the highest RPE said
for them that day, so the target holds as after the one entry at RPE 10; the log keeps what was typed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 3, 18, tzinfo=UTC)
HELD = "Next time: 3 × 8 @ 140 kg — 25 + 25 + 10 per side. Same 140 kg: RPE 10 on every set: the same again"


async def _day(chat: Chat, clock: Clock, *lines: str) -> str:
    """The "Next time:" line of the last of ``lines``, all logged today by an advanced lifter."""
    clock.now = NOW
    await chat.text("/level advanced")
    texts = [await chat.text(line) for line in lines]
    assert all("Logged" in text for text in texts), texts
    return _next(texts[-1])


async def test_a_repeat_without_an_rpe_keeps_the_rpe_said(app, chat: Chat, clock: Clock) -> None:
    """The report's case: the same target as after the one entry at RPE 10, and as the other order."""
    line = await _day(chat, clock, "/log hip thrust 3x8 140kg rpe 10", "/log hip thrust 3x8 140kg")
    assert line.startswith(HELD), line
    assert "3 × 9" not in line and "one more rep" not in line, line
    # The log keeps what was typed: only the target reads the day's RPE.
    stored = [[s.rpe for s in e.working] for e in app.store.entries("console:alice")]
    assert stored == [[10.0, 10.0, 10.0], [None, None, None]]
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 8 @ 140 kg" in plan, plan


async def test_a_repeat_at_a_lower_rpe_keeps_the_highest(chat: Chat, clock: Clock) -> None:
    """RPE 8 for the same sets after RPE 10: the highest said holds. 3 × 9 after them is other sets,
    read as said: it progresses."""
    line = await _day(chat, clock, "/log hip thrust 3x8 140kg rpe 10", "/log hip thrust 3x8 140kg rpe 8")
    assert line.startswith(HELD), line
    line = _next(await chat.text("/log hip thrust 3x9 140kg"))
    assert line.startswith("Next time: 3 × 10 @ 140 kg"), line

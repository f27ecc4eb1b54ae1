"""A 5 × 5 with a rep missed on the last sets (5, 5, 5, 4, 4) after 3 × 10 days is the 5 × 5 attempted,
repeated at its load, as it is with no history: was '5 × 8 @ 95 kg … 4 reps is below the 8-rep bottom:
back off' (23 reps on the next day where 25 were done). The exercise's own 3 sets going 5, 5, 4 after
3 × 10s stay a failing rep-range session."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_pairs_and_sides import line

TODAY = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)


async def test_a_missed_rep_on_a_5x5_after_3x10s_repeats_the_5x5(me: Chat, clock) -> None:
    clock.now = TODAY
    await one(me, "/log hip thrust 3x10 80kg 2026-11-30")
    await one(me, "/log hip thrust 3x10 100kg 2026-12-02")
    logged = await one(me, "/log hip thrust 5,5,5,4,4 100kg")
    assert line(logged, "Next time:").startswith("Next time: 5 × 5 @ 100 kg"), logged.text
    assert "a missed rep on a 5 × 5, so all 5 × 5 again" in logged.text, logged.text


async def test_the_exercises_own_sets_short_of_the_range_still_back_off(me: Chat, clock) -> None:
    clock.now = TODAY
    await one(me, "/log hip thrust 3x10 80kg 2026-11-30")
    await one(me, "/log hip thrust 3x10 100kg 2026-12-02")
    logged = await one(me, "/log hip thrust 5,5,4 105kg")
    assert line(logged, "Next time:").startswith("Next time: 3 × 8 @ 97.5 kg"), logged.text
    assert "below the 8-rep bottom: back off to 97.5 kg" in logged.text, logged.text

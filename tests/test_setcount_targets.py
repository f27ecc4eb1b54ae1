"""Tester findings on the set count in the "Next time" target, through the real dispatch, as the lifter
reads the /log card's "Next time:" line (coaching-facts §6: "Keep the user's set count"):

A. a load step dropped the user's set count to the lift's own 3 (6 × 12 → 3 × 8, 4 × 20 → 3 × 8);
B. at the heaviest dumbbell the sets grew with the user's ("6 sets is the most", then "7 …", "8 …"), and
   "add a set at 20 first" could be read as 20 kg.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


# --------------------------------------------------------------------------- A. the user's set count


async def test_six_sets_at_the_top_keep_six_sets_at_the_next_load(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 3 × 8 @ 2 × 22 kg" after 6 × 12 @ 2 × 20 kg (6 read as extra work)."""
    clock.now = NOW
    line = _next(await chat.text("/log rdl 6x12 2x20kg 3 days ago"))
    assert line == (
        "Next time: 6 × 8 @ 2 × 22 kg. Every set at the top of the range (12): add 2 kg a hand: 2 × 22 kg,"
        " back to 8 reps."
    ), line


async def test_a_first_session_over_the_lifts_own_count_keeps_its_sets_over_a_big_jump(
    chat: Chat, clock: Clock
) -> None:
    """Was: "Next time: 3 × 8 @ 2 × 18 kg" after 4 × 20 @ 2 × 16 kg (its 4 sets read as a bridge)."""
    clock.now = NOW
    line = _next(await chat.text("/log walking lunge 4x20 2x16kg yesterday"))
    assert (
        line == "Next time: 4 × 8 @ 2 × 18 kg. 4 sets at the top: take the jump to 2 × 18 kg, back to 8 reps."
    ), line
    # After the jump the 4 sets stay: one more rep on each.
    line = _next(await chat.text("/log walking lunge 4x8 2x18kg"))
    assert line.startswith("Next time: 4 × 9 @ 2 × 18 kg."), line


async def test_a_day_of_more_than_six_sets_says_why_it_keeps_the_lifts_own_count(
    chat: Chat, clock: Clock
) -> None:
    """Was: "Next time: 3 × 11 @ 80 kg … same 80 kg: one more rep" after 7 sets, with no word of the 7."""
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x10, 3x10, 1x10 80kg"))
    assert line == (
        "Next time: 3 × 11 @ 80 kg — 25 + 5 per side. 7 sets in one session is more than the 6 read as a set"
        " count: extra work on the day, so 3 sets; same 80 kg: one more rep on each set below 12."
    ), line

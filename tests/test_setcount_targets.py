"""Tester findings on the set count in the "Next time" target, through the real dispatch, as the lifter
reads the /log card's "Next time:" line (coaching-facts §6: "Keep the user's set count"):

A. a load step dropped the user's set count to the lift's own 3 (6 × 12 → 3 × 8, 4 × 20 → 3 × 8);
B. at the heaviest dumbbell the sets grew with the user's ("6 sets is the most", then "7 …", "8 …"), and
   "add a set at 20 first" could be read as 20 kg.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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


# --------------------------------------------------------------------------- B. the heaviest dumbbell


async def test_at_the_heaviest_dumbbell_more_sets_do_not_raise_the_most(chat: Chat, clock: Clock) -> None:
    """Was: "5 sets is the most", then "6 sets is the most" after 6 × 12, "7 …", "8 …". Six is the most
    (the set count kept over a load step too: one cap)."""
    clock.now = NOW
    await chat.say("/equipment dumbbells 2 4 6 8 10")
    line = _next(await chat.text("/log rdl 6x12 2x10kg 4 days ago"))
    most = "2 × 10 kg is the heaviest you have: 6 sets is the most, so"
    assert line == f"Next time: 6 × 13 @ 2 × 10 kg. {most} one more rep on each set below 17.", line
    for sets, when in ((7, "3 days ago"), (8, "2 days ago"), (9, "yesterday")):
        line = _next(await chat.text(f"/log rdl {sets}x12 2x10kg {when}"))
        assert line == (
            f"Next time: 6 × 13 @ 2 × 10 kg. {most} 6 sets (not {sets}) with one more rep on each set below 17."
        ), line
    # Reps grow to 17, then a slower lowering: never more sets.
    line = _next(await chat.text("/log rdl 6x17 2x10kg"))
    assert line == (
        "Next time: 6 × 17 @ 2 × 10 kg. 2 × 10 kg is the heaviest you have: same 6 × 17, lowering slowly"
        " (3 seconds) on every rep."
    ), line


async def test_the_set_added_before_a_big_jump_says_its_reps_and_its_load(chat: Chat, clock: Clock) -> None:
    """Was: "… but 20 kg is +25%: add a set at 20 first", which reads as a set at 20 kg."""
    clock.now = NOW
    line = _next(await chat.text("/log kettlebell swing 3x20 16kg"))
    assert line == (
        "Next time: 4 × 20 @ 16 kg. Every set at the top, but 20 kg is +25%: add a set first, a 4th set of 20"
        " reps at 16 kg."
    ), line
    line = _next(await chat.text("/log bulgarian split squat 3x12 each side 2x12kg"))
    assert line == (
        "Next time: 4 × 12 each side @ 2 × 12 kg. Every set at the top, but 2 × 14 kg is +17%: add a set"
        " first, a 4th set of 12 reps at 2 × 12 kg."
    ), line


async def test_a_day_up_at_the_lifts_own_set_count_is_the_count_from_then_on(chat) -> None:
    # tester 10: 1 × 12 @ 60 twice, then 3 × 10 @ 60 kg said "Next time: 1 × 11 @ 60 kg"
    await chat.say("/log hip thrust 1x12 60kg 5 days ago")
    await chat.say("/log hip thrust 1x12 60kg 3 days ago")
    text = await chat.text("/log hip thrust 3x10 60kg")
    nxt = next(line for line in text.splitlines() if line.startswith("Next time:"))
    assert nxt.startswith("Next time: 3 × 11 @ 60 kg"), nxt


async def test_a_day_logged_set_by_set_past_the_read_says_over_its_count(chat: Chat, clock: Clock) -> None:
    """Was: "20 sets in one session" after 24 sets logged one /log each: only the session's latest 20
    entries are read (SESSION_READ), so the count read is a floor, said as one."""
    clock.now = NOW
    for _ in range(23):
        await chat.text("/log hip thrust 1x10 80kg")
        clock.now += timedelta(minutes=3)  # a set every 3 minutes, under the /log rate limit
    line = _next(await chat.text("/log hip thrust 1x10 80kg"))
    assert "per side. Over 20 sets in one session is more than the 6 read as a set count" in line, line


async def test_a_day_of_exactly_the_read_says_its_count(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    for _ in range(19):
        await chat.text("/log hip thrust 1x10 80kg")
        clock.now += timedelta(minutes=3)
    line = _next(await chat.text("/log hip thrust 1x10 80kg"))
    assert "Next time: 3 × 11 @ 80 kg" in line and ". 20 sets in one session is more than" in line, line

"""Next-target defects a tester found in the back-off rules, as the /log card's "Next time:" line says
them after dated logs:

B1. a 5 × 5 done in full after 3 × 10s was read as a failing 8–12 session (back off, then 5 × 8), but
    only with two 3 × 10s before it: with one it was a 5 × 5 to progress;
B2. after 4, 3, 3 and 3, 3, 2 on a 3 × 5 the rep floor rose to 6 (3 × 6), and two bad sessions backed
    off no further than one;
B4. losing about half the reps (6, 5, 5 after 3 × 10) backed off only 5%, to more reps than just done;
B3. RPE 10 on every set still added a rep.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_n2_lighter_day import card

NOW = datetime(2026, 12, 3, 18, tzinfo=UTC)

# --------------------------------------------------------------------------- B1. a new strength scheme


async def test_a_completed_5x5_is_a_5x5_to_progress_however_many_3x10s_came_before(
    chat: Chat, clock: Clock
) -> None:
    """Was: "5 × 8 @ 95 kg — 5 reps is below the 8-rep bottom: back off to 95 kg" after two 3 × 10s (40
    reps at 95 kg after 25 at 100 kg is no back-off), and "5 × 5 @ 102.5 kg" after one."""
    clock.now = NOW
    await chat.text("/log glute bridge 3x12 100kg 2026-12-02")
    line = await card(chat, "/log glute bridge 5x5 100kg")
    assert line.startswith("Next time: 5 × 5 @ 102.5 kg"), line
    assert "Every set at 5: add 2.5 kg: 102.5 kg, same 5 × 5." in line, line
    await chat.text("/log hip thrust 3x10 80kg 2026-11-30")
    await chat.text("/log hip thrust 3x10 100kg 2026-12-02")
    line = await card(chat, "/log hip thrust 5x5 100kg")
    assert line.startswith("Next time: 5 × 5 @ 102.5 kg"), line
    assert "Every set at 5: add 2.5 kg: 102.5 kg, same 5 × 5." in line, line
    assert "back off" not in line, line


# --------------------------------------------------------------------------- B2. a regression on a scheme


async def test_a_second_bad_session_keeps_the_3x5(chat: Chat, clock: Clock) -> None:
    """Was: "3 × 6 @ 95 kg — 2 reps is below the 6-rep bottom" after 4, 3, 3 and 3, 3, 2 on a 3 × 5."""
    clock.now = NOW
    await chat.text("/log back squat 3x5 100kg 2026-11-26")
    line = await card(chat, "/log back squat 4,3,3 102.5kg 2026-11-30")
    assert line.startswith("Next time: 3 × 5 @ 95 kg"), line
    assert "3 reps is below the 5-rep bottom: back off to 95 kg (95% or less)" in line, line
    line = await card(chat, "/log back squat 3,3,2 100kg 2026-12-02")
    # Still the 3 × 5, one back-off from the load that failed (issue 11: not compounded per bad session).
    assert line.startswith("Next time: 3 × 5 @ 95 kg"), line
    assert "2 reps is below the 5-rep bottom: back off to 95 kg (95% or less)" in line, line


# --------------------------------------------------------------------------- B3. RPE 10


async def test_rpe_10_on_every_set_repeats_the_reps(chat: Chat, clock: Clock) -> None:
    """Was: "3 × 11 @ 100 kg … one more rep", then "3 × 12", after all-out sets."""
    clock.now = NOW
    line = await card(chat, "/log hip thrust 3x10 100kg @10 2026-11-30")
    assert line == (
        "Next time: 3 × 10 @ 100 kg — 25 + 15 per side. Same 100 kg: RPE 10 on every set: the same again"
        " until it moves easier."
    ), line
    line = await card(chat, "/log hip thrust 3x11 100kg rir 0 2026-12-02")
    assert line.startswith("Next time: 3 × 11 @ 100 kg"), line
    assert "RPE 10 on every set: the same again until it moves easier." in line, line
    # A rep left (RPE 9): the double progression's rep again.
    line = await card(chat, "/log hip thrust 3x11 100kg @9")
    assert line.startswith("Next time: 3 × 12 @ 100 kg"), line
    assert "one more rep on each set below 12" in line, line


async def test_rpe_10_off_the_kits_steps_repeats_at_no_more_than_was_lifted(chat: Chat, clock: Clock) -> None:
    """Tester 20: "3 × 10 @ 85 kg … 83 kg is not loadable with your kit, so 85 kg: RPE 10 on every set: the
    same again" — a heavier load under a card saying the same again. All out, the kit's load at or below."""
    clock.now = NOW
    line = await card(chat, "/log hip thrust 3x10 83kg @10")
    assert line.startswith("Next time: 3 × 10 @ 82.5 kg"), line
    assert "83 kg is not loadable with your kit, so 82.5 kg: RPE 10 on every set" in line, line
    # With reps to spare, the rep is added at the kit's load at or below it too: one change at a time.
    line = await card(chat, "/log glute bridge 3x10 83kg @8")
    assert line.startswith("Next time: 3 × 11 @ 82.5 kg"), line
    assert "83 kg is not loadable with your kit, so 82.5 kg: one more rep" in line, line

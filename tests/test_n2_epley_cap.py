"""Next-target defect a demanding lifter found (round n2), on the /log card's "Next time:" line: a
back-off on a day at several loads went above what the estimated 1RM supports at the bottom of the
range (Epley), the cap straight sets have.
"""

from __future__ import annotations

from tests.conftest import Chat, Clock
from tests.test_n2_lighter_day import NOW, card

# --------------------------------------------------------------------------- 5. the Epley cap


async def test_a_reverse_pyramid_backs_off_no_higher_than_its_1rm_supports(chat: Chat, clock: Clock) -> None:
    """Was: "95 kg × 8" after 100 × 5 (an estimated 1RM of 116.7 kg supports 92.1 kg for 8): the cap
    straight sets have was not applied on a day at several loads."""
    clock.now = NOW
    line = await card(chat, "/log hip thrust 100x5, 80x10, 60x12 2026-11-28")
    assert line.startswith("Next time: 90 kg × 8, 80 kg × 11, 62.5 kg × 8."), line
    assert (
        "5 reps at 100 kg is below the 8-rep bottom: back off to 90 kg (what your estimated 1RM of 116.7 kg"
        " supports for 8 reps)" in line
    ), line


async def test_straight_sets_at_two_loads_back_off_no_higher_than_the_1rm(chat: Chat, clock: Clock) -> None:
    """Was: "2 × 8 @ 95 kg" after 2 × 6 @ 100 (a 1RM of 120 kg supports 94.7 kg for 8)."""
    clock.now = NOW
    line = await card(chat, "/log hip thrust 3x10 80kg, 2x6 100kg 2026-11-28")
    assert line.startswith("Next time: 3 × 11 @ 80 kg, 2 × 8 @ 92.5 kg."), line
    assert "back off to 92.5 kg (what your estimated 1RM of 120 kg supports for 8 reps)" in line, line

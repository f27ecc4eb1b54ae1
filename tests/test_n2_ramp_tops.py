"""Next-target defect a demanding lifter found (round n2), on the /log card's "Next time:" line: a
warm-up ramp's top set of 6–7 reps in an 8–12 range read as a failed scheme, a back-off to three sets
at 95% or a jump of the straight sets to it. It holds the straight sets, or builds the top set a rep
at its load.
"""

from __future__ import annotations

from datetime import timedelta

from coaching.prescribe import next_target
from content.library import Library
from domain.equipment import COMMERCIAL_GYM_KG
from domain.training import Entry
from tests.conftest import Chat, Clock
from tests.test_coach_h9_targets import _rules
from tests.test_n2_lighter_day import NOW, RAMP, card, day, loads
from tests.test_narrowed_history import same_target

# --------------------------------------------------------------------------- 6. a ramp's top of 6–7


async def test_a_first_ramp_to_seven_reps_builds_the_top_set(chat: Chat, clock: Clock) -> None:
    """Was: "3 × 8 @ 95 kg … 7 reps is below the 8-rep bottom: back off": one top set of 7 read as a
    failed scheme, three sets at 95% to come. The top set builds a rep at its load; at 8 it gives the
    straight sets there."""
    clock.now = NOW
    line = await card(chat, f"/log hip thrust {RAMP}, 100x7 2026-11-24")
    assert line.startswith("Next time: 1 × 8 @ 100 kg"), line
    assert (
        "100 kg × 7 topped a ramp, below the 8-rep bottom: a top set, not a failed one, so no back-off: one"
        " more rep at 100 kg" in line
    ), line
    line = await card(chat, f"/log hip thrust {RAMP}, 100x8 2026-11-26")
    assert line.startswith("Next time: 3 × 8 @ 100 kg"), line


async def test_a_ramp_to_six_reps_keeps_lighter_straight_sets(chat: Chat, clock: Clock) -> None:
    """Was: "3 × 8 @ 92.5 kg … back off" two days after 3 × 10 @ 70: a jump of the straight sets from 70
    to 92.5 kg on the strength of one set of 6."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 70kg 2026-11-24")
    line = await card(chat, f"/log hip thrust {RAMP}, 100x6 2026-11-26")
    assert line.startswith("Next time: 3 × 11 @ 70 kg"), line
    assert "100 kg × 6 topped a ramp: a top set, not a failed one, so your straight sets go on" in line, line


async def test_a_ramp_to_seven_after_one_to_eight_keeps_the_straight_sets(chat: Chat, clock: Clock) -> None:
    """Was: 3 × 11 @ 100 after the ramp to 100 × 8, then "3 × 8 @ 95 kg … back off" after one to 100 × 7:
    a rep fewer on a top set is no failed scheme."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 100kg 2026-11-22")
    await chat.text(f"/log hip thrust {RAMP}, 100x8 2026-11-24")
    line = await card(chat, f"/log hip thrust {RAMP}, 100x7 2026-11-26")
    assert line.startswith("Next time: 3 × 11 @ 100 kg"), line
    assert "back off" not in line, line


def test_a_ramp_to_six_reads_the_same_from_the_window(library: Library) -> None:
    rules = _rules(library, "hip_thrust")
    straight = [day(30 - 2 * i, 3, 10, 47.5 + 2.5 * i) for i in range(10)]
    ramp = Entry("hip_thrust", loads((40, 5), (60, 3), (80, 2), (100, 6)), NOW - timedelta(days=4))
    same_target(rules, [*straight, ramp], COMMERCIAL_GYM_KG, NOW, 2)
    p = next_target(rules, [*straight, ramp], COMMERCIAL_GYM_KG, NOW)
    assert (p.reps, p.load) == ((11, 11, 11), 70), p

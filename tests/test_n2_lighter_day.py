"""Next-target defects a demanding lifter found (round n2), as the /log card's "Next time:" line says
them after dated logs, and the pure rules behind them: the lighter day.

1. one much lighter day (under 60% of the session before) became the new working weight;
2. the lighter day's reason called the next target (102.5 kg) "your working weight";
3. a lone light entry after a warm-up ramp day became the working weight, and then the set count.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coaching.prescribe import next_target
from content.library import Library
from domain.equipment import COMMERCIAL_GYM_KG
from domain.training import Entry, LoggedSet
from tests.conftest import Chat, Clock
from tests.test_coach_h9_targets import _rules
from tests.test_coach_log import _next
from tests.test_narrowed_history import same_target

NOW = datetime(2026, 11, 30, 18, tzinfo=UTC)
RAMP = "40x5, 60x3, 80x2"  # a warm-up ramp logged as work (coaching-facts §6: ~40% ×5, 60% ×3, 80% ×2)


async def card(chat: Chat, line: str) -> str:
    """The "Next time:" line of the /log card for ``line``, which must be logged."""
    text = await chat.text(line)
    assert "Logged" in text, text
    return _next(text)


# --------------------------------------------------------------------------- 1. one much lighter day


async def test_one_much_lighter_day_builds_on_the_working_weight(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 3 × 11 @ 50 kg. Same 50 kg" after 3x10 @ 100 and one day of 3x10 @ 50: under
    60% of the last load read as another setup. A deload, a travel gym or a technique day builds on
    100 kg; kept 3 sessions into a second week (round h2: was two in a row, which a deload week is),
    50 kg is the working weight, and the reason says which rule."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 100kg 2026-11-13")
    line = await card(chat, "/log hip thrust 3x10 50kg 2026-11-17")
    assert line.startswith("Next time: 3 × 11 @ 100 kg"), line
    assert (
        "50 kg was a lighter day, so this builds on your 100 kg working weight, 100 kg × 10 on Fri 13 Nov; a"
        " lighter load becomes your working weight only after 3 sessions in a row under it over a week or more"
        in line
    ), line
    assert "Hip thrust: 3 × 11 @ 100 kg" in await chat.text("/plan")
    for date in ("2026-11-19", "2026-11-21"):
        line = await card(chat, f"/log hip thrust 3x10 50kg {date}")
        assert line.startswith("Next time: 3 × 11 @ 100 kg"), line
    line = await card(chat, "/log hip thrust 3x10 50kg 2026-11-24")
    assert line.startswith("Next time: 3 × 11 @ 50 kg"), line
    assert (
        "4 sessions in a row under your 100 kg working weight over 7 days (all at 50 kg),"
        " so 50 kg is your working weight now; same 50 kg: one more rep on each set below 12." in line
    ), line


def test_a_lighter_day_reads_the_same_from_the_window(library: Library) -> None:
    """/log and /plan read a window of the history: one lighter day, two in a row, and three over 8
    days (the new working weight) read the same."""
    rules = _rules(library, "hip_thrust")
    heavy = [day(40 - 2 * i, 3, 10, 77.5 + 2.5 * i) for i in range(10)]
    once, twice = [*heavy, day(12, 3, 10, 50.0)], [*heavy, day(12, 3, 10, 50.0), day(10, 3, 10, 50.0)]
    thrice = [*twice, day(4, 3, 10, 50.0)]
    for history in (once, twice, thrice):
        same_target(rules, history, COMMERCIAL_GYM_KG, NOW, 2)
    assert next_target(rules, once, COMMERCIAL_GYM_KG, NOW).load == 100
    assert next_target(rules, twice, COMMERCIAL_GYM_KG, NOW).load == 100
    assert next_target(rules, thrice, COMMERCIAL_GYM_KG, NOW).load == 50


def test_a_break_after_a_lighter_day_restarts_from_the_working_weight(library: Library) -> None:
    """Away 35 days since one day at 50 kg: the break rule from the 100 kg working weight (90 kg), not
    from the lighter day (was 45 kg)."""
    history = [day(40, 3, 10, 100.0), day(35, 3, 10, 50.0)]
    p = next_target(_rules(library, "hip_thrust"), history, COMMERCIAL_GYM_KG, NOW)
    assert (p.reps, p.load) == ((8, 8, 8), 90), p
    assert p.reason.startswith("50 kg was a lighter day, so this builds on your 100 kg working weight"), p
    assert p.reason.endswith(
        "35 days away, a break: restart at 90 kg (90% of 100 kg or less) and build back"
    ), p


# --------------------------------------------------------------------------- 2. which weight is which


async def test_the_lighter_day_names_the_weight_lifted_and_the_target_apart(chat: Chat, clock: Clock) -> None:
    """Was: "70 kg was a lighter day, so this builds on your 102.5 kg working weight": 102.5 kg is the
    next target; the weight lifted was 100 kg."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x12 100kg 2026-11-20")
    line = await card(chat, "/log hip thrust 3x10 70kg 2026-11-24")
    assert line.startswith("Next time: 3 × 8 @ 102.5 kg"), line
    assert "70 kg was a lighter day, so this builds on your 100 kg working weight" in line, line
    assert "add 2.5 kg: 102.5 kg, back to 8 reps" in line and "102.5 kg working weight" not in line, line


# --------------------------------------------------------------------------- 3. a lone light entry


async def test_a_lone_light_entry_after_a_ramp_is_no_working_weight(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 1 × 11 @ 50 kg" after a ramp to 100 × 8 and a lone 1x10 @ 50 days later, and at
    the next ramp "1 × 8 @ 100 kg … 1 straight sets": the lone set became the working weight and the
    set count."""
    clock.now = NOW
    await chat.text(f"/log hip thrust {RAMP}, 100x8 2026-11-20")
    line = await card(chat, "/log hip thrust 1x10 50kg 2026-11-24")
    assert line.startswith("Next time: 3 × 8 @ 100 kg"), line
    assert "50 kg was a lighter day, so this builds on your 100 kg working weight" in line, line
    line = await card(chat, f"/log hip thrust {RAMP}, 100x8 2026-11-26")
    assert line.startswith("Next time: 3 × 8 @ 100 kg"), line
    assert "3 straight sets at 100 kg" in line and "1 straight sets" not in line, line


def loads(*pairs: tuple[float, int]) -> tuple[LoggedSet, ...]:
    return tuple(LoggedSet(r, x, "kg") for x, r in pairs)


def day(days_ago: float, sets: int, reps: int, load: float) -> Entry:
    return Entry("hip_thrust", loads(*[(load, reps)] * sets), NOW - timedelta(days=days_ago))

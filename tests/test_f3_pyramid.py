"""A pyramid done again the same day (f3), as the /log card's "Next time:" line and /plan show it:
60x10, 80x8, 100x6 and then "/log hip thrust same", or the ramp twice set by set, read as two sets at
100 kg below the range: "back off to 95 kg", heavier than the 3 × 8 @ 80 kg of the pyramid logged once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coaching.prescribe import ExerciseRules, next_target
from domain.equipment import Equipment
from domain.training import Entry, LoggedSet
from tests.conftest import Chat, Clock
from tests.test_coach_log import _next
from tests.test_narrowed_history import generated, same_target

NOW = datetime(2026, 11, 30, 18, tzinfo=UTC)
PYRAMID = ("60x10", "80x8", "100x6")
ONCE = (
    "Next time: 3 × 8 @ 80 kg — 25 + 5 per side. 100 kg × 6 topped a ramp, below the 8-rep bottom;"
    " 80 kg × 8 was in the range: 3 straight sets at 80 kg from the bottom of the range."
)


async def _log(chat: Chat, clock: Clock, line: str) -> str:
    """One /log a few minutes after the last: the same session."""
    clock.now += timedelta(minutes=4)
    text = await chat.text(line)
    assert "Logged" in text, text
    return text


async def test_a_pyramid_logged_again_with_same_keeps_the_pyramids_target(chat: Chat, clock: Clock) -> None:
    """Was "Next time: 2 × 8 @ 95 kg … 6 reps is below the 8-rep bottom: back off to 95 kg"."""
    clock.now = NOW
    first = _next(await _log(chat, clock, f"/log hip thrust {', '.join(PYRAMID)}"))
    assert first == ONCE, first
    again = _next(await _log(chat, clock, "/log hip thrust same"))
    assert again == ONCE, again
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 8 @ 80 kg" in plan and "95 kg" not in plan, plan


async def test_a_pyramid_twice_set_by_set_reads_as_the_pyramid(chat: Chat, clock: Clock) -> None:
    """The ramp logged one set a message, twice: the card after its last set is the one pyramid's."""
    clock.now = NOW
    lines = [_next(await _log(chat, clock, f"/log hip thrust {s}")) for s in PYRAMID]
    assert lines[-1] == ONCE, lines  # (once, set by set, it already read as the pyramid)
    lines = [_next(await _log(chat, clock, f"/log hip thrust {s}")) for s in PYRAMID]
    assert lines[-1] == ONCE, lines
    assert not any("back off" in x for x in lines), lines


async def test_a_pyramid_again_after_straight_sets_keeps_progressing_them(chat: Chat, clock: Clock) -> None:
    """With 3 × 10 @ 80 kg two days before, the pyramid is a top-set day whether logged once or twice."""
    clock.now = NOW - timedelta(days=2)
    await _log(chat, clock, "/log hip thrust 3x10 80kg")
    clock.now = NOW
    first = _next(await _log(chat, clock, f"/log hip thrust {', '.join(PYRAMID)}"))
    again = _next(await _log(chat, clock, "/log hip thrust same"))
    assert again == first, (first, again)
    assert again.startswith("Next time: 3 × 11 @ 80 kg"), again
    assert "100 kg × 6 topped a ramp, so your straight sets go on" in again, again


async def test_a_worse_second_pyramid_counts_the_better_one(chat: Chat, clock: Clock) -> None:
    """60x10, 80x8, 100x6 then 60x10, 80x8, 100x4: one pyramid day, its best top set (100 × 6)."""
    clock.now = NOW
    await _log(chat, clock, f"/log hip thrust {', '.join(PYRAMID)}")
    line = _next(await _log(chat, clock, "/log hip thrust 60x10, 80x8, 100x4"))
    assert line == ONCE, line


RULES = ExerciseRules("hip_thrust", (8, 12), 3, "barbell", "glute_lift")
KIT = Equipment(unit="kg", bar=20.0, plates=(25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25))


def _pyramid_day(at: datetime, first_id: int, split: bool, times: int) -> list[Entry]:
    sets = tuple(LoggedSet(r, x, "kg") for x, r in ((60.0, 10), (80.0, 8), (100.0, 6)))
    groups = [(s,) for s in sets] if split else [sets]
    return [
        Entry("hip_thrust", g, at + timedelta(minutes=5 * i), id=first_id + i)
        for i, g in enumerate(groups * times)
    ]


@pytest.mark.parametrize("split", [False, True], ids=["entries", "set-by-set"])
@pytest.mark.parametrize("seed", range(4))
def test_a_repeated_pyramid_targets_as_once_and_the_window_agrees(seed: int, split: bool) -> None:
    """After a long history the repeated pyramid gives the target of the pyramid done once, and /log's
    narrowed window (`windowed_target`) the same target as the whole history."""
    history = generated(seed, 60)
    at = history[-1].at + timedelta(days=2)
    now = at + timedelta(days=2)
    once = next_target(RULES, [*history, *_pyramid_day(at, 1000, False, 1)], KIT, now)
    repeated = [*history, *_pyramid_day(at, 1000, split, 2)]
    assert next_target(RULES, repeated, KIT, now) == once
    for n in (1, 2, 8):
        same_target(RULES, repeated, KIT, now, n)


def test_straight_sets_done_again_are_no_pyramid() -> None:
    """Only a ramp repeats as one: two top sets after lighter ones (60x10, 100x6, 100x6), twice, are
    work at the top, as before."""
    sets = tuple(LoggedSet(r, x, "kg") for x, r in ((60.0, 10), (100.0, 6), (100.0, 6)))
    history = [Entry("hip_thrust", sets, NOW - timedelta(minutes=m), id=i) for i, m in enumerate((30, 10))]
    p = next_target(RULES, history, KIT, NOW)
    assert p.back_off and "6 reps is below the 8-rep bottom" in p.reason, p

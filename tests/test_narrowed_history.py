"""Tester item 11: /log reads only what the rules need. The target from `target_window` and the PR
flags and outlier question from the bests kept per exercise are the same as from the whole history: on
every case of the coaching table (windows of one and two sessions, so the window has to grow) and on
long generated histories at every step."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from coaching.logparse import outlier
from coaching.prescribe import ExerciseRules, is_pr, next_target, target_window, windowed_target
from domain.equipment import Equipment
from domain.training import Entry, LoggedSet, SetKind, Side, chronological
from handlers.logbook import Bests
from tests.coaching_cases import CASES, Case
from tests.test_prescribe_table import NOW, equipment_for, history_for, rules_for


def same_target(rules: ExerciseRules, history: list[Entry], kit: Equipment, now: datetime, n: int) -> None:
    full = next_target(rules, history, kit, now)
    narrowed = next_target(rules, target_window(rules, chronological(history), kit.unit, n), kit, now)
    assert narrowed == full
    assert windowed_target(rules, chronological(history), kit, now) == full  # /log's and /plan's way


def bests_of(before: list[Entry], rules: ExerciseRules, entry: Entry) -> list[Entry]:
    bests = Bests()
    for e in before:
        bests.fold(e, rules)
    return bests.witnesses(entry)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_coaching_table_reads_the_same_from_the_window_and_the_bests(case: Case) -> None:
    rules, kit, history = rules_for(case), equipment_for(case), history_for(case)
    for n in (1, 2, 8):
        same_target(rules, history, kit, NOW, n)
    *before, last = history
    assert is_pr(bests_of(before, rules, last), last, rules) == is_pr(before, last, rules)
    assert outlier(last, bests_of(before, rules, last)) == outlier(last, before)


def generated(seed: int, sessions: int = 120) -> list[Entry]:
    """A lifter's hip thrusts: loads that climb, stall, drop back; misses, RPE, warm-ups, per-side and
    short days, two entries on some days, breaks."""
    rng = random.Random(seed)
    at = datetime(2024, 1, 1, 17, tzinfo=UTC)
    load, out = 60.0, []
    for _ in range(sessions):
        at += timedelta(days=rng.choice((2, 2, 3, 4, 16)))
        load = max(20.0, load + rng.choice((0, 0, 2.5, 2.5, 5, -5)))
        sets = [LoggedSet(8, load / 2, "kg", SetKind.WARMUP)]
        count = rng.choice((2, 3, 3, 3, 4))
        reps = [rng.randint(5, 13) for _ in range(count)]
        rpe = rng.choice((None, 8.0, 9.5))
        sided = rng.random() < 0.1
        # Some days in pounds: the same bar as a kilo day, a few grams off once rounded to 0.1 lb.
        shown, unit = (round(load / 0.45359237, 1), "lb") if rng.random() < 0.2 else (load, "kg")
        for r in reps:
            if sided:
                sets += [
                    LoggedSet(r, shown, unit, side=Side.LEFT),
                    LoggedSet(r, shown, unit, side=Side.RIGHT),
                ]
            else:
                sets.append(LoggedSet(r, shown, unit, rpe=rpe))
        if rng.random() < 0.05:
            sets.append(LoggedSet(3, load * 1.3, "kg", SetKind.BACKOFF))  # mislabelled, heavier than the work
        out.append(Entry("hip_thrust", tuple(sets), at, id=len(out) + 1))
        if rng.random() < 0.15:
            out.append(
                Entry(
                    "hip_thrust",
                    (LoggedSet(12, load * 0.8, "kg"),),
                    at + timedelta(minutes=20),
                    id=len(out) + 1,
                )
            )
    return out


@pytest.mark.parametrize("seed", range(6))
def test_long_histories_give_the_same_target_pr_and_outlier_at_every_step(seed: int) -> None:
    rules = ExerciseRules("hip_thrust", (8, 12), 3, "barbell", "glute_lift")
    kit = Equipment(unit="kg", bar=20.0, plates=(25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25))
    history = generated(seed)
    bests = Bests()
    for k in range(1, len(history)):
        before, entry = history[:k], history[k]
        bests.fold(before[-1], rules)
        witnesses = bests.witnesses(entry)
        assert len(witnesses) <= 8, k  # a few entries, not one per load ever lifted
        assert is_pr(witnesses, entry, rules) == is_pr(before, entry, rules), k
        assert outlier(entry, witnesses) == outlier(entry, before), k
        now = entry.at + timedelta(days=2)
        for n in (1, 4):
            same_target(rules, history[: k + 1], kit, now, n)

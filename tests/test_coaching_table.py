"""The coaching table's own consistency (tests/coaching_cases.py): enough cases, unique names, valid
kinds and implements, every expected load loadable on the case's equipment, and the e1RM column
agreeing with Epley on the last session. The rules engineer adds the test that runs the engine over it."""

from __future__ import annotations

from functools import cache

import pytest

from domain.levels import BANDS, LEVELS
from domain.units import UNITS
from tests.coaching_cases import CASES, DEFAULT_EQUIPMENT, IMPLEMENTS, KINDS, Case

# The exercises the table may name: the library's ids (content/exercises.yaml).
LIBRARY_IDS = {
    "hip_thrust", "back_squat", "romanian_deadlift", "deadlift", "kettlebell_swing", "sumo_walk",
    "glute_bridge", "bulgarian_split_squat", "hip_abduction", "lateral_lunge", "rotational_lunge",
    "forward_lunge",
}  # fmt: skip
NO_E1RM_EXERCISES = {"kettlebell_swing"}


def _equipment(case: Case) -> dict:
    return case.equipment if case.equipment is not None else DEFAULT_EQUIPMENT[case.implement]


@cache
def _sums(plates: tuple[float, ...], limit_centi: int) -> frozenset[int]:
    """Per-side plate totals (in hundredths) reachable with as many pairs of each plate as needed."""
    coins = [round(p * 100) for p in plates]
    reach = [False] * (limit_centi + 1)
    reach[0] = True
    for total in range(1, limit_centi + 1):
        reach[total] = any(c <= total and reach[total - c] for c in coins)
    return frozenset(i for i, ok in enumerate(reach) if ok)


def loadable(load: float, unit: str | None, implement: str, equipment: dict) -> bool:
    if implement in ("band", "bodyweight"):
        return False  # these take no load
    if unit != equipment.get("unit", "kg"):
        return False
    if implement == "barbell":
        per_side = round((load - equipment["bar"]) * 100) / 2
        return (
            per_side >= 0
            and per_side == int(per_side)
            and int(per_side) in _sums(tuple(equipment["plates"]), int(per_side))
        )
    key = {"dumbbell": "dumbbells", "kettlebell": "kettlebells", "machine": "stack"}[implement]
    return any(abs(load - w) < 1e-9 for w in equipment[key])


def _last_e1rm(case: Case) -> float | None:
    if case.exercise in NO_E1RM_EXERCISES or case.implement == "band":
        return None
    _, sets = case.history[-1]
    estimates = [
        load if reps == 1 else load * (1 + reps / 30)
        for load, _unit, reps, _rpe, kind, *_ in sets
        if kind == "working" and load is not None and 1 <= reps <= 12
    ]
    return max(estimates, default=None)


def test_the_table_has_at_least_35_cases_with_unique_names() -> None:
    names = [c.name for c in CASES]
    assert len(CASES) >= 35
    assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name[:60])
def test_case_is_well_formed(case: Case) -> None:
    assert case.exercise in LIBRARY_IDS
    assert case.implement in IMPLEMENTS
    lo, hi = case.rep_range
    assert 1 <= lo <= hi
    assert case.level is None or case.level in LEVELS
    days = [d for d, _ in case.history]
    assert case.history and days == sorted(days, reverse=True), "sessions oldest first"
    for _, sets in case.history:
        assert sets
        for s in sets:
            load, unit, reps, rpe, kind = s[:5]
            assert kind in KINDS
            assert reps >= 1
            assert rpe is None or 1 <= rpe <= 10
            assert (load is None) == (unit is None)
            assert unit is None or unit in UNITS
            if len(s) == 6:
                assert s[5] is None or s[5] in BANDS
            if load is not None and not case.history_off_equipment:
                assert loadable(load, unit, case.implement, _equipment(case)), (load, unit)
    exp = case.expected
    assert 1 <= len(exp.reason) <= 3 and all(k and k == k.lower() for k in exp.reason)
    assert exp.band is None or exp.band in BANDS
    if exp.exercise is not None:
        assert exp.exercise in LIBRARY_IDS and exp.exercise != case.exercise
    else:
        assert exp.sets, "a same-exercise target names its sets"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name[:60])
def test_every_expected_load_is_loadable_and_in_range(case: Case) -> None:
    lo, hi = case.rep_range
    for reps, load, unit in case.expected.sets or []:
        assert lo <= reps <= hi
        if case.implement in ("band", "bodyweight"):
            assert load is None and unit is None
        else:
            assert load is not None and loadable(load, unit, case.implement, _equipment(case)), (load, unit)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name[:60])
def test_e1rm_column_matches_epley_on_the_last_session(case: Case) -> None:
    expected, computed = case.expected.e1rm, _last_e1rm(case)
    assert (expected is None) == (computed is None)
    if expected is not None:
        assert abs(expected - computed) < 0.1


def test_loadable_refuses_what_plates_cannot_make() -> None:
    kg_bar = DEFAULT_EQUIPMENT["barbell"]
    assert loadable(62.5, "kg", "barbell", kg_bar) and not loadable(64.5, "kg", "barbell", kg_bar)
    assert not loadable(62.0, "kg", "barbell", kg_bar) and not loadable(17.5, "kg", "barbell", kg_bar)
    assert not loadable(5.0, "kg", "dumbbell", DEFAULT_EQUIPMENT["dumbbell"])
    assert not loadable(18.0, "kg", "kettlebell", DEFAULT_EQUIPMENT["kettlebell"])
    assert not loadable(100.0, "lb", "barbell", kg_bar)

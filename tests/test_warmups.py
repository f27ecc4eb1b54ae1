"""Warm-up ramps: loadable, rounded down, no repeats, never at the working load."""

from __future__ import annotations

import pytest

from coaching.plates import loadable_loads
from coaching.warmups import warmup_ramp
from domain.equipment import COMMERCIAL_GYM_KG, COMMERCIAL_GYM_LB, HOME_DUMBBELLS

GYM = COMMERCIAL_GYM_KG


def _rows(ramp) -> list[tuple[float, int]]:
    return [(s.load, s.reps) for s in ramp]


def test_heavy_deadlift_ramp_with_plates() -> None:
    ramp = warmup_ramp(140, "barbell", GYM)
    assert _rows(ramp) == [(20, 10), (55, 5), (80, 3), (110, 2)]  # whole 2.5 kg steps a side, not 82.5
    assert [s.plates for s in ramp] == [(), (15, 2.5), (25, 5), (25, 20)]
    assert str(ramp[1]) == "55 kg × 5"


def test_102_5_ramp() -> None:
    assert _rows(warmup_ramp(102.5, "barbell", GYM)) == [(20, 10), (40, 5), (60, 3), (80, 2)]


def test_pounds() -> None:
    assert _rows(warmup_ramp(225, "barbell", COMMERCIAL_GYM_LB)) == [(45, 10), (85, 5), (135, 3), (175, 2)]


def test_light_loads_get_fewer_steps() -> None:
    assert _rows(warmup_ramp(60, "barbell", GYM)) == [(20, 10), (35, 3), (45, 2)]
    assert _rows(warmup_ramp(30, "barbell", GYM)) == [(20, 10)]
    assert warmup_ramp(20, "barbell", GYM) == ()  # working at the empty bar
    assert _rows(warmup_ramp(10, "dumbbell", GYM)) == [(4, 8)]


def test_nothing_for_unloaded_work() -> None:
    assert warmup_ramp(20, "bodyweight", GYM) == ()
    assert warmup_ramp(20, "band", GYM) == ()
    assert warmup_ramp(2, "dumbbell", HOME_DUMBBELLS) == ()


@pytest.mark.parametrize("implement", ["barbell", "dumbbell", "kettlebell"])
@pytest.mark.parametrize("working", [22.5, 40, 61.25, 97.5, 180, 8, 16, 24, 32])
def test_every_step_loadable_unique_and_below(implement: str, working: float) -> None:
    ramp = warmup_ramp(working, implement, GYM)
    loads = [s.load for s in ramp]
    assert all(x in loadable_loads(implement, GYM) for x in loads)
    assert loads == sorted(set(loads))
    assert all(x < working for x in loads)

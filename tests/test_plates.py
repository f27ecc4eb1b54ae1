"""Loadable loads: plates per side, rounding to what the kit can make, the next step up."""

from __future__ import annotations

import pytest

from coaching.plates import (
    format_plates,
    loadable_loads,
    next_step,
    plates_per_side,
    round_to_loadable,
    step_below,
)
from domain.equipment import (
    COMMERCIAL_GYM_KG,
    COMMERCIAL_GYM_LB,
    HOME_BARBELL_KG,
    HOME_DUMBBELLS,
    PRESETS,
    Equipment,
    with_bar,
)

GYM = COMMERCIAL_GYM_KG


def test_defaults_are_the_issue_plates() -> None:
    assert Equipment().bar == 20 and Equipment().plates == (25, 20, 15, 10, 5, 2.5, 1.25)
    assert COMMERCIAL_GYM_LB.bar == 45 and COMMERCIAL_GYM_LB.plates == (45, 35, 25, 10, 5, 2.5)
    assert {"commercial gym kg", "commercial gym lb", "home dumbbells"} <= set(PRESETS)


def test_102_5_on_a_20_kg_bar() -> None:
    result = plates_per_side(102.5, GYM)
    assert result.loadable and result.per_side == (25, 15, 1.25)
    assert format_plates(result.per_side) == "25 + 15 + 1.25"


@pytest.mark.parametrize(
    ("load", "side"),
    [(20, ()), (22.5, (1.25,)), (60, (20,)), (140, (25, 25, 10)), (182.5, (25, 25, 25, 5, 1.25))],
)
def test_plates_per_side_kg(load: float, side: tuple[float, ...]) -> None:
    assert plates_per_side(load, GYM).per_side == side


def test_plates_per_side_lb() -> None:
    assert plates_per_side(225, COMMERCIAL_GYM_LB).per_side == (45, 45)
    assert plates_per_side(185, COMMERCIAL_GYM_LB).per_side == (45, 25)
    assert plates_per_side(50, COMMERCIAL_GYM_LB).per_side == (2.5,)


def test_unloadable_load_gives_the_nearest_loads() -> None:
    result = plates_per_side(64.5, GYM)
    assert not result.loadable and result.per_side == ()
    assert (result.below, result.above) == (62.5, 65)
    under = plates_per_side(15, GYM)
    assert (under.below, under.above) == (None, 20)


def test_limited_plates_at_home() -> None:
    # Pairs 20, 10, 10, 5, 5, 2.5, 1.25: 40.25 per side is impossible, 53.75 the most.
    loads = loadable_loads("barbell", HOME_BARBELL_KG)
    assert loads[0] == 20 and loads[-1] == 20 + 2 * 53.75
    assert plates_per_side(20 + 2 * 53.75, HOME_BARBELL_KG).per_side == (20, 10, 10, 5, 5, 2.5, 1.25)
    assert not plates_per_side(20 + 2 * 55, HOME_BARBELL_KG).loadable


def test_round_to_loadable() -> None:
    assert round_to_loadable(64.5, "barbell", GYM) == 62.5
    assert round_to_loadable(64.5, "barbell", GYM, "nearest") == 65
    assert round_to_loadable(63.75, "barbell", GYM, "nearest") == 62.5  # a tie goes down
    assert round_to_loadable(10, "barbell", GYM) == 20  # nothing lighter than the bar
    assert round_to_loadable(7, "dumbbell", HOME_DUMBBELLS, "nearest") == 6
    assert round_to_loadable(13, "kettlebell", GYM) == 12
    assert round_to_loadable(20, "bodyweight", GYM) is None
    assert round_to_loadable(30, "barbell", HOME_DUMBBELLS) is None  # no barbell at home


def test_next_step() -> None:
    assert next_step(100, "barbell", GYM) == 102.5  # the smallest plate pair
    assert next_step(62, "barbell", GYM) == 62.5  # off the steps: the next one the plates make
    assert next_step(225, "barbell", COMMERCIAL_GYM_LB) == 230
    assert next_step(4, "dumbbell", GYM) == 6
    assert next_step(16, "kettlebell", GYM) == 20
    assert next_step(10, "dumbbell", HOME_DUMBBELLS) is None  # the heaviest pair at home
    assert step_below(100, "barbell", GYM) == 97.5
    assert step_below(2, "dumbbell", HOME_DUMBBELLS) is None


def test_another_bar() -> None:
    women = with_bar(GYM, 15)
    assert plates_per_side(40, women).per_side == (10, 2.5)
    assert loadable_loads("barbell", women)[:2] == (15, 17.5)


def test_machine_stack_and_no_load() -> None:
    assert loadable_loads("machine", GYM)[:3] == (5, 10, 15)
    assert loadable_loads("band", GYM) == () and loadable_loads("bodyweight", GYM) == ()

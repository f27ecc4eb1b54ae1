"""Loadable loads: plates per side, the loads a kit can make, rounding, the next step up.

Pure functions on :class:`domain.equipment.Equipment`. Loads are in the equipment's unit; internally
they are counted in hundredths so 1.25 kg plates add up exactly.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import Literal

from coaching.logparse import MAX_LOAD
from domain.equipment import Equipment

__all__ = [
    "HEAVIEST",
    "PlateLoad",
    "plates_per_side",
    "loadable_loads",
    "round_to_loadable",
    "next_step",
    "step_below",
    "same_implement",
    "SAME_IMPLEMENT",
    "format_plates",
]

# Barbell loads are listed up to the heaviest load /log takes (bar included), so with as many pairs as
# needed every load the log accepts can be made and shown per side.
HEAVIEST = MAX_LOAD
_TOL = 1e-6


def _c(x: float) -> int:
    return int(round(x * 100))


def _f(c: int) -> float:
    return c / 100


@dataclass(frozen=True)
class PlateLoad:
    """``per_side`` plates (heaviest first) if ``load`` can be made exactly; otherwise ``per_side`` is
    empty and ``below``/``above`` are the nearest loadable loads (None where there is none)."""

    load: float
    loadable: bool
    per_side: tuple[float, ...]
    below: float | None = None
    above: float | None = None


@lru_cache(maxsize=64)
def _side_table(equipment: Equipment) -> dict[int, tuple[int, ...]]:
    """Every per-side sum the plates can make (in hundredths) → the fewest plates making it."""
    limit = max(0, _c(HEAVIEST[equipment.unit] - equipment.bar) // 2)
    if equipment.plates_limited:
        pool = sorted((_c(p) for p in equipment.plates), reverse=True)
        best: dict[int, tuple[int, ...]] = {0: ()}
        for plate in pool:  # 0/1 knapsack over the listed pairs
            for total, combo in sorted(best.items(), reverse=True):
                new = total + plate
                if new <= limit and (new not in best or len(combo) + 1 < len(best[new])):
                    best[new] = (*combo, plate)
        return {k: tuple(sorted(v, reverse=True)) for k, v in best.items()}
    kinds = sorted({_c(p) for p in equipment.plates if p > 0}, reverse=True)
    fewest: dict[int, tuple[int, ...]] = {0: ()}
    for total in range(1, limit + 1):  # unbounded: fewest plates, heavier plates first on ties
        choice: tuple[int, ...] | None = None
        for plate in kinds:
            rest = fewest.get(total - plate) if total >= plate else None
            if rest is not None and (choice is None or len(rest) + 1 < len(choice)):
                choice = (plate, *rest)
        if choice is not None:
            fewest[total] = tuple(sorted(choice, reverse=True))
    return fewest


@lru_cache(maxsize=256)
def _loads(implement: str, equipment: Equipment) -> tuple[float, ...]:
    if implement == "barbell":
        if not equipment.has_barbell:
            return ()
        bar = _c(equipment.bar)
        return tuple(_f(bar + 2 * side) for side in sorted(_side_table(equipment)))
    if implement in ("dumbbell", "kettlebell"):
        return equipment.loads_for(implement)
    if implement == "machine" and equipment.machine_step > 0:
        step = _c(equipment.machine_step)
        return tuple(_f(step * i) for i in range(1, _c(equipment.machine_max) // step + 1))
    return ()


def loadable_loads(implement: str, equipment: Equipment) -> tuple[float, ...]:
    """Every load ``implement`` can be set to with ``equipment``, ascending (empty: takes no load)."""
    return _loads(implement, equipment)


def plates_per_side(load: float, equipment: Equipment) -> PlateLoad:
    """The plates per side for a barbell ``load`` (102.5 kg on a 20 kg bar → 25, 15, 1.25), or the
    nearest loadable loads below and above when it cannot be made."""
    table = _side_table(equipment) if equipment.has_barbell else {}
    side = _c(load - equipment.bar)
    if equipment.has_barbell and side >= 0 and side % 2 == 0 and side // 2 in table:
        return PlateLoad(load, True, tuple(_f(p) for p in table[side // 2]))
    loads = _loads("barbell", equipment)
    i = bisect.bisect_left(loads, load - _TOL)
    below = loads[i - 1] if i > 0 else None
    above = loads[i] if i < len(loads) else None
    return PlateLoad(load, False, (), below, above)


def round_to_loadable(
    load: float, implement: str, equipment: Equipment, mode: Literal["down", "nearest"] = "down"
) -> float | None:
    """The loadable load at or below ``load`` ("down"; the lightest one if none is below) or the nearest
    one ("nearest"; ties go down). None if ``implement`` takes no load with this kit."""
    loads = _loads(implement, equipment)
    if not loads:
        return None
    i = bisect.bisect_right(loads, load + _TOL)
    below = loads[i - 1] if i > 0 else None
    if mode == "down" or i >= len(loads):
        return below if below is not None else loads[0]
    above = loads[i]
    if below is None:
        return above
    return below if load - below <= above - load + _TOL else above


def next_step(load: float, implement: str, equipment: Equipment) -> float | None:
    """The next loadable load above ``load``: for a barbell the smallest plate pair on top, for
    dumbbells and kettlebells the next one in the set. None at the top of the set."""
    loads = _loads(implement, equipment)
    i = bisect.bisect_right(loads, load + _TOL)
    return loads[i] if i < len(loads) else None


def step_below(load: float, implement: str, equipment: Equipment) -> float | None:
    """The next loadable load below ``load``, or None at the bottom of the set."""
    loads = _loads(implement, equipment)
    i = bisect.bisect_left(loads, load - _TOL)
    return loads[i - 1] if i > 0 else None


# Kettlebells and dumbbells are fixed weights, sold in each unit's own round numbers: one from the other
# unit within this much of one the kit lists is that implement (53 lb is the 24 kg bell, 35 lb the 16 kg,
# 18 lb the 8 kg: 2.1%), a hair lighter or not, never a two-decimal load (24.04 kg) no one can pick up.
SAME_IMPLEMENT = 0.025


def same_implement(load: float, implement: str, equipment: Equipment) -> float | None:
    """The kit's dumbbell or kettlebell that ``load``, converted from the other unit into the kit's, is:
    the nearest one within ``SAME_IMPLEMENT`` (24.04 kg → 24; 35.27 lb → 35). None for another
    implement, or with none that near."""
    if implement not in ("dumbbell", "kettlebell"):
        return None
    near = round_to_loadable(load, implement, equipment, "nearest")
    if near is None or abs(near - load) > load * SAME_IMPLEMENT + _TOL:
        return None
    return near


# This many of one plate or more are counted, as lifters say them ("4 × 45 + 10", "four plates"), not
# listed one by one (11 twenty-fives read as a wall of "25 + 25 + …").
COUNTED_FROM = 4


def format_plates(per_side: tuple[float, ...]) -> str:
    """ "25 + 15 + 1.25", "4 × 25 + 10" (or "empty bar")."""
    if not per_side:
        return "empty bar"
    parts = []
    for plate, run in groupby(per_side):
        n = len(list(run))
        parts.append(f"{n} × {plate:g}" if n >= COUNTED_FROM else " + ".join([f"{plate:g}"] * n))
    return " + ".join(parts)

"""Warm-up ramps to a working load: empty bar ×10, ~40% ×5, ~60% ×3, ~80% ×2, each loadable (a
heavy lift gets a step between the bar and 40%).

On a barbell each step is the empty bar plus whole pairs of the warm-up plate (2.5 kg or 5 lb a side),
rounded down: 20, 30, 45, 60 kg to 80 kg, never a fiddly 47.5 kg for a set that does not count.

A load held on the hips on a lift done at bodyweight (a glute bridge, "bw+20kg": a dumbbell or a plate
on the hips, `held_on_the_hips`) has no bar to ramp on: bodyweight ×10, then a lighter dumbbell
(`held_ramp`).

Warm-up sets are logged as ``SetKind.WARMUP`` and never count for records or targets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from coaching.plates import loadable_loads, plates_per_side, round_to_loadable
from coaching.prescribe import ExerciseRules
from domain.equipment import Equipment
from domain.units import Unit, to_kg

__all__ = ["WarmupSet", "warmup_ramp", "RAMP", "held_on_the_hips", "held_ramp"]

# (fraction of the working load, reps); the barbell ramp starts with the empty bar ×10.
RAMP: tuple[tuple[float, int], ...] = ((0.4, 5), (0.6, 3), (0.8, 2))
BAR_REPS = 10
# A step closer than this fraction of the working load to the one before adds nothing (light loads get
# fewer steps: 60 kg skips a 22.5 kg set after the empty bar).
MIN_GAP = 0.10
# Below this working load (kg) a dumbbell or kettlebell lift needs one easy set, not a ramp.
LIGHT_KG = 12.0
# A barbell warm-up steps by this much in all (a pair of 2.5 kg or 5 lb plates) from the empty bar:
# 20 + 5k kg, 45 + 10k lb (95, 135, 185), the loads lifters put on between work sets.
BAR_STEP = {"kg": 5.0, "lb": 10.0}
# From the empty bar to the ramp's first step, a jump of more than this share of the working load
# (20 → 95 kg for 240 kg) gets a step between them, for 5: a heavy lift climbs in steps a coach would
# load, not the bar and then 40% at once.
MAX_FIRST_JUMP = 0.3


# A held warm-up (`held_ramp`): bodyweight for this many reps, then a dumbbell (or a plate) at or under
# this share of the working load, for a few easy reps, as a light dumbbell lift's one easy set.
HELD_BODYWEIGHT_REPS = 10
HELD_STEP: tuple[float, int] = (0.5, 8)


@dataclass(frozen=True)
class WarmupSet:
    reps: int
    load: float  # 0 with ``held`` "bodyweight"
    unit: Unit
    plates: tuple[float, ...] | None = None  # per side, barbell only
    held: str = ""  # on the hips, no bar: "bodyweight", "dumbbell" or "plate" (`held_ramp`)

    def __str__(self) -> str:
        if self.held == "bodyweight":
            return f"bodyweight × {self.reps}"
        what = f" {self.held}" if self.held else ""
        return f"{self.load:g} {self.unit}{what} × {self.reps}"


def held_on_the_hips(rules: ExerciseRules, load: float, equipment: Equipment) -> bool:
    """``load`` (the kit's unit) is held on the hips on a lift the library does at bodyweight or with a
    dumbbell or plate as well as a bar (`ExerciseRules.light_first`: a glute bridge): no heavier than the
    kit's heaviest dumbbell or plate. /log stores "bw+20kg" as the load, 20 kg, which names no bar: such
    a load gets no plates per side and no bar ramp; a load past them is a bar's."""
    if not rules.light_first:
        return False
    held = (*equipment.dumbbells, *equipment.plates)
    return bool(held) and load <= max(held) + 1e-9


def held_ramp(
    working_load: float, equipment: Equipment, implement: str = "dumbbell"
) -> tuple[WarmupSet, ...]:
    """The warm-up to a load held on the hips (`held_on_the_hips`), or one dumbbell or kettlebell held
    (``implement``), no bar and no plates on one: bodyweight ×10, then the kit's heaviest ``implement``
    (a plate with none) at or under half the working load ×8, when it has one lighter than it."""
    sets = [WarmupSet(HELD_BODYWEIGHT_REPS, 0.0, equipment.unit, held="bodyweight")]
    share, reps = HELD_STEP
    for held, loads in ((implement, equipment.loads_for(implement)), ("plate", equipment.plates)):
        lighter = [x for x in loads if 0 < x <= working_load * share + 1e-9]
        if loads:
            if lighter:
                sets.append(WarmupSet(reps, max(lighter), equipment.unit, held=held))
            break
    return tuple(sets)


def warmup_ramp(working_load: float, implement: str, equipment: Equipment) -> tuple[WarmupSet, ...]:
    """The ramp to ``working_load`` (in the equipment's unit): every load loadable, rounded down, no two
    alike and none at or above the working load. Nothing for bodyweight or band work."""
    loads = loadable_loads(implement, equipment)
    if not loads or working_load <= loads[0]:
        return ()
    steps: list[tuple[float, int]] = []
    if implement == "barbell":
        steps.append((equipment.bar, BAR_REPS))
    ramp = RAMP
    if implement != "barbell" and to_kg(working_load, equipment.unit) < LIGHT_KG:
        ramp = ((0.5, 8),)  # a light dumbbell: one easy set is warm-up enough
    for fraction, reps in ramp:
        load = _warmup_load(working_load * fraction, implement, equipment)
        if load is not None:
            steps.append((load, reps))
    if (
        implement == "barbell"
        and len(steps) > 1
        and steps[1][0] - steps[0][0] > MAX_FIRST_JUMP * working_load
    ):
        between = _warmup_load((steps[0][0] + steps[1][0]) / 2, implement, equipment)
        if between is not None:
            steps.insert(1, (between, steps[1][1]))
    ramp_sets: list[WarmupSet] = []
    seen: set[float] = set()
    for load, reps in steps:
        # The lightest loadable is what "down" gives for a tiny fraction: skip it if already there.
        if load >= working_load - 1e-6 or load in seen:
            continue
        if ramp_sets and load - ramp_sets[-1].load < MIN_GAP * working_load - 1e-6:
            continue
        seen.add(load)
        plates = plates_per_side(load, equipment).per_side if implement == "barbell" else None
        ramp_sets.append(WarmupSet(reps, load, equipment.unit, plates))
    return tuple(ramp_sets)


@lru_cache(maxsize=64)
def _bar_steps(equipment: Equipment) -> tuple[float, ...]:
    """The barbell loads this kit makes that are the bar plus whole warm-up steps, ascending."""
    step = round(BAR_STEP.get(equipment.unit, 5.0) * 100)
    return tuple(
        x for x in loadable_loads("barbell", equipment) if round((x - equipment.bar) * 100) % step == 0
    )


def _warmup_load(load: float, implement: str, equipment: Equipment) -> float | None:
    """The warm-up load for ``load``: on a barbell the heaviest whole step at or below it (the empty
    bar at least), else the loadable load at or below it."""
    if implement != "barbell":
        return round_to_loadable(load, implement, equipment, "down")
    steps = _bar_steps(equipment)  # never empty: the bar alone is a step
    return steps[max(bisect.bisect_right(steps, load + 1e-6) - 1, 0)]

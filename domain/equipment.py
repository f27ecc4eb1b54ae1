"""What a lifter can load: bar, plate pairs, dumbbells, kettlebells, mini bands.

Every prescribed load has to be one the user can make, so targets are rounded against this. All loads
in one :class:`Equipment` are in its ``unit``; dumbbell loads are per hand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from domain.units import Unit

# How an exercise is loaded. "bodyweight" and "band" take no load; "machine" moves in stack steps.
Implement = Literal["barbell", "dumbbell", "kettlebell", "machine", "band", "bodyweight"]
IMPLEMENTS: tuple[Implement, ...] = ("barbell", "dumbbell", "kettlebell", "machine", "band", "bodyweight")
LOADED_IMPLEMENTS: tuple[Implement, ...] = ("barbell", "dumbbell", "kettlebell", "machine")

KG_PLATES: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)
LB_PLATES: tuple[float, ...] = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)
# Mini-band resistances, lightest first (the activation progression past the feet is a stronger band).
BAND_RESISTANCES: tuple[str, ...] = ("light", "medium", "heavy")


@dataclass(frozen=True)
class Equipment:
    """A lifter's kit. ``plates`` lists plate PAIRS by weight; with ``plates_limited`` False (a gym)
    each weight is available as often as needed, otherwise each listed pair is one pair."""

    unit: Unit = "kg"
    bar: float = 20.0
    plates: tuple[float, ...] = KG_PLATES
    plates_limited: bool = False
    dumbbells: tuple[float, ...] = ()
    kettlebells: tuple[float, ...] = ()
    machine_step: float = 5.0  # a weight stack's pin step; 0 = no machine
    machine_max: float = 150.0
    bands: tuple[str, ...] = BAND_RESISTANCES

    @property
    def has_barbell(self) -> bool:
        return self.bar > 0

    def loads_for(self, implement: str) -> tuple[float, ...]:
        """The fixed set for dumbbells and kettlebells, ascending (empty for other implements)."""
        if implement == "dumbbell":
            return tuple(sorted(set(self.dumbbells)))
        if implement == "kettlebell":
            return tuple(sorted(set(self.kettlebells)))
        return ()


def _steps(start: float, stop: float, step: float) -> tuple[float, ...]:
    count = int(round((stop - start) / step)) + 1
    return tuple(round(start + i * step, 4) for i in range(count))


COMMERCIAL_GYM_KG = Equipment(
    unit="kg",
    bar=20.0,
    plates=KG_PLATES,
    dumbbells=(1.0, *_steps(2.0, 50.0, 2.0)),
    kettlebells=(4.0, 6.0, 8.0, 12.0, 16.0, 20.0, 24.0, 28.0, 32.0, 36.0, 40.0, 48.0),
    machine_step=5.0,
    machine_max=150.0,
)
COMMERCIAL_GYM_LB = Equipment(
    unit="lb",
    bar=45.0,
    plates=LB_PLATES,
    dumbbells=_steps(5.0, 120.0, 5.0),
    kettlebells=(10.0, 15.0, 20.0, 25.0, 35.0, 44.0, 53.0, 62.0, 70.0, 80.0, 88.0, 106.0),
    machine_step=10.0,
    machine_max=300.0,
)
HOME_DUMBBELLS = Equipment(
    unit="kg",
    bar=0.0,
    plates=(),
    dumbbells=(2.0, 4.0, 6.0, 8.0, 10.0),
    kettlebells=(),
    machine_step=0.0,
)
HOME_KETTLEBELLS = Equipment(
    unit="kg", bar=0.0, plates=(), kettlebells=(8.0, 12.0, 16.0, 24.0), machine_step=0.0
)
HOME_BARBELL_KG = Equipment(
    unit="kg",
    bar=20.0,
    plates=(20.0, 10.0, 10.0, 5.0, 5.0, 2.5, 1.25),
    plates_limited=True,
    machine_step=0.0,
)
BANDS_ONLY = Equipment(unit="kg", bar=0.0, plates=(), machine_step=0.0)

# The common set-ups offered as buttons, by the label the user sees.
PRESETS: dict[str, Equipment] = {
    "commercial gym kg": COMMERCIAL_GYM_KG,
    "commercial gym lb": COMMERCIAL_GYM_LB,
    "home barbell kg": HOME_BARBELL_KG,
    "home dumbbells": HOME_DUMBBELLS,
    "home kettlebells": HOME_KETTLEBELLS,
    "bands only": BANDS_ONLY,
}
DEFAULT_EQUIPMENT = COMMERCIAL_GYM_KG


def with_bar(equipment: Equipment, bar: float) -> Equipment:
    """The same kit with another bar (a 15 kg bar, a 35 lb bar, a 10 kg technique bar)."""
    return replace(equipment, bar=bar)

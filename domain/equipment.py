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
# The same home set-ups for lifters in pounds (kettlebells as sold in lb: 18, 26, 35, 44, 53 lb).
HOME_DUMBBELLS_LB = Equipment(
    unit="lb", bar=0.0, plates=(), dumbbells=(5.0, 10.0, 15.0, 20.0, 25.0), machine_step=0.0
)
HOME_KETTLEBELLS_LB = Equipment(
    unit="lb", bar=0.0, plates=(), kettlebells=(18.0, 26.0, 35.0, 44.0, 53.0), machine_step=0.0
)

# The common set-ups offered as buttons, by the label the user sees.
PRESETS: dict[str, Equipment] = {
    "commercial gym kg": COMMERCIAL_GYM_KG,
    "commercial gym lb": COMMERCIAL_GYM_LB,
    "home barbell kg": HOME_BARBELL_KG,
    "home dumbbells": HOME_DUMBBELLS,
    "home kettlebells": HOME_KETTLEBELLS,
    "home dumbbells lb": HOME_DUMBBELLS_LB,
    "home kettlebells lb": HOME_KETTLEBELLS_LB,
    "bands only": BANDS_ONLY,
}


def presets_for(unit: str) -> tuple[str, ...]:
    """The set-ups offered as buttons to a lifter in ``unit``: both gyms, the home set-ups in their
    unit (the kg home sets stay offered to an lb lifter, named as kg), bands only."""
    if unit != "lb":
        return tuple(n for n in PRESETS if not n.endswith(" lb") or n.startswith("commercial"))
    return (
        "commercial gym kg",
        "commercial gym lb",
        "home barbell kg",
        "home dumbbells lb",
        "home kettlebells lb",
        "home dumbbells",
        "home kettlebells",
        "bands only",
    )


def preset_label(name: str, unit: str) -> str:
    """A set-up's name as shown: a kg-only home set named without its unit says kg to an lb lifter."""
    kit = PRESETS[name]
    named = name.endswith((" kg", " lb")) or name == "bands only"
    return f"{name} kg" if unit == "lb" and kit.unit == "kg" and not named else name


def counterpart(name: str, unit: str) -> str | None:
    """The same set-up in ``unit`` ("commercial gym lb" → "commercial gym kg", "home dumbbells lb" →
    "home dumbbells"), or None when there is none (no home barbell in lb)."""
    base = name.removesuffix(" kg").removesuffix(" lb")
    return next((n for n in (f"{base} {unit}", base) if n in PRESETS and PRESETS[n].unit == unit), None)


def has_loads(equipment: Equipment) -> bool:
    """Anything with a weight on it: a kit of bands only has no unit worth asking about."""
    return bool(
        equipment.has_barbell or equipment.dumbbells or equipment.kettlebells or equipment.machine_step
    )


DEFAULT_EQUIPMENT = COMMERCIAL_GYM_KG


def with_bar(equipment: Equipment, bar: float) -> Equipment:
    """The same kit with another bar (a 15 kg bar, a 35 lb bar, a 10 kg technique bar)."""
    return replace(equipment, bar=bar)


# --------------------------------------------------------------------------- the stored form

# The parts a user changes one at a time (`/equipment bar 15`); the stored form lists the same parts.
PARTS: tuple[str, ...] = ("bar", "plates", "dumbbells", "kettlebells", "bands")
# Parts a user may clear, only by saying so ("none"): a bare part asks instead of wiping it.
CLEARABLE: tuple[str, ...] = ("dumbbells", "kettlebells", "bands")
# Bounds per part, in kg (lb is scaled): a value outside is a typo, not a kit.
_MAX_KG = {"bar": 50.0, "plates": 50.0, "dumbbells": 100.0, "kettlebells": 100.0}
_MAX_COUNT = {"bar": 1, "plates": 12, "dumbbells": 60, "kettlebells": 30, "bands": len(BAND_RESISTANCES)}
_LB_FACTOR = 2.20462262
# A real bar weighs this much (a 5 kg technique bar to a 30 kg specialty bar); "none" is no barbell.
_BAR_KG = (5.0, 30.0)
_BAR_LB = (10.0, 66.0)
# In the kit's unit: a 45 lb bar, not a 20 kg one, to a pound lifter.
BAR_EXAMPLE = {"kg": "/equipment bar 20", "lb": "/equipment bar 45"}
PLATES_EXAMPLE = {
    "kg": "/equipment plates 25 20 15 10 5 2.5 1.25",
    "lb": "/equipment plates 45 35 25 10 5 2.5",
}


class EquipmentError(ValueError):
    """A part or value the user gave cannot be a kit; the message says what is wrong in a few words."""


def default_preset(unit: str) -> str:
    """The set-up a new user is assumed to have: a commercial gym in their units."""
    return "commercial gym lb" if unit == "lb" else "commercial gym kg"


def _number(word: str) -> float:
    try:
        value = float(word.replace(",", "."))
    except ValueError:
        raise EquipmentError(f"“{word[:20]}” is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise EquipmentError(f"“{word[:20]}” is not a number")
    return value


def with_part(equipment: Equipment, part: str, words: list[str] | tuple[str, ...]) -> Equipment:
    """The kit with one part replaced from the words a user typed (``bar 15``, ``plates 20 10 5``,
    ``bands light heavy``); ``none`` clears dumbbells, kettlebells or bands (an empty list too: the
    stored form of a cleared part). EquipmentError if a value cannot be right."""
    if part not in PARTS:
        raise EquipmentError(f"“{part[:20]}” is not a part of a set-up ({', '.join(PARTS)})")
    if len(words) > _MAX_COUNT[part]:
        raise EquipmentError(f"at most {_MAX_COUNT[part]} values for {part}")
    if part == "bands" and [w.lower() for w in words] == ["none"]:
        return replace(equipment, bands=())  # as the docstring says: none clears them, as it does dumbbells
    if part == "bands":
        bands = tuple(w.lower() for w in words)
        unknown = [b for b in bands if b not in BAND_RESISTANCES]
        if unknown:
            raise EquipmentError(f"bands are {', '.join(BAND_RESISTANCES)}")
        return replace(equipment, bands=tuple(b for b in BAND_RESISTANCES if b in bands))
    if part == "bar" and len(words) == 1 and words[0].lower() == "none":
        return replace(equipment, bar=0.0)
    if len(words) == 1 and words[0].lower() == "none" and part in CLEARABLE:
        return replace(equipment, **{part: ()})  # said on purpose: /equipment kettlebells none
    values = [_number(w) for w in words]
    top = _MAX_KG[part] * (_LB_FACTOR if equipment.unit == "lb" else 1.0)
    if part == "bar":
        if not values:
            raise EquipmentError(
                f"give the bar's weight, or none if you have no barbell ({BAR_EXAMPLE[equipment.unit]})"
            )
        low, high = _BAR_KG if equipment.unit == "kg" else _BAR_LB
        if not low <= values[0] <= high:
            raise EquipmentError(
                f"a bar weighs {low:g} to {high:g} {equipment.unit} ({BAR_EXAMPLE[equipment.unit]}, "
                "or /equipment bar none if you have no barbell)"
            )
        return replace(equipment, bar=values[0])
    if part == "plates" and not values:
        # An empty list would leave a barbell nothing to load: almost surely a slip, not a kit.
        raise EquipmentError(f"list the plate weights you have, e.g. {PLATES_EXAMPLE[equipment.unit]}")
    if any(not 0 < v <= top for v in values):
        raise EquipmentError(f"each of the {part} weighs more than 0 and at most {top:g} {equipment.unit}")
    if part == "plates":
        # Limited plates keep duplicates (two pairs of 10s); unlimited ones are a list of weights.
        chosen = (
            sorted(values, reverse=True) if equipment.plates_limited else sorted(set(values), reverse=True)
        )
        return replace(equipment, plates=tuple(chosen))
    return replace(equipment, **{part: tuple(sorted(set(values)))})


def _part_words(equipment: Equipment, part: str) -> tuple[str, ...]:
    if part == "bar":
        return (f"{equipment.bar:g}",) if equipment.has_barbell else ("none",)
    if part == "bands":
        return equipment.bands
    return tuple(f"{v:g}" for v in getattr(equipment, part))


def to_spec(equipment: Equipment, preset: str) -> str:
    """The compact stored form: the preset's name, then each part that differs from it, as the user
    would type it: ``"commercial gym kg; bar 15; plates 20 10 5 2.5"``."""
    base = PRESETS[preset]
    parts = [preset]
    for part in PARTS:
        words = _part_words(equipment, part)
        if words != _part_words(base, part):
            parts.append(" ".join((part, *words)))
    return "; ".join(parts)


def from_spec(spec: str, fallback: str) -> tuple[str, Equipment]:
    """The preset name and the kit a stored form describes; the ``fallback`` preset when ``spec`` is
    empty. EquipmentError if it cannot be read (the caller decides what a damaged value becomes)."""
    pieces = [p.strip() for p in spec.split(";") if p.strip()] if spec else []
    preset = pieces[0].lower() if pieces else fallback
    if preset not in PRESETS:
        raise EquipmentError(f"unknown set-up {preset[:40]!r}")
    equipment = PRESETS[preset]
    for piece in pieces[1:]:
        part, *words = piece.split()
        part = part.lower()
        # Forms stored before "bar none" and the plate check: "bar 0" (no barbell), "plates" (none).
        if part == "bar" and words == ["0"]:
            words = ["none"]
        if part == "plates" and not words:
            equipment = replace(equipment, plates=())
            continue
        equipment = with_part(equipment, part, words)
    return preset, equipment

"""Load units and conversions."""

from __future__ import annotations

from typing import Literal

Unit = Literal["kg", "lb"]
UNITS: tuple[Unit, ...] = ("kg", "lb")
LB_PER_KG = 2.20462262


def to_kg(value: float, unit: Unit | str | None) -> float:
    """``value`` in kilograms (a load with no unit is taken as kilograms)."""
    return value / LB_PER_KG if unit == "lb" else value


def from_kg(kg: float, unit: Unit | str) -> float:
    return kg * LB_PER_KG if unit == "lb" else kg


def about(x: float, two: str = "") -> str:
    """A load converted from the other unit, as a lifter says it: one decimal at most, "about" when
    rounded ("about 176.4" for 176.37 lb, "about 2 × 22.7" for a pair, "100" for 100.0). Not a whole
    number: "100 kg is about 220 lb, not loadable" would call a load the pound kit makes unloadable.
    One rule for every converted figure (/log's card, /plates, /warmup, /progress)."""
    said = round(x, 1)
    return f"{'' if abs(said - x) < 1e-9 else 'about '}{two}{said:g}"

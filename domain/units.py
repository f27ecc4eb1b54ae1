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

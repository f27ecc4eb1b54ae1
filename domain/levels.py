"""Levels (Price's model), band positions and exercise categories."""

from __future__ import annotations

from typing import Literal

Level = Literal["beginner", "intermediate", "advanced"]
LEVELS: tuple[Level, ...] = ("beginner", "intermediate", "advanced")

# Mini-band position is the activation progression: knees (easiest) → ankles → feet (hardest).
Band = Literal["knees", "ankles", "feet"]
BANDS: tuple[Band, ...] = ("knees", "ankles", "feet")

Category = Literal["activation", "glute_lift", "compound", "accessory"]
CATEGORIES: tuple[Category, ...] = ("activation", "glute_lift", "compound", "accessory")


def next_band(band: str) -> str | None:
    """The next harder band position, or None past the feet."""
    i = BANDS.index(band) if band in BANDS else -1
    return BANDS[i + 1] if 0 <= i < len(BANDS) - 1 else None

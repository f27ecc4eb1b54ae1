"""Price's levels per movement family (coaching-facts §3): beginner (unloaded, small range, steady
rhythm) → intermediate (full range, control at both ends) → advanced (load). A lunge earned at the
top of its range raises the lunges, not the squats. Pure functions on plain values; the profile keeps
the levels compactly: ``"lunge=intermediate@2026-11-25T18:00:00+00:00;squat=advanced@…"`` (family =
level @ when it was reached, so the sessions before it do not count towards the next level)."""

from __future__ import annotations

from dataclasses import dataclass

from coaching.programs import PATTERNS
from domain.levels import LEVELS

__all__ = [
    "FAMILY_NAMES",
    "FamilyLevel",
    "family_of",
    "parse_levels",
    "family_level",
    "raise_family",
    "PROGRAM_FAMILY",
    "BAND_FAMILY",
]

# How replies name each family.
FAMILY_NAMES: dict[str, str] = {
    "lunge": "lunges",
    "squat": "squats",
    "thrust": "bridges and thrusts",
    "hinge": "hinges",
    "extension": "hip extensions",
    "abduction": "abductions",
}
# Every program day is built around a bridge or thrust, so the default program (until the user starts
# one) follows that family's level; band walks are hip abduction, so their band position follows the
# abductions' level (a clam earned at the top moves the band down the legs too).
PROGRAM_FAMILY = "thrust"
BAND_FAMILY = "abduction"
_BY_PATTERN = {
    "bridge/thrust": "thrust",
    "hinge": "hinge",
    "hip extension": "extension",
    "abduction": "abduction",
}


def family_of(exercise_id: str, unilateral: bool) -> str | None:
    """The movement family of a library exercise: its pattern, with squat/lunge split by whether it
    works one leg at a time (lunges, split squats, step-ups) or both (squats). None for activation."""
    pattern = PATTERNS.get(exercise_id)
    if pattern == "squat/lunge":
        return "lunge" if unilateral else "squat"
    return _BY_PATTERN.get(pattern or "")


@dataclass(frozen=True)
class FamilyLevel:
    level: str
    since: str | None  # ISO time the family reached it; None: the global level (never levelled)


def parse_levels(text: str) -> dict[str, FamilyLevel]:
    """The stored per-family levels; a piece that cannot be read is skipped (it falls back to the
    global level), so one damaged value never stops /plan."""
    out: dict[str, FamilyLevel] = {}
    for piece in text.split(";"):
        family, _, rest = piece.strip().partition("=")
        level, _, since = rest.partition("@")
        if family in FAMILY_NAMES and level in LEVELS:
            out[family] = FamilyLevel(level, since or None)
    return out


def _format(levels: dict[str, FamilyLevel]) -> str:
    return ";".join(
        f"{f}={v.level}@{v.since}" if v.since else f"{f}={v.level}" for f, v in sorted(levels.items())
    )


def family_level(text: str, family: str | None, global_level: str) -> FamilyLevel:
    """The level a family is coached at: the one it earned, or the global /level when that is higher
    or the family was never levelled."""
    base = global_level if global_level in LEVELS else LEVELS[0]
    own = parse_levels(text).get(family or "")
    if own is None or LEVELS.index(own.level) <= LEVELS.index(base):
        return FamilyLevel(base, None)
    return own


def raise_family(text: str, family: str, to: str, at: str) -> str | None:
    """The stored levels with ``family`` raised to ``to`` at time ``at``; None when it is already at
    that level or above (a second press changes nothing)."""
    levels = parse_levels(text)
    current = levels.get(family)
    if to not in LEVELS or family not in FAMILY_NAMES:
        return None
    if current is not None and LEVELS.index(current.level) >= LEVELS.index(to):
        return None
    levels[family] = FamilyLevel(to, at)
    return _format(levels)

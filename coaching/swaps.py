"""Swaps (issue 12): what the user's kit lacks, in the library's fixed vocabulary (content/library.py
EQUIPMENT_LABELS), and which library exercise takes over when a lift needs it. Pure functions on plain
values: /plan passes the kit's implements and each exercise's swaps."""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["missing_kit", "swap_for"]


def missing_kit(
    barbell: bool, dumbbells: bool, kettlebells: bool, bands: bool, machines: bool = True
) -> frozenset[str]:
    """The vocabulary items the kit lacks. The kit lists bars, dumbbells, kettlebells and bands; a
    weight stack of 0 says there is no cable or machine. Racks, benches, steps and mats are not part of
    /equipment, so they are assumed to be there (a home barbell is rarely without somewhere to lie)."""
    have = {"barbell": barbell, "dumbbell": dumbbells, "kettlebell": kettlebells, "band": bands}
    missing = {item for item, present in have.items() if not present}
    if not machines:
        missing |= {"cable", "machine"}
    return frozenset(missing)


# An exercise's swaps, in the library's order: (missing item, the exercise to do instead or None).
Swaps = Sequence[tuple[str, str | None]]


def swap_for(
    exercise: str, swaps_of: Callable[[str], Swaps], missing: frozenset[str]
) -> tuple[str, str] | None:
    """The exercise to do instead of ``exercise`` and the missing item that made the change, or None
    when it can be done as it is. A swap that needs something missing too is followed on (no barbell
    → single-leg hip thrust; no bench either → single-leg glute bridge); a chain that comes back round
    (no kettlebell → pull-through, no cable → swing) changes nothing: there is no doable choice."""
    first: str | None = None
    seen = {exercise}
    current = exercise
    while True:
        step = next((s for s in swaps_of(current) if s[0] in missing and s[1] is not None), None)
        if step is None:
            break
        item, instead = step
        if instead in seen:
            return None
        first = first or item
        seen.add(instead)  # type: ignore[arg-type]
        current = instead  # type: ignore[assignment]
    return (current, first) if first is not None else None

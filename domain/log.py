"""The log line as it is stored today: one exercise, its reps per set, one load for all sets.

:class:`domain.training.Entry` (sets with kinds) is where the log is heading; until storage moves to it,
this is the type coaching reads. Storage subclasses it to add its row (de)serialisation
(``storage.models.LogEntry``), so coaching never sees storage. Equality is per class (dataclass rules):
a stored line equals a stored line, not a bare domain one with the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.units import to_kg


@dataclass(frozen=True)
class LogEntry:
    """One logged line: an exercise and its sets. Weight is as entered, in ``unit``; None = bodyweight."""

    exercise: str  # exercise id from the library, e.g. "hip_thrust"
    reps: tuple[int, ...]  # one number per set
    at: str  # ISO-8601 UTC
    weight: float | None = None
    unit: str | None = None  # "kg" | "lb" | None for bodyweight
    band: str | None = None  # activation band position
    rpe: float | None = None
    activation: bool = False
    id: int = 0  # per-account, increasing; assigned by the store

    @property
    def weight_kg(self) -> float | None:
        return None if self.weight is None else to_kg(self.weight, self.unit)

"""Test shorthand for log entries in the form older tests wrote them: one load for every set."""

from __future__ import annotations

from datetime import datetime

from domain.training import Entry, SetKind, straight_sets
from storage.models import parse_at


def log_entry(
    exercise: str,
    reps: tuple[int, ...],
    at: str | datetime,
    weight: float | None = None,
    unit: str | None = None,
    band: str | None = None,
    rpe: float | None = None,
    activation: bool = False,
    id: int = 0,  # noqa: A002
) -> Entry:
    """``reps`` straight sets at ``weight`` (WORKING, or ACTIVATION with the band)."""
    kind = SetKind.ACTIVATION if activation else SetKind.WORKING
    when = at if isinstance(at, datetime) else parse_at(at)
    return Entry(exercise, straight_sets(reps, weight, unit, kind, rpe=rpe, band=band), when, id=id)  # type: ignore[arg-type]


def reps_of(entry: Entry) -> tuple[int, ...]:
    return tuple(s.reps for s in entry.sets)


def weight_of(entry: Entry) -> float | None:
    """The first set's load (entries of these tests have one load for all sets)."""
    return entry.sets[0].load if entry.sets else None


def band_of(entry: Entry) -> str | None:
    return entry.sets[0].band if entry.sets else None

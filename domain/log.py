"""The log line as it is stored today: one exercise, its reps per set, one load for all sets.

:class:`domain.training.Entry` (sets with kinds) is where the log is heading; until storage moves to it,
this is the type coaching reads. Storage subclasses it to add its row (de)serialisation
(``storage.models.LogEntry``), so coaching never sees storage. Equality is per class (dataclass rules):
a stored line equals a stored line, not a bare domain one with the same fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from operator import attrgetter, lt, methodcaller
from typing import TypeVar

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
    resistance: str | None = None  # band strength (light/medium/heavy) when the user said it

    @property
    def weight_kg(self) -> float | None:
        return None if self.weight is None else to_kg(self.weight, self.unit)


L = TypeVar("L", bound=LogEntry)

# Entries in the order they were trained, not the order they were stored. Why: ids only grow, so an
# entry restored from quarantine (or merged from a linked account) gets a newer id than sets logged
# after it; history and targets follow the date (``at``), the id only breaking ties.
_UTC_SUFFIX = "+00:00"


def _moment(at: str) -> datetime:
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)  # an unreadable date sorts first, never raises
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def chronological(entries: Iterable[L]) -> list[L]:
    """``entries`` sorted by (at, id). Cheap on the usual log (it runs for every /plan and reminder):
    every ``at`` the bot writes is UTC ISO text, which orders as text, and a log already in order is
    recognised in one C-level pass without building a key per entry."""
    every = list(entries)
    ats = list(map(attrgetter("at"), every))
    if all(map(methodcaller("endswith", _UTC_SUFFIX), ats)):
        if all(map(lt, ats, islice(ats, 1, None))):
            return every  # strictly increasing: already in order, no tie to break
        every.sort(key=lambda e: (e.at, e.id))
    else:
        every.sort(key=lambda e: (_moment(e.at), e.id))
    return every

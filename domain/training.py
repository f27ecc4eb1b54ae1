"""The training model: a set, an entry (one exercise's sets from one message), a session.

A set carries its own reps, load, unit and kind; records, estimated 1RM and targets read working sets
only (warm-ups and activation never set records). Times are timezone-aware UTC datetimes; a user sees
them as local dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from domain.units import Unit, to_kg

# A set less than this after the previous one joins its session (the one constant of the log).
SESSION_GAP = timedelta(hours=2)


class SetKind(StrEnum):
    WARMUP = "warmup"
    WORKING = "working"
    BACKOFF = "backoff"
    DROP = "drop"
    ACTIVATION = "activation"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class LoggedSet:
    """One set. ``load`` is per implement (per hand for a pair of dumbbells, ``implements=2``);
    None is bodyweight. ``side`` is set for single-leg work logged per side."""

    reps: int
    load: float | None = None
    unit: Unit | None = None
    kind: SetKind = SetKind.WORKING
    rpe: float | None = None
    rir: int | None = None
    side: Side | None = None
    implements: int = 1
    band: str | None = None  # mini-band position for activation sets
    resistance: str | None = None  # mini-band strength (light/medium/heavy), when the user says it

    @property
    def load_kg(self) -> float | None:
        """Load per implement in kg (None for bodyweight)."""
        return None if self.load is None else to_kg(self.load, self.unit)

    @property
    def counts(self) -> bool:
        """True for the sets that records, 1RM estimates and targets read."""
        return self.kind in (SetKind.WORKING, SetKind.BACKOFF, SetKind.DROP)


@dataclass(frozen=True)
class Entry:
    """One exercise's sets from one message, at ``at`` (aware UTC), with an optional note."""

    exercise: str  # library (or the user's custom) exercise id
    sets: tuple[LoggedSet, ...]
    at: datetime
    note: str = ""
    id: int = 0  # per-account, increasing; assigned by storage

    @property
    def working(self) -> tuple[LoggedSet, ...]:
        return tuple(s for s in self.sets if s.kind is SetKind.WORKING)


@dataclass(frozen=True)
class Session:
    """A user's entries grouped by time: each set within SESSION_GAP of the previous one."""

    entries: tuple[Entry, ...] = field(default_factory=tuple)

    @property
    def start(self) -> datetime:
        return self.entries[0].at

    @property
    def end(self) -> datetime:
        return self.entries[-1].at


def group_sessions(entries: list[Entry] | tuple[Entry, ...], gap: timedelta = SESSION_GAP) -> list[Session]:
    """Entries (any order) grouped into sessions, oldest first."""
    ordered = sorted(entries, key=lambda e: (e.at, e.id))
    sessions: list[list[Entry]] = []
    for entry in ordered:
        if sessions and entry.at - sessions[-1][-1].at < gap:
            sessions[-1].append(entry)
        else:
            sessions.append([entry])
    return [Session(tuple(s)) for s in sessions]

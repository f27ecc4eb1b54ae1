"""The training model: a set, an entry (one exercise's sets from one message), a session.

A set carries its own reps, load, unit and kind; records, estimated 1RM and targets read working sets
only (warm-ups and activation never set records). Times are timezone-aware UTC datetimes; a user sees
them as local dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import islice
from operator import attrgetter, lt
from typing import TypeVar

from domain.units import LB_PER_KG, Unit

# A set less than this after the previous one joins its session (the one constant of the log).
SESSION_GAP = timedelta(hours=2)
# No session runs longer than this (sets every < 2 h all day would be one): the window around a time that
# is read to find the session it belongs to, so no reader sorts a 30,000-set history for it.
LONGEST_SESSION = timedelta(hours=24)
# The entries of one exercise in one session a /log's coaching reads: its latest this many. A day logged
# entry by entry (a hundred hip thrust entries in one session) keeps each /log's work bounded; twenty
# entries hold more sets than any session a coach would read as one scheme.
SESSION_READ = 20


class SetKind(StrEnum):
    WARMUP = "warmup"
    WORKING = "working"
    BACKOFF = "backoff"
    DROP = "drop"
    ACTIVATION = "activation"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Held(StrEnum):
    """One implement held instead of the lift's own (a dumbbell on the hips for a hip thrust, a
    kettlebell deadlift, a kettlebell Bulgarian split squat): its load is as typed and its target goes
    on in that implement's steps."""

    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"


@dataclass(frozen=True, slots=True)  # slots: a long log is many of these (memory, GC)
class LoggedSet:
    """One set. ``load`` is per implement (per hand for a pair of dumbbells, ``implements=2``);
    None is bodyweight. ``side`` is set for single-leg work logged per side. ``held``: one dumbbell or
    kettlebell instead of the lift's own implement (a bar, a dumbbell); None is the lift's usual way."""

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
    held: Held | None = None  # one dumbbell or kettlebell instead of the lift's own implement

    @property
    def way(self) -> int | Held:
        """How the set was done, for reading like with like: the one implement held, else how many
        (2: a pair of dumbbells)."""
        return self.held or self.implements

    @property
    def load_kg(self) -> float | None:
        """Load per implement in kg (None for bodyweight)."""
        # Inline `to_kg` (same rule): read for every set of a day on each /log, most of them in kg.
        load = self.load
        return None if load is None else load / LB_PER_KG if self.unit == "lb" else load

    @property
    def load_in_all_kg(self) -> float | None:
        """Load in kg in all, both hands of a pair (None for bodyweight): what records compare."""
        kg = self.load_kg
        return None if kg is None else kg * self.implements if self.implements > 1 else kg

    @property
    def counts(self) -> bool:
        """True for the sets that records, 1RM estimates and targets read."""
        return self.kind in (SetKind.WORKING, SetKind.BACKOFF, SetKind.DROP)


def straight_sets(
    reps: Iterable[int],
    load: float | None = None,
    unit: Unit | None = None,
    kind: SetKind = SetKind.WORKING,
    *,
    rpe: float | None = None,
    band: str | None = None,
) -> tuple[LoggedSet, ...]:
    """One set per rep count, all alike: ``3 × 10 @ 80 kg`` is ``straight_sets((10, 10, 10), 80, "kg")``."""
    return tuple(LoggedSet(r, load, unit, kind, rpe=rpe, band=band) for r in reps)


@dataclass(frozen=True, slots=True)  # slots: a long log is many of these (memory, GC)
class Entry:
    """One exercise's sets from one message, at ``at`` (aware UTC), with an optional note."""

    exercise: str  # library (or the user's custom) exercise id
    sets: tuple[LoggedSet, ...]
    at: datetime
    note: str = ""
    id: int = 0  # per-account, increasing; assigned by storage
    # Import dedupe key "<app>|<workout start ISO>|<exercise name>"; "" when typed.
    source: str = ""
    # True when /done closed the previous session before this entry: a session starts here.
    starts_session: bool = False

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


E = TypeVar("E", bound=Entry)


def chronological(entries: Iterable[E]) -> list[E]:
    """``entries`` in the order they were trained: by (at, id). Why not by id alone: ids only grow, so
    an entry backdated, restored from quarantine or merged from a linked account has a newer id than
    sets trained after it. Cheap on the usual log (it runs for every /plan and reminder): a log already
    in order is recognised in one C-level pass, without building a key per entry."""
    every = list(entries)
    ats = list(map(attrgetter("at"), every))
    if all(map(lt, ats, islice(ats, 1, None))):
        return every  # strictly increasing: already in order, no tie to break
    every.sort(key=lambda e: (e.at, e.id))
    return every


def group_sessions(entries: list[Entry] | tuple[Entry, ...], gap: timedelta = SESSION_GAP) -> list[Session]:
    """Entries (any order) grouped into sessions, oldest first. An entry with ``starts_session``
    (the previous session was closed with /done) starts a new one whatever the gap, and so does one
    LONGEST_SESSION or more after its session's first set (readers look that far around a set)."""
    ordered = chronological(entries)
    sessions: list[list[Entry]] = []
    for entry in ordered:
        if (
            sessions
            and not entry.starts_session
            and entry.at - sessions[-1][-1].at < gap
            and entry.at - sessions[-1][0].at < LONGEST_SESSION
        ):
            sessions[-1].append(entry)
        else:
            sessions.append([entry])
    return [Session(tuple(s)) for s in sessions]

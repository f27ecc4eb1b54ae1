"""The summary of one closed session: per exercise the working sets and volume (load × reps), the
records set, the time spent. Pure: the handler adds the names, the next targets and the button."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from coaching.hardsets import hard_sets
from coaching.prescribe import ExerciseRules, is_pr
from domain.training import Entry, LoggedSet, Session, Side
from domain.units import Unit, from_kg


@dataclass(frozen=True)
class ExerciseWork:
    exercise: str
    sets: int  # hard sets: working (and back-off, drop), no light set beside the work
    reps: int
    volume: float  # load × reps in the summary's unit; 0 for bodyweight work
    prs: tuple[str, ...]  # what /log called a record, e.g. "heaviest load"


@dataclass(frozen=True)
class SessionSummary:
    work: tuple[ExerciseWork, ...]
    minutes: int  # first to last log of the session
    unit: Unit

    @property
    def worth_sending(self) -> bool:
        """False for a session of warm-ups (or activation) only: nothing is said about it."""
        return any(w.sets for w in self.work)

    @property
    def prs(self) -> tuple[tuple[str, str], ...]:
        return tuple((w.exercise, flag) for w in self.work for flag in w.prs)


def set_volume(hard: Iterable[LoggedSet], unit: Unit) -> tuple[int, int, float]:
    """(sets, reps, load × reps in ``unit``) of ``hard``, an entry's hard sets (coaching.hardsets: never
    warm-ups, activation or a light set logged beside the work); reps and volume count both sides of
    single-leg work."""
    sets = reps = 0
    volume = 0.0
    for s in hard:
        sets += s.side is not Side.RIGHT  # a set done on each side is one set ("3 × 10 each side")
        reps += s.reps
        if s.load_kg:
            volume += from_kg(s.load_kg, unit) * s.implements * s.reps
    return sets, reps, volume


def summarize(
    session: Session,
    history: Sequence[Entry],
    rules: Callable[[str], ExerciseRules | None],
    unit: Unit,
) -> SessionSummary:
    """``history``: every entry of the user (the session's included); records are judged against the
    entries of the same exercise logged before each one, as /log judged them."""
    order: list[str] = []
    totals: dict[str, list[float]] = {}
    flags: dict[str, list[str]] = {}
    for entry, hard in hard_sets(session):
        if entry.exercise not in totals:
            order.append(entry.exercise)
            totals[entry.exercise] = [0, 0, 0.0]
            flags[entry.exercise] = []
        sets, reps, volume = set_volume(hard, unit)
        t = totals[entry.exercise]
        t[0] += sets
        t[1] += reps
        t[2] += volume
        before = [e for e in history if e.exercise == entry.exercise and (e.at, e.id) < (entry.at, entry.id)]
        for flag in is_pr(sorted(before, key=lambda e: (e.at, e.id)), entry, rules(entry.exercise)):
            if flag not in flags[entry.exercise]:
                flags[entry.exercise].append(flag)
    work = tuple(
        ExerciseWork(ex, int(totals[ex][0]), int(totals[ex][1]), round(totals[ex][2], 1), tuple(flags[ex]))
        for ex in order
    )
    minutes = int((session.end - session.start).total_seconds() // 60)
    return SessionSummary(work, minutes, unit)


def duration_text(minutes: int) -> str:
    if minutes < 1:
        return "under a minute between your first and last log"
    hours, mins = divmod(minutes, 60)
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"

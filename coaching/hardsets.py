"""Which logged sets are hard sets: the ones the weekly volume (/plan, /recap, its chart) and the
session summary (/done) count. Defined once here. Pure: domain entries in, sets out.

A hard set is a working, back-off or drop set (warm-ups and activation never count) that is not a
light loaded working set: one under ``LIGHT_SHARE`` of the heaviest load of the same exercise in the
same session ("/log hip thrust 100x10,10,9" then "/log hip thrust 1x10 40kg" is 3 hard sets, the 40 kg
set a warm-up logged late). The next target ignores such a set too: it progresses from a session's
sets at its top load (coaching.prescribe).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from domain.training import LONGEST_SESSION, Entry, LoggedSet, Session, SetKind, group_sessions

__all__ = ["LIGHT_SHARE", "is_hard", "session_tops", "hard_sets", "hard_sets_in"]

# A warm-up ramp climbs ~40% ×5, ~60% ×3, ~80% ×2 of the working load (coaching-facts §6, "Warm-up
# sets"). Its upper steps overlap real back-off work (a set at 70–80% of the top for more reps is hard
# work), so only a set below the ramp's middle step is taken for a warm-up logged without its "w".
LIGHT_SHARE = 0.6
# An effort the lifter rated at least this (or as few reps in reserve) is a hard set whatever its load
# (coaching-facts: hard sets are those taken within a few reps of failure).
HARD_RPE = 7
_TOL_KG = 0.01  # unit conversions round to 0.01: 135 lb of a 225 lb top is 60%, not under it


def _heaviest(sets: Iterable[LoggedSet]) -> float | None:
    """The heaviest load in hand (kg, both hands of a pair) of the counted sets done (reps > 0)."""
    return max((s.load_in_all_kg for s in sets if s.counts and s.reps > 0 and s.load_in_all_kg), default=None)


def session_tops(entries: Iterable[Entry]) -> dict[str, float]:
    """Each exercise's heaviest counted load (kg in hand) among ``entries``, the entries of one session."""
    tops: dict[str, float] = {}
    for e in entries:
        top = _heaviest(e.sets)
        if top is not None and top > tops.get(e.exercise, 0.0):
            tops[e.exercise] = top
    return tops


def is_hard(s: LoggedSet, top_kg: float | None) -> bool:
    """True for a set that counts as a hard set, given its exercise's ``top_kg`` in the session."""
    if not s.counts:
        return False
    if s.kind is not SetKind.WORKING:
        return True  # back-off and drop sets: the lifter said they were part of the work
    if (s.rpe is not None and s.rpe >= HARD_RPE) or (s.rir is not None and s.rir <= 10 - HARD_RPE):
        return True  # rated hard by the lifter: work at any load, never a warm-up
    load = s.load_in_all_kg
    # Bodyweight work has no load to compare: it counts, as an unloaded lift always did.
    return not (load and top_kg and load + _TOL_KG < LIGHT_SHARE * top_kg)


def hard_sets(session: Session) -> list[tuple[Entry, tuple[LoggedSet, ...]]]:
    """Each entry of ``session`` with its hard sets (possibly none), in order."""
    tops = session_tops(session.entries)
    return [(e, tuple(s for s in e.sets if is_hard(s, tops.get(e.exercise)))) for e in session.entries]


def hard_sets_in(
    entries: Sequence[Entry], start: datetime, end: datetime
) -> list[tuple[Entry, tuple[LoggedSet, ...]]]:
    """The entries logged in [start, end) with their hard sets, each judged within its whole session
    (a session across the window's edge keeps its top). Only the entries near the window are grouped,
    so a long history costs one pass."""
    near = [e for e in entries if start - LONGEST_SESSION <= e.at < end + LONGEST_SESSION]
    return [
        (e, sets) for session in group_sessions(near) for e, sets in hard_sets(session) if start <= e.at < end
    ]

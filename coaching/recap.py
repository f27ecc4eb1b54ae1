"""The weekly recap and the behind-goal nudge. Pure: entries (domain.training.Entry), a goal, local
week boundaries in; numbers and sentences out. The weekly volume chart is drawn here too (matplotlib's
object-oriented API, imported when drawn; the handler runs it in a worker, see core.jobs)."""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from coaching.prescribe import ExerciseRules, is_pr
from coaching.programs import PATTERNS, WEEKLY_SETS, WeekVolume, week_volume
from domain.training import Entry, group_sessions

STREAK_WEEKS_MAX = 104  # weeks the handler looks back for a streak, at most (two years)
CHART_WEEKS = 8
ALL_PATTERNS = ("bridge/thrust", "squat/lunge", "hinge", "hip extension", "abduction")


def session_starts(entries: Sequence[Entry]) -> list[datetime]:
    """When each session started, of those with at least one set that counts (warm-ups only: none)."""
    return [
        s.start for s in group_sessions(list(entries)) if any(x.counts for e in s.entries for x in e.sets)
    ]


def sessions_in(entries: Sequence[Entry], start: datetime, end: datetime) -> int:
    """Sessions that started in [start, end) with at least one set that counts."""
    return sum(1 for at in session_starts(entries) if start <= at < end)


def streak(entries: Sequence[Entry], goal: int, weeks: Sequence[tuple[datetime, datetime]]) -> int:
    """Weeks in a row that met ``goal``: ``weeks`` are (start, end) windows, newest first (the
    handler works them out on the user's local calendar, so DST weeks are right)."""
    if goal <= 0:
        return 0
    starts = session_starts(entries)  # grouped once, not once per week
    count = 0
    for start, end in weeks:
        if sum(1 for at in starts if start <= at < end) < goal:
            break
        count += 1
    return count


@dataclass(frozen=True)
class Recap:
    sessions: int
    goal: int
    volume: WeekVolume
    prs: tuple[tuple[str, str], ...]  # (exercise id, what)
    streak: int
    focus: str


def week_prs(
    entries: Sequence[Entry], start: datetime, end: datetime, rules: Callable[[str], ExerciseRules | None]
) -> tuple[tuple[str, str], ...]:
    ordered = sorted(entries, key=lambda e: (e.at, e.id))
    found: list[tuple[str, str]] = []
    for i, entry in enumerate(ordered):
        if not start <= entry.at < end:
            continue
        before = [e for e in ordered[:i] if e.exercise == entry.exercise]
        for flag in is_pr(before, entry, rules(entry.exercise)):
            if (entry.exercise, flag) not in found:
                found.append((entry.exercise, flag))
    return tuple(found)


def focus_for(sessions: int, goal: int, volume: WeekVolume) -> str:
    """One thing to work on next week: sessions first, then the amount of hard sets, then balance."""
    low, high = WEEKLY_SETS
    if goal and sessions < goal:
        return f"get all {goal} sessions in: pick the days now, or set /remind so I nudge you"
    if volume.hard_sets < low:
        return f"add hard glute sets: {low} a week is the usual minimum (one more set per exercise)"
    if volume.hard_sets > high:
        return f"trim back toward {high} hard sets and push the load instead"
    missing = [p for p in ALL_PATTERNS if p not in volume.by_pattern and p != "hip extension"]
    if missing:
        return f"add one {missing[0]} exercise for a fuller week"
    return "keep it going: beat one of these 7 days' top sets"


def recap(
    entries: Sequence[Entry],
    goal: int,
    weeks: Sequence[tuple[datetime, datetime]],
    rules: Callable[[str], ExerciseRules | None],
    own: Collection[str] = (),
) -> Recap:
    """The recap of ``weeks[0]`` (the earlier weeks, newest first, only count for the streak).
    ``own``: the user's own glute lifts, whose hard sets count as glute sets (`week_volume`)."""
    start, end = weeks[0]
    done = sessions_in(entries, start, end)
    volume = week_volume(list(entries), start, end, own)
    return Recap(
        sessions=done,
        goal=goal,
        volume=volume,
        prs=week_prs(entries, start, end, rules),
        streak=streak(entries, goal, weeks),
        focus=focus_for(done, goal, volume),
    )


def behind(goal: int, done: int, days_left: int, trained_today: bool) -> bool:
    """True when the week's goal can no longer be met without training today: ``days_left`` counts
    today, and one session a day at most."""
    need = goal - done
    return goal > 0 and not trained_today and need > 0 and need >= days_left


def weekly_hard_sets(
    entries: Sequence[Entry], starts: Sequence[datetime], end: datetime, own: Collection[str] = ()
) -> list[int]:
    """Hard glute sets per week, for weeks starting at ``starts`` (ascending; the last ends at ``end``);
    ``own`` as `recap`'s."""
    bounds = [*starts[1:], end]
    return [week_volume(list(entries), s, e, own).hard_sets for s, e in zip(starts, bounds, strict=True)]


def volume_chart(labels: list[str], hard_sets: list[int]) -> bytes:
    """PNG: hard glute sets per week, the usual 10–20 shaded."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.0, 4.5), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title("Hard glute sets per week", fontsize=15, fontweight="bold")
    low, high = WEEKLY_SETS
    ax.axhspan(low, high, color="#2ca02c", alpha=0.12, label=f"usual {low}–{high}")
    ax.bar(labels, hard_sets, color="#1f77b4")
    ax.set_ylim(0, max([high + 4, *hard_sets]) * 1.1)
    ax.tick_params(labelsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="upper left", fontsize=10, frameon=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


__all__ = [
    "PATTERNS",
    "Recap",
    "behind",
    "recap",
    "sessions_in",
    "streak",
    "volume_chart",
    "weekly_hard_sets",
]

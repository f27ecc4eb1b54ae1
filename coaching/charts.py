"""Progress chart as PNG bytes, sized for a phone screen.

matplotlib is imported inside :func:`progress_chart` (it costs most of a second), and only its
object-oriented API with the Agg canvas is used: no pyplot, no global backend switch, nothing shared
between calls, so charts can be drawn from any thread.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from domain.levels import BANDS
from domain.training import Entry, Held, LoggedSet, SetKind, chronological
from domain.units import LB_PER_KG, UNITS, about, from_kg

from .bests import Bests
from .prescribe import ExerciseRules, done_with, e1rm, is_pr

__all__ = [
    "progress_chart",
    "progress_figure",
    "drawable_title",
    "chart_file_name",
    "time_window",
    "load_as_logged",
    "Session",
    "sessions",
    "BandSession",
    "band_sessions",
]

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 4.5, 100  # 800 x 450 px
_NOT_IN_A_FILE_NAME = re.compile(r"[^a-z0-9-]+")


def chart_file_name(exercise_name: str) -> str:
    """The progress chart's file name, from the exercise's name as the user sees it ("Hip thrust" →
    ``hip_thrust-progress.png``, "reverse hyper" → ``reverse_hyper-progress.png``): never an internal
    id such as ``custom_reverse_hyper``. ASCII only ("Élévation" → ``elevation``, a Greek name →
    ``exercise-<8 hex>``): Discord's embed finds the image by ``attachment://<name>``, and a saved
    file's name must mean the same on every system."""
    spelt = [
        c for c in unicodedata.normalize("NFKD", exercise_name.casefold()) if not unicodedata.combining(c)
    ]
    stem = _NOT_IN_A_FILE_NAME.sub("_", "".join(c for c in spelt if c.isascii())).strip("_-")[:60]
    if any(not c.isascii() for c in spelt):
        # Letters ASCII cannot spell ("臀桥", "Άρση"): a short hash keeps two such charts two files.
        digest = hashlib.blake2b(exercise_name.encode("utf-8"), digest_size=4).hexdigest()
        stem = f"{stem or 'exercise'}-{digest}"
    stem = stem or "exercise"
    return f"{stem}-progress.png"


def load_as_logged(s: LoggedSet, unit: str) -> str:
    """A set's load as it was logged ("80 kg", "2 × 12 kg"), with about that much in ``unit`` beside
    it when it was logged in the other one ("80 kg (about 176.4 lb)"): to one decimal, as every
    converted figure (`about`), never "176.37 lb", a conversion no one loaded."""
    pair = f"{s.implements} × " if s.implements > 1 else ""
    logged = s.unit or unit
    said = f"{pair}{s.load or 0.0:g} {logged}"
    if logged != unit:
        said += f" ({about(from_kg(s.load_kg or 0.0, unit), pair)} {unit})"
    return said


@dataclass(frozen=True)
class Session:
    """One session's work on the exercise (entries grouped by their session, or by UTC date)."""

    day: date
    top_weight: float | None  # heaviest load of the day, in the chart's unit; None = bodyweight day
    best_e1rm: float | None  # in the chart's unit
    total_reps: int
    pr: bool  # beat every earlier session's top weight or estimated 1RM (loaded) / total reps (bodyweight)
    pr_weight: bool = False  # loaded: a heavier top set than any earlier session
    pr_e1rm: bool = False  # loaded: a better estimated 1RM than any earlier session
    at: datetime | None = None  # where it is drawn: the session's start (`Starts`), else its day
    top_said: str = ""  # the top set's load as logged (`load_as_logged`): the chart names the last one
    # Done with a pair of dumbbells (or kettlebells): its own line, both hands in all, never one line
    # with a barbell's loads. A session of both is two points, one on each line.
    pair: bool = False
    # Done with one dumbbell or kettlebell held on a bar lift ("dumbbell", "kettlebell"; "" for none):
    # its own line too, as a pair's.
    held: str = ""


@dataclass(frozen=True)
class BandSession:
    """One session of band work: where the band sat (the furthest position used) and the reps done."""

    day: date
    band: str | None  # knees, ankles or feet; None when no position was logged
    total_reps: int
    at: datetime | None = None  # as `Session.at`


# Each entry's session start by entry id, naive on the user's clock: what /progress counts as its
# sessions (`domain.training.group_sessions` over all the user's entries), so the chart draws as many.
Starts = Mapping[int, datetime]


def _grouped(entries: list[Entry], starts: Starts | None) -> list[tuple[datetime, list[Entry]]]:
    """Entries by session (``starts``), or by UTC date for an entry ``starts`` does not hold."""
    by: dict[datetime, list[Entry]] = {}
    for e in chronological(entries):
        at = starts.get(e.id) if starts is not None else None
        if at is None:
            day = _day(e.at)
            at = datetime(day.year, day.month, day.day)
        by.setdefault(at, []).append(e)
    return sorted(by.items(), key=lambda kv: kv[0])


def band_sessions(entries: list[Entry], starts: Starts | None = None) -> list[BandSession]:
    """Band work by session: activation and working sets (a band exercise's sets are activation)."""
    out = []
    for at, group in _grouped(entries, starts):
        sets = [s for e in group for s in e.sets if s.kind in (SetKind.ACTIVATION, SetKind.WORKING)]
        if not sets:
            continue
        bands = [s.band for s in sets if s.band in BANDS]
        band = max(bands, key=BANDS.index) if bands else None
        out.append(BandSession(at.date(), band, sum(s.reps for s in sets), at))
    return out


def _day(at: datetime) -> date:
    return at.astimezone(UTC).date()


def sessions(
    entries: list[Entry], unit: str, rules: ExerciseRules | None = None, starts: Starts | None = None
) -> list[Session]:
    """Group the working sets of entries by session (``starts``; else by UTC date), every one with work:
    a session with a load has its top set and estimated 1RM, a bodyweight one (none loaded) its total
    reps, so a history of both keeps every session /progress counts. Warm-ups and activation sets are
    never drawn (they set no records).

    A day's stars are the records /log gave its entries (``is_pr`` against the earlier days), so a
    session that went backwards on a heavier bar is no PR on the chart either. Work with a pair of
    dumbbells is a point of its own (``pair``), beside a single load done the same session."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    factor = LB_PER_KG if unit == "lb" else 1.0
    out: list[Session] = []
    # The days before, folded in day by day: judging a day reads their bests, not every earlier entry
    # (a pass over the history per day made a five-year chart take a minute).
    earlier = Bests()
    for at, every in _grouped(entries, starts):
        group = [e for e in every if e.working]
        if not group:
            continue
        total = sum(s.reps for e in group for s in e.working)
        loaded = [s for e in group for s in e.working if s.load is not None and s.load > 0]
        flagged = [(e, is_pr(earlier.witnesses(e), e, rules)) for e in group]
        for e in group:
            earlier.fold(e, rules)
        for pair, held in _WAYS:
            sets = [s for s in loaded if (s.implements == 2) == pair and s.held == held]
            if not sets:
                continue
            # The records of the entries done this way (a pair, one implement held, or a single load).
            flags = {f for e, found in flagged for f in found if _done_so(done_with(e), pair, held)}
            # In all: a pair of 12 kg dumbbells is 24 kg, as /progress and /log's 1RM say.
            heaviest = max(sets, key=lambda s: (s.load_kg or 0.0) * max(1, s.implements))
            top = (heaviest.load_kg or 0.0) * max(1, heaviest.implements) * factor
            # Epley only means something for 1-12 reps: a day of high-rep sets has no estimate.
            estimates = [e1rm((s.load_kg or 0.0) * max(1, s.implements) * factor, s.reps) for s in sets]
            est = max((x for x in estimates if x is not None), default=None)
            pr_w = "heaviest load" in flags
            pr_e = "best estimated 1RM" in flags
            said = load_as_logged(heaviest, unit)
            shown = held.value if held else ""
            out.append(Session(at.date(), top, est, total, pr_w or pr_e, pr_w, pr_e, at, said, pair, shown))
        if not loaded:
            most = any("most total reps" in found for _e, found in flagged)
            out.append(Session(at.date(), None, None, total, most, at=at))
    return out


# The ways a session's loaded work is drawn apart: (a pair, the one implement held).
_WAYS: tuple[tuple[bool, Held | None], ...] = ((False, None), (True, None), *((False, h) for h in Held))


def _done_so(way: int | Held | None, pair: bool, held: Held | None) -> bool:
    """An entry done ``way`` (`done_with`) is one of the line (``pair``, ``held``)."""
    if pair:
        return way == 2
    if held is not None:
        return way == held
    return way != 2 and not isinstance(way, Held)


def empty_note(entries: list[Entry]) -> str:
    """What a chart with nothing to draw says: warm-ups are never drawn, so a log of warm-ups only
    is not an empty log."""
    return "Only warm-ups logged yet" if entries else "Nothing logged yet"


def progress_chart(
    entries: list[Entry],
    title: str,
    unit: str,
    rules: ExerciseRules | None = None,
    starts: Starts | None = None,
) -> bytes:
    """PNG of :func:`progress_figure`."""
    buf = io.BytesIO()
    progress_figure(entries, title, unit, rules, starts).savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def progress_figure(
    entries: list[Entry],
    title: str,
    unit: str,
    rules: ExerciseRules | None = None,
    starts: Starts | None = None,
) -> Any:
    """The chart as a matplotlib ``Figure``: top-set weight and estimated 1RM per session (in ``unit``;
    sessions as ``starts`` says, see `Starts`; else by UTC date), PR sessions starred. Bodyweight sessions plot their total reps: alone on the axis in a bodyweight
    history, on a second axis beside the loads in a history of both. Band work (``rules.band_work``)
    plots reps and the band position. Warm-ups are left out.
    An empty history still gives a chart, with a short note instead of lines.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title(drawable_title(title), fontsize=15, fontweight="bold")
    ax.tick_params(labelsize=11)
    ax.grid(True, alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    if rules is not None and rules.band_work:
        _band_chart(ax, band_sessions(entries, starts))
        return fig
    points = sessions(entries, unit, rules, starts)
    if not points:
        ax.text(0.5, 0.5, empty_note(entries), ha="center", va="center", fontsize=14, transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
        return fig
    days = _xs(points)
    loaded = [(d, p) for d, p in zip(days, points, strict=True) if p.top_weight is not None]
    bodyweight = [(d, p) for d, p in zip(days, points, strict=True) if p.top_weight is None]
    axes = [ax]
    # A single load (a barbell) and a pair of dumbbells are lines of their own: both hands of a pair
    # in all, said in the label, never one line jumping between a bar and the dumbbells.
    single = [(d, p) for d, p in loaded if not p.pair and not p.held]
    pairs = [(d, p) for d, p in loaded if p.pair]
    if single:
        _weight_lines(ax, single, unit)
    if pairs:
        _weight_lines(ax, pairs, unit, PAIR_LABEL, ("#9467bd", "#8c564b"))
    for held in Held:  # one dumbbell or kettlebell held: a line of its own, never the bar's
        if one := [(d, p) for d, p in loaded if p.held == held.value]:
            _weight_lines(ax, one, unit, HELD_LABEL.format(held.value), ("#2ca02c", "#d62728"))
    if bodyweight:
        reps_ax = ax
        if loaded:  # a history of both: the reps on their own axis, on the right
            reps_ax = ax.twinx()
            reps_ax.spines["top"].set_visible(False)
            reps_ax.tick_params(labelsize=11)
            axes.append(reps_ax)
        style = "o:" if loaded else "o-"  # dotted: loaded days may lie between two bodyweight days
        reps = [p.total_reps for _, p in bodyweight]
        reps_ax.plot(
            [d for d, _ in bodyweight], reps, style, color="#2ca02c", lw=2.2, ms=6, label="total reps"
        )
        prs = [(d, p.total_reps) for d, p in bodyweight if p.pr]
        if prs:
            _plot_prs(reps_ax, [d for d, _ in prs], [r for _, r in prs])
        reps_ax.set_ylabel("total reps (bodyweight)", fontsize=12)
        reps_ax.margins(y=0.15)
    _dates(ax, days)
    ax.margins(y=0.15)
    # One legend for both axes, each label once (a star on each axis is one "PR").
    handles: dict[str, Any] = {}
    for a in axes:
        for handle, label in zip(*a.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
    ax.legend(list(handles.values()), list(handles), loc="upper left", fontsize=10, frameon=False)
    return fig


def drawable_title(title: str) -> str:
    """``title`` when the title's font draws every character of it, else "Progress": matplotlib's own
    DejaVu Sans has Latin, Greek and Cyrillic but no Chinese or Japanese, which came out as boxes
    (and one "Glyph missing" warning per character in the log). The image's caption names it."""
    if not title:
        return "Progress"
    from matplotlib.font_manager import FontProperties, findfont

    drawn = _glyphs(findfont(FontProperties(weight="bold")))
    return title if all(ord(c) in drawn for c in title) else "Progress"


@functools.lru_cache(maxsize=4)
def _glyphs(font_path: str) -> frozenset[int]:
    """The characters the font file has a glyph for."""
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(font_path).get_charmap())


# What the lines of work with a pair of dumbbells add to their labels: their loads are both hands'.
PAIR_LABEL = " (dumbbells, both hands)"
# ...and those of one dumbbell or kettlebell held on a bar lift.
HELD_LABEL = " (one {})"


def _weight_lines(
    ax: Any,
    loaded: list[tuple[datetime, Session]],
    unit: str,
    label: str = "",
    colors: tuple[str, str] = ("#1f77b4", "#ff7f0e"),
) -> None:
    """Top set and estimated 1RM of the loaded sessions, records starred, the last load named;
    ``label`` ends the lines' labels (`PAIR_LABEL`), drawn in ``colors``."""
    days = [d for d, _ in loaded]
    points = [p for _, p in loaded]
    ax.plot(
        days, [p.top_weight for p in points], "o-", color=colors[0], lw=2.2, ms=6, label=f"top set{label}"
    )
    ax.plot(
        days,
        [float("nan") if p.best_e1rm is None else p.best_e1rm for p in points],
        "s--",
        color=colors[1],
        lw=1.8,
        ms=5,
        label=f"estimated 1RM{label}",
    )
    # A star on each line that set a record that day.
    stars = [(d, p.top_weight) for d, p in loaded if p.pr_weight]
    stars += [(d, p.best_e1rm) for d, p in loaded if p.pr_e1rm]
    if stars:
        _plot_prs(ax, [d for d, _ in stars], [v for _, v in stars])
    ax.set_ylabel(f"weight ({unit})", fontsize=12)
    last_day, last = loaded[-1]
    ax.annotate(
        last.top_said or f"{last.top_weight:.4g} {unit}",
        (last_day, last.top_weight),
        textcoords="offset points",
        xytext=(0, -16),
        ha="center",
        fontsize=10,
    )


DAYS_SHOWN_AT_LEAST = 7  # a shorter history is drawn in a week around it, so its ticks are whole days
ONE_DAY_AROUND = timedelta(days=1)  # a history of one day is drawn from the day before to the day after


def time_window(days: Sequence[datetime]) -> tuple[datetime, datetime] | None:
    """The time axis's limits for sessions drawn at ``days`` (`_xs`), or None for matplotlib's own.
    A history of one day (one session, or two on that day) runs from the midnight before it to the
    one after, its own day's tick in the middle: a week around it ran days past the only session. A
    history shorter than a week is shown in a week around it: for two or three days matplotlib ticks
    every few hours."""
    first, last = min(days), max(days)
    if first.date() == last.date():
        day = datetime(first.year, first.month, first.day, tzinfo=first.tzinfo)
        return day - ONE_DAY_AROUND, day + ONE_DAY_AROUND
    least = timedelta(days=DAYS_SHOWN_AT_LEAST)
    if last - first < least:
        middle = first + (last - first) / 2
        return middle - least / 2, middle + least / 2
    return None


def _dates(ax: Any, days: list[datetime]) -> None:
    """The time axis as matplotlib dates it: `AutoDateLocator` ticks (a month's day ticks always include
    its 1st) under `ConciseDateFormatter` labels, which name a month where it begins and put the month
    or year the ticks share in the corner. Hand-made ticks every few days ended before the last session
    and never named the month's change ("2026-Nov" under a chart that ran to 2 Dec). Limits as
    `time_window` says; a one-day window has a tick a day (AutoDateLocator would tick every 6 hours)."""
    from matplotlib import dates as mdates

    window = time_window(days)
    if window is not None:
        ax.set_xlim(*window)
    if window is not None and window[1] - window[0] < timedelta(days=DAYS_SHOWN_AT_LEAST):
        locator: Any = mdates.DayLocator()
    else:
        # Up to 8 day ticks: a week's every day; months and years as before (7).
        locator = mdates.AutoDateLocator(
            minticks=3, maxticks={mdates.YEARLY: 7, mdates.MONTHLY: 7, mdates.DAILY: 8}
        )
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _xs(points: Sequence[Session | BandSession]) -> list[datetime]:
    """Where each session is drawn: at the midnight that starts its day, on its own date's tick (at
    its start time a late session sat beside the next day's tick); two or more on one day at their
    start times, after that tick."""
    per_day = Counter(p.day for p in points)
    return [
        p.at if p.at is not None and per_day[p.day] > 1 else datetime(p.day.year, p.day.month, p.day.day)
        for p in points
    ]


def _band_chart(ax: Any, points: list[BandSession]) -> None:
    """Band work: the reps per session, and on a second axis the band position (knees → feet is
    harder), so moving the band down the leg shows as progress even when the reps drop."""
    if not points:
        ax.text(0.5, 0.5, "Nothing logged yet", ha="center", va="center", fontsize=14, transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    days = _xs(points)
    ax.plot(days, [p.total_reps for p in points], "o-", color="#2ca02c", lw=2.2, ms=6, label="total reps")
    ax.set_ylabel("total reps", fontsize=12)
    ax.margins(y=0.15)
    placed = [(d, BANDS.index(p.band) + 1) for d, p in zip(days, points, strict=True) if p.band]
    if placed:
        right = ax.twinx()
        right.step(
            [d for d, _ in placed],
            [y for _, y in placed],
            "s-",
            where="post",
            color="#9467bd",
            lw=1.8,
            ms=6,
            label="band position",
        )
        right.set_ylim(0.5, len(BANDS) + 0.5)
        right.set_yticks(range(1, len(BANDS) + 1), labels=list(BANDS))
        right.set_ylabel("band at the", fontsize=12)
        right.spines["top"].set_visible(False)
        right.legend(loc="upper right", fontsize=10, frameon=False)
    _dates(ax, days)
    ax.legend(loc="upper left", fontsize=10, frameon=False)


def _plot_prs(ax: Any, xs: list[Any], ys: list[float]) -> None:
    """Record sessions as gold stars, the same on the weight and the reps chart."""
    ax.plot(xs, ys, "*", color="#d4a017", mec="black", mew=0.6, ms=16, label="PR", zorder=5)

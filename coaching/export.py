"""CSV export of the training log: one row per set, ready for a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, tzinfo

from coaching.hardsets import warmups_read
from domain.training import Entry, SetKind, group_sessions

__all__ = ["entries_csv", "COLUMNS", "safe_cell"]

# The first eleven are the columns of earlier releases, in their order (spreadsheets built on them keep
# working); the rest came with sets of their own kinds and loads.
COLUMNS = (
    "date_utc",
    "entry_id",
    "exercise_id",
    "exercise",
    "set_number",
    "reps",
    "weight",
    "unit",
    "band",
    "rpe",
    "activation",
    "date_local",  # the user's local date, as /history shows it
    "session",  # 1 for the first session, as /history numbers them
    # warmup, working, backoff, drop, activation; a working set the coach counts as a warm-up (a ramp
    # step typed without its "w") is warmup, as the /log card and /history say
    "kind",
    "side",  # left / right for work logged per side
    "rir",
    "load_kg",  # ``weight`` in kg whatever unit it was logged in (per hand for a pair of dumbbells)
    "note",
    "implements",  # 2 for a pair of dumbbells (``weight`` is per hand)
    "resistance",  # a mini-band's strength, when given
    # the exercise's kind (activation, glute_lift, compound, accessory): a user's own exercise comes back
    # from /import as the kind they gave it
    "exercise_category",
    # dumbbell or kettlebell: one of them held on a lift usually done with a bar (a dumbbell on the hips
    # for a hip thrust); empty: the lift's usual way. /import reads it back.
    "single_implement",
)

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _date_utc(at: datetime) -> str:
    """The time as ``YYYY-MM-DD HH:MM:SS`` in UTC (what spreadsheets read as a date)."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def entries_csv(
    entries: list[Entry],
    exercise_names: dict[str, str],
    tz: tzinfo = UTC,
    categories: dict[str, str] | None = None,
) -> bytes:
    """UTF-8 CSV, oldest first, one row per set; ``unit`` is kg, lb or bodyweight; local dates in ``tz``;
    ``categories``: each exercise id's kind (an exercise with none leaves the cell empty)."""
    categories = categories or {}
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    # Session by session, oldest first: the order of the entries, and what their sets are read as.
    read = [(n, e) for n, s in enumerate(group_sessions(entries), start=1) for e in warmups_read(s.entries)]
    for session, e in read:
        local = e.at.astimezone(tz).date().isoformat()
        for number, s in enumerate(e.sets, start=1):
            row = (
                _date_utc(e.at),
                e.id,
                e.exercise,
                exercise_names.get(e.exercise, e.exercise),
                number,
                s.reps,
                _number(s.load),
                "bodyweight" if s.load is None else (s.unit or "kg"),
                s.band or "",
                _number(s.rpe),
                "yes" if s.kind is SetKind.ACTIVATION else "no",
                local,
                session,
                s.kind.value,
                s.side.value if s.side else "",
                "" if s.rir is None else s.rir,
                _number(None if s.load_kg is None else round(s.load_kg, 3)),
                e.note,
                s.implements,
                s.resistance or "",
                categories.get(e.exercise, ""),
                s.held.value if s.held else "",
            )
            writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")

"""CSV export of the training log: one row per set, ready for a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from domain.training import Entry, SetKind, chronological

__all__ = ["entries_csv", "COLUMNS", "safe_cell"]

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


def entries_csv(entries: list[Entry], exercise_names: dict[str, str]) -> bytes:
    """UTF-8 CSV, oldest first, one row per set; ``unit`` is kg, lb or bodyweight."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    for e in chronological(entries):
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
            )
            writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")

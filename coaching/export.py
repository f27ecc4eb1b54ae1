"""CSV export of the training log: one row per set, ready for a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from domain.log import LogEntry

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


def _date_utc(at: str) -> str:
    """ISO timestamp as ``YYYY-MM-DD HH:MM:SS`` in UTC (what spreadsheets read as a date); raw if unreadable."""
    try:
        moment = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return str(at)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def entries_csv(entries: list[LogEntry], exercise_names: dict[str, str]) -> bytes:
    """UTF-8 CSV, oldest first, one row per set; ``unit`` is kg, lb or bodyweight."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    for e in sorted(entries, key=lambda e: (e.at, e.id)):
        unit = "bodyweight" if e.weight is None else (e.unit or "kg")
        for number, reps in enumerate(e.reps, start=1):
            row = (
                _date_utc(e.at),
                e.id,
                e.exercise,
                exercise_names.get(e.exercise, e.exercise),
                number,
                reps,
                _number(e.weight),
                unit,
                e.band or "",
                _number(e.rpe),
                "yes" if e.activation else "no",
            )
            writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")

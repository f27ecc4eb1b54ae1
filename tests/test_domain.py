"""The domain layer: sessions group by SESSION_GAP; conversions; imports nothing of ours."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain.levels import next_band
from domain.training import SESSION_GAP, Entry, LoggedSet, SetKind, group_sessions
from domain.units import from_kg, to_kg

T0 = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)


def _entry(minutes: float, exercise: str = "hip_thrust") -> Entry:
    return Entry(exercise, (LoggedSet(10, 80.0, "kg"),), T0 + timedelta(minutes=minutes))


def test_fifteen_entries_in_one_evening_are_one_session() -> None:
    assert len(group_sessions([_entry(m * 5) for m in range(15)])) == 1


def test_a_gap_of_two_hours_starts_a_new_session() -> None:
    sessions = group_sessions([_entry(0), _entry(119), _entry(119 + 120)])
    assert [len(s.entries) for s in sessions] == [2, 1]
    assert timedelta(hours=2) == SESSION_GAP


def test_warmups_do_not_count() -> None:
    entry = Entry("hip_thrust", (LoggedSet(8, 60, "kg", SetKind.WARMUP), LoggedSet(5, 100, "kg")), T0)
    assert [s.reps for s in entry.working] == [5]
    assert not entry.sets[0].counts and entry.sets[1].counts


def test_units_and_bands() -> None:
    assert round(to_kg(176.37, "lb"), 1) == 80.0 and round(from_kg(80, "lb"), 1) == 176.4
    assert next_band("knees") == "ankles" and next_band("feet") is None


def test_domain_imports_nothing_of_ours() -> None:
    ours = {p.name for p in Path(__file__).resolve().parents[1].iterdir() if p.is_dir()} - {"domain"}
    for path in (Path(__file__).resolve().parents[1] / "domain").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in ours, f"{path.name} imports {name}"


def test_the_vocabulary_is_defined_once_and_shared() -> None:
    """Storage, settings, the library and its replies take units, levels, bands and categories from
    domain/ (the same objects, not copies that could drift)."""
    from content.library import Library
    from core import settings
    from domain.levels import BANDS, CATEGORIES, LEVELS
    from domain.units import LB_PER_KG, UNITS
    from handlers.explain import CATEGORY_LABELS
    from storage import models

    assert (models.UNITS, models.LEVELS, models.BANDS, models.LB_PER_KG) == (UNITS, LEVELS, BANDS, LB_PER_KG)
    assert models.UNITS is UNITS and models.LEVELS is LEVELS and models.BANDS is BANDS
    assert settings.UNITS is UNITS and Library.CATEGORIES is CATEGORIES
    assert tuple(CATEGORY_LABELS) == CATEGORIES


def test_stored_log_lines_and_schedules_are_the_domain_types() -> None:
    """Coaching reads what storage returns without knowing storage: its rows are the domain types."""
    from domain.schedule import Schedule
    from domain.training import Entry
    from storage import models

    line = models.entry_from_row(
        {"exercise": "hip_thrust", "reps": [10], "at": T0.isoformat(), "weight": 176.37, "unit": "lb"}
    )
    assert type(line) is Entry and round(line.sets[0].load_kg or 0, 1) == 80.0
    assert isinstance(models.Schedule("a", "t", (0,), "18:00", "UTC", id=2), Schedule)

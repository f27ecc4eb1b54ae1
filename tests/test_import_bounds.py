"""/import holds its rows to the bounds /log holds a typed line to (coaching/logparse.py): reps, load,
RPE and RIR ranges, no date before /log's earliest, and sets per side in left/right pairs. A row past
them is skipped with its reason in the preview, as a negative weight always was, in every format; so is a
lone side set (which /log never writes). Driven through the real
dispatch on the console chat, with the bounds read from /log's own constants."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from coaching.export import COLUMNS
from coaching.imports import hevy_header
from coaching.logparse import EARLIEST, MAX_LOAD, MAX_REPS
from core.markup import plain
from domain.training import Side
from tests.test_import import stored

TOO_EARLY = EARLIEST.replace(year=EARLIEST.year - 1)


def _csv(header: list[str] | tuple[str, ...], rows: list[dict[str, object]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return buf.getvalue()


def _coach_row(**cells: object) -> dict[str, object]:
    row: dict[str, object] = {
        "date_utc": "2026-11-20 18:00:00",
        "entry_id": 1,
        "exercise_id": "hip_thrust",
        "exercise": "Hip thrust",
        "set_number": 1,
        "reps": 8,
        "weight": 80,
        "unit": "kg",
        "activation": "no",
        "kind": "working",
        "implements": 1,
    }
    row.update(cells)
    return row


async def _preview_and_accept(chat, path: Path, unit: str = "") -> tuple[str, str]:
    [first] = await chat.say(f"/import {path}")
    if unit:
        [first] = await chat.press(first, unit)
    [done] = await chat.press(first, "Accept all")
    return plain(first.text), plain(done.text)


async def test_the_testers_own_export_rows_are_skipped_or_kept_as_what_they_are(app, chat, tmp_path):
    """The tester's file: reps=1000, a 1999 date and a lone left set. Reps and date are skipped with
    their reasons; the left set too (round 6: kept without its side it came back changed from the next
    /export); coaching then reads only the good session."""
    path = tmp_path / "tester5-bad.csv"
    rows = [
        _coach_row(entry_id=1, reps=1000),
        _coach_row(entry_id=2, date_utc=f"{TOO_EARLY.isoformat()} 18:00:00", reps=10),
        _coach_row(
            entry_id=3,
            date_utc="2026-11-21 18:00:00",
            exercise_id="bulgarian_split_squat",
            exercise="Bulgarian split squat",
            reps=10,
            weight=12,
            side="left",
        ),
        _coach_row(entry_id=4, date_utc="2026-11-19 18:00:00", reps=10, weight=80),
    ]
    path.write_text(_csv(COLUMNS, rows))
    preview, done = await _preview_and_accept(chat, path)

    assert "Skipped 3 rows I could not take:" in preview
    assert f"• line 2: reps {MAX_REPS * 10} is more than /log takes (1 to {MAX_REPS})" in preview
    assert f"• line 3: dated {TOO_EARLY.isoformat()}, before {EARLIEST.isoformat()}" in preview
    assert "• line 4: a set on the left side only: /log keeps sides as left/right pairs" in preview
    assert done.startswith("Imported 1 set (1 entry).")

    entries = {e.exercise: e for e in stored(app)}
    assert set(entries) == {"hip_thrust"}
    assert [(s.reps, s.load) for s in entries["hip_thrust"].sets] == [(10, 80)]

    [logged] = await chat.say("/log hip thrust 3x10 80kg")
    assert "1000" not in plain(logged.text) and "without progress" not in plain(logged.text)


async def test_own_export_sides_must_pair_left_then_right(app, chat, tmp_path):
    """Per-side sets as /log writes them (left, right, left, right) import as they are; an entry whose
    sides do not pair up is skipped with its reason."""
    bss = {"exercise_id": "bulgarian_split_squat", "exercise": "Bulgarian split squat", "weight": 12}
    rows = [
        _coach_row(entry_id=1, set_number=1, reps=10, side="left", **bss),
        _coach_row(entry_id=1, set_number=2, reps=9, side="right", **bss),
        _coach_row(entry_id=2, date_utc="2026-11-21 18:00:00", set_number=1, reps=8, side="left", **bss),
        _coach_row(entry_id=2, date_utc="2026-11-21 18:00:00", set_number=2, reps=8, side="right", **bss),
        _coach_row(entry_id=2, date_utc="2026-11-21 18:00:00", set_number=3, reps=8, side="left", **bss),
    ]
    path = tmp_path / "sides.csv"
    path.write_text(_csv(COLUMNS, rows))
    preview, done = await _preview_and_accept(chat, path)

    assert "Skipped 3 rows I could not take:" in preview
    assert "• line 4: its sets per side do not pair up left then right" in preview
    assert done.startswith("Imported 2 sets (1 entry).")
    [entry] = stored(app)
    assert [(s.reps, s.side) for s in entry.sets] == [(10, Side.LEFT), (9, Side.RIGHT)]


async def test_every_format_skips_what_log_refuses(app, chat, tmp_path):
    """Strong (older and current), Hevy and our own export: reps, load, RPE, RIR and date past /log's
    bounds are each a skipped row with its reason; the good row of each file is imported."""
    heavy_kg = MAX_LOAD["kg"] + 50
    heavy_lb = MAX_LOAD["lb"] + 50
    legacy_header = [
        "Date",
        "Workout Name",
        "Exercise Name",
        "Set Order",
        "Weight",
        "Weight Unit",
        "Reps",
        "RPE",
        "Notes",
    ]
    legacy = [
        {"Date": f"2026-11-{day} 18:00:00", "Workout Name": "A", "Exercise Name": "Hip Thrust (Barbell)",
         "Set Order": 1, "Weight Unit": "kg", **cells}
        for day, cells in (
            (10, {"Weight": 80, "Reps": 10}),
            (11, {"Weight": 80, "Reps": MAX_REPS + 1}),
            (12, {"Weight": heavy_kg, "Reps": 5}),
            (13, {"Weight": 80, "Reps": 5, "RPE": 0.5}),
        )
    ] + [
        {"Date": f"{TOO_EARLY.isoformat()} 18:00:00", "Workout Name": "A",
         "Exercise Name": "Hip Thrust (Barbell)", "Set Order": 1, "Weight": 80, "Weight Unit": "kg", "Reps": 8}
    ]  # fmt: skip
    current_header = [
        "Date",
        "Workout Name",
        "Duration",
        "Exercise Name",
        "Set Order",
        "Weight",
        "Reps",
        "RPE",
    ]
    current = [
        {"Date": f"2026-11-{day} 18:00:00", "Workout Name": "A", "Duration": "1h", "Set Order": 1,
         "Exercise Name": "Hip Thrust (Barbell)", **cells}
        for day, cells in (
            (14, {"Weight": 180, "Reps": 10}),  # not the older file's days: one app, deduped
            (15, {"Weight": heavy_lb, "Reps": 5}),
        )
    ]  # fmt: skip
    hevy = [
        {"title": "A", "start_time": f"{day} Nov 2026, 18:00", "exercise_title": "Hip Thrust (Barbell)",
         "set_index": 0, "set_type": "normal", "weight_kg": 80, **cells}
        for day, cells in (
            (10, {"reps": 10, "rpe": 8}),
            (11, {"reps": MAX_REPS + 1}),
            (12, {"reps": 5, "weight_kg": heavy_kg}),
        )
    ]  # fmt: skip
    coach = [
        _coach_row(entry_id=1, reps=10),
        _coach_row(entry_id=2, reps=10, rir=11),
        _coach_row(entry_id=3, reps=10, weight=heavy_kg),
    ]
    files = {
        "legacy.csv": (_csv(legacy_header, legacy, ";"), "", {
            3: f"reps {MAX_REPS + 1} is more than /log takes (1 to {MAX_REPS})",
            4: f"weight {heavy_kg:g} kg is more than /log takes (at most {MAX_LOAD['kg']:g} kg)",
            5: "RPE 0.5 is outside /log's 1 to 10",
            6: f"dated {TOO_EARLY.isoformat()}, before {EARLIEST.isoformat()}",
        }),
        "current.csv": (_csv(current_header, current), "lb", {
            3: f"weight {heavy_lb:g} lb is more than /log takes (at most {MAX_LOAD['lb']:g} lb)",
        }),
        "hevy.csv": (_csv(hevy_header(), hevy), "", {
            3: f"reps {MAX_REPS + 1} is more than /log takes (1 to {MAX_REPS})",
            4: f"weight {heavy_kg:g} kg is more than /log takes (at most {MAX_LOAD['kg']:g} kg)",
        }),
        "coach.csv": (_csv(COLUMNS, coach), "", {
            3: "RIR 11 is outside /log's 0 to 10",
            4: f"weight {heavy_kg:g} kg is more than /log takes (at most {MAX_LOAD['kg']:g} kg)",
        }),
    }  # fmt: skip
    imported = 0
    for name, (text, unit, reasons) in files.items():
        path = tmp_path / name
        path.write_text(text)
        preview, done = await _preview_and_accept(chat, path, unit)
        for line, reason in reasons.items():
            assert f"• line {line}: {reason}" in preview, (name, reason, preview)
        assert f"Skipped {len(reasons)} row" in preview, (name, preview)
        assert done.startswith("Imported 1 set (1 entry)."), (name, done)
        imported += 1
    sets = [s for e in stored(app) for s in e.sets]
    assert len(sets) == imported
    assert all(1 <= s.reps <= MAX_REPS for s in sets)
    assert all(s.load is None or s.load <= MAX_LOAD[s.unit or "kg"] for s in sets)

"""coaching.imports on the fixtures (tests/fixtures/import, README there): what each format becomes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coaching.imports import (
    MAX_BYTES,
    ImportError_,
    ImportFormat,
    detect_format,
    parse_export,
    strip_equipment,
)
from domain.training import SetKind

FIXTURES = Path(__file__).parent / "fixtures" / "import"
AMS = ZoneInfo("Europe/Amsterdam")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "fmt", "bad_line"),
    [
        ("strong_legacy.csv", ImportFormat.STRONG_LEGACY, 42),
        ("strong_current.csv", ImportFormat.STRONG, 32),
        ("hevy_kg.csv", ImportFormat.HEVY, 27),
        ("hevy_lb.csv", ImportFormat.HEVY, 27),
        ("coach_export.csv", ImportFormat.COACH, 52),
    ],
)
def test_each_fixture_is_recognised_and_its_malformed_row_named_by_line(
    name: str, fmt: ImportFormat, bad_line: int
) -> None:
    parsed = parse_export(fixture(name), AMS, "kg")
    assert parsed.format is fmt
    assert parsed.rows >= 200
    assert [p.line for p in parsed.problems] == [bad_line]
    # Every other row with reps is a set: nothing half-read.
    assert parsed.set_count == parsed.rows - 1 - parsed.not_strength


def test_strong_legacy_keeps_units_per_row_and_24_hour_local_times() -> None:
    parsed = parse_export(fixture("strong_legacy.csv"), AMS)
    first = parsed.exercises[0]
    # "2023-03-06 17:59:31" in Amsterdam (CET, UTC+1)
    assert first.at == datetime(2023, 3, 6, 16, 59, 31, tzinfo=UTC)
    assert first.source == "strong|2023-03-06T16:59:31+00:00|Hip Abduction (Machine)"
    units = {s.unit for e in parsed.exercises for s in e.sets if s.load is not None}
    assert units == {"kg", "lb"}
    # RPE 10 (to failure) is kept on a working set; planks (no reps) are not sets
    assert any(s.rpe == 10 and s.kind is SetKind.WORKING for e in parsed.exercises for s in e.sets)
    assert parsed.not_strength == 20
    assert "Plank" not in parsed.names()


def test_strong_current_reads_w_and_d_and_the_narrow_no_break_space_before_pm() -> None:
    data = fixture("strong_current.csv")
    assert "\u202fPM".encode() in data or "\u202fAM".encode() in data
    parsed = parse_export(data, AMS)
    assert parsed.needs_unit  # no unit column: the user is asked
    assert all(s.unit is None for e in parsed.exercises for s in e.sets)
    parsed = parse_export(data, AMS, "lb")
    assert not parsed.needs_unit
    first = parsed.exercises[0]
    assert [s.kind for s in first.sets] == [SetKind.WARMUP, *[SetKind.WORKING] * 3, SetKind.DROP]
    assert [s.load for s in first.sets] == [30, 60, 60, 60, 42]
    assert {s.unit for s in first.sets} == {"lb"}
    # A 12-hour time with U+202F before PM, read in the user's zone
    raw = [line for line in data.decode().splitlines() if "\u202f" in line and ",ten," not in line][0].split(
        ","
    )[0]
    local = datetime.strptime(raw.replace("\u202f", " "), "%Y-%m-%d %I:%M:%S %p").replace(tzinfo=AMS)
    assert local.hour >= 12
    assert local.astimezone(UTC).isoformat() in {e.source.split("|")[1] for e in parsed.exercises}


def test_hevy_set_types_and_kg_or_lb_by_column() -> None:
    kg = parse_export(fixture("hevy_kg.csv"), AMS)
    lb = parse_export(fixture("hevy_lb.csv"), AMS)
    assert {s.unit for e in kg.exercises for s in e.sets} == {"kg"}
    assert {s.unit for e in lb.exercises for s in e.sets} == {"lb"}
    kinds = {s.kind for e in kg.exercises for s in e.sets}
    assert kinds == {SetKind.WARMUP, SetKind.WORKING, SetKind.DROP}
    # failure → a working set at RPE 10; "06 Mar 2023, 18:25" read in the user's zone
    failed = [s for e in kg.exercises for s in e.sets if s.rpe == 10]
    assert failed and all(s.kind is SetKind.WORKING for s in failed)
    assert kg.exercises[0].at == datetime(2023, 3, 6, 17, 25, tzinfo=UTC)
    assert parse_export(fixture("hevy_kg.csv"), ZoneInfo("UTC")).exercises[0].at.hour == 18


def test_our_own_export_round_trips_exercise_ids_bands_and_utc_times() -> None:
    parsed = parse_export(fixture("coach_export.csv"), AMS)
    first = parsed.exercises[0]
    assert first.name == "sumo_walk"
    assert first.at == datetime(2023, 3, 6, 18, 30, 49, tzinfo=UTC)  # date_utc is UTC, not local
    assert [s.kind for s in first.sets] == [SetKind.ACTIVATION, SetKind.ACTIVATION]
    assert first.sets[0].band == "knees"


def test_our_export_with_the_columns_helper_log_may_add() -> None:
    data = (
        b"date_utc,local_date,session,entry_id,exercise_id,exercise,set_number,kind,reps,weight,unit,"
        b"load_kg,band,rpe,note,activation\n"
        b"2026-11-20 17:00:00,2026-11-20,1,4,hip_thrust,Hip thrust,1,warmup,10,40,kg,40,,,ramp,no\n"
        b"2026-11-20 17:00:00,2026-11-20,1,4,hip_thrust,Hip thrust,2,working,8,100,kg,100,,8.5,,no\n"
        b"2026-11-20 17:00:00,2026-11-20,1,4,hip_thrust,Hip thrust,3,drop,12,,,60,,,,no\n"
    )
    [entry] = parse_export(data, AMS).exercises
    assert [(s.kind, s.reps, s.load, s.unit, s.rpe) for s in entry.sets] == [
        (SetKind.WARMUP, 10, 40, "kg", None),
        (SetKind.WORKING, 8, 100, "kg", 8.5),
        (SetKind.DROP, 12, 60, "kg", None),
    ]
    assert entry.note == "ramp"


def test_a_row_that_is_pasted_twice_is_one_set() -> None:
    body = fixture("hevy_kg.csv").decode().splitlines()
    doubled = "\n".join([body[0], body[1], body[2], body[1], body[2]]).encode()
    [entry] = parse_export(doubled, AMS).exercises
    assert len(entry.sets) == 2


def test_unknown_files_too_large_files_and_short_rows() -> None:
    with pytest.raises(ImportError_, match="don't recognise"):
        parse_export(b"name,age\nann,3\n", AMS)
    with pytest.raises(ImportError_, match="MB"):
        parse_export(b"x" * (MAX_BYTES + 1), AMS)
    short = fixture("hevy_kg.csv").decode().splitlines()[:3]
    short[2] = ",".join(short[2].split(",")[:5])
    parsed = parse_export("\n".join(short).encode(), AMS)
    assert [(p.line, "columns" in p.reason) for p in parsed.problems] == [(3, True)]
    assert parsed.set_count == 1


def test_detect_by_header_and_equipment_names() -> None:
    assert detect_format("Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n") == (
        ImportFormat.STRONG_LEGACY,
        ";",
    )
    assert detect_format('"title","start_time","exercise_title","set_index","set_type","weight_lbs","reps"')
    assert strip_equipment("Hip Thrust (Barbell)") == "Hip Thrust"
    assert strip_equipment("(Barbell)") == "(Barbell)"

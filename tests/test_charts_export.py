"""coaching.charts (PNG progress chart) and coaching.export (CSV, one row per set)."""

from __future__ import annotations

import csv
import io
import struct
import sys
import warnings
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coaching.charts import empty_note, progress_chart, progress_figure, sessions
from coaching.export import COLUMNS, entries_csv, safe_cell
from coaching.prescribe import ExerciseRules, is_pr
from domain.training import Entry, LoggedSet, SetKind, chronological
from storage.models import LB_PER_KG
from tests.entries import log_entry

PNG = b"\x89PNG\r\n\x1a\n"


def E(reps, weight=None, unit=None, *, day=1, ex="hip_thrust", id=0, **kw) -> Entry:
    if weight is not None and unit is None:
        unit = "kg"
    at = f"2025-03-{day:02d}T17:30:00+00:00"
    return log_entry(ex, tuple(reps), at, weight, unit, id=id, **kw)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# --- charts ----------------------------------------------------------------------------------------


def test_matplotlib_is_not_imported_at_module_import():
    # coaching.charts must import matplotlib lazily so bot start-up stays fast.
    import subprocess

    code = "import sys, coaching.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_loaded_history_chart_is_phone_sized_png():
    history = [E((10, 10, 10), 60, day=1), E((10, 10, 8), 65, day=4), E((8, 8, 8), 150, "lb", day=8)]
    data = progress_chart(history, "Hip thrust", "kg")
    assert data.startswith(PNG)
    assert png_size(data) == (800, 450)


def test_single_entry_chart():
    assert progress_chart([E((5,), 100)], "Hip thrust", "lb").startswith(PNG)


def test_bodyweight_history_chart():
    data = progress_chart([E((15, 15)), E((15, 15, 12), day=3)], "Glute bridge", "kg")
    assert data.startswith(PNG)


def test_empty_history_chart_still_png():
    assert progress_chart([], "Hip thrust", "kg").startswith(PNG)
    assert progress_chart([E((20,), activation=True, band="knees")], "Sumo walk", "kg").startswith(PNG)


@pytest.mark.parametrize("name", ["深蹲", "ヒップスラスト", "Hip thrust 臀推"])
def test_a_name_the_font_cannot_draw_is_left_out_of_the_title_without_warnings(name):
    # A tester: a Chinese or Japanese name's title was drawn as boxes, with a "Glyph missing" warning
    # per character in the log. The caption under the image names the exercise.
    history = [E((10, 10, 10), 60, day=1), E((10, 10, 8), 65, day=4)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert progress_chart(history, name, "kg").startswith(PNG)
    assert not [w for w in caught if "missing from font" in str(w.message)], [str(w.message) for w in caught]
    assert progress_figure(history, name, "kg").axes[0].get_title() == "Progress"
    # names DejaVu Sans draws keep their title, in any of its scripts
    for drawn in ("Hip thrust", "Élévation", "Ягодичный мост", "Άρση ισχίων"):
        assert progress_figure(history, drawn, "kg").axes[0].get_title() == drawn


def test_chart_refuses_unknown_unit():
    with pytest.raises(ValueError):
        progress_chart([E((5,), 100)], "x", "stone")


def test_sessions_convert_group_and_mark_prs():
    history = [
        E((10, 10), 60, day=1),
        E((8,), 70, day=1),  # same day: one session, top set 70
        E((10,), 60, day=2),  # no PR
        E((10,), 75, day=5),  # PR
        E((40, 40), day=6),  # bodyweight: its total reps, beside the loaded days
    ]
    s = sessions(history, "lb")
    assert [x.day.day for x in s] == [1, 2, 5, 6]
    assert (s[3].top_weight, s[3].best_e1rm, s[3].total_reps) == (None, None, 80)
    assert s[0].top_weight == pytest.approx(70 * LB_PER_KG)
    assert s[0].total_reps == 28
    assert [x.pr for x in s[:3]] == [False, False, True]
    assert (s[2].pr_weight, s[2].pr_e1rm) == (True, True)


def test_sessions_separate_weight_and_e1rm_records():
    s = sessions([E((12,), 65, day=1), E((3,), 70, day=2), E((12,), 68, day=3), E((20,), 60, day=4)], "kg")
    assert [(x.pr_weight, x.pr_e1rm) for x in s] == [
        (False, False),
        (True, False),
        (False, True),
        (False, False),
    ]
    # Epley means nothing past 12 reps (issue 11): a 20-rep day has no estimate and sets no record.
    assert s[3].best_e1rm is None


def test_a_session_that_went_backwards_gets_no_star():
    # The tester's /progress: 3x12 @ 80, then 6,5,4 @ 82.5 at RPE 10. /log gave it no PR (is_pr).
    hip_thrust = ExerciseRules("hip_thrust", (8, 12), 3, "barbell", "glute_lift")
    history = [E((12, 12, 12), 80, day=1), E((6, 5, 4), 82.5, day=3, rpe=10)]
    for rules in (hip_thrust, None):
        assert [x.pr for x in sessions(history, "kg", rules)] == [False, False]
    # A heavier straight single is a record on the chart as in /log.
    assert [x.pr_weight for x in sessions([E((1,), 100, day=1), E((1,), 110, day=3)], "kg")] == [False, True]


def test_sessions_bodyweight_only_plot_total_reps():
    s = sessions([E((15, 15), day=1), E((15, 15, 15), day=2), E((10,), day=3)], "kg")
    assert [(x.total_reps, x.top_weight, x.pr) for x in s] == [
        (30, None, False),
        (45, None, True),
        (10, None, False),
    ]


# --- export ----------------------------------------------------------------------------------------


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def test_csv_one_row_per_set_with_header():
    entries = [
        E((10, 10, 8), 80, id=2, day=2, rpe=8.0),
        E((20, 20), id=1, day=1, ex="sumo_walk", band="ankles", activation=True),
        E((15,), id=3, day=3, ex="glute_bridge"),
        E((5,), 175.5, "lb", id=4, day=4),
    ]
    names = {"hip_thrust": "Hip thrust", "sumo_walk": "Sumo walk"}
    out = rows(entries_csv(entries, names))
    assert out[0] == list(COLUMNS)
    assert out[0] == [
        "date_utc", "entry_id", "exercise_id", "exercise", "set_number", "reps", "weight", "unit", "band", "rpe",
        "activation", "date_local", "session", "kind", "side", "rir", "load_kg", "note", "implements", "resistance",
        "exercise_category", "single_implement",
    ]  # fmt: skip
    # the newer columns: local date (UTC by default), session, kind, side, RIR, load in kg, note
    assert [r[11:18] for r in out[1:3]] == [
        ["2025-03-01", "1", "activation", "", "", "", ""],
        ["2025-03-01", "1", "activation", "", "", "", ""],
    ]
    assert out[-1][11:18] == ["2025-03-04", "4", "working", "", "", "79.605", ""]
    body = [r[:11] for r in out[1:]]
    assert len(body) == 3 + 2 + 1 + 1
    # oldest first
    assert body[0] == [
        "2025-03-01 17:30:00",
        "1",
        "sumo_walk",
        "Sumo walk",
        "1",
        "20",
        "",
        "bodyweight",
        "ankles",
        "",
        "yes",
    ]
    assert body[2] == [
        "2025-03-02 17:30:00",
        "2",
        "hip_thrust",
        "Hip thrust",
        "1",
        "10",
        "80",
        "kg",
        "",
        "8",
        "no",
    ]
    assert [r[4] for r in body[2:5]] == ["1", "2", "3"] and [r[5] for r in body[2:5]] == ["10", "10", "8"]
    # unknown name falls back to the id; bodyweight is explicit
    assert body[5][2:4] == ["glute_bridge", "glute_bridge"] and body[5][7] == "bodyweight"
    assert body[6][6:8] == ["175.5", "lb"]


def test_csv_empty_is_header_only_and_utf8():
    data = entries_csv([], {})
    assert data.decode("utf-8").splitlines() == [",".join(COLUMNS)]
    accented = entries_csv([E((5,), 50, id=1)], {"hip_thrust": "Hüftstoß"})
    assert "Hüftstoß".encode() in accented


def test_csv_dates_are_utc():
    entry = log_entry("x", (5,), "2025-03-01T01:30:00+02:00")
    assert rows(entries_csv([entry], {}))[1][0] == "2025-02-28 23:30:00"


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_formula_injection_guard(evil):
    data = entries_csv([E((5,), 50, id=1)], {"hip_thrust": evil})
    cell = rows(data)[1][3]
    assert cell == "'" + evil
    assert safe_cell(evil).startswith("'")


def test_csv_guard_leaves_normal_cells_alone():
    assert safe_cell("Hip thrust") == "Hip thrust"
    assert safe_cell(80) == "80"
    assert safe_cell(None) == ""


_SETS = st.lists(
    st.tuples(st.integers(1, 15), st.sampled_from([None, 40.0, 60.0, 60.05, 80.0, 100.0])),
    min_size=1,
    max_size=4,
)


@settings(max_examples=80, deadline=None)
@given(days=st.lists(st.tuples(st.integers(0, 40), _SETS), min_size=1, max_size=25))
def test_chart_stars_are_what_judging_each_day_against_every_earlier_entry_gives(
    days: list[tuple[int, list[tuple[int, float | None]]]],
) -> None:
    """The chart folds the earlier days into their bests instead of re-reading them for each day (a
    five-year history took 49 s to chart); its stars are still `is_pr` against every earlier entry."""
    rules = ExerciseRules("hip_thrust", (8, 12))
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    history = [
        Entry(
            "hip_thrust",
            tuple(LoggedSet(r, w, "kg" if w else None) for r, w in sets),
            start + timedelta(days=d, minutes=i),
            id=i + 1,
        )
        for i, (d, sets) in enumerate(days)
    ]
    drawn = sessions(history, "kg", rules)
    use = [e for e in chronological(history) if e.working]  # every day with work, loaded or not
    expected = []
    for day in sorted({e.at.date() for e in use}):
        earlier = [e for e in use if e.at.date() < day]
        flags = {f for e in use if e.at.date() == day for f in is_pr(earlier, e, rules)}
        loaded = any(s.load for e in use if e.at.date() == day for s in e.working)
        expected.append(
            ("heaviest load" in flags or "best estimated 1RM" in flags)
            if loaded
            else "most total reps" in flags
        )
    assert [s.pr for s in drawn] == expected


def test_a_chart_of_warm_ups_only_says_so_not_nothing_logged() -> None:
    warm_up = Entry(
        "hip_thrust", (LoggedSet(5, 120, "kg", SetKind.WARMUP),) * 3, datetime(2026, 11, 28, tzinfo=UTC)
    )
    assert sessions([warm_up], "kg") == []  # warm-ups are never drawn
    assert empty_note([warm_up]) == "Only warm-ups logged yet"
    assert empty_note([]) == "Nothing logged yet"

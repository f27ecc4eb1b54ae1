"""coaching.progression: Epley e1RM, records, PR flags, and double progression one variable at a time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coaching.progression import Records, Target, e1rm, next_target, pr_flags, records, round_load
from storage.models import LB_PER_KG, LogEntry


def E(reps, weight=None, unit=None, *, ex="hip_thrust", at="2025-01-01T10:00:00+00:00", **kw) -> LogEntry:
    if weight is not None and unit is None:
        unit = "kg"
    return LogEntry(exercise=ex, reps=tuple(reps), at=at, weight=weight, unit=unit, **kw)


# --- e1rm ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weight", "reps", "expected"),
    [(100, 1, 100.0), (100, 10, 100 * (1 + 10 / 30)), (60, 30, 120.0), (80, 5, 80 * (1 + 5 / 30))],
)
def test_e1rm_epley(weight, reps, expected):
    assert e1rm(weight, reps) == pytest.approx(expected)


def test_e1rm_refuses_zero_reps():
    with pytest.raises(ValueError):
        e1rm(100, 0)


@given(st.floats(1, 600), st.integers(1, 99))
def test_e1rm_grows_with_reps(weight, reps):
    assert e1rm(weight, reps + 1) > e1rm(weight, reps) >= weight


# --- records ---------------------------------------------------------------------------------------


def test_records_over_loaded_non_activation_entries_only():
    history = [
        E((10, 10, 10), 80),
        E((5,), 100),  # heaviest, e1rm 116.67
        E((12, 12), 90),  # e1rm 126
        E((20, 20), None),  # bodyweight: ignored
        E((30,), 200, activation=True),  # activation: ignored even with a weight
    ]
    r = records(history)
    assert r == Records(best_e1rm_kg=pytest.approx(90 * 1.4), heaviest_kg=100.0, entries=3)


def test_records_convert_pounds_to_kg():
    r = records([E((1,), 225, "lb"), E((1,), 100, "kg")])
    assert r.heaviest_kg == pytest.approx(225 / LB_PER_KG)
    assert r.best_e1rm_kg == pytest.approx(225 / LB_PER_KG)


def test_records_empty_and_bodyweight_only():
    assert records([]) == Records(None, None, 0)
    assert records([E((15, 15))]) == Records(None, None, 0)


# --- pr flags --------------------------------------------------------------------------------------


def test_pr_heavier_load_sets_heaviest_and_e1rm():
    assert pr_flags([E((8, 8, 8), 80)], E((8, 8, 8), 85)) == ["heaviest load", "best estimated 1RM"]


def test_pr_more_reps_at_same_load():
    assert pr_flags([E((10, 10, 8), 80)], E((11, 10, 9), 80)) == [
        "best estimated 1RM",
        "most reps at this load",
    ]


def test_pr_same_load_across_units():
    # 80 kg is 176.37 lb: the same load, so more reps is a rep PR at this load (and a better e1RM).
    flags = pr_flags([E((10,), 80, "kg")], E((11,), 80 * LB_PER_KG, "lb"))
    assert "most reps at this load" in flags and "heaviest load" not in flags


def test_pr_lighter_more_reps_only_e1rm_when_better():
    before = [E((5,), 100)]  # e1rm 116.7
    assert pr_flags(before, E((15,), 80)) == ["best estimated 1RM"]  # e1rm 120
    assert pr_flags(before, E((6,), 60)) == []


def test_pr_no_flags_for_equal_session():
    assert pr_flags([E((10, 10), 80)], E((10, 10), 80)) == []


def test_pr_first_entry_is_a_baseline_not_a_pr():
    assert pr_flags([], E((10,), 80)) == []
    assert pr_flags([], E((15,))) == []


def test_pr_activation_never():
    before = [E((10,), activation=True, ex="sumo_walk")]
    assert pr_flags(before, E((20, 20), activation=True, ex="sumo_walk", band="feet")) == []
    assert pr_flags([E((5,), 50)], E((10,), 500, activation=True)) == []


def test_pr_bodyweight_most_total_reps():
    before = [E((15, 15, 15)), E((12, 12))]
    assert pr_flags(before, E((16, 15, 15))) == ["most total reps"]
    assert pr_flags(before, E((15, 15, 15))) == []


def test_pr_only_compares_the_same_exercise():
    before = [E((10,), 200, ex="deadlift")]
    assert pr_flags(before + [E((10,), 60)], E((10,), 70)) == ["heaviest load", "best estimated 1RM"]


# --- next target -----------------------------------------------------------------------------------

RANGE = (8, 12)


def test_mid_range_adds_a_rep_to_sets_below_top_same_load():
    t = next_target(E((12, 10, 8), 80), RANGE, 3, 5, True, "kg")
    assert t.reps == (12, 11, 9)
    assert (t.weight, t.unit, t.band) == (80, "kg", None)
    assert "80 kg" in t.change and "12" in t.change


def test_top_reached_adds_one_step_and_resets_reps():
    t = next_target(E((12, 12, 12), 80), RANGE, 3, 5, True, "kg")
    assert t == Target(
        reps=(8, 8, 8), weight=85, unit="kg", band=None, change="All sets hit 12: add 5 kg, back to 8 reps."
    )


def test_top_reached_in_pounds_uses_entry_unit_and_rounds_to_whole_pounds():
    t = next_target(E((12, 12, 12), 175, "lb"), RANGE, 3, 10, True, "kg")
    assert (t.weight, t.unit, t.reps) == (185, "lb", (8, 8, 8))
    t = next_target(E((12, 12, 12), 80.3), RANGE, 3, 2.5, True, "kg")
    assert t.weight == 83.0  # 82.8 rounded to 0.5 kg


def test_only_one_variable_changes():
    last = E((12, 11, 12), 80)
    t = next_target(last, RANGE, 3, 5, True, "kg")
    assert t.weight == last.weight and t.reps == (12, 12, 12)


def test_more_sets_done_than_prescribed_counts_the_first_ones():
    t = next_target(E((12, 12, 12, 6), 80), RANGE, 3, 5, True, "kg")
    assert (t.weight, t.reps) == (85, (8, 8, 8))


def test_fewer_sets_done_than_prescribed_completes_them_first():
    t = next_target(E((12, 12), 80), RANGE, 3, 5, True, "kg")
    assert (t.weight, t.reps) == (80, (12, 12, 12))
    assert "3 sets" in t.change


def test_below_range_still_adds_a_rep():
    t = next_target(E((6, 5, 5), 100), RANGE, 3, 5, True, "kg")
    assert (t.weight, t.reps) == (100, (7, 6, 6))


def test_no_history_loaded_start():
    t = next_target(None, RANGE, 3, 5, True, "lb")
    assert t.reps == (8, 8, 8) and t.weight is None and t.band is None
    assert t.change == "Start light: pick a load you can move for 8 clean reps."


def test_no_history_bodyweight_start():
    t = next_target(None, (12, 20), 2, 0, False, "kg")
    assert t.reps == (12, 12) and t.weight is None and t.unit is None


def test_bodyweight_adds_reps_then_suggests_harder_variation():
    mid = next_target(E((15, 14, 12)), (12, 15), 3, 0, False, "kg")
    assert (mid.reps, mid.weight) == ((15, 15, 13), None)
    top = next_target(E((15, 15, 15)), (12, 15), 3, 0, False, "kg")
    assert top.reps == (15, 15, 15) and top.weight is None
    assert "harder variation" in top.change


def test_loaded_exercise_logged_without_weight_is_treated_as_bodyweight():
    t = next_target(E((12, 12, 12)), RANGE, 3, 5, True, "kg")
    assert t.weight is None and "harder" in t.change


def test_activation_adds_steps_then_moves_band():
    mid = next_target(
        E((15, 12), band="knees", activation=True), (10, 15), 2, 0, False, "kg", activation=True
    )
    assert (mid.reps, mid.band) == ((15, 13), "knees")
    up = next_target(E((15, 15), band="knees", activation=True), (10, 15), 2, 0, False, "kg", activation=True)
    assert (up.reps, up.band, up.weight) == ((10, 10), "ankles", None)
    assert "knees" in up.change and "ankles" in up.change
    up2 = next_target(
        E((15, 15), band="ankles", activation=True), (10, 15), 2, 0, False, "kg", activation=True
    )
    assert (up2.reps, up2.band) == ((10, 10), "feet")


def test_activation_at_feet_with_top_reached_keeps_feet_and_quality():
    t = next_target(E((15, 15), band="feet", activation=True), (10, 15), 2, 0, False, "kg", activation=True)
    assert (t.band, t.reps) == ("feet", (15, 15))
    assert "quality" in t.change


def test_activation_start_uses_level_band():
    t = next_target(None, (10, 15), 2, 0, False, "kg", activation=True, level_band="ankles")
    assert (t.band, t.reps, t.weight) == ("ankles", (10, 10), None)
    t = next_target(None, (10, 15), 2, 0, False, "kg", activation=True)
    assert t.band == "knees"


def test_bad_arguments_are_programming_errors():
    with pytest.raises(ValueError):
        next_target(None, (12, 8), 3, 5, True, "kg")
    with pytest.raises(ValueError):
        next_target(E((12, 12, 12), 80), RANGE, 3, 0, True, "kg")


@pytest.mark.parametrize(
    ("w", "unit", "out"), [(82.8, "kg", 83.0), (82.7, "kg", 82.5), (82.25, "kg", 82.5), (176.4, "lb", 176)]
)
def test_round_load(w, unit, out):
    assert round_load(w, unit) == out


@settings(max_examples=300, deadline=None)
@given(
    reps=st.lists(st.integers(1, 30), min_size=1, max_size=6),
    bottom=st.integers(1, 15),
    span=st.integers(0, 10),
    sets=st.integers(1, 6),
    weight=st.floats(1, 400),
    step=st.sampled_from([1.0, 2.5, 5.0]),
)
def test_loaded_target_changes_one_variable(reps, bottom, span, sets, weight, step):
    top = bottom + span
    last = E(reps, round(weight, 1))
    t = next_target(last, (bottom, top), sets, step, True, "kg")
    assert len(t.reps) == sets and all(1 <= r <= top for r in t.reps)
    if t.weight != last.weight:
        assert t.weight > last.weight and t.reps == (bottom,) * sets  # load up, reps reset
    else:
        # same load: reps never go down on the sets that were done
        assert all(new >= min(old, top) for new, old in zip(t.reps, last.reps, strict=False))
    assert t.change and "\n" not in t.change


# --- the single-pass records agree with their plain definitions -----------------------------------


def _plain_loaded(entries: list[LogEntry]) -> list[LogEntry]:
    return [e for e in entries if not e.activation and e.weight is not None and e.weight > 0 and e.reps]


def _plain_best(entry: LogEntry) -> float:
    weight = entry.weight_kg or 0.0
    return max((e1rm(weight, r) for r in entry.reps if r >= 1), default=0.0)


def _plain_records(history: list[LogEntry]) -> Records:
    loaded = _plain_loaded(history)
    if not loaded:
        return Records(None, None, 0)
    return Records(max(map(_plain_best, loaded)), max(e.weight_kg for e in loaded), len(loaded))


def _plain_pr_flags(history_before: list[LogEntry], entry: LogEntry) -> list[str]:
    if entry.activation or not entry.reps:
        return []
    before = [e for e in history_before if e.exercise == entry.exercise and not e.activation and e.reps]
    flags: list[str] = []
    if entry.weight is not None and entry.weight > 0:
        loaded = _plain_loaded(before)
        if not loaded:
            return []
        load = entry.weight_kg
        if load > max(e.weight_kg for e in loaded) + 1e-6:
            flags.append("heaviest load")
        if _plain_best(entry) > max(map(_plain_best, loaded)) + 1e-6:
            flags.append("best estimated 1RM")
        same = [e for e in loaded if abs(e.weight_kg - load) < 0.1]
        if same and max(entry.reps) > max(max(e.reps) for e in same):
            flags.append("most reps at this load")
        return flags
    bodyweight = [e for e in before if e.weight is None]
    if bodyweight and sum(entry.reps) > max(sum(e.reps) for e in bodyweight):
        flags.append("most total reps")
    return flags


_entries = st.builds(
    lambda reps, weight, unit, activation, ex: LogEntry(
        exercise=ex,
        reps=tuple(reps),
        at="2025-01-01T10:00:00+00:00",
        weight=weight,
        unit=unit if weight is not None else None,
        activation=activation,
    ),
    st.lists(st.integers(0, 20), max_size=4),
    st.none() | st.sampled_from([0, 40, 60, 80, 80.5, 176.4, 176.37]) | st.floats(0, 300),
    st.sampled_from(["kg", "lb"]),
    st.booleans(),
    st.sampled_from(["hip_thrust", "deadlift"]),
)


@settings(max_examples=400)
@given(st.lists(_entries, max_size=12), _entries)
def test_single_pass_records_and_flags_match_their_definitions(history, entry):
    assert records(history) == _plain_records(history)
    assert pr_flags(history, entry) == _plain_pr_flags(history, entry)

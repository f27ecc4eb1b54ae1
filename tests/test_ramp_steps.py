"""`ramp_as_warmups` (the steps /log and /edit store as warm-ups) are `light_split`'s ramp, found without
the session's tops when no set of the entry has a heavier one after it: the shortcut never changes the
answer, whatever the day (failed sets, warm-ups heavier than the work, pairs, units, other lifts)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from coaching.hardsets import light_split, ramp_as_warmups
from domain.training import Entry, LoggedSet, SetKind

START = datetime(2026, 1, 5, 17, 0, tzinfo=UTC)

sets = st.builds(
    LoggedSet,
    reps=st.sampled_from([0, 1, 3, 5, 8, 10]),
    load=st.sampled_from([None, 20.0, 40.0, 60.0, 60.004, 80.0, 99.95, 100.0, 110.0]),
    unit=st.sampled_from(["kg", "lb"]),
    kind=st.sampled_from([SetKind.WORKING] * 4 + [SetKind.WARMUP, SetKind.BACKOFF]),
    rpe=st.sampled_from([None, None, 8.0]),
    implements=st.sampled_from([1, 1, 2]),
)
days = st.lists(
    st.tuples(
        st.sampled_from(["hip_thrust", "back_squat", "glute_bridge"]), st.lists(sets, min_size=1, max_size=5)
    ),
    min_size=1,
    max_size=6,
)


FAILED_THEN_HEAVIER_WARMUP = [
    (
        "back_squat",
        [
            LoggedSet(0, 80.0, "lb"),
            LoggedSet(1, 80.0, "kg", SetKind.WARMUP),
            LoggedSet(1, 20.0, "lb", SetKind.BACKOFF, implements=2),
            LoggedSet(8, 40.0, "lb"),
        ],
    )
]


@settings(max_examples=400, deadline=None)
@given(days, st.integers(min_value=0, max_value=5))
@example(FAILED_THEN_HEAVIER_WARMUP, 0)
def test_ramp_steps_are_light_splits_ramp(day: list[tuple[str, list[LoggedSet]]], which: int) -> None:
    entries = [
        Entry(exercise, tuple(done), START + timedelta(minutes=5 * i), id=i + 1)
        for i, (exercise, done) in enumerate(day)
    ]
    entry = entries[which % len(entries)]
    assert ramp_as_warmups(entry, entries)[1] == light_split(entry, entries)[0]


def test_a_ramp_before_the_work_is_found_and_straight_work_has_none() -> None:
    ramp = Entry("hip_thrust", (LoggedSet(10, 40.0, "kg"), *(LoggedSet(10, 100.0, "kg"),) * 3), START, id=1)
    assert ramp_as_warmups(ramp, [ramp])[1] == (LoggedSet(10, 40.0, "kg"),)
    late = Entry("hip_thrust", (LoggedSet(10, 40.0, "kg"),), START + timedelta(minutes=5), id=2)
    # Well under the top set before it, but after it: a late light set, not a ramp step.
    assert ramp_as_warmups(late, [ramp, late]) == (late, ())
    assert light_split(late, [ramp, late]) == ((), (LoggedSet(10, 40.0, "kg"),))


def test_a_failed_set_before_a_heavier_warm_up_is_read_as_the_whole_day_reads_it() -> None:
    # No shortcut on a set with no reps: it is no top, so the day's own reading decides (a step on the
    # way up to the 40 lb × 8, under the 80 kg warm-up after it).
    [(exercise, done)] = FAILED_THEN_HEAVIER_WARMUP
    entry = Entry(exercise, tuple(done), START, id=1)
    assert light_split(entry, [entry]) == ((LoggedSet(0, 80.0, "lb"),), ())
    assert ramp_as_warmups(entry, [entry])[1] == (LoggedSet(0, 80.0, "lb"),)

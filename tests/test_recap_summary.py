"""The pure rules of the session summary and the weekly recap (coaching/summary.py, coaching/recap.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coaching.programs import WeekVolume
from coaching.recap import behind, focus_for, sessions_in, streak
from coaching.summary import summarize
from domain.training import Entry, LoggedSet, SetKind, group_sessions

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def entry(at: datetime, exercise: str = "hip_thrust", *sets: LoggedSet, id: int = 0) -> Entry:
    return Entry(exercise, tuple(sets) or (LoggedSet(10, 80, "kg"),) * 3, at, id=id)


def weeks(n: int) -> list[tuple[datetime, datetime]]:
    return [(MONDAY - timedelta(weeks=k), MONDAY - timedelta(weeks=k - 1)) for k in range(n)]


@pytest.mark.parametrize(
    ("goal", "done", "days_left", "trained", "expected"),
    [
        (3, 0, 3, False, True),  # Friday, nothing yet: every day left is needed
        (3, 0, 4, False, False),  # Thursday: one day to spare
        (3, 1, 2, False, True),  # Saturday, 1 of 3
        (3, 1, 2, True, False),  # ... but trained today
        (3, 3, 1, False, False),  # met
        (0, 0, 1, False, False),  # no goal
        (5, 0, 3, False, True),  # out of reach: still behind
    ],
)
def test_behind(goal, done, days_left, trained, expected):
    assert behind(goal, done, days_left, trained) is expected


def test_warm_up_only_sessions_do_not_count_and_streak_stops_at_a_short_week():
    warmup = LoggedSet(10, 40, "kg", kind=SetKind.WARMUP)
    log = [entry(MONDAY + timedelta(days=d)) for d in (0, 2, 4)]
    log += [entry(MONDAY - timedelta(weeks=1) + timedelta(days=d)) for d in (0, 2, 4)]
    log += [entry(MONDAY - timedelta(weeks=2) + timedelta(days=d)) for d in (0, 2)]  # 2 of 3
    log += [entry(MONDAY - timedelta(weeks=2, days=-5), "hip_thrust", warmup)]  # warm-ups only
    log += [entry(MONDAY - timedelta(weeks=3) + timedelta(days=d)) for d in (0, 2, 4)]
    assert sessions_in(log, *weeks(3)[2]) == 2
    assert streak(log, 3, weeks(5)) == 2
    assert streak(log, 2, weeks(5)) == 4
    assert streak(log, 0, weeks(5)) == 0


def test_focus_goes_sessions_then_volume_then_balance():
    assert "3 sessions" in focus_for(2, 3, WeekVolume(12, {"hinge": 12}))
    assert "add hard glute sets" in focus_for(3, 3, WeekVolume(6, {"hinge": 6}))
    assert "trim back" in focus_for(3, 3, WeekVolume(24, {"hinge": 24}))
    assert "bridge/thrust" in focus_for(3, 3, WeekVolume(12, {"hinge": 12}))


def test_summary_counts_working_sets_and_volume_in_the_users_unit_with_prs():
    before = entry(MONDAY - timedelta(days=3), id=1)
    today = [
        entry(
            MONDAY,
            "hip_thrust",
            LoggedSet(10, 40, "kg", kind=SetKind.WARMUP),
            *(LoggedSet(10, 85, "kg"),) * 3,
            id=2,
        ),
        entry(
            MONDAY + timedelta(minutes=25),
            "romanian_deadlift",
            *(LoggedSet(8, 20, "kg", implements=2),) * 2,
            id=3,
        ),
    ]
    [_, session] = group_sessions([before, *today])
    s = summarize(session, [before, *today], lambda _: None, "lb")
    ht, rdl = s.work
    assert (ht.sets, ht.reps) == (3, 30)  # the warm-up set is not a working set
    assert ht.volume == pytest.approx(round(30 * 85 * 2.20462262, 1))
    assert rdl.volume == pytest.approx(round(2 * 8 * 40 * 2.20462262, 1))  # both dumbbells
    assert "heaviest load" in ht.prs and rdl.prs == ()
    assert s.minutes == 25 and s.worth_sending


def test_a_warm_up_only_session_is_not_worth_a_summary():
    [session] = group_sessions([entry(MONDAY, "hip_thrust", LoggedSet(10, 40, "kg", kind=SetKind.WARMUP))])
    assert not summarize(session, list(session.entries), lambda _: None, "kg").worth_sending

"""h9: /log, /done and the rest timer need the program week on every call, so it is read from the log
in the order trained by bisection (`week_in_order`), not by a pass over a five-year log. Time away moves
the block start on by its length however long ago it was (a lifter back from a month off resumes the
block where it was), so no fixed recent window gives the same week: the bisection visits every stretch
of up to two weeks instead. Here it is the same week as /plan's whole-log calendar on generated logs:
breaks of every length, days with only band work or only lifts outside the program, time zones where
the local day is not the UTC one, a started program, entries logged ahead of today."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from content.library import Library
from domain.training import Entry, LoggedSet, SetKind, chronological
from handlers.plan import program_week, today, week_in_order
from storage.models import Profile

EXERCISES = (
    "hip_thrust",
    "back_squat",
    "glute_bridge",
    "romanian_deadlift",
    "deadlift",
    "leg_press",
    "sumo_walk",
)
ZONES = ("UTC", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata")


def generated(rng: random.Random, start: datetime, sessions: int) -> list[Entry]:
    at, out = start, []
    for _ in range(sessions):
        # Mostly every few days; now and then a gap right at the two-week line, or months away.
        at += timedelta(days=rng.choice((1, 2, 2, 3, 4, 7, 12, 13, 14, 15, 40)), hours=rng.randint(-11, 11))
        for _ in range(rng.choice((1, 1, 2, 3))):
            exercise = rng.choice(EXERCISES)
            kind = SetKind.ACTIVATION if rng.random() < 0.15 else SetKind.WORKING
            sets = (LoggedSet(10, 60.0 if kind is SetKind.WORKING else None, "kg", kind),)
            out.append(Entry(exercise, sets, at + timedelta(minutes=rng.randint(0, 90)), id=0))
    rng.shuffle(out)  # logged out of order: backdated sets, imports
    return [Entry(e.exercise, e.sets, e.at, id=i + 1) for i, e in enumerate(out)]


@pytest.mark.parametrize("seed", range(40))
def test_the_bisected_week_is_the_whole_log_calendars(seed: int, library: Library) -> None:
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 8, tzinfo=UTC)
    entries = generated(rng, start, rng.choice((0, 1, 5, 40, 120)))
    program = ""
    if rng.random() < 0.4:
        started = (start + timedelta(days=rng.randint(-30, 400))).date()
        program = f"{rng.choice(('intermediate-3', 'advanced-2', 'beginner-3'))}@{started.isoformat()}"
    profile = Profile(
        "console:h9",
        timezone=rng.choice(ZONES),
        level=rng.choice(("beginner", "intermediate", "advanced")),
        program=program,
    )
    ordered = chronological(entries)
    last = ordered[-1].at if ordered else start
    for days in (-3, 0, 1, 6, 13, 14, 15, 30, 100):
        now = last + timedelta(days=days, hours=rng.randint(0, 23))
        whole = today(profile, entries, library, now).week  # /plan's calendar over the whole log
        assert week_in_order(profile, ordered, library, now) == whole, (days, now)
        assert program_week(profile, entries, library, now) == whole


class Counted(Sequence[Entry]):
    """A log that counts the entries read from it (a bisection reads through `__getitem__` too)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries, self.reads = entries, 0

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        self.reads += 1
        return self.entries[i]


def test_a_five_year_log_is_read_a_few_entries_per_fortnight_not_whole(library: Library) -> None:
    """The heavy user of bench/scale_bench.py: 10,000 entries, three sessions a week for five years,
    with a month away in the middle (the block start moves on by it)."""
    start = datetime(2021, 11, 30, 17, 30, tzinfo=UTC)
    lifts = ("hip_thrust", "back_squat", "romanian_deadlift", "glute_bridge", "deadlift")
    entries = [
        Entry(
            lifts[i % len(lifts)],
            (LoggedSet(10, 60.0, "kg"),),
            start + timedelta(days=(i // 13) * 7 // 3 + (30 if i > 5000 else 0), minutes=5 * (i % 13)),
            id=i + 1,
        )
        for i in range(10_000)
    ]
    profile, now = Profile("console:h9"), datetime(2026, 12, 28, 9, tzinfo=UTC)
    log = Counted(entries)
    assert week_in_order(profile, log, library, now) == today(profile, entries, library, now).week
    # A bisection (about 14 reads) per two weeks of training, some 150 in five years: not 10,000.
    assert log.reads < 3_000, log.reads

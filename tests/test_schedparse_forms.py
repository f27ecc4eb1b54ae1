"""The /remind forms of issue 13: one-offs placed from the user's local now, gaps in hours and
minutes, and the pieces ``/remind edit`` changes. Every refusal names a form that works."""

from __future__ import annotations

from datetime import datetime

import pytest

from coaching.schedparse import (
    ParsedSchedule,
    ScheduleChanges,
    ScheduleParseError,
    describe_gap,
    parse_changes,
    parse_schedule,
)

WED_9 = datetime(2026, 11, 25, 9, 0)  # a Wednesday, 09:00 local
FRI_8 = datetime(2026, 11, 27, 8, 0)  # a Friday, 08:00 local


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("tomorrow 6:30pm", WED_9, ParsedSchedule((3,), "18:30", 10, "2026-11-26")),
        ("Tomorrow at 18:30 gap 1h", WED_9, ParsedSchedule((3,), "18:30", 60, "2026-11-26")),
        ("today 6pm", WED_9, ParsedSchedule((2,), "18:00", 10, "2026-11-25")),
        ("tonight 9pm", WED_9, ParsedSchedule((2,), "21:00", 10, "2026-11-25")),
        ("fri 7am once", WED_9, ParsedSchedule((4,), "07:00", 10, "2026-11-27")),
        ("once friday 7am", WED_9, ParsedSchedule((4,), "07:00", 10, "2026-11-27")),
        # Friday 08:00: "fri 7am once" has passed this week, so it is next Friday; 9am still today.
        ("fri 7am once", FRI_8, ParsedSchedule((4,), "07:00", 10, "2026-12-04")),
        ("fri 9am once", FRI_8, ParsedSchedule((4,), "09:00", 10, "2026-11-27")),
        ("next fri 9am", FRI_8, ParsedSchedule((4,), "09:00", 10, "2026-12-04")),
        ("2026-12-24 10:00", WED_9, ParsedSchedule((3,), "10:00", 10, "2026-12-24")),
        ("fri 7am", WED_9, ParsedSchedule((4,), "07:00", 10, "")),  # no "once": every Friday
    ],
)
def test_one_offs(text, now, expected):
    assert parse_schedule(text, now=now) == expected


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        ("mon 18:00 gap 1h", 60),
        ("mon 18:00 gap 1h30", 90),
        ("mon 18:00 gap 1h 30m", 90),
        ("mon 18:00 gap 1 hr 30 min", 90),
        ("mon 18:00 gap 90m", 90),
        ("mon 18:00 gap 45", 45),
        ("mon 18:00 gap 1:30", 90),
        ("mon 18:00 gap 1.5h", 90),
        ("mon 18:00 gap 2 hours", 120),
        ("mon 18:00 gap 3h", 180),
        ("gap 1h mon 18:00", 60),
        ("mon 18:00 gap 1m", 1),
        ("mon 18:00 150 min", 150),
    ],
)
def test_gaps_in_hours_and_minutes(text, gap):
    assert parse_schedule(text).gap == gap
    assert parse_schedule(text).time == "18:00"


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("mon 18:00 gap 4h", ("1 minute to 3 hours", "not 4h", "gap 1h30")),
        ("mon 18:00 gap 181m", ("1 minute to 3 hours", "gap 15m")),
        ("mon 18:00 gap 0", ("1 minute to 3 hours",)),
        ("mon 18:00 gap 1h75", ("75 minutes past the hour", "gap 1h30")),
        ("mon 18:00 gap", ("gap 15m", "gap 1h")),
        ("today 6am", ("already passed", "tomorrow 06:00")),
        ("2026-11-01 10:00", ("already passed",)),
        ("2026-02-30 10:00", ("isn't a date", "2026-12-24")),
        ("2028-01-01 10:00", ("within the year",)),
        ("mon,wed 7am once", ("one day", "mon,wed,fri 18:00")),
        ("tomorrow fri 7am", ("one day", "tomorrow 6:30pm")),
        ("once 7am", ("which day", "fri 7am once")),
        ("someday 7am", ("'someday'", "tomorrow 6:30pm")),
        ("tomorrow", ("time", "tomorrow 6:30pm")),
    ],
)
def test_refusals_say_what_works(text, fragments):
    with pytest.raises(ScheduleParseError) as info:
        parse_schedule(text, now=WED_9)
    for fragment in fragments:
        assert fragment in str(info.value)


def test_a_one_off_without_a_clock_is_refused_not_guessed():
    with pytest.raises(ScheduleParseError, match="tomorrow 6:30pm"):
        parse_schedule("tomorrow 6pm")


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("gap 1h", ScheduleChanges(gap=60)),
        ("19:30", ScheduleChanges(time="19:30")),
        ("tue thu", ScheduleChanges(days=(1, 3))),
        ("weekdays 7am gap 20m", ScheduleChanges(days=(0, 1, 2, 3, 4), time="07:00", gap=20)),
        ("tomorrow", ScheduleChanges(days=(3,), once="2026-11-26")),
    ],
)
def test_edit_changes(text, changes):
    assert parse_changes(text, now=WED_9) == changes


@pytest.mark.parametrize("text", ["", "please"])
def test_edit_needs_something_to_change(text):
    with pytest.raises(ScheduleParseError) as info:
        parse_changes(text, now=WED_9)
    assert "/remind edit 1" in str(info.value) or "18:00" in str(info.value)


def test_describe_gap():
    assert [describe_gap(m) for m in (15, 60, 90, 180)] == ["15 min", "1 h", "1 h 30 min", "3 h"]

"""coaching.schedparse (/remind arguments) and coaching.timezones (zone lookup and completion)."""

from __future__ import annotations

import re
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coaching.schedparse import ParsedSchedule, ScheduleParseError, describe_days, parse_schedule
from coaching.timezones import complete_timezones, resolve_timezone

WEEK = (0, 1, 2, 3, 4, 5, 6)
WORK = (0, 1, 2, 3, 4)

ACCEPTED = [
    ("mon,wed,fri 18:00", (0, 2, 4), "18:00", 10),
    ("mon, wed, fri 18:00", (0, 2, 4), "18:00", 10),
    ("weekdays 18:00", WORK, "18:00", 10),
    ("week days 18:00", WORK, "18:00", 10),
    ("daily 7:30", WEEK, "07:30", 10),
    ("every day 7:30", WEEK, "07:30", 10),
    ("everyday 7:30", WEEK, "07:30", 10),
    ("weekends 9:00", (5, 6), "09:00", 10),
    ("weekend 9am", (5, 6), "09:00", 10),
    ("tue thu 07:30", (1, 3), "07:30", 10),
    ("mon-fri 6:15", WORK, "06:15", 10),
    ("mon - fri 6:15", WORK, "06:15", 10),
    ("mon to fri 6:15", WORK, "06:15", 10),
    ("fri-mon 6:15", (0, 4, 5, 6), "06:15", 10),
    ("monday wednesday 18:00", (0, 2), "18:00", 10),
    ("Mondays and Thursdays at 7am", (0, 3), "07:00", 10),
    ("sun sat sun 18:00", (5, 6), "18:00", 10),
    ("thurs tues 18:00", (1, 3), "18:00", 10),
    # times
    ("mon 6pm", (0,), "18:00", 10),
    ("mon 6 pm", (0,), "18:00", 10),
    ("mon 6:30pm", (0,), "18:30", 10),
    ("mon 6.30pm", (0,), "18:30", 10),
    ("mon 12am", (0,), "00:00", 10),
    ("mon 12pm", (0,), "12:00", 10),
    ("mon 6 a.m.", (0,), "06:00", 10),
    ("mon 18h", (0,), "18:00", 10),
    ("mon 18h30", (0,), "18:30", 10),
    ("mon 18.30", (0,), "18:30", 10),
    ("mon 1830", (0,), "18:30", 10),
    ("mon 0630", (0,), "06:30", 10),
    ("mon 0:00", (0,), "00:00", 10),
    ("mon 23:59", (0,), "23:59", 10),
    ("mon noon", (0,), "12:00", 10),
    ("18:00 mon", (0,), "18:00", 10),
    # gaps
    ("mon 18:00 gap 15m", (0,), "18:00", 15),
    ("mon 18:00 gap 15", (0,), "18:00", 15),
    ("mon 18:00 gap=15min", (0,), "18:00", 15),
    ("mon 18:00 gap: 20 minutes", (0,), "18:00", 20),
    ("gap 5 mon 18:00", (0,), "18:00", 5),
    ("mon 18:00 15m", (0,), "18:00", 15),
    ("mon 18:00 15 min", (0,), "18:00", 15),
    ("mon 18:00 +15m", (0,), "18:00", 15),
    ("mon 18:00 gap 1", (0,), "18:00", 1),
    ("mon 18:00 gap 120", (0,), "18:00", 120),
    ("  MON,WED   18:00  ", (0, 2), "18:00", 10),
]


@pytest.mark.parametrize(("text", "days", "time", "gap"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_accepted(text, days, time, gap):
    assert parse_schedule(text) == ParsedSchedule(days=days, time=time, gap=gap)


def test_default_gap_used_when_none_given():
    assert parse_schedule("mon 18:00", default_gap=25).gap == 25
    assert parse_schedule("mon 18:00 gap 5", default_gap=25).gap == 5


REFUSED = [
    ("", "mon,wed,fri 18:00"),
    ("18:00", "days"),
    ("mon", "time"),
    ("mon wed", "time"),
    ("mon 25:00", "'25:00'"),
    ("mon 24:00", "'24:00'"),
    ("mon 12:60", "'12:60'"),
    ("mon 13pm", "1 to 12"),
    ("mon 0am", "1 to 12"),
    ("mon 2400", "'2400'"),
    ("mon 18:00 gap 0", "1 minute to 3 hours"),
    ("mon 18:00 gap 181", "1 minute to 3 hours"),
    ("mon 18:00 0m", "1 minute to 3 hours"),
    ("mon 18:00 gap", "gap 15m"),
    ("mon 18:00 gap 10 gap 15", "twice"),
    ("mon 18:00 gap 10 15m", "twice"),
    ("mon 18:00 15", "gap 15m"),
    ("mon 18:00 19:00", "more than one time"),
    ("funday 18:00", "'funday'"),
    ("mon-xyz 18:00", "'xyz'"),
    ("mon - 18:00", "two days"),
    ("mon " + "wed " * 60 + "18:00", "too long"),
]


@pytest.mark.parametrize(("text", "fragment"), REFUSED, ids=[r[0][:40] or "empty" for r in REFUSED])
def test_refused(text, fragment):
    with pytest.raises(ScheduleParseError) as info:
        parse_schedule(text)
    assert fragment.lower() in str(info.value).lower()


def test_missing_parts_give_an_example():
    for text in ("18:00", "mon", ""):
        with pytest.raises(ScheduleParseError, match=re.escape("mon,wed,fri 18:00")):
            parse_schedule(text)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (WEEK, "daily"),
        (WORK, "weekdays"),
        ((5, 6), "weekends"),
        ((0, 2, 4), "Mon, Wed, Fri"),
        ((4, 0, 2, 2), "Mon, Wed, Fri"),
        ((6,), "Sun"),
        ((0, 1, 2, 3, 4, 5), "Mon, Tue, Wed, Thu, Fri, Sat"),
    ],
)
def test_describe_days(days, text):
    assert describe_days(days) == text


def _valid(result: ParsedSchedule) -> None:
    assert result.days and result.days == tuple(sorted(set(result.days)))
    assert all(0 <= d <= 6 for d in result.days)
    assert re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", result.time)
    assert 1 <= result.gap <= 180


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_gives_valid_schedule_or_error(text):
    try:
        result = parse_schedule(text)
    except ScheduleParseError as e:
        assert str(e)
    else:
        _valid(result)


SOUP = [
    "mon", "tue", "friday", "weekdays", "daily", "every", "day", "-", "to", "18:00", "7:30", "6pm", "6", "pm",
    "a.m.", "18h", "1830", "99:99", "gap", "15", "15m", "gap=0", "=", "min", "noon", ",", "at", "24:00", "x",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SOUP), max_size=8), st.sampled_from([" ", "", ","]))
def test_token_soup_gives_valid_schedule_or_error(tokens, sep):
    try:
        result = parse_schedule(sep.join(tokens))
    except ScheduleParseError as e:
        assert str(e)
    else:
        _valid(result)


@settings(max_examples=200, deadline=None)
@given(
    days=st.sets(st.integers(0, 6), min_size=1),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    gap=st.integers(1, 120),
)
def test_round_trip_through_describe_days(days, hour, minute, gap):
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    day_text = describe_days(tuple(days)).lower().replace(" ", "")
    text = f"{day_text} {hour}:{minute:02d} gap {gap}m"
    assert parse_schedule(text) == ParsedSchedule(tuple(sorted(days)), f"{hour:02d}:{minute:02d}", gap)
    text = ",".join(names[d] for d in sorted(days)) + f" {hour:02d}{minute:02d}"
    assert parse_schedule(text).days == tuple(sorted(days))


# --- timezones -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Europe/Amsterdam", "Europe/Amsterdam"),
        ("europe/amsterdam", "Europe/Amsterdam"),
        ("AMERICA/NEW_YORK", "America/New_York"),
        ("Amsterdam", "Europe/Amsterdam"),
        ("amsterdam", "Europe/Amsterdam"),
        ("new york", "America/New_York"),
        ("new_york", "America/New_York"),
        ("New-York", "America/New_York"),
        ("  sao_paulo ", "America/Sao_Paulo"),
        ("port au prince", "America/Port-au-Prince"),
        ("kolkata", "Asia/Kolkata"),
        ("indianapolis", "America/Indianapolis"),  # the short canonical-area name wins over Indiana/...
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("GMT", "UTC"),
        ("UTC+2", "Etc/GMT-2"),  # POSIX sign: UTC+2 is Etc/GMT-2
        ("utc-5", "Etc/GMT+5"),
        ("GMT+0", "UTC"),
        ("Nowhere", None),
        ("", None),
        ("   ", None),
        ("localtime", None),
        ("utc+15", None),
        ("a" * 500, None),
    ],
)
def test_resolve_timezone(text, zone):
    assert resolve_timezone(text) == zone


def test_resolved_zones_load():
    for text in ("amsterdam", "new york", "utc+2", "tokyo"):
        zoneinfo.ZoneInfo(resolve_timezone(text))


def test_complete_ranks_full_prefix_then_city_then_contains():
    got = complete_timezones("new")
    assert got[0] == "America/New_York"  # city prefix, canonical area first
    assert "Canada/Newfoundland" in got
    assert complete_timezones("europe/am") == ["Europe/Amsterdam"]
    full = complete_timezones("asia/")
    assert full and all(z.startswith("Asia/") for z in full)
    # "york" is only contained: it still shows, after nothing better
    assert complete_timezones("york") == ["America/New_York"]
    # full-name prefix ("America/...") ranks before a city prefix ("Europe/Amsterdam"), then "contains"
    mixed = complete_timezones("am", limit=1000)
    assert mixed.index("America/Whitehorse") < mixed.index("Asia/Amman") < mixed.index("Asia/Damascus")
    assert mixed.index("Europe/Amsterdam") < mixed.index("Asia/Damascus")


def test_complete_respects_limit_and_handles_empty():
    assert len(complete_timezones("a", limit=25)) == 25
    assert complete_timezones("a", limit=3) == complete_timezones("a", limit=25)[:3]
    assert complete_timezones("zzzz") == []
    assert complete_timezones("eur", limit=0) == []
    assert len(complete_timezones("")) == 25


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_timezone_functions_never_crash(text):
    zone = resolve_timezone(text)
    assert zone is None or zone in zoneinfo.available_timezones()
    assert len(complete_timezones(text, 10)) <= 10

"""coaching.timezones.lookup_timezone: zones as people type them. Cities are taken, abbreviations,
offsets and multi-zone countries are picked from candidates; every zone named loads."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coaching.timezones import ABBREVIATIONS, CITIES, fixed_zone, format_offset, lookup_timezone

WINTER = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
SUMMER = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)


def test_the_tables_name_real_zones_and_many_cities():
    zones = zoneinfo.available_timezones()
    assert len(CITIES) >= 150
    assert set(CITIES.values()) <= zones
    assert {zone for choices in ABBREVIATIONS.values() for _, zone in choices} <= zones | {"UTC"}
    for key in ("ist", "pst", "pdt", "est", "edt", "cst", "mst", "cet", "cest", "eet", "bst", "gmt", "jst"):
        assert key in ABBREVIATIONS
    for key in ("kst", "aest", "aedt", "nzst"):
        assert key in ABBREVIATIONS


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Mumbai", "Asia/Kolkata"),
        ("  san francisco ", "America/Los_Angeles"),
        ("São Paulo", "America/Sao_Paulo"),
        ("SAO PAULO", "America/Sao_Paulo"),
        ("St. Louis", "America/Chicago"),
        ("Zürich", "Europe/Zurich"),
        ("Köln", "Europe/Berlin"),
        ("tokyo", "Asia/Tokyo"),
        ("India", "Asia/Kolkata"),
    ],
)
def test_cities_are_taken(typed, zone):
    found = lookup_timezone(typed, WINTER)
    assert (found.kind, found.zone) == ("city", zone)


@pytest.mark.parametrize(
    ("typed", "zones"),
    [
        ("IST", ["Asia/Kolkata", "Asia/Jerusalem", "Europe/Dublin"]),
        ("ist", ["Asia/Kolkata", "Asia/Jerusalem", "Europe/Dublin"]),
        ("BST", ["Europe/London", "Asia/Dhaka"]),
        ("GMT", ["Europe/London", "Europe/Dublin", "Africa/Accra", "UTC"]),
        ("JST", ["Asia/Tokyo"]),
        (
            "USA",
            [
                "America/New_York",
                "America/Chicago",
                "America/Denver",
                "America/Phoenix",
                "America/Los_Angeles",
            ],
        ),
    ],
)
def test_abbreviations_are_picked_never_taken(typed, zones):
    found = lookup_timezone(typed, WINTER)
    assert found.kind == "pick" and [c.zone for c in found.choices] == zones


def test_an_offset_offers_the_zones_at_that_offset_now_then_the_fixed_one():
    # UTC+1 in winter is Central Europe; in summer it is the UK and Portugal.
    winter = [c.zone for c in lookup_timezone("UTC+1", WINTER).choices]
    summer = [c.zone for c in lookup_timezone("UTC+1", SUMMER).choices]
    assert winter[:2] == ["Europe/Berlin", "Europe/Paris"] and winter[-1] == "Etc/GMT-1"
    assert summer[:2] == ["Europe/London", "Europe/Lisbon"] and summer[-1] == "Etc/GMT-1"
    assert len(winter) <= 5 and len(summer) <= 5
    half = lookup_timezone("+05:30", WINTER)
    assert half.what == "UTC+5:30" and [c.zone for c in half.choices] == ["Asia/Kolkata", "Asia/Colombo"]
    assert lookup_timezone("gmt −3", WINTER).what == "UTC−3"  # a typographic minus too


def test_the_fixed_zone_sign_is_posix():
    assert fixed_zone(5 * 60) == "Etc/GMT-5" and fixed_zone(-5 * 60) == "Etc/GMT+5"
    assert fixed_zone(0) == "UTC" and fixed_zone(330) is None and fixed_zone(15 * 60) is None
    for minutes in range(-12 * 60, 14 * 60 + 1, 60):
        zone = fixed_zone(minutes)
        offset = WINTER.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()
        assert offset is not None and offset.total_seconds() == minutes * 60, zone
    assert [format_offset(m) for m in (330, -180, 0, 60)] == ["UTC+5:30", "UTC−3", "UTC", "UTC+1"]


@pytest.mark.parametrize("typed", ["Mars/Olympus", "", "   ", "UTC+15", "utc+5:75", "x" * 100])
def test_unknowns(typed):
    assert lookup_timezone(typed, WINTER).kind == "unknown"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gives_a_known_kind_and_real_zones(text):
    found = lookup_timezone(text, WINTER)
    zones = zoneinfo.available_timezones() | {"UTC"}
    assert found.kind in ("zone", "city", "pick", "unknown")
    if found.kind in ("zone", "city"):
        assert found.zone in zones
    if found.kind == "pick":
        assert all(c.zone in zones for c in found.choices)

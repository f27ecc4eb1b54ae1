"""Pure time arithmetic for reminder occurrences (no I/O, no scheduler).

An *occurrence* of a schedule is one local calendar date on which it fires; its key is that date as
``"YYYY-MM-DD"``. Its *instant* is the local time ``HH:MM`` on that date in the schedule's zone, read
with ``fold=0``. That choice matches APScheduler 3.11's `CronTrigger` in both DST edge cases (checked
in tests/test_reminders.py):

- spring forward, the local time does not exist (02:30 in Europe/Amsterdam on the last Sunday of
  March): ``fold=0`` takes the offset from before the jump, so the instant is 01:30 UTC = 03:30 local
  summer time. APScheduler fires exactly then, once; the reminder is an hour late on the wall clock
  but is not skipped.
- fall back, the local time happens twice (02:30 on the last Sunday of October): ``fold=0`` is the
  first of the two. APScheduler fires at *both* (00:30 and 01:30 UTC); the second firing finds the
  occurrence key already recorded (and an hour outside the grace window), so it sends nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = Schedule.days numbering


@lru_cache(maxsize=1024)
def zone(name: str) -> tzinfo:
    """The IANA zone ``name`` (raises `ValueError` for an unknown or malformed one)."""
    try:
        return ZoneInfo(name)
    except Exception as exc:  # ZoneInfoNotFoundError, ValueError, TypeError for odd input
        raise ValueError(f"unknown timezone {name!r}") from exc


def parse_hhmm(text: str) -> int:
    """``"18:05"`` → minute of the day (1085). Raises `ValueError` if it is not a valid time."""
    hh, sep, mm = text.strip().partition(":")
    if not sep or not hh.isdigit() or not mm.isdigit() or len(mm) != 2:
        raise ValueError(f"not a HH:MM time: {text!r}")
    h, m = int(hh), int(mm)
    if not (0 <= h < 24 and 0 <= m < 60):
        raise ValueError(f"not a HH:MM time: {text!r}")
    return h * 60 + m


def days_mask(days: tuple[int, ...] | list[int]) -> int:
    """Weekdays (0 = Monday … 6 = Sunday) as a 7-bit mask; out-of-range values are ignored."""
    mask = 0
    for d in days:
        if 0 <= d <= 6:
            mask |= 1 << d
    return mask


def cron_days(mask: int) -> str:
    """A mask as APScheduler ``day_of_week`` names (``"mon,wed,fri"``): names, never numbers, because
    APScheduler counts Monday as 0 and crontab counts Sunday as 0."""
    return ",".join(name for i, name in enumerate(DAY_NAMES) if mask & (1 << i))


def instant(day: date, minute: int, tz: tzinfo) -> datetime:
    """The UTC instant of local ``minute`` on ``day`` in ``tz`` (``fold=0``; see the module docstring)."""
    local = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=tz)
    return local.astimezone(UTC)


def latest(now: datetime, minute: int, tz: tzinfo) -> tuple[date, datetime]:
    """The most recent occurrence of the daily local time ``minute`` at or before ``now``, ignoring
    weekdays: (local date, UTC instant)."""
    today = now.astimezone(tz).date()
    at = instant(today, minute, tz)
    if at > now:
        today -= timedelta(days=1)
        at = instant(today, minute, tz)
    return today, at


def next_after(after: datetime, minute: int, tz: tzinfo, mask: int) -> datetime | None:
    """The first occurrence strictly after ``after`` on a weekday in ``mask``, as an aware local time in
    ``tz`` (a non-existent spring-forward time is shown as the real wall time it fires at)."""
    if not mask:
        return None
    day = after.astimezone(tz).date() - timedelta(days=1)
    for _ in range(10):
        at = instant(day, minute, tz)
        if at > after and mask & (1 << day.weekday()):
            return at.astimezone(tz)
        day += timedelta(days=1)
    return None  # unreachable with a non-empty mask


def to_iso(dt: datetime) -> str:
    """UTC ISO-8601 with seconds, e.g. ``"2026-03-02T17:10:00+00:00"``."""
    return dt.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str) -> datetime | None:
    """Parse a stored ISO time (naive = UTC); None if empty or malformed."""
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt

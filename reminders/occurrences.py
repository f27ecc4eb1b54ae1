"""When a schedule fires. The one DST rule is APScheduler's `CronTrigger`; nothing here re-derives it.

A schedule fires at local ``HH:MM`` in its IANA zone; an *occurrence* is the local date of a firing
(``"YYYY-MM-DD"``), the idempotency key of its messages. CronTrigger at the two DST edges (checked in
tests/test_reminders.py): a local time that does not exist (spring forward) fires once, at the real wall
time after the jump (02:30 → 03:30 summer time); one that happens twice (fall back) fires at both, with
one local date, so the second firing finds its occurrence already recorded and sends nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from domain.schedule import Schedule

JUST_AFTER = timedelta(microseconds=1)  # CronTrigger rounds a start up to the second: "strictly after"


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


@lru_cache(maxsize=4096)
def daily(tz_name: str, minute: int) -> CronTrigger:
    """Every day at local ``minute`` in ``tz_name``; weekdays are filtered per schedule by the caller,
    so a slot's trigger never changes when its members do."""
    return CronTrigger(hour=minute // 60, minute=minute % 60, timezone=zone(tz_name))


DST_REACH = timedelta(hours=3)  # more than any clock change (2 h at most in the tz database)


def next_fire(trigger: CronTrigger, start: datetime) -> datetime:
    """The trigger's first firing at or after ``start``, in UTC.

    CronTrigger compares local wall times: asked from a ``start`` just after a spring-forward jump
    (03:10 summer time), it skips the firing the jump moved there (02:30 → 03:30) to the next day, so a
    restart or a late check within grace would miss it. Asked from `DST_REACH` earlier instead, then
    walked on to ``start``, every firing at or after ``start`` is found."""
    start = start.astimezone(UTC)  # (arithmetic on a local time is on its wall clock: a fold is lost)
    fire = trigger.get_next_fire_time(None, start - DST_REACH)
    while fire is not None and fire < start:
        fire = trigger.get_next_fire_time(None, fire.astimezone(UTC) + JUST_AFTER)
    assert fire is not None  # a daily trigger without an end date always has a next firing
    return fire.astimezone(UTC)


def local_date(fire: datetime, tz: tzinfo) -> str:
    """The occurrence key of a firing: its local date."""
    return fire.astimezone(tz).date().isoformat()


def next_on_days(trigger: CronTrigger, after: datetime, mask: int, tz: tzinfo) -> datetime | None:
    """The first firing strictly after ``after`` on a weekday in ``mask``, as an aware local time in
    ``tz`` (a non-existent spring-forward time is shown as the real wall time it fires at)."""
    if not mask:
        return None
    fire = after
    for _ in range(9):  # ≤ 7 days, plus a repeated fall-back firing
        fire = next_fire(trigger, fire + JUST_AFTER)
        local = fire.astimezone(tz)
        if mask & (1 << local.weekday()):
            return local
    return None  # unreachable with a non-empty mask


def one_off_fire(once: str, slot: tuple[str, int], after: datetime) -> datetime | None:
    """When a one-off on local date ``once`` in ``slot`` (zone, minute of the day) fires, as an aware
    local time, if that is strictly after ``after``; None once it has passed or for a bad date. The
    firing comes from the same CronTrigger as every reminder, so across a DST change it fires at the
    local time set (a time the spring-forward skips: at the wall time after the jump)."""
    try:
        day = date.fromisoformat(once)
    except ValueError:
        return None
    tz = zone(slot[0])
    midnight = datetime(day.year, day.month, day.day, tzinfo=tz)
    fire = next_fire(daily(*slot), midnight).astimezone(tz)
    if fire.date() != day or fire <= after:
        return None
    return fire


def next_weekly(after: datetime, weekday: int, minute: int, tz_name: str) -> datetime:
    """The first local ``weekday`` (0 = Monday) at ``minute`` of the day in ``tz_name`` strictly after
    ``after``, in UTC, by the same CronTrigger rule as the reminders (a skipped spring-forward time
    fires at the wall time after the jump). Raises `ValueError` for a bad zone, day or minute."""
    if not (0 <= weekday <= 6 and 0 <= minute < 24 * 60):
        raise ValueError(f"not a weekly time: {weekday} {minute}")
    trigger = CronTrigger(day_of_week=weekday, hour=minute // 60, minute=minute % 60, timezone=zone(tz_name))
    return next_fire(trigger, after + JUST_AFTER)


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


def one_off_passed(schedule: Schedule, now: datetime) -> bool:
    """A one-off whose time is behind ``now`` in its own zone and whose activation was never sent: it
    will not come any more (a /timezone change can move it there), though its row stays until it is
    removed or moved, or its date is over."""
    if not schedule.once or schedule.done or schedule.last_activation >= schedule.once:
        return False
    try:
        slot = (schedule.timezone, parse_hhmm(schedule.time))
        zone(schedule.timezone)
    except ValueError:
        return False  # never indexed either; nothing to say about it
    return one_off_fire(schedule.once, slot, now) is None

"""Parse the ``/remind`` arguments: which days (or which one date), what local time, and the gap before
the lift reminder.

Days use APScheduler's numbering: 0 = Monday ... 6 = Sunday (crontab counts Sunday as 0; not here).

Accepted, in any order:

- days: ``mon,wed,fri``, ``tue thu``, ``monday``, ``mon-fri`` / ``mon to fri`` (ranges may wrap:
  ``fri-mon``), ``weekdays``, ``weekends``, ``daily`` / ``every day`` / ``everyday``;
- one-offs (a single date, then the schedule is done): ``today`` / ``tonight``, ``tomorrow``,
  ``fri once`` / ``next fri``, ``2026-12-24``;
- time: ``18:00``, ``7:30``, ``6pm``, ``6:30pm``, ``6 pm``, ``18h``, ``18h30``, ``18.30``, ``1830``,
  ``noon``, ``midnight``; read by python-dateutil's parser and checked;
- gap (between the activation reminder and the lift reminder, 1 minute to 3 hours): ``gap 15m``,
  ``gap 15`` (minutes), ``gap 1h``, ``gap 1h30``, ``gap 1h 30m``, ``gap 1:30``, ``gap 1.5h``,
  ``gap 90m``, ``gap=15min``, or a bare ``15m`` / ``15 min``.

`parse_changes` reads the same pieces for ``/remind edit <id> ...``, where each one is optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as dateparser

from coaching.logparse import MONTH_WORDS  # the month words /log takes in a date

__all__ = [
    "ParsedSchedule",
    "ScheduleChanges",
    "ScheduleParseError",
    "parse_schedule",
    "parse_changes",
    "describe_days",
    "describe_gap",
    "next_weekday",
    "EXAMPLE",
    "GAP_EXAMPLES",
]

EXAMPLE = "mon,wed,fri 18:00 gap 10m"
ONE_OFF_EXAMPLES = "tomorrow 6:30pm, fri 7am once"
GAP_EXAMPLES = "gap 15m, gap 1h, gap 1h30"
MAX_TEXT = 200
GAP_MIN, GAP_MAX = 1, 180  # minutes: 1 minute to 3 hours
ONE_OFF_DAYS_AHEAD = 366

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_ABBR = tuple(name[:3] for name in DAY_NAMES)
_DAY_WORDS: dict[str, int] = {}
for _i, _full in enumerate(name.lower() for name in DAY_NAMES):
    for _w in (_full, _full + "s", _full[:3], _full[:2]):
        _DAY_WORDS[_w] = _i
_DAY_WORDS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_GROUPS = {
    "daily": tuple(range(7)),
    "everyday": tuple(range(7)),
    "weekdays": tuple(range(5)),
    "weekday": tuple(range(5)),
    "workdays": tuple(range(5)),
    "weekends": (5, 6),
    "weekend": (5, 6),
}
_RANGE_WORDS = {"-", "to", "through", "thru", "till", "until"}
_FILLER = {"at", "on", "and", "every", "each", "weekly", "@"}
# Words that say a schedule repeats every week (`/remind edit 1 sat weekly` makes a one-off weekly).
_WEEKLY = re.compile(r"\b(?:weekly|every|each|daily|everyday)\b")
# One-off words: a day relative to today, or a marker that the weekday named is a single date.
_RELATIVE = {"today": 0, "tonight": 0, "tomorrow": 1, "tmrw": 1, "tmr": 1, "tomorow": 1}
_ONCE_WORDS = {"once", "next", "one-off", "oneoff"}

_UNIT_M = r"(?:minutes?|mins?|m)"
_UNIT_H = r"(?:hours?|hrs?|h)"
_GAP_VALUE = (
    rf"(?:(?P<h>[0-9]{{1,3}}(?:[.,][0-9]{{1,2}})?)\s*{_UNIT_H}"
    rf"(?:(?P<hm>[0-9]{{1,2}})(?![0-9:.])\s*{_UNIT_M}?|\s*(?P<hm2>[0-9]{{1,2}})\s*{_UNIT_M})?"
    r"|(?P<ch>[0-9]{1,2}):(?P<cm>[0-9]{2})"
    rf"|(?P<n>[0-9]{{1,6}})\s*{_UNIT_M}?)"
)
_GAP_KEY = re.compile(rf"\bgap\b\s*[=:]?\s*{_GAP_VALUE}?(?!\w)")
_GAP_BARE = re.compile(rf"(?<![\w:.])\+?(?P<n>[0-9]{{1,6}})\s*{_UNIT_M}(?!\w)")
_ISO_DATE = re.compile(r"(?<![\w:.-])(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?![\w:-])")
_TIME = re.compile(
    r"(?<![\w:.])(?:"
    r"(?P<h1>[0-9]{1,2})(?:[:.h](?P<m1>[0-9]{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)"
    r"|(?P<h2>[0-9]{1,2})[:.h](?P<m2>[0-9]{2})"
    r"|(?P<h3>[0-9]{1,2})h"
    r"|(?P<hhmm>[0-9]{3,4})"
    r"|(?P<word>noon|midnight)"
    r")(?![\w:])"
)
_DEFAULT_DAY = datetime(2000, 1, 1)
# A date with the month's name, as /log reads it (its month words): "30 nov", "1st jan", "jan 1",
# "november 28th", with a year after it or not ("30 nov 2027"; only 20xx, so "1 dec 1830" keeps its time).
_MONTH = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:\s+(?P<y>20[0-9]{2}))?"
_DAY_MONTH = re.compile(
    rf"(?<![\w:.])(?:(?P<d>[0-9]{{1,2}}){_ORD}\s*(?P<m>{_MONTH})\.?|(?P<m2>{_MONTH})\.?\s*(?P<d2>[0-9]{{1,2}}){_ORD})"
    rf"{_YEAR}(?![\w:.])"
)
PAST_DAYS = 7  # "30 nov" on 1 Dec is this year's (and has passed), not next year's


class ScheduleParseError(ValueError):
    """The text could not be read as a schedule; ``str(error)`` says what was wrong, with an example."""


@dataclass(frozen=True)
class ParsedSchedule:
    days: tuple[int, ...]  # sorted, unique; 0 = Monday ... 6 = Sunday (a one-off: its date's weekday)
    time: str  # "HH:MM", 24-hour, local
    gap: int  # minutes between the activation and the lift reminder
    once: str = ""  # a one-off: its local date "YYYY-MM-DD"; "" = every week on ``days``


@dataclass(frozen=True)
class ScheduleChanges:
    """What ``/remind edit`` changes; None = keep. ``once`` set means the schedule becomes that one-off
    (its ``days`` are that date's weekday); new ``days`` make a one-off weekly again."""

    days: tuple[int, ...] | None = None
    time: str | None = None
    gap: int | None = None
    once: str | None = None
    weekly: bool = False  # "weekly" / "every" was said: the schedule repeats (a one-off becomes weekly)


@dataclass
class _Pieces:
    days: tuple[int, ...] = ()
    time: str | None = None
    gap: int | None = None
    once: str = ""


def _read_time(m: re.Match[str]) -> str:
    """Turn a time-shaped match into "HH:MM" with dateutil, then check what it made of it."""
    token = m.group(0)
    if m["word"]:
        text = "12:00" if m["word"] == "noon" else "00:00"
    elif m["ap"]:
        if not 1 <= int(m["h1"]) <= 12:
            raise ScheduleParseError(f"'{token}' isn't a time: with am/pm the hour goes from 1 to 12.")
        text = f"{m['h1']}:{m['m1'] or '00'} {m['ap'].replace('.', '')}"
    elif m["h2"]:
        text = f"{m['h2']}:{m['m2']}"
    elif m["h3"]:
        text = f"{m['h3']}:00"
    else:
        digits = m["hhmm"]
        text = f"{digits[:-2]}:{digits[-2:]}"  # "1830" -> "18:30"; dateutil would read it as a year
    try:
        moment = dateparser.parse(text, default=_DEFAULT_DAY)
    except (ValueError, OverflowError):
        raise ScheduleParseError(f"'{token}' isn't a time of day; use 24h like 18:00 or 6pm.") from None
    if moment.date() != _DEFAULT_DAY.date() or moment.second or moment.microsecond or moment.tzinfo:
        raise ScheduleParseError(f"'{token}' isn't a time of day; use 24h like 18:00 or 6pm.")
    return f"{moment.hour:02d}:{moment.minute:02d}"


def describe_gap(minutes: int) -> str:
    """``90`` → "1 h 30 min", ``60`` → "1 h", ``15`` → "15 min"."""
    hours, mins = divmod(int(minutes), 60)
    if not hours:
        return f"{mins} min"
    return f"{hours} h" + (f" {mins} min" if mins else "")


def _gap_minutes(m: re.Match[str]) -> int:
    """The gap a match names, checked: 1 minute to 3 hours."""
    token = m.group(0).strip()
    g = m.groupdict()
    if g.get("h") is not None:
        hours = float(m["h"].replace(",", "."))
        extra = m["hm"] or m["hm2"]
        if extra is not None and not (m["h"].isascii() and m["h"].isdigit()):
            raise ScheduleParseError(f"'{token}' mixes two ways of writing it; try {GAP_EXAMPLES}.")
        minutes = round(hours * 60) + int(extra or 0)
        if extra is not None and int(extra) >= 60:
            raise ScheduleParseError(f"'{token}' has {extra} minutes past the hour; try {GAP_EXAMPLES}.")
    elif g.get("ch") is not None:
        if int(m["cm"]) >= 60:
            raise ScheduleParseError(f"'{token}' isn't a gap; try {GAP_EXAMPLES}.")
        minutes = int(m["ch"]) * 60 + int(m["cm"])
    elif m["n"] is not None:
        minutes = int(m["n"])
    else:
        raise ScheduleParseError(f"Give the gap with its length, like {GAP_EXAMPLES}.")
    if not GAP_MIN <= minutes <= GAP_MAX:
        shown = token.removeprefix("gap").strip(" =:") or token
        raise ScheduleParseError(
            f"The gap before the lift goes from 1 minute to 3 hours, not {shown}. "
            f"For example: {GAP_EXAMPLES}."
        )
    return minutes


def _cut(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + " " + text[m.end() :]


def _day(word: str) -> int | None:
    return _DAY_WORDS.get(word.strip("."))


def _span(a: int, b: int) -> list[int]:
    """Days from ``a`` to ``b`` inclusive, wrapping past Sunday (fri-mon = fri, sat, sun, mon)."""
    return [(a + k) % 7 for k in range((b - a) % 7 + 1)]


def _read_days(text: str) -> tuple[int, ...]:
    text = re.sub(r"\b(?:every|each)[\s-]*day\b", " daily ", text)
    text = re.sub(r"\b(week|work)\s+(days?|ends?)\b", r" \1\2 ", text)
    text = re.sub(r"\s*[-\u2013\u2014]+\s*", " - ", text)
    tokens = text.split()
    days: set[int] = set()
    i = 0
    while i < len(tokens):
        word = tokens[i]
        if word in _GROUPS:
            days.update(_GROUPS[word])
        elif (first := _day(word)) is not None:
            if i + 2 < len(tokens) and tokens[i + 1] in _RANGE_WORDS:
                last = _day(tokens[i + 2])
                if last is None:
                    raise ScheduleParseError(f"'{tokens[i + 2]}' isn't a day; a range looks like mon-fri.")
                days.update(_span(first, last))
                i += 2
            else:
                days.add(first)
        elif word in _FILLER:
            pass
        elif word == "-":
            raise ScheduleParseError("A day range needs two days, like mon-fri.")
        elif word.isascii() and word.isdigit():
            raise ScheduleParseError(
                f"I don't know what '{word}' is here: a time takes a colon or am/pm ({_hour_examples(word)}), "
                f"a gap its word and unit (gap {word}m)."
            )
        else:
            raise ScheduleParseError(
                f"I don't understand '{word}'. Try like: {EXAMPLE}, or a one-off: {ONE_OFF_EXAMPLES}."
            )
        i += 1
    return tuple(sorted(days))


def _hour_examples(word: str) -> str:
    """A bare number as the times it may have meant, each one a time this parser takes: "18" is "18:00,
    6pm" (not "18pm"), "7" is "7:00, 7pm"; a number no hour is gets the usual "18:00, 6pm"."""
    hour = int(word)
    if hour > 23:
        return "18:00, 6pm"
    return f"{hour}:00, {hour % 12 or 12}{'am' if hour == 0 else 'pm'}"


def _normalise(text: str) -> str:
    s = " ".join(str(text).lower().split()).rstrip(" .!")
    if len(s) > MAX_TEXT:
        raise ScheduleParseError(f"That's too long; keep it short, like: {EXAMPLE}.")
    return s


def _day_month(m: re.Match[str], now: datetime | None) -> date:
    """The date "30 nov" / "jan 1" names: this year's, or next year's once this year's is more than
    `PAST_DAYS` behind (a few days behind stays this year's, to be refused as passed, not moved a year)."""
    month = MONTH_WORDS[m["m"] or m["m2"]]
    day = int(m["d"] or m["d2"])
    typed = " ".join(m.group(0).split())
    if now is None:
        raise ScheduleParseError(f"I can't place that date; a one-off looks like: {ONE_OFF_EXAMPLES}.")
    try:
        if m["y"]:
            return date(int(m["y"]), month, day)
        when = date(now.year, month, day)
        if when < now.date() - timedelta(days=PAST_DAYS):
            when = date(now.year + 1, month, day)
        return when
    except ValueError:
        raise ScheduleParseError(f"'{typed}' isn't a date; write it like 24 dec or 2026-12-24.") from None


def _one_off(s: str, now: datetime | None) -> tuple[str, int | None, bool, bool, date | None]:
    """Take the one-off words out of ``s``: (rest, relative day offset, weekday-once marker, "next",
    explicit date)."""
    relative: int | None = None
    marker = nxt = False
    explicit: date | None = None
    found = list(_ISO_DATE.finditer(s))
    named = list(_DAY_MONTH.finditer(_cut(s, found[0]) if found else s))
    if len(found) + len(named) > 1:
        raise ScheduleParseError("A one-off has one date, like 2026-12-24 18:00.")
    if found:
        m = found[0]
        try:
            explicit = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            raise ScheduleParseError(f"'{m.group(0)}' isn't a date; write it like 2026-12-24.") from None
        s = _cut(s, m)
    elif named:
        explicit = _day_month(named[0], now)
        s = _cut(s, named[0])
    words = []
    for word in s.split():
        if word in _RELATIVE:
            if relative is not None and relative != _RELATIVE[word]:
                raise ScheduleParseError(f"Pick one day; a one-off looks like: {ONE_OFF_EXAMPLES}.")
            relative = _RELATIVE[word]
        elif word in _ONCE_WORDS:
            marker = True
            nxt = nxt or word == "next"
        else:
            words.append(word)
    return " ".join(words), relative, marker, nxt, explicit


def _resolve_once(
    days: tuple[int, ...],
    time: str | None,
    relative: int | None,
    marker: bool,
    nxt: bool,
    explicit: date | None,
    now: datetime | None,
) -> tuple[tuple[int, ...], str]:
    """(days, once date) for a one-off, or (days, "") for a weekly schedule."""
    if relative is None and not marker and explicit is None:
        return days, ""
    if now is None:
        raise ScheduleParseError(f"I can't place that date; a one-off looks like: {ONE_OFF_EXAMPLES}.")
    today = now.date()
    past_time = time is not None and time <= f"{now.hour:02d}:{now.minute:02d}"
    if sum(x is not None for x in (relative, explicit)) + bool(days) > 1:
        raise ScheduleParseError(f"A one-off is on one day, like: {ONE_OFF_EXAMPLES}.")
    if explicit is not None:
        when = explicit
    elif relative is not None:
        when = today + timedelta(days=relative)
    else:
        if len(days) != 1:
            if not days:
                raise ScheduleParseError(f"Say which day, like: {ONE_OFF_EXAMPLES}.")
            raise ScheduleParseError(
                f"A one-off is on one day; for several days leave out 'once', like: {EXAMPLE}."
            )
        when = date.fromisoformat(next_weekday(days[0], time, now, skip_today=nxt))
    if when < today or (when == today and past_time):
        shown = f"{time} on {when.isoformat()}" if when != today else f"{time} today"
        raise ScheduleParseError(
            f"{shown} has already passed. Pick a time still ahead, like: tomorrow {time or '6:30pm'}."
        )
    if when > today + timedelta(days=ONE_OFF_DAYS_AHEAD):
        raise ScheduleParseError("That's more than a year ahead; pick a date within the year.")
    return (when.weekday(),), when.isoformat()


def next_weekday(weekday: int, time: str | None, now: datetime, skip_today: bool = False) -> str:
    """The date ("YYYY-MM-DD") of the next ``weekday`` (0 = Monday) from local ``now``: today if it is
    that weekday and ``time`` is still ahead (and not ``skip_today``), else within the next 7 days."""
    today = now.date()
    ahead = (weekday - today.weekday()) % 7
    past_time = time is not None and time <= f"{now.hour:02d}:{now.minute:02d}"
    if ahead == 0 and (skip_today or past_time):
        ahead = 7  # that weekday today is "next week" once its time has passed
    return (today + timedelta(days=ahead)).isoformat()


_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")


def _scan(text: str, now: datetime | None) -> tuple[_Pieces, bool]:
    """Every piece the text names (days, one date, time, gap), each checked; and whether any was."""
    s = _normalise(text)
    numeric = _NUMERIC_DATE.search(s)
    if numeric:
        # 24/12 is 24 December here and 12 April elsewhere: the month's name says which.
        raise ScheduleParseError(
            f"I can't tell the month of '{numeric.group(0)}'; write the date with its month's name, "
            "like: 24 dec 10:00 or dec 24 10:00."
        )
    s = re.sub(r"[,;&/]", " ", s)
    pieces = _Pieces()

    found = list(_GAP_KEY.finditer(s))
    if len(found) > 1:
        raise ScheduleParseError("The gap is given twice; give it once, like 'gap 15m'.")
    if found:
        pieces.gap = _gap_minutes(found[0])
        s = _cut(s, found[0])

    s, relative, marker, nxt, explicit = _one_off(s, now)

    # Before the time: "150 min" is a gap, not 01:50.
    bare = list(_GAP_BARE.finditer(s))
    if bare:
        if pieces.gap is not None or len(bare) > 1:
            raise ScheduleParseError("The gap is given twice; give it once, like 'gap 15m'.")
        pieces.gap = _gap_minutes(bare[0])
        s = _cut(s, bare[0])

    times = list(_TIME.finditer(s))
    if len(times) > 1:
        shown = " and ".join(f"'{t.group(0)}'" for t in times[:2])
        raise ScheduleParseError(f"I see more than one time ({shown}); one reminder time per schedule.")
    if times:
        pieces.time = _read_time(times[0])
        s = _cut(s, times[0])

    days = _read_days(s)
    pieces.days, pieces.once = _resolve_once(days, pieces.time, relative, marker, nxt, explicit, now)
    named = bool(pieces.days or pieces.time or pieces.gap is not None)
    return pieces, named


def parse_schedule(text: str, default_gap: int = 10, now: datetime | None = None) -> ParsedSchedule:
    """Read ``/remind`` arguments such as ``mon,wed,fri 18:00 gap 15m`` or ``tomorrow 6:30pm``.

    ``now`` is the user's local time (one-offs are placed from it; without it they are refused).
    Raises :class:`ScheduleParseError` (and nothing else) when the text is not a schedule.
    """
    if not GAP_MIN <= default_gap <= GAP_MAX:
        raise ValueError(f"default_gap must be {GAP_MIN}-{GAP_MAX} minutes")
    if not _normalise(text):
        raise ScheduleParseError(f"Tell me the days and the time, like: {EXAMPLE}, or: {ONE_OFF_EXAMPLES}.")
    pieces, _ = _scan(text, now)
    if pieces.time is None:
        raise ScheduleParseError(f"Add the time, like: {EXAMPLE}, or: {ONE_OFF_EXAMPLES}.")
    if not pieces.days:
        raise ScheduleParseError(
            f"Add the days (mon,wed,fri / weekdays / daily), like: {EXAMPLE}, or a one-off: {ONE_OFF_EXAMPLES}."
        )
    gap = default_gap if pieces.gap is None else pieces.gap
    return ParsedSchedule(days=pieces.days, time=pieces.time, gap=gap, once=pieces.once)


def parse_changes(text: str, now: datetime | None = None) -> ScheduleChanges:
    """Read what ``/remind edit <id> ...`` changes: any of days (or a one-off date), time and gap,
    e.g. ``gap 1h``, ``tue thu``, ``19:30 gap 20m``, ``tomorrow``. At least one is required."""
    if not _normalise(text):
        raise ScheduleParseError("Say what to change: days, time or gap, like: /remind edit 1 gap 20m")
    pieces, named = _scan(text, now)
    weekly = bool(_WEEKLY.search(_normalise(text)))
    if not named and not weekly:
        raise ScheduleParseError("Say what to change: days, time or gap, like: /remind edit 1 19:30")
    return ScheduleChanges(
        days=pieces.days or None,
        time=pieces.time,
        gap=pieces.gap,
        once=pieces.once or None,
        weekly=weekly and not pieces.once,
    )


def describe_days(days: tuple[int, ...]) -> str:
    """Short human form: "daily", "weekdays", "weekends" or "Mon, Wed, Fri"."""
    unique = tuple(sorted({d for d in days if 0 <= d <= 6}))
    if unique == tuple(range(7)):
        return "daily"
    if unique == tuple(range(5)):
        return "weekdays"
    if unique == (5, 6):
        return "weekends"
    return ", ".join(DAY_ABBR[d] for d in unique)

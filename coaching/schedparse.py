"""Parse the ``/remind`` arguments: which days, what local time, and the gap before the lift reminder.

Days use APScheduler's numbering: 0 = Monday ... 6 = Sunday (crontab counts Sunday as 0; not here).

Accepted, in any order:

- days: ``mon,wed,fri``, ``tue thu``, ``monday``, ``mon-fri`` / ``mon to fri`` (ranges may wrap:
  ``fri-mon``), ``weekdays``, ``weekends``, ``daily`` / ``every day`` / ``everyday``;
- time: ``18:00``, ``7:30``, ``6pm``, ``6:30pm``, ``6 pm``, ``18h``, ``18h30``, ``18.30``, ``1830``,
  ``noon``, ``midnight``; read by python-dateutil's parser and checked;
- gap (minutes between the activation reminder and the lift reminder, 1-120): ``gap 15m``,
  ``gap 15``, ``gap=15min``, or a bare ``15m`` / ``15 min``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from dateutil import parser as dateparser

__all__ = ["ParsedSchedule", "ScheduleParseError", "parse_schedule", "describe_days", "EXAMPLE"]

EXAMPLE = "mon,wed,fri 18:00 gap 10m"
MAX_TEXT = 200
GAP_MIN, GAP_MAX = 1, 120

DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_WORDS: dict[str, int] = {}
for _i, _full in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")):
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
_FILLER = {"at", "on", "and", "every", "each", "@"}

_GAP_KEY = re.compile(r"\bgap\b\s*[=:]?\s*(?P<n>[0-9]{1,6})?\s*(?:minutes?|mins?|m)?\b")
_GAP_BARE = re.compile(r"(?<![\w:.])\+?(?P<n>[0-9]{1,6})\s*(?:minutes?|mins?|m)(?!\w)")
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


class ScheduleParseError(ValueError):
    """The text could not be read as a schedule; ``str(error)`` says what was wrong, with an example."""


@dataclass(frozen=True)
class ParsedSchedule:
    days: tuple[int, ...]  # sorted, unique; 0 = Monday ... 6 = Sunday
    time: str  # "HH:MM", 24-hour, local
    gap: int  # minutes between the activation and the lift reminder


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


def _gap_value(raw: str | None) -> int:
    if raw is None:
        raise ScheduleParseError("Give the gap in minutes, like 'gap 15m'.")
    gap = int(raw)
    if not GAP_MIN <= gap <= GAP_MAX:
        raise ScheduleParseError(
            f"The gap before the lift goes from {GAP_MIN} to {GAP_MAX} minutes, not {gap}."
        )
    return gap


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
        elif word.isdigit():
            raise ScheduleParseError(f"I don't know what '{word}' is here; for the gap write 'gap {word}m'.")
        else:
            raise ScheduleParseError(f"I don't understand '{word}'. Try like: {EXAMPLE}.")
        i += 1
    return tuple(sorted(days))


def parse_schedule(text: str, default_gap: int = 10) -> ParsedSchedule:
    """Read ``/remind`` arguments such as ``mon,wed,fri 18:00 gap 15m``.

    Raises :class:`ScheduleParseError` (and nothing else) when the text is not a schedule.
    """
    if not GAP_MIN <= default_gap <= GAP_MAX:
        raise ValueError(f"default_gap must be {GAP_MIN}-{GAP_MAX} minutes")
    s = " ".join(str(text).lower().split()).rstrip(" .!")
    if not s:
        raise ScheduleParseError(f"Tell me the days and the time, like: {EXAMPLE}.")
    if len(s) > MAX_TEXT:
        raise ScheduleParseError(f"That's too long; keep it short, like: {EXAMPLE}.")
    s = re.sub(r"[,;&/]", " ", s)

    gap: int | None = None
    found = list(_GAP_KEY.finditer(s))
    if len(found) > 1:
        raise ScheduleParseError("The gap is given twice; give it once, like 'gap 15m'.")
    if found:
        gap = _gap_value(found[0]["n"])
        s = _cut(s, found[0])

    times = list(_TIME.finditer(s))
    if len(times) > 1:
        shown = " and ".join(f"'{t.group(0)}'" for t in times[:2])
        raise ScheduleParseError(f"I see more than one time ({shown}); one reminder time per schedule.")
    if not times:
        raise ScheduleParseError(f"Add the time, like: {EXAMPLE}.")
    time = _read_time(times[0])
    s = _cut(s, times[0])

    bare = list(_GAP_BARE.finditer(s))
    if bare:
        if gap is not None or len(bare) > 1:
            raise ScheduleParseError("The gap is given twice; give it once, like 'gap 15m'.")
        gap = _gap_value(bare[0]["n"])
        s = _cut(s, bare[0])

    days = _read_days(s)
    if not days:
        raise ScheduleParseError(f"Add the days (mon,wed,fri / weekdays / daily), like: {EXAMPLE}.")
    return ParsedSchedule(days=days, time=time, gap=default_gap if gap is None else gap)


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

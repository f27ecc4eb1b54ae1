"""Entries in the order they were trained, not the order they were stored.

Why: ids only grow, so an entry restored from quarantine (or merged from a linked account) gets a
newer id than sets logged after it; history and targets must follow the date (``at``), the id only
breaking ties.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import islice
from operator import attrgetter, lt, methodcaller

from storage.models import LogEntry

_UTC_SUFFIX = "+00:00"


def _moment(at: str) -> datetime:
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)  # an unreadable date sorts first, never raises
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def chronological(entries: Iterable[LogEntry]) -> list[LogEntry]:
    """``entries`` sorted by (at, id). Cheap on the usual log (it runs for every /plan and reminder):
    every ``at`` the bot writes is UTC ISO text, which orders as text, and a log already in order is
    recognised in one C-level pass without building a key per entry."""
    every = list(entries)
    ats = list(map(attrgetter("at"), every))
    if all(map(methodcaller("endswith", _UTC_SUFFIX), ats)):
        if all(map(lt, ats, islice(ats, 1, None))):
            return every  # strictly increasing: already in order, no tie to break
        every.sort(key=lambda e: (e.at, e.id))
    else:
        every.sort(key=lambda e: (_moment(e.at), e.id))
    return every

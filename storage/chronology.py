"""Entries in the order they were trained, not the order they were stored.

Why: ids only grow, so an entry restored from quarantine (or merged from a linked account) gets a
newer id than sets logged after it; history and targets must follow the date (``at``), the id only
breaking ties.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from storage.models import LogEntry

_UTC_SUFFIX = "+00:00"


def _moment(at: str) -> datetime:
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)  # an unreadable date sorts first, never raises
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def chronological(entries: Iterable[LogEntry]) -> list[LogEntry]:
    """``entries`` sorted by (at, id). Cheap on the usual log: every ``at`` the bot writes is UTC
    ISO text, which sorts as text, and an already sorted list costs one pass."""
    every = list(entries)
    if all(e.at.endswith(_UTC_SUFFIX) for e in every):
        every.sort(key=lambda e: (e.at, e.id))
    else:
        every.sort(key=lambda e: (_moment(e.at), e.id))
    return every

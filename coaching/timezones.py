"""Find IANA time zones from what people type: "Europe/Amsterdam", "amsterdam", "new york", "UTC+2".

Built on ``zoneinfo.available_timezones()`` (the tzdata package supplies the database where the system
has none), indexed once and cached.
"""

from __future__ import annotations

import re
import zoneinfo
from functools import lru_cache

__all__ = ["resolve_timezone", "complete_timezones"]

# Present on some systems but not usable as a user's zone.
_SKIP = {"localtime", "posixrules", "Factory"}
# Zones under these areas are the canonical, city-named ones; legacy aliases (US/, Etc/, Canada/ ...)
# still resolve but rank after them.
_AREAS = {
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
}
_UTC_WORDS = {"utc", "gmt", "z", "zulu", "uct", "universal", "greenwich", "gmt0"}
_OFFSET = re.compile(r"^(?:utc|gmt)\s*([+\-\u2212])\s*([0-9]{1,2})(?::?00)?$")


def _norm(text: str) -> str:
    """Case- and separator-insensitive form: "America/New_York" -> "america/new york"."""
    text = re.sub(r"[\s_\-]+", " ", text.casefold())
    text = re.sub(r"\s*/\s*", "/", text)
    return text.strip()


def _rank(name: str) -> tuple[int, int, str]:
    area = name.split("/", 1)[0]
    return (0 if area in _AREAS and "/" in name else 1, len(name), name)


@lru_cache(maxsize=1)
def _index() -> tuple[tuple[str, ...], dict[str, str], dict[str, str]]:
    """(names in preferred order, normalised full name -> name, normalised city -> best name)."""
    names = tuple(sorted((n for n in zoneinfo.available_timezones() if n not in _SKIP), key=_rank))
    full: dict[str, str] = {}
    city: dict[str, str] = {}
    for name in names:  # best-ranked first, so setdefault keeps the preferred zone for a shared city
        full.setdefault(_norm(name), name)
        city.setdefault(_norm(name.rsplit("/", 1)[-1]), name)
    return names, full, city


@lru_cache(maxsize=1)
def _by_name() -> tuple[str, ...]:
    """Completion order: canonical area zones first, then legacy aliases; alphabetical within each."""
    return tuple(sorted(_index()[0], key=lambda n: (_rank(n)[0], n)))


def resolve_timezone(text: str) -> str | None:
    """The IANA name ``text`` means, or None.

    Tries, in order: UTC/GMT (and "UTC+2"-style whole-hour offsets, as Etc/GMT-2: note the POSIX sign),
    the full name case- and separator-insensitively ("europe/amsterdam", "America/New York"), then the
    last component ("Amsterdam", "new york", "new_york"), preferring the canonical area zone.
    """
    if not isinstance(text, str):
        return None
    key = _norm(text)
    if not key or len(key) > 64:
        return None
    if key in _UTC_WORDS:
        return "UTC"
    _, full, city = _index()
    if m := _OFFSET.match(text.strip().casefold()):
        hours = int(m.group(2))
        if hours == 0:
            return "UTC"
        # POSIX-style Etc zones invert the sign: UTC+2 is Etc/GMT-2.
        return full.get(_norm(f"Etc/GMT{'-' if m.group(1) == '+' else '+'}{hours}"))
    return full.get(key) or city.get(key)


def complete_timezones(prefix: str, limit: int = 25) -> list[str]:
    """Zone names for autocomplete: full-name prefix matches, then city prefix matches, then substring.

    Within each group canonical area zones come first, then alphabetical order. Empty input lists the
    canonical zones from the start of the alphabet.
    """
    if limit <= 0 or not isinstance(prefix, str):
        return []
    names = _by_name()
    key = _norm(prefix)
    if not key:
        return [n for n in names if _rank(n)[0] == 0][:limit]
    groups: tuple[list[str], list[str], list[str]] = ([], [], [])
    for name in names:
        norm = _norm(name)
        if norm.startswith(key):
            groups[0].append(name)
        elif any(part.startswith(key) for part in norm.split("/")[1:]):
            groups[1].append(name)
        elif key in norm:
            groups[2].append(name)
    return (groups[0] + groups[1] + groups[2])[:limit]

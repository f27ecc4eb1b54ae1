"""Rows kept on disk, as frozen dataclasses with explicit (de)serialisation."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from coaching.logparse import MAX_LOAD, MAX_REPS, RIR_RANGE, RPE_RANGE
from domain import schedule
from domain.levels import BANDS, LEVELS
from domain.training import Entry, Held, LoggedSet, SetKind, Side
from domain.units import LB_PER_KG, UNITS


@functools.cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@functools.cache
def _name_set(cls: type) -> frozenset[str]:
    return frozenset(_names(cls))


def _known(cls: type, row: dict[str, Any]) -> dict[str, Any]:
    """The row's values of ``cls``'s fields (a row may hold keys this version does not know)."""
    names = _name_set(cls)
    if row.keys() <= names:
        return dict(row)
    return {k: v for k, v in row.items() if k in names}


def _from_row(cls, row: dict[str, Any]):
    return cls(**_known(cls, row))


def _to_row(obj: object) -> dict[str, Any]:
    """The fields as a dict. Not ``asdict``: every field is a JSON scalar or a tuple of them (which
    each model turns into a list), so its deep copy would only cost time (5x, per row)."""
    return {name: getattr(obj, name) for name in _names(type(obj))}


@dataclass(frozen=True)
class Profile:
    account: str
    units: str = "kg"
    timezone: str = "UTC"
    level: str = "beginner"
    # The user's kit in the compact form of `domain.equipment.to_spec` ("home dumbbells; bar 15");
    # empty: the commercial gym of their units. Rows written before this field load as empty.
    equipment: str = ""
    # The started program, compact: "intermediate-3@2026-11-23" (name@start date); empty: none started,
    # /plan follows the default for the level. Rows written before this field load as empty.
    program: str = ""
    # Levels earned per movement family, compact (coaching/families.py): "lunge=intermediate@<ISO time>";
    # a family not listed follows `level`. Rows written before this field load as empty.
    levels: str = ""
    # ISO UTC time of the last /done: the next entry logged after it starts a session. Rows written
    # before this field load as empty.
    done_at: str = ""
    # The user's own exercises, compact (handlers/custom_exercises.py): "reverse hyper=accessory;…".
    # Rows written before this field load as empty.
    custom_exercises: str = ""
    # The user chose their timezone (/timezone), so UTC is theirs, not the default: stop suggesting
    # /timezone. Rows written before this field load as False.
    timezone_chosen: bool = False
    # What /undo takes back while nothing was logged after it: the last /edit or /delete, as JSON
    # {"kind": "edit"|"delete", "latest": <latest entry id then>, "entry": <the entry before>}.
    # Rows written before this field load as empty.
    last_change: str = ""
    # The unit of a set-up picked in the other unit than ``units`` (/equipment), while the lifter has
    # not said which they log in: until they do, a load typed without a unit is asked about, not read
    # as ``units``. Rows written before this field load as empty (nothing asked).
    units_asked: str = ""

    def to_row(self) -> dict[str, Any]:
        return _to_row(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Profile:
        return cls(**_known(cls, row))  # fields of older releases (created_at, notices) are dropped


# --- log entries --------------------------------------------------------------------------------
# An entry row: {"exercise", "at" (ISO UTC), "sets": [set rows], "id"} plus "note", "source" and
# "starts_session" only when not at their default; a set row holds "reps" and only the LoggedSet fields
# that differ from their default. Why compact: ten million sets on disk are parse time and memory.

_SET_DEFAULTS: tuple[tuple[str, Any], ...] = tuple(
    (f.name, f.default) for f in fields(LoggedSet) if f.name != "reps"
)
_ENTRY_OPTIONAL = (("note", ""), ("source", ""), ("starts_session", False))
_UNIT_VALUES = frozenset(UNITS)
# The row of a release before per-set loads (schema 1): one load, band and RPE for all its reps.
_OLD_KEYS = frozenset({"reps", "weight", "unit", "band", "rpe", "activation", "resistance"})
_FAR_PAST = datetime.min.replace(tzinfo=UTC)


def set_to_row(s: LoggedSet) -> dict[str, Any]:
    # Field by field, not a loop over `fields`: this runs for every set of a bulk write (10M in the
    # benchmark) and is 3x faster so. `_CODED` below keeps it complete.
    row: dict[str, Any] = {"reps": s.reps}
    if s.load is not None:
        row["load"] = s.load
    if s.unit is not None:
        row["unit"] = s.unit
    if s.kind is not SetKind.WORKING:
        row["kind"] = s.kind.value
    if s.rpe is not None:
        row["rpe"] = s.rpe
    if s.rir is not None:
        row["rir"] = s.rir
    if s.side is not None:
        row["side"] = s.side.value
    if s.implements != 1:
        row["implements"] = s.implements
    if s.band is not None:
        row["band"] = s.band
    if s.resistance is not None:
        row["resistance"] = s.resistance
    if s.held is not None:  # only then: a row without it reads as the lift's usual way, as before
        row["held"] = s.held.value
    return row


_CODED = {"reps", "load", "unit", "kind", "rpe", "rir", "side", "implements", "band", "resistance", "held"}
if set(_names(LoggedSet)) != _CODED:  # a new LoggedSet field must be stored too
    raise ImportError(f"storage.models.set_to_row does not store {set(_names(LoggedSet)) ^ _CODED}")


def _make_set(row: dict[str, Any]) -> LoggedSet:
    if problem := _set_problem(row):  # once per distinct row: the sets read back are cached below
        raise ValueError(f"a set with {problem}")
    known = _known(LoggedSet, row)
    kind = known.get("kind")
    if kind is not None:
        known["kind"] = SetKind(kind)
    side = known.get("side")
    if side is not None:
        known["side"] = Side(side)
    held = known.get("held")
    if held is not None:
        known["held"] = Held(held)
    return LoggedSet(**known)


# Sets read back, by their row: a lifter's sets repeat (the same reps at the same load), and a set is
# immutable, so one object serves them all. Why: reading an account is most of a cold /log or reminder,
# and a frozen dataclass costs microseconds to build; shared, a view also takes less memory.
_SETS: dict[tuple[tuple[str, Any], ...], LoggedSet] = {}
_SETS_MAX = 1 << 16


def set_from_row(row: dict[str, Any]) -> LoggedSet:
    key = tuple(row.items())
    try:
        found = _SETS.get(key)
    except TypeError:  # a value that is no JSON scalar: not shared (and refused by LoggedSet's users)
        return _make_set(row)
    if found is None:
        found = _make_set(row)
        if len(_SETS) >= _SETS_MAX:
            _SETS.clear()
        _SETS[key] = found
    return found


def parse_at(value: object) -> datetime:
    """A stored time as an aware UTC datetime; an unreadable one sorts first, never raises."""
    try:
        at = datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return _FAR_PAST
    if at.tzinfo is UTC:  # what the store writes
        return at
    return at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _set_problem(row: dict[str, Any]) -> str | None:
    """Why a stored set row cannot be read back, held to /log's bounds; None when it can."""
    reps, load, unit = row.get("reps"), row.get("load"), row.get("unit")
    if type(reps) is not int or not 0 <= reps <= MAX_REPS:
        return f"reps {reps!r}"
    if unit is not None and unit not in _UNIT_VALUES:
        return f"unit {unit!r}"
    if load is not None and (not _number(load) or abs(load) > MAX_LOAD.get(unit or "lb", 0.0)):
        return f"load {load!r}"
    rpe, rir = row.get("rpe"), row.get("rir")
    if rpe is not None and not (_number(rpe) and RPE_RANGE[0] <= rpe <= RPE_RANGE[1]):
        return f"rpe {rpe!r}"
    if rir is not None and not (type(rir) is int and RIR_RANGE[0] <= rir <= RIR_RANGE[1]):
        return f"rir {rir!r}"
    if row.get("kind", SetKind.WORKING.value) not in _KINDS or row.get("side") not in _SIDES:
        return f"kind {row.get('kind')!r} or side {row.get('side')!r}"
    implements = row.get("implements", 1)
    if type(implements) is not int or implements < 1:
        return f"implements {implements!r}"
    held = row.get("held")
    # One implement held, never a pair of them.
    if held is not None and (not isinstance(held, str) or held not in _HELD or implements != 1):
        return f"held {held!r}"
    if any(row.get(k) is not None and not isinstance(row[k], str) for k in ("band", "resistance")):
        return "a band that is not text"
    return None


_KINDS = frozenset(k.value for k in SetKind)
_SIDES = frozenset(s.value for s in Side) | {None}
_HELD = frozenset(h.value for h in Held)


def entry_problem(row: object) -> str | None:
    """Why a stored entry row (current schema) cannot be used, or None. Why check at all: the model
    builds from anything (a row edited by hand, a bad disk, a tester), and one unreadable value then
    fails every later command of its owner; such a row is set aside instead (storage/quarantine.py)."""
    if not isinstance(row, dict):
        return "not a row"
    exercise, at, sets = row.get("exercise"), row.get("at"), row.get("sets")
    if not isinstance(exercise, str) or not exercise.strip():
        return f"exercise {exercise!r}"
    try:
        datetime.fromisoformat(at)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"time {at!r}"
    if not isinstance(sets, list):
        return f"sets {sets!r}"
    for s in sets:
        if not isinstance(s, dict):
            return "a set that is not a row"
        try:
            set_from_row(s)  # checked once per distinct set row (they repeat), then cached
        except (TypeError, ValueError) as exc:
            return str(exc)
    if any(not isinstance(row.get(k, ""), str) for k in ("note", "source")):
        return "a note or source that is not text"
    entry_id = row.get("id", 0)
    if (
        type(entry_id) is not int
        or entry_id > MAX_ENTRY_ID
        or not isinstance(row.get("starts_session", False), bool)
    ):
        return "id or session mark"
    return None


def profile_problem(row: object) -> str | None:
    """Why a stored profile row cannot be used (a field of the wrong type), or None."""
    if not isinstance(row, dict):
        return "not a row"
    for f in fields(Profile):
        value = row.get(f.name, f.default)
        if f.name != "account" and type(value) is not type(f.default):
            return f"{f.name} {value!r}"
    # A time the commands parse (/log, /done compare against it): a bad one would fail them all.
    done_at = row.get("done_at", "")
    if done_at:
        try:
            datetime.fromisoformat(done_at)
        except ValueError:
            return f"done_at {done_at!r}"
    return None


def profile_unusable(row: dict[str, Any]) -> dict[str, Any]:
    """The settings of a well-typed profile row that no command can use, field -> stored value: a
    timezone the zone database lacks (a hand edit, or a tzdata upgrade that dropped it), units or a
    level the coach does not know. Why apart from `profile_problem`: the rest of the row is good, so
    only these fall back (the store keeps a copy of the row), not the whole profile."""
    wrong: dict[str, Any] = {}
    if row.get("units", "kg") not in UNITS:
        wrong["units"] = row["units"]
    if row.get("level", "beginner") not in LEVELS:
        wrong["level"] = row["level"]
    zone = row.get("timezone", "UTC")
    if not isinstance(zone, str) or not _zone_ok(zone):
        wrong["timezone"] = zone
    return wrong


def entry_to_row(entry: Entry) -> dict[str, Any]:
    row: dict[str, Any] = {
        "exercise": entry.exercise,
        "at": entry.at.isoformat(),
        "sets": [set_to_row(s) for s in entry.sets],
        "id": entry.id,
    }
    for name, default in _ENTRY_OPTIONAL:
        value = getattr(entry, name)
        if value != default:
            row[name] = value
    return row


def entry_from_row(row: dict[str, Any]) -> Entry:
    if "sets" not in row:
        row = upgrade_entry_row(row)
    return Entry(
        exercise=row.get("exercise", ""),
        sets=tuple([set_from_row(s) for s in row.get("sets") or ()]),
        at=parse_at(row.get("at")),
        note=row.get("note", ""),
        id=row.get("id", 0),
        source=row.get("source", ""),
        starts_session=bool(row.get("starts_session", False)),
    )


def upgrade_entry_row(row: dict[str, Any]) -> dict[str, Any]:
    """A schema-1 entry row (``reps`` list + one ``weight``/``unit``/``band``/``rpe``/``activation``)
    as a current one: one set per rep count, ACTIVATION (with the band) for band work, else WORKING.
    A current row is returned as it is. Keys this code does not know are kept."""
    if "sets" in row:
        return row
    weight = row.get("weight")
    unit = row.get("unit")
    one: dict[str, Any] = {}
    if weight is not None:
        one["load"] = weight
        if unit in _UNIT_VALUES:
            one["unit"] = unit
    if row.get("activation"):
        one["kind"] = SetKind.ACTIVATION.value
    if row.get("rpe") is not None:
        one["rpe"] = row["rpe"]
    if row.get("band"):
        one["band"] = row["band"]
    if row.get("resistance"):
        one["resistance"] = row["resistance"]
    reps = row.get("reps") or ()
    new = {k: v for k, v in row.items() if k not in _OLD_KEYS}
    new["sets"] = [{"reps": r, **one} for r in reps]
    return new


class EntryRows:
    """The row codec of :class:`~domain.training.Entry` (see ``storage.layout.RowCodec``)."""

    cls = Entry

    @staticmethod
    def to_row(entry: Entry) -> dict[str, Any]:
        return entry_to_row(entry)

    @staticmethod
    def from_row(row: dict[str, Any]) -> Entry:
        return entry_from_row(row)


class Schedule(schedule.Schedule):
    """The domain's reminder schedule with its row (de)serialisation."""

    def to_row(self) -> dict[str, Any]:
        row = _to_row(self)
        row["days"] = list(self.days)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Schedule:
        known = _known(cls, row)
        known["days"] = tuple(known.get("days", ()))
        return cls(**known)


# The highest entry id kept: /delete, /edit take at most 7 characters, so a higher one could never be
# edited (a damaged id, or a counter jumped past it, is repaired on load: storage/store.py).
MAX_ENTRY_ID = 9_999_999
MIN_GAP, MAX_GAP = 1, 180  # minutes from activation to lift, as /remind accepts them
_HHMM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


@functools.cache
def _zone_ok(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # (ZoneInfoNotFoundError is a KeyError)
        return False
    return True


def schedule_problem(row: object) -> str | None:  # (checked per row at start: ~100,000 of them)
    """Why a stored schedule row cannot be used, or None: a bad one would break /reminders and the
    reminder service for everyone at start (storage/quarantine.py sets it aside instead)."""
    if not isinstance(row, dict):
        return "not a row"
    if any(not isinstance(row.get(k), str) or not row[k] for k in ("account", "target")):
        return "account or target"
    time, zone, days, gap = row.get("time"), row.get("timezone"), row.get("days"), row.get("gap", 10)
    if not isinstance(time, str) or not _HHMM.fullmatch(time):
        return f"time {time!r}"
    if not isinstance(zone, str) or not _zone_ok(zone):
        return f"timezone {zone!r}"
    if not isinstance(days, list) or any(type(d) is not int or not 0 <= d <= 6 for d in days):
        return f"days {days!r}"
    if type(gap) is not int or not MIN_GAP <= gap <= MAX_GAP:
        return f"gap {gap!r}"
    if type(row.get("id", 0)) is not int or any(not isinstance(row.get(k, ""), str) for k in _SCHEDULE_TEXT):
        return "id or a text field"
    return None


def link_problem(row: object, keys: tuple[str, ...]) -> str | None:
    """Why a row of links.json (a link, a merge, a link code) cannot be used: each of ``keys`` must be
    non-empty text (a missing or odd one failed every start, or locked its user out)."""
    if not isinstance(row, dict):
        return "not a row"
    bad = [k for k in keys if not isinstance(row.get(k), str) or not row[k]]
    return f"{', '.join(bad)} missing or not text" if bad else None


_SCHEDULE_TEXT = tuple(f.name for f in fields(Schedule) if isinstance(f.default, str))


@dataclass(frozen=True)
class LinkCode:
    code: str
    user: str  # the platform identity that asked for the code
    account: str
    expires_at: str  # ISO-8601 UTC

    def to_row(self) -> dict[str, Any]:
        return _to_row(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> LinkCode:
        return _from_row(cls, row)


__all__ = [
    "Profile",
    "Entry",
    "LoggedSet",
    "EntryRows",
    "entry_to_row",
    "entry_from_row",
    "entry_problem",
    "profile_problem",
    "profile_unusable",
    "schedule_problem",
    "MAX_ENTRY_ID",
    "link_problem",
    "upgrade_entry_row",
    "Schedule",
    "LinkCode",
    "UNITS",
    "LEVELS",
    "BANDS",
    "LB_PER_KG",
    "field",
]

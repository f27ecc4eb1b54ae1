"""Rows kept on disk, as frozen dataclasses with explicit (de)serialisation."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields
from typing import Any

from domain import log, schedule
from domain.levels import BANDS, LEVELS
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
    # The user's own exercises, compact (handlers/custom_exercises.py): "cable kickback=accessory;…".
    # Rows written before this field load as empty.
    custom_exercises: str = ""

    def to_row(self) -> dict[str, Any]:
        return _to_row(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Profile:
        return cls(**_known(cls, row))  # fields of older releases (created_at, notices) are dropped


class LogEntry(log.LogEntry):
    """The domain's log line with its row (de)serialisation."""

    def to_row(self) -> dict[str, Any]:
        row = _to_row(self)
        row["reps"] = list(self.reps)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> LogEntry:
        known = _known(cls, row)
        known["reps"] = tuple(known.get("reps", ()))
        return cls(**known)


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


__all__ = ["Profile", "LogEntry", "Schedule", "LinkCode", "UNITS", "LEVELS", "BANDS", "LB_PER_KG", "field"]

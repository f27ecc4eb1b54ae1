"""Rows kept on disk, as frozen dataclasses with explicit (de)serialisation."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields
from typing import Any

LB_PER_KG = 2.20462262
UNITS = ("kg", "lb")
LEVELS = ("beginner", "intermediate", "advanced")
BANDS = ("knees", "ankles", "feet")


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
    created_at: str = ""
    # True once the user has been told their paused reminders are back on, etc.
    notices: tuple[str, ...] = ()

    def to_row(self) -> dict[str, Any]:
        row = _to_row(self)
        row["notices"] = list(self.notices)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Profile:
        known = _known(cls, row)
        known["notices"] = tuple(known.get("notices", ()))
        return cls(**known)


@dataclass(frozen=True)
class LogEntry:
    """One logged line: an exercise and its sets. Weight is as entered, in ``unit``; None = bodyweight."""

    exercise: str  # exercise id from the library, e.g. "hip_thrust"
    reps: tuple[int, ...]  # one number per set
    at: str  # ISO-8601 UTC
    weight: float | None = None
    unit: str | None = None  # "kg" | "lb" | None for bodyweight
    band: str | None = None  # activation band position
    rpe: float | None = None
    activation: bool = False
    id: int = 0  # per-account, increasing; assigned by the store

    @property
    def weight_kg(self) -> float | None:
        if self.weight is None:
            return None
        return self.weight / LB_PER_KG if self.unit == "lb" else self.weight

    def to_row(self) -> dict[str, Any]:
        row = _to_row(self)
        row["reps"] = list(self.reps)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> LogEntry:
        known = _known(cls, row)
        known["reps"] = tuple(known.get("reps", ()))
        return cls(**known)


@dataclass(frozen=True)
class Schedule:
    """A reminder schedule: activation at ``time`` local on ``days``, the lift ``gap`` minutes later."""

    account: str
    target: str  # Target.key() of the chat reminders go to
    days: tuple[int, ...]  # 0 = Monday … 6 = Sunday (APScheduler's numbering, not crontab's)
    time: str  # "HH:MM" local
    timezone: str  # IANA zone
    gap: int = 10  # minutes, 1-120
    id: int = 0  # per-account number shown to the user; assigned by the store
    created_at: str = ""
    # Idempotency: the occurrence (local date "YYYY-MM-DD") whose activation / lift was delivered.
    last_activation: str = ""
    last_lift: str = ""
    # A lift that is due (UTC ISO) for occurrence ``pending_occurrence``; survives restarts.
    pending_lift_at: str = ""
    pending_occurrence: str = ""
    paused: str = ""  # reason, e.g. "blocked"; empty = active
    mention: str = ""  # user id to mention when delivered to a shared channel

    @property
    def uid(self) -> str:
        return f"{self.account}#{self.id}"

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

"""Rows kept on disk, as frozen dataclasses with explicit (de)serialisation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

LB_PER_KG = 2.20462262
UNITS = ("kg", "lb")
LEVELS = ("beginner", "intermediate", "advanced")
BANDS = ("knees", "ankles", "feet")


def _from_row(cls, row: dict[str, Any]):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in row.items() if k in names})


@dataclass(frozen=True)
class Profile:
    account: str
    units: str = "kg"
    timezone: str = "UTC"
    level: str = "beginner"
    created_at: str = ""
    # True once the user has been told their paused reminders are back on, etc.
    notices: tuple[str, ...] = ()
    # The user's kit in the compact form of `domain.equipment.to_spec` ("home dumbbells; bar 15");
    # empty: the commercial gym of their units. Rows written before this field load as empty.
    equipment: str = ""

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["notices"] = list(self.notices)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Profile:
        row = dict(row)
        row["notices"] = tuple(row.get("notices", ()))
        return _from_row(cls, row)


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
        row = asdict(self)
        row["reps"] = list(self.reps)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> LogEntry:
        row = dict(row)
        row["reps"] = tuple(row.get("reps", ()))
        return _from_row(cls, row)


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
        row = asdict(self)
        row["days"] = list(self.days)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Schedule:
        row = dict(row)
        row["days"] = tuple(row.get("days", ()))
        return _from_row(cls, row)


@dataclass(frozen=True)
class LinkCode:
    code: str
    user: str  # the platform identity that asked for the code
    account: str
    expires_at: str  # ISO-8601 UTC

    def to_row(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> LinkCode:
        return _from_row(cls, row)


__all__ = ["Profile", "LogEntry", "Schedule", "LinkCode", "UNITS", "LEVELS", "BANDS", "LB_PER_KG", "field"]

"""Rows kept on disk, as frozen dataclasses with explicit (de)serialisation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from domain import log, schedule
from domain.levels import BANDS, LEVELS
from domain.units import LB_PER_KG, UNITS


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


class LogEntry(log.LogEntry):
    """The domain's log line with its row (de)serialisation."""

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["reps"] = list(self.reps)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> LogEntry:
        row = dict(row)
        row["reps"] = tuple(row.get("reps", ()))
        return _from_row(cls, row)


class Schedule(schedule.Schedule):
    """The domain's reminder schedule with its row (de)serialisation."""

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

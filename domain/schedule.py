"""A reminder schedule as it is stored today. Storage subclasses it to add its row (de)serialisation
(``storage.models.Schedule``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

# `Schedule.paused` when the user switched the schedule off (/settings, /remind off): kept, not sent,
# until they switch it back on. Other reasons (e.g. "blocked") are set by the reminder service.
OFF = "off"


@dataclass(frozen=True)
class Schedule:
    """A reminder schedule: activation at ``time`` local on ``days``, the lift ``gap`` minutes later.
    A one-off (``once`` set) fires on that local date only (``days`` is its weekday), then is removed."""

    account: str
    target: str  # Target.key() of the chat reminders go to
    days: tuple[int, ...]  # 0 = Monday … 6 = Sunday (APScheduler's numbering, not crontab's)
    time: str  # "HH:MM" local
    timezone: str  # IANA zone
    gap: int = 10  # minutes, 1-180
    id: int = 0  # per-account number shown to the user; assigned by the store
    created_at: str = ""
    # Idempotency: the occurrence (local date "YYYY-MM-DD") whose activation / lift was delivered.
    last_activation: str = ""
    last_lift: str = ""
    # When ``last_activation`` was due (UTC ISO): its date in another zone after /timezone, whatever
    # time the schedule was moved to since (rows from before it load as "": read from ``time``).
    last_activation_at: str = ""
    # A lift that is due (UTC ISO) for occurrence ``pending_occurrence``; survives restarts.
    pending_lift_at: str = ""
    pending_occurrence: str = ""
    paused: str = ""  # reason: "blocked", or `OFF` (the user switched it off); empty = active
    mention: str = ""  # the user's own platform id: pushes go to their private chat or DM, never a group
    # A one-off: its local date "YYYY-MM-DD" (rows written before one-offs load as "": weekly).
    once: str = ""

    @property
    def uid(self) -> str:
        return f"{self.account}#{self.id}"

    @property
    def off(self) -> bool:
        """Switched off by the user: nothing is sent until they switch it on again."""
        return self.paused == OFF

    @property
    def done(self) -> bool:
        """A one-off whose lift is recorded (sent, or sent early by its button): nothing more is owed."""
        return bool(self.once) and self.last_lift >= self.once

    def finished(self, now: datetime) -> bool:
        """A one-off with nothing left to send at ``now``: its lift is recorded, or its date has passed
        in its zone with no lift pending."""
        if not self.once:
            return False
        if self.done:
            return True
        try:
            today = now.astimezone(ZoneInfo(self.timezone)).date().isoformat()
        except Exception:  # an unknown zone: it is never indexed either, so keep the row as it is
            return False
        return self.once < today and not self.pending_occurrence

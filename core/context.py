"""What a handler works with, passed explicitly (no globals: tests build their own)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from core.jobs import HeavyJobs
from core.limits import Limits
from core.settings import Settings
from services.accounts import Accounts
from services.reminder_index import NoReminders, ReminderIndex
from services.schedules import Schedules

if TYPE_CHECKING:
    from content.library import Library
    from core.registry import Registry
    from storage.store import Store


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    store: Store
    library: Library
    registry: Registry
    settings: Settings
    # Always there: the running ReminderService, or NoReminders where none runs (tests, scripts).
    reminders: ReminderIndex = field(default_factory=NoReminders)
    clock: Callable[[], datetime] = utc_now
    # Per-user write and link-code limits (in memory, bounded; see core.limits).
    limits: Limits = field(default_factory=Limits)
    # Charts and exports, off the event loop (see core.jobs); workers start on first use.
    jobs: HeavyJobs = field(default_factory=HeavyJobs)

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    # The services are views over the store and whatever index is current (tests swap `reminders`).
    @property
    def accounts(self) -> Accounts:
        return Accounts(self.store, self.reminders)

    @property
    def schedules(self) -> Schedules:
        return Schedules(self.store, self.reminders)

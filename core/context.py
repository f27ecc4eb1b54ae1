"""What a handler works with, passed explicitly (no globals: tests build their own)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from core.conversation import Conversation
from core.jobs import HeavyJobs
from core.limits import Limits
from core.metrics import Metrics
from core.settings import Settings

if TYPE_CHECKING:
    from content.library import Library
    from core.messages import Reply
    from core.registry import Registry
    from storage.models import Schedule
    from storage.pushes import Push
    from storage.store import Store


def utc_now() -> datetime:
    return datetime.now(UTC)


class ReminderIndex(Protocol):
    """The scheduler as handlers and services see it: `reminders.service.ReminderService` as it is.
    Changes that touch storage too go through `services/`, never straight to this."""

    def add(self, schedule: Schedule) -> None: ...
    def remove(self, schedule: Schedule) -> None: ...
    def remove_account(self, account: str) -> None: ...
    def resume_paused(self, account: str) -> list[Schedule]: ...
    def unreachable(self, account: str) -> int: ...
    def next_occurrence(self, schedule: Schedule, after: datetime | None = None) -> datetime | None: ...
    async def lift_now(self, account: str, schedule_id: int, occurrence: str) -> Reply | None: ...
    def add_push(self, push: Push) -> None: ...
    def remove_push(self, account: str, kind: str) -> None: ...


class NoReminders:
    """No reminders run in this session: schedules are stored (and picked up by the next run that has
    reminders), nothing is ever due, paused or sent."""

    def add(self, schedule: Schedule) -> None:
        pass

    def remove(self, schedule: Schedule) -> None:
        pass

    def remove_account(self, account: str) -> None:
        pass

    def resume_paused(self, account: str) -> list[Schedule]:
        return []

    def unreachable(self, account: str) -> int:
        return 0

    def next_occurrence(self, schedule: Schedule, after: datetime | None = None) -> datetime | None:
        return None

    async def lift_now(self, account: str, schedule_id: int, occurrence: str) -> Reply | None:
        return None

    def add_push(self, push: Push) -> None:
        pass  # stored: the next run that has reminders sends it if still on time

    def remove_push(self, account: str, kind: str) -> None:
        pass


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
    # The Telegram bot's username, set by its adapter after getMe: /link shows a t.me deep link with it.
    telegram_username: str = ""
    # Counters for the operator's /metrics (see core.metrics); served only with METRICS_PORT set.
    metrics: Metrics = field(default_factory=Metrics)
    # The commands being answered, so the reminder fan-out gives way to them (see core.conversation).
    conversation: Conversation = field(default_factory=Conversation)

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

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

if TYPE_CHECKING:
    from content.library import Library
    from core.registry import Registry
    from reminders.service import ReminderService
    from storage.store import Store


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    store: Store
    library: Library
    registry: Registry
    settings: Settings
    reminders: ReminderService | None = None
    clock: Callable[[], datetime] = utc_now
    # Per-user write and link-code limits (in memory, bounded; see core.limits).
    limits: Limits = field(default_factory=Limits)
    # Charts and exports, off the event loop (see core.jobs); workers start on first use.
    jobs: HeavyJobs = field(default_factory=HeavyJobs)

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

"""What a handler works with, passed explicitly (no globals: tests build their own)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

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

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

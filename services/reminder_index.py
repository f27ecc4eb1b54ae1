"""The scheduler as the rest of the app sees it: the few calls made on it, and a null object.

`ReminderIndex` is what `reminders.service.ReminderService` offers to handlers and services (it
satisfies the Protocol as it is); `NoReminders` stands in where no reminders run (tests, scripts), so
no caller ever checks for None. `follow` moves the index from one set of schedules to another, all or
nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from core.messages import Reply
    from storage.models import Schedule

log = logging.getLogger(__name__)


class ReminderIndex(Protocol):
    def add(self, schedule: Schedule) -> None: ...
    def remove(self, schedule: Schedule) -> None: ...
    def remove_account(self, account: str) -> None: ...
    def resume_paused(self, account: str) -> list[Schedule]: ...
    def unreachable(self, account: str) -> int: ...
    def next_occurrence(self, schedule: Schedule, after: datetime | None = None) -> datetime | None: ...
    async def lift_now(self, account: str, schedule_id: int, occurrence: str) -> Reply | None: ...


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


def follow(index: ReminderIndex, before: Sequence[Schedule], after: Sequence[Schedule]) -> None:
    """Make ``index`` hold ``after`` where it held ``before`` (same uid: re-added, i.e. moved to its
    current slot). If a step raises, the index is put back to ``before`` and the error re-raised."""
    try:
        _swap(index, before, after)
    except Exception:
        try:
            _swap(index, after, before)
        except Exception:  # the original error is the one worth raising
            log.exception("putting the reminder index back failed")
        raise


def _swap(index: ReminderIndex, old: Sequence[Schedule], new: Sequence[Schedule]) -> None:
    keep = {s.uid for s in new}
    for schedule in old:
        if schedule.uid not in keep:
            index.remove(schedule)
    for schedule in new:
        index.add(schedule)

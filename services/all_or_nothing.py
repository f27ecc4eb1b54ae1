"""The two steps every service uses to make a change all or nothing: moving the reminder index from one
set of schedules to another (`follow`, put back if a step fails), and undoing a half-done storage
change (`undo`, every step tried, none hiding the error being handled)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.context import ReminderIndex
    from storage.models import Schedule

log = logging.getLogger(__name__)


def follow(index: ReminderIndex, before: Sequence[Schedule], after: Sequence[Schedule]) -> None:
    """Make ``index`` hold ``after`` where it held ``before`` (the same uid is re-added, i.e. moved to
    its current slot). If a step raises, the index is put back to ``before`` and the error re-raised."""
    try:
        _swap(index, before, after)
    except Exception:
        undo(lambda: _swap(index, after, before))
        raise


def undo(*steps: Callable[[], object]) -> None:
    """Run each step; a failing one is logged and the rest still run (the caller re-raises the error
    that made it undo: that is the one the user's reply and the log should be about)."""
    for step in steps:
        try:
            step()
        except Exception:
            log.exception("undoing a half-done change failed; storage is the truth at the next start")


def _swap(index: ReminderIndex, old: Sequence[Schedule], new: Sequence[Schedule]) -> None:
    keep = {s.uid for s in new}
    for schedule in old:
        if schedule.uid not in keep:
            index.remove(schedule)
    for schedule in new:
        index.add(schedule)

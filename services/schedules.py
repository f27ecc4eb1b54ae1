"""Creating, editing and removing reminder schedules: stored and indexed together (order: see
`services`)."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from domain.schedule import OFF
from services.all_or_nothing import follow, undo

if TYPE_CHECKING:
    from core.context import Context, ReminderIndex
    from storage.models import Schedule
    from storage.store import Store

log = logging.getLogger(__name__)


class Schedules:
    def __init__(self, store: Store, reminders: ReminderIndex) -> None:
        self.store = store
        self.reminders = reminders

    @classmethod
    def of(cls, ctx: Context) -> Schedules:
        """Over the context's store and its current reminder index (tests swap the index)."""
        return cls(ctx.store, ctx.reminders)

    async def create(self, schedule: Schedule) -> Schedule:
        """Store ``schedule`` (it gets its id) and index it; neither if either fails."""
        stored = self.store.add_schedule(schedule)

        def drop() -> None:
            self.store.remove_schedule(stored.account, stored.id)

        try:
            await self.store.flush()
            follow(self.reminders, [], [stored])
        except Exception:
            undo(drop)
            raise
        return stored

    async def edit(self, before: Schedule, after: Schedule, now: str) -> Schedule:
        """Change ``before`` (as stored) into ``after`` in place (same id): the row and its place in
        the reminder index, both or neither. ``now`` (ISO) becomes ``created_at``, so a new time that
        already passed today is not caught up as missed: the first firing is the next one."""
        edited = replace(after, account=before.account, id=before.id, created_at=now)
        self.store.update_schedule(edited)

        def put_back() -> None:
            # Re-read: a reminder sent meanwhile may have recorded itself in the row.
            current = self.store.get_schedule(before.account, before.id)
            if current is not None:
                self.store.update_schedule(
                    replace(
                        current,
                        days=before.days,
                        time=before.time,
                        gap=before.gap,
                        once=before.once,
                        timezone=before.timezone,
                        created_at=before.created_at,
                        paused=before.paused if after.paused != before.paused else current.paused,
                    )
                )

        try:
            await self.store.flush()
            follow(self.reminders, [before], [edited])
        except Exception:
            undo(put_back)
            raise
        return edited

    async def switch(self, before: Schedule, off: bool, now: str) -> Schedule:
        """Switch a schedule off (kept, but the reminder service sends nothing for it) or back on, in
        storage and the index together (`edit`). Off drops a lift still pending: it is not owed any more.
        On, its first firing is the next one from ``now`` (nothing missed while off is caught up)."""
        if off:
            after = replace(before, paused=OFF, pending_lift_at="", pending_occurrence="")
        else:
            after = replace(before, paused="")
        return await self.edit(before, after, now)

    async def carve(self, before: Schedule, kept: Schedule, new: Schedule) -> tuple[Schedule, Schedule]:
        """Replace part of ``before``: it becomes ``kept`` (same id, fewer days) and ``new`` is added
        for the days taken from it; stored and indexed together, both or neither."""
        self.store.update_schedule(kept)
        stored = self.store.add_schedule(new)

        def put_back() -> None:
            self.store.remove_schedule(stored.account, stored.id)
            current = self.store.get_schedule(before.account, before.id)
            if current is not None:
                self.store.update_schedule(replace(current, days=before.days, created_at=before.created_at))

        try:
            await self.store.flush()
            follow(self.reminders, [before], [kept, stored])
        except Exception:
            undo(put_back)
            raise
        return kept, stored

    async def remove(self, account: str, schedule_id: int) -> Schedule | None:
        """Remove one schedule; None if the account has no such schedule."""
        removed = self.store.remove_schedule(account, schedule_id)
        if removed is None:
            return None
        await self.store.flush()
        self._forget([removed])
        return removed

    async def remove_all(self, account: str) -> list[Schedule]:
        removed = self.store.remove_schedules(account)
        await self.store.flush()
        self._forget(removed)
        return removed

    def _forget(self, removed: list[Schedule]) -> None:
        # The rows are gone for good (no inverse): a failing index keeps members whose rows are
        # missing, which send nothing and are gone at the next start.
        try:
            follow(self.reminders, removed, [])
        except Exception:
            log.exception("removed schedules stay in the reminder index until the next start")

"""Account operations that move schedules: link, unlink, delete, timezone change (order: see
`services`). Checks and wording stay in the handlers; this module keeps storage and the reminder
index in step."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from core.buttons import pending_actions
from services.all_or_nothing import follow, undo
from storage.pushes import pending_pushes

if TYPE_CHECKING:
    from core.context import Context, ReminderIndex
    from storage.models import LinkCode, Schedule
    from storage.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Merged:
    """What ``user`` had of its own and brought into the account it was linked to."""

    entries: int
    schedules: int


class Accounts:
    def __init__(self, store: Store, reminders: ReminderIndex) -> None:
        self.store = store
        self.reminders = reminders

    @classmethod
    def of(cls, ctx: Context) -> Accounts:
        """Over the context's store and its current reminder index (tests swap the index)."""
        return cls(ctx.store, ctx.reminders)

    async def link(self, user: str, code: LinkCode) -> Merged:
        """Join ``user`` to the account of ``code`` (already taken from storage and checked). If
        storing the link fails the code is put back (not spent) and the index is untouched."""
        entries = self.store.entry_count(user)
        own = self.store.schedules(user)
        try:
            self.store.link(user, code.account)
            await self.store.flush()
        except Exception:
            undo(lambda: self.store.put_link_code(code))
            raise
        # Merged schedules are renumbered under the account: index them under their new ids.
        shared = self.store.schedules(self.store.account_of(user))
        self._follow(own, shared, "linked")
        return Merged(entries, len(own))

    async def unlink(self, user: str) -> bool:
        """``user`` on its own again (False if it was not linked). The shared schedules stay with the
        account; only rows left under ``user``'s own key (normally none) leave the index."""
        own = self.store.schedules(user)
        if not self.store.unlink(user):
            return False
        await self.store.flush()
        self._follow(own, [], "unlinked")
        return True

    async def delete(self, account: str) -> None:
        """Delete everything of ``account``, its pending buttons included; then its reminders stop."""
        self.store.delete_account(account)
        actions = pending_actions(self.store)
        actions.drop_account(account)
        pushes = pending_pushes(self.store)
        pushes.drop_account(account)  # rest timers, recaps, goal
        await self.store.flush()
        await actions.flush()  # "deleted" must be true on disk when it is said
        await pushes.flush()
        try:
            self.reminders.remove_account(account)
        except Exception:
            log.exception("a deleted account stays in the reminder index until the next start")

    async def set_timezone(self, account: str, zone: str) -> int:
        """Set the account's timezone; its schedules keep their local time in the new zone (what someone
        who moved expects). Returns how many schedules moved. Both or neither."""
        profile = self.store.profile(account)
        before = [s for s in self.store.schedules(account) if s.timezone != zone]
        moved = [replace(s, timezone=zone) for s in before]
        try:
            self.store.save_profile(replace(profile, timezone=zone, timezone_chosen=True))
            if moved:
                self.store.update_schedules(moved)
            await self.store.flush()
            follow(self.reminders, before, moved)
        except Exception:
            undo(
                lambda: self.store.save_profile(
                    replace(
                        self.store.profile(account),
                        timezone=profile.timezone,
                        timezone_chosen=profile.timezone_chosen,
                    )
                ),
                lambda: self._restore_zones(account, before),
            )
            raise
        return len(moved)

    def _restore_zones(self, account: str, before: list[Schedule]) -> None:
        zones = {s.uid: s.timezone for s in before}
        # Re-read: a reminder sent meanwhile may have recorded itself in the row.
        current = [s for s in self.store.schedules(account) if s.uid in zones]
        restored = [replace(s, timezone=zones[s.uid]) for s in current if s.timezone != zones[s.uid]]
        if restored:
            self.store.update_schedules(restored)

    def _follow(self, before: list[Schedule], after: list[Schedule], what: str) -> None:
        # Links and deletions have no storage inverse: the stored change stands (see `services`).
        try:
            follow(self.reminders, before, after)
        except Exception:
            log.exception("the reminder index is rebuilt from storage at the next start (%s)", what)

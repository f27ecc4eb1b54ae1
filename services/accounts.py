"""Account operations that move schedules: link, unlink, delete, timezone change (order: see
`services`). Checks and wording stay in the handlers; this module keeps storage and the reminder
index in step."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from core.buttons import pending_actions
from core.messages import Target
from domain.identity import Identity
from reminders.occurrences import from_iso, local_date, next_weekly, parse_hhmm, to_iso, zone
from services.all_or_nothing import follow, undo
from storage.pushes import NUDGE, RECAP, Prefs, Push, pending_pushes

if TYPE_CHECKING:
    from collections.abc import Callable

    from core.context import Context, ReminderIndex
    from storage.models import LinkCode, Profile, Schedule
    from storage.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Merged:
    """What ``user`` had of its own and brought into the account it was linked to."""

    entries: int
    schedules: int
    exercises: int = 0  # its own exercises the account did not have
    # Session settings ("goal", "recap") ``user`` had set and the account had not: they carry on.
    adopted: tuple[str, ...] = ()
    # ... and those both had set: the account's are kept.
    replaced: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unlinked:
    """What went with an identity that was unlinked: its schedules (as now stored under it) and the
    kinds of the account's pending pushes to it that were cancelled."""

    schedules: list[Schedule]
    stopped: tuple[str, ...]


def reaches(target: str, mention: str, user: str, others: list[str]) -> bool:
    """Whether a push to ``target`` (a schedule's or a pending push's) reaches ``user``, one identity
    of a linked account whose other identities are ``others``: its platform is ``user``'s, and the
    target names ``user`` (a schedule's ``mention``, a Telegram private chat, a Discord channel's
    ``@user``) or names nobody and no other identity of that platform is in the account."""
    there, me = Target.unchecked(target), Identity.parse(user)
    if there.platform != me.platform:
        return False
    # A Telegram private chat's id is its user's (a group's, negative, is no one's).
    named = mention or there.named_user or (there.chat_id if there.platform == "telegram" else "")
    if named:
        return named == me.user_id
    return all(Identity.parse(o).platform != there.platform for o in others)


class Accounts:
    def __init__(self, store: Store, reminders: ReminderIndex) -> None:
        self.store = store
        self.reminders = reminders

    @classmethod
    def of(cls, ctx: Context) -> Accounts:
        """Over the context's store and its current reminder index (tests swap the index)."""
        return cls(ctx.store, ctx.reminders)

    async def link(self, user: str, code: LinkCode, exercises: tuple[str, int] | None = None) -> Merged:
        """Join ``user`` to the account of ``code``'s maker (already taken from storage and checked).
        ``exercises``: the account's exercise list with ``user``'s merged in, and how many were added
        (None: unchanged). If storing the link fails the code is put back (not spent) and the index is
        untouched."""
        entries = self.store.entry_count(user)
        own = self.store.schedules(user)
        mine = self.store.account_of(user)
        try:
            self.store.link(  # its maker's account now
                user, self.store.account_of(code.user), exercises[0] if exercises else None
            )
            await self.store.flush()
        except Exception:
            undo(lambda: self.store.put_link_code(code))
            raise
        # Merged schedules are renumbered under the account: index them under their new ids.
        shared = self.store.schedules(self.store.account_of(user))
        self._follow(own, shared, "linked")
        adopted, replaced = await self._merge_pushes(mine, self.store.account_of(user))
        return Merged(entries, len(own), exercises[1] if exercises else 0, adopted, replaced)

    async def finish_links(self) -> int:
        """Merge the pushes and settings a link left behind: a crash after `link` stored the link and
        before it merged them leaves them under an account that is no account any more, and both sides'
        recap and nudge check would come. At start-up, before the reminder index reads the pushes.
        Returns how many accounts were merged."""
        stranded = sorted(a for a in pending_pushes(self.store).accounts() if self.store.account_of(a) != a)
        for mine in stranded:
            log.warning("finishing a link a restart cut short: merging its pending pushes")
            await self._merge_pushes(mine, self.store.account_of(mine))
        return len(stranded)

    async def _merge_pushes(self, mine: str, account: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """``mine``'s session settings and pending pushes into ``account``'s: one account has one goal,
        one recap and at most one pending push per kind (else each side's nudge check and recap both
        came, one nudge a week twice). The account's own are kept; what ``mine`` set that it had not
        (a goal, a recap) carries on, with its pending push. Returns the settings (adopted, replaced).
        After the link is stored: a crash before this leaves both sides' pushes, which `finish_links`
        merges at the next start."""
        pushes = pending_pushes(self.store)
        theirs, ours = pushes.prefs(account), pushes.prefs(mine)
        merged = _merged_prefs(theirs, ours)
        on = {NUDGE: bool(merged.goal and merged.nudges), RECAP: bool(merged.recap)}
        taken = {NUDGE: merged.goal != theirs.goal, RECAP: merged.recap != theirs.recap}
        moving = [
            replace(p, account=account)
            for p in pushes.of(mine)
            if pushes.get(account, p.kind) is None and on.get(p.kind, True) and taken.get(p.kind, True)
        ]
        dropped = pushes.of(mine)
        pushes.drop_account(mine)  # its settings now the account's (an /unlink gives them back)
        for push in moving:
            pushes.put(push)
        if merged != theirs:
            pushes.save_prefs(account, merged)
        await pushes.flush()
        for push in dropped:
            self._index_step(functools.partial(self.reminders.remove_push, mine, push.kind))
        for push in moving:
            self._index_step(functools.partial(self.reminders.add_push, push))
        setting = {"goal": (theirs.goal, ours.goal), "recap": (theirs.recap, ours.recap)}
        adopted = tuple(k for k, (t, o) in setting.items() if o and not t)
        replaced = tuple(k for k, (t, o) in setting.items() if o and t and o != t)
        return adopted, replaced

    async def unlink(self, user: str, owed: Callable[[str], list[Push]] | None = None) -> Unlinked | None:
        """``user`` on its own again (None if it was not linked). The shared log and settings stay with
        the account; what goes to ``user``'s chats must not carry them, or come where it cannot be seen
        and switched off: the account's reminder schedules aimed there go with ``user`` (set there, so
        kept there), its pending pushes aimed there (rest timer, session summary, recap, nudge: the
        account's data) are cancelled. The weekly goal, nudges and recap settings go with ``user`` too;
        then each side gets the recap and nudge check its settings say are on and it lacks, from
        ``owed`` (a side → those pushes, to its private chat), so /settings never promises one that
        does not come.

        Pushes go first and durably: a crash before the unlink is stored loses at most those pushes,
        never sends them with another account's data after it."""
        account = self.store.account_of(user)
        if account == user:
            return None
        pushes = pending_pushes(self.store)
        prefs = pushes.prefs(account)  # the weekly goal the person set, shared until now
        others = [u for u in self.store.linked_users(account) if u != user]
        stopped = [p for p in pushes.of(account) if reaches(p.target, "", user, others)]
        for push in stopped:
            pushes.cancel(account, push.kind)
        try:
            await pushes.flush()
            own = self.store.schedules(user)  # (normally none: cleared by the unlink)
            shared = self.store.schedules(account)  # after the await: what is there now
            taking = [s for s in shared if reaches(s.target, s.mention, user, others)]
            if not self.store.unlink(user, [s.id for s in taking]):
                raise RuntimeError(f"{user} was not linked")  # (nothing awaits between: never)
        except Exception:
            undo(*(functools.partial(pushes.put, p) for p in stopped))
            raise
        await self.store.flush()
        for push in stopped:
            self._index_step(functools.partial(self.reminders.remove_push, account, push.kind))
        started = await self._keep_checks(user, account, prefs, stopped, owed)
        moved = self.store.schedules(user)
        self._follow([*own, *taking], moved, "unlinked")
        kept = {p.kind for p in started if p.account == user}
        return Unlinked(moved, tuple(sorted({p.kind for p in stopped} - kept)))

    async def _keep_checks(
        self,
        user: str,
        account: str,
        prefs: Prefs,
        stopped: list[Push],
        owed: Callable[[str], list[Push]] | None,
    ) -> list[Push]:
        """The weekly goal, nudges on or off and the recap go with the person, like the timezone and
        units the store's unlink keeps: a nudge check or recap of the account that came to ``user``'s
        chat goes on there, now read against ``user``'s own log; then each side gets what its settings
        say is on and is not pending (``owed``). Returns the pushes started. After the unlink is
        stored: a crash before this loses these settings only (a restart does not bring them)."""
        pushes = pending_pushes(self.store)
        if prefs != Prefs():  # (nothing set: ``user`` starts on the defaults anyway)
            pushes.update_prefs(user, goal=prefs.goal, nudges=prefs.nudges, recap=prefs.recap)
        on = {NUDGE: bool(prefs.goal and prefs.nudges), RECAP: bool(prefs.recap)}
        started = [replace(p, account=user) for p in stopped if on.get(p.kind)]
        for push in started:
            pushes.put(push)
        for side in (user, account) if owed is not None else ():
            fresh = owed(side)  # (after the moved ones are put: those are pending)
            for push in fresh:
                pushes.put(push)
            started += fresh
        await pushes.flush()
        for push in started:
            self._index_step(functools.partial(self.reminders.add_push, push))
        return started

    def _index_step(self, step: Callable[[], object]) -> None:
        try:
            step()
        except Exception:
            log.exception("the reminder index is rebuilt from storage at the next start")

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

    async def set_timezone(self, account: str, zone: str, now: datetime) -> int:
        """Set the account's timezone; its schedules keep their local time in the new zone (what someone
        who moved expects), and so does a pending push that comes on a local weekday and time (the
        weekly recap: Sundays 18:00 stays Sundays 18:00 there). ``now`` places that push's next time.
        Returns how many schedules moved. Both or neither."""
        profile = self.store.profile(account)
        before = [s for s in self.store.schedules(account) if s.timezone != zone]
        moved = [_rezoned(s, zone) for s in before]
        pushes = pending_pushes(self.store)
        zone_changes = profile.timezone != zone
        old_pushes = [p for p in pushes.of(account) if zone_changes and _weekly_at(p) is not None]
        new_pushes = [_retimed(p, zone, now) for p in old_pushes]
        try:
            self.store.save_profile(replace(profile, timezone=zone, timezone_chosen=True))
            if moved:
                self.store.update_schedules(moved)
            for push in new_pushes:
                pushes.put(push)
            await self.store.flush()
            if new_pushes:
                await pushes.flush()
            follow(self.reminders, before, moved)
        except Exception:
            undo(
                functools.partial(self._restore_zone, account, profile),
                lambda: self._restore_zones(account, before),
                lambda: self._restore_pushes(old_pushes, new_pushes),
            )
            raise
        try:
            for push in new_pushes:
                self.reminders.add_push(push)
        except Exception:
            undo(
                lambda: follow(self.reminders, moved, before),
                functools.partial(self._restore_zone, account, profile),
                lambda: self._restore_zones(account, before),
                lambda: self._restore_pushes(old_pushes, new_pushes),
                *(functools.partial(self.reminders.add_push, p) for p in old_pushes),
            )
            raise
        return len(moved)

    def _restore_zone(self, account: str, before: Profile) -> None:
        """The profile's timezone as it was ``before`` (its other fields as they are now)."""
        self.store.save_profile(
            replace(
                self.store.profile(account),
                timezone=before.timezone,
                timezone_chosen=before.timezone_chosen,
            )
        )

    def _restore_pushes(self, old: list[Push], new: list[Push]) -> None:
        pushes = pending_pushes(self.store)
        for was, put in zip(old, new, strict=True):
            current = pushes.get(was.account, was.kind)
            # Only if it is still the one put here: a push claimed meanwhile moved on by itself.
            if current is not None and (current.key, current.due) == (put.key, put.due):
                pushes.put(was)

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


def _merged_prefs(account: Prefs, joining: Prefs) -> Prefs:
    """One account's settings from two: the account's, and what the joining side set that it had not
    (nudges on or off go with the goal they follow)."""
    brought = joining.goal and not account.goal
    goal, nudges = (joining.goal, joining.nudges) if brought else (account.goal, account.nudges)
    return Prefs(goal=goal, recap=account.recap or joining.recap, nudges=nudges)


def _weekly_at(push: Push) -> tuple[int, int] | None:
    """(weekday, minute of the day) of a push that comes on a local weekday and time (its payload names
    them: the weekly recap); None for any other push (a rest timer runs on the clock, not the zone)."""
    day, time = push.payload.get("day"), push.payload.get("time")
    if type(day) is not int or not isinstance(time, str):
        return None
    try:
        return day, parse_hhmm(time)
    except ValueError:
        return None


def _rezoned(schedule: Schedule, timezone: str) -> Schedule:
    """``schedule`` in ``timezone``, at the same local time. What was sent is said again in the new
    zone's dates: a reminder is sent once per local date (the occurrence key), so today's 07:45 in
    Tokyo, which was yesterday evening in São Paulo, must not keep São Paulo's next morning from coming,
    while 07:00 in London, 02:00 in New York, still counts as New York's today. The last activation
    is placed by when it was due (``last_activation_at``; by the schedule's time for rows from before
    it), a pending lift keeps its activation's key, and an older lift stays before it."""
    moved = replace(schedule, timezone=timezone)
    if schedule.once or not schedule.last_activation:  # (a one-off's key is its own date, kept)
        return moved
    try:
        old, new, minute = zone(schedule.timezone), zone(timezone), parse_hhmm(schedule.time)
    except ValueError:
        return moved

    def sent_at(key: str) -> datetime:
        due = from_iso(schedule.last_activation_at) if key == schedule.last_activation else None
        if due is not None and local_date(due, old) == key:
            return due
        return datetime.combine(date.fromisoformat(key), time(minute // 60, minute % 60), tzinfo=old)

    activation = local_date(sent_at(schedule.last_activation), new)

    def said_in_new(key: str) -> str:
        if not key or key == schedule.last_activation:
            return activation if key else key
        before = (date.fromisoformat(activation) - timedelta(days=1)).isoformat()
        return min(local_date(sent_at(key), new), before)  # an older key stays older

    return replace(
        moved,
        last_activation=activation,
        last_lift=said_in_new(schedule.last_lift),
        pending_occurrence=said_in_new(schedule.pending_occurrence),
    )


def _retimed(push: Push, timezone: str, now: datetime) -> Push:
    """``push`` at its next local weekday and time in ``timezone`` after ``now``."""
    weekday, minute = _weekly_at(push)  # type: ignore[misc]  # (only weekly pushes come here)
    due = next_weekly(now, weekday, minute, timezone)
    return replace(push, key=local_date(due, zone(timezone)), due=to_iso(due), created=to_iso(now))

"""Reminders: an activation message at the schedule's local time, the lift ``gap`` minutes later.

The truth is in storage; everything here is an index rebuilt by `ReminderService.start`:

- **Due messages.** Every message owed is a `Due`: its kind (`ACTIVATION`, `LIFT`; rest timers,
  session summaries and recaps are further kinds), the schedule it belongs to, its occurrence (the
  idempotency key: the activation's local date) and its UTC instant. Activations come from the rows'
  days/time/zone (`occurrences`: CronTrigger, the one DST rule), lifts from the rows'
  ``pending_lift_at``/``pending_occurrence``. Recurring schedules are grouped into slots (timezone,
  local time; one trigger each, weekdays filtered per member), so the timeline holds one entry per slot
  plus one per pending lift, ordered by instant. No schedule rows are kept in memory: they are read
  from the store when they are due, so edits made elsewhere are always seen.
- **One check.** `check` (= `run_due` at the injected clock's now) takes every entry due by now off
  the timeline and claims and sends its messages. APScheduler is only the alarm clock: one date job,
  re-armed at the timeline's earliest instant, that calls `check`. Tests advance the clock and await
  `check`; nothing sleeps.
- **Claimed per message, just before it is sent.** A message is *claimed* by writing it into its row
  (an activation: ``last_activation``; a lift: ``last_lift``, clearing the pending lift) and making
  that durable (`Store.flush`) immediately before the send of that message. Claims are grouped only as
  far as this rule allows: a group is at most `GROUP` messages of distinct accounts from at most
  `CHUNK_SHARDS` storage shards (one file write each), written and flushed together, and *every*
  message of the group is sent (answered) before its lane claims anything else. ``2 * concurrency //
  GROUP`` lanes (8) run at once, each over whole shard chunks, so an account's messages are always in
  one lane, one group after another (and an account being sent by another check waits, `_take_group`).
  A group's outcomes (the pending lifts of its activations) become durable with the lane's next flush,
  so the next group leaves its accounts out. Hence after a crash at most two groups per lane are in
  doubt (≤ 128 messages), at most one message per account, and a claimed message is never sent again.
- **A lift only after its activation.** The pending lift is written only once the platform accepted
  the activation (`_confirm`), ``gap`` minutes from then. An activation in doubt therefore has no lift
  (the user can still press "Activation done"), and an activation never claimed is caught up at the
  next start within grace, its lift ``gap`` later: no lift is sent for an activation never attempted.
- **Personal.** Pushes go to the user's private chat (`push_target`): a Telegram schedule stored with a
  group as target is sent to the user's own chat and stored so; a Discord server-channel target is
  delivered to the user's DMs only. If that chat cannot be reached the schedule is paused (below).
- **Grace.** An activation is delivered only while ``now - instant <= grace``, a lift only while
  ``now - due <= grace``; older ones are skipped (a skipped activation has no lift). At start-up the
  timeline starts ``grace`` before now, so the first check catches up whatever was missed.
- **One-off pushes** (`PUSH`: rest timers, session summaries, weekly recaps, nudges) are rows of
  `storage.pushes` (account, kind, idempotency key, due instant, private target, payload), one pending
  per account and kind, indexed on the same timeline. Claimed like the rest, in the same groups: the
  claim takes the row off (or moves a recurring kind to its next occurrence) and is flushed before
  the send. Each kind has its own lateness limit (`PushComposer.lateness`: a rest timer more than
  60 s late is dropped without a word); the composer may also find nothing worth sending (a nudge
  when the user is on track). A push goes to the private chat stored with it; a blocked one is dropped.
- **Delivery** goes through `Router.send` with at most ``concurrency`` sends in flight for the whole
  service, so the adapters' rate limiters pace a big fan-out and no send blocks the loop; the loop gets
  control back between any two groups' writes, and no lane claims (composes) a group while a command is
  being answered (`core.conversation`; one group per 0.25 s if commands never pause). `Delivery.BLOCKED`
  pauses that schedule (``paused="blocked"``, persisted); `unreachable` tells the user once and
  `resume_paused` resumes it when they write privately again. `Delivery.FAILED` is logged (one line
  per check) and not retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import heapq
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from core.context import utc_now
from core.conversation import Conversation
from core.messages import Reply, Target
from core.router import Delivery, Router
from domain.identity import Identity
from reminders.occurrences import (
    JUST_AFTER,
    daily,
    days_mask,
    from_iso,
    local_date,
    next_fire,
    next_on_days,
    one_off_fire,
    parse_hhmm,
    to_iso,
    zone,
)
from storage.layout import shard_of
from storage.models import MAX_GAP, MIN_GAP, Schedule
from storage.pushes import Push, pending_pushes

if TYPE_CHECKING:
    from storage.store import Store

log = logging.getLogger(__name__)

BLOCKED = "blocked"  # Schedule.paused reason set when the platform says the user blocked us
WAKE_JOB = "reminders:wake"
ACTIVATION, LIFT, PUSH = "activation", "lift", "push"  # the kinds of `Due` message
GROUP = 8  # messages claimed with one durable write, then all sent before the lane claims again
CHUNK_SHARDS = 4  # a lane's chunk spans at most this many storage shards (one file write each)
START_ROWS_PER_YIELD = 5_000  # start-up gives the loop back this often (≈ 40 ms of indexing)

SlotKey = tuple[str, int]  # (IANA timezone, minute of the local day)
Member = tuple[str, int]  # (account, schedule id)
# A timeline entry: (UTC timestamp, kind, then a slot's (tz, minute, "") or a lift's (account, id,
# occurrence)). Superseded entries stay until they surface and are skipped (`_valid`).
Entry = tuple[float, str, str, int, str]


class ReminderComposer(Protocol):
    # Includes the button. None: nothing to send (the day's lift is logged, and another reminder said so
    # today already); the occurrence counts as sent, its lift too.
    def activation(self, schedule: Schedule, occurrence: str) -> Reply | None: ...

    # None: nothing to send (the day's lift is logged already, and the activation push said so); the
    # occurrence's lift counts as sent.
    def lift(self, schedule: Schedule, occurrence: str) -> Reply | None: ...


class PushComposer(Protocol):
    """Renders the one-off pushes (handlers.session.PushTexts)."""

    def lateness(self, kind: str) -> timedelta: ...  # sent only if less late than this

    def compose(self, push: Push, now: datetime) -> Reply | None: ...  # None: nothing worth sending

    def following(self, push: Push, now: datetime, sent: bool) -> Push | None: ...  # a recurring kind


@dataclass(slots=True, frozen=True)
class Due:
    """One message owed: ``kind`` for the schedule ``member`` and ``occurrence``, due at ``at`` (UTC)."""

    kind: str
    member: Member
    occurrence: str
    at: datetime
    slot: SlotKey | None = None  # an activation: the slot it was due in (an edit since moves it)
    push: Push | None = None  # a PUSH: the row as it was indexed


@dataclass(slots=True)
class _Slot:
    tz: tzinfo
    trigger: CronTrigger
    members: dict[Member, int] = field(default_factory=dict)  # → days mask


@dataclass(slots=True)
class _Send:
    schedule: Schedule | None  # None for a PUSH
    reply: Reply
    due: Due
    base: datetime  # an activation: when its lift's gap starts (max(due.at, now))

    @property
    def account(self) -> str:
        return self.due.member[0]

    @property
    def uid(self) -> str:
        return self.due.push.uid if self.due.push is not None else self.schedule.uid  # type: ignore[union-attr]


def _take_group(items: list[Due], busy: set[str]) -> tuple[list[Due], list[Due]]:
    """The next claim group from ``items`` (in order): at most `GROUP` messages, no account twice and
    none of the accounts in ``busy`` (being sent by another check), so a crash leaves at most one
    message per account in doubt, and a schedule's lift goes out before its next activation is claimed.
    Returns (group, the rest)."""
    group: list[Due] = []
    rest: list[Due] = []
    accounts: set[str] = set()
    for item in items:
        account = item.member[0]
        if len(group) < GROUP and account not in accounts and account not in busy:
            accounts.add(account)
            group.append(item)
        else:
            rest.append(item)
    return group, rest


def push_target(schedule: Schedule) -> Target | None:
    """Where a personal push for ``schedule`` goes: the user's private chat, never a group.

    Telegram: a user's private chat has the user's id; a schedule set in a group (stored before pushes
    went private) is sent there instead. Discord: a server-channel target names the user and the adapter
    pushes to their DMs only. None if the private chat cannot be known (then the schedule is paused)."""
    try:
        target = Target.parse(private_target_key(schedule))
    except ValueError:
        return None
    if target.platform == "telegram" and target.chat_id.startswith("-"):
        return None  # a group and no user to send to privately
    return target


def private_target_key(schedule: Schedule) -> str:
    """The schedule's target as stored from now on (see `push_target`)."""
    there = Target.unchecked(schedule.target)
    if there.platform != "telegram" or not there.chat_id.startswith("-"):
        return schedule.target
    owner = Identity.parse(schedule.account)
    user = schedule.mention or (owner.user_id if owner.platform == "telegram" else "")
    return Target("telegram", user).key() if user.isdigit() else schedule.target


def _clamp_gap(gap: int) -> int:
    try:
        return max(MIN_GAP, min(MAX_GAP, int(gap)))
    except (TypeError, ValueError):
        return 10


def _slot_key(schedule: Schedule) -> SlotKey | None:
    return _slot_of(schedule.timezone, schedule.time)


@functools.lru_cache(maxsize=4096)
def _slot_of(timezone: str, time: str) -> SlotKey | None:
    """(Cached: 100,000 schedules at start-up share a few hundred zone and time pairs.)"""
    try:
        zone(timezone)
        return (timezone, parse_hhmm(time))
    except ValueError:
        return None


class ReminderService:
    def __init__(
        self,
        store: Store,
        composer: ReminderComposer,
        router: Router,
        *,
        clock: Callable[[], datetime] = utc_now,
        grace: timedelta = timedelta(minutes=30),
        scheduler: AsyncIOScheduler | None = None,
        concurrency: int = 32,
        push_composer: PushComposer | None = None,
        conversation: Conversation | None = None,
    ) -> None:
        self._store = store
        # The commands being answered: each group's claim (composing its messages from the users'
        # logs, tens of ms at a busy minute) waits for a moment with none in flight.
        self._conversation = conversation if conversation is not None else Conversation()
        self._composer = composer
        self._push_composer = push_composer
        self._pushes = pending_pushes(store)
        self._push_at: dict[tuple[str, str], tuple[float, str]] = {}  # (account, kind) -> (ts, key)
        self._router = router
        self._clock = clock
        self._grace = grace
        self._scheduler = scheduler if scheduler is not None else AsyncIOScheduler(timezone=UTC)
        self._sem = asyncio.Semaphore(concurrency)
        # Groups claimed at once: twice what the sends in flight can hold, so one lane's durable write
        # overlaps the others' sends (measured: bench.telegram_bench c2 reaches its 200/s only so).
        self._lanes = max(1, 2 * concurrency // GROUP)
        self._slots: dict[SlotKey, _Slot] = {}
        # The timeline and, per slot / pending lift, its one valid entry's timestamp.
        self._timeline: list[Entry] = []
        self._slot_at: dict[SlotKey, float] = {}
        self._pending: dict[Member, tuple[float, str]] = {}
        # Every slot firing at or after `_covered_from` is on the timeline or was taken by a check,
        # the latest of which ran for `_checked_to`. A check for an earlier time (a clock set back, a
        # test replaying an instant) rebuilds the slot entries first (`_rewind`).
        self._covered_from = float("-inf")
        self._checked_to = float("-inf")
        self._armed_at: float | None = None  # clock timestamp the wake job is armed for
        self._blocked: set[str] = set()  # accounts with a schedule paused as blocked
        self._told: set[str] = set()  # ... who were told so since (this run)
        self._sending: set[str] = set()  # accounts with a claimed group being sent (any check)
        self._released = asyncio.Event()  # set (and replaced) whenever such a group is done
        self._tasks: set[asyncio.Task[int]] = set()
        self._catch_up: asyncio.Task[int] | None = None  # the start-up catch-up, while it is owed
        self._started = False

    # ------------------------------------------------------------------ life cycle

    async def start(self) -> None:
        """Index every stored schedule and start the scheduler with the wake job, then start delivering
        what was missed while the bot was down and is still within grace (activations and pending
        lifts) in the background: a catch-up of a few thousand messages composes each from its user's
        log, so the bot answers meanwhile instead of after it. `caught_up` waits for it.

        Call it once the adapters are registered on the router: the catch-up sends right away."""
        if self._started:
            return
        self._slots.clear()  # the store is the truth: whatever add() saw before start is in it
        self._timeline.clear()
        self._slot_at.clear()
        self._pending.clear()
        self._push_at.clear()
        self._blocked.clear()
        self._covered_from = self._checked_to = float("-inf")
        finished: list[Schedule] = []
        for n, schedule in enumerate(self._store.all_schedules(), 1):
            if schedule.finished(self._clock()):
                finished.append(schedule)
            else:
                self._index(schedule)
            if n % START_ROWS_PER_YIELD == 0:
                await asyncio.sleep(0)
        self._retire(finished)
        for n, push in enumerate(self._pushes.all(), 1):
            self._index_push(push)
            if n % START_ROWS_PER_YIELD == 0:
                await asyncio.sleep(0)
        if not self._scheduler.running:
            self._scheduler.start()
        self._started = True
        # Taken now, so what was owed at start is the catch-up's whatever runs next; sent as a tracked
        # task (claimed per group like any check's, so at most once; `shutdown` waits for it).
        now = self._clock()
        items = self._take_due(now)
        self._arm()
        self._catch_up = self._track(self._send_due(now, items)) if items else None

    async def caught_up(self) -> int:
        """Wait until the start-up catch-up (see `start`) is done. Returns how many of its messages the
        router accepted: 0 if nothing was owed, or if `shutdown` cancelled it."""
        task = self._catch_up
        if task is None:
            return 0
        await asyncio.wait({task})
        return 0 if task.cancelled() else task.result()

    async def shutdown(self) -> None:
        """Stop the scheduler without waiting for it. What was recorded is on disk; sends already in
        flight get a moment to finish, then are cancelled."""
        self._started = False
        self._armed_at = None
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        if self._tasks:
            _done, pending = await asyncio.wait(set(self._tasks), timeout=2)
            for task in pending:
                task.cancel()
            if pending:
                log.warning("shutdown cancelled %d reminder batch(es) still sending", len(pending))

    # ------------------------------------------------------------------ index upkeep

    def add(self, schedule: Schedule) -> None:
        """Index a stored schedule (after ``store.add_schedule``, or after an edit). Re-adding a known
        schedule moves it to its current slot."""
        self._unindex(schedule)
        self._index(schedule)
        self._arm()

    def remove(self, schedule: Schedule) -> None:
        """Forget a schedule (after ``store.remove_schedule``): its slot membership and its pending lift."""
        self._unindex(schedule)
        self._arm()

    def remove_account(self, account: str) -> None:
        """Forget every schedule and pending lift of ``account`` (/deleteme). Scans the index: rare."""
        for key, slot in list(self._slots.items()):
            for member in [m for m in slot.members if m[0] == account]:
                del slot.members[member]
            if not slot.members:
                self._drop_slot(key)
        for member in [m for m in self._pending if m[0] == account]:
            del self._pending[member]
        for key in [k for k in self._push_at if k[0] == account]:
            del self._push_at[key]
        self._blocked.discard(account)
        self._arm()

    def use_push_composer(self, composer: PushComposer) -> None:
        """Set the composer of the one-off pushes (it needs the handlers' context, built after this)."""
        self._push_composer = composer

    def add_push(self, push: Push) -> None:
        """Index a stored push (after ``pending_pushes(store).put``): it replaces the account's pending
        push of the same kind on the timeline."""
        self._index_push(push)
        self._arm()

    def remove_push(self, account: str, kind: str) -> None:
        """Forget the account's pending push of ``kind`` (after ``pending_pushes(store).cancel``)."""
        if self._push_at.pop((account, kind), None) is not None:
            self._arm()

    def _index_push(self, push: Push) -> None:
        try:
            ts = push.due_at.timestamp()
        except ValueError:
            log.warning("push %s not scheduled: bad due time %r", push.uid, push.due)
            return
        self._push_at[(push.account, push.kind)] = (ts, push.key)
        heapq.heappush(self._timeline, (ts, PUSH, push.account, 0, f"{push.kind}|{push.key}"))

    def _index(self, schedule: Schedule) -> None:
        key = _slot_key(schedule)
        if key is None:
            log.warning(
                "schedule %s not scheduled: bad time %r or timezone %r",
                schedule.uid,
                schedule.time,
                schedule.timezone,
            )
            return
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = _Slot(zone(key[0]), daily(*key))
            # Its first entry is the first firing within grace: a new slot's missed firing is caught up.
            since = self._clock() - self._grace
            self._covered_from = max(self._covered_from, since.timestamp())
            self._put_slot(key, next_fire(slot.trigger, since))
        slot.members[(schedule.account, schedule.id)] = days_mask(schedule.days)
        if schedule.paused == BLOCKED:
            self._blocked.add(schedule.account)
        if schedule.pending_occurrence and schedule.pending_lift_at:
            due = from_iso(schedule.pending_lift_at)
            if due is not None:
                self._put_lift((schedule.account, schedule.id), due.timestamp(), schedule.pending_occurrence)

    def _unindex(self, schedule: Schedule) -> None:
        """Take the schedule out of whatever slot it is in (looked up where it should be first, then
        everywhere, since an edited row may name another slot than the indexed one)."""
        member = (schedule.account, schedule.id)
        self._pending.pop(member, None)
        hint = _slot_key(schedule)
        keys = [hint] if hint in self._slots and member in self._slots[hint].members else list(self._slots)
        for key in keys:
            slot = self._slots[key]
            if slot.members.pop(member, None) is not None:
                if not slot.members:
                    self._drop_slot(key)
                return

    def _drop_slot(self, key: SlotKey) -> None:
        del self._slots[key]
        self._slot_at.pop(key, None)  # its timeline entry is skipped when it surfaces

    def _put_slot(self, key: SlotKey, fire: datetime) -> None:
        ts = fire.timestamp()
        self._slot_at[key] = ts
        heapq.heappush(self._timeline, (ts, ACTIVATION, key[0], key[1], ""))

    def _put_lift(self, member: Member, ts: float, occurrence: str) -> None:
        self._pending[member] = (ts, occurrence)
        heapq.heappush(self._timeline, (ts, LIFT, member[0], member[1], occurrence))

    def _valid(self, entry: Entry) -> bool:
        ts, kind, a, b, occurrence = entry
        if kind == LIFT:
            return self._pending.get((a, b)) == (ts, occurrence)
        if kind == PUSH:
            push_kind, _, key = occurrence.partition("|")
            return self._push_at.get((a, push_kind)) == (ts, key)
        return self._slot_at.get((a, b)) == ts

    def _arm(self) -> None:
        """Point the wake job at the timeline's earliest valid entry (or remove it)."""
        timeline = self._timeline
        while timeline and not self._valid(timeline[0]):
            heapq.heappop(timeline)
        if not self._started:
            return
        if not timeline:
            if self._armed_at is not None:
                with contextlib.suppress(JobLookupError):
                    self._scheduler.remove_job(WAKE_JOB)
                self._armed_at = None
            return
        due = timeline[0][0]
        if due == self._armed_at:
            return
        # Due times are on self._clock; the scheduler runs on wall time.
        wall = datetime.fromtimestamp(due, UTC) + (utc_now() - self._clock())
        self._scheduler.add_job(
            self._wake,
            "date",
            run_date=wall,
            id=WAKE_JOB,
            name=WAKE_JOB,
            replace_existing=True,
            # Never let APScheduler drop it as misfired: a lost wake would strand everything after it.
            # The check applies the grace window itself.
            misfire_grace_time=None,
            coalesce=True,
        )
        self._armed_at = due

    async def _wake(self) -> None:
        self._armed_at = None  # a date job is gone once it fired
        # The check runs as its own task, so the job returns at once and never overlaps itself.
        self._track(self.check())

    def add_daily(
        self, name: str, hour: int, minute: int, job: Callable[[], Awaitable[object]], timezone: tzinfo
    ) -> None:
        """Run ``job`` (a coroutine function) every day at ``hour:minute`` in ``timezone`` on this
        service's scheduler (one scheduler for the process; e.g. the nightly backup). A run missed by
        up to an hour (the host asleep) still runs, once."""
        self._add_cron(name, CronTrigger(hour=hour, minute=minute, timezone=timezone), job, grace=3600)

    def add_hourly(self, name: str, minute: int, job: Callable[[], Awaitable[object]]) -> None:
        """Run ``job`` (a coroutine function) every hour at ``minute`` past, like `add_daily`."""
        self._add_cron(name, CronTrigger(minute=minute, timezone=UTC), job, grace=600)

    def _add_cron(
        self, name: str, trigger: CronTrigger, job: Callable[[], Awaitable[object]], grace: int
    ) -> None:
        self._scheduler.add_job(
            job,
            trigger,
            id=name,
            name=name,
            replace_existing=True,
            misfire_grace_time=grace,
            coalesce=True,
            max_instances=1,
        )

    def job_count(self) -> int:
        """Jobs this service has in the scheduler: the wake job if anything is on the timeline."""
        return sum(1 for job in self._scheduler.get_jobs() if job.id == WAKE_JOB)

    def next_wake(self) -> datetime | None:
        """The instant (on the service clock) the wake job is armed for; None if nothing is owed."""
        return None if self._armed_at is None else datetime.fromtimestamp(self._armed_at, UTC)

    # ------------------------------------------------------------------ queries

    @property
    def running(self) -> bool:
        """Started and its scheduler running (the health check reads it)."""
        return self._started and self._scheduler.running

    def schedule_count(self) -> int:
        """Schedules indexed for reminders, paused ones included (for the metrics)."""
        return sum(len(slot.members) for slot in self._slots.values())

    def paused_accounts(self) -> int:
        """Accounts whose reminders are paused because their private chat could not be reached."""
        return len(self._blocked)

    def next_occurrence(self, schedule: Schedule, after: datetime | None = None) -> datetime | None:
        """When the schedule's activation fires next (strictly after ``after``, default now), as an aware
        datetime in its own timezone; None if it has no days or an invalid time/zone. Paused schedules
        are not treated specially (the caller says they are paused)."""
        key = _slot_key(schedule)
        if key is None:
            return None
        after = after if after is not None else self._clock()
        if after.tzinfo is None:
            after = after.replace(tzinfo=UTC)
        if schedule.once:
            return one_off_fire(schedule.once, key, after)
        trigger, mask, tz = daily(*key), days_mask(schedule.days), zone(key[0])
        fire = next_on_days(trigger, after, mask, tz)
        # A day already sent is not sent again (`_claim_activation`: one per local date), so a time moved
        # later, or a zone moved west, after today's reminder came next fires on the next day.
        while fire is not None and fire.date().isoformat() <= schedule.last_activation:
            fire = next_on_days(trigger, fire, mask, tz)
        return fire

    # ------------------------------------------------------------------ user actions

    async def lift_now(self, account: str, schedule_id: int, occurrence: str) -> Reply | None:
        """The "Activation done" button: the lift reply for ``occurrence`` if its lift was not sent yet.
        Records ``last_lift`` and clears the pending lift (so the scheduled one is not sent) and returns
        the reply for the caller to show; None if already sent, or the schedule/occurrence is unknown."""
        schedule = self._store.get_schedule(account, schedule_id)
        if schedule is None or not _is_occurrence(occurrence):
            return None
        if not (schedule.last_lift < occurrence <= schedule.last_activation):
            return None
        clear = bool(schedule.pending_occurrence) and schedule.pending_occurrence <= occurrence
        updated = replace(
            schedule,
            last_lift=occurrence,
            pending_lift_at="" if clear else schedule.pending_lift_at,
            pending_occurrence="" if clear else schedule.pending_occurrence,
        )
        reply = self._composer.lift(updated, occurrence)
        self._store.update_schedule(updated)
        if clear:
            self._pending.pop((account, schedule_id), None)
            self._arm()
        if updated.done:
            self._retire([updated])
        return reply

    def resume_paused(self, account: str) -> list[Schedule]:
        """Un-pause the account's schedules paused because it blocked us; returns them (now active).
        O(1) when the account has none: called on every request."""
        if account not in self._blocked:
            return []
        self._blocked.discard(account)
        self._told.discard(account)
        resumed = [replace(s, paused="") for s in self._store.schedules(account) if s.paused == BLOCKED]
        if resumed:
            self._store.update_schedules(resumed)
        return resumed

    def unreachable(self, account: str) -> int:
        """How many of the account's schedules are paused because its private chat could not be
        reached, the first time this is asked since they were paused (then 0, so the user is told once
        per pause and run). O(1) when the account has none: called on every request."""
        if account not in self._blocked or account in self._told:
            return 0
        self._told.add(account)
        return sum(1 for s in self._store.schedules(account) if s.paused == BLOCKED)

    # ------------------------------------------------------------------ the check

    async def check(self) -> int:
        """Deliver whatever is due at the clock's now (see `run_due`)."""
        return await self.run_due(self._clock())

    async def run_due(self, now: datetime) -> int:
        """Take every timeline entry due by ``now`` and claim and send its messages: each activation
        whose instant is within grace before ``now`` and each pending lift due by ``now`` (within grace)
        that was not delivered yet. Returns the number of messages the router accepted (`Delivery.OK`).
        An entry is taken once, so concurrent checks split the work; the rows decide what was sent."""
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        items = self._take_due(now)
        self._arm()  # now, not after the sends: a long fan-out must not delay what is due meanwhile
        return await self._send_due(now, items)

    async def _send_due(self, now: datetime, items: list[Due]) -> int:
        if not items:
            return 0
        try:
            return await self._deliver(now, items)
        finally:
            self._arm()

    def _take_due(self, now: datetime) -> list[Due]:
        """Pop the due entries off the timeline as `Due` messages (one per schedule and kind), moving
        each slot's entry on to its next firing."""
        ts_now = now.timestamp()
        if ts_now < self._checked_to or ts_now - self._grace.total_seconds() < self._covered_from:
            self._rewind(now - self._grace)
        self._checked_to = ts_now
        lifts: dict[Member, Due] = {}
        activations: dict[Member, Due] = {}
        pushes: list[Due] = []
        timeline = self._timeline
        while timeline and timeline[0][0] <= ts_now:
            entry = heapq.heappop(timeline)
            if not self._valid(entry):
                continue
            ts, kind, a, b, occurrence = entry
            if kind == LIFT:
                del self._pending[(a, b)]
                lifts[(a, b)] = Due(LIFT, (a, b), occurrence, datetime.fromtimestamp(ts, UTC))
                continue
            if kind == PUSH:
                push_kind, _, key = occurrence.partition("|")
                del self._push_at[(a, push_kind)]
                # The row is read again when claimed: what matters is its state then.
                stored = self._pushes.get(a, push_kind)
                if stored is not None and stored.key == key:
                    pushes.append(Due(PUSH, (a, 0), occurrence, datetime.fromtimestamp(ts, UTC), push=stored))
                continue
            key = (a, b)
            slot = self._slots[key]
            fire = datetime.fromtimestamp(ts, UTC)
            while fire <= now:  # several firings when checks were far apart (or a fall-back repeat)
                if now - fire <= self._grace:
                    occurrence = local_date(fire, slot.tz)
                    bit = 1 << datetime.fromisoformat(occurrence).weekday()
                    for member, mask in slot.members.items():
                        if mask & bit and member not in activations:  # the first of a repeated time
                            activations[member] = Due(ACTIVATION, member, occurrence, fire, key)
                    fire = next_fire(slot.trigger, fire + JUST_AFTER)
                else:  # too late: skip straight to the first firing still within grace
                    fire = next_fire(slot.trigger, max(fire + JUST_AFTER, now - self._grace))
            self._put_slot(key, fire)
        # A schedule owing both sends its lift first (an older occurrence).
        return list(lifts.values()) + list(activations.values()) + pushes

    def _rewind(self, since: datetime) -> None:
        """Put every slot's entry back at its first firing at or after ``since``. Firings already
        delivered are taken again and find their occurrence recorded in the rows: nothing is re-sent."""
        for key, slot in self._slots.items():
            self._put_slot(key, next_fire(slot.trigger, since))
        self._covered_from = since.timestamp()

    def _track(self, coro) -> asyncio.Task[int]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _deliver(self, now: datetime, items: list[Due]) -> int:
        """Claim and send ``items`` in shard chunks over the lanes. Returns how many sends the router
        accepted."""
        items.sort(key=lambda it: (shard_of(it.member[0]), it.member, it.kind != LIFT, it.occurrence))
        chunks: list[list[Due]] = [[]]
        shards: set[int] = set()
        for item in items:
            shard = shard_of(item.member[0])
            if shard not in shards and (len(chunks[-1]) >= GROUP or len(shards) >= CHUNK_SHARDS):
                chunks.append([])
                shards = set()
            chunks[-1].append(item)
            shards.add(shard)

        # Lanes take whole chunks: an account's messages all live in its shard's chunk, so one lane
        # sends them one group after another and never two at once.
        queue = iter(chunks)
        failed: list[str] = []
        ok = 0

        async def lane() -> None:
            nonlocal ok
            for chunk in queue:  # a shared iterator: each chunk goes to exactly one lane
                rest = chunk
                # The previous group's outcomes (pending lifts) become durable with the next claim's
                # flush; until then its accounts are still in doubt, so the next group leaves them out.
                previous: set[str] = set()
                while rest:
                    # Conversation first: a command in flight is answered before this lane composes and
                    # claims another group (never more than one group per `patience` while they keep
                    # coming), so a /log never waits behind every lane's group (core.conversation).
                    await self._conversation.turn()
                    released = self._released
                    group, rest = _take_group(rest, self._sending | previous)
                    if not group and previous:
                        await self._flush_quietly()  # only those accounts are left: settle them first
                        previous = set()
                        continue
                    if not group:  # all of them are being sent by another check: wait for one to end
                        await released.wait()
                        continue
                    sent = await self._claim_and_send(now, group, failed)
                    ok += sent  # (not `ok += await ...`: that reads ok before the await)
                    previous = {item.member[0] for item in group}

        lanes = [self._track(lane()) for _ in range(min(self._lanes, len(chunks)))]
        try:
            await asyncio.gather(*lanes)
            return ok
        finally:
            if failed:
                log.warning(
                    "%d reminder(s) could not be delivered (not retried), e.g. %s", len(failed), failed[:5]
                )

    async def _claim_and_send(self, now: datetime, group: list[Due], failed: list[str]) -> int:
        """Claim one group (durably), send every message of it, then record the outcomes.

        The claim is written and flushed immediately before the sends of exactly these messages, and
        the lane claims nothing more until all of them are answered: a crash leaves at most this
        group in doubt, at most one message per account (see `_take_group`), and none is ever re-sent."""
        sends = self._claim(now, group)
        if not sends:
            return 0
        accounts = {item.account for item in sends}
        self._sending |= accounts
        try:
            return await self._send_group(sends, failed)
        finally:
            self._sending -= accounts
            self._released.set()  # wake lanes waiting for one of these accounts
            self._released = asyncio.Event()

    async def _flush_quietly(self) -> None:
        try:
            await self._store.flush()
        except Exception:
            log.exception("recording reminder outcomes failed")

    async def _send_group(self, sends: list[_Send], failed: list[str]) -> int:
        try:
            await self._store.flush()  # durable before anything is sent: never twice
            if any(item.schedule is None for item in sends):
                await self._pushes.flush()
        except Exception:
            log.exception("recording %d reminder(s) failed; not sending them", len(sends))
            failed.extend(item.uid for item in sends)
            return 0
        results = await asyncio.gather(*(self._send_one(item) for item in sends))
        ok = 0
        confirmed: list[_Send] = []
        blocked: list[Member] = []
        for item, result in zip(sends, results, strict=True):
            if result == Delivery.OK:
                ok += 1
                if item.due.kind == ACTIVATION:
                    confirmed.append(item)
            elif result == Delivery.BLOCKED and item.schedule is not None:
                blocked.append((item.schedule.account, item.schedule.id))
            else:  # (a push to a chat that is closed is dropped: it was personal and of the moment)
                failed.append(item.uid)
        try:
            self._confirm(confirmed)
        except Exception:
            log.exception("recording %d sent activation(s) failed; their lifts are not sent", len(confirmed))
        if blocked:
            try:
                self._pause(blocked)
            except Exception:
                log.exception("pausing %d blocked schedule(s) failed", len(blocked))
        return ok

    async def _send_one(self, item: _Send) -> Delivery:
        if item.due.push is not None:
            try:
                target: Target | None = Target.parse(item.due.push.target)
            except ValueError:
                return Delivery.FAILED
        else:
            target = push_target(item.schedule)  # type: ignore[arg-type]
        if target is None:
            return Delivery.BLOCKED  # no private chat known for this user: pause and tell them
        async with self._sem:
            return await self._router.send(target, item.reply)

    def _claim(self, now: datetime, group: list[Due]) -> list[_Send]:
        """Read, check and record one group with one `update_schedules` call (one write per shard);
        returns what to send. Synchronous, so nothing else (a button, another check) can claim the same
        occurrence in between; whatever did so earlier is seen in the row."""
        updates: dict[Member, Schedule] = {}
        sends: list[_Send] = []
        for item in group:
            if item.kind == PUSH:
                self._claim_push(item, now, sends)
                continue
            schedule = self._store.get_schedule(*item.member)
            if schedule is None:
                continue
            claim = self._claim_lift if item.kind == LIFT else self._claim_activation
            claim(schedule, item, now, updates, sends)
        if not updates:
            return [item for item in sends if item.schedule is None]
        try:
            self._store.update_schedules(list(updates.values()))
        except Exception:
            # Nothing was written, so nothing is sent. The lifts come back from their rows and the
            # activations still within grace are caught up at the next start.
            log.exception("recording %d reminder(s) failed; not sending them", len(updates))
            return [item for item in sends if item.schedule is None]  # pushes are claimed on their own
        # A one-off whose lift is claimed (or dropped as too late) is over: its row goes with the same
        # flush as the claim, so nothing of it can be sent again.
        self._retire([s for s in updates.values() if s.done])
        return sends

    def _claim_push(self, item: Due, now: datetime, sends: list[_Send]) -> None:
        """Claim one push: off the pending rows (a recurring kind moves to its next occurrence) and,
        unless it is later than its kind allows or there is nothing worth saying, to be sent."""
        push = item.push
        composer = self._push_composer
        if push is None or composer is None:
            return
        if not self._reaches(push.account, push.target):
            self._pushes.claim(push)  # dropped, recurring or not: nobody of the account reads there
            return
        reply: Reply | None = None
        late = now - push.due_at
        if late < composer.lateness(push.kind):
            try:
                reply = composer.compose(push, now)
            except Exception:
                log.exception("composing the %s push for %s failed", push.kind, push.account)
        else:
            log.info("%s push for %s dropped: %.0f s late", push.kind, push.account, late.total_seconds())
        try:
            following = composer.following(push, now, reply is not None)
        except Exception:
            log.exception("the next %s push for %s could not be worked out", push.kind, push.account)
            following = None
        if not self._pushes.claim(push, following):
            return  # cancelled or replaced since it was indexed (the new one has its own entry)
        if following is not None:
            self._index_push(following)
        if reply is not None:
            sends.append(_Send(None, reply, item, now))

    def _confirm(self, sent: list[_Send]) -> None:
        """Activations the platform accepted: now (and only now) their lifts become pending. A crash
        before this leaves the activation in doubt and its lift unsent, never a lift without it."""
        updates: list[Schedule] = []
        for item in sent:
            occurrence = item.due.occurrence
            schedule = self._store.get_schedule(item.schedule.account, item.schedule.id)
            if (
                schedule is None
                or schedule.paused
                or schedule.last_activation != occurrence
                or schedule.last_lift >= occurrence  # the button came first
            ):
                continue
            # The gap runs from when the activation went out (a big fan-out can take a while).
            due = max(item.base, self._clock()) + timedelta(minutes=_clamp_gap(schedule.gap))
            updates.append(replace(schedule, pending_lift_at=to_iso(due), pending_occurrence=occurrence))
        if updates:
            self._store.update_schedules(updates)
            for s in updates:
                self._put_lift(
                    (s.account, s.id), from_iso(s.pending_lift_at).timestamp(), s.pending_occurrence
                )
            self._arm()  # (re-arms only if one of them is now the earliest)

    def _claim_lift(
        self,
        schedule: Schedule,
        due: Due,
        now: datetime,
        updates: dict[Member, Schedule],
        sends: list[_Send],
    ) -> None:
        """The lift of ``occurrence`` if still owed and within grace; otherwise just clear the pending
        lift (too late, paused, or already sent by the button)."""
        occurrence = due.occurrence
        if schedule.pending_occurrence != occurrence:
            return  # the button or an edit got there first
        member = (schedule.account, schedule.id)
        cleared = replace(schedule, pending_lift_at="", pending_occurrence="")
        late = (now - due.at).total_seconds()
        if schedule.last_lift >= occurrence or schedule.paused or late > self._grace.total_seconds():
            if late > self._grace.total_seconds():
                log.info("lift for %s %s dropped: %.0f s late", schedule.uid, occurrence, late)
            updates[member] = replace(cleared, last_lift=occurrence) if schedule.once else cleared
            return
        updated = replace(cleared, last_lift=occurrence, target=private_target_key(schedule))
        try:
            reply = self._composer.lift(updated, occurrence)
        except Exception:
            log.exception("composing the lift for %s failed", schedule.uid)
            updates[member] = cleared
            return
        updates[member] = updated
        if reply is not None:
            sends.append(_Send(updated, reply, due, now))

    def _claim_activation(
        self,
        schedule: Schedule,
        due: Due,
        now: datetime,
        updates: dict[Member, Schedule],
        sends: list[_Send],
    ) -> None:
        occurrence = due.occurrence
        if schedule.paused or schedule.last_activation >= occurrence:
            return
        if not self._reaches(schedule.account, schedule.target):
            return  # (its lift is never owed then either)
        if _slot_key(schedule) != due.slot or date.fromisoformat(occurrence).weekday() not in schedule.days:
            return  # edited since it was indexed
        if schedule.once and occurrence != schedule.once:
            return  # a one-off fires on its date only
        created = from_iso(schedule.created_at)
        if created is not None and due.at < created <= now:
            return  # created after this occurrence's time: its first occurrence is the next one
        # No pending lift yet: it is recorded once the platform accepted the activation (`_confirm`).
        updated = replace(
            schedule,
            last_activation=occurrence,
            last_activation_at=to_iso(due.at),
            pending_lift_at="",
            pending_occurrence="",
            target=private_target_key(schedule),
        )
        try:
            reply = self._composer.activation(updated, occurrence)
        except Exception:
            log.exception("composing the activation for %s failed", schedule.uid)
            return
        member = (schedule.account, schedule.id)
        self._pending.pop(member, None)
        if reply is None:
            # Nothing owed for this occurrence, no lift either: recorded as sent (a one-off is over).
            updates[member] = replace(updated, last_lift=occurrence)
            return
        updates[member] = updated
        sends.append(_Send(updated, reply, due, max(due.at, now)))

    def _reaches(self, account: str, target: str) -> bool:
        """A push goes only to a chat on a platform where the account has an identity. Since /unlink
        takes its chats' schedules and pushes along this always holds; rows an /unlink of an older
        release left behind (the shared account's, aimed at the chat that left) are not sent."""
        if self._store.reaches(account, Target.unchecked(target).platform):
            return True
        log.warning("a push of %s to a chat of a platform it has left is not sent", account)
        return False

    def _retire(self, schedules: list[Schedule]) -> None:
        """Remove one-offs that are over from storage and the index (durable with the next flush; a
        crash before it leaves a row that `start` removes)."""
        for schedule in schedules:
            try:
                self._store.remove_schedule(schedule.account, schedule.id)
            except Exception:
                log.exception("a finished one-off %s stays until the next start", schedule.uid)
                continue
            self._unindex(schedule)
        if schedules:
            self._arm()

    def _pause(self, members: Iterable[Member]) -> None:
        paused: list[Schedule] = []
        for account, sid in members:
            schedule = self._store.get_schedule(account, sid)
            if schedule is None or schedule.paused:
                continue
            paused.append(replace(schedule, paused=BLOCKED, pending_lift_at="", pending_occurrence=""))
            self._pending.pop((account, sid), None)
            self._blocked.add(account)
            self._told.discard(account)
        if paused:
            self._store.update_schedules(paused)
            log.info("paused %d schedule(s): the user blocked the bot", len(paused))
            self._arm()


def _is_occurrence(text: str) -> bool:
    if len(text) != 10:
        return False
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True

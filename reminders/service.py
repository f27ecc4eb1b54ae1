"""Reminders: an activation message at the schedule's local time, the lift ``gap`` minutes later.

The truth is in storage; everything here is a cache rebuilt by `ReminderService.start`:

- **Slots, not a job per schedule.** Schedules are grouped by (timezone, local time). Each slot has one
  APScheduler cron job (hour/minute in that zone, ``day_of_week`` = the union of its members' days,
  written as names because APScheduler counts Monday as 0). When it fires it fans out to the members
  whose days include the occurrence's local weekday. The index is slot → {(account, id): days mask};
  no schedule rows are kept in memory: they are read from the store when they are due, so edits made
  elsewhere are always seen.
- **Lifts** are driven from the persisted ``pending_lift_at``/``pending_occurrence``: an in-memory heap
  of due times and one APScheduler date job armed at the earliest, re-armed whenever the head changes.
- **Claimed per message, just before it is sent.** An occurrence is the local date of the activation.
  A message is *claimed* by writing it into its row (an activation: ``last_activation``; a lift:
  ``last_lift``, clearing the pending lift) and making that durable (`Store.flush`) immediately before
  the send of that message. Claims are grouped only as far as this rule allows: a group is at most
  `GROUP` messages of distinct accounts from at most `CHUNK_SHARDS` storage shards (one file write each),
  written and flushed together, and *every* message of the group is sent (answered) before its lane
  claims anything else. ``2 * concurrency // GROUP`` lanes (8) run at once, each over whole shard
  chunks, so an account's messages are always in one lane, one group after another (and an account
  being sent by another delivery run waits, `_take_group`). A group's outcomes (the pending lifts of
  its activations) become durable with the lane's next flush, so the next group leaves its accounts
  out. Hence after a crash at most two groups per lane are in doubt (one claimed and maybe sent, the one
  before it sent but its outcome lost; ≤ 128 messages), at most one message per account, and a claimed
  message is never sent again (at most once; the adapters retry only where a duplicate is impossible).
- **A lift only after its activation.** The pending lift (``pending_lift_at``/``pending_occurrence``)
  is written only once the platform accepted the activation (`_confirm`), ``gap`` minutes from then.
  An activation in doubt therefore has no lift (the user can still press "Activation done"), and an
  activation never claimed is caught up at the next start within grace, its lift ``gap`` later: the
  pair always goes out in order and no lift is sent for an activation that was never attempted.
- **Personal.** Pushes go to the user's private chat (`push_target`): a Telegram schedule stored with a
  group as target is sent to the user's own chat and stored so; a Discord server-channel target is
  delivered to the user's DMs only (the adapter has no channel fallback). If that chat cannot be
  reached the schedule is paused (below).
- **Grace.** A slot occurrence is delivered only while ``now - instant <= grace``, a lift only while
  ``now - due <= grace``; older ones are skipped (a skipped activation has no lift). At start-up
  `run_due` catches up whatever is still within grace.
- **Delivery** goes through `Router.send` with at most ``concurrency`` sends in flight for the whole
  service, so the adapters' rate limiters pace a big slot and no send blocks the loop; the loop gets
  control back between any two groups' writes. `Delivery.BLOCKED` pauses that schedule
  (``paused="blocked"``, persisted); `unreachable` tells the user once (from a group) and
  `resume_paused` resumes it when they write privately again. `Delivery.FAILED` is logged (one line
  per delivery run) and not retried.

Clock: what is due is decided on the injected ``clock`` by one check, `check` (= `run_due` at the
clock's now); APScheduler only wakes it (its cron jobs run on wall time and merely say which slots to
look at; the lift job's run date is translated from clock time to wall time, so a virtual clock never
makes it spin). Tests advance the clock and await `check`; nothing sleeps.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from core.context import utc_now
from core.messages import Reply, Target
from core.router import Delivery, Router
from reminders.occurrences import cron_days, days_mask, from_iso, latest, next_after, parse_hhmm, to_iso, zone
from storage.layout import shard_of
from storage.models import Schedule

if TYPE_CHECKING:
    from storage.store import Store

log = logging.getLogger(__name__)

BLOCKED = "blocked"  # Schedule.paused reason set when the platform says the user blocked us
LIFT_JOB = "reminders:lifts"
SLOT_JOB_PREFIX = "reminders:slot "
MIN_GAP, MAX_GAP = 1, 120
GROUP = 8  # messages claimed with one durable write, then all sent before the lane claims again
CHUNK_SHARDS = 4  # a lane's chunk spans at most this many storage shards (one file write each)
START_ROWS_PER_YIELD = 5_000  # start-up gives the loop back this often (≈ 40 ms of indexing) ...
START_JOBS_PER_YIELD = 256  # ... and this often while adding jobs (≈ 40 ms)

SlotKey = tuple[str, int]  # (IANA timezone, minute of the local day)
Member = tuple[str, int]  # (account, schedule id)


class ReminderComposer(Protocol):
    def activation(self, schedule: Schedule, occurrence: str) -> Reply: ...  # includes the button

    def lift(self, schedule: Schedule, occurrence: str) -> Reply: ...


@dataclass(slots=True)
class _Slot:
    tz: tzinfo
    minute: int
    members: dict[Member, int] = field(default_factory=dict)  # → days mask
    day_counts: list[int] = field(default_factory=lambda: [0] * 7)
    job_mask: int = 0  # the day_of_week its job was scheduled with; 0 = no job

    def mask(self) -> int:
        return sum(1 << d for d, n in enumerate(self.day_counts) if n)


@dataclass(slots=True, frozen=True)
class _Occurrence:
    """One occurrence of a slot being delivered."""

    key: SlotKey
    day: date
    at: datetime  # its UTC instant
    base: datetime  # when its lifts' gap starts: max(at, now)

    @property
    def name(self) -> str:
        return self.day.isoformat()


@dataclass(slots=True)
class _Send:
    schedule: Schedule
    reply: Reply
    occ: _Occurrence | None = None  # set for an activation: its lift is recorded once it was sent


@dataclass(slots=True, frozen=True)
class _Item:
    """One message owed: a pending lift (due, occurrence) or an activation occurrence."""

    member: Member
    lift: tuple[float, str] | None = None
    occ: _Occurrence | None = None


def _take_group(items: list[_Item], busy: set[str]) -> tuple[list[_Item], list[_Item]]:
    """The next claim group from ``items`` (in order): at most `GROUP` messages, no account twice and
    none of the accounts in ``busy`` (being sent by another delivery run), so a crash leaves at most one
    message per account in doubt, and a schedule's lift goes out before its next activation is claimed.
    Returns (group, the rest)."""
    group: list[_Item] = []
    rest: list[_Item] = []
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
    platform, _, chat = schedule.target.partition(":")
    if platform != "telegram" or not chat.startswith("-"):
        return schedule.target
    user = schedule.mention
    if not user and schedule.account.startswith("telegram:"):
        user = schedule.account.partition(":")[2]
    return f"telegram:{user}" if user.isdigit() else schedule.target


def _job_id(key: SlotKey) -> str:
    return f"{SLOT_JOB_PREFIX}{key[0]} {key[1] // 60:02d}:{key[1] % 60:02d}"


def _clamp_gap(gap: int) -> int:
    try:
        return max(MIN_GAP, min(MAX_GAP, int(gap)))
    except (TypeError, ValueError):
        return 10


def _slot_key(schedule: Schedule) -> SlotKey | None:
    try:
        zone(schedule.timezone)
        return (schedule.timezone, parse_hhmm(schedule.time))
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
    ) -> None:
        self._store = store
        self._composer = composer
        self._router = router
        self._clock = clock
        self._grace = grace
        self._scheduler = scheduler if scheduler is not None else AsyncIOScheduler(timezone=UTC)
        self._sem = asyncio.Semaphore(concurrency)
        # Groups claimed at once: twice what the sends in flight can hold, so one lane's durable write
        # overlaps the others' sends (measured: bench.telegram_bench c2 reaches its 200/s only so).
        self._lanes = max(1, 2 * concurrency // GROUP)
        self._slots: dict[SlotKey, _Slot] = {}
        # Pending lifts: the valid entry per schedule; the heap may hold stale ones (lazy deletion).
        self._pending: dict[Member, tuple[float, str]] = {}
        self._heap: list[tuple[float, str, int, str]] = []
        self._armed_at: float | None = None  # clock timestamp the lift job is armed for
        self._blocked: set[str] = set()  # accounts with a schedule paused as blocked
        self._told: set[str] = set()  # ... who were told so since (this run)
        self._sending: set[str] = set()  # accounts with a claimed group being sent (any delivery run)
        self._released = asyncio.Event()  # set (and replaced) whenever such a group is done
        self._tasks: set[asyncio.Task[int]] = set()
        self._due_slots: set[SlotKey] = set()
        self._lifts_due = False
        self._flushing: asyncio.Task[int] | None = None
        self._started = False

    # ------------------------------------------------------------------ life cycle

    async def start(self) -> None:
        """Index every stored schedule, add one job per slot, start the scheduler, then deliver what was
        missed while the bot was down and is still within grace (activations and pending lifts).

        Call it once the adapters are registered on the router: the catch-up sends right away."""
        if self._started:
            return
        self._slots.clear()  # the store is the truth: whatever add() saw before start is in it
        self._pending.clear()
        self._heap.clear()
        self._blocked.clear()
        for n, schedule in enumerate(self._store.all_schedules(), 1):
            self._index(schedule)
            if n % START_ROWS_PER_YIELD == 0:
                await asyncio.sleep(0)
        # Add the jobs to a paused scheduler in batches, yielding in between, then let it run.
        resume = not self._scheduler.running
        if resume:
            self._scheduler.start(paused=True)
        self._started = True
        for n, key in enumerate(list(self._slots), 1):
            self._sync_job(key)
            if n % START_JOBS_PER_YIELD == 0:
                await asyncio.sleep(0)
        if resume:
            self._scheduler.resume()
        await self.run_due(self._clock())

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
        """Index a stored schedule (after ``store.add_schedule``, or after an edit) and make sure its
        slot has a job. Re-adding a known schedule moves it to its current slot."""
        old = self._unindex(schedule)
        key = self._index(schedule)
        if old is not None and old != key:
            self._sync_job(old)
        if key is not None:
            self._sync_job(key)
        self._arm_lifts()

    def remove(self, schedule: Schedule) -> None:
        """Forget a schedule (after ``store.remove_schedule``): its slot membership, its slot's job if the
        slot is now empty, and its pending lift."""
        key = self._unindex(schedule)
        if key is not None:
            self._sync_job(key)
        self._arm_lifts()

    def remove_account(self, account: str) -> None:
        """Forget every schedule and pending lift of ``account`` (/deleteme). Scans the index: rare."""
        for key, slot in list(self._slots.items()):
            doomed = [m for m in slot.members if m[0] == account]
            for member in doomed:
                self._drop_member(slot, member)
            if doomed:
                self._sync_job(key)
        for member in [m for m in self._pending if m[0] == account]:
            del self._pending[member]
        self._blocked.discard(account)
        self._arm_lifts()

    def _index(self, schedule: Schedule) -> SlotKey | None:
        key = _slot_key(schedule)
        if key is None:
            log.warning(
                "schedule %s not scheduled: bad time %r or timezone %r",
                schedule.uid,
                schedule.time,
                schedule.timezone,
            )
            return None
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = _Slot(zone(key[0]), key[1])
        member = (schedule.account, schedule.id)
        if member in slot.members:
            self._drop_member(slot, member)
        mask = days_mask(schedule.days)
        slot.members[member] = mask
        for d in range(7):
            if mask >> d & 1:
                slot.day_counts[d] += 1
        if schedule.paused == BLOCKED:
            self._blocked.add(schedule.account)
        if schedule.pending_occurrence and schedule.pending_lift_at:
            due = from_iso(schedule.pending_lift_at)
            if due is not None:
                self._push_pending(
                    schedule.account, schedule.id, due.timestamp(), schedule.pending_occurrence
                )
        return key

    def _unindex(self, schedule: Schedule) -> SlotKey | None:
        """Take the schedule out of whatever slot it is in (looked up where it should be first, then
        everywhere, since an edited row may name another slot than the indexed one)."""
        member = (schedule.account, schedule.id)
        self._pending.pop(member, None)
        hint = _slot_key(schedule)
        slot = self._slots.get(hint) if hint is not None else None
        if slot is not None and member in slot.members:
            self._drop_member(slot, member)
            return hint
        for key, slot in self._slots.items():
            if member in slot.members:
                self._drop_member(slot, member)
                return key
        return None

    @staticmethod
    def _drop_member(slot: _Slot, member: Member) -> None:
        mask = slot.members.pop(member, 0)
        for d in range(7):
            if mask >> d & 1:
                slot.day_counts[d] -= 1

    def _sync_job(self, key: SlotKey) -> None:
        """Make the slot's cron job match its members: none when empty, day_of_week = union of days."""
        slot = self._slots.get(key)
        if slot is None:
            return
        mask = slot.mask()
        if not slot.members:
            del self._slots[key]
        if not self._started or mask == slot.job_mask:
            return  # (before start, start() adds every job once the index is complete)
        if not mask:
            self._remove_job(_job_id(key))
            slot.job_mask = 0
            return
        trigger = CronTrigger(
            day_of_week=cron_days(mask), hour=slot.minute // 60, minute=slot.minute % 60, timezone=slot.tz
        )
        self._scheduler.add_job(
            self._slot_job,
            trigger,
            args=(key,),
            id=_job_id(key),
            name=_job_id(key),
            replace_existing=True,
            # The same window as our own grace check: a run later than this would deliver nothing.
            misfire_grace_time=max(1, int(self._grace.total_seconds())),
            # Several missed runs (say the loop was blocked) collapse into one; occurrence keys do the rest.
            coalesce=True,
            max_instances=1,  # the job only queues its slot and returns, so runs never overlap
        )
        slot.job_mask = mask

    def _remove_job(self, job_id: str) -> None:
        with contextlib.suppress(JobLookupError):
            self._scheduler.remove_job(job_id)

    def job_count(self) -> int:
        """Jobs this service has in the scheduler: one per non-empty slot, plus the lift job if armed."""
        return sum(
            1
            for job in self._scheduler.get_jobs()
            if job.id == LIFT_JOB or job.id.startswith(SLOT_JOB_PREFIX)
        )

    # ------------------------------------------------------------------ queries

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
        return next_after(after, key[1], zone(key[0]), days_mask(schedule.days))

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
            self._arm_lifts()
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

    # ------------------------------------------------------------------ delivery

    async def check(self) -> int:
        """Deliver whatever is due at the clock's now (see `run_due`)."""
        return await self.run_due(self._clock())

    async def run_due(self, now: datetime) -> int:
        """Deliver every activation occurrence whose instant is within grace before ``now`` and every
        pending lift due by ``now`` (within grace) that was not delivered yet. Returns the number of
        messages the router accepted (`Delivery.OK`)."""
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        return await self._deliver(now, list(self._slots), lifts=True)

    # The jobs only note what is due and return, so a job never overlaps itself however slow the sends
    # are, and every slot due in one scheduler tick (say all the 18:00 slots of zones at one offset) is
    # claimed together with the lifts due then: one store write per shard, not one per shard per slot.

    async def _slot_job(self, key: SlotKey) -> None:
        self._due_slots.add(key)
        self._request_flush()

    async def _lift_job(self) -> None:
        self._armed_at = None  # a date job is gone once it fired
        self._lifts_due = True
        self._request_flush()

    def _request_flush(self) -> None:
        if self._flushing is None:
            self._flushing = self._track(self._flush())

    async def _flush(self) -> int:
        # Runs after the job tasks created in the same scheduler pass (tasks start in FIFO order).
        keys, self._due_slots = self._due_slots, set()
        lifts, self._lifts_due = self._lifts_due, False
        self._flushing = None  # jobs firing from now on start a new flush
        return await self._deliver(self._clock(), keys, lifts=lifts)

    def _track(self, coro) -> asyncio.Task[int]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _deliver(self, now: datetime, keys: Iterable[SlotKey], *, lifts: bool) -> int:
        """Claim and send what is due at ``now``: the lifts (if ``lifts``) and the latest occurrence of
        each slot in ``keys`` that is still within grace. Returns how many sends the router accepted."""
        lift_work: dict[Member, tuple[float, str]] = {}
        if lifts:
            ts = now.timestamp()
            while self._heap and self._heap[0][0] <= ts:
                due, account, sid, occurrence = heapq.heappop(self._heap)
                member = (account, sid)
                if self._pending.get(member) == (due, occurrence):
                    del self._pending[member]
                    lift_work[member] = (due, occurrence)
        activation_work: dict[Member, _Occurrence] = {}
        for key in keys:
            slot = self._slots.get(key)
            if slot is None or not slot.members:
                continue
            day, at = latest(now, slot.minute, slot.tz)
            bit = 1 << day.weekday()
            if now - at > self._grace or not slot.mask() & bit:
                continue
            occ = _Occurrence(key, day, at, max(at, now))
            for member, mask in slot.members.items():
                if mask & bit:
                    activation_work[member] = occ
        if not lift_work and not activation_work:
            self._arm_lifts()
            return 0

        # One item per message; a schedule owing both sends its lift first (an older occurrence).
        items: list[_Item] = [_Item(m, lift=lw) for m, lw in lift_work.items()]
        items += [_Item(m, occ=occ) for m, occ in activation_work.items()]
        items.sort(key=lambda it: (shard_of(it.member[0]), it.member, it.occ is not None))
        chunks: list[list[_Item]] = [[]]
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
                    await asyncio.sleep(0)  # let conversation run between two groups' writes
                    released = self._released
                    group, rest = _take_group(rest, self._sending | previous)
                    if not group and previous:
                        await self._flush_quietly()  # only those accounts are left: settle them first
                        previous = set()
                        continue
                    if not group:  # all of them are being sent by another run: wait for one to end
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
            self._arm_lifts()
            if failed:
                log.warning(
                    "%d reminder(s) could not be delivered (not retried), e.g. %s", len(failed), failed[:5]
                )

    async def _claim_and_send(self, now: datetime, group: list[_Item], failed: list[str]) -> int:
        """Claim one group (durably), send every message of it, then record the outcomes.

        The claim is written and flushed immediately before the sends of exactly these messages, and
        the lane claims nothing more until all of them are answered: a crash leaves at most this
        group in doubt, at most one message per account (see `_take_group`), and none is ever re-sent."""
        sends = self._claim(now, group)
        if not sends:
            return 0
        accounts = {item.schedule.account for item in sends}
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
        except Exception:
            log.exception("recording %d reminder(s) failed; not sending them", len(sends))
            failed.extend(item.schedule.uid for item in sends)
            return 0
        results = await asyncio.gather(*(self._send_one(item) for item in sends))
        ok = 0
        confirmed: list[_Send] = []
        blocked: list[Member] = []
        for item, result in zip(sends, results, strict=True):
            if result == Delivery.OK:
                ok += 1
                if item.occ is not None:
                    confirmed.append(item)
            elif result == Delivery.BLOCKED:
                blocked.append((item.schedule.account, item.schedule.id))
            else:
                failed.append(item.schedule.uid)
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
        target = push_target(item.schedule)
        if target is None:
            return Delivery.BLOCKED  # no private chat known for this user: pause and tell them
        async with self._sem:
            return await self._router.send(target, item.reply)

    def _claim(self, now: datetime, group: list[_Item]) -> list[_Send]:
        """Read, check and record one group with one `update_schedules` call (one write per shard);
        returns what to send. Synchronous, so nothing else (another job, a button, a second run_due) can
        claim the same occurrence in between; whatever did so earlier is seen in the row."""
        updates: dict[Member, Schedule] = {}
        sends: list[_Send] = []
        for item in group:
            schedule = self._store.get_schedule(*item.member)
            if schedule is None:
                continue
            if item.lift is not None:
                self._claim_lift(schedule, *item.lift, now, updates, sends)
            elif item.occ is not None:
                self._claim_activation(schedule, item.occ, now, updates, sends)
        if not updates:
            return []
        try:
            self._store.update_schedules(list(updates.values()))
        except Exception:
            # Nothing was written, so nothing is sent. The lifts come back from their rows at the next
            # start; the activations are retried by a later run_due while still within grace.
            log.exception("recording %d reminder(s) failed; not sending them", len(updates))
            return []
        return sends

    def _confirm(self, sent: list[_Send]) -> None:
        """Activations the platform accepted: now (and only now) their lifts become pending. A crash
        before this leaves the activation in doubt and its lift unsent, never a lift without it."""
        updates: list[Schedule] = []
        for item in sent:
            occ = item.occ
            assert occ is not None
            schedule = self._store.get_schedule(item.schedule.account, item.schedule.id)
            if (
                schedule is None
                or schedule.paused
                or schedule.last_activation != occ.name
                or schedule.last_lift >= occ.name  # the button came first
            ):
                continue
            # The gap runs from when the activation went out (a big fan-out can take a while).
            due = max(occ.base, self._clock()) + timedelta(minutes=_clamp_gap(schedule.gap))
            updates.append(replace(schedule, pending_lift_at=to_iso(due), pending_occurrence=occ.name))
        if updates:
            self._store.update_schedules(updates)
            for s in updates:
                self._push_pending(
                    s.account, s.id, from_iso(s.pending_lift_at).timestamp(), s.pending_occurrence
                )

    def _claim_lift(
        self,
        schedule: Schedule,
        due: float,
        occurrence: str,
        now: datetime,
        updates: dict[Member, Schedule],
        sends: list[_Send],
    ) -> None:
        """The lift of ``occurrence`` if still owed and within grace; otherwise just clear the pending
        lift (too late, paused, or already sent by the button)."""
        if schedule.pending_occurrence != occurrence:
            return  # the button or an edit got there first
        member = (schedule.account, schedule.id)
        cleared = replace(schedule, pending_lift_at="", pending_occurrence="")
        late = now.timestamp() - due
        if schedule.last_lift >= occurrence or schedule.paused or late > self._grace.total_seconds():
            if late > self._grace.total_seconds():
                log.info("lift for %s %s dropped: %.0f s late", schedule.uid, occurrence, late)
            updates[member] = cleared
            return
        updated = replace(cleared, last_lift=occurrence, target=private_target_key(schedule))
        try:
            reply = self._composer.lift(updated, occurrence)
        except Exception:
            log.exception("composing the lift for %s failed", schedule.uid)
            updates[member] = cleared
            return
        updates[member] = updated
        sends.append(_Send(updated, reply))

    def _claim_activation(
        self,
        schedule: Schedule,
        occ: _Occurrence,
        now: datetime,
        updates: dict[Member, Schedule],
        sends: list[_Send],
    ) -> None:
        occurrence = occ.name
        if schedule.paused or schedule.last_activation >= occurrence:
            return
        if _slot_key(schedule) != occ.key or occ.day.weekday() not in schedule.days:
            return  # edited since it was indexed
        created = from_iso(schedule.created_at)
        if created is not None and occ.at < created <= now:
            return  # created after this occurrence's time: its first occurrence is the next one
        # No pending lift yet: it is recorded once the platform accepted the activation (`_confirm`).
        updated = replace(
            schedule,
            last_activation=occurrence,
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
        updates[member] = updated
        sends.append(_Send(updated, reply, occ))

    def _push_pending(self, account: str, sid: int, due: float, occurrence: str) -> None:
        self._pending[(account, sid)] = (due, occurrence)
        heapq.heappush(self._heap, (due, account, sid, occurrence))

    def _arm_lifts(self) -> None:
        """Point the single lift date job at the earliest pending lift (or remove it)."""
        heap = self._heap
        while heap and self._pending.get((heap[0][1], heap[0][2])) != (heap[0][0], heap[0][3]):
            heapq.heappop(heap)
        if not self._started:
            return
        if not heap:
            if self._armed_at is not None:
                self._remove_job(LIFT_JOB)
                self._armed_at = None
            return
        due = heap[0][0]
        if due == self._armed_at:
            return
        # Due times are on self._clock; the scheduler runs on wall time.
        wall = datetime.fromtimestamp(due, UTC) + (utc_now() - self._clock())
        self._scheduler.add_job(
            self._lift_job,
            "date",
            run_date=wall,
            id=LIFT_JOB,
            name=LIFT_JOB,
            replace_existing=True,
            # Never let APScheduler drop it as misfired: a lost date job would strand every later lift.
            # _claim_lift applies the grace window itself.
            misfire_grace_time=None,
            coalesce=True,
        )
        self._armed_at = due

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
            self._arm_lifts()


def _is_occurrence(text: str) -> bool:
    if len(text) != 10:
        return False
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True

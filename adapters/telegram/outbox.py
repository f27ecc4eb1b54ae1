"""Pacing of outgoing Bot API calls: interactive first, within Telegram's flood limits.

Every call the adapter makes (replies, reminders, callback answers) first takes a slot from one
`Pacer` and gives it back (`release`) when the HTTP call has finished. Slots are granted

* at ``rate`` per second overall (a token bucket with a burst of ``rate × burst_seconds``, at least 1);
* with at most ``max_in_flight`` calls in flight, of which pushes may take all but
  ``reserved_for_interactive``, so an answer never waits for a free slot behind a fan-out. More in
  flight is pointless within Telegram's limits, and httpx's connection pool gets markedly slower per
  request as it grows (measured here: ~1 ms of CPU per request with 4 connections, ~3 ms with 32);
* interactive calls (answers to what a user just did) before any push, so a user's reply is never
  queued behind a reminder fan-out;
* pushes (reminders, other unsolicited messages) in arrival order, but at most one per
  ``per_chat_interval`` seconds to the same chat (Telegram: about one message per second per chat); a
  push for a chat that is cooling down does not hold up pushes for other chats.

The pacer holds only futures; the calls themselves run in their callers' tasks.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import time
from collections import deque
from collections.abc import Callable
from enum import IntEnum

INF = float("inf")


class Priority(IntEnum):
    INTERACTIVE = 0
    PUSH = 1


class PacerClosed(Exception):
    """The pacer was closed while waiting for a slot: the call was not made."""


class Pacer:
    def __init__(
        self,
        rate: float,
        per_chat_interval: float = 1.0,
        *,
        max_in_flight: int = 8,
        reserved_for_interactive: int = 2,
        burst_seconds: float = 0.05,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = float(rate) if rate and rate > 0 else INF
        self.per_chat_interval = max(0.0, per_chat_interval)
        self.max_in_flight = max(1, max_in_flight)
        self.max_push_in_flight = max(1, self.max_in_flight - max(0, reserved_for_interactive))
        self.capacity = 1.0 if self.rate == INF else max(1.0, self.rate * burst_seconds)
        self._clock = clock
        self._tokens = self.capacity
        self._stamp = clock()
        self._interactive: deque[asyncio.Future[None]] = deque()
        self._pushes: list[tuple[float, int, str, asyncio.Future[None]]] = []
        self._seq = itertools.count()
        self._last: dict[str, float] = {}  # chat → when its last push slot was granted
        self._last_pruned = clock()
        self._wake: asyncio.Future[None] | None = None
        self._task: asyncio.Task[None] | None = None
        self._closed = False
        self.in_flight = 0
        self.granted = 0

    # -- public -------------------------------------------------------------------------------------
    def start(self) -> None:
        if self._task is None:
            self._closed = False
            self._task = asyncio.get_running_loop().create_task(self._run(), name="telegram-pacer")

    @property
    def waiting(self) -> int:
        return len(self._interactive) + len(self._pushes)

    async def acquire(self, priority: Priority, chat: str = "") -> None:
        """Wait for a send slot; `release` it when the call is done. Raises `PacerClosed` if the pacer
        closes first (then there is nothing to release)."""
        if self._closed:
            raise PacerClosed()
        if self._task is None:
            self.start()
        if not self._interactive and not self._pushes and self._free(priority, chat, self._clock()):
            self._take(chat if priority is Priority.PUSH else "", self._clock())  # nobody queued: go
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if priority is Priority.INTERACTIVE:
            self._interactive.append(fut)
        else:
            heapq.heappush(self._pushes, (self._clock(), next(self._seq), chat, fut))
        self._poke()
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                self.release()  # granted just as we were cancelled: give the slot back
            raise

    def release(self) -> None:
        """A call made with a slot has finished (whatever its outcome)."""
        self.in_flight = max(0, self.in_flight - 1)
        if self.waiting:
            self._poke()

    async def close(self) -> None:
        """Stop granting; everyone still waiting gets `PacerClosed` (nothing was sent for them)."""
        self._closed = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for fut in list(self._interactive) + [p[3] for p in self._pushes]:
            if not fut.done():
                fut.set_exception(PacerClosed())
        self._interactive.clear()
        self._pushes.clear()

    # -- the grant loop -------------------------------------------------------------------------------
    def _free(self, priority: Priority, chat: str, now: float) -> bool:
        self._refill(now)
        if self._tokens < 1.0 or self.in_flight >= self.max_in_flight:
            return False
        if priority is Priority.INTERACTIVE:
            return True
        return (
            self.in_flight < self.max_push_in_flight
            and self._last.get(chat, -INF) + self.per_chat_interval <= now
        )

    def _take(self, chat: str, now: float) -> None:
        if self.rate != INF:
            self._tokens -= 1.0
        if chat:
            self._last[chat] = now
        self.in_flight += 1
        self.granted += 1

    def _poke(self) -> None:
        if self._wake is not None and not self._wake.done():
            self._wake.set_result(None)

    async def _sleep(self, delay: float | None) -> None:
        """Sleep until ``delay`` passes (None: until poked), or a waiter arrives or a slot is released."""
        loop = asyncio.get_running_loop()
        self._wake = loop.create_future()
        handle = loop.call_later(max(delay, 0.0), self._poke) if delay is not None else None
        try:
            await self._wake
        finally:
            if handle is not None:
                handle.cancel()
            self._wake = None

    def _refill(self, now: float) -> None:
        if self.rate == INF:
            self._tokens = self.capacity
        else:
            self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def _prune(self, now: float) -> None:
        if now - self._last_pruned < max(self.per_chat_interval, 1.0):
            return
        self._last_pruned = now
        horizon = now - self.per_chat_interval
        self._last = {c: t for c, t in self._last.items() if t > horizon}

    async def _run(self) -> None:
        while True:
            now = self._clock()
            self._refill(now)
            self._prune(now)
            while self._interactive and self._interactive[0].done():  # cancelled waiters
                self._interactive.popleft()
            while self._pushes and self._pushes[0][3].done():
                heapq.heappop(self._pushes)
            if (not self._interactive and not self._pushes) or self.in_flight >= self.max_in_flight:
                await self._sleep(None)  # until a waiter arrives or a call finishes
                continue
            if self._tokens < 1.0:
                # Sleep at least 2 ms: the burst capacity covers the slots that accrue meanwhile.
                await self._sleep(max((1.0 - self._tokens) / self.rate, 0.002))
                continue
            if self._interactive:
                self._take("", now)
                self._interactive.popleft().set_result(None)
                continue
            if self.in_flight >= self.max_push_in_flight:
                await self._sleep(None)  # the rest is kept for answers
                continue
            ready_at, seq, chat, fut = self._pushes[0]
            due = max(ready_at, self._last.get(chat, -INF) + self.per_chat_interval)
            if due <= now:
                heapq.heappop(self._pushes)
                self._take(chat, now)
                fut.set_result(None)
            elif due > ready_at:
                heapq.heapreplace(self._pushes, (due, seq, chat, fut))  # cooling chat: requeue
            else:
                await self._sleep(due - now)

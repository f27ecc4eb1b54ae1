"""Every Bot API call the coach makes, paced and retried: python-telegram-bot's rate-limiter extension.

`CoachRateLimiter` is installed with ``ApplicationBuilder().rate_limiter(...)``; python-telegram-bot
then hands it every call but getUpdates (`process_request`). Senders say what a call is with
``rate_limit_args={"priority": "answer" | "push"}`` (untagged calls — getMe, setMyCommands,
answerCallbackQuery — count as answers). Modelled on python-telegram-bot's own ``AIORateLimiter``.

Slots are granted

* at ``rate`` per second overall (a token bucket with a burst of ``rate × burst_seconds``, at least 1);
* per lane: uploads (sendDocument, sendPhoto, … — seconds each on a slow link) have their own lane of
  ``max_uploads_in_flight`` calls, everything else the text lane of ``max_in_flight`` calls, so a text
  answer never waits for a free slot behind uploads. More in flight is pointless within Telegram's
  limits, and httpx's connection pool gets markedly slower per request as it grows (measured here:
  ~1 ms of CPU per request with 4 connections, ~3 ms with 32);
* answers (to what a user just did) before any push, in every lane; pushes may take all of a lane but
  ``reserved_for_answers`` slots, so an answer never waits for a slot behind a reminder fan-out;
* pushes (reminders, other unsolicited messages) in arrival order, but at most one per
  ``per_chat_interval`` seconds to the same chat (Telegram: about one message per second per chat); a
  push for a chat that is cooling down does not hold up pushes for other chats.

Retries (one rule for answers and pushes): 429 waits ``retry_after`` and sends again (at most
``max_flood_waits`` times); 5xx and network errors that certainly happened before the request reached
the server are retried with exponential backoff, at most ``max_tries`` attempts. 403 and every other
refusal are raised at once (`is_unreachable_chat` tells the sender it is a blocked delivery). A read
timeout or a dropped connection *after* the request was written is not resent — Telegram may well have
acted on it, and a reminder sent twice is worse than the rare one that is lost: `MaybeSent` is raised.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import time
import warnings
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from enum import StrEnum
from typing import Any

import httpx
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

INF = float("inf")
UPLOAD_ENDPOINTS = frozenset(
    {
        "sendDocument",
        "sendPhoto",
        "sendVideo",
        "sendAudio",
        "sendVoice",
        "sendAnimation",
        "sendVideoNote",
        "sendSticker",
        "sendMediaGroup",
    }
)


class Priority(StrEnum):
    ANSWER = "answer"
    PUSH = "push"


def rate_args(priority: Priority) -> dict[str, str]:
    """The ``rate_limit_args`` that tag a Bot API call with its priority."""
    return {"priority": priority.value}


class LimiterClosed(Exception):
    """The limiter was closed while the call waited for a slot: it was not made."""


class MaybeSent(Exception):
    """The request may have reached Telegram (read timeout / dropped connection after sending)."""


def retry_after_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # python-telegram-bot 22 warns that the type will change
        warnings.simplefilter("ignore")
        value: Any = exc.retry_after
    if isinstance(value, timedelta):
        return max(0.0, value.total_seconds())
    return max(0.0, float(value))


def is_transport_failure(exc: BaseException) -> bool:
    """The request got no HTTP answer at all (python-telegram-bot chains the httpx error)."""
    cause = exc.__cause__
    return isinstance(exc, NetworkError) and cause is not None and not isinstance(cause, TelegramError)


def certainly_not_delivered(exc: NetworkError) -> bool:
    """True when Telegram certainly did not act on the request, so sending again cannot duplicate it."""
    cause = exc.__cause__
    if cause is None or isinstance(cause, TelegramError):
        return True  # the server answered with an error status (5xx, ...): nothing was done
    return isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def is_unreachable_chat(exc: TelegramError) -> bool:
    return isinstance(exc, Forbidden) or (
        isinstance(exc, BadRequest) and "chat not found" in str(exc).lower()
    )


class _Lane:
    """Calls of one kind (text or uploads): their own cap on calls in flight and their own queues."""

    def __init__(self, name: str, limit: int, reserved_for_answers: int) -> None:
        self.name = name
        self.limit = max(1, limit)
        self.push_limit = max(1, self.limit - max(0, reserved_for_answers))
        self.in_flight = 0
        self.answers: deque[asyncio.Future[None]] = deque()
        self.pushes: list[tuple[float, int, str, asyncio.Future[None]]] = []  # (ready at, seq, chat, …)

    def drop_cancelled(self) -> None:
        while self.answers and self.answers[0].done():
            self.answers.popleft()
        while self.pushes and self.pushes[0][3].done():
            heapq.heappop(self.pushes)

    def waiting(self) -> bool:
        return bool(self.answers or self.pushes)


class CoachRateLimiter(BaseRateLimiter[dict[str, str]]):
    def __init__(
        self,
        rate: float,
        per_chat_interval: float = 1.0,
        *,
        max_in_flight: int = 8,
        reserved_for_answers: int = 2,
        max_uploads_in_flight: int = 4,
        burst_seconds: float = 0.05,
        retry_base: float = 0.5,
        max_tries: int = 5,
        max_flood_waits: int = 10,
        on_transport: Callable[[BaseException | None], None] = lambda exc: None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = float(rate) if rate and rate > 0 else INF
        self.per_chat_interval = max(0.0, per_chat_interval)
        self.capacity = 1.0 if self.rate == INF else max(1.0, self.rate * burst_seconds)
        self.retry_base = retry_base
        self.max_tries = max(1, max_tries)
        self.max_flood_waits = max_flood_waits
        self.text = _Lane("text", max_in_flight, reserved_for_answers)
        self.uploads = _Lane("uploads", max_uploads_in_flight, reserved_for_answers=0)
        self.lanes = (self.text, self.uploads)  # answers of every lane go before any push
        # Told of every call's transport outcome: None (an HTTP answer came) or the failure.
        self.on_transport = on_transport
        self._clock = clock
        self._tokens = self.capacity
        self._stamp = clock()
        self._seq = itertools.count()
        self._last: dict[str, float] = {}  # chat → when its last push slot was granted
        self._last_pruned = clock()
        self._wake: asyncio.Future[None] | None = None
        self._task: asyncio.Task[None] | None = None
        self._closed = False

    @property
    def connections_needed(self) -> int:
        """Calls that can be in flight at once: the HTTP connection pool needs no more."""
        return self.text.limit + self.uploads.limit

    @property
    def waiting(self) -> int:
        """Calls waiting for a slot, answers and pushes of every lane (the outbox depth metric)."""
        return sum(
            sum(not f.done() for f in lane.answers) + sum(not p[3].done() for p in lane.pushes)
            for lane in self.lanes
        )

    # -- python-telegram-bot's interface -------------------------------------------------------------
    async def initialize(self) -> None:
        self._closed = False
        self._start()

    async def shutdown(self) -> None:
        await self.close()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, str] | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        priority = Priority((rate_limit_args or {}).get("priority", Priority.ANSWER))
        lane = self.uploads if endpoint in UPLOAD_ENDPOINTS else self.text
        chat = str(data.get("chat_id", "")) if priority is Priority.PUSH else ""
        tries = 0
        flood_waits = 0
        while True:
            await self._acquire(lane, priority, chat)
            try:
                result = await callback(*args, **kwargs)
            except (BadRequest, Forbidden, InvalidToken, Conflict, ChatMigrated):
                self.on_transport(None)
                raise
            except (RetryAfter, NetworkError) as exc:
                failure: TelegramError = exc
            else:
                self.on_transport(None)
                return result
            finally:
                self._release(lane)
            self.on_transport(failure if is_transport_failure(failure) else None)
            if isinstance(failure, RetryAfter):
                flood_waits += 1
                if flood_waits > self.max_flood_waits:
                    raise failure
                delay = retry_after_seconds(failure)
                log.info("Telegram flood control: resending %s in %.1f s", endpoint, delay)
                await asyncio.sleep(delay)
                continue
            assert isinstance(failure, NetworkError)
            if not certainly_not_delivered(failure):
                raise MaybeSent(str(failure)) from failure
            tries += 1
            if tries >= self.max_tries:
                raise failure
            await asyncio.sleep(min(30.0, self.retry_base * 2 ** (tries - 1)))

    # -- our own ------------------------------------------------------------------------------------
    async def close(self) -> None:
        """Stop granting; every call still waiting gets `LimiterClosed` (it was not made)."""
        self._closed = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for lane in self.lanes:
            for fut in list(lane.answers) + [p[3] for p in lane.pushes]:
                if not fut.done():
                    fut.set_exception(LimiterClosed())
            lane.answers.clear()
            lane.pushes.clear()

    def _start(self) -> None:
        if self._task is None and not self._closed:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="telegram-rate-limiter")

    async def _acquire(self, lane: _Lane, priority: Priority, chat: str) -> None:
        if self._closed:
            raise LimiterClosed()
        self._start()
        now = self._clock()
        if self._free_now(lane, priority, chat, now):
            self._take(lane, chat, now)
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if priority is Priority.ANSWER:
            lane.answers.append(fut)
        else:
            heapq.heappush(lane.pushes, (now, next(self._seq), chat, fut))
        self._poke()
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                self._release(lane)  # granted just as we were cancelled: give the slot back
            raise

    def _free_now(self, lane: _Lane, priority: Priority, chat: str, now: float) -> bool:
        """Whether the call may go at once, without overtaking anyone it must not overtake."""
        self._refill(now)
        if self._tokens < 1.0 or lane.in_flight >= lane.limit or lane.answers:
            return False
        if priority is Priority.ANSWER:
            return True
        return (
            not lane.pushes
            and not any(other.answers for other in self.lanes)
            and lane.in_flight < lane.push_limit
            and self._last.get(chat, -INF) + self.per_chat_interval <= now
        )

    def _take(self, lane: _Lane, chat: str, now: float) -> None:
        if self.rate != INF:
            self._tokens -= 1.0
        if chat:
            self._last[chat] = now
        lane.in_flight += 1

    def _release(self, lane: _Lane) -> None:
        lane.in_flight = max(0, lane.in_flight - 1)
        if any(other.waiting() for other in self.lanes):
            self._poke()

    # -- the grant loop -------------------------------------------------------------------------------
    def _poke(self) -> None:
        if self._wake is not None and not self._wake.done():
            self._wake.set_result(None)

    async def _sleep(self, delay: float | None) -> None:
        """Sleep until ``delay`` passes (None: until poked), or a call arrives or a slot is released."""
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

    def _grant_answer(self, now: float) -> bool:
        for lane in self.lanes:
            if lane.answers and lane.in_flight < lane.limit:
                self._take(lane, "", now)
                lane.answers.popleft().set_result(None)
                return True
        return False

    def _grant_push(self, now: float) -> tuple[bool, float | None]:
        """Grant (or requeue) one push; else when the next one becomes due (None: when poked)."""
        next_due: float | None = None
        for lane in self.lanes:
            if not lane.pushes or lane.in_flight >= lane.push_limit:
                continue  # the rest of the lane is kept for answers
            ready_at, seq, chat, fut = lane.pushes[0]
            due = max(ready_at, self._last.get(chat, -INF) + self.per_chat_interval)
            if due <= now:
                heapq.heappop(lane.pushes)
                self._take(lane, chat, now)
                fut.set_result(None)
                return True, None
            if due > ready_at:
                heapq.heapreplace(lane.pushes, (due, seq, chat, fut))  # cooling chat: requeue
                return True, None
            next_due = due if next_due is None else min(next_due, due)
        return False, next_due

    async def _run(self) -> None:
        while True:
            now = self._clock()
            self._refill(now)
            self._prune(now)
            for lane in self.lanes:
                lane.drop_cancelled()
            if not any(lane.waiting() for lane in self.lanes):
                await self._sleep(None)  # until a call arrives
                continue
            if self._tokens < 1.0:
                # Sleep at least 2 ms: the burst capacity covers the slots that accrue meanwhile.
                await self._sleep(max((1.0 - self._tokens) / self.rate, 0.002))
                continue
            if self._grant_answer(now):
                continue
            progressed, next_due = self._grant_push(now)
            if progressed:
                continue
            await self._sleep(None if next_due is None else next_due - now)

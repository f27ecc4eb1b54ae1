"""Conversation first: the commands being answered, and background work that gives way to them.

Everything runs on one event loop. The reminder fan-out at a busy minute (bench.scale_bench's 100k
schedules all start on a quarter hour: ~560 activations at once) composes each message from its user's
log, a group of eight taking 20-40 ms of the loop's CPU, and its eight lanes each run a group whenever
their own write is durable. A /log waiting for its own journal line's fsync was then resumed only after
up to eight such groups: /log p99 402 ms (335 ms of it on the loop) in a scale_bench run whose timed
/logs crossed a quarter hour, 9-15 ms in the runs that did not.

`Conversation.command` counts a command while it is answered (core.dispatch); background work calls
`turn` before each piece of work and so starts none while a command is in flight. Never starved: while
commands keep coming with no quiet moment in between, one piece still gets a turn every ``patience``
seconds: a group of eight reminders every 0.25 s, 32 a second, more than Telegram lets a bot send
(30/s), so a busy loop (commands always in flight at scale, a chart waiting on its worker counted too)
never holds reminders back past the platform's own pace, while a burst's groups come between commands
one at a time, not eight back to back.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator

PATIENCE = 0.25  # seconds background work waits for a quiet moment before it takes a turn anyway


class Conversation:
    """Commands in flight on the event loop, and turns for background work (see the module doc)."""

    def __init__(self, patience: float = PATIENCE, clock: Callable[[], float] = time.monotonic) -> None:
        self._patience = patience
        self._clock = clock
        self._in_flight = 0
        self._waiters: set[asyncio.Future[None]] = set()
        self._last_turn = float("-inf")  # when background work last had a turn
        self.gave_way = 0  # turns that waited for a command to end first (a counter for tests)

    @property
    def in_flight(self) -> int:
        """Commands being answered now."""
        return self._in_flight

    @contextlib.contextmanager
    def command(self) -> Iterator[None]:
        """Count one command while it is answered (awaits included)."""
        self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1
            if not self._in_flight:
                for waiter in self._waiters:
                    if not waiter.done():
                        waiter.set_result(None)
                self._waiters.clear()

    async def turn(self) -> None:
        """Return once no command is being answered, or once ``patience`` has passed since this call
        and since background work last had a turn (so one piece at a time while commands keep coming).
        Always yields to the loop once. Start the piece of work right after, with no await between."""
        await asyncio.sleep(0)
        started, waited = self._clock(), False
        while self._in_flight:
            wait = max(self._last_turn, started) + self._patience - self._clock()
            if wait <= 0:
                break
            waited = True
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiters.add(waiter)
            try:
                await asyncio.wait({waiter}, timeout=wait)
            finally:
                self._waiters.discard(waiter)
        if waited:
            self.gave_way += 1
        self._last_turn = self._clock()

"""Write-behind: changes kept in memory at once and written out in batches by a worker thread.

For state whose loss in a crash costs a convenience, never a logged set: pending actions (buttons) and
the pushes a /log moves (its session summary, the rest timer it cancels). The first change after a
write starts a timer (``delay`` seconds); when it fires, a worker thread runs ``write_out``, which
writes every change made meanwhile, so a busy minute costs a few file writes instead of one per reply
and the event loop never waits for the disk. A crash loses the changes of the last ``delay`` seconds at
most; `flush` writes at once (shutdown, tests). A batch still due when the process exits (its event loop
closed first, e.g. a tool's ``asyncio.run``) is written then. Outside an event loop every change is
written before `changed` returns.
"""

from __future__ import annotations

import asyncio
import atexit
import weakref
from collections.abc import Callable
from pathlib import Path


class WriteBehind:
    """One store's batched write-out: at most one timer and one worker at a time, on one event loop.
    ``write_out`` writes every pending change (and handles its own errors: a change it could not write
    stays pending); ``dirty`` says whether any change is pending; ``folder`` is where the files live
    (a batch due at exit is dropped if the folder is gone: a test's temporary folder)."""

    def __init__(
        self, write_out: Callable[[], None], dirty: Callable[[], bool], *, delay: float, folder: Path
    ) -> None:
        self._write_out = write_out
        self._folder = folder
        self._dirty = dirty
        self.delay = delay
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._writing: asyncio.Future[None] | None = None
        _open.add(self)

    def _on(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._loop is not loop:  # first use, or a new loop (the old one's timer died with it)
            self._loop, self._timer, self._writing = loop, None, None

    def changed(self) -> None:
        """After a change (outside the caller's lock): written within ``delay`` seconds; without an
        event loop (tools, tests) written now, in this thread."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._write_out()
            return
        self._on(loop)
        if self._timer is None and self._writing is None:
            self._timer = loop.call_later(self.delay, self._start)

    def _start(self) -> asyncio.Future[None]:
        """Start the worker thread's write-out (on the loop; one at a time)."""
        assert self._loop is not None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._writing is None:
            try:
                self._writing = self._loop.run_in_executor(None, self._write_out)
            except RuntimeError:
                # The loop is shutting down (asyncio.run ends: its default executor is gone): write
                # here, in the loop's thread, rather than lose the batch or raise from a timer.
                self._write_out()
                done = self._loop.create_future()
                done.set_result(None)
                return done
            self._writing.add_done_callback(self._written)
        return self._writing

    def _written(self, done: asyncio.Future[None]) -> None:
        if self._writing is done:
            self._writing = None
        if not done.cancelled() and done.exception() is None and self._dirty():
            self.changed()  # changes made during the write: the next batch

    async def flush(self) -> None:
        """Until everything changed so far is written; gives up after a failed write (``write_out``
        reported it; the changes stay in memory)."""
        self._on(asyncio.get_running_loop())
        for _ in range(3):
            if self._writing is None and not self._dirty():
                return
            await asyncio.shield(self._start())  # the batch under way, or a new one now

    def write_due(self) -> None:
        """Write a batch still due, in this thread (at exit)."""
        if self._dirty() and self._folder.is_dir():
            self._write_out()


# Every WriteBehind still in use, for `_write_due_at_exit`.
_open: weakref.WeakSet[WriteBehind] = weakref.WeakSet()


@atexit.register
def _write_due_at_exit() -> None:
    """A batch whose timer never fired (its event loop closed first) is written as the process exits."""
    for behind in list(_open):
        behind.write_due()

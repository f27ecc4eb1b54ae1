"""Heavy work (charts, exports, later imports) off the event loop: one job per user, a small global cap.

Why a process pool: drawing a 3,000-session chart takes 0.25-0.65 s of mostly Python-level matplotlib
work, which holds the GIL. Measured on this 2-core machine with 20 charts in flight, an event-loop
probe's p95 lag was 37 ms (max 165 ms) with a 2-thread pool and 18 ms (max 35 ms) with a 2-process
pool: in a thread the charts fight the loop for the GIL, in a process only for a core. The workers
are forked from a "forkserver" process (not from this multi-threaded one) that has imported matplotlib
once (1-2 s); the pool is created and warmed from a thread, at start-up or on the first job, so
neither a spawn nor that import ever runs on the loop.
Inside a worker charts use matplotlib's object-oriented API (`Figure`, no pyplot), which keeps no
global state, so the same function is also safe on a thread pool (tests inject one).

A user with a job in flight who asks again is told at once that the first is on its way (`JobBusy`)
rather than queued: queuing would let one user's 20 taps occupy the workers for 20 charts nobody
needs, and the answer to the first tap is coming anyway. Jobs of different users beyond the global
cap wait their turn for a worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
WORKERS = 2  # the machine has 2 cores; the event loop keeps one busy at peak

BUSY_TEXT = {
    "chart": "Your chart is still being drawn; it will arrive in a moment.",
    "export": "Your export is still being prepared; it will arrive in a moment.",
}


class JobBusy(Exception):
    """The user already has a heavy job in flight; ``reply`` says so."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.reply = BUSY_TEXT.get(what, f"Your {what} is still on its way; it will arrive in a moment.")


def warm_worker() -> bool:
    """Run in each worker before its first job: the 1-2 s matplotlib import happens here if the
    forkserver has not done it already."""
    for module in PRELOAD:
        importlib.import_module(module)
    return True


# Imported once by the forkserver, so every worker it forks (in this and any later pool) starts warm.
PRELOAD = ["coaching.charts", "coaching.export", "matplotlib.figure", "matplotlib.backends.backend_agg"]


def process_pool(workers: int = WORKERS) -> Executor:
    """A process pool forked from a clean forkserver (forking this threaded process is unsafe)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return ProcessPoolExecutor(workers, mp_context=context)


class HeavyJobs:
    """Runs ``fn(*args)`` in an executor, at most one job per key (account) and ``workers`` at once.

    ``executor_factory`` builds the executor on first use, off the loop; it defaults to a process
    pool. Functions and arguments must be picklable for a process pool (module-level functions,
    plain data).
    """

    def __init__(
        self, workers: int = WORKERS, executor_factory: Callable[[int], Executor] = process_pool
    ) -> None:
        self.workers = workers
        self._factory = executor_factory
        self._executor: Executor | None = None
        self._starting: asyncio.Future[Executor] | None = None
        self._closed = False
        self._slots: asyncio.Semaphore | None = None
        self._in_flight: dict[str, str] = {}
        self.started = 0  # jobs handed to a worker, for tests and benchmarks

    async def run(self, key: str, what: str, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` off the loop. Raises `JobBusy` when ``key`` already has a job in flight."""
        if key in self._in_flight:
            raise JobBusy(self._in_flight[key])
        self._in_flight[key] = what
        try:
            if self._slots is None:
                self._slots = asyncio.Semaphore(self.workers)
            async with self._slots:
                executor = await self._ready()
                self.started += 1
                try:
                    return await asyncio.get_running_loop().run_in_executor(executor, fn, *args)
                except BrokenProcessPool:
                    log.warning("a worker for charts and exports died; the next job starts fresh ones")
                    self._discard(executor)
                    raise
        finally:
            del self._in_flight[key]

    def warm(self) -> None:
        """Start the workers and their imports in the background now (e.g. at start-up)."""
        self._begin()

    async def _ready(self) -> Executor:
        if self._executor is not None:
            return self._executor
        return await asyncio.shield(self._begin())

    def _begin(self) -> asyncio.Future[Executor]:
        if self._starting is None:
            self._closed = False
            self._starting = asyncio.ensure_future(asyncio.to_thread(self._start))
            self._starting.add_done_callback(self._started)
        return self._starting

    def _started(self, future: asyncio.Future[Executor]) -> None:
        self._starting = None
        if future.cancelled():
            return
        if (exc := future.exception()) is not None:
            log.warning("could not start the workers for charts and exports: %r", exc)
            return
        executor = future.result()
        if self._closed:  # closed while starting: nothing may outlive close()
            executor.shutdown(wait=False, cancel_futures=True)
        else:
            self._executor = executor

    def _start(self) -> Executor:
        """Create the executor and warm every worker; runs in a thread (spawning blocks)."""
        executor = self._factory(self.workers)
        try:
            for future in [executor.submit(warm_worker) for _ in range(self.workers)]:
                future.result()
        except BaseException:
            executor.shutdown(wait=False, cancel_futures=True)
            raise
        return executor

    def _discard(self, executor: Executor) -> None:
        if self._executor is executor:
            self._executor = None
        executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers; jobs still queued are cancelled. A pool still starting is shut down when
        its start finishes (`aclose` waits for that)."""
        self._closed = True
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    async def aclose(self) -> None:
        """`close`, after waiting for a pool that is still starting: a process exiting while the pool
        is half made prints a trace from concurrent.futures' exit hook (seen in the console chat)."""
        self._closed = True
        starting = self._starting
        if starting is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(starting)
        executor, self._executor = self._executor, None
        if executor is not None:
            await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)

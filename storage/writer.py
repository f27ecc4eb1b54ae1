"""One background thread that makes file writes durable, so fsync never blocks the event loop.

The loop updates the in-memory cache and hands the encoded snapshot here; `flush()` (awaited before a
reply is sent) resolves once everything handed over so far is on disk. Several snapshots of one file
waiting together are written once: a burst of writes costs one fsync per file, not one per write, and
the files of one batch are written as a group (`atomic_write_many`: the temporary files fsynced together,
then renamed, then each folder fsynced once), not one after the other.
Files are independent, so their order does not matter; operations that span files (links, merges,
deletes) run in `synchronous()` mode, which drains the queue and then writes inline, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from storage.atomic import atomic_write_bytes, atomic_write_many

log = logging.getLogger(__name__)

OnError = Callable[[], None]


class StorageWriteError(OSError):
    """A snapshot could not be written; the cache of that file was dropped (the file is the truth)."""


class BackgroundWriter:
    def __init__(self, *, durable: bool = True) -> None:
        self.durable = durable
        self._cond = threading.Condition()
        self._pending: dict[Path, tuple[bytes, OnError]] = {}
        self._submitted = 0  # generation of the latest snapshot handed over
        self._done = 0  # every generation up to this one is on disk (or failed)
        self._waiters: list[tuple[int, asyncio.AbstractEventLoop, asyncio.Future[None]]] = []
        self._inflight: set[Path] = set()
        self._failure: BaseException | None = None  # reported once by the next sync()
        self._inline = 0
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._thread.start()

    # -- called by storages -------------------------------------------------------------------------
    def submit(self, path: Path, raw: bytes, on_error: OnError) -> None:
        with self._cond:
            if self._inline or self._closed:
                atomic_write_bytes(path, raw, durable=self.durable)
                return
            self._pending.pop(path, None)  # only the newest snapshot of a file matters
            self._pending[path] = (raw, on_error)
            self._submitted += 1
            self._cond.notify_all()

    # -- waiting ------------------------------------------------------------------------------------
    async def flush(self) -> None:
        """Return once every snapshot submitted before the call is durable; raise if one failed."""
        with self._cond:
            target = self._submitted
            if self._done >= target:
                return
            loop = asyncio.get_running_loop()
            future: asyncio.Future[None] = loop.create_future()
            self._waiters.append((target, loop, future))
        await future

    def drain(self) -> None:
        """Block until the queue is empty (rare, multi-file operations and shutdown)."""
        with self._cond:
            while self._done < self._submitted:
                self._cond.wait()

    def sync(self) -> None:
        """`drain`, then raise if a write failed since the last call (for synchronous callers)."""
        self.drain()
        with self._cond:
            failure, self._failure = self._failure, None
        if failure is not None:
            raise StorageWriteError(f"saving failed: {failure}") from failure

    def settle(self, path: Path) -> None:
        """Block until no snapshot of ``path`` is queued or being written, so the file can be read."""
        with self._cond:
            while path in self._pending or path in self._inflight:
                self._cond.wait()

    @contextlib.contextmanager
    def synchronous(self) -> Iterator[None]:
        """Drain, then write inline (in call order) until the block ends."""
        with self._cond:
            while self._done < self._submitted:
                self._cond.wait()
            self._inline += 1
        try:
            yield
        finally:
            with self._cond:
                self._inline -= 1

    def close(self) -> None:
        self.drain()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=5)

    # -- the thread ---------------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if not self._pending:
                    return
                batch, self._pending = self._pending, {}
                self._inflight = set(batch)
                generation = self._submitted
            error: BaseException | None = None
            try:
                failed = atomic_write_many(
                    {path: raw for path, (raw, _) in batch.items()}, durable=self.durable
                )
            except BaseException as exc:  # noqa: BLE001 - reported to every waiter of this batch
                failed = dict.fromkeys(batch, exc)
            for path, exc in failed.items():
                log.error("writing %s failed", path.name, exc_info=exc)
                error = exc
                batch[path][1]()
            with self._cond:
                self._done = generation
                self._inflight = set()
                if error is not None:
                    self._failure = error
                ready = [w for w in self._waiters if w[0] <= generation]
                self._waiters = [w for w in self._waiters if w[0] > generation]
                self._cond.notify_all()
            for _, loop, future in ready:
                exc = StorageWriteError(f"saving failed: {error}") if error else None
                with contextlib.suppress(RuntimeError):  # the loop may be gone at shutdown
                    loop.call_soon_threadsafe(_settle, future, exc)


def _settle(future: asyncio.Future[None], exc: BaseException | None) -> None:
    if future.done():
        return
    if exc is None:
        future.set_result(None)
    else:
        future.set_exception(exc)

"""One background thread that makes file writes durable, so fsync never blocks the event loop.

The loop updates the in-memory cache and hands the encoded snapshot here; `flush()` (awaited before a
reply is sent) resolves once everything handed over so far is on disk. Several snapshots of one file
waiting together are written once: a burst of writes costs one fsync per file, not one per write, and
the files of one batch are written as a group (`atomic_write_many`: the temporary files fsynced together,
then renamed, then each folder fsynced once), not one after the other.
Files are independent, so their order does not matter; operations that span files (links, merges,
deletes) run in `synchronous()` mode, which drains the queue and then writes inline, in order.

With a journal folder, the writer also appends journal lines (see storage/journal.py): a batch's lines
are written and fdatasynced once, before its files. `checkpoint()` hands over the account files that
cover every line so far and starts a new segment; once those files are durable the old segments are
deleted and ``on_retired`` is told. When lines wait un-checkpointed and nothing else happens for
``idle_seconds``, ``on_idle`` is called (from this thread) so the store can checkpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from storage.atomic import atomic_write_bytes, atomic_write_many
from storage.journal import SegmentFiles

log = logging.getLogger(__name__)

OnError = Callable[[], None]


class StorageWriteError(OSError):
    """A snapshot could not be written; the cache of that file was dropped (the file is the truth)."""


class BackgroundWriter:
    def __init__(
        self,
        *,
        durable: bool = True,
        journal: Path | None = None,
        first_segment: int = 1,
        on_retired: Callable[[int], None] | None = None,
        on_retire_skipped: Callable[[], None] | None = None,
        on_idle: Callable[[], None] | None = None,
        idle_seconds: float = 2.0,
    ) -> None:
        self.durable = durable
        self._segments = SegmentFiles(journal, durable=durable) if journal is not None else None
        self._segment = first_segment  # the segment new lines go to
        self._lines: list[tuple[int, bytes, OnError]] = []
        self._retire: int | None = None  # delete segments up to this one once the batch is durable
        self._last_line_segment = 0  # newest segment a line went to ...
        self._retired = first_segment - 1  # ... and the newest deleted: lines wait while it is lower
        self._retire_blocked = False  # a write failed since the last retire
        self._on_retired = on_retired
        self._on_retire_skipped = on_retire_skipped
        self._on_idle = on_idle
        self._idle_seconds = idle_seconds
        self._cond = threading.Condition()
        self._pending: dict[Path, tuple[bytes, OnError]] = {}
        self._submitted = 0  # generation of the latest snapshot handed over
        self._done = 0  # every generation up to this one is on disk (or failed)
        # Writes made, inline ones too (`synchronous`): unchanged across a call, it changed nothing.
        self._changes = 0
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
            self._changes += 1
            if self._inline or self._closed:
                atomic_write_bytes(path, raw, durable=self.durable)
                return
            self._pending.pop(path, None)  # only the newest snapshot of a file matters
            self._pending[path] = (raw, on_error)
            self._submitted += 1
            self._cond.notify_all()

    def append(self, line: bytes, on_error: OnError) -> int:
        """Queue one journal line; returns the segment it goes to. `flush()` covers it like a file."""
        with self._cond:
            if self._segments is None or self._inline or self._closed:
                raise RuntimeError("journal lines need a running writer with a journal folder")
            self._lines.append((self._segment, line, on_error))
            self._changes += 1
            self._last_line_segment = self._segment
            self._submitted += 1
            self._cond.notify_all()
            return self._segment

    def rotate(self) -> int:
        """Start a new segment; returns the number of the last one (a checkpoint's ``upto``)."""
        with self._cond:
            self._segment += 1
            return self._segment - 1

    def retire(self, upto: int) -> None:
        """Delete segments up to ``upto`` once every file handed over so far is durable. Call it only
        after handing over files that hold every line of those segments. Skipped (the segments kept)
        if any write failed since the last retire: the store then checkpoints again."""
        with self._cond:
            self._retire = upto
            self._submitted += 1
            self._cond.notify_all()

    @property
    def submitted(self) -> int:
        """How many writes were handed over so far: unchanged across a call, that call wrote nothing."""
        with self._cond:
            return self._submitted

    @property
    def changes(self) -> int:
        """How many writes were made or handed over so far, inline ones included: unchanged across a
        call, that call changed nothing on disk (the write limit charges only a change)."""
        with self._cond:
            return self._changes

    @property
    def inline(self) -> bool:
        """True inside `synchronous()`: writes happen in the caller's thread, in order."""
        return self._inline > 0

    def journal_waiting(self) -> bool:
        """True while some journal line is not yet checkpointed."""
        with self._cond:
            return self._last_line_segment > self._retired

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
        if self._segments is not None:
            self._segments.close()

    # -- the thread ---------------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            idle = False
            with self._cond:
                while not self._pending and not self._lines and self._retire is None and not self._closed:
                    waiting = self._on_idle is not None and self._last_line_segment > self._retired
                    if not self._cond.wait(self._idle_seconds if waiting else None) and waiting:
                        idle = True
                        break
                if not idle:
                    if not self._pending and not self._lines and self._retire is None:
                        return
                    batch, self._pending = self._pending, {}
                    lines, self._lines = self._lines, []
                    retire, self._retire = self._retire, None
                    self._inflight = set(batch)
                    generation = self._submitted
            if idle:
                assert self._on_idle is not None
                try:
                    self._on_idle()
                except Exception:  # noqa: BLE001 - a failed idle checkpoint is retried on the next one
                    log.exception("checkpointing the journal failed")
                continue
            self._write_batch(batch, lines, retire, generation)

    def _write_batch(
        self,
        batch: dict[Path, tuple[bytes, OnError]],
        lines: list[tuple[int, bytes, OnError]],
        retire: int | None,
        generation: int,
    ) -> None:
        error: BaseException | None = None
        if lines:
            assert self._segments is not None
            try:
                # lines first: a file in this batch may already hold what a line records
                self._segments.append([(segment, line) for segment, line, _ in lines])
            except BaseException as exc:  # noqa: BLE001 - reported to every waiter of this batch
                log.error("appending to the journal failed", exc_info=exc)
                error = exc
                with self._cond:  # later lines start a fresh segment, whatever state this one is in
                    self._segment += 1
                for _, _, on_error in lines:
                    on_error()
        try:
            failed = atomic_write_many({path: raw for path, (raw, _) in batch.items()}, durable=self.durable)
        except BaseException as exc:  # noqa: BLE001 - reported to every waiter of this batch
            failed = dict.fromkeys(batch, exc)
        for path, exc in failed.items():
            log.error("writing %s failed", path.name, exc_info=exc)
            error = exc
            batch[path][1]()
        if error is not None:
            self._retire_blocked = True
        if retire is not None and self._retire_blocked:
            # A file (perhaps one holding journal lines) failed: keep the segments; the store still
            # counts those lines as waiting and checkpoints them again.
            self._retire_blocked = False
            if self._on_retire_skipped is not None:
                self._on_retire_skipped()
        elif retire is not None:
            assert self._segments is not None
            try:
                self._segments.retire(retire)
            except OSError as exc:
                log.error("deleting old journal segments failed", exc_info=exc)
            else:
                with self._cond:
                    self._retired = max(self._retired, retire)
                if self._on_retired is not None:
                    self._on_retired(retire)
        with self._cond:
            self._done = generation
            self._inflight = set()
            if error is not None:
                self._failure = error
            ready = [w for w in self._waiters if w[0] <= generation]
            self._waiters = [w for w in self._waiters if w[0] > generation]
            self._cond.notify_all()
        # One wake-up per event loop, not one per waiter: each call_soon_threadsafe writes to the
        # loop's self-pipe, and a batch often completes dozens of /log replies at once.
        by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = {}
        for _, loop, future in ready:
            by_loop.setdefault(loop, []).append(future)
        for loop, futures in by_loop.items():
            exc = StorageWriteError(f"saving failed: {error}") if error else None
            with contextlib.suppress(RuntimeError):  # the loop may be gone at shutdown
                loop.call_soon_threadsafe(_settle, futures, exc)


def _settle(futures: list[asyncio.Future[None]], exc: BaseException | None) -> None:
    for future in futures:
        if future.done():
            continue
        if exc is None:
            future.set_result(None)
        else:
            future.set_exception(exc)

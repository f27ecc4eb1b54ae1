"""One process owns a data folder: an OS file lock on ``DATA_DIR/coach.lock``, held for the process's life.

Why: two processes on one folder each believe they are the single writer; each deletes the other's
temporary files, replays the other's live journal and overwrites the other's account files, so sets
that were acknowledged are lost. The lock is an advisory ``flock`` (``msvcrt.locking`` on Windows): the
OS drops it when the process dies, so a killed bot never leaves a stale lock behind. The holder writes
its PID into the file so a refused second process can name it.

Within one process the lock is re-entrant (counted per folder): a store reopened in the same process
(tests, tools) shares the hold.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from storage.atomic import open_regular

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

LOCK_NAME = "coach.lock"


class DataDirLocked(RuntimeError):
    """Another process holds the data folder."""

    def __init__(self, folder: Path, pid: int | None) -> None:
        self.folder = folder
        self.pid = pid
        who = f"process {pid}" if pid else "another process"
        super().__init__(f"{folder} is in use by {who}; stop it first (one process per DATA_DIR)")


_guard = threading.Lock()
_held: dict[Path, list[int]] = {}  # resolved folder -> [fd, holds]


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def holder_pid(folder: Path) -> int | None:
    """The PID written by the process holding (or last holding) ``folder``'s lock, if readable."""
    try:
        text = (folder / LOCK_NAME).read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


class DataDirLock:
    """A hold on ``folder``; `release` (or the end of the process) gives it up."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._key = self.folder.resolve()
        self._released = False

    def release(self) -> None:
        with _guard:
            if self._released:
                return
            self._released = True
            entry = _held.get(self._key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] == 0:
                del _held[self._key]
                os.close(entry[0])  # closing the descriptor drops the OS lock

    def __enter__(self) -> DataDirLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire(folder: Path) -> DataDirLock:
    """Hold ``folder`` (created if missing) for this process. Raises DataDirLocked if another process
    holds it, OSError if the folder cannot be created or written. Nothing else in the folder is touched."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    key = folder.resolve()
    with _guard:
        entry = _held.get(key)
        if entry is not None:
            entry[1] += 1
            return DataDirLock(folder)
        fd = open_regular(key / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), key)
        if not _try_lock(fd):
            os.close(fd)
            raise DataDirLocked(folder, holder_pid(key))
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))  # fresh descriptor: at offset 0
        except OSError:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        _held[key] = [fd, 1]
    return DataDirLock(folder)

"""Crash-safe files: write a temporary file in the same folder, flush, fsync, ``os.replace``, fsync the folder.

A reader therefore always sees either the old or the new file, never a torn one. A process killed
between the temporary write and the replace leaves the temporary file behind; it is never read, and
``remove_stale_temp_files`` deletes it when a store opens.

``AtomicJSONStorage`` is a TinyDB ``Storage`` built on this, with a write-through cache: the process is
the single writer of its files, so after the first read every read is served from memory and no read
ever re-parses the file. ``transaction()`` groups several TinyDB operations into one file write and
rolls the cache back to the file if anything inside raises, so a refused change never sticks;
``on_invalidate`` tells the owner whenever the cache is dropped.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage

if TYPE_CHECKING:
    from storage.writer import BackgroundWriter

TEMP_SUFFIX = ".tmp"
# A lifter's data is theirs: files only the bot's own user can read, whatever the umask (a shared host).
PRIVATE_FILE = 0o600
PRIVATE_UMASK = 0o077  # for what the process makes outside this module: folders, exports, charts
# ".<target name>.<8+ hex>.tmp", e.g. ".00.json.1f2e3d4c.tmp"; nothing else in a data folder looks like it.
_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.[0-9a-f]{8,}\.tmp$")

Data = dict[str, dict[str, Any]]


log = logging.getLogger(__name__)


class CorruptFileError(Exception):
    """A data file that does not parse. Never silently replaced: that would lose data."""


def temp_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def is_temp_name(name: str) -> bool:
    return _TEMP_NAME.match(name) is not None


def fsync_dir(folder: Path) -> None:
    """Make a rename/unlink in ``folder`` durable. A no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def open_regular(path: Path, flags: int, data_dir: Path, *, durable: bool = True) -> int:
    """``os.open`` for writing in the data folder, never through a symlink nor into a non-regular file:
    whoever planted one there (``ln -s /etc/passwd``) would have us write into its target. What sits
    there instead is moved aside into quarantine (a rename of the link itself) and a fresh file made."""
    # O_NONBLOCK: a FIFO with no reader fails at once instead of hanging the writer
    flags |= os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(2):
        try:
            fd = os.open(path, flags, PRIVATE_FILE)
        except OSError:
            if _refuse(path, data_dir, durable):
                continue
            raise
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.set_blocking(fd, True)
            return fd
        os.close(fd)
        _refuse(path, data_dir, durable)
    raise OSError(f"{path} is not a regular file")


def _refuse(path: Path, data_dir: Path, durable: bool) -> bool:
    """Set aside what sits at ``path`` if it is not a regular file; True if something was moved."""
    from storage import quarantine  # (quarantine writes through this module: imported here)

    try:
        if stat.S_ISREG(path.lstat().st_mode):
            return False
    except FileNotFoundError:
        return False
    moved = quarantine.set_aside(data_dir, path, durable=durable)
    log.error("%s is not a regular file (a symlink?): refused, moved to %s", path, moved)
    return True


class NotRegularFileError(OSError):
    """A path of the data folder that is a symlink, a FIFO, a device or a folder where a file goes."""


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), never read through a symlink nor from
    a FIFO or device: one planted in the data folder (``ln -s /dev/zero``, ``ln -s /etc/shadow``) would
    hang the reader, fill its memory or show another file's content. Raises FileNotFoundError if
    nothing is there, NotRegularFileError if something other than a regular file is."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not isinstance(exc, FileNotFoundError) and os.path.islink(path):  # O_NOFOLLOW: ELOOP
            raise NotRegularFileError(f"{path} is a symbolic link: not followed") from None
        raise
    with open(fd, "rb", closefd=True) as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFileError(f"{path} is not a regular file")
        os.set_blocking(fd, True)
        return f.read() if limit is None else f.read(limit)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically. With ``durable``, the new content is on disk on return.

    On any error the temporary file is removed and ``path`` is untouched.
    """
    tmp = temp_path_for(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
    try:
        with open(fd, "wb", closefd=True) as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(path.parent)


def atomic_write_many(files: dict[Path, bytes], *, durable: bool = True) -> dict[Path, BaseException]:
    """Replace several files, each atomically (as `atomic_write_bytes`); with ``durable``, every file
    that did not fail is on disk on return. Returns the files that failed, each left untouched.

    Cheaper than one `atomic_write_bytes` per file: all temporary files are written first and fsynced
    together (one journal commit can cover several), then renamed, then each folder is fsynced once,
    instead of a file fsync, a rename and a folder fsync per file in turn.
    """
    failed: dict[Path, BaseException] = {}
    opened: list[tuple[Path, Path, int]] = []  # (target, temporary file, fd)

    def fail(path: Path, tmp: Path, exc: BaseException) -> None:
        failed[path] = exc
        with contextlib.suppress(OSError):
            os.unlink(tmp)

    try:
        for path, data in files.items():
            tmp = temp_path_for(path)
            try:
                fd = os.open(
                    tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE
                )
            except OSError as exc:
                failed[path] = exc
                continue
            opened.append((path, tmp, fd))
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            except OSError as exc:
                opened.pop()
                os.close(fd)
                fail(path, tmp, exc)
        if durable and opened:
            errors = [_fsync(fd) for _, _, fd in opened]
            for (path, tmp, fd), error in zip(list(opened), errors, strict=True):
                if error is not None:
                    opened.remove((path, tmp, fd))
                    os.close(fd)
                    fail(path, tmp, error)
    except BaseException:
        for path, tmp, fd in opened:
            os.close(fd)
            fail(path, tmp, OSError("interrupted"))
        raise
    folders: set[Path] = set()
    for path, tmp, fd in opened:
        try:
            os.close(fd)
            os.replace(tmp, path)
        except OSError as exc:
            fail(path, tmp, exc)
            continue
        folders.add(path.parent)
    if durable:
        for folder in folders:
            fsync_dir(folder)
    return failed


def _fsync(fd: int) -> BaseException | None:
    try:
        os.fsync(fd)
    except OSError as exc:
        return exc
    return None


def remove_file(path: Path, *, durable: bool = True) -> bool:
    """Delete ``path`` if it exists; True if it did."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    if durable:
        fsync_dir(path.parent)
    return True


def remove_stale_temp_files(folder: Path) -> int:
    """Delete temporary files left in ``folder`` by a killed writer; returns how many."""
    removed = 0
    try:
        names = [e.name for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
    except FileNotFoundError:
        return 0
    for name in names:
        if is_temp_name(name):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(folder / name)
                removed += 1
    if removed:
        fsync_dir(folder)
    return removed


def encode(data: Data) -> bytes:
    """The on-disk form: compact ASCII JSON (any str, lone surrogates included, survives); no NaN."""
    return json.dumps(data, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def loads(raw: bytes | str) -> Any:
    """``json.loads`` without Python's extensions NaN, Infinity and -Infinity: a value the writer
    (``allow_nan=False``) can never write back is damage, caught when read, not at the next save."""
    return json.loads(raw, parse_constant=_no_constant)


def decode(raw: bytes, path: Path | str = "?", *, rows_checked: bool = False) -> Data:
    """A whole file's tables. An empty file is damage too: every write puts at least ``{}`` there, so
    an empty one was cut short (it must not read as an empty account). With ``rows_checked`` only the
    ``_meta`` rows must be objects: the caller sets other bad rows aside one by one (a ``null`` row
    must not cost every other row of a shared file)."""
    if not raw.strip():
        raise CorruptFileError(f"{path}: empty")
    try:
        data = loads(raw)
    except ValueError as exc:
        raise CorruptFileError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict) or not all(
        isinstance(t, dict)
        and all(isinstance(r, dict) for r in t.values() if name == "_meta" or not rows_checked)
        for name, t in data.items()
    ):
        raise CorruptFileError(f"{path}: not a TinyDB document")
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage: crash-safe writes, write-through cache, transactions.

    ``TinyDB(path, storage=AtomicJSONStorage)``. A missing file reads as empty and is not created until
    the first write. Safe to share between threads (an RLock guards the cache and the file).
    """

    def __init__(
        self, path: str | os.PathLike[str], *, durable: bool = True, writer: BackgroundWriter | None = None
    ) -> None:
        self.path = Path(path)
        self.durable = durable
        # With a writer, the file write (and its fsyncs) happens on the writer's thread; callers await
        # `writer.flush()` before acknowledging. Without one, every write is durable on return.
        self.writer = writer
        self.lock = threading.RLock()
        self._cache: Data | None = None
        self._loaded = False
        self._depth = 0
        self._dirty = False
        self._aborted = False
        self._folder_ready = False  # the parent folder was made (or found); reset when a write fails
        self.writes = 0  # file writes done (for tests and benchmarks)
        # Called whenever the cache is dropped (a failed or rolled-back write): whoever keeps objects
        # built from this file's data drops them too.
        self.on_invalidate: Callable[[], None] | None = None

    # --- TinyDB Storage interface ----------------------------------------------------------------

    def read(self) -> Data | None:
        with self.lock:
            if not self._loaded:
                try:
                    raw = read_regular(self.path)
                except FileNotFoundError:
                    self._cache = None
                except NotRegularFileError as exc:  # set aside as damage (a rename of the link itself)
                    raise CorruptFileError(str(exc)) from None
                else:
                    self._cache = decode(raw, self.path, rows_checked=True)  # by the store (_open)
                self._loaded = True
            return self._cache

    def write(self, data: Data) -> None:
        with self.lock:
            if self._depth:
                self._cache = data
                self._loaded = True
                self._dirty = True
                return
            self._commit(data)

    def close(self) -> None:
        with self.lock:
            self._cache = None
            self._loaded = False

    # --- extras -----------------------------------------------------------------------------------

    def _commit(self, data: Data) -> None:
        try:
            raw = encode(data)
            if not self._folder_ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._folder_ready = True
            if self.writer is not None:
                self.writer.submit(self.path, raw, self.invalidate)
            else:
                atomic_write_bytes(self.path, raw, durable=self.durable)
        except BaseException:
            # TinyDB changed the cached dict before calling write(); the file is the truth.
            self.invalidate()
            raise
        self._cache = data
        self._loaded = True
        self.writes += 1

    @property
    def loaded(self) -> bool:
        """True while the data is held in memory (not dropped for a reload)."""
        return self._loaded

    def invalidate(self) -> None:
        """Forget the cache; the next read loads the file again."""
        with self.lock:
            self._cache = None
            self._loaded = False
            self._dirty = False
            self._folder_ready = False
            if self.on_invalidate is not None:
                self.on_invalidate()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything written inside reaches the file in one atomic write at the end, or not at all.

        If anything inside raises, the cache is dropped (the file is the truth) and nothing is written,
        including by an enclosing transaction.
        """
        with self.lock:
            if self._depth == 0:
                self._aborted = False
            self._depth += 1
            try:
                yield
            except BaseException:
                # Roll back now, even when nested: the outer transaction must not commit half of it.
                self._depth -= 1
                self._aborted = True
                self.invalidate()
                raise
            self._depth -= 1
            if self._aborted:
                if self._depth == 0:
                    self.invalidate()
                raise RuntimeError("an inner transaction failed; nothing was written")
            if self._depth == 0 and self._dirty:
                self._dirty = False
                assert self._cache is not None
                self._commit(self._cache)

    def exists(self) -> bool:
        with self.lock:
            return (self._loaded and self._cache is not None) or self.path.exists()

    def delete(self) -> bool:
        """Remove the file; the storage reads as empty afterwards."""
        if self.writer is not None:
            self.writer.drain()  # a queued snapshot must not resurrect the file afterwards
        with self.lock:
            self._cache = None
            self._loaded = True
            self._dirty = False
            return remove_file(self.path, durable=self.durable)

"""The store: profiles, logs, schedules and identity links on TinyDB, crash-safe and flat to write.

Layout (see ``storage.layout``): one TinyDB file per account (profile + log entries); schedules in
``SHARDS`` small shard files by a stable hash of the account, so a /remind rewrites one shard; links and
link codes in ``links.json``. Every file goes through ``AtomicJSONStorage`` (temp file, fsync,
``os.replace``, fsync of the folder) and is read once, then served from memory. At most ``cache_size``
account files are held open (LRU); shards stay open once read.

A logged set (after an account's first) is made durable as one line of the write-ahead journal
(``storage.journal``) instead of a rewrite of the account file; checkpoints write the lines into the
account files (after ``CHECKPOINT_LINES`` lines, a few accounts per later /log; when idle; at close;
before any link, unlink or deletion) and delete the covered segments. Opening replays what a crash
left.

Methods are synchronous, meant for the event-loop thread; a re-entrant lock still serialises them so a
thread can never interleave two writes to one file. A refused call (bad type, unknown schedule,
unserialisable value, I/O error) raises before or instead of writing and leaves the files and the
in-memory view exactly as they were.

Identities: ``account_of(user)`` is ``user`` unless ``link`` pointed it at another account. ``link``
merges the user's own data into the account in crash-safe, idempotent steps recorded in a journal in
``links.json`` (finished on the next open if the process dies half-way). ``unlink`` of an account owner
(a key nothing points away from) is refused: only linked identities can be unlinked.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import secrets
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from tinydb import TinyDB
from tinydb.table import Document

from storage import quarantine
from storage.atomic import (
    AtomicJSONStorage,
    CorruptFileError,
    atomic_write_bytes,
    decode,
    encode,
    fsync_dir,
    remove_stale_temp_files,
)
from storage.journal import JOURNAL_DIR, encode_record, list_segments, read_segment
from storage.layout import (
    ACCOUNTS_DIR,
    CODES,
    ENTRIES,
    ENTRY_ROWS,
    LINKS,
    MERGES,
    META,
    META_ID,
    PROFILE,
    PROFILE_ID,
    SCHEDULE_ROWS,
    SCHEDULES,
    SCHEDULES_DIR,
    SHARDS,
    Kind,
    NewerSchemaError,
    SchemaError,
    account_path,
    links_path,
    migrate,
    new_meta,
    outbox_path,
    shard_of,
    shard_path,
    validate_key,
)
from storage.lock import DataDirLocked
from storage.lock import acquire as acquire_data_dir
from storage.models import LinkCode, LogEntry, Profile, Schedule
from storage.writer import BackgroundWriter, StorageWriteError

__all__ = ["DataDirLocked", "Store", "SchemaError", "StoreClosedError"]

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
Row = dict[str, Any]
Data = dict[str, dict[str, Any]]


class StoreClosedError(RuntimeError):
    pass


# A checkpoint starts after this many journal lines (or when the store is idle, see storage/writer.py)
# and then writes a few of the accounts it covers with each later /log, so no single call pays for all.
CHECKPOINT_LINES = 4096
CHECKPOINT_STEP = 2
DAMAGE_NOTICE = (
    "Some of your earlier data could not be read, so I set it aside for the operator to recover; "
    "nothing of it was deleted. New sets you log are kept as usual."
)
# Accounts with lines waiting stay in memory (see `_account_db`); this bounds how many.
CHECKPOINT_ACCOUNTS = 1024


@dataclass
class _EntryCache:
    """An account's entries as models, valid while ``rows`` is the table's current dict of that size.
    Built lazily: all of them for a history, or one exercise's for a /log (a cold account's other
    exercises are never converted). A list is kept from its second build on: an account seen once
    (most of them, with many users) leaves no models behind for the garbage collector to walk."""

    rows: dict[str, Any]
    size: int
    all: list[LogEntry] | None = None
    by_exercise: dict[str, list[LogEntry]] = field(default_factory=dict)
    built: set[str | None] = field(default_factory=set)  # lists built once already (None: all)

    def _keep(self, which: str | None) -> bool:
        if which in self.built:
            return True
        self.built.add(which)
        return False

    def every(self) -> list[LogEntry]:
        if self.all is not None:
            return self.all
        ordered = sorted(((int(k), r) for k, r in self.rows.items()), key=lambda kv: kv[0])
        every = [ENTRY_ROWS.from_row({**r, "id": k}) for k, r in ordered]
        if self._keep(None):
            self.all = every
        return every

    def of(self, exercise: str) -> list[LogEntry]:
        found = self.by_exercise.get(exercise)
        if found is not None:
            return found
        if self.all is not None:
            found = [e for e in self.all if e.exercise == exercise]
        else:
            ids = sorted(int(k) for k, r in self.rows.items() if r.get("exercise") == exercise)
            found = [ENTRY_ROWS.from_row({**self.rows[str(i)], "id": i}) for i in ids]
        if self._keep(exercise):
            self.by_exercise[exercise] = found
        return found

    def appended(self, entry: LogEntry) -> None:
        """``entry`` (the newest id) was added to ``rows`` in place."""
        self.size += 1
        if self.all is not None:
            self.all.append(entry)
        found = self.by_exercise.get(entry.exercise)
        if found is not None:
            found.append(entry)


def _locked(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    @functools.wraps(method)
    def wrapper(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            if self._closed:
                raise StoreClosedError("the store is closed")
            return method(self, *args, **kwargs)

    return wrapper


def _storage(db: TinyDB) -> AtomicJSONStorage:
    return cast(AtomicJSONStorage, db.storage)


def _rows(db: TinyDB, table: str) -> dict[str, Row]:
    """The raw cached rows of a table (doc id as str → row). Read-only: never mutate them."""
    data = _storage(db).read()
    return data.get(table, {}) if data else {}


def _meta(db: TinyDB) -> Row:
    return _rows(db, META).get(META_ID) or {}


def _ensure_meta(db: TinyDB, kind: Kind, key: str = "") -> None:
    if META_ID not in _rows(db, META):
        db.table(META).insert(Document(new_meta(kind, key), doc_id=int(META_ID)))


def _put_doc(db: TinyDB, table: str, doc_id: int, row: Row) -> None:
    """Insert or fully replace one document."""
    t = db.table(table)
    if str(doc_id) in _rows(db, table):

        def replace_all(doc: dict[str, Any]) -> None:
            doc.clear()
            doc.update(row)

        t.update(replace_all, doc_ids=[doc_id])
    else:
        t.insert(Document(row, doc_id=doc_id))


def _next_entry_id(meta: Row, rows: dict[str, Row]) -> int:
    """The id after ``last_entry_id`` (ids are never reused), or after the largest row if a hand-edited
    counter would overwrite one."""
    next_id = int(meta.get("last_entry_id", 0)) + 1
    if str(next_id) in rows:
        next_id = max(int(k) for k in rows) + 1
    return next_id


def _check(value: object, cls: type, what: str) -> None:
    if not isinstance(value, cls):
        raise TypeError(f"{what} must be a {cls.__name__}, got {type(value).__name__}")


def _utc_now() -> datetime:
    return datetime.now(UTC)


# Shared reps tuples: (10, 10, 10) is in thousands of rows, and one object serves them all.
_REPS: dict[tuple[int, ...], tuple[int, ...]] = {}
_REPS_MAX = 4096


def _untracked_row(row: Row) -> Row:
    """``row`` with its reps as a shared tuple, in a dict that CPython's garbage collector does not
    track (see `_untracked_rows`); the same values, and JSON writes a tuple as an array."""
    reps = row.get("reps")
    if type(reps) is not list:
        return row
    key = tuple(reps)
    shared = _REPS.get(key)
    if shared is None:
        if len(_REPS) >= _REPS_MAX:
            _REPS.clear()
        shared = _REPS[key] = key
    # Key by key: a copy of the JSON dict would inherit its "tracked" flag. A tuple of ints is
    # untracked from the first collection it meets on, and a dict of untracked values stays untracked.
    return {k: shared if k == "reps" else v for k, v in row.items()}


def _untracked_rows(rows: dict[str, Row]) -> dict[str, Row]:
    """An entries table as loaded from JSON, rebuilt so that its rows are not tracked by the garbage
    collector. Why: a JSON row holds reps as a list, which makes the row dict tracked, so each account
    loaded added ~70 containers for every young collection to walk. At 1M stored sets, where most /log
    calls load an account, those collections (~1 ms each) were the slowest /log calls."""
    return {key: _untracked_row(row) for key, row in rows.items()}


def _parse_utc(value: str) -> datetime:
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _expired(row: Row, now: datetime | None) -> bool:
    """A link-code row past its expiry at ``now`` (never, when ``now`` is None)."""
    if now is None:
        return False
    try:
        return _parse_utc(row.get("expires_at", "")) <= now
    except (TypeError, ValueError):
        return True  # an unreadable expiry cannot be honoured


def _entry_rows(entries: Iterable[LogEntry]) -> dict[str, Row]:
    """Rows by id for ``bulk_write_account``: ids kept when set, else the next after the largest."""
    entries = list(entries)
    for e in entries:
        _check(e, LogEntry, "entry")
    last = max((e.id for e in entries), default=0)
    out: dict[str, Row] = {}
    for e in entries:
        if e.id < 0:
            raise ValueError(f"negative entry id {e.id}")
        row = ENTRY_ROWS.to_row(e)
        if e.id == 0:
            last += 1
            row["id"] = last
        if str(row["id"]) in out:
            raise ValueError(f"duplicate entry id {row['id']}")
        out[str(row["id"])] = row
    return dict(sorted(out.items(), key=lambda kv: int(kv[0])))


class Store:
    """Persistence for the bot. See the module docstring for the layout and the guarantees."""

    def __init__(
        self,
        data_dir: Path,
        *,
        cache_size: int = 512,
        durable: bool = True,
        clock: Callable[[], datetime] = _utc_now,
        idle_checkpoint_seconds: float = 2.0,
    ) -> None:
        self.data_dir = Path(data_dir)
        # First of all: nothing below (temp-file cleanup, journal replay) may touch a folder that
        # another process is using. Raises DataDirLocked.
        self._folder_lock = acquire_data_dir(self.data_dir)
        self._lock = threading.RLock()
        self._closed = False
        self._durable = durable
        self._clock = clock
        self._cache_size = max(1, cache_size)
        self._accounts: OrderedDict[str, TinyDB] = OrderedDict()
        self._shards: dict[int, TinyDB] = {}
        self._shard_index: dict[int, tuple[dict[str, Row], dict[str, list[tuple[int, Row]]]]] = {}
        folders = [self.data_dir, self.data_dir / ACCOUNTS_DIR, self.data_dir / SCHEDULES_DIR]
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
        # The process is the single writer: any temporary file now is a leftover of a killed write.
        self.stale_temp_files_removed: int = sum(remove_stale_temp_files(f) for f in folders)
        # /log lines go to the journal first (storage/journal.py): account -> (segment, entry id, row)
        # of lines that are durable but perhaps not yet in the account's file.
        self._journal_dir = self.data_dir / JOURNAL_DIR
        self._pending_lock = threading.Lock()  # guards _journaled (the writer thread reads it too)
        self._journaled: dict[str, list[tuple[int, int, Row]]] = {}
        self._journal_lines = 0  # since the last checkpoint started
        self._checkpoint_accounts: list[str] = []  # still to be written for the running checkpoint
        self._checkpoint_upto: int | None = None  # its last segment
        self._rotated_upto = 0  # the last segment of the newest checkpoint started
        self._newest_line_segment = 0  # the segment of the newest journal line
        self._recheckpoint = False  # set by the writer thread when a checkpoint's retire was skipped
        self._entry_cache: dict[str, _EntryCache] = {}
        # Account file stems with data in quarantine not yet restored: their users are told once per
        # run (a listing of a folder that is normally empty or missing, not a read of any account).
        self._damaged = quarantine.DamageNotices(self.data_dir)
        left_over = list_segments(self._journal_dir)
        first_segment = left_over[-1][0] + 1 if left_over else 1
        # Account and schedule files are written off the event loop; see storage/writer.py.
        self._writer = BackgroundWriter(
            durable=durable,
            journal=self._journal_dir,
            first_segment=first_segment,
            on_retired=self._forget_journaled,
            on_retire_skipped=self._retire_skipped,
            on_idle=self._checkpoint_when_idle,
            idle_seconds=idle_checkpoint_seconds,
        )
        self._rotated_upto = first_segment - 1
        self._links = self._open(links_path(self.data_dir), "links")
        self._link_map: dict[str, str] = {}
        self._reload_link_map()
        self.journal_lines_replayed = self._replay(left_over)
        with self._writer.synchronous():
            for row in list(_rows(self._links, MERGES).values()):
                self._finish_merge(row["user"], row["account"], row["token"])

    # --- files -------------------------------------------------------------------------------------

    def _open(self, path: Path, kind: Kind, key: str = "") -> TinyDB:
        """Open one file, migrating it to the current schema (and checking whose it is)."""
        # links.json stays synchronous: the merge journal relies on its writes landing in order.
        writer = None if kind == "links" else self._writer
        if writer is not None:
            writer.settle(path)  # a file evicted from the cache may still have a snapshot queued
        db = TinyDB(path, storage=AtomicJSONStorage, durable=self._durable, writer=writer)
        storage = _storage(db)
        if kind == "account":
            storage.on_load = functools.partial(self._apply_journaled, key)
        changed = False
        try:
            data = storage.read()
            if data is not None:
                data, changed = migrate(data, kind, key)
        except NewerSchemaError:
            storage.invalidate()
            raise
        except (CorruptFileError, SchemaError, ValueError, TypeError) as exc:
            # TypeError/ValueError: a decodable file whose meta holds nonsense (a hand edit, a bad disk)
            data = self._set_aside(db, kind, key, exc)
        if data is not None:
            if kind == "account" and data[META][META_ID].get("account") != key:
                storage.invalidate()
                raise SchemaError(f"{path} belongs to {data[META][META_ID].get('account')!r}, not {key!r}")
            if changed:  # migrations are rare: write them through, in order
                with writer.synchronous() if writer is not None else contextlib.nullcontext():
                    storage.write(data)
        return db

    def _set_aside(self, db: TinyDB, kind: Kind, key: str, exc: Exception) -> Data | None:
        """A file that does not decode is moved to quarantine (never rewritten): this start-up, and
        every other user, go on. The account starts afresh from the journal lines that wait for it,
        if any (they must not be lost), and its user is told (`take_damage_notice`)."""
        storage = _storage(db)
        storage.invalidate()
        moved = quarantine.set_aside(self.data_dir, storage.path, durable=self._durable)
        log.error("damaged file set aside: %s (%s); moved to %s", storage.path, exc, moved)
        self._damaged.note(moved)  # a shard or links.json: their users are told too
        if kind != "account":
            return None
        self._damaged.add(quarantine.account_stem(key))
        with self._pending_lock:
            lines = list(self._journaled.get(key, ()))
        if not lines:
            return None
        meta = new_meta("account", key)
        meta["last_entry_id"] = max(entry_id for _, entry_id, _ in lines)
        data: Data = {META: {META_ID: meta}, ENTRIES: {str(i): row for _, i, row in lines}}
        with self._writer.synchronous():
            storage.write(data)
        return storage.read()

    @_locked
    def take_damage_notice(self, account: str) -> str | None:
        """What to tell ``account``'s user about their data set aside in quarantine (once per run,
        until the operator restores it); else None."""
        return self._damaged.take(account, DAMAGE_NOTICE)

    def _account_db(self, account: str) -> TinyDB:
        db = self._accounts.get(account)
        if db is not None:
            self._accounts.move_to_end(account)
            return db
        db = self._open(account_path(self.data_dir, account), "account", account)
        self._accounts[account] = db
        # Least recently used first, but an account with journal lines waiting stays (the checkpoint
        # writes it from memory) and does not count against the cache size; it is moved to the back
        # so the next eviction does not look at it again.
        excess = len(self._accounts) - self._cache_size - len(self._journaled)
        for _ in range(len(self._accounts)):
            if excess <= 0:
                break
            oldest = next(iter(self._accounts))
            if oldest in self._journaled or oldest == account:
                self._accounts.move_to_end(oldest)
                continue
            del self._accounts[oldest]
            self._entry_cache.pop(oldest, None)
            excess -= 1
        return db

    def _drop_account_file(self, account: str) -> None:
        self._entry_cache.pop(account, None)
        db = self._accounts.pop(account, None)
        if db is not None:
            _storage(db).delete()
        else:
            AtomicJSONStorage(account_path(self.data_dir, account), durable=self._durable).delete()

    def _account_exists(self, account: str) -> bool:
        db = self._accounts.get(account)
        if db is not None:
            return _storage(db).exists()
        path = account_path(self.data_dir, account)
        self._writer.settle(path)
        return path.exists()

    def _shard_db(self, shard: int) -> TinyDB:
        db = self._shards.get(shard)
        if db is None:
            db = self._open(shard_path(self.data_dir, shard), "schedules")
            self._shards[shard] = db
        return db

    def _reload_link_map(self) -> None:
        self._link_map = {row["user"]: row["account"] for row in _rows(self._links, LINKS).values()}

    def _links_write(self, change: Callable[[TinyDB], None]) -> None:
        """Run ``change`` on links.json as one atomic write; the in-memory map follows the file."""
        try:
            with _storage(self._links).transaction():
                _ensure_meta(self._links, "links")
                change(self._links)
        finally:
            self._reload_link_map()

    async def flush(self) -> None:
        """Wait until every write so far is durable (the dispatcher awaits this before replying)."""
        await self._writer.flush()

    def sync(self) -> None:
        """The blocking form of `flush` (scripts, shutdown); raises if a write failed since last time."""
        self._writer.sync()

    @_locked
    def checkpoint(self) -> None:
        """Write every journal line into its account file now, and wait until that is durable."""
        self._checkpoint()
        self._writer.drain()
        if self._recheckpoint:  # an earlier failure held the segments back once: go again
            self._checkpoint()
        self._writer.sync()

    @_locked
    def close(self) -> None:
        try:
            self.checkpoint()  # a clean stop leaves every line in its file and no journal behind
        except OSError as exc:
            log.error(
                "the journal could not be written into the account files; kept for the next start: %s", exc
            )
        finally:
            self._writer.close()
            self._accounts.clear()
            self._shards.clear()
            self._shard_index.clear()
            self._entry_cache.clear()
            self._closed = True
            self._folder_lock.release()

    # --- the journal -------------------------------------------------------------------------------

    def _replay(self, segments: list[tuple[int, Path]]) -> int:
        """Put the lines of segments left by a crash into their account files; returns how many were
        missing there. Then the segments go."""
        if not segments:
            return 0
        by_account: dict[str, dict[int, Row]] = {}
        for _, path in segments:
            segment = read_segment(path, last=path == segments[-1][1])
            for number, line in segment.damaged:
                kept = quarantine.keep_line(self.data_dir, path, number, line, durable=self._durable)
                log.error("journal %s line %d is damaged; set aside as %s", path.name, number, kept)
                self._damaged |= quarantine.waiting_stems(self.data_dir)
            for record in segment.records:
                by_account.setdefault(record.account, {})[record.entry_id] = record.row
        replayed = 0
        with self._writer.synchronous():
            for account, rows in by_account.items():
                db = self._account_db(account)
                with _storage(db).transaction():
                    _ensure_meta(db, "account", account)
                    last = int(_meta(db).get("last_entry_id", 0))
                    have = _rows(db, ENTRIES)
                    # ids only grow: a line at or below last_entry_id is in the file or was undone
                    fresh = sorted(i for i in rows if i > last and str(i) not in have)
                    if fresh:
                        db.table(ENTRIES).insert_multiple(Document(rows[i], doc_id=i) for i in fresh)
                        db.table(META).update({"last_entry_id": fresh[-1]}, doc_ids=[int(META_ID)])
                        replayed += len(fresh)
        for _, path in segments:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        if self._durable:
            fsync_dir(self._journal_dir)
        return replayed

    def _apply_journaled(self, account: str, data: dict[str, Any]) -> None:
        """``account``'s file was (re)loaded: put back the journal lines it does not hold yet."""
        if data.get(ENTRIES):
            data[ENTRIES] = _untracked_rows(data[ENTRIES])  # before the lines: they are already
        with self._pending_lock:
            lines = list(self._journaled.get(account, ()))
        meta = data.get(META, {}).get(META_ID)
        if not lines or meta is None:
            return
        rows = data.setdefault(ENTRIES, {})
        last = int(meta.get("last_entry_id", 0))
        newest = last
        for _, entry_id, row in lines:
            if entry_id > last:
                rows[str(entry_id)] = row
                newest = max(newest, entry_id)
        meta["last_entry_id"] = newest

    def _journal_failed(self, account: str, entry_id: int) -> None:
        """Writer thread: a line could not be written. Its /log is answered with an error, so it must
        not stay in memory: forget it and reload the account (the file plus the other lines)."""
        with self._pending_lock:
            lines = [line for line in self._journaled.get(account, ()) if line[1] != entry_id]
            if lines:
                self._journaled[account] = lines
            else:
                self._journaled.pop(account, None)
        db = self._accounts.get(account)
        if db is not None:
            _storage(db).invalidate()

    def _forget_journaled(self, upto: int) -> None:
        """Writer thread: segments up to ``upto`` are deleted; their lines are in the files now."""
        with self._pending_lock:
            for account in list(self._journaled):
                lines = [line for line in self._journaled[account] if line[0] > upto]
                if lines:
                    self._journaled[account] = lines
                else:
                    del self._journaled[account]

    def _retire_skipped(self) -> None:
        """Writer thread: a write failed, so the last checkpoint's segments were kept."""
        self._recheckpoint = True

    def _checkpoint_step(self, budget: int | None) -> None:
        """Start a checkpoint if none runs, then hand ``budget`` (None: all) of its accounts' files to
        the writer; after the last one, the writer deletes the covered segments."""
        if self._checkpoint_upto is None:
            with self._pending_lock:
                self._checkpoint_accounts = list(self._journaled)
            # Every line so far is in a segment up to this one, and in memory: a snapshot of each
            # account taken from now on holds all of that account's lines.
            self._checkpoint_upto = self._rotated_upto = self._writer.rotate()
            self._journal_lines = 0
            self._recheckpoint = False
        todo = self._checkpoint_accounts
        while todo and (budget is None or budget > 0):
            account = todo.pop()
            db = self._account_db(account)
            storage = _storage(db)
            data = storage.read()
            if data is not None:
                self._writer.submit(storage.path, encode(data), storage.invalidate)
            if budget is not None:
                budget -= 1
        if not todo:
            self._writer.retire(self._checkpoint_upto)
            self._checkpoint_upto = None

    def _checkpoint(self) -> None:
        """Every journal line into its account file (queued: `flush`/`sync` make it durable)."""
        if self._checkpoint_upto is not None:  # finish the running one
            self._checkpoint_step(None)
        if self._newest_line_segment > self._rotated_upto or self._recheckpoint:
            self._checkpoint_step(None)

    def _checkpoint_when_idle(self) -> None:
        """Writer thread, nothing else to write for a while: checkpoint if the loop is not in the store.
        Never waits for the lock (the loop may hold it while waiting for this thread) and never opens a
        file (that waits for this thread too)."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            if self._closed:
                return
            with self._pending_lock:
                accounts = set(self._journaled) | set(self._checkpoint_accounts)
            for account in accounts:
                db = self._accounts.get(account)
                if db is None or not _storage(db).loaded:
                    return  # the loop thread's next checkpoint step will do it
            self._checkpoint()
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        """For operations over several files (links, deletion): every journal line goes into its file
        first, so a merged or deleted account can never come back from the journal; then the writer
        drains and writes inline, in order."""
        self._checkpoint()
        self._writer.drain()
        if self._writer.journal_waiting():
            raise StorageWriteError("saving the journal into the account files failed")
        with self._writer.synchronous():
            yield

    # --- identities --------------------------------------------------------------------------------

    @_locked
    def account_of(self, user: str) -> str:
        validate_key(user, "user")
        return self._link_map.get(user, user)

    @_locked
    def link(self, user: str, account: str) -> None:
        """From now on ``user`` resolves to ``account`` (or to what ``account`` resolves to).

        What ``user`` had as its own account is merged: log entries appended after the account's (new
        ids, same order), schedules added with new ids; its profile is dropped and its file removed.
        Identities linked to ``user`` follow it. Linking two keys that already share an account does
        nothing.
        """
        validate_key(user, "user")
        validate_key(account)
        target = self._link_map.get(account, account)
        if self._link_map.get(user, user) == target:
            return
        token = secrets.token_hex(8)
        with self._exclusive():
            self._link(user, target, token)

    def _link(self, user: str, target: str, token: str) -> None:
        def change(db: TinyDB) -> None:
            links = db.table(LINKS)
            rows = _rows(db, LINKS)
            links.remove(doc_ids=[int(k) for k, r in rows.items() if r["user"] == user])
            links.update(
                {"account": target}, doc_ids=[int(k) for k, r in rows.items() if r["account"] == user]
            )
            links.insert({"user": user, "account": target})
            db.table(MERGES).insert({"user": user, "account": target, "token": token})

        self._links_write(change)
        self._finish_merge(user, target, token)

    def _finish_merge(self, user: str, target: str, token: str) -> None:
        """Move ``user``'s own data into ``target``. Idempotent: each step is one atomic write that
        records what it did (the token), so a crash at any point is finished by the next open."""
        pending = {r["token"] for r in _rows(self._links, MERGES).values()}
        # 1. log entries, appended after the target's, in one write of the target file
        if self._account_exists(user):
            source = sorted(_rows(self._account_db(user), ENTRIES).items(), key=lambda kv: int(kv[0]))
            dst = self._account_db(target)
            with _storage(dst).transaction():
                _ensure_meta(dst, "account", target)
                meta = _meta(dst)
                merged = [t for t in meta.get("merged", []) if t in pending]
                if token not in merged:
                    next_id = int(meta.get("last_entry_id", 0))
                    docs = []
                    for _, row in source:
                        next_id += 1
                        docs.append(Document({**row, "id": next_id}, doc_id=next_id))
                    dst.table(ENTRIES).insert_multiple(docs)
                    merged.append(token)
                    dst.table(META).update({"last_entry_id": next_id, "merged": merged}, doc_ids=[1])
        # 2. schedules, renumbered after the target's; moved rows carry the token so none moves twice
        src_shard, dst_shard = shard_of(user), shard_of(target)
        src = self._shard_db(src_shard)
        moving = sorted(
            ((int(k), r) for k, r in _rows(src, SCHEDULES).items() if r.get("account") == user),
            key=lambda kv: kv[1].get("id", 0),
        )
        if moving:
            dst = self._shard_db(dst_shard)
            with _storage(dst).transaction():
                _ensure_meta(dst, "schedules")
                own = [r for r in _rows(dst, SCHEDULES).values() if r.get("account") == target]
                done = {r.get("_from") for r in own if r.get("_merge") == token}
                next_id = max((r.get("id", 0) for r in own), default=0)
                new_rows = []
                for _, row in moving:
                    if row.get("id") in done:
                        continue
                    next_id += 1
                    new_rows.append(
                        {**row, "account": target, "id": next_id, "_merge": token, "_from": row["id"]}
                    )
                dst.table(SCHEDULES).insert_multiple(new_rows)
                if src_shard == dst_shard:
                    dst.table(SCHEDULES).remove(doc_ids=[doc_id for doc_id, _ in moving])
            if src_shard != dst_shard:
                with _storage(src).transaction():
                    src.table(SCHEDULES).remove(doc_ids=[doc_id for doc_id, _ in moving])
        # 3. the user's own file, 4. the journal row
        self._drop_account_file(user)
        self._links_write(
            lambda db: db.table(MERGES).remove(
                doc_ids=[int(k) for k, r in _rows(db, MERGES).items() if r["token"] == token]
            )
        )

    @_locked
    def unlink(self, user: str) -> bool:
        """``user`` resolves to itself again, with nothing of its own. False (nothing changed) if it was
        not linked — in particular for an account owner, which cannot be unlinked from itself."""
        validate_key(user, "user")
        if user not in self._link_map:
            return False
        with self._exclusive():
            self._unlink(user)
        return True

    def _unlink(self, user: str) -> None:
        self._links_write(
            lambda db: db.table(LINKS).remove(
                doc_ids=[int(k) for k, r in _rows(db, LINKS).items() if r["user"] == user]
            )
        )
        # Normally nothing is left under the user's own key; make sure it starts empty.
        self._remove_own_schedules(user)
        self._drop_account_file(user)

    @_locked
    def linked_users(self, account: str) -> list[str]:
        """Every key resolving to ``account``'s account: the account first, then the others sorted."""
        validate_key(account)
        owner = self._link_map.get(account, account)
        return [owner, *sorted(u for u, a in self._link_map.items() if a == owner)]

    @_locked
    def put_link_code(self, code: LinkCode, purge_expired_at: str | None = None) -> None:
        """Store ``code`` as its user's only live code (one /link replaces the last), in one write.

        With ``purge_expired_at`` (ISO time) codes expired by then go in the same write."""
        _check(code, LinkCode, "code")
        validate_key(code.code, "link code")
        row = code.to_row()
        now = None if purge_expired_at is None else _parse_utc(purge_expired_at)

        def replaced(r: Row) -> bool:
            return r.get("code") == code.code or r.get("user") == code.user or _expired(r, now)

        def change(db: TinyDB) -> None:
            rows = _rows(db, CODES)
            db.table(CODES).remove(doc_ids=[int(k) for k, r in rows.items() if replaced(r)])
            db.table(CODES).insert(row)

        self._links_write(change)

    @_locked
    def take_link_code(self, code: str) -> LinkCode | None:
        if not isinstance(code, str):
            raise TypeError("code must be a str")
        found = [(int(k), r) for k, r in _rows(self._links, CODES).items() if r.get("code") == code]
        if not found:
            return None
        self._links_write(lambda db: db.table(CODES).remove(doc_ids=[k for k, _ in found]))
        return LinkCode.from_row(found[0][1])

    @_locked
    def purge_link_codes(self, now_iso: str) -> int:
        now = _parse_utc(now_iso)  # refuses a bad time before touching anything
        doomed = [int(k) for k, r in _rows(self._links, CODES).items() if _expired(r, now)]
        if doomed:
            self._links_write(lambda db: db.table(CODES).remove(doc_ids=doomed))
        return len(doomed)

    # --- profile -----------------------------------------------------------------------------------

    @_locked
    def profile(self, account: str) -> Profile:
        validate_key(account)
        row = _rows(self._account_db(account), PROFILE).get(str(PROFILE_ID))
        if row is None:
            return Profile(account=account)
        return Profile.from_row({**row, "account": account})

    @_locked
    def save_profile(self, profile: Profile) -> None:
        _check(profile, Profile, "profile")
        validate_key(profile.account)
        row = profile.to_row()
        db = self._account_db(profile.account)
        with _storage(db).transaction():
            _ensure_meta(db, "account", profile.account)
            _put_doc(db, PROFILE, PROFILE_ID, row)

    @_locked
    def has_account(self, account: str) -> bool:
        """True if ``account`` has a stored profile, log entries or schedules under its own key."""
        validate_key(account)
        return self._account_exists(account) or bool(self._own_schedule_rows(account))

    # --- log -----------------------------------------------------------------------------------------

    @_locked
    def add_entry(self, account: str, entry: LogEntry) -> LogEntry:
        """Store ``entry`` with the next id (ids are never reused, even after a pop); durable once
        `flush`/`sync` returns. An account's first entry creates its file; later ones are journal lines
        (storage/journal.py) that checkpoints write into the file."""
        validate_key(account)
        _check(entry, LogEntry, "entry")
        db = self._account_db(account)
        data = _storage(db).read()
        meta = data.get(META, {}).get(META_ID) if data else None
        if meta is None or data is None or self._writer.inline:
            return self._add_entry_to_file(db, account, entry)
        rows = data.setdefault(ENTRIES, {})
        next_id = _next_entry_id(meta, rows)
        stored = replace(entry, id=next_id)
        row = ENTRY_ROWS.to_row(stored)
        line = encode_record(account, next_id, row)  # refuses an unserialisable row before any change
        row = _untracked_row(row)
        # In place, under the store lock: TinyDB reads these dicts, the checkpoint encodes them.
        rows[str(next_id)] = row
        meta["last_entry_id"] = next_id
        with self._pending_lock:  # held so that a failure callback cannot run before this is recorded
            segment = self._writer.append(line, functools.partial(self._journal_failed, account, next_id))
            self._journaled.setdefault(account, []).append((segment, next_id, row))
        self._newest_line_segment = segment
        self._journal_lines += 1
        cached = self._entry_cache.get(account)
        if cached is not None and cached.rows is rows and cached.size == len(rows) - 1:
            cached.appended(stored)
        running = self._checkpoint_upto is not None
        if running or self._journal_lines >= CHECKPOINT_LINES or len(self._journaled) > CHECKPOINT_ACCOUNTS:
            self._checkpoint_step(CHECKPOINT_STEP)
        return stored

    def _add_entry_to_file(self, db: TinyDB, account: str, entry: LogEntry) -> LogEntry:
        with _storage(db).transaction():
            _ensure_meta(db, "account", account)
            rows = _rows(db, ENTRIES)
            next_id = _next_entry_id(_meta(db), rows)
            stored = replace(entry, id=next_id)
            db.table(ENTRIES).insert(Document(ENTRY_ROWS.to_row(stored), doc_id=next_id))
            db.table(META).update({"last_entry_id": next_id}, doc_ids=[int(META_ID)])
        return stored

    def _entries_of(self, account: str) -> _EntryCache:
        """The account's entry cache, kept in step by `add_entry`. TinyDB builds a new table dict on
        every other write (and a reload reads a new one), so the cache is valid exactly while it
        refers to the current dict, at the size it knew."""
        rows = _rows(self._account_db(account), ENTRIES)
        cached = self._entry_cache.get(account)
        if cached is None or cached.rows is not rows or cached.size != len(rows):
            cached = _EntryCache(rows, len(rows))
            self._entry_cache[account] = cached
        return cached

    @_locked
    def entries(self, account: str, exercise: str | None = None) -> list[LogEntry]:
        """Log entries in the order logged (by id), optionally of one exercise."""
        validate_key(account)
        cached = self._entries_of(account)
        return list(cached.every() if exercise is None else cached.of(exercise))

    @_locked
    def last_entry(self, account: str) -> LogEntry | None:
        validate_key(account)
        every = self._entries_of(account).every()
        return every[-1] if every else None

    @_locked
    def pop_last_entry(self, account: str) -> LogEntry | None:
        validate_key(account)
        last = self.last_entry(account)
        if last is None:
            return None
        db = self._account_db(account)
        with _storage(db).transaction():
            db.table(ENTRIES).remove(doc_ids=[last.id])
        return last

    @_locked
    def remove_entry(self, account: str, entry_id: int) -> LogEntry | None:
        """Remove the entry with id ``entry_id`` (an "Undo" button names its own entry); the removed
        entry, or None if the account has no such entry."""
        validate_key(account)
        entry = next((e for e in self._entries_of(account).every() if e.id == entry_id), None)
        if entry is None:
            return None
        db = self._account_db(account)
        with _storage(db).transaction():
            db.table(ENTRIES).remove(doc_ids=[entry_id])
        return entry

    @_locked
    def entry_count(self, account: str) -> int:
        validate_key(account)
        return len(_rows(self._account_db(account), ENTRIES))

    # --- schedules -----------------------------------------------------------------------------------

    def _own_schedule_rows(self, account: str) -> list[tuple[int, Row]]:
        """(doc id, row) of ``account``'s schedules, by schedule id.

        Served from a per-shard index by account. TinyDB builds a new table dict on every write (and a
        rollback reloads the file), so the index is valid exactly while it refers to the current dict.
        """
        shard = shard_of(account)
        rows = _rows(self._shard_db(shard), SCHEDULES)
        cached = self._shard_index.get(shard)
        if cached is None or cached[0] is not rows:
            index: dict[str, list[tuple[int, Row]]] = {}
            for k, r in rows.items():
                index.setdefault(r.get("account", ""), []).append((int(k), r))
            for own in index.values():
                own.sort(key=lambda kv: kv[1].get("id", 0))
            cached = (rows, index)
            self._shard_index[shard] = cached
        return list(cached[1].get(account, ()))

    def _find_schedule(self, account: str, schedule_id: int) -> tuple[int, Row] | None:
        for doc_id, row in self._own_schedule_rows(account):
            if row.get("id") == schedule_id:
                return doc_id, row
        return None

    @_locked
    def add_schedule(self, schedule: Schedule) -> Schedule:
        """Store a new schedule with the account's next id (max + 1) and ``created_at`` if empty."""
        _check(schedule, Schedule, "schedule")
        validate_key(schedule.account)
        own = self._own_schedule_rows(schedule.account)
        stored = replace(
            schedule,
            id=max((r.get("id", 0) for _, r in own), default=0) + 1,
            created_at=schedule.created_at or self._clock().isoformat(timespec="seconds"),
        )
        db = self._shard_db(shard_of(schedule.account))
        with _storage(db).transaction():
            _ensure_meta(db, "schedules")
            db.table(SCHEDULES).insert(SCHEDULE_ROWS.to_row(stored))
        return stored

    @_locked
    def schedules(self, account: str) -> list[Schedule]:
        validate_key(account)
        return [SCHEDULE_ROWS.from_row(r) for _, r in self._own_schedule_rows(account)]

    @_locked
    def get_schedule(self, account: str, schedule_id: int) -> Schedule | None:
        validate_key(account)
        found = self._find_schedule(account, schedule_id)
        return SCHEDULE_ROWS.from_row(found[1]) if found else None

    @_locked
    def update_schedule(self, schedule: Schedule) -> None:
        """Replace a stored schedule (matched by account and id). KeyError if there is none."""
        self.update_schedules([schedule])

    @_locked
    def update_schedules(self, schedules: Iterable[Schedule]) -> None:
        """Replace several stored schedules: one write per shard touched. If any is unknown (KeyError)
        or not a Schedule (TypeError), nothing is written."""
        by_shard: dict[int, dict[tuple[str, int], Row]] = {}
        doc_ids: dict[int, list[int]] = {}
        for s in list(schedules):
            _check(s, Schedule, "schedule")
            validate_key(s.account)
            found = self._find_schedule(s.account, s.id)
            if found is None:
                raise KeyError(f"no schedule {s.uid}")
            shard = shard_of(s.account)
            by_shard.setdefault(shard, {})[(s.account, s.id)] = SCHEDULE_ROWS.to_row(s)
            doc_ids.setdefault(shard, []).append(found[0])
        for shard, new_rows in by_shard.items():
            db = self._shard_db(shard)

            def replace_row(doc: dict[str, Any], new_rows: dict[tuple[str, int], Row] = new_rows) -> None:
                new = new_rows[(doc["account"], doc["id"])]
                doc.clear()
                doc.update(new)

            with _storage(db).transaction():
                db.table(SCHEDULES).update(replace_row, doc_ids=doc_ids[shard])

    @_locked
    def remove_schedule(self, account: str, schedule_id: int) -> Schedule | None:
        validate_key(account)
        found = self._find_schedule(account, schedule_id)
        if found is None:
            return None
        db = self._shard_db(shard_of(account))
        with _storage(db).transaction():
            db.table(SCHEDULES).remove(doc_ids=[found[0]])
        return SCHEDULE_ROWS.from_row(found[1])

    @_locked
    def remove_schedules(self, account: str) -> list[Schedule]:
        validate_key(account)
        return self._remove_own_schedules(account)

    def _remove_own_schedules(self, account: str) -> list[Schedule]:
        own = self._own_schedule_rows(account)
        if own:
            db = self._shard_db(shard_of(account))
            with _storage(db).transaction():
                db.table(SCHEDULES).remove(doc_ids=[doc_id for doc_id, _ in own])
        return [SCHEDULE_ROWS.from_row(r) for _, r in own]

    def all_schedules(self) -> Iterator[Schedule]:
        """Every schedule, shard by shard (each shard copied under the lock, so writes may go on)."""
        for shard in range(SHARDS):
            with self._lock:
                if self._closed:
                    raise StoreClosedError("the store is closed")
                batch = [SCHEDULE_ROWS.from_row(r) for r in _rows(self._shard_db(shard), SCHEDULES).values()]
            yield from batch

    # --- deletion ------------------------------------------------------------------------------------

    @_locked
    def delete_account(self, account: str) -> None:
        """Remove every trace of ``account``: its profile, entries and schedules, the links of and to it
        (identities linked to it resolve to themselves again, empty), link codes naming it or one of
        those identities, its file, the outbox folders and quarantined files of it and of those
        identities."""
        validate_key(account)
        linked = {u for u, a in self._link_map.items() if a == account} | {account}
        quarantine.record_deletion(self.data_dir, linked, self._clock(), durable=self._durable)

        def change(db: TinyDB) -> None:
            for table, doomed in (
                (LINKS, lambda r: r.get("user") == account or r.get("account") == account),
                (CODES, lambda r: r.get("user") in linked or r.get("account") == account),
                (MERGES, lambda r: r.get("user") == account or r.get("account") == account),
            ):
                ids = [int(k) for k, r in _rows(db, table).items() if doomed(r)]
                if ids:
                    db.table(table).remove(doc_ids=ids)

        with self._exclusive():
            self._links_write(change)
            self._remove_own_schedules(account)
            self._drop_account_file(account)
            # What else names them: charts and exports the console saved, and files set aside as
            # damaged (the journal holds none of their lines now: `_exclusive` checkpointed it).
            for user in linked:
                shutil.rmtree(outbox_path(self.data_dir, user), ignore_errors=True)
                self._damaged.discard(quarantine.account_stem(user))
            quarantine.remove_account_files(self.data_dir, linked, durable=self._durable)

    # --- bulk writers (benchmarks, imports) ------------------------------------------------------------

    @staticmethod
    def bulk_write_account(
        data_dir: Path,
        account: str,
        entries: list[LogEntry],
        profile: Profile | None = None,
        *,
        durable: bool = False,
    ) -> None:
        """Write (replace) an account file directly in the store's format. Entries keep their ids when
        set (others get the next ids). Atomic; fsynced only with ``durable``. Use on a closed store."""
        validate_key(account)
        if profile is not None:
            _check(profile, Profile, "profile")
            if profile.account != account:
                raise ValueError(f"profile of {profile.account!r} given for {account!r}")
        rows = _entry_rows(entries)
        meta = new_meta("account", account)
        meta["last_entry_id"] = max((int(k) for k in rows), default=0)
        data: dict[str, dict[str, Any]] = {META: {META_ID: meta}, ENTRIES: rows}
        if profile is not None:
            data[PROFILE] = {str(PROFILE_ID): profile.to_row()}
        path = account_path(Path(data_dir), account)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, encode(data), durable=durable)

    @staticmethod
    def bulk_write_schedules(data_dir: Path, schedules: list[Schedule], *, durable: bool = False) -> None:
        """Add (or replace, by account and id) schedules in their shards, one write per shard. Ids must
        be set (>= 1). Atomic per shard; fsynced only with ``durable``. Use on a closed store."""
        by_shard: dict[int, dict[tuple[str, int], Row]] = {}
        for s in schedules:
            _check(s, Schedule, "schedule")
            validate_key(s.account)
            if s.id < 1:
                raise ValueError(f"schedule id must be set, got {s.uid}")
            by_shard.setdefault(shard_of(s.account), {})[(s.account, s.id)] = SCHEDULE_ROWS.to_row(s)
        for shard, new in by_shard.items():
            path = shard_path(Path(data_dir), shard)
            try:
                data = decode(path.read_bytes(), path)
            except FileNotFoundError:
                data = None
            if data is None:
                data = {META: {META_ID: new_meta("schedules")}}
            data, _ = migrate(data, "schedules")
            table = data.setdefault(SCHEDULES, {})
            index = {(r.get("account"), r.get("id")): k for k, r in table.items()}
            next_doc = max((int(k) for k in table), default=0)
            for key, row in new.items():
                doc_id = index.get(key)
                if doc_id is None:
                    next_doc += 1
                    doc_id = str(next_doc)
                table[doc_id] = row
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, encode(data), durable=durable)

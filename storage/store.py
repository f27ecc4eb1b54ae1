"""The store: profiles, logs, schedules and identity links on TinyDB, crash-safe and flat to write.

Layout (see ``storage.layout``): one TinyDB file per account (profile + log entries); schedules in
``SHARDS`` small shard files by a stable hash of the account, so a /remind rewrites one shard; links and
link codes in ``links.json``. Every file goes through ``AtomicJSONStorage`` (temp file, fsync,
``os.replace``, fsync of the folder) and is read once, then served from memory. At most ``cache_size``
account files are held open (LRU); shards stay open once read.

TinyDB is used through its public API only (``TinyDB``, ``db.table``, ``Table.insert``/``update``/
``remove``/``all``/``get``, ``Document``). What the store answers from is its own: per account a list
of ``Entry`` models (the file's documents plus the journal lines not yet in it), per shard an index
of schedule ids by account. Its methods keep them in step with their writes; whenever the
storage drops its cache (a failed or refused write), the view is dropped too and built again from the
file.

A logged entry (after an account's first), an edit and a removal are each made durable as one line of
the write-ahead journal (``storage.journal``) instead of a rewrite of the account file; checkpoints write the lines into the
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

import bisect
import contextlib
import functools
import itertools
import logging
import os
import secrets
import shutil
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, Concatenate, Generic, NamedTuple, ParamSpec, TypeVar, cast

from tinydb import TinyDB
from tinydb.table import Document

from domain.identity import Identity
from storage import deletions, quarantine
from storage.atomic import (
    AtomicJSONStorage,
    CorruptFileError,
    fsync_dir,
    remove_stale_temp_files,
)
from storage.journal import (
    JOURNAL_DIR,
    OP_KEY,
    PROFILE_KEY,
    REMOVED_KEY,
    Record,
    encode_record,
    list_segments,
    read_segment,
)
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
    PUSHES_DIR,
    SCHEDULE_ROWS,
    SCHEDULES,
    SCHEDULES_DIR,
    SHARDS,
    SPLITS,
    FileKind,
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
from storage.models import (
    MAX_ENTRY_ID,
    Entry,
    LinkCode,
    Profile,
    Schedule,
    entry_problem,
    link_problem,
    profile_problem,
    profile_unusable,
    schedule_problem,
    upgrade_entry_row,
)
from storage.writer import BackgroundWriter, StorageWriteError

__all__ = ["DataDirLocked", "Store", "SchemaError", "StoreClosedError"]

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
V = TypeVar("V")
Index = dict[str, list[tuple[int, int]]]  # a shard's schedules: account -> [(doc id, schedule id)]
Row = dict[str, Any]
Data = dict[str, dict[str, Any]]


META_DOC = int(META_ID)


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
# Accounts with lines waiting stay in memory (see `_account_file`); this bounds how many.
CHECKPOINT_ACCOUNTS = 1024
LAST_OP = "last_op"  # in an account file's _meta: the seq of the last edit or removal it holds


@dataclass(frozen=True)
class _Op:
    """An edit (``entry`` set) or a removal (``entry`` None) of entry ``entry_id``, or with ``profile``
    the account's new profile, as a journal line. ``seq`` counts an account's edits, removals and
    profile changes: a line is applied only if its seq is above the file's ``last_op`` (the changes the
    file holds already), so replaying is idempotent."""

    seq: int
    entry_id: int
    entry: Entry | None
    profile: Profile | None = None


Item = Entry | _Op  # what one journal line holds: a new entry, or an edit or removal


def _op_row(op: _Op) -> Row:
    """The journal row of an edit (the entry's row) or a removal, marked with its seq."""
    row: Row = {OP_KEY: op.seq}
    if op.profile is not None:
        row[PROFILE_KEY] = True
        row.update(op.profile.to_row())
    elif op.entry is None:
        row[REMOVED_KEY] = True
    else:
        row.update(ENTRY_ROWS.to_row(op.entry))
    return row


def _item_of(account: str, entry_id: int, row: Row) -> Item:
    """A journal line's item (rows of older releases read forward). Raises ValueError for a row the
    models cannot read: applied, it would fail every later command of its owner."""
    seq = row.get(OP_KEY)
    if isinstance(seq, int) and row.get(PROFILE_KEY):
        fields = {k: v for k, v in row.items() if k not in (OP_KEY, PROFILE_KEY)}
        if problem := profile_problem(fields):
            raise ValueError(f"a profile with {problem}")
        if wrong := profile_unusable(fields):  # (a zone tzdata dropped since): the line is kept aside
            raise ValueError(f"a profile with {wrong}")
        return _Op(seq, 0, None, Profile.from_row({**fields, "account": account}))
    if isinstance(seq, int) and row.get(REMOVED_KEY):
        return _Op(seq, entry_id, None)
    if problem := entry_problem(upgrade_entry_row(row)):
        raise ValueError(f"an entry with {problem}")
    if entry_id > MAX_ENTRY_ID:  # (an edit's or removal's id is checked against the entries it finds)
        raise ValueError(f"entry id {entry_id} above {MAX_ENTRY_ID}")
    entry = replace(ENTRY_ROWS.from_row(row), id=entry_id)
    return _Op(seq, entry_id, entry) if isinstance(seq, int) else entry


def _trained(entry: Entry) -> tuple[datetime, int]:
    """The order entries were trained in (`domain.training.chronological`)."""
    return entry.at, entry.id


def _move(ordered: list[Entry], old: Entry, new: Entry | None) -> None:
    """In a list by (at, id): ``old`` taken out, ``new`` (if any) put in its place in the order."""
    i = bisect.bisect_left(ordered, _trained(old), key=_trained)
    if i < len(ordered) and ordered[i].id == old.id:
        del ordered[i]
    if new is not None:
        bisect.insort(ordered, new, key=_trained)


def _by_id(entries: list[Entry], entry_id: int) -> int | None:
    """The index of entry ``entry_id`` in ``entries`` (sorted by id), or None."""
    i = bisect.bisect_left(entries, entry_id, key=attrgetter("id"))
    return i if i < len(entries) and entries[i].id == entry_id else None


_VIEW_SERIALS = itertools.count(1)  # a view built again is another view: marks of the old one are stale
_CHANGES_KEPT = 4096  # changes remembered after a mark; past it, every mark is stale (a fresh start)


class LogMark(NamedTuple):
    """Where an account's log stood (`Store.log_mark`): what a caller worked out from the log then
    holds until `Store.changed_before` says an entry it read was logged, edited or removed since."""

    view: int
    changes: int


@dataclass
class _View:
    """The store's own picture of one account, as models: never TinyDB's dicts. Built from the file's
    documents through the public Table API plus the journal lines not yet in the file, then kept in
    step by the store's methods; dropped (and built again) when the file's cache is dropped."""

    exists: bool  # the file has its _meta: a profile or an entry was saved
    last_id: int  # the id counter, journal lines included (ids are never reused)
    saved_id: int  # ``last_entry_id`` as handed to TinyDB: entries above it are journal lines only
    profile: Profile | None
    entries: list[Entry]  # by id
    last_op: int = 0  # the edit/removal counter, journal lines included
    saved_op: int = 0  # ``last_op`` as handed to TinyDB
    ops: list[_Op] = field(default_factory=list)  # edits and removals that are journal lines only
    # Indexes made on first use and then kept in step entry by entry: filtering or sorting a five-year
    # log on every /log cost milliseconds (bench/scale_bench.py, the heavy user).
    _by_exercise: dict[str, list[Entry]] | None = None  # each by id
    _by_time: list[Entry] | None = None  # by (at, id): the order trained
    _trained_by_exercise: dict[str, list[Entry]] | None = None  # each by (at, id)
    serial: int = field(default_factory=lambda: next(_VIEW_SERIALS))
    # The trained time of each entry appended, edited or removed since the first mark was taken (None:
    # no mark yet, nothing to remember).
    changes: list[datetime] | None = None

    def mark(self) -> LogMark:
        if self.changes is None:
            self.changes = []
        return LogMark(self.serial, len(self.changes))

    def changed_before(self, mark: LogMark, when: datetime) -> bool:
        if mark.view != self.serial or self.changes is None:
            return True
        return any(at < when for at in self.changes[mark.changes :])

    def _changed(self, at: datetime) -> None:
        if self.changes is None:
            return
        if len(self.changes) >= _CHANGES_KEPT:  # bounded: every mark taken so far is stale now
            self.serial, self.changes = next(_VIEW_SERIALS), []
        self.changes.append(at)

    def of_exercise(self, exercise: str) -> list[Entry]:
        """The entries of ``exercise``, by id (a copy)."""
        if self._by_exercise is None:
            index: dict[str, list[Entry]] = {}
            for e in self.entries:
                index.setdefault(e.exercise, []).append(e)
            self._by_exercise = index
        return list(self._by_exercise.get(exercise, ()))

    def trained_since(self, since: datetime) -> list[Entry]:
        """The entries trained at or after ``since``, in the order trained (a copy)."""
        if self._by_time is None:
            self._by_time = sorted(self.entries, key=_trained)
        return self._by_time[bisect.bisect_left(self._by_time, since, key=attrgetter("at")) :]

    def of_exercise_trained(self, exercise: str) -> list[Entry]:
        """The entries of ``exercise`` in the order trained, by (at, id) (a copy)."""
        if self._trained_by_exercise is None:
            index: dict[str, list[Entry]] = {}
            for e in sorted(self.entries, key=_trained):
                index.setdefault(e.exercise, []).append(e)
            self._trained_by_exercise = index
        return list(self._trained_by_exercise.get(exercise, ()))

    def _reindex(self, old: Entry, new: Entry | None) -> None:
        """The indexes made so far, with ``old`` replaced by ``new`` (None: removed)."""
        if self._by_exercise is not None:
            same = self._by_exercise.get(old.exercise, [])
            i = _by_id(same, old.id)
            if i is not None:
                del same[i]
            if new is not None:
                bisect.insort(self._by_exercise.setdefault(new.exercise, []), new, key=attrgetter("id"))
        if self._by_time is not None:
            _move(self._by_time, old, new)
        if self._trained_by_exercise is not None:
            _move(self._trained_by_exercise.get(old.exercise, []), old, None)
            if new is not None:
                bisect.insort(self._trained_by_exercise.setdefault(new.exercise, []), new, key=_trained)

    def apply(self, op: _Op) -> None:
        """An edit, removal or profile change (the journal line is written, or being replayed)."""
        if op.profile is not None:
            self.profile, self.exists = op.profile, True
            index = None
        else:
            index = _by_id(self.entries, op.entry_id)
        if index is not None:
            old = self.entries[index]
            if op.entry is None:
                del self.entries[index]
            else:
                self.entries[index] = op.entry
            self._reindex(old, op.entry)
            self._changed(old.at if op.entry is None else min(old.at, op.entry.at))
        self.ops.append(op)
        self.last_op = max(self.last_op, op.seq)

    def mark_saved(self) -> None:
        """The file now holds every entry, edit and removal so far."""
        self.saved_id, self.saved_op, self.ops = self.last_id, self.last_op, []

    def next_id(self) -> int:
        """The id after ``last_id``, or after the largest entry if a hand-edited counter lags."""
        next_id = self.last_id + 1
        if self.entries and self.entries[-1].id >= next_id:
            next_id = self.entries[-1].id + 1
        return next_id

    def append(self, entry: Entry) -> None:
        self.entries.append(entry)
        if self._by_exercise is not None:
            self._by_exercise.setdefault(entry.exercise, []).append(entry)  # ids only grow
        if self._by_time is not None:
            bisect.insort(self._by_time, entry, key=_trained)
        if self._trained_by_exercise is not None:
            bisect.insort(self._trained_by_exercise.setdefault(entry.exercise, []), entry, key=_trained)
        self.last_id = max(self.last_id, entry.id)
        self._changed(entry.at)

    def unsaved(self) -> list[Entry]:
        """Entries that are journal lines only (the newest ones)."""
        n = len(self.entries)
        while n and self.entries[n - 1].id > self.saved_id:
            n -= 1
        return self.entries[n:]


class _File(Generic[V]):
    """One open TinyDB file and the store's own view of it, built from the file on first use. The
    storage drops the view whenever it drops its cache (a failed or rolled-back write, a failed journal
    line), from whichever thread noticed, so a view never outlives the data it was built from."""

    def __init__(self, db: TinyDB, build: Callable[[TinyDB], V]) -> None:
        self.db = db
        self._build = build
        self._view: V | None = None
        self._drops = 0
        self._guard = threading.Lock()  # the writer thread may drop the view while one is built
        # Held weakly: a file evicted from the cache is then freed by reference counting at once, not
        # left as a cycle (file → db → storage → file) for a full collection to find (bot.GC_THRESHOLDS).
        drop = weakref.WeakMethod(self.drop)
        self.storage.on_invalidate = lambda: _call_if_alive(drop)

    @property
    def storage(self) -> AtomicJSONStorage:
        return _storage(self.db)

    @property
    def drops(self) -> int:
        return self._drops

    def keep(self, view: V, drops: int) -> None:
        """Keep ``view``, built by the caller from the data as it was at ``drops``, unless one is kept
        or the data was dropped since."""
        with self._guard:
            if self._view is None and self._drops == drops:
                self._view = view

    def held(self) -> V | None:
        """The view if one is kept, else None (nothing is built)."""
        return self._view

    def view(self) -> V:
        view = self._view
        if view is None:
            drops = self._drops
            view = self._build(self.db)
            self.keep(view, drops)  # not if built from data dropped meanwhile: then used once only
        return view

    def drop(self) -> None:
        with self._guard:
            self._view = None
            self._drops += 1


def _call_if_alive(ref: weakref.WeakMethod[Callable[[], None]]) -> None:
    method = ref()
    if method is not None:
        method()


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


def _docs(db: TinyDB, table: str) -> list[Document]:
    """A table's documents (copies, with ``doc_id``) through TinyDB's public API."""
    return db.table(table).all()


def _schedule_index(db: TinyDB) -> Index:
    return _index_of(_docs(db, SCHEDULES))


def _index_of(docs: list[Document]) -> Index:
    """A shard's schedules by account: (doc id, schedule id), by schedule id. Ids only: a schedule is
    read from its table when asked for (every schedule kept as a model costs ~50 MB at 100,000)."""
    index: Index = {}
    for doc in docs:
        pair = (doc.doc_id, doc.get("id", 0))
        own = index.get(account := doc.get("account", ""))
        if own is None:  # (most accounts have one schedule: no list to sort, no setdefault default)
            index[account] = [pair]
        else:
            own.append(pair)
    for own in index.values():
        if len(own) > 1:
            own.sort(key=itemgetter(1))
    return index


# What a row of each table must hold (storage/models.py); a table not named: any object.
_ROW_CHECKS: dict[str, Callable[[object], str | None]] = {
    ENTRIES: entry_problem,
    PROFILE: profile_problem,
    SCHEDULES: schedule_problem,
    LINKS: functools.partial(link_problem, keys=("user", "account")),
    MERGES: functools.partial(link_problem, keys=("user", "account", "token")),
    SPLITS: functools.partial(link_problem, keys=("user", "account", "token")),
    CODES: functools.partial(link_problem, keys=("code", "user", "account", "expires_at")),
}


def _split_ids(doc: dict[str, Any]) -> list[int]:
    """The schedule ids of a splits row (any that is not a whole number is left out)."""
    ids = doc.get("schedules")
    return [i for i in ids if type(i) is int] if isinstance(ids, list) else []


def _row_problem(table: str, key: str, row: object) -> str | None:
    if table == ENTRIES and (not key.isdigit() or int(key) > MAX_ENTRY_ID):
        return f"id {key!r}"
    check = _ROW_CHECKS.get(table)
    return check(row) if check is not None else None if isinstance(row, dict) else "not a row"


def _with_last_entry_id_repaired(path: Path, data: Data, bad: dict[str, Any]) -> tuple[Data, bool]:
    """An account file's counter of entry ids put back in step with the entries it holds: below the
    highest (a hand edit, a bad disk), the next /log would reuse an id and fail its checkpoint; above
    MAX_ENTRY_ID, every later entry could not be edited. New ids then go on from the highest held."""
    meta = data[META][META_ID]
    last = meta.get("last_entry_id", 0)
    held = max((int(k) for k in data.get(ENTRIES, {}) if k not in bad), default=0)
    fixed = held if last > MAX_ENTRY_ID else max(last, held)
    if fixed == last:
        return data, False
    log.warning("%s: last_entry_id %d repaired to %d (the highest entry id held)", path, last, fixed)
    return {**data, META: {**data[META], META_ID: {**meta, "last_entry_id": fixed}}}, True


def _row_owner(row: object) -> str | None:
    """The account a damaged row of a shared file belongs to, if it still says (so its user is told
    and /deleteme finds the copy): a link's user (whose account it was), else its account."""
    for name in ("user", "account"):
        owner = row.get(name) if isinstance(row, dict) else None
        if isinstance(owner, str):
            try:
                validate_key(owner)
            except ValueError:
                continue
            return owner
    return None


def _ensure_meta(db: TinyDB, kind: FileKind, key: str = "") -> None:
    if not db.table(META).contains(doc_id=META_DOC):
        db.table(META).insert(Document(new_meta(kind, key), doc_id=META_DOC))


def _replace_doc(row: Row, doc: dict[str, Any]) -> None:
    doc.clear()
    doc.update(row)


def _check(value: object, cls: type, what: str) -> None:
    if not isinstance(value, cls):
        raise TypeError(f"{what} must be a {cls.__name__}, got {type(value).__name__}")


def _utc_now() -> datetime:
    return datetime.now(UTC)


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


def _check_entry(entry: object, *, readable: bool = True) -> Entry:
    """``entry`` as stored: an Entry whose time is aware, in UTC. With ``readable`` (not for bulk
    writes: a benchmark's millions of rows), also one the next open would not set aside as unreadable
    (`storage.models.entry_problem`). Raises TypeError/ValueError."""
    _check(entry, Entry, "entry")
    assert isinstance(entry, Entry)
    at = entry.at
    if not isinstance(at, datetime) or at.tzinfo is None:
        raise ValueError(f"an entry's time must be an aware datetime, got {at!r}")
    if at.tzinfo is not UTC:
        entry = replace(entry, at=at.astimezone(UTC))
    if readable and (problem := entry_problem(row := ENTRY_ROWS.to_row(entry))):
        encode_record("", 0, row)  # a value JSON cannot hold is a TypeError, as on every other write
        raise ValueError(f"an entry with {problem} would not read back")
    return entry


def _entry_rows(entries: Iterable[Entry]) -> dict[str, Row]:
    """Rows by id for ``bulk_write_account``: ids kept when set, else the next after the largest."""
    entries = [_check_entry(e, readable=False) for e in entries]
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
        default_units: str = "kg",
        default_timezone: str = "UTC",
    ) -> None:
        self.data_dir = Path(data_dir)
        # DEFAULT_UNITS / DEFAULT_TIMEZONE: a new user's, and what a stored one no command can use falls
        # back to (`_with_profile_fallbacks`).
        self._new_profile_fields = {"units": default_units, "timezone": default_timezone}
        # First of all: nothing below (temp-file cleanup, journal replay) may touch a folder that
        # another process is using. Raises DataDirLocked.
        self._folder_lock = acquire_data_dir(self.data_dir)
        self._lock = threading.RLock()
        self._closed = False
        self._durable = durable
        self._clock = clock
        self._cache_size = max(1, cache_size)
        self._accounts: OrderedDict[str, _File[_View]] = OrderedDict()
        self._shards: dict[int, _File[Index]] = {}
        # (and pending pushes: storage/pushes.py, whose files live beside the store's)
        folders = [
            self.data_dir,
            self.data_dir / ACCOUNTS_DIR,
            self.data_dir / SCHEDULES_DIR,
            self.data_dir / PUSHES_DIR,
        ]
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
        # The process is the single writer: any temporary file now is a leftover of a killed write.
        self.stale_temp_files_removed: int = sum(remove_stale_temp_files(f) for f in folders)
        # /log lines go to the journal first (storage/journal.py): account -> (segment, entry) of lines
        # that are durable but perhaps not yet in the account's file.
        self._journal_dir = self.data_dir / JOURNAL_DIR
        self._pending_lock = threading.Lock()  # guards _journaled (the writer thread reads it too)
        self._journaled: dict[str, list[tuple[int, Item]]] = {}
        self._journal_lines = 0  # since the last checkpoint started
        self._log_changes = 0  # entries logged, edited or removed (see `log_changes`)
        self._links_changes = 0  # writes of links.json, which bypass the writer (see `changes`)
        self._checkpoint_accounts: list[str] = []  # still to be written for the running checkpoint
        self._checkpoint_upto: int | None = None  # its last segment
        self._rotated_upto = 0  # the last segment of the newest checkpoint started
        self._newest_line_segment = 0  # the segment of the newest journal line
        self._recheckpoint = False  # set by the writer thread when a checkpoint's retire was skipped
        # Files in quarantine not yet restored: their users are told once per file, restarts included
        # (a listing of a folder that is normally empty or missing, not a read of any account).
        self._damaged = quarantine.DamageNotices(self.data_dir, durable=durable)
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
        self._linked_platforms: dict[str, set[str]] = {}  # account -> platforms of its linked identities
        self._reload_link_map()
        self.journal_lines_replayed = self._replay(left_over)
        with self._writer.synchronous():
            for doc in _docs(self._links, MERGES):
                exercises = doc.get("exercises")
                exercises = exercises if isinstance(exercises, str) else None
                self._finish_merge(doc["user"], doc["account"], doc["token"], exercises)
            for doc in _docs(self._links, SPLITS):
                self._finish_split(doc["user"], doc["account"], doc["token"], _split_ids(doc))
        self._finish_deletion()

    def _finish_deletion(self) -> None:
        """Finish a /deleteme a kill cut short (its journal lines, just replayed, go with it)."""
        try:
            left = deletions.under_way(self.data_dir)
        except (ValueError, KeyError, TypeError) as exc:  # the note itself is damaged: kept for the operator
            moved = quarantine.set_aside(
                self.data_dir, self.data_dir / deletions.UNDER_WAY, durable=self._durable
            )
            log.error("unreadable note of a deletion under way (%s) set aside as %s", exc, moved)
            return
        if left is not None:
            log.warning("finishing a deletion a stop cut short (%d identities)", len(left[1]))
            self._delete(*left)

    # --- files -------------------------------------------------------------------------------------

    def _open(self, path: Path, kind: FileKind, key: str = "") -> TinyDB:
        """Open one file, migrating it to the current schema (and checking whose it is)."""
        # links.json stays synchronous: the merge journal relies on its writes landing in order.
        writer = None if kind == "links" else self._writer
        if writer is not None:
            writer.settle(path)  # a file evicted from the cache may still have a snapshot queued
        db = TinyDB(path, storage=AtomicJSONStorage, durable=self._durable, writer=writer)
        storage = _storage(db)
        changed = False
        try:
            data = storage.read()
            if data is not None:
                data, changed = migrate(data, kind, key)
                data, cleaned = self._without_bad_rows(path, kind, key, data)
                changed = changed or cleaned
        except NewerSchemaError:
            storage.invalidate()
            raise
        except (CorruptFileError, SchemaError, ValueError, TypeError) as exc:
            # TypeError/ValueError: a decodable file whose meta holds nonsense (a hand edit, a bad disk)
            data = self._set_aside(storage, kind, key, exc)
        if data is not None and changed:  # migrations and set-aside rows are rare: write them through
            with writer.synchronous() if writer is not None else contextlib.nullcontext():
                storage.write(data)
        return db

    def _without_bad_rows(self, path: Path, kind: FileKind, key: str, data: Data) -> tuple[Data, bool]:
        """A file's data without the rows the models cannot read (each would fail every later command
        of its owner, or, in a shared file, the start for everyone): they are copied to quarantine
        first (a shared file's per owner, named by its stem), then left out of the live file, and the
        owner is told. Raises SchemaError for an account file that is not ``key``'s (set aside whole)."""
        meta = data[META][META_ID]
        if kind == "account":
            if meta.get("account") != key:
                raise SchemaError(f"{path} belongs to {meta.get('account')!r}, not {key!r}")
            for counter in ("last_entry_id", LAST_OP):
                if type(meta.get(counter, 0)) is not int:
                    raise SchemaError(f"{path}: {counter} is {meta.get(counter)!r}")
        bad: dict[str | None, dict[str, dict[str, Any]]] = {}  # owner -> table -> rows
        for table, rows in data.items():
            for k, row in rows.items() if table != META else ():
                if problem := _row_problem(table, k, row):
                    log.error("%s: %s row %r unreadable (%s)", path, table, k, problem)
                    owner = None if kind == "account" else _row_owner(row)
                    bad.setdefault(owner, {}).setdefault(table, {})[k] = row
        if kind == "account":
            data, repaired = _with_last_entry_id_repaired(path, data, bad.get(None, {}).get(ENTRIES, {}))
            if PROFILE not in bad.get(None, {}):
                data, fell_back = self._with_profile_fallbacks(path, key, data)
                repaired = repaired or fell_back
            if not bad:
                return data, repaired
        if not bad:
            return data, False
        for owner, tables in bad.items():
            kept = {META: data[META], **tables}
            moved = quarantine.keep_rows(self.data_dir, path, kept, account=owner, durable=self._durable)
            log.error("%s: unreadable row(s) set aside as %s", path, moved)
            self._damaged.note(moved)
        gone = {(t, k) for tables in bad.values() for t, rows in tables.items() for k in rows}
        live = {t: {k: r for k, r in rows.items() if (t, k) not in gone} for t, rows in data.items()}
        return live, True

    def _with_profile_fallbacks(self, path: Path, key: str, data: Data) -> tuple[Data, bool]:
        """An account file's profile with each setting no command can use (`profile_unusable`: a zone
        tzdata dropped, units 'stone', level 'god') replaced by the default, the rest kept. Why not the
        whole row aside: one bad value would cost the user their kit, program and levels too. The row as
        it was is copied to quarantine first (so nothing is lost: the operator sees it in `quarantine
        list`), the user is told as of damaged data, and the file is written back with the fallback,
        so this happens once. A timezone that falls back counts as not chosen: /timezone is suggested."""
        row = data.get(PROFILE, {}).get(str(PROFILE_ID))
        if not isinstance(row, dict) or not (wrong := profile_unusable(row)):
            return data, False
        defaults = self.new_profile(key).to_row()
        fixed = {**row, **{name: defaults[name] for name in wrong}}
        if "timezone" in wrong:
            fixed["timezone_chosen"] = False
        kept = {META: data[META], PROFILE: {str(PROFILE_ID): row}}
        moved = quarantine.keep_rows(self.data_dir, path, kept, durable=self._durable)
        said = ", ".join(f"{name} {value!r} -> {defaults[name]!r}" for name, value in wrong.items())
        log.error(
            "%s: profile setting(s) no command can use replaced (%s); the row kept as %s", path, said, moved
        )
        self._damaged.note(moved)
        return {**data, PROFILE: {**data[PROFILE], str(PROFILE_ID): fixed}}, True

    def new_profile(self, account: str) -> Profile:
        """The profile of a user who has set nothing (DEFAULT_UNITS and DEFAULT_TIMEZONE)."""
        return Profile(account=account, **self._new_profile_fields)

    def _set_aside(self, storage: AtomicJSONStorage, kind: FileKind, key: str, exc: Exception) -> Data | None:
        """A file that does not decode is moved to quarantine (never rewritten): this start-up, and
        every other user, go on. The account starts afresh from the journal lines that wait for it,
        if any (they must not be lost), and its user is told (`take_damage_notice`)."""
        storage.invalidate()
        moved = quarantine.set_aside(self.data_dir, storage.path, durable=self._durable)
        log.error("damaged file set aside: %s (%s); moved to %s", storage.path, exc, moved)
        self._damaged.note(moved, [key] if kind == "account" else [])  # a shard, links: their users too
        if kind != "account":
            return None
        with self._pending_lock:
            lines = [item for _, item in self._journaled.get(key, ())]
        if not lines:
            return None
        view = _View(exists=True, last_id=0, saved_id=0, profile=None, entries=[])
        for item in lines:  # the lines' entries, with their edits and removals
            if isinstance(item, _Op):
                view.apply(item)
            else:
                view.append(item)
        meta = new_meta("account", key)
        meta.update({"last_entry_id": view.last_id, LAST_OP: view.last_op})
        data: Data = {META: {META_ID: meta}, ENTRIES: {str(e.id): ENTRY_ROWS.to_row(e) for e in view.entries}}
        with self._writer.synchronous():
            storage.write(data)
        return data

    def note_set_aside(self, moved: Path, accounts: Iterable[str] = ()) -> None:
        """Data beside the store's was just put in quarantine as ``moved`` (storage/pushes.py): the
        account its name ends with, and ``accounts``, are told as of their own data. Any thread."""
        self._damaged.note(moved, accounts)

    @_locked
    def take_damage_notice(self, account: str) -> str | None:
        """What to tell ``account``'s user about their data set aside in quarantine (once per file set
        aside, restarts included); else None."""
        return self._damaged.take(account, DAMAGE_NOTICE)

    def _account_file(self, account: str) -> _File[_View]:
        file = self._accounts.get(account)
        if file is not None:
            self._accounts.move_to_end(account)
            return file
        db = self._open(account_path(self.data_dir, account), "account", account)
        file = _File(db, functools.partial(self._build_view, account))
        self._accounts[account] = file
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
            excess -= 1
        return file

    def _account(self, account: str) -> tuple[TinyDB, _View]:
        """``account``'s file and the store's view of it (built from the file and the journal lines
        not in it when there is none)."""
        file = self._account_file(account)
        return file.db, file.view()

    def _build_view(self, account: str, db: TinyDB) -> _View:
        """The file's documents as models, plus the journal lines it does not hold yet."""
        meta = db.table(META).get(doc_id=META_DOC)
        saved = int(meta.get("last_entry_id", 0)) if meta is not None else 0
        saved_op = int(meta.get(LAST_OP, 0)) if meta is not None else 0
        profile = db.table(PROFILE).get(doc_id=PROFILE_ID)
        entries = []
        for doc in db.table(ENTRIES):
            e = ENTRY_ROWS.from_row(doc)
            entries.append(e if e.id == doc.doc_id else replace(e, id=doc.doc_id))  # the doc id rules
        entries.sort(key=lambda e: e.id)
        view = _View(
            exists=meta is not None,
            last_id=saved,
            saved_id=saved,
            profile=None if profile is None else Profile.from_row({**profile, "account": account}),
            entries=entries,
            last_op=saved_op,
            saved_op=saved_op,
        )
        if meta is not None:
            with self._pending_lock:
                lines = [item for _, item in self._journaled.get(account, ())]
            for item in lines:
                # ids and seqs only grow: a line at or below the file's is in it (or undone)
                if isinstance(item, _Op):
                    if item.seq > saved_op:
                        view.apply(item)
                elif item.id > saved:
                    view.append(item)
        return view

    def _save_journaled(self, db: TinyDB, view: _View) -> None:
        """Hand the account's journal-only entries, edits and removals to TinyDB (its public Table
        API); call inside a transaction, then `view.mark_saved()`. The file then records every id and
        op seq so far, so no line at or below them is replayed twice."""
        unsaved = view.unsaved()
        table = db.table(ENTRIES)
        if unsaved:
            table.insert_multiple(Document(ENTRY_ROWS.to_row(e), doc_id=e.id) for e in unsaved)
        if any(op.profile is not None for op in view.ops) and view.profile is not None:
            db.table(PROFILE).upsert(Document(view.profile.to_row(), doc_id=PROFILE_ID))  # the latest
        if view.ops:
            # The end state of each entry touched: one remove and one insert for all of them (each
            # TinyDB write walks the whole table, so not one per edit).
            final = {op.entry_id: op.entry for op in view.ops if op.profile is None}
            new = {e.id for e in unsaved}
            touched = [i for i in final if i not in new and table.contains(doc_id=i)]
            kept = [e for e in (final[i] for i in touched) if e is not None]
            if touched:
                table.remove(doc_ids=touched)
            if kept:
                table.insert_multiple(Document(ENTRY_ROWS.to_row(e), doc_id=e.id) for e in kept)
        if unsaved or view.ops or view.saved_id != view.last_id or view.saved_op != view.last_op:
            db.table(META).update({"last_entry_id": view.last_id, LAST_OP: view.last_op}, doc_ids=[META_DOC])

    def _drop_account_file(self, account: str) -> None:
        file = self._accounts.pop(account, None)
        storage = file.storage if file is not None else None
        if storage is None:
            storage = AtomicJSONStorage(account_path(self.data_dir, account), durable=self._durable)
        storage.delete()

    def _account_exists(self, account: str) -> bool:
        file = self._accounts.get(account)
        if file is not None:
            return file.storage.exists()
        path = account_path(self.data_dir, account)
        self._writer.settle(path)
        return path.exists()

    def _shard(self, shard: int) -> tuple[TinyDB, Index]:
        """A shard's file and the store's index of its schedules by account."""
        file = self._shard_file(shard)
        return file.db, file.view()

    def _shard_file(self, shard: int) -> _File[Index]:
        file = self._shards.get(shard)
        if file is None:
            db = self._open(shard_path(self.data_dir, shard), "schedules")
            file = self._shards[shard] = _File(db, _schedule_index)
        return file

    def _reload_link_map(self) -> None:
        self._link_map = {doc["user"]: doc["account"] for doc in _docs(self._links, LINKS)}
        platforms: dict[str, set[str]] = {}
        for user, account in self._link_map.items():
            platforms.setdefault(account, set()).add(Identity.parse(user).platform)
        self._linked_platforms = platforms

    def _links_write(self, change: Callable[[TinyDB], None]) -> None:
        """Run ``change`` on links.json as one atomic write; the in-memory map follows the file."""
        self._links_changes += 1
        try:
            with _storage(self._links).transaction():
                _ensure_meta(self._links, "links")
                change(self._links)
        finally:
            self._reload_link_map()

    async def flush(self) -> None:
        """Wait until every write so far is durable (the dispatcher awaits this before replying)."""
        await self._writer.flush()

    @property
    def writes_handed_over(self) -> int:
        """A counter of writes handed to the writer: the dispatcher compares it around a command to
        know whether the command (or anything running meanwhile) wrote and its reply must wait."""
        return self._writer.submitted

    @property
    def changes(self) -> int:
        """A counter of every write of this store, links.json's and those made inline (merges,
        deletions) included: the dispatcher compares it around a command to know whether the command
        changed anything."""
        return self._writer.changes + self._links_changes

    @property
    def log_changes(self) -> int:
        """A counter of entries logged, edited or removed, in any account: the dispatcher compares it
        around a command that failed, so a reply never says nothing was changed after a set was."""
        return self._log_changes

    def sync(self) -> None:
        """The blocking form of `flush` (scripts, shutdown); raises if a write failed since last time."""
        self._writer.sync()

    @property
    def journal_lag(self) -> int:
        """Journal lines not yet durable in their account files (the metrics read it)."""
        with self._pending_lock:
            return sum(len(lines) for lines in self._journaled.values())

    @_locked
    def checkpoint(self) -> None:
        """Write every journal line into its account file now, and wait until that is durable."""
        self._checkpoint()
        self._writer.drain()
        if self._recheckpoint:  # an earlier failure held the segments back once: go again
            self._checkpoint()
        self._writer.sync()

    @contextlib.contextmanager
    def frozen(self) -> Iterator[Path]:
        """Hold every store write back for the block, once every write handed to the writer is on
        disk: the account files and journal segments under ``data_dir`` are then one consistent
        picture (what a crash at this instant would leave: opening a copy replays the journal), and
        stay so until the block ends. For snapshots (storage/backup.py); keep the block to an instant.
        Any thread."""
        with self._lock:
            if self._closed:
                raise StoreClosedError("the store is closed")
            # After this no checkpoint is half-way on disk (a file written, its segment not yet
            # retired) and none starts: checkpoints, idle ones too, need the lock.
            self._writer.drain()
            yield self.data_dir

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
            self._closed = True
            self._folder_lock.release()

    # --- the journal -------------------------------------------------------------------------------

    def _replay(self, segments: list[tuple[int, Path]]) -> int:
        """Put the lines of segments left by a crash into their account files; returns how many were
        missing there. Then the segments go. A line that cannot be applied is set aside, never
        dropped, and one account's data never stops the start for the others."""
        if not segments:
            return 0
        by_account: dict[str, list[tuple[Path, Record, Item]]] = {}
        for _, path in segments:
            segment = read_segment(path, last=path == segments[-1][1])
            for number, line in segment.damaged:
                self._keep_line(path, number, line, "it fails its checksum")
            if segment.torn is not None:  # never acknowledged, so never applied; still kept
                self._keep_line(path, *segment.torn, "it was cut short", torn=True)
            for record in segment.records:
                try:
                    # a line written before per-set rows (schema 1) replays in the current form
                    item = _item_of(record.account, record.entry_id, record.row)
                except (TypeError, ValueError, KeyError) as exc:
                    self._keep_line(path, record.number, record.raw, exc)
                    continue
                by_account.setdefault(record.account, []).append((path, record, item))
        replayed = 0
        with self._writer.synchronous():
            for account, lines in by_account.items():
                try:
                    replayed += self._replay_account(account, lines)
                except Exception as exc:  # noqa: BLE001 - whatever this account's data holds
                    self._accounts.pop(account, None)  # read again from its file when asked
                    for path, record, _ in lines:
                        self._keep_line(path, record.number, record.raw, exc)
        for _, path in segments:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        if self._durable:
            fsync_dir(self._journal_dir)
        return replayed

    def _replay_account(self, account: str, lines: list[tuple[Path, Record, Item]]) -> int:
        """Apply one account's lines (in the order written) to its file; returns how many were new."""
        db, view = self._account(account)
        have = {e.id for e in view.entries}
        applied = 0
        for path, record, item in lines:
            # ids and seqs only grow: a line at or below the file's is in it or was undone
            if isinstance(item, _Op):
                if item.seq <= view.saved_op:
                    continue
                if item.entry is not None and item.entry.id not in have:
                    # An edit of an entry whose own line was set aside: the edit holds the whole
                    # corrected row, so it stands for that entry, if its id is above every other
                    # (ids only grow; a lower one was in the file, and is gone for a reason).
                    if item.entry_id <= max(view.last_id, view.entries[-1].id if view.entries else 0):
                        self._keep_line(path, record.number, record.raw, "its entry is missing")
                        continue
                    view.append(item.entry)
                    have.add(item.entry_id)
                view.apply(item)
                applied += 1
            elif item.id > view.saved_id and item.id not in have:
                view.append(item)
                have.add(item.id)
                applied += 1
        if applied:
            with _storage(db).transaction():
                _ensure_meta(db, "account", account)
                self._save_journaled(db, view)
            self._accounts[account].drop()  # rebuilt from the file on next use
        return applied

    def _keep_line(self, segment: Path, number: int, line: bytes, why: object, *, torn: bool = False) -> None:
        """A journal line that cannot be applied: a copy into quarantine, and its account is told."""
        prefix = "journal-torn-" if torn else "journal-"
        kept = quarantine.keep_line(
            self.data_dir, segment, number, line, durable=self._durable, prefix=prefix
        )
        log.error("journal %s line %d set aside as %s: %s", segment.name, number, kept, why)
        self._damaged.note(kept)

    def _journal_failed(self, account: str, item: Item) -> None:
        """Writer thread: a line could not be written. Its /log (/edit, /undo) is answered with an
        error, so it must not stay in memory: forget it and reload the account (the file plus the
        other lines)."""
        with self._pending_lock:
            lines = [line for line in self._journaled.get(account, ()) if line[1] is not item]
            if lines:
                self._journaled[account] = lines
            else:
                self._journaled.pop(account, None)
        file = self._accounts.get(account)
        if file is not None:
            file.storage.invalidate()  # drops the view too

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
        """Start a checkpoint if none runs, then write ``budget`` (None: all) of its accounts' journal
        lines into their files (queued on the writer); after the last one, the writer deletes the
        covered segments once every file handed over is durable."""
        if self._checkpoint_upto is None:
            with self._pending_lock:
                self._checkpoint_accounts = list(self._journaled)
            # Every line so far is in a segment up to this one, and in memory: a write of each account
            # from now on holds all of that account's lines.
            self._checkpoint_upto = self._rotated_upto = self._writer.rotate()
            self._journal_lines = 0
            self._recheckpoint = False
        todo = self._checkpoint_accounts
        while todo and (budget is None or budget > 0):
            account = todo.pop()
            try:
                db, view = self._account(account)
                if view.exists and (view.unsaved() or view.ops):  # else a later write holds its lines
                    with _storage(db).transaction():
                        self._save_journaled(db, view)
                    view.mark_saved()
            except OSError:
                raise  # the disk, not the data: the writer keeps the segments and tries again
            except Exception as exc:  # noqa: BLE001 - this account's data must not stop the others
                self._set_aside_unwritable(account, exc)
            if budget is not None:
                budget -= 1
        if not todo:
            self._writer.retire(self._checkpoint_upto)
            self._checkpoint_upto = None

    def _set_aside_unwritable(self, account: str, exc: Exception) -> None:
        """A checkpoint could not write ``account``'s file (its data holds what cannot be written back,
        e.g. a number too large for JSON): the file is set aside as damaged and the account starts
        afresh from its journal lines, so they are in a file before their segments go."""
        file = self._accounts.pop(account, None)
        path = account_path(self.data_dir, account)
        self._writer.settle(path)
        storage = file.storage if file is not None else AtomicJSONStorage(path, durable=self._durable)
        self._set_aside(storage, "account", account, exc)

    def _checkpoint(self) -> None:
        """Every journal line into its account file (queued: `flush`/`sync` make it durable)."""
        if self._checkpoint_upto is not None:  # finish the running one
            self._checkpoint_step(None)
        if self._newest_line_segment > self._rotated_upto or self._recheckpoint:
            self._checkpoint_step(None)

    def _checkpoint_when_idle(self) -> None:
        """Writer thread, nothing else to write for a while: checkpoint if the loop is not in the store.
        Never waits for the lock (the loop may hold it while waiting for this thread) and never opens or
        reads a file (that waits for this thread too)."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            if self._closed:
                return
            with self._pending_lock:
                accounts = set(self._journaled) | set(self._checkpoint_accounts)
            for account in accounts:
                file = self._accounts.get(account)
                if file is None or file.held() is None or not file.storage.loaded:
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
    def link(self, user: str, account: str, exercises: str | None = None) -> None:
        """From now on ``user`` resolves to ``account`` (or to what ``account`` resolves to).

        What ``user`` had as its own account is merged: log entries appended after the account's (new
        ids, same order), schedules added with new ids; its profile is dropped and its file removed.
        ``exercises``, if given, becomes the account's ``Profile.custom_exercises`` in the same write as
        the entries (the caller merges the two lists: storage does not read their format). Identities
        linked to ``user`` follow it. Linking two keys that already share an account does nothing.
        """
        validate_key(user, "user")
        validate_key(account)
        if exercises is not None and not isinstance(exercises, str):
            raise TypeError("exercises must be a str")
        target = self._link_map.get(account, account)
        if self._link_map.get(user, user) == target:
            return
        token = secrets.token_hex(8)
        with self._exclusive():
            self._link(user, target, token, exercises)

    def _link(self, user: str, target: str, token: str, exercises: str | None) -> None:
        def change(db: TinyDB) -> None:
            links = db.table(LINKS)
            docs = links.all()
            links.remove(doc_ids=[d.doc_id for d in docs if d["user"] == user])
            links.update({"account": target}, doc_ids=[d.doc_id for d in docs if d["account"] == user])
            links.insert({"user": user, "account": target})
            merge = {"user": user, "account": target, "token": token}
            if exercises is not None:
                merge["exercises"] = exercises  # in the journal row: a restart finishes it the same
            db.table(MERGES).insert(merge)

        self._links_write(change)
        self._finish_merge(user, target, token, exercises)

    def _finish_merge(self, user: str, target: str, token: str, exercises: str | None = None) -> None:
        """Move ``user``'s own data into ``target``. Idempotent: each step is one atomic write that
        records what it did (the token), so a crash at any point is finished by the next open."""
        pending = {doc["token"] for doc in _docs(self._links, MERGES)}
        # 1. log entries, appended after the target's, and the merged exercise list, in one write of
        # the target file
        if self._account_exists(user):
            source = self._account(user)[1].entries
            dst, dst_view = self._account(target)
            with _storage(dst).transaction():
                _ensure_meta(dst, "account", target)
                meta = dst.table(META).get(doc_id=META_DOC) or {}
                merged = [t for t in meta.get("merged", []) if t in pending]
                if token not in merged:
                    self._save_journaled(dst, dst_view)  # none after `_exclusive`; kept for safety
                    next_id = dst_view.last_id
                    docs = []
                    for e in source:
                        next_id += 1
                        docs.append(Document(ENTRY_ROWS.to_row(replace(e, id=next_id)), doc_id=next_id))
                    dst.table(ENTRIES).insert_multiple(docs)
                    if exercises is not None:
                        profile = dst_view.profile or Profile(account=target)
                        row = replace(profile, custom_exercises=exercises).to_row()
                        dst.table(PROFILE).upsert(Document(row, doc_id=PROFILE_ID))
                    merged.append(token)
                    dst.table(META).update({"last_entry_id": next_id, "merged": merged}, doc_ids=[META_DOC])
            self._accounts[target].drop()  # rebuilt from the file on next use
        # 2. schedules, renumbered after the target's; moved rows carry the token so none moves twice
        self._move_schedules(self._own_schedules(user), user, target, "_merge", token)
        # 3. the user's own file, 4. the journal row
        self._drop_account_file(user)
        self._links_write(
            lambda db: db.table(MERGES).remove(
                doc_ids=[d.doc_id for d in db.table(MERGES).all() if d["token"] == token]
            )
        )

    @_locked
    def unlink(self, user: str, take: Iterable[int] = ()) -> bool:
        """``user`` resolves to itself again, with nothing of its own but the account's settings (not
        its log) and the schedules whose ids are in ``take`` (renumbered from 1, in order: the caller
        picks those that go to ``user``'s chats). False (nothing changed) if it was not linked — in particular for an account owner,
        which cannot be unlinked from itself."""
        validate_key(user, "user")
        ids = sorted({i for i in take if type(i) is int})
        account = self._link_map.get(user)
        if account is None:
            return False
        token = secrets.token_hex(8)
        with self._exclusive():
            self._unlink(user, account, ids, token)
        return True

    def _unlink(self, user: str, account: str, ids: list[int], token: str) -> None:
        # Normally nothing is left under the user's own key; make sure it starts empty. First, while it
        # is still linked (nothing reads that key then), so a restart's `_finish_split` clears nothing.
        self._remove_own_schedules(user)
        self._drop_account_file(user)

        def change(db: TinyDB) -> None:
            db.table(LINKS).remove(doc_ids=[d.doc_id for d in db.table(LINKS).all() if d["user"] == user])
            if ids:  # one write with the link: whatever a kill stops, the next open moves them
                db.table(SPLITS).insert({"user": user, "account": account, "token": token, "schedules": ids})

        settings = self.profile(account)  # read while the link holds: the shared account's
        self._links_write(change)
        # The person's settings go with them (a kill just before this leaves the defaults, as before):
        # the schedules that follow keep their own zone, and /plan should read that day too. What
        # belongs to the shared log (its program, family levels, last /done, /undo's step) stays.
        self.save_profile(
            replace(
                self.new_profile(user),
                units=settings.units,
                timezone=settings.timezone,
                timezone_chosen=settings.timezone_chosen,
                level=settings.level,
                equipment=settings.equipment,
                units_asked=settings.units_asked,
                custom_exercises=settings.custom_exercises,
            )
        )
        if ids:
            self._finish_split(user, account, token, ids)

    def _finish_split(self, user: str, account: str, token: str, ids: list[int]) -> None:
        """Move ``account``'s schedules ``ids`` to ``user`` (renumbered after its own). Idempotent like
        `_finish_merge`: moved rows carry the token, so a restart moves none twice."""
        wanted = set(ids)
        moving = [(doc_id, s) for doc_id, s in self._own_schedules(account) if s.id in wanted]
        self._move_schedules(moving, account, user, "_split", token)
        self._links_write(
            lambda db: db.table(SPLITS).remove(
                doc_ids=[d.doc_id for d in db.table(SPLITS).all() if d["token"] == token]
            )
        )

    def _move_schedules(
        self, moving: list[tuple[int, Schedule]], source: str, target: str, mark: str, token: str
    ) -> None:
        """Move the schedule rows ``moving`` (doc id, schedule) of ``source`` to ``target``, renumbered
        after its own. Each moved row carries ``{mark: token}`` and the id it had, so a restart that
        repeats a link's merge or an unlink's split moves none twice; the rows are removed from the
        source shard after they are written to the target's."""
        if not moving:
            return
        src_shard, dst_shard = shard_of(source), shard_of(target)
        dst = self._shard(dst_shard)[0]
        with _storage(dst).transaction():
            _ensure_meta(dst, "schedules")
            own = [d for d in _docs(dst, SCHEDULES) if d.get("account") == target]
            done = {d.get("_from") for d in own if d.get(mark) == token}
            next_id = max((d.get("id", 0) for d in own), default=0)
            new_rows = []
            for _, s in moving:
                if s.id in done:
                    continue
                next_id += 1
                row = SCHEDULE_ROWS.to_row(replace(s, account=target, id=next_id))
                new_rows.append({**row, mark: token, "_from": s.id})
            dst.table(SCHEDULES).insert_multiple(new_rows)
            if src_shard == dst_shard:
                dst.table(SCHEDULES).remove(doc_ids=[doc_id for doc_id, _ in moving])
        self._shards[dst_shard].drop()
        if src_shard != dst_shard:
            src = self._shard(src_shard)[0]
            with _storage(src).transaction():
                src.table(SCHEDULES).remove(doc_ids=[doc_id for doc_id, _ in moving])
            self._shards[src_shard].drop()

    def reaches(self, account: str, platform: str) -> bool:
        """Whether ``account`` has an identity on ``platform`` (its own key's, or a linked one's): a
        push of it may go to a chat there. O(1): the reminder fan-out asks for every message. (Unlocked:
        it reads one dict the link writes replace whole.)"""
        own = Identity.parse(account).platform
        return own == platform or platform in self._linked_platforms.get(account, ())

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
            codes = db.table(CODES)
            codes.remove(doc_ids=[d.doc_id for d in codes.all() if replaced(d)])
            codes.insert(row)

        self._links_write(change)

    @_locked
    def take_link_code(self, code: str) -> LinkCode | None:
        if not isinstance(code, str):
            raise TypeError("code must be a str")
        found = [d for d in _docs(self._links, CODES) if d.get("code") == code]
        if not found:
            return None
        self._links_write(lambda db: db.table(CODES).remove(doc_ids=[d.doc_id for d in found]))
        return LinkCode.from_row(found[0])

    @_locked
    def purge_link_codes(self, now_iso: str) -> int:
        now = _parse_utc(now_iso)  # refuses a bad time before touching anything
        doomed = [d.doc_id for d in _docs(self._links, CODES) if _expired(d, now)]
        if doomed:
            self._links_write(lambda db: db.table(CODES).remove(doc_ids=doomed))
        return len(doomed)

    # --- profile -----------------------------------------------------------------------------------

    @_locked
    def profile(self, account: str) -> Profile:
        validate_key(account)
        profile = self._account(account)[1].profile
        return profile if profile is not None else self.new_profile(account)

    @_locked
    def save_profile(self, profile: Profile) -> None:
        """Durable once `flush`/`sync` returns. Once the account's file exists, a journal line: /done
        and /undo's steps live in the profile, and a rewrite of a five-year log costs 65 ms."""
        _check(profile, Profile, "profile")
        validate_key(profile.account)
        db, view = self._account(profile.account)
        if view.exists and not self._writer.inline:
            op = _Op(view.last_op + 1, 0, None, profile)
            row = _op_row(op)  # refuses an unserialisable profile before any change
            self._journal(profile.account, view, encode_record(profile.account, 0, row), op)
            return
        with _storage(db).transaction():
            _ensure_meta(db, "account", profile.account)
            db.table(PROFILE).upsert(Document(profile.to_row(), doc_id=PROFILE_ID))
        view.profile, view.exists = profile, True

    @_locked
    def add_entry(self, account: str, entry: Entry) -> Entry:
        """Store ``entry`` with the next id (ids are never reused, even after a pop); durable once
        `flush`/`sync` returns. An account's first entry creates its file; later ones are journal lines
        (storage/journal.py) that checkpoints write into the file."""
        return self.add_entries(account, [entry])[0]

    @_locked
    def add_entries(self, account: str, entries: list[Entry]) -> list[Entry]:
        """Store ``entries`` in order with the next ids, in one durable write (an import): all of them
        or, if any is refused, none. Deduplication (``source``) is the caller's."""
        validate_key(account)
        entries = [_check_entry(e) for e in entries]
        if not entries:
            return []
        db, view = self._account(account)
        first = view.next_id()
        stored = [replace(e, id=first + i) for i, e in enumerate(entries)]
        if not view.exists or self._writer.inline or len(stored) > 1:
            # A first entry creates the file; many at once are one file write, not many lines.
            with _storage(db).transaction():
                _ensure_meta(db, "account", account)
                for e in stored:
                    view.append(e)  # dropped with the view if the write is refused
                self._save_journaled(db, view)
            view.exists = True
            view.mark_saved()
            self._log_changes += 1
            return stored
        one = stored[0]
        # refuses an unserialisable row before any change
        self._journal(account, view, encode_record(account, one.id, ENTRY_ROWS.to_row(one)), one)
        self._log_changes += 1
        return stored

    def _journal(self, account: str, view: _View, line: bytes, item: Item) -> None:
        """Make ``item`` durable as one journal line (written by the writer thread; `flush` waits for
        it) and put it in the view; then a step of the running checkpoint, if any."""
        with self._pending_lock:  # held so that a failure callback cannot run before this is recorded
            segment = self._writer.append(line, functools.partial(self._journal_failed, account, item))
            self._journaled.setdefault(account, []).append((segment, item))
        if isinstance(item, _Op):
            view.apply(item)
        else:
            view.append(item)
        self._newest_line_segment = segment
        self._journal_lines += 1
        running = self._checkpoint_upto is not None
        if running or self._journal_lines >= CHECKPOINT_LINES or len(self._journaled) > CHECKPOINT_ACCOUNTS:
            self._checkpoint_step(CHECKPOINT_STEP)

    def _change(self, account: str, db: TinyDB, view: _View, entry_id: int, entry: Entry | None) -> None:
        """Edit (``entry``) or remove (None) stored entry ``entry_id``: one journal line, whatever the
        size of the log (a rewrite of a five-year log costs a hundred milliseconds); the checkpoint
        writes it into the file. While writes go straight to the files (`_exclusive`), a file write."""
        op = _Op(view.last_op + 1, entry_id, entry)
        row = _op_row(op)  # refuses an unserialisable entry before any change
        if self._writer.inline:
            with _storage(db).transaction():
                view.apply(op)  # dropped with the view if the write is refused
                self._save_journaled(db, view)
            view.mark_saved()
        else:
            self._journal(account, view, encode_record(account, entry_id, row), op)
        self._log_changes += 1

    @_locked
    def replace_entry(self, account: str, entry: Entry) -> Entry | None:
        """Put ``entry`` in place of the stored entry with its id (an /edit): durable once
        `flush`/`sync` returns. The stored entry, or None (nothing written) if the account has no
        entry with that id."""
        validate_key(account)
        entry = _check_entry(entry)
        db, view = self._account(account)
        if _by_id(view.entries, entry.id) is None:
            return None
        self._change(account, db, view, entry.id, entry)
        return entry

    @_locked
    def entries(self, account: str, exercise: str | None = None) -> list[Entry]:
        """Log entries in the order logged (by id), optionally of one exercise."""
        validate_key(account)
        view = self._account(account)[1]
        if exercise is None:
            return list(view.entries)
        return view.of_exercise(exercise)

    @_locked
    def entries_trained(self, account: str, exercise: str) -> list[Entry]:
        """The entries of ``exercise`` in the order trained (by at, then id), kept so by the store: a
        five-year history is not sorted, nor checked for order, on every /log."""
        validate_key(account)
        return self._account(account)[1].of_exercise_trained(exercise)

    @_locked
    def entries_since(self, account: str, since: datetime) -> list[Entry]:
        """The entries trained at or after ``since``, in the order trained (by at, then id): an open
        session's sets without reading a long history."""
        validate_key(account)
        return self._account(account)[1].trained_since(since)

    @_locked
    def log_mark(self, account: str) -> LogMark:
        """Where ``account``'s log stands now: take it before reading the log for something worked out
        from it, and ask `changed_before` later whether that still holds."""
        validate_key(account)
        return self._account(account)[1].mark()

    @_locked
    def changed_before(self, account: str, mark: LogMark, when: datetime) -> bool:
        """Whether an entry trained before ``when`` was logged, edited or removed in ``account``'s log
        since ``mark`` (True also when that is no longer known: the view was built again)."""
        validate_key(account)
        return self._account(account)[1].changed_before(mark, when)

    @_locked
    def entry(self, account: str, entry_id: int) -> Entry | None:
        """The entry with id ``entry_id`` (found by its id, not by a pass over the log), or None."""
        validate_key(account)
        entries = self._account(account)[1].entries
        index = _by_id(entries, entry_id) if type(entry_id) is int else None
        return None if index is None else entries[index]

    @_locked
    def last_entry(self, account: str) -> Entry | None:
        validate_key(account)
        entries = self._account(account)[1].entries
        return entries[-1] if entries else None

    @_locked
    def pop_last_entry(self, account: str) -> Entry | None:
        validate_key(account)
        entries = self._account(account)[1].entries
        return self.remove_entry(account, entries[-1].id) if entries else None

    @_locked
    def remove_entry(self, account: str, entry_id: int) -> Entry | None:
        """Remove the entry with id ``entry_id`` (an "Undo" button names its own entry): durable once
        `flush`/`sync` returns. The removed entry, or None if the account has no such entry."""
        validate_key(account)
        db, view = self._account(account)
        index = _by_id(view.entries, entry_id) if type(entry_id) is int else None
        if index is None:
            return None
        removed = view.entries[index]
        self._change(account, db, view, entry_id, None)
        return removed

    @_locked
    def entry_count(self, account: str) -> int:
        validate_key(account)
        return len(self._account(account)[1].entries)

    # --- schedules -----------------------------------------------------------------------------------

    def _own_schedules(self, account: str) -> list[tuple[int, Schedule]]:
        """(doc id, schedule) of ``account``'s schedules, by schedule id."""
        db, index = self._shard(shard_of(account))
        table = db.table(SCHEDULES)
        found = []
        for doc_id, _ in index.get(account, ()):
            doc = table.get(doc_id=doc_id)
            if doc is not None:  # always, while the index follows the table
                found.append((doc_id, SCHEDULE_ROWS.from_row(doc)))
        return found

    def _find_schedule(self, account: str, schedule_id: int) -> tuple[int, Schedule] | None:
        return next((found for found in self._own_schedules(account) if found[1].id == schedule_id), None)

    @_locked
    def add_schedule(self, schedule: Schedule) -> Schedule:
        """Store a new schedule with the account's next id (max + 1) and ``created_at`` if empty."""
        _check(schedule, Schedule, "schedule")
        validate_key(schedule.account)
        db, index = self._shard(shard_of(schedule.account))
        own = index.get(schedule.account, [])
        stored = replace(
            schedule,
            id=max((own_id for _, own_id in own), default=0) + 1,
            created_at=schedule.created_at or self._clock().isoformat(timespec="seconds"),
        )
        with _storage(db).transaction():
            _ensure_meta(db, "schedules")
            doc_id = db.table(SCHEDULES).insert(SCHEDULE_ROWS.to_row(stored))
        index.setdefault(schedule.account, []).append((doc_id, stored.id))
        return stored

    @_locked
    def schedules(self, account: str) -> list[Schedule]:
        validate_key(account)
        return [s for _, s in self._own_schedules(account)]

    @_locked
    def get_schedule(self, account: str, schedule_id: int) -> Schedule | None:
        validate_key(account)
        found = self._find_schedule(account, schedule_id)
        return found[1] if found else None

    @_locked
    def update_schedule(self, schedule: Schedule) -> None:
        """Replace a stored schedule (matched by account and id). KeyError if there is none."""
        self.update_schedules([schedule])

    @_locked
    def update_schedules(self, schedules: Iterable[Schedule]) -> None:
        """Replace several stored schedules: one write per shard touched. If any is unknown (KeyError)
        or not a Schedule (TypeError), nothing is written."""
        by_shard: dict[int, dict[int, Schedule]] = {}  # shard -> doc id -> new schedule
        for s in list(schedules):
            _check(s, Schedule, "schedule")
            validate_key(s.account)
            found = self._find_schedule(s.account, s.id)
            if found is None:
                raise KeyError(f"no schedule {s.uid}")
            by_shard.setdefault(shard_of(s.account), {})[found[0]] = s
        for shard, new in by_shard.items():
            db = self._shard(shard)[0]
            rows = {doc_id: SCHEDULE_ROWS.to_row(s) for doc_id, s in new.items()}
            with _storage(db).transaction():
                for doc_id, row in rows.items():
                    # A whole-row replace: the compact row leaves out fields back at their default,
                    # which a merging update would keep. (TinyDB's documented transform form.)
                    db.table(SCHEDULES).update(functools.partial(_replace_doc, row), doc_ids=[doc_id])

    @_locked
    def remove_schedule(self, account: str, schedule_id: int) -> Schedule | None:
        validate_key(account)
        found = self._find_schedule(account, schedule_id)
        if found is None:
            return None
        self._remove_schedule_docs(account, [found])
        return found[1]

    @_locked
    def remove_schedules(self, account: str) -> list[Schedule]:
        validate_key(account)
        return self._remove_own_schedules(account)

    def _remove_own_schedules(self, account: str) -> list[Schedule]:
        own = self._own_schedules(account)
        if own:
            self._remove_schedule_docs(account, own)
        return [s for _, s in own]

    def _remove_schedule_docs(self, account: str, doomed: list[tuple[int, Schedule]]) -> None:
        db, index = self._shard(shard_of(account))
        ids = {doc_id for doc_id, _ in doomed}
        with _storage(db).transaction():
            db.table(SCHEDULES).remove(doc_ids=list(ids))
        left = [kv for kv in index.get(account, ()) if kv[0] not in ids]
        if left:
            index[account] = left
        else:
            index.pop(account, None)

    def all_schedules(self) -> Iterator[Schedule]:
        """Every schedule, shard by shard (each shard copied under the lock, so writes may go on)."""
        for shard in range(SHARDS):
            with self._lock:
                if self._closed:
                    raise StoreClosedError("the store is closed")
                file = self._shard_file(shard)
                drops = file.drops
                docs = _docs(file.db, SCHEDULES)
                file.keep(_index_of(docs), drops)  # one pass at start-up, not a second one per shard
                batch = [SCHEDULE_ROWS.from_row(doc) for doc in docs]
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
        # A kill from here on leaves links, schedules and files half removed: the next start finishes.
        deletions.begin(self.data_dir, account, linked, durable=self._durable)
        self._delete(account, linked)

    def _delete(self, account: str, linked: set[str]) -> None:
        """`delete_account`'s removals; each is idempotent, so a start after a kill can redo them all."""

        def change(db: TinyDB) -> None:
            for table, doomed in (
                (LINKS, lambda r: r.get("user") == account or r.get("account") == account),
                (CODES, lambda r: r.get("user") in linked or r.get("account") == account),
                (MERGES, lambda r: r.get("user") == account or r.get("account") == account),
                (SPLITS, lambda r: r.get("user") in linked or r.get("account") == account),
            ):
                ids = [d.doc_id for d in db.table(table).all() if doomed(d)]
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
                self._damaged.forget(user)
            quarantine.remove_account_files(self.data_dir, linked, durable=self._durable)
        deletions.end(self.data_dir, durable=self._durable)

    # --- bulk writers (benchmarks, imports) ------------------------------------------------------------

    @staticmethod
    def bulk_write_account(
        data_dir: Path,
        account: str,
        entries: list[Entry],
        profile: Profile | None = None,
        *,
        durable: bool = False,
    ) -> None:
        """Write (replace) an account file directly in the store's format. Entries keep their ids when
        set (others get the next ids). Atomic; fsynced only with ``durable``. Use on a closed store."""
        if profile is not None:
            _check(profile, Profile, "profile")
            if profile.account != account:
                raise ValueError(f"profile of {profile.account!r} given for {account!r}")
        Store.bulk_write_accounts(data_dir, [account], entries, profile, durable=durable)

    @staticmethod
    def bulk_write_accounts(
        data_dir: Path,
        accounts: Iterable[str],
        entries: list[Entry],
        profile: Profile | None = None,
        *,
        durable: bool = False,
    ) -> None:
        """`bulk_write_account` of the same log (and profile, under each account's key) for many
        accounts: the rows are made once (a benchmark's ten million sets in seconds, not minutes)."""
        rows = _entry_rows(entries)
        last = max((int(k) for k in rows), default=0)
        for account in accounts:
            validate_key(account)
            meta = new_meta("account", account)
            meta["last_entry_id"] = last
            data: dict[str, dict[str, Any]] = {META: {META_ID: meta}, ENTRIES: rows}
            if profile is not None:
                data[PROFILE] = {str(PROFILE_ID): replace(profile, account=account).to_row()}
            AtomicJSONStorage(account_path(Path(data_dir), account), durable=durable).write(data)

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
            storage = AtomicJSONStorage(shard_path(Path(data_dir), shard), durable=durable)
            data, _ = migrate(storage.read() or {META: {META_ID: new_meta("schedules")}}, "schedules")
            table = dict(data.get(SCHEDULES, {}))
            index = {(r.get("account"), r.get("id")): k for k, r in table.items()}
            next_doc = max((int(k) for k in table), default=0)
            for key, row in new.items():
                doc_id = index.get(key)
                if doc_id is None:
                    next_doc += 1
                    doc_id = str(next_doc)
                table[doc_id] = row
            storage.write({**data, SCHEDULES: table})

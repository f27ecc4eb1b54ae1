"""The store: profiles, logs, schedules and identity links on TinyDB, crash-safe and flat to write.

Layout (see ``storage.layout``): one TinyDB file per account (profile + log entries), so a /log rewrites
only that user's file; schedules in ``SHARDS`` small shard files by a stable hash of the account, so a
/remind rewrites one shard; links and link codes in ``links.json``. Every file goes through
``AtomicJSONStorage`` (temp file, fsync, ``os.replace``, fsync of the folder) and is read once, then
served from memory. At most ``cache_size`` account files are held open (LRU); shards stay open once
read.

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
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from tinydb import TinyDB
from tinydb.table import Document

from storage.atomic import AtomicJSONStorage, atomic_write_bytes, decode, encode, remove_stale_temp_files
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
    SchemaError,
    account_path,
    links_path,
    migrate,
    new_meta,
    shard_of,
    shard_path,
    validate_key,
)
from storage.models import LinkCode, LogEntry, Profile, Schedule
from storage.writer import BackgroundWriter

__all__ = ["Store", "SchemaError", "StoreClosedError"]

P = ParamSpec("P")
R = TypeVar("R")
Row = dict[str, Any]


class StoreClosedError(RuntimeError):
    pass


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


def _check(value: object, cls: type, what: str) -> None:
    if not isinstance(value, cls):
        raise TypeError(f"{what} must be a {cls.__name__}, got {type(value).__name__}")


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _parse_utc(value: str) -> datetime:
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


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
    ) -> None:
        self.data_dir = Path(data_dir)
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
        # Account and schedule files are written off the event loop; see storage/writer.py.
        self._writer = BackgroundWriter(durable=durable)
        self._links = self._open(links_path(self.data_dir), "links")
        self._link_map: dict[str, str] = {}
        self._reload_link_map()
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
        data = storage.read()
        if data is not None:
            try:
                data, changed = migrate(data, kind, key)
                if kind == "account" and data[META][META_ID].get("account") != key:
                    raise SchemaError(
                        f"{path} belongs to {data[META][META_ID].get('account')!r}, not {key!r}"
                    )
            except BaseException:
                storage.invalidate()
                raise
            if changed:  # migrations are rare: write them through, in order
                with writer.synchronous() if writer is not None else contextlib.nullcontext():
                    storage.write(data)
        return db

    def _account_db(self, account: str) -> TinyDB:
        db = self._accounts.get(account)
        if db is not None:
            self._accounts.move_to_end(account)
            return db
        db = self._open(account_path(self.data_dir, account), "account", account)
        self._accounts[account] = db
        while len(self._accounts) > self._cache_size:
            self._accounts.popitem(last=False)
        return db

    def _drop_account_file(self, account: str) -> None:
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
    def close(self) -> None:
        self._writer.close()
        self._accounts.clear()
        self._shards.clear()
        self._shard_index.clear()
        self._closed = True

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
        with self._writer.synchronous():
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
        with self._writer.synchronous():
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
    def put_link_code(self, code: LinkCode) -> None:
        _check(code, LinkCode, "code")
        validate_key(code.code, "link code")
        row = code.to_row()

        def change(db: TinyDB) -> None:
            rows = _rows(db, CODES)
            db.table(CODES).remove(doc_ids=[int(k) for k, r in rows.items() if r.get("code") == code.code])
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

        def expired(row: Row) -> bool:
            try:
                return _parse_utc(row.get("expires_at", "")) <= now
            except (TypeError, ValueError):
                return True  # an unreadable expiry cannot be honoured

        doomed = [int(k) for k, r in _rows(self._links, CODES).items() if expired(r)]
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
        """Store ``entry`` with the next id (ids are never reused, even after a pop); durable on return."""
        validate_key(account)
        _check(entry, LogEntry, "entry")
        db = self._account_db(account)
        with _storage(db).transaction():
            _ensure_meta(db, "account", account)
            rows = _rows(db, ENTRIES)
            next_id = int(_meta(db).get("last_entry_id", 0)) + 1
            if str(next_id) in rows:  # a hand-edited counter; never overwrite a row
                next_id = max(int(k) for k in rows) + 1
            stored = replace(entry, id=next_id)
            db.table(ENTRIES).insert(Document(ENTRY_ROWS.to_row(stored), doc_id=next_id))
            db.table(META).update({"last_entry_id": next_id}, doc_ids=[int(META_ID)])
        return stored

    def _sorted_entries(self, account: str) -> list[tuple[int, Row]]:
        rows = _rows(self._account_db(account), ENTRIES)
        return sorted(((int(k), r) for k, r in rows.items()), key=lambda kv: kv[0])

    @_locked
    def entries(self, account: str, exercise: str | None = None) -> list[LogEntry]:
        """Log entries in the order logged (by id), optionally of one exercise."""
        validate_key(account)
        return [
            ENTRY_ROWS.from_row({**r, "id": k})
            for k, r in self._sorted_entries(account)
            if exercise is None or r.get("exercise") == exercise
        ]

    @_locked
    def last_entry(self, account: str) -> LogEntry | None:
        validate_key(account)
        rows = _rows(self._account_db(account), ENTRIES)
        if not rows:
            return None
        last = max(rows, key=int)
        return ENTRY_ROWS.from_row({**rows[last], "id": int(last)})

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
        those identities, and its file."""
        validate_key(account)
        linked = {u for u, a in self._link_map.items() if a == account} | {account}

        def change(db: TinyDB) -> None:
            for table, doomed in (
                (LINKS, lambda r: r.get("user") == account or r.get("account") == account),
                (CODES, lambda r: r.get("user") in linked or r.get("account") == account),
                (MERGES, lambda r: r.get("user") == account or r.get("account") == account),
            ):
                ids = [int(k) for k, r in _rows(db, table).items() if doomed(r)]
                if ids:
                    db.table(table).remove(doc_ids=ids)

        with self._writer.synchronous():
            self._links_write(change)
            self._remove_own_schedules(account)
            self._drop_account_file(account)

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

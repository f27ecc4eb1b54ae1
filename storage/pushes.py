"""Pending one-off pushes (rest timers, session summaries, weekly recaps, nudges) and the settings
that drive them (weekly goal, recap day and time, nudges off).

A push is one message owed to one account: its ``kind``, an idempotency ``key`` (which occurrence:
a rest timer's start, a session's first set, a recap's week), the UTC instant it is ``due``, the
private chat it goes to (``target``) and a small JSON ``payload`` to render it from. An account has at
most one pending push per kind: scheduling a kind again replaces it (a new rest timer replaces the
running one; the next /log moves the session summary on).

Claimed per message, just before it is sent (the reminder service, `reminders.service`): `claim`
removes the row, or for a recurring kind replaces it with its next occurrence, in memory, and the
service awaits `flush` before the send. A crash after the flush leaves the push claimed, never sent
twice; before it, the push is still pending. What a /log changes (the session summary it starts, the
rest timer it cancels) is written behind instead (`write_soon`, `storage.write_behind`): the /log's
answer waits for its set only, and a crash within `WRITE_BEHIND` seconds may lose that summary, never
a set.

Layout: ``DATA_DIR/pushes/NN.json``, the store's 256 shards by the same stable hash of the account
(`storage.layout.shard_of`). Each file is ``{"_meta": ..., "pushes": {"<account>|<kind>": row},
"prefs": {"<account>": row}}``, read once and served from memory. A file that does not decode is moved
to quarantine (never rewritten) and that shard starts empty: its users' timers and recap settings are
lost, nobody else's.

Durable writes: every change is one line appended to ``DATA_DIR/pushes/journal/`` (the store's
segment format, `storage.journal`: ``[account, 0, {"t": table, "k": key, "r": row or null}]``), and
one ``fdatasync`` covers a whole batch. Why: at a thousand users logging a second, rewriting the
shards they touch meant nearly all 256 files each second, about 80 ms of CPU under this module's lock
and 300+ ms of fsyncs the /log journal queued behind. The shards are rewritten (a checkpoint) only
when the journal passes `JOURNAL_LIMIT` bytes, after /deleteme, and after a crash's replay; the
journal's lines are appended before the checkpoint writes the shards, so replaying them in order
over any shard state gives the latest. A damaged line (not the torn tail) is copied to quarantine, and
so is a row that cannot be read (a shard's or a line's, e.g. a ``due`` that is no time): it is left
out, and the user it belongs to, where that can be read, is told (`Store.note_set_aside`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from storage import quarantine
from storage.atomic import (
    CorruptFileError,
    NotRegularFileError,
    atomic_write_many,
    decode,
    encode,
    read_regular,
    remove_stale_temp_files,
)
from storage.journal import JOURNAL_DIR, SegmentFiles, encode_record, list_segments, read_segment
from storage.layout import META, META_ID, PUSHES_DIR, SHARDS, new_meta, shard_of, validate_key
from storage.write_behind import WriteBehind

if TYPE_CHECKING:
    from storage.store import Store

log = logging.getLogger(__name__)

_PUSHES, _PREFS = "pushes", "prefs"
# Seconds from a change made with `PendingPushes.write_soon` to its write (a crash loses at most these).
WRITE_BEHIND = 1.0
# Journal bytes between checkpoints: a few seconds of a very busy bot, a short replay after a crash.
JOURNAL_LIMIT = 4 << 20


# The kinds of push (`handlers.session` sends them; `services.accounts` moves them between accounts).
REST, SUMMARY, RECAP, NUDGE = "rest", "summary", "recap", "nudge"


@dataclass(frozen=True)
class Push:
    """One message owed: ``kind`` for ``account``, occurrence ``key``, due at ``due`` (ISO UTC)."""

    account: str
    kind: str
    key: str
    due: str
    target: str  # Target.key() of the user's private chat
    payload: dict[str, Any] = field(default_factory=dict)
    created: str = ""

    @property
    def uid(self) -> str:
        return f"{self.account}|{self.kind}"

    @property
    def due_at(self) -> datetime:
        at = datetime.fromisoformat(self.due)
        return at if at.tzinfo else at.replace(tzinfo=UTC)

    def to_row(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "kind": self.kind,
            "key": self.key,
            "due": self.due,
            "target": self.target,
            "payload": self.payload,
            "created": self.created,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Push:
        return cls(
            account=str(row["account"]),
            kind=str(row["kind"]),
            key=str(row.get("key", "")),
            due=str(row["due"]),
            target=str(row.get("target", "")),
            payload=dict(row.get("payload") or {}),
            created=str(row.get("created", "")),
        )


@dataclass(frozen=True)
class Prefs:
    """An account's session settings. ``recap``: "<weekday 0=Mon> <HH:MM>" local, "" = off."""

    goal: int = 0  # sessions per week; 0 = none set
    recap: str = ""
    nudges: bool = True

    def to_row(self) -> dict[str, Any]:
        return {"goal": self.goal, "recap": self.recap, "nudges": self.nudges}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Prefs:
        return cls(int(row.get("goal", 0) or 0), str(row.get("recap", "")), bool(row.get("nudges", True)))


def _row_problem(table: str, key: str, row: object) -> str | None:
    """Why a stored row cannot be used, or None. Checked when a shard or a journal line is read: an
    unreadable row (``"due": "not-a-date"``) would fail every later /rest of its owner."""
    if not isinstance(row, dict):
        return "not a row"
    try:
        if table == _PUSHES:
            push = Push.from_row(row)
            push.due_at  # noqa: B018 - parsed here, not at each use
            if key != push.uid:
                return f"key {key!r} is not {push.uid!r}"
        else:
            Prefs.from_row(row)
            types = {"goal": int, "recap": str, "nudges": bool}
            if any(k in row and type(row[k]) is not t for k, t in types.items()):
                return f"settings {row!r}"
    except (KeyError, TypeError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _row_account(table: str, key: str, row: object) -> str | None:
    """The account a row (however unreadable) belongs to, when that can still be read."""
    account = row.get("account") if isinstance(row, dict) else None
    if not isinstance(account, str) or not account:
        account = key.rpartition("|")[0] if table == _PUSHES else key
    return account or None


_ACCOUNT_FIELD = re.compile(rb'"account"\s*:\s*("(?:[^"\\]|\\.)*")')


def _accounts_in(moved: Path) -> set[str]:
    """The accounts a shard that does not decode still names (each push row holds its account)."""
    accounts = set()
    try:
        raw = read_regular(moved)  # a link set aside (to a FIFO, to /etc/shadow) names nobody
    except OSError:
        return set()
    for quoted in _ACCOUNT_FIELD.findall(raw):
        with contextlib.suppress(ValueError):
            accounts.add(json.loads(quoted))
    return {a for a in accounts if isinstance(a, str) and a}


def to_iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


class PendingPushes:
    """The pending pushes of one data folder. Thread-safe; changes are in memory at once and durable
    after `flush` (or `sync`)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        durable: bool = True,
        journal_limit: int = JOURNAL_LIMIT,
        on_set_aside: Callable[[Path, Iterable[str]], None] | None = None,
    ) -> None:
        self.folder = Path(data_dir) / PUSHES_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(self.folder)  # (Store does this at open too; a tool may come first)
        self.data_dir = Path(data_dir)
        self._durable = durable
        # Told of each file put in quarantine and the accounts whose rows it holds, when its name does
        # not say (the store, so their users hear of it).
        self._on_set_aside = on_set_aside
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()  # one writer at a time: a file never goes back in time
        self._shards: dict[int, dict[str, dict[str, Any]]] = {}
        self._dirty_shards: set[int] = set()  # changed since the last checkpoint
        self._lines: list[bytes] = []  # journal lines not yet appended
        self._journal = SegmentFiles(self.folder / JOURNAL_DIR, durable=durable, data_dir=self.data_dir)
        self._segment = 1  # the segment new lines go to; a checkpoint retires it and every older one
        self._journal_bytes = 0  # appended since the last checkpoint
        self._journal_limit = journal_limit
        self._checkpoint_due = False
        # Changes made so far, and how many of them are on disk: a flush waits for the changes made
        # before it, even when another flush's write (still running) took them.
        self._changes = 0
        self._written = 0
        self._behind = WriteBehind(self._write_behind, self._dirty, delay=WRITE_BEHIND, folder=self.folder)
        self._replay()

    # --- files -------------------------------------------------------------------------------------

    def _path(self, shard: int) -> Path:
        return self.folder / f"{shard:02x}.json"

    def _shard(self, shard: int) -> dict[str, dict[str, Any]]:
        data = self._shards.get(shard)
        if data is None:
            path = self._path(shard)
            try:
                data = self._without_bad_rows(path, decode(read_regular(path), path))
            except FileNotFoundError:
                data = {}
            except (CorruptFileError, NotRegularFileError) as exc:  # a link is set aside unfollowed
                moved = quarantine.set_aside(self.data_dir, path, durable=self._durable)
                log.error("damaged pushes file set aside: %s (%s); moved to %s", path, exc, moved)
                self._set_aside(moved, _accounts_in(moved))
                data = {}
            data.setdefault(META, {META_ID: new_meta("pushes")})
            data.setdefault(_PUSHES, {})
            data.setdefault(_PREFS, {})
            self._shards[shard] = data
        return data

    def _without_bad_rows(self, path: Path, data: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """A shard's data without its unreadable rows: each account's are copied to quarantine
        (named by its stem, so its user is told and /deleteme finds them), then left out."""
        shard = int(path.stem, 16)
        bad: dict[str | None, dict[str, dict[str, Any]]] = {}  # account -> table -> rows
        for table in (_PUSHES, _PREFS):
            for key, row in data.get(table, {}).items():
                if problem := _row_problem(table, key, row):
                    log.error("pushes %s: %s %r unreadable (%s)", path.name, table, key, problem)
                    account = _row_account(table, key, row)
                    bad.setdefault(account, {}).setdefault(table, {})[key] = row
        for account, tables in bad.items():
            self._set_aside(
                quarantine.keep_rows(self.data_dir, path, tables, account=account, durable=self._durable)
            )
            for table, rows in tables.items():
                data[table] = {k: r for k, r in data[table].items() if k not in rows}
            # written without them at the next write (their copy is durable already)
            self._dirty_shards.add(shard)
            self._checkpoint_due = True
        return data

    def _set_aside(self, moved: Path, accounts: Iterable[str] = ()) -> None:
        if self._on_set_aside is not None:
            self._on_set_aside(moved, accounts)

    def _table(self, account: str, table: str) -> dict[str, Any]:
        validate_key(account)
        return self._shard(shard_of(account))[table]

    def _record(self, account: str, table: str, key: str, row: dict[str, Any] | None) -> None:
        """Note a change already made in memory (under ``_lock``): a journal line to append."""
        self._lines.append(encode_record(account, 0, {"t": table, "k": key, "r": row}))
        self._dirty_shards.add(shard_of(account))
        self._changes += 1

    def _replay(self) -> None:
        """Apply the journal a crash left (oldest line first) and checkpoint it into the shards."""
        segments = list_segments(self._journal.folder)
        if not segments:
            return
        for number, path in segments:
            segment = read_segment(path, last=number == segments[-1][0])
            for line_number, line in segment.damaged:
                self._keep_line(path, line_number, line, "it fails its checksum")
            for record in segment.records:
                table, key, row = record.row.get("t"), record.row.get("k"), record.row.get("r")
                if table not in (_PUSHES, _PREFS) or not isinstance(key, str):
                    self._keep_line(path, record.number, record.raw, "a line of unknown shape")
                    continue
                if row is not None and (problem := _row_problem(table, key, row)):
                    self._keep_line(path, record.number, record.raw, problem)
                    continue
                rows = self._shard(shard_of(record.account))[table]
                if row is None:
                    rows.pop(key, None)
                else:
                    rows[key] = row
                self._dirty_shards.add(shard_of(record.account))
        self._segment = segments[-1][0] + 1
        self._checkpoint_due = True
        self._changes += 1
        try:
            self.sync()
        except OSError as exc:  # the journal stays and is replayed again next time
            log.error("%s", exc)

    def _keep_line(self, segment: Path, number: int, line: bytes, why: str) -> None:
        """A journal line that cannot be applied: a copy in quarantine (named by its account's stem
        when the line names one), and its user is told."""
        moved = quarantine.keep_line(
            self.data_dir,
            segment,
            number,
            line,
            durable=self._durable,
            prefix=quarantine.PUSHES_JOURNAL_PREFIX,
        )
        log.error("pushes journal %s line %d set aside as %s: %s", segment.name, number, moved, why)
        self._set_aside(moved)

    def sync(self, upto: int | None = None) -> None:
        """Make every change so far durable now (blocking): its journal lines appended and synced,
        and, when one is due, the changed shards rewritten (atomically) and the journal retired.
        Unless the changes up to ``upto`` are on disk already. Raises OSError if the append failed
        (the lines stay and go with the next write); a failed checkpoint is logged and tried again."""
        with self._write_lock:
            with self._lock:
                if upto is not None and self._written >= upto:
                    return
                lines, self._lines = self._lines, []
                taken = self._changes
                size = sum(len(line) for line in lines)
                checkpoint = self._checkpoint_due or self._journal_bytes + size > self._journal_limit
                files = {}
                if checkpoint:
                    files = {self._path(s): encode(self._shards[s]) for s in self._dirty_shards}
                    self._dirty_shards.clear()
                    self._checkpoint_due = False
            segment = self._segment
            if lines:
                try:
                    self._journal.append([(segment, line) for line in lines])
                except OSError as exc:
                    with self._lock:
                        self._lines[:0] = lines
                        self._dirty_shards |= {int(p.stem, 16) for p in files}
                        self._checkpoint_due |= checkpoint
                    self._segment += 1  # the failed one may not take more lines (SegmentFiles)
                    raise OSError(f"writing the pending pushes journal failed: {exc}") from exc
                self._journal_bytes += size
            with self._lock:
                self._written = max(self._written, taken)
            if checkpoint:
                self._checkpoint(files, segment)

    def checkpoint(self) -> None:
        """Write every change into the shard files now and retire the journal (blocking: shutdown,
        tools, tests; a running bot checkpoints by itself)."""
        with self._lock:
            self._checkpoint_due = True
        self.sync()

    def _checkpoint(self, files: dict[Path, bytes], segment: int) -> None:
        """Write the shards (their lines are in the journal already) and retire the journal."""
        failed = atomic_write_many(files, durable=self._durable) if files else {}
        if failed:
            with self._lock:
                self._dirty_shards |= {int(p.stem, 16) for p in failed}
                self._checkpoint_due = True
            log.error("writing %d pushes file(s) failed: %s", len(failed), next(iter(failed.values())))
            return
        try:
            self._journal.retire(segment)
        except OSError as exc:  # replaying what is left is harmless: the shards hold its result
            log.error("retiring the pending pushes journal failed: %s", exc)
        self._segment = segment + 1
        self._journal_bytes = 0

    def write_soon(self) -> None:
        """Write the changes so far within `WRITE_BEHIND` seconds, without waiting: for what a /log
        moves (its session summary, the rest timer it cancels), which a crash may lose but which must
        not hold the /log's answer up behind a second file's fsyncs. A claim still awaits `flush`."""
        self._behind.changed()

    def _write_behind(self) -> None:
        try:
            self.sync()
        except OSError as exc:  # the changes stay in memory and go with the next write
            log.error("%s", exc)

    def _dirty(self) -> bool:
        with self._lock:
            return bool(self._lines) or self._checkpoint_due

    async def flush(self) -> None:
        """Until every change made before this call is on disk (`sync` off the event loop; a reminder
        fan-out awaits it before each group's sends)."""
        with self._lock:
            upto = self._changes
            if self._written >= upto:
                return
        await asyncio.to_thread(self.sync, upto)

    @property
    def changes(self) -> int:
        """A counter of changes made (a timer started or stopped, a setting saved): unchanged across
        a call, that call changed nothing."""
        with self._lock:
            return self._changes

    # --- pushes ------------------------------------------------------------------------------------

    def put(self, push: Push) -> Push:
        """Store ``push``, replacing the account's pending one of the same kind."""
        validate_key(push.account)
        push.due_at  # noqa: B018 - refuse an unreadable instant before anything is written
        with self._lock:
            row = self._table(push.account, _PUSHES)[push.uid] = push.to_row()
            self._record(push.account, _PUSHES, push.uid, row)
        return push

    def get(self, account: str, kind: str) -> Push | None:
        with self._lock:
            row = self._table(account, _PUSHES).get(f"{account}|{kind}")
        return None if row is None else Push.from_row(row)

    def cancel(self, account: str, kind: str) -> Push | None:
        """Remove the account's pending push of ``kind``; returns it (None if there was none)."""
        with self._lock:
            uid = f"{account}|{kind}"
            row = self._table(account, _PUSHES).pop(uid, None)
            if row is not None:
                self._record(account, _PUSHES, uid, None)
        return None if row is None else Push.from_row(row)

    def claim(self, push: Push, following: Push | None = None) -> bool:
        """Take ``push`` (exactly this occurrence) off the pending ones, leaving ``following`` (the
        next occurrence of a recurring kind) in its place. False if it is no longer pending as it was
        (cancelled, replaced, or claimed already): then nothing changes and it must not be sent."""
        with self._lock:
            table = self._table(push.account, _PUSHES)
            row = table.get(push.uid)
            if row is None or row.get("key") != push.key or row.get("due") != push.due:
                return False
            if following is None:
                del table[push.uid]
                self._record(push.account, _PUSHES, push.uid, None)
            else:
                row = table[push.uid] = following.to_row()
                self._record(push.account, _PUSHES, push.uid, row)
        return True

    def all(self) -> Iterator[Push]:
        """Every pending push, shard by shard (the reminder service indexes them at start-up)."""
        for shard in range(SHARDS):
            if shard not in self._shards and not self._path(shard).exists():
                continue
            with self._lock:
                rows = list(self._shard(shard)[_PUSHES].values())
            for row in rows:
                try:
                    yield Push.from_row(row)
                except (KeyError, TypeError, ValueError):
                    log.warning("unreadable pending push in shard %02x skipped", shard)

    def accounts(self) -> set[str]:
        """Every account with a pending push or settings (start-up finishes a link a crash cut short)."""
        found: set[str] = set()
        for shard in range(SHARDS):
            if shard not in self._shards and not self._path(shard).exists():
                continue
            with self._lock:
                data = self._shard(shard)
                found.update(str(row.get("account")) for row in data[_PUSHES].values())
                found.update(data[_PREFS])
        return found

    def of(self, account: str) -> list[Push]:
        with self._lock:
            return [
                Push.from_row(r) for r in self._table(account, _PUSHES).values() if r["account"] == account
            ]

    # --- settings ----------------------------------------------------------------------------------

    def prefs(self, account: str) -> Prefs:
        with self._lock:
            row = self._table(account, _PREFS).get(account)
        return Prefs() if row is None else Prefs.from_row(row)

    def save_prefs(self, account: str, prefs: Prefs) -> None:
        with self._lock:
            row = self._table(account, _PREFS)[account] = prefs.to_row()
            self._record(account, _PREFS, account, row)

    def update_prefs(self, account: str, **changes: Any) -> Prefs:
        prefs = replace(self.prefs(account), **changes)
        self.save_prefs(account, prefs)
        return prefs

    # --- deletion / bulk ---------------------------------------------------------------------------

    def drop_account(self, account: str) -> int:
        """Forget the account's pushes and settings (/deleteme); returns how many rows went."""
        with self._lock:
            pushes = self._table(account, _PUSHES)
            doomed = [uid for uid, row in pushes.items() if row.get("account") == account]
            for uid in doomed:
                del pushes[uid]
                self._record(account, _PUSHES, uid, None)
            removed = len(doomed)
            if self._table(account, _PREFS).pop(account, None) is not None:
                self._record(account, _PREFS, account, None)
                removed += 1
            # Gone from disk too at the next flush: the shards are rewritten and the journal, which
            # still holds the account's older lines, retired.
            self._checkpoint_due = self._checkpoint_due or bool(removed)
        return removed

    def put_many(self, pushes: list[Push], prefs: dict[str, Prefs] | None = None) -> None:
        """Many rows at once (benchmarks, tools): memory only until the next `sync`/`flush`."""
        with self._lock:
            for push in pushes:
                row = self._table(push.account, _PUSHES)[push.uid] = push.to_row()
                self._record(push.account, _PUSHES, push.uid, row)
            for account, p in (prefs or {}).items():
                row = self._table(account, _PREFS)[account] = p.to_row()
                self._record(account, _PREFS, account, row)


_by_store: WeakKeyDictionary[Store, PendingPushes] = WeakKeyDictionary()


def pending_pushes(store: Store) -> PendingPushes:
    """The pending pushes of ``store``'s data folder (one object per store)."""
    pushes = _by_store.get(store)
    if pushes is None:
        pushes = _by_store[store] = PendingPushes(store.data_dir, on_set_aside=store.note_set_aside)
    return pushes

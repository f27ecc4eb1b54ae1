"""Pending one-off pushes (rest timers, session summaries, weekly recaps, nudges) and the settings
that drive them (weekly goal, recap day and time, nudges off).

A push is one message owed to one account: its ``kind``, an idempotency ``key`` (which occurrence:
a rest timer's start, a session's first set, a recap's week), the UTC instant it is ``due``, the
private chat it goes to (``target``) and a small JSON ``payload`` to render it from. An account has at
most one pending push per kind: scheduling a kind again replaces it (a new rest timer replaces the
running one; the next /log moves the session summary on).

Claimed per message, just before it is sent (the reminder service, `reminders.service`): `claim`
removes the row, or for a recurring kind replaces it with its next occurrence, in memory, and the
service awaits `flush` (every changed shard written atomically and fsynced) before the send. A crash
after the flush leaves the push claimed, never sent twice; before it, the push is still pending.
What a /log changes (the session summary it starts, the rest timer it cancels) is written behind
instead (`write_soon`, `storage.write_behind`): the /log's answer waits for its set only, and a crash
within `WRITE_BEHIND` seconds may lose that summary, never a set.

Layout: ``DATA_DIR/pushes/NN.json``, the store's 256 shards by the same stable hash of the account
(`storage.layout.shard_of`), so a reminder lane's chunk of shards touches the same few files. Each file
is ``{"_meta": ..., "pushes": {"<account>|<kind>": row}, "prefs": {"<account>": row}}``, read once and
served from memory. A file that does not decode is moved to quarantine (never rewritten) and that
shard starts empty: its users' timers and recap settings are lost, nobody else's.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from storage import quarantine
from storage.atomic import CorruptFileError, atomic_write_many, decode, encode, remove_stale_temp_files
from storage.layout import META, META_ID, PUSHES_DIR, SHARDS, new_meta, shard_of, validate_key
from storage.write_behind import WriteBehind

if TYPE_CHECKING:
    from storage.store import Store

log = logging.getLogger(__name__)

_PUSHES, _PREFS = "pushes", "prefs"
# Seconds from a change made with `PendingPushes.write_soon` to its write (a crash loses at most these).
WRITE_BEHIND = 1.0


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


def to_iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


class PendingPushes:
    """The pending pushes of one data folder. Thread-safe; changes are in memory at once and durable
    after `flush` (or `sync`)."""

    def __init__(self, data_dir: Path, *, durable: bool = True) -> None:
        self.folder = Path(data_dir) / PUSHES_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(self.folder)  # (Store does this at open too; a tool may come first)
        self.data_dir = Path(data_dir)
        self._durable = durable
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()  # one writer at a time: a file never goes back in time
        self._shards: dict[int, dict[str, dict[str, Any]]] = {}
        self._dirty_shards: set[int] = set()
        # Changes made so far, and how many of them are on disk: a flush waits for the changes made
        # before it, even when another flush's write (still running) took them.
        self._changes = 0
        self._written = 0
        self._behind = WriteBehind(self._write_behind, self._dirty, delay=WRITE_BEHIND, folder=self.folder)

    # --- files -------------------------------------------------------------------------------------

    def _path(self, shard: int) -> Path:
        return self.folder / f"{shard:02x}.json"

    def _shard(self, shard: int) -> dict[str, dict[str, Any]]:
        data = self._shards.get(shard)
        if data is None:
            path = self._path(shard)
            try:
                data = decode(path.read_bytes(), path)
                if not isinstance(data.get(_PUSHES, {}), dict):
                    raise CorruptFileError(f"{path}: no pushes table")
            except FileNotFoundError:
                data = {}
            except CorruptFileError as exc:
                moved = quarantine.set_aside(self.data_dir, path, durable=self._durable)
                log.error("damaged pushes file set aside: %s (%s); moved to %s", path, exc, moved)
                data = {}
            data.setdefault(META, {META_ID: new_meta("pushes")})
            data.setdefault(_PUSHES, {})
            data.setdefault(_PREFS, {})
            self._shards[shard] = data
        return data

    def _table(self, account: str, table: str) -> dict[str, Any]:
        validate_key(account)
        return self._shard(shard_of(account))[table]

    def _touch(self, account: str) -> None:
        self._dirty_shards.add(shard_of(account))
        self._changes += 1

    def sync(self, upto: int | None = None) -> None:
        """Write every changed shard now (blocking), each atomically and durably, unless the changes up
        to ``upto`` are on disk already. A failed file stays changed in memory and is written again
        next time; raises OSError after trying all."""
        with self._write_lock:
            with self._lock:
                if upto is not None and self._written >= upto:
                    return
                files = {self._path(s): encode(self._shards[s]) for s in self._dirty_shards}
                self._dirty_shards.clear()
                taken = self._changes
            failed = atomic_write_many(files, durable=self._durable) if files else {}
            with self._lock:
                if failed:
                    self._dirty_shards |= {int(p.stem, 16) for p in failed}
                else:
                    self._written = max(self._written, taken)
            if failed:
                raise OSError(f"writing {len(failed)} pushes file(s) failed: {next(iter(failed.values()))}")

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
            return bool(self._dirty_shards)

    async def flush(self) -> None:
        """Until every change made before this call is on disk (`sync` off the event loop; a reminder
        fan-out awaits it before each group's sends)."""
        with self._lock:
            upto = self._changes
            if self._written >= upto:
                return
        await asyncio.to_thread(self.sync, upto)

    # --- pushes ------------------------------------------------------------------------------------

    def put(self, push: Push) -> Push:
        """Store ``push``, replacing the account's pending one of the same kind."""
        validate_key(push.account)
        push.due_at  # noqa: B018 - refuse an unreadable instant before anything is written
        with self._lock:
            self._table(push.account, _PUSHES)[push.uid] = push.to_row()
            self._touch(push.account)
        return push

    def get(self, account: str, kind: str) -> Push | None:
        with self._lock:
            row = self._table(account, _PUSHES).get(f"{account}|{kind}")
        return None if row is None else Push.from_row(row)

    def cancel(self, account: str, kind: str) -> Push | None:
        """Remove the account's pending push of ``kind``; returns it (None if there was none)."""
        with self._lock:
            row = self._table(account, _PUSHES).pop(f"{account}|{kind}", None)
            if row is not None:
                self._touch(account)
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
            else:
                table[push.uid] = following.to_row()
            self._touch(push.account)
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
            self._table(account, _PREFS)[account] = prefs.to_row()
            self._touch(account)

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
            removed = len(doomed) + (self._table(account, _PREFS).pop(account, None) is not None)
            if removed:
                self._touch(account)
        return removed

    def put_many(self, pushes: list[Push], prefs: dict[str, Prefs] | None = None) -> None:
        """Many rows at once (benchmarks, tools): memory only until the next `sync`/`flush`."""
        with self._lock:
            for push in pushes:
                self._table(push.account, _PUSHES)[push.uid] = push.to_row()
                self._touch(push.account)
            for account, p in (prefs or {}).items():
                self._table(account, _PREFS)[account] = p.to_row()
                self._touch(account)


_by_store: WeakKeyDictionary[Store, PendingPushes] = WeakKeyDictionary()


def pending_pushes(store: Store) -> PendingPushes:
    """The pending pushes of ``store``'s data folder (one object per store)."""
    pushes = _by_store.get(store)
    if pushes is None:
        pushes = _by_store[store] = PendingPushes(store.data_dir)
    return pushes

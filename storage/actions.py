"""Pending actions: what a button does, kept on the server and bound to who may press it.

A button on the wire carries only an opaque id (17 hex digits: Telegram's callback_data allows 64
bytes, Discord's custom_id 100 characters). The id names a stored action: the command line to run, the
account it was issued to, the chat it was sent to, when it expires and whether it is single use. A press
is honoured only by that account, in that chat (or, for a private reply, in the user's private chat on
that platform), before the expiry, and a single-use action only once.

Bound to the chat, not to the platform message id: the id is issued before the message exists, and
recording message ids would need every adapter's send path to report back. The id is 64 random bits,
so it only ever appears on the message it was sent with; binding the message id on top would add no
protection.

Layout: ``DATA_DIR/actions-<0-f>.json``, one TinyDB file per first hex digit of the id, written through
`AtomicJSONStorage` (crash-safe, durable on return), so a press works after a restart. They sit in the
data folder itself, whose leftover temporary files the store removes when it opens. A shard holds a
day's buttons of about a sixteenth of the users; each write prunes that shard's actions that expired
more than `KEEP_EXPIRED` ago (kept that long so a late press can still say "expired" or "already used"
instead of "unknown"). A damaged shard is moved to ``DATA_DIR/quarantine/`` and started afresh: its
buttons stop working, nothing else does.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from tinydb import TinyDB, where
from tinydb.table import Document, Table

from storage.atomic import AtomicJSONStorage, CorruptFileError, fsync_dir

log = logging.getLogger(__name__)

FILE_PREFIX = "actions-"
QUARANTINE_DIR = "quarantine"
SHARDS = 16
KEEP_EXPIRED = timedelta(days=7)
_TABLE = "actions"
_ID_DIGITS = 16  # after the shard digit


class Verdict(StrEnum):
    OK = "ok"
    NOT_YOURS = "not_yours"
    OTHER_CHAT = "other_chat"
    EXPIRED = "expired"
    USED = "used"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Action:
    id: str
    command: str  # the command line a press runs, e.g. "/undo_entry 12"
    account: str
    target: str  # Target.key() of the chat the button was sent to
    private: bool  # the reply went to the user alone (their private chat, or ephemeral)
    expires: datetime
    single_use: bool = False
    group: str = ""  # single-use actions of one reply share a group and are consumed together
    used: bool = False


@dataclass(frozen=True)
class Spec:
    """One action to issue: its command line, lifetime and whether a press consumes it."""

    command: str
    ttl_seconds: int
    single_use: bool = False


def is_action_id(text: str) -> bool:
    return len(text) == 1 + _ID_DIGITS and all(c in "0123456789abcdef" for c in text)


class PendingActions:
    """The pending actions of one data folder. Thread-safe; every change is on disk when it returns."""

    def __init__(self, data_dir: Path, *, durable: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self._durable = durable
        self._lock = threading.Lock()
        self._dbs: dict[int, TinyDB] = {}

    # --- files -------------------------------------------------------------------------------------

    def _path(self, shard: int) -> Path:
        return self.data_dir / f"{FILE_PREFIX}{shard:x}.json"

    def _db(self, shard: int) -> TinyDB:
        db = self._dbs.get(shard)
        if db is None:
            db = TinyDB(self._path(shard), storage=AtomicJSONStorage, durable=self._durable)
            self._dbs[shard] = db
        try:
            db.storage.read()
        except CorruptFileError as exc:
            self._quarantine(shard, db, exc)
        return db

    def _quarantine(self, shard: int, db: TinyDB, exc: CorruptFileError) -> None:
        """Move a damaged shard aside (never delete it) and start that shard empty."""
        path = self._path(shard)
        dest_dir = self.data_dir / QUARANTINE_DIR
        dest_dir.mkdir(parents=True, exist_ok=True)
        dest = dest_dir / f"actions-{shard:x}.{secrets.token_hex(4)}.json"
        os.replace(path, dest)
        fsync_dir(self.data_dir)
        db.storage.invalidate()
        log.error("pending actions file %s is damaged (%s); moved to %s", path, exc, dest)

    # --- API -----------------------------------------------------------------------------------------

    def issue(
        self, specs: list[Spec], *, account: str, target: str, private: bool, now: datetime
    ) -> list[str]:
        """Store one action per spec (one reply's buttons: one file write) and return their ids."""
        if not specs:
            return []
        now = now.astimezone(UTC)  # stored in one zone, so the ISO strings sort in time order
        shard = secrets.randbelow(SHARDS)
        ids = [f"{shard:x}{secrets.randbits(_ID_DIGITS * 4):0{_ID_DIGITS}x}" for _ in specs]
        group = next((i for i, s in zip(ids, specs, strict=True) if s.single_use), "")
        docs = [
            Document(
                {
                    "command": spec.command,
                    "account": account,
                    "target": target,
                    "private": private,
                    "expires": (now + timedelta(seconds=spec.ttl_seconds)).isoformat(),
                    "single_use": spec.single_use,
                    "group": group if spec.single_use else "",
                    "used": False,
                },
                doc_id=int(action_id[1:], 16),
            )
            for action_id, spec in zip(ids, specs, strict=True)
        ]
        with self._lock:
            db = self._db(shard)
            table = db.table(_TABLE)
            with db.storage.transaction():
                self._prune(table, now)
                table.insert_multiple(docs)
        return ids

    def get(self, action_id: str) -> Action | None:
        if not is_action_id(action_id):
            return None
        with self._lock:
            doc = self._db(int(action_id[0], 16)).table(_TABLE).get(doc_id=int(action_id[1:], 16))
        return None if doc is None else _action(action_id, doc)

    def claim(
        self, action_id: str, *, account: str, now: datetime, chat_ok: Callable[[Action], bool]
    ) -> tuple[Verdict, Action | None]:
        """Check a press by ``account`` (``chat_ok`` checks where it came from: the caller knows the
        platform) and, for a single-use action, consume it (with the rest of its group) in the same
        step."""
        if not is_action_id(action_id):
            return Verdict.UNKNOWN, None
        shard, doc_id = int(action_id[0], 16), int(action_id[1:], 16)
        with self._lock:
            db = self._db(shard)
            table = db.table(_TABLE)
            doc = table.get(doc_id=doc_id)
            if doc is None:
                return Verdict.UNKNOWN, None
            action = _action(action_id, doc)
            if action.account != account:
                return Verdict.NOT_YOURS, action
            if not chat_ok(action):
                return Verdict.OTHER_CHAT, action
            if action.used:
                return Verdict.USED, action
            if now >= action.expires:
                return Verdict.EXPIRED, action
            if action.single_use:
                group = action.group or action.id
                table.update({"used": True}, where("group") == group)
        return Verdict.OK, action

    def drop_account(self, account: str) -> int:
        """Forget every action issued to ``account`` (its data is being deleted)."""
        removed = 0
        with self._lock:
            for shard in range(SHARDS):
                if not self._path(shard).exists():
                    continue
                table = self._db(shard).table(_TABLE)
                removed += len(table.remove(where("account") == account))
        return removed

    def close(self) -> None:
        with self._lock:
            for db in self._dbs.values():
                db.close()
            self._dbs.clear()

    @staticmethod
    def _prune(table: Table, now: datetime) -> None:
        table.remove(where("expires") < (now - KEEP_EXPIRED).isoformat())


def _action(action_id: str, doc: dict) -> Action:
    return Action(
        id=action_id,
        command=str(doc["command"]),
        account=str(doc["account"]),
        target=str(doc["target"]),
        private=bool(doc.get("private")),
        expires=datetime.fromisoformat(str(doc["expires"])),
        single_use=bool(doc.get("single_use")),
        group=str(doc.get("group", "")),
        used=bool(doc.get("used")),
    )

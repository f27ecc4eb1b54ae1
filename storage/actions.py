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

Questions (core.messages.Ask) are actions too, with a ``prompt``: their answer is appended to the
command. Where the answer arrives as a reply to the message that asked (Telegram's ForceReply), nothing
of ours travels with it, so that question is issued after the message is sent, bound to it, under an id
derived from the message (`message_action_id`): the reply finds it without an index.

Layout: ``DATA_DIR/actions-<0-f>.json``, one TinyDB file per first hex digit of the id, held in memory
and written atomically (storage/atomic.py) by a worker thread right after each change, so a press works
after a restart and the event loop never waits for the disk. The files sit in the data folder itself,
whose leftover temporary files the store removes when it opens. A shard holds a day's buttons of about
a sixteenth of the users; every `PRUNE_EVERY` issues into a shard drop its actions that expired more
than `KEEP_EXPIRED` ago (kept that long so a late press can still say "expired" or "already used"
instead of "unknown"). A damaged shard is moved to ``DATA_DIR/quarantine/`` and started afresh: its
buttons stop working, nothing else does.
"""

from __future__ import annotations

import asyncio
import hashlib
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
from tinydb.storages import Storage
from tinydb.table import Document

from storage.atomic import CorruptFileError, Data, atomic_write_bytes, decode, encode, fsync_dir

log = logging.getLogger(__name__)

FILE_PREFIX = "actions-"
QUARANTINE_DIR = "quarantine"
SHARDS = 16
KEEP_EXPIRED = timedelta(days=7)
PRUNE_EVERY = 64  # issues into a shard between two prunes of it
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
    # A question (core.messages.Ask): its answer is appended to ``command``. Empty for a button.
    prompt: str = ""
    placeholder: str = ""
    title: str = ""
    message: str = ""  # the message that asked, when the platform answers by replying to it


@dataclass(frozen=True)
class Spec:
    """One action to issue: its command line, lifetime and whether a press consumes it."""

    command: str
    ttl_seconds: int
    single_use: bool = False
    prompt: str = ""  # a question: see `Action.prompt`
    placeholder: str = ""
    title: str = ""


def message_action_id(message: str) -> str:
    """The id of the question asked by ``message`` (e.g. ``"telegram:42:7"``, chat and message id):
    derived from it, so a reply to that message finds its question without an index. Issued after the
    message is sent, so an id cannot come from the wire before the message exists."""
    digest = hashlib.sha256(message.encode()).hexdigest()
    return digest[: 1 + _ID_DIGITS]


def is_action_id(text: str) -> bool:
    return len(text) == 1 + _ID_DIGITS and all(c in "0123456789abcdef" for c in text)


class _MemoryFirst(Storage):
    """A shard for TinyDB: served from memory; `PendingActions` writes changed shards to disk off the
    event loop (an fsync per reply would stall every chat for the disk's latency)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: Data | None = None
        self.loaded = False
        self.dirty = False

    def read(self) -> Data | None:
        if not self.loaded:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                self.data = None
            else:
                self.data = decode(raw, self.path)
            self.loaded = True
        return self.data

    def write(self, data: Data) -> None:
        self.data, self.loaded, self.dirty = data, True, True


class PendingActions:
    """The pending actions of one data folder. Thread-safe. Changes are in memory at once and written
    to their file by one worker thread right after (coalesced); `flush` waits for that. A crash in that
    moment can lose a button just sent (it then says it no longer works) or the "used" mark of a press
    (whose actions are idempotent: delete, remove an entry by id, send a lift once)."""

    def __init__(self, data_dir: Path, *, durable: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self._durable = durable
        self._lock = threading.Lock()
        self._dbs: dict[int, TinyDB] = {}
        self._issued: dict[int, int] = {}  # issues per shard since it was last pruned
        self._writing = False  # a write-out is running (or queued); it loops until nothing is dirty
        self._done: asyncio.Future[None] | None = None

    # --- files -------------------------------------------------------------------------------------

    def _path(self, shard: int) -> Path:
        return self.data_dir / f"{FILE_PREFIX}{shard:x}.json"

    def _db(self, shard: int) -> TinyDB:
        db = self._dbs.get(shard)
        if db is None:
            db = self._dbs[shard] = TinyDB(self._path(shard), storage=_MemoryFirst)
            try:
                db.storage.read()
            except CorruptFileError as exc:
                self._quarantine(shard, db.storage, exc)
        return db

    def _quarantine(self, shard: int, storage: _MemoryFirst, exc: CorruptFileError) -> None:
        """Move a damaged shard aside (never delete it) and start that shard empty."""
        path = self._path(shard)
        dest_dir = self.data_dir / QUARANTINE_DIR
        dest_dir.mkdir(parents=True, exist_ok=True)
        dest = dest_dir / f"actions-{shard:x}.{secrets.token_hex(4)}.json"
        os.replace(path, dest)
        fsync_dir(self.data_dir)
        storage.data, storage.loaded = None, True
        log.error("pending actions file %s is damaged (%s); moved to %s", path, exc, dest)

    def _changed(self) -> None:
        """After a change (outside the lock): start the write-out unless one is running."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        with self._lock:
            if self._writing:
                return  # it loops until nothing is dirty
            self._writing = True
            if loop is not None:
                self._done = loop.run_in_executor(None, self._write_out)
                return
        self._write_out()  # no event loop to keep free (tools, tests): write now, in this thread

    def _dirty(self) -> bool:
        return any(db.storage.dirty for db in self._dbs.values())

    def _write_out(self) -> None:
        """Write every changed shard, until none is left; one writer at a time, so a file never goes
        back to an older content."""
        while True:
            with self._lock:
                batch = []
                for db in self._dbs.values():
                    storage = db.storage
                    if storage.dirty:
                        storage.dirty = False
                        batch.append((storage, encode(storage.data or {})))
                if not batch:
                    self._writing = False
                    return
            for storage, raw in batch:
                try:
                    atomic_write_bytes(storage.path, raw, durable=self._durable)
                except OSError as exc:
                    # kept in memory and retried with the next change; the buttons work meanwhile
                    log.error("writing pending actions to %s failed: %s", storage.path, exc)
                    with self._lock:
                        storage.dirty = True
                        self._writing = False
                    return

    async def flush(self) -> None:
        """Until everything changed so far is written (shutdown, tests); gives up after a failed write
        (logged; the data stays in memory)."""
        for _ in range(3):
            self._changed()
            with self._lock:
                done = self._done if self._writing else None
            if done is not None:
                await asyncio.shield(done)
            with self._lock:
                if not self._writing and not self._dirty():
                    return

    # --- API -----------------------------------------------------------------------------------------

    def issue(
        self,
        specs: list[Spec],
        *,
        account: str,
        target: str,
        private: bool,
        now: datetime,
        message: str = "",
    ) -> list[str]:
        """Store one action per spec (one reply's buttons) and return their ids. With ``message``
        (one spec: a question asked by that message) the id is `message_action_id`; asking again by
        the same message replaces the question."""
        if not specs:
            return []
        now = now.astimezone(UTC)  # stored in one zone, so the ISO strings sort in time order
        if message:
            if len(specs) != 1:
                raise ValueError("one question per message")
            ids = [message_action_id(message)]
            shard = int(ids[0][0], 16)
        else:
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
                    **_question(spec, message),
                },
                doc_id=int(action_id[1:], 16),
            )
            for action_id, spec in zip(ids, specs, strict=True)
        ]
        with self._lock:
            table = self._db(shard).table(_TABLE)
            issued = self._issued.get(shard, 0) + 1
            if issued >= PRUNE_EVERY:
                # amortised: a prune scans the whole shard
                table.remove(where("expires") < (now - KEEP_EXPIRED).isoformat())
                issued = 0
            self._issued[shard] = issued
            if message and table.contains(doc_id=docs[0].doc_id):
                table.remove(doc_ids=[docs[0].doc_id])
            table.insert_multiple(docs)
        self._changed()
        return ids

    def get(self, action_id: str) -> Action | None:
        if not is_action_id(action_id):
            return None
        with self._lock:
            doc = self._db(int(action_id[0], 16)).table(_TABLE).get(doc_id=int(action_id[1:], 16))
        return None if doc is None else _action(action_id, doc)

    def claim(
        self,
        action_id: str,
        *,
        account: str,
        now: datetime,
        chat_ok: Callable[[Action], bool],
        consume: bool = True,
    ) -> tuple[Verdict, Action | None]:
        """Check a press by ``account`` (``chat_ok`` checks where it came from: the caller knows the
        platform) and, for a single-use action, consume it (with the rest of its group) in the same
        step; ``consume=False`` only checks (opening a question's form is not answering it)."""
        if not is_action_id(action_id):
            return Verdict.UNKNOWN, None
        shard, doc_id = int(action_id[0], 16), int(action_id[1:], 16)
        with self._lock:
            table = self._db(shard).table(_TABLE)
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
            if action.single_use and consume:
                table.update({"used": True}, where("group") == (action.group or action.id))
        if action.single_use and consume:
            self._changed()
        return Verdict.OK, action

    def drop_account(self, account: str) -> int:
        """Forget every action issued to ``account`` (its data is being deleted)."""
        removed = 0
        with self._lock:
            for shard in range(SHARDS):
                if shard in self._dbs or self._path(shard).exists():
                    removed += len(self._db(shard).table(_TABLE).remove(where("account") == account))
        if removed:
            self._changed()
        return removed


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
        prompt=str(doc.get("prompt", "")),
        placeholder=str(doc.get("placeholder", "")),
        title=str(doc.get("title", "")),
        message=str(doc.get("message", "")),
    )


def _question(spec: Spec, message: str) -> dict[str, str]:
    """The fields of a question; none for a button (its documents stay as they were)."""
    if not spec.prompt:
        return {}
    return {"prompt": spec.prompt, "placeholder": spec.placeholder, "title": spec.title, "message": message}

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

Layout: ``DATA_DIR/actions-<0-f>.json``, one TinyDB file per first hex digit of the id (the files sit
in the data folder itself, whose leftover temporary files the store removes when it opens). A shard is
read once, through TinyDB's `Table` API, into a dict of our own that serves every issue and press; a
TinyDB ``Storage`` (`_ShardFile`) writes a changed shard back whole and atomically (storage/atomic.py).
Those snapshot writes are batched (`storage.write_behind`, delay `WRITE_DELAY`): the event loop never
waits for the disk and a busy minute costs a few writes per shard instead of one per reply (rewriting a
shard per reply made every reply O(buttons issued that day)). A document's JSON is kept from one write to the next (documents
are replaced, never changed in place), so a write encodes only what changed since the last one and
joins the rest, and the shards of a batch are fsynced together. `flush` writes at once (shutdown,
/deleteme); only a crash loses a batch.

Durability: a clean stop (``bot.stop_app`` flushes) loses nothing. A crash loses the changes of the last
`WRITE_DELAY` seconds at most: a button sent then says it no longer works, or a press's "used" mark is
lost (its actions are idempotent: delete, remove an entry by id, send a lift once). Outside an event loop
(tools, tests) every change is written before the call returns.

A shard holds about a sixteenth of the buttons; every `PRUNE_EVERY` issues into a shard drop its actions
that expired more than `KEEP_EXPIRED` ago (kept that long so a late press can still say "expired" or
"already used" instead of "unknown"). A damaged shard is moved to ``DATA_DIR/quarantine/`` and started
afresh: its buttons stop working, nothing else does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from storage import quarantine
from storage.atomic import (
    CorruptFileError,
    Data,
    NotRegularFileError,
    atomic_write_bytes,
    atomic_write_many,
    decode,
    encode,
    fsync_dir,
    read_regular,
)
from storage.write_behind import WriteBehind

log = logging.getLogger(__name__)

FILE_PREFIX = "actions-"
SHARDS = 16
KEEP_EXPIRED = timedelta(days=7)
PRUNE_EVERY = 64  # issues into a shard between two prunes of it
WRITE_DELAY = 1.0  # seconds from a change to the write-out that includes it (a crash loses at most these)
_TABLE = "actions"
_ID_DIGITS = 16  # after the shard digit


class Verdict(StrEnum):
    OK = "ok"
    NOT_YOURS = "not_yours"
    OTHER_CHAT = "other_chat"
    EXPIRED = "expired"
    USED = "used"
    CANCELLED = "cancelled"  # a confirmation or choice closed by /cancel
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
    label: str = ""
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
    label: str = ""


def message_action_id(message: str) -> str:
    """The id of the question asked by ``message`` (e.g. ``"telegram:42:7"``, chat and message id):
    derived from it, so a reply to that message finds its question without an index. Issued after the
    message is sent, so an id cannot come from the wire before the message exists."""
    digest = hashlib.sha256(message.encode()).hexdigest()
    return digest[: 1 + _ID_DIGITS]


def is_action_id(text: str) -> bool:
    return len(text) == 1 + _ID_DIGITS and all(c in "0123456789abcdef" for c in text)


class _ShardFile(Storage):
    """One shard's file for TinyDB: read once (a missing file reads as empty), written whole and
    atomically by `PendingActions`' worker thread."""

    def __init__(self, path: Path, durable: bool = True) -> None:
        self.path = path
        self.durable = durable

    def read(self) -> Data | None:
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            return None
        except NotRegularFileError as exc:  # a link: set aside as damage, never followed
            raise CorruptFileError(str(exc)) from None
        return decode(raw, self.path)

    def write(self, data: Data) -> None:
        atomic_write_bytes(self.path, encode(data), durable=self.durable)


@dataclass
class _Shard:
    """One shard's documents, and what its file lacks. Changes go through `put` and `drop` (under
    `PendingActions`' lock); ``written`` belongs to the writer (under its write lock)."""

    file: _ShardFile
    docs: dict[int, dict[str, Any]]  # doc id → document; a document is replaced, never changed in place
    dirty: bool = False
    issued: int = 0  # issues since the shard was last pruned
    changed: set[int] = field(default_factory=set)  # ids put or dropped since the writer last looked
    # doc id → its ``"id":{…}`` JSON as in the file: a write encodes only the documents changed since
    # the one before and joins the rest. Encoding every document on each write made each batch cost
    # O(buttons of the last week) of CPU: measured in discord_bench's workload (up to ~14k buttons
    # stored), the write-out took 4.0% of the bot's CPU; with this and one fsync pass per batch, 2.3%.
    written: dict[int, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.changed = set(self.docs)  # read from the file: encoded on the first write that needs them

    def put(self, doc_id: int, doc: dict[str, Any]) -> None:
        self.docs[doc_id] = doc
        self.changed.add(doc_id)
        self.dirty = True

    def drop(self, doc_id: int) -> None:
        del self.docs[doc_id]
        self.changed.add(doc_id)
        self.dirty = True

    def take_changes(self) -> dict[int, dict[str, Any] | None]:
        """The changed documents (None: dropped) since the last call; the shard is clean after it."""
        changes = {doc_id: self.docs.get(doc_id) for doc_id in self.changed}
        self.changed = set()
        self.dirty = False
        return changes

    def encode(self, changes: dict[int, dict[str, Any] | None]) -> bytes:
        """The file's bytes with ``changes`` applied to what was written before: what `storage.atomic.encode`
        gives for ``{"actions": docs}``."""
        for doc_id, doc in changes.items():
            if doc is None:
                self.written.pop(doc_id, None)
            else:
                self.written[doc_id] = b'"%d":%s' % (doc_id, _dumps(doc))
        return b'{"%s":{%s}}' % (_TABLE.encode(), b",".join(self.written.values()))


# One document as `storage.atomic.encode` writes it (one encoder: `json.dumps` with options builds a
# new one per call).
_JSON = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def _dumps(value: Any) -> bytes:
    return _JSON.encode(value).encode("ascii")


class PendingActions:
    """The pending actions of one data folder. Thread-safe. Changes are in memory at once and written
    to their file in batches (see the module docstring); `flush` waits for everything so far."""

    def __init__(self, data_dir: Path, *, durable: bool = True, write_delay: float = WRITE_DELAY) -> None:
        self.data_dir = Path(data_dir)
        self._durable = durable
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._shards: dict[int, _Shard] = {}
        self._behind = WriteBehind(self._write_out, self._dirty, delay=write_delay, folder=self.data_dir)
        self.writes = 0  # shard files written (for tests and benchmarks)

    # --- files -------------------------------------------------------------------------------------

    def _path(self, shard: int) -> Path:
        return self.data_dir / f"{FILE_PREFIX}{shard:x}.json"

    def _shard(self, n: int) -> _Shard:
        """The shard, read from its file the first time (under the lock)."""
        shard = self._shards.get(n)
        if shard is None:
            file = _ShardFile(self._path(n), self._durable)
            try:
                docs = {doc.doc_id: dict(doc) for doc in TinyDB(storage=lambda: file).table(_TABLE).all()}
            except CorruptFileError as exc:
                self._quarantine(n, exc)
                docs = {}
            shard = self._shards[n] = _Shard(file, docs)
        return shard

    def _quarantine(self, shard: int, exc: CorruptFileError) -> None:
        """Move a damaged shard aside (never delete it); the shard starts empty."""
        path = self._path(shard)
        dest_dir = quarantine.ready_folder(self.data_dir)  # never a link: it would move data outside
        dest = dest_dir / f"actions-{shard:x}.{secrets.token_hex(4)}.json"
        os.replace(path, dest)
        fsync_dir(self.data_dir)
        log.error("pending actions file %s is damaged (%s); moved to %s", path, exc, dest)

    def _dirty(self) -> bool:
        with self._lock:
            return any(shard.dirty for shard in self._shards.values())

    def _write_out(self) -> None:
        """Write every changed shard. A shard's changed documents are taken under the lock (cheap:
        documents are replaced, never changed in place) and encoded and written outside it. One writer
        at a time (the loop's worker, or a tool's thread), so a file never goes back to an older
        content."""
        with self._write_lock:
            with self._lock:
                batch = [(shard, shard.take_changes()) for shard in self._shards.values() if shard.dirty]
            files = {shard.file.path: shard.encode(changes) for shard, changes in batch}
            # one batch: the files are fsynced together and the folder once, not each in turn
            failed = atomic_write_many(files, durable=self._durable)
            self.writes += len(files) - len(failed)
            for shard, _ in batch:
                if shard.file.path in failed:
                    # kept in memory and retried with the next change; the buttons work meanwhile
                    log.error(
                        "writing pending actions to %s failed: %s", shard.file.path, failed[shard.file.path]
                    )
                    with self._lock:
                        shard.dirty = True

    async def flush(self) -> None:
        """Until everything changed so far is written (shutdown, tests); gives up after a failed write
        (logged; the data stays in memory)."""
        await self._behind.flush()

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
            n = int(ids[0][0], 16)
        else:
            # one call to the system's random source for the reply: a shard digit and 64 bits per button
            raw = secrets.token_bytes(1 + 8 * len(specs))
            n = raw[0] % SHARDS  # 256 is a multiple of 16: uniform
            ids = [f"{n:x}{raw[1 + 8 * i : 9 + 8 * i].hex()}" for i in range(len(specs))]
        group = next((i for i, s in zip(ids, specs, strict=True) if s.single_use), "")
        docs = {
            int(action_id[1:], 16): {
                "command": spec.command,
                "account": account,
                "target": target,
                "private": private,
                "expires": (now + timedelta(seconds=spec.ttl_seconds)).isoformat(),
                "single_use": spec.single_use,
                "group": group if spec.single_use else "",
                "used": False,
                **_question(spec, message),
            }
            for action_id, spec in zip(ids, specs, strict=True)
        }
        with self._lock:
            shard = self._shard(n)
            shard.issued += 1
            if shard.issued >= PRUNE_EVERY:
                # amortised: a prune scans the whole shard
                shard.issued = 0
                cutoff = (now - KEEP_EXPIRED).isoformat()
                for doc_id in [i for i, doc in shard.docs.items() if doc["expires"] < cutoff]:
                    shard.drop(doc_id)
            for doc_id, doc in docs.items():
                shard.put(doc_id, doc)  # a question asked again by the same message replaces the old one
        self._behind.changed()
        return ids

    def get(self, action_id: str) -> Action | None:
        if not is_action_id(action_id):
            return None
        with self._lock:
            doc = self._shard(int(action_id[0], 16)).docs.get(int(action_id[1:], 16))
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
        with self._lock:
            shard = self._shard(int(action_id[0], 16))
            doc = shard.docs.get(int(action_id[1:], 16))
            if doc is None:
                return Verdict.UNKNOWN, None
            action = _action(action_id, doc)
            if action.account != account:
                return Verdict.NOT_YOURS, action
            if not chat_ok(action):
                return Verdict.OTHER_CHAT, action
            if action.used:
                return (Verdict.CANCELLED if doc.get("cancelled") else Verdict.USED), action
            if now >= action.expires:
                return Verdict.EXPIRED, action
            if action.single_use and consume:
                group = action.group or action.id  # a group's actions share its first one's shard
                for doc_id, other in list(shard.docs.items()):
                    if other.get("group") == group:
                        shard.put(doc_id, {**other, "used": True})
        if action.single_use and consume:
            self._behind.changed()
        return Verdict.OK, action

    def close_questions(
        self,
        account: str,
        now: datetime,
        where: Callable[[Action], bool],
        choice: Callable[[Action], bool] = lambda _a: False,
    ) -> list[Action]:
        """Mark used every open question (a prompt, not used, not expired) of ``account`` that
        ``where`` accepts (the chat /cancel came from), and return them: a later answer to one is
        refused, as after any answer. ``choice`` picks the single-use buttons that ask too (a
        confirmation, a choice of readings): each is closed with the rest of its reply's buttons and
        marked cancelled, so a later press says so. Scans every shard: /cancel is rare."""
        closed: list[Action] = []
        with self._lock:
            for n in range(SHARDS):
                if n not in self._shards and not self._path(n).exists():
                    continue
                shard = self._shard(n)
                groups: set[str] = set()
                for doc_id, doc in list(shard.docs.items()):
                    if doc.get("account") != account or doc.get("used"):
                        continue
                    if not doc.get("prompt") and not doc.get("single_use"):
                        continue
                    action = _action(f"{n:x}{doc_id:0{_ID_DIGITS}x}", doc)
                    if now >= action.expires or not where(action):
                        continue
                    if action.prompt:
                        shard.put(doc_id, {**doc, "used": True})
                        closed.append(action)
                    elif choice(action):
                        groups.add(action.group or action.id)
                        closed.append(action)
                # A reply's single-use buttons share a group (in its first one's shard): all close.
                for doc_id, doc in list(shard.docs.items()):
                    if doc.get("group") in groups and not doc.get("used"):
                        shard.put(doc_id, {**doc, "used": True, "cancelled": True})
        if closed:
            self._behind.changed()
        return closed

    def drop_account(self, account: str) -> int:
        """Forget every action issued to ``account`` (its data is being deleted)."""
        removed = 0
        with self._lock:
            for n in range(SHARDS):
                if n in self._shards or self._path(n).exists():
                    shard = self._shard(n)
                    doomed = [i for i, doc in shard.docs.items() if doc.get("account") == account]
                    for doc_id in doomed:
                        shard.drop(doc_id)
                    removed += len(doomed)
        if removed:
            self._behind.changed()
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
        label=str(doc.get("label", "")),
        message=str(doc.get("message", "")),
    )


def _question(spec: Spec, message: str) -> dict[str, str]:
    """The fields of a question; none for a button (its documents stay as they were)."""
    if not spec.prompt:
        return {}
    fields = {"prompt": spec.prompt, "placeholder": spec.placeholder, "title": spec.title, "message": message}
    return fields | ({"label": spec.label} if spec.label else {})

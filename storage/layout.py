"""Where rows live on disk, and how old files are brought up to the current schema.

Layout under ``DATA_DIR``::

    accounts/<prefix>-<hash>.json   one TinyDB file per account: _meta, profile, entries
    schedules/NN.json               SHARDS (256) shards of schedules, NN = 00..ff, by a stable hash of
                                    the account
    links.json                      identity links, one-time link codes, the merge journal
    pushes/                         pending one-off pushes (rest timers, summaries, recaps, nudges)
                                    in shards, and pushes/journal/ for their changes (storage/pushes.py)
    actions-<0-f>.json              pending button actions and questions (storage/actions.py)
    outbox/<prefix>-<hash>/         files the console saved for a user (charts, exports)
    quarantine/                     damaged files and journal lines set aside (storage/quarantine.py)
    backups/                        nightly snapshots unless BACKUP_DIR names another folder
                                    (storage/backup.py)
    deleted-accounts.json           keyed hashes of deleted accounts, and deletion-under-way.json
                                    while one is under way (storage/deletions.py)
    .damage-notices-given           whom the bot told about their data set aside (quarantine.py)
    coach.lock                      held by the process that owns the folder (storage/lock.py)
    journal/NNNNNNNNNN.log          write-ahead lines of logged sets not yet checkpointed into their
                                    account files (storage/journal.py); empty after a clean stop

The folders among these are real folders, never symlinks (`DATA_FOLDERS`; the start refuses a link);
DATA_DIR itself may be one.

Every file has a ``_meta`` table whose document 1 holds ``{"schema": SCHEMA_VERSION, "kind": ...}``.
A file without ``_meta`` is schema 0. ``migrate`` applies the functions of ``MIGRATIONS`` in order
(``MIGRATIONS[n]`` turns schema n into schema n + 1) when a file is opened.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from storage.models import EntryRows, Schedule, upgrade_entry_row

T = TypeVar("T", bound=Schedule)

SCHEMA_VERSION = 2
# 256 shards: with 100,000 schedules a shard is ~400 rows (~60 KB), so a /remind write stays a few ms.
# Changing this needs a migration that re-shards (the shard of an account is on disk).
SHARDS = 256
ACCOUNTS_DIR = "accounts"
SCHEDULES_DIR = "schedules"
PUSHES_DIR = "pushes"  # pending one-off pushes (storage/pushes.py)
LINKS_FILE = "links.json"
OUTBOX_DIR = "outbox"
# The folders the bot keeps inside DATA_DIR, each of which must be a real folder, never a symlink
# (`linked_folders`). journal, quarantine and backups are spelt as storage/journal.py, quarantine.py
# and backup.py name them (they import this module; tests/test_h4_linked_folders.py checks the names).
DATA_FOLDERS = (ACCOUNTS_DIR, SCHEDULES_DIR, PUSHES_DIR, "journal", OUTBOX_DIR, "quarantine", "backups")

META = "_meta"
META_ID = "1"
PROFILE = "profile"
PROFILE_ID = 1
ENTRIES = "entries"
SCHEDULES = "schedules"
LINKS = "links"
CODES = "codes"
MERGES = "merges"
SPLITS = "splits"  # an /unlink's schedules on their way to the identity that left

FileKind = Literal["account", "schedules", "links", "pushes"]  # pushes: storage/pushes.py
Data = dict[str, dict[str, Any]]
Migration = Callable[[Data, FileKind, str], Data]

_PREFIX_MAX = 32
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


class SchemaError(Exception):
    """A file this code cannot read: written by a newer version, or not the file expected here."""


class NewerSchemaError(SchemaError):
    """Written by a newer version of the coach: not damage (an upgrade reads it), so never set aside."""


def _key_bytes(key: str) -> bytes:
    # surrogatepass: a key is any Python str, lone surrogates included.
    return key.encode("utf-8", "surrogatepass")


def validate_key(key: object, what: str = "account") -> str:
    """A user/account key: any non-empty string. Raises ValueError otherwise."""
    if not isinstance(key, str) or not key:
        raise ValueError(f"{what} key must be a non-empty string, got {key!r}")
    return key


def account_file_name(account: str) -> str:
    """A file name for any key: a readable, sanitised prefix plus 80 bits of BLAKE2b of the key.

    ``"telegram:123"`` → ``"telegram_123-<20 hex>.json"``. Only ``[A-Za-z0-9_-]`` appear, so the name is
    safe on every file system and never starts with a dot (temporary files do); two keys share a name
    only on a hash collision, which ``Store`` detects through the key stored in the file's ``_meta``.
    """
    validate_key(account)
    prefix = _UNSAFE.sub("_", account)[:_PREFIX_MAX].strip("_-") or "account"
    digest = hashlib.blake2b(_key_bytes(account), digest_size=10).hexdigest()
    return f"{prefix}-{digest}.json"


# Folders inside those whose entries are folders too: pending pushes' journal, a folder per user in the
# outbox, a folder per snapshot in the default backups folder.
_FOLDERS_OF_FOLDERS = ((PUSHES_DIR, ("journal",)), (OUTBOX_DIR, ()), ("backups", ()))


def linked_folders(data_dir: Path) -> list[Path]:
    """Symbolic links inside ``data_dir`` standing where the bot keeps or makes a folder: at a name of
    `DATA_FOLDERS` (even a dangling link: the bot would create its target), or any link to a folder
    at the top or in a folder of folders (a user's outbox, a snapshot). Each would have data read,
    written, moved or deleted outside the data folder, so the bot refuses to start (bot.py). ``data_dir``
    itself may be a link (a normal deployment). A link where a file goes is not listed: files are
    opened without following links, and one found is set aside (storage/quarantine.py). Lists folders
    only (no stat of a regular entry), never a folder of files such as accounts/, so it stays cheap at
    any number of users. Raises OSError for a ``data_dir`` that cannot be listed (but not for none)."""
    found: list[Path] = []

    def scan(folder: Path, names: tuple[str, ...]) -> None:
        try:
            entries = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):
            return  # nothing there yet: the bot creates it
        with entries:
            for entry in entries:
                if entry.is_symlink() and (entry.name in names or os.path.isdir(entry.path)):
                    found.append(Path(entry.path))

    scan(Path(data_dir), DATA_FOLDERS)
    for name, names in _FOLDERS_OF_FOLDERS:
        folder = Path(data_dir) / name
        if not folder.is_symlink():  # (a linked one is listed above and never entered)
            scan(folder, names)
    return sorted(found)


def outbox_path(data_dir: Path, user: str) -> Path:
    """Where files made for ``user`` (charts, exports) are saved by adapters that keep them on disk:
    one folder per user, so /deleteme can remove them."""
    return data_dir / OUTBOX_DIR / account_file_name(user).removesuffix(".json")


def account_path(data_dir: Path, account: str) -> Path:
    return data_dir / ACCOUNTS_DIR / account_file_name(account)


def shard_of(account: str) -> int:
    """A stable shard number for an account (independent of PYTHONHASHSEED and of the platform)."""
    validate_key(account)
    digest = hashlib.blake2b(_key_bytes(account), digest_size=8, person=b"schedule").digest()
    return int.from_bytes(digest, "big") % SHARDS


def shard_path(data_dir: Path, shard: int) -> Path:
    return data_dir / SCHEDULES_DIR / f"{shard:02x}.json"


def links_path(data_dir: Path) -> Path:
    return data_dir / LINKS_FILE


def new_meta(kind: FileKind, key: str = "") -> dict[str, Any]:
    meta: dict[str, Any] = {"schema": SCHEMA_VERSION, "kind": kind}
    if kind == "account":
        meta.update(account=key, last_entry_id=0, merged=[])
    return meta


def schema_of(data: Data) -> int:
    meta = data.get(META, {}).get(META_ID)
    if not meta:
        return 0
    schema = meta.get("schema", 0)
    if not isinstance(schema, int) or schema < 0:
        raise SchemaError(f"bad schema version {schema!r}")
    return schema


# --- migrations: MIGRATIONS[n] takes a schema-n file to schema n + 1 -------------------------------


def _v0_to_v1(data: Data, kind: FileKind, key: str) -> Data:
    """Schema 0 is the same tables without ``_meta``; add it (for accounts: the key and the id counter)."""
    meta = new_meta(kind, key)
    meta["schema"] = 1
    if kind == "account":
        ids = [int(doc_id) for doc_id in data.get(ENTRIES, {})]
        meta["last_entry_id"] = max(ids, default=0)
    return {**data, META: {META_ID: meta}}


def _v1_to_v2(data: Data, kind: FileKind, key: str) -> Data:
    """Entries move to per-set rows (``domain.training.Entry``): a schema-1 row's ``reps`` list and its
    one ``weight``/``unit``/``band``/``rpe``/``activation`` become one set row per rep count (see
    ``storage.models.upgrade_entry_row``). Other files only get the new version number."""
    meta = {**data[META][META_ID], "schema": 2}
    out = {**data, META: {META_ID: meta}}
    if kind == "account" and isinstance(data.get(ENTRIES), dict):
        out[ENTRIES] = {
            doc_id: upgrade_entry_row(row) if isinstance(row, dict) else row
            for doc_id, row in data[ENTRIES].items()
        }
    return out


MIGRATIONS: dict[int, Migration] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: Data, kind: FileKind, key: str = "") -> tuple[Data, bool]:
    """Bring ``data`` (a whole file) to SCHEMA_VERSION; returns (data, changed): a new dict when
    changed, ``data`` itself untouched. Raises SchemaError."""
    version = schema_of(data)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(f"schema {version} is newer than this code ({SCHEMA_VERSION})")
    changed = False
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SchemaError(f"no migration from schema {version}")
        data = step(data, kind, key)
        new_version = schema_of(data)
        if new_version != version + 1:
            raise SchemaError(f"migration from {version} produced schema {new_version}")
        version = new_version
        changed = True
    meta = data[META][META_ID]
    if meta.get("kind", kind) != kind:
        raise SchemaError(f"expected a {kind} file, found {meta.get('kind')!r}")
    return data, changed


# --- row encoding ---------------------------------------------------------------------------------


class RowCodec(Generic[T]):
    """How a model is stored: its ``to_row``/``from_row``. With ``compact``, fields whose default is ""
    or None and that hold that default are left out of the stored row (``from_row`` restores them):
    schedule shards shrink by about a third, which is parse time, memory and write time."""

    def __init__(self, cls: type[T], *, compact: bool) -> None:
        self.cls = cls
        self.blank = frozenset(
            f.name for f in fields(cls) if compact and f.default is not MISSING and f.default in ("", None)
        )

    def to_row(self, obj: T) -> dict[str, Any]:
        row = obj.to_row()
        if self.blank:
            row = {k: v for k, v in row.items() if not (k in self.blank and v in ("", None))}
        return row

    def from_row(self, row: dict[str, Any]) -> T:
        return self.cls.from_row(row)


ENTRY_ROWS = EntryRows()
SCHEDULE_ROWS: RowCodec[Schedule] = RowCodec(Schedule, compact=True)

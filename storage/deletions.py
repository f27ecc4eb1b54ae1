"""Accounts deleted with /deleteme, remembered so that nothing set aside earlier can bring them back.

Why: a quarantined file that holds several users (a schedule shard, ``links.json``) cannot be rewritten
(damaged data is never destroyed), so it still names a user who deleted everything; `quarantine
restore` must leave that user out. The list lives in ``DATA_DIR/deleted-accounts.json``, outside
``quarantine/`` (and outside backups), and holds no account key: only a keyed BLAKE2b hash of each
key and when it was deleted. The hash key is random per data folder, so the list alone is no
directory of the users who left.

The time matters: someone who deletes and later comes back under the same key gets a fresh account,
and a file set aside after the deletion holds only that new account's data (the deletion removed the
old one from every live file), so it is restored as usual.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from storage.atomic import NotRegularFileError, atomic_write_bytes, read_regular, remove_file

FILE_NAME = "deleted-accounts.json"
# A deletion under way: the account and its linked identities, in the clear, only until the deletion
# is done (a kill half-way through is finished by the next start: `Store`).
UNDER_WAY = "deletion-under-way.json"
_PERSON = b"deleted-acct"


class DeletionListError(RuntimeError):
    """The deletion list cannot be read: nothing may be restored or deleted until the operator looks."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path} {reason}; restore it from a backup first")


def path_of(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


@dataclass
class Deletions:
    key: bytes
    deleted: dict[str, str] = field(default_factory=dict)  # keyed hash -> ISO time of the deletion

    def digest(self, account: str) -> str:
        return hashlib.blake2b(
            account.encode("utf-8"), key=self.key, digest_size=16, person=_PERSON
        ).hexdigest()

    def deleted_at(self, account: str) -> datetime | None:
        """When ``account`` (an account or user key) was last deleted, or None."""
        when = self.deleted.get(self.digest(account))
        return datetime.fromisoformat(when) if when else None

    def holds(self, account: str, data_time: datetime) -> bool:
        """Is data of ``account`` written at ``data_time`` the data of a deleted account (deleted then
        or later)?"""
        at = self.deleted_at(account)
        return at is not None and data_time <= at

    def encode(self) -> bytes:
        body = {"version": 1, "key": self.key.hex(), "deleted": dict(sorted(self.deleted.items()))}
        return json.dumps(body, indent=1).encode("ascii")


def load(data_dir: Path) -> Deletions:
    """The deletion list (an empty one with a fresh key if there is none). Raises DeletionListError if
    the file exists but does not decode."""
    path = path_of(data_dir)
    try:
        raw = read_regular(path)  # never through a link (a FIFO would hang /deleteme)
    except FileNotFoundError:
        return Deletions(secrets.token_bytes(32))
    except OSError as exc:
        raise DeletionListError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        body = json.loads(raw)
    except ValueError as exc:
        raise DeletionListError(path, f"is damaged (not JSON: {exc})") from None
    try:
        key = bytes.fromhex(body["key"])
        deleted = {str(k): str(v) for k, v in body["deleted"].items()}
        for when in deleted.values():
            datetime.fromisoformat(when)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        # Say what a list looks like, not Python's words for the part that broke ("list indices must
        # be integers or slices, not str" for a file holding []).
        raise DeletionListError(
            path, 'is damaged (not the list this bot writes: an object with a hex "key" and "deleted" times)'
        ) from None
    if not key:
        raise DeletionListError(path, "is damaged (no hash key)")
    return Deletions(key, deleted)


def record(data_dir: Path, accounts: set[str], when: datetime, *, durable: bool = True) -> None:
    """Add ``accounts`` to the list, durably, before their data is deleted (a crash in between leaves
    them listed and not yet deleted, never the reverse)."""
    deletions = load(data_dir)
    stamp = (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat()
    for account in accounts:
        deletions.deleted[deletions.digest(account)] = stamp
    atomic_write_bytes(path_of(data_dir), deletions.encode(), durable=durable)


def begin(data_dir: Path, account: str, linked: set[str], *, durable: bool = True) -> None:
    """Note, durably, that ``account`` (with ``linked``) is about to be deleted, until `end`."""
    body = {"account": account, "linked": sorted(linked)}
    atomic_write_bytes(Path(data_dir) / UNDER_WAY, json.dumps(body).encode("utf-8"), durable=durable)


def under_way(data_dir: Path) -> tuple[str, set[str]] | None:
    """The deletion a kill left unfinished, if any. Raises ValueError if its note does not decode."""
    try:
        body = json.loads(read_regular(Path(data_dir) / UNDER_WAY))  # (a link to a FIFO hung the start)
    except FileNotFoundError:
        return None
    except NotRegularFileError as exc:  # set aside by the caller, as a note that does not decode
        raise ValueError(str(exc)) from None
    account, linked = body["account"], body["linked"]
    if not isinstance(account, str) or not all(isinstance(u, str) for u in linked):
        raise ValueError(f"{UNDER_WAY}: {body!r}")
    return account, set(linked)


def end(data_dir: Path, *, durable: bool = True) -> None:
    remove_file(Path(data_dir) / UNDER_WAY, durable=durable)

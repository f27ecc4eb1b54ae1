"""Snapshots of the data folder while the bot runs, and restoring one while it is stopped.

A snapshot is ``BACKUP_DIR/<UTC time>/`` (default ``DATA_DIR/backups/``) holding the data files as
they were at one instant plus ``snapshot.json`` (when it was taken). Why it is consistent without
stopping service: every ``.json`` data file (account files, schedule shards, ``links.json``,
``actions-*.json``) is only ever replaced by ``os.replace`` (storage/atomic.py), never written in
place, so a hard link keeps the content it had when linked, for good. So every file is linked while the
bot writes on; then `Store.frozen` holds store writes back (the writer idle: no checkpoint half-way)
for as long as it takes to read the folder again, link again what was replaced meanwhile (a new inode)
and copy what is written in place (journal segments; quarantine): the picture of that instant, which
opens like a crash at that instant would (the journal is replayed). On another file system than the
data, links fail and files are copied (slower). The folder is fsynced and renamed into place, so a
half-written snapshot never has a snapshot's name. A snapshot goes once ``keep`` days old (by the time in
its manifest; checked with each snapshot and hourly, `expire`), and at most the newest ``keep`` stay:
/deleteme promises a deleted user is gone from backups within ``keep`` days, which a count alone broke
(nights the bot was down left a snapshot kept for ``keep`` snapshots, not days).

Not in a snapshot: ``coach.lock``, ``coach.log``, ``outbox/`` (charts and exports, made again on
request), the backups themselves and the deletion list (storage/deletions.py). The deletion list stays
live through a restore: `restore` moves the live data aside (kept ``keep`` days, `expire_pre_restore`),
copies the snapshot in, then deletes again every account deleted at or after the snapshot's time, so a restore never brings a
deleted user back. A copy of the list is kept beside the snapshots (``BACKUP_DIR/deleted-accounts.json``,
refreshed with each snapshot) for a restore onto a machine that lost the data folder.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage import deletions
from storage.actions import FILE_PREFIX as ACTIONS_PREFIX
from storage.actions import PendingActions
from storage.atomic import atomic_write_bytes, decode, fsync_dir, is_temp_name
from storage.journal import JOURNAL_DIR
from storage.layout import (
    ACCOUNTS_DIR,
    CODES,
    DATA_FOLDERS,
    LINKS,
    LINKS_FILE,
    META,
    META_ID,
    OUTBOX_DIR,
    SCHEDULES,
    SCHEDULES_DIR,
)
from storage.lock import LOCK_NAME
from storage.store import Store

log = logging.getLogger(__name__)

BACKUPS_DIR = "backups"
MANIFEST = "snapshot.json"
PRE_RESTORE = "pre-restore-"
PARTIAL = ".partial"
# Never part of the data a snapshot holds or a restore replaces.
NOT_DATA = frozenset({LOCK_NAME, deletions.FILE_NAME, "coach.log", OUTBOX_DIR, BACKUPS_DIR})
_NAME = re.compile(r"^\d{8}T\d{6}Z$")  # a finished snapshot, e.g. 20261130T033000Z
_one_at_a_time = threading.Lock()


class BackupError(RuntimeError):
    """A snapshot that cannot be taken or restored; the message says why, in one line."""


def default_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS_DIR


# Top-level names in DATA_DIR that hold data (or the bot's own files): a BACKUP_DIR under one of them
# would be left out of the snapshots along with everything beside it, and a restore would move it.
_DATA_NAMES = (set(DATA_FOLDERS) - {BACKUPS_DIR}) | {
    LINKS_FILE,
    LOCK_NAME,
    "coach.log",
    deletions.FILE_NAME,
    deletions.UNDER_WAY,
}


def dir_problem(data_dir: Path, backup_dir: Path) -> str | None:
    """Why ``backup_dir`` cannot hold the snapshots of ``data_dir`` (where it lies, not what is there),
    or None. Inside the data folder only a folder of its own works (the default ``backups``, or a new
    name): the data folder itself, or a folder of its data (``accounts``...), would be left out of every
    snapshot with what it holds, and `restore` would move it aside with the data."""
    data, backups = Path(data_dir).resolve(), Path(backup_dir).resolve()
    if backups == data:
        return "not DATA_DIR itself: a folder outside it, or one of its own in it like DATA_DIR/backups (the default)"
    if data not in backups.parents:
        return None
    top = backups.relative_to(data).parts[0]
    if top in _DATA_NAMES or top.startswith(ACTIONS_PREFIX):
        return (
            f"not inside DATA_DIR's data ({top} is part of it): a folder outside DATA_DIR, or one of its "
            "own in it like DATA_DIR/backups (the default)"
        )
    return None


def name_of(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def snapshots(backup_dir: Path) -> list[Path]:
    """Finished snapshots, oldest first (the names sort by time)."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        return sorted(Path(e.path) for e in os.scandir(backup_dir) if _NAME.match(e.name) and e.is_dir())
    return []


def _data_entries(data_dir: Path, backup_dir: Path) -> list[Path]:
    """The top-level entries of ``data_dir`` that are data (what a snapshot holds, a restore replaces)."""
    skip = set(NOT_DATA)
    with contextlib.suppress(ValueError):
        inside = backup_dir.resolve().relative_to(data_dir.resolve()).parts
        if not inside:
            raise BackupError(f"BACKUP_DIR {backup_dir} is the data folder itself; use a folder in it")
        skip.add(inside[0])
    return sorted(
        Path(e.path) for e in os.scandir(data_dir) if e.name not in skip and not e.name.startswith(".")
    )


def _linkable(path: Path) -> bool:
    # Replaced by os.replace only (see the module docstring); journal segments are appended to.
    return path.suffix == ".json" and path.parent.name != JOURNAL_DIR


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _data_files(data_dir: Path, backup_dir: Path) -> dict[Path, int]:
    """Every data file (relative path -> inode), by readdir alone (a DirEntry's inode needs no stat)."""
    found: dict[Path, int] = {}
    folders: list[str] = []
    for top in _data_entries(data_dir, backup_dir):
        if top.is_dir():
            folders.append(str(top))
        elif top.is_file():
            found[top.relative_to(data_dir)] = top.stat().st_ino
    while folders:
        with os.scandir(folders.pop()) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    folders.append(e.path)
                elif e.is_file(follow_symlinks=False) and not is_temp_name(e.name):
                    found[Path(e.path).relative_to(data_dir)] = e.inode()
    return found


def _link_or_copy(src: Path, target: Path) -> bool:
    """True if linked, False if copied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if _linkable(src):
        try:
            os.link(src, target)
            return True
        except FileNotFoundError:
            raise
        except OSError:  # another file system, or no hard links there: copy
            pass
    shutil.copy2(src, target)
    return False


def _freeze_into(store: Store, backup_dir: Path, dest: Path) -> int:
    """Fill ``dest`` with the data files as they are at one instant. First, while the bot writes on,
    every file is linked (or copied); then, with the store frozen, only what changed meanwhile is
    linked again (a replaced file has a new inode; readdir tells without a stat), what went is removed
    and the journal is copied again, so writes wait for a readdir of the folder, not for the links.
    Returns how many files."""
    data_dir = store.data_dir
    first = _data_files(data_dir, backup_dir)
    linked: set[Path] = set()  # a link pins its inode, so an equal inode later is the same file
    for rel in first:
        with contextlib.suppress(FileNotFoundError):  # replaced or deleted meanwhile: done below
            if _link_or_copy(data_dir / rel, dest / rel):
                linked.add(rel)
    with store.frozen():
        now = _data_files(data_dir, backup_dir)
        for rel, inode in now.items():
            if rel not in linked or first[rel] != inode:
                with contextlib.suppress(FileNotFoundError):
                    (dest / rel).unlink()
                _link_or_copy(data_dir / rel, dest / rel)
        for rel in first.keys() - now.keys():
            with contextlib.suppress(FileNotFoundError):
                (dest / rel).unlink()
    return len(now)


def _fsync_tree(root: Path) -> None:
    """Make a copied tree durable: copied files, then every folder's entries."""
    folders = [root, *(p for p in root.rglob("*") if p.is_dir())]
    for path in root.rglob("*"):
        if path.is_file() and path.stat().st_nlink == 1:  # a link's content is durable already
            _fsync_file(path)
    for folder in reversed(folders):
        fsync_dir(folder)


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken_at: datetime
    files: int
    pruned: list[Path] = field(default_factory=list)


def take(store: Store, backup_dir: Path, *, keep: int, now: datetime) -> Snapshot:
    """Write a snapshot of ``store``'s folder into ``backup_dir``, then `expire` what is ``keep`` days
    old and all but the newest ``keep``. Blocking (run it in a thread); store writes wait only while the
    files are linked."""
    backup_dir = Path(backup_dir)
    if backup_dir == default_dir(store.data_dir) and backup_dir.is_symlink():
        # Planted in the data folder: every user's data would be copied to its target, and rotation
        # would delete folders there. A folder elsewhere is BACKUP_DIR's to name.
        raise BackupError(
            f"{backup_dir} is a symbolic link: no snapshot taken. Remove it, or set BACKUP_DIR to the "
            "folder the snapshots should go to"
        )
    with _one_at_a_time:  # one process owns the folder, so a partial folder found now is a leftover
        backup_dir.mkdir(parents=True, exist_ok=True)
        for leftover in backup_dir.glob(f".*{PARTIAL}"):
            shutil.rmtree(leftover, ignore_errors=True)
        name = name_of(now)
        final = backup_dir / name
        if final.exists():
            raise BackupError(f"{final} exists already")
        partial = backup_dir / f".{name}{PARTIAL}"
        partial.mkdir()
        try:
            files = _freeze_into(store, backup_dir, partial)
            manifest = {"version": 1, "taken_at": now.astimezone(UTC).isoformat()}
            atomic_write_bytes(partial / MANIFEST, json.dumps(manifest).encode("ascii"))
            _fsync_tree(partial)
            os.replace(partial, final)
            fsync_dir(backup_dir)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        _mirror_deletions(store.data_dir, backup_dir)
        pruned = _expire(backup_dir, keep, now)
    log.info("snapshot %s written (%d files); %d old one(s) removed", final, files, len(pruned))
    return Snapshot(final, now, files, pruned)


def _mirror_deletions(data_dir: Path, backup_dir: Path) -> None:
    """Keep a copy of the deletion list beside the snapshots (in none of them): a BACKUP_DIR copied
    off the machine then still knows who deleted their data up to its newest snapshot, should the
    data folder be lost with its list."""
    try:
        deletions.load(data_dir)  # a damaged list must not replace the last good copy
        raw = deletions.path_of(data_dir).read_bytes()
    except FileNotFoundError:
        return
    except deletions.DeletionListError as exc:
        log.error("the deletion list was not copied beside the snapshots: %s", exc)
        return
    atomic_write_bytes(deletions.path_of(backup_dir), raw)


def _deletion_list(data_dir: Path, backup_dir: Path) -> deletions.Deletions:
    """The live list, with the copy beside the snapshots merged in (the later time of each account)
    when both are of this folder (one hash key); the copy alone when the live list is gone."""
    try:
        live = deletions.load(data_dir)
        mirror = deletions.load(backup_dir) if deletions.path_of(backup_dir).exists() else None
    except deletions.DeletionListError as exc:
        raise BackupError(str(exc)) from None
    if mirror is None:
        return live
    if not deletions.path_of(data_dir).exists():
        return mirror
    if mirror.key == live.key:
        for digest, when in mirror.deleted.items():
            mine = live.deleted.get(digest)
            if mine is None or datetime.fromisoformat(when) > datetime.fromisoformat(mine):
                live.deleted[digest] = when
    return live


# Expiry runs hourly (bot.py) and with each snapshot, so a folder due at keep days minus this is gone
# by keep days: the most /deleteme tells users a backup keeps their data.
EXPIRY_SLACK = timedelta(hours=1)


def _own_snapshots(backup_dir: Path) -> list[tuple[datetime, Path]]:
    """The finished snapshots this bot made, with the time each was taken (its manifest), oldest first.
    A folder with a snapshot's name but no readable manifest, or a link, is not one: left alone."""
    found: list[tuple[datetime, Path]] = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for e in os.scandir(backup_dir):
            if not (_NAME.match(e.name) and e.is_dir(follow_symlinks=False)):
                continue
            try:
                found.append((taken_at(Path(e.path)), Path(e.path)))
            except BackupError as exc:
                log.warning("%s is not removed by rotation: %s", e.path, exc)
    return sorted(found)


def prune(backup_dir: Path, keep: int, now: datetime) -> list[Path]:
    """Delete the snapshots taken ``keep`` days ago or earlier (less `EXPIRY_SLACK`), the newest too if
    it is that old (/deleteme's promise), and all but the newest ``keep``. A partial one, a pre-restore
    folder (`expire_pre_restore`) or anything the bot did not write is not touched."""
    own = _own_snapshots(backup_dir)
    due = now.astimezone(UTC) - timedelta(days=keep) + EXPIRY_SLACK
    over = len(own) - max(1, keep)  # the count bound: extra snapshots must not stretch it either
    doomed = [path for i, (when, path) in enumerate(own) if i < over or when <= due]
    for path in doomed:
        shutil.rmtree(path)
        log.info("%s removed: BACKUP_KEEP=%d (days, and snapshots at most)", path, keep)
    if doomed:
        fsync_dir(backup_dir)
    return doomed


def _expire(backup_dir: Path, keep: int, now: datetime) -> list[Path]:
    return prune(backup_dir, keep, now) + expire_pre_restore(backup_dir, keep, now)


def expire(backup_dir: Path, keep: int, now: datetime) -> list[Path]:
    """Remove snapshots (`prune`) and pre-restore folders (`expire_pre_restore`) ``keep`` days old. Run
    hourly by the bot whether or not it takes snapshots, so a deleted user is gone from backups within
    ``keep`` days even when no new snapshot comes (BACKUP_AT=off, or a night missed)."""
    with _one_at_a_time:  # not while `take` writes or prunes the same folder
        return _expire(backup_dir, keep, now)


_PRE_RESTORE_NAME = re.compile(rf"^{PRE_RESTORE}(\d{{8}}T\d{{6}}Z)$")


def expire_pre_restore(backup_dir: Path, keep_days: int, now: datetime) -> list[Path]:
    """Delete the ``pre-restore-<time>`` folders `restore` moved the live data to once they are
    ``keep_days`` old (less `EXPIRY_SLACK`). Why: they hold users who may have deleted their data since,
    and /deleteme promises that backups keep it for at most that long (handlers/account.py). A folder
    whose name does not parse is left alone."""
    due = now.astimezone(UTC) - timedelta(days=keep_days) + EXPIRY_SLACK
    doomed: list[Path] = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for e in os.scandir(backup_dir):
            m = _PRE_RESTORE_NAME.match(e.name)
            if m and e.is_dir(follow_symlinks=False):
                made = datetime.strptime(m.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
                if made <= due:
                    doomed.append(Path(e.path))
    for path in sorted(doomed):
        shutil.rmtree(path)
        log.info("%s removed: older than %d day(s), as backups keep a deleted user's data", path, keep_days)
    if doomed:
        fsync_dir(backup_dir)
    return doomed


def taken_at(snapshot: Path) -> datetime:
    """When ``snapshot`` was taken (its manifest). Raises BackupError if it is no snapshot."""
    try:
        body = json.loads((snapshot / MANIFEST).read_bytes())
        when = datetime.fromisoformat(body["taken_at"])
    except FileNotFoundError:
        raise BackupError(f"{snapshot} is not a snapshot (no {MANIFEST})") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{snapshot / MANIFEST} cannot be read ({exc})") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def find(backup_dir: Path, name: str) -> Path:
    """A snapshot by name (in ``backup_dir``) or by path."""
    for candidate in (Path(backup_dir) / name, Path(name)):
        if (candidate / MANIFEST).is_file():
            return candidate
    raise BackupError(f"no snapshot {name!r} in {backup_dir} (see the names there)")


# --- restore ----------------------------------------------------------------------------------------


def _keys_in(data_dir: Path) -> set[str]:
    """Every account or user key named in a data folder: account files, schedule rows, links and link
    codes, pending buttons. Read from the files (the store has no list of its accounts)."""
    keys: set[str] = set()

    def tables(path: Path) -> dict:
        try:
            return decode(path.read_bytes(), path)
        except (OSError, ValueError):
            return {}  # damaged: the store sets it aside when it opens it

    for path in (data_dir / ACCOUNTS_DIR).glob("*.json"):
        meta = tables(path).get(META, {}).get(META_ID, {})
        keys.add(meta.get("account", ""))
    for path in (data_dir / SCHEDULES_DIR).glob("*.json"):
        keys.update(row.get("account", "") for row in tables(path).get(SCHEDULES, {}).values())
    links = tables(data_dir / "links.json")
    for table in (LINKS, CODES):
        for row in links.get(table, {}).values():
            keys.update((row.get("user", ""), row.get("account", "")))
    for path in data_dir.glob(f"{ACTIONS_PREFIX}*.json"):
        for rows in tables(path).values():
            keys.update(row.get("account", "") for row in rows.values())
    return {k for k in keys if isinstance(k, str) and k}


@dataclass
class Restored:
    snapshot: Path
    taken_at: datetime
    moved_aside: Path
    files: int
    deleted_again: int

    def describe(self) -> str:
        return (
            f"Restored {self.snapshot.name} (taken {self.taken_at.isoformat(timespec='seconds')}): "
            f"{self.files} file(s). The data it replaced is in {self.moved_aside}. "
            f"Deleted again: {self.deleted_again} account(s) deleted with /deleteme since the snapshot."
        )


def restore(data_dir: Path, snapshot: Path, *, backup_dir: Path, now: datetime) -> Restored:
    """Make ``data_dir`` hold ``snapshot``'s data. The caller holds the folder's lock (the bot is
    stopped). The live data is moved to ``backup_dir/pre-restore-<time>/`` first (removed once
    ``keep`` days old: `expire_pre_restore`); the live deletion list stays and every account deleted
    at or after the snapshot's time is deleted again. Raises BackupError (nothing changed) for a missing snapshot or an unreadable deletion list."""
    data_dir, snapshot, backup_dir = Path(data_dir), Path(snapshot), Path(backup_dir)
    when = taken_at(snapshot)
    data_dir.mkdir(parents=True, exist_ok=True)
    _data_entries(data_dir, backup_dir)  # refuses a BACKUP_DIR that is the data folder, before any move
    listed = _deletion_list(data_dir, backup_dir)
    aside = backup_dir / f"{PRE_RESTORE}{name_of(now)}"
    if aside.exists():
        raise BackupError(f"{aside} exists already; wait a second and try again")
    aside.mkdir(parents=True)
    for entry in _data_entries(data_dir, backup_dir):
        shutil.move(entry, aside / entry.name)  # a rename on one file system
    fsync_dir(data_dir)
    fsync_dir(aside)
    files = 0
    for src in sorted(snapshot.iterdir()):
        if src.name == MANIFEST:
            continue
        target = data_dir / src.name
        if src.is_dir():
            shutil.copytree(src, target)
            files += sum(1 for p in target.rglob("*") if p.is_file())
        else:
            shutil.copy2(src, target)
            files += 1
        if target.is_dir():
            _fsync_tree(target)
        else:
            _fsync_file(target)
    fsync_dir(data_dir)
    doomed = {key for key in _keys_in(data_dir) if listed.holds(key, when)}
    gone = _delete_again(data_dir, doomed)
    # Deleting records the accounts in the list at today's time; a restore deletes no one new, so the
    # list goes back to the deletions users made (and their times).
    atomic_write_bytes(deletions.path_of(data_dir), listed.encode())
    return Restored(snapshot, when, aside, files, gone)


def _delete_again(data_dir: Path, doomed: set[str]) -> int:
    """The Store's own delete path, on the restored folder, for each account deleted since."""
    if not doomed:
        return 0
    store = Store(data_dir)
    actions = PendingActions(data_dir)
    try:
        accounts: set[str] = set()
        for key in sorted(doomed):
            owner = store.account_of(key)
            if owner != key and owner not in doomed:
                store.unlink(key)  # deleted on its own after the snapshot; its account stays
                owner = key
            if owner not in accounts:
                accounts.add(owner)
                store.delete_account(owner)  # its linked identities with it
                actions.drop_account(owner)  # buttons are bound to the account
            actions.drop_account(key)
        store.sync()
    finally:
        store.close()
    return len(accounts)

"""Damaged data is set aside in ``DATA_DIR/quarantine/``, never deleted or overwritten.

What lands here: a data file that does not decode when it is first opened (an account file, a schedule
shard, ``links.json``; an empty file counts as damaged; so do NaN and Infinity, which the writer can
never write back), rows of a decodable file that the models cannot read (copied here, then left out
of the live file), and journal lines that fail their checksum or cannot be applied, the torn tail of
the newest segment included (never applied: it was never acknowledged). Names say where a file came
from::

    accounts-<account file name>.<UTC time>        a whole account file
    accounts-<account file name>.rows.<UTC time>   its unreadable rows (same form: restorable)
    schedules-NN.json.<UTC time>                   a whole schedule shard
    links.json.<UTC time>                          the links file
    journal-<segment>.line<N>[.<account stem>]     one journal line (the stem when it can be read)
    journal-torn-<segment>.line<N>[.<stem>]        the cut-short last line a kill left
    pushes-NN.json.<UTC time>                      a pending-pushes shard (not restorable: timers)
    pushes-NN.json.rows.<UTC time>[.<stem>]        its unreadable rows, per account (likewise)
    pushes-journal-<segment>.line<N>[.<stem>]      one line of the pending-pushes journal (likewise)

A symlink (or FIFO) found where a data file goes is moved here too, unfollowed: `list` shows it as a
link and its target's name, `restore` refuses it, nothing here is ever read through a link.

The operator's tool: ``python bot.py quarantine list`` (any time, read-only) and ``python bot.py
quarantine restore <name> [--unverified]`` (bot stopped), which merges what can be read back into the
live data (sets already there are not added twice, each keeps the time it was logged) and renames the
file to ``<name>.restored``. Nothing of an account deleted with /deleteme is restored (see
storage/deletions.py), and a journal line that fails its checksum is restored only with
``--unverified``, never into an account that has no file (its account key may be the damaged part).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import stat
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage import deletions
from storage.atomic import (
    NotRegularFileError,
    atomic_write_bytes,
    fsync_dir,
    open_regular,
    read_regular,
    remove_file,
)
from storage.journal import OP_KEY, decode_line
from storage.layout import (
    ENTRIES,
    ENTRY_ROWS,
    LINKS,
    META,
    META_ID,
    PROFILE,
    PROFILE_ID,
    SCHEDULE_ROWS,
    SCHEDULES,
    account_file_name,
    account_path,
    shard_of,
)
from storage.models import Entry, Profile, entry_problem, profile_problem, profile_unusable, upgrade_entry_row

if TYPE_CHECKING:
    from storage.store import Store

QUARANTINE_DIR = "quarantine"
RESTORED = ".restored"
PUSHES_JOURNAL_PREFIX = "pushes-journal-"  # a damaged line of the pending pushes journal (storage/pushes.py)
_ROW_KEY = re.compile(r'\s*"(\d+)"\s*:\s*')
_COMMA = re.compile(r"\s*,")
_LINE_STEM = re.compile(r"\.line\d+\.([A-Za-z0-9_-]+-[0-9a-f]{20})(?:\.\d+)?$")
# Any other quarantined file whose name ends with the stem of the account its data belongs to.
_NAMED_STEM = re.compile(r"\.([A-Za-z0-9_-]+-[0-9a-f]{20})(?:\.\d+)?$")
_SHARD = re.compile(r"^schedules-([0-9a-f]{2})\.json\.")
_STAMP = re.compile(r"\.(\d{8}T\d{12}Z)(?:\.\d+)?$")

SCHEDULES_NOTICE = (
    "Your reminder schedules may have been set aside for the operator to recover: the file holding "
    "them could not be read. See /reminders, and /remind to set them again if they are missing."
)
LINKS_NOTICE = (
    "The file of account links could not be read, so I set it aside for the operator to restore. "
    "Until then, if you linked Telegram and Discord, each may show its own log and settings; "
    "nothing was deleted."
)


log = logging.getLogger(__name__)


class RestoreError(Exception):
    """A quarantined file that cannot be restored (unknown, already restored, unreadable)."""


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / QUARANTINE_DIR


def _is_real_folder(where: Path) -> bool:
    """True if ``where`` is a folder itself, not a symlink to one (whose files lie outside DATA_DIR)."""
    try:
        return stat.S_ISDIR(where.lstat().st_mode)
    except FileNotFoundError:
        return False


def _readable(data_dir: Path) -> Path | None:
    """The quarantine folder to list, read or delete from; None if missing or not a real folder."""
    where = folder(data_dir)
    return where if _is_real_folder(where) else None


def ready_folder(data_dir: Path) -> Path:
    """The quarantine folder, made if missing. Anything else in its place (a symlink planted there
    would send users' damaged data, and /deleteme's removals, out of the data folder) is renamed aside
    first, unfollowed, as ``quarantine.<time>.refused``."""
    where = folder(data_dir)
    if not _is_real_folder(where) and os.path.lexists(where):
        aside = _free_name(Path(data_dir) / f"{QUARANTINE_DIR}.{_stamp()}.refused")
        os.replace(where, aside)
        log.error("%s is not a folder (a symlink?): refused, renamed to %s", where, aside)
    where.mkdir(parents=True, exist_ok=True)
    return where


def account_stem(account: str) -> str:
    """The part of an account's file name that names it in quarantine."""
    return account_file_name(account).removesuffix(".json")


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _free_name(base: Path) -> Path:
    path, n = base, 1
    while path.exists():
        n += 1
        path = base.with_name(f"{base.name}.{n}")
    return path


def set_aside(data_dir: Path, path: Path, *, durable: bool = True) -> Path:
    """Move a damaged data file into quarantine (a rename: nothing is rewritten); returns its new path."""
    where = ready_folder(data_dir)
    prefix = "" if path.parent == Path(data_dir) else f"{path.parent.name}-"
    target = _free_name(where / f"{prefix}{path.name}.{_stamp()}")
    os.replace(path, target)
    if durable:
        fsync_dir(path.parent)
        fsync_dir(where)
    return target


def keep_rows(
    data_dir: Path,
    path: Path,
    tables: dict[str, dict[str, Any]],
    *,
    account: str | None = None,
    durable: bool = True,
) -> Path:
    """Copy rows of the live file ``path`` that cannot be read into quarantine (the caller then leaves
    them out of the live data), as a file of the same form named like ``path`` set aside with ``.rows``
    (``accounts-<stem>.json.rows.<time>``), so `restore`, `list` and /deleteme treat it as the file's.
    Rows of a shared file end in their ``account``'s stem (``pushes-NN.json.rows.<time>.<stem>``)."""
    where = ready_folder(data_dir)
    prefix = "" if path.parent == Path(data_dir) else f"{path.parent.name}-"
    suffix = f".{account_stem(account)}" if account else ""
    target = _free_name(where / f"{prefix}{path.name}.rows.{_stamp()}{suffix}")
    # As the file had them, NaN included: a copy must keep what it could not use, not refuse it.
    raw = json.dumps(tables, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    atomic_write_bytes(target, raw, durable=durable)
    return target


def keep_line(
    data_dir: Path, segment: Path, number: int, line: bytes, *, durable: bool = True, prefix: str = "journal-"
) -> Path:
    """Copy one undecodable journal line into quarantine, named by ``prefix``, segment, line and (when
    the JSON still names it) the account, so /deleteme can find it."""
    where = ready_folder(data_dir)
    account = _named_account(line)
    suffix = f".{account_stem(account)}" if account else ""
    target = _free_name(where / f"{prefix}{segment.name}.line{number}{suffix}")
    atomic_write_bytes(target, line + b"\n", durable=durable)
    return target


def _line_account(line: bytes) -> str | None:
    try:
        account = json.loads(line.partition(b" ")[2])[0]
    except (ValueError, IndexError, KeyError, TypeError):
        return None
    return account if isinstance(account, str) and account else None


def waiting_names(data_dir: Path) -> list[str]:
    """The names of the quarantined files not yet restored (a listing: no file is read)."""
    where = _readable(data_dir)
    if where is None:
        return []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        return [n for n in os.listdir(where) if not n.endswith(RESTORED) and not n.startswith(".")]
    return []


def waiting_stems(data_dir: Path) -> set[str]:
    """The account stems named by quarantined files not yet restored."""
    stems: set[str] = set()
    for name in waiting_names(data_dir):
        if name.startswith("accounts-"):
            stems.add(name.removeprefix("accounts-").split(".json.")[0])
        elif m := _NAMED_STEM.search(name):  # a journal line, or rows of a pushes shard
            stems.add(m.group(1))
    return stems


# In DATA_DIR: one JSON line [quarantined file's name, account stem] per notice given. Hidden, so backups
# leave it out: it names users but holds none of their data (a stale line only repeats a notice).
TOLD_FILE = ".damage-notices-given"


class DamageNotices:
    """What users must be told about data set aside, kept in memory so a request costs a set lookup.

    Each damage event is a file set aside in quarantine, and its users are told of it once: of an
    account file, journal line or rows (named by the account's stem), that user; of a schedule shard,
    the users of that shard; of ``links.json``, every user. Who was told of which file is appended to
    `TOLD_FILE`, so a restart does not tell them again (a new file set aside does; a restored file is
    forgotten at the next start). Filled at start-up from the quarantine folder's names and that file,
    and by `note` when something is set aside while running.
    """

    def __init__(self, data_dir: Path, *, durable: bool = True) -> None:
        self._data_dir = Path(data_dir)
        self._durable = durable
        self._lock = threading.Lock()  # `note` may come from another thread (storage/pushes.py)
        self._stems: dict[str, set[str]] = {}  # account stem -> names of files set aside for it
        self._shards: dict[int, set[str]] = {}  # schedule shard -> names of its files set aside
        self._links: set[str] = set()  # names of links files set aside
        self._done: set[str] = set()  # accounts told of everything noted so far (this run)
        self._forgotten: set[str] = set()  # stems of accounts deleted this run: never written down
        waiting = waiting_names(data_dir)
        for name in waiting:
            self._note_name(name)
        self._told = self._load_told(set(waiting))  # (file name, account stem)

    def _told_path(self) -> Path:
        return self._data_dir / TOLD_FILE

    def _load_told(self, waiting: set[str]) -> set[tuple[str, str]]:
        if not waiting and not os.path.lexists(self._told_path()):
            return set()
        try:
            raw = read_regular(self._told_path())
        except OSError:  # none yet, or a planted link: not followed (set aside at the first append)
            return set()
        told: set[tuple[str, str]] = set()
        lines = raw.splitlines()
        for line in lines:
            with contextlib.suppress(ValueError, TypeError):
                name, stem = json.loads(line)
                if isinstance(name, str) and isinstance(stem, str):
                    told.add((name, stem))
        kept = {(n, s) for n, s in told if n in waiting}
        if len(kept) < len(lines):  # restored files (their names are free again) and torn lines go
            self._rewrite(kept)
        return kept

    def _rewrite(self, told: set[tuple[str, str]]) -> None:
        told = {(n, s) for n, s in told if s not in self._forgotten}
        with contextlib.suppress(OSError):  # at worst someone is told once more
            if told:
                atomic_write_bytes(self._told_path(), _told_lines(sorted(told)), durable=self._durable)
            else:
                remove_file(self._told_path(), durable=self._durable)

    def _append(self, told: list[tuple[str, str]]) -> None:
        """Not fsynced: a line lost to a power cut only tells its user once more."""
        told = [(n, s) for n, s in told if s not in self._forgotten]
        if not told:
            return
        try:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
            fd = open_regular(self._told_path(), flags, self._data_dir, durable=self._durable)
            try:
                os.write(fd, _told_lines(told))
            finally:
                os.close(fd)
        except OSError as exc:
            log.error("could not record the damage notices given (%s): they may be given again", exc)

    def _note_name(self, name: str, stems: Iterable[str] = ()) -> None:
        for stem in stems:
            self._stems.setdefault(stem, set()).add(name)
        if ".rows." in name and (m := _NAMED_STEM.search(name)):  # one user's rows of a shared file
            self._stems.setdefault(m.group(1), set()).add(name)
        elif m := _SHARD.match(name):
            self._shards.setdefault(int(m.group(1), 16), set()).add(name)
        elif name.startswith("links.json."):
            self._links.add(name)
        elif name.startswith("accounts-"):
            self._stems.setdefault(name.removeprefix("accounts-").split(".json.")[0], set()).add(name)
        elif m := _NAMED_STEM.search(name):
            self._stems.setdefault(m.group(1), set()).add(name)

    def note(self, moved: Path, accounts: Iterable[str] = ()) -> None:
        """A file was just set aside as ``moved``; ``accounts`` are told of it as of their own data."""
        with self._lock:
            self._note_name(moved.name, [account_stem(a) for a in accounts])
            self._done.clear()  # everyone may have something new to hear

    def forget(self, account: str) -> None:
        """``account`` was deleted (/deleteme): its files are gone and nothing of it stays in the file of
        notices given. (In memory it stays told for this run: the reply to /deleteme is no place to
        tell it of shared damage again.)"""
        stem = account_stem(account)
        with self._lock:
            self._stems.pop(stem, None)
            self._forgotten.add(stem)
            if any(s == stem for _, s in self._told):
                self._rewrite(self._told)

    def take(self, account: str, account_notice: str) -> str | None:
        """The notices ``account``'s user has not had yet (joined), else None."""
        if not (self._stems or self._shards or self._links) or account in self._done:
            return None  # the common case: one set lookup
        with self._lock:
            self._done.add(account)  # told all there is: the next request is one set lookup
            stem = account_stem(account)
            said: list[str] = []
            given: list[tuple[str, str]] = []
            for names, notice in (
                (self._stems.get(stem, ()), account_notice),
                (self._shards.get(shard_of(account), ()), SCHEDULES_NOTICE),
                (self._links, LINKS_NOTICE),
            ):
                new = [(n, stem) for n in sorted(names) if (n, stem) not in self._told]
                if new:
                    said.append(notice)
                    given += new
            if not given:
                return None
            self._told.update(given)
            self._append(given)
        return "\n\n".join(said)


def _told_lines(told: Iterable[tuple[str, str]]) -> bytes:
    return b"".join(json.dumps(list(t), ensure_ascii=True).encode("ascii") + b"\n" for t in told)


def record_deletion(data_dir: Path, accounts: set[str], when: datetime, *, durable: bool = True) -> None:
    """/deleteme, before anything is removed: remember ``accounts`` as deleted (so `restore` leaves
    them out of files several users share). Raises DeletionListError (nothing deleted then)."""
    deletions.record(data_dir, accounts, when, durable=durable)


def remove_account_files(data_dir: Path, accounts: set[str], *, durable: bool = True) -> int:
    """Delete every quarantined file that holds only data of one of ``accounts`` (for /deleteme): their
    account files and journal lines, named by stem or, when the line's name has none, by the account
    the line claims. Files several users share stay (`restore` leaves the deleted ones out)."""
    where = _readable(data_dir)  # never a linked folder: its files are not ours to delete
    stems = {account_stem(a) for a in accounts}
    removed = 0
    if where is None:
        return 0
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in os.scandir(where):
            # a stem ends in 80 bits of a hash of the key: no other account's name contains it
            mine = any(stem in entry.name for stem in stems)
            if not mine and entry.name.startswith("journal-") and not _LINE_STEM.search(entry.name):
                mine = _claimed_account(Path(entry.path)) in accounts
            if mine:
                os.unlink(entry.path)
                removed += 1
    if removed and durable:
        fsync_dir(where)
    return removed


def _claimed_account(path: Path) -> str | None:
    """The account a quarantined journal line names, read however damaged it is."""
    try:
        raw = read_regular(path, 65536)  # a planted link to /dev/zero must not hang /deleteme
    except OSError:
        return None
    return _named_account(raw)


def _named_account(raw: bytes) -> str | None:
    """The account a journal line names, read however damaged or cut short it is."""
    raw = raw.strip()
    account = _line_account(raw)
    if account is None:  # the JSON is broken: look for the account string at its start
        m = re.match(rb'[0-9a-fA-F]*\s*\[\s*"((?:[^"\\]|\\.)*)"', raw)
        if m:
            with contextlib.suppress(ValueError):
                account = json.loads(b'"' + m.group(1) + b'"')
    return account if isinstance(account, str) else None


@dataclass(frozen=True)
class Quarantined:
    path: Path
    kind: str  # account | schedules | links | journal line | symlink | not a regular file
    restored: bool
    size: int
    link: str | None = None  # what a symlink points to (its text: never followed)

    def describe(self) -> str:
        if self.kind == SYMLINK:
            return f"{self.path.name}  symbolic link to {self.link!r}: not followed, not restorable"
        if self.kind == NOT_REGULAR:
            return f"{self.path.name}  not a regular file: not read, not restorable"
        state = "restored" if self.restored else "waiting"
        return f"{self.path.name}  {self.kind}, {count(self.size, 'byte', 'bytes')}, {state}"


SYMLINK = "symlink"
NOT_REGULAR = "not a regular file"


def _kind(name: str) -> str:
    if name.startswith("accounts-"):
        return "account"
    if name.startswith("schedules-"):
        return "schedules"
    if name.startswith("links.json"):
        return "links"
    if name.startswith("journal-"):
        return "journal line"
    if name.startswith(PUSHES_JOURNAL_PREFIX):
        return "pushes journal line"
    if name.startswith("pushes-"):
        return "pushes"
    return "unknown"


def list_files(data_dir: Path) -> list[Quarantined]:
    """What is in quarantine. Only reads, so it may run beside the bot: a file that goes while it
    looks (restored, renamed) is left out rather than failing the listing."""
    found: list[Quarantined] = []
    where = folder(data_dir)
    if os.path.islink(where):  # the folder itself planted as a link: shown, never listed through
        return [Quarantined(where, SYMLINK, False, 0, os.readlink(where))]
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in sorted(os.scandir(where), key=lambda e: e.name):
            if entry.name.startswith("."):
                continue  # a temporary file being written
            # Never followed: a link planted here (to /etc/shadow, to a huge file) is shown as a link.
            try:
                st = entry.stat(follow_symlinks=False)
                link = os.readlink(entry.path) if stat.S_ISLNK(st.st_mode) else None
            except FileNotFoundError:
                continue
            kind = _kind(entry.name) if stat.S_ISREG(st.st_mode) else NOT_REGULAR
            if link is not None:
                kind = SYMLINK
            found.append(Quarantined(Path(entry.path), kind, entry.name.endswith(RESTORED), st.st_size, link))
    return found


# --- reading back -----------------------------------------------------------------------------------


def _tables(raw: str) -> dict[str, dict[str, Any]]:
    """The tables of a TinyDB file, as much as can be read: the whole file if it parses, else each
    table that parses on its own, and of a cut-off table the rows before the cut."""
    with contextlib.suppress(ValueError):
        data = json.loads(raw)
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if isinstance(v, dict)}
    decoder = json.JSONDecoder()
    out: dict[str, dict[str, Any]] = {}
    for name in (META, PROFILE, ENTRIES, SCHEDULES, LINKS):
        at = raw.find(f'"{name}":{{')
        if at < 0:
            continue
        start = at + len(name) + 4  # just after the table's opening brace
        try:
            table, _ = decoder.raw_decode(raw, start - 1)
        except ValueError:
            table = {}
            pos = start
            while (m := _ROW_KEY.match(raw, pos)) is not None:
                try:
                    row, pos = decoder.raw_decode(raw, m.end())
                except ValueError:
                    break
                table[m.group(1)] = row
                if (c := _COMMA.match(raw, pos)) is None:
                    break
                pos = c.end()
        if isinstance(table, dict):
            out[name] = table
    return out


def _rows(table: dict[str, Any] | None) -> list[dict[str, Any]]:
    rows = [(int(k), r) for k, r in (table or {}).items() if k.isdigit() and isinstance(r, dict)]
    return [r for _, r in sorted(rows, key=lambda kv: kv[0])]


def _same_set(entry: Entry) -> tuple[Any, ...]:
    return (entry.exercise, entry.sets, entry.at)


def _merge_entries(store: Store, account: str, rows: list[dict[str, Any]], unreadable: list[str]) -> int:
    """Append the sets not already in ``account`` (a restore run twice adds nothing). Each keeps its
    ``at``: history and targets order by it, not by the new id. Rows of any schema (a file set aside
    before an upgrade) are read in the current form. A row the models cannot read (no exercise, a
    bad time, a value out of /log's bounds) is never added: why goes to ``unreadable``."""
    have = {_same_set(e) for e in store.entries(account)}
    added = 0
    for row in rows:
        row = upgrade_entry_row(row)
        if problem := entry_problem(row):
            unreadable.append(f"entry {row.get('id', '?')}: {problem}")
            continue
        entry = replace(ENTRY_ROWS.from_row(row), id=0)
        key = _same_set(entry)
        if key in have:
            continue
        store.add_entry(account, entry)
        have.add(key)
        added += 1
    return added


def _unreadable(skipped: list[str]) -> str:
    if not skipped:
        return ""
    return (
        f"; {count(len(skipped), 'entry', 'entries')} skipped, unreadable ({'; '.join(skipped[:5])}): "
        "the file stays in quarantine; correct them and run this again"
    )


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _set_aside_at(path: Path, mtime: float) -> datetime:
    """When the data in ``path`` was last live: the earlier of the time in its name (when it was set
    aside) and its modification time ``mtime`` (a copied file gets a new one; the name keeps the old)."""
    times = [datetime.fromtimestamp(mtime, UTC)]
    if m := _STAMP.search(path.name):
        with contextlib.suppress(ValueError):
            times.append(datetime.strptime(m.group(1), "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC))
    return min(times)


def _claims(account: Any, row: Any) -> str:
    """What an unverified journal line says, field by field, for the operator to judge."""
    fields = row if isinstance(row, dict) else {}
    said = [f"account={account!r}"]
    said += [
        f"{k}={fields.get(k)!r}" for k in ("exercise", "sets", "reps", "weight", "unit", "at") if k in fields
    ]
    return ", ".join(said)


def _skipped(n: int) -> str:
    return f"; {count(n, 'item', 'items')} of deleted accounts skipped" if n else ""


def restore(store: Store, name: str, *, unverified: bool = False) -> str:
    """Merge what can be read back from quarantined file ``name`` into ``store``; returns a summary.

    Leaves out everything of accounts deleted since the data was live. A journal line that fails its
    checksum is restored only with ``unverified``, and never into an account without a file."""
    where = folder(store.data_dir)
    if not _is_real_folder(where):
        raise RestoreError(f"{where} is not a folder (a symbolic link?): nothing in it is read or restored")
    path = where / Path(name).name
    if path.name.endswith(RESTORED) or os.path.lexists(path.with_name(path.name + RESTORED)):
        raise RestoreError(f"{name} was restored already")
    try:
        st = path.lstat()
    except FileNotFoundError:
        raise RestoreError(f"no file {name!r} in {where}") from None
    if stat.S_ISLNK(st.st_mode):  # one planted where a data file goes, moved here unfollowed
        raise RestoreError(
            f"{name} is a symbolic link (to {os.readlink(path)!r}), not data: it is never followed, "
            "read or restored. Remove it once you know how it got into the data folder"
        )
    if not stat.S_ISREG(st.st_mode):
        raise RestoreError(f"{name} is not a regular file: it is not read or restored")
    try:
        content = read_regular(path)  # (O_NOFOLLOW: a link swapped in since is refused too)
    except NotRegularFileError as exc:
        raise RestoreError(f"{name}: not restored: {exc}") from None
    try:
        gone = deletions.load(store.data_dir)
    except deletions.DeletionListError as exc:
        raise RestoreError(
            f"the list of deleted accounts cannot be read, so nothing is restored: {exc}"
        ) from None
    live_at = _set_aside_at(path, st.st_mtime)

    def deleted(*keys: Any) -> bool:
        return any(isinstance(k, str) and k and gone.holds(k, live_at) for k in keys)

    kind = _kind(path.name)
    raw = content.decode("utf-8", errors="replace")
    unreadable: list[str] = []  # entries that cannot be restored as they are
    if kind == "journal line":
        summary = _restore_line(store, name, raw, unverified, deleted)
    elif kind == "account":
        tables = _tables(raw)
        meta = (tables.get(META) or {}).get(META_ID) or {}
        account = meta.get("account")
        if not isinstance(account, str) or path.name.split(".")[0] != f"accounts-{account_stem(account)}":
            raise RestoreError(f"{name}: the account it belongs to cannot be read back")
        if deleted(account):
            summary = f"{name}: nothing restored: it belongs to a deleted account"
        else:
            target = store.account_of(account)
            added = _merge_entries(store, target, _rows(tables.get(ENTRIES)), unreadable)
            profile_row = (tables.get(PROFILE) or {}).get(str(PROFILE_ID))
            profile_note = ""
            if (
                isinstance(profile_row, dict)
                and not profile_problem(profile_row)
                and not profile_unusable(profile_row)  # (put back, it would only fall back again)
                and store.profile(target) == store.new_profile(target)
            ):
                with contextlib.suppress(TypeError, ValueError):
                    store.save_profile(Profile.from_row({**profile_row, "account": target}))
                    profile_note = " and the settings"
            restored = count(added, "logged entry", "logged entries")
            summary = f"{name}: {restored}{profile_note} restored to {account}{_unreadable(unreadable)}"
    elif kind == "schedules":
        added = skipped = 0
        for row in _rows(_tables(raw).get(SCHEDULES)):
            try:
                schedule = SCHEDULE_ROWS.from_row(row)
            except (TypeError, ValueError):
                continue
            if deleted(schedule.account):
                skipped += 1
                continue
            own = store.schedules(schedule.account)
            if any(replace(s, id=0, created_at="") == replace(schedule, id=0, created_at="") for s in own):
                continue
            store.add_schedule(replace(schedule, id=0))
            added += 1
        what = count(added, "reminder schedule", "reminder schedules")
        summary = f"{name}: {what} restored{_skipped(skipped)}"
    elif kind == "links":
        added = skipped = 0
        for row in _rows(_tables(raw).get(LINKS)):
            user, account = row.get("user"), row.get("account")
            usable = isinstance(user, str) and isinstance(account, str) and user and account
            if usable and deleted(user, account):
                skipped += 1
            elif usable and store.account_of(user) != store.account_of(account):
                store.link(user, account)
                added += 1
        summary = f"{name}: {count(added, 'link', 'links')} restored{_skipped(skipped)}"
    else:
        raise RestoreError(f"{name}: not a file this tool knows how to restore")
    store.checkpoint()
    if not unreadable:  # else it waits, for the operator to correct what was skipped
        os.replace(path, path.with_name(path.name + RESTORED))
        fsync_dir(where)
    return summary


def _restore_line(store: Store, name: str, raw: str, unverified: bool, deleted: Callable[..., bool]) -> str:
    record = decode_line(raw.strip().encode())
    if record is not None:
        account, row = record.account, record.row
    else:
        try:
            account, _, row = json.loads(raw.strip().partition(" ")[2])
        except (ValueError, TypeError) as exc:
            raise RestoreError(f"{name}: the line cannot be read back ({exc})") from None
        claims = _claims(account, row)
        if not unverified:
            raise RestoreError(
                f"{name}: unverified: the line fails its checksum, so any field may be wrong. "
                f"It claims {claims}. Check them; to restore it anyway run: "
                f"python bot.py quarantine restore --unverified {name}"
            )
        if not isinstance(account, str) or not isinstance(row, dict):
            raise RestoreError(f"{name}: unverified and unreadable: it claims {claims}")
        try:
            target = store.account_of(account)
        except ValueError:
            raise RestoreError(f"{name}: unverified, and {account!r} is not an account key") from None
        if not deleted(account) and not account_path(store.data_dir, target).exists():
            # the account key may be the damaged field: never make up an account for it
            raise RestoreError(f"{name}: unverified, and no account {account!r} exists: not restored")
    if deleted(account):
        return f"{name}: nothing restored: the line belongs to a deleted account"
    if isinstance(row, dict) and OP_KEY in row:
        return f"{name}: nothing restored: the line is an edit or an undo of a logged entry, not a new one"
    unreadable: list[str] = []
    added = _merge_entries(store, store.account_of(account), [row], unreadable)
    if unreadable:  # e.g. the "exercise" key was the damaged part: a set of nothing is no set
        raise RestoreError(f"{name}: not restored, the line cannot be used as it is: {unreadable[0]}")
    return f"{name}: {count(added, 'logged entry', 'logged entries')} restored to {account}"

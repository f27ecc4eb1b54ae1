"""Damaged data is set aside in ``DATA_DIR/quarantine/``, never deleted or overwritten.

What lands here: a data file that does not decode when it is first opened (an account file, a schedule
shard, ``links.json``; an empty file counts as damaged) and journal lines that fail their checksum
anywhere but at the torn tail of the newest segment. Names say where a file came from::

    accounts-<account file name>.<UTC time>        a whole account file
    schedules-NN.json.<UTC time>                   a whole schedule shard
    links.json.<UTC time>                          the links file
    journal-<segment>.line<N>[.<account stem>]     one journal line (the stem when it can be read)

The operator's tool (bot stopped): ``python bot.py quarantine list`` and ``python bot.py quarantine
restore <name>``, which merges what can be read back into the live data (sets already there are not
added twice) and renames the file to ``<name>.restored``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.atomic import atomic_write_bytes, fsync_dir
from storage.journal import decode_line
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
)
from storage.models import Profile

if TYPE_CHECKING:
    from storage.store import Store

QUARANTINE_DIR = "quarantine"
RESTORED = ".restored"
_ROW_KEY = re.compile(r'\s*"(\d+)"\s*:\s*')
_COMMA = re.compile(r"\s*,")
_LINE_STEM = re.compile(r"\.line\d+\.([A-Za-z0-9_-]+-[0-9a-f]{20})(?:\.\d+)?$")


class RestoreError(Exception):
    """A quarantined file that cannot be restored (unknown, already restored, unreadable)."""


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / QUARANTINE_DIR


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
    where = folder(data_dir)
    where.mkdir(parents=True, exist_ok=True)
    prefix = "" if path.parent == Path(data_dir) else f"{path.parent.name}-"
    target = _free_name(where / f"{prefix}{path.name}.{_stamp()}")
    os.replace(path, target)
    if durable:
        fsync_dir(path.parent)
        fsync_dir(where)
    return target


def keep_line(data_dir: Path, segment: Path, number: int, line: bytes, *, durable: bool = True) -> Path:
    """Copy one undecodable journal line into quarantine, named by segment, line and (when the JSON
    still names it) the account, so /deleteme can find it."""
    where = folder(data_dir)
    where.mkdir(parents=True, exist_ok=True)
    account = _line_account(line)
    suffix = f".{account_stem(account)}" if account else ""
    target = _free_name(where / f"journal-{segment.name}.line{number}{suffix}")
    atomic_write_bytes(target, line + b"\n", durable=durable)
    return target


def _line_account(line: bytes) -> str | None:
    try:
        account = json.loads(line.partition(b" ")[2])[0]
    except (ValueError, IndexError, KeyError, TypeError):
        return None
    return account if isinstance(account, str) and account else None


def waiting_stems(data_dir: Path) -> set[str]:
    """The account stems named by quarantined files not yet restored."""
    where = folder(data_dir)
    stems: set[str] = set()
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for name in os.listdir(where):
            if name.endswith(RESTORED):
                continue
            if name.startswith("accounts-"):
                stems.add(name.removeprefix("accounts-").split(".json.")[0])
            elif name.startswith("journal-") and (m := _LINE_STEM.search(name)):
                stems.add(m.group(1))
    return stems


def remove_account_files(data_dir: Path, accounts: set[str], *, durable: bool = True) -> int:
    """Delete every quarantined file that belongs to one of ``accounts`` (for /deleteme)."""
    where = folder(data_dir)
    stems = {account_stem(a) for a in accounts}
    removed = 0
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(where):
            # a stem ends in 80 bits of a hash of the key: no other account's name contains it
            if any(stem in entry.name for stem in stems):
                os.unlink(entry.path)
                removed += 1
    if removed and durable:
        fsync_dir(where)
    return removed


@dataclass(frozen=True)
class Quarantined:
    path: Path
    kind: str  # account | schedules | links | journal line
    restored: bool

    def describe(self) -> str:
        state = "restored" if self.restored else "waiting"
        return f"{self.path.name}  {self.kind}, {self.path.stat().st_size} bytes, {state}"


def _kind(name: str) -> str:
    if name.startswith("accounts-"):
        return "account"
    if name.startswith("schedules-"):
        return "schedules"
    if name.startswith("links.json"):
        return "links"
    if name.startswith("journal-"):
        return "journal line"
    return "unknown"


def list_files(data_dir: Path) -> list[Quarantined]:
    where = folder(data_dir)
    if not where.is_dir():
        return []
    return [
        Quarantined(p, _kind(p.name), p.name.endswith(RESTORED))
        for p in sorted(where.iterdir())
        if p.is_file() and not p.name.startswith(".")
    ]


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


def _same_set(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row.get("exercise"), tuple(row.get("reps") or ()), row.get("at"), row.get("weight"))


def _merge_entries(store: Store, account: str, rows: list[dict[str, Any]]) -> int:
    """Append the sets not already in ``account`` (a restore run twice adds nothing)."""
    have = {_same_set(ENTRY_ROWS.to_row(e)) for e in store.entries(account)}
    added = 0
    for row in rows:
        key = _same_set(row)
        if key in have:
            continue
        entry = ENTRY_ROWS.from_row({**row, "reps": list(row.get("reps") or ()), "id": 0})
        store.add_entry(account, replace(entry, id=0))
        have.add(key)
        added += 1
    return added


def restore(store: Store, name: str) -> str:
    """Merge what can be read back from quarantined file ``name`` into ``store``; returns a summary."""
    where = folder(store.data_dir)
    path = where / Path(name).name
    if path.name.endswith(RESTORED) or path.with_name(path.name + RESTORED).is_file():
        raise RestoreError(f"{name} was restored already")
    if not path.is_file():
        raise RestoreError(f"no file {name!r} in {where}")
    kind = _kind(path.name)
    raw = path.read_bytes().decode("utf-8", errors="replace")
    if kind == "journal line":
        record = decode_line(raw.strip().encode())
        if record is None:
            try:
                account, _, row = json.loads(raw.strip().partition(" ")[2])
            except (ValueError, TypeError) as exc:
                raise RestoreError(f"{name}: the line cannot be read back ({exc})") from None
        else:
            account, row = record.account, record.row
        added = _merge_entries(store, store.account_of(account), [row])
        summary = f"{name}: {added} set(s) restored to {account}"
    elif kind == "account":
        tables = _tables(raw)
        meta = (tables.get(META) or {}).get(META_ID) or {}
        account = meta.get("account")
        if not isinstance(account, str) or path.name.split(".")[0] != f"accounts-{account_stem(account)}":
            raise RestoreError(f"{name}: the account it belongs to cannot be read back")
        target = store.account_of(account)
        added = _merge_entries(store, target, _rows(tables.get(ENTRIES)))
        profile_row = (tables.get(PROFILE) or {}).get(str(PROFILE_ID))
        profile_note = ""
        if isinstance(profile_row, dict) and store.profile(target) == Profile(account=target):
            with contextlib.suppress(TypeError, ValueError):
                store.save_profile(Profile.from_row({**profile_row, "account": target}))
                profile_note = " and the settings"
        summary = f"{name}: {added} set(s){profile_note} restored to {account}"
    elif kind == "schedules":
        added = 0
        for row in _rows(_tables(raw).get(SCHEDULES)):
            try:
                schedule = SCHEDULE_ROWS.from_row(row)
            except (TypeError, ValueError):
                continue
            own = store.schedules(schedule.account)
            if any(replace(s, id=0, created_at="") == replace(schedule, id=0, created_at="") for s in own):
                continue
            store.add_schedule(replace(schedule, id=0))
            added += 1
        summary = f"{name}: {added} reminder schedule(s) restored"
    elif kind == "links":
        added = 0
        for row in _rows(_tables(raw).get(LINKS)):
            user, account = row.get("user"), row.get("account")
            usable = isinstance(user, str) and isinstance(account, str) and user and account
            if usable and store.account_of(user) != store.account_of(account):
                store.link(user, account)
                added += 1
        summary = f"{name}: {added} link(s) restored"
    else:
        raise RestoreError(f"{name}: not a file this tool knows how to restore")
    store.checkpoint()
    os.replace(path, path.with_name(path.name + RESTORED))
    fsync_dir(where)
    return summary

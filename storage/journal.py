"""The write-ahead journal: a logged set is made durable by appending one line, not by rewriting a file.

Why: rewriting the account file on every /log costs a temp file, two fsyncs and a rename (about 0.3 ms of
CPU each, growing with the user's history), and that work competes with the event loop for the one
core a small host has. An appended line costs one short write, and one ``fdatasync`` covers every line
of a batch, whoever logged it.

Lines live in numbered segment files under ``DATA_DIR/journal/``. A line is ``<crc32 hex> <json>``, the
JSON being ``[account, entry id, row]``; the checksum lets a torn last line (a kill mid-append, never
acknowledged) be told from a good one. The account files stay the store of record: the store writes
the accounts a segment touched back into their TinyDB files (a checkpoint), and deletes the segment
once those writes are durable. On open, the store replays any segment left by a crash; replaying is
idempotent because entry ids only grow (a line is applied only if its id is above the file's
``last_entry_id``).
"""

from __future__ import annotations

import json
import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.atomic import fsync_dir

log = logging.getLogger(__name__)

JOURNAL_DIR = "journal"
_SUFFIX = ".log"


@dataclass(frozen=True)
class Record:
    account: str
    entry_id: int
    row: dict[str, Any]


def encode_record(account: str, entry_id: int, row: dict[str, Any]) -> bytes:
    payload = json.dumps([account, entry_id, row], ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    raw = payload.encode("ascii")
    return b"%08x %s\n" % (zlib.crc32(raw), raw)


def decode_line(line: bytes) -> Record | None:
    """The record of one line, or None if it is torn or damaged."""
    crc, _, raw = line.rstrip(b"\n").partition(b" ")
    try:
        if int(crc, 16) != zlib.crc32(raw):
            return None
        account, entry_id, row = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(account, str) or type(entry_id) is not int or not isinstance(row, dict):
        return None
    return Record(account, entry_id, row)


def segment_path(folder: Path, number: int) -> Path:
    return folder / f"{number:010d}{_SUFFIX}"


def list_segments(folder: Path) -> list[tuple[int, Path]]:
    """The segment files in ``folder``, oldest first."""
    try:
        names = [e.name for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        stem = name.removesuffix(_SUFFIX)
        if name.endswith(_SUFFIX) and stem.isdigit():
            found.append((int(stem), folder / name))
    return sorted(found)


def read_segment(path: Path) -> Iterator[Record]:
    """Every intact record of a segment, in order. A damaged line is skipped and logged; only the last
    line can be torn by a crash, and that one was never acknowledged."""
    lines = path.read_bytes().split(b"\n")
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        record = decode_line(line)
        if record is None:
            if number < len(lines) - 1:  # not the tail: worth a word in the log
                log.error("journal %s line %d is damaged; skipped", path.name, number)
            continue
        yield record


class SegmentFiles:
    """The writer thread's side: appends to segment files and deletes retired ones."""

    def __init__(self, folder: Path, *, durable: bool) -> None:
        self.folder = folder
        self.durable = durable
        self._fds: dict[int, int] = {}

    def append(self, lines: list[tuple[int, bytes]]) -> None:
        """Append ``(segment, line)`` pairs in order; with ``durable``, on disk on return."""
        by_segment: dict[int, list[bytes]] = {}
        for segment, line in lines:
            by_segment.setdefault(segment, []).append(line)
        created = False
        for segment, chunk in by_segment.items():
            fd = self._fds.get(segment)
            if fd is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
                fd = os.open(segment_path(self.folder, segment), flags, 0o644)
                self._fds[segment] = fd
                created = True
            view = memoryview(b"".join(chunk))
            while view:
                view = view[os.write(fd, view) :]
            if self.durable:
                # fdatasync where there is one: the file's data and size, not its timestamps
                getattr(os, "fdatasync", os.fsync)(fd)
        if created and self.durable:
            fsync_dir(self.folder)  # the new segment's name must survive a crash too

    def retire(self, upto: int) -> None:
        """Delete every segment numbered ``upto`` or lower (their records are in the account files)."""
        for segment in [s for s in self._fds if s <= upto]:
            os.close(self._fds.pop(segment))
        removed = False
        for segment, path in list_segments(self.folder):
            if segment <= upto:
                try:
                    os.unlink(path)
                    removed = True
                except FileNotFoundError:
                    pass
        if removed and self.durable:
            fsync_dir(self.folder)

    def close(self) -> None:
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()

"""The write-ahead journal: a logged set is made durable by appending one line, not by rewriting a file.

Why: rewriting the account file on every /log costs a temp file, two fsyncs and a rename (about 0.3 ms of
CPU each, growing with the user's history), and that work competes with the event loop for the one
core a small host has. An appended line costs one short write, and one ``fdatasync`` covers every line
of a batch, whoever logged it.

Lines live in numbered segment files under ``DATA_DIR/journal/``. A line is ``<crc32 hex> <json>``, the
JSON being ``[account, entry id, row]`` (an entry's row; or, with ``OP_KEY``, an edit of the entry, or
its removal with ``REMOVED_KEY``, or with ``PROFILE_KEY`` and entry id 0 the account's new profile); the checksum lets a torn last line (a kill mid-append, never
acknowledged) be told from a good one. The account files stay the store of record: the store writes
the accounts a segment touched back into their TinyDB files (a checkpoint), and deletes the segment
once those writes are durable. On open, the store replays any segment left by a crash; replaying is
idempotent because entry ids and edit numbers only grow (a new entry's line is applied only if its id is
above the file's ``last_entry_id``, an edit's or removal's only if its number is above ``last_op``).
"""

from __future__ import annotations

import json
import logging
import os
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storage.atomic import fsync_dir, loads, open_regular

log = logging.getLogger(__name__)

JOURNAL_DIR = "journal"
OP_KEY = "_op"  # in a row: an edit or a removal, numbered (its value) per account
REMOVED_KEY = "_removed"
PROFILE_KEY = "_profile"  # with OP_KEY: the row is the account's profile (/done, /undo's steps, settings)
_SUFFIX = ".log"


@dataclass(frozen=True)
class Record:
    account: str
    entry_id: int
    row: dict[str, Any]
    # Where it was read (`read_segment`): a line that cannot be applied is set aside as it was.
    number: int = field(default=0, compare=False)
    raw: bytes = field(default=b"", compare=False, repr=False)


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
        account, entry_id, row = loads(raw)
    except ValueError:
        return None
    if not isinstance(account, str) or not account or type(entry_id) is not int or not isinstance(row, dict):
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


@dataclass(frozen=True)
class Segment:
    """What a segment file holds: its intact records in order, the lines that failed to decode
    (1-based line number, raw bytes) other than a torn tail, and that torn tail if any."""

    records: list[Record]
    damaged: list[tuple[int, bytes]]
    torn: tuple[int, bytes] | None = None


def read_segment(path: Path, *, last: bool = True) -> Segment:
    """Decode a segment. A kill mid-append can only tear the final line of the newest segment, and
    that line was never acknowledged (the reply waits for the append), so only there is an unfinished
    line (no newline yet) never applied: it is returned as ``torn`` (the caller keeps a copy of its
    bytes all the same). Any other line that fails to decode is returned in ``damaged``: it may be an
    acknowledged set, so the caller sets it aside, never drops it."""
    lines = path.read_bytes().split(b"\n")
    records: list[Record] = []
    damaged: list[tuple[int, bytes]] = []
    torn: tuple[int, bytes] | None = None
    tail = len(lines)  # split() leaves b"" last when the file ends with a newline
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        record = decode_line(line)
        if record is not None:
            records.append(replace(record, number=number, raw=line))
        elif number == tail and last:
            log.warning("journal %s: unfinished last line (a write cut short) not applied", path.name)
            torn = (number, line)
        else:
            damaged.append((number, line))
    return Segment(records, damaged, torn)


class SegmentFiles:
    """The writer thread's side: appends to segment files and deletes retired ones."""

    def __init__(self, folder: Path, *, durable: bool, data_dir: Path | None = None) -> None:
        self.folder = folder
        self.data_dir = data_dir if data_dir is not None else folder.parent  # its quarantine/ is there
        self.durable = durable
        self._fds: dict[int, int] = {}
        self._sizes: dict[int, int] = {}  # segment -> length up to its last complete, synced append
        self._broken: set[int] = set()  # segments that could not be cut back after a failed append

    def append(self, lines: list[tuple[int, bytes]]) -> None:
        """Append ``(segment, line)`` pairs in order; with ``durable``, on disk on return.

        If an append fails (disk full, I/O error), the segment is cut back to its length before the
        append, so the next line never lands glued to a torn one; if even that fails, the segment
        takes no more lines (the writer moves on to a new one, see `BackgroundWriter`)."""
        by_segment: dict[int, list[bytes]] = {}
        for segment, line in lines:
            by_segment.setdefault(segment, []).append(line)
        created = False
        for segment, chunk in by_segment.items():
            if segment in self._broken:
                raise OSError(f"journal segment {segment} could not be repaired after a failed write")
            fd = self._fds.get(segment)
            if fd is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
                fd = open_regular(
                    segment_path(self.folder, segment), flags, self.data_dir, durable=self.durable
                )
                self._fds[segment] = fd
                self._sizes[segment] = os.fstat(fd).st_size
                created = True
            data = b"".join(chunk)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                if self.durable:
                    # fdatasync where there is one: the file's data and size, not its timestamps
                    getattr(os, "fdatasync", os.fsync)(fd)
            except BaseException:
                self._cut_back(segment)
                raise
            self._sizes[segment] += len(data)
        if created and self.durable:
            fsync_dir(self.folder)  # the new segment's name must survive a crash too

    def _cut_back(self, segment: int) -> None:
        """Put ``segment`` back to its last good length after a failed append (its lines are
        answered as not saved, so they must not come back at the next start either)."""
        fd = self._fds[segment]
        try:
            os.ftruncate(fd, self._sizes[segment])
            if self.durable:
                getattr(os, "fdatasync", os.fsync)(fd)
        except OSError as exc:
            log.error("journal segment %d could not be cut back after a failed write: %s", segment, exc)
            self._broken.add(segment)
            os.close(self._fds.pop(segment))

    def retire(self, upto: int) -> None:
        """Delete every segment numbered ``upto`` or lower (their records are in the account files)."""
        for segment in [s for s in self._fds if s <= upto]:
            os.close(self._fds.pop(segment))
            self._sizes.pop(segment, None)
        self._broken = {s for s in self._broken if s > upto}
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

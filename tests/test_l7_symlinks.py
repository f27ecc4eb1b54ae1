"""A symlink planted in the data folder must never make the bot write through it (l7, item 1): the
journal refuses a link or other non-regular file where a segment goes (it is moved aside into
quarantine), and atomic writes replace a link rather than writing into its target. Real files in tmp
dirs, the real app through the console chat's dispatch."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from storage.atomic import atomic_write_bytes
from storage.journal import SegmentFiles, encode_record, read_segment, segment_path
from storage.layout import account_path
from tests.test_l1_damage import ALICE, running, text

SECRET = b"root:x:0:0:root:/root:/bin/bash\n"


def victim(tmp_path: Path) -> Path:
    target = tmp_path / "passwd"
    target.write_bytes(SECRET)
    return target


def quarantined_links(data: Path) -> list[str]:
    return [p.name for p in (data / "quarantine").iterdir() if p.is_symlink()]


async def test_a_symlinked_journal_segment_is_refused_and_the_log_is_kept(
    tmp_path: Path, library: Any
) -> None:
    data, target = tmp_path / "data", victim(tmp_path)
    (data / "journal").mkdir(parents=True)
    for n in (1, 2):  # whichever segment the journal starts with
        os.symlink(target, segment_path(data / "journal", n))
    async with running(data, library) as chat:
        for _ in range(2):  # (an account's first entry is written into its new file, not journaled)
            assert "Logged" in await text(chat(ALICE), "/log hip thrust 3x10 80kg")
    assert target.read_bytes() == SECRET
    assert quarantined_links(data)
    async with running(data, library) as chat:
        assert "hip thrust" in (await text(chat(ALICE), "/history")).lower()


def test_segment_files_refuse_a_symlink_and_a_fifo(tmp_path: Path) -> None:
    data, target = tmp_path / "data", victim(tmp_path)
    folder = data / "pushes" / "journal"
    folder.mkdir(parents=True)
    os.symlink(target, segment_path(folder, 1))
    os.mkfifo(segment_path(folder, 2))
    files = SegmentFiles(folder, durable=True, data_dir=data)
    line = encode_record("console:alice", 1, {"x": 1})
    files.append([(1, line), (2, line)])
    files.close()
    assert target.read_bytes() == SECRET
    for n in (1, 2):
        assert [r.row for r in read_segment(segment_path(folder, n)).records] == [{"x": 1}]
    assert len(list((data / "quarantine").iterdir())) == 2


def test_an_atomic_write_replaces_a_symlink_and_not_its_target(tmp_path: Path) -> None:
    target = victim(tmp_path)
    path = account_path(tmp_path / "data", ALICE)
    path.parent.mkdir(parents=True)
    os.symlink(target, path)
    atomic_write_bytes(path, b"{}")
    assert target.read_bytes() == SECRET
    assert not path.is_symlink() and path.read_bytes() == b"{}"


async def test_a_symlinked_lock_file_is_refused_and_its_target_kept(tmp_path: Path, library: Any) -> None:
    data, target = tmp_path / "data", victim(tmp_path)
    data.mkdir()
    os.symlink(target, data / "coach.lock")  # the lock is truncated and rewritten at every start
    async with running(data, library) as chat:
        assert "Logged" in await text(chat(ALICE), "/log hip thrust 3x10 80kg")
    assert target.read_bytes() == SECRET
    assert quarantined_links(data) and not (data / "coach.lock").is_symlink()

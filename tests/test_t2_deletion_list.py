"""A deletion list that cannot be read (tester 2, item 1): it is what keeps users who ran /deleteme out
of a restored snapshot, so the start refuses in one line (exit 2) and leaves it for the operator,
instead of running with every /deleteme failing; a snapshot never replaces the good copy of the list
beside the snapshots with a damaged one. Real files in a tmp dir, the real bot as a subprocess."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import backup, deletions
from storage.store import Store
from tests.test_console import run_console as run_bot
from tests.test_console import seeded_console

GARBAGE = b"garbage{\n"


def test_a_damaged_deletion_list_stops_the_start_with_one_line_and_is_kept(tmp_path: Path) -> None:
    data = seeded_console(tmp_path, "/log hip thrust 3x10 80kg\n")
    listed = data / deletions.FILE_NAME
    listed.write_bytes(GARBAGE)
    result = run_bot(data, "/deleteme\n1\n")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Not starting: {listed} is damaged"), line
    assert "move it aside (keep it)" in line
    assert "deleted" not in result.stdout  # nothing answered, nothing deleted
    assert listed.read_bytes() == GARBAGE  # never overwritten or moved: the operator's to fix


def test_with_a_copy_beside_the_snapshots_the_line_names_it_and_the_copy_works(tmp_path: Path) -> None:
    data = seeded_console(tmp_path, "/log hip thrust 3x10 80kg\n")
    store = Store(data)
    try:  # a /deleteme of someone else, then a snapshot: the list and its copy beside the snapshots
        store.delete_account("console:someone-else")
        backup.take(store, backup.default_dir(data), keep=7, now=datetime(2026, 12, 1, 3, 30, tzinfo=UTC))
    finally:
        store.close()
    listed, mirror = data / deletions.FILE_NAME, backup.default_dir(data) / deletions.FILE_NAME
    good = listed.read_bytes()
    listed.write_bytes(GARBAGE)
    result = run_bot(data, "/history\n")
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert f"copy {mirror}, the list as of the last snapshot, into its place" in line, line
    listed.write_bytes(mirror.read_bytes())  # what the line says to do
    assert mirror.read_bytes() == good
    result = run_bot(data, "/deleteme\n1\n")
    assert result.returncode == 0 and "all your data is deleted" in result.stdout, result.stderr


def test_a_snapshot_keeps_the_good_copy_of_a_list_damaged_while_running(tmp_path: Path) -> None:
    data = seeded_console(tmp_path, "/log hip thrust 3x10 80kg\n")
    store = Store(data)
    try:
        store.delete_account("console:someone-else")
        backup.take(store, backup.default_dir(data), keep=7, now=datetime(2026, 12, 1, 3, 30, tzinfo=UTC))
        mirror = backup.default_dir(data) / deletions.FILE_NAME
        good = mirror.read_bytes()
        (data / deletions.FILE_NAME).write_bytes(GARBAGE)  # damaged under the running bot
        taken = backup.take(
            store, backup.default_dir(data), keep=7, now=datetime(2026, 12, 2, 3, 30, tzinfo=UTC)
        )
    finally:
        store.close()
    assert taken.path.is_dir()  # the snapshot itself is still taken
    assert mirror.read_bytes() == good


def test_a_list_of_the_wrong_shape_is_said_so_not_in_pythons_words(tmp_path: Path) -> None:
    # Tester 15: a list file holding [] stopped the start with "damaged (list indices must be integers
    # or slices, not str)".
    listed = tmp_path / deletions.FILE_NAME
    for body in (b"[]", b'{"key": "zz", "deleted": {}}', b'{"key": "ab", "deleted": {"x": "then"}}'):
        listed.write_bytes(body)
        with pytest.raises(deletions.DeletionListError) as refused:
            deletions.load(tmp_path)
        assert refused.value.reason == (
            'is damaged (not the list this bot writes: an object with a hex "key" and "deleted" times)'
        ), body
    listed.write_bytes(GARBAGE)
    with pytest.raises(deletions.DeletionListError, match=r"is damaged \(not JSON: "):
        deletions.load(tmp_path)

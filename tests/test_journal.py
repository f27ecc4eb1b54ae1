"""The write-ahead journal behind /log (storage/journal.py): lines, checkpoints, replay, and the
operations that must never let a journal line bring data back."""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

import storage.store as store_module
from domain.training import Entry
from storage.journal import decode_line, encode_record, list_segments, read_segment
from storage.layout import account_path
from storage.store import Store
from tests.entries import log_entry, reps_of

A = "telegram:1"
B = "discord:2"


def entry(reps: int) -> Entry:
    return log_entry("hip_thrust", (reps,), "2026-11-23T09:00:00+00:00", 80.0, "kg")


def file_entries(data: Path, account: str) -> list[int]:
    """The entry ids in the account's TinyDB file (not the journal)."""
    return sorted(int(k) for k in json.loads(account_path(data, account).read_text())["entries"])


def killed_now(store: Store, data: Path) -> Path:
    """The folder exactly as a kill right now would leave it: a copy of what is on disk once every
    acknowledged write is durable (the running store never gets to tidy up)."""
    store.sync()
    copy = data.parent / f"{data.name}-killed"
    shutil.copytree(data, copy)
    return copy


def segments(data: Path) -> list[str]:
    return [p.name for _, p in list_segments(data / "journal")]


def test_a_line_round_trips_and_damage_is_detected() -> None:
    line = encode_record(A, 7, {"exercise": "hip_thrust", "reps": [10], "note": "é"})
    record = decode_line(line)
    assert record is not None and (record.account, record.entry_id, record.row["note"]) == (A, 7, "é")
    assert decode_line(line.replace(b"hip", b"hop")) is None  # checksum
    assert decode_line(line[:-15]) is None  # torn
    assert decode_line(b"garbage\n") is None


def test_damaged_middle_line_is_reported_and_only_the_torn_tail_dropped(tmp_path: Path) -> None:
    path = tmp_path / "0000000001.log"
    good = [encode_record(A, i, {"reps": [i]}) for i in (1, 2, 3)]
    path.write_bytes(good[0] + b"deadbeef nonsense\n" + good[1] + good[2][:-9])
    segment = read_segment(path)
    assert [r.entry_id for r in segment.records] == [1, 2]
    assert segment.damaged == [(2, b"deadbeef nonsense")]  # the tail (never acknowledged) is dropped
    # in an older segment even a cut-off last line is kept for the operator: it cannot be a kill's
    older = read_segment(path, last=False)
    assert [n for n, _ in older.damaged] == [2, 4]


def test_checkpoint_after_enough_lines_spreads_the_files_and_deletes_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "CHECKPOINT_LINES", 4)
    monkeypatch.setattr(store_module, "CHECKPOINT_STEP", 1)
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    for account in (A, B):
        store.add_entry(account, entry(1))  # creates the files
    for n in range(2, 4):
        for account in (A, B):
            store.add_entry(account, entry(n))  # 4 lines: a checkpoint starts on the 4th
    store.sync()
    # the checkpoint writes one account per /log from then on: B with the 4th line, not yet A
    assert file_entries(tmp_path, B) == [1, 2, 3] and file_entries(tmp_path, A) == [1]
    assert segments(tmp_path) == ["0000000001.log"]
    store.add_entry(A, entry(9))  # a line in the new segment, then A's file: the last of this checkpoint
    store.sync()
    assert file_entries(tmp_path, A) == [1, 2, 3, 4]  # the snapshot holds the newer line too
    assert segments(tmp_path) == ["0000000002.log"]  # the first segment is covered and gone
    store.add_entry(A, entry(10))
    assert [reps_of(e) for e in store.entries(A)] == [(1,), (2,), (3,), (9,), (10,)]
    store.close()
    assert segments(tmp_path) == []
    assert file_entries(tmp_path, A) == [1, 2, 3, 4, 5]


def test_an_idle_store_checkpoints_by_itself(tmp_path: Path) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=0.05)
    store.add_entry(A, entry(1))
    store.add_entry(A, entry(2))
    store.sync()
    deadline = time.monotonic() + 10
    while segments(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert segments(tmp_path) == []
    assert file_entries(tmp_path, A) == [1, 2]
    store.add_entry(A, entry(3))  # and goes on journaling afterwards
    store.close()
    assert file_entries(tmp_path, A) == [1, 2, 3]


def test_lines_survive_cache_eviction_and_reloads(tmp_path: Path) -> None:
    store = Store(tmp_path, cache_size=1, idle_checkpoint_seconds=60)
    for n in (1, 2, 3):
        store.add_entry(A, entry(n))
        store.add_entry(B, entry(n))  # A is the older one each time, but it has lines waiting
    store.sync()
    assert file_entries(tmp_path, A) == [1]
    assert [reps_of(e) for e in store.entries(A)] == [(1,), (2,), (3,)]
    refused = replace(store.profile(A), level=object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):  # a refused write drops what is held of the file: reload
        store.save_profile(refused)
    assert store.profile(A).level == "beginner"
    assert [reps_of(e) for e in store.entries(A)] == [(1,), (2,), (3,)]  # file + journal lines
    assert store.add_entry(A, entry(4)).id == 4


def test_undo_of_a_journaled_entry_is_not_replayed(tmp_path: Path) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    store.add_entry(A, entry(1))
    store.add_entry(A, entry(2))
    store.sync()
    assert store.pop_last_entry(A) is not None  # a journal line too, not a rewrite of the file
    store.sync()
    killed = killed_now(store, tmp_path)
    assert segments(killed)  # the journal holds line 2 and its undo
    again = Store(killed)
    assert again.journal_lines_replayed == 2
    assert [reps_of(e) for e in again.entries(A)] == [(1,)]
    assert again.add_entry(A, entry(3)).id == 3


def test_a_profile_change_is_a_journal_line_replayed_after_a_kill_and_checkpointed(tmp_path: Path) -> None:
    """/done and /undo's steps live in the profile: saving it once the account file exists is one
    journal line, not a rewrite of the whole log (65 ms at 30,000 sets). A kill replays it; a checkpoint
    writes the latest profile into the file."""
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    store.add_entry(A, entry(1))
    store.sync()
    before = account_path(tmp_path, A).read_bytes()
    store.save_profile(
        replace(store.profile(A), timezone="Europe/Berlin", done_at="2026-11-23T10:00:00+00:00")
    )
    store.save_profile(replace(store.profile(A), timezone="Asia/Tokyo"))
    store.sync()
    assert account_path(tmp_path, A).read_bytes() == before  # two lines, no file write
    assert store.profile(A).timezone == "Asia/Tokyo"
    killed = killed_now(store, tmp_path)
    again = Store(killed)
    assert again.journal_lines_replayed == 2
    assert (again.profile(A).timezone, again.profile(A).done_at) == (
        "Asia/Tokyo",
        "2026-11-23T10:00:00+00:00",
    )
    again.close()
    store.close()  # a clean stop: the checkpoint writes the latest profile into the file
    on_disk = json.loads(account_path(tmp_path, A).read_text())["profile"]
    assert [row["timezone"] for row in on_disk.values()] == ["Asia/Tokyo"]
    assert not segments(tmp_path)
    assert Store(tmp_path).profile(A).timezone == "Asia/Tokyo"


def test_deleted_account_never_comes_back_from_the_journal(tmp_path: Path) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    for n in (1, 2, 3):
        store.add_entry(A, entry(n))
    store.add_entry(B, entry(1))
    store.add_entry(B, entry(2))
    store.sync()
    store.delete_account(A)
    assert segments(tmp_path) == []  # every line went into its file before the delete
    copy = killed_now(store, tmp_path)
    again = Store(copy)
    assert again.entries(A) == [] and not account_path(copy, A).exists()
    assert [reps_of(e) for e in again.entries(B)] == [(1,), (2,)]


def test_link_merges_journaled_entries(tmp_path: Path) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    for n in (1, 2):
        store.add_entry(A, entry(n))
        store.add_entry(B, entry(10 + n))
    store.sync()
    store.link(B, A)
    assert segments(tmp_path) == []
    assert [reps_of(e) for e in store.entries(A)] == [(1,), (2,), (11,), (12,)]
    assert [reps_of(e) for e in Store(killed_now(store, tmp_path)).entries(A)] == [(1,), (2,), (11,), (12,)]


def test_entries_read_back_equal_what_was_logged_and_disk_holds_arrays(tmp_path: Path) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    for n in (8, 10, 10):
        store.add_entry(A, log_entry("hip_thrust", (n, n), "2026-11-23T09:00:00+00:00", 80.0, "kg"))
    first = store.entries(A)
    first.clear()  # a caller's list is its own: the store's view is untouched
    store.close()
    again = Store(tmp_path)
    assert [reps_of(e) for e in again.entries(A)] == [(8, 8), (10, 10), (10, 10)]
    again.add_entry(A, entry(12))
    assert [reps_of(e) for e in again.entries(A, "hip_thrust")] == [(8, 8), (10, 10), (10, 10), (12,)]
    again.close()
    raw = json.loads(account_path(tmp_path, A).read_text())["entries"]
    assert [[s["reps"] for s in r["sets"]] for r in raw.values()] == [[8, 8], [10, 10], [10, 10], [12]]

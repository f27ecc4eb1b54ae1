"""The store on real TinyDB files in a temp dir: every method, reopen, ids, links, deletion, layout."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from domain.training import Entry
from storage import atomic, journal, layout
from storage.atomic import AtomicJSONStorage
from storage.layout import SchemaError, account_file_name, account_path, shard_of, shard_path
from storage.models import LinkCode, Profile, Schedule
from storage.store import Store, StoreClosedError
from storage.writer import BackgroundWriter
from tests.entries import log_entry, reps_of

A = "telegram:1"
B = "discord:2"
C = "console:3"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def entry(
    exercise: str = "hip_thrust", reps: tuple[int, ...] = (10, 10, 10), weight: float | None = 80.0
) -> Entry:
    return log_entry(
        exercise, reps, "2026-11-23T09:00:00+00:00", weight, "kg" if weight is not None else None
    )


def sched(account: str = A, time: str = "07:00", days: tuple[int, ...] = (0, 2, 4)) -> Schedule:
    return Schedule(account, f"telegram:{account.split(':')[1]}", days, time, "Europe/Berlin")


def open_store(path: Path, **kw: object) -> Store:
    return Store(path, clock=lambda: NOW, **kw)  # type: ignore[arg-type]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data: Path) -> Store:
    return open_store(data)


def files(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def stats(data: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime_ns) of each file: changes when a file is replaced."""
    out = {}
    for p in data.rglob("*"):
        if p.is_file():
            st_ = p.stat()
            out[str(p.relative_to(data))] = (st_.st_ino, st_.st_mtime_ns)
    return out


# --- profile -------------------------------------------------------------------------------------------


def test_default_profile_is_not_written(store: Store, data: Path) -> None:
    assert store.profile(A) == Profile(account=A)
    assert not list((data / "accounts").iterdir())


def test_profile_round_trip_and_reopen(store: Store, data: Path) -> None:
    p = Profile(A, units="lb", timezone="Europe/Berlin", level="advanced")
    store.save_profile(p)
    assert store.profile(A) == p
    store.save_profile(replace(p, units="kg"))
    store.close()
    assert account_path(data, A).exists() and not account_path(data, B).exists()
    again = open_store(data)
    assert again.profile(A) == replace(p, units="kg")


def test_a_profile_row_of_an_older_release_loads(store: Store) -> None:
    row = {"account": A, "units": "lb", "created_at": "2026-01-01", "notices": ["x"]}
    assert Profile.from_row(row) == Profile(A, units="lb")


# --- log -------------------------------------------------------------------------------------------------


def test_add_entry_assigns_ids_and_returns_stored(store: Store) -> None:
    first = store.add_entry(A, replace(entry(), id=99))  # a given id is ignored
    second = store.add_entry(A, entry("squat", (5, 5), 100.0))
    assert (first.id, second.id) == (1, 2)
    assert first == replace(entry(), id=1)
    assert store.entries(A) == [first, second]
    assert store.entries(A, "squat") == [second]
    assert store.entries(A, "deadlift") == []
    assert store.last_entry(A) == second
    assert store.entry_count(A) == 2
    assert store.entries(B) == [] and store.last_entry(B) is None and store.entry_count(B) == 0
    assert store.add_entry(B, entry()).id == 1  # ids are per account


def test_entries_are_chronological_by_id(store: Store) -> None:
    for i in range(12):  # 10 sorts before 2 as a string
        store.add_entry(A, entry(reps=(i + 1,)))
    assert [e.id for e in store.entries(A)] == list(range(1, 13))
    assert [reps_of(e) for e in store.entries(A)] == [(i + 1,) for i in range(12)]


def test_ids_never_reused_after_pop_even_after_reopen(store: Store, data: Path) -> None:
    store.add_entry(A, entry())
    second = store.add_entry(A, entry("squat"))
    assert store.pop_last_entry(A) == second
    assert store.entry_count(A) == 1
    assert store.add_entry(A, entry()).id == 3
    store.pop_last_entry(A)
    store.close()
    again = open_store(data)
    assert again.add_entry(A, entry()).id == 4
    assert [e.id for e in again.entries(A)] == [1, 4]


def test_pop_on_empty(store: Store) -> None:
    assert store.pop_last_entry(A) is None
    store.add_entry(A, entry())
    store.pop_last_entry(A)
    assert store.pop_last_entry(A) is None


def test_entry_fields_round_trip(store: Store, data: Path) -> None:
    e = log_entry("glute_bridge", (12, 12), "2026-01-01T00:00:00+00:00", None, None, "knees", 7.5, True)
    stored = store.add_entry(A, e)
    store.close()
    assert open_store(data).entries(A) == [stored]


def test_add_entry_appends_to_the_journal_then_rewrites_only_that_account_file(
    store: Store, data: Path
) -> None:
    store.add_entry(A, entry())
    store.add_entry(B, entry())
    store.add_schedule(sched(A))
    store.sync()
    before = stats(data)
    stored = store.add_entry(A, entry())
    store.sync()
    after = stats(data)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {"journal/0000000001.log"}  # one appended line is the durable write
    line = (data / "journal" / "0000000001.log").read_bytes()
    assert line.count(b"\n") == 1 and b'"hip_thrust"' in line
    store.checkpoint()
    final = stats(data)
    changed = {name for name in {*after, *final} if after.get(name) != final.get(name)}
    assert changed == {f"accounts/{account_file_name(A)}", "journal/0000000001.log"}
    assert "journal/0000000001.log" not in final  # the segment is gone once its line is in the file
    rows = json.loads(account_path(data, A).read_text())["entries"]
    assert rows[str(stored.id)]["sets"] == [{"reps": 10, "load": 80.0, "unit": "kg"}] * 3  # defaults left out


def test_reads_come_from_memory(store: Store, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_entry(A, entry())
    store.close()
    reads: list[Path] = []
    original = atomic.read_regular  # (how data files are read: never through a symlink)

    def counting(path: Path, limit: int | None = None) -> bytes:
        reads.append(path)
        return original(path, limit)

    monkeypatch.setattr(atomic, "read_regular", counting)
    again = open_store(data)
    for _ in range(5):
        again.entries(A)
        again.profile(A)
        again.last_entry(A)
    again.add_entry(A, entry())
    again.entries(A)
    assert reads.count(account_path(data, A)) == 1


def test_lru_keeps_few_accounts_open(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(data, cache_size=3)
    accounts = [f"telegram:{i}" for i in range(10)]
    for i, account in enumerate(accounts):
        store.add_entry(account, entry(reps=(i + 1,)))
    store.sync()
    reads: list[Path] = []
    original = atomic.read_regular  # (how data files are read: never through a symlink)

    def counting(path: Path, limit: int | None = None) -> bytes:
        reads.append(path)
        return original(path, limit)

    monkeypatch.setattr(atomic, "read_regular", counting)
    for account in accounts[-3:]:
        store.entries(account)
    assert reads == []  # the three newest are held
    for i, account in enumerate(accounts):
        assert [reps_of(e) for e in store.entries(account)] == [(i + 1,)]
    # each read again: no more than three were held at any time
    assert sorted(reads) == sorted(account_path(data, a) for a in accounts)


def test_an_evicted_account_is_freed_without_waiting_for_a_full_collection(data: Path) -> None:
    # bot.py makes full collections rare (GC_THRESHOLDS): the cache's turnover must not leave its
    # evicted files behind as cycles that only a full collection frees (memory would grow meanwhile).
    accounts = [f"telegram:{i}" for i in range(30)]
    for i, account in enumerate(accounts):
        Store.bulk_write_account(data, account, [replace(entry(reps=(i + 1,)), id=1)])
    store = open_store(data, cache_size=3)
    gc.collect()
    gc.disable()  # only reference counting frees anything now
    try:
        for i, account in enumerate(accounts):
            assert [reps_of(e) for e in store.entries(account)] == [(i + 1,)]
        open_files = [
            o for o in gc.get_objects() if isinstance(o, TinyDB) and o.storage.path.is_relative_to(data)
        ]
    finally:
        gc.enable()
        store.close()
    assert len(open_files) <= 3 + 1  # the three cached accounts and links.json


def test_refused_entry_changes_nothing(store: Store, data: Path) -> None:
    store.add_entry(A, entry())
    store.sync()
    before = files(data)
    with pytest.raises(ValueError):
        store.add_entry(A, entry(weight=float("nan")))  # not valid JSON
    with pytest.raises(TypeError):
        store.add_entry(A, {"exercise": "squat"})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.add_entry("", entry())
    with pytest.raises(TypeError):
        store.add_entry(A, log_entry("squat", (object(),), NOW))  # type: ignore[arg-type]
    store.sync()
    assert files(data) == before
    assert store.entry_count(A) == 1
    assert store.add_entry(A, entry()).id == 2


def test_failed_write_changes_nothing(store: Store, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_entry(A, entry())
    store.sync()
    before = files(data)

    def broken(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    def full(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    monkeypatch.setattr(journal.os, "write", full)
    store.add_entry(A, entry("squat"))  # a journal line: the append fails
    with pytest.raises(OSError):  # writes land off the loop: the failure surfaces when synced
        store.sync()
    store.save_profile(Profile(A, units="lb"))  # a file write: the rename fails
    with pytest.raises(OSError):
        store.sync()
    monkeypatch.undo()
    after = files(data)
    assert {k: v for k, v in after.items() if not k.startswith("journal/")} == before  # no temp file
    assert all(v == b"" for k, v in after.items() if k.startswith("journal/"))  # no line landed
    assert store.entries(A) == [replace(entry(), id=1)]
    assert store.profile(A) == Profile(A)
    assert store.add_entry(A, entry("squat")).id == 2
    store.close()
    assert [e.exercise for e in open_store(data).entries(A)] == ["hip_thrust", "squat"]


def test_storage_tells_its_owner_when_it_drops_what_it_holds(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "x.json")
    dropped: list[bool] = []
    storage.on_invalidate = lambda: dropped.append(True)
    storage.write({"t": {"1": {"a": 1}}})
    assert dropped == []
    with pytest.raises(ValueError), storage.transaction():
        storage.write({"t": {"1": {"a": float("nan")}}})  # refused when the file is written
    assert dropped == [True]  # the store drops its models built from the old data, too
    assert storage.read() == {"t": {"1": {"a": 1}}}


def test_threads_cannot_corrupt_a_file(store: Store, data: Path) -> None:
    def work() -> None:
        for _ in range(25):
            store.add_entry(A, entry())

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [e.id for e in store.entries(A)] == list(range(1, 201))
    store.close()
    assert open_store(data).entry_count(A) == 200


def test_closed_store_refuses(store: Store) -> None:
    store.close()
    with pytest.raises(StoreClosedError):
        store.entries(A)


# --- schedules ---------------------------------------------------------------------------------------------


def test_schedule_round_trip(store: Store, data: Path) -> None:
    s1 = store.add_schedule(sched(A, "07:00"))
    s2 = store.add_schedule(sched(A, "18:30", (1, 3)))
    other = store.add_schedule(sched(B))
    assert (s1.id, s2.id, other.id) == (1, 2, 1)
    assert s1.created_at == NOW.isoformat(timespec="seconds")
    assert store.add_schedule(
        replace(sched(C), created_at="2020-01-01T00:00:00+00:00")
    ).created_at.startswith("2020")
    assert store.schedules(A) == [s1, s2]
    assert store.get_schedule(A, 2) == s2
    assert store.get_schedule(A, 3) is None and store.get_schedule(C, 2) is None
    busy = replace(
        s1, last_activation="2026-11-23", pending_lift_at="2026-11-23T08:10:00+00:00", paused="blocked"
    )
    store.update_schedule(busy)
    assert store.get_schedule(A, 1) == busy
    store.close()
    again = open_store(data)
    assert again.schedules(A) == [busy, s2]
    assert sorted(s.uid for s in again.all_schedules()) == sorted([busy.uid, s2.uid, other.uid, f"{C}#1"])


def test_schedule_ids_are_max_plus_one(store: Store) -> None:
    for _ in range(3):
        store.add_schedule(sched(A))
    assert store.remove_schedule(A, 2) is not None
    assert store.add_schedule(sched(A)).id == 4
    assert [s.id for s in store.schedules(A)] == [1, 3, 4]
    assert store.remove_schedule(A, 2) is None


def test_remove_schedules(store: Store) -> None:
    made = [store.add_schedule(sched(A, f"0{i}:00")) for i in range(3)]
    keep = store.add_schedule(sched(B))
    assert store.remove_schedules(A) == made
    assert store.schedules(A) == [] and store.remove_schedules(A) == []
    assert list(store.all_schedules()) == [keep]


def test_update_unknown_schedule_changes_nothing(store: Store, data: Path) -> None:
    s = store.add_schedule(sched(A))
    store.sync()
    before = files(data)
    with pytest.raises(KeyError):
        store.update_schedule(replace(s, id=7))
    with pytest.raises(KeyError):  # one unknown in a batch: none of the batch is written
        store.update_schedules([replace(s, last_lift="2026-11-23"), replace(s, account=B)])
    with pytest.raises(TypeError):
        store.update_schedules([replace(s, gap=5), "nope"])  # type: ignore[list-item]
    store.sync()
    assert files(data) == before
    assert store.get_schedule(A, 1) == s


def test_update_schedules_one_write_per_shard(
    store: Store, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts = [f"telegram:{i}" for i in range(40)]
    made = [store.add_schedule(sched(a)) for a in accounts for _ in range(2)]
    shards = {shard_of(a) for a in accounts}
    store.sync()
    submitted: list[Path] = []
    original = BackgroundWriter.submit

    def counting(self: BackgroundWriter, path: Path, raw: bytes, on_error: Callable[[], None]) -> None:
        submitted.append(path)
        original(self, path, raw, on_error)

    monkeypatch.setattr(BackgroundWriter, "submit", counting)
    store.update_schedules(replace(s, last_activation="2026-11-23") for s in made)
    assert sorted(submitted) == sorted(shard_path(data, n) for n in shards)
    assert all(s.last_activation == "2026-11-23" for s in store.all_schedules())
    assert len(list(store.all_schedules())) == 80


def test_add_schedule_rewrites_one_shard(store: Store, data: Path) -> None:
    for i in range(30):
        store.add_schedule(sched(f"telegram:{i}"))
    store.sync()
    before = stats(data)
    store.add_schedule(sched(A))
    store.sync()
    after = stats(data)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {str(shard_path(data, shard_of(A)).relative_to(data))}


def test_schedule_rows_are_compact_but_complete(store: Store, data: Path) -> None:
    s = store.add_schedule(replace(sched(A), mention="telegram:9"))
    store.sync()
    raw = json.loads(shard_path(data, shard_of(A)).read_text())
    (row,) = raw["schedules"].values()
    assert "last_lift" not in row and row["mention"] == "telegram:9"
    assert Schedule.from_row(row) == s


# --- links --------------------------------------------------------------------------------------------------


def test_account_of_defaults_to_itself(store: Store) -> None:
    assert store.account_of(B) == B
    assert store.linked_users(B) == [B]


def test_link_merges_entries_schedules_and_drops_profile(store: Store, data: Path) -> None:
    a1 = store.add_entry(A, entry("hip_thrust"))
    store.add_entry(A, entry("squat"))
    store.pop_last_entry(A)  # A's next id is 3
    store.save_profile(Profile(A, units="lb"))
    sa = store.add_schedule(sched(A))
    store.save_profile(Profile(B, units="kg", timezone="Asia/Tokyo"))
    b1 = store.add_entry(B, entry("deadlift", (5,)))
    b2 = store.add_entry(B, entry("rdl", (8,)))
    sb1 = store.add_schedule(sched(B, "06:00"))
    sb2 = store.add_schedule(sched(B, "20:00"))

    store.link(B, A)

    assert store.account_of(B) == A and store.account_of(A) == A
    assert store.linked_users(A) == [A, B] and store.linked_users(B) == [A, B]
    assert store.entries(A) == [a1, replace(b1, id=3), replace(b2, id=4)]
    assert store.schedules(A) == [sa, replace(sb1, account=A, id=2), replace(sb2, account=A, id=3)]
    assert store.schedules(B) == [] and store.entries(B) == []
    assert store.profile(A).units == "lb"
    assert not account_path(data, B).exists()
    store.close()
    again = open_store(data)
    assert again.account_of(B) == A
    assert [e.id for e in again.entries(A)] == [1, 3, 4]
    assert again.add_entry(A, entry()).id == 5


def test_link_is_transitive_and_idempotent(store: Store) -> None:
    store.add_entry(C, entry())
    store.link(C, B)  # C → B
    store.add_entry(B, entry())
    store.link(B, A)  # B and everything linked to it → A
    assert store.account_of(C) == A and store.account_of(B) == A
    assert store.linked_users(A) == [A, C, B]  # the account, then the others sorted
    assert store.entry_count(A) == 2
    store.link(C, A)  # already the same account: nothing happens
    store.link(A, C)  # C resolves to A: nothing happens
    assert store.entry_count(A) == 2
    assert store.linked_users(A) == [A, C, B]  # the account, then the others sorted


def test_unlink(store: Store) -> None:
    store.add_entry(B, entry())
    store.link(B, A)
    assert store.unlink(A) is False  # the account owner cannot be unlinked from itself
    assert store.unlink(C) is False  # never linked
    assert store.unlink(B) is True
    assert store.account_of(B) == B
    assert store.entries(B) == [] and store.profile(B) == Profile(B)
    assert store.entry_count(A) == 1  # the shared history stays with the account
    assert store.unlink(B) is False
    assert store.linked_users(A) == [A]


class Crash(BaseException):
    """Stands in for the process dying: nothing in the store catches it."""


SAME_SHARD_AS_A = "discord:6"


def test_same_shard_pair() -> None:
    assert shard_of(SAME_SHARD_AS_A) == shard_of(A) != shard_of(B)


@pytest.mark.parametrize("B", [B, SAME_SHARD_AS_A])
@pytest.mark.parametrize("crash_at", range(1, 8))
def test_link_interrupted_anywhere_is_finished_on_open(data: Path, crash_at: int, B: str) -> None:  # noqa: N803
    store = open_store(data)
    store.add_entry(A, entry("hip_thrust"))
    store.add_entry(B, entry("deadlift"))
    store.add_entry(B, entry("rdl"))
    store.add_schedule(sched(A))
    store.add_schedule(sched(B))
    store.add_schedule(sched(B, "20:00"))
    store.checkpoint()  # the set-up is on disk: the "crash" must not catch the writer thread mid-file
    commits = 0
    original = AtomicJSONStorage._commit

    def dying(self: AtomicJSONStorage, payload: dict) -> None:  # type: ignore[type-arg]
        nonlocal commits
        commits += 1
        if commits == crash_at:
            raise Crash
        original(self, payload)

    AtomicJSONStorage._commit = dying  # type: ignore[method-assign]
    try:
        try:
            store.link(B, A, exercises="reverse hyper=accessory")  # (B's list merged into A's)
            finished = True
        except Crash:
            finished = False
    finally:
        AtomicJSONStorage._commit = original  # type: ignore[method-assign]
    again = open_store(data)
    if again.account_of(B) == B:  # died before the link was recorded: nothing changed
        assert crash_at == 1 and not finished
        assert again.entry_count(A) == 1 and again.entry_count(B) == 2
        assert len(again.schedules(B)) == 2
    else:
        assert [e.exercise for e in again.entries(A)] == ["hip_thrust", "deadlift", "rdl"]
        assert [(s.id, s.time) for s in again.schedules(A)] == [(1, "07:00"), (2, "07:00"), (3, "20:00")]
        assert again.schedules(B) == [] and not account_path(data, B).exists()
        assert again.profile(A).custom_exercises == "reverse hyper=accessory"
        assert json.loads((data / "links.json").read_text()).get("merges") == {}
    assert len(list(again.all_schedules())) == 3


@pytest.mark.parametrize("B", [B, SAME_SHARD_AS_A])
@pytest.mark.parametrize("crash_at", range(1, 7))
def test_unlink_taking_schedules_interrupted_anywhere_is_finished_on_open(
    data: Path,
    crash_at: int,
    B: str,  # noqa: N803
) -> None:
    store = open_store(data)
    store.add_entry(A, entry("hip_thrust"))
    store.add_schedule(sched(A))
    store.link(B, A)
    store.add_schedule(sched(A, "20:00"))
    store.add_schedule(sched(A, "21:00"))
    store.checkpoint()
    commits = 0
    original = AtomicJSONStorage._commit

    def dying(self: AtomicJSONStorage, payload: dict) -> None:  # type: ignore[type-arg]
        nonlocal commits
        commits += 1
        if commits == crash_at:
            raise Crash
        original(self, payload)

    AtomicJSONStorage._commit = dying  # type: ignore[method-assign]
    try:
        with contextlib.suppress(Crash):
            store.unlink(B, [2, 3])  # the account's #2 and #3 go to B's chats
    finally:
        AtomicJSONStorage._commit = original  # type: ignore[method-assign]
    again = open_store(data)
    if again.account_of(B) == A:  # died before the unlink was recorded: the schedules stayed
        assert [s.time for s in again.schedules(A)] == ["07:00", "20:00", "21:00"]
        assert again.schedules(B) == []
    else:
        assert [(s.id, s.time) for s in again.schedules(A)] == [(1, "07:00")]
        assert [(s.account, s.id, s.time) for s in again.schedules(B)] == [(B, 1, "20:00"), (B, 2, "21:00")]
        assert json.loads((data / "links.json").read_text()).get("splits") == {}
    assert len(list(again.all_schedules())) == 3 and again.entry_count(A) == 1


def test_link_codes(store: Store, data: Path) -> None:
    old = LinkCode("AAAA11", B, B, "2026-11-23T08:00:00+00:00")
    fresh = LinkCode("BBBB22", C, C, "2026-11-23T09:10:00+00:00")
    store.put_link_code(old)
    store.put_link_code(fresh)
    store.put_link_code(replace(fresh, expires_at="2026-11-23T09:20:00+00:00"))  # same code: replaced
    with pytest.raises(ValueError):
        store.purge_link_codes("not a time")
    assert store.purge_link_codes(NOW.isoformat()) == 1
    assert store.purge_link_codes(NOW.isoformat()) == 0
    store.put_link_code(old)
    store.close()
    again = open_store(data)
    assert again.take_link_code("AAAA11") == old  # returned although expired: the caller checks
    assert again.take_link_code("AAAA11") is None  # one-time
    assert again.take_link_code("BBBB22") == replace(fresh, expires_at="2026-11-23T09:20:00+00:00")
    assert again.take_link_code("nope") is None


# --- deletion ---------------------------------------------------------------------------------------------


def test_delete_account_removes_every_trace(store: Store, data: Path) -> None:
    store.save_profile(Profile(A, units="lb"))
    store.add_entry(A, entry())
    store.add_schedule(sched(A))
    store.add_entry(B, entry())
    store.link(B, A)
    store.put_link_code(LinkCode("CODE01", A, A, "2030-01-01T00:00:00+00:00"))
    store.put_link_code(LinkCode("CODE02", B, A, "2030-01-01T00:00:00+00:00"))
    store.add_entry(C, entry("squat"))
    store.add_schedule(sched(C))
    store.put_link_code(LinkCode("CODE03", C, C, "2030-01-01T00:00:00+00:00"))

    store.delete_account(A)

    for name, raw in files(data).items():
        text = raw.decode()
        for key in (A, B):
            assert json.dumps(key) not in text, f"{key} still in {name}"
    assert not account_path(data, A).exists()
    assert store.account_of(B) == B and store.linked_users(B) == [B]
    assert store.entries(A) == [] and store.schedules(A) == [] and store.profile(A) == Profile(A)
    assert store.take_link_code("CODE01") is None and store.take_link_code("CODE02") is None
    # someone else's data is untouched
    assert store.entry_count(C) == 1 and len(store.schedules(C)) == 1
    assert store.take_link_code("CODE03") is not None
    store.close()
    again = open_store(data)
    assert again.entries(A) == [] and again.account_of(B) == B


# --- files: temp cleanup, schema, corruption -------------------------------------------------------------------


def test_stale_temp_files_removed_on_open(store: Store, data: Path) -> None:
    store.add_entry(A, entry())
    store.add_schedule(sched(A))
    store.close()
    name = account_file_name(A)
    stale = [
        data / "accounts" / f".{name}.0123abcd.tmp",
        data / "schedules" / ".00.json.deadbeef.tmp",
        data / ".links.json.a1b2c3d4e5.tmp",
    ]
    keep = [data / "notes.tmp", data / "accounts" / "readme.txt"]
    for p in [*stale, *keep]:
        p.write_text('{"truncat')
    before = account_path(data, A).read_bytes()
    again = open_store(data)
    assert again.stale_temp_files_removed == 3
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in keep)
    assert account_path(data, A).read_bytes() == before
    assert again.entry_count(A) == 1


def write_v0(path: Path, tables: dict) -> None:  # type: ignore[type-arg]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(tables))


def test_schema_0_files_are_migrated_on_open(data: Path) -> None:
    # the entry row as the releases before per-set rows wrote it
    row = {
        "exercise": "hip_thrust",
        "reps": [10, 10, 10],
        "at": "2026-11-23T09:00:00+00:00",
        "weight": 80.0,
        "unit": "kg",
        "band": None,
        "rpe": None,
        "activation": False,
        "id": 5,
    }
    write_v0(
        account_path(data, A), {"profile": {"1": Profile(A, units="lb").to_row()}, "entries": {"5": row}}
    )
    s = replace(sched(A), id=2)
    write_v0(shard_path(data, shard_of(A)), {"schedules": {"1": s.to_row()}})
    write_v0(data / "links.json", {"links": {"1": {"user": B, "account": A}}})

    store = open_store(data)
    assert store.account_of(B) == A  # links.json migrated when the store opened
    assert store.profile(A).units == "lb"
    assert store.entries(A) == [replace(entry(), id=5)]
    assert store.schedules(A) == [s]
    for path in (account_path(data, A), shard_path(data, shard_of(A)), data / "links.json"):
        assert json.loads(path.read_text())["_meta"]["1"]["schema"] == layout.SCHEMA_VERSION, path
    on_disk = json.loads(account_path(data, A).read_text())
    meta = on_disk["_meta"]["1"]
    assert meta["account"] == A and meta["last_entry_id"] == 5
    assert on_disk["entries"]["5"]["sets"] == [{"reps": 10, "load": 80.0, "unit": "kg"}] * 3
    assert store.add_entry(A, entry()).id == 6


def test_migrations_run_in_order_from_the_registry(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(data)
    store.add_entry(A, entry())
    store.close()

    now = layout.SCHEMA_VERSION

    def next_step(tables: layout.Data, kind: layout.Kind, key: str) -> layout.Data:
        tables["_meta"]["1"]["schema"] = now + 1
        for row in tables.get("entries", {}).values():
            row["note"] = "migrated"
        return tables

    monkeypatch.setattr(layout, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(layout.MIGRATIONS, now, next_step)
    again = open_store(data)
    assert again.entries(A)[0].note == "migrated"
    assert json.loads(account_path(data, A).read_text())["_meta"]["1"]["schema"] == now + 1


def test_newer_schema_is_refused_untouched(data: Path) -> None:
    path = account_path(data, A)
    write_v0(path, {"_meta": {"1": {"schema": 99, "kind": "account", "account": A}}, "entries": {}})
    before = path.read_bytes()
    store = open_store(data)
    with pytest.raises(SchemaError):
        store.entries(A)
    with pytest.raises(SchemaError):
        store.add_entry(A, entry())
    assert path.read_bytes() == before


def test_corrupt_file_is_set_aside_never_replaced(data: Path) -> None:
    path = account_path(data, A)
    write_v0(path, {})
    path.write_text('{"entries": {"1": {"exer')
    store = open_store(data)
    store.add_entry(A, entry())  # the user goes on: a new set is kept
    store.sync()
    [kept] = (data / "quarantine").iterdir()
    assert kept.read_text() == '{"entries": {"1": {"exer'  # moved as it was, for the operator
    assert kept.name.startswith(f"accounts-{path.name}.")
    assert [e.exercise for e in store.entries(A)] == ["hip_thrust"]
    notice = store.take_damage_notice(A)
    assert notice is not None and "set it aside" in notice
    assert store.take_damage_notice(A) is None  # told once
    store.close()


def test_file_of_another_key_is_set_aside_not_read(store: Store, data: Path) -> None:
    store.add_entry(A, entry())
    store.close()
    account_path(data, B).write_bytes(account_path(data, A).read_bytes())  # as if the hashes collided
    again = open_store(data)
    assert again.entries(B) == [] and len(again.entries(A)) == 1
    assert [p.name.split(".json.")[0] for p in (data / "quarantine").iterdir()] == [
        "accounts-" + account_path(data, B).stem
    ]


# --- account keys -------------------------------------------------------------------------------------------

SAFE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,32}-[0-9a-f]{20}\.json$")
any_key = st.text(st.characters(codec=None, exclude_categories=()), min_size=1, max_size=60)


@given(st.lists(any_key, min_size=1, max_size=8, unique=True))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_account_key_maps_to_a_safe_distinct_file_and_round_trips(keys: list[str]) -> None:
    names = [account_file_name(k) for k in keys]
    assert all(SAFE_NAME.match(n) for n in names), names
    assert len(set(names)) == len(keys)
    assert len({n.lower() for n in names}) == len(keys)  # distinct on case-insensitive file systems too
    assert all(0 <= shard_of(k) < layout.SHARDS for k in keys)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = open_store(data)
        for i, key in enumerate(keys):
            store.save_profile(Profile(key, timezone="UTC", level="advanced"))
            store.add_entry(key, entry(reps=(i + 1,)))
            store.add_schedule(replace(sched(A), account=key, target=key, mention=key))
        store.close()
        assert sorted(os.listdir(data / "accounts")) == sorted(names)
        again = open_store(data)
        for i, key in enumerate(keys):
            assert again.profile(key) == Profile(key, timezone="UTC", level="advanced")
            assert [reps_of(e) for e in again.entries(key)] == [(i + 1,)]
            assert [s.mention for s in again.schedules(key)] == [key]
            assert again.account_of(key) == key
        assert len(list(again.all_schedules())) == len(keys)


def test_key_must_be_a_non_empty_string(store: Store) -> None:
    for bad in ("", None, 3):
        with pytest.raises(ValueError):
            store.entries(bad)  # type: ignore[arg-type]


# --- bulk writers --------------------------------------------------------------------------------------------


def test_bulk_write_account_is_read_by_the_store(data: Path) -> None:
    entries = [replace(entry(reps=(i,)), id=i + 1) for i in range(1, 6)]
    Store.bulk_write_account(data, A, entries, Profile(A, units="lb"))
    Store.bulk_write_account(data, B, [entry(), entry("squat")])  # ids assigned
    with pytest.raises(ValueError):
        Store.bulk_write_account(data, C, [replace(entry(), id=1), replace(entry(), id=1)])
    with pytest.raises(ValueError):
        Store.bulk_write_account(data, C, [], Profile(A))
    assert not account_path(data, C).exists()
    store = open_store(data)
    assert store.entries(A) == entries and store.profile(A).units == "lb"
    assert [e.id for e in store.entries(B)] == [1, 2]
    assert store.add_entry(A, entry()).id == 7


def test_bulk_write_schedules_is_read_by_the_store(data: Path) -> None:
    rows = [replace(sched(f"telegram:{i}"), id=1 + i % 2) for i in range(50)]
    Store.bulk_write_schedules(data, rows[:30])
    Store.bulk_write_schedules(data, rows[30:] + [replace(rows[0], time="09:45")])  # adds and replaces
    with pytest.raises(ValueError):
        Store.bulk_write_schedules(data, [sched(A)])  # id not set
    store = open_store(data)
    got = sorted(store.all_schedules(), key=lambda s: (s.account, s.id))
    want = sorted([replace(rows[0], time="09:45"), *rows[1:]], key=lambda s: (s.account, s.id))
    assert got == want
    assert store.add_schedule(sched("telegram:1")).id == 3


_OPS = st.lists(
    st.tuples(
        st.sampled_from(("add", "add", "edit", "remove", "reopen")),
        st.sampled_from(("hip_thrust", "glute_bridge")),
        st.integers(0, 72),  # hours after NOW - 3 days: backdated and out of order
        st.integers(0, 30),  # which stored entry an edit or removal picks
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS, since_hours=st.integers(0, 72))
def test_per_exercise_and_by_time_reads_follow_every_add_edit_removal_and_reopen(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, str, int, int]], since_hours: int
) -> None:
    """`entries(account, exercise)`, `entries_trained` and `entries_since` are kept in step entry by
    entry (not rebuilt on each read): after any mix of writes, and after a reopen, they say what
    filtering (and sorting) every entry says."""
    data = tmp_path_factory.mktemp("index") / "data"
    start = NOW - timedelta(days=3)
    store = open_store(data)
    try:
        # the indexes exist from here on
        store.entries(A, "hip_thrust"), store.entries_since(A, start), store.entries_trained(A, "hip_thrust")
        for op, exercise, hours, pick in ops:
            stored = store.entries(A)
            at = start + timedelta(hours=hours)
            if op == "add" or not stored:
                store.add_entry(A, replace(entry(exercise), at=at))
            elif op == "edit":
                store.replace_entry(A, replace(stored[pick % len(stored)], exercise=exercise, at=at))
            elif op == "remove":
                store.remove_entry(A, stored[pick % len(stored)].id)
            else:
                store.close()
                store = open_store(data)
            every = store.entries(A)
            assert all(store.entry(A, e.id) == e for e in every)
            assert store.entry(A, max((e.id for e in every), default=0) + 1) is None
            for name in ("hip_thrust", "glute_bridge"):
                assert store.entries(A, name) == [e for e in every if e.exercise == name]
                in_order = sorted((e for e in every if e.exercise == name), key=lambda e: (e.at, e.id))
                assert store.entries_trained(A, name) == in_order
            since = start + timedelta(hours=since_hours)
            trained = sorted((e for e in every if e.at >= since), key=lambda e: (e.at, e.id))
            assert store.entries_since(A, since) == trained
    finally:
        store.close()

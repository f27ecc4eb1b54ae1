"""The stored log on the training model (issue 10): entries with per-set rows, imports in one write,
edits, /done's session break, and rows of older releases (files and journal lines) read forward."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from domain.training import Entry, LoggedSet, SetKind, Side, chronological, group_sessions, straight_sets
from storage.journal import encode_record, list_segments
from storage.layout import SCHEMA_VERSION, account_path
from storage.models import Profile, entry_to_row
from storage.store import Store

A = "telegram:1"
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def lift(reps: int, load: float = 80.0, minutes: int = 0, **kw: object) -> Entry:
    return Entry("hip_thrust", straight_sets((reps, reps), load, "kg"), T0 + timedelta(minutes=minutes), **kw)  # type: ignore[arg-type]


def rows_on_disk(data: Path, account: str = A) -> dict[str, dict]:  # type: ignore[type-arg]
    return json.loads(account_path(data, account).read_text())["entries"]


def test_every_field_of_an_entry_round_trips_through_journal_and_file(tmp_path: Path) -> None:
    full = Entry(
        "bulgarian_split_squat",
        (
            LoggedSet(8, 40.0, "kg", SetKind.WARMUP),
            LoggedSet(8, 12.0, "kg", rpe=8.5, side=Side.LEFT, implements=2),
            LoggedSet(7, 12.0, "kg", rir=2, side=Side.RIGHT, implements=2),
            LoggedSet(20, kind=SetKind.ACTIVATION, band="knees", resistance="heavy"),
        ),
        T0,
        note="left knee",
        source="strong|2026-11-23T09:00:00+00:00|Bulgarian Split Squat",
        starts_session=True,
    )
    store = Store(tmp_path)
    store.add_entry(A, lift(10))
    journaled = store.add_entry(A, full)  # a journal line
    assert store.entries(A)[-1] == journaled == replace(full, id=2)
    store.sync()
    copy = tmp_path.parent / f"{tmp_path.name}-killed"
    shutil.copytree(tmp_path, copy)  # as a kill now leaves it: the entry is a journal line only
    store.close()
    assert Store(tmp_path).entries(A)[-1] == journaled  # from the file
    replayed = Store(copy)
    assert replayed.journal_lines_replayed == 1 and replayed.entries(A)[-1] == journaled
    # on disk: per-set rows with only what differs from the defaults
    row = rows_on_disk(tmp_path)["2"]
    assert row["sets"][0] == {"reps": 8, "load": 40.0, "unit": "kg", "kind": "warmup"}
    assert row["sets"][3] == {"reps": 20, "kind": "activation", "band": "knees", "resistance": "heavy"}
    assert (row["note"], row["starts_session"]) == ("left knee", True)
    assert "note" not in rows_on_disk(tmp_path)["1"]  # defaults are left out


def test_add_entries_is_one_durable_write_with_the_next_ids(tmp_path: Path) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    store.add_entry(A, lift(5))
    store.add_entry(A, lift(6))  # a journal line
    store.sync()
    before = [p.name for _, p in list_segments(tmp_path / "journal")]
    imported = [lift(8, 100.0 + i, minutes=-1000 + i, source=f"strong|x|{i}") for i in range(50)]
    stored = store.add_entries(A, imported)
    store.sync()
    assert [e.id for e in stored] == list(range(3, 53))
    assert [p.name for _, p in list_segments(tmp_path / "journal")] == before  # no journal line each
    rows = rows_on_disk(tmp_path)
    assert sorted(int(k) for k in rows) == list(range(1, 53))  # the file holds them all, and id 2
    assert rows["52"]["source"] == "strong|x|49"
    store.close()
    again = Store(tmp_path)
    assert again.entries(A)[2:] == stored
    assert again.add_entry(A, lift(1)).id == 53
    # backdated imports come first in training order, whatever their ids
    assert [e.id for e in chronological(again.entries(A))][:2] == [3, 4]


def test_add_entries_refuses_all_or_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add_entry(A, lift(5))
    store.sync()
    before = account_path(tmp_path, A).read_bytes()
    naive = Entry("hip_thrust", straight_sets((5,)), datetime(2026, 1, 1))  # noqa: DTZ001
    with pytest.raises(ValueError):
        store.add_entries(A, [lift(6), naive])
    with pytest.raises(TypeError):
        store.add_entries(A, [lift(6), {"exercise": "x"}])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        store.add_entries(A, [lift(6), lift(7, float("nan"))])  # not JSON
    store.sync()
    assert account_path(tmp_path, A).read_bytes() == before
    assert [e.id for e in store.entries(A)] == [1]
    assert store.add_entries(A, []) == []


def test_times_are_stored_in_utc(tmp_path: Path) -> None:
    store = Store(tmp_path)
    local = T0.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Tokyo"))
    stored = store.add_entry(A, Entry("hip_thrust", straight_sets((5,)), local))
    assert stored.at.tzinfo is UTC and stored.at == T0
    store.close()
    assert rows_on_disk(tmp_path)["1"]["at"] == "2026-11-23T09:00:00+00:00"


def test_replace_entry_edits_in_place_also_a_journal_only_entry(tmp_path: Path) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    store.add_entry(A, lift(5))
    second = store.add_entry(A, lift(6))  # journal line only
    store.add_entry(A, lift(7))
    edited = Entry(
        "hip_thrust", straight_sets((6, 6, 5), 85.0, "kg"), T0 - timedelta(days=1), "felt easy", second.id
    )
    assert store.replace_entry(A, edited) == edited
    assert [e.id for e in store.entries(A)] == [1, 2, 3] and store.entries(A)[1] == edited
    assert store.replace_entry(A, Entry("hip_thrust", (), T0, id=99)) is None
    store.sync()
    copy = tmp_path.parent / f"{tmp_path.name}-killed"
    shutil.copytree(tmp_path, copy)
    store.close()
    # the old line of entry 2 never comes back over the edit, after a clean stop or a kill
    assert Store(tmp_path).entries(A)[1] == edited
    assert Store(copy).entries(A)[1] == edited
    assert rows_on_disk(tmp_path)["2"]["note"] == "felt easy"


def test_profile_done_at_round_trips_and_old_rows_load_without_it(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert store.profile(A).done_at == ""
    store.save_profile(Profile(A, done_at="2026-11-23T10:00:00+00:00"))
    store.close()
    assert Store(tmp_path).profile(A).done_at == "2026-11-23T10:00:00+00:00"


def test_done_starts_a_new_session_within_the_gap() -> None:
    a, b, c = (
        lift(5, minutes=0, id=1),
        lift(5, minutes=20, id=2),
        lift(5, minutes=40, id=3, starts_session=True),
    )
    assert [len(s.entries) for s in group_sessions([c, a, b])] == [2, 1]
    assert [len(s.entries) for s in group_sessions([a, b, replace(c, starts_session=False)])] == [3]


def test_chronological_orders_by_time_then_id() -> None:
    a, b, c = lift(5, minutes=10, id=1), lift(5, minutes=0, id=2), lift(5, minutes=10, id=3)
    assert [e.id for e in chronological([a, b, c])] == [2, 1, 3]
    assert [e.id for e in chronological([c, a])] == [1, 3]
    ordered = [b, a, c]
    assert chronological(ordered) == ordered and chronological(ordered) is not ordered


# --- rows of the release before per-set rows (schema 1) -------------------------------------------

OLD_ROWS = {
    "1": {"exercise": "hip_thrust", "reps": [10, 10, 8], "at": "2026-11-20T17:00:00+00:00", "weight": 80.0,
          "unit": "kg", "band": None, "rpe": 8.0, "activation": False, "id": 1},
    "2": {"exercise": "sumo_walk", "reps": [20, 20], "at": "2026-11-20T17:10:00+00:00", "weight": None,
          "unit": None, "band": "ankles", "rpe": None, "activation": True, "id": 2},
    "3": {"exercise": "glute_bridge", "reps": [15], "at": "2026-11-20T17:20:00+00:00", "weight": None,
          "unit": None, "band": None, "rpe": None, "activation": False, "id": 3},
}  # fmt: skip
NEW_SETS = {
    "1": [{"reps": 10, "load": 80.0, "unit": "kg", "rpe": 8.0}] * 2 + [{"reps": 8, "load": 80.0, "unit": "kg", "rpe": 8.0}],
    "2": [{"reps": 20, "kind": "activation", "band": "ankles"}] * 2,
    "3": [{"reps": 15}],
}  # fmt: skip


def test_a_schema_1_file_and_its_journal_lines_are_read_forward(tmp_path: Path) -> None:
    path = account_path(tmp_path, A)
    path.parent.mkdir(parents=True)
    meta = {"schema": 1, "kind": "account", "account": A, "last_entry_id": 2, "merged": []}
    path.write_text(json.dumps({"_meta": {"1": meta}, "entries": {k: OLD_ROWS[k] for k in ("1", "2")}}))
    (tmp_path / "journal").mkdir()
    # a line the old release wrote and never checkpointed (a crash)
    (tmp_path / "journal" / "0000000001.log").write_bytes(encode_record(A, 3, OLD_ROWS["3"]))
    store = Store(tmp_path)
    assert store.journal_lines_replayed == 1
    entries = store.entries(A)
    assert [e.sets for e in entries] == [
        straight_sets((10, 10, 8), 80.0, "kg", rpe=8.0),
        straight_sets((20, 20), None, None, SetKind.ACTIVATION, band="ankles"),
        straight_sets((15,)),
    ]
    assert [e.at for e in entries] == [T0.replace(day=20, hour=17, minute=m) for m in (0, 10, 20)]
    store.close()
    on_disk = json.loads(path.read_text())
    assert on_disk["_meta"]["1"]["schema"] == SCHEMA_VERSION
    assert {k: r["sets"] for k, r in on_disk["entries"].items()} == NEW_SETS
    assert all("reps" not in r and "weight" not in r for r in on_disk["entries"].values())
    assert entry_to_row(Store(tmp_path).entries(A)[0])["sets"] == NEW_SETS["1"]


# --- edits and removals are journal lines (a five-year log is not rewritten for one /undo) ----------


def file_stat(data: Path) -> tuple[int, int]:
    st = account_path(data, A).stat()
    return st.st_ino, st.st_mtime_ns


def test_edits_and_undos_are_journal_lines_and_a_kill_keeps_them(tmp_path: Path) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    for n in range(5):
        store.add_entry(A, lift(5 + n, minutes=n))
    store.checkpoint()
    before = file_stat(tmp_path)
    edited = replace(store.entries(A)[1], note="felt easy")
    assert store.replace_entry(A, edited) == edited
    assert store.remove_entry(A, 3) is not None
    assert store.pop_last_entry(A) is not None  # 5
    store.add_entry(A, lift(20, minutes=9))  # 6
    assert store.remove_entry(A, 6) is not None  # a journal-only entry, undone
    assert store.replace_entry(A, replace(edited, note="edited twice")) is not None
    store.sync()
    assert file_stat(tmp_path) == before  # six changes, no rewrite of the account file
    expected = store.entries(A)
    assert [e.id for e in expected] == [1, 2, 4] and expected[1].note == "edited twice"
    copy = tmp_path.parent / f"{tmp_path.name}-killed"
    shutil.copytree(tmp_path, copy)  # a kill now
    replayed = Store(copy)
    assert replayed.entries(A) == expected and replayed.journal_lines_replayed == 6
    replayed.close()
    store.close()
    assert Store(tmp_path).entries(A) == expected  # the checkpoint at close wrote them
    assert sorted(rows_on_disk(tmp_path)) == ["1", "2", "4"] == sorted(rows_on_disk(copy))
    assert Store(tmp_path).add_entry(A, lift(1)).id == 7  # ids of removed entries are never reused


def test_an_edit_line_the_file_already_holds_is_not_replayed_over_a_later_one(tmp_path: Path) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    store.add_entry(A, lift(5))
    store.add_entry(A, lift(6))
    store.checkpoint()
    store.close()
    # What a kill leaves when a checkpoint wrote the file (the first edit in it: last_op 1) but
    # had not yet deleted the segment, and a second edit followed as a line.
    path = account_path(tmp_path, A)
    raw = json.loads(path.read_text())
    first, second = replace(lift(6), id=2, note="first"), replace(lift(6), id=2, note="second")
    raw["entries"]["2"] = entry_to_row(first)
    raw["_meta"]["1"]["last_op"] = 1
    path.write_text(json.dumps(raw))
    (tmp_path / "journal").mkdir(exist_ok=True)
    lines = [
        encode_record(A, 2, {"_op": 1, **entry_to_row(first)}),
        encode_record(A, 2, {"_op": 2, **entry_to_row(second)}),
    ]
    lines.append(encode_record(A, 1, {"_op": 3, "_removed": True}))
    (tmp_path / "journal" / "0000000009.log").write_bytes(b"".join(lines))
    again = Store(tmp_path)
    assert again.journal_lines_replayed == 2  # the second edit and the removal; the first is in the file
    assert [(e.id, e.note) for e in again.entries(A)] == [(2, "second")]
    again.close()
    assert json.loads(path.read_text())["_meta"]["1"]["last_op"] == 3
    assert Store(tmp_path).entries(A) == [second]


def test_entries_of_one_exercise_follow_logs_edits_and_undos(tmp_path: Path) -> None:
    store = Store(tmp_path)
    first = store.add_entry(A, lift(5))
    assert store.entries(A, "hip_thrust") == [first]
    squat = store.add_entry(A, Entry("back_squat", straight_sets((5,), 100.0, "kg"), T0))
    second = store.add_entry(A, lift(6))
    assert store.entries(A, "hip_thrust") == [first, second] and store.entries(A, "back_squat") == [squat]
    store.entries(A, "hip_thrust").clear()  # a caller's list is its own
    moved = store.replace_entry(A, replace(second, exercise="back_squat"))
    assert store.entries(A, "hip_thrust") == [first] and store.entries(A, "back_squat") == [squat, moved]
    store.pop_last_entry(A)
    assert store.entries(A, "back_squat") == [squat] and store.entries(A, "deadlift") == []

"""A security tester's attack on the data folder (the account files, the journal, the pending pushes):
whatever one user's data holds, that user gets a clear reply and a notice, their damaged data is set
aside in quarantine (never deleted), and every other user goes on. Real files in tmp dirs, the real app
through the console chat's dispatch."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.settings import Settings
from storage import quarantine
from storage.journal import list_segments
from storage.layout import account_path
from storage.store import DAMAGE_NOTICE, Store
from tests.conftest import Chat, Clock
from tests.test_quarantine import crash_after

NOW = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
ALICE, BOB = "console:alice", "console:bob"
SORRY = "something went wrong"


@asynccontextmanager
async def running(data: Path, library: Any) -> AsyncIterator[Callable[[str], Chat]]:
    """The real app on ``data``; yields a chat maker by user key (console:<name>)."""
    from bot import build_app, start_app, stop_app

    app = build_app(Settings(data_dir=data, write_limit_per_minute=0), library=library, clock=Clock(NOW))
    await start_app(app)
    try:
        yield lambda user: Chat(app, user=user, chat=user.split(":")[1])
    finally:
        await stop_app(app)


async def text(chat: Chat, line: str) -> str:
    return "\n".join(r.text for r in await chat.say(line))


def account_file(data: Path, user: str) -> Path:
    return account_path(data, user)


def edit_file(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))  # allow_nan: Python writes NaN/Infinity as a tester would


def quarantined(data: Path) -> list[str]:
    return sorted(q.path.name for q in quarantine.list_files(data))


async def two_users_logged(data: Path, library: Any) -> None:
    async with running(data, library) as chat:
        for user in (ALICE, BOB):
            assert "Logged" in await text(chat(user), "/log rdl 3x8 70kg")
            assert "Logged" in await text(chat(user), "/log squat 3x5 100kg")


def first_load_is(value: Any) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        d["entries"]["1"]["sets"][0]["load"] = value

    return change


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
async def test_non_finite_number_in_an_account_file_is_set_aside_and_nobody_is_stopped(
    tmp_path: Path, library: Any, value: float
) -> None:
    data = tmp_path / "data"
    await two_users_logged(data, library)
    path = account_file(data, ALICE)
    edit_file(path, first_load_is(value))
    assert "NaN" in path.read_text() or "Infinity" in path.read_text()

    async with running(data, library) as chat:
        said = await text(chat(ALICE), "/log hip thrust 3x10 80kg")
        assert SORRY not in said and "nothing was changed" not in said
        assert DAMAGE_NOTICE in said and "Logged" in said
        assert "Logged" in await text(chat(BOB), "/log hip thrust 3x10 80kg")
    # set aside whole (it did not decode), never deleted; the stop wrote no traceback-causing data
    [moved] = quarantined(data)
    assert moved.startswith("accounts-") and quarantine.account_stem(ALICE) in moved
    assert ("NaN" in (data / "quarantine" / moved).read_text()) or "Infinity" in (
        data / "quarantine" / moved
    ).read_text()
    async with running(data, library) as chat:  # every later start works, for everyone
        assert "hip thrust" in (await text(chat(ALICE), "/history")).lower()
        assert "squat" in (await text(chat(BOB), "/history")).lower()


def _reps_ten(d: dict[str, Any]) -> None:
    d["entries"]["1"]["sets"][0]["reps"] = "ten"


def _no_at(d: dict[str, Any]) -> None:
    del d["entries"]["1"]["at"]


def _bad_day(d: dict[str, Any]) -> None:
    d["entries"]["1"]["at"] = "2026-02-30T10:00:00+00:00"


@pytest.mark.parametrize(
    "change", [_reps_ten, first_load_is(1e308), _no_at, _bad_day], ids=["reps", "load", "no-at", "feb30"]
)
async def test_an_unreadable_row_is_set_aside_and_the_rest_of_the_history_works(
    tmp_path: Path, library: Any, change: Callable[[dict[str, Any]], None]
) -> None:
    data = tmp_path / "data"
    await two_users_logged(data, library)
    edit_file(account_file(data, ALICE), change)

    async with running(data, library) as chat:
        said = await text(chat(ALICE), "/history")
        assert SORRY not in said
        assert DAMAGE_NOTICE in said and "squat" in said.lower() and "romanian" not in said.lower()
        again = await text(chat(ALICE), "/log hip thrust 3x10 80kg")
        assert "Logged" in again and DAMAGE_NOTICE not in again  # told once
        assert "romanian" in (await text(chat(BOB), "/history")).lower()
    [rows] = quarantined(data)
    assert rows.startswith(f"accounts-{quarantine.account_stem(ALICE)}.json.rows.")
    kept = json.loads((data / "quarantine" / rows).read_text())
    assert list(kept["entries"]) == ["1"] and kept["_meta"]["1"]["account"] == ALICE
    live = json.loads(account_file(data, ALICE).read_text())
    assert "1" not in live["entries"] and "2" in live["entries"]
    async with running(data, library) as chat:  # the live file no longer holds it: not set aside twice
        assert "squat" in (await text(chat(ALICE), "/history")).lower()
    assert quarantined(data) == [rows]


async def test_a_file_naming_another_account_is_set_aside_whole(tmp_path: Path, library: Any) -> None:
    data = tmp_path / "data"
    await two_users_logged(data, library)
    edit_file(account_file(data, ALICE), lambda d: d["_meta"]["1"].update(account=BOB))

    async with running(data, library) as chat:
        said = await text(chat(ALICE), "/log hip thrust 3x10 80kg")
        assert SORRY not in said and DAMAGE_NOTICE in said and "Logged" in said
    [moved] = quarantined(data)
    assert moved.startswith(f"accounts-{quarantine.account_stem(ALICE)}.json.")


async def test_a_newer_schema_gets_one_clear_reply_and_is_kept(tmp_path: Path, library: Any) -> None:
    data = tmp_path / "data"
    await two_users_logged(data, library)
    path = account_file(data, ALICE)
    edit_file(path, lambda d: d["_meta"]["1"].update(schema=99))
    before = path.read_bytes()

    async with running(data, library) as chat:
        said = await text(chat(ALICE), "/log hip thrust 3x10 80kg")
        assert SORRY not in said
        assert "newer version" in said and "nothing was changed" in said
        assert "Logged" in await text(chat(BOB), "/log hip thrust 3x10 80kg")
    assert path.read_bytes() == before and quarantined(data) == []


def test_a_journal_line_its_account_cannot_take_is_set_aside_and_the_start_goes_on(tmp_path: Path) -> None:
    """Any failure of one account's data during the replay: its lines go to quarantine, the others
    are replayed (here: Alice's file names a newer schema, which is kept as it is)."""
    data = tmp_path / "data"
    crash_after(
        data,
        f"""
for user in ({ALICE!r}, {BOB!r}):
    store.add_entry(user, entry(1))
store.checkpoint()
for user in ({ALICE!r}, {BOB!r}):
    store.add_entry(user, entry(2))
""",
    )
    assert list_segments(data / "journal")
    edit_file(account_file(data, ALICE), lambda d: d["_meta"]["1"].update(schema=99))

    again = Store(data)
    try:
        assert [e.sets[0].reps for e in again.entries(BOB)] == [1, 2]
        [kept] = quarantined(data)
        assert kept.startswith("journal-") and kept.endswith(quarantine.account_stem(ALICE))
        assert again.take_damage_notice(ALICE) == DAMAGE_NOTICE
    finally:
        again.close()


async def test_a_failure_after_a_write_never_says_nothing_was_changed(tmp_path: Path, library: Any) -> None:
    """A command that wrote (a set made durable) and then failed: the reply must not deny the write."""
    from core.registry import Command
    from tests.entries import log_entry

    async def log_then_fail(request: Any, ctx: Any) -> Any:
        ctx.store.add_entry(request.account, log_entry("hip_thrust", (10,), NOW.isoformat(), 80.0, "kg"))
        raise RuntimeError("a fault after the write")

    async def fail(request: Any, ctx: Any) -> Any:
        raise RuntimeError("a fault before any write")

    data = tmp_path / "data"
    async with running(data, library) as chat:
        app = chat(ALICE).app
        app.ctx.registry.add(Command("logfail", "Logs, then fails", log_then_fail))  # type: ignore[attr-defined]
        app.ctx.registry.add(Command("justfail", "Fails", fail))  # type: ignore[attr-defined]
        said = await text(chat(ALICE), "/logfail")
        assert "nothing was changed" not in said and "may have been saved" in said and "/history" in said
        assert "nothing was changed" in await text(chat(ALICE), "/justfail")
    store = Store(data)
    try:
        assert len(store.entries(ALICE)) == 1
    finally:
        store.close()


def test_a_checkpoint_one_account_cannot_write_does_not_stop_the_others(tmp_path: Path) -> None:
    """A number JSON reads but cannot write back (1e400 reads as infinity) in a part of Alice's file
    no model reads: the checkpoint sets her file aside, keeps her new set, and writes Bob's."""
    from tests.entries import log_entry

    def entry(reps: int) -> Any:
        return log_entry("hip_thrust", (reps,), "2026-11-23T09:00:00+00:00", 80.0, "kg")

    data = tmp_path / "data"
    store = Store(data, idle_checkpoint_seconds=60)
    for user in (ALICE, BOB):
        store.add_entry(user, entry(1))
    store.close()
    path = account_file(data, ALICE)
    path.write_text(path.read_text().replace('"merged":[]', '"merged":[],"x":1e400'))

    store = Store(data, idle_checkpoint_seconds=60)
    for user in (ALICE, BOB):
        store.add_entry(user, entry(2))  # journal lines
    store.sync()
    store.close()  # the checkpoint: no traceback, nothing left behind
    assert not list_segments(data / "journal")
    [moved] = quarantined(data)
    assert moved.startswith(f"accounts-{quarantine.account_stem(ALICE)}.json.")
    assert "1e400" in (data / "quarantine" / moved).read_text()
    again = Store(data)
    try:
        assert [e.sets[0].reps for e in again.entries(BOB)] == [1, 2]
        assert [e.sets[0].reps for e in again.entries(ALICE)] == [2]  # the rest waits in quarantine
        assert again.take_damage_notice(ALICE) == DAMAGE_NOTICE
    finally:
        again.close()


def _damage_line(segment: Path, number: int) -> None:
    """Break the checksum of line ``number`` (1-based) of a journal segment, as a bad disk would."""
    lines = segment.read_bytes().split(b"\n")
    lines[number - 1] = b"00000000" + lines[number - 1][8:]
    segment.write_bytes(b"\n".join(lines))


EDITED = """
from dataclasses import replace
from domain.training import straight_sets
store.add_entry("console:local", entry(1))  # creates the account file
logged = store.add_entry("console:local", log_entry("romanian_deadlift", (8, 8, 8), "2026-11-23T09:00:00+00:00", 70.0, "kg"))
store.replace_entry("console:local", replace(logged, sets=straight_sets((8, 8, 8), 75.0, "kg")))
"""


async def test_an_edit_whose_logged_line_is_damaged_stands_for_the_entry(
    tmp_path: Path, library: Any
) -> None:
    """/log rdl 3x8 70kg, /edit to 75 kg, a kill, line 1 (the /log) damaged: the edit holds the whole
    corrected entry, so the set is there as edited; the damaged line is kept; nothing is dropped."""
    data = tmp_path / "data"
    crash_after(data, EDITED)
    [(_, segment)] = list_segments(data / "journal")
    _damage_line(segment, 1)

    async with running(data, library) as chat:
        said = await text(chat("console:local"), "/history")
        assert DAMAGE_NOTICE in said and "#2 Romanian deadlift: 3 × 8 @ 75 kg" in said
    [kept] = quarantined(data)
    assert kept.startswith(f"journal-{segment.name}.line1.")


def test_an_incomplete_edit_whose_entry_is_missing_is_kept_beside_it(tmp_path: Path) -> None:
    from storage.journal import encode_record

    data = tmp_path / "data"
    crash_after(data, EDITED)
    [(_, segment)] = list_segments(data / "journal")
    _damage_line(segment, 1)
    lines = segment.read_bytes().split(b"\n")
    account, entry_id, row = json.loads(lines[1].partition(b" ")[2])
    del row["exercise"]  # a row with a good checksum but no exercise: not a whole entry
    lines[1] = encode_record(account, entry_id, row).rstrip(b"\n")
    segment.write_bytes(b"\n".join(lines))

    store = Store(data)
    try:
        assert [e.exercise for e in store.entries("console:local")] == ["hip_thrust"]
        assert [n.split(".log.")[1].split(".")[0] for n in quarantined(data)] == ["line1", "line2"]
    finally:
        store.close()


def test_a_torn_last_line_is_kept_in_quarantine_and_its_account_told(tmp_path: Path) -> None:
    from storage.journal import encode_record
    from storage.layout import ENTRY_ROWS
    from tests.entries import log_entry

    data = tmp_path / "data"
    crash_after(
        data, 'store.add_entry("console:local", entry(1))\nstore.add_entry("console:local", entry(2))'
    )
    [(_, segment)] = list_segments(data / "journal")
    row = ENTRY_ROWS.to_row(log_entry("hip_thrust", (3,), "2026-11-23T09:00:00+00:00", 80.0, "kg"))
    torn = encode_record("console:local", 3, row)[:-25]  # a kill mid-append: never acknowledged
    with segment.open("ab") as f:
        f.write(torn)

    store = Store(data)
    try:
        assert [e.sets[0].reps for e in store.entries("console:local")] == [1, 2]  # never applied
        [kept] = quarantined(data)
        assert kept == f"journal-torn-{segment.name}.line2.{quarantine.account_stem('console:local')}"
        assert (data / "quarantine" / kept).read_bytes() == torn + b"\n"
        assert store.take_damage_notice("console:local") == DAMAGE_NOTICE
    finally:
        store.close()


def test_restore_unverified_refuses_a_line_without_an_exercise(tmp_path: Path) -> None:
    from tests.test_console import run_console

    crash_after(tmp_path, 'for n in (1, 2, 3): store.add_entry("console:local", entry(n))')
    [(_, segment)] = list_segments(tmp_path / "journal")
    first, second = segment.read_bytes().splitlines(keepends=True)
    segment.write_bytes(first.replace(b'"exercise"', b'"exercisf"') + second)  # fails its checksum
    Store(tmp_path).close()
    [name] = quarantined(tmp_path)

    result = run_console(tmp_path, "", "quarantine", "restore", "--unverified", name)
    assert result.returncode == 1
    assert "not restored" in result.stderr and "exercise" in result.stderr
    assert quarantined(tmp_path) == [name]  # still waiting for the operator
    history = run_console(tmp_path, "/history\n")
    assert "#4" not in history.stdout and " : 3" not in history.stdout


def test_restore_of_set_aside_rows_says_what_it_skipped_and_keeps_the_file(tmp_path: Path) -> None:
    from tests.test_console import run_console

    crash_after(tmp_path, 'for n in (1, 2): store.add_entry("console:local", entry(n))\nstore.checkpoint()')
    edit_file(account_file(tmp_path, "console:local"), _reps_ten)
    store = Store(tmp_path)
    assert len(store.entries("console:local")) == 1  # the row is set aside when the file is read
    store.close()
    [name] = quarantined(tmp_path)
    result = run_console(tmp_path, "", "quarantine", "restore", name)
    assert result.returncode == 0, result.stderr
    assert "0 logged entries restored" in result.stdout and "1 entry skipped, unreadable" in result.stdout
    assert "reps 'ten'" in result.stdout
    assert quarantined(tmp_path) == [name]


# --- pending pushes (storage/pushes.py) ----------------------------------------------------------------


def _pushes_of(data: Path, *pushes: Any) -> Path:
    """Pending pushes written into their shard file (checkpointed); returns the shard of the first."""
    from storage.layout import shard_of
    from storage.pushes import PUSHES_DIR, PendingPushes

    pending = PendingPushes(data)
    for push in pushes:
        pending.put(push)
    pending.checkpoint()
    return data / PUSHES_DIR / f"{shard_of(pushes[0].account):02x}.json"


def _rest(account: str, due: str = "2026-11-30T17:05:00+00:00") -> Any:
    from storage.pushes import Push

    return Push(account, "rest", key="k", due=due, target=account, payload={"text": "Rest over"})


async def test_an_unreadable_push_row_is_set_aside_and_rest_works(tmp_path: Path, library: Any) -> None:
    data = tmp_path / "data"
    shard = _pushes_of(data, _rest(ALICE), _rest(BOB))
    edit_file(shard, lambda d: d["pushes"][f"{ALICE}|rest"].update(due="not-a-date"))

    async with running(data, library) as chat:
        said = await text(chat(ALICE), "/rest 90s")
        assert SORRY not in said and DAMAGE_NOTICE in said and "1:30" in said
        again = await text(chat(ALICE), "/rest 2m")
        assert SORRY not in again and DAMAGE_NOTICE not in again
        assert DAMAGE_NOTICE not in await text(chat(BOB), "/rest 90s")
    [kept] = quarantined(data)
    assert kept.startswith(f"pushes-{shard.name}.rows.") and kept.endswith(quarantine.account_stem(ALICE))
    assert "not-a-date" in (data / "quarantine" / kept).read_text()
    assert "not-a-date" not in shard.read_text()  # left out of the live shard (its copy waits)


async def test_an_unreadable_pushes_journal_line_is_set_aside_and_its_user_told(
    tmp_path: Path, library: Any
) -> None:
    from storage.journal import encode_record
    from storage.pushes import PUSHES_DIR

    data = tmp_path / "data"
    _pushes_of(data, _rest(BOB))
    folder = data / PUSHES_DIR / "journal"
    folder.mkdir(parents=True, exist_ok=True)
    row = {**_rest(ALICE).to_row(), "due": "not-a-date"}
    (folder / "0000000009.log").write_bytes(
        encode_record(ALICE, 0, {"t": "pushes", "k": f"{ALICE}|rest", "r": row})
    )

    async with running(data, library) as chat:
        said = await text(chat(ALICE), "/rest 90s")
        assert SORRY not in said and DAMAGE_NOTICE in said
    [kept] = quarantined(data)
    assert kept.startswith("pushes-journal-") and kept.endswith(quarantine.account_stem(ALICE))


async def test_the_users_a_damaged_pushes_shard_still_names_are_told(tmp_path: Path, library: Any) -> None:
    data = tmp_path / "data"
    shard = _pushes_of(data, _rest(ALICE))
    shard.write_bytes(shard.read_bytes()[:-30])  # cut short: does not decode
    async with running(data, library) as chat:
        said = await text(chat(ALICE), "/rest 90s")
        assert SORRY not in said and DAMAGE_NOTICE in said


def test_deleteme_removes_the_rows_set_aside_for_the_user(tmp_path: Path) -> None:
    """Rows of an account file and of a pushes shard set aside for console:local are named by its
    stem: `quarantine list` shows them and /deleteme leaves none of them."""
    from tests.test_console import run_console

    me = "console:local"
    assert "Logged" in run_console(tmp_path, "/log rdl 3x8 70kg\n/log hip thrust 3x10 80kg\n").stdout
    edit_file(account_file(tmp_path, me), _reps_ten)
    shard = _pushes_of(tmp_path, _rest(me))
    edit_file(shard, lambda d: d["pushes"][f"{me}|rest"].update(due="not-a-date"))
    told = run_console(tmp_path, "/history\n/rest 90s\n")
    assert told.stdout.count("set it aside") == 1 and "Sorry" not in told.stdout
    listed = run_console(tmp_path, "", "quarantine", "list")
    assert listed.stdout.count(quarantine.account_stem(me)) == 2, listed.stdout

    assert "all your data is deleted" in run_console(tmp_path, "/deleteme\n1\n").stdout
    assert quarantined(tmp_path) == []

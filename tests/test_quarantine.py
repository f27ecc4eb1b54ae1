"""Damaged files are set aside, the user is told, everyone else goes on; the operator restores them;
/deleteme leaves nothing of the user behind (issue 8, items 4 and 11). Real bot subprocesses, real files."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from content.library import Library
from core.settings import Settings
from domain.training import Entry
from storage.layout import account_file_name, account_path, links_path, shard_of, shard_path
from storage.models import Schedule
from storage.store import Store
from tests.conftest import Chat, Clock
from tests.entries import log_entry, reps_of
from tests.test_console import run_console as run_bot

ROOT = Path(__file__).resolve().parent.parent
ME = "console:local"  # the console chat's user
OTHER = "telegram:42"


@asynccontextmanager
async def running(data: Path, library: Library, clock: Clock) -> AsyncIterator[object]:
    from bot import build_app, start_app, stop_app

    app = build_app(Settings(data_dir=data), library=library)
    app.ctx.clock = clock
    await start_app(app)
    try:
        yield app
    finally:
        await stop_app(app)


def entry(n: int, weight: float = 80.0) -> Entry:
    return log_entry("hip_thrust", (n,), f"2026-11-23T09:00:{n:02d}+00:00", weight, "kg")


CHILD = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from storage.models import Schedule
from tests.entries import log_entry, reps_of, weight_of
from storage.store import Store

def entry(n):
    return log_entry("hip_thrust", (n,), f"2026-11-23T09:00:{{n:02d}}+00:00", 80.0, "kg")

store = Store(Path({data!r}), idle_checkpoint_seconds=60)
{body}
store.sync()
os.kill(os.getpid(), signal.SIGKILL)
"""


def crash_after(data: Path, body: str) -> None:
    """Run ``body`` on a store in a child process, then SIGKILL it (journal lines left waiting)."""
    code = CHILD.format(root=str(ROOT), data=str(data), body=body)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == -9, proc.stderr


def quarantined(data: Path) -> list[str]:
    folder = data / "quarantine"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_empty_account_file_is_damage_the_user_is_told_and_new_sets_kept(tmp_path: Path) -> None:
    first = run_bot(tmp_path, "/log hip thrust 3x10 80kg\n")
    assert "Logged" in first.stdout
    account_path(tmp_path, ME).write_bytes(b"")  # a 0-byte file: cut short, not an empty account
    result = run_bot(tmp_path, "/log hip thrust 3x10 90kg\n/history\n")
    assert result.returncode == 0, result.stderr
    assert "set it aside for the operator" in result.stdout and "New sets you log are kept" in result.stdout
    assert "Logged" in result.stdout
    assert result.stdout.count("set it aside") == 1  # told once
    [name] = quarantined(tmp_path)
    assert name.startswith(f"accounts-{account_file_name(ME)}.")
    # The log names the file by its time, its user by a tag (storage/logtags.py): never who it was.
    stamp = name.removeprefix(f"accounts-{account_file_name(ME)}.")
    log = (tmp_path / "coach.log").read_text()
    assert re.search(rf"/accounts-user#[0-9a-f]{{8}}\.json\.{stamp}\b", log), log
    assert account_file_name(ME) not in log


def test_garbage_in_a_schedule_shard_or_links_file_does_not_stop_start_up(tmp_path: Path) -> None:
    setup = run_bot(tmp_path, "/remind mon,wed 18:00\n/log hip thrust 3x10 80kg\n")
    assert setup.returncode == 0, setup.stderr
    shard_path(tmp_path, shard_of(ME)).write_text('{"schedules": {"1": {"acc')
    links_path(tmp_path).write_text("\x00\x00garbage")
    result = run_bot(tmp_path, "/log hip thrust 3x10 85kg\n/history\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Logged" in result.stdout and "85" in result.stdout
    names = quarantined(tmp_path)
    assert any(n.startswith(f"schedules-{shard_of(ME):02x}.json.") for n in names), names
    assert any(n.startswith("links.json.") for n in names), names
    log = (tmp_path / "coach.log").read_text()
    assert all(n in log for n in names)


def test_truncated_account_with_journal_lines_waiting_keeps_them_and_restore_merges(tmp_path: Path) -> None:
    crash_after(
        tmp_path,
        f"for n in range(1, 6): store.add_entry({ME!r}, entry(n))\n"
        f"store.add_entry({OTHER!r}, entry(1))\n"
        "store.checkpoint()  # sets 1-5 in the account file\n"
        f"for n in (6, 7): store.add_entry({ME!r}, entry(n))  # journal lines only",
    )
    # the account file loses its end
    path = account_path(tmp_path, ME)
    raw = path.read_bytes()
    cut = raw.index(b'"4":')
    path.write_bytes(raw[:cut])

    again = Store(tmp_path)  # start-up goes on
    assert [reps_of(e) for e in again.entries(ME)] == [(6,), (7,)]  # the waiting lines are not lost
    assert "set it aside for the operator" in (again.take_damage_notice(ME) or "")
    assert [reps_of(e) for e in again.entries(OTHER)] == [(1,)]  # everyone else as before
    assert again.take_damage_notice(OTHER) is None
    again.close()
    [name] = quarantined(tmp_path)
    assert (tmp_path / "quarantine" / name).read_bytes() == raw[:cut]  # moved as it was

    later = Store(tmp_path)  # a restart before the operator restored it: told once is enough (n4)
    assert later.take_damage_notice(ME) is None
    later.close()

    listing = run_bot(tmp_path, "", "quarantine", "list")
    assert listing.returncode == 0 and name in listing.stdout and "waiting" in listing.stdout
    restored = run_bot(tmp_path, "", "quarantine", "restore", name)
    assert restored.returncode == 0, restored.stderr
    assert "3 logged entries restored" in restored.stdout
    store = Store(tmp_path)
    assert sorted(reps_of(e) for e in store.entries(ME)) == [(1,), (2,), (3,), (6,), (7,)]
    assert store.take_damage_notice(ME) is None  # restored: nothing to tell any more
    store.close()
    twice = run_bot(tmp_path, "", "quarantine", "restore", name)
    assert twice.returncode == 1 and "restored already" in twice.stderr
    assert quarantined(tmp_path) == [f"{name}.restored"]


def test_a_journal_line_failing_its_checksum_is_restored_only_when_asked(tmp_path: Path) -> None:
    crash_after(tmp_path, f"for n in (1, 2, 3): store.add_entry({ME!r}, entry(n))")
    segment = next((tmp_path / "journal").iterdir())
    first, second = segment.read_bytes().splitlines(keepends=True)
    segment.write_bytes(b"0" + first[1:] + second)  # the checksum of line 1 is damaged
    again = Store(tmp_path)
    assert [reps_of(e) for e in again.entries(ME)] == [(1,), (3,)]
    again.close()
    [name] = quarantined(tmp_path)

    refused = run_bot(tmp_path, "", "quarantine", "restore", name)
    assert refused.returncode == 1
    # which line, that it is unverified, what it claims, and how to restore it anyway
    assert name in refused.stderr and "unverified" in refused.stderr
    assert "account='console:local'" in refused.stderr and "sets=[{'reps': 2," in refused.stderr
    assert "--unverified" in refused.stderr
    store = Store(tmp_path)
    assert sorted(reps_of(e) for e in store.entries(ME)) == [(1,), (3,)]  # nothing restored
    store.close()

    helped = run_bot(tmp_path, "", "quarantine", "restore", "--help")
    assert "--unverified" in helped.stdout and "checksum" in helped.stdout

    result = run_bot(tmp_path, "", "quarantine", "restore", "--unverified", name)
    assert result.returncode == 0, result.stderr
    assert "1 logged entry restored" in result.stdout
    store = Store(tmp_path)
    assert sorted(reps_of(e) for e in store.entries(ME)) == [(1,), (2,), (3,)]
    store.close()


def test_an_unverified_line_never_creates_an_account(tmp_path: Path) -> None:
    crash_after(tmp_path, f"for n in (1, 2, 3): store.add_entry({ME!r}, entry(n))")
    segment = next((tmp_path / "journal").iterdir())
    first, second = segment.read_bytes().splitlines(keepends=True)
    # one character of the account key changes: the line still parses but fails its checksum
    segment.write_bytes(first.replace(b"console:local", b"console:locak") + second)
    Store(tmp_path).close()
    [name] = quarantined(tmp_path)
    result = run_bot(tmp_path, "", "quarantine", "restore", "--unverified", name)
    assert result.returncode == 1
    assert "console:locak" in result.stderr and "no account" in result.stderr
    assert not account_path(tmp_path, "console:locak").exists()
    assert quarantined(tmp_path) == [name]  # still waiting for the operator


def test_deleteme_leaves_no_file_naming_or_holding_the_user(tmp_path: Path) -> None:
    setup = run_bot(
        tmp_path,
        "/log hip thrust 3x10 80kg\n/log hip thrust 3x10 85kg\n/progress hip thrust\n/export\n"
        "/remind mon,wed 18:00\n",
    )
    saved = [Path(p) for p in re.findall(r"\[(?:image|file) saved: ([^\]]+)\]", setup.stdout)]
    assert len(saved) == 2 and all(p.exists() for p in saved)
    # an earlier damaged file of theirs sits in quarantine
    account_path(tmp_path, ME).write_text('{"_meta": {"1": {"account": "console:local", "sch')
    again = run_bot(tmp_path, "/log hip thrust 3x10 90kg\n")
    assert "set it aside" in again.stdout and quarantined(tmp_path)
    # someone else's data stays
    other = Store(tmp_path)
    other.add_entry(OTHER, entry(1))
    other.close()

    result = run_bot(tmp_path, "/deleteme\n1\n")
    assert "all your data is deleted" in result.stdout

    stem = account_file_name(ME).removesuffix(".json")
    left = []
    for path in tmp_path.rglob("*"):
        if path.name == "coach.log" or not path.is_file():
            continue  # the operator's log, not the user's data
        text = path.read_bytes()
        if stem in str(path) or b"console:local" in text or b"console_local" in text:
            left.append(str(path.relative_to(tmp_path)))
    assert not left, left
    assert not quarantined(tmp_path)
    assert not any(p.exists() for p in saved)
    store = Store(tmp_path)
    assert store.entries(ME) == [] and len(store.entries(OTHER)) == 1
    assert json.loads(account_path(tmp_path, OTHER).read_text())["_meta"]["1"]["account"] == OTHER
    store.close()


async def told(app: object, user: str, line: str = "/explain hip thrust") -> list[str]:
    replies = await Chat(app, user=user, chat=user.partition(":")[2], platform="telegram").say(line)
    return [r.text for r in replies]


async def test_users_of_a_damaged_shard_and_everyone_after_damaged_links_are_told_once(
    tmp_path: Path, library: Library, clock: Clock
) -> None:
    owner, same_shard, elsewhere = "telegram:5", "telegram:276", "telegram:7"
    assert shard_of(owner) == shard_of(same_shard) != shard_of(elsewhere)
    store = Store(tmp_path)
    store.add_schedule(Schedule(account=owner, target=owner, days=(0,), time="18:00", timezone="UTC"))
    store.close()
    shard_path(tmp_path, shard_of(owner)).write_text('{"schedules": {"1": {"acc')

    async with running(tmp_path, library, clock) as app:  # the shard is set aside while starting
        first, second = await told(app, same_shard), await told(app, same_shard)
        assert "reminder schedules may have been set aside" in first[0] and "/remind" in first[0]
        assert not any("set aside" in t for t in second)  # once
        assert not any("set aside" in t for t in await told(app, elsewhere))  # another shard: nothing

    links_path(tmp_path).write_text("\x00garbage")
    async with running(tmp_path, library, clock) as app:  # a restart: known from the folder's names
        [notice, *_] = await told(app, owner)
        assert "reminder schedules may have been set aside" in notice
        assert "account links could not be read" in notice  # links: everyone, once
        [other, *_] = await told(app, elsewhere)
        assert "account links could not be read" in other and "reminder schedules" not in other
        assert not any("set aside" in t for t in await told(app, elsewhere))


async def test_restored_sets_keep_their_date_and_history_and_plan_follow_it(
    tmp_path: Path, library: Library, clock: Clock
) -> None:
    user = "console:alice"
    chat_of = lambda app: Chat(app)  # noqa: E731
    async with running(tmp_path, library, clock) as app:
        await chat_of(app).say("/log hip thrust 3x10 80kg")
        clock.now += timedelta(days=2)
        await chat_of(app).say("/log hip thrust 3x10 85kg")
    path = account_path(tmp_path, user)
    path.write_bytes(path.read_bytes()[:-1])  # the file is cut short: set aside when next opened
    clock.now += timedelta(days=2)
    async with running(tmp_path, library, clock) as app:
        logged = await chat_of(app).text("/log hip thrust 3x10 100kg")
        assert "set it aside" in logged
    [name] = quarantined(tmp_path)
    restored = await asyncio.to_thread(run_bot, tmp_path, "", "quarantine", "restore", name)
    assert restored.returncode == 0, restored.stderr

    clock.now += timedelta(days=1)
    async with running(tmp_path, library, clock) as app:
        history = await chat_of(app).text("/history")
        rows = [line for line in history.splitlines() if "Hip thrust" in line]
        assert ["100" in rows[0], "85" in rows[1], "80" in rows[2]] == [True, True, True], rows
        # sessions newest first, each under its local date
        assert (
            history.index("Fri 27 Nov")
            < history.index(rows[0])
            < history.index("Mon 23 Nov")
            < history.index(rows[2])
        )
        plan = await chat_of(app).text("/plan")
        assert "100 kg" in plan and "85 kg" not in plan, plan


def test_list_runs_while_the_bot_runs_and_restore_waits_for_it_to_stop(tmp_path: Path) -> None:
    from tests.test_durability import Console

    links_path(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    links_path(tmp_path).write_text("\x00garbage")
    bot = Console(tmp_path)
    try:
        bot.say("/log hip thrust 3x10 80kg", "Logged")  # running, holding the data folder
        [name] = quarantined(tmp_path)
        listing = run_bot(tmp_path, "", "quarantine", "list")
        assert listing.returncode == 0, listing.stderr
        assert name in listing.stdout and "waiting" in listing.stdout
        restore = run_bot(tmp_path, "", "quarantine", "restore", name)
        assert restore.returncode == 2 and "in use by process" in restore.stderr
    finally:
        assert bot.finish() == 0
    assert quarantined(tmp_path) == [name]  # nothing was restored while it ran

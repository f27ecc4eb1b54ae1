"""Nightly snapshots while the bot serves, and restores that never bring a deleted user back (issue 14,
"Backups"). Real stores on real files, real bot subprocesses."""

from __future__ import annotations

import asyncio
import json
import shutil
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from tzlocal import get_localzone

from core.settings import Settings, SettingsError
from domain.training import Entry
from handlers.reminder_texts import ReminderTexts
from reminders.service import ReminderService
from storage import backup, deletions
from storage.actions import PendingActions, Spec
from storage.journal import JOURNAL_DIR, list_segments
from storage.layout import account_path
from storage.models import Profile, Schedule
from storage.store import Store
from tests.conftest import Chat
from tests.entries import log_entry, weight_of
from tests.test_durability import Console
from tests.test_quarantine import run_bot

T0 = datetime(2026, 11, 23, 3, 30, tzinfo=UTC)


def entry(n: int) -> Entry:
    return log_entry(
        "hip_thrust", (10,), f"2026-11-23T09:{n // 60 % 60:02d}:{n % 60:02d}+00:00", 80.0 + n, "kg"
    )


def logged(store: Store, account: str) -> set[float]:
    return {weight_of(e) for e in store.entries(account)}


async def test_snapshot_while_ten_users_log_keeps_every_set_acknowledged_before_it(tmp_path: Path) -> None:
    data, backups = tmp_path / "data", tmp_path / "data" / "backups"
    # Checkpoints as often as the writer idles: journal lines move into account files and segments
    # are deleted while the snapshot runs, which a snapshot not frozen in one instant would tear.
    store = Store(data, idle_checkpoint_seconds=0.002)
    users = [f"telegram:{n}" for n in range(10)]
    acked: dict[str, list[float]] = {u: [] for u in users}
    stop, enough = asyncio.Event(), asyncio.Event()

    async def lifter(user: str) -> None:
        n = 0
        while not stop.is_set() or n < 5:
            added = store.add_entry(user, entry(n))
            await store.flush()  # what the user is told "Logged" after
            acked[user].append(weight_of(added))
            if sum(map(len, acked.values())) >= 300:
                enough.set()
            n += 1
            await asyncio.sleep(0)

    tasks = [asyncio.create_task(lifter(u)) for u in users]
    await enough.wait()
    before = {u: list(w) for u, w in acked.items()}  # acknowledged before the snapshot began
    taking = asyncio.create_task(asyncio.to_thread(backup.take, store, backups, keep=7, now=T0))
    await asyncio.wait({taking})  # the lifters go on logging while it runs
    stop.set()
    await asyncio.gather(*tasks)
    snap = await taking
    after = {u: list(w) for u, w in acked.items()}
    store.close()
    assert sum(map(len, after.values())) > sum(map(len, before.values()))  # logging went on

    fresh = tmp_path / "fresh"
    done = backup.restore(fresh, snap.path, backup_dir=fresh / "backups", now=T0 + timedelta(hours=1))
    assert done.taken_at == T0 and done.deleted_again == 0
    restored = Store(fresh)
    try:
        for user in users:
            have = logged(restored, user)
            assert set(before[user]) <= have, user  # nothing acknowledged before it is missing
            assert have <= set(after[user])  # and nothing that was never acknowledged
            ids = [e.id for e in restored.entries(user)]
            assert ids == list(range(1, len(ids) + 1))  # a prefix of the log: one instant, no holes
    finally:
        restored.close()


def test_a_copy_made_while_frozen_holds_every_acknowledged_set_and_writes_wait(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data, idle_checkpoint_seconds=3600)  # no checkpoint on its own during the test
    for n in range(5):
        store.add_entry("telegram:1", entry(n))  # after the first: journal lines, not file writes
    store.sync()
    wrote = threading.Event()

    def writer() -> None:
        store.add_entry("telegram:1", entry(99))
        wrote.set()

    try:
        with store.frozen() as folder:
            assert list_segments(folder / JOURNAL_DIR)  # the lines wait in the journal ...
            shutil.copytree(folder, tmp_path / "copy", ignore=shutil.ignore_patterns("coach.lock"))
            other = threading.Thread(target=writer)
            other.start()
            assert not wrote.wait(0.2)  # a write waits for the freeze to end
        assert wrote.wait(30)
        other.join()
    finally:
        store.close()
    copy = Store(tmp_path / "copy")
    try:
        assert len(copy.entries("telegram:1")) == 5  # ... and a copy made in the freeze holds them
    finally:
        copy.close()


def fill(data: Path) -> None:
    store = Store(data)
    try:
        for user in ("telegram:1", "telegram:2", "discord:3"):
            store.save_profile(Profile(account=user, timezone="Europe/Amsterdam"))
            for n in range(3):
                store.add_entry(user, entry(n))
            store.add_schedule(
                Schedule(account=user, target=f"{user}:chat", days=(0, 2), time="18:00", timezone="UTC")
            )
        store.link("discord:3", "telegram:2")  # one person on two platforms
    finally:
        store.close()


def test_deleteme_after_the_snapshot_is_applied_again_by_restore(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill(data)
    buttons = PendingActions(data)
    kwargs = {"target": "telegram:2", "private": True, "now": T0}
    [theirs] = buttons.issue([Spec("/undo", 3600 * 24 * 30)], account="telegram:2", **kwargs)
    [mine] = buttons.issue([Spec("/undo", 3600 * 24 * 30)], account="telegram:1", **kwargs)
    store = Store(data)
    snap = backup.take(store, data / "backups", keep=7, now=T0)
    store.close()
    later = Store(data, clock=lambda: T0 + timedelta(hours=5))
    later.delete_account("telegram:2")  # /deleteme by the Telegram+Discord person, after the snapshot
    later.add_entry("telegram:1", entry(9))  # a set after the snapshot: restoring goes back before it
    later.close()
    live_list = deletions.path_of(data).read_bytes()

    result = run_bot(data, "", "restore", snap.path.name)  # the bot is stopped
    assert result.returncode == 0, result.stderr
    assert "Deleted again: 1 account(s)" in result.stdout and "pre-restore-" in result.stdout

    store = Store(data)
    try:
        for gone in ("telegram:2", "discord:3"):
            assert (
                store.account_of(gone) == gone and store.entries(gone) == [] and store.schedules(gone) == []
            )
            assert store.entries(gone) == [] and store.schedules(gone) == []
        assert not account_path(data, "telegram:2").exists()
        assert len(store.entries("telegram:1")) == 3 and len(store.schedules("telegram:1")) == 1
    finally:
        store.close()
    after = PendingActions(data)
    assert after.get(theirs) is None and after.get(mine) is not None  # their buttons went too
    assert deletions.path_of(data).read_bytes() == live_list  # the live list, with its times, stays
    [aside] = (data / "backups").glob("pre-restore-*")  # the data it replaced, not deleted
    old = Store(aside)
    try:
        assert len(old.entries("telegram:1")) == 4
    finally:
        old.close()


def test_restore_onto_a_new_machine_uses_the_deletion_list_kept_beside_the_snapshots(tmp_path: Path) -> None:
    data, offsite = tmp_path / "data", tmp_path / "offsite"
    fill(data)
    store = Store(data, clock=lambda: T0 + timedelta(hours=5))
    first = backup.take(store, data / "backups", keep=7, now=T0)
    store.delete_account("telegram:1")  # after the first snapshot
    backup.take(store, data / "backups", keep=7, now=T0 + timedelta(days=1))
    store.close()
    shutil.copytree(data / "backups", offsite)  # what an operator copies off the machine
    fresh = tmp_path / "new-machine"  # the data folder, and its deletion list, are gone
    done = backup.restore(fresh, offsite / first.path.name, backup_dir=offsite, now=T0 + timedelta(days=2))
    assert done.deleted_again == 1
    store = Store(fresh)
    try:
        assert store.entries("telegram:1") == [] and store.schedules("telegram:1") == []
        assert len(store.entries(store.account_of("discord:3"))) == 6  # telegram:2 and its link stay
    finally:
        store.close()


def test_a_user_deleted_before_the_snapshot_who_came_back_is_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data, clock=lambda: T0 - timedelta(days=1))
    store.add_entry("telegram:5", entry(1))
    store.delete_account("telegram:5")
    store.add_entry("telegram:5", entry(2))  # came back: a fresh account
    snap = backup.take(store, data / "backups", keep=7, now=T0)
    store.close()
    done = backup.restore(data, snap.path, backup_dir=data / "backups", now=T0 + timedelta(hours=1))
    assert done.deleted_again == 0
    store = Store(data)
    try:
        assert logged(store, "telegram:5") == {weight_of(entry(2))}
    finally:
        store.close()


def test_restore_refuses_while_the_bot_runs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill(data)
    store = Store(data)
    snap = backup.take(store, data / "backups", keep=7, now=T0)
    store.close()
    bot = Console(data)
    try:
        bot.say("/log hip thrust 3x10 80kg", "Logged")  # running, holding the data folder
        result = run_bot(data, "", "restore", snap.path.name)
        assert result.returncode == 2
        assert result.stderr.startswith("Not restored:") and "in use by process" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    finally:
        assert bot.finish() == 0
    assert list((data / "backups").glob("pre-restore-*")) == []  # nothing was moved
    unknown = run_bot(data, "", "restore", "20200101T000000Z")
    assert unknown.returncode == 1 and "no snapshot '20200101T000000Z'" in unknown.stderr
    assert list((data / "backups").glob("pre-restore-*")) == []


def test_rotation_keeps_the_newest_seven_and_a_pre_restore_folder_up_to_seven_days(tmp_path: Path) -> None:
    """(tester 2) Was: a pre-restore folder was never removed, so a user who ran /deleteme after the
    restore stayed in it for good; now it goes once BACKUP_KEEP days old, as /deleteme promises."""
    data, backups = tmp_path / "data", tmp_path / "elsewhere"
    fill(data)
    young = backups / f"pre-restore-{backup.name_of(T0 - timedelta(days=1))}"
    young.mkdir(parents=True)
    (backups / "pre-restore-by-hand").mkdir()  # not a name restore makes: left alone
    store = Store(data)
    try:
        taken = []
        for d in range(9):
            taken.append(backup.take(store, backups, keep=7, now=T0 + timedelta(days=d)).path)
            assert young.is_dir() == (d < 6), d  # 7 days old at the snapshot of T0 + 6 days
    finally:
        store.close()
    assert backup.snapshots(backups) == taken[2:]
    assert (backups / "pre-restore-by-hand").is_dir()
    newest = taken[-1]
    assert (
        json.loads((newest / backup.MANIFEST).read_text())["taken_at"] == (T0 + timedelta(days=8)).isoformat()
    )
    # the lock, the deletion list and the backups themselves are not in a snapshot
    assert not (newest / "coach.lock").exists() and not (newest / deletions.FILE_NAME).exists()


def test_a_snapshot_stays_as_it_was_when_the_live_files_change(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill(data)
    store = Store(data)
    try:
        snap = backup.take(store, data / "backups", keep=7, now=T0)
        store.save_profile(Profile(account="telegram:1", timezone="Asia/Tokyo"))  # replaces the file
        store.sync()
    finally:
        store.close()
    held = Store(snap.path)
    try:
        assert held.profile("telegram:1").timezone == "Europe/Amsterdam"
    finally:
        held.close()


async def test_nightly_job_is_on_the_scheduler_at_backup_at_local_time_and_writes_a_snapshot(
    tmp_path: Path, library
) -> None:
    from bot import build_app, nightly_backup, start_app, stop_app

    settings = Settings(data_dir=tmp_path / "data", backup_keep=3, backup_at=(2, 15))
    app = build_app(settings, library=library, clock=lambda: T0)
    scheduler = AsyncIOScheduler(timezone=UTC)  # the test's own, to read the job back
    app.reminders = ReminderService(
        app.store, ReminderTexts(app.store, library), app.router, clock=lambda: T0, scheduler=scheduler
    )
    await start_app(app)
    try:
        job = scheduler.get_job("nightly-backup")
        assert job is not None
        assert scheduler.get_job("expire-backups") is not None  # hourly, /deleteme's promise
        fields = {f.name: str(f) for f in job.trigger.fields}
        assert (fields["hour"], fields["minute"]) == ("2", "15")
        assert str(job.trigger.timezone) == str(get_localzone())  # the server's clock, not UTC
        await Chat(app).say("/log hip thrust 3x10 80kg")
        job.modify(next_run_time=datetime.now(UTC))  # the scheduler runs it now, as it will at 02:15
        for _ in range(600):
            if backup.snapshots(settings.backups_path):
                break
            await asyncio.sleep(0.05)
        [path] = backup.snapshots(settings.backups_path)
        assert await nightly_backup(app) is None  # a second one in the same second: logged, not raised
    finally:
        await stop_app(app)
    assert path == settings.backups_path / "20261123T033000Z"
    held = Store(path)
    try:
        assert len(held.entries("console:alice")) == 1
    finally:
        held.close()


def test_backup_settings_are_validated(monkeypatch) -> None:
    for name, value in (("BACKUP_AT", "25:00"), ("BACKUP_AT", "3.30"), ("BACKUP_KEEP", "0")):
        monkeypatch.setenv(name, value)
        try:
            Settings.from_env(None)
        except SettingsError as exc:
            assert name in str(exc)
        else:
            raise AssertionError(f"{name}={value} accepted")
        monkeypatch.delenv(name)
    monkeypatch.setenv("BACKUP_AT", "off")
    monkeypatch.setenv("BACKUP_DIR", "/srv/coach-backups")
    settings = Settings.from_env(None)
    assert settings.backup_at is None and settings.backups_path == Path("/srv/coach-backups")
    assert Settings().backup_at == (3, 30) and Settings().backup_keep == 7


async def test_deleteme_says_how_long_backups_keep_a_copy(chat: Chat) -> None:
    [ask] = await chat.say("/deleteme")
    assert "Backups keep a copy for up to 7 days" in ask.text
    [done] = await chat.press(ask, "Yes, delete everything")
    assert "all your data is deleted" in done.text and "Backups keep a copy for up to 7 days" in done.text

"""BACKUP_KEEP is days, as /deleteme promises ("Backups keep a copy for up to 7 days"): a snapshot
goes once that old, by the time it was taken, even when no new snapshot comes; at most BACKUP_KEEP
stay. Before, rotation kept the newest 7 snapshots whatever their age, so after nights the bot was down
a deleted user's data outlived the promise (on 3 Dec the snapshot of 24 Nov was still there). Only
folders the bot wrote are ever removed. Real stores on real files; the clock is the test's."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from storage import backup
from storage.store import Store
from tests.conftest import Chat, Clock
from tests.test_backup import T0, fill


def names(backups: Path) -> list[str]:
    return [p.name for p in backup.snapshots(backups)]


def test_after_nights_the_bot_was_down_no_snapshot_is_older_than_backup_keep_days(tmp_path: Path) -> None:
    data, backups = tmp_path / "data", tmp_path / "backups"
    fill(data)
    store = Store(data)
    try:
        for day in (0, 1, 2, 3, 7, 8, 9, 10):  # down the nights of days 4-6
            backup.take(store, backups, keep=7, now=T0 + timedelta(days=day))
    finally:
        store.close()
    # Day 3's is 7 days old at day 10's snapshot: gone with it. (Was: days 1, 2, 3 kept too.)
    assert names(backups) == [backup.name_of(T0 + timedelta(days=d)) for d in (7, 8, 9, 10)]


def test_extra_snapshots_keep_the_count_bound(tmp_path: Path) -> None:
    data, backups = tmp_path / "data", tmp_path / "backups"
    fill(data)
    store = Store(data)
    try:
        taken = [backup.take(store, backups, keep=3, now=T0 + timedelta(hours=h)).path for h in range(5)]
    finally:
        store.close()
    assert backup.snapshots(backups) == taken[2:]


async def test_a_deleted_user_is_gone_from_the_snapshots_by_backup_keep_days(
    chat: Chat, app, clock: Clock
) -> None:
    """The hourly check removes the snapshot that held the user although no new snapshot came (as with
    BACKUP_AT=off): 7 days after the snapshot, so within 7 days of the /deleteme."""
    from bot import expire_backups, nightly_backup

    await chat.say("/log hip thrust 3x10 80kg")
    taken = clock.now
    snap = await nightly_backup(app)
    assert snap is not None
    held = Store(snap)
    try:
        assert len(held.entries("console:alice")) == 1  # the user is in the snapshot
    finally:
        held.close()
    clock.now = taken + timedelta(minutes=5)
    [ask] = await chat.say("/deleteme")
    [done] = await chat.press(ask, "Yes, delete everything")
    assert "Backups keep a copy for up to 7 days, then it is gone from them too." in done.text

    clock.now = taken + timedelta(days=6, hours=22)
    assert await expire_backups(app) == []  # not early
    assert snap.is_dir()
    clock.now = taken + timedelta(days=7) - timedelta(minutes=15)  # the hourly check at :45
    assert await expire_backups(app) == [snap]
    assert not snap.exists() and backup.snapshots(app.settings.backups_path) == []


def test_rotation_removes_only_whole_snapshots_the_bot_wrote(tmp_path: Path) -> None:
    data, backups = tmp_path / "data", tmp_path / "backups"
    fill(data)
    store = Store(data)
    try:
        old = backup.take(store, backups, keep=7, now=T0).path
    finally:
        store.close()
    # A snapshot's name but no manifest (not the bot's), a link named like a snapshot to one elsewhere,
    # and the operator's own file and folder: all older than 7 days, all left as they are.
    no_manifest = backups / backup.name_of(T0 - timedelta(days=30))
    no_manifest.mkdir()
    (no_manifest / "notes.txt").write_text("mine")
    elsewhere = tmp_path / "kept-by-hand" / "20261101T033000Z"
    elsewhere.mkdir(parents=True)
    manifest = {"version": 1, "taken_at": (T0 - timedelta(days=22)).isoformat()}
    (elsewhere / backup.MANIFEST).write_text(json.dumps(manifest))
    link = backups / elsewhere.name
    link.symlink_to(elsewhere, target_is_directory=True)
    (backups / "README.txt").write_text("copied off-site weekly")
    (backups / "by-hand").mkdir()

    gone = backup.expire(backups, 7, T0 + timedelta(days=8))
    assert gone == [old] and not old.exists()
    assert (no_manifest / "notes.txt").read_text() == "mine"
    assert link.is_symlink() and (elsewhere / backup.MANIFEST).is_file()
    assert (backups / "README.txt").is_file() and (backups / "by-hand").is_dir()

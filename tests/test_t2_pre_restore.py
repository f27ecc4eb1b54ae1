"""The data `bot.py restore` moves aside (BACKUP_DIR/pre-restore-<time>/) expires like the snapshots
(tester 2, item 3): /deleteme tells users that backups keep a copy for up to BACKUP_KEEP days, and a
pre-restore folder kept for good held them forever. Real files, the real restore tool and the real bot
start as subprocesses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage import backup
from storage.store import Store
from tests.test_console import run_console as run_bot
from tests.test_console import seeded_console


def restored(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder restored from its snapshot by `bot.py restore`, and the folder it moved aside."""
    data = seeded_console(tmp_path, "/log hip thrust 3x10 80kg\n")
    store = Store(data)
    try:
        snap = backup.take(
            store, backup.default_dir(data), keep=7, now=datetime.now(UTC) - timedelta(hours=1)
        )
    finally:
        store.close()
    result = run_bot(data, "", "restore", snap.path.name)
    assert result.returncode == 0, result.stderr
    assert "It is removed after 7 day(s) (BACKUP_KEEP), as /deleteme tells users" in result.stdout
    [aside] = backup.default_dir(data).glob("pre-restore-*")
    return data, aside


def test_a_pre_restore_folder_goes_at_the_start_once_backup_keep_days_old(tmp_path: Path) -> None:
    data, aside = restored(tmp_path)
    result = run_bot(data, "/deleteme\n1\n")
    assert result.returncode == 0 and "Backups keep a copy for up to 7 days" in result.stdout, result.stderr
    assert aside.is_dir()  # the restore just made it: kept
    # Seven days on (the folder's name is its time; the bot's clock is the real one).
    week_old = aside.with_name(f"pre-restore-{backup.name_of(datetime.now(UTC) - timedelta(days=7))}")
    aside.rename(week_old)
    result = run_bot(data, "/history\n")
    assert result.returncode == 0, result.stderr
    assert not week_old.exists()
    assert backup.snapshots(backup.default_dir(data))  # the snapshots keep their own rotation


def test_backup_keep_sets_how_long_and_backup_at_off_does_not_keep_it_longer(tmp_path: Path) -> None:
    data, aside = restored(tmp_path)
    three_days = aside.with_name(f"pre-restore-{backup.name_of(datetime.now(UTC) - timedelta(days=3))}")
    aside.rename(three_days)
    result = run_bot(data, "/deleteme\n1\n", env_extra={"BACKUP_KEEP": "3", "BACKUP_AT": "off"})
    assert result.returncode == 0 and "Backups keep a copy for up to 3 days" in result.stdout, result.stderr
    assert not three_days.exists()

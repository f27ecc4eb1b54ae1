"""Symlinks planted in the data folder where the bot reads a file at start or on a command (n4, item
3): the pending pushes shards, the pending actions (buttons) shards, the note of a deletion under way
and the deletion list are read with O_NOFOLLOW, never through a link: a link to a FIFO hung the start
or the command; a link to a file outside was read. The link is set aside (or the command refused),
the target untouched. Real files in tmp dirs, the real bot as a subprocess."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from storage import backup, quarantine
from storage.layout import account_path, outbox_path, shard_of
from storage.store import Store
from tests.conftest import Chat
from tests.entries import log_entry
from tests.test_console import run_console as run_bot
from tests.test_console import seeded_console

ME = "console:local"  # the console chat's user
IMPORTS = Path(__file__).parent / "fixtures" / "import"


def seeded(tmp_path: Path) -> Path:
    return seeded_console(tmp_path, "/log hip thrust 3x10 80kg\n/remind tomorrow 6:30pm\n/deleteme\n2\n")


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo"
    os.mkfifo(path)  # reading it waits for a writer that never comes
    return path


def plant(path: Path, target: Path) -> None:
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


def links_set_aside(data: Path) -> list[str]:
    return [q.link or "" for q in quarantine.list_files(data) if q.kind == quarantine.SYMLINK]


def test_a_pushes_shard_that_is_a_link_is_set_aside_and_the_bot_goes_on(tmp_path: Path) -> None:
    data, target = seeded(tmp_path), fifo(tmp_path)
    plant(data / "pushes" / f"{shard_of(ME):02x}.json", target)
    result = run_bot(data, "/reminders\n/log hip thrust 3x10 85kg\n")  # (a hang times out)
    assert result.returncode == 0, result.stderr
    assert "Logged" in result.stdout
    assert links_set_aside(data) == [str(target)]


def test_a_deletion_note_that_is_a_link_is_set_aside_and_the_start_goes_on(tmp_path: Path) -> None:
    data, target = seeded(tmp_path), fifo(tmp_path)
    plant(data / "deletion-under-way.json", target)
    result = run_bot(data, "/log hip thrust 3x10 85kg\n")
    assert result.returncode == 0 and "Logged" in result.stdout, result.stderr
    assert links_set_aside(data) == [str(target)]


def test_actions_shards_that_are_links_are_set_aside_and_deleteme_goes_on(tmp_path: Path) -> None:
    data, target = seeded(tmp_path), fifo(tmp_path)
    shards = sorted(data.glob("actions-*.json"))  # pending buttons: /deleteme reads every shard
    assert shards
    for shard in shards:
        plant(shard, target)
    result = run_bot(data, "/deleteme\n1\n")
    assert result.returncode == 0, result.stderr
    assert "all your data is deleted" in result.stdout
    assert links_set_aside(data) == [str(target)] * len(shards)
    assert not any(shard.is_symlink() for shard in shards)


def test_a_deletion_list_that_is_a_link_stops_the_start_not_hung(tmp_path: Path) -> None:
    """(tester 2) Was: the bot started and refused every /deleteme. A deletion list that cannot be read
    now stops the start in one line (tests/test_t2_deletion_list.py), the link not followed."""
    data, target = seeded(tmp_path), fifo(tmp_path)
    plant(data / "deleted-accounts.json", target)
    result = run_bot(data, "/deleteme\n1\n/history\n")
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Not starting: {data / 'deleted-accounts.json'} cannot be read"), line
    assert (data / "deleted-accounts.json").is_symlink()  # left for the operator; never followed


def test_a_log_file_that_is_a_link_is_set_aside_and_its_target_not_appended_to(tmp_path: Path) -> None:
    data = seeded(tmp_path)
    secret = tmp_path / "secret"
    secret.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    plant(data / "coach.log", secret)
    account_path(data, ME).write_bytes(b"")  # damage: a line is logged
    result = run_bot(data, "/history\n")
    assert result.returncode == 0 and "set it aside" in result.stdout, result.stderr
    assert secret.read_bytes() == b"root:x:0:0:root:/root:/bin/bash\n"
    log = data / "coach.log"
    assert not log.is_symlink() and b"damaged file set aside" in log.read_bytes()
    assert links_set_aside(data) == [str(secret)]


def test_a_linked_quarantine_folder_stops_the_start_and_nothing_is_moved(tmp_path: Path) -> None:
    """(h4) Was: the bot started, replaced the link with a real folder and set the damaged shards aside
    into it. Now a folder inside DATA_DIR that is a link stops the start in one line
    (tests/test_h4_linked_folders.py): nothing is moved, read or written, there or here."""
    data, elsewhere = seeded(tmp_path), tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, data / "quarantine")
    shards = sorted(data.glob("actions-*.json"))
    for shard in shards:
        shard.write_bytes(b"\x00garbage")
    result = run_bot(data, "/deleteme\n1\n")
    assert result.returncode == 2 and "all your data is deleted" not in result.stdout, result.stderr
    assert f"{data / 'quarantine'} is a symbolic link to {elsewhere}" in result.stderr
    assert list(elsewhere.iterdir()) == []  # nothing of the data folder moved out of it
    assert (data / "quarantine").is_symlink()  # the operator's to remove
    assert all(shard.read_bytes() == b"\x00garbage" for shard in shards)  # not even set aside


def test_a_saved_chart_replaces_a_planted_link_and_not_its_target(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lines = "/log hip thrust 3x10 80kg\n/log hip thrust 3x10 85kg\n/progress hip thrust\n"
    first = run_bot(data, lines)
    [saved] = [Path(p) for p in re.findall(r"\[image saved: ([^\]]+)\]", first.stdout)]
    secret = tmp_path / "secret"
    secret.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    plant(saved, secret)
    again = run_bot(data, "/progress hip thrust\n")
    assert f"[image saved: {saved}]" in again.stdout, again.stderr
    assert secret.read_bytes() == b"root:x:0:0:root:/root:/bin/bash\n"  # not overwritten through the link
    assert not saved.is_symlink() and saved.read_bytes().startswith(b"\x89PNG")


async def test_a_waiting_import_that_is_a_link_is_not_imported(app: Any, chat: Chat) -> None:
    [preview] = await chat.say(f"/import {IMPORTS / 'hevy_kg.csv'}")
    waiting = outbox_path(app.settings.data_dir, chat.user) / "import-pending.csv"
    plant(waiting, IMPORTS / "strong_current.csv")  # another file, outside the data folder
    await chat.press(preview, "Accept all")
    assert app.store.entries(chat.user) == []  # nothing read through the link


def test_a_backups_folder_that_is_a_link_gets_no_snapshot_and_loses_nothing(tmp_path: Path) -> None:
    data, elsewhere = tmp_path / "data", tmp_path / "elsewhere"
    old = elsewhere / "20200101T000000Z"  # a folder named like a snapshot: rotation would delete it
    old.mkdir(parents=True)
    (old / "precious").write_bytes(b"keep")
    store = Store(data)
    store.add_entry(ME, log_entry("hip_thrust", (5,), "2026-11-23T09:00:00+00:00", 80.0, "kg"))
    os.symlink(elsewhere, backup.default_dir(data))
    try:
        with pytest.raises(backup.BackupError, match="is a symbolic link: no snapshot taken"):
            backup.take(store, backup.default_dir(data), keep=1, now=datetime(2026, 12, 1, 3, 30, tzinfo=UTC))
    finally:
        store.close()
    assert sorted(p.name for p in elsewhere.iterdir()) == [old.name]  # no user data copied out
    assert (old / "precious").read_bytes() == b"keep"

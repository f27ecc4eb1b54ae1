"""A symlink planted as a folder inside the data folder (DATA_DIR/journal, pushes, quarantine, backups,
a user's outbox folder... pointing elsewhere) makes the bot refuse to start: exit code 2 and one line
naming the link, no traceback, before anything is read or written through it. DATA_DIR itself may be a
link (a normal deployment). The real bot as a subprocess, real files in tmp dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage import backup, quarantine
from storage.journal import JOURNAL_DIR
from storage.layout import DATA_FOLDERS, OUTBOX_DIR, PUSHES_DIR, outbox_path
from tests.test_console import run_console as run_bot
from tests.test_console import seeded_console

ME = "console:local"  # the console chat's user
SECRET = b"root:x:0:0:root:/root:/bin/bash\n"


def seeded(tmp_path: Path) -> Path:
    return seeded_console(tmp_path, "/log hip thrust 3x10 80kg\n/progress hip thrust\n/rest 30s\n")


def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the data folder, holding a file that must be neither read nor changed."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "precious").write_bytes(SECRET)
    return folder


def untouched(folder: Path) -> bool:
    return [p.name for p in folder.iterdir()] == ["precious"] and (folder / "precious").read_bytes() == SECRET


def replace_with_link(path: Path, target: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        os.rename(path, path.with_name(path.name + ".real"))  # kept: what was there is not the point
    os.symlink(target, path)


def refused(result, link: Path) -> bool:
    lines = result.stderr.strip().splitlines()
    return (
        result.returncode == 2
        and len(lines) == 1
        and lines[0].startswith(f"Not starting: {link} is a symbolic link")
        and "Traceback" not in result.stderr
    )


@pytest.mark.parametrize(
    "where",
    [
        JOURNAL_DIR,
        PUSHES_DIR,
        f"{PUSHES_DIR}/{JOURNAL_DIR}",
        quarantine.QUARANTINE_DIR,
        backup.BACKUPS_DIR,
        "accounts",
        "schedules",
        OUTBOX_DIR,
    ],
)
def test_a_linked_folder_inside_the_data_folder_stops_the_start(tmp_path: Path, where: str) -> None:
    data, outside = seeded(tmp_path), elsewhere(tmp_path)
    link = data / where
    replace_with_link(link, outside)
    result = run_bot(data, "/log hip thrust 3x10 85kg\n")
    assert refused(result, link), (result.returncode, result.stderr)
    assert "Logged" not in result.stdout
    assert untouched(outside)
    assert link.is_symlink()  # the operator's to remove: never moved, followed or deleted


def test_a_users_outbox_folder_that_is_a_link_stops_the_start(tmp_path: Path) -> None:
    data, outside = seeded(tmp_path), elsewhere(tmp_path)
    link = outbox_path(data, ME)
    replace_with_link(link, outside)
    result = run_bot(data, "/progress hip thrust\n")
    assert refused(result, link), (result.returncode, result.stderr)
    assert untouched(outside)


def test_a_link_to_a_folder_under_another_name_stops_the_start(tmp_path: Path) -> None:
    data, outside = seeded(tmp_path), elsewhere(tmp_path)
    os.symlink(outside, data / "snapshots")  # e.g. BACKUP_DIR=$DATA_DIR/snapshots
    result = run_bot(data, "/history\n", env_extra={"BACKUP_DIR": str(data / "snapshots")})
    assert refused(result, data / "snapshots"), (result.returncode, result.stderr)
    assert untouched(outside)


def test_a_dangling_link_where_a_folder_goes_stops_the_start(tmp_path: Path) -> None:
    data = seeded(tmp_path)
    replace_with_link(data / JOURNAL_DIR, tmp_path / "nowhere")
    result = run_bot(data, "/history\n")
    assert refused(result, data / JOURNAL_DIR), (result.returncode, result.stderr)
    assert not (tmp_path / "nowhere").exists()  # not created through the link


def test_the_restore_tool_refuses_too(tmp_path: Path) -> None:
    data, outside = seeded(tmp_path), elsewhere(tmp_path)
    replace_with_link(data / PUSHES_DIR, outside)
    result = run_bot(data, "", "restore", "20261130T033000Z")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Not restored: {data / PUSHES_DIR} is a symbolic link"), line
    assert untouched(outside)


def test_a_data_folder_that_is_itself_a_link_starts(tmp_path: Path) -> None:
    real = tmp_path / "disk" / "coach"
    real.mkdir(parents=True)
    os.symlink(real, tmp_path / "data")
    result = run_bot(tmp_path / "data", "/log hip thrust 3x10 80kg\n/progress hip thrust\n")
    assert result.returncode == 0 and "Logged" in result.stdout, result.stderr
    assert (real / "accounts").is_dir() and not (real / "accounts").is_symlink()


def test_the_folders_checked_are_the_ones_storage_names() -> None:
    assert {JOURNAL_DIR, quarantine.QUARANTINE_DIR, backup.BACKUPS_DIR, PUSHES_DIR, OUTBOX_DIR} <= set(
        DATA_FOLDERS
    )


def test_a_data_folder_linked_to_a_folder_that_is_gone_says_so(tmp_path: Path) -> None:
    os.symlink(tmp_path / "unmounted" / "coach", tmp_path / "data")
    result = run_bot(tmp_path / "data", "/help\n")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert f"is a symbolic link to '{tmp_path / 'unmounted' / 'coach'}', which does not exist" in line, line
    assert not (tmp_path / "unmounted").exists()

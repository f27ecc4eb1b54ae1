"""Symlinks planted in the data folder are never followed by the quarantine tool or when data files
are read (n4, items 1 and 3): `bot.py quarantine list` shows a link as a link, `restore` refuses it
with a clear message, /deleteme does not read through one, an account file that is a link is set
aside unread, and a quarantine folder that is a link is never written, listed or deleted through.
Real files in tmp dirs; the operator's tool as a real subprocess."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from storage import quarantine
from storage.atomic import encode
from storage.layout import account_file_name, account_path
from storage.store import Store
from tests.entries import log_entry
from tests.test_console import run_console as run_bot
from tests.test_l1_damage import ALICE, running, text

ME = "console:local"  # the console chat's user
SECRET = b"root:x:0:0:root:/root:/bin/bash\n"


def stem(account: str) -> str:
    return account_file_name(account).removesuffix(".json")


def outside_account(tmp_path: Path, account: str) -> Path:
    """A valid account file of ``account`` outside the data folder: whatever reads it shows its sets."""
    target = tmp_path / "elsewhere.json"
    meta = {"schema": 2, "kind": "account", "account": account, "last_entry_id": 1, "merged": []}
    row = {
        "id": 1,
        "exercise": "squat",
        "at": "2026-11-23T09:00:00+00:00",
        "sets": [{"reps": 5, "load": 123.0, "unit": "kg"}],
    }
    target.write_bytes(encode({"_meta": {"1": meta}, "entries": {"1": row}}))
    return target


def test_list_shows_a_planted_link_as_a_link_and_restore_refuses_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "quarantine").mkdir(parents=True)
    target = outside_account(tmp_path, ME)
    before = target.read_bytes()
    name = f"accounts-{account_file_name(ME)}.20261130T170000000000Z"
    os.symlink(target, data / "quarantine" / name)

    listing = run_bot(data, "", "quarantine", "list")
    assert listing.returncode == 0, listing.stderr
    [line] = listing.stdout.splitlines()
    assert name in line and "symbolic link to" in line and str(target) in line
    assert "not followed" in line and "waiting" not in line and "bytes" not in line

    restore = run_bot(data, "", "quarantine", "restore", name)
    assert restore.returncode == 1
    assert "is a symbolic link" in restore.stderr and "never followed, read or restored" in restore.stderr
    assert target.read_bytes() == before and (data / "quarantine" / name).is_symlink()
    store = Store(data)
    assert store.entries(ME) == []  # nothing from outside the data folder was merged
    store.close()


def test_deleteme_does_not_read_through_a_planted_link(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "quarantine").mkdir(parents=True)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # reading it would wait for a writer that never comes
    os.symlink(fifo, data / "quarantine" / "journal-0000000001.log.line3")
    done = threading.Event()

    def delete() -> None:
        quarantine.remove_account_files(data, {ME})
        done.set()

    worker = threading.Thread(target=delete, daemon=True)
    worker.start()
    try:
        assert done.wait(30), "/deleteme hung reading a FIFO through a link in quarantine"
    finally:
        if not done.is_set():  # unblock the reader: a writer comes and goes
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(30)


async def test_an_account_file_that_is_a_link_is_set_aside_unread(tmp_path: Path, library: Any) -> None:
    data = tmp_path / "data"
    target = outside_account(tmp_path, ALICE)
    before = target.read_bytes()
    account_path(data, ALICE).parent.mkdir(parents=True)
    os.symlink(target, account_path(data, ALICE))
    async with running(data, library) as chat:
        logged = await text(chat(ALICE), "/log hip thrust 3x10 80kg")
        assert "Logged" in logged and "set it aside" in logged
        history = await text(chat(ALICE), "/history")
        assert "123" not in history and "squat" not in history.lower()  # the outside file was not read
    assert target.read_bytes() == before
    [item] = quarantine.list_files(data)
    assert item.kind == quarantine.SYMLINK and item.link == str(target)
    assert not account_path(data, ALICE).is_symlink()


def test_a_quarantine_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    data, elsewhere = tmp_path / "data", tmp_path / "elsewhere"
    elsewhere.mkdir()
    mine = elsewhere / f"accounts-{stem(ME)}.json.20261130T170000000000Z"
    mine.write_bytes(SECRET)  # a file outside named like a quarantined one of the user
    store = Store(data)
    store.add_entry(ME, log_entry("hip_thrust", (10,), "2026-11-23T09:00:00+00:00", 80.0, "kg"))
    store.close()
    os.symlink(elsewhere, data / "quarantine")

    listing = run_bot(data, "", "quarantine", "list")
    assert listing.returncode == 0, listing.stderr
    assert "quarantine  symbolic link to" in listing.stdout and mine.name not in listing.stdout
    restore = run_bot(data, "", "quarantine", "restore", mine.name)
    # (h4) A linked folder inside DATA_DIR now stops every process that takes the folder, this tool
    # included, before anything is touched (was: exit 1, "is not a folder").
    assert restore.returncode == 2, restore.stderr
    [line] = restore.stderr.strip().splitlines()
    assert line.startswith(f"Not restored: {data / 'quarantine'} is a symbolic link to {elsewhere}"), line

    store = Store(data)
    store.delete_account(ME)  # /deleteme: files outside are not its to delete
    store.close()
    assert mine.read_bytes() == SECRET

    account_path(data, ALICE).write_bytes(b"")  # damage: set aside into the data folder, not elsewhere
    store = Store(data)
    assert store.entries(ALICE) == []  # (an account file is opened on first use)
    assert "set it aside" in (store.take_damage_notice(ALICE) or "")
    store.close()
    assert sorted(p.name for p in elsewhere.iterdir()) == [mine.name]
    assert not (data / "quarantine").is_symlink()
    [moved] = (data / "quarantine").iterdir()
    assert moved.name.startswith(f"accounts-{account_file_name(ALICE)}.")
    assert [p for p in data.iterdir() if p.name.startswith("quarantine.") and p.is_symlink()]

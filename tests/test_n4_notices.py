"""The owner of damaged data is told once per damage event, not once per run (n4, item 2): who was told
of which quarantined file survives a restart, a new file set aside tells them again, a restored file
is forgotten, and /deleteme leaves nothing of the user in the record. Real files in tmp dirs, the
real bot as a subprocess and the real app through the chat's dispatch."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from storage import quarantine
from storage.layout import account_file_name, account_path, links_path
from storage.store import Store
from tests.entries import log_entry
from tests.test_console import run_console as run_bot
from tests.test_l1_damage import ALICE, BOB, running, text

ME = "console:local"  # the console chat's user
TOLD = "set it aside for the operator"


def entry(n: int) -> Any:
    return log_entry("hip_thrust", (n,), f"2026-11-23T09:00:{n:02d}+00:00", 80.0, "kg")


def test_a_restart_does_not_tell_the_user_again_a_new_damage_does(tmp_path: Path) -> None:
    assert "Logged" in run_bot(tmp_path, "/log hip thrust 3x10 80kg\n").stdout
    account_path(tmp_path, ME).write_bytes(b"")  # cut short: set aside at the next start
    first = run_bot(tmp_path, "/log hip thrust 3x10 85kg\n")
    assert first.stdout.count(TOLD) == 1
    for _ in range(2):  # restarts, the file still waiting for the operator
        again = run_bot(tmp_path, "/log hip thrust 3x10 90kg\n/history\n")
        assert again.returncode == 0, again.stderr
        assert "Logged" in again.stdout and TOLD not in again.stdout
    listing = run_bot(tmp_path, "", "quarantine", "list")
    assert listing.stdout.count("waiting") == 1  # still there: only the telling stopped

    account_path(tmp_path, ME).write_bytes(b"{")  # a second damage event: told of it
    second = run_bot(tmp_path, "/history\n")
    assert second.stdout.count(TOLD) == 1
    assert TOLD not in run_bot(tmp_path, "/history\n").stdout


def test_a_restored_file_is_forgotten_so_the_same_name_tells_again(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add_entry(ME, entry(1))
    store.close()
    path = account_path(tmp_path, ME)
    path.write_bytes(path.read_bytes()[:-1])  # cut short, readable back
    store = Store(tmp_path)
    store.entries(ME)  # opened: set aside
    assert TOLD in (store.take_damage_notice(ME) or "")
    store.close()
    [item] = quarantine.list_files(tmp_path)
    restored = run_bot(tmp_path, "", "quarantine", "restore", item.path.name)
    assert restored.returncode == 0, restored.stderr
    store = Store(tmp_path)  # the record of the restored file goes
    assert store.take_damage_notice(ME) is None
    store.close()
    assert not (tmp_path / quarantine.TOLD_FILE).exists()
    # a file set aside later under that same name (journal line names repeat) is a new event
    item.path.write_bytes(b"")
    store = Store(tmp_path)
    assert TOLD in (store.take_damage_notice(ME) or "")
    store.close()


async def test_damaged_links_tell_each_user_once_across_restarts(tmp_path: Path, library: Any) -> None:
    async with running(tmp_path, library) as chat:
        assert "Logged" in await text(chat(ALICE), "/log rdl 3x8 70kg")
    links_path(tmp_path).write_bytes(b"\x00garbage")
    links = "account links could not be read"
    async with running(tmp_path, library) as chat:
        assert links in await text(chat(ALICE), "/history")
        assert links not in await text(chat(ALICE), "/history")
    async with running(tmp_path, library) as chat:
        assert links not in await text(chat(ALICE), "/history")  # told before the restart
        assert links in await text(chat(BOB), "/history")  # not told yet: once
        assert links not in await text(chat(BOB), "/history")


def test_deleteme_leaves_nothing_of_the_user_in_the_record(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for user in (ME, "telegram:42"):
        store.add_entry(user, entry(1))
    store.close()
    links_path(tmp_path).write_bytes(b"\x00garbage")
    store = Store(tmp_path)
    for user in (ME, "telegram:42"):
        assert "account links" in (store.take_damage_notice(user) or "")
    stem = account_file_name(ME).removesuffix(".json").encode()
    record = tmp_path / quarantine.TOLD_FILE
    assert stem in record.read_bytes()
    store.delete_account(ME)
    assert stem not in record.read_bytes() and b"telegram_42" in record.read_bytes()
    store.close()


def test_a_link_planted_as_the_record_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_bytes(b'["not", "yours"]\n')
    data = tmp_path / "data"
    store = Store(data)
    store.add_entry(ME, entry(1))
    store.close()
    os.symlink(secret, data / quarantine.TOLD_FILE)
    account_path(data, ME).write_bytes(b"")
    store = Store(data)
    store.entries(ME)
    assert TOLD in (store.take_damage_notice(ME) or "")
    store.close()
    assert secret.read_bytes() == b'["not", "yours"]\n'  # not appended to through the link
    assert not (data / quarantine.TOLD_FILE).is_symlink()
    store = Store(data)
    assert store.take_damage_notice(ME) is None  # recorded in a file of its own
    store.close()

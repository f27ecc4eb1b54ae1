"""Tester: the data folder's files were made readable by everyone (0644, folders 0755, by the umask), so
on a shared host any local user could read every lifter's log, weights and reminders. Everything the
bot makes is its own user's alone now: files 0600 and folders 0700, whatever the umask it starts with."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from domain.training import Entry, LoggedSet
from storage.store import Store
from tests.test_console import run_console


def _shared(data: Path) -> Iterator[str]:
    """What under ``data`` someone other than the owner may read, write or enter."""
    for path in [data, *data.rglob("*")]:
        if path.is_symlink():
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            yield f"{path.relative_to(data.parent)} {oct(mode)}"


def test_the_bot_makes_everything_private_whatever_the_umask(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lines = "/log hip thrust 3x10 80kg\n/remind mon 18:00\n/progress hip thrust\n/export\n"
    old = os.umask(0o022)  # the usual one: new files 0644, folders 0755
    try:
        result = run_console(data, lines)
    finally:
        os.umask(old)
    assert result.returncode == 0 and "Logged" in result.stdout, result.stderr
    assert "[file saved:" in result.stdout and "[image saved:" in result.stdout
    assert len(list(data.rglob("*"))) > 5
    assert list(_shared(data)) == []


async def test_the_store_writes_private_files_for_any_caller(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        store = Store(tmp_path / "data")
        account = store.account_of("telegram:1")
        store.add_entries(account, [Entry("hip_thrust", (LoggedSet(10, 80.0, "kg"),) * 3, datetime.now(UTC))])
        await store.flush()
        store.close()
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert files
    assert [f"{p} {oct(stat.S_IMODE(p.stat().st_mode))}" for p in files if p.stat().st_mode & 0o077] == []

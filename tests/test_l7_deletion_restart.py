"""A kill -9 in the middle of /deleteme's removals (l7, item 5): the next start finishes the deletion,
so no half-deleted account comes back while deleted-accounts.json says it is gone. Real files in a tmp
dir, a real child process killed with SIGKILL, then the real app through the console chat."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.test_l1_damage import ALICE, BOB, account_file, running, text
from tests.test_quarantine import crash_after

UNDER_WAY = "deletion-under-way.json"  # storage/deletions.py: the note of a deletion under way


async def test_a_deletion_cut_short_by_a_kill_is_finished_at_the_next_start(
    tmp_path: Path, library: Any
) -> None:
    data = tmp_path / "data"
    async with running(data, library) as chat:
        for user in (ALICE, BOB):
            assert "Logged" in await text(chat(user), "/log rdl 3x8 70kg")
            assert "18:00" in await text(chat(user), "/remind mon,wed 18:00")
    # Killed after the links are removed and before the schedules and the account file are.
    crash_after(
        data,
        f"""
Store._remove_own_schedules = lambda self, account: os.kill(os.getpid(), signal.SIGKILL)
store.delete_account({ALICE!r})
""",
    )
    assert account_file(data, ALICE).exists() and (data / "deleted-accounts.json").exists()
    async with running(data, library) as chat:
        assert "romanian" not in (await text(chat(ALICE), "/history")).lower()
        assert "Mon, Wed at 18:00" not in await text(chat(ALICE), "/reminders")
        assert "romanian" in (await text(chat(BOB), "/history")).lower()
        assert "Mon, Wed at 18:00" in await text(chat(BOB), "/reminders")
    assert not account_file(data, ALICE).exists() and not (data / UNDER_WAY).exists()

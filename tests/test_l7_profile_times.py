"""A profile time the commands parse (``done_at``) that does not parse is damage like any other bad
profile value (l7, item 3): the row is set aside, the owner told, and /log and /done work again.
Real files in tmp dirs, the real app through the console chat's dispatch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storage import quarantine
from storage.store import DAMAGE_NOTICE
from tests.test_l1_damage import ALICE, BOB, SORRY, account_file, edit_file, quarantined, running, text
from tests.test_quarantine import crash_after


async def _works(data: Path, library: Any) -> None:
    async with running(data, library) as chat:
        said = await text(chat(ALICE), "/log hip thrust 3x10 80kg")
        assert SORRY not in said and "Logged" in said and DAMAGE_NOTICE in said
        assert SORRY not in await text(chat(ALICE), "/done")
        assert "Logged" in await text(chat(ALICE), "/log hip thrust 3x10 85kg")
        assert "Logged" in await text(chat(BOB), "/log squat 3x5 100kg")
    assert any(quarantine.account_stem(ALICE) in q for q in quarantined(data))


async def test_a_bad_done_at_in_the_account_file_is_set_aside(tmp_path: Path, library: Any) -> None:
    data = tmp_path / "data"
    async with running(data, library) as chat:
        assert "Logged" in await text(chat(ALICE), "/log hip thrust 3x10 80kg")
        await text(chat(ALICE), "/done")
    edit_file(account_file(data, ALICE), lambda d: d["profile"]["1"].update(done_at="notadate"))
    await _works(data, library)


async def test_a_bad_done_at_in_a_journal_line_is_set_aside(tmp_path: Path, library: Any) -> None:
    data = tmp_path / "data"
    crash_after(
        data,
        f"""
from dataclasses import replace
store.add_entry({ALICE!r}, entry(1))
store.checkpoint()
store.save_profile(replace(store.profile({ALICE!r}), done_at="notadate"))
""",
    )
    await _works(data, library)

"""Entry ids stay in step with the 7 characters /delete and /edit take (l7, item 4): an account file's
``last_entry_id`` below the highest id held is raised to it (else the next checkpoint reused an id and
set the whole file aside), one above MAX_ENTRY_ID is brought down to the highest id held, and an entry
whose id is above the bound (in the file or a journal line) is a damaged row, set aside. Real files in
tmp dirs, the real app through the console chat's dispatch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storage.journal import encode_record, list_segments
from tests.test_l1_damage import ALICE, BOB, SORRY, account_file, edit_file, quarantined, running, text
from tests.test_quarantine import crash_after

MAX_ENTRY_ID = 9_999_999  # /delete takes at most 7 characters


def set_last_id(value: int) -> Any:
    return lambda d: d["_meta"]["1"].update(last_entry_id=value)


async def logged_twice(data: Path, library: Any) -> None:
    async with running(data, library) as chat:
        for user in (ALICE, BOB):
            assert "Logged" in await text(chat(user), "/log rdl 3x8 70kg")
            assert "Logged" in await text(chat(user), "/log squat 3x5 100kg")


async def remove(chat: Any, number: int) -> str:
    [ask] = await chat.say(f"/delete {number}")
    return "\n".join(r.text for r in await chat.press(ask, "Yes, remove it"))


@pytest.mark.parametrize("last", [0, 1, 10**12, MAX_ENTRY_ID + 1], ids=["zero", "one", "huge", "bound+1"])
async def test_a_counter_out_of_step_is_repaired_on_open(tmp_path: Path, library: Any, last: int) -> None:
    data = tmp_path / "data"
    await logged_twice(data, library)
    edit_file(account_file(data, ALICE), set_last_id(last))
    async with running(data, library) as chat:
        said = await text(chat(ALICE), "/log hip thrust 3x10 80kg")
        assert "Logged" in said and SORRY not in said
        assert "Removed the entry" in await remove(chat(ALICE), 3)
        assert "Logged" in await text(chat(ALICE), "/log hip thrust 3x10 85kg")
    async with running(data, library) as chat:  # after the checkpoint at stop: the file took them
        history = (await text(chat(ALICE), "/history")).lower()
        assert "romanian" in history and "squat" in history and "85" in history
    assert quarantined(data) == []
    assert json.loads(account_file(data, ALICE).read_text())["_meta"]["1"]["last_entry_id"] == 4


async def test_an_entry_id_above_the_bound_in_the_file_is_set_aside(tmp_path: Path, library: Any) -> None:
    data = tmp_path / "data"
    await logged_twice(data, library)

    def huge(d: dict[str, Any]) -> None:
        d["entries"][str(10**12)] = {**d["entries"].pop("2"), "id": 10**12}
        d["_meta"]["1"]["last_entry_id"] = 10**12

    edit_file(account_file(data, ALICE), huge)
    async with running(data, library) as chat:
        assert "Logged" in await text(chat(ALICE), "/log hip thrust 3x10 80kg")
        assert "Removed the entry" in await remove(chat(ALICE), 2)  # the new one: ids go on from 1
    [rows] = quarantined(data)
    assert rows.startswith("accounts-") and str(10**12) in (data / "quarantine" / rows).read_text()


async def test_an_entry_id_above_the_bound_in_a_journal_line_is_set_aside(
    tmp_path: Path, library: Any
) -> None:
    data = tmp_path / "data"
    crash_after(
        data,
        f"store.add_entry({ALICE!r}, entry(1))\nstore.checkpoint()\nstore.add_entry({ALICE!r}, entry(2))",
    )
    [(_, segment)] = list_segments(data / "journal")
    row = json.loads(segment.read_bytes().split(b" ", 1)[1])[2]
    with segment.open("ab") as f:
        f.write(encode_record(ALICE, 10**20, row))
    async with running(data, library) as chat:
        said = await text(chat(ALICE), "/log hip thrust 3x10 80kg")
        assert "Logged" in said and SORRY not in said
        assert "Removed the entry" in await remove(chat(ALICE), 3)
    [line] = quarantined(data)
    assert line.startswith("journal-")

"""One damaged row of a file several users share (links.json, a schedules shard) must never stop the
bot for everyone (l7, item 2): the row is copied to quarantine, named by its owner's stem when the row
still says whose it is (so `quarantine list` and /deleteme find it, and the owner is told), and left
out; every other row keeps working. Real files in tmp dirs, the real app through the console chat."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storage import quarantine
from storage.layout import links_path, shard_of, shard_path
from storage.store import DAMAGE_NOTICE
from tests.test_l1_damage import ALICE, BOB, SORRY, edit_file, quarantined, running, text

CAROL = "console:carol"
REMINDER = "Mon, Wed at 18:00"


async def _set_up(data: Path, library: Any) -> None:
    async with running(data, library) as chat:
        for user in (ALICE, BOB):
            assert "18:00" in await text(chat(user), "/remind mon,wed 18:00")
        assert "code" in (await text(chat(CAROL), "/link")).lower()  # links.json exists from here


def _schedule(account: str, **change: Any) -> dict[str, Any]:
    row = {"account": account, "target": account, "days": [0, 2], "time": "18:00", "timezone": "UTC"}
    return {**row, "gap": 10, "id": 7, **change}


BAD_SCHEDULES = {
    "hour-25": _schedule(ALICE, time=25),
    "days-xx": _schedule(ALICE, days="xx"),
    "day-9": _schedule(ALICE, days=[9]),
    "no-time": {k: v for k, v in _schedule(ALICE).items() if k != "time"},
    "no-zone": _schedule(ALICE, timezone="Mars/Olympus"),
    "gap-0": _schedule(ALICE, gap=0),
    "null": None,
    "number": 5,
}


@pytest.mark.parametrize("row", BAD_SCHEDULES.values(), ids=BAD_SCHEDULES.keys())
async def test_a_bad_schedule_row_is_set_aside_and_every_reminder_else_works(
    tmp_path: Path, library: Any, row: Any
) -> None:
    data = tmp_path / "data"
    await _set_up(data, library)
    for shard in {shard_of(ALICE), shard_of(BOB)}:  # beside both users' own rows
        edit_file(shard_path(data, shard), lambda d: d["schedules"].update({"90": row}))
    async with running(data, library) as chat:
        for user in (ALICE, BOB):
            said = await text(chat(user), "/reminders")
            assert SORRY not in said and REMINDER in said and said.count("#") == 1
        assert "#2" in await text(chat(BOB), "/remind tue 07:00")
    names = quarantined(data)
    assert len(names) == len({shard_of(ALICE), shard_of(BOB)})
    assert all(n.startswith("schedules-") and ".json.rows." in n for n in names)
    if isinstance(row, dict):  # the row says whose it is: named so, and Alice is told
        assert all(n.endswith(quarantine.account_stem(ALICE)) for n in names)
    for shard in {shard_of(ALICE), shard_of(BOB)}:
        assert "90" not in json.loads(shard_path(data, shard).read_text())["schedules"]


async def test_the_owner_of_a_bad_schedule_row_is_told(tmp_path: Path, library: Any) -> None:
    data = tmp_path / "data"
    await _set_up(data, library)
    edit_file(
        shard_path(data, shard_of(ALICE)), lambda d: d["schedules"].update({"90": _schedule(ALICE, time=25)})
    )
    async with running(data, library) as chat:
        assert DAMAGE_NOTICE in await text(chat(ALICE), "/reminders")
        assert DAMAGE_NOTICE not in await text(chat(BOB), "/reminders")


BAD_LINKS = {
    "no-user": ("links", {"account": ALICE}),
    "account-number": ("links", {"user": ALICE, "account": 5}),
    "merge-no-account": ("merges", {"user": BOB, "token": "t"}),
    "null-link": ("links", None),
    "code-no-user": ("codes", {"code": "ABCDEFGH", "account": ALICE, "expires_at": "x"}),
}


@pytest.mark.parametrize(("table", "row"), BAD_LINKS.values(), ids=BAD_LINKS.keys())
async def test_a_bad_links_row_is_set_aside_and_nobody_is_locked_out(
    tmp_path: Path, library: Any, table: str, row: Any
) -> None:
    data = tmp_path / "data"
    await _set_up(data, library)
    edit_file(links_path(data), lambda d: d.setdefault(table, {}).update({"90": row}))
    async with running(data, library) as chat:
        for user in (ALICE, BOB):
            said = await text(chat(user), "/log hip thrust 3x10 80kg")
            assert SORRY not in said and "Logged" in said
            assert REMINDER in await text(chat(user), "/reminders")
        assert "code" in (await text(chat(CAROL), "/link")).lower()
    [name] = quarantined(data)
    assert name.startswith("links.json.rows.")
    assert "90" not in json.loads(links_path(data).read_text()).get(table, {})

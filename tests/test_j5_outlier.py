"""Issue 10, "600 kg asks before storing": a warm-up's load is checked like a working set's. A
warm-up more than 1.5× the best (or a very heavy first entry) asks with Confirm/Cancel and stores
nothing until Confirm; confirmed, it is stored as a warm-up and sets no record."""

from __future__ import annotations

import json

import pytest

from storage.layout import account_path
from tests.conftest import Chat
from tests.test_log_flow import ME, labels, logapp_fixture, me_fixture, one  # noqa: F401 - fixtures
from tests.test_telegram import USER, Coach, coach, fake  # noqa: F401 - fixtures

ASKED = "Nothing is stored until you confirm."


def on_disk(app: object, account: str) -> list[dict]:  # type: ignore[type-arg]
    """The account's entry rows as the account file holds them (journal written in first)."""
    store = app.ctx.store  # type: ignore[attr-defined]
    store.checkpoint()
    path = account_path(store.data_dir, account)
    rows = json.loads(path.read_text())["entries"] if path.exists() else {}
    return [rows[k] for k in sorted(rows, key=int)]


def my_rows(chat: Chat) -> list[dict]:  # type: ignore[type-arg]
    return on_disk(chat.app, chat.app.ctx.store.account_of(ME))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("/log hip thrust w 600x1", "600 kg is more than 1.5× your best so far (80 kg)"),
        ("/log hip thrust w 500x1 / 3x10 80kg", "500 kg is more than 1.5× your best so far (80 kg)"),
        ("/log hip thrust warmup 300x5", "300 kg is more than 1.5× your best so far (80 kg)"),
    ],
)
async def test_a_heavy_warmup_asks_and_stores_nothing_until_confirmed(
    me: Chat, line: str, shown: str
) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    before = my_rows(me)
    asked = await one(me, line)
    assert shown in asked.text and ASKED in asked.text, asked.text
    assert labels(asked) == ["Confirm", "Cancel"]
    assert my_rows(me) == before  # nothing on disk yet
    [cancelled] = await me.press(asked, "Cancel")
    assert my_rows(me) == before, cancelled.text

    asked = await one(me, line)
    [logged] = await me.press(asked, "Confirm")
    assert logged.text.startswith("Logged *Hip thrust*"), logged.text
    rows = my_rows(me)
    assert len(rows) == len(before) + 1
    heavy = max(rows[-1]["sets"], key=lambda s: s.get("load", 0))
    assert heavy["kind"] == "warmup" and heavy["load"] >= 300  # stored as typed, still a warm-up
    # and a warm-up sets no record: the next target is still at 80 kg
    assert "Next time: 3 × 11 @ 80 kg" in logged.text, logged.text


async def test_a_light_warmup_logs_without_a_question(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    logged = await one(me, "/log hip thrust w 100x5 / 3x10 80kg")
    assert logged.text.startswith("Logged *Hip thrust*") and ASKED not in logged.text, logged.text
    assert len(my_rows(me)) == 2


async def test_a_very_heavy_warmup_as_a_first_entry_asks(me: Chat) -> None:
    asked = await one(me, "/log hip thrust w 400x1")
    assert "400 kg is a very heavy first entry" in asked.text and ASKED in asked.text, asked.text
    assert my_rows(me) == []


async def test_telegram_heavy_warmup_asks_with_buttons_and_confirm_stores_it(coach: Coach) -> None:  # noqa: F811
    await coach.say("/log hip thrust 3x10 80kg")
    me = coach.app.store.account_of(f"telegram:{USER}")
    [asked] = await coach.say("/log hip thrust w 600x1")
    assert "600 kg is more than 1.5× your best so far (80 kg)" in asked.text, asked.text
    assert [label for row in asked.buttons for label, _ in row] == ["Confirm", "Cancel"]
    assert len(on_disk(coach.app, me)) == 1
    [logged] = await coach.press(asked, "Confirm")
    assert "Logged" in logged.text and "600 kg" in logged.text, logged.text
    rows = on_disk(coach.app, me)
    assert len(rows) == 2 and rows[-1]["sets"] == [{"reps": 1, "load": 600.0, "unit": "kg", "kind": "warmup"}]

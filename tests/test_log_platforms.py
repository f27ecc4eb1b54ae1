"""/log of issue 10 over the real clients: python-telegram-bot against the loopback Bot API and
discord.py against the loopback Discord (typed options and the free-text option). A representative
subset of the parser's table on each (the full table runs in tests/test_log_flow.py), the ambiguous
AxB question, and Edit through the platform's own way of asking (ForceReply / Modal)."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from domain.training import Entry
from handlers.logbook import card_lines
from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.fakes.discord_api import MESSAGE, MODAL, USER_ID
from tests.fakes.telegram_api import FakeBotAPI
from tests.test_ask import answer, press
from tests.test_logparse import TABLE
from tests.test_telegram import USER, start_coach, stop_coach

NOW = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
SUBSET = [
    "hip thrust 60x10, 80x8, 100x5",
    "hip thrust 100kg x 5,5,4",
    "hip thrust 3x10 80kg, 2x8 90kg",
    "hip thrust w 60x8, 80x5 / 100x10,10,9",
    "glute bridge bw 3x15",
    "bulgarian split squat 10,9 each side 12kg",
    "rdl 3x10 2x12kg",
    "hip thrust 3x10 80kg yesterday",
    "hip thrust 3x10 80kg (felt easy)",
    "sumo walk 2x20 band=ankles",
]
EXPECTED = dict(TABLE)


def wanted(text: str, library) -> Entry:
    expected = EXPECTED[text]
    return replace(expected, exercise=library.find_exercise(expected.exercise).id)


def card(entry: Entry, app, account: str) -> list[str]:
    profile = app.store.profile(account)
    return card_lines(entry, app.ctx.library.exercises[entry.exercise].name, profile)


def plain(markup_line: str) -> str:
    return markup_line.replace("\\", "")


# -- Telegram -------------------------------------------------------------------------------------------


@pytest.fixture
def now(clock):
    clock.now = NOW
    return clock


@pytest.fixture
async def coach(tmp_path, library, now):
    async with FakeBotAPI() as fake:
        c = await start_coach(tmp_path / "data", fake, library, now, settings={"write_limit_per_minute": 0})
        try:
            yield c
        finally:
            await stop_coach(c)


async def test_telegram_table_rows_store_what_the_card_shows(coach, library) -> None:
    me = f"telegram:{USER}"
    await coach.say("/timezone Europe/Amsterdam")
    for text in SUBSET:
        [msg] = await coach.say(f"/log {text}")
        stored = coach.app.store.entries(me)[-1]
        assert replace(stored, id=0) == wanted(text, library), text
        assert msg.text.startswith("Logged <b>"), msg.text
        for line in card(stored, coach.app, me):
            assert html.escape(plain(line), quote=False) in msg.text, (text, line, msg.text)
        assert ["Undo", "Edit", "Progress"] in [[label for label, _ in row] for row in msg.buttons]


async def test_telegram_ambiguous_asks_and_edit_asks_with_force_reply(coach) -> None:
    me = f"telegram:{USER}"
    [asked] = await coach.say("/log hip thrust 15x8")
    assert asked.text == "Did you mean 15 sets of 8 or 15 kg × 8? Nothing is logged until you choose."
    assert coach.app.store.entries(me) == []
    [logged] = await coach.press(asked, "15 kg × 8")
    [entry] = coach.app.store.entries(me)
    assert [(s.reps, s.load) for s in entry.sets] == [(8, 15.0)]
    [question] = await coach.press(logged, "Edit")
    assert question.force_reply is not None and question.text.startswith(
        "Send the corrected sets for Hip thrust (now: 1x8 15kg 2026-11-30 at 17:00), for example: 1x8 17.5kg"
    )
    [changed] = await answer(coach, question, "3x8 20kg")
    assert changed.text.startswith("Changed <b>Hip thrust</b>: 3 × 8 @ 20 kg.")
    [entry] = coach.app.store.entries(me)
    assert [(s.reps, s.load) for s in entry.sets] == [(8, 20.0)] * 3


# -- Discord --------------------------------------------------------------------------------------------


@pytest.fixture
async def app(tmp_path, library, now):
    from bot import build_app, start_app, stop_app
    from core.settings import Settings

    application = build_app(
        Settings(data_dir=tmp_path / "data", write_limit_per_minute=0), library=library, clock=now
    )
    await start_app(application)
    try:
        yield application
    finally:
        await stop_app(application)


def ids(call) -> list[str]:
    return [c["label"] for row in call.components for c in row.get("components", [])]


async def test_discord_free_text_rows_and_typed_options(app, fake, start_adapter, library) -> None:
    me = f"discord:{USER_ID}"
    adapter = await start_adapter()
    for text in SUBSET[:6]:
        [msg] = await run(fake, adapter, fake.slash("log", {"entry": text}))
        stored = app.store.entries(me)[-1]
        assert replace(stored, id=0, at=NOW) == replace(wanted(text, library), at=NOW), text
        assert msg.content.startswith("Logged **"), msg.content
        assert all(plain(line) in msg.content.replace("\\", "") for line in card(stored, app, me)), text
        rows = [[c["label"] for c in row.get("components", [])] for row in msg.components]
        assert ["Undo", "Edit", "Progress"] in rows, rows
    count = len(app.store.entries(me))
    typed = {"exercise": "hip thrust", "sets": "3", "reps": "10", "weight": 82.5, "rpe": 8.0}
    [msg] = await run(fake, adapter, fake.slash("log", typed))
    assert msg.content.startswith("Logged **Hip thrust**: 3 × 10 @ 82.5 kg RPE 8."), msg.content
    assert [(s.reps, s.load, s.rpe) for s in app.store.entries(me)[-1].sets] == [(10, 82.5, 8.0)] * 3
    [msg] = await run(
        fake, adapter, fake.slash("log", {"exercise": "hip thrust", "reps": "10,10,8", "weight": 80.0})
    )
    assert [s.reps for s in app.store.entries(me)[-1].sets] == [10, 10, 8]
    [msg] = await run(
        fake, adapter, fake.slash("log", {"exercise": "hip thrust", "sets": "3", "weight": 80.0})
    )
    assert msg.content == "Add the reps per set too (sets 3, reps 10), or type it all: hip thrust 3x10 80kg."
    assert len(app.store.entries(me)) == count + 2


async def test_discord_ambiguous_buttons_and_edit_modal(app, fake, start_adapter) -> None:
    me = f"discord:{USER_ID}"
    adapter = await start_adapter()
    [asked] = await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 12x10"}))
    assert ids(asked) == ["12 sets of 10", "12 kg × 10"] and app.store.entries(me) == []
    calls = await press(fake, adapter, asked, "12 sets of 10")
    logged = calls[-1]
    assert "Logged **Hip thrust**: 12 × 10 bodyweight." in logged.content
    [opened] = await press(fake, adapter, logged, "Edit")
    assert opened.type == MODAL and opened.data["title"] == "Edit Hip thrust"
    [changed] = await run(fake, adapter, fake.modal_submit(opened.data, {"answer": "3x10 60kg"}))
    assert changed.type == MESSAGE and changed.content.startswith("Changed **Hip thrust**: 3 × 10 @ 60 kg.")
    [entry] = app.store.entries(me)
    assert [(s.reps, s.load) for s in entry.sets] == [(10, 60.0)] * 3

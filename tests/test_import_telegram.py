"""/import on the real python-telegram-bot client against the loopback Bot API fake: a document."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.telegram_api import FakeBotAPI
from tests.test_telegram import GROUP, USER, Coach, start_coach, stop_coach

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def sets_of(entries: list) -> int:
    return sum(len(e.sets) for e in entries)


@pytest.fixture
async def tg(tmp_path, library, clock) -> AsyncIterator[Coach]:
    async with FakeBotAPI() as fake:
        coach = await start_coach(tmp_path / "data", fake, library, clock)
        try:
            yield coach
        finally:
            await stop_coach(coach)


async def test_telegram_document_with_import_caption(tg: Coach):
    fake = tg.fake
    since = len(fake.calls)
    fake.document((FIXTURES / "hevy_kg.csv").read_bytes(), "workouts.csv", caption="/import")
    calls = await fake.wait_for(count=2, since=since)
    progress, preview = calls[0], calls[-1]
    assert progress.text.startswith("Reading workouts.csv")
    assert "Hevy" in preview.text and "240 sets" in preview.text
    assert [label for row in preview.buttons for label, _ in row] == ["Accept all", "Change one", "Cancel"]
    assert fake.calls_to("getFile")
    assert tg.app.store.entries(f"telegram:{USER}") == []

    since = len(fake.calls)
    fake.press(preview, "Accept all")
    [*_, done] = await fake.wait_for(count=2, since=since)
    assert done.text.startswith("Imported 240 sets")
    edits = [c for c in fake.calls[since:] if c.method == "editMessageText"]
    assert any("of 240 sets stored" in c.text for c in edits)  # the progress message, edited
    assert sets_of(tg.app.store.entries(f"telegram:{USER}")) == 240


async def test_telegram_a_file_alone_in_the_private_chat_is_an_import(tg: Coach):
    fake = tg.fake
    since = len(fake.calls)
    fake.document((FIXTURES / "strong_legacy.csv").read_bytes(), "strong.csv")
    calls = await fake.wait_for(count=2, since=since)
    assert "<b>Strong (older format)</b> export" in calls[-1].text


async def test_telegram_in_a_group_the_import_is_answered_privately(tg: Coach):
    fake = tg.fake
    since = len(fake.calls)
    fake.document(
        (FIXTURES / "hevy_kg.csv").read_bytes(),
        "workouts.csv",
        caption="/import@CoachBot",
        chat_id=GROUP,
        chat_type="supergroup",
    )
    [preview] = await fake.wait_for(count=1, since=since, chat_id=USER)
    assert "240 sets" in preview.text and preview.buttons
    await fake.settle()
    assert [c for c in fake.calls[since:] if c.chat_id == GROUP] == []  # nothing personal in the group
    # A file shared in the group without the command is not ours to read.
    since = len(fake.calls)
    fake.document(b"date,notes\n", "minutes.csv", chat_id=GROUP, chat_type="supergroup")
    await fake.settle()
    assert (
        fake.calls_to("getFile")[1:] == []
        and [c for c in fake.calls[since:] if c.method != "getUpdates"] == []
    )

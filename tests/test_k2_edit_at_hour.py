"""A tester's /edit fault (k2, issue 10, 3): "/edit at 7", "/edit yesterday at 7" and the Edit answer
"at 7" were refused with "Add your sets…" while "at 7am" and "at 03:00" worked, and /log takes "at 7"
after a load. With no sets an "at 7" can only be the time: 07:00 on the entry's day (with a day typed,
that day's); 07:00 today still to come is refused as "at 7am" is (j1's rule). Through the dispatch
every adapter uses, with an injected clock, what the user sees checked against the files on disk."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import Chat, Clock
from tests.test_j2_edit_load_effort import app, live, one, stored_on_disk  # noqa: F401 - the app fixture
from tests.test_log_flow import answer

TUESDAY = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tue 1 Dec 2026, 09:00 (UTC: the user's zone too)
EARLY = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # before 07:00: 07:00 today is still to come


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Where the app (test_j2's fixture: no write limit) keeps its files, read back after it stops."""
    return tmp_path / "data"


@pytest.mark.parametrize(
    ("logged", "typed", "at", "shown"),
    [
        ("yesterday", "at 7", datetime(2026, 11, 30, 7, 0, tzinfo=UTC), "Mon 30 Nov 2026, 07:00"),
        ("yesterday", "at 20", datetime(2026, 11, 30, 20, 0, tzinfo=UTC), "Mon 30 Nov 2026, 20:00"),
        ("", "at 7", datetime(2026, 12, 1, 7, 0, tzinfo=UTC), "Tue 01 Dec 2026, 07:00"),
        ("", "yesterday at 7", datetime(2026, 11, 30, 7, 0, tzinfo=UTC), "Mon 30 Nov 2026, 07:00"),
    ],
)
async def test_at_n_alone_is_the_time_on_the_entrys_day(
    chat: Chat, clock: Clock, data: Path, logged: str, typed: str, at: datetime, shown: str
) -> None:
    clock.now = TUESDAY
    await one(chat, f"/log hip thrust 3x10 85kg rpe 8 (felt ok) {logged}", clock)
    changed = await one(chat, f"/edit {typed}", clock)
    assert changed.text.startswith(f"Changed *Hip thrust*: 3 × 10 @ 85 kg RPE 8.\n{shown}\n"), changed.text
    assert "Note: felt ok" in changed.text
    [entry] = await stored_on_disk(chat, data)
    assert entry.at == at
    assert [(s.reps, s.load, s.rpe) for s in entry.sets] == [(10, 85.0, 8.0)] * 3 and entry.note == "felt ok"


async def test_the_edit_answer_at_n_moves_the_entry_to_that_time(
    chat: Chat, clock: Clock, data: Path
) -> None:
    clock.now = TUESDAY
    logged = await one(chat, "/log hip thrust 3x10 85kg", clock)
    [asked] = await chat.press(logged, "Edit")
    [changed] = await answer(chat, asked, "at 7")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 85 kg.\nTue 01 Dec 2026, 07:00\n"), (
        changed.text
    )
    [entry] = await stored_on_disk(chat, data)
    assert entry.at == datetime(2026, 12, 1, 7, 0, tzinfo=UTC)


async def test_at_n_still_to_come_today_is_refused_as_at_n_am_is(
    chat: Chat, clock: Clock, data: Path
) -> None:
    clock.now = EARLY
    await one(chat, "/log hip thrust 3x10 85kg", clock)
    [before] = live(chat)
    refused_am = await one(chat, "/edit at 7am", clock)
    refused = await one(chat, "/edit at 7", clock)
    assert (
        refused.text
        == refused_am.text
        == (
            "07:00 today is still to come: log what you did, like yesterday at 07:00. The entry is unchanged."
        )
    )
    assert await stored_on_disk(chat, data) == [before]

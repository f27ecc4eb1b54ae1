"""A tester's /edit faults (j6, issue 10). 1: the Edit button's answer naming another exercise moved the
entry, its load included, onto that lift ("glute bridge 3x20" on an 85 kg hip thrust stored a glute
bridge at 85 kg); now it is refused and the entry stays. A typed "/edit <exercise> <sets>" still picks
that exercise's latest entry, and its card says which entry (number and date) when it is not the latest
one. 2: a date alone ("today", today's weekday, "2026-12-01", "0 days ago") was refused as "Add your sets"
and did nothing; now it moves the entry there as /log dates such a line (today: now; a past day: a
minute after that day's latest entry, 12:00 on a day with none). Through the dispatch every adapter
uses, with an injected clock, what the user sees checked against the files on disk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from domain.training import Entry
from tests.conftest import Chat, Clock
from tests.test_j2_edit_load_effort import app, live, one, stored_on_disk  # noqa: F401 - the app fixture
from tests.test_log_flow import answer, labels

TUESDAY = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tue 1 Dec 2026, 09:00 (UTC: the user's zone too)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Where the app (test_j2's fixture: no write limit) keeps its files, read back after it stops."""
    return tmp_path / "data"


def sets(entry: Entry) -> list[tuple[int, float | None]]:
    return [(s.reps, s.load) for s in entry.sets]


# -- 1: an edit never moves an entry onto another exercise ----------------------------------------------


async def test_the_edit_answer_naming_another_exercise_is_refused_and_the_entry_kept(
    chat: Chat, clock: Clock, data: Path
) -> None:
    logged = await one(chat, "/log hip thrust 3x10 85kg", clock)
    [before] = live(chat)
    [asked] = await chat.press(logged, "Edit")
    [refused] = await answer(chat, asked, "glute bridge 3x20")
    assert refused.text == (
        "This entry is Hip thrust, not Glute bridge: the entry is unchanged. To log Glute bridge, use "
        "/log glute bridge 3x20; /delete 1 removes this one."
    )
    assert labels(refused) == ["Edit"]  # the question was used up: a fresh one for the entry as it is
    assert live(chat) == [before]
    [asked] = await chat.press(refused, "Edit")
    [refused] = await answer(chat, asked, "back squat 3x10")
    assert refused.text.startswith("This entry is Hip thrust, not Back squat: the entry is unchanged."), (
        refused.text
    )
    # The sets alone correct this entry, its load kept and shown.
    [asked] = await chat.press(refused, "Edit")
    [changed] = await answer(chat, asked, "3x20")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 20 @ 85 kg.\n"), changed.text
    [entry] = await stored_on_disk(chat, data)
    assert entry.exercise == before.exercise and entry.id == before.id and entry.at == before.at
    assert sets(entry) == [(20, 85.0)] * 3


async def test_a_typed_edit_naming_an_older_entrys_exercise_says_which_entry_it_changed(
    chat: Chat, clock: Clock, data: Path
) -> None:
    await one(chat, "/log hip thrust 3x10 85kg", clock)  # Mon 23 Nov
    clock.now += timedelta(days=1)
    await one(chat, "/log glute bridge 3x15 20kg", clock)
    older = await one(chat, "/edit hip thrust 3x10 90kg", clock)
    assert older.text.startswith(
        "Changed *Hip thrust*: 3 × 10 @ 90 kg.\n"
        "Entry #1 of Mon 23 Nov 2026: your latest Hip thrust, not your latest entry.\n"
        "Mon 23 Nov 2026, 09:00\n"
    ), older.text
    # The latest entry needs no such line; sets without a load keep (and show) the entry's load.
    latest = await one(chat, "/edit glute bridge 3x20", clock)
    assert latest.text.startswith("Changed *Glute bridge*: 3 × 20 @ 20 kg.\nTue 24 Nov 2026, "), latest.text
    hip, bridge = await stored_on_disk(chat, data)
    assert (hip.id, hip.exercise, sets(hip)) == (1, "hip_thrust", [(10, 90.0)] * 3)
    assert (bridge.id, bridge.exercise, sets(bridge)) == (2, "glute_bridge", [(20, 20.0)] * 3)


# -- 2: a date alone moves the entry there ---------------------------------------------------------------


@pytest.mark.parametrize("day", ["today", "tue", "2026-12-01", "0 days ago"])
async def test_a_date_alone_moves_yesterdays_entry_to_today(
    chat: Chat, clock: Clock, data: Path, day: str
) -> None:
    clock.now = TUESDAY
    logged = await one(chat, "/log hip thrust 3x10 80kg yesterday", clock)
    assert "\nMon 30 Nov 2026, 12:00\n" in logged.text, logged.text
    changed = await one(chat, f"/edit {day}", clock)
    # Today with no time is now, as /log dates it: never a time still to come.
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 80 kg.\nTue 01 Dec 2026, 09:00\n"), (
        changed.text
    )
    [entry] = await stored_on_disk(chat, data)
    assert entry.at == clock.now and sets(entry) == [(10, 80.0)] * 3


async def test_a_past_date_alone_keeps_the_entrys_time_of_day(chat: Chat, clock: Clock, data: Path) -> None:
    """Issue 10 (l5): a date alone moves the day, never the time, even onto a day holding entries (it
    was placed a minute after that day's latest: 18:01)."""
    clock.now = TUESDAY
    await one(chat, "/log rdl 3x8 60kg 2026-11-28 at 18:00", clock)
    await one(chat, "/log hip thrust 3x10 80kg yesterday", clock)  # noon: a past day with no time
    moved = await one(chat, "/edit 2026-11-28", clock)
    assert moved.text.startswith("Changed *Hip thrust*: 3 × 10 @ 80 kg.\nSat 28 Nov 2026, 12:00\n"), (
        moved.text
    )
    history = (await one(chat, "/history", clock)).text
    assert "#2 Hip thrust: 3 × 10 @ 80 kg" in history and "Sat 28 Nov 2026" in history, history
    # A day with nothing logged: the entry's own time of day too.
    noon = await one(chat, "/edit 2026-11-27", clock)
    assert noon.text.startswith("Changed *Hip thrust*: 3 × 10 @ 80 kg.\nFri 27 Nov 2026, 12:00\n"), noon.text
    # Its own day again: it stays where it is.
    same = await one(chat, "/edit fri", clock)
    assert same.text.startswith("Nothing to change: entry #2 is already *Hip thrust* 3 × 10 @ 80 kg"), (
        same.text
    )
    # Sets and "today" together: both changed, the load kept.
    both = await one(chat, "/edit 3x12 today", clock)
    assert both.text.startswith("Changed *Hip thrust*: 3 × 12 @ 80 kg.\nTue 01 Dec 2026, 09:00\n"), both.text
    moved_at = clock.now
    clock.now += timedelta(hours=2)
    again = await one(chat, "/edit today", clock)  # already today's: its time stays
    assert again.text.startswith("Nothing to change: entry #2 is already"), again.text
    ahead = await one(chat, "/edit 2026-12-05", clock)
    assert ahead.text == (
        "That date is still to come: log what you did, like yesterday or 2026-11-28. The entry is unchanged."
    )
    rdl, hip = await stored_on_disk(chat, data)
    assert rdl.at == datetime(2026, 11, 28, 18, 0, tzinfo=UTC)
    assert hip.at == moved_at and sets(hip) == [(12, 80.0)] * 3


async def test_the_edit_answer_with_a_date_alone_moves_the_entry(
    chat: Chat, clock: Clock, data: Path
) -> None:
    clock.now = TUESDAY
    logged = await one(chat, "/log hip thrust 3x10 80kg (felt ok) yesterday", clock)
    [asked] = await chat.press(logged, "Edit")
    [changed] = await answer(chat, asked, "today")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 80 kg.\nTue 01 Dec 2026, 09:00\n"), (
        changed.text
    )
    assert "Note: felt ok" in changed.text
    [entry] = await stored_on_disk(chat, data)
    assert entry.at == clock.now and entry.note == "felt ok" and sets(entry) == [(10, 80.0)] * 3

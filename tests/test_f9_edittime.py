"""A tester's /log and /edit faults (f9): an /edit giving only a time moved the entry to today (or was
refused as "still to come" on yesterday's entry); the "at 07:00 (no weight)" button of "at 7" stored a
loaded lift at bodyweight when it was last done with a load; a lone "28/11" was stored as reps 28, 11;
and parse errors named what the user never typed ("'28.11 kg' has no sets", "'9 kg' has no sets").
Checked as the console user sees them (text, buttons, what is stored, /history), through the same
dispatch every adapter uses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.messages import Reply
from domain.training import Entry
from tests.conftest import Chat, Clock
from tests.test_log_flow import answer, labels

AMS = ZoneInfo("Europe/Amsterdam")


def stored(chat: Chat) -> list[Entry]:
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    return store.entries(store.account_of(chat.user))


async def one(chat: Chat, line: str, clock: Clock) -> Reply:
    clock.now += timedelta(seconds=1)  # one write a second: the write limit never counts these
    [reply] = await chat.say(line)
    return reply


async def amsterdam(chat: Chat, clock: Clock) -> None:
    assert "Timezone set" in (await one(chat, "/timezone Europe/Amsterdam", clock)).text


# -- 1: a time with no date in an /edit is on the entry's own day --------------------------------------


async def test_the_edit_answer_with_a_time_keeps_the_entrys_day(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # Tue 02:00 in Amsterdam
    await amsterdam(chat, clock)
    logged = await one(chat, "/log hip thrust 3x10 80kg 2026-11-27", clock)
    assert "Fri 27 Nov 2026" in logged.text, logged.text
    [asked] = await chat.press(logged, "Edit")
    [changed] = await answer(chat, asked, "3x10 85kg at 0:30")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 85 kg.\nFri 27 Nov 2026, 00:30"), (
        changed.text
    )
    [entry] = stored(chat)
    assert entry.at == datetime(2026, 11, 27, 0, 30, tzinfo=AMS)
    assert [s.load for s in entry.sets] == [85.0] * 3
    history = (await one(chat, "/history", clock)).text
    assert "Fri 27 Nov 2026" in history and "Tue 01 Dec 2026" not in history, history


async def test_edit_at_7am_on_yesterdays_entry_is_yesterday_at_7(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # Tue 06:00 in Amsterdam: 07:00 is to come today
    await amsterdam(chat, clock)
    await one(chat, "/log hip thrust 3x10 80kg yesterday", clock)
    changed = await one(chat, "/edit hip thrust 3x10 80kg at 7am", clock)
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 80 kg.\nMon 30 Nov 2026, 07:00"), (
        changed.text
    )
    assert stored(chat)[0].at == datetime(2026, 11, 30, 7, 0, tzinfo=AMS)
    # the time alone, too: the sets stay, the day stays
    alone = await one(chat, "/edit at 6:15pm", clock)
    assert alone.text.startswith("Changed *Hip thrust*: 3 × 10 @ 80 kg.\nMon 30 Nov 2026, 18:15"), alone.text
    # a date typed still moves it, as before
    moved = await one(chat, "/edit 3x10 80kg 2026-11-28 at 9am", clock)
    assert "Sat 28 Nov 2026, 09:00" in moved.text, moved.text


async def test_edit_of_todays_entry_to_a_time_still_to_come_is_refused(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # Tue 06:00 in Amsterdam
    await amsterdam(chat, clock)
    await one(chat, "/log hip thrust 3x10 80kg", clock)
    refused = await one(chat, "/edit 3x10 80kg at 7am", clock)
    assert "still to come" in refused.text and "The entry is unchanged" in refused.text, refused.text
    earlier = await one(chat, "/edit 3x10 80kg at 5am", clock)
    assert "Tue 01 Dec 2026, 05:00" in earlier.text, earlier.text


# -- 2: the time button of "at 7" on a lift last done with a load -------------------------------------


async def test_at_7_on_a_loaded_lift_offers_the_time_with_last_times_load(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tue 10:00 in Amsterdam
    await amsterdam(chat, clock)
    await one(chat, "/log hip thrust 3x10 80kg yesterday", clock)
    asked = await one(chat, "/log hip thrust 3x10 at 7", clock)
    assert asked.text == (
        "Did you mean 7 kg, at 07:00 with 80 kg as last time, or at 07:00 with no weight? "
        "Nothing is logged until you choose."
    ), asked.text
    assert labels(asked) == ["7 kg", "at 07:00, 80 kg", "at 07:00 (no weight)"]
    [logged] = await chat.press(asked, "at 07:00, 80 kg")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 80 kg.\nTue 01 Dec 2026, 07:00"), logged.text
    last = stored(chat)[-1]
    assert [s.load for s in last.sets] == [80.0] * 3 and last.at == datetime(2026, 12, 1, 7, 0, tzinfo=AMS)
    # bodyweight only when pressed as such, and the label says so
    asked = await one(chat, "/log hip thrust 3x10 at 7", clock)
    [bodyweight] = await chat.press(asked, "at 07:00 (no weight)")
    assert "bodyweight" in bodyweight.text and "07:00" in bodyweight.text, bodyweight.text
    assert [s.load for s in stored(chat)[-1].sets] == [None] * 3


# -- 3: a lone A/B that reads as a date ----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "/log hip thrust 80kg 28/11",
        "/log hip thrust 28/11 80kg",
        "/log glute bridge bw 28/11",
    ],
)
async def test_a_lone_day_slash_month_is_refused_as_a_date(chat: Chat, clock: Clock, typed: str) -> None:
    reply = await one(chat, typed, clock)
    assert reply.text.startswith("'28/11' looks like a date: write the date like 28 nov or 2026-11-28."), (
        reply.text
    )
    assert "Nothing was logged" in reply.text and stored(chat) == []


async def test_edit_with_a_lone_day_slash_month_leaves_the_entry(chat: Chat, clock: Clock) -> None:
    await one(chat, "/log hip thrust 3x10 80kg", clock)
    refused = await one(chat, "/edit hip thrust 28/11 80kg", clock)
    assert refused.text.startswith("'28/11' looks like a date"), refused.text
    assert "The entry is unchanged" in refused.text
    assert [s.reps for s in stored(chat)[0].sets] == [10] * 3


@pytest.mark.parametrize(
    ("typed", "reps"),
    [
        ("/log hip thrust 10/9 80kg", [10, 9]),
        ("/log glute bridge bw 10/9", [10, 9]),
        ("/log bulgarian split squat 10/9 each side 12kg", [10, 9]),
        ("/log glute bridge bw 31/11", [31, 11]),  # no 31 November: reps, as typed
    ],
)
async def test_close_reps_with_a_slash_stay_reps(
    chat: Chat, clock: Clock, typed: str, reps: list[int]
) -> None:
    reply = await one(chat, typed, clock)
    assert reply.text.startswith("Logged"), reply.text
    assert [s.reps for s in stored(chat)[0].sets] == reps


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("/log hip thrust 3x10 80kg 28.11", "'28.11' looks like a date: write the date like 28 nov"),
        ("/log hip thrust 100kg x 10/9", "I can't tell what '10/9' means"),
    ],
)
async def test_parse_errors_name_only_what_was_typed(chat: Chat, clock: Clock, typed: str, said: str) -> None:
    reply = await one(chat, typed, clock)
    assert reply.text.startswith(said), reply.text
    assert " kg' has no sets" not in reply.text and stored(chat) == []


async def test_edit_at_7_offers_the_time_with_the_entrys_own_load(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tue 10:00 in Amsterdam
    await amsterdam(chat, clock)
    await one(chat, "/log hip thrust 3x10 80kg yesterday", clock)
    asked = await one(chat, "/edit 3x12 at 7", clock)
    assert asked.text == (
        "Did you mean 7 kg, at 07:00 with 80 kg as logged, or at 07:00 with no weight? "
        "The entry is unchanged until you choose."
    ), asked.text
    assert labels(asked) == ["7 kg", "at 07:00, 80 kg", "at 07:00 (no weight)"]
    [changed] = await chat.press(asked, "at 07:00, 80 kg")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 12 @ 80 kg.\nMon 30 Nov 2026, 07:00"), (
        changed.text
    )
    [entry] = stored(chat)
    assert [s.load for s in entry.sets] == [80.0] * 3 and entry.at == datetime(2026, 11, 30, 7, 0, tzinfo=AMS)

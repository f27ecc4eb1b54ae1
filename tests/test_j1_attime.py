"""/log's "at 7" and repeats with a time (j1): before 07:00 the "at 07:00" buttons of "hip thrust 3x10
at 7" were refused when pressed (07:00 today is still to come), and "same at 7", "hip thrust same at 7"
and "+2.5kg at 7" were refused with a misleading "Write 'same' ... alone". Now no button is offered
that is then refused (the time before 07:00 is yesterday's, named with its date), a repeat reads
"at N" as its time, and a refusal names the line to type. Checked through the real dispatch (console)
and the real Telegram and Discord clients against their loopback fakes, with an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coaching.logparse import Ambiguous, LogContext, LogParseError, parse_log
from core.messages import Reply
from domain.training import Entry
from tests.conftest import Chat, Clock
from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.fakes.discord_api import USER_ID
from tests.test_ask import press
from tests.test_log_platforms import app, coach, ids, now  # noqa: F401 - fixtures
from tests.test_telegram import USER

AMS = ZoneInfo("Europe/Amsterdam")
EARLY = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # Tue 06:00 in Amsterdam: 07:00 today is to come
LATE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tue 10:00 in Amsterdam: 07:00 has been
YESTERDAY_7 = datetime(2026, 11, 30, 7, 0, tzinfo=AMS)
TODAY_7 = datetime(2026, 12, 1, 7, 0, tzinfo=AMS)
QUESTION = (
    "Did you mean 7 kg, Mon 30 Nov at 07:00 with 80 kg as last time, or Mon 30 Nov at 07:00 with no "
    "weight? Nothing is logged until you choose."
)
BUTTONS = ["7 kg", "Mon 30 Nov at 07:00, 80 kg", "Mon 30 Nov at 07:00 (no weight)"]


def stored(chat: Chat) -> list[Entry]:
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    return store.entries(store.account_of(chat.user))


def labels(reply: Reply) -> list[str]:
    return [b.label for row in reply.buttons for b in row]


def sets(entry: Entry) -> list[tuple[int, float | None]]:
    return [(s.reps, s.load) for s in entry.sets]


async def one(chat: Chat, line: str, clock: Clock) -> Reply:
    clock.now += timedelta(seconds=1)  # one write a second: the write limit never counts these
    [reply] = await chat.say(line)
    return reply


async def lifter(chat: Chat, clock: Clock, then: datetime) -> None:
    """An Amsterdam lifter whose hip thrust was 3x10 at 80 kg on Sunday; the clock at ``then``."""
    clock.now = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)
    assert "Timezone set" in (await one(chat, "/timezone Europe/Amsterdam", clock)).text
    assert (await one(chat, "/log hip thrust 3x10 80kg", clock)).text.startswith("Logged")
    clock.now = then


# -- 1: before 07:00, "at 7" offers only buttons that store what they say -------------------------------


@pytest.mark.parametrize(
    ("label", "at", "loads"),
    [
        ("7 kg", EARLY, [7.0] * 3),
        ("Mon 30 Nov at 07:00, 80 kg", YESTERDAY_7, [80.0] * 3),
        ("Mon 30 Nov at 07:00 (no weight)", YESTERDAY_7, [None] * 3),
    ],
)
async def test_every_button_of_at_7_before_seven_stores_what_it_says(
    chat: Chat, clock: Clock, label: str, at: datetime, loads: list[float | None]
) -> None:
    await lifter(chat, clock, EARLY)
    for typed in ("/log hip thrust 3x10 at 7", "/log hip thrust at 7 3x10"):
        asked = await one(chat, typed, clock)
        assert asked.text == QUESTION, (typed, asked.text)
        assert labels(asked) == BUTTONS
    assert len(stored(chat)) == 1  # nothing stored while asked
    [logged] = await chat.press(asked, label)
    if label == "7 kg":
        # 7 kg of work after yesterday's 80 kg is far lighter: asked, as any such load is
        # (tests/test_lighter_asked.py); confirmed, it is stored as the button said.
        assert logged.text.startswith("7 kg is under a quarter of your recent work (80 kg)."), logged.text
        [logged] = await chat.press(logged, "Confirm")
    assert logged.text.startswith("Logged *Hip thrust*"), logged.text
    assert f"{at.astimezone(AMS):%a %d %b %Y, %H:%M}" in logged.text, logged.text
    [_, entry] = stored(chat)
    assert entry.at == at.astimezone(UTC) if at is not EARLY else entry.at == clock.now
    assert [s.load for s in entry.sets] == loads and [s.reps for s in entry.sets] == [10] * 3


async def test_after_seven_the_same_line_asks_about_todays_seven(chat: Chat, clock: Clock) -> None:
    await lifter(chat, clock, LATE)
    asked = await one(chat, "/log hip thrust 3x10 at 7", clock)
    assert asked.text == QUESTION.replace("Mon 30 Nov at ", "at ")
    assert labels(asked) == ["7 kg", "at 07:00, 80 kg", "at 07:00 (no weight)"]
    [logged] = await chat.press(asked, "at 07:00, 80 kg")
    assert "Tue 01 Dec 2026, 07:00" in logged.text, logged.text
    assert stored(chat)[-1].at == TODAY_7


def test_a_bodyweight_exercise_before_seven_asks_with_the_date_not_silently() -> None:
    early = LogContext(EARLY, AMS, "kg", loaded=lambda _: False)
    asked = parse_log("glute bridge 3x15 at 7", early)
    assert isinstance(asked, Ambiguous)
    assert asked.question == "Did you mean 7 kg or Mon 30 Nov at 07:00 (no weight)?"
    assert asked.readings[1].at == YESTERDAY_7 and all(s.load is None for s in asked.readings[1].sets)
    assert asked.readings[1].at <= EARLY  # the time offered is never still to come


def test_a_day_given_with_its_seven_still_to_come_says_what_to_type() -> None:
    # "today" (or an /edit of today's entry) leaves no other 07:00: no button, the two ways to write it
    with pytest.raises(LogParseError) as raised:
        parse_log("hip thrust 3x10 at 7 today", LogContext(EARLY, AMS))
    assert str(raised.value) == (
        "07:00 today is still to come: log what you did, like yesterday at 07:00. For 7 kg, write 7kg."
    )
    with pytest.raises(LogParseError, match="For 7 kg, write 7kg"):
        parse_log("hip thrust 3x10 at 7", LogContext(EARLY, AMS, time_on=datetime(2026, 12, 1).date()))


async def test_a_time_to_come_names_the_line_to_type(chat: Chat, clock: Clock) -> None:
    await lifter(chat, clock, EARLY)
    refused = await one(chat, "/log hip thrust 3x10 80kg at 7am", clock)
    assert refused.text.startswith(
        "07:00 today is still to come: for yesterday's, write hip thrust 3x10 80kg at 7am yesterday. "
        "Nothing was logged."
    ), refused.text
    assert len(stored(chat)) == 1
    logged = await one(chat, "/log hip thrust 3x10 80kg at 7am yesterday", clock)
    assert "Mon 30 Nov 2026, 07:00" in logged.text and stored(chat)[-1].at == YESTERDAY_7


# -- 2: "same at 7", "+2.5kg at 7": the time of a repeat ------------------------------------------------


@pytest.mark.parametrize("typed", ["same at 7", "hip thrust same at 7", "hip thrust same as last time at 7"])
async def test_same_at_7_repeats_the_last_entry_at_seven(chat: Chat, clock: Clock, typed: str) -> None:
    await lifter(chat, clock, LATE)
    logged = await one(chat, f"/log {typed}", clock)
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 80 kg.\nTue 01 Dec 2026, 07:00"), logged.text
    entry = stored(chat)[-1]
    assert entry.at == TODAY_7 and sets(entry) == [(10, 80.0)] * 3


async def test_same_at_7_before_seven_says_the_line_that_works(chat: Chat, clock: Clock) -> None:
    await lifter(chat, clock, EARLY)
    for typed, line in (
        ("same at 7", "same at 7 yesterday"),
        ("hip thrust same at 7", "hip thrust same at 7 yesterday"),
        ("hip thrust +2.5kg at 7", "hip thrust +2.5kg at 7 yesterday"),
    ):
        refused = await one(chat, f"/log {typed}", clock)
        assert refused.text.startswith(
            f"07:00 today is still to come: for yesterday's, write {line}. Nothing was logged."
        ), refused.text
        assert "alone" not in refused.text
    assert len(stored(chat)) == 1
    # the line it names logs yesterday's 07:00, as do the other ways of writing it
    for typed in ("same at 7 yesterday", "hip thrust same yesterday at 7", "yesterday at 7 hip thrust same"):
        logged = await one(chat, f"/log {typed}", clock)
        assert "Mon 30 Nov 2026, 07:00" in logged.text, (typed, logged.text)
        assert stored(chat)[-1].at == YESTERDAY_7 and sets(stored(chat)[-1]) == [(10, 80.0)] * 3
    changed = await one(chat, "/log hip thrust +2.5kg at 7 yesterday", clock)
    assert changed.text.startswith("Logged *Hip thrust*: 3 × 10 @ 82.5 kg.\nMon 30 Nov 2026, 07:00")


async def test_changes_take_a_time_or_a_date_as_same_does(chat: Chat, clock: Clock) -> None:
    await lifter(chat, clock, LATE)
    heavier = await one(chat, "/log hip thrust +2.5kg at 7", clock)
    assert heavier.text.startswith("Logged *Hip thrust*: 3 × 10 @ 82.5 kg.\nTue 01 Dec 2026, 07:00")
    assert stored(chat)[-1].at == TODAY_7 and sets(stored(chat)[-1]) == [(10, 82.5)] * 3
    more = await one(chat, "/log hip thrust +1 rep yesterday", clock)
    assert more.text.startswith("Logged *Hip thrust*: 3 × 11 @ 82.5 kg.\nMon 30 Nov 2026"), more.text
    assert stored(chat)[-1].at.astimezone(AMS).date() == YESTERDAY_7.date()
    assert sets(stored(chat)[-1]) == [(11, 82.5)] * 3


async def test_same_at_a_number_that_is_no_hour_says_what_to_type(chat: Chat, clock: Clock) -> None:
    await lifter(chat, clock, LATE)
    refused = await one(chat, "/log hip thrust same at 80", clock)
    assert refused.text.startswith(
        "at 80 is not a time, and same keeps last time's load: write the sets (hip thrust 3x10 80kg) or a "
        "change (+2.5kg); a time is at 7am. Nothing was logged."
    ), refused.text
    assert len(stored(chat)) == 1


# -- 3: the same over the real clients -------------------------------------------------------------------


async def test_telegram_at_7_before_seven_and_same_at_7(coach, now) -> None:  # noqa: F811
    me = f"telegram:{USER}"
    clock = now  # the injected clock the coach runs on
    clock.now = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)
    await coach.say("/timezone Europe/Amsterdam")
    await coach.say("/log hip thrust 3x10 80kg")
    clock.now = EARLY
    [asked] = await coach.say("/log hip thrust 3x10 at 7")
    assert asked.text == QUESTION
    assert [label for row in asked.buttons for label, _ in row] == BUTTONS
    [logged] = await coach.press(asked, "Mon 30 Nov at 07:00, 80 kg")
    assert logged.text.startswith("Logged <b>Hip thrust</b>: 3 × 10 @ 80 kg.\nMon 30 Nov 2026, 07:00")
    assert coach.app.store.entries(me)[-1].at == YESTERDAY_7
    [refused] = await coach.say("/log same at 7")
    assert "write same at 7 yesterday." in refused.text and len(coach.app.store.entries(me)) == 2
    clock.now = LATE
    [again] = await coach.say("/log same at 7")
    assert again.text.startswith("Logged <b>Hip thrust</b>: 3 × 10 @ 80 kg.\nTue 01 Dec 2026, 07:00")
    assert coach.app.store.entries(me)[-1].at == TODAY_7


async def test_discord_at_7_before_seven_offers_yesterday(app, fake, start_adapter, now) -> None:  # noqa: F811
    me = f"discord:{USER_ID}"
    adapter = await start_adapter()
    now.now = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)
    await run(fake, adapter, fake.slash("timezone", {"zone": "Europe/Amsterdam"}))
    await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x10 80kg"}))
    now.now = EARLY
    [asked] = await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x10 at 7"}))
    assert asked.content == QUESTION and ids(asked) == BUTTONS
    calls = await press(fake, adapter, asked, "Mon 30 Nov at 07:00 (no weight)")
    assert "Logged **Hip thrust**: 3 × 10 bodyweight.\nMon 30 Nov 2026, 07:00" in calls[-1].content
    entry = app.store.entries(me)[-1]
    assert entry.at == YESTERDAY_7 and sets(entry) == [(10, None)] * 3


@pytest.mark.parametrize(
    "typed",
    [
        "hip thrust 3x10 80kg at 7am",
        "7am hip thrust 3x10 80kg",
        "at 7 hip thrust 3x10 80kg",
        "hip thrust at 7:30 3x10 80kg",
        "hip thrust 60x10, 80x8 at 9pm.",
        "hip thrust 3x10 80kg at 7am (felt easy)",
        "hip thrust 3x10 80kg at 7am -- left knee 💪",
        "goblet squat (kettlebell) 3x10 12kg at 7am",
        "same at 7",
        "hip thrust +1 rep at 7 (easy)",
    ],
)
def test_the_line_a_time_to_come_names_logs_it_yesterday(typed: str) -> None:
    """Every line the refusal names reads as typed (exercise, sets, note), only on yesterday."""
    early = LogContext(EARLY, AMS)
    with pytest.raises(LogParseError) as raised:
        parse_log(typed, early)
    said = str(raised.value)
    assert said.startswith(("07:00 today", "07:30 today", "21:00 today")), said
    line = said.split("for yesterday's, write ", 1)[1].removesuffix(".")
    again = parse_log(line, early)
    # the line as typed, read late yesterday (its time then past), is what the named line reads now
    late_yesterday = LogContext(datetime(2026, 11, 30, 23, 30, tzinfo=AMS), AMS)
    assert again == parse_log(typed, late_yesterday), line
    assert again.at.astimezone(AMS).date() == YESTERDAY_7.date()

"""Tester r2: program weeks are calendar weeks (Monday to Sunday in the user's timezone), as /plan's
"hard glute sets this week" counts them, not seven days from whichever weekday the first session fell
on: with sessions in the weeks of 9, 16 and 23 Nov, Tue 1 Dec is week 4 of an advanced block, the
lighter week the program plans."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from coaching.programs import PROGRAMS, block_week
from tests.conftest import Chat, Clock

WEDNESDAY_11_NOV = datetime(2026, 11, 11, 9, 0, tzinfo=UTC)
TUESDAY_1_DEC = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


async def _three_weekly_sessions(chat: Chat, clock: Clock, start_program: bool) -> None:
    clock.now = WEDNESDAY_11_NOV
    await chat.say("/level advanced")
    if start_program:
        await chat.say("/program start advanced-3")
    for week, reps in enumerate((6, 7, 8)):  # Wed 11, 18 and 25 Nov, a rep more each week
        clock.now = WEDNESDAY_11_NOV + timedelta(weeks=week)
        await chat.say(f"/log hip thrust 4x{reps} 100kg")


async def test_the_fourth_calendar_week_is_the_lighter_week_without_a_program(
    chat: Chat, clock: Clock
) -> None:
    await _three_weekly_sessions(chat, clock, start_program=False)
    clock.now = TUESDAY_1_DEC
    [plan] = await chat.say("/plan")
    assert (
        "Advanced, 3 days a week (advanced-3): block 1, week 4 of 4, day 1 of 3 (Thrust day). "
        "This is the lighter week: fewer sets, no more load or reps than last time."
    ) in plan.text, plan.text
    # The week /plan counts hard sets in is the same calendar week: it began on Monday 30 Nov.
    assert "0 hard glute sets this week" in plan.text
    main = next(s.body for s in plan.sections if s.name == "2. Main lift")
    # 3 of the program's 4 sets, no more reps or load than last week's: the lighter week's target.
    assert "*Hip thrust*: 3 × 8 @ 100 kg" in main and "Lighter week" in main, main


async def test_a_program_started_on_a_wednesday_counts_weeks_from_monday(chat: Chat, clock: Clock) -> None:
    await _three_weekly_sessions(chat, clock, start_program=True)
    clock.now = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)  # Sunday: still the third week
    assert (
        "block 1, week 3 of 4" in (text := await chat.text("/plan"))
        and "Next week is the lighter week" in text
    )
    clock.now = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # Monday: the lighter week begins
    assert (
        "block 1, week 4 of 4" in (text := await chat.text("/program")) and "This is the lighter week" in text
    )
    clock.now = TUESDAY_1_DEC
    assert "block 1, week 4 of 4" in (text := await chat.text("/plan")) and "This is the lighter week" in text


async def test_weeks_turn_at_monday_in_the_users_timezone(chat: Chat, clock: Clock) -> None:
    await _three_weekly_sessions(chat, clock, start_program=True)
    await chat.say("/timezone America/New_York")
    # Mon 30 Nov 03:00 UTC is still Sunday evening in New York: the third week there.
    clock.now = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    assert "block 1, week 3 of 4" in await chat.text("/plan")
    clock.now = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # 01:00 Monday in New York
    assert "block 1, week 4 of 4" in await chat.text("/plan")


def test_block_week_counts_calendar_weeks() -> None:
    advanced = PROGRAMS["advanced-3"]
    wednesday = date(2026, 11, 11)
    assert block_week(advanced, wednesday, date(2026, 11, 15)).week == 1  # its Sunday
    assert block_week(advanced, wednesday, date(2026, 11, 16)).week == 2  # the next Monday
    lighter = block_week(advanced, wednesday, date(2026, 12, 1))
    assert (lighter.week, lighter.week_in_block, lighter.lighter) == (4, 4, True)
    assert block_week(advanced, wednesday, date(2026, 12, 7)).block == 2

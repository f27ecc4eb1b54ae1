"""A reminder is sent once per local date. What /reminders promises after today's came, and a zone
change that moves the dates (a tester: "Next: Thu 03 Dec 19:00" after moving 07:00 to 19:00 once the
07:00 one had come, never sent; Tokyo to São Paulo lost the next morning's reminder)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.test_session_pushes import Console


async def test_moved_later_after_todays_came_says_tomorrow(app, clock) -> None:
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # a Thursday
    await c.say("/timezone Europe/London")
    await c.say("/remind daily 07:00 gap 5m")
    assert "Time to activate" in await c.at(datetime(2026, 12, 3, 7, 0, 5, tzinfo=UTC))
    await c.at(datetime(2026, 12, 3, 7, 5, 5, tzinfo=UTC))
    moved = await c.say("/remind edit 1 19:00")
    assert "Next: Fri 04 Dec 19:00 (today's came already)" in moved, moved
    # And so it is: nothing at 19:00 today (one a day), Friday's at 19:00.
    assert await c.at(datetime(2026, 12, 3, 19, 0, 5, tzinfo=UTC)) == ""
    assert "Time to activate" in await c.at(datetime(2026, 12, 4, 19, 0, 5, tzinfo=UTC))
    await c.at(datetime(2026, 12, 4, 19, 5, 5, tzinfo=UTC))
    # Moved to days without today: today has none anyway, so no "came already" (tester 7).
    moved = await c.say("/remind edit 1 mon,wed 19:00")
    assert "Next: Mon 07 Dec 19:00." in moved and "came already" not in moved, moved


async def test_a_zone_west_after_todays_came_sends_none_twice_that_day(app, clock) -> None:
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    await c.say("/timezone Europe/London")
    await c.say("/remind daily 07:00 gap 5m")
    await c.at(datetime(2026, 12, 3, 7, 0, 5, tzinfo=UTC))
    await c.at(datetime(2026, 12, 3, 7, 5, 5, tzinfo=UTC))
    await c.say("/timezone America/New_York")  # 07:00 London was 02:00 there: today's came
    assert "Next: Fri 04 Dec 07:00 (today's came already)" in await c.say("/reminders")
    assert await c.at(datetime(2026, 12, 3, 12, 0, 5, tzinfo=UTC)) == ""  # 07:00 in New York


async def test_a_zone_whose_today_is_yesterday_gets_its_next_morning(app, clock) -> None:
    c = Console(app, clock)
    clock.now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    await c.say("/timezone Asia/Tokyo")
    await c.say("/remind daily 07:45 gap 5m")
    # 07:45 on the 24th in Tokyo is 19:45 on the 23rd in São Paulo.
    assert "Time to activate" in await c.at(datetime(2026, 11, 23, 22, 45, 5, tzinfo=UTC))
    await c.at(datetime(2026, 11, 23, 22, 50, 5, tzinfo=UTC))
    await c.say("/timezone America/Sao_Paulo")
    assert "Next: Tue 24 Nov 07:45 (today's came already)" in await c.say("/reminders")
    assert "Time to activate" in await c.at(datetime(2026, 11, 24, 10, 45, 5, tzinfo=UTC))


async def test_a_zone_change_with_a_lift_pending_keeps_the_next_day(app, clock) -> None:
    # Tester 7: London 07:00, then Tokyo (its activation sent, the lift pending), then back to London:
    # "Next: Sat 05 Dec 07:00", and nothing came on Friday 07:00 in London.
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    await c.say("/timezone Europe/London")
    await c.say("/remind daily 07:00 gap 10m")
    await c.at(datetime(2026, 12, 3, 7, 0, 5, tzinfo=UTC))
    await c.at(datetime(2026, 12, 3, 7, 10, 5, tzinfo=UTC))
    clock.now = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    await c.say("/timezone Asia/Tokyo")
    assert "Time to activate" in await c.at(datetime(2026, 12, 3, 22, 0, 5, tzinfo=UTC))  # 07:00 Fri, Tokyo
    clock.now = datetime(2026, 12, 3, 22, 2, tzinfo=UTC)
    await c.say("/timezone Europe/London")
    assert "Next: Fri 04 Dec 07:00" in await c.say("/reminders")
    assert "Time to lift" in await c.at(datetime(2026, 12, 3, 22, 10, 5, tzinfo=UTC))  # the pending lift
    assert "Time to activate" in await c.at(datetime(2026, 12, 4, 7, 0, 5, tzinfo=UTC))


async def test_a_zone_change_after_a_time_edit_places_the_day_by_when_it_came(app, clock) -> None:
    # Tester 7: London 07:00 came, moved to 19:00, then Tokyo: "Next: Sat 05 Dec 19:00" (Friday's lost):
    # the day was placed at 19:00 London, when nothing came.
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    await c.say("/timezone Europe/London")
    await c.say("/remind daily 07:00 gap 5m")
    await c.at(datetime(2026, 12, 3, 7, 0, 5, tzinfo=UTC))
    await c.at(datetime(2026, 12, 3, 7, 5, 5, tzinfo=UTC))
    await c.say("/remind edit 1 19:00")
    clock.now = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    await c.say("/timezone Asia/Tokyo")  # 07:00 London was 16:00 Thursday in Tokyo
    assert "Next: Fri 04 Dec 19:00" in await c.say("/reminders")
    assert "Time to activate" in await c.at(datetime(2026, 12, 4, 10, 0, 5, tzinfo=UTC))  # 19:00 Tokyo

"""A reminder on a day the main lift is logged already says so (tester 21: the lift reminder still
said "Time to lift … Hip thrust: 3 × 11 …" while /plan said "✓ Done today"): no call to warm up or
lift a lift done, only next time's target, as /plan gives it."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.console.adapter import USER
from tests.test_session_pushes import Console


async def test_pushes_after_the_lift_was_logged_say_it_is_done(app, clock) -> None:
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # a Thursday
    await c.say("/timezone Europe/London")
    await c.say("/remind daily 18:00 gap 10m")
    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    await c.say("/log hip thrust 3x10 80kg")  # trained in the morning
    plan = await c.say("/plan")
    assert "✓ Done today. Next time:" in plan, plan
    activation = await c.at(datetime(2026, 12, 3, 18, 0, 5, tzinfo=UTC))
    assert "Lift done today" in activation and "You logged Hip thrust today already" in activation, activation
    assert "✓ Done today. Next time:" in activation and "3 × 11 @ 80 kg" in activation, activation
    assert "Time to activate" not in activation, activation
    assert "start lifting" not in activation, activation  # no "activation done" button to press
    # Said once: no lift push after it, and the next day's come as usual.
    assert await c.at(datetime(2026, 12, 3, 18, 10, 5, tzinfo=UTC)) == ""
    [schedule] = app.store.schedules(app.store.account_of(USER))
    assert schedule.last_lift == "2026-12-03" and not schedule.pending_lift_at


async def test_a_warm_up_alone_is_no_lift_done(app, clock) -> None:
    # "bar x10" before the work is a warm-up: the reminders go on as usual (/plan's `worked_today`).
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    await c.say("/timezone Europe/London")
    await c.say("/remind daily 18:00 gap 10m")
    clock.now = datetime(2026, 12, 3, 17, 50, tzinfo=UTC)
    await c.say("/log hip thrust w 20x10")
    assert "Time to activate" in await c.at(datetime(2026, 12, 3, 18, 0, 5, tzinfo=UTC))
    assert "Time to lift" in await c.at(datetime(2026, 12, 3, 18, 10, 5, tzinfo=UTC))


async def test_the_next_day_reminds_as_usual(app, clock) -> None:
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    await c.say("/timezone Europe/London")
    await c.say("/remind daily 18:00 gap 10m")
    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    await c.say("/log hip thrust 3x10 80kg")
    await c.at(datetime(2026, 12, 3, 18, 0, 5, tzinfo=UTC))
    await c.at(datetime(2026, 12, 3, 18, 10, 5, tzinfo=UTC))
    assert "Time to activate" in await c.at(datetime(2026, 12, 4, 18, 0, 5, tzinfo=UTC))
    lift = await c.at(datetime(2026, 12, 4, 18, 10, 5, tzinfo=UTC))
    assert "Time to lift" in lift and "already" not in lift, lift


def no_reminder(pushed: str) -> bool:
    """No reminder push among ``pushed`` (a session summary may come meanwhile)."""
    return not any(title in pushed for title in ("Lift done today", "Time to activate", "Time to lift"))


async def test_two_reminders_on_a_done_day_say_it_once(app, clock) -> None:
    # Two reminders the same evening after a morning session: the first says it is done, the second
    # nothing (no activation, no lift), and more sets logged in between change nothing.
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # a Thursday
    await c.say("/timezone Europe/London")
    await c.say("/remind thu 18:00 gap 1m")
    await c.say("/remind thu 18:30 gap 1m")
    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    await c.say("/log hip thrust 3x10 80kg")
    first = await c.at(datetime(2026, 12, 3, 18, 0, 5, tzinfo=UTC))
    assert first.count("Lift done today") == 1, first
    assert no_reminder(await c.at(datetime(2026, 12, 3, 18, 1, 5, tzinfo=UTC)))
    clock.now = datetime(2026, 12, 3, 18, 10, tzinfo=UTC)
    await c.say("/log hip thrust 1x10 80kg")  # one more set of the same lift, the same day
    assert no_reminder(await c.at(datetime(2026, 12, 3, 18, 30, 5, tzinfo=UTC)))
    assert no_reminder(await c.at(datetime(2026, 12, 3, 18, 31, 5, tzinfo=UTC)))
    assert c.pushed().count("Lift done today") == 1, c.pushed()
    # The next week both come as usual.
    assert "Time to activate" in await c.at(datetime(2026, 12, 10, 18, 0, 5, tzinfo=UTC))
    assert "Time to lift" in await c.at(datetime(2026, 12, 10, 18, 1, 5, tzinfo=UTC))
    assert "Time to activate" in await c.at(datetime(2026, 12, 10, 18, 30, 5, tzinfo=UTC))


async def test_the_first_reminder_after_the_log_says_it_is_done(app, clock) -> None:
    # The 18:00 reminder came before the lift was logged (activation, then its lift push skipped): the
    # 19:00 one is the first after the log, so it says it is done; a one-off at 20:00 says nothing.
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    await c.say("/timezone Europe/London")
    await c.say("/remind thu 18:00 gap 10m")
    await c.say("/remind thu 19:00 gap 10m")
    await c.say("/remind today 20:00 gap 10m")
    assert "Time to activate" in await c.at(datetime(2026, 12, 3, 18, 0, 5, tzinfo=UTC))
    clock.now = datetime(2026, 12, 3, 18, 5, tzinfo=UTC)
    await c.say("/log hip thrust 3x10 80kg")
    assert no_reminder(await c.at(datetime(2026, 12, 3, 18, 10, 5, tzinfo=UTC)))
    done = await c.at(datetime(2026, 12, 3, 19, 0, 5, tzinfo=UTC))
    assert "Lift done today" in done, done
    assert no_reminder(await c.at(datetime(2026, 12, 3, 19, 10, 5, tzinfo=UTC)))
    assert no_reminder(await c.at(datetime(2026, 12, 3, 20, 0, 5, tzinfo=UTC)))
    assert no_reminder(await c.at(datetime(2026, 12, 3, 20, 10, 5, tzinfo=UTC)))
    reminders = await c.say("/reminders")
    assert "one-off" not in reminders, reminders  # the one-off is over


async def test_remind_on_a_done_day_says_today_brings_nothing_more(app, clock) -> None:
    # Set after the session for later today: the reply does not promise today's activation and lift.
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # a Thursday
    await c.say("/timezone Europe/London")
    before = await c.say("/remind thu 07:00 gap 30m")  # nothing logged yet: the usual promise
    assert "At 07:00 you get the activation routine, 30 min later your main lift" in before, before
    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    await c.say("/log hip thrust 3x10 80kg")
    weekly = await c.say("/remind thu 20:00 gap 30m")
    assert (
        "Hip thrust is logged today already, so today's reminder asks for nothing more; "
        "from Thu 10 Dec it brings the activation, then the lift."
    ) in weekly, weekly
    assert "you get the activation routine" not in weekly, weekly
    once = await c.say("/remind today 21:00")
    assert "Hip thrust is logged today already, so this one-off asks for nothing more; then it is done." in (
        once
    ), once
    # A first occurrence on another day brings the whole routine as usual.
    tomorrow = await c.say("/remind fri 18:00")
    assert "At 18:00 you get the activation routine" in tomorrow and "already" not in tomorrow, tomorrow

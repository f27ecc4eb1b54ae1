"""Until a program is started, the main lift is the glute lift the user progresses. Moving on to another
one (hip thrusts for weeks, then a loaded glute bridge) does not take the weeks trained on the first
off the block: /plan's week, the lighter week included, stays where it was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import Chat, Clock


async def test_a_new_main_lift_keeps_the_weeks_trained_on_the_last(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 10, 25, 9, tzinfo=UTC)
    for _ in range(6):  # six Sundays of hip thrusts
        await chat.say("/log hip thrust 3x10 100kg")
        clock.now += timedelta(days=7)
    clock.now -= timedelta(days=7, hours=-2)  # the sixth Sunday, later that day
    before = await chat.text("/plan")
    assert "week 6 of 6" in before and "lighter week" in before, before
    await chat.say("/log glute bridge 3x12 40kg")
    after = await chat.text("/plan")
    assert "week 6 of 6" in after and "lighter week" in after, after

"""Tester: back after 11 days off, then three weeks of lighter hip thrusts (70 kg after 100 kg), the lifter
was put into the default program's lighter week ("2 × 12 @ 72.5 kg … Lighter week") five sessions into
the block, with nothing to unload. The block's last week is lighter only when a third of the days
planned in the weeks before it were trained; otherwise /plan says why progress goes on."""

from __future__ import annotations

from datetime import UTC, date, datetime

from coaching.programs import PROGRAMS, block_week
from tests.conftest import Chat, Clock

WEDNESDAY_2_DEC = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # week 6 of the default beginner-3 block


async def test_a_comeback_is_not_put_into_the_lighter_week(chat: Chat, clock: Clock) -> None:
    clock.now = WEDNESDAY_2_DEC
    for line in (
        "3x10 100kg 2026-11-01",
        "3x10 70kg 2026-11-12",
        "3x12 70kg 2026-11-19",
        "3x12 70kg 2026-11-26",
    ):
        await chat.say(f"/log hip thrust {line}")
    card = await chat.text("/log hip thrust 3x12 72.5kg 2026-11-30")
    assert "Next time: 3 × 8 @ 75 kg" in card and "Lighter week" not in card, card
    plan = await chat.text("/plan")
    assert (
        "block 1, week 6 of 6, day 3 of 3 (Hinge day). This would be the lighter week, but you trained 4 "
        "of the 15 days planned in the weeks before it: nothing to unload, so progress goes on."
    ) in plan, plan
    assert "Hip thrust: 3 × 8 @ 75 kg" in plan, plan


async def test_a_block_trained_a_day_a_week_ends_with_the_lighter_week(chat: Chat, clock: Clock) -> None:
    clock.now = WEDNESDAY_2_DEC
    for day, reps in (("01", 8), ("08", 9), ("15", 10), ("22", 11), ("29", 11)):  # Sundays, weeks 1–5
        await chat.say(f"/log hip thrust 3x{reps} 100kg 2026-11-{day}")
    plan = await chat.text("/plan")
    assert "week 6 of 6" in plan and "This is the lighter week" in plan, plan


def test_the_share_of_planned_days_decides() -> None:
    program = PROGRAMS["beginner-3"]  # 6-week blocks, 3 days a week: 15 days planned before the last
    start, last_week = date(2026, 10, 26), date(2026, 12, 2)
    assert block_week(program, start, last_week).lighter  # the calendar alone: planned
    five = [date(2026, 11, d) for d in (1, 12, 19, 26, 28)]
    assert block_week(program, start, last_week, five).lighter  # a third of 15
    four = five[:4]
    week = block_week(program, start, last_week, four)
    assert not week.lighter and week.not_earned == (4, 15)
    # Days after the block's hard weeks (this week's own) do not count towards it.
    assert not block_week(program, start, last_week, [*four, date(2026, 11, 30)]).lighter


def test_next_week_is_announced_only_while_the_lighter_week_can_come() -> None:
    program = PROGRAMS["beginner-3"]  # 5 days needed before week 6 (a third of 15)
    start, week_five = date(2026, 10, 26), date(2026, 11, 25)  # a Wednesday of week 5
    assert block_week(program, start, week_five).next_lighter  # the calendar alone
    weekly = [date(2026, 11, d) for d in (1, 4, 11, 18)]  # four days so far: this week's can make five
    assert block_week(program, start, week_five, weekly).next_lighter
    comeback = [date(2026, 11, 18)]  # one day so far: three more this week would still be four
    assert not block_week(program, start, week_five, comeback).next_lighter
    assert not block_week(program, start, date(2026, 11, 18), weekly).next_lighter  # week 4: not yet

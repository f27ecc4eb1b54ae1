"""/plan's "this week" is the calendar week (Mon–Sun, the user's timezone); /recap counts the 7 local
days ending today, and every count in it says so. Before, /recap was titled "Your week" with
"Sessions: 2" and "No PRs this week" beside /plan's "3 hard glute sets this week" for the same log."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import Chat, Clock


async def test_plan_counts_the_calendar_week_and_recap_says_last_7_days(chat: Chat, clock: Clock) -> None:
    monday = clock.now  # Mon 23 Nov 2026, 09:00
    clock.now = monday - timedelta(days=4)  # Thursday of the week before
    await chat.say("/log hip thrust 3x10 80kg")
    clock.now = monday
    await chat.say("/log hip thrust 3x10 80kg")

    plan = await chat.text("/plan")
    assert "3 hard glute sets this week" in plan, plan  # today's 3: Thursday was last week

    recap = await chat.text("/recap")
    assert recap.startswith("Your last 7 days\n"), recap
    assert "Sessions in the last 7 days: 2. Set a weekly goal with /goal 3." in recap, recap
    assert "6 hard glute sets in the last 7 days" in recap, recap
    assert "No PRs in the last 7 days." in recap, recap
    assert "this week" not in recap, recap  # the recap never claims /plan's calendar week

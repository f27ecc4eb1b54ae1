"""A nudge comes at the user's nudge time in the zone they are in now: one placed before a /timezone
change (or a change of reminder time) is not sent at the old zone's hour; it is placed again."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from tests.test_session_pushes import MONDAY, Console, console  # noqa: F401, F811 - fixture

LA = ZoneInfo("America/Los_Angeles")


async def _nudges(c: Console, start, days: int) -> list:
    found = []
    at = start
    while at < start + timedelta(days=days):
        at += timedelta(minutes=30)
        if "Still on for this week?" in await c.at(at):
            found.append(at)
    return found


async def test_a_nudge_placed_before_a_timezone_change_comes_at_17_00_in_the_new_zone(
    console: Console,  # noqa: F811
) -> None:
    await console.say("/goal 3")  # Monday, nothing logged all week
    thursday = MONDAY + timedelta(days=3)
    for hour in range(0, 24 * 3 + 16):
        assert "Still on" not in await console.at(MONDAY + timedelta(hours=hour))
    console.clock.now = thursday + timedelta(hours=16)  # Fri 01:00 UTC, Thu 17:00 in Los Angeles
    assert "America/Los_Angeles" in await console.say("/timezone America/Los_Angeles")
    [when] = await _nudges(console, console.clock.now, 3)
    local = when.astimezone(LA)
    # Friday in Los Angeles, 0 of 3 with three days left: at 17:00 there, not at 17:00 UTC (09:00 LA).
    assert (local.strftime("%a"), local.hour) == ("Fri", 17), local

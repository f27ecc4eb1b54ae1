"""/plan's "Log what you did with /log, e.g. …" named the main lift even when it was done today (f3):
it names the day's next lift not yet logged, and is left out once every lift is done."""

from __future__ import annotations

import re

from tests.conftest import Chat


async def test_plan_example_names_the_next_lift_not_yet_done(chat: Chat) -> None:
    """Was "e.g. /log hip thrust 3x11 60kg" with the hip thrust marked done on the same /plan."""
    before = await chat.text("/plan")
    assert "Log what you did with /log, e.g. /log glute bridge 3x10." in before, before
    await chat.say("/log hip thrust 3x10 60kg")
    plan = await chat.text("/plan")
    assert "✓ Done today" in plan, plan
    assert "Log what you did with /log, e.g. /log forward lunge 3x8 each side." in plan, plan
    assert "e.g. /log hip thrust" not in plan, plan
    [example] = re.findall(r"e\.g\. (/log [^\n]*)\.$", plan, re.M)
    assert (await chat.text(example)).startswith("Logged Forward lunge: 3 × 8 each side"), example
    plan = await chat.text("/plan")
    assert "Log what you did with /log, e.g. /log kickback 2x12 each side." in plan, plan


async def test_plan_has_no_example_once_every_lift_is_done(chat: Chat) -> None:
    """Was "e.g. /log hip thrust 3x11 60kg" on the session already done in full."""
    for line in (
        "/log hip thrust 3x10 60kg",
        "/log forward lunge 3x8 each side",
        "/log kickback 2x12 each side",
    ):
        await chat.say(line)
    plan = await chat.text("/plan")
    assert "Already logged today: this is the session you did." in plan, plan
    assert "Log what you did" not in plan and "e.g. /log" not in plan, plan

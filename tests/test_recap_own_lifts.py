"""/recap and /plan break the week's hard glute sets down so the parts add up to the total: the
user's own glute lifts, which count in the total and belong to no pattern the library knows, are a
part of their own. On the console chat."""

from __future__ import annotations

from core.markup import plain
from tests.conftest import Chat
from tests.test_log_flow import ME, NOW, clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401


async def test_own_glute_lifts_are_a_part_of_the_by_pattern_count(me: Chat) -> None:
    # A tester: "6 hard glute sets … By pattern: bridge/thrust 3", their Reverse Hyper nowhere.
    await one(me, "/exercise add Reverse Hyper glute lift")
    await one(me, "/log hip thrust 3x10 80kg")
    await one(me, "/log reverse hyper 3x10 20kg")
    parts = "6 hard glute sets {}, under the usual 10–20. By pattern: bridge/thrust 3, your own lifts 3."
    recap = plain((await one(me, "/recap")).text)
    assert parts.format("in the last 7 days") in recap, recap
    plan = plain((await one(me, "/plan")).text)
    assert parts.format("this week") in plan, plan


async def test_only_own_glute_lifts_are_still_broken_down(me: Chat) -> None:
    await one(me, "/exercise add Reverse Hyper glute lift")
    await one(me, "/log reverse hyper 3x10 20kg")
    recap = plain((await one(me, "/recap")).text)
    assert (
        "3 hard glute sets in the last 7 days, under the usual 10–20. By pattern: your own lifts 3." in recap
    ), recap

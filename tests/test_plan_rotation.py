"""/plan's rotation after sessions off the rotation (issue 11, tester's find): the day due is the one
after the last program day completed. A day done twice is not two days done, an extra session (a lone
accessory) does not move the rotation, and a day done out of turn is where it goes on from."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coaching.programs import PROGRAMS, due_day
from tests.conftest import Chat, Clock

THRUST_DAY = ("/log hip thrust 3x8 100kg", "/log back squat 3x6 80kg", "/log kickback 2x12")
HINGE_DAY = ("/log glute bridge 3x10 60kg", "/log romanian deadlift 3x8 70kg")


async def _session(chat: Chat, clock: Clock, lines: tuple[str, ...]) -> None:
    clock.now += timedelta(days=2)
    for line in lines:
        await chat.say(line)


async def _day_shown(chat: Chat, clock: Clock) -> str:
    clock.now += timedelta(days=2)
    [plan] = await chat.say("/plan")
    return plan.text.split("\n", 1)[0]


@pytest.mark.parametrize(
    ("name", "sessions", "expected"),
    [
        # The Thrust day done twice: the Squat & lunge day is still the next one (was: day 3).
        ("a repeated day", (THRUST_DAY, THRUST_DAY), "day 2 of 3 (Squat & lunge day)"),
        # A kickback alone on a spare day is an extra: the Squat & lunge day is still due (was: day 3).
        ("an extra session", (THRUST_DAY, ("/log kickback 2x15",)), "day 2 of 3 (Squat & lunge day)"),
        # The Hinge day done when the Squat day was due: the rotation goes on after it (was: day 3 again).
        ("a day out of turn", (THRUST_DAY, HINGE_DAY), "day 1 of 3 (Thrust day)"),
        # The plain rotation still turns.
        ("in turn", (THRUST_DAY,), "day 2 of 3 (Squat & lunge day)"),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
async def test_plan_shows_the_day_after_the_last_program_day_completed(
    chat: Chat, clock: Clock, name: str, sessions, expected: str
) -> None:
    await chat.say("/program start intermediate-3")
    for lines in sessions:
        await _session(chat, clock, lines)
    shown = await _day_shown(chat, clock)
    assert expected in shown, f"{name}: {shown}"
    assert "Already logged" not in shown


async def test_program_says_the_same_day_as_plan(chat: Chat, clock: Clock) -> None:
    await chat.say("/program start intermediate-3")
    await _session(chat, clock, THRUST_DAY)
    await _session(chat, clock, THRUST_DAY)
    clock.now += timedelta(days=2)
    assert "day 2 of 3 (Squat & lunge day)" in await chat.text("/program")


def test_due_day_rule() -> None:
    four = PROGRAMS["intermediate-4"]  # thrust, squat, hinge, squat 2 (same main lift as day 2)
    thrust = {"hip_thrust", "back_squat"}
    squat = {"b_stance_hip_thrust", "lateral_lunge"}
    hinge = {"glute_bridge", "romanian_deadlift"}
    assert due_day(four, []) == 0
    assert due_day(four, [thrust, squat, hinge]) == 3
    assert due_day(four, [thrust, squat, hinge, squat]) == 0  # the tie goes to the day due: squat 2
    assert due_day(four, [thrust, {"kickback"}]) == 1  # a lone accessory: an extra session
    assert due_day(four, [thrust, {"b_stance_hip_thrust"}]) == 2  # the main lift alone is the day

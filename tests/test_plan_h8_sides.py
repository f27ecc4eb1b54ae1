"""Tester (h8): "3x8 each side" was 3 working sets in /done but 6 hard sets in /plan and /recap."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


async def test_a_left_right_pair_is_one_set_in_done_plan_and_recap(chat: Chat, clock: Clock) -> None:
    clock.now = MONDAY
    await chat.say("/log bulgarian split squat 3x8 each side 12kg")
    await chat.say("/log hip thrust 3x10 60kg")
    assert "Bulgarian split squat: 3 working sets" in await chat.text("/done")
    plan = await chat.text("/plan")
    assert (
        "6 hard glute sets this week, under the usual 10–20. By pattern: bridge/thrust 3, squat/lunge 3."
        in plan
    ), plan
    recap = await chat.text("/recap")
    assert "6 hard glute sets in the last 7 days" in recap and "squat/lunge 3" in recap, recap

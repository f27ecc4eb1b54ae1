"""A lighter day after work at two loads ("3x10 80kg, 2x8 90kg", then "3x12 60kg"): the target keeps both
loads' sets and its reason names each as lifted (it said "builds on your 80 kg working weight, 80 kg × 10",
as if the 90 kg sets were not the day's work), on /log and on /plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 11, 30, 18, tzinfo=UTC)  # a Monday
BUILT = "60 kg was a lighter day, so this builds on your sets at each load, 80 kg × 10 and 90 kg × 8 on Fri;"


async def test_a_lighter_day_after_two_loads_keeps_both_and_names_both(chat: Chat, clock: Clock) -> None:
    clock.now = NOW - timedelta(days=3)
    await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg")
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x12 60kg"))
    assert line.startswith("Next time: 3 × 11 @ 80 kg, 2 × 9 @ 90 kg. " + BUILT), line
    assert "your 80 kg working weight" not in line, line
    plan = (await chat.text("/plan")).splitlines()
    at = plan.index("Hip thrust: 3 × 11 @ 80 kg, 2 × 9 @ 90 kg")
    assert plan[at + 1].startswith(BUILT), plan[at + 1]


async def test_one_load_still_names_its_working_weight(chat: Chat, clock: Clock) -> None:
    clock.now = NOW - timedelta(days=3)
    await chat.text("/log hip thrust 3x10 80kg")
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x12 60kg"))
    assert (
        "60 kg was a lighter day, so this builds on your 80 kg working weight, 80 kg × 10 on Fri;" in line
    ), line

"""Two straight groups at two loads, the heavier for five reps or fewer ("3x8 185lb, 2x5 225lb" on an
8–12 hip thrust): top sets and volume sets. The next target covers both, each in its own way: the top
sets keep their reps and add a step, the volume sets gain a rep (it spoke of the 225 lb sets only,
"2 × 5 @ 230 lb", and the 185 lb sets were gone)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 11, 30, 18, tzinfo=UTC)


async def test_top_sets_and_volume_sets_both_go_on(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.text("/units lb")
    line = _next(await chat.text("/log hip thrust 3x8 185lb, 2x5 225lb"))
    assert line.startswith("Next time: 3 × 9 @ 185 lb, 2 × 5 @ 230 lb. "), line
    assert "Your top sets at 225 lb keep their reps and add load; your volume sets at 185 lb go on" in line, (
        line
    )
    assert "every top set at 5: 225 lb moves to 230 lb, same 5 reps" in line, line
    plan = (await chat.text("/plan")).splitlines()
    assert "Hip thrust: 3 × 9 @ 185 lb, 2 × 5 @ 230 lb" in plan, plan
    # A top set short of its reps holds the load; the volume sets still gain a rep.
    clock.now = NOW + timedelta(days=2)
    line = _next(await chat.text("/log hip thrust 3x9 185lb, 5,4 230lb"))
    assert line.startswith("Next time: 3 × 10 @ 185 lb, 2 × 5 @ 230 lb. "), line
    assert "230 lb stays until every top set makes 5" in line, line


async def test_a_heavier_group_in_the_range_is_progressed_as_before(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg"))
    assert line.startswith("Next time: 3 × 11 @ 80 kg, 2 × 9 @ 90 kg. Your sets at 80 kg and 90 kg go on"), (
        line
    )

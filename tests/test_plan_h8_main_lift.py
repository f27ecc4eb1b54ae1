"""Tester (h8): a bodyweight finisher logged after the loaded glute lift became /plan's main lift."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _section(plan, name: str) -> str:
    return next(s.body for s in plan.sections if s.name == name)


async def test_bodyweight_finisher_does_not_replace_the_loaded_main_lift(chat: Chat, clock: Clock) -> None:
    clock.now = MONDAY
    await chat.say("/level intermediate")
    await chat.say("/log hip thrust 3x11 100kg 2026-11-27 at 6pm")
    await chat.say("/log glute bridge bw 2x20 2026-11-27 at 7pm")
    [plan] = await chat.say("/plan")
    main = _section(plan, "2. Main lift")
    assert "*Hip thrust*: 3 × 12 @ 100 kg" in main, main
    assert "Glute bridge" not in main
    assert "/log hip thrust 3x12 100kg" in plan.text, plan.text


async def test_a_loaded_lift_left_long_ago_gives_way_to_what_is_trained_now(chat: Chat, clock: Clock) -> None:
    clock.now = MONDAY
    await chat.say("/level intermediate")
    await chat.say("/log hip thrust 3x10 80kg 2026-09-01")
    for day in ("2026-11-20", "2026-11-24", "2026-11-27"):
        await chat.say(f"/log glute bridge bw 3x15 {day}")
    [plan] = await chat.say("/plan")
    assert "*Glute bridge*" in _section(plan, "2. Main lift")

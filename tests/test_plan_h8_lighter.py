"""Tester (h8): in the lighter week /plan said "2 × 12 @ 100 kg" while /warmup said "3 × 12 @ 100 kg",
and the lighter week still added a rep to every set. One target for the week, and a lighter one."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # week 5 of 5 after weekly sessions since 2 Nov


async def _weekly(chat: Chat, schemes: list[str]) -> None:
    await chat.say("/level intermediate")
    for day, scheme in zip(("02", "09", "16", "23"), schemes, strict=True):
        await chat.say(f"/log hip thrust {scheme} 2026-11-{day}")


def _main(plan) -> str:
    return next(s.body for s in plan.sections if s.name == "2. Main lift")


async def test_plan_and_warmup_give_the_same_lighter_target_without_added_reps(
    chat: Chat, clock: Clock
) -> None:
    clock.now = MONDAY
    await _weekly(chat, ["3x8 100kg", "3x9 100kg", "3x10 100kg", "3x11 100kg"])
    [plan] = await chat.say("/plan")
    assert "week 5 of 5" in plan.text and "This is the lighter week" in plan.text, plan.text
    main = _main(plan)
    # Fewer sets, and no more reps than last week's 11: the lighter week does not progress.
    assert "*Hip thrust*: 2 × 11 @ 100 kg" in main, main
    assert "/log hip thrust 2x11 100kg" in plan.text
    warmup = await chat.text("/warmup hip thrust")
    assert "Your next target: 2 × 11 @ 100 kg" in warmup, warmup
    assert "3 × 12" not in warmup


async def test_the_lighter_week_adds_no_load(chat: Chat, clock: Clock) -> None:
    """At the top of the range the next step is more load; the lighter week keeps last week's."""
    clock.now = MONDAY
    await _weekly(chat, ["3x9 100kg", "3x10 100kg", "3x11 100kg", "3x12 100kg"])
    main = _main((await chat.say("/plan"))[0])
    assert "*Hip thrust*: 2 × 12 @ 100 kg" in main, main
    assert "102.5" not in main
    assert "Your next target: 2 × 12 @ 100 kg" in await chat.text("/warmup hip thrust")


async def test_after_the_lighter_week_progress_resumes(chat: Chat, clock: Clock) -> None:
    clock.now = MONDAY
    await _weekly(chat, ["3x8 100kg", "3x9 100kg", "3x10 100kg", "3x11 100kg"])
    await chat.say("/log hip thrust 2x11 100kg 2026-11-30")
    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    [plan] = await chat.say("/plan")
    assert "block 2, week 1 of 5" in plan.text, plan.text
    assert "*Hip thrust*: 3 × 12 @ 100 kg" in _main(plan)

"""Tester findings on a top set and its back-offs (`_Done.top_first`), through the real dispatch, as the
lifter reads the /log card's "Next time:" line:

1. a top set kept as logged (no kit load within 2.5% of it: 120 kg on pound plates) stayed "again
   first, 12 reps" for good once it made the top of its range: it never stepped up;
2. after a break (14+ calendar days) the top set was dropped: "Next time: 3 × 8 @ 92.5 kg … 140 kg × 6
   was a top set, so your straight sets go on; 20 days away, a break: restart at 92.5 kg". The break
   rule (coaching-facts §6: restart around 90%) keeps the shape, every load lighter.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


# --------------------------------------------------------------------------- 1. stepping up


async def test_a_top_set_kept_as_logged_steps_onto_the_kit_at_the_top(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 1 × 12 @ 120 kg, 3 × 9 @ 225 lb … at the top of the range (12): again first, 12
    reps" (120 kg is 264.55 lb; 45 and 25 lb plates make 245 or 275, neither within 2.5%)."""
    clock.now = NOW
    await chat.say("/units lb")
    await chat.say("/equipment plates 45 25")
    line = _next(await chat.text("/log hip thrust 1x10 120kg, 3x8 225lb 3 days ago"))
    # Below the top: held on the kit, at or under what was lifted (was "1 × 10 @ 120 kg", not loadable).
    assert line.startswith(
        "Next time: 1 × 10 @ 245 lb, 3 × 9 @ 225 lb. 120 kg × 10 (245 lb, your kit's load at or under it)"
    ), line
    line = _next(await chat.text("/log hip thrust 1x12 120kg, 3x9 225lb"))
    assert line == (
        "Next time: 1 × 8 @ 275 lb, 3 × 10 @ 225 lb. 120 kg × 12 was your top set, at the top of the range"
        " (12): first again one step up, at 275 lb, back to 8 reps, then your straight sets go on; same"
        " 225 lb: one more rep on each set below 12."
    ), line
    warmup = await chat.text("/warmup hip thrust")
    assert "Warm-up: Hip thrust to 275 lb" in warmup, warmup


async def test_a_pound_top_set_on_a_kg_kit_steps_to_the_next_kg_load(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 1x12 80lb, 3x10 30kg"))
    assert line.startswith(
        "Next time: 1 × 8 @ 37.5 kg, 3 × 11 @ 30 kg. 80 lb × 12 was your top set, at the top of the range"
        " (12): first again one step up, at 37.5 kg, back to 8 reps"
    ), line


async def test_a_top_set_whose_next_load_is_a_big_jump_says_so(chat: Chat, clock: Clock) -> None:
    # 45 lb plates only: 264.55 lb → 315 lb is +19%, more than a step: held, and the reason says why.
    clock.now = NOW
    await chat.say("/units lb")
    await chat.say("/equipment plates 45")
    line = _next(await chat.text("/log hip thrust 1x12 120kg, 3x8 225lb"))
    assert line.startswith("Next time: 1 × 12 @ 120 kg, 3 × 9 @ 225 lb."), line
    assert "the next load your kit makes, 315 lb, is +19%: again first, 12 reps" in line, line


# --------------------------------------------------------------------------- 2. after a break


async def test_after_a_break_the_top_set_stays_first_at_ninety_percent(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 1x6 140kg, 3x8 105kg 20 days ago"))
    assert line == (
        "Next time: 1 × 6 @ 125 kg, 3 × 8 @ 92.5 kg. 140 kg × 6 was your top set: after the break first"
        " again at 125 kg (90% or less), 6 reps, then your straight sets go on; 20 days away, a break:"
        " restart at 92.5 kg (90% of 105 kg or less) and build back."
    ), line
    plan = await chat.text("/plan")
    assert "Hip thrust: 1 × 6 @ 125 kg, 3 × 8 @ 92.5 kg" in plan, plan
    warmup = await chat.text("/warmup hip thrust")
    assert "Warm-up: Hip thrust to 125 kg" in warmup, warmup


async def test_thirteen_days_away_is_no_break_for_the_top_set(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 1x6 140kg, 3x8 105kg 13 days ago"))
    assert line.startswith("Next time: 1 × 6 @ 140 kg, 3 × 9 @ 105 kg. 140 kg × 6 was your top set: again"), (
        line
    )

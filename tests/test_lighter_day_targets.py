"""Tester findings on lighter days, as the lifter reads the /log card's "Next time:" line, /plan and
/warmup (coaching-facts §6: a lighter day is no new working weight; loads said as they can be loaded):

1. one lighter session at 86–95% of the one before silently became the working weight ("3x8 225lb 3
   days ago", then "3x8 205lb": "Next time: 3 × 9 @ 205 lb … Same 205 lb", the 225 lb never named);

3. /warmup quoted the target's reason in parentheses around the reason's own parentheses, with the
   working weight converted and unrounded ("builds on your 220.46 lb working weight (… (…) …)").
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


# --------------------------------------------------------------------------- 1. lighter than prescribed


async def test_one_session_clearly_under_the_target_is_a_lighter_day(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 3 × 9 @ 205 lb … Same 205 lb: one more rep", 225 lb × 8 × 3 never mentioned."""
    clock.now = NOW
    await chat.say("/units lb")
    await chat.text("/log hip thrust 3x8 225lb 3 days ago")
    line = _next(await chat.text("/log hip thrust 3x8 205lb"))
    assert line.startswith(
        "Next time: 3 × 9 @ 225 lb — 45 + 45 per side. 205 lb was a lighter day, so this builds on your"
        " 225 lb working weight, 225 lb × 8 on Sun; a lighter load becomes your working weight only after 3"
        " sessions in a row under it over a week or more"
    ), line
    assert "Hip thrust: 3 × 9 @ 225 lb" in await chat.text("/plan")


async def test_a_session_noted_deload_is_a_lighter_day_at_any_percentage(chat: Chat, clock: Clock) -> None:
    """Was: "2x8 185lb 2 days ago (deload)" after 3 × 8 @ 215 gave "3 × 8 @ 185 lb — Same 185 lb"."""
    clock.now = NOW
    await chat.say("/units lb")
    await chat.text("/log hip thrust 3x8 215lb 4 days ago")
    line = _next(await chat.text("/log hip thrust 2x8 185lb 2 days ago (deload)"))
    assert line.startswith("Next time: 3 × 9 @ 215 lb"), line
    assert "185 lb was a lighter day, so this builds on your 215 lb working weight, 215 lb × 8 on Sat" in line


async def test_a_load_just_under_the_target_says_which_work_it_follows(chat: Chat, clock: Clock) -> None:
    """A load just under the target, not called light, is the lifter's: followed, and the heavier work
    it does not build on is named (was: silent). Called light, it is a lighter day."""
    clock.now = NOW
    await chat.say("/units lb")
    await chat.text("/log hip thrust 3x8 225lb 3 days ago")
    line = _next(await chat.text("/log hip thrust 3x8 220lb"))
    assert line.startswith(
        "Next time: 3 × 9 @ 220 lb — 45 + 35 + 5 + 2.5 per side. 220 lb is under your 225 lb × 8 on Sun, so"
        " this follows 220 lb; same 220 lb: one more rep"
    ), line
    line = _next(await chat.text("/log glute bridge 3x10 225lb 3 days ago"))
    line = _next(await chat.text("/log glute bridge 3x10 220lb (light day)"))
    assert line.startswith("Next time: 3 × 11 @ 225 lb"), line
    assert "220 lb was a lighter day, so this builds on your 225 lb working weight" in line, line


async def test_a_failed_lighter_day_backs_off_and_names_the_heavier_work(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/units lb")
    await chat.text("/log hip thrust 3x8 225lb 3 days ago")
    line = _next(await chat.text("/log hip thrust 6,6,5 205lb"))
    assert line.startswith(
        "Next time: 3 × 8 @ 190 lb — 45 + 25 + 2.5 per side. 205 lb is under your 225 lb × 8 on Sun, so this"
        " follows 205 lb; 5 reps is below the 8-rep bottom: back off to 190 lb"
    ), line


async def test_the_back_off_the_coach_prescribed_is_no_lighter_day(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/units lb")
    await chat.text("/log hip thrust 3x8 225lb 4 days ago")
    line = _next(await chat.text("/log hip thrust 6,6,5 225lb 3 days ago"))
    assert line.startswith("Next time: 3 × 8 @ 210 lb"), line
    line = _next(await chat.text("/log hip thrust 3x8 210lb"))
    assert line == (
        "Next time: 3 × 9 @ 210 lb — 45 + 35 + 2.5 per side. Same 210 lb: one more rep on each set below 12."
    ), line


async def test_a_lighter_load_kept_into_a_second_week_is_the_working_weight(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/units lb")
    await chat.text("/log hip thrust 3x8 225lb 9 days ago")
    for ago in (8, 4):
        line = _next(await chat.text(f"/log hip thrust 3x8 205lb {ago} days ago"))
        assert line.startswith("Next time: 3 × 9 @ 225 lb"), line
    line = _next(await chat.text("/log hip thrust 3x8 205lb 1 day ago"))
    assert line.startswith(
        "Next time: 3 × 9 @ 205 lb — 45 + 35 per side. 3 sessions in a row under your 225 lb working weight"
        " over 7 days (205 lb, 205 lb, then 205 lb), so 205 lb is your working weight now"
    ), line


# --------------------------------------------------------------------------- 3. as lifted, no nesting


async def test_a_kg_working_weight_is_said_as_lifted_and_warmup_nests_no_brackets(
    chat: Chat, clock: Clock
) -> None:
    """Was: "/warmup hip thrust" said "Your next target: 3 × 9 @ 220 lb (135 lb was a lighter day, so
    this builds on your 220.46 lb working weight (a lighter load …) …)"."""
    clock.now = NOW
    await chat.say("/units lb")
    await chat.text("/log hip thrust 3x8 100kg 3 days ago")
    line = _next(await chat.text("/log hip thrust 3x8 135lb"))
    assert line.startswith("Next time: 3 × 8 @ 225 lb"), line
    assert (
        "135 lb was a lighter day, so this builds on your 100 kg working weight, 100 kg × 8 on Sun; " in line
    ), line
    assert "220.46 lb working weight" not in line, line
    warmup = await chat.text("/warmup hip thrust")
    first = warmup.splitlines()[[i for i, x in enumerate(warmup.splitlines()) if "Your next target" in x][0]]
    assert first.startswith(
        "Your next target: 3 × 8 @ 225 lb. 135 lb was a lighter day, so this builds on your 100 kg working"
        " weight, 100 kg × 8 on Sun; a lighter load becomes"
    ), first
    assert "220.46 lb working weight" not in warmup, warmup
    depth = 0
    for ch in first:  # no bracket opened inside another
        depth += {"(": 1, ")": -1}.get(ch, 0)
        assert depth <= 1, first


async def test_a_bodyweight_day_after_loaded_work_keeps_the_working_weight(chat: Chat, clock: Clock) -> None:
    """Tester: 3x12 @ 60 kg, then a bodyweight 3x15: "Next time: 3 × 15 reps … then load goes on", the
    60 kg forgotten. A bodyweight day is a lighter day; loaded work a break before it, the break rule."""
    clock.now = NOW
    await chat.text("/log glute bridge 3x12 60kg 3 days ago")
    line = _next(await chat.text("/log glute bridge bw 3x15"))
    assert line.startswith("Next time: 3 × 13 @ 60 kg"), line
    assert "bodyweight day after your 60 kg × 12" in line and "load goes on" not in line, line
    await chat.text("/log hip thrust 3x10 60kg 20 days ago")
    line = _next(await chat.text("/log hip thrust bw 3x15"))
    assert "a break: restart at 52.5 kg (90% of 60 kg or less)" in line, line

"""A ramp to a top set, with lighter back-off sets after it, repeated with the top set standing still:
after two sessions without more reps on it (three in a row at its load: the straight-set stall rule,
`_stalled`), the target says it is a stall and takes 5–10% off, on the kit, and builds back
(coaching-facts §6), instead of holding 110 kg × 3 for good. A kg top set on a kit of 45 lb plates only
is held at a load that kit makes (225 lb), not the kg figure as if it were loadable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)
DAY = "60x10, 80x8, 100x5, 110x3, 90x8, 90x8"


async def _sessions(chat: Chat, clock: Clock, *lines: str) -> list[str]:
    """Each line a session of its own, three days apart, the last at NOW: their "Next time:" lines."""
    out = []
    for i, line in enumerate(lines):
        clock.now = NOW - timedelta(days=3 * (len(lines) - 1 - i))
        text = await chat.text(line)
        out.append(_next(text) if "Next time:" in text else "")
    return out


async def test_a_ramp_with_back_offs_whose_top_set_stands_still_is_a_stall(chat: Chat, clock: Clock) -> None:
    first, second, third = await _sessions(chat, clock, *[f"/log hip thrust {DAY}"] * 3)
    assert first == second, (first, second)
    assert first.startswith("Next time: 2 × 9 @ 90 kg"), first
    # Was "2 × 9 @ 90 kg … 110 kg × 3 was a top set, so your straight sets go on" however often repeated.
    assert third == (
        "Next time: 1 × 3 @ 102.5 kg, 2 × 8 @ 85 kg. 110 kg × 3 was your top set, 3 sessions in a row with no"
        " more reps: a stall, so back off to 102.5 kg (95% or less) for 3 reps, first again, and build back;"
        " then your straight sets: two sessions without progress at this load: back off to 85 kg (95% or"
        " less) and build back."
    ), third
    plan = await chat.text("/warmup hip thrust")
    assert "Warm-up: Hip thrust to 102.5 kg" in plan and "a stall" in plan, plan


async def test_a_held_top_set_that_stands_still_backs_off(chat: Chat, clock: Clock) -> None:
    lines = []
    for i in range(3):
        clock.now = NOW - timedelta(days=3 * (2 - i))
        await chat.say("/log hip thrust 60x10, 80x8, 100x5, 110x3")
        clock.now += timedelta(minutes=5)
        lines.append(_next(await chat.text("/log hip thrust backoff 2x8 90kg")))
    held = "110 kg × 3 topped a ramp, below the 8-rep bottom: a top set, held at 110 kg × 3"
    assert lines[0].startswith("Next time: 1 × 3 @ 110 kg, 2 × 9 @ 90 kg.") and held in lines[0], lines
    assert lines[1] == lines[0], lines
    # Was held at 110 kg × 3 again, and again.
    assert lines[2] == (
        "Next time: 1 × 3 @ 102.5 kg, 2 × 9 @ 90 kg. 110 kg × 3 topped a ramp, 3 sessions in a row with no"
        " more reps: a stall, so back off to 102.5 kg (95% or less) for 3 reps, and build back; back-offs"
        " after them: one more rep at 90 kg."
    ), lines[2]


async def test_a_top_set_with_a_rep_more_is_no_stall(chat: Chat, clock: Clock) -> None:
    lines = await _sessions(
        chat,
        clock,
        "/log hip thrust 60x10, 80x8, 100x5, 110x3",
        "/log hip thrust 60x10, 80x8, 100x5, 110x4",
        "/log hip thrust 60x10, 80x8, 100x5, 110x4",
    )
    assert lines[-1].startswith("Next time: 1 × 4 @ 110 kg"), lines
    assert "stall" not in lines[-1], lines


async def test_a_stalled_top_set_backs_off_while_its_straight_sets_go_on(chat: Chat, clock: Clock) -> None:
    lines = await _sessions(
        chat,
        clock,
        "/log squat w 60x10, 80x8, 100x5 / 110x3, 90x8, 90x8",
        "/log squat w 60x10, 80x8, 100x5 / 110x3, 90x9, 90x9",
        "/log squat w 60x10, 80x8, 100x5 / 110x3, 90x10, 90x10",
    )
    assert lines[1].startswith("Next time: 1 × 3 @ 110 kg, 2 × 10 @ 90 kg."), lines
    assert lines[2].startswith(
        "Next time: 1 × 3 @ 102.5 kg, 2 × 6 @ 92.5 kg. 110 kg × 3 was your top set, 3 sessions in a row"
        " with no more reps: a stall, so back off to 102.5 kg (95% or less) for 3 reps, first again, and"
        " build back, then your straight sets go on;"
    ), lines


async def test_a_kg_top_set_on_a_kit_of_45_lb_plates_is_held_at_a_load_it_makes(
    chat: Chat, clock: Clock
) -> None:
    clock.now = NOW
    await chat.say("/units lb")
    await chat.say("/equipment plates 45")
    text = await chat.text("/log hip thrust 60kgx10, 80kgx8, 100kgx5, 110kgx3")
    # Was "1 × 3 @ 110 kg — not loadable on your bar (nearest: 225 lb or 315 lb)".
    assert _next(text).startswith(
        "Next time: 1 × 3 @ 225 lb — 45 + 45 per side. 110 kg × 3 topped a ramp, below the 8-rep bottom:"
        " a top set, held at 225 lb × 3, your kit's load at or under 110 kg"
    ), text
    assert "not loadable" not in text, text
    clock.now += timedelta(days=2)
    line = _next(await chat.text("/log squat w 60kgx10, 80kgx8, 100kgx5 / 110kgx3, 90kgx8, 90kgx8"))
    assert line.startswith("Next time: 1 × 3 @ 225 lb, "), line
    assert "110 kg × 3 (225 lb, your kit's load at or under it) was your top set" in line, line
    assert "198.42" not in line and "242.5" not in line, line

"""A bar's smallest step is taken in one go (tester 21: "squat 3x5 20kg" twice gave "22.5 kg is +12%:
add a set first" — from the empty bar 2.5 kg is the step every program adds); a dumbbell's or a
kettlebell's jump over 10% is still bridged with a set first (issue 11's examples)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)


async def test_the_empty_bar_takes_the_plate_step(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.text("/log squat 3x5 20kg mon")
    line = _next(await chat.text("/log squat 3x5 20kg"))
    assert line.startswith("Next time: 3 × 5 @ 22.5 kg — 1.25 per side."), line
    assert "+12%" not in line and "add a set first" not in line, line


async def test_a_pound_bar_takes_five_pounds(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.text("/equipment commercial gym lb")
    line = _next(await chat.text("/log hip thrust 3x12 45lb"))
    assert line.startswith("Next time: 3 × 8 @ 50 lb"), line
    assert "add a set first" not in line, line


async def test_a_bell_s_big_jump_still_adds_a_set_first(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    line = _next(await chat.text("/log kettlebell swing 3x20 16kg"))
    assert "20 kg is +25%: add a set first" in line, line

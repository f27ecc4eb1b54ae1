"""A kettlebell is one load whichever unit it was logged in: 24 kg and 53 lb are the same bell. Switching
units made a session look lighter ("24 kg is under your 53 lb × 15 on Mon, so this follows 24 kg": 52.91
lb under 53) or heavier, and a stall backed off to the same bell ("back off to 24 kg (one step down,
100%)" after 53 lb, 24.04 kg). "Lighter than last time" and the stall rule now compare the kit's bells."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


async def test_a_kg_bell_after_the_same_pound_bell_is_not_lighter(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/units lb")
    await chat.say("/log kettlebell swing 3x15 24kg 4 days ago")
    await chat.say("/log kettlebell swing 3x15 53lb 2 days ago")
    line = _next(await chat.text("/log kettlebell swing 3x16 24kg"))
    assert line == (
        "Next time: 3 × 17 @ 53 lb. 24 kg is 53 lb on your kit, the same kettlebell: one more rep on each set"
        " below 20."
    ), line
    assert "under your" not in line, line


async def test_a_stall_across_units_backs_off_to_a_lighter_bell(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/log kettlebell swing 3x15 53lb 4 days ago")
    await chat.say("/log kettlebell swing 3x15 24kg 2 days ago")
    line = _next(await chat.text("/log kettlebell swing 3x12 53lb"))
    assert line == (
        "Next time: 3 × 10 @ 20 kg. Two sessions without progress at this load: back off to 20 kg (one step"
        " down, 83%: the next lighter load you have) and build back."
    ), line


async def test_a_pound_bell_after_the_same_kg_bell_is_no_heavier(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/log kettlebell swing 3x15 24kg 2 days ago")
    line = _next(await chat.text("/log kettlebell swing 3x15 53lb"))
    assert line.startswith("Next time: 3 × 16 @ 24 kg. 53 lb is 24 kg on your kit, the same kettlebell"), line

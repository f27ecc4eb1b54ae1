"""Tester: a 53 lb kettlebell (the standard 24 kg bell) logged by a kg lifter came back as "Next time:
3 × 16 @ 24.04 kg. Same 24.04 kg", and /warmup ramped "to 24.04 kg"; a 35 lb bell was 15.88 kg. Kettlebells
and dumbbells are fixed weights sold in each unit's round numbers: one from the other unit within 2.5% of
one the kit lists is that one (24 kg ↔ 53 lb, 16 kg ↔ 35 lb, 12 kg ↔ 26 lb, 32 kg ↔ 70 lb, 8 kg ↔ 18 lb),
and no two-decimal conversion of one is said to a lifter."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


async def test_a_pound_kettlebell_is_the_kg_bell_of_the_kit(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    line = _next(await chat.text("/log kettlebell swing 3x15 53lb 2 days ago"))
    assert line == (
        "Next time: 3 × 16 @ 24 kg. 53 lb is 24 kg on your kit, the same kettlebell: one more rep on each"
        " set below 20."
    ), line
    warmup = await chat.text("/warmup kettlebell swing")
    assert "Warm-up: Kettlebell swing to 24 kg" in warmup and "24.04" not in warmup, warmup
    # A lighter bell the day after is said as logged, not as 15.88 kg.
    line = _next(await chat.text("/log kettlebell swing 3x20 35lb yesterday"))
    assert line.startswith(
        "Next time: 3 × 16 @ 24 kg. 35 lb was a lighter day, so this builds on your 53 lb"
    ), line
    assert "15.88" not in line and "24.04" not in line, line


@pytest.mark.parametrize(
    ("preset", "kg", "lb"),
    [
        ("home kettlebells lb", 8, 18),
        ("home kettlebells lb", 12, 26),
        ("home kettlebells lb", 16, 35),
        ("home kettlebells lb", 20, 44),
        ("commercial gym lb", 24, 53),
        ("commercial gym lb", 32, 70),
    ],
)
async def test_a_kg_kettlebell_is_the_pound_bell_of_the_kit(
    chat: Chat, clock: Clock, preset: str, kg: int, lb: int
) -> None:
    clock.now = NOW
    await chat.say("/units lb")
    await chat.say(f"/equipment preset {preset}")
    line = _next(await chat.text(f"/log kettlebell swing 3x15 {kg}kg"))
    assert line == (
        f"Next time: 3 × 16 @ {lb} lb. {kg} kg is {lb} lb on your kit, the same kettlebell: one more rep on"
        " each set below 20."
    ), line


async def test_warmup_to_a_bell_of_the_other_unit_names_the_kits_bell(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    warmup = await chat.text("/warmup kettlebell swing 35 lb")
    assert "Warm-up: Kettlebell swing to 16 kg" in warmup, warmup
    assert "35 lb is the 16 kg kettlebell." in warmup and "15.88" not in warmup, warmup
    await chat.say("/units lb")
    warmup = await chat.text("/warmup kettlebell swing 24kg")
    assert "24 kg is the 53 lb kettlebell." in warmup and "52.91" not in warmup, warmup


async def test_a_pound_dumbbell_pair_the_kit_lacks_is_said_without_its_conversion(
    chat: Chat, clock: Clock
) -> None:
    # 50 lb is 22.68 kg a hand: the kit's 22 kg pair is lighter, its 24 kg pair the load (same reps).
    clock.now = NOW
    line = _next(await chat.text("/log rdl 3x10 2x50lb"))
    assert line == (
        "Next time: 3 × 10 @ 2 × 24 kg. Your kit has no 50 lb dumbbells, so 2 × 24 kg: same reps at the"
        " heavier load."
    ), line

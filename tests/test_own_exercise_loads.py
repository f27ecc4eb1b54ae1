"""Tester: an own exercise (`/exercise add …`) logged at 42.5 kg was held at "42 kg" in the next target:
its kit is a guess from its category (an accessory as dumbbells: 42, 44 kg), and the load was rounded
down onto the guess. A load the lifter used on an own exercise is kept as logged, half and quarter kilos
included; a library lift keeps the kit's rounding."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


async def test_an_own_accessory_keeps_its_half_kilo(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/exercise add hip airplane pull accessory")
    line = _next(await chat.text("/log hip airplane pull 3x10 42.5kg"))
    assert line == "Next time: 3 × 11 @ 42.5 kg. Same 42.5 kg: one more rep on each set below 15.", line


async def test_an_own_lift_keeps_its_quarter_kilo(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/exercise add cable kickback hold accessory")
    line = _next(await chat.text("/log cable kickback hold 3x10 42.25kg"))
    assert line.startswith("Next time: 3 × 11 @ 42.25 kg. Same 42.25 kg: one more rep"), line
    # A glute lift is guessed to be on a bar: 41.25 kg is no bar load of the default plates, kept too.
    await chat.say("/exercise add landmine thrust glute lift")
    line = _next(await chat.text("/log landmine thrust 3x10 41.25kg"))
    assert line.startswith("Next time: 3 × 11 @ 41.25 kg"), line
    assert "Same 41.25 kg: one more rep on each set below 15." in line and "40 kg:" not in line, line


async def test_a_library_lift_still_holds_a_load_the_kit_makes(chat: Chat, clock: Clock) -> None:
    # Unchanged: a 3 kg dumbbell between the kit's 2 and 4 is held at 2 kg, and the reason says why.
    clock.now = NOW
    await chat.say("/equipment preset home dumbbells")
    line = _next(await chat.text("/log glute bridge 3x10 3kg"))
    assert "3 kg is not loadable with your kit" in line, line

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


async def test_an_own_lift_gets_no_bar_words_from_its_guessed_kit(chat: Chat, clock: Clock) -> None:
    # Tester: an own glute lift (its bar only a guess from the kind) came back "3 × 11 @ 20 kg — empty
    # bar", a "dumbbell hip thrust" too, though 'bar x10' on it is refused as no barbell lift.
    clock.now = NOW
    for name in ("Reverse Hyper", "dumbbell hip thrust"):
        await chat.say(f"/exercise add {name} glute lift")
        line = _next(await chat.text(f"/log {name} 3x10 20"))
        assert line == "Next time: 3 × 11 @ 20 kg. Same 20 kg: one more rep on each set below 15.", line
    await chat.say("/exercise add pull through hold glute lift")
    line = _next(await chat.text("/log pull through hold 3x10 60"))
    assert "per side" not in line, line


async def test_an_own_lift_near_a_guessed_kit_load_is_kept_as_logged(chat: Chat, clock: Clock) -> None:
    # Tester: 22 kg and 42.25 kg were "22.5 kg … not loadable with your kit … one more rep" (rounded up
    # onto the guessed bar's steps); 21 and 23 kg were already kept.
    clock.now = NOW
    for name, load in (("landmine thrust", "22"), ("hip lock pulse", "42.25")):
        await chat.say(f"/exercise add {name} glute lift")
        line = _next(await chat.text(f"/log {name} 3x10 {load}kg"))
        assert line == (
            f"Next time: 3 × 11 @ {load} kg. Same {load} kg: one more rep on each set below 15."
        ), line


async def test_an_own_lift_from_the_other_unit_is_no_same_dumbbell(chat: Chat, clock: Clock) -> None:
    # Tester: an own "sled push" at 42.5 kg for a pound lifter with dumbbells was "95 lb … the same
    # dumbbell": its dumbbells are only a guess, so the load stays as logged.
    clock.now = NOW
    await chat.say("/units lb")
    await chat.say("/equipment preset home dumbbells lb")
    await chat.say("/equipment dumbbells 20 40 60 80 90 95 100")
    await chat.say("/exercise add sled push compound")
    line = _next(await chat.text("/log sled push 3x10 42.5kg"))
    assert line == "Next time: 3 × 11 @ 42.5 kg. Same 42.5 kg: one more rep on each set below 15.", line


async def test_an_own_lift_off_its_guessed_kit_steps_by_a_round_load(chat: Chat, clock: Clock) -> None:
    # Tester: 22 kg at the top was "3 × 13 @ 22.5 kg … add 0.5 kg", 42.25 kg "3 × 14 @ 42.5 kg … add
    # 0.25 kg": reps dropped for a step no plate or machine makes. The step is a round one, ≥ 2.5 kg.
    clock.now = NOW
    await chat.say("/exercise add pull a glute lift")
    line = _next(await chat.text("/log pull a 3x15 22"))
    assert "25 kg" in line and "22.5" not in line and "0.5 kg" not in line, line
    await chat.say("/exercise add pull b glute lift")
    line = _next(await chat.text("/log pull b 3x15 42.25"))
    assert line.startswith("Next time: 3 × 12 @ 45 kg."), line
    assert "add 2.75 kg: 45 kg" in line and "0.25 kg" not in line, line

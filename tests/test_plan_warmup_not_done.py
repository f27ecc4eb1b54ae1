"""Tester: with only the empty-bar warm-up of the day's back squat logged, /plan said "3. Compound ✓ Done
today. Next time: Back squat: 3 × 6 reps". A lift is done by its work: the warm-up alone leaves it on
the day's to-do list, and its working sets tick it off."""

from __future__ import annotations

from tests.conftest import Chat


async def _compound(chat: Chat) -> str:
    [plan] = await chat.say("/plan")
    return {s.name: s.body for s in plan.sections}["3. Compound"]


async def test_a_warm_up_alone_does_not_complete_the_lift(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x8 90kg yesterday")
    await chat.say("/program start intermediate-3")
    await chat.say("/log back squat bar x10")
    compound = await _compound(chat)
    assert "Done today" not in compound, compound
    assert compound.startswith("*Back squat*: 3 × 6 reps"), compound
    await chat.say("/log back squat 3x6 60kg")
    compound = await _compound(chat)
    assert compound.startswith("✓ Done today. Next time:\n*Back squat*: 3 × 7 @ 60 kg"), compound

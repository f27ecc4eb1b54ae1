"""A band walk with no band in the kit (tester 21: after "/equipment bands none", /plan still said
"Banded sumo walk: 2 × 10 steps each way, band at the knees" and its band cue): the walk's steps, and
the library's way to do them without a band; the activation reminder says the same."""

from __future__ import annotations

from tests.conftest import Chat


async def test_no_band_plan_walks_without_one(chat: Chat) -> None:
    await chat.say("/equipment bands none")
    plan = await chat.text("/plan")
    assert "• Banded sumo walk, no band: 2 × 10 steps each way" in plan, plan
    assert (
        "No band in your /equipment, so without one: do the same sideways steps in a low half-squat" in plan
    )
    assert "band at the knees" not in plan and "Keep the band under constant tension" not in plan, plan


async def test_bands_back_in_the_kit_bring_the_band_back(chat: Chat) -> None:
    await chat.say("/equipment bands none")
    await chat.say("/equipment bands light medium heavy")
    plan = await chat.text("/plan")
    assert "Banded sumo walk: 2 × 10 steps each way, band at the knees" in plan, plan
    assert "no band" not in plan, plan

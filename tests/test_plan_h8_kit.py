"""Tester (h8): /plan prescribed a 100 kg barbell hip thrust to a lifter whose /equipment is home
dumbbells (10 kg at most), while /warmup said the kit has nothing to load a barbell lift with."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _main(plan) -> str:
    return next(s.body for s in plan.sections if s.name == "2. Main lift")


async def test_a_barbell_load_the_kit_cannot_make_gets_the_librarys_swap(chat: Chat, clock: Clock) -> None:
    clock.now = MONDAY
    await chat.say("/log hip thrust 3x10 100kg 2026-11-27")
    await chat.say("/equipment preset home dumbbells")
    [plan] = await chat.say("/plan")
    main = _main(plan)
    assert "No barbell in your /equipment: Single-leg hip thrust instead of the hip thrust." in main, main
    assert "100 kg" not in plan.text, plan.text
    assert "*Single-leg hip thrust*: 3 × 8 reps each side" in main
    # What /explain names for the missing barbell is what /plan offers.
    assert "No barbell → Single-leg hip thrust" in await chat.text("/explain hip thrust")


async def test_no_swap_in_the_library_says_plainly_the_kit_cannot_load_it(chat: Chat, clock: Clock) -> None:
    clock.now = MONDAY
    await chat.say("/log glute bridge 3x10 100kg 2026-11-27")
    await chat.say("/equipment preset home dumbbells")
    main = _main((await chat.say("/plan"))[0])
    assert "Your /equipment loads the glute bridge to 10 kg at most; you last lifted 100 kg." in main, main

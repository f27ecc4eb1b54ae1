"""/plan names a load as it was logged (n3): after /units lb, a glute bridge logged at 80 kg was "you last
lifted 176.37 lb", a number no one loaded. It says 80 kg, with about that much in the kit's unit beside
it to compare with what the kit loads."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _main(plan) -> str:
    return next(s.body for s in plan.sections if s.name == "2. Main lift")


async def test_a_kg_load_is_named_in_kg_after_units_lb(chat: Chat, clock: Clock) -> None:
    clock.now = MONDAY
    await chat.say("/log glute bridge 3x10 80kg 2026-11-27")
    await chat.say("/units lb")
    await chat.say("/equipment preset home dumbbells lb")
    [plan] = await chat.say("/plan")
    main = _main(plan)
    assert (
        "Your /equipment loads the glute bridge to 25 lb at most; you last lifted 80 kg (about 176 lb)."
        in main
    ), main
    assert "176.37" not in plan.text, plan.text


async def test_an_lb_load_is_named_in_lb_on_a_kg_kit(chat: Chat, clock: Clock) -> None:
    clock.now = MONDAY
    await chat.say("/log glute bridge 3x10 225lb 2026-11-27")
    await chat.say("/equipment preset home dumbbells")
    [plan] = await chat.say("/plan")
    main = _main(plan)
    assert (
        "Your /equipment loads the glute bridge to 10 kg at most; you last lifted 225 lb (about 102 kg)."
        in main
    ), main


async def test_a_load_in_the_kits_unit_is_said_once(chat: Chat, clock: Clock) -> None:
    clock.now = MONDAY
    await chat.say("/log glute bridge 3x10 100kg 2026-11-27")
    await chat.say("/equipment preset home dumbbells")
    main = _main((await chat.say("/plan"))[0])
    assert "you last lifted 100 kg. The target below" in main, main


async def test_progress_names_the_heaviest_load_as_logged_after_units_lb(chat: Chat) -> None:
    """/progress said "Heaviest load: 176.37 lb" for sets logged at 80 kg."""
    await chat.say("/log hip thrust 3x10 80kg")
    await chat.say("/units lb")
    [progress] = await chat.say("/progress hip thrust")
    assert "Heaviest load: 80 kg (about 176.4 lb)" in progress.text.splitlines(), progress.text
    assert "176.37" not in progress.text

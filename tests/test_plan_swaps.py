"""Swaps (issue 12): /plan uses each exercise's swaps with the user's /equipment. With home dumbbells
the barbell lifts give way to the library exercise their swap names, with the reason in one line; in
the commercial gym the program's own lifts stay."""

from __future__ import annotations

from coaching.swaps import missing_kit, swap_for
from tests.conftest import Chat
from tests.test_plan_program import _problems


def _section(plan, name: str) -> str:
    [section] = [s for s in plan.sections if s.name == name]
    return section.body


async def test_home_dumbbells_swap_the_barbell_lifts(chat: Chat) -> None:
    await chat.say("/level intermediate")
    await chat.say("/program start intermediate-3")
    await chat.say("/equipment preset home dumbbells")
    [plan] = await chat.say("/plan")
    assert not _problems([plan]), _problems([plan])
    main = _section(plan, "2. Main lift")
    assert main.startswith(
        "No barbell in your /equipment: Single-leg hip thrust instead of the hip thrust.\n*Single-leg hip thrust*: "
    ), main
    compound = _section(plan, "3. Compound")
    assert compound.startswith(
        "No barbell in your /equipment: Bulgarian split squat instead of the back squat.\n*Bulgarian split squat*: "
    ), compound
    # The "How to" button follows the swap too.
    assert plan.buttons[0][0].label == "How to: Single-leg hip thrust"


async def test_the_commercial_gym_keeps_the_program(chat: Chat) -> None:
    await chat.say("/level intermediate")
    await chat.say("/program start intermediate-3")
    [plan] = await chat.say("/plan")
    assert "in your /equipment" not in plan.text + "".join(s.body for s in plan.sections)
    assert "*Hip thrust*: " in _section(plan, "2. Main lift")
    assert _section(plan, "3. Compound").startswith("*Back squat*: ")


def test_missing_kit_and_swap_chains() -> None:
    home = missing_kit(barbell=False, dumbbells=True, kettlebells=False, bands=True, machines=False)
    assert home == {"barbell", "kettlebell", "cable", "machine"}
    assert missing_kit(True, True, True, True) == frozenset()
    swaps = {
        "hip_thrust": [("bench", "glute_bridge"), ("barbell", "single_leg_hip_thrust")],
        "single_leg_hip_thrust": [("bench", "single_leg_glute_bridge"), ("dumbbell", None)],
        "single_leg_glute_bridge": [("mat", None)],
        "glute_bridge": [("barbell", None), ("mat", None)],
        "kettlebell_swing": [("kettlebell", "cable_pull_through")],
        "cable_pull_through": [("cable", "kettlebell_swing")],
    }
    assert swap_for("hip_thrust", swaps.__getitem__, home) == ("single_leg_hip_thrust", "barbell")
    # No barbell and no bench: followed on to what can be done.
    both = home | {"bench"}
    assert swap_for("hip_thrust", swaps.__getitem__, both) == ("glute_bridge", "bench")
    # No kettlebell and no cable: the chain comes back round, nothing doable, so no swap.
    assert swap_for("kettlebell_swing", swaps.__getitem__, home) is None
    assert swap_for("hip_thrust", swaps.__getitem__, frozenset()) is None


async def test_the_lift_reminder_carries_the_swap(app, chat: Chat) -> None:
    from handlers.reminder_texts import ReminderTexts
    from storage.models import Schedule

    await chat.say("/program start intermediate-3")
    await chat.say("/equipment preset home dumbbells")
    account = app.store.account_of("console:alice")
    schedule = Schedule(account, "console:alice", (0,), "18:00", "UTC", id=1)
    reply = ReminderTexts(app.store, app.ctx.library, app.ctx.clock).lift(schedule, "2026-11-23")
    assert "No barbell in your /equipment: Single-leg hip thrust instead of the hip thrust." in reply.text
    assert "*Single-leg hip thrust*: " in reply.text, reply.text


async def test_bands_only_hinges_on_a_mat_not_on_a_gym_station(chat: Chat) -> None:
    """Tester (h10): with bands only, /plan swapped the Romanian deadlift for the 45° back extension,
    whose own /explain lists a back extension bench. The library's swaps now go on to the prone leg raise."""
    await chat.say("/level intermediate")
    await chat.say("/program start intermediate-3")
    await chat.say("/equipment preset bands only")
    lib = chat.app.ctx.library  # type: ignore[attr-defined]
    bands_only = missing_kit(barbell=False, dumbbells=False, kettlebells=False, bands=True, machines=False)
    swaps = lambda ex_id: [(s.missing, s.exercise) for s in lib.exercises[ex_id].swaps]  # noqa: E731
    assert swap_for("romanian_deadlift", swaps, bands_only) == ("prone_leg_raise", "dumbbell")
    # A gym keeps its back extension bench.
    assert swap_for("back_extension", swaps, frozenset()) is None
    explained = await chat.text("/explain back extension")
    assert "Prone leg raise" in explained, explained

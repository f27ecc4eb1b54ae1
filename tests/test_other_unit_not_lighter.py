"""Tester: a kg lifter (default kit) logged "/log hip thrust 3x10 135lb" (61.23 kg, every rep done) and
was told "Next time: 3 × 11 @ 60 kg … 135 lb is about 60 kg on your kit": a lighter load than the one
just lifted. A load logged in the other unit comes onto the kit at a load not under it: within the
2.5% a rounding may move it, else the next load up when that is a normal step (same reps), else it is
said as logged; the same target on the /log card, in /plan and in the lift reminder, and for a top set."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


async def test_a_pound_load_on_a_kg_kit_is_never_rounded_down(app, chat: Chat, clock: Clock) -> None:
    from handlers.reminder_texts import ReminderTexts
    from storage.models import Schedule

    clock.now = NOW
    # (yesterday: logged today, the day's lift reminder below would say the lift is done)
    line = _next(await chat.text("/log hip thrust 3x10 135lb yesterday"))
    assert line == (
        "Next time: 3 × 10 @ 62.5 kg — 20 + 1.25 per side. 135 lb is about 61.2 kg, not loadable with your kit,"
        " so 62.5 kg: same reps at the heavier load."
    ), line
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 10 @ 62.5 kg — 20 + 1.25 per side" in plan and "60 kg" not in plan, plan
    account = app.store.account_of("console:alice")
    texts = ReminderTexts(app.store, app.ctx.library, app.ctx.clock)
    reply = texts.lift(Schedule(account, "console:alice", (0,), "18:00", "UTC", id=1), "2026-12-02")
    assert "*Hip thrust*: 3 × 10 @ 62.5 kg — 20 + 1.25 per side" in reply.text, reply.text


async def test_a_pound_load_the_kit_makes_only_heavier_takes_that_load(chat: Chat, clock: Clock) -> None:
    # 80 lb is 36.29 kg: 35 kg is lighter, 37.5 kg is 3.3% heavier (more than a rounding, a normal step).
    # Was "3 × 11 @ 35 kg". The load up, the same reps (one change at a time); at the top of the range
    # that load is the step, not 40 kg.
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x10 80lb 3 days ago"))
    assert line == (
        "Next time: 3 × 10 @ 37.5 kg — 5 + 2.5 + 1.25 per side. 80 lb is about 36.3 kg, not loadable with your"
        " kit, so 37.5 kg: same reps at the heavier load."
    ), line
    line = _next(await chat.text("/log hip thrust 3x12 80lb"))
    assert line.startswith("Next time: 3 × 8 @ 37.5 kg"), line
    assert "up to 37.5 kg, back to 8 reps" in line, line


async def test_a_pound_load_the_kit_has_no_near_load_for_is_kept_as_logged(chat: Chat, clock: Clock) -> None:
    # A pair of 15 lb dumbbells is 6.8 kg a hand: 6 kg is lighter, 8 kg is +18% (more than a step).
    clock.now = NOW
    line = _next(await chat.text("/log rdl 3x10 2x15lb"))
    assert line == "Next time: 3 × 11 @ 2 × 15 lb. Same 2 × 15 lb: one more rep on each set below 12.", line


async def test_a_pound_top_set_on_a_kg_kit_is_never_rounded_down(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 1x6 135lb, 3x8 50kg"))
    assert line.startswith(
        "Next time: 1 × 6 @ 62.5 kg, 3 × 9 @ 50 kg. 135 lb × 6 (about 61.2 kg; 62.5 kg on your kit) was your"
        " top set: again first"
    ), line


async def test_a_pound_load_just_over_a_kit_load_is_not_rounded_down(chat: Chat, clock: Clock) -> None:
    # Tester: 100 lb is 45.36 kg, and "100 lb is about 45 kg on your kit" took 0.36 kg off the load
    # lifted, as the "same" load of a progression. The kit's next load up instead: 47.5 kg with the
    # default plates (+4.7%: same reps, one change at a time), 45.5 kg with half-kilo plates (+0.3%, the
    # conversion's remainder: the rep goes on).
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x10 100lb 3 days ago"))
    assert line.startswith("Next time: 3 × 10 @ 47.5 kg"), line
    assert "so 47.5 kg: same reps at the heavier load" in line and "45 kg" not in line, line
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 10 @ 47.5 kg" in plan and "45 kg" not in plan, plan
    await chat.say("/equipment plates 25 20 15 10 5 2.5 1.25 0.5")
    line = _next(await chat.text("/log hip thrust 3x10 100lb"))
    assert line.startswith("Next time: 3 × 11 @ 45.5 kg"), line
    assert "100 lb is about 45.5 kg on your kit: one more rep" in line and "45 kg" not in line, line


async def test_a_kg_load_just_over_a_pound_kit_load_is_not_rounded_down(chat: Chat, clock: Clock) -> None:
    # 80 kg is 176.37 lb: the pound bar's 175 is lighter, its 180 is the load (+2%: the step, same reps).
    clock.now = NOW
    await chat.say("/units lb")
    line = _next(await chat.text("/log hip thrust 3x10 80kg"))
    assert line.startswith("Next time: 3 × 10 @ 180 lb"), line
    assert "175 lb" not in line, line


async def test_a_kit_load_rounded_up_from_the_other_unit_is_the_step_with_the_same_reps(
    chat: Chat, clock: Clock
) -> None:
    # Tester: 60 kg on a pound kit was "3 × 11 @ 135 lb" (132.28 lb rounded up AND a rep more), 221 lb on
    # a kg kit "3 × 11 @ 102.5 kg"; 100 lb → "3 × 10 @ 47.5 kg" already kept the reps. One change at a time.
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x10 221lb"))
    assert line.startswith("Next time: 3 × 10 @ 102.5 kg"), line
    assert (
        "221 lb is about 100.2 kg, not loadable with your kit, so 102.5 kg: same reps at the heavier load"
        in line
    )
    await chat.say("/units lb")
    line = _next(await chat.text("/log glute bridge 3x10 60kg"))
    assert line.startswith("Next time: 3 × 10 @ 135 lb"), line
    assert (
        "60 kg is about 132.3 lb, not loadable with your kit, so 135 lb: same reps at the heavier load"
        in line
    )
    # At the top of the range that load is the step, not the one after it (140 lb).
    line = _next(await chat.text("/log rdl 3x12 60kg"))
    assert line.startswith("Next time: 3 × 8 @ 135 lb"), line

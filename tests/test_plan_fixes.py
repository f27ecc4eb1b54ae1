"""Bugs a tester found through the console in /plan, /program and /progress: the day shown as already
logged today is the day actually logged, every loaded barbell lift gets its ramp, a started program is
not silently restarted, loads read "24 kg" not "24.0 kg"."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import Chat, Clock


async def test_progress_writes_loads_like_everything_else(chat: Chat) -> None:
    await chat.say("/log kettlebell swing 3x15 24kg")
    text = "\n".join(r.text for r in await chat.say("/progress kettlebell swing"))
    assert "Heaviest load: 24 kg" in text, text
    assert "24.0" not in text


async def test_plan_ramps_every_loaded_barbell_lift(chat: Chat) -> None:
    await chat.say("/level advanced")
    await chat.say("/program start advanced-3")
    await chat.say("/log back squat 3x5 120kg yesterday")  # logged today, it is done: no ramp
    [plan] = await chat.say("/plan")
    [compound] = [s for s in plan.sections if s.name == "3. Compound"]
    assert compound.body.startswith("Warm-up:\n• 20 kg × 10 — empty bar\n• 45 kg × 5"), compound.body
    assert "*Back squat*: 3 × 5 @ 122.5 kg — 25 + 25 + 1.25 per side" in compound.body


async def test_already_logged_today_is_the_day_of_the_lifts_logged(chat: Chat, clock: Clock) -> None:
    """Issue: a back squat alone showed day 3 (Hinge & abduction) as "the session you did"."""
    await chat.say("/level advanced")
    await chat.say("/program start advanced-3")
    await chat.say("/log hip thrust 3x8 120kg")
    clock.now += timedelta(days=2)
    await chat.say("/log single leg hip thrust 3x8 20kg")
    await chat.say("/log bulgarian split squat 3x8 20kg")
    clock.now += timedelta(days=2)
    # Day 3 is due, but only the back squat (a Thrust day lift) is logged today.
    assert "day 3 of 3 (Hinge & abduction day)" in await chat.text("/plan")
    await chat.say("/log back squat 3x5 120kg")
    [plan] = await chat.say("/plan")
    assert plan.text.startswith(
        "Already logged today: Back squat. This is the day it belongs to; the rest of it is still to do. "
        "Advanced, 3 days a week (advanced-3): block 1, week 1 of 4, day 1 of 3 (Thrust day)."
    ), plan.text
    assert "session you did" not in plan.text
    await chat.say("/log hip thrust 3x8 122.5kg")
    await chat.say("/log cable hip extension 3x10 20kg")
    text = await chat.text("/plan")
    assert "Already logged today: this is the session you did. " in text and "day 1 of 3 (Thrust" in text
    # The next session follows the rotation: after the Thrust day done today comes day 2.
    clock.now += timedelta(days=2)
    text = await chat.text("/plan")
    assert "Already logged" not in text and "day 2 of 3 (Squat & lunge day)" in text, text


async def test_a_lift_outside_the_program_is_named_not_taken_for_a_session(chat: Chat) -> None:
    await chat.say("/program start intermediate-3")
    await chat.say("/log deadlift 3x5 100kg")
    [plan] = await chat.say("/plan")
    assert plan.text.startswith(
        "Logged today: Deadlift, not part of this program; here is the day due next. "
        "Intermediate, 3 days a week (intermediate-3): block 1, week 1 of 5, day 1 of 3 (Thrust day)."
    ), plan.text


async def test_starting_the_program_you_are_on_asks_for_restart(chat: Chat, clock: Clock, app) -> None:
    """Issue: "/program start beginner-2" on beginner-2 said "Started … today" and reset it to day 1."""
    await chat.say("/program start beginner-2")
    stored = app.store.profile(app.store.account_of("console:alice")).program
    await chat.say("/log glute bridge 3x15")
    clock.now += timedelta(days=2)
    text = await chat.text("/program start beginner-2")
    assert text.startswith(
        "You're already on beginner-2 (block 1, week 1, day 2 of 2). "
        "/program restart beginner-2 starts it over from day 1."
    ), text
    assert "Started" not in text
    assert app.store.profile(app.store.account_of("console:alice")).program == stored
    assert "day 2 of 2" in await chat.text("/plan")
    assert "Started" in await chat.text("/program restart beginner-2")
    assert "day 1 of 2" in await chat.text("/plan")


async def test_plan_says_each_side_where_the_work_is_logged_per_side(chat: Chat, clock: Clock) -> None:
    """Issue: /log said "Next time: 3 × 9 each side @ 12 kg" and /plan "3 × 9 @ 12 kg" for the same
    split squat. /plan follows how each lift was logged, and says it for one-sided lifts not yet logged."""
    await chat.say("/level advanced")
    await chat.say("/log bulgarian split squat 3x8 each side 12kg yesterday")
    await chat.say("/log single leg hip thrust 3x10 20kg yesterday")  # logged as sets, not per side
    await chat.say("/program start advanced-3")
    await chat.say("/log hip thrust 3x8 120kg")
    clock.now += timedelta(days=2)
    [plan] = await chat.say("/plan")
    sections = {s.name: s.body for s in plan.sections}
    assert "day 2 of 3 (Squat & lunge day)" in plan.text
    assert sections["3. Compound"].startswith("*Bulgarian split squat*: 3 × 9 each side @ 12 kg\n")
    assert "*Single-leg hip thrust*: 3 × 11 @ 20 kg\n" in sections["2. Main lift"]
    assert "e.g. /log single-leg hip thrust 3x11 20kg." in plan.text
    await chat.say("/log single leg hip thrust 3x11 each side 20kg")
    [plan] = await chat.say("/plan")
    sections = {s.name: s.body for s in plan.sections}
    assert "*Single-leg hip thrust*: 3 × 12 each side @ 20 kg\n" in sections["2. Main lift"]
    # Done today, so the example names the next lift (f3), per side as it was logged.
    assert "e.g. /log bulgarian split squat 3x9 each side 12kg." in plan.text
    assert (await chat.text("/log single-leg hip thrust 3x12 each side 20kg")).startswith(
        "Logged Single-leg hip thrust: 3 × 12 each side @ 20 kg."
    )


async def test_plan_says_each_side_for_one_sided_lifts_not_yet_logged(chat: Chat) -> None:
    [plan] = await chat.say("/plan")
    sections = {s.name: s.body for s in plan.sections}
    assert sections["2. Main lift"].startswith("*Glute bridge*: 3 × 10 reps\n")  # both legs: no side
    assert sections["3. Compound"].startswith("*Forward lunge*: 3 × 8 reps each side\n")
    assert sections["4. Accessory"].startswith("*Kickback*: 2 × 12 reps each side\n")

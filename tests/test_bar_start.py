"""A barbell lift never logged, for a lifter who already loads another lift, starts with the empty bar
(tester, B7): "/log hip thrust 3x8 90kg" then "/program start intermediate-3" had /plan say "Back
squat: 3 × 6 reps / Start unloaded: bodyweight only …", and the RDL of the hinge day the same. Past the
bodyweight stage, a bar lift starts with the kit's empty bar (20 kg, or 45 lb) and a working weight
found and logged; a beginner with no loaded lift keeps the bodyweight start, and a multi-directional
lunge stays unloaded below the advanced level (Price: tests/test_plan_program.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import Chat, Clock

START = "then ramp up to a weight that leaves 2–3 reps in reserve on each set, and log it: the next target builds from there."


def _section(plan, name: str) -> str:
    [section] = [s for s in plan.sections if s.name == name]
    return section.body


async def test_a_bar_lift_starts_with_the_empty_bar_after_a_loaded_lift(
    chat: Chat, clock: Clock, library
) -> None:
    clock.now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    await chat.say("/log hip thrust 3x8 90kg 2026-12-02")
    started = await chat.text("/program start intermediate-3")
    # /program start says what /plan does (was: "new lifts start unloaded").
    assert (
        "so /plan coaches its lifts at beginner level: band at the knees, new bar lifts start with the "
        "empty bar, the others unloaded. To train it at its level, set /level intermediate." in started
    ), started
    [plan] = await chat.say("/plan")
    compound = _section(plan, "3. Compound")
    assert compound == f"*Back squat*: 3 × 6 reps\nStart with the empty bar (20 kg), {START}", compound
    assert library.text("beginner_start") not in plan.text
    # The hinge day's RDL, once the thrust and squat days are done: the same start.
    await chat.say("/log hip thrust 3x8 90kg")
    clock.now += timedelta(days=2)
    await chat.say("/log b-stance hip thrust 3x10 60kg")
    clock.now += timedelta(days=2)
    [plan] = await chat.say("/plan")
    assert "day 3 of 3 (Hinge & abduction day)" in plan.text, plan.text
    assert f"Start with the empty bar (20 kg), {START}" in _section(plan, "2. Main lift"), plan.text


async def test_the_bar_is_the_kits(chat: Chat) -> None:
    await chat.say("/units lb")
    await chat.say("/log hip thrust 3x8 185lb")
    await chat.say("/program start intermediate-3")
    [plan] = await chat.say("/plan")
    compound = _section(plan, "3. Compound")
    assert compound == f"*Back squat*: 3 × 6 reps\nStart with the empty bar (45 lb), {START}", compound

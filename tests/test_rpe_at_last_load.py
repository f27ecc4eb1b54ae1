"""Tester: "/log hip thrust 3x10 @8" after months at 100 kg asked "8 kg or RPE 8 (no weight)": the
likeliest meaning, RPE 8 at the usual load, was not offered, and the lifter had to type the line again.
Now that reading is offered beside both, at the load last logged, as "3x10 at 7" and a lone "12x10"
already offer it."""

from __future__ import annotations

from tests.conftest import Chat


async def test_the_kg_or_rpe_question_offers_rpe_at_the_last_load(app, chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 100kg")
    [asked] = await chat.say("/log hip thrust 3x10 @8")
    assert asked.text == (
        "Did you mean 8 kg, RPE 8 with 100 kg as last time, or RPE 8 with no weight? "
        "Nothing is logged until you choose."
    )
    assert [b.label for b in asked.buttons[0]] == ["8 kg", "RPE 8, 100 kg", "RPE 8 (no weight)"]
    [card] = await chat.press(asked, "RPE 8, 100 kg")
    assert card.text.startswith("Logged *Hip thrust*: 3 × 10 @ 100 kg RPE 8."), card.text
    last = app.store.entries("console:alice")[-1]
    assert [(s.reps, s.load, s.unit, s.rpe) for s in last.working] == [(10, 100.0, "kg", 8.0)] * 3


async def test_a_first_log_is_asked_only_between_the_two(chat: Chat) -> None:
    [asked] = await chat.say("/log hip thrust 3x10 @8")
    assert [b.label for b in asked.buttons[0]] == ["8 kg", "RPE 8 (no weight)"]


async def test_bodyweight_said_is_logged_at_bodyweight_with_its_rpe(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 100kg")
    assert (await chat.text("/log hip thrust bw 3x10 @8")).startswith(
        "Logged Hip thrust: 3 × 10 bodyweight RPE 8."
    )

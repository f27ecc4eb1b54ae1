"""Tester h3: /cancel closed only typed questions; a question asked with buttons (the /deleteme and
"/unremind all" confirmations, which zone "/timezone IST" means, /log's "8 kg or RPE 8") stayed open,
/cancel said nothing was open, and the old button still acted. Now /cancel closes it, says what was
cancelled, and the old button says it no longer works."""

from __future__ import annotations

from tests.conftest import Chat

NO_LONGER = "This button no longer works: you cancelled it with /cancel. Send {} again if you need it."


async def test_cancel_closes_the_deleteme_confirmation(app, chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 80kg")
    [asked] = await chat.say("/deleteme")
    assert await chat.text("/cancel") == "Cancelled /deleteme: nothing was deleted."
    [late] = await chat.press(asked, "Yes, delete everything")
    assert late.text == NO_LONGER.format("/deleteme")
    assert len(app.store.entries("console:alice")) == 1
    assert await chat.text("/cancel") == "No question of mine is open here, so there is nothing to cancel."


async def test_cancel_closes_the_unremind_all_confirmation(app, chat: Chat) -> None:
    await chat.say("/remind mon 18:00")
    [asked] = await chat.say("/unremind all")
    assert await chat.text("/cancel") == "Cancelled /unremind all: your reminder schedules are kept."
    [late] = await chat.press(asked, "Yes, remove it")
    assert late.text == NO_LONGER.format("/unremind all")
    assert len(app.store.schedules("console:alice")) == 1


async def test_cancel_closes_the_timezone_choice(app, chat: Chat) -> None:
    [asked] = await chat.say("/timezone IST")
    assert asked.buttons, asked.text
    assert await chat.text("/cancel") == "Cancelled /timezone: your timezone is unchanged."
    [late] = await chat.press(asked, asked.buttons[0][0].label)
    assert late.text == NO_LONGER.format("/timezone")
    assert app.store.profile("console:alice").timezone == "UTC"


async def test_cancel_closes_the_kg_or_rpe_question_of_log(app, chat: Chat) -> None:
    [asked] = await chat.say("/log hip thrust 3x10 @8")
    assert asked.text.startswith("Did you mean 8 kg or RPE 8")
    assert await chat.text("/cancel") == "Cancelled: nothing was logged."
    for label in ("8 kg", "RPE 8 (no weight)"):
        [late] = await chat.press(asked, label)
        assert late.text == NO_LONGER.format("/log")
    assert app.store.entries("console:alice") == []


async def test_cancel_leaves_the_cards_undo_alone(app, chat: Chat) -> None:
    [card] = await chat.say("/log hip thrust 3x10 80kg")
    assert await chat.text("/cancel") == "No question of mine is open here, so there is nothing to cancel."
    [undone] = await chat.press(card, "Undo")
    assert undone.text.startswith("Removed the entry")
    assert app.store.entries("console:alice") == []

"""Tester: "/log hip thrust 3x10 80kg" sent three times in a row was stored three times without a word.
The same sets again within half a minute are still kept (a second round is possible), and the card says
how to take them back."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import Chat, Clock

TWICE = "The same sets as your last entry, a moment ago: if you sent them twice, press Undo."


async def test_the_same_line_again_at_once_is_kept_and_named(app, chat: Chat, clock: Clock) -> None:
    assert TWICE not in await chat.text("/log hip thrust 3x10 80kg")
    [card] = await chat.say("/log hip thrust 3x10 80kg")
    assert TWICE in card.text, card.text
    assert len(app.store.entries("console:alice")) == 2
    [undone] = await chat.press(card, "Undo")
    assert undone.text.startswith("Removed the entry")
    assert len(app.store.entries("console:alice")) == 1


async def test_a_second_round_later_or_a_set_at_a_time_says_nothing(chat: Chat, clock: Clock) -> None:
    await chat.say("/log hip thrust 3x10 80kg")
    clock.now += timedelta(minutes=3)
    assert TWICE not in await chat.text("/log hip thrust 3x10 80kg")
    assert TWICE not in await chat.text("/log hip thrust same")  # asked for in so many words
    for _ in range(3):
        assert TWICE not in await chat.text("/log glute bridge 1x12 40kg")

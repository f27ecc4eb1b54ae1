"""Tester: on the home dumbbells set-up (no bar), the hip thrust's "Next time: 3 × 11 @ 100 kg" read as a
load the lifter could set up; the card now says the set-up has no barbell, and where to change it."""

from __future__ import annotations

from tests.conftest import Chat


async def test_a_bar_target_on_a_kit_without_a_bar_says_so(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 100kg")
    await chat.say("/equipment preset home dumbbells")
    card = await chat.text("/log hip thrust 3x10 100kg")
    assert "Next time: 3 × 11 @ 100 kg — your set-up has no barbell (/equipment)." in card, card
    await chat.say("/equipment preset commercial gym kg")
    assert "Next time: 3 × 11 @ 100 kg — 25 + 15 per side." in await chat.text("/log hip thrust 3x10 100kg")

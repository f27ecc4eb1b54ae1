"""The /log card names the sets it counts as a warm-up (n3): after a ramp typed in one line it said
"Counted as a warm-up" without saying which of the sets."""

from __future__ import annotations

from tests.conftest import Chat


def _light_line(text: str) -> str:
    [line] = [x for x in text.splitlines() if "well under" in x]
    return line


async def test_a_ramps_light_set_is_named_on_the_card(chat: Chat) -> None:
    [card] = await chat.say("/log hip thrust 40x5, 60x3, 80x2, 100x8")
    # The ramp's steps under the top for fewer reps are its warm-ups (h1: 60 and 80 kg counted as
    # work before), and the card's "Working" header names the one set that counts.
    assert "40 kg × 5, 60 kg × 3 and 80 kg × 2 count as warm-ups (on the way up to today's 100 kg)." in (
        card.text.splitlines()
    ), card.text
    assert "Working (1 set): 1 × 8 @ 100 kg" in card.text.splitlines(), card.text


async def test_several_light_sets_are_each_named(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 100kg")
    [card] = await chat.say("/log hip thrust 2x10 40kg, 1x8 50kg")
    assert _light_line(card.text) == (
        "2 × 10 @ 40 kg and 50 kg × 8 count as warm-ups (well under today's 100 kg): if they were work, "
        "press Edit and send backoff 2x10 40kg, 1x8 50kg."
    ), card.text

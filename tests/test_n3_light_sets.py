"""The /log card names the sets it counts as a warm-up (n3): after a ramp typed in one line it said
"Counted as a warm-up" without saying which of the sets."""

from __future__ import annotations

from tests.conftest import Chat


def _light_line(text: str) -> str:
    [line] = [x for x in text.splitlines() if "well under" in x]
    return line


async def test_a_ramps_light_set_is_named_on_the_card(chat: Chat) -> None:
    [card] = await chat.say("/log hip thrust 40x5, 60x3, 80x2, 100x8")
    assert _light_line(card.text) == (
        "40 kg × 5 counts as a warm-up (well under today's 100 kg): if it was work, undo the entry and "
        "log hip thrust backoff 1x5 40kg / 1x3 60kg, 1x2 80kg, 1x8 100kg."
    ), card.text


async def test_several_light_sets_are_each_named(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 100kg")
    [card] = await chat.say("/log hip thrust 2x10 40kg, 1x8 50kg")
    assert _light_line(card.text) == (
        "2 × 10 @ 40 kg and 50 kg × 8 count as warm-ups (well under today's 100 kg): if they were work, "
        "undo the entry and log hip thrust backoff 2x10 40kg, 1x8 50kg."
    ), card.text

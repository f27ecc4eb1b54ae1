"""/explain's "Log it" → "Same as last" repeats the last entry as it was: a load per set (a reverse
pyramid) is logged at each set's load, not every set at the first set's."""

from __future__ import annotations

from tests.conftest import Chat


def loads(chat: Chat) -> list[tuple[list[tuple[int, float | None]], ...]]:
    return [[(s.reps, s.load) for s in e.working] for e in chat.app.ctx.store.entries(chat.user)]  # type: ignore[attr-defined]


async def test_same_as_last_repeats_each_sets_load(chat: Chat) -> None:
    await chat.say("/log hip thrust 80x8, 70x10, 60x12")
    [card] = await chat.say("/explain hip thrust")
    [offer] = await chat.press(card, "Log it")
    [label] = [b.label for row in offer.buttons for b in row if b.label.startswith("Same as last")]
    [logged] = await chat.press(offer, label)
    assert logged.text.startswith("Logged *Hip thrust*"), logged.text
    assert loads(chat) == [[(8, 80.0), (10, 70.0), (12, 60.0)]] * 2


async def test_same_as_last_of_straight_sets_is_written_out(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 80kg")
    [card] = await chat.say("/explain hip thrust")
    [offer] = await chat.press(card, "Log it")
    [command] = [b.command for row in offer.buttons for b in row if b.label.startswith("Same as last")]
    assert command == "/log hip_thrust 3x10 80kg"

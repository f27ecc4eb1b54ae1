"""Tester findings (round small5), through the real dispatch, as the lifter reads them:

1. refused /delete and /undo lines (and their buttons, and any writing command that changed nothing)
   spent the write limit: 21 × "/delete 99", then a real set was "You're logging faster than anyone
   trains" and nothing was logged.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock

NOW = datetime(2026, 12, 3, 18, tzinfo=UTC)
TOO_FAST = "You're logging faster than anyone trains: wait a minute and try again."
TOO_MANY_CHANGES = "That's a lot of changes in a short time: wait a minute and try again."


# --------------------------------------------------------------------------- 1. the write limit


async def test_deleting_an_entry_that_is_not_there_spends_no_write_budget(
    app, chat: Chat, clock: Clock
) -> None:
    clock.now = NOW
    for _ in range(21):  # more than the burst of 20, in the same minute
        answer = await chat.text("/delete 99")
        assert answer.startswith("There is no entry #99 in your log."), answer
    logged = await chat.text("/log hip thrust 3x10 80kg")
    assert logged.startswith("Logged Hip thrust: 3 × 10 @ 80 kg."), logged


async def test_undo_on_an_empty_log_spends_no_write_budget(app, chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    for _ in range(25):
        assert await chat.text("/undo") == "There is nothing to undo: your log is empty."
    logged = await chat.text("/log hip thrust 3x10 80kg")
    assert logged.startswith("Logged Hip thrust: 3 × 10 @ 80 kg."), logged


async def test_stopping_no_rest_timer_spends_no_write_budget(app, chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    for _ in range(25):
        assert await chat.text("/rest stop") == "No rest timer is running."
    logged = await chat.text("/log hip thrust 3x10 80kg")
    assert logged.startswith("Logged Hip thrust: 3 × 10 @ 80 kg."), logged


async def test_a_refused_undo_button_spends_no_write_budget(app, chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    cards = []
    for _ in range(5):
        [card, *_] = await chat.say("/log hip thrust 3x10 80kg")
        cards.append(card)
    for _ in range(5):
        assert (await chat.text("/undo")).startswith("Removed your latest entry"), "undo"
    # 10 changes of the burst of 20. Each Undo under an entry already taken back changes nothing.
    for card in cards:
        [gone] = await chat.press(card, "Undo")
        assert gone.text.startswith("That entry is already gone"), gone.text
    for n in range(10):
        assert (await chat.text("/log hip thrust 3x10 80kg")).startswith("Logged"), n
    assert await chat.text("/log hip thrust 3x10 80kg") == TOO_FAST


async def test_changes_still_meet_the_limit_up_front(app, chat: Chat, clock: Clock) -> None:
    """The bound kept: once 20 changes are spent, a change is refused before it runs."""
    clock.now = NOW
    for n in range(20):
        assert (await chat.text("/log hip thrust 3x10 80kg")).startswith("Logged"), n
    assert await chat.text("/undo") == TOO_MANY_CHANGES
    assert await chat.text("/delete 1") == TOO_MANY_CHANGES
    assert await chat.text("/log hip thrust 3x10 80kg") == TOO_FAST

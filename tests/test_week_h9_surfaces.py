"""h9: in the lighter week /plan gave "2 × 11 @ 100 kg" for the hip thrust while the /log card's "Next
time", /done's "Next time", the rest timer's next set and the "Log it" offer under /explain still gave
the full week's "3 × 12 @ 100 kg". Every surface now says /plan's lighter target."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from adapters.console.adapter import ConsoleAdapter
from tests.conftest import Chat, Clock

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # week 5 of 5 after weekly sessions since 2 Nov
LIGHTER = "2 × 11 @ 100 kg"  # 2 of 3 sets at last week's 3 × 11; the full week's target is 3 × 12


async def _lighter_week(chat: Chat, clock: Clock) -> None:
    clock.now = MONDAY
    await chat.say("/level intermediate")
    for day, reps in (("02", 8), ("09", 9), ("16", 10), ("23", 11)):
        await chat.say(f"/log hip thrust 3x{reps} 100kg 2026-11-{day}")
    plan = await chat.text("/plan")
    assert "This is the lighter week" in plan and f"Hip thrust: {LIGHTER}" in plan, plan


async def test_the_log_card_says_the_lighter_target_of_plan(chat: Chat, clock: Clock) -> None:
    await _lighter_week(chat, clock)
    card = await chat.text("/log hip thrust 2x11 100kg")
    assert f"Next time: {LIGHTER}" in card, card
    assert "3 × 12" not in card
    assert f"Hip thrust: {LIGHTER}" in await chat.text("/plan")  # still the same after it


async def test_done_says_the_lighter_target_of_plan(chat: Chat, clock: Clock) -> None:
    await _lighter_week(chat, clock)
    await chat.say("/log hip thrust 2x11 100kg")
    done = await chat.text("/done")
    assert f"Hip thrust: {LIGHTER}" in done, done
    assert "3 × 12" not in done


async def test_log_it_under_explain_offers_the_lighter_target(chat: Chat, clock: Clock) -> None:
    await _lighter_week(chat, clock)
    [card] = await chat.say("/explain hip thrust")
    [offer] = await chat.press(card, "Log it")
    labels = [b.label for row in offer.buttons for b in row]
    assert f"Next target: {LIGHTER}" in labels, labels


async def test_the_rest_timer_counts_the_lighter_target_s_sets(app, chat: Chat, clock: Clock) -> None:
    await _lighter_week(chat, clock)
    out = io.StringIO()
    ConsoleAdapter(app.ctx, app.router, stdin=io.StringIO(), stdout=out)  # where pushes are shown
    await chat.say("/log hip thrust 1x11 100kg")
    await chat.say("/rest 30s")
    clock.now = MONDAY + timedelta(seconds=31)
    await app.reminders.check()
    assert "Rest over: set 2 of hip thrust, 11 @ 100 kg." in out.getvalue(), out.getvalue()
    await chat.say("/log hip thrust 1x11 100kg")
    await chat.say("/rest 30s")
    clock.now = MONDAY + timedelta(seconds=62)
    await app.reminders.check()
    # Two sets in the lighter week: no third set of the full week's three.
    assert "Rest over: hip thrust is done for today" in out.getvalue(), out.getvalue()

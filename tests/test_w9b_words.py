"""Tester 22's wording: the activation reminder with no band in the kit opens without "Mini band on",
and a refused implement repeat on a per-side lift gives an example /log reads per side."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_session_pushes import Console


async def test_no_band_activation_reminder_opens_without_the_band(app, clock) -> None:
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    await c.say("/equipment bands none")
    await c.say("/remind daily 18:00 gap 10m")
    push = await c.at(datetime(2026, 12, 3, 18, 0, 5, tzinfo=UTC))
    assert "Time to warm up. No band today: stay low in a half-squat" in push, push
    assert "Mini band on" not in push and "Banded sumo walk, no band" in push, push


async def test_banded_activation_reminder_keeps_its_opening(app, clock) -> None:
    c = Console(app, clock)
    clock.now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    await c.say("/remind daily 18:00 gap 10m")
    push = await c.at(datetime(2026, 12, 3, 18, 0, 5, tzinfo=UTC))
    assert "Mini band on, knees pushed out" in push and "No band today" not in push, push


async def test_a_refused_repeat_of_a_split_squat_gives_a_per_side_example(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
    await chat.say("/log bss 3x10 each side 2x20kg")
    reply = await chat.text("/log kb bss same")
    assert "Log it in full, like /log kb bss 3x10 each side 24kg. Nothing was logged." in reply, reply

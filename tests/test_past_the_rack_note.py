"""A dumbbell or kettlebell load heavier than the kit's heaviest is stored as typed, and the card says
the kit's stop there and that /equipment changes it: "/log bss 3x10 each side 2x55kg" with the default
kit (dumbbells to 50 kg) said nothing, though /warmup then refused 55 kg as past the heaviest."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock

NOTE = "Your set-up's dumbbells stop at 50 kg: 2 × 55 kg is stored as you typed it. If you have heavier ones, /equipment changes your set-up."


async def test_a_pair_past_the_kits_dumbbells_is_stored_and_said(app, chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 1, 18, tzinfo=UTC)
    text = await chat.text("/log bss 3x10 each side 2x55kg")
    assert text.startswith(f"Logged Bulgarian split squat: 3 × 10 each side @ 2 × 55 kg.\n{NOTE}\n"), text
    [entry] = app.store.entries("console:alice")
    assert {(s.load, s.implements) for s in entry.working} == {(55.0, 2)}
    # Said once: logged past the kit that way, the lifter knows (or trains where heavier ones are).
    clock.now = datetime(2026, 12, 3, 18, tzinfo=UTC)
    again = await chat.text("/log bss 3x10 each side 2x55kg")
    assert "stop at" not in again, again
    # The kit's own heaviest says nothing; one kettlebell past the kit's names the kettlebells.
    assert "stop at" not in await chat.text("/log rdl 3x10 2x50kg")
    kb = await chat.text("/log bss 3x10 each side 52kg kettlebell")
    assert "Your set-up's kettlebells stop at 48 kg: 52 kg is stored as you typed it." in kb, kb

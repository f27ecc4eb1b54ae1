"""A Confirm stores the entry its question showed, or asks again: "/log hip thrust 3x10 10kg" asked
about "Working (3 sets): 3 × 10 @ 10 kg"; with "3x10 102.5kg" logged before the press, Confirm stored
"warm-up 3 × 10 @ 10 kg" (a ramp up to the later work), not what was confirmed. Now the press shows
the entry as it would be stored and asks again; nothing is stored until that is confirmed."""

from __future__ import annotations

from datetime import timedelta

from domain.training import SetKind
from tests.conftest import Chat, Clock


async def test_a_confirm_whose_entry_now_reads_otherwise_asks_again(app, chat: Chat, clock: Clock) -> None:
    await chat.text("/log hip thrust 3x10 100kg yesterday")
    [asked] = await chat.say("/log hip thrust 3x10 10kg")
    assert "Working (3 sets): 3 × 10 @ 10 kg" in asked.text, asked.text
    clock.now += timedelta(minutes=1)
    await chat.text("/log hip thrust 3x10 102.5kg")
    clock.now += timedelta(minutes=1)
    [again] = await chat.press(asked, "Confirm")
    lines = again.text.splitlines()
    assert lines[0] == "Your log changed since I asked, so this would now be stored as below. Is that right?"
    assert "Warm-up (3 sets): 3 × 10 @ 10 kg" in lines and "Working" not in again.text, again.text
    assert lines[-1] == "Nothing is stored until you confirm.", again.text
    assert [b.label for row in again.buttons for b in row] == ["Confirm", "Cancel"]
    loads = [[s.load for s in e.sets] for e in app.store.entries("console:alice")]
    assert loads == [[100.0] * 3, [102.5] * 3]  # nothing stored by the first press
    [logged] = await chat.press(again, "Confirm")
    assert logged.text.startswith("Logged *Hip thrust*: warm-up 3 × 10 @ 10 kg."), logged.text
    stored = app.store.entries("console:alice")[-1]
    assert [(s.kind, s.reps, s.load) for s in stored.sets] == [(SetKind.WARMUP, 10, 10.0)] * 3

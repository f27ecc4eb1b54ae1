"""Tester: an own activation exercise (`/exercise add Fire Hydrant Pulse activation`) logged as
`2x15` came back as "2 × 15 band at the knees" and "Next time: 2 × 8 steps each way, band at the
ankles": a band no one typed, stored with the sets. An own activation exercise is no mini-band walk:
its reps go up the range, and the band is band work only once one is typed on it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


async def test_an_own_activation_exercise_gets_no_band(chat: Chat, clock: Clock, tmp_path: Path) -> None:
    clock.now = NOW
    await chat.say("/exercise add Fire Hydrant Pulse activation")
    reply = await chat.text("/log fire hydrant pulse 2x12")
    assert "Logged Fire Hydrant Pulse: 2 × 12." in reply and "band" not in reply, reply
    assert _next(reply) == "Next time: 2 × 13 reps. One more rep on each set below 15.", reply
    history = await chat.text("/history fire hydrant pulse")
    assert "band" not in history, history
    stored = "".join(p.read_text() for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert "knees" not in stored and "ankles" not in stored


async def test_an_own_activation_exercise_at_the_top_adds_no_band(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/exercise add Fire Hydrant Pulse activation")
    await chat.say("/log fire hydrant pulse 2x15 2 days ago")
    line = _next(await chat.text("/log fire hydrant pulse 2x15"))
    assert "band" not in line and "steps each way" not in line, line
    assert line.startswith("Next time: 3 × 15 reps."), line


async def test_a_band_typed_on_an_own_activation_exercise_moves_on(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/exercise add Fire Hydrant Pulse activation")
    await chat.say("/log fire hydrant pulse 2x15 band at the knees 2 days ago")
    reply = await chat.text("/log fire hydrant pulse 2x15")
    assert "Logged Fire Hydrant Pulse: 2 × 15 band at the knees." in reply, reply
    assert _next(reply).startswith("Next time: 2 × 8 steps each way, band at the ankles."), reply


async def test_a_library_walk_still_starts_at_the_levels_band(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    reply = await chat.text("/log sumo walk 2x10")
    assert "band at the knees" in reply, reply

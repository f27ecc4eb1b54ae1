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
    # Typed again: a band is stored as typed, never carried over from an earlier entry
    # (tests/test_own_band_as_typed.py).
    reply = await chat.text("/log fire hydrant pulse 2x15 band at the knees")
    assert "Logged Fire Hydrant Pulse: 2 × 15 band at the knees." in reply, reply
    # Tester: "2 × 8 steps each way, band at the ankles" for a fire hydrant: reps with the band it used.
    line = _next(reply)
    assert line.startswith(
        "Next time: 2 × 8 reps, band at the knees. All sets at the top of the range (15):"
    ), line
    assert "a stronger band or a harder spot for it, back to 8 reps" in line, line
    assert "steps" not in line and "ankles" not in line, line


async def test_an_own_banded_exercise_adds_reps_with_its_band(chat: Chat, clock: Clock) -> None:
    # Tester: a clamshell at 2x20 each side was "All sets hit 15 steps", a loaded line got the band too.
    clock.now = NOW
    await chat.say("/exercise add clamshell zz activation")
    line = _next(await chat.text("/log clamshell zz 2x10 each side band=knees 3 days ago"))
    assert (
        line
        == "Next time: 2 × 11 reps each side, band at the knees. Same band: one more rep on each set below 15."
    )
    line = _next(await chat.text("/log clamshell zz 2x20 each side band=knees 2 days ago"))
    assert line.startswith("Next time: 2 × 8 reps each side, band at the knees."), line
    assert "steps" not in line, line
    reply = await chat.text("/log clamshell zz 2x15 5kg")
    assert "Logged clamshell zz: 2 × 15 @ 5 kg." in reply and "band" not in reply.split("Next time")[0], reply


async def test_a_library_walk_still_starts_at_the_levels_band(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    reply = await chat.text("/log sumo walk 2x10")
    assert "band at the knees" in reply, reply

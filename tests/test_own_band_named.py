"""An own exercise with "band" in its name (`/exercise add band kickback activation`) is no mini-band
walk: logged as `3x15` it stores no band position no one typed, and its target counts reps, not "steps
each way" with the band moved from the knees to the ankles. Two entries of it in one session are read
as a library lift's are: the whole scheme, the second entry extra sets (`_best_schemes`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


async def test_an_own_activation_exercise_named_with_a_band_is_no_walk(
    chat: Chat, clock: Clock, tmp_path: Path
) -> None:
    clock.now = NOW
    await chat.say("/exercise add band kickback activation")
    reply = await chat.text("/log band kickback 3x15")
    assert "Logged band kickback: 3 × 15." in reply and "knees" not in reply, reply
    line = _next(await chat.text("/log band kickback 2x15"))
    assert line.startswith("Next time: 3 × 15 reps."), line
    assert "steps" not in line and "ankles" not in line, line
    stored = "".join(p.read_text() for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert "knees" not in stored and "ankles" not in stored


@pytest.mark.parametrize("kind", ["accessory", "activation"])
async def test_a_band_typed_on_it_is_kept_and_its_reps_go_up(chat: Chat, clock: Clock, kind: str) -> None:
    clock.now = NOW
    await chat.say(f"/exercise add band kickback {kind}")
    line = _next(await chat.text("/log band kickback 3x12 band=knees"))
    assert line.startswith("Next time: 3 × 13 reps"), line
    assert "steps" not in line, line

"""A user's own activation exercise that is no walk (`/exercise add mini band clamshell activation`)
stores its band as typed: "2x15 medium band" is a medium band with no position (was "medium band at the
knees", a position no one typed), a line with no band has none (was "band at the knees" carried over
from an earlier entry), and "each side" is kept. Its target keeps the band as logged. The /exercise add
reply suggests a line that logs such an exercise: reps and a band, no load (was "3x10 20kg")."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


async def test_the_reply_to_an_add_suggests_a_line_that_logs_it(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    added = await chat.text("/exercise add mini band clamshell activation")
    assert "Log it like /log mini band clamshell 2x15 medium band;" in added, added
    reply = await chat.text("/log mini band clamshell 2x15 medium band")
    assert "Logged mini band clamshell: 2 × 15 medium band." in reply, reply


async def test_an_own_band_is_stored_as_typed(chat: Chat, clock: Clock, tmp_path: Path) -> None:
    clock.now = NOW
    await chat.say("/exercise add mini band clamshell activation")
    await chat.say("/log sumo walk 2x20 band=ankles 3 days ago")  # a library walk's band: not this one's
    first = await chat.text("/log mini band clamshell 2x12 each side medium band 2 days ago")
    assert "Logged mini band clamshell: 2 × 12 each side medium band." in first, first
    assert "knees" not in first and "ankles" not in first, first
    assert _next(first) == (
        "Next time: 2 × 13 reps each side, medium band. Same band: one more rep on each set below 15."
    ), first
    second = await chat.text("/log mini band clamshell 2x15 each side band at the knees 1 day ago")
    assert "Logged mini band clamshell: 2 × 15 each side band at the knees." in second, second
    third = await chat.text("/log mini band clamshell 2x15")
    assert "Logged mini band clamshell: 2 × 15." in third, third
    history = await chat.text("/history mini band clamshell")
    assert "2 × 12 each side medium band\n" in history and "#4 mini band clamshell: 2 × 15\n" in history, (
        history
    )
    stored = "\n".join(p.read_text() for p in (tmp_path / "data").rglob("*") if p.is_file())
    rows = {
        n: [r for r in stored.splitlines() if "custom_mini_band_clamshell" in r and f'"id":{n}}}' in r]
        for n in (2, 4)
    }
    assert len(rows[2]) == 1 and '"band"' not in rows[2][0] and '"resistance":"medium"' in rows[2][0], rows
    assert len(rows[4]) == 1 and '"band"' not in rows[4][0] and "resistance" not in rows[4][0], rows

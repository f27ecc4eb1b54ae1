"""An RPE ending a "--" note is the line's: "/log squat 3x5 100kg -- knee hurts rpe 9" stored the note
"knee hurts rpe 9" and no RPE, with no hint. It now stores RPE 9 on the sets and the note "knee hurts",
as "/log squat 3x5 100kg rpe 9 -- knee hurts" does; an "rpe" inside the note is the note's text, and so
is one the line cannot take ("same", an RPE given before the note too).
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock

NOW = datetime(2026, 12, 3, 18, tzinfo=UTC)


def _stored(app) -> list[tuple[list[float | None], str]]:
    return [([s.rpe for s in e.working], e.note) for e in app.store.entries("console:alice")]


async def test_an_rpe_ending_the_note_is_the_lines(app, chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    text = await chat.text("/log squat 3x5 100kg -- knee hurts rpe 9")
    assert "Logged Back squat: 3 × 5 @ 100 kg RPE 9." in text, text
    lines = text.splitlines()
    assert "RPE 9" in lines and "Note: knee hurts" in lines, text
    assert "rpe 9" not in text, text
    # The same as the RPE typed before the note.
    before = await chat.text("/log squat 3x5 100kg rpe 9 -- knee hurts")
    assert [x for x in before.splitlines() if x.startswith(("RPE", "Note"))] == ["RPE 9", "Note: knee hurts"]
    assert _stored(app) == [([9.0] * 3, "knee hurts"), ([9.0] * 3, "knee hurts")]


async def test_the_forms_an_rpe_is_read_in(app, chat: Chat, clock: Clock) -> None:
    """Half steps, a decimal comma, "=" or ":", glued, a full stop after it; the note may be only it."""
    clock.now = NOW
    for line in (
        "squat 3x5 100kg -- knee hurts, RPE: 8,5.",
        "squat 3x5 100kg -- felt heavy rpe=8.5",
        "squat 3x5 100kg -- rpe8.5",
    ):
        text = await chat.text(f"/log {line}")
        assert "RPE 8.5" in text.splitlines(), text
    assert _stored(app) == [([8.5] * 3, "knee hurts"), ([8.5] * 3, "felt heavy"), ([8.5] * 3, "")]


async def test_an_rpe_inside_the_note_or_one_the_line_cannot_take_stays_note(
    app, chat: Chat, clock: Clock
) -> None:
    clock.now = NOW
    # The first one read: the rest are the note's text, as before.
    text = await chat.text("/log squat 3x5 100kg -- knee hurts rpe 9")
    assert "RPE 9" in text.splitlines(), text
    for line, note in (
        ("squat 3x5 100kg -- rpe 9 but knee hurts", "rpe 9 but knee hurts"),
        ("squat 3x5 100kg -- knee hurts rpe 11", "knee hurts rpe 11"),
        ("squat 3x5 100kg rpe 8 -- knee hurts rpe 9", "knee hurts rpe 9"),
        ("squat same -- knee hurts rpe 9", "knee hurts rpe 9"),
    ):
        text = await chat.text(f"/log {line}")
        assert "Logged" in text and f"Note: {note}" in text.splitlines(), text
    assert [rpes[0] for rpes, _note in _stored(app)] == [9.0, None, None, 8.0, None]

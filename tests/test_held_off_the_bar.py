"""One dumbbell or kettlebell said on a lift not done with a bar (a Bulgarian split squat, a step-up, a
kickback). Was: the word was dropped ("@ 16 kg"), stored as the lift's usual load, left out of the
export, and a 16 kg kettlebell day was read as back-offs of a 24 kg dumbbell day. Now a kettlebell on a
dumbbell lift (and either on a bodyweight one) is stored as one held, as on a bar lift; one dumbbell on
a dumbbell lift is the lift's own single load, and the card says it was stored so."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from domain.training import Entry, Held
from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 3, 18, tzinfo=UTC)


def _stored(chat: Chat) -> list[Entry]:
    store = chat.app.store  # type: ignore[attr-defined]
    return store.entries(store.account_of(chat.user))


async def _export(chat: Chat) -> list[dict[str, str]]:
    [reply] = await chat.say("/export")
    assert reply.file is not None
    return list(csv.DictReader(io.StringIO(reply.file.data.decode("utf-8"))))


async def test_a_kettlebell_on_a_dumbbell_lift_is_shown_stored_and_exported(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    text = await chat.text("/log bulgarian split squat 3x10 each side 16kg kettlebell")
    assert text.startswith("Logged Bulgarian split squat: 3 × 10 each side @ 16 kg kettlebell."), text
    text = await chat.text("/log step up 3x10 16kg kettlebell")
    assert text.startswith("Logged Step-up: 3 × 10 @ 16 kg kettlebell."), text
    assert [{s.held for s in e.sets} for e in _stored(chat)] == [{Held.KETTLEBELL}, {Held.KETTLEBELL}]
    rows = await _export(chat)
    assert {(r["exercise"], r["single_implement"]) for r in rows} == {
        ("Bulgarian split squat", "kettlebell"),
        ("Step-up", "kettlebell"),
    }


async def test_a_kettlebell_day_is_not_read_as_back_offs_of_a_dumbbell_day(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 3 × 11 each side @ 24 kg, 3 × 11 each side @ 16 kg … back-offs"."""
    clock.now = NOW
    await chat.text("/log bulgarian split squat 3x10 each side 24kg dumbbell")
    line = _next(await chat.text("/log bulgarian split squat 3x10 each side 16kg kettlebell"))
    assert line.startswith("Next time: 3 × 11 each side @ 16 kg kettlebell."), line
    assert "24 kg" not in line and "back-off" not in line, line


async def test_one_dumbbell_on_a_dumbbell_lift_says_how_it_was_stored(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    text = await chat.text("/log bulgarian split squat 3x10 each side 24kg dumbbell")
    assert text.startswith("Logged Bulgarian split squat: 3 × 10 each side @ 24 kg.\n"), text
    assert "Stored as one 24 kg dumbbell, this lift's single load (for one in each hand, log 2x24kg)." in text
    [entry] = _stored(chat)
    assert {(s.load, s.implements, s.held) for s in entry.sets} == {(24.0, 1, None)}
    # A bare load is that same single load, with nothing to say; a pair says nothing of one either.
    text = await chat.text("/log bss 3x10 each side 26kg")
    assert "Stored as one" not in text, text
    text = await chat.text("/log bss 3x10 each side 24kg dumbbells")
    assert "each side @ 2 × 24 kg." in text and "Stored as one" not in text, text


async def test_an_edit_to_one_dumbbell_says_how_it_was_stored_as_log_does(chat: Chat, clock: Clock) -> None:
    """Was: /edit's card had no such line, though the edit stored one dumbbell as /log does."""
    clock.now = NOW
    await chat.text("/log bss 3x10 each side 24kg dumbbell")
    text = await chat.text("/edit 3x10 each side 26kg dumbbell")
    assert text.startswith("Changed Bulgarian split squat: 3 × 10 each side @ 26 kg.\n"), text
    assert "Stored as one 26 kg dumbbell, this lift's single load (for one in each hand, log 2x26kg)." in text
    [entry] = _stored(chat)
    assert {(s.load, s.implements, s.held) for s in entry.working} == {(26.0, 1, None)}
    # A bare load or a pair says nothing of one, as on /log.
    text = await chat.text("/edit 3x10 each side 28kg")
    assert "Stored as one" not in text, text
    text = await chat.text("/edit 3x10 each side 2x28kg")
    assert "each side @ 2 × 28 kg." in text and "Stored as one" not in text, text


async def test_a_dumbbell_on_a_bodyweight_lift_is_one_held(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    text = await chat.text("/log kickback 3x10 8kg dumbbell")
    assert text.startswith("Logged Kickback: 3 × 10 @ 8 kg dumbbell."), text
    assert {s.held for s in _stored(chat)[0].sets} == {Held.DUMBBELL}


async def test_a_kettlebell_on_a_bar_lift_is_held_as_before(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    text = await chat.text("/log hip thrust 3x10 24kg kettlebell")
    assert text.startswith("Logged Hip thrust: 3 × 10 @ 24 kg kettlebell."), text
    assert {s.held for s in _stored(chat)[0].sets} == {Held.KETTLEBELL}

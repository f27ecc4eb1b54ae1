"""One dumbbell or kettlebell named on a user's own exercise ("/exercise add goblet squat compound lift",
then "/log goblet squat 3x12 16kg kettlebell") is stored as that implement, as on a library lift. Was:
"Logged goblet squat: 3 × 12 @ 16 kg", the word dropped, and the target went on from the guessed bar
(a plate's step), not the next kettlebell in the kit."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from domain.training import Held
from tests.conftest import Chat
from tests.test_log_flow import ME, clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_pairs_and_sides import line


def _held(chat: Chat) -> list[Held | None]:
    return [s.held for s in entries(chat)[-1].sets]


async def _goblet(me: Chat) -> None:
    added = await one(me, "/exercise add goblet squat compound lift")
    assert added.text.startswith("Added *goblet squat*"), added.text


async def test_a_kettlebell_on_an_own_lift_is_shown_stored_and_progressed_by_the_next_bell(me: Chat) -> None:
    await _goblet(me)
    logged = await one(me, "/log goblet squat 3x12 16kg kettlebell")
    assert logged.text.startswith("Logged *goblet squat*: 3 × 12 @ 16 kg kettlebell."), logged.text
    assert _held(me) == [Held.KETTLEBELL] * 3
    assert line(logged, "Next time:").startswith(
        "Next time: 3 × 13 @ 16 kg kettlebell. Same 16 kg kettlebell"
    ), logged.text
    top = await one(me, "/log goblet squat 3x15 16kg kettlebell")
    # The step up is the kit's next kettlebell (20 kg), never a plate's 2.5 kg onto a guessed bar.
    nxt = line(top, "Next time:")
    assert "20 kg kettlebell" in nxt and "18.5" not in nxt and "per side" not in nxt, nxt
    # One dumbbell named is one dumbbell; a pair stays a pair, as before.
    one_db = await one(me, "/log goblet squat 3x12 16kg dumbbell")
    assert one_db.text.startswith("Logged *goblet squat*: 3 × 12 @ 16 kg dumbbell."), one_db.text
    assert _held(me) == [Held.DUMBBELL] * 3
    pair = await one(me, "/log goblet squat 3x12 2x16kg dumbbells")
    assert pair.text.startswith("Logged *goblet squat*: 3 × 12 @ 2 × 16 kg."), pair.text
    assert {(s.implements, s.held) for s in entries(me)[-1].sets} == {(2, None)}
    bare = await one(me, "/log goblet squat 3x5 60kg")  # no word: the lift's own way, as before
    assert bare.text.startswith("Logged *goblet squat*: 3 × 5 @ 60 kg."), bare.text
    assert _held(me) == [None] * 3


async def test_edit_keeps_the_kettlebell_on_an_own_lift(me: Chat) -> None:
    await _goblet(me)
    await one(me, "/log goblet squat 3x12 16kg kettlebell")
    edited = await one(me, "/edit 3x12 20kg")
    assert edited.text.startswith("Changed *goblet squat*: 3 × 12 @ 20 kg kettlebell."), edited.text
    assert _held(me) == [Held.KETTLEBELL] * 3


async def test_export_then_import_keeps_the_kettlebell_on_an_own_lift(
    me: Chat, logapp, tmp_path: Path
) -> None:
    await _goblet(me)
    await one(me, "/log goblet squat 3x12 16kg kettlebell 2026-11-26")
    [export] = await me.say("/export")
    rows = list(csv.DictReader(io.StringIO(export.file.data.decode("utf-8"))))
    assert [(r["exercise"], r["single_implement"]) for r in rows] == [("goblet squat", "kettlebell")] * 3
    path = tmp_path / "coach-log.csv"
    path.write_bytes(export.file.data)
    bob = Chat(logapp[0], user="console:bob", chat="bob")
    await one(bob, "/exercise add goblet squat compound lift")
    [preview] = await bob.say(f"/import {path}")
    [done] = await bob.press(preview, "Accept all")
    assert done.text.startswith("Imported 3 sets"), done.text
    store = bob.app.ctx.store  # type: ignore[attr-defined]
    [entry] = store.entries(store.account_of("console:bob"))
    assert [s.held for s in entry.sets] == [Held.KETTLEBELL] * 3
    assert [s.held for s in entries(me)[-1].sets] == [s.held for s in entry.sets]

"""A tester's /edit faults (k2, issue 10). 1: sets typed without an RPE dropped the RPE of the sets they
replaced, though the Edit question says "RPE stays unless you change it" ("/edit 3x8 90kg" on work at
RPE 8 stored none; with back-offs typed too, those lost theirs). Now each kind keeps its own, "rpe none"
still clears. 2: "/edit rpe 9" changed the working sets only while "/edit @9" and its RPE button wrote
the back-offs too, and the card then said one "RPE 9" for sets stored at 9 and 8. Now an RPE alone
covers the back-offs as /log's one RPE does, the load reading of "@9" keeps each kind's RPE, and the
card says what is stored, kind by kind when they differ. Through the dispatch every adapter uses, with
an injected clock, what the user sees checked against the files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.training import Entry, SetKind
from tests.conftest import Chat, Clock
from tests.test_j2_edit_load_effort import app, live, one, stored_on_disk  # noqa: F401 - the app fixture
from tests.test_log_flow import answer

# The RPE at the end is the line's, the back-offs' too (said after the 3x10 with sets after it, it is
# the 3x10's only, as "@8" there is).
LOGGED = "/log hip thrust w 60x8 / 3x10 85kg, 2x10 60kg back off rpe 8"
W, K, B = SetKind.WARMUP, SetKind.WORKING, SetKind.BACKOFF


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Where the app (test_j2's fixture: no write limit) keeps its files, read back after it stops."""
    return tmp_path / "data"


def efforts(entry: Entry) -> list[tuple[SetKind, int, float | None, float | None]]:
    return [(s.kind, s.reps, s.load, s.rpe) for s in entry.sets]


# -- 1: sets typed without an RPE keep the RPE of the sets of their kind they replace ------------------


@pytest.mark.parametrize(
    ("typed", "headline", "stored"),
    [
        (
            "3x8 90kg",
            "3 × 8 @ 90 kg, back-off 2 × 10 @ 60 kg RPE 8 (+ 1 warm-up set)",
            [(W, 8, 60.0, None), *[(K, 8, 90.0, 8.0)] * 3, *[(B, 10, 60.0, 8.0)] * 2],
        ),
        (
            "3x10 90kg",
            "3 × 10 @ 90 kg, back-off 2 × 10 @ 60 kg RPE 8 (+ 1 warm-up set)",
            [(W, 8, 60.0, None), *[(K, 10, 90.0, 8.0)] * 3, *[(B, 10, 60.0, 8.0)] * 2],
        ),
        (
            "3x10 90kg, 2x10 65kg back off",
            "3 × 10 @ 90 kg, back-off 2 × 10 @ 65 kg RPE 8 (+ 1 warm-up set)",
            [(W, 8, 60.0, None), *[(K, 10, 90.0, 8.0)] * 3, *[(B, 10, 65.0, 8.0)] * 2],
        ),
        (
            "3x8 90kg rpe 9",  # an RPE typed goes to the sets typed, as /log gives it; the back-offs keep 8
            "3 × 8 @ 90 kg RPE 9, back-off 2 × 10 @ 60 kg RPE 8 (+ 1 warm-up set)",
            [(W, 8, 60.0, None), *[(K, 8, 90.0, 9.0)] * 3, *[(B, 10, 60.0, 8.0)] * 2],
        ),
        (
            "3x8 90kg rpe none",
            "3 × 8 @ 90 kg, back-off 2 × 10 @ 60 kg (+ 1 warm-up set)",
            [(W, 8, 60.0, None), *[(K, 8, 90.0, None)] * 3, *[(B, 10, 60.0, None)] * 2],
        ),
    ],
)
async def test_sets_typed_without_an_rpe_keep_the_rpe_of_their_kind(
    chat: Chat, clock: Clock, data: Path, typed: str, headline: str, stored: list
) -> None:
    await one(chat, LOGGED, clock)
    changed = await one(chat, f"/edit {typed}", clock)
    assert changed.text.startswith(f"Changed *Hip thrust*: {headline}.\n"), changed.text
    [entry] = await stored_on_disk(chat, data)
    assert efforts(entry) == stored


async def test_the_edit_answer_keeps_the_rpe_too(chat: Chat, clock: Clock, data: Path) -> None:
    logged = await one(chat, LOGGED, clock)
    [asked] = await chat.press(logged, "Edit")
    [changed] = await answer(chat, asked, "3x8 90kg")
    assert "Working (3 sets): 3 × 8 @ 90 kg\n" in changed.text and "\nRPE 8\n" in changed.text, changed.text
    [entry] = await stored_on_disk(chat, data)
    assert [s.rpe for s in entry.sets] == [None, 8.0, 8.0, 8.0, 8.0, 8.0]


# -- 2: an RPE alone covers what /log's one RPE covers; the card says what is stored -------------------


async def test_rpe_alone_and_the_at_n_rpe_button_change_the_back_offs_alike(
    chat: Chat, clock: Clock, data: Path
) -> None:
    await one(chat, LOGGED, clock)
    typed = await one(chat, "/edit rpe 9", clock)
    assert typed.text.startswith(
        "Changed *Hip thrust*: 3 × 10 @ 85 kg, back-off 2 × 10 @ 60 kg RPE 9 (+ 1 warm-up set).\n"
    ), typed.text
    assert [s.rpe for s in live(chat)[0].sets] == [None, 9.0, 9.0, 9.0, 9.0, 9.0]
    asked = await one(chat, "/edit @7", clock)
    [pressed] = await chat.press(asked, "RPE 7")
    assert "\nRPE 7\n" in pressed.text, pressed.text
    [entry] = await stored_on_disk(chat, data)
    assert [s.rpe for s in entry.sets] == [None, 7.0, 7.0, 7.0, 7.0, 7.0]


async def test_the_card_says_each_kinds_rpe_when_they_differ_and_the_load_button_keeps_them(
    chat: Chat, clock: Clock, data: Path
) -> None:
    await one(chat, LOGGED, clock)
    changed = await one(chat, "/edit 3x10 rpe 9", clock)  # the work at 9, the back-offs kept at 8
    assert changed.text.startswith(
        "Changed *Hip thrust*: 3 × 10 @ 85 kg RPE 9, back-off 2 × 10 @ 60 kg RPE 8 (+ 1 warm-up set).\n"
    ), changed.text
    card = changed.text.split("\n")
    assert "Working (3 sets): 3 × 10 @ 85 kg RPE 9" in card, card
    assert "Back-off (2 sets): 2 × 10 @ 60 kg RPE 8" in card, card
    assert "RPE 9" not in card  # no one line for all of them
    # The Edit question says them apart too, not one "rpe 9" for all.
    asked = await one(chat, "/edit", clock)
    assert asked.ask is not None
    assert "now: w 1x8 60kg / 3x10 85kg, backoff 2x10 60kg 2026-" in asked.ask.prompt, asked.ask.prompt
    assert (
        "; working RPE 9, backoff RPE 8), for example: 3x10 87.5kg (date, note and RPE stay"
        in asked.ask.prompt
    ), asked.ask.prompt
    # "@7" read as 7 kg changes the load alone: each kind keeps its RPE through the button's line.
    asked = await one(chat, "/edit @7", clock)
    [pressed] = await chat.press(asked, "7 kg")
    assert "Working (3 sets): 3 × 10 @ 7 kg RPE 9" in pressed.text.split("\n"), pressed.text
    [entry] = await stored_on_disk(chat, data)
    assert efforts(entry) == [(W, 8, 60.0, None), *[(K, 10, 7.0, 9.0)] * 3, *[(B, 10, 60.0, 8.0)] * 2]

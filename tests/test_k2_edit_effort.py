"""A tester's /edit faults (k2, issue 10). 1: sets typed without an RPE dropped the RPE of the sets they
replaced, though the Edit question says "RPE stays unless you change it" ("/edit 3x8 90kg" on work at
RPE 8 stored none; with back-offs typed too, those lost theirs). Now each kind keeps its own, "rpe none"
still clears. Through the dispatch every adapter uses, with
an injected clock, what the user sees checked against the files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.training import Entry, SetKind
from tests.conftest import Chat, Clock
from tests.test_j2_edit_load_effort import app, one, stored_on_disk  # noqa: F401 - the app fixture
from tests.test_log_flow import answer

LOGGED = "/log hip thrust w 60x8 / 3x10 85kg rpe 8, 2x10 60kg back off"
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

"""A tester's /edit fault (k2, issue 10, 5): after "/edit 2x12kg" on an entry with back-offs, "Next time"
dropped the back-offs. The edit is right on disk (the working sets take the pair, the back-offs keep
their load and kind); the target read a back-off's load against the work per hand, so a 20 kg back-off
after a pair of 12s (24 kg in all) counted as heavier than the work. Now loads compare in all and each
back-off keeps its own implement in the target. Through the dispatch every adapter uses, with an
injected clock, what the user sees checked against the files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.training import SetKind
from tests.conftest import Chat, Clock
from tests.test_j2_edit_load_effort import app, one, stored_on_disk  # noqa: F401 - the app fixture


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Where the app (test_j2's fixture: no write limit) keeps its files, read back after it stops."""
    return tmp_path / "data"


def next_time(text: str) -> str:
    [line] = [x for x in text.split("\n") if x.startswith("Next time:")]
    return line


async def test_a_pair_of_dumbbells_edited_in_keeps_the_lighter_back_offs_in_the_target(
    chat: Chat, clock: Clock, data: Path
) -> None:
    await one(chat, "/log hip thrust 3x10 40kg, 2x10 20kg back off", clock)
    changed = await one(chat, "/edit 2x12kg", clock)
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 2 × 12 kg, back-off 2 × 10 @ 20 kg.\n")
    assert next_time(changed.text) == (
        "Next time: 3 × 11 @ 2 × 12 kg, 2 × 11 @ 20 kg. Same 2 × 12 kg: one more rep on each set below 12; "
        "back-offs after them: one more rep at 20 kg."
    ), changed.text
    [entry] = await stored_on_disk(chat, data)
    assert [(s.kind, s.reps, s.load, s.implements) for s in entry.sets] == [
        *[(SetKind.WORKING, 10, 12.0, 2)] * 3,
        *[(SetKind.BACKOFF, 10, 20.0, 1)] * 2,
    ]


async def test_back_offs_with_a_pair_after_a_pair_stay_per_hand(chat: Chat, clock: Clock) -> None:
    await one(chat, "/log rdl 3x10 2x20kg, 2x10 2x12kg back off", clock)
    changed = await one(chat, "/edit 2x22kg", clock)
    assert next_time(changed.text) == (
        "Next time: 3 × 11 @ 2 × 22 kg, 2 × 11 @ 2 × 12 kg. Same 2 × 22 kg: one more rep on each set below "
        "12; back-offs after them: one more rep at 2 × 12 kg."
    ), changed.text
    # A back-off as heavy in all as the work is none: 30 kg after a pair of 12s (24 kg).
    heavier = await one(chat, "/log hip thrust 3x10 2x12kg, 2x10 30kg back off", clock)
    assert "back-offs" not in next_time(heavier.text), heavier.text

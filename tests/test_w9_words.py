"""A tester's faults (words9): a kind word after a group closed by its load relabelled a top set typed
before it ("100x5, 3x10 70kg back off": all back-offs, and a first-time target with no work left)."""

from __future__ import annotations

from tests.conftest import Chat

# -- 1: a kind word after a group names that group, not a top set before it ---------------------------


def _kinds(app: object) -> list[tuple[str, int, float | None]]:
    [entry] = app.store.entries("console:alice")  # type: ignore[attr-defined]
    return [(s.kind.value, s.reps, s.load) for s in entry.sets]


async def test_a_back_off_word_after_a_group_names_that_group_only(app: object, chat: Chat) -> None:
    card = await chat.text("/log hip thrust 100x5, 3x10 70kg back off")
    assert "Working (1 set): 1 × 5 @ 100 kg" in card, card
    assert "Back-off (3 sets): 3 × 10 @ 70 kg" in card, card
    assert "First time" not in card, card
    assert _kinds(app) == [("working", 5, 100.0)] + [("backoff", 10, 70.0)] * 3


async def test_the_back_off_ways_that_worked_still_do(app: object, chat: Chat) -> None:
    card = await chat.text("/log hip thrust 100x5, 70x10x3 back off")
    assert "Working (1 set): 1 × 5 @ 100 kg" in card and "Back-off (3 sets): 3 × 10 @ 70 kg" in card, card
    await chat.text("/undo")
    card = await chat.text("/log hip thrust 3x10 70kg backoff")
    assert "Back-off (3 sets): 3 × 10 @ 70 kg" in card and "Working" not in card, card
    assert _kinds(app) == [("backoff", 10, 70.0)] * 3

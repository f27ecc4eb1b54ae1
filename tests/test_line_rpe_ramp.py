"""Tester: a trailing RPE turned a lighter lead-in set into work. "/log hip thrust 40x10, 100x10x3 rpe 8"
said "Working (4 sets): 1 × 10 @ 40 kg, 3 × 10 @ 100 kg" (the 40 kg set stored as work at RPE 8), and
"60x10, 100x5, 150x5, 115x10,10,9 @8" kept 60 and 100 as work, so the target dropped the 150 kg top
set. The line's RPE is for all the work (README), not the lifter rating the lead-in set: the ramp
reads as without it, and the sets stored as warm-ups carry no RPE."""

from __future__ import annotations

from domain.training import SetKind
from tests.conftest import Chat


def _stored(app) -> list[tuple[SetKind, float | None, int, float | None]]:
    return [(s.kind, s.load, s.reps, s.rpe) for e in app.store.entries("console:alice") for s in e.sets]


async def test_a_trailing_rpe_keeps_the_lead_in_a_warm_up(app, chat: Chat) -> None:
    card = await chat.text("/log hip thrust 40x10, 100x10x3 rpe 8")
    assert "Warm-up (1 set): 1 × 10 @ 40 kg" in card, card
    assert "Working (3 sets): 3 × 10 @ 100 kg" in card, card
    w, work = SetKind.WARMUP, SetKind.WORKING
    assert _stored(app) == [
        (w, 40.0, 10, None),
        (work, 100.0, 10, 8.0),
        (work, 100.0, 10, 8.0),
        (work, 100.0, 10, 8.0),
    ]
    # "/edit rpe 9" rates all but the warm-ups, as before.
    await chat.text("/edit rpe 9")
    assert _stored(app) == [
        (w, 40.0, 10, None),
        (work, 100.0, 10, 9.0),
        (work, 100.0, 10, 9.0),
        (work, 100.0, 10, 9.0),
    ]


async def test_a_trailing_rpe_keeps_the_climb_to_a_top_set(app, chat: Chat) -> None:
    card = await chat.text("/log hip thrust 60x10, 100x5, 150x5, 115x10,10,9 @8")
    assert "Warm-up (2 sets): 1 × 10 @ 60 kg, 1 × 5 @ 100 kg" in card, card
    assert "Working (4 sets): 1 × 5 @ 150 kg" in card, card
    assert "Next time: 1 × 5 @ 150 kg" in card, card
    assert [(k, rpe) for k, _, _, rpe in _stored(app)][:2] == [(SetKind.WARMUP, None)] * 2


async def test_a_sets_own_rpe_keeps_its_meaning(app, chat: Chat) -> None:
    card = await chat.text("/log hip thrust 100x5 @8, 110x3 @9")
    assert "Working (2 sets)" in card and "Warm-up" not in card, card
    assert [(k, rpe) for k, _, _, rpe in _stored(app)] == [(SetKind.WORKING, 8.0), (SetKind.WORKING, 9.0)]

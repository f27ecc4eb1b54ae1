"""Tester findings on the "Next time" target (round sameday9), through the real dispatch, as the lifter
reads the /log card's "Next time:" line:

1. a whole scheme logged again the same day added up into the next target's set count (3 × 8 twice on
   a lift the advanced program gives 4 sets → 6 × 9), its RPE 10 lost, and a top set with its back-offs
   logged again doubled both (2 × 5, 6 × 11).
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 3, 18, tzinfo=UTC)


# --------------------------------------------------------------------------- 1. a scheme logged again


async def test_a_scheme_logged_again_at_rpe_10_is_the_days_scheme_held(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 6 × 9 @ 140 kg … one more rep on each set below 10" (the program's 4 sets made
    each 3 × 8 a part, so the two added up and the RPE 10 was read as 3 of 6 sets)."""
    clock.now = NOW
    await chat.say("/level advanced")
    await chat.text("/log hip thrust 3x8 140kg")
    line = _next(await chat.text("/log hip thrust 3x8 140kg rpe 10"))
    assert line.startswith("Next time: 3 × 8 @ 140 kg"), line
    assert "RPE 10 on every set: the same again until it moves easier" in line, line


async def test_a_scheme_logged_again_without_effort_is_three_sets_not_six(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 6 × 9 @ 140 kg". Two sets a message is no scheme logged again: those add up."""
    clock.now = NOW
    await chat.say("/level advanced")
    await chat.text("/log hip thrust 3x8 140kg")
    line = _next(await chat.text("/log hip thrust 3x8 140kg"))
    assert line.startswith("Next time: 3 × 9 @ 140 kg"), line
    await chat.text("/log glute bridge 2x10 100kg")
    line = _next(await chat.text("/log glute bridge 2x10 100kg"))
    assert line.startswith("Next time: 4 × 11 @ 100 kg"), line


async def test_a_top_set_and_back_offs_logged_again_are_one_top_set_and_its_back_offs(
    chat: Chat, clock: Clock
) -> None:
    """Was: "Next time: 2 × 5 @ 102.5 kg, 6 × 11 @ 70 kg" (both entries' sets added up)."""
    clock.now = NOW
    await chat.text("/log hip thrust 100x5, 70x10x3 back off")
    line = _next(await chat.text("/log hip thrust 100x5, 70x10x3 back off"))
    assert line.startswith("Next time: 1 × 5 @ 102.5 kg, 3 × 11 @ 70 kg"), line

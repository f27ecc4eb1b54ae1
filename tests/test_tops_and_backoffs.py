"""Tester findings on top sets in the "Next time" target, as the lifter reads the /log card (coaching-facts
§6: load goes up from reps in the range; back-offs after the work go on at their own load; targets are
loadable on the user's kit):

1. a ramp to a top set logged twice, then lighter sets in an entry of their own, made the top set heavier
   ("2 × 3 @ 112.5 kg, 1 × 6 @ 100 kg … Every set at 3: add 2.5 kg").
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)
HELD = (
    "110 kg × 3 topped a ramp, below the 8-rep bottom: a top set, held at 110 kg × 3 (load goes up from"
    " reps in the range; straight sets below it back off)"
)


# --------------------------------------------------------------------------- 1. lighter sets after tops


async def test_lighter_sets_after_a_ramp_logged_twice_are_back_offs(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 2 × 3 @ 112.5 kg, 1 × 6 @ 100 kg, 3 × 12 @ 60 kg. Every set at 3: add 2.5 kg"."""
    clock.now = NOW
    await chat.text("/log hip thrust 100x5 @8, 110x3 @9")
    line = _next(await chat.text("/log hip thrust 100x5 @8, 110x3 @9"))
    assert line == f"Next time: 1 × 3 @ 110 kg — 25 + 20 per side. {HELD}.", line
    clock.now += timedelta(minutes=5)
    line = _next(await chat.text("/log hip thrust 3x12 60kg"))
    assert line == (
        f"Next time: 1 × 3 @ 110 kg, 3 × 12 @ 60 kg. {HELD}; back-offs after them: the same 12 reps at 60 kg."
    ), line


async def test_lighter_sets_after_a_pyramid_logged_twice_keep_the_pyramid(chat: Chat, clock: Clock) -> None:
    """Was: "2 × 8 @ 92.5 kg, 2 × 9 @ 80 kg …": the reverse pyramid done twice read as straight sets."""
    clock.now = NOW
    await chat.text("/log hip thrust 100x6, 80x8")
    alone = _next(await chat.text("/log hip thrust 100x6, 80x8"))
    assert alone.startswith("Next time: 92.5 kg × 8, 80 kg × 9. Reverse pyramid kept"), alone
    line = _next(await chat.text("/log hip thrust 3x12 60kg"))
    assert line.startswith(
        "Next time: 1 × 8 @ 92.5 kg, 1 × 9 @ 80 kg, 3 × 12 @ 60 kg. Reverse pyramid kept"
    ), line
    assert line.endswith("; back-offs after them: the same 12 reps at 60 kg."), line


async def test_lighter_sets_after_straight_sets_never_raise_them(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    alone = _next(await chat.text("/log hip thrust 3x8 100kg"))
    assert alone.startswith("Next time: 3 × 9 @ 100 kg"), alone
    line = _next(await chat.text("/log hip thrust 2x12 60kg"))
    assert line.startswith("Next time: 3 × 9 @ 100 kg, "), line

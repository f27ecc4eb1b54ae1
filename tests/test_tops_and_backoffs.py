"""Tester findings on top sets in the "Next time" target, as the lifter reads the /log card (coaching-facts
§6: load goes up from reps in the range; back-offs after the work go on at their own load; targets are
loadable on the user's kit):

1. a ramp to a top set logged twice, then lighter sets in an entry of their own, made the top set heavier
   ("2 × 3 @ 112.5 kg, 1 × 6 @ 100 kg … Every set at 3: add 2.5 kg");
2. a kg top set held on a pound kit was its unloadable conversion ("1 × 3 @ 242.51 lb — not loadable").
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


# --------------------------------------------------------------------------- 2. a held top set on the kit


async def test_a_kg_top_set_held_on_a_pound_kit_is_loadable_and_no_heavier(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 1 × 3 @ 242.51 lb — not loadable on your bar (nearest: 240 lb or 245 lb)"; then,
    after 3x12 135lb, "2 × 8 @ 230 lb, 1 × 6 @ 225 lb … back off to 230 lb (95% or less)"."""
    clock.now = NOW
    await chat.say("/units lb")
    await chat.text("/log hip thrust 100kg x 10,10,9 2 days ago")
    held = (
        "110 kg × 3 topped a ramp, below the 8-rep bottom: a top set, held at 240 lb × 3, your kit's load at"
        " or under 110 kg (load goes up from reps in the range; straight sets below it back off)"
    )
    for line in ("/log hip thrust 100kg x5 @8, 110kg x3 @9", "/log hip thrust same"):
        text = await chat.text(line)
        assert _next(text) == f"Next time: 1 × 3 @ 240 lb — 45 + 45 + 5 + 2.5 per side. {held}.", text
        assert "not loadable" not in text and "242.51" not in text, text
    clock.now += timedelta(minutes=5)
    line = _next(await chat.text("/log hip thrust 3x12 135lb"))
    assert line == (
        f"Next time: 1 × 3 @ 240 lb, 3 × 12 @ 135 lb. {held}; back-offs after them: the same 12 reps at 135 lb."
    ), line

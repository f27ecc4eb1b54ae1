"""Tester findings on lighter days, as the lifter reads the /log card's "Next time:" line, /plan and
/warmup (coaching-facts §6: a lighter day is no new working weight; loads said as they can be loaded):

3. /warmup quoted the target's reason in parentheses around the reason's own parentheses, with the
   working weight converted and unrounded ("builds on your 220.46 lb working weight (… (…) …)").
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)


# --------------------------------------------------------------------------- 3. as lifted, no nesting


async def test_a_kg_working_weight_is_said_as_lifted_and_warmup_nests_no_brackets(
    chat: Chat, clock: Clock
) -> None:
    """Was: "/warmup hip thrust" said "Your next target: 3 × 9 @ 220 lb (135 lb was a lighter day, so
    this builds on your 220.46 lb working weight (a lighter load …) …)"."""
    clock.now = NOW
    await chat.say("/units lb")
    await chat.text("/log hip thrust 3x8 100kg 3 days ago")
    line = _next(await chat.text("/log hip thrust 3x8 135lb"))
    assert line.startswith("Next time: 3 × 9 @ 220 lb"), line
    assert "135 lb was a lighter day, so this builds on your 100 kg working weight; " in line, line
    assert "220.46" not in line, line
    warmup = await chat.text("/warmup hip thrust")
    first = warmup.splitlines()[[i for i, x in enumerate(warmup.splitlines()) if "Your next target" in x][0]]
    assert first.startswith(
        "Your next target: 3 × 9 @ 220 lb. 135 lb was a lighter day, so this builds on your 100 kg working"
        " weight; a lighter load becomes"
    ), first
    assert "220.46" not in warmup, warmup
    depth = 0
    for ch in first:  # no bracket opened inside another
        depth += {"(": 1, ")": -1}.get(ch, 0)
        assert depth <= 1, first

"""Tester findings on small texts of /log, /edit and the coach's cards (round text4), through the real
dispatch, as the lifter reads them:

1. a load converted from the other unit was said with two decimals ("80 kg is 176.37 lb, not loadable").
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 3, 18, tzinfo=UTC)
# A figure with two decimals ("176.37 lb"): no lifter says a load so.
_TWO_DECIMALS = re.compile(r"\d+\.\d\d (kg|lb)\b")


# --------------------------------------------------------------------------- 1. converted figures


async def test_a_kg_load_on_a_pound_kit_is_said_to_one_decimal(chat: Chat, clock: Clock) -> None:
    """Was "80 kg is 176.37 lb, not loadable with your kit, so 180 lb"."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 80kg")
    await chat.text("/units lb")
    line = _next(await chat.text("/log hip thrust same"))
    assert "80 kg is about 176.4 lb, not loadable with your kit, so 180 lb" in line, line
    assert not _TWO_DECIMALS.search(line), line


async def test_a_pound_load_on_a_kg_kit_is_said_to_one_decimal(chat: Chat, clock: Clock) -> None:
    """Was "135 lb is 61.23 kg, not loadable with your kit, so 62.5 kg"."""
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x10 135lb"))
    assert "135 lb is about 61.2 kg, not loadable with your kit, so 62.5 kg" in line, line
    assert not _TWO_DECIMALS.search(line), line


async def test_a_pound_top_set_on_a_kg_kit_is_said_to_one_decimal(chat: Chat, clock: Clock) -> None:
    """Was "315 lb × 5 (142.88 kg; 145 kg on your kit) was your top set"."""
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 1x5 315lb, 3x8 100kg"))
    assert "315 lb × 5 (about 142.9 kg; 145 kg on your kit) was your top set" in line, line
    assert not _TWO_DECIMALS.search(line), line

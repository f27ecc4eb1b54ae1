"""A pound lifter's reasons name the sets as they were lifted: "225 lb × 6", "80 kg × 8", never a load
converted to the kit's unit ("176.37 lb × 8 was in the range") or the kit's load it was rounded onto
("your sets at 180 lb and 225 lb" for 80 kg and 100 kg). A back-off is 95% or less of the load LIFTED,
on the kit: 100 kg (220.46 lb) backs off to 205 lb, not to 95% of the kit's 225 lb (210 lb)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 2, 18, tzinfo=UTC)
# A converted load: two decimals ("176.37 lb", "220.46 lb").
_CONVERTED = re.compile(r"\d+\.\d\d\b")


async def _pound_gym(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.say("/units lb")
    await chat.say("/equipment plates 45 25 10 5 2.5")


async def test_a_pound_ramp_names_its_sets_as_lifted(chat: Chat, clock: Clock) -> None:
    await _pound_gym(chat, clock)
    line = _next(await chat.text("/log hip thrust 135x10, 185x8, 225x6"))
    assert line == (
        "Next time: 3 × 8 @ 185 lb — 45 + 25 per side. 225 lb × 6 topped a ramp, below the 8-rep bottom;"
        " 185 lb × 8 was in the range: 3 straight sets at 185 lb from the bottom of the range."
    ), line


async def test_a_kg_ramp_on_a_pound_kit_names_its_sets_in_kg(chat: Chat, clock: Clock) -> None:
    await _pound_gym(chat, clock)
    line = _next(await chat.text("/log hip thrust 60kgx10, 80kgx8, 100kgx6"))
    # Was "100 kg × 6 topped a ramp, below the 8-rep bottom; 176.37 lb × 8 was in the range".
    assert "100 kg × 6 topped a ramp, below the 8-rep bottom; 80 kg × 8 was in the range" in line, line
    assert line.startswith("Next time: 3 × 8 @ 175 lb — "), line
    assert not _CONVERTED.search(line), line


async def test_a_kg_pyramid_on_a_pound_kit_backs_off_from_what_was_lifted(chat: Chat, clock: Clock) -> None:
    await _pound_gym(chat, clock)
    line = _next(await chat.text("/log hip thrust 3x8 80kg, 2x6 100kg"))
    # Was "Your sets at 180 lb and 225 lb go on …; 6 reps at 225 lb is below the 8-rep bottom: back off
    # to 205 lb (what your estimated 1RM …)": the kit's loads said as if lifted.
    assert line.startswith("Next time: 3 × 9 @ 180 lb, 2 × 8 @ 205 lb."), line
    assert "Your sets at 80 kg and 100 kg go on" in line, line
    assert line.endswith("6 reps at 100 kg is below the 8-rep bottom: back off to 205 lb."), line
    assert "225 lb" not in line and not _CONVERTED.search(line), line


async def test_sessions_ending_below_the_range_back_off_95_percent_of_the_pound_load(
    chat: Chat, clock: Clock
) -> None:
    await _pound_gym(chat, clock)
    clock.now = NOW - timedelta(days=4)
    await chat.say("/log hip thrust 3x8 185, 2x6 225")
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x8 185, 2x5 225"))
    # 95% of 225 lb is 213.75: the kit's 210 lb (45 + 25 + 10 + 2.5 a side).
    assert "back off to 210 lb" in line, line
    assert not _CONVERTED.search(line) and " kg" not in line, line
    ramp = _next(await chat.text("/log glute bridge 225x8, 225x7, 225x6"))
    assert ramp.startswith("Next time: 3 × 10 @ 210 lb — 45 + 25 + 10 + 2.5 per side."), ramp
    assert "back off to 210 lb (95% or less)" in ramp, ramp

"""A load the lifter confirmed at the 1.5× question ("600 kg is more than 1.5× your best so far (100 kg).
Is that right?" → Confirm) is their real load: a later target never calls it "a mistake beside your later
sets". The later, far lighter sets are its back-offs. (A first entry, which no best stood beside, is
still read against the day's later work: tests/test_l4_targets.py.)"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 11, 30, 18, tzinfo=UTC)


async def _confirmed(chat: Chat, line: str, load: str, best: str) -> None:
    [asked] = await chat.say(line)
    assert asked.text.startswith(f"{load} is more than 1.5× your best so far ({best})."), asked.text
    [logged] = await chat.press(asked, "Confirm")
    assert logged.text.startswith("Logged *Hip thrust*"), logged.text


async def test_a_load_confirmed_at_the_question_is_no_mistake_beside_later_sets(
    chat: Chat, clock: Clock
) -> None:
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 100kg 2026-11-25")
    await _confirmed(chat, "/log hip thrust 3x10 600kg", "600 kg", "100 kg")
    [asked] = await chat.say("/log hip thrust 3x10 160kg")
    assert asked.text.startswith("160 kg is more than 1.5× your recent sets (100 kg)."), asked.text
    [logged] = await chat.press(asked, "Confirm")
    line = _next(logged.text)
    assert "mistake" not in line, line
    assert line.startswith("Next time: 3 × 11 @ 600 kg"), line
    assert "back-offs after them: one more rep at 160 kg" in line, line


async def test_confirmed_earlier_the_same_day_too(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 100kg")
    await _confirmed(chat, "/log hip thrust 3x10 600kg", "600 kg", "100 kg")
    line = _next(await chat.text("/log hip thrust 3x10 160kg"))
    assert "mistake" not in line and line.startswith("Next time: 3 × 11 @ 600 kg"), line


async def test_a_ramp_after_a_confirmed_load_is_no_lighter_scheme(chat: Chat, clock: Clock) -> None:
    # The ramp's 30 kg sets, stored as work, were a whole scheme "far lighter" than the confirmed 100 kg.
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 60kg 2026-11-25")
    await _confirmed(chat, "/log hip thrust 3x10 100kg", "100 kg", "60 kg")
    line = _next(await chat.text("/log hip thrust 30x10x3, 100x10x3"))
    assert "mistake" not in line and line.startswith("Next time: 3 × 11 @ 100 kg"), line

"""Back-offs after a working load kept in the unit it was logged in (53 lb on a kg kit) are said in the
kit's unit they were lifted in. A tester: 53 lb, then 16 kg the same day gave "Next time: 4 × 20 @ 53 lb,
3 × 20 @ 16 lb" — a 16 kg bell called 16 lb."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_coach_log import _next


async def test_a_kg_back_off_after_a_pound_load_stays_in_kg(chat: Chat) -> None:
    await chat.say("/equipment kettlebells 8 12 16")
    await chat.say("/log kettlebell swing 3x20 53lb")
    line = _next(await chat.text("/log kettlebell swing 3x20 16kg"))
    assert line.startswith("Next time: 4 × 20 @ 53 lb, 3 × 20 @ 16 kg."), line
    assert "back-offs after them: the same 20 reps at 16 kg" in line, line
    assert "16 lb" not in line, line


async def test_a_pair_back_off_in_kg_after_pound_dumbbells(chat: Chat) -> None:
    await chat.say("/equipment dumbbells 2 4 6 8 10")
    await chat.say("/log rdl 3x10 2x30lb")
    line = _next(await chat.text("/log rdl 3x10 2x8kg"))
    assert line.startswith("Next time: 3 × 11 @ 2 × 30 lb, 3 × 11 @ 2 × 8 kg."), line
    assert "one more rep at 2 × 8 kg" in line and "8 lb" not in line, line

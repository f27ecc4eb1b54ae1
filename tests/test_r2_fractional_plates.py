"""Tester r2: 0.25 kg and 1/4 lb fractional plates exist, so /equipment takes plates down to 0.25 in
either unit and /plates uses them; /log's lightest load (0.5) stays as it is."""

from __future__ import annotations

from tests.conftest import Chat


async def test_quarter_pound_plates_are_taken_and_loaded(chat: Chat) -> None:
    await chat.say("/units lb")
    await chat.say("/equipment preset commercial gym lb")
    text = await chat.text("/equipment plates 45 25 10 5 2.5 0.25")
    assert "Plates updated." in text and "• Plate pairs: 45, 25, 10, 5, 2.5, 0.25 lb" in text
    assert await chat.text("/plates 135.5") == "135.5 lb: 45 + 0.25 per side on a 45 lb bar."


async def test_quarter_kilo_plates_are_taken_and_loaded(chat: Chat) -> None:
    text = await chat.text("/equipment plates 25 20 15 10 5 2.5 1.25 0.25")
    assert "Plates updated." in text
    assert await chat.text("/plates 100.5") == "100.5 kg: 25 + 15 + 0.25 per side on a 20 kg bar."


async def test_log_still_refuses_a_load_under_half_a_unit(chat: Chat) -> None:
    await chat.say("/equipment plates 25 20 15 10 5 2.5 1.25 0.25")
    text = await chat.text("/log hip thrust 3x10 0.25kg")
    assert text.startswith("The lightest weight I log is 0.5 kg, not 0.25 kg"), text

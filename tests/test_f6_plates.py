"""Tester f6: /plates makes every barbell load /log takes when the kit has as many plate pairs as
needed (it stopped at 520 kg), and says so past that."""

from __future__ import annotations


async def test_plates_makes_600_kg_with_as_many_pairs_as_needed(chat):
    assert "(as many pairs as needed)" in await chat.text("/equipment")
    assert await chat.text("/plates 600") == ("600 kg: 11 × 25 + 15 per side on a 20 kg bar.")
    assert await chat.text("/plates 521.25") == (
        "521.25 kg can't be made on your 20 kg bar with your plates. Nearest you can load: "
        "*520 kg* (10 × 25 per side) or *522.5 kg* (10 × 25 + 1.25 per side)."
    ).replace("*", "")


async def test_plates_past_what_log_takes_says_that_is_the_limit(chat):
    text = await chat.text("/plates 700")
    assert text.startswith("700 kg is past the heaviest load I log or work out plates for (600 kg).")
    assert "Nearest you can load: 600 kg (" in text
    assert "can't be made" not in text and "with your plates" not in text


async def test_a_pound_lifter_gets_plates_for_the_heaviest_load_log_takes(chat):
    await chat.say("/units lb")
    answer = await chat.text("/plates 1320")
    assert answer == "1320 lb: 14 × 45 + 5 + 2.5 per side on a 45 lb bar.", answer
    assert "at most 1320 lb (600 kg)" in await chat.text("/plates 1321")


async def test_four_or_more_of_one_plate_are_counted(chat):
    # Tester: "25 + 25 + 25 + … + 15 per side" for 600 kg, eleven plates to count by eye.
    assert await chat.text("/plates 180") == "180 kg: 25 + 25 + 25 + 5 per side on a 20 kg bar."
    assert await chat.text("/plates 230") == "230 kg: 4 × 25 + 5 per side on a 20 kg bar."

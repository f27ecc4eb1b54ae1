"""Tester h3: a lifter who changed their kit (in kg) and then switched to /units lb had their loads read
as kg by /plates and /warmup, and /equipment refused "45lb". A load with a unit is converted to the
kit's unit. A number without one is in the lifter's unit for /plates and /warmup, as /log reads it;
/equipment describes the kit, so there it is in the kit's unit, and asked for when the two differ."""

from __future__ import annotations

from tests.conftest import Chat


async def _kg_kit_then_lb(chat: Chat) -> None:
    assert "Bar updated." in await chat.text("/equipment bar 15")
    await chat.say("/units lb")


async def test_plates_and_warmup_read_a_bare_number_in_the_lifters_unit(chat: Chat) -> None:
    await _kg_kit_then_lb(chat)
    assert (await chat.text("/plates 225")).startswith("225 lb is about 102.1 kg. ")
    assert (await chat.text("/plates 100kg")).startswith("100 kg: 25 + 15 + 2.5 per side on a 15 kg bar.")
    assert await chat.text("/warmup hip thrust 225") == "\n".join(
        [
            "Warm-up: Hip thrust to 102.5 kg",
            "===============================",
            "",
            "225 lb is about 102.1 kg. 102.1 kg can't be loaded with your set-up; warming up to 102.5 kg.",
            "• 15 kg × 10 — empty bar",
            "• 40 kg × 5 — 10 + 2.5 per side",
            "• 60 kg × 3 — 20 + 2.5 per side",
            "• 80 kg × 2 — 25 + 5 + 2.5 per side",
            "Then your working sets at 102.5 kg — 25 + 15 + 2.5 + 1.25 per side.",
        ]
    )


async def test_equipment_takes_a_part_in_pounds_and_says_what_it_keeps(app, chat: Chat) -> None:
    await _kg_kit_then_lb(chat)
    assert await chat.text("/equipment bar 45") == (
        "Your set-up is in kg and you log in lb, so I can't tell which 45 means. Write the unit, "
        "e.g. /equipment bar 45kg or /equipment bar 45lb."
    )
    for line in ("/equipment bar 45lb", "/equipment bar 45 lb"):
        text = await chat.text(line)
        assert "Bar updated. Your set-up is in kg, so 45 lb is kept as 20.41 kg." in text, text
        assert "• Bar: 20.41 kg" in text
    text = await chat.text("/equipment plates 45 25 10 5 2.5 lb")
    assert (
        "45 lb, 25 lb, 10 lb, 5 lb, 2.5 lb are kept as 20.41 kg, 11.34 kg, 4.54 kg, 2.27 kg, 1.13 kg" in text
    )
    # 225 lb on those plates is the bar and two 45s a side, not a load 0.01 kg off them.
    assert await chat.text("/plates 225") == (
        "225 lb is 102.05 kg. 102.05 kg: 20.41 + 20.41 per side on a 20.41 kg bar."
    )
    assert "bar 20.41" in app.store.profile("console:alice").equipment


async def test_a_part_out_of_range_is_refused_in_the_unit_it_was_typed(chat: Chat) -> None:
    await _kg_kit_then_lb(chat)
    assert await chat.text("/equipment plates 45 0.1 lb") == (
        "Plates weigh 0.25 to 100 lb each, not 0.1 lb. For example: /equipment plates 45 35 25 10 5 2.5"
    )
    assert (await chat.text("/equipment plates 20kg 0.1kg")).startswith(
        "Plates weigh 0.25 to 50 kg each, not 0.1 kg."
    )


async def test_a_kg_lifter_on_the_kg_kit_is_unchanged(chat: Chat) -> None:
    text = await chat.text("/equipment plates 20 10 5 2.5 1.25")
    assert "Plates updated." in text and "kept as" not in text
    assert await chat.text("/plates 100") == "100 kg: 20 + 20 per side on a 20 kg bar."


async def test_a_kg_lifter_on_a_pound_kit_is_asked_which_unit_a_bare_number_is(app, chat: Chat) -> None:
    await chat.say("/equipment preset commercial gym lb")
    before = app.store.profile("console:alice").equipment
    assert await chat.text("/equipment plates 45 35 25") == (
        "Your set-up is in lb and you log in kg, so I can't tell which 45 means. Write the unit, "
        "e.g. /equipment plates 45lb or /equipment plates 45kg."
    )
    assert app.store.profile("console:alice").equipment == before
    text = await chat.text("/equipment plates 45 35 25 lb")
    assert "Plates updated." in text and "kept as" not in text

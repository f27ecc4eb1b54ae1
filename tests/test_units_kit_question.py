"""A kg lifter who picked the commercial gym lb and typed "/log hip thrust 3x10 135" had it stored as
135 kg (and /plates 225 read as 225 kg) while the reply spoke of lb plates. A set-up picked in the
other unit now asks which unit the lifter logs in ([Log in lb] [Keep kg]); until they answer, a load
typed without a unit is asked about ("135 lb or 135 kg?") by /log, /plates and /warmup alike."""

from __future__ import annotations

from core.messages import Reply
from tests.conftest import Chat


def _labels(reply: Reply) -> list[str]:
    return [b.label for row in reply.buttons for b in row]


def _stored(app: object) -> list[tuple[int, float | None, str | None]]:
    store = app.store  # type: ignore[attr-defined]
    return [(s.reps, s.load, s.unit) for e in store.entries("console:alice") for s in e.sets]


async def _pick_lb_gym(chat: Chat) -> Reply:
    [menu] = await chat.say("/equipment")
    [picked] = await chat.press(menu, "Commercial gym lb")
    return picked


async def test_picking_an_lb_gym_asks_and_log_in_lb_switches_the_units(app, chat: Chat) -> None:
    picked = await _pick_lb_gym(chat)
    assert picked.text.startswith("Set-up changed to commercial gym lb."), picked.text
    assert picked.text.endswith(
        "Your loads are in kg; this set-up's are in lb. Log in lb too? Until you choose, I ask which "
        "unit a load you give without one is."
    )
    assert _labels(picked)[:2] == ["Log in lb", "Keep kg"]
    [switched] = await chat.press(picked, "Log in lb")
    assert switched.text == (
        "Units set to lb, as your set-up. Sets you already logged keep the unit they were logged in."
    )
    assert (await chat.text("/log hip thrust 3x10 135")).startswith("Logged Hip thrust: 3 × 10 @ 135 lb.")
    assert _stored(app) == [(10, 135.0, "lb")] * 3
    assert "units lb (/units)" in await chat.text("/settings")


async def test_until_the_lifter_chooses_a_bare_load_is_asked_not_stored_as_kg(app, chat: Chat) -> None:
    await chat.say("/equipment preset commercial gym lb")
    [asked] = await chat.say("/log hip thrust 3x10 135")
    assert asked.text == (
        "135 lb or 135 kg? Your set-up is in lb and you log in kg. Nothing is logged until you choose. "
        "/units lb or /units kg settles it for next time."
    )
    assert _labels(asked) == ["135 lb", "135 kg"]
    assert _stored(app) == []
    [logged] = await chat.press(asked, "135 lb")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 135 lb."), logged.text
    assert _stored(app) == [(10, 135.0, "lb")] * 3
    # A load with its unit is taken as written.
    assert (await chat.text("/log hip thrust 3x8 140lb")).startswith("Logged Hip thrust: 3 × 8 @ 140 lb.")
    # /plates and /warmup read a bare number as /log does: asked too.
    [plates] = await chat.say("/plates 225")
    assert plates.text.startswith("225 lb or 225 kg? Your set-up is in lb and you log in kg. /units lb")
    [made] = await chat.press(plates, "225 lb")
    assert made.text == "*225 lb*: 45 + 45 per side on a 45 lb bar."
    [warmup] = await chat.say("/warmup hip thrust 225")
    assert warmup.text.startswith("225 lb or 225 kg?") and _labels(warmup) == ["225 lb", "225 kg"]
    [ramp] = await chat.press(warmup, "225 lb")
    assert ramp.title == "Warm-up: Hip thrust to 225 lb", ramp.title


async def test_keep_kg_reads_a_bare_load_in_kg_again(app, chat: Chat) -> None:
    picked = await _pick_lb_gym(chat)
    [kept] = await chat.press(picked, "Keep kg")
    assert kept.text == (
        "You keep logging in kg: a load without a unit is kg (write 135lb or 60kg to say the other). "
        "Your set-up (commercial gym lb) is still in lb, so /plates and /warmup answer in lb."
    )
    assert not kept.buttons
    assert (await chat.text("/log hip thrust 3x10 60")).startswith("Logged Hip thrust: 3 × 10 @ 60 kg.")
    assert app.store.profile("console:alice").units == "kg"


async def test_the_answers_are_stale_safe_and_only_for_their_lifter(app, chat: Chat) -> None:
    picked = await _pick_lb_gym(chat)
    bob = Chat(app, user="console:bob", chat="alice")
    assert (await bob.press(picked, "Log in lb"))[0].text == "This button isn't yours."
    await chat.say("/units lb")
    await chat.say("/units kg")
    [late] = await chat.press(picked, "Log in lb")
    assert late.text.startswith(
        "That question was replaced by a later change, so nothing changed: you log in kg"
    )
    assert app.store.profile("console:alice").units == "kg"
    # A typed /units closed the question: a bare load is kg again.
    assert (await chat.text("/log hip thrust 3x10 60")).startswith("Logged Hip thrust: 3 × 10 @ 60 kg.")


async def test_cancel_closes_the_unit_question(app, chat: Chat) -> None:
    picked = await _pick_lb_gym(chat)
    assert await chat.text("/cancel") == "Cancelled /equipment's unit question: your units are unchanged."
    [late] = await chat.press(picked, "Log in lb")
    assert late.text.startswith("This button no longer works: you cancelled it with /cancel.")
    assert app.store.profile("console:alice").units == "kg"


async def test_a_set_up_in_the_lifters_unit_or_bands_only_asks_nothing(chat: Chat) -> None:
    await chat.say("/units lb")
    for preset in ("commercial gym lb", "bands only"):
        [reply] = await chat.say(f"/equipment preset {preset}")
        # Bands have no unit: no "its loads are in kg" to a pound lifter, no question.
        assert reply.text.startswith(f"Set-up changed to {preset}.\n\n"), reply.text
        assert "Log in kg" not in _labels(reply)


async def test_units_says_the_kit_stays_in_the_other_unit_and_offers_its_match(app, chat: Chat) -> None:
    picked = await _pick_lb_gym(chat)
    await chat.press(picked, "Log in lb")
    [back] = await chat.say("/units kg")
    assert back.text == (
        "Units set to kg. Sets you already logged keep the unit they were logged in. Your set-up "
        "(commercial gym lb) is still in lb, so /plates and /warmup answer in lb. Switch to commercial "
        "gym kg with the button, or pick another with /equipment."
    )
    assert app.store.profile("console:alice").equipment == "commercial gym lb"  # not changed silently
    [switched] = await chat.press(back, "Commercial gym kg")
    assert switched.text.startswith("Set-up changed to commercial gym kg.")
    assert "Log in" not in switched.text
    # A kg set-up with no lb twin: pointed to /equipment, nothing offered.
    await chat.say("/equipment preset home barbell kg")
    [lb] = await chat.say("/units lb")
    assert lb.text.endswith(
        "Your set-up (home barbell kg) is still in kg, so /plates and /warmup answer in kg. "
        "Pick a set-up in lb with /equipment."
    )
    assert not lb.buttons


async def test_pound_plates_or_bar_on_a_kg_kit_are_asked_about(app, chat: Chat) -> None:
    before = app.store.profile("console:alice").equipment
    [plates] = await chat.say("/equipment plates 45 25 10 5 2.5")
    assert plates.text == (
        "45 kg plates, or 45 lb? 45 is the weight of lb plates, and your set-up is in kg. "
        "Nothing is changed until you choose."
    )
    assert _labels(plates) == ["Plates in kg", "Plates in lb"]
    [bar] = await chat.say("/equipment bar 45")
    assert bar.text.startswith(
        "No bar weighs 45 kg: is it a 45 lb bar? Your set-up is in kg, so it would be kept as 20.41 kg"
    )
    assert app.store.profile("console:alice").equipment == before
    [kept] = await chat.press(plates, "Plates in lb")
    assert "• Plate pairs: 20.41, 11.34, 4.54, 2.27, 1.13 kg" in kept.text, kept.text
    [again] = await chat.say("/equipment plates 45 25 10 5 2.5")
    [heavy] = await chat.press(again, "Plates in kg")
    assert "• Plate pairs: 45, 25, 10, 5, 2.5 kg" in heavy.text, heavy.text
    # Kilo plates on a kg kit, and a list with its unit, are taken as typed.
    assert "Plates updated." in await chat.text("/equipment plates 25 20 10 5 2.5")
    assert "Plates updated." in await chat.text("/equipment plates 45 25 kg")


async def test_cancel_closes_the_plates_question(chat: Chat) -> None:
    [asked] = await chat.say("/equipment plates 45 35 25 10 5 2.5")
    assert asked.text.startswith("45 kg plates, or 45 lb? 45, 35 are the weight of lb plates")
    assert await chat.text("/cancel") == "Cancelled /equipment: your set-up is unchanged."
    [late] = await chat.press(asked, "Plates in kg")
    assert late.text.startswith("This button no longer works: you cancelled it with /cancel.")


async def test_a_bare_change_a_pair_and_an_edit_are_asked_too(app, chat: Chat) -> None:
    # Tester 3: while the question was open, "+5", "2x25" (a pair) and "/edit … 85" were read as kg.
    await chat.say("/log hip thrust 3x10 60kg")
    await _pick_lb_gym(chat)
    [asked] = await chat.say("/log hip thrust +5")
    assert asked.text.startswith("+5 lb or +5 kg? Your set-up is in lb and you log in kg."), asked.text
    assert _labels(asked) == ["+5 lb", "+5 kg"]
    pair = await chat.text("/log rdl 3x10 2x25")
    assert pair.startswith("Your set-up is in lb and you log in kg: write the unit with the load, like ")
    assert "/log romanian deadlift 3x10 2x25lb. Nothing was logged." in pair, pair
    edit = await chat.text("/edit hip thrust 3x10 85")
    assert edit.startswith("85 lb or 85 kg?") and "The entry is unchanged." in edit, edit
    assert _stored(app) == [(10, 60.0, "kg")] * 3
    assert (await chat.text("/log hip thrust +5lb")).startswith("Logged Hip thrust")

"""``/log <lift> +5lb`` and other relative changes (the tester's report): a change typed in the other unit
is converted and moved onto a load the user's kit makes, and the card says what was stored; a change
too big to log says so with a small one to copy, one within bounds but far past the best is asked
about like any outlier. Each as the user sees it on the console chat."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, labels, logapp_fixture, me_fixture, one  # noqa: F401


def loads(chat: Chat) -> list[tuple[float | None, str | None, int]]:
    """The newest entry's working loads as stored: (load per implement, unit, implements)."""
    return [(s.load, s.unit, s.implements) for s in entries(chat)[-1].working]


def reps(chat: Chat) -> list[int]:
    return [s.reps for s in entries(chat)[-1].working]


# -- 1: a change in the other unit lands on a loadable load ----------------------------------------------


async def test_plus_five_pounds_on_a_kg_barbell_stores_the_nearest_loadable_load_and_says_so(
    me: Chat,
) -> None:
    await one(me, "/log hip thrust 3x10 100kg 2026-11-26")
    reply = await one(me, "/log hip thrust +5lb")
    lines = reply.text.split("\n")
    assert lines[0] == "Logged *Hip thrust*: 3 × 10 @ 102.5 kg.", reply.text
    assert lines[1] == (
        "100 kg + 5 lb (about 2.3 kg) is about 102.3 kg, which your plates can't make, so the next load up: "
        "102.5 kg."
    )
    assert "Working (3 sets): 3 × 10 @ 102.5 kg" in lines
    assert "102.27" not in reply.text
    assert loads(me) == [(102.5, "kg", 1)] * 3


async def test_minus_five_pounds_goes_down_onto_the_kit(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 100kg 2026-11-26")
    reply = await one(me, "/log hip thrust -5lb")
    assert reply.text.split("\n")[:2] == [
        "Logged *Hip thrust*: 3 × 10 @ 97.5 kg.",
        "100 kg − 5 lb (about 2.3 kg) is about 97.7 kg, which your plates can't make, so the next load "
        "down: 97.5 kg.",
    ]
    assert loads(me) == [(97.5, "kg", 1)] * 3


async def test_a_change_smaller_than_the_smallest_step_takes_that_step_and_says_so(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 100kg 2026-11-26")
    reply = await one(me, "/log hip thrust +1lb")
    assert reply.text.split("\n")[1] == (
        "+1 lb is 0.45 kg, less than your kit's smallest step, so the next load up: 102.5 kg (+2.5 kg)."
    ), reply.text
    assert loads(me) == [(102.5, "kg", 1)] * 3


async def test_plus_kg_on_a_pound_barbell_lands_on_a_pound_load(me: Chat) -> None:
    await one(me, "/units lb")
    await one(me, "/log hip thrust 3x10 225lb 2026-11-26")
    reply = await one(me, "/log hip thrust +2.5kg")
    assert reply.text.split("\n")[:2] == [
        "Logged *Hip thrust*: 3 × 10 @ 230 lb.",
        "225 lb + 2.5 kg (about 5.5 lb) is about 230.5 lb, which your plates can't make, so the next load "
        "below it: 230 lb.",
    ]
    assert loads(me) == [(230.0, "lb", 1)] * 3


async def test_an_own_exercise_with_no_kit_goes_to_a_plate_step(me: Chat) -> None:
    await one(me, "/exercise add hip airplane accessory")
    await one(me, "/log hip airplane 3x10 10kg 2026-11-26")
    reply = await one(me, "/log hip airplane +5lb")
    assert reply.text.split("\n")[1] == (
        "10 kg + 5 lb (about 2.3 kg) is about 12.3 kg, which your plates can't make, so the next load up: "
        "12.5 kg."
    ), reply.text
    assert loads(me) == [(12.5, "kg", 1)] * 3


async def test_a_change_in_the_logged_unit_on_a_barbell_still_keeps_the_sum(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 100kg 2026-11-26")
    reply = await one(me, "/log hip thrust +2.5kg")
    assert reply.text.split("\n")[1].startswith("Mon 30 Nov 2026"), reply.text
    assert loads(me) == [(102.5, "kg", 1)] * 3


async def test_a_change_the_plates_cannot_make_goes_to_the_next_barbell_load_and_says_so(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 100kg 2026-11-26")
    reply = await one(me, "/log hip thrust +1.1kg")
    assert (
        "100 kg + 1.1 kg is 101.1 kg, which your plates can't make, so the next load up: 102.5 kg."
        in reply.text
    )
    assert loads(me) == [(102.5, "kg", 1)] * 3
    reply = await one(me, "/log hip thrust -0.01kg")
    assert "so the next load down: 100 kg." in reply.text
    assert loads(me) == [(100.0, "kg", 1)] * 3


# -- 2: too big a change ---------------------------------------------------------------------------------


async def test_plus_999_kg_past_what_can_be_logged_says_the_change_is_too_big(me: Chat) -> None:
    await one(me, "/log rdl 3x10 100kg 2026-11-26")
    reply = await one(me, "/log rdl +999kg")
    assert reply.text == (
        "+999 kg is too big a change: it makes 1099 kg, and a load I log is at most 600 kg. Nothing was "
        "logged. Change it by less, like /log rdl +2.5kg."
    )
    assert reply.buttons == ()
    assert len(entries(me)) == 1


async def test_minus_more_than_the_load_says_the_change_is_too_big(me: Chat) -> None:
    await one(me, "/log rdl 3x10 100kg 2026-11-26")
    reply = await one(me, "/log rdl -999kg")
    assert reply.text.endswith("Nothing was logged. Change it by less, like /log rdl -2.5kg."), reply.text
    assert reply.text.startswith("−999 kg is too big a change")
    assert len(entries(me)) == 1


async def test_a_change_with_more_digits_than_a_number_has_is_too_big(me: Chat) -> None:
    await one(me, "/log rdl 3x10 100kg 2026-11-26")
    reply = await one(me, "/log rdl +9999999kg")
    assert reply.text == (
        "+9999999kg is too big a change. Nothing was logged. Change it by less, like /log rdl +2.5kg."
    )
    many = await one(me, "/log rdl +9999999 reps")
    assert many.text == (
        "+9999999 reps is too big a change. Nothing was logged. Change it by less, like /log rdl +1 rep."
    )
    assert len(entries(me)) == 1


async def test_a_big_change_within_bounds_is_asked_about_and_stored_once_confirmed(me: Chat) -> None:
    await one(me, "/log rdl 3x10 100kg 2026-11-26")
    asked = await one(me, "/log rdl +450kg")
    assert asked.text.startswith("550 kg is more than 1.5× your best so far (100 kg). Is that right?")
    assert labels(asked) == ["Confirm", "Cancel"]
    assert len(entries(me)) == 1
    [stored] = await me.press(asked, "Confirm")
    assert stored.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 550 kg."), stored.text
    assert loads(me) == [(550.0, "kg", 1)] * 3


async def test_plus_999_reps_says_the_change_is_too_big(me: Chat) -> None:
    await one(me, "/log rdl 3x10 100kg 2026-11-26")
    reply = await one(me, "/log rdl +999 reps")
    assert reply.text == (
        "+999 reps is too big a change: it makes 1009 reps a set, and a set has 1 to 100. Nothing was "
        "logged. Change it by less, like /log rdl +1 rep."
    )
    down = await one(me, "/log rdl -20 reps")
    assert down.text.startswith("−20 reps is too big a change: it makes -10 reps a set"), down.text
    assert down.text.endswith("like /log rdl -1 rep.")
    assert len(entries(me)) == 1


async def test_plus_one_rep_and_many_reps_within_bounds_still_work(me: Chat) -> None:
    await one(me, "/log rdl 3x10 100kg 2026-11-26")
    plus = await one(me, "/log rdl +1 rep")
    assert plus.text.startswith("Logged *Romanian deadlift*: 3 × 11 @ 100 kg."), plus.text
    asked = await one(me, "/log rdl +30 reps")
    assert labels(asked) == ["Confirm", "Cancel"], asked.text
    assert reps(me) == [11] * 3


async def test_plus_ten_kg_on_a_pound_entry_says_the_real_sum_and_stores_the_load_it_states(me: Chat) -> None:
    """Was: "+10 kg ≈ +24 lb: 200 lb.", then "+10 kg ≈ +20 lb: 220 lb.": 10 kg is 22 lb both times, and
    176 lb + 10 kg is 198 lb, a load the lb plates don't make."""
    await one(me, "/log hip thrust 3x10 176lb 2026-11-26")
    reply = await one(me, "/log hip thrust +10kg")
    assert reply.text.split("\n")[:2] == [
        "Logged *Hip thrust*: 3 × 10 @ 200 lb.",
        "176 lb + 10 kg (about 22 lb) is about 198 lb, which lb plates can't make, so the next load up: 200 lb.",
    ]
    assert loads(me) == [(200.0, "lb", 1)] * 3
    reply = await one(me, "/log hip thrust +10kg")
    assert reply.text.split("\n")[:2] == [
        "Logged *Hip thrust*: 3 × 10 @ 220 lb.",
        "200 lb + 10 kg (about 22 lb) is about 222 lb, which lb plates can't make, so the next load below it: "
        "220 lb.",
    ]
    assert loads(me) == [(220.0, "lb", 1)] * 3

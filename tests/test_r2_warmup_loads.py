"""Tester r2: /warmup never changes the working load quietly. Two loads equally near are both named
and the lighter is chosen, saying why, with the command for the other; a load past what the kit (or
the heaviest load logged) makes is refused as /plates refuses it, not capped and ramped to. (A dumbbell
or kettlebell a little past the kit's heaviest is ramped to as typed, as /log stores it:
test_warmup_past_the_rack.)"""

from __future__ import annotations

from tests.conftest import Chat


async def _kit_15_bar_20_10_5(chat: Chat) -> None:
    await chat.say("/equipment bar 15")
    await chat.say("/equipment plates 20 10 5")


async def test_two_equally_near_loads_are_both_named_and_the_lighter_chosen(chat: Chat) -> None:
    await _kit_15_bar_20_10_5(chat)
    [reply] = await chat.say("/warmup hip thrust 40")
    lines = reply.text.replace("*", "").splitlines()
    assert lines[0] == (
        "40 kg can't be loaded with your set-up: the nearest are 35 kg and 45 kg, equally near. "
        "Warming up to the lighter, 35 kg: add reps there rather than load you didn't plan "
        "(/warmup hip thrust 45 for the heavier)."
    )
    assert lines[-1] == "Then your working sets at 35 kg — 10 per side."
    assert reply.title == "Warm-up: Hip thrust to 35 kg"


async def test_one_nearer_load_is_said_as_before(chat: Chat) -> None:
    await _kit_15_bar_20_10_5(chat)
    text = await chat.text("/warmup hip thrust 37")
    assert "37 kg can't be loaded with your set-up; warming up to 35 kg." in text


async def test_a_pair_between_two_dumbbells_names_both(chat: Chat) -> None:
    text = await chat.text("/warmup rdl 2x25")
    assert (
        "2 × 25 kg can't be loaded with your set-up: the nearest are 2 × 24 kg and 2 × 26 kg, equally near. "
        "Warming up to the lighter, 2 × 24 kg: add reps there rather than load you didn't plan "
        "(/warmup romanian deadlift 2x26 for the heavier)."
    ) in text


async def test_a_load_past_the_heaviest_logged_is_refused_as_plates_refuses_it(chat: Chat) -> None:
    await _kit_15_bar_20_10_5(chat)
    [plates_reply] = await chat.say("/plates 1000")
    plates = plates_reply.text
    assert plates.startswith("1000 kg is past the heaviest load I log or work out plates for (600 kg).")
    [reply] = await chat.say("/warmup hip thrust 1000")
    assert reply.title == "Warm-up: Hip thrust"
    assert reply.text == plates + " /warmup hip thrust 595 ramps to that."
    assert "•" not in reply.text  # no ramp


async def test_a_load_past_a_home_kit_is_refused_with_its_heaviest(chat: Chat) -> None:
    await chat.say("/equipment preset home barbell kg")
    [plates_reply] = await chat.say("/plates 150")
    plates = plates_reply.text
    assert plates.startswith(
        "150 kg can't be made on your 20 kg bar with your plates. Nearest you can load: "
    )
    [reply] = await chat.say("/warmup hip thrust 150")
    assert reply.text == plates + " /warmup hip thrust 127.5 ramps to that."


async def test_a_load_past_the_stack_or_far_past_the_heaviest_bell_is_refused(chat: Chat) -> None:
    # A dumbbell or kettlebell a little past the kit's heaviest is ramped to (test_warmup_past_the_rack);
    # one so far past it reads as a typo (over 1.5×, as /log asks) is still refused.
    assert await chat.text("/warmup bss 80") == (
        "Warm-up: Bulgarian split squat\n==============================\n\n"
        "80 kg is heavier than your heaviest dumbbell (50 kg). "
        "/warmup bulgarian split squat 50 ramps to that."
    )
    [swing] = await chat.say("/warmup kettlebell swing 80")
    assert swing.text == (
        "80 kg is heavier than your heaviest kettlebell (48 kg). /warmup kettlebell swing 48 ramps to that."
    )
    [machine] = await chat.say("/warmup hip abduction 400")
    assert machine.text == (
        "400 kg is more than your machine's stack (150 kg). /warmup seated hip abduction 150 ramps to that."
    )


async def test_the_heaviest_loadable_still_ramps(chat: Chat) -> None:
    await _kit_15_bar_20_10_5(chat)
    [reply] = await chat.say("/warmup hip thrust 598")
    assert reply.text.startswith("598 kg can't be loaded with your set-up; warming up to 595 kg.")
    assert reply.title == "Warm-up: Hip thrust to 595 kg"


async def test_a_word_where_the_load_goes_is_named_as_no_load(chat: Chat) -> None:
    # Tester: "/warmup hip thrust abc" said "“hip thrust abc” is not in the library".
    assert (
        await chat.text("/warmup hip thrust abc")
        == "“abc” is not a load. For example /warmup hip thrust 100."
    )
    # A word that makes another lift's name still gets that lift suggested.
    assert "Did you mean: Single-leg glute bridge" in await chat.text("/warmup glute bridge single")

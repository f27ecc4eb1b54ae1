"""Tester h3: /warmup for a load under the empty bar rounded up to the bar without a word, and a load
with no lift past the heaviest load got no word about the load. Both now say what is wrong and what to do."""

from __future__ import annotations

from tests.conftest import Chat

BELOW_20 = (
    "15 kg is lighter than your empty 20 kg bar, so there is nothing to ramp. Use a dumbbell or kettlebell "
    "of 15 kg (a few easy reps are the warm-up), or work with the empty bar: /warmup hip thrust 20."
)


async def test_a_load_under_the_bar_says_so_and_what_to_do(chat: Chat) -> None:
    [reply] = await chat.say("/warmup hip thrust 15")
    assert reply.title == "Warm-up: Hip thrust"
    assert reply.text == BELOW_20
    await chat.say("/units lb")
    assert (await chat.text("/warmup hip thrust 30")).endswith(
        "30 lb is lighter than your empty 45 lb bar, so there is nothing to ramp. Use a dumbbell or "
        "kettlebell of 30 lb (a few easy reps are the warm-up), or work with the empty bar: "
        "/warmup hip thrust 45."
    )


async def test_a_target_under_the_bar_says_so_too(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 10kg")
    text = await chat.text("/warmup hip thrust")
    assert "Your next target: 3 × 11 @ 10 kg" in text
    assert "10 kg is lighter than your empty 20 kg bar, so there is nothing to ramp." in text
    assert "light enough" not in text


async def test_the_empty_bar_itself_still_needs_no_ramp(chat: Chat) -> None:
    assert (await chat.text("/warmup hip thrust 20")).endswith(
        "20 kg is light enough: no ramp needed, start working."
    )


async def test_a_load_with_no_lift_gets_an_example_and_the_bound(chat: Chat) -> None:
    assert await chat.text("/warmup 601kg") == (
        "601 kg is past the heaviest load I warm up to (600 kg). "
        "Name the lift first, then the load, e.g. /warmup hip thrust 100."
    )
    assert (
        await chat.text("/warmup 100") == "Name the lift first, then the load, e.g. /warmup hip thrust 100."
    )
    await chat.say("/units lb")
    assert (await chat.text("/warmup 1400")).startswith(
        "1400 lb is past the heaviest load I warm up to (1320 lb)."
    )


async def test_a_load_under_the_bar_in_the_other_unit_is_said_as_typed(chat: Chat) -> None:
    await chat.say("/equipment bar 15")
    await chat.say("/units lb")
    assert (await chat.text("/warmup hip thrust 30")).endswith(
        "30 lb (about 13.6 kg) is lighter than your empty 15 kg bar, so there is nothing to ramp. Use a dumbbell "
        "or kettlebell of 30 lb (a few easy reps are the warm-up), or work with the empty bar: "
        "/warmup hip thrust 15."
    )

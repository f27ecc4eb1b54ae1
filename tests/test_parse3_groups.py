"""Set lines as lifters write them, read as they meant: a small unit-less AxB before load × reps × sets
("rdl 10x10, 22x10x3") is 10 kg × 10, never 10 more sets of the 22 kg. Through the console's dispatch,
what the user sees on the card and in /history."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401


async def _history(me: Chat) -> str:
    [history] = await me.say("/history")
    return history.text


# -- 1. a unit-less AxB beside load × reps × sets ---------------------------------------------------------
# (A light lead-in read so is stored as the warm-up its card calls it: the headline shows the work.)


@pytest.mark.parametrize(
    ("text", "said", "stored"),
    [
        (
            "/log rdl 10x10, 22x10x3",
            "Logged *Romanian deadlift*: 3 × 10 @ 22 kg (+ 1 warm-up set).",
            [(10, 10, 1), (10, 22, 1), (10, 22, 1), (10, 22, 1)],
        ),
        (
            "/log rdl 6x10, 22x10x3",
            "Logged *Romanian deadlift*: 3 × 10 @ 22 kg (+ 1 warm-up set).",
            [(10, 6, 1), (10, 22, 1), (10, 22, 1), (10, 22, 1)],
        ),
        (
            "/log rdl 12x10, 22x10x3",
            "Logged *Romanian deadlift*: 3 × 10 @ 22 kg (+ 1 warm-up set).",
            [(10, 12, 1), (10, 22, 1), (10, 22, 1), (10, 22, 1)],
        ),
        (
            "/log hip thrust 10x10, 100x10x3",
            "Logged *Hip thrust*: 3 × 10 @ 100 kg (+ 1 warm-up set).",
            [(10, 10, 1), (10, 100, 1), (10, 100, 1), (10, 100, 1)],
        ),
        (
            "/log hip thrust 60x10, 100x10x3",
            "Logged *Hip thrust*: 1 × 10 @ 60 kg, 3 × 10 @ 100 kg.",
            [(10, 60, 1), (10, 100, 1), (10, 100, 1), (10, 100, 1)],
        ),
        (
            "/log rdl 10x10, 15x10, 22x10x3",
            "Logged *Romanian deadlift*: 1 × 10 @ 15 kg, 3 × 10 @ 22 kg (+ 1 warm-up set).",
            [(10, 10, 1), (10, 15, 1), (10, 22, 1), (10, 22, 1), (10, 22, 1)],
        ),
    ],
)
async def test_a_small_axb_before_load_reps_sets_is_load_times_reps(
    me: Chat, text: str, said: str, stored: list[tuple[int, float, int]]
) -> None:
    logged = await one(me, text)
    assert logged.text.startswith(said), logged.text
    assert [(s.reps, s.load, s.implements) for s in entries(me)[-1].sets] == stored
    assert "13 × 10" not in await _history(me)


async def test_a_small_axb_before_a_pair_of_dumbbells_is_not_merged(me: Chat) -> None:
    logged = await one(me, "/log rdl 10x10, 22x10x3 dumbbells")
    assert "13 × 10" not in logged.text, logged.text
    assert "3 × 10 @ 2 × 22 kg" in logged.text, logged.text
    assert [s.reps for s in entries(me)[-1].sets] == [10] * 4
    assert "13 × 10" not in await _history(me)


# -- 2. a dumbbell word ending the line is the whole line's ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "said", "stored"),
    [
        (
            "/log rdl 3x10 22kg, 1x8 24kg dumbbells",
            "Logged *Romanian deadlift*: 3 × 10 @ 2 × 22 kg, 1 × 8 @ 2 × 24 kg.",
            [(10, 22, 2)] * 3 + [(8, 24, 2)],
        ),
        (
            "/log rdl 3x10 22kg, 1x8 24kg db",
            "Logged *Romanian deadlift*: 3 × 10 @ 2 × 22 kg, 1 × 8 @ 2 × 24 kg.",
            [(10, 22, 2)] * 3 + [(8, 24, 2)],
        ),
        (
            "/log rdl w 2x10 10kg, 3x10 22kg dumbbells",
            "Logged *Romanian deadlift*: 3 × 10 @ 2 × 22 kg (+ 2 warm-up sets).",
            [(10, 10, 2)] * 2 + [(10, 22, 2)] * 3,
        ),
        (
            "/log rdl 10x10, 22x10x3 dumbbells",
            "Logged *Romanian deadlift*: 3 × 10 @ 2 × 22 kg (+ 1 warm-up set).",
            [(10, 10, 2)] + [(10, 22, 2)] * 3,
        ),
    ],
)
async def test_a_dumbbell_word_ending_an_rdl_line_is_every_groups(
    me: Chat, text: str, said: str, stored: list[tuple[int, float, int]]
) -> None:
    logged = await one(me, text)
    assert logged.text.startswith(said), logged.text
    assert [(s.reps, s.load, s.implements) for s in entries(me)[-1].sets] == stored
    history = await _history(me)
    assert "@ 2 × 22 kg" in history and "@ 22 kg" not in history, history


async def test_warm_ups_of_a_dumbbell_line_are_the_pair_not_a_light_bar(me: Chat) -> None:
    logged = await one(me, "/log rdl w 2x10 10kg, 3x10 22kg dumbbells")
    assert "Warm-up (2 sets): 2 × 10 @ 2 × 10 kg" in logged.text + "".join(s.body for s in logged.sections)


async def test_a_warm_up_heavier_than_the_pairs_hand_stays_on_the_bar(me: Chat) -> None:
    # 2 x 60 kg would be a warm-up far above the 22 kg work: the 60 kg was a bar
    logged = await one(me, "/log rdl w 60x8, 3x10 22kg dumbbells")
    assert "Warm-up (1 set): 1 × 8 @ 60 kg" in logged.text + "".join(s.body for s in logged.sections)
    assert [(s.load, s.implements) for s in entries(me)[-1].sets] == [(60, 1)] + [(22, 2)] * 3


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # another group names its implement: kept apart, as before
        ("/log rdl 3x10 60kg barbell, 1x8 24kg dumbbells", "3 × 10 @ 60 kg, 1 × 8 @ 2 × 24 kg."),
        # a lift loaded on a bar: the pair is the group's only
        ("/log hip thrust 3x10 60kg, 1x8 24kg dumbbells", "3 × 10 @ 60 kg, 1 × 8 @ 2 × 24 kg."),
        # the word names the group before it, not the line's end
        ("/log rdl 1x8 24kg dumbbells, 3x10 60kg", "Warm-up (1 set): 1 × 8 @ 2 × 24 kg"),
    ],
)
async def test_a_dumbbell_word_stays_its_groups_where_the_line_says_otherwise(
    me: Chat, text: str, said: str
) -> None:
    logged = await one(me, text)
    card = logged.text + "".join(s.body for s in logged.sections)
    assert logged.text.endswith(said) or said in card, card


async def test_the_empty_bar_stays_a_bar_before_dumbbells(me: Chat) -> None:
    logged = await one(me, "/log rdl bar x10, 3x10 22kg dumbbells")
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 2 × 22 kg (+ 1 warm-up set)."), (
        logged.text
    )
    assert [(s.load, s.implements) for s in entries(me)[-1].sets] == [(20, 1)] + [(22, 2)] * 3


# -- 3. a pair written as load × reps --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "/log rdl 22kg x 10,10,9 dumbbells",
        "/log rdl 22x10, 22x10, 22x9 dumbbells",
        "/log rdl 22kgx10, 22kgx10, 22kgx9 dumbbells",
        "/log rdl 2x22kg x 10,10,9",
    ],
)
async def test_a_pair_as_load_times_reps_is_logged(me: Chat, text: str) -> None:
    logged = await one(me, text)
    assert logged.text.startswith("Logged *Romanian deadlift*: 10, 10, 9 @ 2 × 22 kg."), logged.text
    assert [(s.reps, s.load, s.implements) for s in entries(me)[-1].sets] == [
        (10, 22, 2),
        (10, 22, 2),
        (9, 22, 2),
    ]
    assert "Romanian deadlift: 10, 10, 9 @ 2 × 22 kg" in await _history(me)


async def test_a_barbell_name_and_a_pair_after_reps_are_still_asked_apart(me: Chat) -> None:
    refused = await one(me, "/log bb rdl 22kg x 10,10,9 dumbbells")
    assert "which was it?" in refused.text and "Nothing was logged." in refused.text, refused.text
    assert entries(me) == []

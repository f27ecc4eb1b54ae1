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


@pytest.mark.parametrize(
    ("text", "said", "stored"),
    [
        (
            "/log rdl 10x10, 22x10x3",
            "Logged *Romanian deadlift*: 1 × 10 @ 10 kg, 3 × 10 @ 22 kg.",
            [(10, 10, 1), (10, 22, 1), (10, 22, 1), (10, 22, 1)],
        ),
        (
            "/log rdl 6x10, 22x10x3",
            "Logged *Romanian deadlift*: 1 × 10 @ 6 kg, 3 × 10 @ 22 kg.",
            [(10, 6, 1), (10, 22, 1), (10, 22, 1), (10, 22, 1)],
        ),
        (
            "/log rdl 12x10, 22x10x3",
            "Logged *Romanian deadlift*: 1 × 10 @ 12 kg, 3 × 10 @ 22 kg.",
            [(10, 12, 1), (10, 22, 1), (10, 22, 1), (10, 22, 1)],
        ),
        (
            "/log hip thrust 10x10, 100x10x3",
            "Logged *Hip thrust*: 1 × 10 @ 10 kg, 3 × 10 @ 100 kg.",
            [(10, 10, 1), (10, 100, 1), (10, 100, 1), (10, 100, 1)],
        ),
        (
            "/log hip thrust 60x10, 100x10x3",
            "Logged *Hip thrust*: 1 × 10 @ 60 kg, 3 × 10 @ 100 kg.",
            [(10, 60, 1), (10, 100, 1), (10, 100, 1), (10, 100, 1)],
        ),
        (
            "/log rdl 10x10, 15x10, 22x10x3",
            "Logged *Romanian deadlift*: 1 × 10 @ 10 kg, 1 × 10 @ 15 kg, 3 × 10 @ 22 kg.",
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

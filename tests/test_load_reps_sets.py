"""A top set then back-off sets, as lifters write them: ``120x5, 90x10x3`` (load x reps x sets) and
``120x5, 3x10 90kg``. Both were refused with "120x5 is a load with its reps, so 3 kg after it is a
second load", and ``90x10x3`` alone with "Sets go from 1 to 20, not 90"."""

from __future__ import annotations

import pytest

from tests.conftest import Chat

THREE_AT_90 = [(10, 90.0, "kg")] * 3
TOP_THEN_THREE = [(5, 120.0, "kg"), *THREE_AT_90]


@pytest.mark.parametrize(
    ("line", "logged", "stored"),
    [
        ("/log hip thrust 90x10x3", "Logged Hip thrust: 3 × 10 @ 90 kg.", THREE_AT_90),
        ("/log hip thrust 90kg x 10 x 3", "Logged Hip thrust: 3 × 10 @ 90 kg.", THREE_AT_90),
        ("/log hip thrust 200x10x3 lb", "Logged Hip thrust: 3 × 10 @ 200 lb.", [(10, 200.0, "lb")] * 3),
        # sets x reps x load, as before
        ("/log hip thrust 3x10x80", "Logged Hip thrust: 3 × 10 @ 80 kg.", [(10, 80.0, "kg")] * 3),
        # Tester 7: 20 sets of 3 at 5 kg; from 11 "sets" up the load reading wins
        ("/log squat 20x3x5", "Logged Back squat: 5 × 3 @ 20 kg.", [(3, 20.0, "kg")] * 5),
        (
            "/log hip thrust 120x5, 90x10x3",
            "Logged Hip thrust: 1 × 5 @ 120 kg, 3 × 10 @ 90 kg.",
            TOP_THEN_THREE,
        ),
        (
            "/log hip thrust 120x5, 3x10 90kg",
            "Logged Hip thrust: 1 × 5 @ 120 kg, 3 × 10 @ 90 kg.",
            TOP_THEN_THREE,
        ),
    ],
)
async def test_a_top_set_then_sets_at_a_lighter_load(
    app, chat: Chat, line: str, logged: str, stored: list[tuple[int, float, str]]
) -> None:
    card = await chat.text(line)
    assert card.startswith(logged), card
    [entry] = app.store.entries("console:alice")
    assert [(s.reps, s.load, s.unit) for s in entry.working] == stored


@pytest.mark.parametrize(
    ("line", "refusal"),
    [
        # Still two loads for one group: 80 can only be a load, and 2 × 12 kg closes the line.
        ("/log hip thrust 60x10, 80x8 2x12kg", "60x10 is a load with its reps, so 2 × 12 kg after it"),
        # 12 could be sets: which load goes with what is not plain.
        ("/log hip thrust 12x12, 3x12 100kg", "Give each group its load (or bw), like 3x10 80kg"),
        ("/log hip thrust 90kgx10x3kg", "I don't understand '90kgx10x3kg'."),
        # Tester 7: these named the 90 ("Sets go from 1 to 20, not 90") or called 0 sets a weight.
        ("/log squat 90x10x21", "Sets go from 1 to 20, not 21: like 90x10x3."),
        ("/log squat 90x10x0", "Sets go from 1 to 20, not 0: like 90x10x3."),
        # Was "for a load write 999999kgx10": a load past the 600 kg /log takes. Only a load it takes is offered.
        ("/log hip thrust 999999x10 80kg", "Sets go from 1 to 20, not 999999: like hip thrust 3x10 80kg."),
        ("/log hip thrust 601x10 80kg", "Sets go from 1 to 20, not 601: like hip thrust 3x10 80kg."),
        ("/log hip thrust 600x10 80kg", "Sets go from 1 to 20, not 600: for a load write 600kgx10."),
    ],
)
async def test_lines_with_two_readings_are_still_refused(app, chat: Chat, line: str, refusal: str) -> None:
    reply = await chat.text(line)
    assert reply.startswith(refusal), reply
    assert app.store.entries("console:alice") == []

"""The empty bar in gym notation (a tester logging in pounds): "/log hip thrust bar x10, 135x5, 225x8x3"
is 10 reps with the lifter's bar (their kit's; 45 lb or 20 kg by default) as the first warm-up of a
ramp. Before, it was refused: "I don't understand 'x10,'"."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_log_flow import logapp_fixture, me_fixture, one  # noqa: F401 - fixtures


@pytest.mark.parametrize("bar", ["bar x10", "bar x 10", "barx10", "Bar ×10"])
async def test_the_empty_bar_starts_a_ramp_as_its_first_warm_up(me: Chat, bar: str) -> None:
    await me.say("/units lb")
    logged = await one(me, f"/log hip thrust {bar}, 135x5, 225x8x3")
    lines = logged.text.splitlines()
    assert lines[0] == "Logged *Hip thrust*: 3 × 8 @ 225 lb (+ 2 warm-up sets).", logged.text
    assert "Warm-up (2 sets): 1 × 10 @ 45 lb, 1 × 5 @ 135 lb" in lines, logged.text
    assert "Working (3 sets): 3 × 8 @ 225 lb" in lines, logged.text


async def test_the_bar_is_the_lifters_own(me: Chat) -> None:
    await me.say("/units lb")
    await me.say("/equipment bar 35")
    logged = await one(me, "/log hip thrust bar x10, 135x5, 225x8x3")
    assert "Warm-up (2 sets): 1 × 10 @ 35 lb, 1 × 5 @ 135 lb" in logged.text.splitlines(), logged.text


async def test_in_kilograms_the_bar_is_20_kg(me: Chat) -> None:
    logged = await one(me, "/log hip thrust bar x10, 60x5, 100x8x3")
    lines = logged.text.splitlines()
    assert "Warm-up (2 sets): 1 × 10 @ 20 kg, 1 × 5 @ 60 kg" in lines, logged.text
    assert "Working (3 sets): 3 × 8 @ 100 kg" in lines, logged.text


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        # reps that do not fall after it: no ramp, so the bar alone is the warm-up
        (
            "/log glute bridge bar x10, 95x10",
            ["Warm-up (1 set): 1 × 10 @ 45 lb", "Working (1 set): 1 × 10 @ 95 lb"],
        ),
        (
            "/log hip thrust bar x10 / 3x8 225",
            ["Warm-up (1 set): 1 × 10 @ 45 lb", "Working (3 sets): 3 × 8 @ 225 lb"],
        ),
    ],
)
async def test_the_bar_is_a_warm_up_only_before_heavier_work(me: Chat, line: str, shown: list[str]) -> None:
    await me.say("/units lb")
    logged = await one(me, line)
    lines = logged.text.splitlines()
    assert lines[2 : 2 + len(shown)] == shown, logged.text  # the sets' lines, after the head and date


async def test_a_lift_with_no_barbell_says_so(me: Chat) -> None:
    await me.say("/units lb")
    refused = await one(me, "/log bulgarian split squat bar x10, 3x8 25lb")
    assert refused.text == (
        "'bar x10' is the empty bar, and Bulgarian split squat is not done with a barbell: write the "
        "load you lifted, like 25lbx10. Nothing was logged. Example: /log hip thrust 3x10 185lb"
    )


async def test_a_set_up_with_no_barbell_says_so(me: Chat) -> None:
    await me.say("/units lb")
    await me.say("/equipment home dumbbells lb")
    refused = await one(me, "/log hip thrust bar x10, 135x5")
    assert refused.text == (
        "'bar x10' is the empty bar, and your set-up has no barbell (/equipment bar 45 adds one): write "
        "the load you lifted, like 25lbx10. Nothing was logged. Example: /log hip thrust 3x10 185lb"
    )


async def test_an_edit_reads_the_bar_as_log_does(me: Chat) -> None:
    await me.say("/units lb")
    await me.say("/log hip thrust 3x8 225")
    changed = await one(me, "/edit bar x10, 135x5, 225x8x3")
    lines = changed.text.splitlines()
    assert "Warm-up (2 sets): 1 × 10 @ 45 lb, 1 × 5 @ 135 lb" in lines, changed.text
    assert "Working (3 sets): 3 × 8 @ 225 lb" in lines, changed.text

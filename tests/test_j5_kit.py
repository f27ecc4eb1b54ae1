"""A relative change onto the plates of an lb kit: "+2.5kg" on 102.5 kg is at least 105 kg (235 lb,
never 230 lb = 104.3 kg), "-2.5kg" at most 100 kg, and the card says the load in both units when the
kit's unit is not the one the sets were logged in."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_j5_outlier import my_rows
from tests.test_log_flow import logapp_fixture, me_fixture, one  # noqa: F401 - fixtures


@pytest.mark.parametrize(
    ("change", "load", "said"),
    [
        (
            "+2.5kg",
            235.0,
            "102.5 kg + 2.5 kg is 105 kg, which your plates can't make, so the next load up: 235 lb, "
            "about 106.6 kg.",
        ),
        (
            "-2.5kg",
            220.0,
            "102.5 kg − 2.5 kg is 100 kg, which your plates can't make, so the next load down: 220 lb, "
            "about 99.8 kg.",
        ),
    ],
)
async def test_an_lb_kit_rounds_the_way_asked_and_says_both_units(
    me: Chat, change: str, load: float, said: str
) -> None:
    await me.say("/units lb")
    await me.say("/log hip thrust 3x10 102.5kg")
    logged = await one(me, f"/log hip thrust {change}")
    assert logged.text.startswith(f"Logged *Hip thrust*: 3 × 10 @ {load:g} lb."), logged.text
    assert said in logged.text, logged.text
    assert my_rows(me)[-1]["sets"] == [{"reps": 10, "load": load, "unit": "lb"}] * 3


async def test_a_kg_kit_that_makes_the_sum_keeps_it_and_says_nothing(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    logged = await one(me, "/log hip thrust +2.5kg")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 102.5 kg."), logged.text
    assert "can't make" not in logged.text
    logged = await one(me, "/log hip thrust +1kg")  # 103.5 kg: up to the next load the plates make
    assert "so the next load up: 105 kg." in logged.text, logged.text
    assert my_rows(me)[-1]["sets"] == [{"reps": 10, "load": 105.0, "unit": "kg"}] * 3

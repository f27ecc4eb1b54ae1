"""Every reply that shows a /log example with a load gives it in the lifter's unit, as /log and /edit
do (tests/test_o1_lb_hints.py). Before, after /units lb: /history said "Try /log hip thrust 3x10
80kg.", /export and /done "Log a set first, e.g. /log hip thrust 3x10 80kg", /help log its forms and
usage in kg, /progress "e.g. /log hip thrust 3x10 60kg", /exercise add "Log it like /log reverse hyper
3x10 20kg". A kilogram lifter's replies are unchanged."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_log_flow import logapp_fixture, me_fixture, one  # noqa: F401 - fixtures

# The command, and the example its reply gives to a kg lifter and to an lb lifter.
EXAMPLES = [
    ("/history", "Try /log hip thrust 3x10 80kg.", "Try /log hip thrust 3x10 185lb."),
    ("/export", "Log a set first, e.g. /log hip thrust 3x10 80kg", "Log a set first, e.g. /log hip thrust 3x10 185lb"),
    ("/done", "Log a set first, e.g. /log hip thrust 3x10 80kg", "Log a set first, e.g. /log hip thrust 3x10 185lb"),
    ("/progress hip thrust", "e.g. /log hip thrust 3x10 60kg", "e.g. /log hip thrust 3x10 135lb"),
    ("/exercise add reverse hyper accessory", "/log reverse hyper 3x10 20kg;", "/log reverse hyper 3x10 45lb;"),
    # The menus' text, loads bare (the lifter's unit): a pound lifter's as a pound gym loads.
    ("/help", "/log: Log sets, e.g. hip thrust 3x10 100\n", "/log: Log sets, e.g. hip thrust 3x10 225\n"),
    ("/help edit", "e.g. 3x10 85 (leave out: I ask)", "e.g. 3x10 195 (leave out: I ask)"),
    ("/help log", "Example: /log hip thrust 3x10 80kg", "Example: /log hip thrust 3x10 185lb"),
    ("/help log", "• hip thrust 60x10, 80x8, 100x5", "• hip thrust 135x10, 185x8, 225x5"),
    ("/help log", "all of it: 3x10, 10,10,8, 60x10, 80x8", "all of it: 3x10, 10,10,8, 135x10, 185x8"),
    ("/help log", "type it all: hip thrust w 60x8 / 100x10,10,9", "type it all: hip thrust w 135x8 / 225x10,10,9"),
    ("/help edit", "Example: /edit 3x10 85kg", "Example: /edit 3x10 195lb"),
]  # fmt: skip


@pytest.mark.parametrize(("command", "in_kg", "in_lb"), EXAMPLES)
@pytest.mark.parametrize("unit", ["kg", "lb"])
async def test_examples_are_in_the_lifters_unit(
    me: Chat, unit: str, command: str, in_kg: str, in_lb: str
) -> None:
    await me.say(f"/units {unit}")
    said = (await one(me, command)).text
    assert (in_lb if unit == "lb" else in_kg) in said, said
    if unit == "lb" and command.startswith(("/history", "/export", "/done", "/help log", "/help edit")):
        # Only the unit line names kg ("kg or lb (default: your /units)"): no example does.
        assert "kg" not in said.replace("kg or lb", ""), said

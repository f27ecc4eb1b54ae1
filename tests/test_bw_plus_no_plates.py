"""``/log glute bridge bw+22.5 3x10``: bodyweight plus 22.5 kg (a plate or dumbbell on the hips) is stored
as the load, and the target said under it is no bar's: no "— 1.25 per side" (20 kg bar + 1.25 a side) for
a load the lifter held. A load no dumbbell or plate of the kit makes is a bar's, and keeps its plates."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401


def next_time(text: str) -> str:
    return next(line for line in text.split("\n") if line.startswith("Next time:"))


async def test_a_load_on_top_of_bodyweight_gets_no_plates_per_side(me: Chat) -> None:
    reply = await one(me, "/log glute bridge bw+22.5 3x10")
    line = next_time(reply.text)
    assert line.startswith("Next time: 3 × 11 @ 22.5 kg. Same 22.5 kg"), line
    assert "per side" not in line


async def test_a_load_only_a_bar_makes_keeps_its_plates(me: Chat) -> None:
    reply = await one(me, "/log glute bridge 3x10 60kg")
    assert next_time(reply.text).startswith("Next time: 3 × 11 @ 60 kg — 20 per side."), reply.text

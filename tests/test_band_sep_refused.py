"""A band line with nothing after "band=" but a comma ("glute bridge 3x15 band=,") is refused like
"band=" alone, with the positions to write. It used to loop for ever on the event loop: no reply, and
no one else's either, until the process was killed (a tester, on Telegram's fake too)."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401 - fixtures

BAND = "Say where the band goes, like band=knees, band=ankles or band=feet."


@pytest.mark.parametrize(
    "line",
    [
        "/log sumo walk 2x20 band=, 2x15",
        "/log glute bridge 3x15 band=,",
        "/log hip thrust 3x10 100kg band=;",
        "/log sumo walk 2x20 band= , 15",
    ],
)
async def test_band_then_a_comma_is_refused_and_the_bot_answers_on(me: Chat, line: str) -> None:
    assert (await one(me, line)).text.startswith(BAND)
    assert (await one(me, "/log glute bridge 3x15")).text.startswith("Logged *Glute bridge*: 3 × 15")


async def test_an_edit_with_band_then_a_comma_is_refused_and_changes_nothing(me: Chat) -> None:
    await one(me, "/log glute bridge 3x15")
    assert (await one(me, "/edit 3x15 band=,")).text.startswith(BAND)
    assert (await one(me, "/history")).text.count("3 × 15") == 1

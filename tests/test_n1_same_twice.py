"""Helper n1: "/log hip thrust same same" was logged as one "same"; it is refused as any word given
twice is, with the form to write, and nothing is stored."""

from __future__ import annotations

import pytest

from tests import test_j4_kinds
from tests.test_j4_kinds import Bot, disk, say

bot = test_j4_kinds.bot  # the fixture: a started app on a temp data folder, a console chat


@pytest.mark.parametrize(
    "typed", ["hip thrust same same", "same hip thrust same", "hip thrust same as last time same"]
)
async def test_same_twice_is_refused_with_the_form(bot: Bot, typed: str) -> None:
    await say(bot, "/log hip thrust 3x10 100kg")
    refused = await say(bot, f"/log {typed}")
    assert refused.text == (
        "'same' is given twice: write it once, like hip thrust same. Nothing was logged. "
        "Example: /log hip thrust 3x10 80kg"
    ), refused.text
    assert len(await disk(bot)) == 1

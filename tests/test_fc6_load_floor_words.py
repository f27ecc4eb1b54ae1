"""A load under the lightest one taken is refused saying that rule, with a load's example: /plates and
/warmup said "A load is above 0" of 0.001 kg, which is above 0, and /log's "lightest weight" answer
gave a bodyweight line as its only example."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401


async def test_log_says_the_lightest_load_and_a_load_to_write(me: Chat) -> None:
    refused = await one(me, "/log hip thrust 3x10 0.001kg")
    assert refused.text.startswith(
        "The lightest weight I log is 0.5 kg, not 0.001 kg: like 3x10 2.5kg, or 3x15 bw for bodyweight."
    ), refused.text
    assert "above 0" not in refused.text and "more than 0" not in refused.text, refused.text
    assert entries(me) == []


async def test_log_in_pounds_gives_a_pound_example(me: Chat) -> None:
    refused = await one(me, "/log hip thrust 3x10 0.2lb")
    assert refused.text.startswith(
        "The lightest weight I log is 0.5 lb, not 0.2 lb: like 3x10 5lb, or 3x15 bw for bodyweight."
    ), refused.text


async def test_edit_says_the_same(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    refused = await one(me, "/edit 0.001kg")
    assert refused.text == (
        "The lightest weight I log is 0.5 kg, not 0.001 kg: like 3x10 2.5kg, or 3x15 bw for bodyweight. "
        "The entry is unchanged."
    ), refused.text
    assert [s.load for s in entries(me)[-1].sets] == [100.0] * 3


async def test_a_change_to_under_the_lightest_load_says_that_rule(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    refused = await one(me, "/log hip thrust same -99.999kg")
    assert "a load I log is at least 0.5 kg" in refused.text, refused.text
    assert len(entries(me)) == 1


@pytest.mark.parametrize(
    ("line", "example"),
    [("/plates 0.001", "/plates 102.5"), ("/warmup hip thrust 0.001", "/warmup hip thrust 100")],
)
async def test_plates_and_warmup_say_the_lightest_load(me: Chat, line: str, example: str) -> None:
    said = (await one(me, line)).text
    assert said == f"A load is at least 0.5 kg and at most 600 kg (1320 lb), e.g. {example}.", said


@pytest.mark.parametrize(
    ("line", "example"),
    [
        ("/plates 0.2", "/plates 102.5"),
        ("/plates 0.4kg", "/plates 102.5"),
        ("/warmup hip thrust 0.2", "/warmup hip thrust 100"),
    ],
)
async def test_plates_and_warmup_floor_is_logs(me: Chat, line: str, example: str) -> None:
    """Was: /plates and /warmup worked from 0.1 kg ("0.2 kg is lighter than your 20 kg bar"), though /log
    refuses loads under 0.5 kg."""
    said = (await one(me, line)).text
    assert said == f"A load is at least 0.5 kg and at most 600 kg (1320 lb), e.g. {example}.", said
    # /log's floor, the same: the lightest it takes is worked out.
    assert (await one(me, "/plates 0.5")).text.startswith("0.5 kg is lighter than your 20 kg bar"), line

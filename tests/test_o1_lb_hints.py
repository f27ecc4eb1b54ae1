"""/log's and /edit's examples and hints in the lifter's unit (a tester logging in pounds): after
/units lb, "25x8" is to be written "25lbx8" and a load too heavy is shown "like 3x5 225lb". Before,
every hint was in kg ("for a load write 25kgx8", "like 3x5 200kg", "Example: /log hip thrust 3x10
80kg")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coaching.logparse import LogContext, parse_log
from domain.training import Entry
from tests.conftest import Chat
from tests.test_log_flow import logapp_fixture, me_fixture, one  # noqa: F401 - fixtures

LB_EXAMPLE = "Example: /log hip thrust 3x10 185lb"


async def test_a_set_count_past_20_is_shown_as_a_load_in_pounds(me: Chat) -> None:
    await me.say("/units lb")
    refused = await one(me, "/log hip thrust 25x8 225lb")
    assert refused.text == (
        f"Sets go from 1 to 20, not 25: for a load write 25lbx8. Nothing was logged. {LB_EXAMPLE}"
    )


async def test_a_load_too_heavy_gets_an_example_in_pounds(me: Chat) -> None:
    await me.say("/units lb")
    refused = await one(me, "/log hip thrust 3x5 99999lb")
    assert refused.text == (
        f"99999 lb is more than I can log (at most 1320 lb), like 3x5 225lb. Nothing was logged. {LB_EXAMPLE}"
    )


@pytest.mark.parametrize(
    "line",
    [
        "/log",
        "/log hip thrust",
        "/log 3x10",
        "/log hip thrust 3x10 80 2x8",
        "/log hip thrust 3x10 rpe 8 rpe 9",
        "/log hip thrust 3x10 10 9 3",
        "/log hip thrust 3x10 bogus",
        "/log hip thrust 3x10 @",
        "/log hip thrust 3x10 225 @11",
        "/log hip thrust 12x10, 12x8 w 3x12",
        "/log rdl 3x10 3x12lb",
        "/log hip thrust 2x10x10 10 rpe 9, 9",
        "/log -5",
        "/log glute bridge same",
        "/edit 3x10 80 2x8",
        "/edit 1 3x10 80 2x8",
        "/edit",
    ],
)
async def test_no_hint_is_in_kg_for_a_pound_lifter(me: Chat, line: str) -> None:
    await me.say("/units lb")
    await me.say("/log hip thrust 3x8 205")
    await me.say("/log rdl 3x8 135")
    reply = await one(me, line)
    said = reply.text + (reply.ask.prompt if reply.ask is not None else "")  # /edit alone asks
    assert "kg" not in said and "lb" in said, said


async def test_a_kilogram_lifter_keeps_kilograms(me: Chat) -> None:
    refused = await one(me, "/log hip thrust 25x8 225kg")
    assert refused.text == (
        "Sets go from 1 to 20, not 25: for a load write 25kgx8. Nothing was logged. "
        "Example: /log hip thrust 3x10 80kg"
    )


def test_every_form_shown_in_pounds_is_understood_in_pounds() -> None:
    from coaching.logparse import log_forms  # (new with the fix: the rest fail on the replies)

    ctx = LogContext(now=datetime(2026, 11, 30, 17, 0, tzinfo=UTC), unit="lb")
    forms = log_forms("lb")
    assert all("kg" not in form for form in forms), forms
    for form in forms:
        read = parse_log(form.split("  (", 1)[0], ctx)
        assert not isinstance(read, Entry) or all(s.unit in (None, "lb") for s in read.sets), form

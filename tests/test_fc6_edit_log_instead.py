"""/edit naming a lift with no entry to edit suggests a /log line instead. "/edit bb rdl 3x5 100kg
dumbbells" suggested "/log bb rdl 3x5 100kg dumbbells", which /log then refused (a barbell name with
dumbbells): every line suggested is one /log takes, sent here as the user would send it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, labels, logapp_fixture, me_fixture, one  # noqa: F401

HEAD = "There is no Romanian deadlift in your log to edit; nothing was changed. "


def _suggested(text: str) -> list[str]:
    return [m.rstrip(".") for m in re.findall(r"/log [^/]+?(?= or /log |\.?$|\. )", text)]


async def test_a_barbell_name_with_dumbbells_says_the_two_ways_log_takes(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    refused = await one(me, "/edit bb rdl 3x5 100kg dumbbells")
    assert refused.text.startswith(HEAD), refused.text
    assert "/log bb rdl 3x5 100kg dumbbells" not in refused.text, refused.text
    assert "which was it?" in refused.text, refused.text
    lines = _suggested(refused.text)
    assert len(lines) == 2, refused.text
    for line in lines:
        reply = await one(me, line)
        assert reply.text.startswith("Logged") or "Confirm" in labels(reply), (line, reply.text)
        await me.say("/undo") if reply.text.startswith("Logged") else None


@pytest.mark.parametrize(
    "line",
    [
        "/edit rdl 3x5 100kg",  # /log takes it as typed
        "/edit rdl 3x5 100kg rpe none",  # an /edit word /log does not take
        "/edit rdl (felt heavy)",  # no sets: nothing to log
        "/edit rdl 3x5 100kg (" + "a very long note " * 6 + ")",  # too long to say back whole
    ],
)
async def test_every_suggested_log_line_is_taken(me: Chat, line: str) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    refused = await one(me, line)
    assert refused.text.startswith(HEAD + "Log it instead: /log "), refused.text
    [suggested] = _suggested(refused.text)
    assert "rpe none" not in suggested and len(suggested) <= 100, suggested
    logged = await one(me, suggested.replace("\\", ""))
    assert logged.text.startswith("Logged *Romanian deadlift*"), (suggested, logged.text)
    assert [e.exercise for e in entries(me)] == ["hip_thrust", "romanian_deadlift"]


async def test_a_line_log_takes_is_said_back_as_typed(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    refused = await one(me, "/edit rdl 3x5 100kg")
    assert refused.text == HEAD + "Log it instead: /log rdl 3x5 100kg", refused.text

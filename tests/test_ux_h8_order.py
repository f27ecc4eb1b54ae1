"""An entry stored through a button keeps the instant it was typed, to the microsecond: the Confirm of an
outlier and a "Did you mean" choice carry their canonical line, which kept the time only to the second,
so an entry typed later in the same second as another was stored before it and /history listed it
first. What the user sees: /history and /export in the order the lines were logged."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from coaching.logparse import parse_log, render_entry
from domain.training import Entry, LoggedSet
from tests.conftest import Chat, Clock
from tests.test_log_flow import clock_fixture, labels, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_logparse_tester5 import ctx

SECOND = datetime(2026, 11, 30, 17, 0, 5, tzinfo=UTC)


def _order(history: str) -> list[str]:
    return [line.split(":")[0].split(" ", 1)[1] for line in history.splitlines() if line.startswith("#")]


async def test_an_outlier_confirmed_in_the_same_second_stays_after_the_entry_before_it(
    me: Chat, clock: Clock
) -> None:
    clock.now = SECOND + timedelta(microseconds=300_000)
    await one(me, "/log glute bridge 3x10 60kg")
    clock.now = SECOND + timedelta(microseconds=600_000)
    asked = await one(me, "/log hip thrust 3x10 600kg")
    assert "Confirm" in labels(asked), asked.text
    clock.now = SECOND + timedelta(microseconds=900_000)
    await me.press(asked, "Confirm")
    assert _order(await me.text("/history")) == ["Glute bridge", "Hip thrust"]
    [export] = await me.say("/export")
    assert export.file is not None
    rows = csv.DictReader(io.StringIO(export.file.data.decode("utf-8")))
    assert [r["exercise"] for r in rows if r["set_number"] == "1"] == ["Glute bridge", "Hip thrust"]


async def test_a_did_you_mean_choice_in_the_same_second_stays_after_the_entry_before_it(
    me: Chat, clock: Clock
) -> None:
    clock.now = SECOND + timedelta(microseconds=200_000)
    await one(me, "/log glute bridge 3x10 60kg")
    clock.now = SECOND + timedelta(microseconds=500_000)
    asked = await one(me, "/log hip thrst 3x10 80kg")
    assert labels(asked)[0] == "Hip thrust", labels(asked)
    clock.now = SECOND + timedelta(microseconds=800_000)
    await me.press(asked, "Hip thrust")
    assert _order(await me.text("/history")) == ["Glute bridge", "Hip thrust"]


def test_the_canonical_line_reads_back_to_the_same_instant() -> None:
    at = SECOND + timedelta(microseconds=600_000)
    entry = Entry("hip thrust", (LoggedSet(10, 80.0, "kg"),) * 3, at)
    line = render_entry(entry, ctx().tz)
    assert line.endswith(" at 09:00:05.6"), line
    back = parse_log(line, ctx(now=at + timedelta(seconds=1)))
    assert isinstance(back, Entry) and back.at == at
    # to the second as before when there is no fraction
    whole = Entry("hip thrust", (LoggedSet(10, 80.0, "kg"),) * 3, SECOND)
    assert render_entry(whole, ctx().tz).endswith(" at 09:00:05")

"""/log with the time where a lifter puts it: before the sets ("hip thrust at 7 3x10 80kg", "3x10 at 7
80kg") or before the exercise ("at 7am hip thrust 3x10 80kg", "yesterday at 7 hip thrust ..."). A
tester got "'80 kg' has no sets" and "I don't understand 'hip'"; these read as "at 7" after the sets
does: the time when the sets have their load, asked (same buttons) when 7 could be the load."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coaching.logparse import Ambiguous, LogParseError, parse_log
from tests.conftest import Chat, Clock
from tests.test_log_flow import clock_fixture, labels, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_logparse_tester5 import W, ctx, entry, la, sets

THREE_80 = [(W, 10, 80.0, 1, None)] * 3


@pytest.mark.parametrize(
    ("typed", "day", "hour", "minute"),
    [
        ("hip thrust at 7 3x10 80kg", 30, 7, 0),
        ("hip thrust 3x10 at 7 80kg", 30, 7, 0),
        ("hip thrust at 7 80kg 3x10", 30, 7, 0),
        ("hip thrust at 7 3x10@80", 30, 7, 0),
        ("at 7 hip thrust 3x10 80kg", 30, 7, 0),
        ("at 7am hip thrust 3x10 80kg", 30, 7, 0),
        ("7am hip thrust 3x10 80kg", 30, 7, 0),
        ("at 10:30 hip thrust 3x10 80kg", 30, 10, 30),
        ("yesterday at 7 hip thrust 3x10 80kg", 29, 7, 0),
        ("yesterday, hip thrust 3x10 80kg", 29, 12, 0),
        ("hip thrust yesterday at 7 3x10 80kg", 29, 7, 0),
        ("on sat at 7pm hip thrust 3x10 80kg", 28, 19, 0),
    ],
)
def test_a_time_before_the_sets_or_the_exercise_is_the_time(
    typed: str, day: int, hour: int, minute: int
) -> None:
    logged = entry(typed)
    assert logged.exercise == "hip thrust"
    assert sets(logged) == THREE_80
    assert logged.at == la(day, hour) + timedelta(minutes=minute), typed


def test_at_an_hour_before_sets_with_no_load_is_asked_as_after_them() -> None:
    for typed in ("hip thrust at 7 3x10", "hip thrust 3x10 at 7"):
        asked = parse_log(typed, ctx())
        assert isinstance(asked, Ambiguous), typed
        assert asked.labels == ("7 kg", "at 07:00 (no weight)")
        assert sets(asked.readings[0]) == [(W, 10, 7.0, 1, None)] * 3
        assert asked.readings[1].at == la(30, 7)


def test_no_hour_before_the_sets_or_the_exercise_says_so() -> None:
    for typed in ("hip thrust at 30 3x10 80kg", "at 30 hip thrust 3x10 80kg"):
        with pytest.raises(LogParseError) as info:
            parse_log(typed, ctx())
        assert str(info.value) == "at 30 is not a time; write at 7am or at 19:30.", typed
    with pytest.raises(LogParseError, match="Start with the exercise"):
        parse_log("yesterday 3x10 80kg", ctx())


async def test_console_time_before_the_sets_is_logged_at_that_time(me: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 18:00 in Amsterdam, the default zone
    logged = await one(me, "/log hip thrust at 7 3x10 80kg")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 80 kg.\nMon 30 Nov 2026, 07:00"), logged.text
    first = await one(me, "/log at 7:30am glute bridge 3x12 60kg")
    assert first.text.startswith("Logged *Glute bridge*: 3 × 12 @ 60 kg.\nMon 30 Nov 2026, 07:30"), first.text


async def test_console_at_7_before_the_sets_with_no_load_asks_with_the_same_buttons(
    me: Chat, clock: Clock
) -> None:
    clock.now = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    asked = await one(me, "/log hip thrust at 7 3x10")
    assert asked.text == "Did you mean 7 kg or at 07:00 (no weight)? Nothing is logged until you choose."
    assert labels(asked) == ["7 kg", "at 07:00 (no weight)"]
    [logged] = await me.press(asked, "at 07:00 (no weight)")
    assert "7 kg" not in logged.text and "07:00" in logged.text, logged.text

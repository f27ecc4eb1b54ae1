"""A tester's /log faults (round 6): "at 7" before any load stored as 7 kg without asking, "at 25" after
the load refused as a load with no sets, and one load after several groups. Checked on the parse and as
the console user sees it (question, buttons, what is stored)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coaching.logparse import Ambiguous, LogParseError, confirmation_card, parse_log
from tests.conftest import Chat, Clock
from tests.test_log_flow import clock_fixture, labels, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_logparse_tester5 import W, ctx, entry, la, sets


def test_at_an_hour_before_any_load_asks_load_or_time() -> None:
    asked = parse_log("hip thrust 3x10 at 7", ctx())
    assert isinstance(asked, Ambiguous)
    assert asked.labels == ("7 kg", "at 07:00 (no weight)")
    assert sets(asked.readings[0]) == [(W, 10, 7.0, 1, None)] * 3
    assert sets(asked.readings[1]) == [(W, 10, None, 1, None)] * 3
    assert asked.readings[1].at == la(30, 7)
    # a bodyweight exercise has no load to mean: the time
    bridge = entry("glute bridge 3x15 at 7")
    assert sets(bridge) == [(W, 15, None, 1, None)] * 3 and bridge.at == la(30, 7)
    # no hour: the load, as before; an hour still to come is asked too (tests/test_f4_dates.py)
    assert sets(entry("hip thrust 3x10 at 80")) == [(W, 10, 80.0, 1, None)] * 3
    later = parse_log("hip thrust 3x10 at 23", ctx())  # 23:00 is to come: yesterday's (j1)
    assert isinstance(later, Ambiguous) and later.labels == ("23 kg", "Sun 29 Nov at 23:00 (no weight)")
    # with its load, the time
    assert entry("hip thrust 3x10 80 at 7").at == la(30, 7)


def test_at_a_number_that_is_no_hour_after_the_load_says_so() -> None:
    for typed in ("hip thrust 3x10 80kg at 25", "hip thrust 3x10 80 at 25"):
        with pytest.raises(LogParseError) as info:
            parse_log(typed, ctx())
        assert str(info.value) == "at 25 is not a time; write at 7am or at 19:30."


def test_one_load_after_several_groups_is_each_groups_load_and_the_card_says_so() -> None:
    both = entry("hip thrust 3x10, 2x8 90kg")
    assert sets(both) == [(W, 10, 90.0, 1, None)] * 3 + [(W, 8, 90.0, 1, None)] * 2
    assert "3 × 10 @ 90 kg, 2 × 8 @ 90 kg" in confirmation_card(both)
    with pytest.raises(LogParseError, match="Give each group its load"):
        parse_log("hip thrust 3x10 80kg 2x8", ctx())


async def test_console_at_7_asks_and_stores_the_time_pressed(me: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 18:00 in Amsterdam, the default zone
    asked = await one(me, "/log hip thrust 3x10 at 7")
    assert asked.text == "Did you mean 7 kg or at 07:00 (no weight)? Nothing is logged until you choose."
    assert labels(asked) == ["7 kg", "at 07:00 (no weight)"]
    [logged] = await me.press(asked, "at 07:00 (no weight)")
    assert "7 kg" not in logged.text and "07:00" in logged.text, logged.text
    store = me.app.ctx.store  # type: ignore[attr-defined]
    [stored] = store.entries(store.account_of(me.user))
    assert [s.load for s in stored.sets] == [None] * 3


# -- 5: /exercise add of a name close to the library's ---------------------------------------------------


async def test_console_exercise_add_of_a_typo_asks_did_you_mean(me: Chat) -> None:
    asked = await one(me, "/exercise add glute brige accessory")
    assert asked.text.startswith("Did you mean Glute bridge?"), asked.text
    assert labels(asked) == ["Did you mean Glute bridge", "Add “glute brige” anyway"]
    profile = me.app.ctx.store.profile(me.app.ctx.store.account_of(me.user))  # type: ignore[attr-defined]
    assert not profile.custom_exercises  # nothing added by the question
    [meant] = await me.press(asked, "Did you mean Glute bridge")
    assert "Glute bridge is already in the library" in meant.text, meant.text
    again = await one(me, "/exercise add glute brige accessory")
    [added] = await me.press(again, "Add “glute brige” anyway")
    assert added.text.startswith("Added *glute brige* (accessory)"), added.text
    listed = await one(me, "/exercise")
    assert "• glute brige (accessory)" in listed.text
    # a name no library exercise is a typo of is added at once
    assert (await one(me, "/exercise add reverse hyper accessory")).text.startswith("Added *reverse hyper*")


@pytest.mark.parametrize("typo", ["hip thrsut", "hip thurst"])
async def test_exercise_add_of_two_swapped_letters_asks_did_you_mean(me: Chat, typo: str) -> None:
    """Tried by a tester: a swapped pair of letters scores 90 and was added as an exercise of its own,
    splitting the lift's history in two (/log corrected the same typo)."""
    asked = await one(me, f"/exercise add {typo} accessory")
    assert asked.text.startswith("Did you mean Hip thrust?"), asked.text
    # a name three letters from a library one ("kas" / "sl glute bridge") is its own exercise
    assert (await one(me, "/exercise add kas glute bridge glute_lift")).text.startswith(
        "Added *kas glute bridge*"
    )

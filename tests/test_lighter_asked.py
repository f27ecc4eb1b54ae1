"""A working load far lighter than the lifter's recent work done the same way (8 kg typed for 80) is
asked about before it is stored, as a far heavier one is ("… is more than 1.5× your best so far"): under
a quarter of it, or under the empty bar when that work was on the bar. A light day, deload or technique
day at 40-60%, warm-ups, a lone ramp set and bodyweight lifts are not asked about."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture  # noqa: F401 - fixtures

ASK = "8 kg is under a quarter of your recent work (80 kg). Is that right?"


async def _three_sessions(me: Chat, sets: str = "3x10 80kg", lift: str = "hip thrust") -> None:
    for day in ("5 days ago", "3 days ago", "yesterday"):
        logged = await me.text(f"/log {lift} {sets} {day}")
        assert logged.startswith("Logged"), logged


async def test_a_load_a_tenth_of_the_usual_is_asked_before_it_is_stored(me: Chat) -> None:
    await _three_sessions(me)
    [asked] = await me.say("/log hip thrust 3x12 8kg")
    assert asked.text.startswith(ASK), asked.text
    assert "Nothing is stored until you confirm." in asked.text
    assert [b.label for row in asked.buttons for b in row] == ["Confirm", "Cancel"]
    assert len(entries(me)) == 3
    [logged] = await me.press(asked, "Confirm")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 12 @ 8 kg"), logged.text
    assert [(s.reps, s.load) for s in entries(me)[-1].sets] == [(12, 8.0)] * 3  # as typed


async def test_cancel_stores_nothing(me: Chat) -> None:
    await _three_sessions(me)
    [asked] = await me.say("/log hip thrust 3x12 8kg")
    [cancelled] = await me.press(asked, "Cancel")
    assert "nothing was stored" in cancelled.text, cancelled.text
    assert len(entries(me)) == 3


async def test_under_the_empty_bar_is_asked_when_the_work_is_on_the_bar(me: Chat) -> None:
    await _three_sessions(me, "3x10 30kg")
    asked = await me.text("/log hip thrust 3x10 15kg")
    assert asked.startswith("15 kg is less than the empty bar (20 kg). Is that right?"), asked
    assert len(entries(me)) == 3


async def test_a_light_day_deload_or_warm_ups_are_not_asked(me: Chat) -> None:
    await _three_sessions(me)
    for line in (
        "/log hip thrust 3x10 40kg",  # a light day at 50%
        "/log hip thrust 3x10 32kg",  # a deload at 40%
        "/log hip thrust 3x15 25kg",  # a very light day at 30%
        "/log hip thrust w 20x10, 40x5, 3x10 80kg",  # warm-ups typed as such
        "/log hip thrust w 10x10",  # a warm-up alone
        "/log hip thrust 1x10 20kg",  # a lone ramp set, logged set by set
    ):
        logged = await me.text(line)
        assert logged.startswith("Logged"), (line, logged)


async def test_bodyweight_lifts_and_another_way_are_not_asked(me: Chat) -> None:
    await _three_sessions(me, "3x10 40kg", "glute bridge")
    logged = await me.text("/log glute bridge 3x10 5kg")  # a lighter load on the body: no typo's sign
    assert logged.startswith("Logged"), logged
    await _three_sessions(me)
    held = await me.text("/log hip thrust 3x10 10kg dumbbell")  # one dumbbell: not the bar's work
    assert held.startswith("Logged"), held


async def test_the_empty_bar_logged_before_the_work_is_not_asked_about(me: Chat) -> None:
    await _three_sessions(me, "3x10 100kg")
    # Two sets on the empty bar, logged on their own before the work: the ramp's first step, no typo.
    logged = await me.text("/log hip thrust 2x10 20kg")
    assert logged.startswith("Logged"), logged
    # A load beside it is still asked about.
    asked = await me.text("/log hip thrust 2x10 15kg")
    assert asked.startswith("15 kg is under a quarter of your recent work (100 kg). Is that right?"), asked

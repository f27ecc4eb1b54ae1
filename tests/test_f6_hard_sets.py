"""Tester f6: a light set logged beside the work is no hard set (/recap, /plan, /done alike)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coaching.hardsets import hard_sets
from coaching.recap import weekly_hard_sets
from domain.training import Entry, LoggedSet, SetKind, group_sessions

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def test_a_light_set_logged_after_the_work_is_not_a_hard_set(chat, clock):
    clock.now = MONDAY
    await chat.say("/log hip thrust w 60x8, 80x5 / 100x10,10,9")
    clock.now = MONDAY + timedelta(minutes=10)
    await chat.say("/log hip thrust 1x10 40kg")
    clock.now = MONDAY + timedelta(minutes=12)
    recap = await chat.text("/recap")
    assert "3 hard glute sets in the last 7 days" in recap and "bridge/thrust 3." in recap
    plan = await chat.text("/plan")
    assert "3 hard glute sets this week" in plan and "bridge/thrust 3." in plan
    done = await chat.text("/done")
    # 100 × (10 + 10 + 9): the 40 kg × 10 is not work.
    assert "• Hip thrust: 3 working sets, 2,900 kg moved" in done


async def test_a_light_set_logged_before_the_work_does_not_count_either(chat, clock):
    clock.now = MONDAY
    await chat.say("/log hip thrust 1x10 40kg")
    clock.now = MONDAY + timedelta(minutes=10)
    [check] = await chat.say("/log hip thrust 3x10 100kg")  # past 1.5× the best so far: confirmed
    await chat.press(check, "Confirm")
    assert "3 hard glute sets in the last 7 days" in await chat.text("/recap")


async def test_back_off_and_drop_sets_and_sets_from_60_percent_stay_hard(chat, clock):
    clock.now = MONDAY
    await chat.say("/units lb")
    await chat.say("/log hip thrust 225lb 2x5, 135lb 1x15")  # 135 of 225 is 60%: a back-off set
    assert "3 hard glute sets in the last 7 days" in await chat.text("/recap")


def test_hard_sets_judges_each_exercise_against_its_own_top_in_its_session():
    top = LoggedSet(5, 100, "kg")
    light = LoggedSet(10, 40, "kg")
    log = [
        Entry("hip_thrust", (top, top, light, LoggedSet(20, 40, "kg", SetKind.BACKOFF)), MONDAY, id=1),
        # Another exercise: its 40 kg is its own top.
        Entry("romanian_deadlift", (light, light), MONDAY + timedelta(minutes=20), id=2),
        Entry("glute_bridge", (LoggedSet(20), LoggedSet(15)), MONDAY + timedelta(minutes=30), id=3),
        # A pair of 20 kg dumbbells is 40 kg in hand: not light beside a single 40 kg.
        Entry(
            "romanian_deadlift",
            (LoggedSet(10, 20, "kg", implements=2),),
            MONDAY + timedelta(minutes=40),
            id=4,
        ),
        # The next day, 40 kg is the session's top: hard again.
        Entry("hip_thrust", (light,), MONDAY + timedelta(days=1), id=5),
    ]
    counted = [(e.exercise, len(sets)) for session in group_sessions(log) for e, sets in hard_sets(session)]
    assert counted == [
        ("hip_thrust", 3),  # two tops and the back-off set; the 40 kg working set is light
        ("romanian_deadlift", 2),
        ("glute_bridge", 2),  # bodyweight work has no load to compare
        ("romanian_deadlift", 1),
        ("hip_thrust", 1),
    ]


def test_a_session_across_the_weeks_edge_keeps_its_top_in_the_chart():
    sunday_night = MONDAY.replace(hour=0) - timedelta(minutes=30)
    log = [
        Entry("hip_thrust", (LoggedSet(10, 100, "kg"),) * 3, sunday_night, id=1),
        Entry("hip_thrust", (LoggedSet(10, 40, "kg"),), sunday_night + timedelta(minutes=45), id=2),
    ]
    monday = MONDAY.replace(hour=0)
    assert weekly_hard_sets(log, [monday - timedelta(days=7), monday], monday + timedelta(days=7)) == [3, 0]


async def test_rest_over_counts_the_hard_sets_done_not_a_light_one(chat, clock):
    from tests.test_session_pushes import Console, log_at

    console = Console(chat.app, clock)
    await log_at(console, MONDAY - timedelta(days=3), "/log hip thrust 3x10 80kg")
    await log_at(console, MONDAY, "/log hip thrust 2x10 80kg")
    await console.say("/log hip thrust 1x10 40kg")  # a warm-up logged late: no set of the target
    assert "Rest timer: 0:30" in await console.say("/rest 30s")
    pushed = await console.at(MONDAY + timedelta(seconds=31))
    assert "Rest over: set 3 of hip thrust, " in pushed

"""Targets after a day at more than one load (f8), as a lifter meets them on the /log card's "Next
time:" line, in /plan, /warmup and the lift reminder, and the pure rules behind them:

1. straight sets at two loads (3x10 @ 80, 2x8 @ 90) kept only the heavier ones: "2 × 9 @ 90 kg";
2. a reverse pyramid (80x8, 70x10, 60x12) was read as a ramp: "3 × 8 @ 80 kg", three all-out sets.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

from coaching.prescribe import ExerciseRules, next_target
from content.library import Library
from domain.equipment import COMMERCIAL_GYM_KG
from domain.training import Entry, LoggedSet, SetKind, chronological
from tests.conftest import Chat, Clock
from tests.test_coach_h10_targets import _entry, _shape, _target
from tests.test_coach_log import _next
from tests.test_narrowed_history import same_target

NOW = datetime(2026, 11, 30, 18, tzinfo=UTC)  # a Monday


def _stored(chat: Chat) -> list[tuple[int, float | None]]:
    """The working sets of the user's latest entry, as (reps, load)."""
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    latest = store.entries(store.account_of(chat.user))[-1]
    return [(s.reps, s.load) for s in latest.sets if s.kind is SetKind.WORKING]


def _example(plan: str) -> str:
    [example] = re.findall(r"e\.g\. (/log [^\n]*)\.$", plan, re.M)
    return example


# --------------------------------------------------------------------------- 1. two loads


async def test_straight_sets_at_two_loads_keep_both_loads(chat: Chat, clock: Clock) -> None:
    """Was "Next time: 2 × 9 @ 90 kg — 25 + 10 per side", on the card and in /plan: five sets became
    two. Each load goes on by double progression, and the lighter load's sets move up a step first."""
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg 2026-11-28"))
    assert line.startswith("Next time: 3 × 11 @ 80 kg, 2 × 9 @ 90 kg. "), line
    assert "Your sets at 80 kg and 90 kg go on" in line, line
    assert "one more rep on each set below 12" in line and "once all its sets reach 12" in line, line
    plan = await chat.text("/plan")
    assert "\nHip thrust: 3 × 11 @ 80 kg, 2 × 9 @ 90 kg\n" in plan, plan
    example = _example(plan)
    assert example == "/log hip thrust 3x11 80kg, 2x9 90kg", plan
    line = _next(await chat.text(example))
    assert _stored(chat) == [(11, 80.0)] * 3 + [(9, 90.0)] * 2
    assert line.startswith("Next time: 3 × 12 @ 80 kg, 2 × 10 @ 90 kg."), line
    clock.now += timedelta(days=2)
    line = _next(await chat.text("/log hip thrust 3x12 80kg, 2x10 90kg"))
    assert line.startswith("Next time: 3 × 8 @ 82.5 kg, 2 × 11 @ 90 kg."), line
    assert "80 kg moves to 82.5 kg" in line, line


async def test_a_warm_up_marked_w_is_not_a_load_of_its_own(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust w 60x5 / 3x10 80kg, 2x8 90kg 2026-11-28"))
    assert line.startswith("Next time: 3 × 11 @ 80 kg, 2 × 9 @ 90 kg."), line
    assert "60 kg" not in line, line


async def test_a_pair_at_two_loads_reads_back_from_its_example(chat: Chat, clock: Clock) -> None:
    from handlers.plan import log_example, target_for, user_equipment

    clock.now = NOW
    line = _next(await chat.text("/log rdl 3x10 2x12kg, 2x8 2x14kg 2026-11-28"))
    assert line.startswith("Next time: 3 × 11 @ 2 × 12 kg, 2 × 9 @ 2 × 14 kg."), line
    store, lib = chat.app.ctx.store, chat.app.ctx.library  # type: ignore[attr-defined]
    account = store.account_of(chat.user)
    profile, rdl = store.profile(account), lib.exercises["romanian_deadlift"]
    target = target_for(rdl, store.entries(account), profile, lib, NOW)
    example = log_example(rdl, target, user_equipment(profile)[1])
    assert example == "/log romanian deadlift 3x11 2x12kg, 2x9 2x14kg", example
    clock.now += timedelta(days=2)
    await chat.say(example)
    assert _stored(chat) == [(11, 12.0)] * 3 + [(9, 14.0)] * 2


def test_a_load_with_a_set_below_the_range_backs_off_on_its_own(library: Library) -> None:
    """The straight-set rule at each load: a set below the 8-rep bottom backs that load off, and the
    other load's sets go on."""
    p = _target(library, [_entry(2, *[(80, 10)] * 3, (90, 8), (90, 7))])
    assert [(s.reps, s.load) for s in p.sets] == [(11, 80)] * 3 + [(8, 85), (8, 85)], p
    assert p.back_off and "7 reps at 90 kg is below the 8-rep bottom: back off to 85 kg" in p.reason, p


def test_the_bottom_of_a_five_rep_range_at_two_loads(library: Library) -> None:
    """The deadlift's 5–8: 3 × 5 at two loads is the bottom of the range at each, one more rep at each."""
    p = _target(library, [_entry(2, *[(100, 5)] * 3, *[(110, 5)] * 3, exercise="deadlift")], "deadlift")
    assert [(s.reps, s.load) for s in p.sets] == [(6, 100)] * 3 + [(6, 110)] * 3, p


def test_a_lighter_run_of_fives_is_no_load_of_its_own(library: Library) -> None:
    """Unmarked sets of 5 before 3 × 10 on an 8–12 lift read as before (the straight sets at the top)."""
    p = _target(library, [_entry(2, (40, 5), (40, 5), *[(80, 10)] * 3)])
    assert _shape(p) == ((11, 11, 11), 80), p


# --------------------------------------------------------------------------- 2. a reverse pyramid


async def test_a_reverse_pyramid_keeps_its_shape(chat: Chat, clock: Clock) -> None:
    """Was "80 kg × 8 topped a ramp … 3 × 8 @ 80 kg". Top set first and lighter back-offs: each set one
    more rep at its load, and the back-off at the top of the range (12) takes its own step."""
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 80x8, 70x10, 60x12 2026-11-28"))
    assert line.startswith("Next time: 80 kg × 9, 70 kg × 11, 62.5 kg × 8. Reverse pyramid kept"), line
    assert "each set one more rep at its load, up to 12" in line and "60 kg moves to 62.5 kg" in line, line
    assert "ramp" not in line, line
    plan = await chat.text("/plan")
    assert "\nHip thrust: 80 kg × 9, 70 kg × 11, 62.5 kg × 8\n" in plan, plan
    warmup = await chat.text("/warmup")
    assert "Your next target: 80 kg × 9, 70 kg × 11, 62.5 kg × 8. Reverse pyramid kept" in warmup, warmup
    assert "Then your working sets at 80 kg" in warmup, warmup
    example = _example(plan)
    assert example == "/log hip thrust 1x9 80kg, 1x11 70kg, 1x8 62.5kg", plan
    line = _next(await chat.text(example))
    assert _stored(chat) == [(9, 80.0), (11, 70.0), (8, 62.5)]
    assert line.startswith("Next time: 80 kg × 10, 70 kg × 12, 62.5 kg × 9."), line


async def test_the_lift_reminder_says_a_load_per_set(app, chat: Chat, clock: Clock) -> None:
    from handlers.reminder_texts import ReminderTexts
    from storage.models import Schedule

    clock.now = NOW
    await chat.say("/log hip thrust 80x8, 70x10, 60x12 2026-11-28")
    account = app.store.account_of("console:alice")
    texts = ReminderTexts(app.store, app.ctx.library, app.ctx.clock)
    reply = texts.lift(Schedule(account, "console:alice", (0,), "18:00", "UTC", id=1), "2026-11-30")
    assert "*Hip thrust*: 80 kg × 9, 70 kg × 11, 62.5 kg × 8\n" in reply.text, reply.text
    assert reply.text.endswith("e.g. /log hip thrust 1x9 80kg, 1x11 70kg, 1x8 62.5kg"), reply.text


def test_ascending_pyramids_keep_their_targets(library: Library) -> None:
    """Loads going up (a ramp to a top set) are not a reverse pyramid."""
    assert _shape(_target(library, [_entry(2, (60, 10), (80, 8), (100, 6))])) == ((8, 8, 8), 80)
    assert _shape(_target(library, [_entry(2, (60, 10), (70, 10), (80, 8))])) == ((8, 8, 8), 80)
    # A top set with straight back-off sets at one load is still a top-set day: the top set first again.
    assert _shape(_target(library, [_entry(2, (100, 8), *[(80, 10)] * 3)])) == ((8, 11, 11, 11), 100)


def test_windowed_targets_match_with_groups_and_reverse_pyramids() -> None:
    rules = ExerciseRules("hip_thrust", (8, 12), 3, "barbell", "glute_lift")
    rng = random.Random(8)
    at, load, history = datetime(2024, 1, 1, 17, tzinfo=UTC), 60.0, []
    for i in range(80):
        at += timedelta(days=rng.choice((2, 3, 3, 16)))
        roll = rng.random()
        if roll < 0.2:  # two loads
            pairs = [(load, rng.randint(8, 12))] * 3 + [(load + 10, rng.randint(6, 12))] * 2
        elif roll < 0.4:  # a reverse pyramid
            pairs = [
                (load + 10, rng.randint(6, 10)),
                (load, rng.randint(8, 12)),
                (load - 10, rng.randint(9, 13)),
            ]
        else:
            load = max(30.0, load + rng.choice((0, 0, 2.5, 5, -5)))
            pairs = [(load, rng.randint(7, 12)) for _ in range(3)]
        sets = tuple(LoggedSet(r, x, "kg") for x, r in pairs)
        history.append(Entry("hip_thrust", sets, at, id=i + 1))
    for k in range(1, len(history) + 1):
        now = history[k - 1].at + timedelta(days=2)
        for n in (1, 4):
            same_target(rules, chronological(history[:k]), COMMERCIAL_GYM_KG, now, n)
    # The days this is about were read as such (so the check above covered them).
    p = next_target(rules, history[:1], COMMERCIAL_GYM_KG, history[0].at + timedelta(days=2))
    assert len(p.sets) == len(history[0].sets), p


async def test_the_next_target_button_logs_each_set_at_its_load(chat: Chat, clock: Clock) -> None:
    """/explain's "Log it" offers the next target as one tap: it stores the target's sets, each at its
    load (was every set at the first set's load)."""
    clock.now = NOW
    await chat.say("/log hip thrust 80x8, 70x10, 60x12 2026-11-28")
    [card] = await chat.say("/explain hip thrust")
    [offer] = await chat.press(card, "Log it")
    await chat.press(offer, "Next target: 80 kg × 9, 70 kg × 11, 62.5 kg × 8")
    assert _stored(chat) == [(9, 80.0), (11, 70.0), (8, 62.5)]


def test_after_a_break_each_load_restarts_lighter_in_the_same_shape(library: Library) -> None:
    """Three weeks away after a reverse pyramid: each load at 90% or less, at the bottom of the range."""
    rules = ExerciseRules("hip_thrust", (8, 12), 3, "barbell", "glute_lift")
    history = [_entry(21, (80, 8), (70, 10), (60, 12))]
    p = next_target(rules, history, COMMERCIAL_GYM_KG, NOW)
    assert [(s.reps, s.load) for s in p.sets] == [(8, 70), (8, 62.5), (8, 52.5)], p
    assert p.back_off and p.reason.startswith("21 days away, a break: the same reverse pyramid"), p

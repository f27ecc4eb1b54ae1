"""Targets for work done with a pair of dumbbells or per side (issues 10/11, the tester's report): the
pair stays a pair ("@ 2 × 12 kg", the next step per hand from the dumbbell set) and the side stays a
side ("each side") everywhere a target is shown (/log, /plan, /done, /warmup); the reason agrees with
the numbers after uneven sides; the 1RM estimate of a pair counts both hands."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from coaching.prescribe import ExerciseRules, next_target, target_window
from core.messages import Reply
from domain.equipment import COMMERCIAL_GYM_KG, HOME_DUMBBELLS
from domain.training import Entry, LoggedSet, Side, chronological
from tests.conftest import Chat, Clock
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401


def line(reply: Reply, start: str) -> str:
    """The first line of the reply (text, then sections) that starts with ``start``."""
    lines = (reply.text + "\n" + "\n".join(s.body for s in reply.sections)).split("\n")
    return next(x for x in lines if x.startswith(start))


# -- a pair of dumbbells ---------------------------------------------------------------------------------


async def test_a_pair_keeps_its_pair_in_log_plan_done_and_warmup(me: Chat, clock: Clock) -> None:
    logged = await one(me, "/log rdl 3x10 2x12kg")
    assert line(logged, "Next time:") == (
        "Next time: 3 × 11 @ 2 × 12 kg. Same 2 × 12 kg: one more rep on each set below 12."
    )
    # Both hands: 24 kg × (1 + 10/30), not 16.0 kg from one dumbbell.
    assert line(logged, "Estimated 1RM:") == "Estimated 1RM: 32.0 kg (Epley, from your best set)."
    plan = await one(me, "/plan")
    assert line(plan, "*Romanian deadlift*:") == "*Romanian deadlift*: 3 × 11 @ 2 × 12 kg"
    warmup = await one(me, "/warmup rdl")
    assert warmup.text.startswith("Your next target: 3 × 11 @ 2 × 12 kg. ")
    assert "• 8 kg each hand × 2" in warmup.text and "Then your working sets at *2 × 12 kg*." in warmup.text
    clock.now += timedelta(minutes=30)
    done = await one(me, "/done")
    assert "• Romanian deadlift: 3 × 11 @ 2 × 12 kg" in done.text


async def test_a_pair_steps_up_by_the_dumbbell_set_per_hand_not_by_bar_plates(me: Chat, clock: Clock) -> None:
    # 2 × 22 kg is heavier than the empty bar, but it is dumbbells: the next step is the 24s, no plates.
    logged = await one(me, "/log rdl 3x12 2x22kg")
    assert line(logged, "Next time:").startswith("Next time: 3 × 8 @ 2 × 24 kg. "), logged.text
    assert "per side" not in line(logged, "Next time:")
    # Small dumbbells (+17%): a set at the top first, then the jump, still per hand. (One day at the
    # 12s is a lighter day that builds on the 22s: the 12s are the working weight from the third, a
    # week after the first; round h2: was the second, which a deload week is.)
    clock.now += timedelta(days=3)
    await one(me, "/log rdl 3x12 2x12kg")
    clock.now += timedelta(days=4)
    await one(me, "/log rdl 3x12 2x12kg")
    clock.now += timedelta(days=3)
    small = line(await one(me, "/log rdl 3x12 2x12kg"), "Next time:")
    assert small.startswith("Next time: 4 × 12 @ 2 × 12 kg. "), small
    assert "every set at the top, but 2 × 14 kg" in small, small


async def test_a_pair_done_per_side_keeps_both_and_has_no_1rm(me: Chat) -> None:
    logged = await one(me, "/log step up 3x10 each side 2x10kg")
    assert line(logged, "Next time:").startswith("Next time: 3 × 11 each side @ 2 × 10 kg. Same 2 × 10 kg:")
    assert "Estimated 1RM" not in logged.text  # single-leg work: left out, as before


async def test_a_pair_in_pounds(me: Chat) -> None:
    await me.say("/units lb")
    logged = await one(me, "/log rdl 3x10 2x25lb")
    assert line(logged, "Next time:").startswith("Next time: 3 × 11 @ 2 × 25 lb. Same 2 × 25 lb:"), (
        logged.text
    )
    plan = await one(me, "/plan")
    assert line(plan, "*Romanian deadlift*:") == "*Romanian deadlift*: 3 × 11 @ 2 × 25 lb"


# -- per side --------------------------------------------------------------------------------------------


async def test_uneven_sides_target_the_weaker_side_and_say_so(me: Chat, clock: Clock) -> None:
    logged = await one(me, "/log bulgarian split squat 10,9 each side 12kg")
    target = line(logged, "Next time:")
    # L10/R9 → 10 each side: the weaker side plus one, and the sentence says the same.
    assert target == (
        "Next time: 1 × 10 each side @ 12 kg. Same 12 kg: one more rep than your weaker side on each set "
        "below 12, the same on both sides."
    )
    warmup = await one(me, "/warmup bulgarian split squat")
    # /warmup states the very target /log gave, per side.
    assert warmup.text.startswith("Your next target: 1 × 10 each side @ 12 kg. Same 12 kg: one more rep than")
    clock.now += timedelta(minutes=30)
    done = await one(me, "/done")
    assert "• Bulgarian split squat: 1 × 10 each side @ 12 kg" in done.text


async def test_even_sides_keep_the_plain_reason(me: Chat) -> None:
    logged = await one(me, "/log bulgarian split squat 3x8 each side 12kg")
    assert line(logged, "Next time:") == (
        "Next time: 3 × 9 each side @ 12 kg. Same 12 kg: one more rep on each set below 12."
    )


# -- the rules: a window reads the same target as the whole history ------------------------------------

RDL = ExerciseRules("romanian_deadlift", (8, 12), 3, "barbell", "glute_lift")


def _pairs(seed: int) -> list[Entry]:
    """An RDL log mixing pairs of dumbbells, bar work and per-side days."""
    rng = random.Random(seed)
    at, out = datetime(2025, 1, 1, 17, tzinfo=UTC), []
    for _ in range(40):
        at += timedelta(days=rng.choice((2, 3, 4, 15)))
        pair = rng.random() < 0.6
        load = rng.choice((10.0, 12.0, 14.0, 22.0)) if pair else rng.choice((40.0, 42.5, 45.0))
        reps = [rng.randint(6, 13) for _ in range(rng.choice((2, 3, 3)))]
        if rng.random() < 0.2:
            sets = [
                LoggedSet(r - k, load, "kg", side=side, implements=2 if pair else 1)
                for r in reps
                for k, side in ((0, Side.LEFT), (rng.randint(0, 1), Side.RIGHT))
            ]
        else:
            sets = [LoggedSet(r, load, "kg", implements=2 if pair else 1) for r in reps]
        out.append(Entry("romanian_deadlift", tuple(sets), at, id=len(out) + 1))
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("kit", [COMMERCIAL_GYM_KG, HOME_DUMBBELLS], ids=["gym", "home"])
def test_pairs_read_the_same_target_from_the_window(seed: int, kit) -> None:
    history = _pairs(seed)
    for end in range(1, len(history) + 1):
        now = history[end - 1].at + timedelta(days=2)
        full = next_target(RDL, history[:end], kit, now)
        window = target_window(RDL, chronological(history[:end]), kit.unit, 2)
        assert next_target(RDL, window, kit, now) == full
        last = history[end - 1]
        assert full.pair == (last.sets[0].implements == 2)
        assert full.each_side == (last.sets[0].side is not None)


async def test_the_plans_log_example_for_a_pair_logs_a_pair(me: Chat, library) -> None:
    from handlers.plan import log_example

    history = [
        Entry(
            "romanian_deadlift",
            (LoggedSet(10, 12.0, "kg", implements=2),) * 3,
            datetime(2026, 11, 28, tzinfo=UTC),
        )
    ]
    p = next_target(RDL, history, COMMERCIAL_GYM_KG, datetime(2026, 11, 30, tzinfo=UTC))
    example = log_example(library.exercises["romanian_deadlift"], p, COMMERCIAL_GYM_KG)
    assert example == "/log romanian deadlift 3x11 2x12kg"
    logged = await one(me, example)  # typed as shown, it stores the pair it names
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 11 @ 2 × 12 kg."), logged.text

"""Helper n1: the "light set" rule (coaching.hardsets) was too eager, and a repeat copied a light entry.
A back-off block under 60% of the top ("5x5 140kg" then "3x8 80kg"), a single dumbbell after a pair of
the same weight, and a lighter added load on a bodyweight move (a back extension) were counted as
warm-ups logged late on the card, in /done and the weekly volume; "/log hip thrust same" after a late
warm-up repeated the warm-up. Through the real dispatch and as stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coaching.hardsets import ON_BODYWEIGHT, hard_sets, last_work
from domain.training import Entry, LoggedSet, SetKind, group_sessions
from tests import test_j4_kinds
from tests.test_j4_kinds import WORK, Bot, disk, kinds, say

bot = test_j4_kinds.bot  # the fixture: a started app on a temp data folder, a console chat

COUNTED = "(well under today's"  # only the card's late-warm-up line says this
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


# -- 1: three or more sets at one load are a programmed block, at any load ------------------------------


async def test_a_back_off_block_under_60_percent_is_work(bot: Bot) -> None:
    await say(bot, "/log hip thrust 5x5 140kg")
    block = await say(bot, "/log hip thrust 3x8 80kg")  # 80 is 57% of 140
    assert COUNTED not in block.text, block.text
    recap = await say(bot, "/recap")
    assert "8 hard glute sets in the last 7 days" in recap.text, recap.text
    done = await say(bot, "/done")
    # 140 × 25 + 80 × 24: the block is work.
    assert "• *Hip thrust*: 8 working sets, 5,420 kg moved" in done.text.splitlines(), done.text


async def test_a_block_logged_set_by_set_is_work_once_it_has_three_sets(bot: Bot) -> None:
    await say(bot, "/log hip thrust 5x5 140kg")
    first = await say(bot, "/log hip thrust 1x8 80kg")
    assert COUNTED in first.text, first.text  # one set under 60%: a late warm-up, so far
    await say(bot, "/log hip thrust 1x8 80kg")
    third = await say(bot, "/log hip thrust 1x8 80kg")
    assert COUNTED not in third.text, third.text
    done = await say(bot, "/done")
    assert "• *Hip thrust*: 8 working sets, 5,420 kg moved" in done.text.splitlines(), done.text


async def test_one_or_two_light_sets_are_still_a_late_warm_up(bot: Bot) -> None:
    await say(bot, "/log hip thrust 5x5 140kg")
    light = await say(bot, "/log hip thrust 2x8 80kg")
    assert (
        "2 × 8 @ 80 kg count as warm-ups (well under today's 140 kg) until 3 sets at 80 kg make a back-off "
        "block: if they were work, press Edit and send backoff 2x8 80kg." in light.text.splitlines()
    ), light.text
    done = await say(bot, "/done")
    assert "• *Hip thrust*: 5 working sets, 3,500 kg moved" in done.text.splitlines(), done.text


# -- 2: dumbbells are compared per hand as well as in all ----------------------------------------------


async def test_a_single_dumbbell_after_a_pair_of_the_same_weight_is_work(bot: Bot) -> None:
    await say(bot, "/log rdl 3x10 2x20kg")
    single = await say(bot, "/log rdl 2x10 20kg")
    assert COUNTED not in single.text, single.text
    light = await say(bot, "/log rdl 1x10 2x8kg")  # 8 of 20 a hand, 16 of 40 in all: light both ways
    assert "2 × 8 kg × 10 counts as a warm-up (well under today's 2 × 20 kg)" in light.text, light.text
    done = await say(bot, "/done")
    assert "• *Romanian deadlift*: 5 working sets, 1,600 kg moved" in done.text, done.text
    pair, one, _ = await disk(bot)
    assert [(s.load, s.implements) for s in one.sets] == [(20.0, 1)] * 2
    assert [(s.load, s.implements) for s in pair.sets] == [(20.0, 2)] * 3


def test_a_pair_after_a_heavier_single_is_judged_in_all_too() -> None:
    single = Entry("romanian_deadlift", (LoggedSet(8, 50, "kg"),) * 3, MONDAY, id=1)
    pair = Entry(
        "romanian_deadlift", (LoggedSet(10, 20, "kg", implements=2),), MONDAY + timedelta(minutes=5), id=2
    )
    # 20 of 50 a hand, but 40 of 50 in all: work.
    [session] = group_sessions([single, pair])
    assert [len(sets) for _, sets in hard_sets(session)] == [3, 1]


# -- 3: a lighter load added to bodyweight is still work -----------------------------------------------


async def test_a_lighter_added_load_on_a_bodyweight_move_is_work(bot: Bot) -> None:
    await say(bot, "/log back extension 3x12 20kg")
    lighter = await say(bot, "/log back extension 1x12 10kg")
    assert COUNTED not in lighter.text, lighter.text
    await say(bot, "/log step up 3x10 2x12kg")
    step = await say(bot, "/log step up 2x10 2x6kg")
    assert COUNTED not in step.text, step.text
    done = await say(bot, "/done")
    assert "• *45° back extension*: 4 working sets, 840 kg moved" in done.text, done.text
    assert "• *Step-up*: 5 working sets, 960 kg moved" in done.text, done.text


def test_the_bodyweight_moves_are_the_librarys_lifts_with_an_optional_load(library) -> None:
    optional = {
        e.id
        for e in library.exercises.values()
        if e.loaded and any("(optional" in kit for kit in e.equipment)
    }
    assert optional == ON_BODYWEIGHT


# -- 4: same / +2.5kg / +1 rep repeat the last work, not a late warm-up ------------------------------------


@pytest.mark.parametrize(
    ("change", "stored"),
    [
        ("same", [(WORK, 10, 100.0)] * 3),
        ("+2.5kg", [(WORK, 10, 102.5)] * 3),
        ("+1 rep", [(WORK, 11, 100.0)] * 3),
    ],
)
async def test_a_repeat_after_a_late_warm_up_repeats_the_work(
    bot: Bot, change: str, stored: list[tuple[SetKind, int, float]]
) -> None:
    await say(bot, "/log hip thrust 3x10 100kg")
    light = await say(bot, "/log hip thrust 1x10 40kg")
    assert COUNTED in light.text, light.text
    again = await say(bot, f"/log hip thrust {change}")
    lines = again.text.splitlines()
    assert lines[1].startswith("Repeated your last working sets (3 × 10 @ 100 kg, "), again.text
    assert lines[1].endswith("), not the warm-ups logged after them."), again.text
    *_, entry = await disk(bot)
    assert kinds(entry) == stored


def test_last_work_skips_warm_ups_and_light_entries_but_not_a_block() -> None:
    work = Entry("hip_thrust", (LoggedSet(10, 100, "kg"),) * 3, MONDAY, id=1)
    warm = Entry(
        "hip_thrust", (LoggedSet(10, 40, "kg", SetKind.WARMUP),), MONDAY + timedelta(minutes=5), id=2
    )
    light = Entry("hip_thrust", (LoggedSet(10, 40, "kg"),), MONDAY + timedelta(minutes=10), id=3)
    assert last_work([work, warm, light]) == work
    block = Entry("hip_thrust", (LoggedSet(12, 50, "kg"),) * 3, MONDAY + timedelta(minutes=15), id=4)
    assert last_work([work, warm, light, block]) == block
    # The next day, 40 kg alone is that session's top: work again.
    alone = Entry("hip_thrust", (LoggedSet(10, 40, "kg"),), MONDAY + timedelta(days=1), id=5)
    assert last_work([work, light, alone]) == alone
    assert last_work([warm]) is None

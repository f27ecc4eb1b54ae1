"""Dumbbells and kettlebells as gyms write them: "50lbs dumbbells" after a load is a pair, the load per
hand (as "2x50lb"), "20kg kb" is one; "db rdl" is the library's dumbbell RDL; and a lift done with a
pair one day and a barbell another keeps a target for each way, never one mixing both."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from core.messages import Reply
from tests.conftest import Chat, Clock
from tests.test_log_flow import ME, clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_pairs_and_sides import line

# -- 1: an implement word after a load --------------------------------------------------------------------


@pytest.mark.parametrize(
    "sets", ["2x10 50lbs dumbbells", "2x10 50 lb dumbbells", "2x10 50lbs dumbells", "2x10 50lb dbs"]
)
async def test_a_plural_implement_after_a_load_is_a_pair_per_hand(me: Chat, sets: str) -> None:
    logged = await one(me, f"/log rdl {sets}")
    assert logged.text.startswith("Logged *Romanian deadlift*: 2 × 10 @ 2 × 50 lb."), logged.text
    assert [(s.load, s.unit, s.implements) for s in entries(me)[-1].sets] == [(50, "lb", 2)] * 2


@pytest.mark.parametrize("word", ["kettlebell", "kb"])
async def test_a_singular_kettlebell_after_a_load_is_one(me: Chat, word: str) -> None:
    # (A singular dumbbell on an RDL is a pair: tests/test_dumbbell_kit_words.py.)
    logged = await one(me, f"/log rdl 3x10 20kg {word}")
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 20 kg kettlebell."), logged.text
    assert [(s.load, s.implements) for s in entries(me)[-1].sets] == [(20, 1)] * 3


@pytest.mark.parametrize("text", ["/log rdl 3x10 20kg bananas", "/log rdl 3x10 dumbbells"])
async def test_other_words_and_an_implement_with_no_load_are_still_refused(me: Chat, text: str) -> None:
    refused = await one(me, text)
    assert refused.text.startswith("I don't understand"), refused.text
    assert entries(me) == []


# -- 2: "db", "kb", "bb" at the start of a name -----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "logged"),
    [
        ("/log db rdl 3x10 2x20kg", "Logged *Romanian deadlift*: 3 × 10 @ 2 × 20 kg."),
        ("/log dumbell rdl 3x10 2x20kg", "Logged *Romanian deadlift*: 3 × 10 @ 2 × 20 kg."),
        ("/log kb swing 3x15 16kg", "Logged *Kettlebell swing*: 3 × 15 @ 16 kg."),
        ("/log bb hip thrust 3x10 80kg", "Logged *Hip thrust*: 3 × 10 @ 80 kg."),
    ],
)
async def test_a_shortened_implement_names_the_librarys_exercise(me: Chat, line: str, logged: str) -> None:
    reply = await one(me, line)
    assert reply.text.startswith(logged), reply.text


async def test_a_users_own_exercise_named_with_the_short_form_stays_theirs(me: Chat) -> None:
    # Added before "kb" read as "kettlebell" (the library's swing): /log still finds theirs.
    store = me.app.ctx.store  # type: ignore[attr-defined]
    account = store.account_of(ME)
    store.save_profile(replace(store.profile(account), custom_exercises="kb swing=accessory"))
    reply = await one(me, "/log kb swing 3x15 16kg")
    assert reply.text.startswith("Logged *kb swing*: 3 × 15 @ 16 kg."), reply.text
    added = await one(me, "/exercise add db hip airplane accessory")
    assert added.text.startswith("Added *db hip airplane* (accessory)"), added.text
    assert (await one(me, "/log db hip airplane 3x8 5kg")).text.startswith("Logged *db hip airplane*: ")


# -- 3: a barbell and a pair of dumbbells on one lift -----------------------------------------------------


def _next(reply: Reply) -> str:
    return line(reply, "Next time:")


async def test_barbell_and_dumbbell_sessions_each_progress_on_their_own(me: Chat, clock: Clock) -> None:
    await one(me, "/log rdl 3x8 60kg")
    clock.now += timedelta(days=3)
    pair = await one(me, "/log dumbbell rdl 3x10 2x20kg")
    assert _next(pair).startswith("Next time: 3 × 11 @ 2 × 20 kg. "), _next(pair)
    clock.now += timedelta(days=4)
    bar = await one(me, "/log rdl 3x9 60kg")
    assert _next(bar).startswith("Next time: 3 × 10 @ 60 kg"), _next(bar)
    clock.now += timedelta(days=3)
    pair = await one(me, "/log dumbbell rdl 3x11 2x20kg")
    assert _next(pair).startswith("Next time: 3 × 12 @ 2 × 20 kg. "), _next(pair)


async def test_a_session_of_both_never_mixes_them_in_the_target(me: Chat) -> None:
    # The pair's card gives the pair's target, read from the pair's sessions only (it gave the bar's
    # 3 × 9 @ 60 kg before targets read each way apart): the bar's 60 kg that day is none of it.
    await one(me, "/log rdl 3x8 60kg")
    both = await one(me, "/log dumbbell rdl 3x10 20kg")
    assert "@ 2 × 20 kg" in both.text.split("\n")[0], both.text
    assert _next(both).startswith("Next time: 3 × 11 @ 2 × 20 kg. "), _next(both)
    assert "60 kg" not in _next(both), _next(both)


@pytest.mark.parametrize(
    ("first", "then"),
    [("/log rdl 3x10 2x10kg", "/log rdl 3x8 60kg"), ("/log rdl 3x8 40kg", "/log rdl 3x10 2x40kg")],
)
async def test_the_other_way_is_no_best_to_doubt_a_load_by(
    me: Chat, clock: Clock, first: str, then: str
) -> None:
    await one(me, first)
    clock.now += timedelta(days=3)
    logged = await one(me, then)
    assert logged.text.startswith("Logged *Romanian deadlift*: "), logged.text


async def test_a_load_is_still_doubted_by_the_best_done_its_way(me: Chat, clock: Clock) -> None:
    # The pair's sessions in between (heavier in all, and the latest) hide no barbell best.
    for line_ in ("/log rdl 3x10 60kg", "/log rdl 3x10 2x40kg", "/log rdl 3x10 2x40kg"):
        await one(me, line_)
        clock.now += timedelta(days=3)
    asked = await one(me, "/log rdl 3x10 100kg")
    assert asked.text.split("\n")[0] == "100 kg is more than 1.5× your best so far (60 kg). Is that right?"


@pytest.mark.parametrize("name", ["dumbbell rdl", "db rdl", "rdl (dumbbell)", "dumbell rdl"])
async def test_a_dumbbell_rdl_with_a_plain_load_is_a_pair_per_hand(me: Chat, name: str) -> None:
    logged = await one(me, f"/log {name} 3x10 20kg")
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 2 × 20 kg."), logged.text
    assert [s.implements for s in entries(me)[-1].sets] == [2, 2, 2]


async def test_a_plain_rdl_and_a_dumbbell_hip_thrust_keep_their_single_load(me: Chat) -> None:
    assert (await one(me, "/log rdl 3x10 60kg")).text.startswith(
        "Logged *Romanian deadlift*: 3 × 10 @ 60 kg."
    )
    hip = await one(me, "/log hip thrust (dumbbell) 3x10 20kg")  # one dumbbell on the hips
    assert hip.text.startswith("Logged *Hip thrust*: 3 × 10 @ 20 kg dumbbell."), hip.text

"""Dumbbells and kettlebells as gyms write them: "50lbs dumbbells" after a load is a pair, the load per
hand (as "2x50lb"), "20kg kb" is one; "db rdl" is the library's dumbbell RDL; and a lift done with a
pair one day and a barbell another keeps a target for each way, never one mixing both."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import Chat
from tests.test_log_flow import ME, clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401

# -- 1: an implement word after a load --------------------------------------------------------------------


@pytest.mark.parametrize(
    "sets", ["2x10 50lbs dumbbells", "2x10 50 lb dumbbells", "2x10 50lbs dumbells", "2x10 50lb dbs"]
)
async def test_a_plural_implement_after_a_load_is_a_pair_per_hand(me: Chat, sets: str) -> None:
    logged = await one(me, f"/log rdl {sets}")
    assert logged.text.startswith("Logged *Romanian deadlift*: 2 × 10 @ 2 × 50 lb."), logged.text
    assert [(s.load, s.unit, s.implements) for s in entries(me)[-1].sets] == [(50, "lb", 2)] * 2


@pytest.mark.parametrize("word", ["dumbbell", "dumbell", "db", "kettlebell", "kb"])
async def test_a_singular_implement_after_a_load_is_one(me: Chat, word: str) -> None:
    logged = await one(me, f"/log rdl 3x10 20kg {word}")
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 20 kg."), logged.text
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
        ("/log db rdl 3x10 40", "Logged *Romanian deadlift*: 3 × 10 @ 40 kg."),
        ("/log dumbell rdl 3x10 40kg", "Logged *Romanian deadlift*: 3 × 10 @ 40 kg."),
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

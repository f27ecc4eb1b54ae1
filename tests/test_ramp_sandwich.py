"""A set on the way up between two warm-ups is a warm-up (tester): "/log squat 20x10, 60x5, 80x3,
100x5, 100x5, 100x5" counted 60 × 5 as work ("Working (4 sets)", "4 hard glute sets this week") though
the sets either side of it, 20 × 10 and 80 × 3, were read as warm-ups. On the way up to the top load, a
set no heavier than a later warm-up is a warm-up too. /history and /export say the sets the coach
counts as warm-ups as warm-ups; the sets stay stored as typed."""

from __future__ import annotations

import csv
import io

from domain.training import SetKind
from tests.conftest import Chat

SQUAT = "/log squat 20x10, 60x5, 80x3, 100x5, 100x5, 100x5"


def _stored_kinds(chat: Chat) -> list[list[SetKind]]:
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    return [[s.kind for s in e.sets] for e in store.entries(store.account_of(chat.user))]


async def test_a_set_between_two_warm_ups_is_a_warm_up_on_the_card_and_in_the_week(chat: Chat) -> None:
    card = (await chat.text(SQUAT)).splitlines()
    assert "Working (3 sets): 3 × 5 @ 100 kg" in card, card
    assert "20 kg × 10, 60 kg × 5 and 80 kg × 3 count as warm-ups (on the way up to today's 100 kg)." in card
    assert "3 hard glute sets this week" in await chat.text("/plan")
    # Stored as the card reads them (/log stores a ramp's steps as warm-ups: tests/test_log_stores_ramp.py).
    assert _stored_kinds(chat) == [[SetKind.WARMUP] * 3 + [SetKind.WORKING] * 3]


async def test_a_set_before_a_warm_up_typed_with_its_w_is_a_warm_up(chat: Chat) -> None:
    card = (await chat.text("/log squat 60x5, w 80x3, 3x5 100kg")).splitlines()
    assert "Working (3 sets): 3 × 5 @ 100 kg" in card, card
    assert "60 kg × 5 counts as a warm-up (on the way up to today's 100 kg)." in card, card
    assert "3 hard glute sets this week" in await chat.text("/plan")


async def test_the_climb_reads_the_same_logged_in_two_entries(chat: Chat) -> None:
    """The ramp's first sets in one entry, the rest and the work in the next: one climb, as in one line."""
    await chat.say("/log squat 3x5 100kg 2026-11-20")  # a known 100 kg: no "is that right?" below
    await chat.say("/log squat 20kg 1x10, 60kg 1x5")
    await chat.say("/log squat 80x3, 3x5 100kg")
    assert "3 hard glute sets this week" in await chat.text("/plan")


# /history and /export said all six sets as work ("1 × 10 @ 20 kg, 1 × 5 @ 60 kg, …", kind "working")
# under a card that counted three as warm-ups: they say the sets the coach counts as warm-ups as
# warm-ups, as if typed with their "w"; /log stores a ramp's steps so, a late light set as typed.


async def _export_kinds(chat: Chat) -> list[tuple[str, str, str]]:
    [reply] = await chat.say("/export")
    assert reply.file is not None
    rows = csv.DictReader(io.StringIO(reply.file.data.decode()))
    return [(r["reps"], r["weight"], r["kind"]) for r in rows]


async def test_history_and_export_say_the_ramp_as_warm_ups(chat: Chat) -> None:
    await chat.say(SQUAT)
    assert "#1 Back squat: 3 × 5 @ 100 kg (+ 3 warm-up sets)" in (await chat.text("/history")).splitlines()
    assert await _export_kinds(chat) == [
        ("10", "20", "warmup"),
        ("5", "60", "warmup"),
        ("3", "80", "warmup"),
        *[("5", "100", "working")] * 3,
    ]
    assert _stored_kinds(chat) == [[SetKind.WARMUP] * 3 + [SetKind.WORKING] * 3]


async def test_history_and_export_say_a_late_light_set_as_a_warm_up(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 100kg")
    card = await chat.text("/log hip thrust 1x10 40kg")
    assert "40 kg × 10 counts as a warm-up (well under today's 100 kg)" in card, card
    history = (await chat.text("/history hip thrust")).splitlines()
    assert "#1 Hip thrust: 3 × 10 @ 100 kg" in history and "#2 Hip thrust: warm-up 1 × 10 @ 40 kg" in history
    assert (await _export_kinds(chat))[-1] == ("10", "40", "warmup")
    assert _stored_kinds(chat) == [[SetKind.WORKING] * 3, [SetKind.WORKING]]

"""A set on the way up between two warm-ups is a warm-up (tester): "/log squat 20x10, 60x5, 80x3,
100x5, 100x5, 100x5" counted 60 × 5 as work ("Working (4 sets)", "4 hard glute sets this week") though
the sets either side of it, 20 × 10 and 80 × 3, were read as warm-ups. On the way up to the top load, a
set no heavier than a later warm-up is a warm-up too. The sets stay stored as typed."""

from __future__ import annotations

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
    assert _stored_kinds(chat) == [[SetKind.WORKING] * 6]  # a reading, not a relabelling


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

"""Light sets as a lifter reads them (tester reports on /log, h1): equal light sets before the work
are a warm-up ramp, not a back-off block; an unmarked ramp's steps are warm-ups; a block logged set by
set is not sent to Undo; the card's "Working" header names only the sets that count."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import Chat, Clock
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401 - fixtures


def _done_line(text: str) -> str:
    [line] = [x for x in text.splitlines() if x.startswith("• *Hip thrust*:")]
    return line


async def _set_by_set(me: Chat, clock: Clock, *lines: str) -> list[str]:
    """Each line a few minutes after the last (one session), the cards' texts."""
    cards = []
    for line in lines:
        clock.now += timedelta(minutes=3)
        cards.append((await one(me, line)).text)
    return cards


@pytest.mark.parametrize(
    "lines",
    [
        ("/log hip thrust 3x5 40kg", "/log hip thrust 3x10 100kg"),
        ("/log hip thrust 3x5 40kg, 3x10 100kg",),
    ],
)
async def test_equal_light_sets_before_the_work_are_a_ramp_not_a_block(
    me: Chat, clock: Clock, lines: tuple[str, ...]
) -> None:
    await one(me, "/log hip thrust 3x10 100kg yesterday")  # so 100 kg asks nothing
    cards = await _set_by_set(me, clock, *lines)
    if len(lines) == 1:
        assert "Working (3 sets): 3 × 10 @ 100 kg" in cards[-1].splitlines(), cards[-1]
        assert "3 × 5 @ 40 kg count as warm-ups (on the way up to today's 100 kg)." in cards[-1], cards[-1]
    done = await one(me, "/done")
    assert _done_line(done.text) == "• *Hip thrust*: 3 working sets, 3,000 kg moved", done.text


async def test_a_back_off_block_after_the_work_still_counts(me: Chat, clock: Clock) -> None:
    await _set_by_set(me, clock, "/log hip thrust 3x10 100kg", "/log hip thrust 3x5 40kg")
    done = await one(me, "/done")
    assert _done_line(done.text) == "• *Hip thrust*: 6 working sets, 3,600 kg moved", done.text


async def test_an_unmarked_ramps_steps_are_warm_ups(me: Chat) -> None:
    card = await one(me, "/log hip thrust 40x5, 60x3, 80x2, 100x8")
    lines = card.text.splitlines()
    assert "Working (1 set): 1 × 8 @ 100 kg" in lines, card.text
    assert "40 kg × 5, 60 kg × 3 and 80 kg × 2 count as warm-ups (on the way up to today's 100 kg)." in lines
    done = await one(me, "/done")
    assert _done_line(done.text) == "• *Hip thrust*: 1 working set, 800 kg moved", done.text
    plan = await one(me, "/recap")
    assert "1 hard glute set" in plan.text, plan.text


async def test_a_pyramid_for_more_reps_stays_work(me: Chat) -> None:
    card = await one(me, "/log hip thrust 60x10, 80x8, 100x6")
    assert "warm-up" not in card.text, card.text
    done = await one(me, "/done")
    assert _done_line(done.text) == "• *Hip thrust*: 3 working sets, 1,840 kg moved", done.text


async def test_sets_logged_one_by_one_at_the_top_load_are_all_work(me: Chat, clock: Clock) -> None:
    cards = await _set_by_set(me, clock, *["/log hip thrust 1x10 100kg"] * 3)
    for card in cards:
        assert "warm-up" not in card and "undo" not in card.lower() and "Working (1 set)" in card, card
    done = await one(me, "/done")
    assert _done_line(done.text) == "• *Hip thrust*: 3 working sets, 3,000 kg moved", done.text


async def test_a_block_logged_set_by_set_is_not_sent_to_undo(me: Chat, clock: Clock) -> None:
    cards = await _set_by_set(me, clock, "/log hip thrust 3x10 100kg", *["/log hip thrust 1x10 40kg"] * 3)
    for card in cards[1:3]:
        assert (
            "40 kg × 10 counts as a warm-up (well under today's 100 kg) until 3 sets at 40 kg make a "
            "back-off block: if it was work, press Edit and send backoff 1x10 40kg." in card.splitlines()
        ), card
        assert "undo" not in card.lower(), card
    assert "warm-up" not in cards[3] and "Working (1 set): 1 × 10 @ 40 kg" in cards[3], cards[3]
    done = await one(me, "/done")
    assert _done_line(done.text) == "• *Hip thrust*: 6 working sets, 4,200 kg moved", done.text


async def test_the_working_header_never_lists_a_set_the_card_calls_a_warm_up(me: Chat, clock: Clock) -> None:
    cards = await _set_by_set(me, clock, "/log hip thrust 3x10 100kg", "/log hip thrust 2x10 40kg")
    assert "Working" not in cards[1], cards[1]
    assert "2 × 10 @ 40 kg count as warm-ups (well under today's 100 kg)" in cards[1], cards[1]
    mixed = (await _set_by_set(me, clock, "/log hip thrust 2x10 100kg, 1x10 50kg"))[0]
    assert "Working (2 sets): 2 × 10 @ 100 kg" in mixed.splitlines(), mixed
    assert "50 kg × 10 counts as a warm-up (well under today's 100 kg)" in mixed, mixed

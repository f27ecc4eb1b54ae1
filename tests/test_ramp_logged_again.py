"""Tester: the same ramp line meant different things depending on an earlier log that day. Fresh,
"/log hip thrust 40x5, 60x3, 80x2, 100x8" counts 40, 60 and 80 as warm-ups; after "/log hip thrust 100x8"
the card said "Working (3 sets): 1 × 3 @ 60 kg, 1 × 2 @ 80 kg, 1 × 8 @ 100 kg", Next time added back-offs
at 60 and 80 kg, and its hint offered to log the 40 kg set as a back-off. An entry's own climb to the top
load is now read as a ramp whatever was logged before (or after) it, on the card, in the target and in
/done (coaching.hardsets)."""

from __future__ import annotations

from datetime import timedelta

from domain.training import SetKind
from tests.conftest import Chat, Clock

RAMP = "/log hip thrust 40x5, 60x3, 80x2, 100x8"


def _line(text: str, start: str) -> str:
    return next(x for x in text.splitlines() if x.startswith(start))


async def test_a_ramp_logged_after_a_top_set_counts_its_steps_as_warm_ups(app, chat: Chat) -> None:
    await chat.say("/log hip thrust 100x8")
    card = await chat.text(RAMP)
    lines = card.splitlines()
    assert "Working (1 set): 1 × 8 @ 100 kg" in lines, card
    assert "40 kg × 5, 60 kg × 3 and 80 kg × 2 count as warm-ups (on the way up to today's 100 kg)." in lines
    assert "backoff" not in card, card
    # Two top sets at 100 kg, as "100x8" logged twice: no back-offs at the ramp's steps.
    assert _line(card, "Next time:").startswith("Next time: 2 × 9 @ 100 kg —"), card
    assert "back-offs" not in card, card
    # Stored as the card reads them: the steps as warm-ups (tests/test_log_stores_ramp.py).
    stored = app.store.entries("console:alice")[-1]
    assert [(s.reps, s.load, s.kind) for s in stored.sets] == [
        (5, 40.0, SetKind.WARMUP),
        (3, 60.0, SetKind.WARMUP),
        (2, 80.0, SetKind.WARMUP),
        (8, 100.0, SetKind.WORKING),
    ]
    done = await chat.text("/done")
    assert "• Hip thrust: 2 working sets, 1,600 kg moved" in done.splitlines(), done
    assert "• Hip thrust: 2 × 9 @ 100 kg — 25 + 15 per side" in done.splitlines(), done


async def test_a_climb_of_steps_over_the_light_share_is_a_ramp_too(chat: Chat) -> None:
    """Steps at 70 and 85% are no late warm-ups (those are under 60%): only the climb reads them."""
    await chat.say("/log hip thrust 100x8")
    card = await chat.text("/log hip thrust 70x3, 85x2, 100x8")
    assert "Working (1 set): 1 × 8 @ 100 kg" in card.splitlines(), card
    assert "70 kg × 3 and 85 kg × 2 count as warm-ups (on the way up to today's 100 kg)." in card.splitlines()
    assert _line(card, "Next time:").startswith("Next time: 2 × 9 @ 100 kg —"), card
    done = await chat.text("/done")
    assert "• Hip thrust: 2 working sets, 1,600 kg moved" in done.splitlines(), done


async def test_a_pyramid_stays_work_whichever_way_round_the_day_was_logged(chat: Chat, clock: Clock) -> None:
    """A pyramid's lighter sets are for more reps than its own top set of 6: work, though a top set of
    12 at the same load was logged that day (it made them ramp steps when logged after them)."""
    pyramid = "/log hip thrust 60x10, 80x8, 100x6"
    for first, then in ((pyramid, "/log hip thrust 100x12"), ("/log hip thrust 100x12", pyramid)):
        clock.now += timedelta(days=3)  # each order a session of its own
        await chat.say(first)
        card = await chat.text(then)
        assert "warm-up" not in card, card
        done = await chat.text("/done")
        assert "• Hip thrust: 4 working sets, 3,040 kg moved" in done, (first, done)

"""/log stores the lighter lead-in set its card calls a warm-up ("40 kg × 10 counts as a warm-up" in
"40x10, 100x10x3") as a warm-up, as /edit does (tests/test_edit_keeps_ramp.py): one rule, so the RPE,
the 1.5× question's preview, the targets and the export agree with the card. Work at another load
("3x10 80kg, 2x8 90kg") stays work."""

from __future__ import annotations

from domain.training import SetKind
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, labels, logapp_fixture, me_fixture, one  # noqa: F401


def kinds(me: Chat) -> list[tuple[SetKind, int, float | None]]:
    return [(s.kind, s.reps, s.load) for s in entries(me)[-1].sets]


async def test_a_lead_in_set_the_card_calls_a_warm_up_is_stored_as_one(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 40x10, 100x10x3")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 100 kg (+ 1 warm-up set)."), logged.text
    assert "Warm-up (1 set): 1 × 10 @ 40 kg" in logged.text
    assert "Working (3 sets): 3 × 10 @ 100 kg" in logged.text
    assert "40 kg × 10 counts as a warm-up (on the way up to today's 100 kg)." in logged.text
    assert kinds(me) == [(SetKind.WARMUP, 10, 40)] + [(SetKind.WORKING, 10, 100)] * 3


async def test_rpe_goes_on_the_work_not_the_lead_in_set(me: Chat) -> None:
    await one(me, "/log hip thrust 40x10, 100x10x3")
    edited = await one(me, "/edit rpe 8")
    assert "Working (3 sets): 3 × 10 @ 100 kg" in edited.text, edited.text
    assert [(s.kind, s.load, s.rpe) for s in entries(me)[-1].sets] == [(SetKind.WARMUP, 40, None)] + [
        (SetKind.WORKING, 100, 8)
    ] * 3


async def test_the_heavy_question_previews_the_lead_in_set_as_a_warm_up(me: Chat) -> None:
    await one(me, "/log squat 3x5 100kg")
    asked = await one(me, "/log squat 40x5, 300x5")
    assert asked.text.startswith("300 kg is more than 1.5× your best so far (100 kg)."), asked.text
    assert "Warm-up (1 set): 1 × 5 @ 40 kg" in asked.text and "Working (1 set): 1 × 5 @ 300 kg" in asked.text
    [confirmed] = await me.press(asked, labels(asked)[0])
    assert confirmed.text.startswith("Logged *Back squat*: 1 × 5 @ 300 kg (+ 1 warm-up set)."), confirmed.text
    assert kinds(me) == [(SetKind.WARMUP, 5, 40), (SetKind.WORKING, 5, 300)]


async def test_an_edit_retyping_a_new_lead_in_set_replaces_the_old_warm_up(me: Chat) -> None:
    await one(me, "/log hip thrust 40x10, 100x10x3")
    edited = await one(me, "/edit 50x10, 100x10x3")
    assert "50 kg × 10 counts as a warm-up" in edited.text, edited.text
    assert kinds(me) == [(SetKind.WARMUP, 10, 50)] + [(SetKind.WORKING, 10, 100)] * 3


async def test_work_at_another_load_stays_work(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 3x10 80kg, 2x8 90kg")
    assert "Working (5 sets): 3 × 10 @ 80 kg, 2 × 8 @ 90 kg" in logged.text, logged.text
    assert kinds(me) == [(SetKind.WORKING, 10, 80)] * 3 + [(SetKind.WORKING, 8, 90)] * 2


async def test_a_light_set_logged_after_the_work_is_stored_as_typed(me: Chat) -> None:
    # The card offers to make it a back-off (Edit): it stays a working set the coach reads as a warm-up.
    await one(me, "/log hip thrust 3x10 100kg")
    logged = await one(me, "/log hip thrust 1x10 40kg")
    assert "counts as a warm-up (well under today's 100 kg)" in logged.text, logged.text
    assert kinds(me) == [(SetKind.WORKING, 10, 40)]

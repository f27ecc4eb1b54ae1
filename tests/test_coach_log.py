"""/log answers with the issue-11 rules (coaching/prescribe.py): loadable next targets on the user's
/equipment, backing off with the reason in one sentence, no record for a session that went backwards,
no estimated 1RM for swings, bands or high-rep sets, and a "Level up?" button when earned."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import Chat, Clock
from tests.entries import band_of
from tests.test_wording import sentence_problems


def _next(text: str) -> str:
    [line] = [x for x in text.splitlines() if x.startswith("Next time:")]
    return line


async def _session(chat: Chat, clock: Clock, line: str) -> str:
    clock.now += timedelta(days=2)
    text = await chat.text(line)
    assert "Logged" in text, text
    assert not sentence_problems(text), text
    return text


async def test_a_collapsing_session_earns_no_pr_and_backs_off(chat: Chat, clock: Clock) -> None:
    await _session(chat, clock, "/log hip thrust 3x12 80kg")
    first = await _session(chat, clock, "/log hip thrust 6,5,4 82.5kg")
    worse = await _session(chat, clock, "/log hip thrust 5,4,3 82.5kg rpe 10")
    assert "PR" not in worse
    # 95% of 82.5 is 78.4: the largest load the plates make at or below it is 77.5 kg.
    assert _next(worse) == (
        "Next time: 3 × 8 @ 77.5 kg — 25 + 2.5 + 1.25 per side. "
        "3 reps is below the 8-rep bottom: back off to 77.5 kg (95% or less) and build back."
    ), _next(worse)
    assert "back off" in _next(first).lower()


async def test_targets_are_loadable_on_the_users_kit(chat: Chat, clock: Clock) -> None:
    # 62 kg logged elsewhere: the next load is the next one the plates make, not 64.5.
    text = await _session(chat, clock, "/log hip thrust 3x12 62kg")
    assert "@ 62.5 kg" in _next(text) and "64.5" not in text
    await chat.say("/equipment preset home dumbbells")
    small = await _session(chat, clock, "/log hip thrust 3x12 4kg")
    # 6 kg is +50%: first one more set at the top of the range, same 4 kg.
    assert _next(small).startswith("Next time: 4 × 12 @ 4 kg. "), small
    assert "add a set" in _next(small).lower()


async def test_no_estimated_1rm_for_swings_bands_or_high_reps(chat: Chat, clock: Clock) -> None:
    assert "1RM" not in await _session(chat, clock, "/log kettlebell swing 3x15 24kg")
    assert "1RM" not in await _session(chat, clock, "/log hip thrust 3x20 40kg")
    assert "1RM" not in await _session(chat, clock, "/log sumo walk 2x20 band=ankles")
    assert "Estimated 1RM: 106.7 kg" in await _session(chat, clock, "/log hip thrust 3x10 80kg")


async def test_band_work_continues_where_the_band_was(chat: Chat, clock: Clock, app) -> None:
    await _session(chat, clock, "/log sumo walk 2x12 band=ankles")
    text = await _session(chat, clock, "/log sumo walk 2x13")
    assert "band at the ankles" in text
    entries = app.store.entries(app.store.account_of("console:alice"), "sumo_walk")
    assert band_of(entries[-1]) == "ankles"


async def test_level_up_is_offered_with_a_button_that_sets_the_level(chat: Chat, clock: Clock, app) -> None:
    await _session(chat, clock, "/log forward lunge 3x12 rpe 7")
    clock.now += timedelta(days=2)
    [reply] = await chat.say("/log forward lunge 3x12 rpe 7")
    assert "Level up?" in reply.text, reply.text
    [done] = await chat.press(reply, "Level up to intermediate")
    # Per movement family (tests/test_family_levels.py): the lunges go up, the global level stays.
    assert "lunges are now at the intermediate level" in done.text
    profile = app.store.profile(app.store.account_of("console:alice"))
    assert profile.level == "beginner" and profile.levels.startswith("lunge=intermediate@")
    [again] = await chat.press(reply, "Level up to intermediate")
    assert "already used" in again.text


async def test_no_estimated_1rm_for_single_leg_work(chat: Chat, clock: Clock) -> None:
    # Mostly bodyweight and balance: 4 kg dumbbells give no meaningful 1RM ("5.6 kg").
    assert "1RM" not in await _session(chat, clock, "/log bulgarian split squat 3x12 4kg")

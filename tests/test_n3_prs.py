"""/done's PR line names each exercise once (n3): it said "hip thrust (heaviest load), hip thrust (best
estimated 1RM)", one exercise per record it beat. /recap's week said it the same way."""

from __future__ import annotations

from tests.conftest import Chat

PRS = (
    "PRs: hip thrust (heaviest load, best estimated 1RM, most reps at this load), "
    "romanian deadlift (heaviest load, best estimated 1RM)!"
)


async def _a_session_of_records(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 80kg yesterday")
    await chat.say("/log rdl 3x8 60kg yesterday")
    await chat.say("/log hip thrust 3x10 90kg")
    await chat.say("/log hip thrust 1x15 80kg")  # a second entry, with a record of its own
    await chat.say("/log rdl 3x8 70kg")


async def test_done_names_each_exercise_once_with_all_it_beat(chat: Chat) -> None:
    await _a_session_of_records(chat)
    [done] = await chat.say("/done")
    [line] = [x for x in done.text.splitlines() if x.startswith("PRs:")]
    assert line == PRS, done.text


async def test_the_weeks_recap_names_each_exercise_once(chat: Chat) -> None:
    await _a_session_of_records(chat)
    [week] = await chat.say("/recap")
    [line] = [x for x in week.text.splitlines() if x.startswith("PRs:")]
    assert line == PRS, week.text

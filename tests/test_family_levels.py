"""Levels per movement family (issue 11, Price): a lunge at the top of its range twice offers "Level
up?", and the button raises the lunges only; /plan reads the family's level, the global /level is the
fallback, and a lift the user already loads is never put back to a bodyweight level."""

from __future__ import annotations

from datetime import timedelta

from coaching.families import family_level, parse_levels
from storage.models import Profile
from tests.conftest import Chat, Clock
from tests.test_wording import sentence_problems

INTERMEDIATE = "No load yet at your level: the full range of motion, with control at both ends."


def _section(plan, name: str) -> str:
    [section] = [s for s in plan.sections if s.name == name]
    return section.body


async def _earn_lunge_level(chat: Chat, clock: Clock):
    clock.now += timedelta(days=2)
    await chat.say("/log forward lunge 3x12 rpe 7")
    clock.now += timedelta(days=2)
    [reply] = await chat.say("/log forward lunge 3x12 rpe 8")
    return reply


async def test_level_up_raises_the_lunges_only(chat: Chat, clock: Clock, app, library) -> None:
    reply = await _earn_lunge_level(chat, clock)
    assert (
        "Level up? Every set at the top twice in a row: try the intermediate level for lunges." in reply.text
    )
    assert not sentence_problems(reply.text), reply.text
    [done] = await chat.press(reply, "Level up to intermediate")
    assert done.text.startswith("Level up: lunges are now at the intermediate level"), done.text
    account = app.store.account_of("console:alice")
    profile = app.store.profile(account)
    assert profile.level == "beginner"  # the global level is untouched
    assert {f: v.level for f, v in parse_levels(profile.levels).items()} == {"lunge": "intermediate"}
    shown = await chat.text("/level")
    assert "Your level is beginner. Lunges: intermediate." in shown and "Squats" not in shown
    [again] = await chat.press(reply, "Level up to intermediate")
    assert "already used" in again.text

    # /plan: the bridge day (still due: lunges alone were extra sessions) has the forward lunge start the
    # intermediate level afresh (the sessions at the level below do not count), not "level up?" again.
    clock.now += timedelta(days=2)
    [plan] = await chat.say("/plan")
    assert "day 1 of 3 (Bridge day)" in plan.text, plan.text
    assert _section(plan, "3. Compound") == f"*Forward lunge*: 3 × 8 reps\n{INTERMEDIATE}"
    # The lateral lunge is a lunge too; the back squat (another family) stays at the beginner level.
    await chat.say("/program start intermediate-3")
    [plan] = await chat.say("/plan")
    assert _section(plan, "3. Compound") == f"*Back squat*: 3 × 6 reps\n{library.text('beginner_start')}"


async def test_a_lunge_the_user_loads_keeps_its_load(chat: Chat, clock: Clock) -> None:
    reply = await _earn_lunge_level(chat, clock)
    await chat.press(reply, "Level up to intermediate")
    clock.now += timedelta(days=2)
    await chat.say("/log lateral lunge 3x12 8kg")
    clock.now += timedelta(days=2)
    text = await chat.text("/log lateral lunge 3x12 8kg")
    [nxt] = [x for x in text.splitlines() if x.startswith("Next time:")]
    assert nxt.startswith("Next time: 4 × 12 @ 8 kg.") and "Level up" not in text, text


def test_old_profile_rows_load_and_follow_the_global_level() -> None:
    row = {"account": "a1", "units": "kg", "timezone": "UTC", "level": "intermediate", "program": ""}
    profile = Profile.from_row(row)
    assert profile.levels == ""
    assert family_level(profile.levels, "lunge", profile.level).level == "intermediate"
    # A damaged value falls back to the global level rather than failing /plan.
    assert family_level("lunge=wizard;squat", "lunge", "beginner").level == "beginner"
    # The global level wins when it is higher than what a family earned.
    assert (
        family_level("lunge=intermediate@2026-11-23T09:00:00+00:00", "lunge", "advanced").level == "advanced"
    )


async def _earn(chat: Chat, clock: Clock, line: str, label: str):
    """Two sessions of ``line`` at the top with reps to spare, then the Level up button pressed."""
    clock.now += timedelta(days=2)
    await chat.say(f"{line} rpe 7")
    clock.now += timedelta(days=2)
    [reply] = await chat.say(f"{line} rpe 8")
    [done] = await chat.press(reply, label)
    assert done.text.startswith("Level up:"), done.text


async def test_the_default_program_follows_the_bridges_and_thrusts_level(chat: Chat, clock: Clock) -> None:
    """Tester: the default program followed the global /level, not the level the main lift earned."""
    await _earn(chat, clock, "/log single leg glute bridge 3x15", "Level up to intermediate")
    clock.now += timedelta(days=2)
    [plan] = await chat.say("/plan")
    assert "Intermediate, 3 days a week (intermediate-3)" in plan.text, plan.text
    [listing] = await chat.say("/program")
    assert "/plan follows intermediate-3, the 3-day one for your level." in listing.text, listing.text
    assert [b.label for row in listing.buttons for b in row][0] == "Start intermediate-2"
    # Another family's level (the lunges) leaves the program where it is.
    assert "intermediate-3" in await chat.text("/plan")


async def test_the_band_starts_where_the_abductions_level_puts_it(chat: Chat, clock: Clock) -> None:
    """Tester: the activation band followed the global /level; band walks are hip abduction."""
    await _earn(chat, clock, "/log side lying clam 2x20", "Level up to intermediate")
    clock.now += timedelta(days=2)
    [plan] = await chat.say("/plan")
    [activate] = [s for s in plan.sections if s.name == "1. Activate"]
    assert "steps each way, band at the ankles" in activate.body, activate.body
    assert "Beginner, 3 days a week" in plan.text  # the program follows the bridges, not the clams
    text = await chat.text("/log sumo walk 2x10")
    assert text.startswith("Logged Banded sumo walk: 2 × 10 band at the ankles."), text
    # From there the walks continue from the band last used, whatever the level.
    clock.now += timedelta(days=2)
    text = await chat.text("/log sumo walk 2x20")
    assert "band at the ankles" in text.splitlines()[0] and "band at the feet" in text, text

"""A lifter's own exercises by the names they gave them, everywhere: /edit of an entry whose own
exercise is named outside ASCII, /done and /recap naming and counting own lifts, imported long names
kept apart, names compared without their accents, own names that start with /log's words, and a long
/exercise list kept short. On the console chat."""

from __future__ import annotations

from datetime import timedelta

from core.markup import plain
from tests.conftest import Chat
from tests.test_log_flow import ME, NOW, answer, clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401

OTHER_ALPHABETS = ["Ягодичный мост", "Élévation du bassin", "Kniebeuge mit Öl"]


async def test_edit_of_an_own_exercise_named_outside_ascii_changes_its_sets(me: Chat) -> None:
    for name in OTHER_ALPHABETS:
        await one(me, f"/exercise add {name} glute lift")
        await one(me, f"/log {name} 3x10 60kg")
        changed = plain((await one(me, "/edit 3x10 70kg")).text)
        assert changed.startswith(f"Changed {name}: 3 × 10 @ 70 kg."), changed
        logged = await one(me, f"/log {name} 3x10 60kg")
        [asked] = await me.press(logged, "Edit")
        [pressed] = await answer(me, asked, "3x8 65kg")
        assert plain(pressed.text).startswith(f"Changed {name}: 3 × 8 @ 65 kg."), pressed.text
    assert [s.load for e in entries(me) for s in e.sets[:1]] == [70.0, 65.0] * 3


async def test_done_and_recap_name_own_exercises_and_count_own_glute_lifts(me: Chat, clock) -> None:
    await one(me, "/exercise add Ягодичный мост glute lift")
    await one(me, "/exercise add reverse hyper accessory")
    await one(me, "/log Ягодичный мост 5x10 60kg")
    await one(me, "/log reverse hyper 3x10 20kg")
    first = plain((await one(me, "/done")).text)
    assert "• Ягодичный мост: 5 working sets" in first and "• reverse hyper: 3 working sets" in first, first
    assert "custom_" not in first
    clock.now += timedelta(days=1)
    for load in (70, 80):
        await one(me, f"/log Ягодичный мост 5x10 {load}kg")
    second = plain((await one(me, "/done")).text)
    assert "• Ягодичный мост: 10 working sets" in second, second
    assert "PRs: Ягодичный мост (heaviest load, best estimated 1RM)!" in second, second
    recap = plain((await one(me, "/recap")).text)
    assert "15 hard glute sets in the last 7 days, inside the usual 10–20." in recap, recap
    assert "PRs: Ягодичный мост (heaviest load" in recap and "custom_" not in recap, recap
    assert "add hard glute sets" not in recap
    plan = plain((await one(me, "/plan")).text)
    assert "15 hard glute sets this week" in plan, plan


async def test_an_own_name_typed_without_its_accents_is_that_exercise(me: Chat) -> None:
    await one(me, "/exercise add Café Bridge accessory")
    for typed in ("cafe bridge", "CAFE BRIDGE", "Café Bridge"):
        logged = plain((await one(me, f"/log {typed} 3x10 10kg")).text)
        assert logged.startswith("Logged Café Bridge: 3 × 10 @ 10 kg."), logged
    twin = plain((await one(me, "/exercise add cafe bridge accessory")).text)
    assert twin.startswith("You already have Café Bridge."), twin
    history = plain((await one(me, "/history cafe bridge")).text)
    assert "#3 Café Bridge: 3 × 10 @ 10 kg" in history, history
    assert len({e.exercise for e in entries(me)}) == 1

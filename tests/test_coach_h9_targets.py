"""Wrong targets a tester found (h9), as a lifter meets them on the /log card's "Next time:" line, and
the pure rules behind each:

1. dumbbell and kettlebell lifts kept adding sets to bridge a big jump (a 3-set lift became 5 sets);
2. a lighter 3 × 10 after fives at a heavier load was prescribed as fives at the light load;
3. two whole schemes of one lift on one day (3x10, then 3x11) gave an odd five-set target;
4. a stronger band prescribed at the knees was dropped when the user logged ``band=knees``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coaching.prescribe import ExerciseRules, Prescription, band_logged, next_target
from content.library import Library
from domain.equipment import COMMERCIAL_GYM_KG
from domain.training import Entry, LoggedSet, Side
from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 11, 30, 18, tzinfo=UTC)


def _rules(library: Library, exercise: str) -> ExerciseRules:
    return ExerciseRules.from_library(library.exercises[exercise])


def _entry(
    exercise: str, days_ago: float, reps: list[int], load: float | None, sides: bool = False, id: int = 0
) -> Entry:
    if sides:
        sets = tuple(
            LoggedSet(r, load, "kg" if load else None, side=side)
            for r in reps
            for side in (Side.LEFT, Side.RIGHT)
        )
    else:
        sets = tuple(LoggedSet(r, load, "kg" if load else None) for r in reps)
    return Entry(exercise, sets, NOW - timedelta(days=days_ago), id=id)


def _target(library: Library, exercise: str, history: list[Entry]) -> Prescription:
    return next_target(_rules(library, exercise), history, COMMERCIAL_GYM_KG, NOW)


def _shape(p: Prescription) -> tuple[tuple[int, ...], float | None]:
    return p.reps, p.load


# --------------------------------------------------------------------------- 2. a lighter day after fives


def test_a_lighter_three_by_ten_after_fives_is_progressed_as_itself(library: Library) -> None:
    """Was: 3 × 5 @ 82.5 kg ("every set at 5") after 5,5,5 and 5,5,4 @ 100 then 3x10 @ 80."""
    history = [
        _entry("hip_thrust", 10, [5, 5, 5], 100, id=1),
        _entry("hip_thrust", 7, [5, 5, 4], 100, id=2),
        _entry("hip_thrust", 0.1, [10, 10, 10], 80, id=3),
    ]
    p = _target(library, "hip_thrust", history)
    assert _shape(p) == ((11, 11, 11), 80.0), p
    assert "one more rep" in p.reason
    # Back to the fives: the fives' scheme is read again, and its load moves on.
    back = _target(library, "hip_thrust", [*history, _entry("hip_thrust", 0, [5, 5, 5], 100, id=4)])
    assert _shape(back) == ((5, 5, 5), 102.5), back


async def test_the_card_after_a_lighter_day_follows_that_day(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.text("/log hip thrust 5,5,5 @ 100 2026-11-20")
    await chat.text("/log hip thrust 5,5,4 @ 100 2026-11-23")
    text = await chat.text("/log hip thrust 3x10 80kg")
    assert _next(text).startswith("Next time: 3 × 11 @ 80 kg"), text


# --------------------------------------------------------------------------- 3. two schemes on one day


def test_a_second_whole_scheme_on_the_day_is_not_more_sets(library: Library) -> None:
    """Was: 11, 11, 11, 12, 12 @ 100 kg (3x10 and 3x11 read as one 6-set scheme, capped at 5)."""
    day = [
        _entry("hip_thrust", 0.03, [10, 10, 10], 100, id=1),
        _entry("hip_thrust", 0.02, [11, 11, 11], 100, id=2),
    ]
    p = _target(library, "hip_thrust", day)
    assert _shape(p) == ((12, 12, 12), 100.0), p
    # The better scheme counts, whichever came first: a tired 3x9 after it does not pull it down.
    tired = [*day, _entry("hip_thrust", 0.01, [9, 9, 9], 100, id=3)]
    assert _shape(_target(library, "hip_thrust", tired)) == ((12, 12, 12), 100.0)
    # A set more after the whole scheme is an extra, not the scheme's count (round l4: 3 × 11 became
    # 5 × 11 after 2x10 more); parts with no whole scheme still add up (tests/test_l4_targets.py).
    parts = [day[0], _entry("hip_thrust", 0.02, [10], 100, id=2)]
    assert _shape(_target(library, "hip_thrust", parts)) == ((11, 11, 11), 100.0)


async def test_the_card_and_plan_after_two_schemes_on_one_day(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 100kg")
    text = await chat.text("/log hip thrust 3x11 100kg")
    assert _next(text).startswith("Next time: 3 × 12 @ 100 kg"), text
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 12 @ 100 kg" in plan and "5x11" not in plan, plan


# --------------------------------------------------------------------------- 4. the stronger band


def _walk(days_ago: float, reps: list[int], band: str, resistance: str | None = None) -> Entry:
    sets = tuple(LoggedSet(r, band=band, resistance=resistance) for r in reps)
    return Entry("banded_sumo_walk", sets, NOW - timedelta(days=days_ago))


def test_back_at_the_knees_from_the_feet_is_the_stronger_band() -> None:
    bands = ("light", "medium", "heavy")
    feet = [_walk(1, [20, 20], "feet")]
    assert band_logged(feet, "knees", None, "knees", bands) == ("knees", "medium")
    assert band_logged([_walk(1, [20, 20], "feet", "medium")], "knees", None, "knees", bands) == (
        "knees",
        "heavy",
    )
    # A band the user names is the band; the ankles are a step back on the same band.
    assert band_logged(feet, "knees", "light", "knees", bands) == ("knees", "light")
    assert band_logged(feet, "ankles", None, "knees", bands) == ("ankles", None)
    # No stronger band in the kit: nothing to move on to.
    assert band_logged(feet, "knees", None, "knees", ("light",)) == ("knees", None)
    # Then a strength unsaid is not stored (the targets read the last one named from the history).
    medium = [*feet, _walk(0.5, [10, 10], "knees", "medium")]
    assert band_logged(medium, "knees", None, "knees", bands) == ("knees", None)
    assert band_logged(medium, None, None, "knees", bands) == ("knees", None)


async def test_the_card_keeps_the_stronger_band_at_the_knees(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    first = await chat.text("/log banded sumo walk 2x20 band=feet 2026-11-29")
    assert "band at the knees (medium band)" in _next(first), first
    text = await chat.text("/log banded sumo walk 2x10 band=knees")
    assert "Logged Banded sumo walk: 2 × 10 medium band at the knees." in text, text
    assert _next(text).startswith("Next time: 2 × 11 steps each way, band at the knees (medium band)."), text


# --------------------------------------------------------------------------- 1. the bridge to a big jump


def test_extra_sets_at_the_top_bridge_the_jump_and_the_own_count_comes_back(library: Library) -> None:
    """Was: 3 × 12 each side @ 12 kg grew set by set to 5 × 8 each side @ 14 kg."""
    seen = []
    history: list[Entry] = []
    for i, (days, reps, load) in enumerate(
        [(10, [12] * 3, 12), (7, [12] * 4, 12), (3, [12] * 5, 12), (2, [12] * 5, 12), (0, [8] * 3, 14)]
    ):
        history.append(_entry("bulgarian_split_squat", days, reps, load, sides=True, id=i + 1))
        p = _target(library, "bulgarian_split_squat", history)
        assert p.each_side
        seen.append(_shape(p))
    assert seen == [
        ((12,) * 4, 12.0),  # one set at the top bridges the +17% to 14 kg
        ((8,) * 3, 14.0),  # then the jump, back to the lift's own 3 sets
        ((8,) * 3, 14.0),  # more sets at the top than asked: still the jump, never a sixth set
        ((8,) * 3, 14.0),  # (was 6 × 12 @ 12 kg: the bridge sets had become the count)
        ((9,) * 3, 14.0),  # after the jump: the own 3 sets, not the bridge's 5
    ], seen


def test_swings_over_their_own_count_at_the_top_take_the_next_bell(library: Library) -> None:
    """Was: 4 × 20 @ 24 kg twice → 5 × 20 @ 24 kg (a fifth set), then the jump at 4 sets."""
    history = [
        _entry("kettlebell_swing", 5, [20] * 4, 24, id=1),
        _entry("kettlebell_swing", 2, [20] * 4, 24, id=2),
    ]
    p = _target(library, "kettlebell_swing", history)
    # 4 sets every session read are the user's count, kept over the jump (coaching-facts §6).
    assert _shape(p) == ((10, 10, 10, 10), 28.0), p
    assert p.reason == "4 sets at the top: take the jump to 28 kg, back to 10 reps"
    # A lifter's own 4 sets below the top stay their count: one bridge set over it, then 4 at 28 kg.
    own = [
        _entry("kettlebell_swing", d, [r] * 4, 24, id=i)
        for i, (d, r) in enumerate([(9, 15), (7, 18), (5, 20)])
    ]
    assert _shape(_target(library, "kettlebell_swing", own)) == ((20,) * 5, 24.0)
    bridged = [*own, _entry("kettlebell_swing", 2, [20] * 5, 24, id=9)]
    assert _shape(_target(library, "kettlebell_swing", bridged)) == ((10,) * 4, 28.0)


async def test_the_card_takes_the_jump_after_a_bridge(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.text("/log bulgarian split squat 3x12 each side 12kg 2026-11-20")
    await chat.text("/log bulgarian split squat 4x12 each side 12kg 2026-11-23")
    five = await chat.text("/log bulgarian split squat 5x12 each side 12kg 2026-11-27")
    assert _next(five).startswith("Next time: 3 × 8 each side @ 14 kg. 5 sets at the top: take the jump"), (
        five
    )
    await chat.text("/log bulgarian split squat 6x12 each side 12kg 2026-11-28")
    text = await chat.text("/log bulgarian split squat 3x8 each side 14kg")
    assert _next(text).startswith("Next time: 3 × 9 each side @ 14 kg."), text
    swings = await chat.text("/log kettlebell swing 4x20 24kg 2026-11-23")
    # The only swing session holds 4 sets: the user's count, kept over the jump (coaching-facts §6).
    assert _next(swings).startswith("Next time: 4 × 10 @ 28 kg."), swings

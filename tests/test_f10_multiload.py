"""Targets after days at more than one load (f10), as the lifter sees them on the /log card's "Next
time:" line and in /plan, and when the example is logged back:

1. the set count came from one load's sets of an earlier day ("5x8" came back as "2 × 9");
2. whole loads were dropped (a heavy load missed, a lone light set after the work, the other unit);
4. a reverse pyramid's back-off climbed onto the top set's load.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from content.library import Library
from tests.conftest import Chat, Clock
from tests.test_coach_h10_targets import _entry, _target
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 1, 18, tzinfo=UTC)  # a Tuesday


def _example(plan: str) -> str:
    [example] = re.findall(r"e\.g\. (/log [^\n]*)\.$", plan, re.M)
    return example


def _plan_line(plan: str) -> str:
    [line] = [x for x in plan.splitlines() if x.startswith("Hip thrust: ")]
    return line


# --------------------------------------------------------------------------- 1. the set count


async def test_a_step_onto_the_other_load_keeps_every_set(chat: Chat, clock: Clock) -> None:
    """Was "Next time: 8, 8, 8, 9, 9 @ 87.5 kg" with /plan's example "5x8 87.5kg", and that example
    logged back gave "2 × 9 @ 87.5 kg": 5 sets became 2. 85 kg at 12 holds below 87.5 kg instead."""
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x12 85kg, 2x8 87.5kg 2026-11-27"))
    assert line.startswith("Next time: 3 × 12 @ 85 kg, 2 × 9 @ 87.5 kg. "), line
    plan = await chat.text("/plan")
    assert _plan_line(plan) == "Hip thrust: 3 × 12 @ 85 kg, 2 × 9 @ 87.5 kg", plan
    assert _example(plan) == "/log hip thrust 3x12 85kg, 2x9 87.5kg", plan
    # A day of 5 sets at one load after it keeps its 5 sets.
    line = _next(await chat.text("/log hip thrust 5x8 87.5kg 2026-11-30"))
    assert line.startswith("Next time: 5 × 9 @ 87.5 kg"), line


@pytest.mark.parametrize(
    ("third", "expected"),
    [
        # Was "2 × 11 @ 80 kg": the 2 sets at 90 kg of the days before were read as the set count.
        ("3x10 80kg", "Next time: 3 × 11 @ 80 kg"),
        # Was "2 × 8 @ 75 kg" where a new user gets 3 × 8.
        ("10,9,7 80kg", "Next time: 3 × 8 @ 75 kg"),
    ],
)
async def test_one_load_after_days_at_two_keeps_the_sets_just_done(
    chat: Chat, clock: Clock, third: str, expected: str
) -> None:
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg 2026-11-25")
    await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg 2026-11-27")
    line = _next(await chat.text(f"/log hip thrust {third} 2026-11-30"))
    assert line.startswith(expected), line


# --------------------------------------------------------------------------- 2. loads dropped


async def test_a_heavy_load_missed_backs_off_and_the_light_one_goes_on(chat: Chat, clock: Clock) -> None:
    """Was "2 × 8 @ 85 kg": the 3 sets at 80 kg were gone."""
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x9 80kg, 2x6 90kg 2026-11-30"))
    assert line.startswith("Next time: 3 × 10 @ 80 kg, 2 × 8 @ 85 kg. "), line
    assert "6 reps at 90 kg is below the 8-rep bottom: back off to 85 kg" in line, line
    plan = await chat.text("/plan")
    assert _plan_line(plan) == "Hip thrust: 3 × 10 @ 80 kg, 2 × 8 @ 85 kg", plan


async def test_a_lone_light_set_after_the_work_is_no_load(chat: Chat, clock: Clock) -> None:
    """Was "2 × 9 @ 90 kg": one pump set at 50 kg dropped both loads of the day's work."""
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg, 1x15 50kg 2026-11-30"))
    assert line.startswith("Next time: 3 × 11 @ 80 kg, 2 × 9 @ 90 kg. "), line
    assert "50 kg" not in line, line


async def test_a_lb_user_after_kg_days_at_two_loads_keeps_both(chat: Chat, clock: Clock) -> None:
    """Was "2 × 9 @ 200 lb" in /plan: 80 kg (176.4 lb) is off the lb kit, and both loads were lost."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg 2026-11-30")
    await chat.text("/units lb")
    plan = await chat.text("/plan")
    assert _plan_line(plan) == "Hip thrust: 3 × 11 @ 180 lb, 2 × 9 @ 200 lb", plan
    assert _example(plan) == "/log hip thrust 3x11 180lb, 2x9 200lb", plan


# --------------------------------------------------------------------------- 4. a reverse pyramid


async def test_a_back_off_never_climbs_onto_the_top_set(chat: Chat, clock: Clock) -> None:
    """Was "12, 8 @ 100 kg, 1 × 8 @ 62.5 kg": 97.5 kg × 12 stepped onto the top set's 100 kg."""
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 100x11, 97.5x12, 60x12 2026-11-30"))
    assert line.startswith("Next time: 100 kg × 12, 97.5 kg × 12, 62.5 kg × 8. "), line
    assert "97.5 kg stays at 12 reps, below 100 kg" in line, line
    plan = await chat.text("/plan")
    assert _plan_line(plan) == "Hip thrust: 100 kg × 12, 97.5 kg × 12, 62.5 kg × 8", plan
    example = _example(plan)
    clock.now = datetime(2026, 12, 3, 18, tzinfo=UTC)
    line = _next(await chat.text(example))
    # The top set moves up, and the back-off with it, still below it.
    assert line.startswith("Next time: 102.5 kg × 8, 100 kg × 8, 62.5 kg × 9. "), line


# --------------------------------------------------------------------------- 5. a stall at one load


async def test_a_load_stalled_twice_backs_off(chat: Chat, clock: Clock) -> None:
    """Was "one more rep" after every one of four same days: two days in a row that beat nothing at a
    load back it off, as straight sets at one load do."""
    clock.now = NOW
    for day in ("2026-11-24", "2026-11-26"):
        line = _next(await chat.text(f"/log hip thrust 3x10 80kg, 2x8 90kg {day}"))
        assert line.startswith("Next time: 3 × 11 @ 80 kg, 2 × 9 @ 90 kg. "), line
    line = _next(await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg 2026-11-28"))
    assert line.startswith("Next time: 3 × 8 @ 75 kg, 2 × 8 @ 85 kg. "), line
    assert "two days in a row at 80 kg with no more reps than before: back off to 75 kg" in line, line
    plan = await chat.text("/plan")
    assert _plan_line(plan) == "Hip thrust: 3 × 8 @ 75 kg, 2 × 8 @ 85 kg", plan


async def test_a_load_that_gains_a_rep_is_no_stall(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg 2026-11-24")
    await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg 2026-11-26")
    line = _next(await chat.text("/log hip thrust 3x10 80kg, 9,8 90kg 2026-11-28"))
    assert line.startswith("Next time: 3 × 8 @ 75 kg, 10, 9 @ 90 kg"), line


# --------------------------------------------------------------------------- 6. /warmup


async def test_warmup_names_every_working_load(chat: Chat, clock: Clock) -> None:
    """Was "Then your working sets at 80 kg — 25 + 5 per side.": the 90 kg sets went unsaid."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg 2026-11-30")
    warmup = await chat.text("/warmup")
    assert warmup.endswith(
        "\nThen your working sets at 80 kg — 25 + 5 per side, and 90 kg — 25 + 10 per side."
    ), warmup
    await chat.text("/log hip thrust 100x8, 90x10, 80x12 2026-12-01")
    warmup = await chat.text("/warmup")
    assert warmup.endswith(
        "\nThen your working sets at 100 kg — 25 + 15 per side, 90 kg — 25 + 10 per side,"
        " and 82.5 kg — 25 + 5 + 1.25 per side."
    ), warmup


# --------------------------------------------------------------------------- 3. the lighter week

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # week 5 of 5 after weekly sessions since 2 Nov


async def _weekly(chat: Chat, clock: Clock, schemes: list[str]) -> str:
    """Four weekly sessions, then /plan in the lighter week."""
    clock.now = MONDAY
    await chat.say("/level intermediate")
    for day, scheme in zip(("02", "09", "16", "23"), schemes, strict=True):
        await chat.say(f"/log hip thrust {scheme} 2026-11-{day}")
    plan = await chat.text("/plan")
    assert "This is the lighter week" in plan, plan
    return plan


async def test_the_lighter_week_keeps_each_load_and_adds_nothing(chat: Chat, clock: Clock) -> None:
    """Was "3 × 6 @ 82.5 kg … 80 kg moves to 82.5 kg": load up, and the 90 kg sets gone."""
    plan = await _weekly(
        chat,
        clock,
        ["3x9 80kg, 2x7 90kg", "3x10 80kg, 2x8 90kg", "3x11 80kg, 2x9 90kg", "3x12 80kg, 2x10 90kg"],
    )
    line = next(x for x in plan.splitlines() if x.startswith("Hip thrust: "))
    assert line == "Hip thrust: 2 × 12 @ 80 kg, 2 × 10 @ 90 kg", plan
    assert "82.5 kg" not in plan and "Lighter week: 4 of 5 sets, each load at last session" in plan, plan
    example = _example(plan)
    assert example == "/log hip thrust 2x12 80kg, 2x10 90kg", plan
    warmup = await chat.text("/warmup hip thrust")
    assert "Your next target: 2 × 12 @ 80 kg, 2 × 10 @ 90 kg" in warmup, warmup
    # Logged back, the lighter day is the target's shape again: no set is cut twice.
    line = _next(await chat.text(example))
    assert line.startswith("Next time: 2 × 12 @ 80 kg, 2 × 10 @ 90 kg"), line


async def test_the_lighter_week_of_a_reverse_pyramid(chat: Chat, clock: Clock) -> None:
    """Was "100 kg × 7, 90 kg × 10" after 90 × 9: a rep added. It keeps the top set and the first
    back-off (2 of 3 sets), at last session's loads and reps: not 100 × 10, 90 × 12."""
    plan = await _weekly(
        chat,
        clock,
        ["100x8, 90x9, 80x10", "100x8, 90x10, 80x11", "100x9, 90x10, 80x12", "100x9, 90x11, 80x12"],
    )
    line = next(x for x in plan.splitlines() if x.startswith("Hip thrust: "))
    assert line == "Hip thrust: 100 kg × 9, 90 kg × 11", plan


# --------------------------------------------------------------------------- 2. back-offs


async def test_back_offs_logged_as_such_are_prescribed_after_the_working_sets(
    chat: Chat, clock: Clock
) -> None:
    """Was "3 × 5 @ 122.5 kg" every time: the back-offs were never prescribed. They come after the
    working sets, at their load, and /log's example logs them back as back-offs."""
    from handlers.plan import log_example, target_for, user_equipment

    clock.now = NOW
    line = _next(await chat.text("/log squat w 60x5 / 3x5 120kg / backoff 2x9 90kg 2026-11-28"))
    assert line.startswith("Next time: 3 × 5 @ 122.5 kg, 2 × 10 @ 90 kg. "), line
    assert "back-offs after them: one more rep at 90 kg" in line, line
    store, lib = chat.app.ctx.store, chat.app.ctx.library  # type: ignore[attr-defined]
    account = store.account_of(chat.user)
    squat = lib.exercises["back_squat"]
    target = target_for(squat, store.entries(account), store.profile(account), lib, NOW)
    example = log_example(squat, target, user_equipment(store.profile(account))[1])
    assert example == "/log back squat 3x5 122.5kg / backoff 2x10 90kg", example
    line = _next(await chat.text(example))
    # At the top of the 6–10 range the back-offs hold their reps while the working sets move on.
    assert line.startswith("Next time: 3 × 5 @ 125 kg, 2 × 10 @ 90 kg. "), line
    assert "the same 10 reps at 90 kg" in line, line


async def test_after_the_lighter_week_each_load_gets_its_sets_back(chat: Chat, clock: Clock) -> None:
    """The lighter week's fewer sets are no new scheme: the week after, 3 sets at 80 kg again, not the
    2 of the lighter day (cuts compounding week on week)."""
    plan = await _weekly(
        chat,
        clock,
        ["3x9 80kg, 2x7 90kg", "3x10 80kg, 2x8 90kg", "3x11 80kg, 2x9 90kg", "3x11 80kg, 2x10 90kg"],
    )
    example = _example(plan)
    assert example == "/log hip thrust 2x11 80kg, 2x10 90kg", plan
    await chat.text(example)
    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    plan = await chat.text("/plan")
    assert "block 2, week 1 of 5" in plan, plan
    line = next(x for x in plan.splitlines() if x.startswith("Hip thrust: "))
    assert line == "Hip thrust: 3 × 12 @ 80 kg, 2 × 11 @ 90 kg", plan


async def test_after_the_lighter_week_a_reverse_pyramid_gets_its_back_off_back(
    chat: Chat, clock: Clock
) -> None:
    """The lighter week's reverse pyramid drops its last back-off; the week after, it is back."""
    plan = await _weekly(
        chat,
        clock,
        ["100x8, 90x9, 80x10", "100x8, 90x10, 80x11", "100x9, 90x10, 80x11", "100x9, 90x11, 80x11"],
    )
    example = _example(plan)
    assert example == "/log hip thrust 1x9 100kg, 1x11 90kg", plan
    await chat.text(example)
    clock.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    plan = await chat.text("/plan")
    line = next(x for x in plan.splitlines() if x.startswith("Hip thrust: "))
    assert line == "Hip thrust: 100 kg × 10, 90 kg × 12, 80 kg × 12", plan


def test_triples_after_fives_are_the_strength_scheme_not_a_load_missed(library: Library) -> None:
    """A heavy run below the range is a load missed only above strength reps: 3 × 3 after 3 × 5 on
    the deadlift (5–8) is the top load's own scheme, progressed as before by its load."""
    p = _target(library, [_entry(2, *[(100, 5)] * 3, *[(120, 3)] * 3, exercise="deadlift")], "deadlift")
    assert {s.load for s in p.sets} == {p.load} and p.load is not None and p.load >= 120, p


async def test_whole_schemes_logged_again_heavier_are_attempts_not_loads(chat: Chat, clock: Clock) -> None:
    """Was "3 × 11 @ 80 kg, 3 × 11 @ 82.5 kg, 6 × 11 @ 85 kg": twelve sets from four tries at one scheme."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 80kg")
    await chat.text("/log hip thrust +2.5kg")
    await chat.text("/log hip thrust +2.5kg")
    line = _next(await chat.text("/log hip thrust same"))
    assert line.startswith("Next time: 3 × 11 @ 85 kg"), line
    plan = await chat.text("/plan")
    assert _plan_line(plan) == "Hip thrust: 3 × 11 @ 85 kg — 25 + 5 + 2.5 per side", plan

"""Logged sets and light sets as a lifter reads them (tester reports on /log): a warm-up ramp typed
after "w" with no "/" keeps its top set as the work; an edit that retypes a set under another kind
(the light-set line's "backoff 1x10 40kg") moves it instead of adding one."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_j5_outlier import my_rows
from tests.test_log_flow import answer, logapp_fixture, me_fixture, one  # noqa: F401 - fixtures


def _kg(reps: int, load: float, kind: str | None = None) -> dict:  # type: ignore[type-arg]
    row: dict = {"reps": reps, "load": load, "unit": "kg"}  # type: ignore[type-arg]
    if kind:
        row["kind"] = kind
    return row


RAMP = [_kg(10, 40, "warmup"), _kg(5, 60, "warmup")]


@pytest.mark.parametrize(
    ("line", "stored"),
    [
        ("/log hip thrust w40x10 60x5 100x8", [*RAMP, _kg(8, 100)]),
        ("/log hip thrust w 40x10 60x5 100x8", [*RAMP, _kg(8, 100)]),
        ("/log hip thrust w 40x10, 60x5, 100x8", [*RAMP, _kg(8, 100)]),
        ("/log hip thrust w 40x10, 60x5, 100x5, 100x5", [*RAMP, _kg(5, 100), _kg(5, 100)]),
        ("/log hip thrust w 40x10, 60x5, 100x8, 70x10", [*RAMP, _kg(8, 100), _kg(10, 70)]),
        ("/log hip thrust w 10x10 15x5 20x8", [_kg(10, 10, "warmup"), _kg(5, 15, "warmup"), _kg(8, 20)]),
    ],
)
async def test_a_ramp_typed_after_w_keeps_its_top_set_as_the_work(
    me: Chat,
    line: str,
    stored: list[dict],  # type: ignore[type-arg]
) -> None:
    logged = await one(me, line)
    assert "Working (" in logged.text and "Warm-up (2 sets): 1 × 10 @ " in logged.text, logged.text
    assert my_rows(me)[-1]["sets"] == stored


@pytest.mark.parametrize("line", ["/log hip thrust w 60x8, 80x5", "/log hip thrust w 40x10 60x5 80x3"])
async def test_a_ramp_whose_reps_keep_falling_stays_warm_ups(me: Chat, line: str) -> None:
    logged = await one(me, line)
    assert "Working" not in logged.text, logged.text
    assert all(s["kind"] == "warmup" for s in my_rows(me)[-1]["sets"])


BACKOFF = [_kg(10, 40, "backoff")]


@pytest.mark.parametrize("line", ["/edit 2 backoff 1x10 40kg", "/edit backoff 1x10 40kg", "button"])
async def test_an_edit_into_a_back_off_replaces_the_set_it_retypes(me: Chat, line: str) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    light = await one(me, "/log hip thrust 1x10 40kg")
    assert "backoff 1x10 40kg" in light.text, light.text
    if line == "button":
        [asked] = await me.press(light, "Edit")
        [changed] = await answer(me, asked, "backoff 1x10 40kg")
    else:
        changed = await one(me, line)
    assert changed.text.startswith("Changed *Hip thrust*: back-off 1 × 10 @ 40 kg.\n"), changed.text
    assert "Working" not in changed.text and "warm-up" not in changed.text, changed.text
    assert my_rows(me)[-1]["sets"] == BACKOFF


async def test_an_edit_into_a_warm_up_moves_the_set(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    await me.say("/log hip thrust 1x10 40kg")
    changed = await one(me, "/edit w 40x10")
    assert "Working" not in changed.text, changed.text
    assert my_rows(me)[-1]["sets"] == [_kg(10, 40, "warmup")]


async def test_an_edit_of_one_kind_still_keeps_the_others(me: Chat) -> None:
    await me.say("/log hip thrust w 40x10 / 3x10 100kg")
    await one(me, "/edit backoff 1x10 60kg")
    assert my_rows(me)[-1]["sets"] == [_kg(10, 40, "warmup"), *[_kg(10, 100)] * 3, _kg(10, 60, "backoff")]


async def test_a_ramp_left_as_warm_ups_says_how_to_keep_its_top_as_work(me: Chat) -> None:
    logged = await one(me, "/log hip thrust w 40x10 60x5 100x3")
    hint = "All stored as warm-ups: if 100 kg × 3 was work, press Edit and send w 1x10 40kg, 1x5 60kg / 1x3 100kg."
    assert hint in logged.text.splitlines(), logged.text
    [asked] = await me.press(logged, "Edit")
    [changed] = await answer(me, asked, "w 1x10 40kg, 1x5 60kg / 1x3 100kg")
    assert "Working (1 set): 1 × 3 @ 100 kg" in changed.text.splitlines(), changed.text
    assert my_rows(me)[-1]["sets"] == [*RAMP, _kg(3, 100)]


async def test_warm_ups_under_the_sessions_work_say_nothing_more(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    logged = await one(me, "/log hip thrust w 40x10 60x5 80x3")
    assert "All stored as warm-ups" not in logged.text, logged.text


@pytest.mark.parametrize(
    ("line", "working", "warm"),
    [
        # tester 9: the 185 × 2 was "Working (4 sets)" and a hard set in /plan's week
        (
            "/log hip thrust 45x10, 95x5, 135x3, 185x2, 205x8x3",
            "Working (3 sets): 3 × 8 @ 205 lb",
            "185 lb × 2",
        ),
        ("/log hip thrust 135x5, 190x6, 200x8", "Working (2 sets): 1 × 6 @ 190 lb, 1 × 8 @ 200 lb", ""),
        ("/log hip thrust 135x10, 185x8, 225x6", "Working (3 sets)", ""),  # a pyramid stays work
    ],
)
async def test_a_near_top_step_for_few_reps_is_a_warm_up(
    me: Chat, line: str, working: str, warm: str
) -> None:
    await me.say("/units lb")
    logged = await one(me, line)
    assert working in logged.text, logged.text
    if warm:
        assert f"{warm} count as warm-ups" in logged.text, logged.text
    else:
        assert "count as warm-ups" not in logged.text, logged.text


async def test_a_ramp_to_one_top_set_below_the_range_is_not_a_target_at_the_bar(me: Chat) -> None:
    # tester 10: on a glute bridge (a load on the body: its ramp sets count as work) the target was
    # "3 × 10 @ 20 kg — empty bar", the ramp's first step being the only set in the range
    logged = await one(me, "/log glute bridge 20x10, 40x5, 60x3, 80x2, 100x8")
    nxt = next(line for line in logged.text.splitlines() if line.startswith("Next time:"))
    assert "@ 100 kg" in nxt and "20 kg" not in nxt, nxt

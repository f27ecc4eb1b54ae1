"""Round-f1 reports, checked on what a console user sees: "/warmup glute bridge bw" is a bodyweight
lift (not an exercise called "glute bridge bw"), "/history -1" is a page out of range (not an exercise
called "-1"), and warm-up ramps step in plates a lifter puts on (30, 45, 60 kg; never 47.5 kg)."""

from __future__ import annotations

import pytest

from coaching.plates import loadable_loads
from coaching.warmups import warmup_ramp
from domain.equipment import COMMERCIAL_GYM_KG, COMMERCIAL_GYM_LB, PRESETS
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture  # noqa: F401 - fixtures

# -- 1. /warmup <lift> bw ------------------------------------------------------------------------------


@pytest.mark.parametrize("said", ["bw", "bodyweight", "BW", "body weight", "body-weight"])
async def test_warmup_at_bodyweight_needs_no_loaded_ramp(me: Chat, said: str) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    shown = await me.text(f"/warmup glute bridge {said}")
    assert "Warm-up: Glute bridge" in shown, shown
    assert "at bodyweight: no ramp needed. A few easy reps of it are the warm-up." in shown, shown
    for wrong in ("not in the library", "not a load", " kg", "per side", "empty bar"):
        assert wrong not in shown, shown


async def test_warmup_to_a_lift_last_logged_at_bodyweight_needs_no_ramp(me: Chat) -> None:
    await me.say("/log glute bridge bw 3x15")
    shown = await me.text("/warmup glute bridge")
    assert "Glute bridge at bodyweight: no ramp needed." in shown, shown
    assert "no glute bridge load from you yet" not in shown, shown
    # Never logged: the working load is asked for, as before.
    assert "I have no hip thrust load from you yet" in await me.text("/warmup hip thrust")


async def test_warmup_bodyweight_of_a_bodyweight_only_lift_keeps_its_answer(me: Chat) -> None:
    shown = await me.text("/warmup donkey kick bw")
    assert "is bodyweight work: no ramp needed. A few easy reps of it are the warm-up." in shown, shown
    assert "not in the library" not in shown


async def test_warmup_bw_still_names_an_unknown_lift(me: Chat) -> None:
    shown = await me.text("/warmup glute brdge bw")
    assert "“glute brdge” is not in the library. Did you mean: Glute bridge" in shown, shown
    bare = await me.text("/warmup bw")
    assert "Name the lift" in bare or "Tell me the lift" in bare, bare


async def test_warmup_with_a_load_is_still_a_ramp(me: Chat) -> None:
    shown = await me.text("/warmup glute bridge 100")
    assert "• 20 kg × 10 — empty bar" in shown and "Then your working sets at 100 kg" in shown, shown


# -- 2. /history -1 ------------------------------------------------------------------------------------


async def _six_sessions(me: Chat) -> None:
    # One session a day: six sessions make two pages of five.
    for day in range(20, 26):
        shown = await me.text(f"/log hip thrust 3x10 {60 + day}kg 2026-11-{day}")
        assert shown.startswith("Logged Hip thrust"), shown


@pytest.mark.parametrize("page", ["-1", "0", "-3", "-999999999"])
async def test_history_below_the_first_page_shows_the_first(me: Chat, page: str) -> None:
    await _six_sessions(me)
    shown = await me.text(f"/history {page}")
    assert "not an exercise" not in shown, shown
    assert "Your history" in shown and "Page 1 of 2." in shown, shown
    assert "@ 85 kg" in shown and "@ 80 kg" not in shown, shown  # the newest five sessions
    first = await me.text("/history 1")  # page 1, saying where pages start (issue 10, l3)
    assert shown == first.replace("Page 1 of 2.", "Pages start at 1. Page 1 of 2."), shown


@pytest.mark.parametrize("line", ["/history hip thrust -1", "/history hip thrust page -2"])
async def test_history_of_an_exercise_below_its_first_page_shows_the_first(me: Chat, line: str) -> None:
    await _six_sessions(me)
    shown = await me.text(line)
    assert "not an exercise" not in shown, shown
    assert "Your history: Hip thrust" in shown and "Page 1 of 2." in shown, shown
    first = await me.text("/history hip thrust 1")  # page 1, saying where pages start (issue 10, l3)
    assert shown == first.replace("Page 1 of 2.", "Pages start at 1. Page 1 of 2."), shown


# -- 3. warm-up steps a lifter loads -------------------------------------------------------------------


async def test_warmup_ramp_to_80_kg_steps_in_5_kg(me: Chat) -> None:
    shown = await me.text("/warmup hip thrust 80")
    lines = [line for line in shown.splitlines() if line.startswith("•")]
    assert lines == [
        "• 20 kg × 10 — empty bar",
        "• 30 kg × 5 — 5 per side",
        "• 45 kg × 3 — 10 + 2.5 per side",
        "• 60 kg × 2 — 20 per side",
    ], shown


async def test_warmup_ramp_to_95_kg_and_the_plan_card_agree(me: Chat) -> None:
    shown = await me.text("/warmup hip thrust 95")
    assert [line.split(" — ")[0] for line in shown.splitlines() if line.startswith("•")] == [
        "• 20 kg × 10",
        "• 35 kg × 5",
        "• 55 kg × 3",
        "• 75 kg × 2",
    ], shown
    assert "47.5" not in shown and "37.5" not in shown


async def test_warmup_ramp_in_pounds_adds_5_lb_a_side(me: Chat) -> None:
    await me.say("/units lb")
    await me.say("/equipment preset commercial gym lb")
    shown = await me.text("/warmup hip thrust 225 lb")
    loads = [line.split(" lb")[0].lstrip("• ") for line in shown.splitlines() if line.startswith("•")]
    assert loads == ["45", "85", "135", "175"], shown


def _loads(working: float, kit=COMMERCIAL_GYM_KG) -> list[float]:
    return [s.load for s in warmup_ramp(working, "barbell", kit)]


@pytest.mark.parametrize("preset", ["commercial gym kg", "commercial gym lb", "home barbell kg"])
@pytest.mark.parametrize("working", [25, 42.5, 47.5, 61.25, 80, 82.5, 97.5, 100, 137.5, 180, 250, 315])
def test_every_barbell_step_is_the_bar_plus_whole_warm_up_plates(preset: str, working: float) -> None:
    kit = PRESETS[preset]
    step = 5.0 if kit.unit == "kg" else 10.0
    loads = _loads(working, kit)
    if working <= kit.bar:
        assert loads == [], loads  # no ramp to the empty bar or less
        return
    assert loads[0] == kit.bar
    assert all(round((x - kit.bar) * 100) % round(step * 100) == 0 for x in loads), loads
    assert all(x in loadable_loads("barbell", kit) for x in loads), loads
    assert loads == sorted(set(loads)) and all(x < working for x in loads), loads


def test_dumbbell_ramps_keep_the_kits_dumbbells() -> None:
    # Dumbbells come as they are on the rack: the 5 kg step is for plates on a bar.
    assert [s.load for s in warmup_ramp(24, "dumbbell", COMMERCIAL_GYM_KG)] == [8, 14, 18]


def test_pound_barbell_steps_are_the_bar_plus_10_lb_not_multiples_of_10() -> None:
    # 135 lb is one 45 a side; 130 lb would be 42.5 a side, the fiddly load this avoids.
    assert _loads(225, COMMERCIAL_GYM_LB) == [45, 85, 135, 175]
    assert _loads(315, COMMERCIAL_GYM_LB) == [45, 125, 185, 245]


def test_a_heavy_lift_gets_a_step_between_the_bar_and_forty_percent() -> None:
    # Tester: 45 → 195 → 295 → 395 lb for 495 lb, and 20 → 95 kg for 240 kg: a jump off the bar of
    # almost a third of the work. A step between them now, for 5 reps as the next.
    assert _loads(495, COMMERCIAL_GYM_LB) == [45, 115, 195, 295, 395]
    assert _loads(240, COMMERCIAL_GYM_KG) == [20, 55, 95, 140, 190]
    assert _loads(200, COMMERCIAL_GYM_KG) == [20, 80, 120, 160]  # 20 → 80: a usual first jump

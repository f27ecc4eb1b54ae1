"""Testers' findings on reading /log lines: the empty bar alone is a warm-up, not the lift's working
weight, e1RM or best."""

from __future__ import annotations

import csv
import io

import pytest

from domain.training import SetKind
from tests.conftest import Chat
from tests.test_log_flow import entries, logapp_fixture, me_fixture, one  # noqa: F401 - fixtures


async def test_the_empty_bar_alone_is_a_warm_up_and_says_where_the_work_goes(me: Chat) -> None:
    await me.say("/units lb")
    logged = await one(me, "/log squat bar x10")
    lines = logged.text.splitlines()
    assert lines[0] == "Logged *Back squat*: warm-up 1 × 10 @ 45 lb.", logged.text
    assert (
        lines[1] == "Logged as a warm-up: the empty bar. Add your work sets, e.g. /log back squat 3x6 225lb."
    )
    assert "Warm-up (1 set): 1 × 10 @ 45 lb" in lines, logged.text
    assert "Estimated 1RM" not in logged.text and "PR" not in logged.text, logged.text
    assert [s.kind for s in entries(me)[-1].sets] == [SetKind.WARMUP]
    history = (await one(me, "/history")).text
    assert "Back squat: warm-up 1 × 10 @ 45 lb" in history, history


async def test_the_bar_alones_example_is_the_lifts_scheme_at_the_last_load(me: Chat) -> None:
    # was "e.g. /log glute bridge 3x5 225lb" for a glute bridge, whose scheme is 3x10
    await me.say("/units lb")
    first = await one(me, "/log glute bridge bar x10")
    assert "Add your work sets, e.g. /log glute bridge 3x10 225lb." in first.text, first.text
    await one(me, "/log glute bridge 3x10 135 2 days ago")
    again = await one(me, "/log glute bridge bar x10")
    assert "Add your work sets, e.g. /log glute bridge 3x10 135lb." in again.text, again.text


async def test_the_bar_twice_and_nothing_else_is_warm_ups(me: Chat) -> None:
    # was the work before (tests/test_o1_bar.py): an empty-bar "session" with a 60 lb e1RM
    await me.say("/units lb")
    logged = await one(me, "/log hip thrust bar x10, bar x10")
    assert "Warm-up (2 sets): 2 × 10 @ 45 lb" in logged.text.splitlines(), logged.text
    assert "Logged as a warm-up: the empty bar." in logged.text and "Estimated 1RM" not in logged.text


async def test_the_bar_alone_does_not_become_the_working_weight(me: Chat) -> None:
    await me.say("/units lb")
    await me.say("/log squat 3x5 225lb 2 days ago")
    logged = await one(me, "/log squat bar x10")
    target = next(line for line in logged.text.splitlines() if line.startswith("Next time:"))
    assert target.startswith("Next time: 3 × 5 @ 230 lb"), logged.text  # the 225 lb work goes on


async def test_the_bar_before_work_sets_is_as_before(me: Chat) -> None:
    await me.say("/units lb")
    logged = await one(me, "/log squat bar x10, 135x5, 225x8x3")
    assert "Logged as a warm-up" not in logged.text, logged.text
    assert "Working (3 sets): 3 × 8 @ 225 lb" in logged.text.splitlines(), logged.text


async def test_the_bar_named_as_work_stays_work(me: Chat) -> None:
    await me.say("/units lb")
    logged = await one(me, "/log squat bar x10 working")
    assert "Working (1 set): 1 × 10 @ 45 lb" in logged.text.splitlines(), logged.text
    assert "Logged as a warm-up" not in logged.text, logged.text


@pytest.mark.parametrize("name", ["dumbbell rdl", "db rdl", "rdl (dumbbell)", "kettlebell deadlift"])
async def test_no_bar_before_a_dumbbell_lift(me: Chat, name: str) -> None:
    # the library's RDL takes a bar; the dumbbell RDL the lifter names does not
    await me.say("/units lb")
    refused = await one(me, f"/log {name} bar x10, 30x10x3")
    assert refused.text == (
        f"'bar x10' is the empty bar, and {name} is not done with a barbell: write the load you lifted, "
        "like 25lbx10. Nothing was logged. Example: /log hip thrust 3x10 185lb"
    )
    assert entries(me) == []


async def test_a_bar_before_a_barbell_rdl_is_still_its_warm_up(me: Chat) -> None:
    await me.say("/units lb")
    logged = await one(me, "/log rdl bar x10, 95x5, 135x8x3")
    assert "Warm-up (2 sets): 1 × 10 @ 45 lb, 1 × 5 @ 95 lb" in logged.text.splitlines(), logged.text


@pytest.mark.parametrize("line", ["hip thrust bw+20", "hip thrust 3x8 bw+20", "hip thrust bw + 20lb 3x8"])
async def test_bw_plus_on_a_barbell_lift_is_refused_not_a_20_lb_day(me: Chat, line: str) -> None:
    await me.say("/units lb")
    await me.say("/log hip thrust 3x8 225 2 days ago")
    refused = await one(me, f"/log {line}")
    assert refused.text == (
        "bw+ is bodyweight plus a load, for bodyweight exercises; Hip thrust is a barbell lift: write the "
        "load on the bar, like hip thrust 3x8 225lb. Nothing was logged. Example: /log hip thrust 3x10 185lb"
    )
    assert [s.load for e in entries(me) for s in e.sets] == [225, 225, 225]


async def test_a_plus_load_with_sets_on_a_barbell_lift_does_not_suggest_bw_plus(me: Chat) -> None:
    """Was: "Weight on top of bodyweight is bw+5lb (like 3x15 bw+5lb)" for a hip thrust, whose bw+ the
    line above refuses."""
    await me.say("/units lb")
    refused = await one(me, "/log hip thrust 3x10 +5")
    assert refused.text == (
        "A change from last time is +5lb alone; with the sets, write the load on the bar. Nothing was logged."
        " Example: /log hip thrust 3x10 185lb"
    )
    bridge = await one(me, "/log glute bridge 3x10 +5")
    assert bridge.text.startswith("Weight on top of bodyweight is bw+5lb (like 3x15 bw+5lb)"), bridge.text
    assert entries(me) == []


async def test_bw_plus_in_an_edit_of_a_barbell_lift_is_refused(me: Chat) -> None:
    await me.say("/units lb")
    await me.say("/log hip thrust 3x8 225")
    refused = await one(me, "/edit hip thrust bw+20 3x8")
    assert refused.text.startswith("bw+ is bodyweight plus a load"), refused.text
    assert [s.load for e in entries(me) for s in e.sets] == [225, 225, 225]


async def test_bw_plus_on_a_bodyweight_exercise_is_its_load(me: Chat) -> None:
    await me.say("/units lb")
    logged = await one(me, "/log glute bridge bw+20 3x10")
    assert "Working (3 sets): 3 × 10 @ 20 lb" in logged.text.splitlines(), logged.text


@pytest.mark.parametrize(
    ("line", "effort"),
    [
        ("225x5@8", "RPE 8"),
        ("225x5 @8.5", "RPE 8.5"),
        ("3x5 225 @8", "RPE 8"),
        ("225x5 rpe 8", "RPE 8"),
        ("225x5 rir 2", "RIR 2"),
    ],
)
async def test_one_effort_for_the_line_is_kept(me: Chat, line: str, effort: str) -> None:
    await me.say("/units lb")
    logged = await one(me, f"/log hip thrust {line}")
    assert effort in logged.text.splitlines(), logged.text


async def test_each_sets_own_rpe_is_kept_shown_and_exported(me: Chat) -> None:
    # was refused: "One RPE per line, said at the end for all the work"
    await me.say("/units lb")
    logged = await one(me, "/log hip thrust 225x5@8, 235x3 @9.5, 3x8 185 rir 2")
    assert logged.text.splitlines()[0] == (
        "Logged *Hip thrust*: 1 × 5 @ 225 lb RPE 8, 1 × 3 @ 235 lb RPE 9.5, 3 × 8 @ 185 lb RIR 2."
    ), logged.text
    assert [(s.rpe, s.rir) for s in entries(me)[-1].sets] == [(8, None), (9.5, None)] + [(None, 2)] * 3
    history = (await one(me, "/history")).text
    assert "Hip thrust: 1 × 5 @ 225 lb RPE 8, 1 × 3 @ 235 lb RPE 9.5, 3 × 8 @ 185 lb RIR 2" in history, (
        history
    )
    export = await one(me, "/export")
    assert export.file is not None
    rows = list(csv.DictReader(io.StringIO(export.file.data.decode())))
    assert [(r["weight"], r["rpe"], r["rir"]) for r in rows] == [("225", "8", ""), ("235", "9.5", "")] + [
        ("185", "", "2")
    ] * 3


async def test_a_top_sets_rpe_stays_on_it_through_a_confirm(me: Chat) -> None:
    # "1x3 315 @9, 3x8 225": RPE 9 is the top set's, not the back-offs'; the Confirm of a load far over
    # the lifter's best stores the sets as the card showed them
    await me.say("/units lb")
    await me.say("/log hip thrust 3x8 135 2 days ago")
    asked = await one(me, "/log hip thrust 1x3 315 @9, 3x8 225")
    assert "Is that right?" in asked.text, asked.text
    [stored] = await me.press(asked, "Confirm")
    assert stored.text.startswith("Logged *Hip thrust*: 1 × 3 @ 315 lb RPE 9, 3 × 8 @ 225 lb."), stored.text
    assert [s.rpe for s in entries(me)[-1].sets] == [9, None, None, None]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("225x5 @7.3", "RPE goes from 1 to 10 in half steps, not 7.3: like 3x10 185lb @8."),
        ("225x5 rpe 11", "RPE goes from 1 to 10 in half steps, not 11: like rpe 8."),
        ("225x5 @11", "RPE goes from 1 to 10, not 11: like 3x10 185lb @8."),
        ("225x5 rir 12", "RIR (reps in reserve) goes from 0 to 10, not 12: like rir 2."),
        ("225x5 @8 @9, 235x3", "The RPE is given twice: write it once, like hip thrust 3x10 185lb rpe 8."),
    ],
)
async def test_an_effort_out_of_bounds_is_refused_with_an_example(me: Chat, line: str, said: str) -> None:
    await me.say("/units lb")
    refused = await one(me, f"/log hip thrust {line}")
    assert refused.text == f"{said} Nothing was logged. Example: /log hip thrust 3x10 185lb"
    assert entries(me) == []


def _export_efforts(export_text: str) -> list[tuple[str, str, str]]:
    rows = list(csv.DictReader(io.StringIO(export_text)))
    return [(r["weight"], r["rpe"], r["rir"]) for r in rows]


@pytest.mark.parametrize(
    ("line", "card", "stored"),
    [
        # were both sets' RPE 8 and RIR 1 (and RPE 9, RIR 2): efforts of two kinds read as the line's
        ("225x5 rpe 8, 235x3 rir 1", "1 × 5 @ 225 lb RPE 8, 1 × 3 @ 235 lb RIR 1", [(8, None), (None, 1)]),
        ("225x5 rir 2, 235x3 @9", "1 × 5 @ 225 lb RIR 2, 1 × 3 @ 235 lb RPE 9", [(None, 2), (9, None)]),
    ],
)
async def test_each_set_keeps_only_its_own_effort_of_either_kind(
    me: Chat, line: str, card: str, stored: list[tuple[float | None, int | None]]
) -> None:
    await me.say("/units lb")
    logged = await one(me, f"/log hip thrust {line}")
    assert logged.text.splitlines()[0] == f"Logged *Hip thrust*: {card}.", logged.text
    assert [(s.rpe, s.rir) for s in entries(me)[-1].sets] == stored
    export = await one(me, "/export")
    assert export.file is not None
    assert _export_efforts(export.file.data.decode()) == [
        (w, "" if rpe is None else f"{rpe:g}", "" if rir is None else str(rir))
        for w, (rpe, rir) in zip(("225", "235"), stored, strict=True)
    ]


async def test_a_warm_ups_own_rpe_is_kept_on_it_through_a_confirm(me: Chat) -> None:
    # "w 135x5 @5, 315x3 @9": the @5 was dropped; it is the warm-up's, shown on its line of the card
    await me.say("/units lb")
    await me.say("/log hip thrust 3x8 135 2 days ago")
    asked = await one(me, "/log hip thrust w 135x5 @5, 315x3 @9")
    assert "Is that right?" in asked.text, asked.text
    [stored] = await me.press(asked, "Confirm")
    lines = stored.text.splitlines()
    assert "Warm-up (1 set): 1 × 5 @ 135 lb RPE 5" in lines, stored.text
    assert "Working (1 set): 1 × 3 @ 315 lb RPE 9" in lines, stored.text
    assert [(s.kind, s.rpe) for s in entries(me)[-1].sets] == [(SetKind.WARMUP, 5), (SetKind.WORKING, 9)]
    export = await one(me, "/export")
    assert export.file is not None
    assert _export_efforts(export.file.data.decode())[-2:] == [("135", "5", ""), ("315", "9", "")]


@pytest.mark.parametrize(
    ("line", "card"),
    [
        # was "I don't understand '225x5@8.235x3@9'": the comma after @8 read as a decimal comma
        ("225x5@8,235x3@9", "1 × 5 @ 225 lb RPE 8, 1 × 3 @ 235 lb RPE 9"),
        ("225x5 rpe 8,235x3 rpe 9", "1 × 5 @ 225 lb RPE 8, 1 × 3 @ 235 lb RPE 9"),
        ("225x5@8,235 x 3@9", "1 × 5 @ 225 lb RPE 8, 1 × 3 @ 235 lb RPE 9"),
        # with no set after it, the comma is still a decimal one
        ("225x5@8,5", "1 × 5 @ 225 lb RPE 8.5"),
        ("225x5 rpe 8,5", "1 × 5 @ 225 lb RPE 8.5"),
        ("3x10@80,5", "3 × 10 @ 80.5 lb"),
    ],
)
async def test_a_comma_after_an_effort_before_the_next_set_separates_them(
    me: Chat, line: str, card: str
) -> None:
    await me.say("/units lb")
    logged = await one(me, f"/log hip thrust {line}")
    assert logged.text.splitlines()[0] == f"Logged *Hip thrust*: {card}.", logged.text


@pytest.mark.parametrize(
    ("unit", "before", "line", "said"),
    [
        # was "Weight on top of bodyweight is bw+5kg (like 3x15 bw+5kg)" after a 60 kg barbell glute bridge
        ("kg", "glute bridge 3x12 60kg", "glute bridge 3x12 +5", "like glute bridge 3x12 65kg."),
        ("lb", "glute bridge 3x12 135lb", "glute bridge 12,12,10 +5", "like glute bridge 12,12,10 140lb."),
        ("kg", "kettlebell swing 3x15 16kg", "kettlebell swing 3x15 +4", "like kettlebell swing 3x15 20kg."),
        # a kettlebell swing takes a load: no bw+ before one is logged either
        ("kg", "", "kettlebell swing 3x15 +4", "like hip thrust 3x10 80kg."),
    ],
)
async def test_a_change_with_the_sets_on_a_loaded_lift_asks_for_the_load_not_bw_plus(
    me: Chat, unit: str, before: str, line: str, said: str
) -> None:
    await me.say(f"/units {unit}")
    if before:
        await one(me, f"/log {before} 2 days ago")
    count = len(entries(me))
    refused = await one(me, f"/log {line}")
    change = line.rsplit(" ", 1)[1] + unit
    assert refused.text.startswith(
        f"A change from last time is {change} alone; with the sets, write the load: {said} Nothing was logged."
    ), refused.text
    assert "bw+" not in refused.text
    assert len(entries(me)) == count


@pytest.mark.parametrize(
    ("before", "line"),
    [
        ("", "glute bridge 3x12 +5"),  # its load is optional: done at bodyweight
        ("back extension 3x15 bw", "back extension 3x15 +10"),  # last done with no load
        ("", "single leg glute bridge 3x12 +5"),  # a bodyweight exercise
    ],
)
async def test_a_change_with_the_sets_on_a_bodyweight_lift_still_suggests_bw_plus(
    me: Chat, before: str, line: str
) -> None:
    if before:
        await one(me, f"/log {before} 2 days ago")
    refused = await one(me, f"/log {line}")
    plus = line.rsplit("+", 1)[1]
    assert refused.text.startswith(f"Weight on top of bodyweight is bw+{plus}kg (like 3x15 bw+{plus}kg)"), (
        refused.text
    )

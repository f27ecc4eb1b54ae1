"""Tester 12's faults with RPE/RIR on /log and /edit: an effort written as a word between the sets went
on every set ('100x5 rpe 8, 110x3' stored RPE 8 on both, while '100x5 @8, 110x3' rated the first only)
and a warm-up's own ('warmup 2x10 40kg rpe 4, 3x10 85kg') went on the work. Driven through the bot as a
lifter does, checked on the card, on disk and in /export."""

from __future__ import annotations

import csv
import io

import pytest

from domain.training import SetKind
from tests.conftest import Chat
from tests.test_log_flow import entries, labels, logapp_fixture, me_fixture, one  # noqa: F401 - fixtures

W, K = SetKind.WARMUP, SetKind.WORKING


def _exported(export_text: str) -> list[tuple[str, str, str, str]]:
    rows = list(csv.DictReader(io.StringIO(export_text)))
    return [(r["kind"], r["weight"], r["rpe"], r["rir"]) for r in rows]


@pytest.mark.parametrize(
    ("line", "card", "stored"),
    [
        # were RPE 8 (RIR 1) on both sets
        ("100x5 rpe 8, 110x3", "1 × 5 @ 100 lb RPE 8, 1 × 3 @ 110 lb", [(8, None), (None, None)]),
        ("100x5 rir 1, 110x3", "1 × 5 @ 100 lb RIR 1, 1 × 3 @ 110 lb", [(None, 1), (None, None)]),
        ("100x5 rpe 8 110x3", "1 × 5 @ 100 lb RPE 8, 1 × 3 @ 110 lb", [(8, None), (None, None)]),
        # as "@8" there already was
        ("100x5 @8, 110x3", "1 × 5 @ 100 lb RPE 8, 1 × 3 @ 110 lb", [(8, None), (None, None)]),
        # at the end, the line's: all its work
        ("100x5, 110x3 rpe 8", "1 × 5 @ 100 lb, 1 × 3 @ 110 lb RPE 8", [(8, None), (8, None)]),
    ],
)
async def test_an_effort_word_after_a_set_with_sets_after_it_is_that_sets_only(
    me: Chat, line: str, card: str, stored: list[tuple[float | None, int | None]]
) -> None:
    await me.say("/units lb")
    logged = await one(me, f"/log hip thrust {line}")
    assert logged.text.splitlines()[0] == f"Logged *Hip thrust*: {card}.", logged.text
    assert [(s.rpe, s.rir) for s in entries(me)[-1].sets] == stored
    export = await one(me, "/export")
    assert export.file is not None
    assert [(rpe, rir) for _, _, rpe, rir in _exported(export.file.data.decode())] == [
        ("" if rpe is None else f"{rpe:g}", "" if rir is None else str(rir)) for rpe, rir in stored
    ]


async def test_the_line_effort_at_the_end_still_rates_all_its_work(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 3x10 85kg rpe 8")
    assert logged.text.splitlines()[0] == "Logged *Hip thrust*: 3 × 10 @ 85 kg RPE 8.", logged.text
    assert [s.rpe for s in entries(me)[-1].sets] == [8, 8, 8]


@pytest.mark.parametrize(
    "line",
    [
        "warmup 2x10 40kg rpe 4, 3x10 85kg",
        "warmup 2x10 40kg @4, 3x10 85kg",
        "2x10 40kg rpe 4 warmup, 3x10 85kg",
    ],
)
async def test_a_warm_ups_rpe_word_stays_on_the_warm_up(me: Chat, line: str) -> None:
    # was "3 × 10 @ 85 kg RPE 4": the warm-up's RPE on the work, the warm-up with none
    logged = await one(me, f"/log hip thrust {line}")
    lines = logged.text.splitlines()
    assert lines[0] == "Logged *Hip thrust*: 3 × 10 @ 85 kg (+ 2 warm-up sets).", logged.text
    assert "Warm-up (2 sets): 2 × 10 @ 40 kg RPE 4" in lines, logged.text
    assert "Working (3 sets): 3 × 10 @ 85 kg" in lines, logged.text
    assert [(s.kind, s.rpe) for s in entries(me)[-1].sets] == [(W, 4)] * 2 + [(K, None)] * 3
    export = await one(me, "/export")
    assert export.file is not None
    assert [(kind, rpe) for kind, _, rpe, _ in _exported(export.file.data.decode())] == [
        ("warmup", "4"),
        ("warmup", "4"),
        ("working", ""),
        ("working", ""),
        ("working", ""),
    ]


@pytest.mark.parametrize(
    ("line", "rpe"), [("w 135x5, 225x5", None), ("w 135x5 rpe 5, 225x5", 5), ("w 135x5 @5, 225x5", 5)]
)
async def test_after_w_a_heavier_last_set_at_the_same_reps_is_the_work(
    me: Chat, line: str, rpe: float | None
) -> None:
    # were two warm-ups: only a last step that turned the reps back up was read as the work
    await me.say("/units lb")
    logged = await one(me, f"/log hip thrust {line}")
    lines = logged.text.splitlines()
    assert lines[0] == "Logged *Hip thrust*: 1 × 5 @ 225 lb (+ 1 warm-up set).", logged.text
    assert "Working (1 set): 1 × 5 @ 225 lb" in lines, logged.text
    assert [(s.kind, s.load, s.rpe) for s in entries(me)[-1].sets] == [(W, 135, rpe), (K, 225, None)]


async def test_after_w_a_ramp_whose_reps_fall_stays_warm_ups(me: Chat) -> None:
    logged = await one(me, "/log hip thrust w 60x8, 80x5 rpe 6")
    assert "Working" not in logged.text, logged.text
    assert [(s.kind, s.rpe) for s in entries(me)[-1].sets] == [(W, 6), (W, 6)]


async def test_rpe_none_clears_what_rpe_8_sets_and_leaves_the_warm_ups_own(me: Chat) -> None:
    # was: "/edit rpe none" wiped the warm-up's own RPE 5 too, while "/edit rpe 8" leaves warm-ups alone
    await me.say("/units lb")
    await one(me, "/log hip thrust w 135x5 @5, 225x5 @8")
    changed = await one(me, "/edit rpe none")
    lines = changed.text.splitlines()
    assert lines[0] == "Changed *Hip thrust*: 1 × 5 @ 225 lb (+ 1 warm-up set).", changed.text
    assert "Warm-up (1 set): 1 × 5 @ 135 lb RPE 5" in lines, changed.text
    assert "Working (1 set): 1 × 5 @ 225 lb" in lines, changed.text
    assert [(s.kind, s.rpe) for s in entries(me)[-1].sets] == [(W, 5), (K, None)]
    # An asked reading's button clears the same: its line says "rpe none" again.
    await one(me, "/edit rpe 7")
    asked = await one(me, "/edit 12x10 rpe none")
    assert labels(asked) == ["12 sets of 10", "12 lb × 10"], asked.text
    [pressed] = await me.press(asked, "12 sets of 10")
    assert "Warm-up (1 set): 1 × 5 @ 135 lb RPE 5" in pressed.text.splitlines(), pressed.text
    assert "Working (12 sets): 12 × 10 @ 225 lb" in pressed.text.splitlines(), pressed.text
    assert [(s.kind, s.rpe) for s in entries(me)[-1].sets] == [(W, 5)] + [(K, None)] * 12


async def test_rpe_none_on_warm_ups_only_clears_theirs(me: Chat) -> None:
    await one(me, "/log hip thrust w 60x8, 80x5 rpe 6")
    changed = await one(me, "/edit rpe none")
    assert "RPE" not in changed.text, changed.text
    assert [s.rpe for s in entries(me)[-1].sets] == [None, None]

"""/edit keeps the entry's warm-ups when its line types only the work, except those heavier than the new
work: "40x10, 100x10x3" edited to "3x10 30kg" kept the 40 kg step as a warm-up before 30 kg of work. A
warm-up over the work was part of the old work; it is dropped, and the card says so in one line."""

from __future__ import annotations

from domain.training import SetKind
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401


async def test_a_kept_warm_up_heavier_than_the_new_work_is_dropped_and_said(me: Chat) -> None:
    await one(me, "/log hip thrust 40x10, 100x10x3")
    edited = await one(me, "/edit 3x10 30kg")
    lines = edited.text.splitlines()
    assert lines[0] == "Changed *Hip thrust*: 3 × 10 @ 30 kg.", edited.text
    assert lines[1] == "Dropped the 40 kg × 10 warm-up: heavier than the new work.", edited.text
    assert "Warm-up" not in edited.text, edited.text
    assert [(s.kind, s.reps, s.load) for s in entries(me)[-1].sets] == [(SetKind.WORKING, 10, 30)] * 3


async def test_lighter_warm_ups_stay_and_a_typed_warm_up_is_as_typed(me: Chat) -> None:
    await one(me, "/log rdl w 20x10, w 60x5, 3x5 100kg")
    edited = await one(me, "/edit 3x10 50kg")
    assert "Dropped the 60 kg × 5 warm-up: heavier than the new work." in edited.text, edited.text
    stored = [(s.kind, s.load) for s in entries(me)[-1].sets]
    assert stored == [(SetKind.WARMUP, 20)] + [(SetKind.WORKING, 50)] * 3
    await one(me, "/edit w 60x5, 3x10 50kg")  # said so: the line's own warm-up is kept as typed
    assert [(s.kind, s.load) for s in entries(me)[-1].sets][0] == (SetKind.WARMUP, 60)


async def test_work_over_the_warm_ups_keeps_them_with_no_line(me: Chat) -> None:
    await one(me, "/log hip thrust 40x10, 100x10x3")
    edited = await one(me, "/edit 3x10 105kg")
    assert "Dropped" not in edited.text, edited.text
    assert entries(me)[-1].sets[0].kind is SetKind.WARMUP

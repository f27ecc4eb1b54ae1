"""/edit that types the work keeps the ramp steps the card called warm-ups ("40 kg × 10 counts as a
warm-up" in "40x10, 100x10x3"), as it keeps warm-ups typed with w; it replaced them with the work."""

from __future__ import annotations

from domain.training import SetKind
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401


async def test_an_edit_of_the_work_keeps_a_ramp_step_counted_as_a_warm_up(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 40x10, 100x10x3")
    assert "40 kg × 10 counts as a warm-up" in logged.text + "".join(s.body for s in logged.sections)
    edited = await one(me, "/edit 3x10 105kg")
    assert edited.text.startswith("Changed *Hip thrust*: 3 × 10 @ 105 kg (+ 1 warm-up set)."), edited.text
    stored = [(s.kind, s.reps, s.load) for s in entries(me)[-1].sets]
    assert stored == [(SetKind.WARMUP, 10, 40)] + [(SetKind.WORKING, 10, 105)] * 3


async def test_a_pairs_ramp_step_is_kept_too(me: Chat) -> None:
    await one(me, "/log rdl 10x10, 22x10x3 dumbbells")
    await one(me, "/edit 3x10 22kg")
    stored = [(s.kind, s.load, s.implements) for s in entries(me)[-1].sets]
    assert stored == [(SetKind.WARMUP, 10, 2)] + [(SetKind.WORKING, 22, 2)] * 3


async def test_a_line_retyping_the_step_moves_it_not_doubles_it(me: Chat) -> None:
    await one(me, "/log hip thrust 40x10, 100x10x3")
    await one(me, "/edit 40x10, 100x10x3 (felt easy)")
    assert len(entries(me)[-1].sets) == 4

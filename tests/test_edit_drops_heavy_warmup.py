"""/edit keeps the entry's warm-ups when its line types only the work, except those heavier than the new
work: "40x10, 100x10x3" edited to "3x10 30kg" kept the 40 kg step as a warm-up before 30 kg of work. A
warm-up the new load puts over the work was part of the old work; it is dropped, and the card says so in
one line. One over the old work already ("w 120x3 / 100x10,10,10") was done so and stays, and an edit
keeping the loads (a note, an RPE, reps) drops nothing."""

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


HEAVY_FIRST = [(SetKind.WARMUP, 3, 120)] + [(SetKind.WORKING, 10, 100)] * 3


async def test_an_edit_keeping_the_loads_keeps_a_warm_up_heavier_than_the_work(me: Chat) -> None:
    # A warm-up over the work typed so (a post-activation single) is no step up to the work: a note,
    # an RPE or reps alone leave the loads as they were, so they drop nothing.
    for line, card in (
        ("/edit (post-activation)", "Changed *Hip thrust*: 3 × 10 @ 100 kg (+ 1 warm-up set)."),
        ("/edit rpe 8", "Changed *Hip thrust*: 3 × 10 @ 100 kg RPE 8 (+ 1 warm-up set)."),
        ("/edit 3x8", "Changed *Hip thrust*: 3 × 8 @ 100 kg (+ 1 warm-up set)."),
    ):
        await one(me, "/log hip thrust w 120x3 / 100x10,10,10")
        edited = await one(me, line)
        assert edited.text.splitlines()[0] == card, (line, edited.text)
        assert "Dropped" not in edited.text and "Warm-up (1 set): 1 × 3 @ 120 kg" in edited.text, line
        reps = 8 if line == "/edit 3x8" else 10
        stored = [(s.kind, s.reps, s.load) for s in entries(me)[-1].sets]
        assert stored == [HEAVY_FIRST[0]] + [(SetKind.WORKING, reps, 100)] * 3, line


async def test_an_rpe_edit_keeps_a_labelled_heavy_warm_up(me: Chat) -> None:
    await one(me, "/log rdl warm up: 100x3 working: 80x8,8,8")
    edited = await one(me, "/edit rpe 7")
    assert "Dropped" not in edited.text and "Warm-up (1 set): 1 × 3 @ 100 kg" in edited.text, edited.text
    stored = [(s.kind, s.load, s.rpe) for s in entries(me)[-1].sets]
    assert stored == [(SetKind.WARMUP, 100, None)] + [(SetKind.WORKING, 80, 7)] * 3


async def test_a_new_load_drops_only_the_warm_ups_it_puts_over_the_work(me: Chat) -> None:
    await one(me, "/log hip thrust w 60x5, 120x3 / 100x10,10,10")
    edited = await one(me, "/edit 3x10 50kg")  # the 60 kg step up to 100 goes; the 120 kg single was over
    assert "Dropped the 60 kg × 5 warm-up: heavier than the new work." in edited.text, edited.text
    stored = [(s.kind, s.load) for s in entries(me)[-1].sets]
    assert stored == [(SetKind.WARMUP, 120)] + [(SetKind.WORKING, 50)] * 3

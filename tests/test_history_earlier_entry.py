"""/history and /export show a separately logged entry as the work it was logged as when a heavier
entry comes later the same day (tester): "/log hip thrust 1x10 40kg" at 10:00, then "3x10 100kg" at
10:20, showed "#1 Hip thrust: warm-up 1 × 10 @ 40 kg" and kind "warmup" in the CSV, though its card
said "Working (1 set)" and nothing was typed as a warm-up. A later entry never makes an earlier one a
warm-up; one line's own ramp, and a light set logged after the work (its card says it counts as a
warm-up, and how to make it work), still read as before. The store keeps every set as typed."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from domain.training import SetKind
from tests.conftest import Chat, Clock


async def _export_kinds(chat: Chat) -> list[tuple[str, str, str, str]]:
    [reply] = await chat.say("/export")
    assert reply.file is not None
    rows = csv.DictReader(io.StringIO(reply.file.data.decode()))
    return [(r["entry_id"], r["reps"], r["weight"], r["kind"]) for r in rows]


async def test_an_earlier_lighter_entry_is_shown_as_the_work_it_was_logged_as(
    chat: Chat, clock: Clock
) -> None:
    await chat.say("/log hip thrust 3x10 100kg 2026-11-20")  # a known 100 kg: no "is that right?" below
    day = clock.now.replace(hour=10, minute=0)  # Mon 23 Nov 2026, UTC
    clock.now = day
    card = (await chat.text("/log hip thrust 1x10 40kg")).splitlines()
    assert "Working (1 set): 1 × 10 @ 40 kg" in card, card
    clock.now = day + timedelta(minutes=20)
    await chat.say("/log hip thrust 3x10 100kg")

    history = (await chat.text("/history hip thrust")).splitlines()
    assert "#2 Hip thrust: 1 × 10 @ 40 kg" in history, history  # was "warm-up 1 × 10 @ 40 kg"
    assert "#3 Hip thrust: 3 × 10 @ 100 kg" in history, history
    assert [k for k in await _export_kinds(chat) if k[0] == "2"] == [("2", "10", "40", "working")]

    # A light set logged after the work: its card said it counts as a warm-up, and so do these.
    clock.now = day + timedelta(minutes=40)
    card = await chat.text("/log hip thrust 1x10 40kg")
    assert "40 kg × 10 counts as a warm-up (well under today's 100 kg)" in card, card
    history = (await chat.text("/history hip thrust")).splitlines()
    assert "#4 Hip thrust: warm-up 1 × 10 @ 40 kg" in history, history
    assert "#2 Hip thrust: 1 × 10 @ 40 kg" in history, history
    assert [k for k in await _export_kinds(chat) if k[0] in ("2", "4")] == [
        ("2", "10", "40", "working"),
        ("4", "10", "40", "warmup"),
    ]
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    kinds = [[s.kind for s in e.sets] for e in store.entries(store.account_of(chat.user))]
    assert kinds == [[SetKind.WORKING] * 3, [SetKind.WORKING], [SetKind.WORKING] * 3, [SetKind.WORKING]]


async def test_a_ramp_in_its_own_line_before_the_work_still_reads_as_warm_ups(
    chat: Chat, clock: Clock
) -> None:
    """The one-line reading stays: "20x10, 60x5, 80x3" logged alone before "3x5 100kg" reads 20 × 10 as
    the way up to that line's 80 kg, as its card did, and 60 × 5 and 80 × 3 as the work it was logged
    as (the whole session would have read all three as the ramp to 100 kg)."""
    await chat.say("/log squat 3x5 100kg 2026-11-20")
    day = clock.now.replace(hour=10, minute=0)
    clock.now = day
    card = await chat.text("/log squat 20x10, 60x5, 80x3")
    assert "20 kg × 10 counts as a warm-up (on the way up to today's 80 kg)." in card, card
    clock.now = day + timedelta(minutes=10)
    await chat.say("/log squat 3x5 100kg")
    history = (await chat.text("/history squat")).splitlines()
    assert "#2 Back squat: 1 × 5 @ 60 kg, 1 × 3 @ 80 kg (+ 1 warm-up set)" in history, history
    assert "#3 Back squat: 3 × 5 @ 100 kg" in history, history

"""A ramp step under the back-offs is a warm-up (tester, A3): "/log hip thrust 60x10, 100x5, 150x5,
115x10,10,9" stored and counted 100 × 5 as work ("Working (5 sets): 1 × 5 @ 100 kg, …", "5 hard glute
sets this week") though it climbs from the 60 kg warm-up to the 150 kg top set, lighter than the 115 kg
back-offs after it and for fewer reps. A set on the way up lighter than every back-off, for fewer reps
than each, is a ramp step: /log and /edit store it as a warm-up, /history, /export and /plan's count
agree. A first set for as many reps as the back-offs stays work (a back-off done first)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from domain.training import SetKind
from tests.conftest import Chat, Clock

LINE = "60x10, 100x5, 150x5, 115x10,10,9"


def _stored(chat: Chat) -> list[list[tuple[SetKind, int, float | None]]]:
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    return [[(s.kind, s.reps, s.load) for s in e.sets] for e in store.entries(store.account_of(chat.user))]


async def _export(chat: Chat) -> list[tuple[str, str, str]]:
    [reply] = await chat.say("/export")
    assert reply.file is not None
    return [
        (r["reps"], r["weight"], r["kind"]) for r in csv.DictReader(io.StringIO(reply.file.data.decode()))
    ]


WARM = [(SetKind.WARMUP, 10, 60), (SetKind.WARMUP, 5, 100)]
WORK = [(SetKind.WORKING, 5, 150), (SetKind.WORKING, 10, 115), (SetKind.WORKING, 10, 115)]
WORK += [(SetKind.WORKING, 9, 115)]


async def test_a_step_under_the_back_offs_is_a_warm_up_everywhere(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    card = (await chat.text(f"/log hip thrust {LINE} 2026-12-02")).splitlines()
    assert "Warm-up (2 sets): 1 × 10 @ 60 kg, 1 × 5 @ 100 kg" in card, card
    assert "Working (4 sets): 1 × 5 @ 150 kg, 2 × 10 @ 115 kg, 1 × 9 @ 115 kg" in card, card
    assert "60 kg × 10 and 100 kg × 5 count as warm-ups (on the way up to that day's 150 kg)." in card, card
    assert _stored(chat) == [WARM + WORK]
    plan = await chat.text("/plan")
    assert "4 hard glute sets this week" in plan, plan
    # The target is the top set and its back-offs, as with the ramp typed with its "w".
    assert "Hip thrust: 1 × 5 @ 150 kg, 11, 11, 10 @ 115 kg" in plan.splitlines(), plan
    history = (await chat.text("/history")).splitlines()
    assert "#1 Hip thrust: 1 × 5 @ 150 kg, 10, 10, 9 @ 115 kg (+ 2 warm-up sets)" in history, history
    assert [k for _r, _w, k in await _export(chat)] == ["warmup"] * 2 + ["working"] * 4


async def test_edit_stores_the_step_as_a_warm_up_too(chat: Chat) -> None:
    await chat.say("/log hip thrust 150x5, 115x10,10,9")
    edited = (await chat.text(f"/edit {LINE}")).splitlines()
    assert "Warm-up (2 sets): 1 × 10 @ 60 kg, 1 × 5 @ 100 kg" in edited, edited
    assert _stored(chat) == [WARM + WORK]
    assert "4 hard glute sets this week" in await chat.text("/plan")


async def test_a_first_set_for_the_back_offs_reps_stays_work(chat: Chat, clock: Clock) -> None:
    """100 × 10 before 150 × 5 then 115 × 10 × 3: as many reps as the back-offs, a back-off done first;
    the 100 × 5 of another day is a step."""
    card = (await chat.text("/log hip thrust 100x10, 150x5, 115x10x3")).splitlines()
    assert "Working (5 sets): 1 × 10 @ 100 kg, 1 × 5 @ 150 kg, 3 × 10 @ 115 kg" in card, card
    clock.now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    card = (await chat.text("/log hip thrust 100x5, 150x5, 115x10x3")).splitlines()
    assert "Working (4 sets): 1 × 5 @ 150 kg, 3 × 10 @ 115 kg" in card, card
    assert _stored(chat) == [
        [(SetKind.WORKING, 10, 100), (SetKind.WORKING, 5, 150), *[(SetKind.WORKING, 10, 115)] * 3],
        [(SetKind.WARMUP, 5, 100), (SetKind.WORKING, 5, 150), *[(SetKind.WORKING, 10, 115)] * 3],
    ]
    assert "9 hard glute sets this week" in await chat.text("/plan")

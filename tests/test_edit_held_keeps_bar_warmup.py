"""/edit naming one dumbbell marks the work it types, not the entry's own empty-bar warm-up it keeps: that
warm-up was done on the bar (a new user's test: it became "1 × 10 @ 20 kg dumbbell", in the CSV too)."""

from __future__ import annotations

from domain.training import Held, SetKind
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture  # noqa: F401 - fixtures


async def test_a_kept_bar_warm_up_stays_on_the_bar(me: Chat) -> None:
    await me.text("/log hip thrust bar x10, 60x5, 100x8x3")
    changed = await me.text("/edit 3x10 30kg dumbbell")
    assert "Warm-up (1 set): 1 × 10 @ 20 kg\n" in changed, changed
    assert "Working (3 sets): 3 × 10 @ 30 kg dumbbell" in changed, changed
    [entry] = entries(me)
    assert [(s.kind, s.load, s.held) for s in entry.sets] == [(SetKind.WARMUP, 20.0, None)] + [
        (SetKind.WORKING, 30.0, Held.DUMBBELL)
    ] * 3


async def test_warm_ups_the_edit_types_are_held_with_the_work(me: Chat) -> None:
    await me.text("/log hip thrust 3x10 24kg dumbbell")
    changed = await me.text("/edit w 12x10, 3x10 26kg dumbbell")
    assert "Warm-up (1 set): 1 × 10 @ 12 kg dumbbell" in changed, changed
    assert all(s.held is Held.DUMBBELL for s in entries(me)[-1].sets)

"""/progress says each way a lift was loaded on lines of its own, each named by what it was lifted with:
the lift's usual single load by the lift's own implement (a Bulgarian split squat's 24 kg is a dumbbell,
was "(barbell)"), and a pair of dumbbells apart from the bar's loads (was left out beside a barbell day:
"Heaviest load: 100 kg" only, or "2 × 16 kg" only with the 24 kg gone)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401

TODAY = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)


async def test_a_dumbbell_lifts_usual_load_is_named_dumbbell(me: Chat, clock) -> None:
    clock.now = TODAY
    await one(me, "/log bulgarian split squat 3x10 each side 16kg kettlebell 2026-12-01")
    await one(me, "/log bulgarian split squat 3x10 each side 24kg dumbbell")
    lines = (await one(me, "/progress bulgarian split squat")).text.splitlines()
    assert "Heaviest load: 24 kg (dumbbell); 16 kg (one kettlebell)" in lines, lines


async def test_a_pair_of_dumbbells_has_its_figures_beside_the_bars(me: Chat, clock) -> None:
    clock.now = TODAY
    await one(me, "/log hip thrust 3x10 100kg 2026-11-30")
    await one(me, "/log hip thrust 3x10 2x20kg 2026-12-02")
    lines = (await one(me, "/progress hip thrust")).text.splitlines()
    assert "Best estimated 1RM: 133.3 kg (barbell); 53.3 kg (a pair)" in lines, lines
    assert "Heaviest load: 100 kg (barbell); 2 × 20 kg (a pair)" in lines, lines


async def test_a_lighter_single_load_is_not_hidden_by_a_pair(me: Chat, clock) -> None:
    clock.now = TODAY
    await one(me, "/log bulgarian split squat 3x10 each side 24kg 2026-12-01")
    await one(me, "/log bulgarian split squat 3x10 each side 2x16kg")
    lines = (await one(me, "/progress bulgarian split squat")).text.splitlines()
    assert "Heaviest load: 24 kg (dumbbell); 2 × 16 kg (a pair)" in lines, lines


async def test_one_way_only_says_no_way(me: Chat, clock) -> None:
    clock.now = TODAY
    await one(me, "/log hip thrust 3x10 2x20kg 2026-12-02")
    await one(me, "/log bulgarian split squat 3x10 each side 24kg 2026-12-01")
    pair = (await one(me, "/progress hip thrust")).text.splitlines()
    assert "Heaviest load: 2 × 20 kg" in pair, pair
    single = (await one(me, "/progress bulgarian split squat")).text.splitlines()
    assert "Heaviest load: 24 kg" in single, single

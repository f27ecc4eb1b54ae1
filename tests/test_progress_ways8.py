"""/progress names each way a lift was loaded by what it was lifted with: the lift's usual single load by
the lift's own implement (a Bulgarian split squat's 24 kg is a dumbbell, was "(barbell)")."""

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

"""One more rep is not also more load: "/log hip thrust 3x10 100,5kg" (100.5 kg, off the kit's steps)
said "Next time: 3 × 11 @ 102.5 kg … 100.5 kg is not loadable with your kit, so 102.5 kg: one more rep
on each set below 12", two progressions at once. The reps go up at the kit's load at or below the one
lifted (100 kg × 11); with none there within a back-off's 5%, the rounded-up load stands as before.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 12, 3, 18, tzinfo=UTC)


async def test_one_more_rep_at_the_kit_load_below(app, chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    line = _next(await chat.text("/log hip thrust 3x10 100,5kg"))
    assert line.startswith("Next time: 3 × 11 @ 100 kg"), line
    assert line.endswith(
        "100.5 kg is not loadable with your kit, so 100 kg: one more rep on each set below 12."
    ), line
    assert "102.5" not in line, line
    # The log keeps the load lifted: only the target goes onto the kit.
    assert [e.working[0].load for e in app.store.entries("console:alice")] == [100.5]
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 11 @ 100 kg" in plan, plan
    # 3.92 kg between the 2 kg and 4 kg weights: not 2 kg × 11 (half the load), 4 kg as before; and a
    # load under the kit's lightest is brought up to it as before.
    line = _next(await chat.text("/log kettlebell swing 3x10 3.92kg"))
    assert line.startswith("Next time: 3 × 11 @ 4 kg"), line
    await chat.text("/equipment dumbbells 4 6 8")
    line = _next(await chat.text("/log rdl 3x10 2x3.92kg"))
    assert line.startswith("Next time: 3 × 11 @ 2 × 4 kg"), line


async def test_sets_to_finish_at_the_kit_load_below(chat: Chat, clock: Clock) -> None:
    """Sets to come back (2 of 3) are not done at more load either."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 100kg 2026-11-30")
    line = _next(await chat.text("/log hip thrust 2x11 100.5kg"))
    assert line.startswith("Next time: 3 × 11 @ 100 kg"), line
    assert "100.5 kg is not loadable with your kit, so 100 kg: finish all 3 sets" in line, line

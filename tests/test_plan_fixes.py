"""Bugs a tester found through the console in /plan, /program and /progress: the day shown as already
logged today is the day actually logged, every loaded barbell lift gets its ramp, a started program is
not silently restarted, loads read "24 kg" not "24.0 kg"."""

from __future__ import annotations

from tests.conftest import Chat


async def test_progress_writes_loads_like_everything_else(chat: Chat) -> None:
    await chat.say("/log kettlebell swing 3x15 24kg")
    text = "\n".join(r.text for r in await chat.say("/progress kettlebell swing"))
    assert "Heaviest load: 24 kg" in text, text
    assert "24.0" not in text


async def test_plan_ramps_every_loaded_barbell_lift(chat: Chat) -> None:
    await chat.say("/level advanced")
    await chat.say("/program start advanced-3")
    await chat.say("/log back squat 3x5 120kg")
    [plan] = await chat.say("/plan")
    [compound] = [s for s in plan.sections if s.name == "3. Compound"]
    assert compound.body.startswith("Warm-up:\n• 20 kg × 10 — empty bar\n• 47.5 kg × 5"), compound.body
    assert "*Back squat*: 3 × 5 @ 122.5 kg — 25 + 25 + 1.25 per side" in compound.body

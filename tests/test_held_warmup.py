"""A lift done at bodyweight plus a load (`/log glute bridge bw+20kg 3x10`: a dumbbell or plate on the
hips) warms up with no bar: bodyweight × 10, then a lighter dumbbell from the user's /equipment, on
/warmup and in /plan alike (one rule, `handlers.equipment.held_load`). Was "20 kg is light enough: no
ramp needed" for 20 kg, and an empty bar with plates for 40 kg. A load only a bar makes keeps its ramp."""

from __future__ import annotations

from tests.conftest import Chat

HELD = "• bodyweight × 10\n• 10 kg dumbbell × 8\nThen your working sets at 20 kg."


async def test_warmup_for_a_load_on_the_hips_is_bodyweight_then_a_dumbbell(chat: Chat) -> None:
    await chat.say("/log glute bridge bw+20kg 3x10 3 days ago")
    for line in ("/warmup glute bridge", "/warmup glute bridge 20kg"):
        text = await chat.text(line)
        assert "Warm-up: Glute bridge to 20 kg" in text and HELD in text, text
        assert "bar" not in text and "per side" not in text and "no ramp needed" not in text, text


async def test_the_dumbbell_is_one_the_user_has(chat: Chat) -> None:
    await chat.say("/equipment dumbbells 4 8 12 16")
    text = await chat.text("/warmup glute bridge 16kg")
    assert "• bodyweight × 10\n• 8 kg dumbbell × 8\nThen your working sets at 16 kg." in text, text
    # 40 kg, past the heaviest plate (25 kg) and dumbbell, is a bar's load: it ramps on the bar.
    bar = await chat.text("/warmup glute bridge 40kg")
    assert "empty bar" in bar and "per side" in bar, bar


async def test_plan_warms_up_a_load_on_the_hips_the_same_way(chat: Chat) -> None:
    await chat.say("/log glute bridge bw+20kg 3x10 3 days ago")
    plan = await chat.text("/plan")
    assert "Warm-up:\n• bodyweight × 10\n• 10 kg dumbbell × 8\nGlute bridge: 3 × 11 @ 20 kg\n" in plan, plan
    assert "empty bar" not in plan, plan

"""/warmup with a barbell named on a lift done with dumbbells ramps from the empty bar, as on a bar
lift: "/warmup bulgarian split squat 40kg barbell" ramped in dumbbell steps (16, 24, 32 kg), under
the 20 kg bar, and "60kg barbell" was refused as past the heaviest dumbbell (50 kg)."""

from __future__ import annotations

from tests.conftest import Chat


async def test_a_barbell_named_ramps_from_the_empty_bar(chat: Chat) -> None:
    for line in ("/warmup bulgarian split squat 60kg barbell", "/warmup bb bulgarian split squat 60kg"):
        reply = await chat.text(line)
        assert "• 20 kg × 10 — empty bar" in reply, (line, reply)
        assert "Then your working sets at 60 kg — 20 per side." in reply, (line, reply)
        assert "dumbbell" not in reply, (line, reply)
    light = await chat.text("/warmup bulgarian split squat 40kg barbell")
    steps = [x for x in light.splitlines() if x.startswith("• ")]
    assert steps == ["• 20 kg × 10 — empty bar", "• 30 kg × 2 — 5 per side"], light
    # Under the bar: nothing to ramp, and the empty bar's line keeps the bar.
    under = await chat.text("/warmup bulgarian split squat 15kg barbell")
    assert "lighter than your empty 20 kg bar" in under, under
    assert "/warmup barbell bulgarian split squat 20" in under, under
    # Without the word, the lift's dumbbells as before.
    plain = await chat.text("/warmup bulgarian split squat 60kg")
    assert "Your set-up's dumbbells stop at 50 kg: warming up to 60 kg" in plain, plain
    assert "empty bar" not in plain and "per side" not in plain, plain

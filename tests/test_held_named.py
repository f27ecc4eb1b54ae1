"""One dumbbell or kettlebell held on a bar lift ("/log hip thrust 3x10 24kg dumbbell") is named wherever
a load of it is said: /progress's figures, /warmup's title and working sets, the target's reason, and
/warmup's own lines ("24kg dumbbells", "500kg dumbbell"). Was: "Heaviest load: 100 kg" beside a dumbbell
day's figures, "Warm-up: Hip thrust to 24 kg", "Same 24 kg", and "/warmup hip thrust 50" (a bar's ramp)
offered for a 500 kg dumbbell. /import reads "Hip Thrust (Dumbbell)" as /log reads "hip thrust (dumbbell)",
and a load off the kit's steps goes to the nearest the kit makes, not always the one below."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_pairs_and_sides import line

# -- /warmup after a dumbbell day, and the target's reason -------------------------------------------


async def test_warmup_title_and_reason_name_the_dumbbell(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 3x10 24kg dumbbell 2026-11-20")
    assert line(logged, "Next time:") == (
        "Next time: 3 × 11 @ 24 kg dumbbell. Same 24 kg dumbbell: one more rep on each set below 12."
    )
    warmup = await one(me, "/warmup")
    assert warmup.title == "Warm-up: Hip thrust to 24 kg dumbbell", warmup.title
    assert warmup.text.startswith("Your next target: 3 × 11 @ 24 kg dumbbell. Same 24 kg dumbbell:"), (
        warmup.text
    )
    assert warmup.text.endswith("Then your working sets at *24 kg dumbbell*."), warmup.text


async def test_a_step_up_on_the_kettlebells_names_them(me: Chat) -> None:
    logged = await one(me, "/log kb deadlift 3x12 24kg 2026-11-20")
    assert line(logged, "Next time:").endswith(
        "but 28 kg kettlebell is +17%: add a set first, a 4th set of 12 reps at 24 kg kettlebell."
    ), logged.text

"""One dumbbell or kettlebell held on a bar lift ("/log hip thrust 3x10 24kg dumbbell") is named wherever
a load of it is said: /progress's figures, /warmup's title and working sets, the target's reason, and
/warmup's own lines ("24kg dumbbells", "500kg dumbbell"). Was: "Heaviest load: 100 kg" beside a dumbbell
day's figures, "Warm-up: Hip thrust to 24 kg", "Same 24 kg", and "/warmup hip thrust 50" (a bar's ramp)
offered for a 500 kg dumbbell. /import reads "Hip Thrust (Dumbbell)" as /log reads "hip thrust (dumbbell)",
and a load off the kit's steps goes to the nearest the kit makes, not always the one below."""

from __future__ import annotations

from pathlib import Path

from domain.training import Held
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_pairs_and_sides import line

# -- /progress: each figure says what it was lifted with ---------------------------------------------


async def test_progress_names_the_implement_of_each_figure(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 100kg 2026-11-16")
    await one(me, "/log hip thrust 3x10 24kg dumbbell 2026-11-20")
    lines = (await one(me, "/progress hip thrust")).text.splitlines()
    assert "Best estimated 1RM: 133.3 kg (barbell); 32 kg (one dumbbell)" in lines, lines
    assert "Heaviest load: 100 kg (barbell); 24 kg (one dumbbell)" in lines, lines


async def test_progress_of_kettlebell_days_only_says_kettlebell(me: Chat) -> None:
    await one(me, "/log kb deadlift 3x5 24kg 2026-11-20")
    lines = (await one(me, "/progress deadlift")).text.splitlines()
    assert "Best estimated 1RM: 28 kg (one kettlebell)" in lines, lines
    assert "Heaviest load: 24 kg (one kettlebell)" in lines, lines


async def test_progress_of_bar_days_only_is_as_before(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 100kg 2026-11-16")
    lines = (await one(me, "/progress hip thrust")).text.splitlines()
    assert "Best estimated 1RM: 133.3 kg" in lines and "Heaviest load: 100 kg" in lines, lines


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


# -- /warmup with an implement word -------------------------------------------------------------------


async def test_warmup_with_a_pair_word_is_the_pair_as_log_reads_it(me: Chat) -> None:
    # /log stores "3x10 24kg dumbbells" on a hip thrust as a pair, 2 × 24 kg: /warmup reads it so too.
    assert (await one(me, "/log hip thrust 3x10 24kg dumbbells")).text.startswith(
        "Logged *Hip thrust*: 3 × 10 @ 2 × 24 kg."
    )
    pair = await one(me, "/warmup hip thrust 2x24kg")
    for said in ("24kg dumbbells", "24 kg dumbbells", "24kg kbs", "2x24kg dumbbells"):
        reply = await one(me, f"/warmup hip thrust {said}")
        assert (reply.title, reply.text) == (pair.title, pair.text), (said, reply.text)
    assert pair.title == "Warm-up: Hip thrust to 2 × 24 kg", pair.title


async def test_warmup_with_one_dumbbell_or_kettlebell_word(me: Chat) -> None:
    for said, held in (("dumbbell", "dumbbell"), ("kettlebell", "kettlebell"), ("kb", "kettlebell")):
        reply = await one(me, f"/warmup hip thrust 24kg {said}")
        assert reply.title == f"Warm-up: Hip thrust to 24 kg {held}", (said, reply.title)
        assert "bar" not in reply.text and "per side" not in reply.text, reply.text


async def test_a_load_no_dumbbell_weighs_gets_an_example_not_a_bar_ramp(me: Chat) -> None:
    reply = await one(me, "/warmup hip thrust 500kg dumbbell")
    assert reply.text == (
        "500 kg is far more than one dumbbell weighs (your heaviest: 50 kg). Give the dumbbell's own "
        "load, e.g. /warmup hip thrust 24kg dumbbell, or leave the word out for the bar: "
        "/warmup hip thrust 100."
    ), reply.text
    assert "per side" not in reply.text and "empty bar" not in reply.text
    pair = await one(me, "/warmup hip thrust 500kg dumbbells")
    assert pair.text.startswith("500 kg each hand is far more than a dumbbell weighs"), pair.text
    bell = await one(me, "/warmup hip thrust 120kg kb")
    assert bell.text.startswith("120 kg is far more than one kettlebell weighs (your heaviest: 48 kg)."), (
        bell.text
    )


async def test_a_dumbbell_past_the_kit_ramps_on_the_dumbbells_not_a_bar(me: Chat) -> None:
    # Was refused ("/warmup hip thrust 50kg dumbbell ramps to that"), though /log stores it as typed.
    reply = await one(me, "/warmup hip thrust 60kg dumbbell")
    assert reply.text.startswith(
        "Your set-up's dumbbells stop at 50 kg: warming up to 60 kg as you typed it. "
        "If you have heavier ones, /equipment changes your set-up.\n• bodyweight × 10\n• 30 kg dumbbell × 8\n"
    ), reply.text
    assert "per side" not in reply.text and "empty bar" not in reply.text, reply.text


async def test_a_dumbbell_logged_past_the_kit_is_warmed_up_to(me: Chat) -> None:
    # /log's rule: once 80 kg dumbbells were confirmed (a gym with heavier ones), no more doubt.
    [asked] = await me.say("/log hip thrust 3x10 80kg dumbbell")
    assert asked.text.startswith("80 kg is more than your heaviest dumbbell (50 kg). Is that right?")
    await me.press(asked, "Confirm")
    reply = await one(me, "/warmup hip thrust 80kg dumbbell")
    assert "far more" not in reply.text, reply.text


# -- /import: "(Dumbbell)" on a bar lift is one dumbbell, as /log reads it -----------------------------


async def test_import_marks_one_dumbbell_on_a_bar_lift_as_log_does(me: Chat, tmp_path: Path) -> None:
    from tests.test_import_names import imported, strong

    preview = await imported(
        me,
        tmp_path,
        strong(
            [
                ("2026-11-18", "Hip Thrust (Barbell)", 100),
                ("2026-11-20", "Hip Thrust (Dumbbell)", 24),
                ("2026-11-20", "Romanian Deadlift (Dumbbell)", 20),
            ]
        ),
    )
    assert "Hip Thrust (Dumbbell) → Hip thrust with one dumbbell (3 sets)" in preview, preview
    assert "Romanian Deadlift (Dumbbell) → Romanian deadlift with a pair of dumbbells" in preview, preview
    ways = {(e.exercise, e.sets[0].load): {(s.held, s.implements) for s in e.sets} for e in entries(me)}
    assert ways == {
        ("hip_thrust", 100.0): {(None, 1)},
        ("hip_thrust", 24.0): {(Held.DUMBBELL, 1)},  # was stored as a 24 kg bar: a "lighter day"
        ("romanian_deadlift", 20.0): {(None, 2)},  # a pair, per hand, as before
    }
    # ...and so everything after it reads the dumbbell day as one: the target, /warmup, /progress.
    warmup = await one(me, "/warmup hip thrust")
    assert warmup.title == "Warm-up: Hip thrust to 24 kg dumbbell", warmup.title
    lines = (await one(me, "/progress hip thrust")).text.splitlines()
    assert "Heaviest load: 100 kg (barbell); 24 kg (one dumbbell)" in lines, lines


# -- a load the kit cannot make: the nearest, never silently lighter ------------------------------------


async def test_a_load_off_the_kit_goes_to_the_nearest_and_a_tie_to_the_lighter_with_a_rep(me: Chat) -> None:
    await one(me, "/equipment dumbbells 10 12 14 16")
    # Nearer the 16 than the 14: the 16, same reps (was 14 kg × 11, under the 15.5 kg lifted).
    nearer = await one(me, "/log hip thrust 3x10 15.5kg dumbbell 2026-11-27")
    assert line(nearer, "Next time:") == (
        "Next time: 3 × 10 @ 16 kg dumbbell. 15.5 kg is not loadable with your kit, so 16 kg dumbbell: "
        "same reps at the heavier load."
    ), nearer.text


async def test_a_tie_below_the_top_is_the_lighter_said_with_a_rep_more(me: Chat) -> None:
    await one(me, "/equipment dumbbells 10 12 14 16")
    # 14 or 16, equally near: 16 is a jump not earned at 10 reps, so 14 with a rep more, and it is said.
    tie = await one(me, "/log hip thrust 3x10 15kg dumbbell 2026-11-25")
    assert line(tie, "Next time:") == (
        "Next time: 3 × 11 @ 14 kg dumbbell. 15 kg is not loadable with your kit, so 14 kg dumbbell: "
        "one more rep on each set below 12."
    ), tie.text
    # At the top of the range the step is earned: up from the 15 kg lifted, to the 16.
    top = await one(me, "/log hip thrust 3x12 15kg dumbbell 2026-11-27")
    assert line(top, "Next time:").startswith("Next time: 3 × 8 @ 16 kg dumbbell."), top.text


async def test_a_bar_load_off_the_plates_goes_to_the_nearest(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 3x10 24kg")
    assert line(logged, "Next time:") == (
        "Next time: 3 × 10 @ 25 kg — 2.5 per side. 24 kg is not loadable with your kit, so 25 kg: "
        "same reps at the heavier load."
    ), logged.text

"""One dumbbell or kettlebell held on a bar lift is shown and judged as what it is (tester's report after
LoggedSet.held was added): records compare a barbell day with barbell days and a kettlebell day with
kettlebell days; /log, /history, /edit, /plan and "Next time" name the implement; a bare /edit suggests
the kit's next one; /warmup and /progress read "kb deadlift" and "24kg dumbbell" as /log does."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coaching.bests import Bests
from coaching.logparse import outlier, render_entry
from coaching.prescribe import ExerciseRules, is_pr
from core.messages import Reply
from domain.training import Held
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_narrowed_history import generated
from tests.test_pairs_and_sides import line


def _example_asked(reply: Reply) -> str:
    assert reply.ask is not None, reply.text
    return reply.ask.prompt


def _held(chat: Chat) -> list[Held | None]:
    return [s.held for s in entries(chat)[-1].sets]


# -- records: like with like -----------------------------------------------------------------------------


async def test_a_barbell_day_is_no_record_over_a_kettlebell_day_nor_the_other_way(me: Chat) -> None:
    await one(me, "/log kb deadlift 3x5 32kg 2026-11-24")
    bar = await one(me, "/log deadlift 3x5 100kg 2026-11-26")
    assert "PR" not in bar.text, bar.text  # was "🏆 PR: heaviest load, best estimated 1RM!"
    bell = await one(me, "/log kb deadlift 3x5 28kg 2026-11-28")
    assert "PR" not in bell.text, bell.text
    heavier_bell = await one(me, "/log kb deadlift 3x5 36kg 2026-11-30")
    assert "🏆 PR: heaviest load, best estimated 1RM!" in heavier_bell.text, heavier_bell.text
    heavier_bar = await one(me, "/log deadlift 3x5 105kg")
    assert "🏆 PR: heaviest load, best estimated 1RM!" in heavier_bar.text, heavier_bar.text


@pytest.mark.parametrize("seed", range(3))
def test_the_bests_kept_judge_as_the_whole_history_with_kettlebell_days(seed: int) -> None:
    rules = ExerciseRules("hip_thrust", (8, 12), 3, "barbell", "glute_lift")
    history = generated(seed, sessions=60)
    # Every third day with one kettlebell, a third of the bar's load: records apart, bests kept apart.
    history = [
        replace(e, sets=tuple(replace(s, load=round(s.load / 3), held=Held.KETTLEBELL) for s in e.sets))
        if k % 3 == 0
        else e
        for k, e in enumerate(history)
    ]
    bests = Bests()
    for k in range(1, len(history)):
        before, entry = history[:k], history[k]
        bests.fold(before[-1], rules)
        witnesses = bests.witnesses(entry)
        assert is_pr(witnesses, entry, rules) == is_pr(before, entry, rules), k
        assert outlier(entry, witnesses) == outlier(entry, before), k
    flagged = [k for k in range(1, len(history)) if is_pr(history[:k], history[k], rules)]
    assert any(k % 3 == 0 for k in flagged) and any(k % 3 for k in flagged), flagged


# -- naming the implement where a set is described -------------------------------------------------------


async def test_log_card_history_and_targets_name_the_kettlebell(me: Chat) -> None:
    bell = await one(me, "/log kb deadlift 3x5 32kg 2026-11-26")
    assert bell.text.startswith("Logged *Deadlift*: 3 × 5 @ 32 kg kettlebell.\n"), bell.text
    assert "Working (3 sets): 3 × 5 @ 32 kg kettlebell\n" in bell.text, bell.text
    assert line(bell, "Next time:").startswith("Next time: 3 × 6 @ 32 kg kettlebell. Same 32 kg"), bell.text
    bar = await one(me, "/log deadlift 3x5 100kg")
    assert bar.text.startswith("Logged *Deadlift*: 3 × 5 @ 100 kg.\n"), bar.text  # the bar: as before
    history = (await one(me, "/history")).text
    assert "Deadlift: 3 × 5 @ 32 kg kettlebell\n" in history, history  # was "3 × 5 @ 32 kg", like the bar's
    assert "Deadlift: 3 × 5 @ 100 kg\n" in history, history


async def test_plan_and_warmup_targets_name_the_dumbbell(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 24kg dumbbell 3 days ago")
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 11 @ 24 kg dumbbell\n" in plan, plan
    warmup = await chat.text("/warmup hip thrust")
    assert "Your next target: 3 × 11 @ 24 kg dumbbell. Same 24 kg" in warmup, warmup


async def test_the_canonical_line_of_a_held_entry_logs_the_same_sets(me: Chat) -> None:
    await one(me, "/log kb deadlift w 1x5 16kg, 3x5 32kg rpe 8 -- grip")
    first = entries(me)[-1]
    assert {s.held for s in first.sets} == {Held.KETTLEBELL}, first.sets
    line_ = render_entry(first)
    assert "16kg kettlebell" in line_ and "32kg kettlebell" in line_, line_
    await one(me, f"/log {line_}")
    assert entries(me)[-1].sets == first.sets
    assert entries(me)[-1].note == first.note


# -- /edit -----------------------------------------------------------------------------------------------


async def test_an_edit_to_a_kettlebell_says_kettlebell(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 24kg dumbbell")
    edited = await one(me, "/edit 3x10 24kg kettlebell")
    # Was "Changed *Hip thrust*: 3 × 10 @ 24 kg.", as before the edit: no change to be seen.
    assert edited.text.startswith("Changed *Hip thrust*: 3 × 10 @ 24 kg kettlebell.\n"), edited.text
    [undone] = await me.press(edited, "Undo")
    assert undone.text.startswith("Undid your edit: *Hip thrust*: 3 × 10 @ 24 kg dumbbell."), undone.text


async def test_a_bare_edit_suggests_the_kits_next_dumbbell_or_kettlebell(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 24kg dumbbell")
    asked = _example_asked(await one(me, "/edit"))
    assert "for example: 3x10 26kg dumbbell (date" in asked, asked  # was "3x10 26.5kg", a bar's step
    edited = await one(me, "/edit 3x10 26kg dumbbell")  # the example, sent: one dumbbell, one up
    assert edited.text.startswith("Changed *Hip thrust*: 3 × 10 @ 26 kg dumbbell.\n"), edited.text
    assert _held(me) == [Held.DUMBBELL] * 3
    await one(me, "/log kb deadlift 3x5 32kg")
    asked = _example_asked(await one(me, "/edit"))
    assert "for example: 3x5 36kg kettlebell (date" in asked, asked
    await one(me, "/log kb deadlift 3x5 48kg")  # the kit's heaviest kettlebell: the one below it
    asked = _example_asked(await one(me, "/edit"))
    assert "for example: 3x5 40kg kettlebell (date" in asked, asked
    await one(me, "/log hip thrust 3x10 80kg")  # the bar: its step, as before
    asked = _example_asked(await one(me, "/edit"))
    assert "for example: 3x10 82.5kg (date" in asked, asked


# -- /warmup and /progress read the implement words /log reads -------------------------------------------


async def test_warmup_reads_a_dumbbell_or_kettlebell_after_the_load(me: Chat) -> None:
    # Each was refused: "not in the library", "Tell me the lift and, if you like, the working load".
    for text, bell in (
        ("/warmup hip thrust 24kg dumbbell", "dumbbell"),
        ("/warmup hip thrust 24 kettlebell", "kettlebell"),
        ("/warmup hip thrust 24 kg db", "dumbbell"),
    ):
        warm = (await one(me, text)).text
        assert f"• bodyweight × 10\n• 12 kg {bell} × 8\nThen your working sets at *24 kg {bell}*." in warm, (
            text,
            warm,
        )
        assert "bar" not in warm and "per side" not in warm, warm
    bar = (await one(me, "/warmup hip thrust 100kg barbell")).text  # the bar, said: as with none said
    assert "• 20 kg × 10 — empty bar\n" in bar and "25 + 15 per side" in bar, bar


async def test_warmup_kb_deadlift_ramps_to_the_kettlebell_target(me: Chat) -> None:
    none_yet = (await one(me, "/warmup kb deadlift")).text  # was "“kb deadlift” is not in the library"
    assert (
        "I have no deadlift load with one kettlebell from you yet to warm up to. "
        "Give the working load, e.g. /warmup deadlift 24kg kettlebell."
    ) in none_yet, none_yet
    await one(me, "/log kb deadlift 3x5 32kg 2026-11-28")
    await one(me, "/log deadlift 3x5 100kg 2026-11-30")
    bell = (
        await one(me, "/warmup kb deadlift")
    ).text  # the kettlebell days' target, though a bar day is later
    assert bell.startswith("Your next target: 3 × 6 @ 32 kg kettlebell."), bell
    assert (
        "• bodyweight × 10\n• 16 kg kettlebell × 8\nThen your working sets at *32 kg kettlebell*." in bell
    ), bell
    bar = (await one(me, "/warmup deadlift")).text
    assert bar.startswith("Your next target: 3 × 6 @ 100 kg. Same 100 kg"), bar
    assert "empty bar" in bar, bar
    ramp = (await one(me, "/warmup kb deadlift 40")).text
    assert (
        "• bodyweight × 10\n• 20 kg kettlebell × 8\nThen your working sets at *40 kg kettlebell*." in ramp
    ), ramp


async def test_progress_reads_kb_deadlift_as_the_deadlift(me: Chat) -> None:
    await one(me, "/log kb deadlift 3x5 32kg 2026-11-28")
    progress = (await one(me, "/progress kb deadlift")).text  # was "“kb deadlift” is not an exercise I know"
    assert progress.startswith("1 session of Deadlift since"), progress
    assert "Last: 3 × 5 @ 32 kg kettlebell" in progress, progress
    also = (await one(me, "/progress dumbbell hip thrust")).text
    assert also.startswith("No Hip thrust logged yet."), also

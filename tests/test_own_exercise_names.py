"""A user's own exercises, added or kept from an /import, are one exercise under any spelling (issue 10,
the tester's custom-exercise faults): /log, /history, /progress and /exercise remove find them by name
in any case, with or without the app's bracketed equipment; /exercise add of a name the user already has
says so instead of making a twin. And an import keeps a pair of dumbbells a pair. All on the console chat,
as the user sees it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coaching.logparse import LogContext, Repeat, parse_log, render_entry
from core.markup import plain
from domain.training import Entry, LoggedSet
from tests.conftest import Chat

# The console app with a frozen clock and the write limit off, shared with the /log flow tests.
from tests.test_log_flow import ME, clock_fixture, labels, logapp_fixture, me_fixture, one  # noqa: F401

STRONG_HEADER = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;"
    "Seconds;Notes;Workout Notes\n"
)
STRONG_GOBLET = STRONG_HEADER + "".join(
    f"2026-11-20 18:00:00;Legs;Goblet Squat (Kettlebell);{n};20;kg;10;;;;0;;\n" for n in (1, 2, 3)
)
COACH_COSSACK = "date_utc,entry_id,exercise_id,exercise,set_number,reps,weight,unit\n" + "".join(
    f"2026-11-20 18:00:00,1,cossack squat,cossack squat,{n},10,16,kg\n" for n in (1, 2, 3)
)


def entries(chat: Chat) -> list[Entry]:
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    return store.entries(store.account_of(ME))


async def imported(chat: Chat, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    [preview] = await chat.say(f"/import {path}")
    [done] = await chat.press(preview, "Accept all")
    assert done.text.startswith("Imported"), done.text


# -- 1: an exercise kept from an import is logged again under any spelling -------------------------


async def test_an_imported_exercise_is_logged_again_in_any_case_with_or_without_brackets(
    me: Chat, tmp_path: Path
) -> None:
    await imported(me, tmp_path, "strong.csv", STRONG_GOBLET)
    for line in (
        "/log goblet squat (kettlebell) 3x10 24kg",
        "/log Goblet Squat (Kettlebell) 3x10 24kg",
        "/log goblet squat kettlebell 3x10 24kg",
        "/log GOBLET SQUAT KETTLEBELL 3x10 24kg",
    ):
        reply = await one(me, line)
        assert reply.text.startswith("Logged *Goblet Squat (Kettlebell)*: 3 × 10 @ 24 kg."), (
            line,
            reply.text,
        )
    mine = entries(me)
    assert {e.exercise for e in mine} == {"Goblet Squat (Kettlebell)"}
    # the bracket is the exercise's, not a note
    assert [e.note for e in mine] == [""] * 5
    progress = await one(me, "/progress goblet squat kettlebell")
    assert progress.text.startswith("2 sessions of Goblet Squat (Kettlebell) since"), progress.text
    history = await one(me, "/history GOBLET SQUAT (KETTLEBELL)")
    assert "Goblet Squat (Kettlebell): 3 × 10 @ 20 kg" in history.text


async def test_an_exported_row_renamed_is_one_exercise_that_add_does_not_twin(
    me: Chat, tmp_path: Path
) -> None:
    await imported(me, tmp_path, "export.csv", COACH_COSSACK)
    logged = await one(me, "/log cossack squat 3x10 20kg")
    assert logged.text.startswith("Logged *Cossack squat*: 3 × 10 @ 20 kg."), logged.text
    twin = await one(me, "/exercise add Cossack Squat accessory")
    assert twin.text == "You already have Cossack squat. /exercise lists yours."
    listing = await one(me, "/exercise")
    assert plain(listing.text).count("ossack squat") == 1, listing.text
    progress = await one(me, "/progress cossack squat")
    assert progress.text.startswith("2 sessions of Cossack squat since Fri 20 Nov 2026."), progress.text
    assert {e.exercise for e in entries(me)} == {"cossack squat"}
    removed = await one(me, "/exercise remove COSSACK SQUAT")
    assert removed.text.startswith("Removed *Cossack squat* from your exercises."), removed.text
    assert "not an exercise I know" in (await one(me, "/log cossack squat 3x10 20kg")).text


async def test_an_import_of_a_name_the_user_added_joins_that_exercise(me: Chat, tmp_path: Path) -> None:
    """The other order: "cossack squat" added and logged, then a file with "Cossack Squat" rows: one
    exercise, its history whole."""
    await me.say("/exercise add cossack squat accessory")
    await me.say("/log cossack squat 3x10 20kg")
    path = tmp_path / "export.csv"
    path.write_text(COACH_COSSACK.replace("cossack squat,cossack squat", "Cossack Squat,Cossack Squat"))
    [preview] = await me.say(f"/import {path}")
    assert "• Cossack Squat → your own exercise “cossack squat” (3 sets)" in plain(preview.text), preview.text
    await me.press(preview, "Accept all")
    assert {e.exercise for e in entries(me)} == {"custom_cossack_squat"}
    assert (await one(me, "/exercise")).text == (
        "Your own exercises:\n• cossack squat (accessory)\nRemove one with /exercise remove <name>."
    )
    progress = await one(me, "/progress Cossack Squat")
    assert progress.text.startswith("2 sessions of cossack squat since Fri 20 Nov 2026."), progress.text


async def test_removing_an_imported_exercise_takes_any_case_and_either_bracket(
    me: Chat, tmp_path: Path
) -> None:
    await imported(me, tmp_path, "strong.csv", STRONG_GOBLET)
    removed = await one(me, "/exercise remove GOBLET SQUAT KETTLEBELL")
    assert removed.text.startswith("Removed *Goblet Squat (Kettlebell)* from your exercises."), removed.text
    assert (await one(me, "/exercise")).text.startswith("You have no exercises of your own yet.")
    history = await one(me, "/history goblet squat (kettlebell)")  # the sets stay
    assert "Goblet Squat (Kettlebell): 3 × 10 @ 20 kg" in history.text


async def test_twins_made_before_are_removed_together_in_any_case(me: Chat) -> None:
    """A log from an earlier release: "Cossack squat" imported, then "cossack squat" added beside it
    (two exercises listed). /exercise remove in any case removes both from the list."""
    store = me.app.ctx.store  # type: ignore[attr-defined]
    account = store.account_of(ME)
    store.add_entry(
        account, Entry("cossack squat", (LoggedSet(10, 16.0, "kg"),), datetime(2026, 11, 20, tzinfo=UTC))
    )
    store.save_profile(replace(store.profile(account), custom_exercises="cossack squat=accessory"))
    listing = await one(me, "/exercise")
    assert "• cossack squat (accessory)" in listing.text and "• Cossack squat" in listing.text
    removed = await one(me, "/exercise remove Cossack Squat")
    assert removed.text.startswith("Removed *cossack squat* and *Cossack squat* from your exercises."), (
        removed.text
    )
    assert (await one(me, "/exercise")).text.startswith("You have no exercises of your own yet.")


async def test_an_exercise_imported_before_imports_were_kept_as_ones_own_is_adopted_by_add(me: Chat) -> None:
    """A log made by an earlier release holds imported sets under the app's name with nothing in the
    profile: /exercise add of that name makes it the user's own (no twin), and /log finds it."""
    store = me.app.ctx.store  # type: ignore[attr-defined]
    account = store.account_of(ME)
    sets = (LoggedSet(10, 16.0, "kg"),) * 3
    store.add_entry(account, Entry("cossack squat", sets, datetime(2026, 11, 20, 18, 0, tzinfo=UTC)))
    adopted = await one(me, "/exercise add cossack squat compound")
    assert adopted.text.startswith("You already have *Cossack squat* from your imported history"), (
        adopted.text
    )
    assert (await one(me, "/exercise add cossack squat compound")).text == (
        "You already have Cossack squat. /exercise lists yours."
    )
    logged = await one(me, "/log cossack squat 3x10 20kg")
    assert logged.text.startswith("Logged *Cossack squat*: 3 × 10 @ 20 kg."), logged.text
    assert {e.exercise for e in entries(me)} == {"cossack squat"}
    progress = await one(me, "/progress Cossack Squat")
    assert progress.text.startswith("2 sessions of Cossack squat since Fri 20 Nov 2026."), progress.text


async def test_a_bracket_after_a_library_name_still_logs_it_and_other_brackets_stay_notes(me: Chat) -> None:
    barbell = await one(me, "/log hip thrust (barbell) 3x10 80kg")
    assert barbell.text.startswith("Logged *Hip thrust*: 3 × 10 @ 80 kg."), barbell.text
    paused = await one(me, "/log hip thrust (paused) 3x10 80kg")
    assert paused.text.startswith("Logged *Hip thrust*"), paused.text
    late = await one(me, "/log hip thrust 3x10 80kg (machine)")
    assert late.text.startswith("Logged *Hip thrust*"), late.text
    assert [e.note for e in entries(me)] == ["", "paused", "machine"]


async def test_an_app_name_kept_as_ones_own_wins_over_the_library_name_inside_it(
    me: Chat, tmp_path: Path
) -> None:
    """ "Hip Thrust (Machine)" kept as the user's own (Change one → Keep as my own exercise): /log hip
    thrust (machine) logs to it, /log hip thrust to the library's."""
    path = tmp_path / "strong.csv"
    path.write_text(STRONG_HEADER + "2026-11-20 18:00:00;Legs;Hip Thrust (Machine);1;50;kg;12;;;;0;;\n")
    [preview] = await me.say(f"/import {path}")
    assert "Hip Thrust (Machine) → Hip thrust" in plain(preview.text)
    [names] = await me.press(preview, "Change one")
    [pick] = await me.press(names, "Hip Thrust (Machine)")
    [preview] = await me.press(pick, "Keep as my own exercise")
    await me.press(preview, "Accept all")
    mine = await one(me, "/log hip thrust (machine) 3x12 55kg")
    assert mine.text.startswith("Logged *Hip Thrust (Machine)*: 3 × 12 @ 55 kg."), mine.text
    library = await one(me, "/log hip thrust 3x10 80kg")
    assert library.text.startswith("Logged *Hip thrust*"), library.text


@pytest.mark.parametrize(
    ("typed", "name", "note"),
    [
        ("goblet squat (kettlebell) 3x10 24kg", "goblet squat (kettlebell)", ""),
        ("Goblet Squat (Kettlebell) 3x10 24kg (felt easy)", "Goblet Squat (Kettlebell)", "felt easy"),
        ("lat pulldown ( Cable ) 3x10 40kg -- slow", "lat pulldown (Cable)", "slow"),
        ("squat (smith machine) 3x10 60kg", "squat (smith machine)", ""),
        ("hip thrust (paused) 3x10 80kg", "hip thrust", "paused"),
        ("hip thrust 3x10 80kg (barbell)", "hip thrust", "barbell"),
        ("hip thrust (paused) (barbell) 3x10 80kg", "hip thrust", "paused; barbell"),
    ],
)
def test_a_bracket_of_the_apps_equipment_right_after_the_name_is_part_of_it(
    typed: str, name: str, note: str
) -> None:
    entry = parse_log(typed, LogContext(now=datetime(2026, 11, 30, 17, 0, tzinfo=UTC)))
    assert isinstance(entry, Entry)
    assert (entry.exercise, entry.note) == (name, note)


def test_an_imported_name_with_its_bracket_renders_and_parses_back_to_the_same_entry() -> None:
    ctx = LogContext(now=datetime(2026, 11, 30, 17, 0, tzinfo=UTC))
    entry = Entry("Goblet Squat (Kettlebell)", (LoggedSet(10, 24.0, "kg"),) * 3, ctx.now, "deep")
    assert parse_log(render_entry(entry), ctx) == entry
    again = parse_log("goblet squat (kettlebell) same", ctx)
    assert isinstance(again, Repeat) and again.exercise == "goblet squat (kettlebell)" and again.note == ""


# -- 2: an import keeps a pair of dumbbells a pair ------------------------------------------------------

HEVY_HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,"
    "weight_kg,reps,distance_km,duration_seconds,rpe\n"
)


def hevy_rows(
    name: str, load: int, reps: int = 10, sets: int = 3, kind: str = "normal", first: int = 0
) -> str:
    return "".join(
        f"Legs,20 Nov 2026 18:00,20 Nov 2026 19:00,,{name},,,{n},{kind},{load},{reps},,,\n"
        for n in range(first, first + sets)
    )


async def test_imported_dumbbell_lifts_done_with_two_dumbbells_are_stored_as_a_pair(
    me: Chat, tmp_path: Path
) -> None:
    strong = tmp_path / "strong.csv"
    strong.write_text(
        STRONG_HEADER
        + "".join(
            f"2026-11-20 18:00:00;Legs;Bulgarian Split Squat (Dumbbell);{n};12;kg;8;;;;0;;\n" for n in (1, 2)
        )
    )
    [preview] = await me.say(f"/import {strong}")
    assert (
        "Bulgarian Split Squat (Dumbbell) → Bulgarian split squat with a pair of dumbbells, weight per hand (2 sets)"
        in plain(preview.text)
    ), preview.text
    await me.press(preview, "Accept all")
    hevy = tmp_path / "hevy.csv"
    hevy.write_text(
        HEVY_HEADER
        + hevy_rows("Romanian Deadlift (Dumbbell)", 8, kind="warmup", sets=1)
        + hevy_rows("Romanian Deadlift (Dumbbell)", 20, first=1)
    )
    [preview] = await me.say(f"/import {hevy}")
    assert "Romanian Deadlift (Dumbbell) → Romanian deadlift with a pair of dumbbells" in plain(preview.text)
    await me.press(preview, "Accept all")
    by_exercise = {e.exercise: e for e in entries(me)}
    assert {s.implements for s in by_exercise["bulgarian_split_squat"].sets} == {2}
    assert [(s.reps, s.load, s.implements) for s in by_exercise["romanian_deadlift"].sets] == [
        (10, 8.0, 2),
        (10, 20.0, 2),
        (10, 20.0, 2),
        (10, 20.0, 2),
    ]
    history = await one(me, "/history")
    assert "Romanian deadlift: 3 × 10 @ 2 × 20 kg (+ 1 warm-up set)" in history.text, history.text
    assert "Bulgarian split squat: 2 × 8 @ 2 × 12 kg" in history.text, history.text
    # the next target reads the pair as /log rdl 3x10 2x20kg does
    logged = await one(me, "/log rdl 3x10 2x20kg")
    assert "Logged *Romanian deadlift*: 3 × 10 @ 2 × 20 kg." in logged.text, logged.text


async def test_imported_one_dumbbell_lifts_and_unsaid_equipment_keep_one_load(
    me: Chat, tmp_path: Path
) -> None:
    """A goblet squat or a frog pump holds one dumbbell; "Bulgarian Split Squat" without a bracket may
    be bodyweight or one dumbbell: one load each, as the app stored it."""
    hevy = tmp_path / "hevy.csv"
    hevy.write_text(
        HEVY_HEADER
        + hevy_rows("Goblet Squat (Dumbbell)", 24)
        + hevy_rows("Frog Pumps (Dumbbell)", 10, reps=20)
        + hevy_rows("Bulgarian Split Squat", 10, reps=8)
    )
    [preview] = await me.say(f"/import {hevy}")
    assert "pair of dumbbells" not in preview.text
    await me.press(preview, "Accept all")
    assert {s.implements for e in entries(me) for s in e.sets} == {1}

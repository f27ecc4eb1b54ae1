"""/import end to end (issue 14): what the user sees, what is stored, on the console chat, the real
python-telegram-bot client and the real discord.py client against their loopback fakes, with the
fixture files of tests/fixtures/import (README there)."""

from __future__ import annotations

import asyncio
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from coaching.imports import MAX_ROWS
from core.jobs import HeavyJobs, warm_worker
from core.markup import plain
from core.messages import Reply
from domain.training import SetKind
from storage.layout import account_path, outbox_path
from tests.test_console import run_console

FIXTURES = Path(__file__).parent / "fixtures" / "import"
ALICE = "console:alice"


def labels(reply: Reply) -> list[list[str]]:
    return [[b.label for b in row] for row in reply.buttons]


def shown(reply: Reply) -> str:
    """The reply's text as the user reads it (markup rendered plain)."""
    return plain(reply.text)


def stored(app, account: str = ALICE) -> list:
    return app.store.entries(account)


def sets_of(entries: list) -> int:
    return sum(len(e.sets) for e in entries)


async def test_hevy_is_shown_first_and_stored_only_on_accept(app, chat):
    [preview] = await chat.say(f"/import {FIXTURES / 'hevy_kg.csv'}")
    text = shown(preview)
    assert text.startswith("Hevy export “hevy_kg.csv”: 240 sets of 6 exercises in 14 workouts")
    assert "Skipped 1 row I could not take:\n• line 27: set_type 'superset' is not warmup" in text
    assert "• Hip Thrust (Barbell) → Hip thrust (" in text
    assert "• Romanian Deadlift (Barbell) → Romanian deadlift (" in text
    assert "• Bench Press (Barbell) → your own exercise “Bench Press (Barbell)”" in text
    assert labels(preview) == [["Accept all", "Change one"], ["Cancel"]]
    assert stored(app) == []  # nothing until the user accepts

    [done] = await chat.press(preview, "Accept all")
    assert shown(done).startswith("Imported 240 sets (56 entries).")
    entries = stored(app)
    assert sets_of(entries) == 240 and len(entries) == 56
    thrusts = [e for e in entries if e.exercise == "hip_thrust"]
    assert thrusts and all(e.source.startswith("hevy|") for e in thrusts)
    kinds = {s.kind for e in entries for s in e.sets}
    assert kinds == {SetKind.WARMUP, SetKind.WORKING, SetKind.DROP}
    assert any(s.rpe == 10 for e in entries for s in e.sets)  # failure sets
    assert {e.exercise for e in entries} >= {"Bench Press (Barbell)", "bulgarian_split_squat"}

    # On disk: the account file holds every set with its kind and each entry's source key.
    await app.ctx.store.flush()
    app.store.checkpoint()
    rows = json.loads(account_path(app.settings.data_dir, ALICE).read_text())
    text_on_disk = json.dumps(rows)
    assert text_on_disk.count('"hevy|') == 56
    assert '"warmup"' in text_on_disk and '"drop"' in text_on_disk


async def test_reimporting_the_same_file_or_a_newer_export_adds_nothing_twice(app, chat, tmp_path):
    [preview] = await chat.say(f"/import {FIXTURES / 'hevy_kg.csv'}")
    await chat.press(preview, "Accept all")
    before = sets_of(stored(app))

    [preview] = await chat.say(f"/import {FIXTURES / 'hevy_kg.csv'}")
    [done] = await chat.press(preview, "Accept all")
    assert shown(done).startswith("Imported 0 sets (0 entries).")
    assert "240 sets were already in your log" in shown(done)
    assert sets_of(stored(app)) == before

    # A newer export: the same history plus one more workout. Only the new workout is added.
    lines = (FIXTURES / "hevy_kg.csv").read_text().splitlines()
    extra = [
        'Lower A,"02 Jan 2026, 18:00","02 Jan 2026, 19:00",,Hip Thrust (Barbell),,,0,normal,100,8,,,',
        'Lower A,"02 Jan 2026, 18:00","02 Jan 2026, 19:00",,Hip Thrust (Barbell),,,1,normal,100,8,,,',
    ]
    newer = tmp_path / "hevy-newer.csv"
    newer.write_text("\n".join([*lines, *extra]) + "\n")
    [preview] = await chat.say(f"/import {newer}")
    [done] = await chat.press(preview, "Accept all")
    assert shown(done).startswith("Imported 2 sets (1 entry).")
    assert sets_of(stored(app)) == before + 2


async def test_strong_current_asks_kg_or_lb_and_keeps_warmups_and_drops(app, chat):
    [ask] = await chat.say(f"/import {FIXTURES / 'strong_current.csv'}")
    assert "kg or lb" in shown(ask) and labels(ask) == [["kg", "lb"], ["Cancel"]]
    [preview] = await chat.press(ask, "lb")
    assert "Strong export" in shown(preview) and "Loads in lb." in shown(preview)
    assert "line 32: weight 'ten' is not a number" in shown(preview)
    assert "16 cardio or timed rows are left out." in shown(preview)
    await chat.press(preview, "Accept all")
    entries = stored(app)
    loaded = {s.unit for e in entries for s in e.sets if s.load is not None}
    assert loaded == {"lb"}
    first = min((e for e in entries if e.exercise == "hip_thrust"), key=lambda e: e.at)
    assert [s.kind for s in first.sets] == [SetKind.WARMUP, *[SetKind.WORKING] * 3, SetKind.DROP]


async def test_strong_legacy_and_our_own_export_fixtures_import(app, chat):
    [preview] = await chat.say(f"/import {FIXTURES / 'strong_legacy.csv'}")
    assert "Strong (older format) export" in shown(preview) and "line 42" in shown(preview)
    [done] = await chat.press(preview, "Accept all")
    assert shown(done).startswith("Imported 240 sets")
    assert {s.unit for e in stored(app) for s in e.sets if s.load is not None} == {"kg", "lb"}

    [preview] = await chat.say(f"/import {FIXTURES / 'coach_export.csv'}")
    assert "line 52" in shown(preview) and "• Banded sumo walk → Banded sumo walk" in shown(preview)
    assert shown(preview).startswith("This coach's export “coach_export.csv”")
    [done] = await chat.press(preview, "Accept all")
    assert shown(done).startswith("Imported 224 sets")
    walks = [e for e in stored(app) if e.exercise == "sumo_walk"]
    assert walks and all(s.kind is SetKind.ACTIVATION and s.band == "knees" for e in walks for s in e.sets)


async def test_rows_dated_in_the_future_are_reported_not_imported(app, chat, clock, tmp_path):
    clock.now = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    csv_ = tmp_path / "strong-future.csv"
    csv_.write_text(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;"
        "Seconds;Notes;Workout Notes\n"
        "2026-11-28 17:00:00;Lower;Hip Thrust (Barbell);1;80;kg;10;;;;0;;\n"
        "2030-11-20 17:00:00;Lower;Hip Thrust (Barbell);1;80;kg;10;;;;0;;\n"
        "2026-11-30 21:00:00;Lower;Hip Thrust (Barbell);1;80;kg;10;;;;0;;\n"  # later today
    )
    [preview] = await chat.say(f"/import {csv_}")
    assert "line 3" in shown(preview) and "dated 2030-11-20 17:00, still to come" in shown(preview)
    assert "line 4" in shown(preview) and "dated 2026-11-30 21:00, still to come" in shown(preview)
    [done] = await chat.press(preview, "Accept all")
    assert shown(done).startswith("Imported 1 set")
    assert [e.at.year for e in stored(app)] == [2026]


async def test_change_one_maps_a_name_to_a_candidate_or_skips_it(app, chat):
    [preview] = await chat.say(f"/import {FIXTURES / 'hevy_lb.csv'}")
    [names] = await chat.press(preview, "Change one")
    assert "Squat (Barbell)" in [label for row in labels(names) for label in row]
    [pick] = await chat.press(names, "Squat (Barbell)")
    assert shown(pick).startswith("“Squat (Barbell)” now maps to Back squat.")
    assert ["Keep as my own exercise", "Skip it"] in labels(pick)
    [preview] = await chat.press(pick, "Front squat")
    assert "• Squat (Barbell) → Front squat (" in shown(preview)

    [names] = await chat.press(preview, "Change one")
    [pick] = await chat.press(names, "Bench Press (Barbell)")
    [preview] = await chat.press(pick, "Skip it")
    assert "• Bench Press (Barbell) → skipped (" in shown(preview)
    [done] = await chat.press(preview, "Accept all")
    assert "sets were skipped as you chose" in shown(done)
    exercises = {e.exercise for e in stored(app)}
    assert "front_squat" in exercises and "back_squat" not in exercises
    assert "Bench Press (Barbell)" not in exercises


async def test_cancel_stores_nothing_and_an_old_button_cannot_apply_a_newer_import(app, chat):
    [first] = await chat.say(f"/import {FIXTURES / 'hevy_kg.csv'}")
    [second] = await chat.say(f"/import {FIXTURES / 'hevy_lb.csv'}")
    [refused] = await chat.press(first, "Accept all")
    assert shown(refused).startswith("That import is finished or was replaced")
    [cancelled] = await chat.press(second, "Cancel")
    assert shown(cancelled) == "Import cancelled; nothing was stored."
    assert stored(app) == []


async def test_our_export_round_trips_without_doubling_what_was_typed(app, chat, tmp_path):
    await chat.say("/log hip thrust 3x10 80kg")
    [export] = await chat.say("/export")
    assert export.file is not None
    path = tmp_path / "training-log.csv"
    path.write_bytes(export.file.data)
    [preview] = await chat.say(f"/import {path}")
    [done] = await chat.press(preview, "Accept all")
    assert shown(done).startswith("Imported 0 sets (0 entries).")
    assert "3 sets were already in your log" in shown(done)
    assert len(stored(app)) == 1


async def test_plan_and_targets_start_from_the_imported_history(app, chat, clock):
    # Two days after the file's last workout (Wed 5 Apr 2023): its hip thrusts were 3 x 10 at 70 kg.
    clock.now = datetime(2023, 4, 7, 9, 0, tzinfo=UTC)
    before = await chat.text("/plan")
    assert "@ 70 kg" not in before
    [preview] = await chat.say(f"/import {FIXTURES / 'hevy_kg.csv'}")
    await chat.press(preview, "Accept all")
    last = max((e for e in stored(app) if e.exercise == "hip_thrust"), key=lambda e: e.at)
    assert max(s.load for s in last.sets if s.kind is SetKind.WORKING) == 70
    after = await chat.text("/plan")
    [target] = [line for line in after.splitlines() if line.startswith("Hip thrust: ")]
    assert "@ 70 kg" in target  # the next session builds on the imported one, not a first-time start


async def test_bad_input_gets_a_short_answer_with_an_example(app, chat, tmp_path):
    [how] = await chat.say("/import")
    assert "Send me your export as a CSV file" in shown(how)
    [missing] = await chat.say("/import /no/such/file.csv")
    assert "is not a file" in shown(missing) and "Example: /import" in shown(missing)
    [nobody] = await chat.say("/import ~nosuchuser0/export.csv")  # a home pathlib cannot find: no crash
    assert "is not a file" in shown(nobody) and "Example: /import" in shown(nobody)
    other = tmp_path / "other.csv"
    other.write_text("name,age\nann,3\n")
    [unknown] = await chat.say(f"/import {other}")
    assert "I don't recognise this file" in shown(unknown)
    # Only the console may name a file on the server's machine.
    chat.platform, chat.user = "telegram", "telegram:5"
    [refused] = await chat.say(f"/import {FIXTURES / 'hevy_kg.csv'}")
    assert "Send me your export as a CSV file" in shown(refused)
    assert stored(app, "telegram:5") == []


class GatedPool(ThreadPoolExecutor):
    """Worker threads whose jobs wait for ``gate``: a test holds an import in flight."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.gate = threading.Event()
        self.submitted = threading.Event()

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        def gated():
            self.gate.wait(10)
            return fn(*args, **kwargs)

        if fn is warm_worker:  # the pool's start-up, not a job
            return super().submit(fn, *args, **kwargs)
        self.submitted.set()
        return super().submit(gated)


async def test_the_file_is_read_off_the_loop_one_import_per_user_at_a_time(app, chat):
    pool = GatedPool(2)
    app.ctx.jobs = HeavyJobs(executor_factory=lambda workers: pool)
    first = asyncio.create_task(chat.say(f"/import {FIXTURES / 'hevy_kg.csv'}"))
    assert await asyncio.to_thread(pool.submitted.wait, 10)
    # The first file is being read in a worker: the loop answers, and a second import waits its turn.
    [busy] = await chat.say(f"/import {FIXTURES / 'hevy_lb.csv'}")
    assert shown(busy) == "Your import is still on its way; it will arrive in a moment."
    pool.gate.set()
    [preview] = await first
    assert "240 sets" in shown(preview)
    await app.ctx.jobs.aclose()


async def test_a_waiting_import_is_personal_data_that_deleteme_removes(app, chat):
    [preview] = await chat.say(f"/import {FIXTURES / 'hevy_kg.csv'}")
    waiting = outbox_path(app.settings.data_dir, ALICE) / "import-pending.csv"
    assert waiting.read_bytes() == (FIXTURES / "hevy_kg.csv").read_bytes()
    [ask] = await chat.say("/deleteme")
    await chat.press(ask, "Yes, delete everything")
    assert not waiting.exists()
    await chat.press(preview, "Accept all")  # the button is gone with the account, or finds no import
    assert stored(app) == []


async def test_times_without_a_zone_are_the_users_local_times(app, chat):
    await chat.say("/timezone Europe/Amsterdam")
    [preview] = await chat.say(f"/import {FIXTURES / 'hevy_kg.csv'}")
    assert "06 Mar 2023 – 05 Apr 2023" in shown(preview)
    await chat.press(preview, "Accept all")
    first = min(stored(app), key=lambda e: e.at)
    # "06 Mar 2023, 18:25" in Amsterdam is 17:25 UTC (the first exercise of that workout starts it)
    assert first.at == datetime(2023, 3, 6, 17, 25, tzinfo=UTC)
    assert first.source == f"hevy|2023-03-06T17:25:00+00:00|{first.source.split('|')[2]}"


async def test_a_file_past_the_row_limit_is_refused_whole(app, chat, tmp_path):
    header = (FIXTURES / "hevy_kg.csv").read_text().splitlines()[:2]
    big = tmp_path / "huge.csv"
    big.write_text("\n".join([header[0], *[header[1]] * (MAX_ROWS + 1)]) + "\n")
    [refused] = await chat.say(f"/import {big}")
    assert shown(refused) == f"That file has more than {MAX_ROWS:,} rows; split it by year and send each."
    assert stored(app) == []


def test_the_console_chat_imports_a_path_with_numbered_buttons(tmp_path):
    result = run_console(tmp_path, f"/import {FIXTURES / 'hevy_kg.csv'}\n1\n/history hip thrust\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "… Reading hevy_kg.csv…" in out and "… Read 240 sets from hevy_kg.csv." in out
    assert "[1] Accept all" in out
    assert "… Importing: 240 of 240 sets stored…" in out and "Imported 240 sets (56 entries)." in out
    assert (
        "Mon 03 Apr 2023 · session 13\n#51 Hip thrust: 3 × 10 @ 70 kg (–, RPE 8, RPE 10) (+ 1 warm-up set)"
        in out
    )  # /history reads the import, each set's RPE as the file gave it (the failure set: RPE 10)
    assert "Traceback" not in out + result.stderr


async def test_an_own_exercise_name_from_a_file_loses_control_characters_and_markup(app, chat, tmp_path):
    """An attacker's file named an exercise with a direction override, markup, an emoji and a formula:
    kept as the user's own exercise, its name keeps only what /exercise add takes (letters, digits,
    spaces, hyphens) and the apps' brackets: the override, markup, emoji and formula signs go."""
    header = (FIXTURES / "strong_legacy.csv").read_text().splitlines()[0]
    evil = tmp_path / "evil.csv"
    evil.write_text(
        f"{header}\n"
        "2025-07-26 19:06:00;Leg Day;\u202e<b>Evil</b> 💪;1;60;kg;10;;;;;;\n"
        '2025-07-26 19:06:00;Leg Day;=HYPERLINK("http://x");1;60;kg;10;;;;;;\n'
    )
    [preview] = await chat.say(f"/import {evil}")
    assert "your own exercise “b Evil b”" in shown(preview)  # named as /exercise add takes names
    await chat.press(preview, "Accept all")
    assert sorted(e.exercise for e in stored(app)) == ["HYPERLINK( http x )", "b Evil b"]

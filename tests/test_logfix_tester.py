"""The tester's faults on /log, /edit, /delete, /import and the targets (issues 10 and 14), each as the
user sees it on the console chat (Telegram/Discord where the reply differs)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.settings import Settings
from domain.training import Entry, SetKind, Side
from tests.conftest import Chat, Clock

# The console app with a frozen clock and the write limit off, shared with the /log flow tests.
from tests.test_log_flow import ME, NOW, clock_fixture, labels, logapp_fixture, me_fixture, one  # noqa: F401


def entries(chat: Chat, user: str = ME) -> list[Entry]:
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    return store.entries(store.account_of(user))


def content(entry: Entry) -> tuple:
    """What an entry holds apart from its number and import key."""
    return (entry.exercise, entry.sets, entry.at.replace(microsecond=0), entry.note)


# -- 1: our own export round-trips -------------------------------------------------------------------

SESSION = (
    "/log hip thrust w 60x8 / 3x10 100kg @8",
    "/log bulgarian split squat 3x8 each side 12kg",
    "/log bulgarian split squat 3x8 each side 12kg",  # the same again, at the same second
    "/log romanian deadlift 3x10 2x20kg rir 2 -- grip slipped",
    "/log glute bridge 3x15 bw",
    "/log hip thrust 1x12 80kg",
)


async def test_importing_our_own_export_into_an_empty_account_restores_every_set(
    me: Chat, logapp, tmp_path: Path
) -> None:
    for line in SESSION:
        assert (await one(me, line)).text.startswith("Logged"), line
    mine = entries(me)
    assert any(s.side is Side.LEFT for e in mine for s in e.sets)
    assert any(s.implements == 2 for e in mine for s in e.sets)
    [export] = await me.say("/export")
    path = tmp_path / "coach-log-2026-11-30.csv"
    path.write_bytes(export.file.data)

    bob = Chat(logapp[0], user="console:bob", chat="bob")
    [preview] = await bob.say(f"/import {path}")
    [done] = await bob.press(preview, "Accept all")
    sets = sum(len(e.sets) for e in mine)
    assert done.text.startswith(f"Imported {sets} sets ({len(mine)} entries).")
    assert "already in your log" not in done.text
    assert [content(e) for e in entries(bob, "console:bob")] == [content(e) for e in mine]
    history = await one(bob, "/history")
    assert "3 × 8 each side @ 12 kg" in history.text and "2 × 20 kg" in history.text

    # Again into either account: every set is really there, nothing is added.
    for chat, user in ((bob, "console:bob"), (me, ME)):
        [preview] = await chat.say(f"/import {path}")
        [again] = await chat.press(preview, "Accept all")
        assert again.text.startswith("Imported 0 sets (0 entries).")
        assert f"{sets} sets were already in your log" in again.text
        assert len(entries(chat, user)) == len(mine)


async def test_an_edited_entry_is_not_taken_for_the_exported_one(me: Chat, tmp_path: Path) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    [export] = await me.say("/export")
    path = tmp_path / "export.csv"
    path.write_bytes(export.file.data)
    await me.say("/edit hip thrust 3x10 105kg")
    [preview] = await me.say(f"/import {path}")
    [done] = await me.press(preview, "Accept all")
    # Not "already in your log", and not a second copy either: the log's 105 kg is kept, and said so.
    assert done.text.startswith("Imported 0 sets (0 entries).\n1 entry already in your log has other sets")
    assert [[s.load for s in e.sets] for e in entries(me)] == [[105.0] * 3]


# -- 2: Strong, one exercise done twice in a workout ----------------------------------------------------

STRONG_TWICE = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
    "2026-11-20 18:00:00,Lower,1h,Hip Thrust (Barbell),1,100,10,0,0,,,\n"
    "2026-11-20 18:00:00,Lower,1h,Hip Thrust (Barbell),2,100,10,0,0,,,\n"
    "2026-11-20 18:00:00,Lower,1h,Glute Bridge (Barbell),1,60,15,0,0,,,\n"
    "2026-11-20 18:00:00,Lower,1h,Hip Thrust (Barbell),1,70,12,0,0,,,\n"
    "2026-11-20 18:00:00,Lower,1h,Hip Thrust (Barbell),2,70,12,0,0,,,\n"
)


async def test_strong_keeps_an_exercise_done_twice_in_one_workout(me: Chat, tmp_path: Path) -> None:
    path = tmp_path / "strong.csv"
    other = "2026-11-22 18:00:00,Upper,1h,Hip Thrust (Barbell),1,100,11,0,0,,,\n"
    path.write_text(STRONG_TWICE + other + STRONG_TWICE.split("\n", 1)[1])  # the rows pasted twice
    [asked] = await me.say(f"/import {path}")
    [preview] = await me.press(asked, "kg")
    assert "Hip Thrust (Barbell) → Hip thrust (5 sets)" in preview.text
    [done] = await me.press(preview, "Accept all")
    assert done.text.startswith("Imported 6 sets (4 entries).")
    thrusts = [e for e in entries(me) if e.exercise == "hip_thrust"]
    assert [[(s.reps, s.load) for s in e.sets] for e in thrusts][:2] == [[(10, 100.0)] * 2, [(12, 70.0)] * 2]
    [asked] = await me.say(f"/import {path}")
    [preview] = await me.press(asked, "kg")
    [again] = await me.press(preview, "Accept all")
    assert again.text.startswith("Imported 0 sets (0 entries).")


async def test_an_empty_file_is_called_empty(me: Chat, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("\n")
    reply = await one(me, f"/import {path}")
    assert reply.text.startswith("That file is empty.")


# -- 3, 4, 5: /edit names its exercise, Undo after an edit, /delete asks ------------------------------


def work(entry: Entry) -> list[tuple[int, float | None]]:
    return [(s.reps, s.load) for s in entry.sets if s.kind is SetKind.WORKING]


async def test_edit_naming_an_exercise_changes_that_exercises_latest_entry(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    await me.say("/log rdl 3x8 80kg")
    reply = await one(me, "/edit hip thrust 3x10 105kg")
    thrust, rdl = entries(me)
    assert reply.text.startswith("Changed *Hip thrust*: 3 × 10 @ 105 kg.")
    assert work(thrust) == [(10, 105.0)] * 3
    assert rdl.exercise == "romanian_deadlift" and work(rdl) == [(8, 80.0)] * 3
    none = await one(me, "/edit glute bridge 3x15 60kg")
    assert none.text.startswith("There is no Glute bridge in your log to edit; nothing was changed.")
    assert [work(e) for e in entries(me)] == [work(thrust), work(rdl)]


async def test_undo_under_a_changed_card_restores_the_entry_as_it_was(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg -- felt easy")
    before = entries(me)[0]
    changed = await one(me, "/edit 3x10 110kg")
    assert work(entries(me)[0]) == [(10, 110.0)] * 3
    [restored] = await me.press(changed, "Undo")
    [entry] = entries(me)
    assert entry == before
    assert "3 × 10 @ 100 kg" in restored.text


async def test_undo_under_an_edit_that_added_a_note_puts_the_entry_back_without_it(
    me: Chat, clock: Clock
) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    before = entries(me)[0]
    clock.now = NOW + timedelta(minutes=3, microseconds=250)
    changed = await one(me, "/edit 3x10 110kg yesterday -- grip slipped")
    [edited] = entries(me)
    assert edited.note == "grip slipped" and edited.at.date() != before.at.date()
    [restored] = await me.press(changed, "Undo")
    assert entries(me) == [before]
    assert "3 × 10 @ 100 kg" in restored.text and "Note:" not in restored.text
    assert "grip slipped" not in (await one(me, "/history")).text
    # a note added alone (/edit note …) goes too, and an Undo of the Undo brings the edit back
    noted = await one(me, "/edit note left hip pinched")
    assert entries(me)[0].note == "left hip pinched"
    [back] = await me.press(noted, "Undo")
    assert entries(me) == [before] and "Note:" not in back.text
    [redone] = await me.press(back, "Redo")
    assert entries(me)[0].note == "left hip pinched" and "Note: left hip pinched" in redone.text


async def test_delete_asks_first_and_refuses_other_digits(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    [entry] = entries(me)
    asked = await one(me, f"/delete {entry.id}")
    assert asked.text.startswith(f"Remove entry #{entry.id}: *Hip thrust* 3 × 10 @ 80 kg")
    assert entries(me) == [entry] and labels(asked) == ["Yes, remove it", "No, keep it"]
    for typed in (f"/undo_entry {entry.id}", f"/delete_confirm {entry.id}"):
        refused = await one(me, typed)
        assert "only works from its button" in refused.text and entries(me) == [entry]
    [removed] = await me.press(asked, "Yes, remove it")
    assert removed.text.startswith("Removed the entry: *Hip thrust*") and entries(me) == []
    await me.say("/log hip thrust 3x10 80kg")
    arabic = await one(me, "/delete \u0661")
    assert arabic.text == "Give the entry's number as /history shows it, for example /delete 12."
    assert len(entries(me)) == 1


async def test_delete_shows_the_entry_with_its_local_date_and_cancel_keeps_it(me: Chat, clock: Clock) -> None:
    assert "Timezone set" in (await one(me, "/timezone Pacific/Auckland")).text
    await me.say("/log hip thrust 3x10 80kg")  # 17:00 UTC Monday is 06:00 Tuesday in Auckland
    [entry] = entries(me)
    asked = await one(me, f"/delete {entry.id}")
    assert asked.text == (
        f"Remove entry #{entry.id}: *Hip thrust* 3 × 10 @ 80 kg, logged Tue 01 Dec 2026? "
        "Nothing is removed until you confirm. (The buttons work for 2 minutes.)"
    )
    [kept] = await me.press(asked, "No, keep it")
    assert kept.text == f"Nothing was removed: entry #{entry.id} stays in your log."
    [used] = await me.press(asked, "Yes, remove it")  # the pair is answered: Yes no longer works
    assert used.text == "This button was already used." and entries(me) == [entry]
    late = await one(me, f"/delete {entry.id}")
    clock.now = NOW + timedelta(minutes=3)
    [expired] = await me.press(late, "Yes, remove it")
    assert expired.text == "This button has expired; send /delete again." and entries(me) == [entry]


# -- 6, 7: warm-up spellings, a unit-less second AxB ----------------------------------------------------


def kinds(entry: Entry) -> list[tuple[str, int, float | None]]:
    return [(s.kind.value, s.reps, s.load) for s in entry.sets]


async def test_warm_ups_end_where_the_work_starts_and_a_trailing_warmup_marks_its_sets(me: Chat) -> None:
    reply = await one(me, "/log hip thrust warmup 60x8, 80x5 100x10,10,9")
    assert reply.text.startswith("Logged *Hip thrust*: 10, 10, 9 @ 100 kg (+ 2 warm-up sets).")
    assert kinds(entries(me)[0]) == [("warmup", 8, 60.0), ("warmup", 5, 80.0)] + [
        ("working", r, 100.0) for r in (10, 10, 9)
    ]
    for spelling in ("warmup", "w", "warm-up"):
        reply = await one(me, f"/log hip thrust 1x10 40kg {spelling}")
        assert "Warm-up" in reply.text and kinds(entries(me)[-1]) == [("warmup", 10, 40.0)], spelling
    await one(me, "/log hip thrust 3x10 100kg 1x10 40kg w")
    assert kinds(entries(me)[-1]) == [("working", 10, 100.0)] * 3 + [("warmup", 10, 40.0)]


async def test_a_unit_less_second_axb_asks_dumbbells_or_more_sets(me: Chat) -> None:
    asked = await one(me, "/log rdl 3x10 2x12")
    assert asked.text == (
        "Did you mean 3 × 10 with 2 dumbbells of 12 kg or 3 × 10 then 2 × 12? Nothing is logged until you choose."
    )
    assert entries(me) == []
    [logged] = await me.press(asked, "3 × 10 with 2 dumbbells of 12 kg")
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 2 × 12 kg.")
    assert [(s.reps, s.load, s.implements) for s in entries(me)[0].sets] == [(10, 12.0, 2)] * 3
    [more] = await me.press(await one(me, "/log rdl 3x10 2x12"), "3 × 10 then 2 × 12")
    assert more.text.startswith("Logged *Romanian deadlift*:"), more.text
    assert [(s.reps, s.load) for s in entries(me)[1].sets] == [(10, None)] * 3 + [(12, None)] * 2


# -- 8: per-side work counts a left+right pair as one set ------------------------------------------------


async def test_each_side_work_is_prescribed_as_its_own_set_count(me: Chat) -> None:
    reply = await one(me, "/log bulgarian split squat 3x8 each side 12kg")
    [target] = [line for line in reply.text.splitlines() if line.startswith("Next time:")]
    assert target.startswith("Next time: 3 × 9 each side @ 12 kg."), target


# -- 9: /done closes the session in /history ---------------------------------------------------------------


async def test_after_done_the_next_set_starts_a_new_session_in_history(me: Chat, clock: Clock) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    clock.now += timedelta(minutes=10)
    done = await one(me, "/done")
    assert "Session" in done.title or "session" in done.text.lower()
    clock.now += timedelta(minutes=20)
    await me.say("/log glute bridge 3x15 bw")
    first, second = entries(me)
    assert not first.starts_session and second.starts_session
    history = await one(me, "/history")
    assert history.text.count("· session") == 2
    assert "session 2\n#2 Glute bridge" in history.text


# -- 10: edits of the note or date alone, RIR in /history, imported exercises in /progress ----------------


async def test_edit_changes_only_the_note_or_only_the_date(me: Chat) -> None:
    await me.say("/timezone Europe/Amsterdam")
    await me.say("/log hip thrust 3x10 100kg rir 2")
    before = entries(me)[0]
    for line, note in (("/edit (grip slipped)", "grip slipped"), ("/edit note bar rolled", "bar rolled")):
        reply = await one(me, line)
        assert reply.text.startswith("Changed *Hip thrust*: 3 × 10 @ 100 kg RIR 2."), reply.text
        [entry] = entries(me)
        assert entry.note == note and entry.sets == before.sets and entry.at == before.at
    reply = await one(me, "/edit yesterday at 11:30pm")
    [entry] = entries(me)
    assert entry.at == datetime(2026, 11, 29, 22, 30, tzinfo=UTC) and entry.sets == before.sets
    assert entry.note == "bar rolled" and "Sun 29 Nov 2026, 23:30" in reply.text
    history = await one(me, "/history")
    assert "Hip thrust: 3 × 10 @ 100 kg RIR 2 (bar rolled)" in history.text


HEVY_BENCH = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,"
    "weight_kg,reps,distance_km,duration_seconds,rpe\n"
    "Upper,20 Nov 2026 18:00,20 Nov 2026 19:00,,Bench Press (Barbell),,,0,normal,60,8,,,\n"
    "Upper,20 Nov 2026 18:00,20 Nov 2026 19:00,,Bench Press (Barbell),,,1,normal,60,8,,,\n"
)


async def test_an_imported_exercise_of_its_own_works_in_progress_history_and_exercise_list(
    me: Chat, tmp_path: Path
) -> None:
    path = tmp_path / "hevy.csv"
    path.write_text(HEVY_BENCH)
    [preview] = await me.say(f"/import {path}")
    await me.press(preview, "Accept all")
    progress = await one(me, "/progress Bench Press (Barbell)")
    assert progress.text.startswith("1 session of Bench Press (Barbell) since"), progress.text
    assert progress.image is not None
    history = await one(me, "/history bench press (barbell)")
    assert "Bench Press (Barbell): 2 × 8 @ 60 kg" in history.text
    listing = await one(me, "/exercise list")
    assert "From your imported history (in /history and /progress):\n• Bench Press (Barbell)" in listing.text


async def test_an_imported_exercise_of_its_own_is_removed_like_one_added(me: Chat, tmp_path: Path) -> None:
    path = tmp_path / "hevy.csv"
    path.write_text(HEVY_BENCH)
    [preview] = await me.say(f"/import {path}")
    await me.press(preview, "Accept all")
    await me.say("/exercise add reverse hyper accessory")
    await me.say("/log reverse hyper 3x12 20kg")
    listing = await one(me, "/exercise")
    assert "• Bench Press (Barbell)\nRemove one from this list with /exercise remove <name>" in listing.text
    removed = await one(me, "/exercise remove bench press (barbell)")
    assert removed.text == (
        "Removed *Bench Press (Barbell)* from your exercises. Sets you logged stay in /history and /export."
    )
    gone = await one(me, "/exercise remove reverse hyper")
    assert gone.text.startswith("Removed *reverse hyper* from your exercises.")
    # neither is listed any more (the sets they keep in the log do not bring them back) …
    listing = await one(me, "/exercise list")
    assert listing.text.startswith("You have no exercises of your own yet."), listing.text
    again = await one(me, "/exercise remove Bench Press (Barbell)")
    assert again.text == "“Bench Press (Barbell)” is not one of your exercises. /exercise lists yours."
    # … and their sets stay where they were
    history = await one(me, "/history")
    assert "Bench Press (Barbell): 2 × 8 @ 60 kg" in history.text and "reverse hyper: 3 × 12" in history.text
    assert (await one(me, "/progress Bench Press (Barbell)")).text.startswith("1 session of Bench Press")
    # a newer export with new sets of it lists it again
    path.write_text(HEVY_BENCH + HEVY_BENCH.splitlines()[-1].replace("20 Nov", "27 Nov") + "\n")
    [preview] = await me.say(f"/import {path}")
    await me.press(preview, "Accept all")
    assert "From your imported history" in (await one(me, "/exercise")).text
    assert (await one(me, "/exercise remove bench press (barbell)")).text.startswith("Removed")
    # added again, an exercise of one's own is listed again
    await me.say("/exercise add reverse hyper accessory")
    assert (await one(me, "/exercise")).text == (
        "Your own exercises:\n• reverse hyper (accessory)\nRemove one with /exercise remove <name>."
    )


async def test_failed_log_lines_do_not_spend_the_write_limit(tmp_path: Path, library) -> None:
    from bot import build_app, start_app, stop_app

    app = build_app(
        Settings(data_dir=tmp_path / "data", write_limit_per_minute=2), library=library, clock=Clock(NOW)
    )
    await start_app(app)
    try:
        chat = Chat(app)
        for _ in range(30):
            bad = await one(chat, "/log hip thrust 3x10 80kgg")
            assert "Nothing was logged" in bad.text
        good = await one(chat, "/log hip thrust 3x10 80kg")
        assert good.text.startswith("Logged"), good.text
    finally:
        await stop_app(app)


async def test_refused_exercise_lines_do_not_spend_the_write_limit(tmp_path: Path, library) -> None:
    from bot import build_app, start_app, stop_app

    app = build_app(
        Settings(data_dir=tmp_path / "data", write_limit_per_minute=2), library=library, clock=Clock(NOW)
    )
    await start_app(app)
    try:
        chat = Chat(app)
        refusals = {
            "/exercise add reverse hyper": "Say what kind of exercise it is",
            "/exercise add <b>hyper</b> accessory": "A name is letters, digits, spaces and hyphens",
            "/exercise add 90 90 stretch accessory": "Start the name with a letter",
            "/exercise add hip thrust accessory": "Hip thrust is already in the library",
            "/exercise remove sled push": "“sled push” is not one of your exercises.",
            "/exercise frobnicate": "Use /exercise add <name> <kind> or /exercise remove <name>",
            "/exercise": "You have no exercises of your own yet.",
        }
        for _ in range(5):
            for line, answer in refusals.items():
                assert (await one(chat, line)).text.startswith(answer), line
        added = await one(chat, "/exercise add reverse hyper accessory")
        assert added.text.startswith("Added *reverse hyper* (accessory)")
        again = await one(chat, "/exercise add reverse hyper accessory")  # refused: no budget spent
        assert again.text == "You already have reverse hyper. /exercise lists yours."
        removed = await one(chat, "/exercise remove reverse hyper")
        assert removed.text.startswith("Removed *reverse hyper*"), removed.text
        # Of the burst of 20 changes, the add and the remove spent two; the refusals none.
        for n in range(18):
            assert (await one(chat, f"/units {('lb', 'kg')[n % 2]}")).text.startswith("Units set"), n
        assert (await one(chat, "/units lb")).text.startswith("That's a lot of changes")
    finally:
        await stop_app(app)


async def test_plan_after_importing_our_export_is_the_plan_before(me: Chat, logapp, tmp_path: Path) -> None:
    # Entries dated by day alone share a time (noon): the old import kept one of them per exercise,
    # so the session's 3 x 10 at 100 kg vanished and the target fell to "1 x 11 @ 100 kg". (The day's
    # whole 3 x 10 is its scheme, the single beside it an extra: round l4.)
    await me.say("/log hip thrust 1x10 100kg 2026-11-28")
    await me.say("/log hip thrust 3x10 100kg 2026-11-28")
    [export] = await me.say("/export")
    path = tmp_path / "export.csv"
    path.write_bytes(export.file.data)
    bob = Chat(logapp[0], user="console:bob", chat="bob")
    [preview] = await bob.say(f"/import {path}")
    await bob.press(preview, "Accept all")

    def target(text: str) -> str:
        [line] = [x for x in text.splitlines() if x.startswith("Hip thrust: ")]
        return line

    mine = target(await me.text("/plan"))
    assert mine.startswith("Hip thrust: 3 × 11 @ 100 kg"), mine
    assert target(await bob.text("/plan")) == mine


async def test_did_you_mean_pressed_later_checks_against_the_best_logged_since(
    me: Chat, clock: Clock
) -> None:
    await me.say("/log hip thrust 3x10 60kg")
    clock.now += timedelta(minutes=5)
    typo = await one(me, "/log hip thrst 3x10 120kg")
    assert labels(typo)[0] == "Hip thrust"
    clock.now += timedelta(minutes=5)
    assert (await one(me, "/log hip thrust 3x10 85kg")).text.startswith("Logged")
    clock.now += timedelta(minutes=5)
    [pressed] = await me.press(typo, "Hip thrust")
    assert pressed.text.startswith("Logged *Hip thrust*: 3 × 10 @ 120 kg."), pressed.text


async def test_a_bare_change_or_a_change_below_half_the_load_logs_nothing(me: Chat) -> None:
    """A tester's "/log -79.9" logged 3 × 10 @ 0.1 kg: a change names its exercise, and one that takes
    the load below half of last time asks for the sets in full."""
    await one(me, "/log hip thrust 3x10 80kg")
    bare = await one(me, "/log -5")
    assert bare.text == "Name the exercise with the change, e.g. /log hip thrust +2.5kg. Nothing was logged."
    halved = await one(me, "/log hip thrust -79.9kg")
    assert "below half of last time's load" in halved.text and "Nothing was logged" in halved.text
    assert [[s.load for s in e.sets] for e in entries(me)] == [[80.0, 80.0, 80.0]]
    assert (await one(me, "/log hip thrust -5kg")).text.startswith("Logged *Hip thrust*: 3 × 10 @ 75 kg.")

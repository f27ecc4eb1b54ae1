"""The fifth tester's faults on /edit, /delete, /undo and how an entry is said, as the user sees them
on the console chat through the real dispatch (button presses as every adapter makes them)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from domain.training import Entry
from tests.conftest import Chat, Clock

# The console app with a frozen clock and the write limit off, shared with the /log flow tests.
from tests.test_log_flow import (  # noqa: F401
    NOW,
    answer,
    clock_fixture,
    entries,
    logapp_fixture,
    me_fixture,
    one,
)
from tests.test_log_platforms import app, coach, now  # noqa: F401 - fixtures
from tests.test_telegram import USER


def work(entry: Entry) -> list[tuple[int, float | None]]:
    return [(s.reps, s.load) for s in entry.sets]


# Strong's export: two older hip thrust sessions (Sun 29 Nov the newest).
STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
    "2026-11-26 18:00:00,Lower,1h,Hip Thrust (Barbell),1,100,10,0,0,,,\n"
    "2026-11-26 18:00:00,Lower,1h,Hip Thrust (Barbell),2,100,10,0,0,,,\n"
    "2026-11-29 18:00:00,Lower,1h,Hip Thrust (Barbell),1,105,10,0,0,,,\n"
    "2026-11-29 18:00:00,Lower,1h,Hip Thrust (Barbell),2,105,10,0,0,,,\n"
)


async def imported(me: Chat, tmp_path: Path) -> list[Entry]:
    path = tmp_path / "strong.csv"
    path.write_text(STRONG)
    [asked] = await me.say(f"/import {path}")
    [preview] = await me.press(asked, "kg")
    [done] = await me.press(preview, "Accept all")
    assert done.text.startswith("Imported 4 sets (2 entries)."), done.text
    return [e for e in entries(me) if e.source]


# -- 1: an import is not "what I just logged" ----------------------------------------------------------


async def test_edit_after_an_import_changes_the_entry_you_logged_not_the_newest_import(
    me: Chat, tmp_path: Path
) -> None:
    await me.say("/log rdl 3x8 60kg")
    before = await imported(me, tmp_path)
    assert max(e.id for e in entries(me)) == before[-1].id  # the import holds the highest numbers
    changed = await one(me, "/edit 3x10 85kg")
    assert changed.text.startswith("Changed *Romanian deadlift*: 3 × 10 @ 85 kg."), changed.text
    [rdl] = [e for e in entries(me) if not e.source]
    assert work(rdl) == [(10, 85.0)] * 3
    assert [e for e in entries(me) if e.source] == before  # the imported sessions are untouched
    # Naming an exercise that was only imported changes nothing either.
    named = await one(me, "/edit hip thrust 3x10 85kg")
    assert named.text.startswith("There is no Hip thrust you logged here (only imported ones"), named.text
    assert [e for e in entries(me) if e.source] == before
    # "same" repeats what you logged, not the newest import.
    again = await one(me, "/log same")
    assert again.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 85 kg."), again.text


async def test_undo_after_an_import_takes_back_your_changes_never_an_imported_entry(
    me: Chat, tmp_path: Path
) -> None:
    await me.say("/log rdl 3x8 60kg")
    await me.say("/edit 3x8 65kg")
    before = await imported(me, tmp_path)
    first = await one(me, "/undo")
    assert first.text.startswith("Undid your edit: entry #1 is back to *Romanian deadlift* 3 × 8 @ 60 kg")
    second = await one(me, "/undo")
    assert second.text.startswith("Removed your latest entry: *Romanian deadlift* 3 × 8 @ 60 kg"), second.text
    third = await one(me, "/undo")
    assert third.text.startswith("There is nothing to undo: /undo takes back what you log, edit and delete")
    assert entries(me) == before


async def test_an_import_after_done_does_not_split_the_session_you_are_logging(
    me: Chat, clock: Clock, tmp_path: Path
) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    await me.say("/done")
    clock.now = NOW + timedelta(minutes=20)
    await me.say("/log rdl 3x8 60kg")  # after /done: a new session starts here
    await imported(me, tmp_path)
    clock.now = NOW + timedelta(minutes=30)
    await me.say("/log glute bridge bw 3x15")  # the same session as the RDL, whatever was imported
    history = await one(me, "/history")
    newest = history.text.split("\n\n")[0]
    assert "Romanian deadlift" in newest and "Glute bridge" in newest, history.text


# -- 2: a button acts only on the entry as it showed it ----------------------------------------------


async def test_delete_confirm_removes_nothing_when_the_entry_changed_since_the_question(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    await me.say("/log rdl 3x8 60kg")
    asked = await one(me, "/delete 2")
    assert asked.text.startswith("Remove entry #2: *Romanian deadlift* 3 × 8 @ 60 kg")
    await me.say("/edit rdl 5x5 100kg")
    [refused] = await me.press(asked, "Yes, remove it")
    assert refused.text == (
        "Entry #2 changed since I asked, so nothing was removed. Send /delete 2 again to see it as it is now."
    )
    assert work(entries(me)[1]) == [(5, 100.0)] * 5
    [command] = [b.command for row in asked.buttons for b in row if b.label == "Yes, remove it"]
    typed = await one(me, command)  # the hidden command, fingerprint and all, typed by hand
    assert "only works from its button" in typed.text and len(entries(me)) == 2
    again = await one(me, "/delete 2")
    assert again.text.startswith("Remove entry #2: *Romanian deadlift* 5 × 5 @ 100 kg")
    [removed] = await me.press(again, "Yes, remove it")
    assert removed.text.startswith("Removed the entry: *Romanian deadlift* 5 × 5 @ 100 kg")
    assert [e.exercise for e in entries(me)] == ["hip_thrust"]


async def test_telegram_delete_confirm_after_an_edit_removes_nothing(coach) -> None:  # noqa: F811
    me = f"telegram:{USER}"
    await coach.say("/log hip thrust 3x10 80kg")
    await coach.say("/log rdl 3x8 60kg")
    [asked] = await coach.say("/delete 2")
    assert asked.text.startswith("Remove entry #2: <b>Romanian deadlift</b> 3 × 8 @ 60 kg")
    [changed] = await coach.say("/edit rdl 5x5 100kg")
    assert changed.text.startswith("Changed <b>Romanian deadlift</b>: 5 × 5 @ 100 kg.")
    [refused] = await coach.press(asked, "Yes, remove it")
    assert refused.text.startswith("Entry #2 changed since I asked, so nothing was removed.")
    assert [e.exercise for e in coach.app.store.entries(me)] == ["hip_thrust", "romanian_deadlift"]


async def test_undo_buttons_leave_an_entry_alone_that_changed_since_their_card(me: Chat) -> None:
    logged = await one(me, "/log rdl 3x8 60kg")
    changed = await one(me, "/edit 3x8 70kg")
    await me.say("/edit 3x8 75kg")
    [refused] = await me.press(logged, "Undo")  # the card showed 60 kg
    assert refused.text.startswith("Entry #1 changed since this card"), refused.text
    assert "nothing was removed" in refused.text
    [refused] = await me.press(changed, "Undo")  # the card showed 70 kg
    assert refused.text.startswith("Entry #1 changed since this card, so nothing was changed.")
    assert [work(e) for e in entries(me)] == [[(8, 75.0)] * 3]


# -- 3: one rule for /undo ------------------------------------------------------------------------------


async def test_undo_walks_back_an_edit_then_every_logged_entry_newest_first(me: Chat) -> None:
    for line in ("hip thrust 3x10 80kg", "rdl 3x8 60kg", "glute bridge bw 3x15"):
        await me.say(f"/log {line}")
    await me.say("/edit 3x12 100kg")
    said = [(await one(me, "/undo")).text for _ in range(5)]
    assert said[0].startswith("Undid your edit: entry #3 is back to *Glute bridge* 3 × 15 bodyweight")
    assert said[1].startswith("Removed your latest entry: *Glute bridge*")
    assert said[2].startswith("Removed your latest entry: *Romanian deadlift*")
    assert said[3].startswith("Removed your latest entry: *Hip thrust*")
    assert said[4] == "There is nothing to undo: your log is empty."


async def test_undo_goes_back_through_logs_and_edits_in_the_order_they_happened(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    await me.say("/edit 3x10 85kg")
    await me.say("/log rdl 3x8 60kg")
    said = [(await one(me, "/undo")).text for _ in range(3)]
    assert said[0].startswith("Removed your latest entry: *Romanian deadlift*")
    assert said[1].startswith("Undid your edit: entry #1 is back to *Hip thrust* 3 × 10 @ 80 kg")
    assert said[2].startswith("Removed your latest entry: *Hip thrust* 3 × 10 @ 80 kg")
    assert entries(me) == []


async def test_what_undo_put_back_keeps_its_place_among_the_logs(me: Chat) -> None:
    for line in ("hip thrust 3x10 80kg", "glute bridge 3x15 40kg", "romanian deadlift 3x8 60kg"):
        await me.say(f"/log {line}")
    [_] = await me.press(await one(me, "/delete 3"), "Yes, remove it")
    said = [(await one(me, "/undo")).text for _ in range(3)]
    assert said[0].startswith("Put back *Romanian deadlift* 3 × 8 @ 60 kg")
    # It was logged last, so its log is the next change back; then the glute bridge.
    assert said[1].startswith("Removed your latest entry: *Romanian deadlift*")
    assert said[2].startswith("Removed your latest entry: *Glute bridge*")
    assert [e.exercise for e in entries(me)] == ["hip_thrust"]


async def test_the_undo_button_under_an_edit_takes_that_edit_off_undos_list(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    changed = await one(me, "/edit 3x10 85kg")
    [undone] = await me.press(changed, "Undo")
    assert undone.text.startswith("Undid your edit: *Hip thrust*: 3 × 10 @ 80 kg."), undone.text
    assert work(entries(me)[0]) == [(10, 80.0)] * 3
    # /undo goes on to the change before it (the log), never puts the edit back.
    after = await one(me, "/undo")
    assert after.text.startswith("Removed your latest entry: *Hip thrust* 3 × 10 @ 80 kg"), after.text
    assert entries(me) == []


async def test_the_undo_under_an_undone_edit_redoes_it_and_undo_knows_that_change(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    changed = await one(me, "/edit 3x10 85kg")
    [undone] = await me.press(changed, "Undo")
    [redone] = await me.press(undone, "Redo")
    assert redone.text.startswith("Redid your edit: *Hip thrust*: 3 × 10 @ 85 kg."), redone.text
    back = await one(me, "/undo")
    assert back.text.startswith("Undid your edit: entry #1 is back to *Hip thrust* 3 × 10 @ 80 kg")
    assert work(entries(me)[0]) == [(10, 80.0)] * 3


async def test_help_says_the_undo_rule(me: Chat) -> None:
    helped = await one(me, "/help undo")
    assert "Take back your last change, newest first: a /log, /edit or /delete (not an import)" in helped.text
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert "take back your last change, newest first" in readme


# -- 4: warm-ups are said as warm-ups ----------------------------------------------------------------


async def test_a_warm_up_only_entry_is_marked_everywhere_and_progress_last_is_the_work(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg 2 days ago")
    logged = await one(me, "/log hip thrust warmup 3x5 120kg")
    assert logged.text.startswith("Logged *Hip thrust*: warm-up 3 × 5 @ 120 kg."), logged.text
    history = await one(me, "/history")
    assert "#2 Hip thrust: warm-up 3 × 5 @ 120 kg" in history.text
    assert "Hip thrust: 3 × 5" not in history.text
    progress = await one(me, "/progress hip thrust")
    assert "Heaviest load: 80 kg" in progress.text and "Last: 3 × 10 @ 80 kg" in progress.text
    asked = await one(me, "/delete 2")
    assert asked.text.startswith("Remove entry #2: *Hip thrust* warm-up 3 × 5 @ 120 kg")
    # Alone in the log, warm-ups are still the last thing done, said as warm-ups.
    [_] = await me.press(await one(me, "/delete 1"), "Yes, remove it")
    assert "Last: warm-up 3 × 5 @ 120 kg" in (await one(me, "/progress hip thrust")).text


# -- 5: the Edit prompt shows the time to the minute ----------------------------------------------------


async def test_the_edit_prompt_shows_minutes_and_an_answer_at_that_minute_keeps_the_time(
    me: Chat, clock: Clock
) -> None:
    clock.now = NOW - timedelta(hours=1) + timedelta(minutes=24, seconds=57)
    logged = await one(me, "/log hip thrust 3x10 80kg")
    at = entries(me)[0].at
    clock.now = NOW
    [asked] = await me.press(logged, "Edit")
    assert asked.ask is not None
    assert "(now: 3x10 80kg 2026-11-30 at 16:24), for example" in asked.ask.prompt, asked.ask.prompt
    assert ":57" not in asked.ask.prompt and ":57" not in asked.ask.placeholder
    [changed] = await answer(me, asked, "3x10 85kg 2026-11-30 at 16:24")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 85 kg.")
    assert entries(me)[0].at == at  # the minute it showed: the exact time stays

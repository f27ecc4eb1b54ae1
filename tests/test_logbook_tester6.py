"""The sixth tester's faults on /edit's questions, /undo and the Undo buttons, as the user sees them on
the console chat through the real dispatch (button presses and answers as every adapter makes them)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Chat
from tests.test_ask import answer as tg_answer
from tests.test_log_flow import (  # noqa: F401 - fixtures
    answer,
    clock_fixture,
    entries,
    logapp_fixture,
    me_fixture,
    one,
)
from tests.test_log_platforms import coach, now  # noqa: F401 - fixtures
from tests.test_logbook_tester5 import work
from tests.test_telegram import USER as TG_USER

CHANGED = "Entry #1 changed since I asked, so nothing was changed."


# -- 1: every button or question that changes an entry acts on it only as it showed it ----------------


async def test_an_old_outlier_confirm_does_not_overwrite_a_newer_edit(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    await me.say("/log hip thrust 3x10 80kg")
    asked = await one(me, "/edit hip thrust 3x10 200kg")
    assert "Nothing is stored until you confirm." in asked.text
    await me.say("/edit hip thrust 3x10 85kg")
    [refused] = await me.press(asked, "Confirm")
    assert refused.text.startswith("Entry #2 changed since I asked, so nothing was changed."), refused.text
    assert [work(e) for e in entries(me)] == [[(10, 80.0)] * 3, [(10, 85.0)] * 3]


async def test_old_reading_buttons_of_edit_do_not_overwrite_a_newer_edit(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    rpe = await one(me, "/edit hip thrust 3x10 @8")
    reps = await one(me, "/edit hip thrust 12x10")
    await me.say("/edit hip thrust 3x10 85kg")
    [refused] = await me.press(rpe, "RPE 8 (no weight)")
    assert refused.text.startswith(CHANGED), refused.text
    [refused] = await me.press(reps, "12 kg × 10")
    assert refused.text.startswith(CHANGED), refused.text
    [entry] = entries(me)
    assert work(entry) == [(10, 85.0)] * 3 and entry.sets[0].rpe is None


async def test_the_edit_buttons_question_answered_after_a_newer_edit_changes_nothing(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 3x10 80kg")
    [asked] = await me.press(logged, "Edit")
    await me.say("/edit hip thrust 3x10 85kg")
    [refused] = await answer(me, asked, "3x10 90kg")
    assert refused.text.startswith(CHANGED), refused.text
    assert work(entries(me)[0]) == [(10, 85.0)] * 3
    # Pressed again, the card's Edit asks about the entry as it is now, and that answer is taken.
    [again] = await me.press(logged, "Edit")
    assert again.ask is not None and "now: 3x10 85kg" in again.ask.prompt
    [changed] = await answer(me, again, "3x10 90kg")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 90 kg."), changed.text
    assert work(entries(me)[0]) == [(10, 90.0)] * 3


async def test_buttons_made_before_fingerprints_still_work(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    # The commands as older replies carried them: no fingerprint.
    [changed] = await me.press(await _old_button(me, "/edit_entry 1 3x10 85kg"), "old")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 85 kg."), changed.text
    [confirmed] = await me.press(await _old_button(me, "/log_confirm #1 hip_thrust 3x10 90kg"), "old")
    assert confirmed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 90 kg."), confirmed.text


async def _old_button(me: Chat, command: str):  # noqa: ANN202 - a bound reply
    from core.buttons import bind_replies
    from core.messages import Button, Reply

    [reply] = bind_replies([Reply("old", buttons=((Button("old", command),),))], me.request(), me.app.ctx)
    return reply


# -- 2: /undo does not bring back what a re-import already restored ------------------------------------

ONE_ROW = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
    "2026-11-29 18:00:00,Lower,1h,Hip Thrust (Barbell),1,100,10,0,0,,,\n"
)


async def _import(me: Chat, path: Path) -> None:
    [asked] = await me.say(f"/import {path}")
    [preview] = await me.press(asked, "kg")
    [done] = await me.press(preview, "Accept all")
    assert done.text.startswith("Imported 1 set (1 entry)."), done.text


async def test_undo_of_a_delete_adds_nothing_when_a_reimport_brought_it_back(
    me: Chat, tmp_path: Path
) -> None:
    path = tmp_path / "one.csv"
    path.write_text(ONE_ROW)
    await _import(me, path)
    [_] = await me.press(await one(me, "/delete 1"), "Yes, remove it")
    await _import(me, path)
    undone = await one(me, "/undo")
    assert undone.text.startswith("*Hip thrust* 1 × 10 @ 100 kg, logged Sun 29 Nov 2026, is already back"), (
        undone.text
    )
    assert "as entry #2" in undone.text
    assert [(e.id, work(e)) for e in entries(me)] == [(2, [(10, 100.0)])]
    history = await one(me, "/history")
    assert history.text.count("Hip thrust") == 1


async def test_undo_of_a_delete_adds_nothing_when_our_own_export_reimported_brought_it_back(
    me: Chat, tmp_path: Path
) -> None:
    bob = Chat(me.app, user="console:bob", chat="bob")
    await bob.say("/log rdl 3x8 60kg")
    [export] = await bob.say("/export")
    assert export.file is not None
    path = tmp_path / "one.csv"
    path.write_bytes(export.file.data)
    for _ in range(2):  # imported, removed, imported again
        [preview] = await me.say(f"/import {path}")
        [done] = await me.press(preview, "Accept all")
        assert done.text.startswith("Imported 3 sets (1 entry)."), done.text
        if len(entries(me)) == 1 and entries(me)[0].id == 1:
            [_] = await me.press(await one(me, "/delete 1"), "Yes, remove it")
    undone = await one(me, "/undo")
    assert "is already back in your log as entry #2, so nothing was put back." in undone.text, undone.text
    assert [(e.id, e.exercise) for e in entries(me)] == [(2, "romanian_deadlift")]


async def test_undo_of_a_delete_adds_nothing_when_importing_its_export_brought_it_back(
    me: Chat, tmp_path: Path
) -> None:
    await me.say("/log rdl 3x8 60kg")
    [export] = await me.say("/export")
    assert export.file is not None
    path = tmp_path / "log.csv"
    path.write_bytes(export.file.data)
    [_] = await me.press(await one(me, "/delete 1"), "Yes, remove it")
    [preview] = await me.say(f"/import {path}")
    [done] = await me.press(preview, "Accept all")
    assert done.text.startswith("Imported 3 sets (1 entry)."), done.text
    undone = await one(me, "/undo")
    assert undone.text.startswith(
        "*Romanian deadlift* 3 × 8 @ 60 kg, logged Mon 30 Nov 2026, is already back in your log as "
        "entry #2, so nothing was put back."
    ), undone.text
    assert [(e.id, e.exercise) for e in entries(me)] == [(2, "romanian_deadlift")]


# -- 3: /edit's "RPE 8 (no weight)" stores no weight -----------------------------------------------------


async def test_edits_rpe_no_weight_button_stores_bodyweight(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    asked = await one(me, "/edit hip thrust 3x10 @8")
    [changed] = await me.press(asked, "RPE 8 (no weight)")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 bodyweight RPE 8."), changed.text
    [entry] = entries(me)
    assert work(entry) == [(10, None)] * 3 and entry.sets[0].rpe == 8


# -- 4: /undo skips steps that no longer apply -----------------------------------------------------------


async def test_undo_skips_an_edit_of_a_removed_entry_and_acts_on_the_next_step(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 3x10 80kg")
    await me.say("/log rdl 3x8 60kg")
    await me.say("/edit hip thrust 3x10 85kg")
    await me.say("/edit hip thrust 3x10 80kg")
    [removed] = await me.press(logged, "Undo")
    assert removed.text.startswith("Removed the entry: *Hip thrust*"), removed.text
    undone = await one(me, "/undo")
    assert undone.text.startswith(
        "Skipped 2 edits of entry #1, which is no longer in your log. "
        "Removed your latest entry: *Romanian deadlift* 3 × 8 @ 60 kg"
    ), undone.text
    assert entries(me) == []
    assert (await one(me, "/undo")).text == "There is nothing to undo: your log is empty."


# -- 5: the Undo button under a card whose entry was put back under another number ----------------------


async def test_undo_button_says_the_entry_was_put_back_under_another_number(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    logged = await one(me, "/log rdl 3x8 60kg")
    [_] = await me.press(await one(me, "/delete 2"), "Yes, remove it")
    back = await one(me, "/undo")
    assert back.text.startswith("Put back *Romanian deadlift* 3 × 8 @ 60 kg"), back.text
    [refused] = await me.press(logged, "Undo")
    assert refused.text.startswith(
        "Entry #2 changed since this card: it was removed and put back as #3, so nothing was removed."
    ), refused.text
    assert "/delete 3" in refused.text
    assert [(e.id, e.exercise) for e in entries(me)] == [(1, "hip_thrust"), (3, "romanian_deadlift")]


# -- 6: a refused answer to the Edit question leaves a way to answer again -----------------------------


async def test_a_refused_edit_answer_offers_the_edit_button_again(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 3x10 80kg")
    [asked] = await me.press(logged, "Edit")
    [refused] = await answer(me, asked, "3x10 650kg")
    assert "The entry is unchanged." in refused.text, refused.text
    assert [b.label for row in refused.buttons for b in row] == ["Edit"]
    [again] = await me.press(refused, "Edit")
    [changed] = await answer(me, again, "3x8 62.5kg")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 8 @ 62.5 kg."), changed.text
    assert work(entries(me)[0]) == [(8, 62.5)] * 3


# -- 7: an edit that changes nothing; undoing a note -----------------------------------------------------


async def test_an_edit_to_what_is_stored_changes_nothing_and_adds_no_undo_step(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    same = await one(me, "/edit hip thrust 3x10 80kg")
    assert same.text.startswith("Nothing to change: entry #1 is already *Hip thrust* 3 × 10 @ 80 kg"), (
        same.text
    )
    assert not same.buttons
    undone = await one(me, "/undo")  # the log itself, not a phantom edit
    assert undone.text.startswith("Removed your latest entry: *Hip thrust* 3 × 10 @ 80 kg"), undone.text
    assert entries(me) == []


async def test_undoing_a_note_only_edit_says_what_came_back(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg -- easy")
    await me.say("/edit note grip slipped")
    assert entries(me)[0].note == "grip slipped"
    undone = await one(me, "/undo")
    assert undone.text.startswith(
        "Undid your edit: entry #1 is back to *Hip thrust* 3 × 10 @ 80 kg (easy), logged"
    ), undone.text
    assert entries(me)[0].note == "easy"


# -- on Telegram: the Edit question through ForceReply --------------------------------------------------


async def test_telegram_edit_question_refused_then_answered_again_and_stale_after_a_newer_edit(
    coach,  # noqa: F811
) -> None:
    me = f"telegram:{TG_USER}"
    [logged] = await coach.say("/log hip thrust 3x10 80kg")
    [question] = await coach.press(logged, "Edit")
    [refused] = await tg_answer(coach, question, "3x10 650kg")
    assert "The entry is unchanged." in refused.text, refused.text
    [again] = await coach.press(refused, "Edit")
    [changed] = await tg_answer(coach, again, "3x8 62.5kg")
    assert changed.text.startswith("Changed <b>Hip thrust</b>: 3 × 8 @ 62.5 kg."), changed.text
    # A question asked before a newer /edit changes nothing.
    [stale] = await coach.press(logged, "Edit")
    await coach.say("/edit hip thrust 3x10 85kg")
    [refused] = await tg_answer(coach, stale, "3x10 90kg")
    assert refused.text.startswith(CHANGED), refused.text
    assert [(s.reps, s.load) for s in coach.app.store.entries(me)[0].sets] == [(10, 85.0)] * 3


async def test_an_entry_of_an_exercise_you_removed_can_still_be_edited(me: Chat) -> None:
    """Tried by a tester: /exercise remove promises the sets stay, yet /edit answered
    "“custom_reverse_hyper” is not an exercise I know"."""
    await me.say("/exercise add reverse hyper accessory")
    await me.say("/log reverse hyper 3x12 20kg")
    await me.say("/exercise remove reverse hyper")
    changed = await one(me, "/edit 3x10 25kg")
    assert changed.text.startswith("Changed *reverse hyper*: 3 × 10 @ 25 kg."), changed.text
    [entry] = entries(me)
    assert [(s.reps, s.load) for s in entry.sets] == [(10, 25.0)] * 3

"""Our own /export imported back after more than a rep was changed in a spreadsheet: a note emptied, a
date moved, or the entry's name mapped to another exercise under "Change one". The entry is never added a
second time and nothing changes silently: the preview lists what differs, "Accept all" keeps the log's,
"Accept, update it" puts the file's in its place (/undo takes it back), and an entry already in the log
keeps its exercise, as /edit does, which the preview and the reply say."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.markup import plain
from core.messages import Reply
from tests.conftest import Chat
from tests.test_import_edited_export import buttons, reps
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_logfix_tester import entries


async def _exported(
    me: Chat, tmp_path: Path, lines: tuple[str, ...], edit: Callable[[dict[str, str]], None]
) -> Path:
    """``lines`` logged and exported, each row of the export changed by ``edit``."""
    for line in lines:
        assert (await one(me, line)).text.startswith("Logged"), line
    [export] = await me.say("/export")
    rows = list(csv.DictReader(io.StringIO(export.file.data.decode())))
    for row in rows:
        edit(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "edited.csv"
    path.write_text(out.getvalue())
    return path


def _seven_made_eight(row: dict[str, str]) -> None:
    if row["reps"] == "7":
        row["reps"] = "8"


def _note_emptied(row: dict[str, str]) -> None:
    row["note"] = ""


def _squat_a_day_earlier(row: dict[str, str]) -> None:
    if row["exercise_id"] == "back_squat":
        at = datetime.fromisoformat(row["date_utc"]) - timedelta(days=1)
        row["date_utc"] = at.strftime("%Y-%m-%d %H:%M:%S")


async def _mapped_to_b_stance(me: Chat, preview: Reply) -> Reply:
    """ "Change one": Hip thrust mapped to B-stance hip thrust; the preview that comes back."""
    [names] = await me.press(preview, "Change one")
    [pick] = await me.press(names, "Hip thrust")
    [again] = await me.press(pick, "B-stance hip thrust")
    return again


async def test_a_mapping_to_another_exercise_is_said_to_leave_the_entrys_exercise(
    me: Chat, tmp_path: Path
) -> None:
    path = await _exported(me, tmp_path, ("/log hip thrust 8,8,7 120kg",), _seven_made_eight)
    [preview] = await me.say(f"/import {path}")
    preview = await _mapped_to_b_stance(me, preview)
    text = plain(preview.text)
    assert (
        "#1 stays Hip thrust, not B-stance hip thrust: an entry already in your log keeps its exercise "
        "(/edit cannot change it either); “Accept, update it” changes only its sets."
    ) in text, text
    assert buttons(preview) == [["Accept all", "Change one"], ["Accept, update it"], ["Cancel"]]
    [done] = await me.press(preview, "Accept, update it")
    assert plain(done.text) == (
        "Imported 0 sets (0 entries).\n"
        "Updated 1 entry in your log to the file's sets: #1 Hip thrust (Mon 30 Nov 2026). /undo takes it back.\n"
        "#1 stays Hip thrust, not B-stance hip thrust: an entry already in your log keeps its exercise "
        "(/edit cannot change it either). To move it, /delete 1 and /log it again as B-stance hip thrust."
    )
    [entry] = entries(me)
    assert entry.exercise == "hip_thrust" and reps(me) == [[8, 8, 8]]


async def test_an_emptied_note_is_listed_and_accept_all_keeps_it(me: Chat, tmp_path: Path) -> None:
    path = await _exported(me, tmp_path, ("/log hip thrust 3x8 100kg -- knee hurts",), _note_emptied)
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    text = plain(preview.text)
    assert (
        "1 entry already in your log has another note in this file:\n"
        "• #1 Hip thrust, Mon 30 Nov 2026: note “knee hurts” in your log, none in the file\n"
        "“Accept all” keeps your log's note; “Accept, update it” puts the file's in its place "
        "(/undo takes it back)."
    ) in text, text
    assert buttons(preview) == [["Accept all", "Change one"], ["Accept, update it"], ["Cancel"]]
    [done] = await me.press(preview, "Accept all")
    assert plain(done.text) == (
        "Imported 0 sets (0 entries).\n"
        "1 entry already in your log has another note in the file and was kept as it is: "
        "#1 Hip thrust (Mon 30 Nov 2026). To take the file's note, send it again and press “Accept, update it”."
    )
    assert entries(me) == before and before[0].note == "knee hurts"


async def test_an_emptied_note_is_updated_and_undo_takes_it_back(me: Chat, tmp_path: Path) -> None:
    path = await _exported(me, tmp_path, ("/log hip thrust 3x8 100kg -- knee hurts",), _note_emptied)
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    [done] = await me.press(preview, "Accept, update it")
    assert plain(done.text) == (
        "Imported 0 sets (0 entries).\n"
        "Updated 1 entry in your log to the file's note: #1 Hip thrust (Mon 30 Nov 2026). /undo takes it back."
    )
    [entry] = entries(me)
    assert entry.note == "" and (entry.id, entry.at, entry.sets) == (
        before[0].id,
        before[0].at,
        before[0].sets,
    )
    [preview] = await me.say(f"/import {path}")  # now all of it is in the log
    assert buttons(preview) == [["Accept all", "Change one"], ["Cancel"]]
    await one(me, "/undo")
    assert entries(me) == before


async def test_a_moved_date_is_listed_kept_or_moved_never_added_twice(me: Chat, tmp_path: Path) -> None:
    day = ("/log back squat 3x5 100kg yesterday", "/log hip thrust 3x8 100kg")
    path = await _exported(me, tmp_path, day, _squat_a_day_earlier)
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    text = plain(preview.text)
    assert (
        "1 entry already in your log has another date in this file:\n"
        "• #1 Back squat: Sun 29 Nov 2026 in your log, Sat 28 Nov 2026 in the file\n"
        "“Accept all” keeps your log's date; “Accept, update it” puts the file's in its place "
        "(/undo takes it back)."
    ) in text, text
    [kept] = await me.press(preview, "Accept all")
    assert plain(kept.text) == (
        "Imported 0 sets (0 entries).\n"
        "3 sets were already in your log and left as they were.\n"
        "1 entry already in your log has another date in the file and was kept as it is: "
        "#1 Back squat (Sun 29 Nov 2026). To take the file's date, send it again and press “Accept, update it”."
    )
    assert entries(me) == before

    [preview] = await me.say(f"/import {path}")
    [moved] = await me.press(preview, "Accept, update it")
    assert plain(moved.text) == (
        "Imported 0 sets (0 entries).\n"
        "3 sets were already in your log and left as they were.\n"
        "Updated 1 entry in your log to the file's date: #1 Back squat (Sat 28 Nov 2026). /undo takes it back."
    )
    squat, hip = entries(me)
    assert (squat.id, squat.sets, squat.at) == (1, before[0].sets, before[0].at - timedelta(days=1))
    assert hip == before[1] and squat.at.tzinfo is not None and squat.at < datetime(2026, 11, 29, tzinfo=UTC)
    await one(me, "/undo")
    assert entries(me) == before


async def test_an_export_from_before_the_note_column_leaves_notes_alone(me: Chat, tmp_path: Path) -> None:
    path = await _exported(
        me, tmp_path, ("/log hip thrust 3x8 100kg -- knee hurts",), lambda r: r.pop("note")
    )
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    assert "another note" not in plain(preview.text)
    assert buttons(preview) == [["Accept all", "Change one"], ["Cancel"]]
    [done] = await me.press(preview, "Accept all")
    assert (
        plain(done.text)
        == "Imported 0 sets (0 entries).\n3 sets were already in your log and left as they were."
    )
    assert entries(me) == before and before[0].note == "knee hurts"

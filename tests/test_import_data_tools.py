"""A clean-clone tester's faults in /import (the data tools), on the console chat through the real
dispatch: an export saved as UTF-16 not read, a 10,000-character name printed in full in the preview,
control and direction characters kept from a note, and an export's own exercise renamed by the round
trip."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest

from coaching.export import COLUMNS
from coaching.imports import hevy_header
from core.markup import plain
from tests.conftest import Chat
from tests.test_import import stored
from tests.test_import_bounds import _coach_row, _csv

BOB = "console:bob"


async def _exported(chat: Chat, *lines: str) -> str:
    for line in lines:
        [logged] = await chat.say(line)
        assert plain(logged.text).startswith("Logged"), logged.text
    [export] = await chat.say("/export")
    assert export.file is not None
    return export.file.data.decode("utf-8")


# -- 1: UTF-16 and UTF-8 with a byte-order mark ---------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, ","),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\t"),  # Excel's "Unicode text": UTF-16 LE, tabs
        ("utf-16-be", codecs.BOM_UTF16_BE, ","),
        ("utf-8", codecs.BOM_UTF8, ","),
    ],
)
async def test_our_export_saved_as_utf16_or_utf8_with_bom_imports(
    app, chat, tmp_path: Path, encoding: str, bom: bytes, delimiter: str
) -> None:
    text = await _exported(chat, "/log hip thrust 3x10 80kg -- felt strong")
    path = tmp_path / "coach-log.txt"
    path.write_bytes(bom + text.replace(",", delimiter).encode(encoding))

    bob = Chat(app, user=BOB, chat="bob")
    [preview] = await bob.say(f"/import {path}")
    assert plain(preview.text).startswith("This coach's export “coach-log.txt”: 3 sets of 1 exercise"), (
        preview.text
    )
    [done] = await bob.press(preview, "Accept all")
    assert plain(done.text).startswith("Imported 3 sets (1 entry).")
    [entry] = stored(app, BOB)
    assert (entry.exercise, entry.note, [(s.reps, s.load) for s in entry.sets]) == (
        "hip_thrust",
        "felt strong",
        [(10, 80)] * 3,
    )


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + "date_utc,entry_id".encode("utf-16-le") + b"\x00",  # cut off mid-character
        "date_utc,entry_id,exercise_id\n".encode("utf-16-le"),  # UTF-16 without its byte-order mark
    ],
    ids=["broken-utf16", "utf16-without-bom"],
)
async def test_a_file_whose_text_cannot_be_read_says_the_encoding_is_the_problem(
    app, chat, tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    [reply] = await chat.say(f"/import {path}")
    text = plain(reply.text)
    assert "don't recognise" not in text
    assert text.startswith("I can't read the text of this file: its encoding is not one I know."), text
    assert "save it as CSV UTF-8" in text
    assert stored(app) == []


# -- 3: control and direction characters in imported text ---------------------------------------------

# A NUL, an escape (C0), a CSI (C1), a right-to-left override with its pop, and an isolate pair.
DIRTY_NOTE = "felt\x00 good \u202eysae\u202c\x1b[31m ok\x9b \u2066fine\u2069"


async def test_an_imported_note_keeps_no_control_or_direction_characters_as_log_keeps_none(
    app, chat, tmp_path: Path
) -> None:
    # What /log keeps of the same note typed: the imported one must come back the same.
    [logged] = await chat.say(f"/log hip thrust 3x10 80kg -- {DIRTY_NOTE}")
    assert plain(logged.text).startswith("Logged")
    [typed] = stored(app)
    assert typed.note == "felt good ysae[31m ok fine"

    path = tmp_path / "notes.csv"
    path.write_text(
        _csv(COLUMNS, [_coach_row(note=DIRTY_NOTE), _coach_row(set_number=2, note=DIRTY_NOTE)]),
        encoding="utf-8",
    )
    bob = Chat(app, user=BOB, chat="bob")
    [preview] = await bob.say(f"/import {path}")
    [done] = await bob.press(preview, "Accept all")
    assert plain(done.text).startswith("Imported 2 sets (1 entry).")
    [entry] = stored(app, BOB)
    assert entry.note == typed.note

    history = await bob.text("/history")
    assert "(felt good ysae[31m ok fine)" in history, history
    [export] = await bob.say("/export")
    assert export.file is not None
    exported = export.file.data.decode("utf-8")
    assert {r["note"] for r in csv.DictReader(io.StringIO(exported))} == {typed.note}
    for bad in ("\x00", "\x1b", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069"):
        assert bad not in history and bad not in exported, repr(bad)


async def test_a_hevy_note_and_workout_title_lose_their_control_characters(app, chat, tmp_path: Path) -> None:
    row = {
        "title": "Leg\u202e day", "start_time": "20 Nov 2026, 18:00", "exercise_title": "Hip Thrust (Barbell)",
        "exercise_notes": DIRTY_NOTE, "set_index": 0, "set_type": "normal", "weight_kg": 80, "reps": 10,
    }  # fmt: skip
    path = tmp_path / "hevy.csv"
    path.write_text(_csv(hevy_header(), [row]), encoding="utf-8")
    [preview] = await chat.say(f"/import {path}")
    await chat.press(preview, "Accept all")
    [entry] = stored(app)
    assert entry.note == "felt good ysae[31m ok fine"


# -- 2: what a file says is echoed bounded ---------------------------------------------------------------

LONG = "B" * 10_000


async def test_a_10000_character_name_is_shown_as_it_will_be_stored_in_every_import_reply(
    app, chat, tmp_path: Path
) -> None:
    row = {
        "title": "A", "start_time": "20 Nov 2026, 18:00", "exercise_title": LONG, "set_index": 0,
        "set_type": "normal", "weight_kg": 80, "reps": 10,
    }  # fmt: skip
    path = tmp_path / "hevy.csv"
    path.write_text(_csv(hevy_header(), [row]), encoding="utf-8")
    [preview] = await chat.say(f"/import {path}")
    text = plain(preview.text)
    kept = "B" * 60  # what is stored: an own exercise's name is at most 60 characters
    assert f"• {kept}… → your own exercise “{kept}” (1 set)" in text, text
    assert max(len(line) for line in text.splitlines()) < 200 and len(text) < 1000

    [change] = await chat.press(preview, "Change one")
    assert all(len(b.label) <= 40 for row in change.buttons for b in row)
    [pick] = await chat.press(change, change.buttons[0][0].label)
    assert plain(pick.text).startswith(f"“{kept}…” now maps to your own exercise “{kept}”."), pick.text
    assert len(plain(pick.text)) < 200

    [done] = await chat.press(preview, "Accept all")
    assert plain(done.text).startswith("Imported 1 set (1 entry).")
    assert [e.exercise for e in stored(app)] == [kept]
    history = await chat.text("/history")
    assert f"#1 {kept}: 1 × 10 @ 80 kg" in history and "B" * 61 not in history


async def test_a_name_with_direction_characters_is_shown_without_them(app, chat, tmp_path: Path) -> None:
    row = {
        "title": "A", "start_time": "20 Nov 2026, 18:00", "exercise_title": "Sled\u202e push\x00",
        "set_index": 0, "set_type": "normal", "weight_kg": 80, "reps": 10,
    }  # fmt: skip
    path = tmp_path / "hevy.csv"
    path.write_text(_csv(hevy_header(), [row]), encoding="utf-8")
    [preview] = await chat.say(f"/import {path}")
    assert "• Sled push → your own exercise “Sled push” (1 set)" in plain(preview.text), preview.text


# -- 4: the round trip gives back names as the user had them -------------------------------------------


async def test_export_then_import_gives_back_own_exercises_names_exactly(app, chat, tmp_path: Path) -> None:
    for line in ("/exercise add reverse hyper accessory", "/exercise add Sled Push compound"):
        assert "Added" in await chat.text(line), line
    text = await _exported(
        chat, "/log reverse hyper 3x15 20kg", "/log sled push 2x20 40kg", "/log hip thrust 3x10 80kg"
    )
    path = tmp_path / "coach-log.csv"
    path.write_text(text, encoding="utf-8")
    before = [(r["exercise_id"], r["exercise"]) for r in csv.DictReader(io.StringIO(text))]
    assert ("custom_reverse_hyper", "reverse hyper") in before and ("custom_sled_push", "Sled Push") in before

    bob = Chat(app, user=BOB, chat="bob")
    [preview] = await bob.say(f"/import {path}")
    assert "• reverse hyper → your own exercise “reverse hyper” (3 sets)" in plain(preview.text), preview.text
    assert "• Sled Push → your own exercise “Sled Push” (2 sets)" in plain(preview.text)
    await bob.press(preview, "Accept all")

    history = await bob.text("/history")
    assert "reverse hyper: 3 × 15 @ 20 kg" in history and "Reverse hyper" not in history, history
    assert "Sled Push: " in history
    [again] = await bob.say("/export")
    assert again.file is not None
    after = [(r["exercise_id"], r["exercise"]) for r in csv.DictReader(io.StringIO(again.file.data.decode()))]
    assert after == before
    listing = await bob.text("/exercise")
    assert "reverse hyper" in listing and "Reverse hyper" not in listing, listing

"""A clean-clone tester's faults in /import (the data tools), on the console chat through the real
dispatch: an export saved as UTF-16 not read, a 10,000-character name printed in full in the preview,
control and direction characters kept from a note, and an export's own exercise renamed by the round
trip."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from core.markup import plain
from tests.conftest import Chat
from tests.test_import import stored

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

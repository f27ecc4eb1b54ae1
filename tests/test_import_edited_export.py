"""Our own /export imported back after a cell was corrected in a spreadsheet (a set's reps 7 → 8): the
entry is never added a second time. The preview lists it; "Accept all" keeps the log's sets, "Accept,
update it" puts the file's in their place, which /undo takes back. An unchanged export adds nothing, a
light set the export writes as a warm-up included. As the user sees it on the console chat."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from core.markup import plain
from core.messages import Reply
from domain.training import SetKind
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_logfix_tester import entries

DAY = (
    "/log hip thrust w 60x8, w 80x5 / 8,8,7 120kg",
    "/log hip thrust 1x12 60kg",  # lighter than the day's work: the export writes it as a warm-up
    "/log glute bridge 3x15 bw",
)


def buttons(reply: Reply) -> list[list[str]]:
    return [[b.label for b in row] for row in reply.buttons]


async def _exported(me: Chat, tmp_path: Path, correct: bool) -> Path:
    """The day logged and exported; ``correct``: its last hip thrust set's 7 reps made 8 in the file."""
    for line in DAY:
        assert (await one(me, line)).text.startswith("Logged"), line
    [export] = await me.say("/export")
    path = tmp_path / "coach-log-2026-11-30.csv"
    path.write_bytes(export.file.data)
    return _corrected(path) if correct else path


def reps(chat: Chat) -> list[list[int]]:
    return [[s.reps for s in e.sets if s.kind is SetKind.WORKING] for e in entries(chat)]


async def test_an_unchanged_export_with_a_light_set_adds_nothing(me: Chat, tmp_path: Path) -> None:
    path = await _exported(me, tmp_path, correct=False)
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    assert "other sets" not in plain(preview.text)
    assert buttons(preview) == [["Accept all", "Change one"], ["Cancel"]]
    [done] = await me.press(preview, "Accept all")
    assert plain(done.text).startswith("Imported 0 sets (0 entries).\n9 sets were already in your log")
    assert entries(me) == before  # the 1 × 12 @ 60 kg is not added again as a warm-up


async def test_a_corrected_rep_is_shown_and_accept_all_keeps_the_log(me: Chat, tmp_path: Path) -> None:
    path = await _exported(me, tmp_path, correct=True)
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    text = plain(preview.text)
    assert (
        "1 entry already in your log has other sets in this file:\n"
        "• #1 Hip thrust, Mon 30 Nov 2026: 8, 8, 7 @ 120 kg (+ 2 warm-up sets) in your log, "
        "3 × 8 @ 120 kg (+ 2 warm-up sets) in the file\n"
        "“Accept all” keeps your log's sets; “Accept, update it” puts the file's in their place "
        "(/undo takes it back)."
    ) in text, text
    assert buttons(preview) == [["Accept all", "Change one"], ["Accept, update it"], ["Cancel"]]
    assert entries(me) == before  # nothing until the user chooses

    [done] = await me.press(preview, "Accept all")
    assert plain(done.text) == (
        "Imported 0 sets (0 entries).\n"
        "4 sets were already in your log and left as they were.\n"
        "1 entry already in your log has other sets in the file and was kept as it is: "
        "#1 Hip thrust (Mon 30 Nov 2026). To take the file's sets, send it again and press "
        "“Accept, update it”."
    )
    assert entries(me) == before
    history = plain((await one(me, "/history")).text)
    assert "3 × 8 @ 120 kg" not in history and history.count("Hip thrust: 8, 8, 7 @ 120 kg") == 1


async def test_update_puts_the_files_sets_in_place_and_undo_takes_them_back(me: Chat, tmp_path: Path) -> None:
    path = await _exported(me, tmp_path, correct=True)
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    [done] = await me.press(preview, "Accept, update it")
    assert plain(done.text) == (
        "Imported 0 sets (0 entries).\n"
        "4 sets were already in your log and left as they were.\n"
        "Updated 1 entry in your log to the file's sets: #1 Hip thrust (Mon 30 Nov 2026). /undo takes it back."
    )
    assert len(entries(me)) == len(before)
    assert reps(me)[0] == [8, 8, 8]
    updated = entries(me)[0]
    assert (updated.id, updated.at, updated.note) == (before[0].id, before[0].at, before[0].note)
    history = plain((await one(me, "/history")).text)
    assert history.count("Hip thrust: 3 × 8 @ 120 kg") == 1 and "8, 8, 7" not in history

    # The same file again: now all of it is in the log.
    [preview] = await me.say(f"/import {path}")
    assert buttons(preview) == [["Accept all", "Change one"], ["Cancel"]]
    [again] = await me.press(preview, "Accept all")
    assert plain(again.text).startswith("Imported 0 sets (0 entries).\n9 sets were already in your log")

    undone = await one(me, "/undo")
    assert plain(undone.text).startswith("Undid your edit: entry #1 is back to Hip thrust 8, 8, 7 @ 120 kg")
    assert entries(me) == before


async def test_an_entry_imported_under_another_number_is_found_by_its_time_and_exercise(
    me: Chat, logapp, tmp_path: Path
) -> None:
    path = await _exported(me, tmp_path, correct=False)
    bob = Chat(logapp[0], user="console:bob", chat="bob")
    await one(bob, "/log kickback 3x12 10kg")  # #1: alice's entries come in as #2 to #4
    [preview] = await bob.say(f"/import {path}")
    await bob.press(preview, "Accept all")
    before = entries(bob, "console:bob")
    corrected = _corrected(path)
    [preview] = await bob.say(f"/import {corrected}")
    assert "• #2 Hip thrust, Mon 30 Nov 2026: 8, 8, 7 @ 120 kg" in plain(preview.text), plain(preview.text)
    [done] = await bob.press(preview, "Accept all")
    assert "kept as it is: #2 Hip thrust (Mon 30 Nov 2026)" in plain(done.text)
    assert entries(bob, "console:bob") == before


def _corrected(path: Path) -> Path:
    """``path``'s export with its one 7-rep set made 8."""
    rows = list(csv.reader(io.StringIO(path.read_text())))
    reps = rows[0].index("reps")
    [seven] = [r for r in rows[1:] if r[reps] == "7"]
    seven[reps] = "8"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    corrected = path.with_name("corrected.csv")
    corrected.write_text(out.getvalue())
    return corrected

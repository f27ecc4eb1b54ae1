"""Our own /export imported back after an entry's exercise was renamed in a spreadsheet (hip_thrust /
Hip thrust made glute_bridge / Glute bridge): the entry_id names a stored entry at that same second, so
it is that entry, never added as a second "Glute bridge" (the same sets counted twice in volume and
records). The preview lists it with the other changed entries and says it keeps its exercise, as /edit
does, and how to move it; "Accept, update it" still puts the file's sets and note in its place."""

from __future__ import annotations

from pathlib import Path

from core.markup import plain
from tests.conftest import Chat
from tests.test_import_edited_export import buttons, reps
from tests.test_import_reexport_changes import _exported
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_logfix_tester import entries

DAY = ("/log hip thrust w 60x8 / 100x10,10,10 (felt good)", "/log squat 3x5 100kg")
STAYS = (
    "#1 stays Hip thrust, not Glute bridge: an entry already in your log keeps its exercise "
    "(/edit cannot change it either)"
)
MOVE = "To move it, /delete 1 and /log it again as Glute bridge."


async def _renamed(
    me: Chat,
    tmp_path: Path,
    reps_: str = "10",
    note: str = "felt good",
    squat_reps: str = "5",
    day: tuple[str, ...] = DAY,
) -> Path:
    """The day logged and exported, entry 1 made a glute bridge in both exercise columns; its last set's
    reps (set 4, after the warm-up), its note and the squat's last set's reps as given."""

    def rename(row: dict[str, str]) -> None:
        assert {"entry_id", "exercise_id", "exercise", "set_number"} <= set(row)
        if row["entry_id"] == "1":
            row["exercise_id"], row["exercise"], row["note"] = "glute_bridge", "Glute bridge", note
            row["reps"] = reps_ if row["set_number"] == "4" else row["reps"]
        elif row["set_number"] == "3":
            row["reps"] = squat_reps

    return await _exported(me, tmp_path, day, rename)


async def test_a_renamed_entry_is_listed_and_kept_never_added_again(me: Chat, tmp_path: Path) -> None:
    path = await _renamed(me, tmp_path)
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    text = plain(preview.text)
    assert (
        "1 entry already in your log has another exercise in this file:\n"
        "• #1 Hip thrust, Mon 30 Nov 2026: Glute bridge in the file\n"
        f"{STAYS}. {MOVE}\n"
    ) in text, text
    assert buttons(preview) == [["Accept all", "Change one"], ["Cancel"]]  # nothing else to update
    [done] = await me.press(preview, "Accept all")
    assert plain(done.text) == (
        "Imported 0 sets (0 entries).\n"
        "3 sets were already in your log and left as they were.\n"
        "1 entry already in your log has another exercise in the file and was kept as it is: "
        f"#1 Hip thrust (Mon 30 Nov 2026).\n{STAYS}. {MOVE}"
    )
    assert entries(me) == before


async def test_a_renamed_entry_with_other_sets_and_note_is_updated_and_keeps_its_exercise(
    me: Chat, tmp_path: Path
) -> None:
    path = await _renamed(me, tmp_path, reps_="9", note="felt ok")
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    text = plain(preview.text)
    assert (
        "1 entry already in your log has other sets, another note or another exercise in this file:\n"
        "• #1 Hip thrust, Mon 30 Nov 2026: Glute bridge in the file; "
        "3 × 10 @ 100 kg (+ 1 warm-up set) in your log, 10, 10, 9 @ 100 kg (+ 1 warm-up set) in the file; "
        "note “felt good” in your log, “felt ok” in the file\n"
        "“Accept all” keeps your log's sets and note; “Accept, update it” puts the file's in their place "
        "(/undo takes it back).\n"
        f"{STAYS}; “Accept, update it” changes only its sets and note. {MOVE}\n"
    ) in text, text
    assert buttons(preview) == [["Accept all", "Change one"], ["Accept, update it"], ["Cancel"]]
    [done] = await me.press(preview, "Accept, update it")
    assert plain(done.text) == (
        "Imported 0 sets (0 entries).\n"
        "3 sets were already in your log and left as they were.\n"
        "Updated 1 entry in your log to the file's sets and note: #1 Hip thrust (Mon 30 Nov 2026). "
        f"/undo takes it back.\n{STAYS}. {MOVE}"
    )
    hip, squat = entries(me)
    assert (hip.id, hip.exercise, hip.note, hip.at) == (1, "hip_thrust", "felt ok", before[0].at)
    assert reps(me) == [[10, 10, 9], [5, 5, 5]] and squat == before[1]
    await one(me, "/undo")
    assert entries(me) == before


async def test_only_the_other_entrys_sets_are_updated_beside_a_renamed_one(me: Chat, tmp_path: Path) -> None:
    path = await _renamed(me, tmp_path, squat_reps="4")
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    text = plain(preview.text)
    assert (
        "2 entries already in your log have other sets or other exercises in this file:\n"
        "• #1 Hip thrust, Mon 30 Nov 2026: Glute bridge in the file\n"
        "• #2 Back squat, Mon 30 Nov 2026: 3 × 5 @ 100 kg in your log, 5, 5, 4 @ 100 kg in the file\n"
        "“Accept all” keeps your log's sets; “Accept, update it” puts the file's in their place "
        "(/undo takes it back).\n"
        f"{STAYS}. {MOVE}\n"  # its sets are the log's: the button changes nothing of it
    ) in text, text
    assert buttons(preview) == [["Accept all", "Change one"], ["Accept, update it"], ["Cancel"]]
    [done] = await me.press(preview, "Accept, update it")
    assert plain(done.text) == (
        "Imported 0 sets (0 entries).\n"
        "Updated 1 entry in your log to the file's sets: #2 Back squat (Mon 30 Nov 2026). /undo takes it back.\n"
        f"{STAYS}. {MOVE}"
    )
    hip, squat = entries(me)
    assert hip == before[0] and hip.exercise == "hip_thrust" and reps(me) == [[10, 10, 10], [5, 5, 4]]


async def test_a_renamed_entry_alone_in_its_export_is_not_added_again(me: Chat, tmp_path: Path) -> None:
    # No other entry of the file is where its entry_id says, so only its id, second and sets match.
    path = await _renamed(me, tmp_path, day=DAY[:1])
    before = entries(me)
    [preview] = await me.say(f"/import {path}")
    text = plain(preview.text)
    assert "• #1 Hip thrust, Mon 30 Nov 2026: Glute bridge in the file\n" in text, text
    assert f"{STAYS}. {MOVE}" in text, text
    [done] = await me.press(preview, "Accept all")
    assert plain(done.text).startswith("Imported 0 sets (0 entries)."), done.text
    assert entries(me) == before

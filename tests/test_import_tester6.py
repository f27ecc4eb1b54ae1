"""A tester's /import faults (round 6), on the console chat through the real dispatch: a 0-rep row
reported as cardio, skip reasons cut off after five, our own export's ids not read as /log reads them, a
lone side set changed by a round trip, and "1 set ... left as they were"."""

from __future__ import annotations

from pathlib import Path

from coaching.export import COLUMNS
from core.markup import plain
from domain.training import Side
from tests.test_import import stored
from tests.test_import_bounds import _coach_row, _csv


async def _preview(chat, path: Path) -> object:
    [preview] = await chat.say(f"/import {path}")
    return preview


async def test_a_zero_rep_row_is_skipped_as_a_set_with_0_reps_not_cardio(app, chat, tmp_path):
    path = tmp_path / "zero.csv"
    path.write_text(_csv(COLUMNS, [_coach_row(reps=0), _coach_row(entry_id=2, set_number=1, reps=8)]))
    text = plain((await _preview(chat, path)).text)
    assert "Skipped 1 row I could not take:\n• line 2: a set with 0 reps" in text, text
    assert "cardio" not in text


async def test_every_skip_reason_is_shown_once_with_its_rows(app, chat, tmp_path):
    bad = [
        {"reps": "x"},
        {"reps": 1000},
        {"weight": -5},
        {"rpe": 11},
        {"rir": 20},
        {"kind": "giant"},
        {"side": "up"},
        {"implements": 3},
    ]
    rows = [_coach_row(entry_id=10 + k, set_number=1, **cells) for k, cells in enumerate(bad)]
    rows += [_coach_row(entry_id=30 + k, set_number=1, reps=0) for k in range(4)]  # one reason, 4 rows
    rows.append(_coach_row(entry_id=99, set_number=1, reps=8))
    path = tmp_path / "many.csv"
    path.write_text(_csv(COLUMNS, rows))
    text = plain((await _preview(chat, path)).text)
    assert "Skipped 12 rows I could not take:" in text
    for line in (
        "• line 2: reps 'x' is not a number",
        "• line 3: reps 1000 is more than /log takes",
        "• line 4: weight '-5' is not a usable number",
        "• line 5: RPE 11 is outside /log's",
        "• line 6: RIR 20 is outside /log's",
        "• line 7: kind 'giant' is not a kind of set",
        "• line 8: side 'up' is neither left nor right",
        "• line 9: implements 3 is not 1 or 2",
        "• line 10: a set with 0 reps (and 3 more rows)",
    ):
        assert line in text, (line, text)
    assert "more\n" not in text and "… and" not in text


async def test_our_exports_exercise_ids_are_read_as_log_reads_them(app, chat, tmp_path):
    path = tmp_path / "rdl.csv"
    row = _coach_row(exercise_id="rdl", exercise="Romanian deadlift", reps=10, weight=60)
    path.write_text(_csv(COLUMNS, [row]))
    preview = await _preview(chat, path)
    # Shown by the name the user saw (the exercise column), matched by the id.
    assert "• Romanian deadlift → Romanian deadlift (1 set)" in plain(preview.text), plain(preview.text)
    [done] = await chat.press(preview, "Accept all")
    assert plain(done.text).startswith("Imported 1 set (1 entry).")
    [entry] = stored(app)
    assert entry.exercise == "romanian_deadlift"


async def test_a_lone_side_set_is_refused_with_its_reason_and_pairs_round_trip(app, chat, tmp_path):
    bss = {"exercise_id": "bulgarian_split_squat", "exercise": "Bulgarian split squat", "weight": 12}
    path = tmp_path / "lone.csv"
    path.write_text(_csv(COLUMNS, [_coach_row(reps=10, side="left", **bss)]))
    text = plain((await _preview(chat, path)).text)
    assert "• line 2: a set on the left side only: /log keeps sides as left/right pairs" in text, text
    assert stored(app) == []
    # what /log writes per side comes back from /export and /import as it was
    await chat.say("/log bulgarian split squat 10,9 each side 12kg")
    [export] = await chat.say("/export")
    before = [(s.reps, s.side) for s in stored(app)[0].sets]
    assert before == [(10, Side.LEFT), (9, Side.RIGHT)]
    [erase] = await chat.say("/undo")  # the log empty again: the export's sets are imported anew
    assert stored(app) == [], plain(erase.text)
    again = tmp_path / "again.csv"
    again.write_bytes(export.file.data)
    [done] = await chat.press(await _preview(chat, again), "Accept all")
    assert [(s.reps, s.side) for s in stored(app)[0].sets] == before, plain(done.text)
    [export2] = await chat.say("/export")
    strip = lambda data: [line.split(",")[2:] for line in data.decode().splitlines()]  # noqa: E731
    assert strip(export2.file.data) == strip(export.file.data)


async def test_one_set_already_in_the_log_is_said_in_the_singular(app, chat, tmp_path):
    path = tmp_path / "one.csv"
    path.write_text(_csv(COLUMNS, [_coach_row(reps=8)]))
    await chat.press(await _preview(chat, path), "Accept all")
    [done] = await chat.press(await _preview(chat, path), "Accept all")
    assert "1 set was already in your log and left as it was." in plain(done.text), plain(done.text)

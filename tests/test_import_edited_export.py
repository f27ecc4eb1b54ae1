"""Our own /export imported back: an unchanged export adds nothing, a light set the export writes as a
warm-up included. As the user sees it on the console chat."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from core.markup import plain
from core.messages import Reply
from domain.training import SetKind
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401

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
    rows = list(csv.reader(io.StringIO(export.file.data.decode())))
    reps = rows[0].index("reps")
    if correct:
        [seven] = [r for r in rows[1:] if r[reps] == "7"]
        seven[reps] = "8"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / "coach-log-2026-11-30.csv"
    path.write_text(out.getvalue())
    return path


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

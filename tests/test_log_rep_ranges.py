"""Numbers joined by dashes in /log: a programme's rep range copied in ("4x8-10") is told to log the reps
done, a range of loads the load lifted, dashed reps to use commas, a month-day a date to write plainly.
Testers 15 and 16 saw "Weight and reps must be more than 0" (the "-10" was read as a change of -10)."""

from __future__ import annotations

import pytest

from core.markup import plain
from tests.conftest import Chat


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("hip thrust 4x8-10 80kg", "8-10 is a rep range: log the reps you did, like 4x10."),
        ("hip thrust 3X8–12 80kg", "8-12 is a rep range: log the reps you did, like 3x12."),
        ("hip thrust 80kg 8-10", "8-10 is a rep range: log the reps you did, like 10,10,8."),
        ("hip thrust 80kg x 8-10", "8-10 is a rep range: log the reps you did, like 10,10,8."),
        ("hip thrust 80kg 10-9", "Write each set's reps with commas, like 10,9, not 10-9."),
        # Tester 16: these still said "Weight and reps must be more than 0", or read a date as a range.
        ("hip thrust 10-10-10 80kg", "Write each set's reps with commas, like 10,10,10, not 10-10-10."),
        ("hip thrust 80-100kg 3x8", "80-100kg is a range of loads: log the load you lifted, like 3x8 100kg."),
        ("hip thrust 8-10 @ 80kg", "8-10 is a rep range: log the reps you did, like 10,10,8."),
        (
            "hip thrust 3x10 80kg 11-25",
            "'11-25' looks like a date: write the date like 25 nov or 2026-11-25.",
        ),
    ],
)
async def test_a_rep_range_is_refused_with_how_to_log_the_reps_done(
    chat: Chat, typed: str, said: str
) -> None:
    [reply] = await chat.say(f"/log {typed}")
    assert plain(reply.text).startswith(said), reply.text
    assert "Nothing was logged" in plain(reply.text)
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    assert store.entries(store.account_of(chat.user)) == []


@pytest.mark.parametrize(
    "typed", ["hip thrust 3x10 80kg 2026-11-20", "hip thrust 3x10 80kg (8-10 next time)"]
)
async def test_a_dashed_date_or_a_range_in_a_note_still_logs(chat: Chat, typed: str) -> None:
    [reply, *_] = await chat.say(f"/log {typed}")
    assert plain(reply.text).startswith("Logged Hip thrust: 3 × 10 @ 80 kg."), reply.text

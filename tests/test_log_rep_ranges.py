"""A programme's rep range copied into /log ("4x8-10") gets told to log the reps done; tester 15 saw
"Weight and reps must be more than 0", because the "-10" was read as a change of -10."""

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

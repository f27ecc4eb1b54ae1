"""Next-target defect a demanding lifter found (round n2), on the /log card's "Next time:" line: the
target and its reason used entries of the day it was not built on (the back-offs of a scheme logged
again, better; a day at two loads logged again added up at one load).
"""

from __future__ import annotations

from tests.conftest import Chat, Clock
from tests.test_n2_lighter_day import NOW, card

# --------------------------------------------------------------------------- 4. what the reason cites


async def test_the_back_offs_cited_are_those_of_the_work_the_target_follows(chat: Chat, clock: Clock) -> None:
    """The same scheme logged twice in a day is read by its best entry (the latest of equals). Was: its
    back-offs and the other entry's too, "back-offs after them: the same 12 reps at 80 kg, one more rep
    at 70 kg", the 80 kg back-off from the entry the working sets were not read from."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 100kg, backoff 1x12 80kg 2026-11-28")
    line = await card(chat, "/log hip thrust 3x10 100kg, backoff 1x10 70kg 2026-11-28")
    assert line == (
        "Next time: 3 × 11 @ 100 kg, 1 × 11 @ 70 kg. Same 100 kg: one more rep on each set below 12;"
        " back-offs after them: one more rep at 70 kg."
    ), line


async def test_a_day_at_two_loads_logged_again_is_read_by_its_best_entry(chat: Chat, clock: Clock) -> None:
    """Was: "Next time: 9, 9, 10, 10 @ 90 kg. Same 90 kg": the 90 kg sets of both entries added up into
    four sets, the 80 kg sets left out, and the reason citing neither entry's day. The second entry, the
    better one, goes on at both loads."""
    clock.now = NOW
    await chat.text("/log hip thrust 3x10 80kg, 2x8 90kg 2026-11-28")
    line = await card(chat, "/log hip thrust 3x10 80kg, 2x9 90kg 2026-11-28")
    assert line.startswith(
        "Next time: 3 × 11 @ 80 kg, 2 × 10 @ 90 kg. Your sets at 80 kg and 90 kg go on: one more rep"
    ), line

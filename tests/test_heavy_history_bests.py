"""A long history (an imported five-year log) folds the bests of all its lifts on its first /log after
a start (handlers/logbook.py, `_fold_other_lifts`). The records another lift's card then shows are the
ones its whole history gives, also when that lift changed between the fold and its /log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.training import Entry, straight_sets
from tests.conftest import Chat
from tests.test_log_flow import ME, clock_fixture, logapp_fixture, me_fixture, one, store  # noqa: F401

LONG = 300  # over the history length from which all lifts are folded at once


async def _long_history(me: Chat) -> None:
    await me.say("/log glute bridge 3x12")  # the account exists
    account = store(me).account_of(ME)
    start = datetime(2025, 1, 1, 17, tzinfo=UTC)
    thrusts = [
        Entry("hip_thrust", straight_sets((10, 10, 10), 100.0, "kg"), start + timedelta(days=i))
        for i in range(LONG)
    ]
    squats = [
        Entry("back_squat", straight_sets((5, 5, 5), 80.0 + 5 * i, "kg"), start + timedelta(days=i, hours=1))
        for i in range(5)  # the best: 100 kg
    ]
    store(me).add_entries(account, thrusts + squats)


async def test_another_lifts_records_after_the_long_history_was_folded(me: Chat) -> None:
    await _long_history(me)
    await me.say("/log hip thrust 3x10 100kg")  # the first /log of the long history: all lifts folded
    heavier = await one(me, "/log back squat 3x5 105kg")
    assert "🏆 PR: heaviest load" in heavier.text
    lighter = await one(me, "/log back squat 3x5 102.5kg")
    assert "PR" not in lighter.text


async def test_a_set_logged_between_the_fold_and_the_lifts_next_log_counts(me: Chat) -> None:
    await _long_history(me)
    await me.say("/log hip thrust 3x10 100kg")  # back squat folded: best 100 kg
    record = await one(me, "/log back squat 3x5 120kg yesterday")
    assert "🏆 PR" in record.text
    # 110 kg beats the folded 100 kg, not yesterday's 120 kg: no record.
    today = await one(me, "/log back squat 3x5 110kg")
    assert "PR" not in today.text

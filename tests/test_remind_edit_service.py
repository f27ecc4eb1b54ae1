"""/remind edit and the Replace button go through services/schedules.py: storage and the reminder index
change both or neither (the harness of tests/test_services.py: a store or an index that fails on
purpose; the reminder check runs on the injected clock)."""

from __future__ import annotations

from tests.test_services import (  # noqa: F401 - h is the harness fixture
    ME,
    NOTHING_CHANGED,
    FaultyIndex,
    Harness,
    h,
)


async def test_index_failing_on_edit_restores_the_row_and_it_still_fires(h: Harness):  # noqa: F811
    faulty = FaultyIndex(h.app.reminders, failing=True)
    h.app.ctx.reminders = faulty
    [reply] = await h.me.say("/remind edit 1 07:00 gap 1h")
    assert NOTHING_CHANGED in reply.text
    h.store.sync()
    [schedule] = h.store.schedules(ME)
    assert (schedule.time, schedule.gap) == ("18:00", 10)
    assert await h.activations_at_six() == ["Time to activate"]

    faulty.failing = False
    [ok] = await h.me.say("/remind edit 1 07:00 gap 1h")
    assert "Reminder #1 changed: daily at 07:00 (UTC), lift 1 h later" in ok.text


async def test_storage_failing_on_edit_changes_nothing(h: Harness):  # noqa: F811
    h.store.failing.add("update_schedules")
    [reply] = await h.me.say("/remind edit 1 07:00")
    assert NOTHING_CHANGED in reply.text
    h.store.failing.clear()
    assert [s.time for s in h.store.schedules(ME)] == ["18:00"]
    assert await h.activations_at_six() == ["Time to activate"]


async def test_an_edited_time_already_past_today_is_not_caught_up_as_missed(h: Harness):  # noqa: F811
    h.clock.now = h.clock.now.replace(hour=18, minute=5)
    [ok] = await h.me.say("/remind edit 1 18:01")  # four minutes ago, within the catch-up grace
    assert "Next: Tue 24 Nov 18:01" in ok.text
    await h.app.reminders.check()
    assert h.pushes.to(ME) == []

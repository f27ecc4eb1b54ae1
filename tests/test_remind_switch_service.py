"""Switching a reminder off and on, and a Replace that keeps the other days, go through
services/schedules.py: storage and the reminder index change both or neither (the harness of
tests/test_services.py: an index that fails on purpose; the reminder check runs on the injected clock)."""

from __future__ import annotations

from tests.test_services import (  # noqa: F401 - h is the harness fixture
    ME,
    NOTHING_CHANGED,
    FaultyIndex,
    Harness,
    h,
)


async def test_index_failing_on_off_keeps_the_reminder_on_and_it_still_fires(h: Harness):  # noqa: F811
    faulty = FaultyIndex(h.app.reminders, failing=True)
    h.app.ctx.reminders = faulty
    [reply] = await h.me.say("/remind off 1")
    assert NOTHING_CHANGED in reply.text
    h.store.sync()
    [schedule] = h.store.schedules(ME)
    assert not schedule.off
    assert await h.activations_at_six() == ["Time to activate"]


async def test_off_is_stored_and_indexed_and_on_brings_it_back(h: Harness):  # noqa: F811
    [off] = await h.me.say("/remind off 1")
    assert "Reminder #1 is off" in off.text
    h.store.sync()
    assert h.store.schedules(ME)[0].off
    assert await h.activations_at_six() == []
    [on] = await h.me.say("/remind on 1")
    assert (
        "Reminder #1 is on again: daily at 18:00 (UTC), lift 10 min later. Next: Tue 24 Nov 18:00" in on.text
    )
    h.clock.now = h.clock.now.replace(day=24)
    assert await h.activations_at_six() == ["Time to activate"]


async def test_index_failing_on_a_partial_replace_changes_nothing(h: Harness):  # noqa: F811
    [offer] = await h.me.say("/remind mon 18:00 gap 20m")
    assert (
        "Replace: #1 keeps Tue, Wed, Thu, Fri, Sat, Sun at 18:00, and Mon at 18:00 becomes a new"
        in offer.text
    )
    faulty = FaultyIndex(h.app.reminders, failing=True)
    h.app.ctx.reminders = faulty
    [reply] = await h.me.press(offer, "Replace #1")
    assert NOTHING_CHANGED in reply.text
    h.store.sync()
    assert [(s.id, s.days, s.gap) for s in h.store.schedules(ME)] == [(1, tuple(range(7)), 10)]
    assert await h.activations_at_six() == ["Time to activate"]  # Monday: #1 still fires, once

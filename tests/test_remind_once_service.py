"""One-off reminders in the reminder service: the same Due timeline, claimed per message, at most once
and restart-safe; once its lift is claimed (or sent early by its button) the schedule is removed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.test_reminders import MONDAY, Env, at

TUESDAY = MONDAY + timedelta(days=1)


@pytest.fixture(name="env")
async def env_fixture(tmp_path):
    env = Env(tmp_path / "data")
    yield env
    for service in env.services:
        await service.shutdown()


def one_off(env: Env, **fields):
    # Tuesday 3 March 2026, 18:00 in Amsterdam (17:00 UTC).
    return env.schedule(days=(1,), once="2026-03-03", **fields)


async def test_a_one_off_fires_on_its_date_only_then_is_removed(env: Env):
    s = one_off(env, gap=15)
    service = await env.service()
    await service.start()
    assert service.next_occurrence(s).isoformat() == "2026-03-03T18:00:00+01:00"
    assert await service.run_due(at(MONDAY, 17)) == 0  # Monday: not its date
    assert await service.run_due(at(TUESDAY, 17)) == 1
    assert await service.run_due(at(TUESDAY, 17, 15)) == 1
    assert env.outbox.texts() == [f"activation {s.uid} 2026-03-03", f"lift {s.uid} 2026-03-03"]
    env.store.sync()
    assert env.store.get_schedule(s.account, s.id) is None  # gone from the file too
    assert service.schedule_count() == 0
    assert await service.run_due(at(TUESDAY + timedelta(days=7), 17)) == 0  # next Tuesday: nothing


async def test_a_restart_between_activation_and_lift_sends_the_lift_once(env: Env):
    s = one_off(env, gap=10)
    service = await env.service()
    await service.start()
    env.clock.now = at(TUESDAY, 17)
    assert await service.run_due(env.clock.now) == 1
    env.clock.now = at(TUESDAY, 17, 5)
    service = await env.restart()  # the pending lift is in the row
    env.clock.now = at(TUESDAY, 17, 10)
    assert await service.run_due(env.clock.now) == 1
    env.clock.now = at(TUESDAY, 17, 11)
    service = await env.restart()
    assert await service.run_due(at(TUESDAY, 17, 20)) == 0
    assert env.outbox.texts() == [f"activation {s.uid} 2026-03-03", f"lift {s.uid} 2026-03-03"]
    assert env.store.get_schedule(s.account, s.id) is None


async def test_at_start_a_finished_or_missed_one_off_is_removed_and_nothing_is_sent(env: Env):
    finished = one_off(env, last_activation="2026-03-03", last_lift="2026-03-03")  # crash before removal
    missed = env.schedule(days=(0,), once="2026-03-02", time="08:00")  # Monday 08:00, bot was down
    weekly = env.schedule(time="07:00")
    env.clock.now = at(TUESDAY, 17, 30)
    service = await env.service()
    await service.start()
    assert env.outbox.sent == []
    assert [x.id for x in env.store.schedules(finished.account)] == [weekly.id]
    assert missed.id != weekly.id and service.schedule_count() == 1


async def test_the_activation_done_button_ends_a_one_off(env: Env):
    s = one_off(env, gap=30)
    service = await env.service()
    await service.start()
    env.clock.now = at(TUESDAY, 17)
    await service.run_due(env.clock.now)
    reply = await service.lift_now(s.account, s.id, "2026-03-03")
    assert reply is not None and reply.text == f"lift {s.uid} 2026-03-03"
    assert env.store.get_schedule(s.account, s.id) is None
    assert await service.run_due(at(TUESDAY, 17, 30)) == 0  # the scheduled lift is not sent too
    assert await service.lift_now(s.account, s.id, "2026-03-03") is None


async def test_a_gap_of_three_hours_is_kept_not_clamped(env: Env):
    s = env.schedule(gap=180)
    service = await env.service()
    await service.start()
    await service.run_due(at(MONDAY, 17))
    assert env.row(s).pending_lift_at == "2026-03-02T20:00:00+00:00"

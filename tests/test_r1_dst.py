"""A restart just after a spring-forward firing catches it up like any other (reminders/occurrences.py:
CronTrigger, asked from a start after the skipped local time, jumped to the next day)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.test_reminders import AMS, Env
from tests.test_reminders import env as env  # noqa: F401 - a pytest fixture


async def test_a_restart_within_grace_after_a_spring_forward_firing_sends_it_once(env: Env):
    # 02:30 does not exist in Amsterdam on 2026-03-29: it fires at 03:30 summer time (01:30 UTC).
    s = env.schedule(time="02:30", timezone=AMS, gap=5)
    env.clock.now = datetime(2026, 3, 29, 1, 40, tzinfo=UTC)  # down over it; 10 minutes late
    service = await env.restart()
    assert env.outbox.texts() == [f"activation {s.uid} 2026-03-29"]
    assert await service.run_due(env.clock.now + timedelta(minutes=5)) == 1  # its lift
    env.clock.now += timedelta(minutes=10)
    await env.restart()  # and once: a second start finds it recorded
    assert env.outbox.texts() == [f"activation {s.uid} 2026-03-29", f"lift {s.uid} 2026-03-29"]


async def test_a_check_far_apart_still_catches_a_spring_forward_firing_within_grace(env: Env):
    s = env.schedule(time="02:30", timezone=AMS, gap=5)
    service = await env.service()
    await service.start()
    assert await service.run_due(datetime(2026, 3, 27, 12, tzinfo=UTC)) == 0
    # The checks before it were missed (a host asleep): 01:45 UTC is 15 minutes after it.
    assert await service.run_due(datetime(2026, 3, 29, 1, 45, tzinfo=UTC)) == 1
    assert env.outbox.texts() == [f"activation {s.uid} 2026-03-29"]

"""Conversation first (core.conversation): the reminder fan-out claims no group while a command is
being answered, and is never starved by commands that keep coming.

Why: at a busy minute each group's claim composes its messages from the users' logs (tens of ms of the
loop at 100k schedules) and the eight lanes each ran one whenever their write was durable, so a /log
waiting for its own fsync was resumed only after all of them (bench.scale_bench: /log p99 402 ms in the
run whose timed /logs crossed a quarter hour). These tests assert the order of events, never time.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from core.conversation import Conversation
from core.messages import Reply, Target
from core.router import Delivery
from storage.models import Schedule

EVENING = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # the fixture clock's Monday, 18:00 UTC


async def spin(times: int = 100) -> None:
    for _ in range(times):
        await asyncio.sleep(0)


async def test_the_fan_out_waits_for_a_log_in_flight(app, chat, monkeypatch):
    sent: list[Target] = []

    async def outbox(target: Target, reply: Reply) -> Delivery:
        sent.append(target)
        return Delivery.OK

    app.router.register("telegram", outbox)
    schedule = app.store.add_schedule(
        Schedule(
            account="telegram:5", target="telegram:5", days=tuple(range(7)), time="18:00", timezone="UTC"
        )
    )
    app.reminders.add(schedule)
    await chat.say("/log hip thrust 3x10 60kg")  # her first entry: the next one is a journal line

    # Her next /log is held where it waits for its journal line to be durable (Store.flush).
    real_flush, release, held = app.store.flush, asyncio.Event(), asyncio.Event()

    async def flush() -> None:
        if not held.is_set():
            held.set()
            await release.wait()
        await real_flush()

    monkeypatch.setattr(app.store, "flush", flush)
    log = asyncio.create_task(chat.say("/log hip thrust 3x10 62.5kg"))
    await held.wait()
    due = asyncio.create_task(app.reminders.run_due(EVENING))
    await spin()
    # Nothing claimed (so nothing composed) while the /log is being answered.
    assert app.ctx.conversation.in_flight == 1
    assert app.store.get_schedule("telegram:5", schedule.id).last_activation == ""
    assert sent == [] and not due.done()

    release.set()
    await log
    assert [e.sets[0].load for e in app.store.entries("console:alice")] == [60.0, 62.5]
    assert await due == 1  # then the fan-out goes on, once the /log is answered
    assert sent == [Target("telegram", "5")]
    assert app.store.get_schedule("telegram:5", schedule.id).last_activation == "2026-11-23"
    assert app.ctx.conversation.gave_way >= 1


async def test_a_turn_is_immediate_with_no_command_in_flight():
    conversation = Conversation(patience=3600)
    await asyncio.wait_for(conversation.turn(), 60)
    assert conversation.gave_way == 0


async def test_a_turn_waits_for_the_command_to_end():
    conversation = Conversation(patience=3600)
    with conversation.command():
        turn = asyncio.create_task(conversation.turn())
        await spin()
        assert not turn.done()
    await asyncio.wait_for(turn, 60)  # (a bound on a hang, not a timing: patience is an hour)
    assert conversation.gave_way == 1


async def test_commands_that_keep_coming_do_not_starve_background_work():
    conversation = Conversation(patience=0.01)
    with conversation.command():  # never a quiet moment
        turns = [asyncio.create_task(conversation.turn()) for _ in range(3)]
        await asyncio.wait_for(asyncio.gather(*turns), 60)
        assert conversation.in_flight == 1
    assert conversation.gave_way == 3

"""Charts and exports off the event loop (issue 8, item 12): another user is answered while a chart is
drawn, one heavy job per user, a global cap. The renderer is made slow by a worker pool whose jobs wait
for the test to open a gate, so the tests assert the order of events, never durations."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest

from core.jobs import HeavyJobs, warm_worker
from tests.conftest import Chat, Clock
from tests.test_telegram import Coach, coach, fake  # noqa: F401  (fixtures)

PNG = b"\x89PNG\r\n\x1a\n"
DRAWING = "Your chart is still being drawn; it will arrive in a moment."


class GatedPool(ThreadPoolExecutor):
    """A worker pool whose jobs start, signal, then wait for ``gate``: a chart renderer made slow."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.gate = threading.Event()
        self.entered = threading.Semaphore(0)
        self.jobs: list[str] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if fn is warm_worker:
            return super().submit(fn)
        self.jobs.append(fn.__name__)
        return super().submit(self._held, fn, *args, **kwargs)

    def _held(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.entered.release()
        self.gate.wait(30)
        return fn(*args, **kwargs)

    async def wait_entered(self, count: int = 1) -> None:
        for _ in range(count):
            assert await asyncio.to_thread(self.entered.acquire, True, 30)


@pytest.fixture
def pool(app) -> GatedPool:
    gated = GatedPool(2)
    app.ctx.jobs = HeavyJobs(workers=2, executor_factory=lambda workers: gated)
    yield gated
    gated.gate.set()


async def _history(chat: Chat, clock: Clock, days: int = 5) -> None:
    for day in range(days):
        await chat.say(f"/log hip thrust 3x10 {80 + day}kg")
        clock.now += timedelta(days=1)


async def test_another_user_is_answered_while_a_chart_is_drawn(app, chat: Chat, clock, pool) -> None:
    await _history(chat, clock)
    first = asyncio.create_task(chat.say("/progress hip thrust"))
    await pool.wait_entered()  # the chart is in a worker now, held there

    bob = Chat(app, user="console:bob", chat="bob")
    [card] = await bob.say("/explain hip thrust")
    assert card.title == "Hip thrust"
    assert "Logged" in await bob.text("/log glute bridge 3x12")
    assert not first.done()

    # The same user again (the same chart, or an export): told it is coming, no second job.
    assert await chat.text("/progress hip thrust") == DRAWING
    assert await chat.text("/export") == DRAWING
    assert pool.jobs == ["progress_chart"]

    pool.gate.set()
    [reply] = await first
    assert reply.image is not None and reply.image.png.startswith(PNG)
    assert "5 sessions of Hip thrust" in reply.text
    # Done: the next one is drawn again.
    [again] = await chat.say("/export")
    assert again.file is not None and again.file.data.startswith(b"date_utc,")
    assert pool.jobs == ["progress_chart", "entries_csv"]


async def test_at_most_two_jobs_run_at_once(app, clock, pool) -> None:
    users = [Chat(app, user=f"console:u{n}", chat=f"u{n}") for n in range(4)]
    for user in users:
        await _history(user, clock, days=2)
    charts = [asyncio.create_task(user.say("/progress hip thrust")) for user in users]
    await pool.wait_entered(2)
    for _ in range(5):
        await asyncio.sleep(0)  # let the others reach the cap
    assert len(pool.jobs) == 2 and app.ctx.jobs.started == 2
    pool.gate.set()
    for done in await asyncio.gather(*charts):
        assert done[0].image is not None
    assert len(pool.jobs) == 4


async def test_a_failed_chart_frees_the_user(app, chat: Chat, clock) -> None:
    class Failing(ThreadPoolExecutor):
        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            if fn is warm_worker:
                return super().submit(fn)
            raise RuntimeError("no worker")

    await _history(chat, clock, days=2)
    app.ctx.jobs = HeavyJobs(workers=1, executor_factory=lambda n: Failing(n))
    assert "something went wrong" in await chat.text("/progress hip thrust")
    assert "something went wrong" in await chat.text("/progress hip thrust")  # not "still being drawn"


async def test_real_process_pool_draws_the_chart(app, chat: Chat, clock) -> None:
    # The default pool: workers forked from the forkserver, started off the loop.
    await _history(chat, clock, days=3)
    [reply] = await chat.say("/progress hip thrust")
    assert reply.image is not None and reply.image.png.startswith(PNG)
    [export] = await chat.say("/export")
    assert export.file is not None and export.file.data.count(b"\n") == 1 + 9


async def test_telegram_other_chat_answered_while_a_chart_is_drawn(coach: Coach, clock) -> None:  # noqa: F811
    pool = GatedPool(2)
    coach.app.ctx.jobs = HeavyJobs(workers=2, executor_factory=lambda workers: pool)
    try:
        for day in range(3):
            await coach.say(f"/log hip thrust 3x10 {80 + day}kg")
            clock.now += timedelta(days=1)
        since = len(coach.fake.calls)
        coach.fake.message("/progress hip thrust", user_id=1001)
        await pool.wait_entered()
        [card] = await coach.say("/explain hip thrust", user_id=1002, to=1002)
        assert "Hip thrust" in card.text
        assert not [c for c in coach.fake.calls[since:] if c.method == "sendPhoto"]
        pool.gate.set()
        [photo] = await coach.fake.wait_for("sendPhoto", since=since, chat_id=1001)
        assert photo.files
    finally:
        pool.gate.set()

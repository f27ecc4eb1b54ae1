"""Pacing of Bot API calls (`CoachRateLimiter`, python-telegram-bot's rate-limiter extension point).

The limiter is driven through its public `process_request`, as python-telegram-bot drives it; its
clock is injected, so rates and per-chat spacing are checked by moving that clock, not by timing.
The last test runs the whole adapter on the loopback fake: uploads in flight never hold up an answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from adapters.telegram.ratelimit import CoachRateLimiter, LimiterClosed, Priority, rate_args
from tests.fakes.telegram_api import FakeBotAPI
from tests.test_telegram import start_coach, stop_coach


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Api:
    """Stands in for python-telegram-bot's HTTP call: records what was made; calls can be held open."""

    def __init__(self, limiter: CoachRateLimiter) -> None:
        self.limiter = limiter
        self.made: list[str] = []
        self.gates: dict[str, asyncio.Event] = {}

    def send(
        self, name: str, priority: Priority | None = None, *, chat: int = 1, endpoint: str = "sendMessage"
    ) -> asyncio.Task[Any]:
        async def http(*_: Any, **__: Any) -> dict[str, Any]:
            self.made.append(name)
            gate = self.gates.get(name)
            if gate is not None:
                await gate.wait()
            return {"ok": True}

        return asyncio.create_task(
            self.limiter.process_request(
                callback=http,
                args=(),
                kwargs={},
                endpoint=endpoint,
                data={"chat_id": chat},
                rate_limit_args=rate_args(priority) if priority else None,
            )
        )

    def hold(self, *names: str) -> None:
        for name in names:
            self.gates[name] = asyncio.Event()

    def let_go(self, name: str) -> None:
        self.gates[name].set()


async def until(predicate: Callable[[], bool], within: float = 3.0) -> None:
    """Let the event loop run until ``predicate`` holds (the limiter wakes on its own timers)."""
    async with asyncio.timeout(within):  # a guard against a hang, not a measurement
        while not predicate():  # noqa: ASYNC110 - the limiter wakes on its own timers, no event to await
            await asyncio.sleep(0.005)


async def settle(rounds: int = 20) -> None:
    """Give every ready task (and the limiter's loop) a few turns."""
    for _ in range(rounds):
        await asyncio.sleep(0)


@pytest.fixture
def clock() -> FakeClock:  # shadows the datetime clock of conftest: this one is monotonic seconds
    return FakeClock()


async def closing(limiter: CoachRateLimiter, body: Callable[[], Awaitable[None]]) -> None:
    await limiter.initialize()
    try:
        await body()
    finally:
        await limiter.shutdown()


async def test_the_overall_rate_follows_the_clock_and_answers_go_first(clock):
    limiter = CoachRateLimiter(rate=10, per_chat_interval=0, clock=clock)  # burst: 1 call
    api = Api(limiter)

    async def body() -> None:
        pushes = [api.send(f"p{n}", Priority.PUSH, chat=n) for n in range(5)]
        await asyncio.sleep(0.25)  # real time passes; the limiter's clock does not
        assert api.made == ["p0"]
        answer = api.send("answer", Priority.ANSWER)
        await settle()
        clock.now += 0.1  # one more slot at 10/s
        await until(lambda: len(api.made) == 2)
        assert api.made == ["p0", "answer"]  # it came last and went first
        await answer
        clock.now += 1.0  # a long pause saves up no more than the burst (one call here)
        await until(lambda: len(api.made) == 3)
        await asyncio.sleep(0.15)
        assert api.made == ["p0", "answer", "p1"]
        for n in (2, 3, 4):
            clock.now += 0.1
            await until(lambda n=n: api.made[-1] == f"p{n}")
        await asyncio.gather(*pushes)

    await closing(limiter, body)


async def test_pushes_to_one_chat_are_spaced_without_holding_up_other_chats(clock):
    limiter = CoachRateLimiter(rate=0, per_chat_interval=0.05, clock=clock)  # rate 0: no overall limit
    api = Api(limiter)

    async def body() -> None:
        to_a = [api.send(f"a{n}", Priority.PUSH, chat=7) for n in range(3)]
        others = [api.send(f"o{n}", Priority.PUSH, chat=100 + n) for n in range(20)]
        await asyncio.gather(*others)
        await asyncio.sleep(0.2)
        assert api.made[0] == "a0" and "a1" not in api.made  # chat 7 waits, the 20 others went
        clock.now += 0.05
        await until(lambda: "a1" in api.made)
        await asyncio.sleep(0.2)
        assert "a2" not in api.made
        clock.now += 0.05
        await asyncio.gather(*to_a)
        assert [m for m in api.made if m.startswith("a")] == ["a0", "a1", "a2"]

    await closing(limiter, body)


async def test_text_answers_have_their_own_lane_beside_uploads(clock):
    limiter = CoachRateLimiter(rate=0, per_chat_interval=0, max_uploads_in_flight=2, clock=clock)
    api = Api(limiter)

    async def body() -> None:
        api.hold("u0", "u1", "u2")
        uploads = [api.send(f"u{n}", Priority.ANSWER, chat=n, endpoint="sendDocument") for n in range(3)]
        await until(lambda: api.made == ["u0", "u1"])  # the upload lane is full, u2 waits
        await asyncio.wait_for(api.send("text", Priority.ANSWER, chat=9), 1)  # not behind them
        photo = api.send("photo", Priority.ANSWER, chat=10, endpoint="sendPhoto")
        await settle()
        assert api.made == ["u0", "u1", "text"]  # photos are uploads too: they wait in that lane
        api.let_go("u0")
        await until(lambda: len(api.made) >= 4)
        assert api.made[3] == "u2"  # first come, first served within the lane
        api.let_go("u1")
        api.let_go("u2")
        await asyncio.gather(photo, *uploads)

    await closing(limiter, body)


async def test_calls_in_flight_are_bounded_and_a_freed_slot_goes_to_an_answer(clock):
    limiter = CoachRateLimiter(
        rate=0, per_chat_interval=0, max_in_flight=2, reserved_for_answers=0, clock=clock
    )
    api = Api(limiter)

    async def body() -> None:
        api.hold("p0", "p1")
        first = [api.send(f"p{n}", Priority.PUSH, chat=n) for n in range(2)]
        await until(lambda: len(api.made) == 2)
        push = api.send("p2", Priority.PUSH, chat=2)
        await settle()
        answer = api.send("answer", Priority.ANSWER, chat=3)
        await settle()
        assert api.made == ["p0", "p1"]  # two in flight: both wait
        api.let_go("p0")
        await until(lambda: len(api.made) >= 3)
        assert api.made[2] == "answer"  # the freed slot went to the answer, though it came later
        await answer
        api.let_go("p1")
        await asyncio.gather(push, *first)
        assert api.made[3] == "p2"

    await closing(limiter, body)


async def test_pushes_leave_slots_free_for_answers(clock):
    limiter = CoachRateLimiter(
        rate=0, per_chat_interval=0, max_in_flight=3, reserved_for_answers=1, clock=clock
    )
    api = Api(limiter)

    async def body() -> None:
        api.hold("p0", "p1")
        held = [api.send(f"p{n}", Priority.PUSH, chat=n) for n in range(2)]
        await until(lambda: len(api.made) == 2)
        push = api.send("p2", Priority.PUSH, chat=2)
        await settle()
        assert "p2" not in api.made  # the third slot is kept for answers...
        await asyncio.wait_for(api.send("answer", Priority.ANSWER, chat=3), 1)  # ...and given at once
        assert "p2" not in api.made
        api.let_go("p0")
        api.let_go("p1")
        await asyncio.gather(push, *held)

    await closing(limiter, body)


async def test_closing_fails_waiting_calls_without_making_them(clock):
    limiter = CoachRateLimiter(rate=1, per_chat_interval=0, clock=clock)
    api = Api(limiter)
    await limiter.initialize()
    await api.send("first", Priority.PUSH)  # the one token
    waiting = api.send("second", Priority.PUSH, chat=2)
    await asyncio.sleep(0.05)
    await limiter.shutdown()
    with pytest.raises(LimiterClosed):
        await waiting
    with pytest.raises(LimiterClosed):
        await api.send("third")
    assert api.made == ["first"]


# --------------------------------------------------------------------------- the whole adapter

EXPORTERS = range(2001, 2011)
ASKER = 3001


async def test_an_answer_is_sent_while_slow_uploads_are_in_flight(tmp_path, library):
    """Ten users' /export uploads take 2 s each on the fake; another user's /explain is answered
    while the first ones are still uploading, not after them (issue 8, item 13)."""
    from tests.conftest import Clock
    from tests.test_telegram import EVENING

    async with FakeBotAPI() as fake:
        coach = await start_coach(tmp_path / "data", fake, library, Clock(EVENING))
        try:
            for user in EXPORTERS:
                await coach.say("/log hip thrust 3x10 80kg", user_id=user)
            fake.upload_delay = 2.0
            since = len(fake.calls)
            for user in EXPORTERS:
                fake.message("/export", user_id=user)
            in_flight = await fake.wait_for("sendDocument", count=4, since=since)
            fake.message("/explain hip thrust", user_id=ASKER)
            [answer] = await fake.wait_for("sendMessage", chat_id=ASKER, since=since, within=10)
            docs = await fake.wait_for("sendDocument", count=len(EXPORTERS), since=since, within=20)
            await until(lambda: all(d.done_at is not None for d in docs), within=10)
        finally:
            await stop_coach(coach)
    assert "Hip thrust" in answer.text
    started_before = [d for d in docs if d.at < answer.at]
    assert len(started_before) >= len(in_flight)
    # All on the fake's clock: the answer arrived before any of the uploads already going had finished.
    assert answer.at < min(d.done_at for d in started_before)
    assert sorted(d.chat_id for d in docs) == list(EXPORTERS)  # every export still reached its user
    assert all(d.file("document").filename.startswith("coach-log-") for d in docs)


async def test_one_chat_is_answered_in_order_even_behind_its_own_upload(tmp_path, library):
    """Lanes let other chats overtake an upload; within one chat the replies keep the commands' order."""
    from tests.conftest import Clock
    from tests.test_telegram import EVENING

    async with FakeBotAPI() as fake:
        coach = await start_coach(tmp_path / "data", fake, library, Clock(EVENING))
        try:
            await coach.say("/log hip thrust 3x10 80kg", user_id=ASKER)
            fake.upload_delay = 0.5
            since = len(fake.calls)
            fake.message("/export", user_id=ASKER)
            fake.message("/help", user_id=ASKER)
            [doc, help_text] = await fake.wait_for(count=2, chat_id=ASKER, since=since)
            await until(lambda: doc.done_at is not None)
        finally:
            await stop_coach(coach)
    assert (doc.method, help_text.method) == ("sendDocument", "sendMessage")
    assert help_text.at >= doc.done_at  # sent only once the upload was answered

"""The acceptance of the in-gym pushes on the real clients: python-telegram-bot against the loopback
fake Bot API and discord.py against the loopback fake Discord, the one reminder service on an
injected clock (the test moves it and runs the check; nothing sleeps). The console runs the same
scenarios in tests/test_session_pushes.py.

Telegram pushes land in the user's private chat; Discord pushes in the user's DMs (the commands are
typed in a server channel, whose answers are ephemeral)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest

from handlers.session import PushTexts
from tests.discord_support import (  # noqa: F401 - the *_fixture names are pytest fixtures
    adapter_fixture,
    fake_fixture,
    run,
    start_adapter_fixture,
)
from tests.fakes.discord_api import CHANNEL_ID, USER_ID
from tests.fakes.telegram_api import FakeBotAPI
from tests.test_telegram import USER, start_coach, stop_coach, use_reminders

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Driver:
    """A user typing commands on one platform, and the pushes that reach them as time moves."""

    say: Callable[[str], Awaitable[str]]
    pushes: Callable[[], list[str]]

    def __init__(self, clock, run_due) -> None:
        self.clock = clock
        self.run_due = run_due

    async def at(self, when: datetime, line: str) -> str:
        self.clock.now = when
        return await self.say(line)

    async def tick(self, when: datetime) -> list[str]:
        """Move the clock to ``when`` and run the check: the pushes it sent."""
        self.clock.now = when
        before = len(self.pushes())
        await self.run_due(when)
        await self.settle()
        return self.pushes()[before:]

    async def settle(self) -> None:
        pass


@pytest.fixture
async def telegram(tmp_path, library, clock) -> AsyncIterator[Driver]:
    clock.now = MONDAY
    async with FakeBotAPI() as api:
        coach = await start_coach(tmp_path / "tg", api, library, clock)
        svc = use_reminders(coach, clock)
        svc.use_push_composer(PushTexts(coach.app.ctx))
        await svc.start()
        driver = Driver(clock, svc.run_due)

        async def say(line: str) -> str:
            [reply] = await coach.say(line, to=USER)
            return reply.text + " " + str(reply.buttons)

        def pushes() -> list[str]:
            # Everything the private chat got (`Driver.tick` takes what arrived during the check).
            return [c.text for c in api.calls if c.method == "sendMessage" and c.chat_id == USER]

        async def settle() -> None:
            await api.settle()

        driver.say, driver.pushes, driver.settle = say, pushes, settle  # type: ignore[method-assign]
        try:
            yield driver
        finally:
            await svc.shutdown()
            await stop_coach(coach)


@pytest.fixture
async def discord(app, fake, adapter, clock) -> Driver:
    clock.now = MONDAY
    driver = Driver(clock, app.reminders.run_due)

    async def say(line: str) -> str:
        name, _, text = line.lstrip("/").partition(" ")
        command = app.registry.commands[name]
        options = {command.params[-1 if name == "log" else 0].name: text} if text else {}
        calls = await run(fake, adapter, fake.slash(name, options))
        return " ".join((c.content or "") + str(c.embeds) + str(c.components) for c in calls)

    def pushes() -> list[str]:
        dm = fake.dm_channels.get(USER_ID)
        if dm is None:
            return []
        posts = [c for c in fake.calls_to("POST", rf"^/channels/{dm}/messages$") if c.status == 200]
        return [(c.content or "") + str(c.embeds) for c in posts]

    driver.say, driver.pushes = say, pushes  # type: ignore[method-assign]
    return driver


@pytest.fixture(params=["telegram", "discord"])
def platform(request) -> Driver:
    return request.getfixturevalue(request.param)


# --------------------------------------------------------------------------- the acceptance items


async def test_rest_timer_of_30_s_pushes_once_and_not_after_rest_stop(platform):
    p = platform
    await p.at(MONDAY - timedelta(days=3), "/log hip thrust 3x10 80kg")
    reply = await p.at(MONDAY, "/log hip thrust 1x10 80kg")
    assert "Rest 2:00" in reply
    await p.say("/log hip thrust 1x10 80kg")
    assert "Rest timer: 0:30" in await p.say("/rest 30s")
    assert await p.tick(MONDAY + timedelta(seconds=29)) == []
    [pushed] = await p.tick(MONDAY + timedelta(seconds=31))
    assert "Rest over: set 3 of hip thrust" in pushed
    assert await p.tick(MONDAY + timedelta(minutes=2)) == []

    await p.say("/rest 30s")
    assert "stopped" in await p.say("/rest stop")
    assert await p.tick(MONDAY + timedelta(minutes=3)) == []


async def test_done_after_a_session_with_a_pr_sends_a_summary_naming_it(platform):
    p = platform
    await p.at(MONDAY - timedelta(days=3), "/log hip thrust 3x10 80kg")
    await p.at(MONDAY, "/log hip thrust 3x10 85kg")
    summary = await p.at(MONDAY + timedelta(minutes=30), "/done")
    assert "Session done" in summary and "hip thrust (heaviest load, best estimated 1RM)!" in summary
    assert await p.tick(MONDAY + timedelta(hours=3)) == []  # closed: no second summary


async def test_a_recap_for_a_week_with_3_of_3_sessions_shows_a_streak(platform):
    p = platform
    await p.say("/goal 3")
    await p.say("/nudges off")
    await p.say("/recap on")
    for week in (-1, 0):
        for day in (0, 2, 4):
            await p.at(MONDAY + timedelta(weeks=week, days=day), "/log hip thrust 3x10 80kg")
    for day_passed in range(1, 6):  # the week's session summaries
        await p.tick(MONDAY + timedelta(days=day_passed))
    [recap] = await p.tick(MONDAY + timedelta(days=6, hours=9))  # Sunday 18:00
    assert "3 of 3" in recap and "Streak: 2 weeks in a row" in recap


async def test_a_behind_goal_week_gets_exactly_one_nudge_inside_allowed_hours(platform):
    p = platform
    await p.say("/goal 3")
    nudges = []
    at = MONDAY
    while at < MONDAY + timedelta(days=7):
        at += timedelta(hours=1)
        nudges += [(at, text) for text in await p.tick(at) if "Still on for this week" in text]
    assert len(nudges) == 1
    [(when, text)] = nudges
    assert 7 <= when.hour < 22 and when.weekday() == 4  # 0 of 3 on Friday: 3 days left
    assert "20 minutes" in text


async def test_discord_pushes_go_to_dms_not_the_server_channel(discord, fake):
    await discord.say("/rest 30s")
    [pushed] = await discord.tick(MONDAY + timedelta(seconds=30))
    assert "Rest over" in pushed
    server = [
        c for c in fake.calls_to("POST", rf"^/channels/{CHANNEL_ID}/messages$") if "Rest over" in str(c.body)
    ]
    assert server == []


async def test_a_rest_timer_started_in_a_telegram_group_rings_in_the_private_chat(tmp_path, library, clock):
    from tests.test_telegram import GROUP

    clock.now = MONDAY
    async with FakeBotAPI() as api:
        coach = await start_coach(tmp_path / "tg", api, library, clock)
        svc = use_reminders(coach, clock)
        svc.use_push_composer(PushTexts(coach.app.ctx))
        await svc.start()
        try:
            await coach.say("/rest@CoachBot 30s", chat_id=GROUP, chat_type="group")
            clock.now = MONDAY + timedelta(seconds=30)
            assert await svc.run_due(clock.now) == 1
            await api.settle()
            sent = [(c.chat_id, c.text) for c in api.calls if c.method == "sendMessage"]
            assert any(chat == USER and "Rest over" in text for chat, text in sent)
            assert not any(chat == GROUP and "Rest over" in text for chat, text in sent)
        finally:
            await svc.shutdown()
            await stop_coach(coach)

"""Personal pushes (activation, lift with weights, their buttons) go to the user's private chat / DMs only.

Real python-telegram-bot and discord.py clients on the loopback fakes; virtual time through ``run_due``.
A reminder set in a group is pushed privately; if the private chat cannot be reached the schedule is
paused, the user is told how to open it the next time they write, and it resumes once they write there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from adapters.discord import discord_chat_id
from storage.models import Schedule
from tests.discord_support import (  # noqa: F401 - the *_fixture names are pytest fixtures
    adapter_fixture,
    fake_fixture,
    run,
    start_adapter_fixture,
)
from tests.fakes.discord_api import CHANNEL_ID, USER_ID, FakeDiscord
from tests.fakes.telegram_api import FakeBotAPI
from tests.test_telegram import EVENING, GROUP, USER, Coach, start_coach, stop_coach, use_reminders

ACCOUNT = f"telegram:{USER}"


@pytest.fixture
async def tg(tmp_path, library, clock) -> AsyncIterator[Coach]:
    async with FakeBotAPI() as api:
        coach = await start_coach(tmp_path / "tg-data", api, library, clock)
        try:
            yield coach
        finally:
            await stop_coach(coach)


def texts_to(api: FakeBotAPI, chat: int) -> list[str]:
    return [c.text for c in api.calls if c.method.startswith("send") and c.chat_id == chat]


# --------------------------------------------------------------------------- Telegram


async def test_remind_in_a_telegram_group_pushes_only_to_the_private_chat(tg, clock):
    svc = use_reminders(tg, clock)
    await svc.start()
    clock.now = EVENING.replace(hour=9)
    [ok] = await tg.say("/remind@CoachBot daily 18:00 gap 1m", chat_id=GROUP, chat_type="group", to=USER)
    assert "Reminder #1 set" in ok.text
    assert tg.app.store.get_schedule(ACCOUNT, 1).target == ACCOUNT  # the user's private chat

    clock.now = EVENING
    assert await svc.run_due(EVENING) == 1
    clock.now = EVENING + timedelta(minutes=1)
    assert await svc.run_due(clock.now) == 1
    await tg.fake.settle()
    private = texts_to(tg.fake, USER)
    assert any("Time to activate" in t for t in private) and any("Time to lift" in t for t in private)
    assert not [t for t in texts_to(tg.fake, GROUP) if "Time to" in t]  # nothing personal in the group
    await svc.shutdown()


async def test_a_stored_group_schedule_is_migrated_to_the_private_chat(tg, clock):
    svc = use_reminders(tg, clock)
    # A row written before pushes went private: the group as its target, the user in ``mention``.
    tg.app.store.add_schedule(
        Schedule(ACCOUNT, f"telegram:{GROUP}", (0, 1, 2, 3, 4, 5, 6), "18:00", "UTC", mention=str(USER))
    )
    await svc.start()
    clock.now = EVENING
    assert await svc.run_due(EVENING) == 1
    await tg.fake.settle()
    assert any("Time to activate" in t for t in texts_to(tg.fake, USER))
    assert texts_to(tg.fake, GROUP) == []
    tg.app.store.sync()
    assert tg.app.store.get_schedule(ACCOUNT, 1).target == ACCOUNT  # stored migrated
    await svc.shutdown()


async def test_private_chat_refused_pauses_and_the_user_is_told_in_the_group(tg, clock):
    svc = use_reminders(tg, clock)
    await svc.start()
    api = tg.fake
    clock.now = EVENING.replace(hour=9)
    api.unstarted.add(USER)  # never pressed Start in a private chat
    await tg.say("/remind@CoachBot daily 18:00", chat_id=GROUP, chat_type="group", to=GROUP)  # a hint
    clock.now = EVENING
    assert await svc.run_due(EVENING) == 0
    assert tg.app.store.get_schedule(ACCOUNT, 1).paused == "blocked"
    assert not [t for t in texts_to(api, GROUP) if "Time to" in t]  # no group fallback

    # The next time they write (in the group): told how to open the private chat; still paused.
    [notice, *_] = await tg.say("/explain@CoachBot hip thrust", chat_id=GROUP, chat_type="group", expect=2)
    assert notice.chat_id == GROUP
    assert "paused" in notice.text and "open a private chat with me and press Start" in notice.text
    assert tg.app.store.get_schedule(ACCOUNT, 1).paused == "blocked"
    replies = await tg.say("/explain@CoachBot hip thrust", chat_id=GROUP, chat_type="group")
    assert "paused" not in replies[0].text  # told once

    # They open the private chat and write there: reachable again, resumed.
    api.unstarted.discard(USER)
    replies = await tg.say("/start", expect=2, to=USER)
    assert "It is back on now" in replies[0].text
    assert tg.app.store.get_schedule(ACCOUNT, 1).paused == ""
    assert await svc.run_due(EVENING + timedelta(days=1)) == 1
    await svc.shutdown()


# --------------------------------------------------------------------------- Discord


def channel_posts(fake: FakeDiscord, channel: int) -> list:
    return [c for c in fake.calls_to("POST", rf"^/channels/{channel}/messages$") if c.status == 200]


def shown(calls: list) -> str:
    return " ".join((c.content or "") + str(c.embeds) for c in calls)


async def test_remind_in_a_discord_server_pushes_only_to_dms(app, fake, adapter):
    await run(fake, adapter, fake.slash("remind", {"days": "daily", "time": "18:00"}))
    (schedule,) = app.store.schedules(f"discord:{USER_ID}")
    assert schedule.target == f"discord:{discord_chat_id(CHANNEL_ID, USER_ID)}"
    assert await app.reminders.run_due(EVENING) == 1
    dm = fake.dm_channels[USER_ID]
    assert "activate" in shown(channel_posts(fake, dm)).lower()
    assert channel_posts(fake, CHANNEL_ID) == []


async def test_discord_dms_refused_pause_and_the_user_is_told_in_the_server(app, fake, adapter):
    await run(fake, adapter, fake.slash("remind", {"days": "daily", "time": "18:00"}))
    fake.fail("POST", r"^/channels/\d+/messages$", 403, code=50007)  # "cannot send messages to this user"
    assert await app.reminders.run_due(EVENING) == 0
    (schedule,) = app.store.schedules(f"discord:{USER_ID}")
    assert schedule.paused == "blocked"
    assert channel_posts(fake, CHANNEL_ID) == []  # no channel fallback: nothing personal in the server

    calls = await run(fake, adapter, fake.slash("explain", {"exercise": "hip thrust"}))
    assert "allow direct messages" in shown(calls)
    assert app.store.schedules(f"discord:{USER_ID}")[0].paused == "blocked"

    calls = await run(fake, adapter, fake.slash("explain", {"exercise": "hip thrust"}, guild=False))  # a DM
    assert "It is back on now" in shown(calls)
    assert app.store.schedules(f"discord:{USER_ID}")[0].paused == ""

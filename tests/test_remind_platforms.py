"""Issue 13's reminder forms, timezone picks and /settings on the real python-telegram-bot and
discord.py clients against the loopback fakes; the clock is injected (Monday 23 Nov 2026, 09:00 UTC)
and reminder time moves through ``run_due``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from tests.discord_support import (  # noqa: F401 - the *_fixture names are pytest fixtures
    adapter_fixture,
    fake_fixture,
    run,
    start_adapter_fixture,
)
from tests.fakes.discord_api import USER_ID
from tests.fakes.telegram_api import FakeBotAPI
from tests.test_discord import OTHER_USER, command_of
from tests.test_telegram import USER, Coach, start_coach, stop_coach, use_reminders


@pytest.fixture
async def tg(tmp_path, library, clock) -> AsyncIterator[Coach]:
    async with FakeBotAPI() as api:
        coach = await start_coach(tmp_path / "tg-data", api, library, clock)
        try:
            yield coach
        finally:
            await stop_coach(coach)


def tg_labels(call) -> list[str]:
    return [label for row in call.buttons for label, _ in row]


# --------------------------------------------------------------------------- Telegram


async def test_telegram_ist_offers_three_zones_and_the_pick_is_stored(tg):
    [ask] = await tg.say("/timezone IST")
    assert "IST can mean more than one place" in ask.text
    assert tg_labels(ask) == ["India 14:30", "Israel 11:00", "Ireland 09:00"]
    [done] = await tg.press(ask, "India 14:30")
    assert "Timezone set to Asia/Kolkata" in done.text and "It is 14:30 there now" in done.text
    assert tg.app.store.profile(f"telegram:{USER}").timezone == "Asia/Kolkata"


async def test_telegram_one_off_pushes_activation_and_lift_privately_then_is_done(tg, clock):
    svc = use_reminders(tg, clock)
    await svc.start()
    [city] = await tg.say("/timezone Mumbai")
    assert "Timezone set to Mumbai: Asia/Kolkata. It is 14:30 there now." in city.text
    [ok] = await tg.say("/remind tomorrow 6:30pm gap 1h")
    assert "Reminder #1 set: one-off on Tue 24 Nov at 18:30 (Asia/Kolkata), lift 1 h later" in ok.text

    clock.now = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)  # 18:30 in India
    assert await svc.run_due(clock.now) == 1
    clock.now += timedelta(hours=1)
    assert await svc.run_due(clock.now) == 1
    await tg.fake.settle()
    pushed = [c.text for c in tg.fake.sent(USER) if "Time to" in c.text]
    assert len(pushed) == 2 and "Time to activate" in pushed[0] and "Time to lift" in pushed[1]
    [listing] = await tg.say("/reminders")
    assert "No reminders yet" in listing.text
    await svc.shutdown()


async def test_telegram_settings_button_switches_a_reminder_off(tg):
    await tg.say("/remind mon,wed,fri 18:00")
    [shown] = await tg.say("/settings")
    assert "Reminder #1: Mon, Wed, Fri at 18:00 (UTC), lift 10 min later: on" in shown.text
    assert tg_labels(shown) == ["Turn off #1"]
    [off] = await tg.press(shown, "Turn off #1")
    assert "Reminder #1 is off" in off.text
    [schedule] = tg.app.store.schedules(f"telegram:{USER}")
    assert schedule.off
    [shown] = await tg.say("/settings")
    assert "lift 10 min later: off" in shown.text and tg_labels(shown) == ["Turn on #1"]
    [on] = await tg.press(shown, "Turn on #1")
    assert "Reminder #1 is on again" in on.text
    assert not tg.app.store.schedules(f"telegram:{USER}")[0].off


# --------------------------------------------------------------------------- Discord


def dc_text(calls) -> str:
    """Everything the calls showed: content and embeds (a titled reply is an embed)."""
    parts = []
    for c in calls:
        parts.append(c.content or "")
        for e in c.embeds:
            parts += [e.get("title", ""), e.get("description", "")]
            parts += [f"{f.get('name', '')} {f.get('value', '')}" for f in e.get("fields", [])]
    return "\n".join(parts)


def dc_buttons(app, call) -> dict[str, tuple[str, str]]:
    """label -> (custom_id, the command it runs on the server)."""
    return {
        c["label"]: (c["custom_id"], command_of(app, c["custom_id"]))
        for row in call.components
        for c in row.get("components", [])
    }


async def test_discord_one_off_edit_and_overlap(app, fake, adapter):
    calls = await run(fake, adapter, fake.slash("remind", {"days": "tomorrow", "time": "6:30pm"}))
    assert calls[0].ephemeral and "Reminder #1 set: one-off on Tue 24 Nov at 18:30" in calls[0].content
    calls = await run(fake, adapter, fake.slash("remind_edit", {"id": 1, "changes": "gap 1h30"}))
    assert (
        "Reminder #1 changed: one-off on Tue 24 Nov at 18:30 (UTC), lift 1 h 30 min later" in calls[0].content
    )
    # A weekly at the one-off's time is no clash to replace: it is set beside it (a tester saw Replace
    # turn the one-off into a weekly), and the weekly it makes is what a real overlap replaces.
    calls = await run(fake, adapter, fake.slash("remind", {"days": "tue", "time": "18:30", "gap": 15}))
    assert (
        "Reminder #2 set: Tue at 18:30" in calls[0].content
        and "coincides with one-off #1" in calls[0].content
    )
    calls = await run(fake, adapter, fake.slash("remind", {"days": "tue,thu", "time": "18:30"}))
    assert "overlaps reminder #2" in calls[0].content
    buttons = dc_buttons(app, calls[0])
    assert list(buttons) == ["Replace #2"] and buttons["Replace #2"][1].startswith("/remind_replace 2@")
    custom_id = buttons["Replace #2"][0]
    calls = await run(fake, adapter, fake.click(fake.message_with(custom_id), custom_id))
    shown = " ".join(c.content or "" for c in calls)
    assert "Reminder #2 replaced: Tue, Thu at 18:30 (UTC), lift 10 min later" in shown
    one_off, weekly = app.store.schedules(f"discord:{USER_ID}")
    assert (one_off.once, one_off.days, one_off.gap) == ("2026-11-24", (1,), 90)
    assert (weekly.once, weekly.days, weekly.gap) == ("", (1, 3), 10)


async def test_discord_offset_offers_real_zones_and_the_fixed_one(app, fake, adapter):
    calls = await run(fake, adapter, fake.slash("timezone", {"zone": "UTC-5"}))
    buttons = dc_buttons(app, calls[0])
    assert list(buttons) == [
        "New York 04:00",
        "Toronto 04:00",
        "Bogota 04:00",
        "Lima 04:00",
        "fixed UTC−5 04:00",
    ]
    assert buttons["fixed UTC−5 04:00"][1].startswith(
        "/timezone Etc/GMT+5 @"
    )  # with the zone it was asked under
    custom_id = buttons["New York 04:00"][0]
    calls = await run(fake, adapter, fake.click(fake.message_with(custom_id), custom_id))
    assert "Timezone set to America/New" in " ".join(c.content or "" for c in calls)
    assert app.store.profile(f"discord:{USER_ID}").timezone == "America/New_York"


async def test_discord_settings_buttons_act_only_for_their_user(app, fake, adapter):
    await run(fake, adapter, fake.slash("remind", {"days": "daily", "time": "7am"}))
    calls = await run(fake, adapter, fake.slash("settings"))
    assert calls[0].ephemeral and "Reminder #1: daily at 07:00 (UTC), lift 10 min later: on" in dc_text(calls)
    custom_id, command = dc_buttons(app, calls[0])["Turn off #1"]
    assert command.startswith("/remind off 1@")  # bound to the reminder shown
    calls = await run(fake, adapter, fake.click(fake.message_with(custom_id), custom_id, user_id=OTHER_USER))
    assert calls[0].content == "This button isn't yours."
    assert not app.store.schedules(f"discord:{USER_ID}")[0].off
    calls = await run(fake, adapter, fake.click(fake.message_with(custom_id), custom_id))
    assert "Reminder #1 is off" in " ".join(c.content or "" for c in calls)
    [schedule] = app.store.schedules(f"discord:{USER_ID}")
    assert schedule.off
    calls = await run(fake, adapter, fake.slash("settings"))
    assert "lift 10 min later: off" in dc_text(calls)
    assert dc_buttons(app, calls[0])["Turn on #1"][1].startswith("/remind on 1@")


async def test_discord_settings_with_many_reminders_shows_every_off_button(app, fake, adapter):
    # Discord shows at most 5 rows of buttons: one button per row would lose the sixth and later.
    for hour in range(6, 13):
        await run(fake, adapter, fake.slash("remind", {"days": "daily", "time": f"{hour}:00"}))
    calls = await run(fake, adapter, fake.slash("settings"))
    assert list(dc_buttons(app, calls[0])) == [f"Turn off #{n}" for n in range(1, 8)]

"""The Discord app installed to a user's own account: its commands work in DMs and in servers the bot is
not in, personal replies stay ephemeral there, and reminders that cannot reach such a user pause with an
instruction that works without a shared server. Real discord.py against the loopback fake."""

from __future__ import annotations

from typing import Any

from tests.discord_support import (  # noqa: F401 - the *_fixture names are pytest fixtures
    fake_fixture,
    run,
    start_adapter_fixture,
)
from tests.fakes.discord_api import USER_ID, FakeDiscord
from tests.test_telegram import EVENING

OTHER_GUILD = 1500000000000000001  # a server the bot was never added to
FRIEND_ID = 1400000000000000099


def user_installed(payload: dict[str, Any], context: int) -> dict[str, Any]:
    """``payload`` as Discord sends it when the app is installed to the user (integration type 1)."""
    payload["authorizing_integration_owners"] = {"1": str(USER_ID)}
    payload["context"] = context
    return payload


def in_foreign_server(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    """A server the bot is not a member of (``payload`` made for a server): only the user install makes the
    command available there."""
    payload = user_installed(payload, 0)
    payload["guild_id"] = str(OTHER_GUILD)
    payload["channel"]["guild_id"] = str(OTHER_GUILD)
    payload["channel"]["id"] = payload["channel_id"] = str(fake.snowflake())
    payload["data"].pop("guild_id", None)
    return payload


def in_dm_with_a_friend(fake: FakeDiscord, payload: dict[str, Any]) -> dict[str, Any]:
    """A DM between the user and a friend (context 2, "private channel"): the friend sees what is public."""
    payload = user_installed(payload, 2)
    channel = str(fake.snowflake())
    payload["channel_id"] = channel
    payload["channel"] = {
        "id": channel,
        "type": 1,
        "last_message_id": None,
        "recipients": [fake.user(FRIEND_ID, "bob")],
        "flags": 0,
    }
    return payload


def shown(calls: list) -> str:
    return " ".join((c.content or "") + str(c.embeds) for c in calls)


async def test_commands_are_installable_to_users_and_usable_in_every_context(fake, start_adapter):
    await start_adapter(guild=False)  # user installs only see global commands
    synced = fake.commands["global"]
    assert synced and {c["name"] for c in synced} >= {"start", "link", "plan", "log", "remind"}
    for command in synced:
        assert sorted(command["integration_types"]) == [0, 1], command["name"]  # server and user installs
        assert sorted(command["contexts"]) == [0, 1, 2], command["name"]  # server, bot DM, other DMs


async def test_personal_replies_are_ephemeral_in_a_server_without_the_bot(app, fake, start_adapter):
    adapter = await start_adapter(guild=False)
    await run(fake, adapter, user_installed(fake.slash("log", {"exercise": "hip thrust", "sets": "3x10"}), 1))
    calls = await run(fake, adapter, in_foreign_server(fake, fake.slash("history", {})))
    assert "Hip thrust" in shown(calls)
    assert calls and all(c.ephemeral for c in calls if c.content or c.embeds)


async def test_personal_replies_are_ephemeral_in_a_dm_between_two_people(app, fake, start_adapter):
    adapter = await start_adapter(guild=False)
    await run(fake, adapter, user_installed(fake.slash("log", {"exercise": "hip thrust", "sets": "3x10"}), 1))
    calls = await run(fake, adapter, in_dm_with_a_friend(fake, fake.slash("history", {}, guild=False)))
    assert "Hip thrust" in shown(calls)
    assert calls and all(c.ephemeral for c in calls if c.content or c.embeds)  # the friend sees nothing
    # In the DM with the bot itself nothing needs hiding.
    calls = await run(fake, adapter, user_installed(fake.slash("history", {}, guild=False), 1))
    assert "Hip thrust" in shown(calls) and not any(c.ephemeral for c in calls)


async def test_reminders_for_a_user_sharing_no_server_pause_with_a_way_back(app, fake, start_adapter):
    adapter = await start_adapter(guild=False)
    account = f"discord:{USER_ID}"
    await run(
        fake, adapter, in_foreign_server(fake, fake.slash("remind", {"days": "daily", "time": "18:00"}))
    )
    # No shared server: Discord refuses the DM ("Cannot send messages to this user").
    fake.fail("POST", r"^/channels/\d+/messages$", 403, code=50007)
    assert await app.reminders.run_due(EVENING) == 0
    assert app.store.schedules(account)[0].paused == "blocked"

    calls = await run(fake, adapter, in_foreign_server(fake, fake.slash("plan", {})))
    told = shown(calls)
    assert "paused" in told and "open our DM" in told and "send me a command there" in told, told
    assert all(c.ephemeral for c in calls if c.content or c.embeds)

    # They do as told: a command in the DM with the bot resumes the reminders.
    calls = await run(fake, adapter, user_installed(fake.slash("plan", {}, guild=False), 1))
    assert "back on now" in shown(calls)
    assert app.store.schedules(account)[0].paused == ""
    assert await app.reminders.run_due(EVENING.replace(day=EVENING.day + 1)) == 1

"""/program on Telegram and Discord (issue 11): typed options reach the same handler, the choice of
program is a typed option on Discord, and the start is stored on the profile."""

from __future__ import annotations

from tests.discord_support import (  # noqa: F401 - the *_fixture names are pytest fixtures
    adapter_fixture,
    fake_fixture,
    run,
    start_adapter_fixture,
)
from tests.fakes.discord_api import EPHEMERAL, OPT_STRING, USER_ID
from tests.test_telegram import USER, commands_of, start_coach, stop_coach


async def test_telegram_program_lists_starts_and_plan_follows(tmp_path, library, clock):
    from tests.fakes.telegram_api import FakeBotAPI

    async with FakeBotAPI() as fake:
        coach = await start_coach(tmp_path / "data", fake, library, clock)
        try:
            [listing] = await coach.say("/program list")
            assert listing.chat_id == USER
            assert "<b>advanced-3</b>: 3 days a week" in listing.text
            assert ("Start beginner-3", "/program start beginner-3") in commands_of(coach, listing)[0]
            [started] = await coach.say("/program start advanced-3")
            assert "Started" in started.text and "advanced-3" in started.text
            [where] = await coach.say("/program")
            assert "block 1, week 1 of 4, day 1 of 3 (Thrust day)" in where.text
            [plan] = await coach.say("/plan")
            assert "Advanced, 3 days a week (advanced-3)" in plan.text
        finally:
            await stop_coach(coach)


async def test_discord_program_typed_options_start_a_program(app, fake, adapter):
    (sync,) = fake.calls_to("PUT", rf"^/applications/\d+/guilds/{fake.guild_id}/commands$")
    options = {o["name"]: o for c in sync.json if c["name"] == "program" for o in c["options"]}
    assert options["action"]["type"] == OPT_STRING
    assert [c["value"] for c in options["action"]["choices"]] == ["list", "start"]
    assert "intermediate-4" in [c["value"] for c in options["name"]["choices"]]

    [call] = await run(fake, adapter, fake.slash("program", {"action": "start", "name": "intermediate-4"}))
    assert call.flags & EPHEMERAL  # personal: private in a server
    assert "Started" in (call.content or "") + "".join(str(e) for e in call.embeds)
    assert app.store.profile(f"discord:{USER_ID}").program.startswith("intermediate-4@")

"""The Discord adapter on the real discord.py client, against the loopback fake of Discord.

An interaction goes in through the fake gateway; the exact REST callbacks come out (type, content,
embeds, flags, components, attachments). The app behind the adapter is the real one (`bot.build_app`:
TinyDB files in a temp dir, the real content and scheduler).
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import re
from datetime import UTC, datetime

from adapters.discord import DiscordAdapter, discord_chat_id
from adapters.discord.render import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    FIELDS_PER_EMBED,
)
from adapters.discord.views import parse_custom_id
from core.buttons import bind_buttons, pending_actions
from core.messages import Button, Reply, Section, Target
from core.registry import Command
from core.router import Delivery
from tests.conftest import Chat
from tests.discord_support import (  # noqa: F401 - the *_fixture names are pytest fixtures
    adapter_fixture,
    discord_settings,
    fake_fixture,
    run,
    start_adapter_fixture,
)
from tests.entries import reps_of, weight_of
from tests.fakes.discord_api import (
    AUTOCOMPLETE,
    CHANNEL_ID,
    DEFERRED_MESSAGE,
    DEFERRED_UPDATE,
    EPHEMERAL,
    MESSAGE,
    OPT_INTEGER,
    OPT_NUMBER,
    OPT_STRING,
    UPDATE_MESSAGE,
    USER_ID,
    Call,
    FakeDiscord,
    point_discord_py,
)

OTHER_USER = USER_ID + 7
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def assert_within_limits(call: Call) -> None:
    data = call.data
    assert len(data.get("content") or "") <= CONTENT_LIMIT
    embeds = data.get("embeds") or []
    assert len(embeds) <= 10
    total = 0
    for embed in embeds:
        assert len(embed.get("title") or "") <= 256
        assert len(embed.get("description") or "") <= DESCRIPTION_LIMIT
        fields = embed.get("fields") or []
        assert len(fields) <= FIELDS_PER_EMBED
        for f in fields:
            assert 0 < len(f["name"]) <= FIELD_NAME_LIMIT
            assert 0 < len(f["value"]) <= FIELD_VALUE_LIMIT
        total += len(embed.get("title") or "") + len(embed.get("description") or "")
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
        total += len((embed.get("footer") or {}).get("text") or "")
    assert total <= EMBED_TOTAL_LIMIT


LOAD_IN_A_UNIT = re.compile(r"\d\s*(kg|lb)s?\b", re.IGNORECASE)

# -- commands ------------------------------------------------------------------------------------


async def test_sync_payload_has_typed_options(app, fake, adapter):
    (sync,) = fake.calls_to("PUT", rf"^/applications/\d+/guilds/{fake.guild_id}/commands$")
    commands = {c["name"]: c for c in sync.json}
    visible = {c.name for c in app.registry.visible()}
    assert set(commands) == visible
    assert "deleteme_confirm" not in commands and "lift_now" not in commands
    for command in sync.json:
        assert 1 <= len(command["description"]) <= 100
        for option in command["options"]:
            assert 1 <= len(option["description"]) <= 100
        required = [o["required"] for o in command["options"]]
        assert required == sorted(required, reverse=True), f"/{command['name']}: required options first"
        # One text for every lifter: no load in a unit ("3x10 80kg" to a pound lifter; a tester).
        for said in [command["description"], *(o["description"] for o in command["options"])]:
            assert not LOAD_IN_A_UNIT.search(said), said
    assert commands["log"]["description"] == "Log sets, e.g. hip thrust 3x10 100"

    log_options = {o["name"]: o for o in commands["log"]["options"]}
    assert log_options["exercise"]["type"] == OPT_STRING and log_options["exercise"]["autocomplete"] is True
    assert log_options["weight"]["type"] == OPT_NUMBER and log_options["weight"]["min_value"] == 0
    assert log_options["rpe"]["type"] == OPT_NUMBER
    assert (log_options["rpe"]["min_value"], log_options["rpe"]["max_value"]) == (1, 10)
    assert [c["value"] for c in log_options["unit"]["choices"]] == ["kg", "lb"]
    assert log_options["entry"]["type"] == OPT_STRING  # the free-text form people type

    remind = {o["name"]: o for o in commands["remind"]["options"]}
    assert remind["days"]["required"] and remind["time"]["required"]
    assert remind["gap"]["type"] == OPT_INTEGER
    assert (remind["gap"]["min_value"], remind["gap"]["max_value"]) == (1, 180)  # 1 minute to 3 hours

    (explain,) = commands["explain"]["options"]
    assert explain == {
        "type": OPT_STRING,
        "name": "exercise",
        "description": "Exercise name, e.g. hip thrust",
        "required": True,
        "autocomplete": True,
    }
    assert commands["timezone"]["options"][0]["autocomplete"] is True
    assert [c["value"] for c in commands["anatomy"]["options"][0]["choices"]] == [
        "maximus",
        "medius",
        "minimus",
    ]
    assert [c["value"] for c in commands["level"]["options"][0]["choices"]] == [
        "beginner",
        "intermediate",
        "advanced",
    ]


async def test_global_sync_without_guild_id(fake, start_adapter):
    await start_adapter(guild=False)
    assert fake.calls_to("PUT", r"^/applications/\d+/commands$")
    assert not fake.calls_to("PUT", r"/guilds/\d+/commands$")


async def test_explain_is_an_embed_within_limits(fake, adapter):
    calls = await run(fake, adapter, fake.slash("explain", {"exercise": "hip thrust"}))
    first = calls[0]
    assert first.type == MESSAGE and not first.ephemeral
    embed = first.embeds[0]
    assert "Hip thrust" in embed["title"]
    names = [f["name"] for e in first.embeds for f in e.get("fields", [])]
    assert len(names) >= 3 and any("How" in n or "Steps" in n for n in names)
    for call in calls:
        assert_within_limits(call)


async def test_log_is_ephemeral_in_a_server_and_normal_in_a_dm(app, fake, adapter):
    calls = await run(
        fake, adapter, fake.slash("log", {"exercise": "hip thrust", "sets": "3x10", "weight": 80.0})
    )
    assert calls[0].type == MESSAGE
    assert calls[0].flags & EPHEMERAL
    assert "Hip thrust" in calls[0].content and "80" in calls[0].content

    calls = await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x8 90kg"}, guild=False))
    assert calls[0].type == MESSAGE and not calls[0].ephemeral
    assert "90" in calls[0].content

    entries = app.store.entries(f"discord:{USER_ID}")
    assert [(e.exercise, reps_of(e), weight_of(e)) for e in entries] == [
        ("hip_thrust", (10, 10, 10), 80.0),
        ("hip_thrust", (8, 8, 8), 90.0),
    ]

    calls = await run(fake, adapter, fake.slash("history", {}, guild=False))
    assert not calls[0].ephemeral
    shown = calls[0].content or str(calls[0].embeds)
    assert "90" in shown and "80" in shown


async def test_progress_defers_then_follows_up_with_a_png(app, fake, adapter, clock):
    for weight in (60.0, 70.0, 80.0):
        await run(
            fake, adapter, fake.slash("log", {"exercise": "hip thrust", "sets": "3x10", "weight": weight})
        )
        clock.now = clock.now.replace(day=clock.now.day + 1)
    calls = await run(fake, adapter, fake.slash("progress", {"exercise": "hip thrust"}))
    assert calls[0].type == DEFERRED_MESSAGE and calls[0].flags & EPHEMERAL  # personal, in a server
    edit = next(c for c in calls if c.method == "PATCH" and c.path.endswith("/messages/@original"))
    (png,) = [f for f in edit.files if f["filename"].endswith(".png")]
    assert png["data"].startswith(PNG_MAGIC)
    assert edit.embeds[0]["image"]["url"] == f"attachment://{png['filename']}"
    assert_within_limits(edit)


async def test_export_attaches_a_csv(fake, adapter):
    await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x10 80kg"}, guild=False))
    calls = await run(fake, adapter, fake.slash("export", {}, guild=False))
    assert calls[0].type == DEFERRED_MESSAGE and not calls[0].flags & EPHEMERAL  # a DM: not ephemeral
    sent = [f for c in calls for f in c.files if f["filename"].endswith(".csv")]
    assert len(sent) == 1
    rows = list(csv.reader(io.StringIO(sent[0]["data"].decode("utf-8-sig"))))
    assert len(rows) >= 2 and any("80" in cell for cell in rows[1])


async def test_unknown_slow_command_defers_after_the_budget(app, fake, start_adapter):
    async def slow(request, ctx):
        await asyncio.sleep(0.5)
        return Reply("done slowly")

    app.registry.add(Command("slowpoke", "Takes a while", slow))
    adapter = await start_adapter(defer_after=0.1)
    calls = await run(fake, adapter, fake.slash("slowpoke"))
    assert [c.type for c in calls[:1]] == [DEFERRED_MESSAGE]
    assert calls[1].method == "PATCH" and calls[1].content == "done slowly"


async def test_a_very_long_reply_is_split_within_limits(app, fake, start_adapter):
    paragraph = "Squeeze your glutes at the top and keep the ribs down. " * 30  # ~1,700 characters
    long_text = "\n\n".join(f"{i}. {paragraph}" for i in range(12))  # ~20,000 characters
    sections = tuple(Section(f"Section {i} " + "x" * 300, paragraph * 2) for i in range(30))

    async def longread(request, ctx):
        return [Reply(long_text), Reply("", title="T" * 400, sections=sections)]

    app.registry.add(Command("longread", "A very long answer", longread))
    adapter = await start_adapter()
    calls = await run(fake, adapter, fake.slash("longread"))
    assert calls[0].type == MESSAGE
    assert len(calls) > 10  # first as the response, the rest as followups
    for call in calls:
        assert call.status == 200
        assert_within_limits(call)
    contents = "".join(c.content or "" for c in calls)
    assert contents.count("Squeeze your glutes") == 12 * 30
    fields = [f for c in calls for e in c.embeds for f in e.get("fields", [])]
    assert sum(f["value"].count("Squeeze") for f in fields) == 30 * 60


# -- autocomplete ----------------------------------------------------------------------------------


async def test_exercise_autocomplete_best_first_at_most_25(fake, adapter):
    calls = await run(fake, adapter, fake.autocomplete("explain", {"exercise": "hip th"}, "exercise"))
    assert calls[0].type == AUTOCOMPLETE
    choices = calls[0].choices
    assert 1 <= len(choices) <= 25
    assert choices[0]["name"] == "Hip thrust"

    calls = await run(fake, adapter, fake.autocomplete("log", {"exercise": ""}, "exercise"))
    assert len(calls[0].choices) == 25 or len(calls[0].choices) == len(adapter.ctx.library.exercises)

    calls = await run(fake, adapter, fake.autocomplete("explain", {"exercise": "brige"}, "exercise"))
    assert any("bridge" in c["name"].lower() for c in calls[0].choices[:3])


async def test_exercise_autocomplete_offers_the_users_own_first(app, fake, adapter):
    # A tester: "Ягод" (the start of their own "Ягодичный мост") gave 25 unrelated library lifts.
    me = Chat(app, user=f"discord:{USER_ID}", chat=str(USER_ID), platform="discord")
    for name in ("Ягодичный мост", "Élévation de hanche", "band kickback"):
        assert "Added" in await me.text(f"/exercise add {name} accessory")

    async def offered(typed: str, user_id: int = USER_ID) -> list[str]:
        payload = fake.autocomplete("log", {"exercise": typed}, "exercise", user_id=user_id)
        return [c["name"] for c in (await run(fake, adapter, payload))[0].choices]

    assert await offered("Ягод") == ["Ягодичный мост"]
    assert await offered("мост") == ["Ягодичный мост"]  # a word of it
    assert (await offered("elev"))[0] == "Élévation de hanche"  # accents and case aside
    kickbacks = await offered("kick")
    assert kickbacks[0] == "band kickback" and len(kickbacks) > 1, kickbacks  # then the library's
    assert await offered("Ягод", user_id=OTHER_USER) == []  # no unrelated lifts for what matches none
    assert (await offered(""))[:3] == ["Ягодичный мост", "Élévation de hanche", "band kickback"]


async def test_exercise_autocomplete_offers_own_only_where_the_command_takes_them(app, fake, adapter):
    # A tester: /explain offered their own first, and picking one answered "is not in the library".
    me = Chat(app, user=f"discord:{USER_ID}", chat=str(USER_ID), platform="discord")
    for name in ("Γέφυρα γλουτών", "Hip Thrust Pause Zz"):
        assert "Added" in await me.text(f"/exercise add {name} glute lift")

    async def offered(command: str, typed: str) -> list[str]:
        payload = fake.autocomplete(command, {"exercise": typed}, "exercise", user_id=USER_ID)
        return [c["name"] for c in (await run(fake, adapter, payload))[0].choices]

    for command in ("explain", "warmup"):
        assert await offered(command, "γεφ") == [], command
        assert "Hip Thrust Pause Zz" not in await offered(command, "hip th"), command
    for command in ("log", "progress", "history"):
        assert await offered(command, "γεφ") == ["Γέφυρα γλουτών"], command
        # the library lift typed comes no lower than an own name that only extends it
        assert (await offered(command, "hip th"))[:2] == ["Hip thrust", "Hip Thrust Pause Zz"], command


async def test_timezone_autocomplete(fake, adapter):
    calls = await run(fake, adapter, fake.autocomplete("timezone", {"zone": "amster"}, "zone"))
    assert calls[0].type == AUTOCOMPLETE
    assert calls[0].choices[0]["value"] == "Europe/Amsterdam"
    assert len(calls[0].choices) <= 25


# -- buttons ---------------------------------------------------------------------------------------


def command_of(app, custom_id: str) -> str:
    """What a button does: its custom_id names a pending action; the command stays on the server."""
    action = pending_actions(app.store).get(parse_custom_id(custom_id) or "")
    return action.command if action else ""


async def test_deleteme_confirm_button_removes_the_buttons(app, fake, adapter):
    await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x10 80kg"}))
    calls = await run(fake, adapter, fake.slash("deleteme"))
    assert calls[0].ephemeral
    confirm = next(
        cid for cid in calls[0].custom_ids if command_of(app, cid).startswith("/deleteme_confirm ")
    )
    assert len(confirm) <= 100
    message = fake.message_with(confirm)

    calls = await run(fake, adapter, fake.click(message, confirm))
    assert calls[0].type == UPDATE_MESSAGE and calls[0].components == []
    assert calls[1].method == "POST" and calls[1].ephemeral  # the answer, private in a server
    assert app.store.entries(f"discord:{USER_ID}") == []


async def test_browse_button_runs_its_command(app, fake, adapter):
    calls = await run(fake, adapter, fake.slash("plan", {}, guild=False))
    how_to = next(cid for c in calls for cid in c.custom_ids if command_of(app, cid).startswith("/explain"))
    calls = await run(fake, adapter, fake.click(fake.message_with(how_to), how_to))
    assert calls[0].type in (MESSAGE, DEFERRED_UPDATE)
    assert any(e.get("title") for c in calls for e in c.embeds)


async def test_remind_activation_button_works_after_a_restart(app, fake, start_adapter, clock):
    adapter = await start_adapter()
    calls = await run(fake, adapter, fake.slash("remind", {"days": "mon,wed,fri", "time": "18:00"}))
    assert calls[0].ephemeral and "#1" in calls[0].content
    (schedule,) = app.store.schedules(f"discord:{USER_ID}")
    assert schedule.target == f"discord:{discord_chat_id(CHANNEL_ID, USER_ID)}"

    # 18:00 on Monday: the activation goes to the user's DMs, with the "activation done" button
    assert await app.reminders.run_due(datetime(2026, 11, 23, 18, 0, tzinfo=UTC)) == 1
    dm = fake.dm_channels[USER_ID]
    (push,) = fake.calls_to("POST", rf"^/channels/{dm}/messages$")
    (done_id,) = [cid for cid in push.custom_ids if command_of(app, cid).startswith("/lift_now")]
    assert done_id.startswith("gca:") and len(done_id) <= 100

    # restart: a brand-new client must still answer the old message's button
    await adapter.stop()
    adapter = await start_adapter()
    clock.now = datetime(2026, 11, 23, 18, 3, tzinfo=UTC)
    calls = await run(fake, adapter, fake.click(fake.message_with(done_id), done_id))
    assert calls[0].type == UPDATE_MESSAGE and calls[0].components == []  # the button is gone
    followups = [c for c in calls[1:] if c.method == "POST"]
    assert followups and not followups[0].ephemeral  # a DM
    shown = followups[0].content or str(followups[0].embeds)
    assert "lift" in shown.lower()


async def test_someone_elses_personal_button_is_refused(app, fake, adapter, clock):
    await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x10 80kg"}))
    target = Target("discord", discord_chat_id(CHANNEL_ID, USER_ID))  # a push: to the user's DMs
    reply = bind_buttons(
        Reply("Sure?", buttons=((Button("Yes, delete everything", "/deleteme_confirm"),),)),
        actions=pending_actions(app.store),
        account=f"discord:{USER_ID}",
        target=target,
        private=False,
        now=clock(),
    )
    assert await app.router.send(target, reply) == Delivery.OK
    dm = fake.dm_channels[USER_ID]
    sent = [c for c in fake.calls_to("POST", rf"^/channels/{dm}/messages$") if c.status == 200][-1]
    (custom_id,) = sent.custom_ids
    assert command_of(app, custom_id) == "/deleteme_confirm"  # on the server; the id alone says nothing

    calls = await run(fake, adapter, fake.click(fake.message_with(custom_id), custom_id, user_id=OTHER_USER))
    assert calls[0].type == MESSAGE and calls[0].ephemeral and calls[0].content == "This button isn't yours."
    assert len(app.store.entries(f"discord:{USER_ID}")) == 1  # nothing was deleted


# -- pushes ----------------------------------------------------------------------------------------


async def test_push_to_a_dm_target(app, fake, adapter):
    result = await app.router.send(Target("discord", "555"), Reply("*Time* to lift"))
    assert result == Delivery.OK
    (call,) = fake.calls_to("POST", r"^/channels/555/messages$")
    assert call.content == "**Time** to lift"


async def test_dm_closed_is_blocked_and_nothing_goes_to_the_channel(app, fake, adapter):
    fake.fail("POST", r"^/channels/\d+/messages$", 403, code=50007)  # the DM: closed
    target = Target("discord", discord_chat_id(CHANNEL_ID, USER_ID))
    assert await app.router.send(target, Reply("Time to lift: hip thrust 3 x 10 @ 80 kg")) == Delivery.BLOCKED
    assert fake.calls_to("POST", r"^/users/@me/channels$")[0].json == {"recipient_id": USER_ID}
    assert fake.calls_to("POST", rf"^/channels/{CHANNEL_ID}/messages$") == []  # no weights in the server


async def test_dm_and_channel_both_fail_pauses_the_schedule(app, fake, adapter):
    await run(fake, adapter, fake.slash("remind", {"days": "daily", "time": "18:00"}))
    fake.fail("POST", r"^/channels/\d+/messages$", 403, code=50007, times=2)  # DM closed, channel forbidden
    assert await app.reminders.run_due(datetime(2026, 11, 23, 18, 0, tzinfo=UTC)) == 0
    (schedule,) = app.store.schedules(f"discord:{USER_ID}")
    assert schedule.paused  # the core pauses it and tells the user next time
    calls = await run(fake, adapter, fake.slash("reminders"))
    assert "paused" in " ".join((c.content or "") + str(c.embeds) for c in calls).lower()


async def test_a_429_on_a_push_is_respected_and_interactions_go_first(app, fake, adapter):
    fake.fail("POST", r"^/channels/555/messages$", 429, retry_after=0.6)
    push = asyncio.create_task(app.router.send(Target("discord", "555"), Reply("reminder")))
    await fake.wait_for(lambda: fake.calls_to("POST", r"^/channels/555/messages$"))
    calls = await run(fake, adapter, fake.slash("explain", {"exercise": "glute bridge"}))
    assert calls[0].type == MESSAGE
    assert await push == Delivery.OK
    limited, sent = fake.calls_to("POST", r"^/channels/555/messages$")
    assert (limited.status, sent.status) == (429, 200)
    # In the order the server saw them: the answer went out while the push waited out its limit.
    order = fake.calls.index
    assert order(limited) < order(calls[0]) < order(sent)
    assert sent.at - limited.at >= 0.55  # the server's own clock: the push waited retry_after


async def test_push_fan_out_is_paced(app, fake, start_adapter):
    await start_adapter(push_rate=50.0)
    results = await asyncio.gather(
        *(app.router.send(Target("discord", str(900 + i)), Reply(f"r{i}")) for i in range(20))
    )
    assert results == [Delivery.OK] * 20
    pushes = fake.calls_to("POST", r"^/channels/9\d\d/messages$")
    assert len(pushes) == 20
    # As the server received them (a lower bound: a busy machine only spreads them further).
    assert pushes[-1].at - pushes[0].at >= 19 / 50.0 * 0.9


# -- life cycle ------------------------------------------------------------------------------------


async def test_stop_is_quick_and_the_token_is_never_logged(app, fake, start_adapter, caplog):
    caplog.set_level(logging.DEBUG)
    adapter = await start_adapter()
    await run(fake, adapter, fake.slash("approach"))
    async with asyncio.timeout(10):  # a guard against a hang, not a measurement
        await adapter.stop()
    assert adapter.client is not None and adapter.client.is_closed()
    assert "fake-token-never-logged" not in caplog.text


async def test_no_voice_library_warnings_while_running(fake, adapter, caplog):
    """The coach never joins voice: discord.py's "voice will NOT be supported" warnings (logged at the
    first client of a process, unless PyNaCl and davey are installed) are not shown."""
    caplog.set_level(logging.DEBUG)
    client_log = logging.getLogger("discord.client")
    client_log.warning("PyNaCl is not installed, voice will NOT be supported")
    client_log.warning("davey is not installed, voice will NOT be supported")
    client_log.warning("something else")
    assert "voice" not in caplog.text and "something else" in caplog.text


async def test_gateway_loss_reconnects(fake, adapter):
    sessions = fake.identifies + fake.resumes
    await fake.disconnect_all()
    await fake.wait_for(lambda: fake.identifies + fake.resumes > sessions, within=10)
    calls = await run(fake, adapter, fake.slash("approach"))
    assert calls[0].type == MESSAGE


async def test_network_down_at_start_is_retried_and_logged_once(app, caplog):
    caplog.set_level(logging.INFO, logger="adapters.discord.adapter")
    fake = await FakeDiscord().start()
    await fake.stop()  # nothing listens on its port now
    adapter = DiscordAdapter(discord_settings(app, fake), app.ctx, app.router, guild_ready_timeout=0.05)
    with point_discord_py(fake):
        await adapter.start()  # returns at once: the other platforms keep running
        try:
            await asyncio.sleep(1.3)  # two attempts (1 s backoff)
            assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1
            ready = asyncio.create_task(adapter.wait_ready())
            await asyncio.sleep(0)
            assert not ready.done()  # not ready while the network is down
            await fake.start(fake.port)  # the network is back
            async with asyncio.timeout(8):
                await ready
            assert any("reachable again" in r.getMessage() for r in caplog.records)
            assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1
            await fake.wait_for(lambda: fake.commands)
            calls = await run(fake, adapter, fake.slash("approach"))
            assert calls[0].type == MESSAGE
        finally:
            await adapter.stop()
            await fake.stop()
    assert "fake-token-never-logged" not in caplog.text

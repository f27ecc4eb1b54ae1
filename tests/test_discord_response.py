"""The Discord adapter's own interaction responses: the JSON it assembles from cached pieces means what
discord.py's ``response.send_message`` would send, failures are handled as discord.py handles them, the
deferral watchdog, and answered interactions are freed without the cyclic garbage collector."""

from __future__ import annotations

import asyncio
import gc
import json
import time
from dataclasses import replace
from typing import Any

import discord
import pytest
from discord.webhook.async_ import interaction_message_response_params

from adapters.discord.adapter import NO_MENTIONS, response_body
from adapters.discord.render import render_replies, render_reply
from adapters.discord.views import build_view, parse_custom_id
from core.buttons import pending_actions
from core.messages import Button, Reply, Section
from core.registry import Command
from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.fakes.discord_api import DEFERRED_MESSAGE, MESSAGE, USER_ID

CALLBACK = r"^/interactions/\d+/[^/]+/callback$"


# -- the JSON ---------------------------------------------------------------------------------------


def _normalised(data: dict[str, Any]) -> dict[str, Any]:
    """A message payload without the values Discord assumes when they are missing."""
    out = {k: v for k, v in data.items() if not (k == "tts" and v is False) and v is not None}
    embeds = []
    for embed in out.get("embeds", []):
        embed = {k: v for k, v in embed.items() if (k, v) not in (("type", "rich"), ("flags", 0))}
        if "fields" in embed:
            embed["fields"] = [
                {k: v for k, v in f.items() if (k, v) != ("inline", False)} for f in embed["fields"]
            ]
        embeds.append(embed)
    if embeds:
        out["embeds"] = embeds
    return out


REPLIES = [
    Reply(
        "*Hip thrust*: 3 × 10 @ 80 kg",
        buttons=(
            (Button("Undo", "/undo", action="1" * 17), Button("Progress", "/progress", action="2" * 17)),
        ),
    ),
    Reply(
        "secret",
        private=True,
        buttons=((Button("Yes, delete", "/deleteme_confirm", style="danger", action="3" * 17),),),
    ),
    Reply(
        "A bridge with your shoulder blades on a bench.",
        title="Hip *thrust*",
        sections=(Section("Muscles", "gluteus maximus"), Section("How to", "1. Sit\n2. Drive")),
        buttons=((Button("Log it", "/help log", action="4" * 17),),),
    ),
    Reply("", title="T" * 400, sections=tuple(Section(f"S{i}", "line\n" * 300) for i in range(30))),
    Reply("plain text, no buttons"),
]


@pytest.mark.parametrize("reply", REPLIES)
@pytest.mark.parametrize("owner", [None, USER_ID])
async def test_response_json_means_what_send_message_sends(reply, owner):
    for message in render_reply(reply):
        ours = json.loads(response_body(message, owner))
        view = build_view(message.buttons, owner if not message.private else None)
        flags = discord.MessageFlags(ephemeral=True) if message.private else discord.utils.MISSING
        theirs = interaction_message_response_params(
            type=discord.InteractionResponseType.channel_message.value,
            content=message.content or None,
            embeds=message.embeds if message.embeds else discord.utils.MISSING,
            view=view if view is not None else discord.utils.MISSING,
            flags=flags,
            previous_allowed_mentions=NO_MENTIONS,
        ).payload
        assert theirs is not None
        assert ours["type"] == theirs["type"]
        assert _normalised(ours["data"]) == _normalised(theirs["data"])


async def test_cached_renders_share_their_encoded_json():
    reply = REPLIES[2]
    (first,) = render_replies([reply])
    (again,) = render_replies([replace(reply)])  # an equal reply, a different object
    assert again is first and again.json_members() is first.json_members()


# -- sending ----------------------------------------------------------------------------------------


async def test_a_rate_limited_response_is_retried(fake, start_adapter):
    adapter = await start_adapter()
    fake.fail("POST", CALLBACK, 429, retry_after=0.05)
    payload = fake.slash("explain", {"exercise": "hip thrust"})
    await run(fake, adapter, payload)
    limited, sent = fake.calls_to("POST", CALLBACK)
    assert (limited.status, sent.status) == (429, 200)
    assert sent.type == MESSAGE and sent.embeds and sent.embeds[0]["title"] == "Hip thrust"


async def test_a_server_error_is_retried(fake, start_adapter):
    adapter = await start_adapter()
    fake.fail("POST", CALLBACK, 500)
    await run(fake, adapter, fake.slash("approach"))
    failed, sent = fake.calls_to("POST", CALLBACK)
    assert (failed.status, sent.status) == (500, 200)


async def test_a_refused_response_falls_back_to_an_apology(fake, start_adapter):
    adapter = await start_adapter()
    fake.fail("POST", CALLBACK, 403)
    payload = fake.slash("explain", {"exercise": "hip thrust"})
    await fake.inject(payload)
    await fake.wait_for(lambda: len(fake.calls_to("POST", CALLBACK)) >= 2)
    async with asyncio.timeout(5):
        await adapter.idle()
    refused, apology = fake.calls_to("POST", CALLBACK)
    assert refused.status == 403
    assert apology.status == 200 and apology.ephemeral and "couldn't show" in apology.content


async def test_an_expired_interaction_is_dropped_quietly(fake, start_adapter, caplog):
    adapter = await start_adapter()
    fake.fail("POST", CALLBACK, 404, code=10062)
    await fake.inject(fake.slash("approach"))
    await fake.wait_for(lambda: fake.calls_to("POST", CALLBACK))
    async with asyncio.timeout(5):
        await adapter.idle()
    assert [c.status for c in fake.calls_to("POST", CALLBACK)] == [404]
    assert "expired" in caplog.text


async def test_followups_after_the_first_response_still_work(app, fake, start_adapter):
    async def two(request, ctx):
        return [Reply("first"), Reply("second", buttons=((Button("Undo", "/undo"),),))]

    app.registry.add(Command("twice", "Two replies", two))
    adapter = await start_adapter()
    first, second = await run(fake, adapter, fake.slash("twice"))
    assert first.type == MESSAGE and first.content == "first"
    assert second.method == "POST" and second.path.startswith("/webhooks/") and second.content == "second"
    [undo] = second.custom_ids
    assert pending_actions(app.store).get(parse_custom_id(undo)).command == "/undo"


# -- the deferral watchdog --------------------------------------------------------------------------


async def test_only_the_slow_command_is_deferred(app, fake, start_adapter):
    async def slow(request, ctx):
        await asyncio.sleep(0.6)
        return Reply("done slowly")

    app.registry.add(Command("slowpoke", "Takes a while", slow))
    adapter = await start_adapter(defer_after=0.3)
    quick = [fake.slash("approach", user_id=USER_ID + i) for i in range(5)]
    await asyncio.gather(*(fake.inject(p) for p in quick))  # the first watches fall due first
    await asyncio.sleep(0.1)
    started = time.monotonic()
    slow_payload = fake.slash("slowpoke")
    await fake.inject(slow_payload)
    await fake.wait_for(lambda: len(fake.for_interaction(slow_payload)) >= 2, within=5)
    async with asyncio.timeout(5):
        await adapter.idle()
    for payload in quick:
        assert [c.type for c in fake.for_interaction(payload)] == [MESSAGE]
    deferred, edit = fake.for_interaction(slow_payload)
    assert deferred.type == DEFERRED_MESSAGE and deferred.at - started >= 0.25  # not before it was due
    assert edit.method == "PATCH" and edit.content == "done slowly"
    assert adapter._sweeper is None and not adapter._watches  # nothing in flight: no timer either


# -- memory -----------------------------------------------------------------------------------------


async def test_answered_interactions_are_not_left_to_the_cyclic_gc(fake, start_adapter):
    adapter = await start_adapter()
    for _ in range(3):  # warm: caches, pooled connections
        await run(fake, adapter, fake.slash("explain", {"exercise": "hip thrust"}))
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        await run(fake, adapter, fake.slash("explain", {"exercise": "hip thrust"}))
        await run(
            fake, adapter, fake.slash("log", {"exercise": "hip thrust", "sets": "3x10", "weight": 80.0})
        )
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, discord.Interaction | discord.InteractionResponse)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []

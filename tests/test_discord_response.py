"""The Discord adapter's interaction responses as the user gets them: content, embeds, buttons, files
and privacy of the first response and its followups; failures handled as discord.py handles them; the
deferral watchdog."""

from __future__ import annotations

import asyncio

from adapters.discord.views import parse_custom_id
from core.buttons import pending_actions
from core.messages import Attachment, Button, Image, Reply, Section
from core.registry import Command
from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.fakes.discord_api import DEFERRED_MESSAGE, MESSAGE, USER_ID

CALLBACK = r"^/interactions/\d+/[^/]+/callback$"


def commands_of(app, custom_ids: list[str]) -> list[str]:
    """What buttons do: a custom_id names a pending action; the command stays on the server."""
    actions = pending_actions(app.store)
    return [(actions.get(parse_custom_id(c) or "") or _NONE).command for c in custom_ids]


class _NONE:
    command = ""


# -- what the user gets ----------------------------------------------------------------------------


async def _answer_with(app, fake, start_adapter, reply: Reply, *, guild: bool = True):
    async def show(request, ctx):
        return reply

    app.registry.add(Command("show", "Shows a reply", show))
    adapter = await start_adapter()
    return await run(fake, adapter, fake.slash("show", guild=guild))


async def test_a_plain_reply_with_buttons_naming_server_side_actions(app, fake, start_adapter):
    reply = Reply(
        "*Hip thrust*: 3 × 10 @ 80 kg", buttons=((Button("Undo", "/undo"), Button("Stats", "/progress")),)
    )
    (call,) = await _answer_with(app, fake, start_adapter, reply)
    assert call.type == MESSAGE and call.path.endswith("/callback")
    assert call.content == "**Hip thrust**: 3 × 10 @ 80 kg" and call.embeds == []
    assert not call.ephemeral
    assert all(c.startswith("gca:") for c in call.custom_ids)
    assert commands_of(app, call.custom_ids) == ["/undo", "/progress"]
    assert [c["label"] for c in call.components[0]["components"]] == ["Undo", "Stats"]
    assert call.data.get("allowed_mentions") == {"parse": []}  # replies never ping anyone


async def test_a_private_reply_in_a_server_is_ephemeral(app, fake, start_adapter):
    reply = Reply("secret", private=True, buttons=((Button("Yes, delete", "/deleteme_confirm"),),))
    (call,) = await _answer_with(app, fake, start_adapter, reply)
    assert call.type == MESSAGE and call.content == "secret" and call.ephemeral
    assert commands_of(app, call.custom_ids) == ["/deleteme_confirm"]


async def test_a_titled_reply_becomes_an_embed(app, fake, start_adapter):
    reply = Reply(
        "A bridge with your shoulder blades on a bench.",
        title="Hip *thrust*",
        sections=(Section("Muscles", "gluteus maximus"), Section("How to", "1. Sit\n2. Drive")),
        buttons=((Button("Log it", "/help log"),),),
    )
    (call,) = await _answer_with(app, fake, start_adapter, reply)
    (embed,) = call.embeds
    assert call.type == MESSAGE and not call.content
    assert embed["title"] == "Hip thrust"
    assert embed["description"] == "A bridge with your shoulder blades on a bench."
    assert [(f["name"], f["value"]) for f in embed["fields"]] == [
        ("Muscles", "gluteus maximus"),
        ("How to", "1. Sit\n2. Drive"),
    ]
    assert commands_of(app, call.custom_ids) == ["/help log"]


async def test_a_long_reply_continues_in_followups_with_the_buttons_on_the_last(app, fake, start_adapter):
    sections = tuple(Section(f"S{i}", "line\n" * 300) for i in range(30))
    reply = Reply("", title="T" * 400, sections=sections, buttons=((Button("Undo", "/undo"),),))
    first, *rest = await _answer_with(app, fake, start_adapter, reply)
    assert first.type == MESSAGE and first.embeds[0]["title"].startswith("TTT")
    assert rest and all(c.path.startswith("/webhooks/") for c in rest)
    names = [f["name"] for c in [first, *rest] for e in c.embeds for f in e.get("fields", [])]
    assert names[0] == "S0" and "S29" in names and all(len(c.embeds) <= 10 for c in [first, *rest])
    assert [bool(c.custom_ids) for c in [first, *rest]] == [False] * len(rest) + [True]


async def test_files_reach_the_chat_with_the_first_response(app, fake, start_adapter):
    reply = Reply(
        "Your progress",
        title="Progress",
        image=Image(b"\x89PNG-chart", "chart.png", "Hip thrust, last 8 weeks"),
        file=Attachment("log.csv", b"date,exercise\n"),
    )
    (call,) = await _answer_with(app, fake, start_adapter, reply)
    assert call.type == MESSAGE
    assert call.filenames == ["chart.png", "log.csv"]
    assert {f["data"] for f in call.files} == {b"\x89PNG-chart", b"date,exercise\n"}
    assert call.embeds[0]["image"]["url"] == "attachment://chart.png"
    assert call.embeds[0]["footer"]["text"] == "Hip thrust, last 8 weeks"


async def test_a_reply_in_a_dm_is_not_ephemeral(app, fake, start_adapter):
    (call,) = await _answer_with(
        app, fake, start_adapter, Reply("hi", buttons=((Button("Undo", "/undo"),),)), guild=False
    )
    assert call.content == "hi" and not call.ephemeral and commands_of(app, call.custom_ids) == ["/undo"]


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
    assert commands_of(app, second.custom_ids) == ["/undo"]


# -- the deferral watchdog --------------------------------------------------------------------------


async def test_only_the_slow_command_is_deferred(app, fake, start_adapter):
    running, release = asyncio.Event(), asyncio.Event()

    async def slow(request, ctx):
        running.set()
        await release.wait()  # the test decides when it finishes: no race against a sleep
        return Reply("done slowly")

    app.registry.add(Command("slowpoke", "Takes a while", slow))
    adapter = await start_adapter(defer_after=1.0)
    quick = [fake.slash("approach", user_id=USER_ID + i) for i in range(5)]
    await asyncio.gather(*(fake.inject(p) for p in quick))  # the first watches fall due first
    slow_payload = fake.slash("slowpoke")
    await fake.inject(slow_payload)
    async with asyncio.timeout(5):
        await running.wait()
    # Event order, not a stopwatch: a whole round trip of another command fits before it falls due.
    other = fake.slash("approach", user_id=USER_ID + 9)
    await fake.inject(other)
    await fake.wait_for(lambda: fake.for_interaction(other), within=5)
    assert fake.for_interaction(slow_payload) == []
    await fake.wait_for(lambda: fake.for_interaction(slow_payload), within=5)
    (deferred,) = fake.for_interaction(slow_payload)  # acknowledged while the handler still runs
    assert deferred.type == DEFERRED_MESSAGE
    release.set()
    await fake.wait_for(lambda: len(fake.for_interaction(slow_payload)) >= 2, within=5)
    async with asyncio.timeout(5):
        await adapter.idle()
    for payload in quick:
        assert [c.type for c in fake.for_interaction(payload)] == [MESSAGE]
    deferred, edit = fake.for_interaction(slow_payload)
    assert edit.method == "PATCH" and edit.content == "done slowly"

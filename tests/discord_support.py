"""Fixtures and helpers shared by the Discord tests: the loopback fake, an adapter factory on the test
app, and `run` (one interaction in, its calls out). A test module imports the ``*_fixture`` functions;
pytest knows them by their names (``fake``, ``start_adapter``, ``adapter``)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from adapters.discord import DiscordAdapter
from tests.fakes.discord_api import Call, FakeDiscord, point_discord_py


@pytest.fixture(name="fake")
async def fake_fixture():
    server = await FakeDiscord().start()
    try:
        with point_discord_py(server):
            yield server
    finally:
        await server.stop()


def discord_settings(app, fake: FakeDiscord, *, guild: bool = True):
    return replace(
        app.settings,
        discord_token="fake-token-never-logged",
        discord_guild_id=str(fake.guild_id) if guild else "",
    )


@pytest.fixture(name="start_adapter")
async def start_adapter_fixture(app, fake):
    """A factory: start a DiscordAdapter on the app and the fake, wait until it is ready and synced."""
    started: list[DiscordAdapter] = []

    async def start(**kwargs) -> DiscordAdapter:
        guild = kwargs.pop("guild", True)
        adapter = DiscordAdapter(
            discord_settings(app, fake, guild=guild), app.ctx, app.router, guild_ready_timeout=0.05, **kwargs
        )
        started.append(adapter)
        syncs = len(fake.calls_to("PUT", r"/commands$"))
        await adapter.start()
        async with asyncio.timeout(5):
            await adapter.wait_ready()
        await fake.wait_for(lambda: len(fake.calls_to("PUT", r"/commands$")) > syncs)
        return adapter

    yield start
    for adapter in started:
        await adapter.stop()


@pytest.fixture(name="adapter")
async def adapter_fixture(start_adapter):
    return await start_adapter()


async def run(fake: FakeDiscord, adapter: DiscordAdapter, payload: dict) -> list[Call]:
    """Inject an interaction; wait for its callback and until the adapter is done with it."""
    await fake.inject(payload)
    await fake.wait_for(lambda: fake.for_interaction(payload))
    async with asyncio.timeout(10):
        await adapter.idle()
    return fake.for_interaction(payload)

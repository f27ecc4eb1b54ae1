"""The operator's endpoint, scraped with a real HTTP client on loopback: /metrics counts what users got
(by command and platform, with the latency histogram, pushes and what waits) and /healthz says 200
only while every configured platform is connected and the scheduler runs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from adapters.discord import DiscordAdapter
from bot import App, build_app, main, start_app, start_metrics, stop_app
from core.messages import Reply, Target
from core.metrics_server import MetricsServer
from core.router import Delivery
from core.settings import Settings
from tests.conftest import Chat
from tests.fakes.discord_api import FakeDiscord, point_discord_py
from tests.fakes.telegram_api import FakeBotAPI
from tests.test_telegram import USER, free_port, start_coach, stop_coach


async def get(server: MetricsServer, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{server.port}{path}") as resp,
    ):
        return resp.status, await resp.text()


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of one sample, read with prometheus_client's own parser; None if it is not there."""
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and s.labels == labels:
                return s.value
    return None


async def until_status(server: MetricsServer, path: str, status: int, within: float = 10.0) -> str:
    """Scrape until ``path`` answers ``status`` (the adapter notices an outage by itself)."""
    got, body = 0, ""
    try:
        async with asyncio.timeout(within):  # a hang fails here, not a slow machine's timing
            while True:
                got, body = await get(server, path)
                if got == status:
                    return body
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"{path} still {got}: {body}") from None


@pytest.fixture
async def console_app(tmp_path: Path, library, clock) -> AsyncIterator[tuple[App, MetricsServer]]:
    app = build_app(
        Settings(data_dir=tmp_path / "data", metrics_port=free_port()), library=library, clock=clock
    )
    await start_app(app)
    server = await start_metrics(app, [])
    assert server is not None
    try:
        yield app, server
    finally:
        await server.stop()
        await stop_app(app)


async def test_metrics_count_answers_by_command_and_platform_with_latency(console_app):
    app, server = console_app
    chat = Chat(app)
    await chat.say("/explain hip thrust")
    await chat.say("/explain glute bridge")
    await chat.say("/log hip thrust 3x10 80kg")
    await chat.say("/frobnicate secret words")

    status, text = await get(server, "/metrics")
    assert status == 200
    assert sample(text, "coach_commands_answered_total", command="explain", platform="console") == 2
    assert sample(text, "coach_commands_answered_total", command="log", platform="console") == 1
    # What was typed never becomes a label: an unknown command is counted as "unknown".
    assert sample(text, "coach_commands_answered_total", command="unknown", platform="console") == 1
    assert "frobnicate" not in text and "secret" not in text
    assert sample(text, "coach_answer_seconds_count", command="explain", platform="console") == 2
    assert sample(text, "coach_answer_seconds_bucket", command="explain", platform="console", le="+Inf") == 2
    assert (sample(text, "coach_answer_seconds_sum", command="explain", platform="console") or 0) > 0
    assert sample(text, "coach_scheduler_running") == 1
    assert sample(text, "coach_scheduled_reminders") == 0
    assert sample(text, "coach_journal_lag") is not None

    await chat.say("/remind mon,wed,fri 18:00")
    _, text = await get(server, "/metrics")
    assert sample(text, "coach_scheduled_reminders") == 1


async def test_healthz_is_ok_while_the_scheduler_runs_and_503_once_it_is_shut(console_app):
    app, server = console_app
    assert await get(server, "/healthz") == (200, "ok\n")
    await app.reminders.shutdown()
    status, body = await get(server, "/healthz")
    assert status == 503
    assert body == "scheduler: not running\n"


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    try:
        with point_discord_py(server):
            yield server
    finally:
        await server.stop()


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as f:
        yield f


async def test_telegram_answers_pushes_outbox_and_health(tmp_path, fake, library, clock):
    coach = await start_coach(tmp_path / "data", fake, library, clock, settings={"metrics_port": free_port()})
    await start_app(coach.app)
    server = await start_metrics(coach.app, [coach.adapter])
    assert server is not None
    try:
        await coach.say("/start")
        await coach.say("/explain hip thrust")
        assert await coach.app.router.send(Target("telegram", str(USER)), Reply("hi")) is Delivery.OK
        fake.blocked.add(USER)
        assert await coach.app.router.send(Target("telegram", str(USER)), Reply("hi")) is Delivery.BLOCKED

        status, text = await get(server, "/metrics")
        assert status == 200
        assert sample(text, "coach_commands_answered_total", command="start", platform="telegram") == 1
        assert sample(text, "coach_answer_seconds_count", command="explain", platform="telegram") == 1
        assert sample(text, "coach_pushes_total", platform="telegram", result="ok") == 1
        assert sample(text, "coach_pushes_total", platform="telegram", result="blocked") == 1
        assert sample(text, "coach_outbox_depth", platform="telegram") == 0
        assert sample(text, "coach_platform_up", platform="telegram") == 1
        assert await get(server, "/healthz") == (200, "ok\n")

        await fake.stop()  # the Bot API goes away: polling fails and the adapter notices
        body = await until_status(server, "/healthz", 503)
        assert body == "telegram: not connected\n"
        _, text = await get(server, "/metrics")
        assert sample(text, "coach_platform_up", platform="telegram") == 0

        await fake.start(fake.port)  # it comes back: the first call that gets an answer says so
        assert await coach.app.router.send(Target("telegram", "1002"), Reply("back")) is Delivery.OK
        assert await get(server, "/healthz") == (200, "ok\n")
    finally:
        await server.stop()
        await stop_coach(coach)


async def test_no_endpoint_without_metrics_port(tmp_path, library, clock):
    app = build_app(Settings(data_dir=tmp_path / "data"), library=library, clock=clock)
    try:
        assert await start_metrics(app, []) is None
    finally:
        await stop_app(app)


def test_it_listens_on_loopback_unless_metrics_host_says_otherwise(monkeypatch):
    monkeypatch.delenv("METRICS_HOST", raising=False)
    monkeypatch.setenv("METRICS_PORT", "9464")
    settings = Settings.from_env(env_file=None)
    assert (settings.metrics_host, settings.metrics_port) == ("127.0.0.1", 9464)
    monkeypatch.setenv("METRICS_HOST", "0.0.0.0")
    assert Settings.from_env(env_file=None).metrics_host == "0.0.0.0"
    monkeypatch.delenv("METRICS_PORT")
    assert Settings.from_env(env_file=None).metrics_port == 0  # unset: no endpoint


async def test_the_default_server_answers_on_127_0_0_1(console_app):
    _, server = console_app
    assert server.host == "127.0.0.1"
    status, _ = await get(server, "/metrics")  # get() connects to 127.0.0.1
    assert status == 200


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("METRICS_PORT", "ninety", "a number from 1 to 65535"),
        ("METRICS_PORT", "70000", "a number from 1 to 65535"),
        ("METRICS_HOST", "http://example.org", "a host name or IP address"),
    ],
)
def test_a_bad_metrics_setting_stops_start_up_in_one_line(
    monkeypatch, capsys, tmp_path, name, value, allowed
):
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv(name, value)
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and name in err and allowed in err


async def test_a_port_in_use_stops_start_up_in_one_line(tmp_path, library, clock):
    from bot import StartupError

    port = free_port()
    blocker = await asyncio.start_server(lambda r, w: None, "127.0.0.1", port)
    app = build_app(Settings(data_dir=tmp_path / "data", metrics_port=port), library=library, clock=clock)
    try:
        with pytest.raises(StartupError, match=f"METRICS_PORT={port} on 127.0.0.1 cannot be used"):
            await start_metrics(app, [])
    finally:
        blocker.close()
        await blocker.wait_closed()
        await stop_app(app)


async def test_outbox_depth_counts_pushes_waiting_for_their_slot(tmp_path, fake, library, clock):
    # One push per chat per 30 s: the first goes out, the next two wait in the outbox.
    coach = await start_coach(
        tmp_path / "data",
        fake,
        library,
        clock,
        per_chat_interval=30.0,
        settings={"metrics_port": free_port()},
    )
    await start_app(coach.app)
    server = await start_metrics(coach.app, [coach.adapter])
    assert server is not None
    target = Target("telegram", str(USER))
    try:
        assert await coach.app.router.send(target, Reply("first")) is Delivery.OK
        waiting = [asyncio.create_task(coach.app.router.send(target, Reply(t))) for t in ("2", "3")]
        async with asyncio.timeout(10):  # a hang fails here, not a slow machine's timing
            while True:
                _, text = await get(server, "/metrics")
                if sample(text, "coach_outbox_depth", platform="telegram") == 2:
                    break
                await asyncio.sleep(0.05)
    finally:
        await server.stop()
        await stop_coach(coach)  # the waiting pushes are not sent: they fail
    assert [await t for t in waiting] == [Delivery.FAILED, Delivery.FAILED]


async def test_discord_answers_and_health_follow_the_gateway(app, fake_discord):
    from tests.discord_support import discord_settings, run

    adapter = DiscordAdapter(
        discord_settings(app, fake_discord), app.ctx, app.router, guild_ready_timeout=0.05
    )
    await adapter.start()
    server = MetricsServer(app.ctx.metrics)  # port 0: any free port on 127.0.0.1
    app.ctx.metrics.watch(adapter)
    await server.start()
    try:
        async with asyncio.timeout(5):
            await adapter.wait_ready()
        await run(fake_discord, adapter, fake_discord.slash("approach"))
        _, text = await get(server, "/metrics")
        assert sample(text, "coach_commands_answered_total", command="approach", platform="discord") == 1
        assert sample(text, "coach_platform_up", platform="discord") == 1
        assert await get(server, "/healthz") == (200, "ok\n")

        await fake_discord.disconnect_all()  # the gateway drops: down until discord.py resumes
        await fake_discord.stop()
        assert await until_status(server, "/healthz", 503) == "discord: not connected\n"
    finally:
        await server.stop()
        await adapter.stop()

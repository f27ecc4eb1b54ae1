"""The Telegram transport (adapters/telegram/json_request.py): python-telegram-bot's own Bot, through our
public ``BaseRequest``, against a loopback HTTP server that records what reaches it. A call without
files arrives as one JSON body with its nested objects intact; an upload as multipart; a server too slow
to answer as python-telegram-bot's ``TimedOut``. This fails if an upgrade changes what ``RequestData``
gives a transport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import TimedOut

from adapters.telegram.json_request import JSONRequest

TOKEN = "123:TEST"
ME = {"id": 1, "is_bot": True, "first_name": "Coach", "username": "coach_bot"}


def message(text: str) -> dict[str, Any]:
    return {"message_id": 7, "date": 0, "chat": {"id": 42, "type": "private"}, "text": text}


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, bytes]] = []  # method, content type, body
        self.delay = 0.0

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await request.read()
        self.calls.append((method, request.content_type, body))
        await asyncio.sleep(self.delay)
        result: Any = ME if method == "getMe" else message("ok")
        return web.json_response({"ok": True, "result": result})


@pytest.fixture
async def server() -> AsyncIterator[tuple[Recorder, str]]:
    recorder = Recorder()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", recorder.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield recorder, f"http://127.0.0.1:{port}/bot"
    finally:
        await runner.cleanup()


async def test_a_message_with_buttons_goes_as_one_json_body(server: tuple[Recorder, str]) -> None:
    recorder, base = server
    async with Bot(TOKEN, base_url=base, request=JSONRequest(4)) as bot:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Undo", callback_data="ca:1f")]])
        sent = await bot.send_message(
            42, "Hip thrust: 3 × 10 @ 80 kg <b>&</b> ünïcode", reply_markup=keyboard
        )
    assert sent.message_id == 7
    method, content_type, body = recorder.calls[-1]
    assert (method, content_type) == ("sendMessage", "application/json")
    payload = json.loads(body)
    assert payload["chat_id"] == 42
    assert payload["text"] == "Hip thrust: 3 × 10 @ 80 kg <b>&</b> ünïcode"
    assert payload["reply_markup"] == {"inline_keyboard": [[{"text": "Undo", "callback_data": "ca:1f"}]]}


async def test_an_upload_goes_as_multipart(server: tuple[Recorder, str]) -> None:
    recorder, base = server
    async with Bot(TOKEN, base_url=base, request=JSONRequest(4)) as bot:
        await bot.send_document(42, b"date,exercise\n2026-11-30,hip thrust\n", filename="coach-log.csv")
    method, content_type, body = recorder.calls[-1]
    assert (method, content_type) == ("sendDocument", "multipart/form-data")
    assert b"coach-log.csv" in body and b"2026-11-30,hip thrust" in body


async def test_a_server_too_slow_to_answer_is_timed_out(server: tuple[Recorder, str]) -> None:
    recorder, base = server
    async with Bot(TOKEN, base_url=base, request=JSONRequest(4, read_timeout=0.2)) as bot:
        recorder.delay = 1.0
        with pytest.raises(TimedOut):
            await bot.send_message(42, "hello")

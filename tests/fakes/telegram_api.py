"""A loopback fake of the Telegram Bot API, for driving the real python-telegram-bot client.

An aiohttp server on 127.0.0.1 (random port) answering ``/bot<token>/<method>``: getMe, getUpdates
(long poll with offsets, limit and timeout), sendMessage, sendPhoto, sendDocument (multipart),
editMessageReplyMarkup, editMessageText, getFile (and the file download: `document` injects a
user's file), answerCallbackQuery, setMyCommands, deleteWebhook, setWebhook, getWebhookInfo,
plus sendChatAction, getMyCommands, deleteMyCommands, set/getMyDescription, set/getMyShortDescription
(kept in `descriptions`), close and logOut. It records every call
(`calls`), lets a test inject a user's message or a callback query (each update validated with
`telegram.Update.de_json` first: one malformed update would stall the client forever), and injects
faults: the next N calls of a method answer 403 / 429 with ``retry_after`` / 5xx, or the connection is
dropped before or after the call took effect. ``upload_delay`` makes sendPhoto/sendDocument take that
long (a slow upload); `Call.at` / `Call.done_at` say when a call arrived and when it was answered.

python-telegram-bot sends form or multipart fields and JSON-encodes every value except plain strings;
a JSON body is accepted too. Either way `Call.params` holds the decoded values
(``chat_id`` an int, ``reply_markup`` a dict, …), `Call.raw` the fields as strings (non-strings
JSON-encoded, as in a form) and `Call.files` the uploaded files.

Besides the Python API (tests run it on their own event loop), a small control API under ``/_fake/``
lets another process drive it (the benchmark runs the fake in a subprocess:
``python -m tests.fakes.telegram_api --port 0`` prints ``PORT <n>``).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from telegram import Update

DEFAULT_TOKEN = "123456:TEST-token-never-logged"

SEND_METHODS = ("sendMessage", "sendPhoto", "sendDocument")
UPLOAD_METHODS = ("sendPhoto", "sendDocument")
_JSON_FIELDS = {
    "chat_id",
    "message_id",
    "reply_markup",
    "commands",
    "offset",
    "limit",
    "timeout",
    "allowed_updates",
    "link_preview_options",
    "drop_pending_updates",
    "max_connections",
    "scope",
    "show_alert",
    "cache_time",
    "disable_notification",
    "protect_content",
    "reply_parameters",
    "entities",
    "caption_entities",
    "user_id",
}


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    raw: dict[str, str]
    files: dict[str, UploadedFile]
    at: float
    token: str
    status: int = 200  # what the fake answered (0: connection dropped)
    done_at: float | None = None  # when the fake finished handling it (answered or dropped)

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def text(self) -> str:
        return self.raw.get("text", self.raw.get("caption", ""))

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def force_reply(self) -> dict[str, Any] | None:
        """The ForceReply markup sent with the message, if any."""
        markup = self.params.get("reply_markup")
        return markup if isinstance(markup, dict) and markup.get("force_reply") else None

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        """Inline keyboard rows as (label, callback_data)."""
        markup = self.params.get("reply_markup") or {}
        return [
            [(b["text"], b.get("callback_data", "")) for b in row]
            for row in markup.get("inline_keyboard", [])
        ]

    def file(self, name: str) -> UploadedFile | None:
        value = self.raw.get(name, "")
        if value.startswith("attach://"):
            return self.files.get(value[len("attach://") :])
        return self.files.get(name)


@dataclass
class Fault:
    method: str
    status: int = 500  # 403, 429, 5xx; 0 = drop the connection
    count: int = 1
    retry_after: int | None = None
    description: str = ""
    chat_id: Any = None  # only calls for this chat
    after: bool = False  # drop: after the call took effect (the client cannot know it did)


def _decode(name: str, value: str) -> Any:
    if name in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeBotAPI:
    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        username: str = "CoachBot",
        bot_id: int = 777000,
        first_name: str = "Glute Coach",
        record: bool = True,
    ) -> None:
        self.token = token
        self.record = record  # False (benchmarks): keep counts and delivery times, not every call
        self.username = username
        self.bot_id = bot_id
        self.first_name = first_name
        self.calls: list[Call] = []
        self.counts: dict[str, int] = defaultdict(int)  # calls per method when not recording
        self.unknown: list[str] = []
        self.faults: list[Fault] = []
        self.blocked: set[int] = set()  # users who blocked the bot: 403 "bot was blocked by the user"
        self.unstarted: set[int] = set()  # users who never opened a private chat: 403 "can't initiate"
        self.send_delay = 0.0  # seconds each send method takes before it takes effect (a slow server)
        self.webhook: dict[str, Any] = {"url": "", "secret_token": ""}
        self.last_message: dict[str, Any] = {}
        self.commands: list[dict[str, Any]] = []
        # "description" / "short_description" as the bot last set them (Telegram keeps them per bot).
        self.descriptions: dict[str, str] = {"description": "", "short_description": ""}
        self.injected_at: dict[int, tuple[Any, float]] = {}  # update_id → (chat_id, time)
        self.sent_at: dict[Any, list[float]] = defaultdict(list)  # chat → times of delivered sends
        self.upload_delay = 0.0  # seconds sendPhoto/sendDocument take before they are answered
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[Any, itertools.count] = defaultdict(lambda: itertools.count(1))
        self._callback_ids = itertools.count(1)
        self._change: asyncio.Future[None] | None = None
        self._closing = False
        self._waiters: dict[Any, asyncio.Future[float]] = {}  # load generator: chat → its pending reply
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self.port = 0
        # Files users sent (documents): file_id → (file_path, bytes), served by getFile and /file/.
        self.files: dict[str, tuple[str, bytes]] = {}

    # ------------------------------------------------------------------ server
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self, port: int = 0) -> FakeBotAPI:
        self._closing = False
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/_fake/{action}", self._control)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, "127.0.0.1", port or self.port, reuse_address=True)
        await self._site.start()
        sockets = self._site._server.sockets if self._site._server else []  # type: ignore[union-attr]
        self.port = sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        """Stop listening (state is kept: `start` again on the same port to come back)."""
        self._closing = True
        self._notify()  # long polls answer now
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ injection
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    @staticmethod
    def user(user_id: int, first_name: str = "Ann", username: str | None = None) -> dict[str, Any]:
        u: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}
        if username:
            u["username"] = username
        return u

    @staticmethod
    def chat(
        chat_id: int, chat_type: str = "private", title: str = "Glute club", first_name: str = "Ann"
    ) -> dict:
        if chat_type == "private":
            return {"id": chat_id, "type": "private", "first_name": first_name}
        return {"id": chat_id, "type": chat_type, "title": title}

    def inject(self, update: dict[str, Any]) -> int:
        """Queue a raw update (its ``update_id`` is assigned here) after validating it."""
        update = dict(update)
        update["update_id"] = next(self._update_ids)
        parsed = Update.de_json(json.loads(json.dumps(update)), None)
        if parsed is None or (parsed.message is None and parsed.callback_query is None):
            raise ValueError(f"not a usable update: {update!r}")
        chat = parsed.effective_chat
        self.injected_at[update["update_id"]] = (chat.id if chat else None, time.perf_counter())
        self._updates.append(update)
        self._notify()
        return update["update_id"]

    def message(
        self,
        text: str,
        *,
        user_id: int = 1001,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Ann",
        reply_to: Call | None = None,
    ) -> int:
        """A user types ``text`` (a leading /command gets its bot_command entity, as Telegram does);
        ``reply_to``: as a reply to that message the bot sent (to a ForceReply, say)."""
        chat_id = user_id if chat_id is None else chat_id
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": self.chat(chat_id, chat_type, first_name=first_name),
            "from": self.user(user_id, first_name),
            "text": text,
        }
        if reply_to is not None:
            msg["reply_to_message"] = {
                "message_id": reply_to.params["_message_id"],
                "date": int(time.time()),
                "chat": msg["chat"],
                "from": self.bot_user(),
                "text": reply_to.text,
            }
        self.last_message = msg  # what the user sent last (its message_id, for a test to refer to)
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            msg["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
            ]
        return self.inject({"message": msg})

    def document(
        self,
        data: bytes,
        filename: str,
        *,
        caption: str = "",
        user_id: int = 1001,
        chat_id: int | None = None,
        chat_type: str = "private",
        mime_type: str = "text/csv",
    ) -> int:
        """A user sends a file as a document (with an optional caption, a /command's entity in it);
        the bot fetches it with getFile and a download from ``/file/bot<token>/<file_path>``."""
        chat_id = user_id if chat_id is None else chat_id
        file_id = f"doc-{len(self.files) + 1}"
        self.files[file_id] = (f"documents/{file_id}.csv", data)
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": self.chat(chat_id, chat_type),
            "from": self.user(user_id),
            "document": {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_name": filename,
                "mime_type": mime_type,
                "file_size": len(data),
            },
        }
        if caption:
            msg["caption"] = caption
            if caption.startswith("/"):
                command = caption.split(maxsplit=1)[0]
                msg["caption_entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
                ]
        self.last_message = msg
        return self.inject({"message": msg})

    def callback(
        self,
        data: str,
        *,
        user_id: int = 1001,
        chat_id: int | None = None,
        message_id: int = 1,
        chat_type: str = "private",
        first_name: str = "Ann",
    ) -> int:
        """A user presses an inline button carrying ``data`` under message ``message_id``."""
        chat_id = user_id if chat_id is None else chat_id
        return self.inject(
            {
                "callback_query": {
                    "id": str(next(self._callback_ids)),
                    "from": self.user(user_id, first_name),
                    "chat_instance": f"ci{chat_id}",
                    "data": data,
                    "message": {
                        "message_id": message_id,
                        "date": int(time.time()),
                        "chat": self.chat(chat_id, chat_type, first_name=first_name),
                        "from": self.bot_user(),
                        "text": "…",
                    },
                }
            }
        )

    def press(self, call: Call, label: str, *, user_id: int | None = None) -> int:
        """Press the button ``label`` (or the first whose label starts with it) of a message the bot sent.

        ``user_id`` defaults to the chat (a private chat); give it for a group's message.
        """
        for row in call.buttons:
            for text, data in row:
                if text == label or text.startswith(label):
                    chat_id = call.chat_id
                    return self.callback(
                        data,
                        user_id=chat_id if user_id is None else user_id,
                        chat_id=chat_id,
                        message_id=call.params["_message_id"],
                        chat_type="private" if chat_id > 0 else "group",
                    )
        raise KeyError(f"no button {label!r} in {call.buttons}")

    # ------------------------------------------------------------------ faults
    def fail(
        self,
        method: str,
        status: int,
        *,
        count: int = 1,
        retry_after: int | None = None,
        description: str = "",
        chat_id: Any = None,
    ) -> Fault:
        """The next ``count`` calls of ``method`` (for ``chat_id`` if given) answer ``status``."""
        fault = Fault(method, status, count, retry_after, description, chat_id)
        self.faults.append(fault)
        return fault

    def drop(self, method: str, *, count: int = 1, after: bool = False, chat_id: Any = None) -> Fault:
        """Close the connection without an answer; ``after=True``: once the call took effect."""
        fault = Fault(method, 0, count, chat_id=chat_id, after=after)
        self.faults.append(fault)
        return fault

    def _take_fault(self, method: str, chat_id: Any) -> Fault | None:
        for fault in self.faults:
            if (
                fault.count > 0
                and fault.method == method
                and (fault.chat_id is None or fault.chat_id == chat_id)
            ):
                fault.count -= 1
                return fault
        return None

    # ------------------------------------------------------------------ queries
    def calls_to(self, method: str, chat_id: Any = None, *, ok: bool | None = True) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method and (chat_id is None or c.chat_id == chat_id) and (ok is None or c.ok == ok)
        ]

    def sent(self, chat_id: Any = None) -> list[Call]:
        """Messages delivered (sendMessage/sendPhoto/sendDocument answered 200), in order."""
        return [
            c
            for c in self.calls
            if c.method in SEND_METHODS and c.ok and (chat_id is None or c.chat_id == chat_id)
        ]

    def latencies(self) -> list[float]:
        """For each injected update, seconds until the first message delivered to its chat after it."""
        out = []
        for chat_id, t0 in self.injected_at.values():
            after = [t for t in self.sent_at.get(chat_id, ()) if t >= t0]
            if after:
                out.append(min(after) - t0)
        return out

    async def run_load(
        self,
        texts: list[str],
        *,
        count: int,
        users: int,
        user_base: int = 500_000,
        think: float = 0.0,
        reply_timeout: float = 30.0,
    ) -> dict[str, Any]:
        """Closed-loop load: ``users`` users (each in their own private chat) send ``count`` messages in
        all, cycling through ``texts``; each user sends the next one only after the previous was
        answered (the first message delivered to their chat), then waits ``think`` seconds.

        Returns ``{"latencies": [s, ...], "elapsed": s, "timeouts": n}``; latency is from putting the
        update in the queue to the reply arriving here (one clock, this process).
        """
        loop = asyncio.get_running_loop()
        numbers = itertools.count()
        latencies: list[float] = []
        timeouts = 0

        async def user(chat: int) -> None:
            nonlocal timeouts
            while (n := next(numbers)) < count:
                waiter: asyncio.Future[float] = loop.create_future()
                self._waiters[chat] = waiter
                t0 = time.perf_counter()
                self.message(texts[n % len(texts)], user_id=chat)
                try:
                    latencies.append(await asyncio.wait_for(waiter, reply_timeout) - t0)
                except TimeoutError:
                    timeouts += 1
                    self._waiters.pop(chat, None)
                if think:
                    await asyncio.sleep(think)

        started = time.perf_counter()
        await asyncio.gather(*(user(user_base + i) for i in range(users)))
        return {"latencies": latencies, "elapsed": time.perf_counter() - started, "timeouts": timeouts}

    def chat_stats(self, lo: int, hi: int) -> dict[str, Any]:
        """Deliveries to the chats ``lo <= id < hi``: how many got exactly one, more, and the time span."""
        counts = [len(self.sent_at.get(c, ())) for c in range(lo, hi)]
        times = sorted(t for c in range(lo, hi) for t in self.sent_at.get(c, ()))
        first, last = (times[0], times[-1]) if times else (0.0, 0.0)
        in_window = sum(1 for ts in self.sent_at.values() for t in ts if first <= t <= last)
        return {
            "chats": hi - lo,
            "all_in_window": in_window,  # every message delivered (to any chat) meanwhile
            "exactly_one": sum(1 for n in counts if n == 1),
            "more_than_one": sum(1 for n in counts if n > 1),
            "none": sum(1 for n in counts if n == 0),
            "messages": len(times),
            "first": times[0] if times else None,
            "last": times[-1] if times else None,
        }

    def reset(self) -> None:
        self.calls.clear()
        self.counts.clear()
        self.faults.clear()
        self.injected_at.clear()
        self.sent_at.clear()

    async def wait_for(
        self,
        method: str | tuple[str, ...] = SEND_METHODS,
        count: int = 1,
        *,
        chat_id: Any = None,
        within: float = 5.0,
        ok: bool | None = True,
        since: int = 0,
    ) -> list[Call]:
        """Wait until at least ``count`` calls of ``method`` were recorded (from index ``since`` of
        `calls` on); return all of them."""
        methods = (method,) if isinstance(method, str) else method

        def matching() -> list[Call]:
            return [
                c
                for c in self.calls[since:]
                if c.method in methods
                and (chat_id is None or c.chat_id == chat_id)
                and (ok is None or c.ok == ok)
            ]

        if not await self._until(lambda: len(matching()) >= count, within):
            raise AssertionError(
                f"waited {within}s for {count} x {methods} (chat {chat_id}); got {len(matching())}: "
                f"{[(c.method, c.chat_id, c.text[:60]) for c in self.calls]}"
            )
        return matching()

    async def settle(self, quiet: float = 0.25, within: float = 5.0) -> None:
        """Wait until the bot made no call but getUpdates for ``quiet`` seconds (nothing more to send)."""
        deadline = time.monotonic() + within
        while True:
            seen = self._activity()
            await asyncio.sleep(quiet)
            if self._activity() == seen:
                return
            if time.monotonic() > deadline:
                raise AssertionError("the bot kept calling the API")

    def _activity(self) -> int:
        return sum(1 for c in self.calls if c.method != "getUpdates")

    async def _until(self, predicate: Any, within: float) -> bool:
        """Wait until ``predicate()`` holds (re-checked on every call or injection); False on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            if self._change is None or self._change.done():
                self._change = loop.create_future()
            try:
                await asyncio.wait_for(asyncio.shield(self._change), remaining)
            except TimeoutError:
                return predicate()
        return True

    def _notify(self) -> None:
        if self._change is not None and not self._change.done():
            self._change.set_result(None)
        self._change = None

    # ------------------------------------------------------------------ HTTP
    async def _params(self, request: web.Request) -> tuple[dict[str, str], dict[str, UploadedFile]]:
        raw: dict[str, str] = {}
        files: dict[str, UploadedFile] = {}
        if request.content_type == "application/json":
            body = await request.json()
            for k, v in body.items():
                raw[k] = v if isinstance(v, str) else json.dumps(v)
        elif request.can_read_body:
            if request.content_type == "multipart/form-data":
                reader = await request.multipart()
                async for part in reader:
                    if part.filename is not None:
                        data = await part.read()
                        files[part.name] = UploadedFile(
                            part.filename, part.headers.get("Content-Type", ""), bytes(data)
                        )
                    else:
                        raw[part.name] = await part.text()
            else:
                form = await request.post()
                raw = {k: v for k, v in form.items() if isinstance(v, str)}
        raw.update({k: v for k, v in request.query.items() if k not in raw})
        return raw, files

    def _answer(self, result: Any) -> web.Response:
        return web.Response(text=json.dumps({"ok": True, "result": result}), content_type="application/json")

    @staticmethod
    def _error(status: int, description: str, parameters: dict | None = None) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.Response(status=status, text=json.dumps(body), content_type="application/json")

    async def _file(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        for file_path, data in self.files.values():
            if file_path == path:
                return web.Response(body=data, content_type="application/octet-stream")
        return web.Response(body=b"", content_type="application/octet-stream")

    async def _api(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        method = request.match_info["method"]
        raw, files = await self._params(request)
        params = {k: _decode(k, v) for k, v in raw.items()}
        call = Call(method, params, raw, files, time.perf_counter(), token)
        if self.record:
            self.calls.append(call)
        else:
            self.counts[method] += 1
        try:
            if self.upload_delay and method in UPLOAD_METHODS:
                self._notify()  # waiters see the upload arrive, while it is still going
                await asyncio.sleep(self.upload_delay)
            return await self._handle(call, request)
        finally:
            call.done_at = time.perf_counter()
            self._notify()

    async def _handle(self, call: Call, request: web.Request) -> web.StreamResponse:
        if call.token != self.token:
            call.status = 401
            return self._error(401, "Unauthorized")
        handler = getattr(self, f"_m_{call.method}", None)
        if handler is None:
            self.unknown.append(call.method)
            call.status = 404
            return self._error(404, "Not Found: method not found")
        fault = self._take_fault(call.method, call.chat_id)
        if fault is not None and not (fault.status == 0 and fault.after):
            call.status = fault.status
            if fault.status == 0:
                return self._drop(request)
            if fault.status == 429:
                return self._error(
                    429,
                    fault.description or f"Too Many Requests: retry after {fault.retry_after or 1}",
                    {"retry_after": fault.retry_after or 1},
                )
            return self._error(fault.status, fault.description or _default_description(fault.status))
        if call.method in SEND_METHODS:
            chat = call.chat_id
            if chat in self.blocked:
                call.status = 403
                return self._error(403, "Forbidden: bot was blocked by the user")
            if chat in self.unstarted:
                call.status = 403
                return self._error(403, "Forbidden: bot can't initiate conversation with a user")
        if call.method == "getUpdates":
            return await handler(call)
        if self.send_delay and call.method in SEND_METHODS:
            await asyncio.sleep(self.send_delay)
        result = handler(call)
        if call.method in SEND_METHODS:
            self.sent_at[call.chat_id].append(call.at)
            waiter = self._waiters.pop(call.chat_id, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(call.at)
        if fault is not None:  # drop after the call took effect
            call.status = 0
            return self._drop(request)
        return self._answer(result)

    @staticmethod
    def _drop(request: web.Request) -> web.StreamResponse:
        if request.transport is not None:
            request.transport.close()
        raise ConnectionResetError("fake: connection dropped")

    # ------------------------------------------------------------------ methods
    def _m_getMe(self, call: Call) -> dict[str, Any]:
        return self.bot_user()

    async def _m_getUpdates(self, call: Call) -> web.Response:
        if self.webhook["url"]:
            call.status = 409
            return self._error(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(call.params.get("offset") or 0)
        limit = int(call.params.get("limit") or 100)
        timeout = float(call.params.get("timeout") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

        def pending() -> list[dict[str, Any]]:
            return [u for u in self._updates if u["update_id"] >= offset][:limit]

        if not pending() and timeout > 0:
            await self._until(lambda: bool(pending()) or self._closing, timeout)
        return self._answer(pending())

    def _message(self, call: Call, **extra: Any) -> dict[str, Any]:
        chat_id = call.chat_id
        message_id = next(self._message_ids[chat_id])
        call.params["_message_id"] = message_id
        chat_type = "private" if isinstance(chat_id, int) and chat_id > 0 else "group"
        msg = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self.chat(chat_id, chat_type)
            if isinstance(chat_id, int)
            else {"id": 0, "type": "channel"},
            "from": self.bot_user(),
            **extra,
        }
        markup = call.params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:  # Telegram echoes only keyboards
            msg["reply_markup"] = markup
        return msg

    def _m_sendMessage(self, call: Call) -> dict[str, Any]:
        return self._message(call, text=call.raw.get("text", ""))

    def _m_sendPhoto(self, call: Call) -> dict[str, Any]:
        photo = [{"file_id": "ph1", "file_unique_id": "uph1", "width": 640, "height": 480}]
        extra: dict[str, Any] = {"photo": photo}
        if call.raw.get("caption"):
            extra["caption"] = call.raw["caption"]
        return self._message(call, **extra)

    def _m_sendDocument(self, call: Call) -> dict[str, Any]:
        f = call.file("document")
        doc = {"file_id": "doc1", "file_unique_id": "udoc1", "file_name": f.filename if f else "file"}
        extra: dict[str, Any] = {"document": doc}
        if call.raw.get("caption"):
            extra["caption"] = call.raw["caption"]
        return self._message(call, **extra)

    def _m_getFile(self, call: Call) -> dict[str, Any]:
        file_id = call.raw.get("file_id", "")
        file_path, data = self.files.get(file_id, ("", b""))
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(data),
            "file_path": file_path,
        }

    def _m_editMessageText(self, call: Call) -> Any:
        return {
            "message_id": int(call.params.get("message_id") or 0),
            "date": int(time.time()),
            "chat": self.chat(call.chat_id, "private" if (call.chat_id or 0) > 0 else "group"),
            "from": self.bot_user(),
            "text": call.raw.get("text", ""),
        }

    def _m_editMessageReplyMarkup(self, call: Call) -> Any:
        if "inline_message_id" in call.params:
            return True
        return {
            "message_id": int(call.params.get("message_id") or 0),
            "date": int(time.time()),
            "chat": self.chat(call.chat_id, "private" if (call.chat_id or 0) > 0 else "group"),
            "from": self.bot_user(),
            "text": "…",
        }

    def _m_answerCallbackQuery(self, call: Call) -> bool:
        return True

    def _m_sendChatAction(self, call: Call) -> bool:
        return True

    def _m_setMyCommands(self, call: Call) -> bool:
        self.commands = list(call.params.get("commands") or [])
        return True

    def _m_getMyCommands(self, call: Call) -> list[dict[str, Any]]:
        return self.commands

    def _m_deleteMyCommands(self, call: Call) -> bool:
        self.commands = []
        return True

    def _m_setMyDescription(self, call: Call) -> bool:
        self.descriptions["description"] = str(call.raw.get("description") or "")
        return True

    def _m_getMyDescription(self, call: Call) -> dict[str, str]:
        return {"description": self.descriptions["description"]}

    def _m_setMyShortDescription(self, call: Call) -> bool:
        self.descriptions["short_description"] = str(call.raw.get("short_description") or "")
        return True

    def _m_getMyShortDescription(self, call: Call) -> dict[str, str]:
        return {"short_description": self.descriptions["short_description"]}

    def _m_deleteWebhook(self, call: Call) -> bool:
        self.webhook = {"url": "", "secret_token": ""}
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_setWebhook(self, call: Call) -> bool:
        self.webhook = {"url": call.raw.get("url", ""), "secret_token": call.raw.get("secret_token", "")}
        return True

    def _m_getWebhookInfo(self, call: Call) -> dict[str, Any]:
        return {
            "url": self.webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _m_close(self, call: Call) -> bool:
        return True

    def _m_logOut(self, call: Call) -> bool:
        return True

    # ------------------------------------------------------------------ control API (other processes)
    async def _control(self, request: web.Request) -> web.Response:
        action = request.match_info["action"]
        try:
            body = await request.json() if request.can_read_body else {}
        except ValueError:
            return web.json_response({"error": "the body must be JSON"}, status=400)
        if action == "messages":  # {"messages": [{"text", "user_id", "chat_id"?, "chat_type"?}]}
            ids = [self.message(**m) for m in body.get("messages", [])]
            return web.json_response({"update_ids": ids})
        if action == "stats":
            counts: dict[str, int] = defaultdict(int, self.counts)
            for c in self.calls:
                counts[f"{c.method}:{c.status}"] += 1
            per_chat = {str(k): len(v) for k, v in self.sent_at.items()}
            return web.json_response(
                {"counts": counts, "sent_per_chat": per_chat, "latencies": self.latencies()}
            )
        if action == "load":
            return web.json_response(await self.run_load(**body))
        if action == "chats":
            return web.json_response(self.chat_stats(int(body["lo"]), int(body["hi"])))
        if action == "cpu":
            return web.json_response({"cpu": time.process_time()})
        if action == "sent_count":
            return web.json_response({"sent": sum(len(v) for v in self.sent_at.values())})
        if action == "reset":
            self.reset()
            return web.json_response({"ok": True})
        if action == "calls":  # what the bot sent, for a person or a script driving a real run
            return web.json_response(
                [
                    {
                        "index": i,
                        "method": c.method,
                        "chat_id": c.chat_id,
                        "text": c.text,
                        "buttons": c.buttons,
                        "files": {k: {"name": f.filename, "bytes": len(f.data)} for k, f in c.files.items()},
                        "status": c.status,
                    }
                    for i, c in enumerate(self.calls)
                    if c.method not in ("getUpdates", "getMe")
                ]
            )
        if action == "press":  # {"label": "..."} and optionally "index" (from /_fake/calls), "user_id"
            return self._control_press(body)
        return web.json_response({"error": "unknown action"}, status=404)

    def _control_press(self, body: Any) -> web.Response:
        """Press a button for a script: by label alone (the latest message carrying it) or by the call
        index from ``/_fake/calls`` and label. Anything that does not name a button answers 4xx with
        the messages that have buttons, so the caller sees what can be pressed."""
        label = body.get("label") if isinstance(body, dict) else None
        index = body.get("index") if isinstance(body, dict) else None
        user_id = body.get("user_id") if isinstance(body, dict) else None
        if not isinstance(label, str) or not label:
            return self._press_error(
                400, 'give the button\'s "label" (and optionally the "index" of its message)'
            )
        if index is not None and (not isinstance(index, int) or not 0 <= index < len(self.calls)):
            return self._press_error(404, f"there is no call {index!r}")
        if user_id is not None and not isinstance(user_id, int):
            return self._press_error(400, '"user_id" must be a number')
        candidates = [self.calls[index]] if index is not None else list(reversed(self.calls))
        for call in candidates:
            if any(text == label or text.startswith(label) for row in call.buttons for text, _ in row):
                return web.json_response({"update_id": self.press(call, label, user_id=user_id)})
        where = f"call {index}" if index is not None else "any message"
        return self._press_error(404, f"no button {label!r} in {where}")

    def _press_error(self, status: int, error: str) -> web.Response:
        pressable = [
            {
                "index": i,
                "chat_id": c.chat_id,
                "text": c.text[:80],
                "buttons": [text for row in c.buttons for text, _ in row],
            }
            for i, c in enumerate(self.calls)
            if c.buttons and c.ok
        ]
        return web.json_response({"error": error, "messages_with_buttons": pressable}, status=status)


def _default_description(status: int) -> str:
    return {
        400: "Bad Request",
        403: "Forbidden: bot was blocked by the user",
        500: "Internal Server Error",
        502: "Bad Gateway",
        503: "Service Unavailable",
    }.get(status, f"Error {status}")


async def _serve(port: int, token: str, username: str, record: bool) -> None:
    fake = FakeBotAPI(token=token, username=username, record=record)
    await fake.start(port)
    print(f"PORT {fake.port}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await fake.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the fake Bot API on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--username", default="CoachBot")
    parser.add_argument("--no-record", action="store_true", help="keep counts only (benchmarks)")
    args = parser.parse_args(argv)
    try:
        asyncio.run(_serve(args.port, args.token, args.username, not args.no_record))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()

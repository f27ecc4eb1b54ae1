"""A loopback fake of Discord's REST API and gateway, enough to drive the real discord.py client.

REST (``http://127.0.0.1:<port>/api/v10``): gateway discovery, ``/users/@me``, the application,
command sync (bulk overwrite, global and guild), interaction callbacks, followups and the original
response (webhooks), channel messages and edits, DM channel creation. The gateway (``ws://…/gateway``):
HELLO, IDENTIFY → READY, GUILD_CREATE, heartbeat ACK, RESUME → RESUMED, and INTERACTION_CREATE events
that a test injects (application command, autocomplete, component).

Every REST call is recorded (`Call`: method, path, JSON body, uploaded files, time) so tests can assert
the exact callbacks. Failures are injected per route with `fail` (403, 404, 429 with retry_after, 5xx).
Responses carry ``Content-Type: application/json`` exactly, as discord.py requires.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

DISCORD_EPOCH_MS = 1420070400000
APP_ID = 1100000000000000001
BOT_ID = APP_ID
GUILD_ID = 1200000000000000001
CHANNEL_ID = 1300000000000000001  # a text channel in the guild
USER_ID = 1400000000000000001  # the default user who runs commands

EPHEMERAL = 64
# interaction callback types
PONG, MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, AUTOCOMPLETE = 1, 4, 5, 6, 7, 8
MODAL = 9  # the callback that opens a modal (its custom_id, title and text inputs in ``data``)
MODAL_SUBMIT = 5  # the interaction type of a submitted modal
_TOKEN_IN_PATH = re.compile(r"^/(?:interactions/\d+|webhooks/\d+)/([^/]+)")
# option types
OPT_STRING, OPT_INTEGER, OPT_NUMBER = 3, 4, 10


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # discord.py checks the content type for exactly "application/json" (no charset)
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def _iso(ts: float | None = None) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts if ts is not None else time.time(), UTC).isoformat()


@dataclass
class Call:
    method: str
    path: str  # without the /api/v10 prefix, e.g. "/interactions/1/tok/callback"
    query: dict[str, str]
    json: Any
    files: list[dict[str, Any]]  # {"name": field name, "filename", "content_type", "data": bytes}
    at: float
    status: int = 200

    @property
    def type(self) -> int | None:
        return self.json.get("type") if isinstance(self.json, dict) else None

    @property
    def data(self) -> dict[str, Any]:
        """The message part: a callback's ``data``, or the body of a followup / message / edit."""
        if not isinstance(self.json, dict):
            return {}
        if self.path.endswith("/callback"):
            return self.json.get("data") or {}
        return self.json

    @property
    def content(self) -> str | None:
        return self.data.get("content")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.data.get("embeds") or []

    @property
    def flags(self) -> int:
        return int(self.data.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def components(self) -> list[dict[str, Any]]:
        return self.data.get("components") or []

    @property
    def custom_ids(self) -> list[str]:
        return [
            c["custom_id"] for row in self.components for c in row.get("components", []) if "custom_id" in c
        ]

    @property
    def attachments(self) -> list[dict[str, Any]]:
        return self.data.get("attachments") or []

    @property
    def filenames(self) -> list[str]:
        return [f["filename"] for f in self.files]

    @property
    def choices(self) -> list[dict[str, Any]]:
        return self.data.get("choices") or []


@contextlib.contextmanager
def point_discord_py(fake: FakeDiscord) -> Iterator[None]:
    """While inside: discord.py's REST calls and fresh gateway connections go to ``fake`` (started once,
    so its port is known; it may stop and start again meanwhile). The product has no setting for this: where Discord lives is
    discord.py's business, and a test's. discord.py reads both class attributes at every request and
    every fresh connection; they are restored on the way out, so no test leaks them into the next."""
    import discord  # here, so the fake itself runs without discord.py
    import yarl

    route, websocket = discord.http.Route, discord.gateway.DiscordWebSocket
    saved = route.BASE, websocket.DEFAULT_GATEWAY
    route.BASE = fake.api_base
    websocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        route.BASE, websocket.DEFAULT_GATEWAY = saved


@dataclass
class Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    times: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


_KEPT_UNRECORDED = 256  # messages kept with record=False (enough for edits and followups in flight)


class FakeDiscord:
    """Start with ``await fake.start()``; point discord.py at it with `point_discord_py`."""

    def __init__(
        self,
        *,
        app_id: int = APP_ID,
        guild_id: int = GUILD_ID,
        channel_id: int = CHANNEL_ID,
        record: bool = True,
    ) -> None:
        # record=False (benchmarks): REST calls are not kept and only the latest messages are, so a
        # run's garbage collections do not grow with the payloads of every earlier reply.
        self.record = record
        self.app_id = app_id
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.calls: list[Call] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" / guild id → synced commands
        self.messages: dict[int, dict[str, Any]] = {}
        self.dm_channels: dict[int, int] = {}  # user id → DM channel id
        self.failures: list[Failure] = []
        self.identifies = 0
        self.resumes = 0
        self.sockets: list[web.WebSocketResponse] = []
        self._ids = itertools.count(1)
        self._seq = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.latency = 0.0  # seconds added to every REST response
        self.ready = asyncio.Event()
        self._tokens: dict[str, dict[str, Any]] = {}
        self._waiters: dict[str, asyncio.Future[Call]] = {}
        self._token_by_id: dict[int, str] = {}
        # Files users attach to a command's attachment option: id → (filename, bytes), served under
        # /attachments/<id>/<filename> (what `discord.Attachment.read` fetches from the CDN).
        self.attachments: dict[str, tuple[str, bytes]] = {}

    # -- life cycle -----------------------------------------------------------------------------

    async def start(self, port: int = 0) -> FakeDiscord:
        """Listen on ``port`` (0: any free one). After `stop`, start again on the same port to come back."""
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        app.router.add_get("/attachments/{id}/{filename}", self._attachment)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port or self.port, reuse_address=True)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        for ws in list(self.sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _attachment(self, request: web.Request) -> web.Response:
        found = self.attachments.get(request.match_info["id"])
        if found is None or found[0] != request.match_info["filename"]:
            return web.Response(status=404)
        return web.Response(body=found[1], content_type="application/octet-stream")

    def attach(self, data: bytes, filename: str) -> str:
        """A file the user picks for an attachment option: pass the returned id as the option's value
        to `slash`, which adds it to the interaction's resolved data as Discord does."""
        attachment_id = str(self.snowflake())
        self.attachments[attachment_id] = (filename, data)
        return attachment_id

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def snowflake(self) -> int:
        return ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) + (next(self._ids) % 4096)

    # -- failures -------------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        path_regex: str,
        status: int,
        *,
        times: int = 1,
        code: int = 0,
        retry_after: float | None = None,
        is_global: bool = False,
    ) -> None:
        """The next ``times`` calls matching (method, regex on the path) answer ``status``."""
        body: dict[str, Any] = {"message": f"fake {status}", "code": code}
        headers: dict[str, str] = {}
        if status == 429:
            body.update(retry_after=retry_after or 0.1, **{"global": is_global})
            headers = {"Via": "1.1 google", "Retry-After": str(retry_after or 0.1)}
            if not is_global:
                headers.update(
                    {
                        "X-RateLimit-Limit": "5",
                        "X-RateLimit-Remaining": "0",
                        "X-RateLimit-Reset-After": str(retry_after or 0.1),
                        "X-RateLimit-Bucket": "fakebucket",
                        "X-RateLimit-Scope": "user",
                    }
                )
        self.failures.append(Failure(method.upper(), re.compile(path_regex), status, times, body, headers))

    def _take_failure(self, method: str, path: str) -> Failure | None:
        for failure in self.failures:
            if failure.times > 0 and failure.method == method and failure.pattern.search(path):
                failure.times -= 1
                return failure
        return None

    # -- recording ------------------------------------------------------------------------------
    def forget(self) -> None:
        """Drop what earlier benchmark rounds recorded, so no round pays for another's history."""
        self.calls.clear()
        self.messages.clear()
        self._tokens.clear()
        self._token_by_id.clear()

    async def _record(self, call: Call) -> None:
        if self.record:
            self.calls.append(call)
        if self._waiters and call.status < 300 and (m := _TOKEN_IN_PATH.search(call.path)):
            waiter = self._waiters.pop(m.group(1), None)
            if waiter is not None and not waiter.done():
                waiter.set_result(call)
        await self._notify()

    def first_response(self, interaction: dict[str, Any]) -> asyncio.Future[Call]:
        """A future resolved with the first successful call answering ``interaction`` (call before
        injecting it)."""
        future: asyncio.Future[Call] = asyncio.get_running_loop().create_future()
        self._waiters[interaction["token"]] = future
        return future

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], Any], within: float = 5.0) -> Any:
        """Until ``predicate()`` is truthy (re-checked after every call); returns its value."""
        async with asyncio.timeout(within), self._changed:
            while not (value := predicate()):
                await self._changed.wait()
            return value

    def calls_to(self, method: str, path_regex: str) -> list[Call]:
        pattern = re.compile(path_regex)
        return [c for c in self.calls if c.method == method and pattern.search(c.path)]

    def for_interaction(self, interaction: dict[str, Any]) -> list[Call]:
        """The callback, original-response edits and followups of one interaction, in order."""
        token = interaction["token"]
        return [c for c in self.calls if f"/{token}" in c.path and c.status < 300]

    # -- REST -----------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        files: list[dict[str, Any]] = []
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                data = await part.read()  # type: ignore[union-attr]
                if part.name == "payload_json":  # type: ignore[union-attr]
                    body = json.loads(data)
                else:
                    files.append(
                        {
                            "name": part.name,  # type: ignore[union-attr]
                            "filename": part.filename,  # type: ignore[union-attr]
                            "content_type": part.headers.get("Content-Type", ""),  # type: ignore[union-attr]
                            "data": bytes(data),
                        }
                    )
        elif request.can_read_body:
            raw = await request.read()
            body = json.loads(raw) if raw else None
        call = Call(request.method, path, dict(request.query), body, files, time.monotonic())
        if self.latency:
            await asyncio.sleep(self.latency)
        failure = self._take_failure(request.method, path)
        if failure is not None:
            call.status = failure.status
            await self._record(call)
            return _json(failure.body, failure.status, failure.headers)
        try:
            status, payload = self._route(request.method, path, body, files)
        except KeyError:
            status, payload = 404, {"message": "Unknown", "code": 0}
        call.status = status
        await self._record(call)
        if status == 204:
            return web.Response(status=204)
        return _json(payload, status)

    def _route(self, method: str, path: str, body: Any, files: list[dict[str, Any]]) -> tuple[int, Any]:
        m: re.Match[str] | None
        if method == "GET" and path in ("/gateway", "/gateway/bot"):
            return 200, {
                "url": self.gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        if method == "GET" and path == "/users/@me":
            return 200, self.bot_user()
        if method == "GET" and path == "/oauth2/applications/@me":
            return 200, self.application()
        if method == "PUT" and (m := re.fullmatch(r"/applications/(\d+)(?:/guilds/(\d+))?/commands", path)):
            where = m.group(2) or "global"
            synced = []
            for command in body:
                synced.append(
                    {
                        **command,
                        "id": str(self.snowflake()),
                        "application_id": str(self.app_id),
                        "version": str(self.snowflake()),
                        **({"guild_id": m.group(2)} if m.group(2) else {}),
                    }
                )
            self.commands[where] = synced
            return 200, synced
        if method == "POST" and (m := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path)):
            return self._callback(int(m.group(1)), body, files)
        if m := re.fullmatch(r"/webhooks/(\d+)/([^/]+)(/messages/(@original|\d+))?", path):
            token, which = m.group(2), m.group(4)
            if method == "POST" and which is None:
                data = self._message(self._channel_of_token(token), body, files)
                return 200, data
            if method == "PATCH" and which is not None:
                return 200, self._edit(self._message_id_of(token, which), body, files)
            if method == "GET" and which is not None:
                return 200, self.messages[self._message_id_of(token, which)]
            if method == "DELETE" and which is not None:
                self.messages.pop(self._message_id_of(token, which), None)
                return 204, None
        if method == "POST" and path == "/users/@me/channels":
            user_id = int(body["recipient_id"])
            channel_id = self.dm_channels.setdefault(user_id, self.snowflake())
            return 200, {
                "id": str(channel_id),
                "type": 1,
                "last_message_id": None,
                "recipients": [self.user(user_id)],
            }
        if m := re.fullmatch(r"/channels/(\d+)/messages(?:/(\d+))?", path):
            channel_id, message_id = int(m.group(1)), m.group(2)
            if method == "POST" and message_id is None:
                return 200, self._message(channel_id, body, files)
            if method == "PATCH" and message_id is not None:
                return 200, self._edit(int(message_id), body, files)
            if method == "DELETE" and message_id is not None:
                self.messages.pop(int(message_id), None)
                return 204, None
        return 404, {"message": f"fake: no route {method} {path}", "code": 0}

    def _token_state(self, token: str) -> dict[str, Any]:
        """Per interaction token: {"id", "channel", "type", "original": message id, "message_id"}."""
        return self._tokens.setdefault(token, {"channel": self.channel_id, "original": None})

    def _channel_of_token(self, token: str) -> int:
        return self._token_state(token)["channel"]

    def _message_id_of(self, token: str, which: str) -> int:
        if which == "@original":
            original = self._token_state(token)["original"]
            if original is None:
                raise KeyError(which)
            return original
        return int(which)

    def _callback(
        self, interaction_id: int, body: dict[str, Any], files: list[dict[str, Any]]
    ) -> tuple[int, Any]:
        kind = body["type"]
        token = self._token_by_id.get(interaction_id)
        state = self._token_state(token) if token else {"channel": self.channel_id, "original": None}
        data = body.get("data") or {}
        resource: dict[str, Any] | None = None
        if kind == MESSAGE:
            message = self._message(state["channel"], data, files, interaction=True)
            state["original"] = int(message["id"])
            resource = {"type": kind, "message": message}
        elif kind == DEFERRED_MESSAGE:
            message = self._message(
                state["channel"], {"content": "", "flags": data.get("flags", 0) | 128}, [], interaction=True
            )
            state["original"] = int(message["id"])
            resource = {"type": kind, "message": message}
        elif kind == UPDATE_MESSAGE and state.get("message_id"):
            message = self._edit(state["message_id"], data, files)
            resource = {"type": kind, "message": message}
        interaction: dict[str, Any] = {
            "id": str(interaction_id),
            "type": state.get("type", 2),
            "response_message_loading": kind == DEFERRED_MESSAGE,
            "response_message_ephemeral": bool(int(data.get("flags") or 0) & EPHEMERAL),
        }
        if state.get("original"):
            interaction["response_message_id"] = str(state["original"])
        out: dict[str, Any] = {"interaction": interaction}
        if resource is not None:
            out["resource"] = resource
        return 200, out

    def _message(
        self,
        channel_id: int,
        body: dict[str, Any] | None,
        files: list[dict[str, Any]],
        *,
        interaction: bool = False,
    ) -> dict[str, Any]:
        body = body or {}
        message_id = self.snowflake()
        attachments = [
            {
                "id": str(self.snowflake()),
                "filename": f["filename"],
                "size": len(f["data"]),
                "url": f"http://127.0.0.1:{self.port}/attachments/{f['filename']}",
                "proxy_url": f"http://127.0.0.1:{self.port}/attachments/{f['filename']}",
                "content_type": f["content_type"],
            }
            for f in files
        ]
        message = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "author": self.bot_user(),
            "content": body.get("content") or "",
            "timestamp": _iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": attachments,
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 20 if interaction else 0,
            "flags": int(body.get("flags") or 0),
        }
        if channel_id == self.channel_id:
            message["guild_id"] = str(self.guild_id)
        self.messages[message_id] = message
        if not self.record and len(self.messages) > _KEPT_UNRECORDED:
            del self.messages[next(iter(self.messages))]  # the oldest: ids grow
        return message

    def _edit(
        self, message_id: int, body: dict[str, Any] | None, files: list[dict[str, Any]]
    ) -> dict[str, Any]:
        message = self.messages[message_id]
        body = body or {}
        for key in ("content", "embeds", "components"):
            if key in body:
                message[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
        if files or "attachments" in body:
            message["attachments"] = [
                {
                    "id": str(self.snowflake()),
                    "filename": f["filename"],
                    "size": len(f["data"]),
                    "url": "",
                    "proxy_url": "",
                }
                for f in files
            ]
        message["flags"] = int(message.get("flags", 0)) & ~128
        message["edited_timestamp"] = _iso()
        return message

    # -- payloads -------------------------------------------------------------------------------

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": str(BOT_ID),
            "username": "coach",
            "discriminator": "0",
            "global_name": "Coach",
            "avatar": None,
            "bot": True,
        }

    @staticmethod
    def user(user_id: int, name: str = "alice") -> dict[str, Any]:
        return {
            "id": str(user_id),
            "username": name,
            "discriminator": "0",
            "global_name": name.title(),
            "avatar": None,
        }

    def application(self) -> dict[str, Any]:
        return {
            "id": str(self.app_id),
            "name": "coach",
            "icon": None,
            "description": "",
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.user(USER_ID, "owner"),
            "summary": "",
            "verify_key": "0" * 64,
            "team": None,
            "flags": 0,
            "interactions_endpoint_url": None,
        }

    def guild(self) -> dict[str, Any]:
        return {
            "id": str(self.guild_id),
            "name": "Glute Lab",
            "icon": None,
            "owner_id": str(USER_ID),
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [
                {
                    "id": str(self.guild_id),
                    "name": "@everyone",
                    "permissions": "2248473465835073",
                    "position": 0,
                    "color": 0,
                    "hoist": False,
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                }
            ],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "system_channel_flags": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "channels": [
                {
                    "id": str(self.channel_id),
                    "type": 0,
                    "name": "training",
                    "position": 0,
                    "permission_overwrites": [],
                    "guild_id": str(self.guild_id),
                    "nsfw": False,
                    "parent_id": None,
                }
            ],
            "threads": [],
            "members": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "member_count": 2,
            "large": False,
            "unavailable": False,
            "joined_at": _iso(),
        }

    # -- gateway --------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.sockets.append(ws)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                data = json.loads(msg.data)
                op = data.get("op")
                if op == 1:
                    await ws.send_json({"op": 11})
                elif op == 2:
                    self.identifies += 1
                    await self._dispatch(ws, "READY", self._ready_payload())
                    await self._dispatch(ws, "GUILD_CREATE", self.guild())
                    self.ready.set()
                elif op == 6:
                    self.resumes += 1
                    await self._dispatch(ws, "RESUMED", {})
                await self._notify()
        finally:
            if ws in self.sockets:
                self.sockets.remove(ws)
        return ws

    def _ready_payload(self) -> dict[str, Any]:
        return {
            "v": 10,
            "user": self.bot_user(),
            "guilds": [{"id": str(self.guild_id), "unavailable": True}],
            "session_id": f"session{self.identifies}",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.app_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "shard": [0, 1],
        }

    async def _dispatch(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        await ws.send_json({"op": 0, "t": event, "s": next(self._seq), "d": data})

    async def inject(self, interaction: dict[str, Any]) -> dict[str, Any]:
        """Send an INTERACTION_CREATE to the connected client; returns the payload."""
        if not self.sockets:
            raise RuntimeError("no gateway connection")
        await self._dispatch(self.sockets[-1], "INTERACTION_CREATE", interaction)
        return interaction

    async def disconnect_all(self) -> None:
        """Drop every gateway connection (the client reconnects and resumes)."""
        for ws in list(self.sockets):
            await ws.close(code=4000)

    # -- interaction payloads -------------------------------------------------------------------

    def _base(
        self, kind: int, *, user_id: int, guild: bool, channel_id: int | None, name: str
    ) -> dict[str, Any]:
        interaction_id = self.snowflake()
        token = f"tok{interaction_id}"
        dm_channel = self.dm_channels.setdefault(user_id, self.snowflake())
        channel = channel_id or (self.channel_id if guild else dm_channel)
        state = self._token_state(token)
        state.update(id=interaction_id, channel=channel, type=kind)
        self._token_by_id[interaction_id] = token
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.app_id),
            "type": kind,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "attachment_size_limit": 10 * 1024 * 1024,
            "app_permissions": "2248473465835073",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(self.guild_id)} if guild else {"1": str(user_id)},
            "context": 0 if guild else 1,
            "channel_id": str(channel),
        }
        user = self.user(user_id, name)
        if guild:
            payload["guild_id"] = str(self.guild_id)
            payload["guild_locale"] = "en-US"
            payload["channel"] = {
                "id": str(channel),
                "type": 0,
                "guild_id": str(self.guild_id),
                "name": "training",
                "position": 0,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
            }
            payload["member"] = {
                "user": user,
                "roles": [],
                "joined_at": _iso(),
                "deaf": False,
                "mute": False,
                "flags": 0,
                "pending": False,
                "permissions": "2248473465835073",
                "nick": None,
                "avatar": None,
            }
        else:
            payload["channel"] = {
                "id": str(channel),
                "type": 1,
                "last_message_id": None,
                "recipients": [user],
                "flags": 0,
            }
            payload["user"] = user
        return payload

    def _command(self, name: str) -> dict[str, Any]:
        for where in (str(self.guild_id), "global"):
            for command in self.commands.get(where, []):
                if command["name"] == name:
                    return command
        raise KeyError(f"/{name} was not synced")

    def _options(
        self, command: dict[str, Any], values: dict[str, Any], focused: str | None = None
    ) -> list[dict[str, Any]]:
        types = {o["name"]: o["type"] for o in command.get("options", [])}
        options = []
        for key, value in values.items():
            if key not in types:
                raise KeyError(f"/{command['name']} has no option {key!r}")
            option = {"name": key, "type": types[key], "value": value}
            if key == focused:
                option["focused"] = True
            options.append(option)
        return options

    def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user_id: int = USER_ID,
        guild: bool = True,
        channel_id: int | None = None,
        user_name: str = "alice",
    ) -> dict[str, Any]:
        """An APPLICATION_COMMAND interaction for a synced command, with typed option values."""
        command = self._command(name)
        payload = self._base(2, user_id=user_id, guild=guild, channel_id=channel_id, name=user_name)
        payload["data"] = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": self._options(command, options or {}),
        }
        files = {
            o["value"]: self.attachments[o["value"]]
            for o in payload["data"]["options"]
            if o["type"] == 11 and o["value"] in self.attachments
        }
        if files:
            payload["data"]["resolved"] = {
                "attachments": {
                    attachment_id: {
                        "id": attachment_id,
                        "filename": filename,
                        "size": len(data),
                        "url": f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}",
                        "proxy_url": f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}",
                        "content_type": "text/csv; charset=utf-8",
                    }
                    for attachment_id, (filename, data) in files.items()
                }
            }
        if guild:
            payload["data"]["guild_id"] = str(self.guild_id)
        return payload

    def autocomplete(
        self, name: str, options: dict[str, Any], focused: str, *, user_id: int = USER_ID, guild: bool = True
    ) -> dict[str, Any]:
        command = self._command(name)
        payload = self._base(4, user_id=user_id, guild=guild, channel_id=None, name="alice")
        payload["data"] = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": self._options(command, options, focused),
        }
        return payload

    def click(
        self,
        message: dict[str, Any],
        custom_id: str,
        *,
        user_id: int = USER_ID,
        guild: bool | None = None,
        user_name: str = "alice",
    ) -> dict[str, Any]:
        """A MESSAGE_COMPONENT interaction: ``user_id`` clicks the button ``custom_id`` of ``message``."""
        if guild is None:
            guild = "guild_id" in message
        payload = self._base(
            3, user_id=user_id, guild=guild, channel_id=int(message["channel_id"]), name=user_name
        )
        self._token_state(payload["token"])["message_id"] = int(message["id"])
        payload["message"] = message
        payload["data"] = {"custom_id": custom_id, "component_type": 2}
        return payload

    def modal_submit(
        self,
        modal: dict[str, Any],
        values: dict[str, str],
        *,
        user_id: int = USER_ID,
        guild: bool = True,
        channel_id: int | None = None,
        user_name: str = "alice",
    ) -> dict[str, Any]:
        """A MODAL_SUBMIT interaction: ``user_id`` submits ``modal`` (the ``data`` of a MODAL callback)
        with ``values`` typed into its text inputs, keyed by their custom_id."""
        payload = self._base(
            MODAL_SUBMIT, user_id=user_id, guild=guild, channel_id=channel_id, name=user_name
        )
        rows = [
            {
                "type": 1,
                "components": [
                    {"type": 4, "custom_id": c["custom_id"], "value": values.get(c["custom_id"], "")}
                    for c in row.get("components", [])
                    if c.get("type") == 4
                ],
            }
            for row in modal.get("components", [])
        ]
        payload["data"] = {"custom_id": modal["custom_id"], "components": rows}
        return payload

    def message_with(self, custom_id: str) -> dict[str, Any]:
        """The latest recorded message carrying a component with ``custom_id``."""
        for message in reversed(list(self.messages.values())):
            for row in message.get("components", []):
                if any(c.get("custom_id") == custom_id for c in row.get("components", [])):
                    return message
        raise KeyError(custom_id)

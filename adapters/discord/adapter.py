"""The Discord adapter: discord.py 2.x client, slash commands from the registry, buttons, pushes.

No coaching logic lives here: an interaction becomes a `Request`, `core.dispatch` answers with
`Reply`s, and `render` turns those into messages within Discord's limits. The first reply to an
interaction (the hot path) is posted directly from JSON encoded once per rendered message
(`response_body`); everything else goes through discord.py's public API.

Targets (what the core stores to push to later, e.g. reminder schedules):
  * a DM:               ``Target("discord", "<dm_channel_id>")``
  * a server channel:   ``Target("discord", "<channel_id>@<user_id>")``
A push to a server-channel target goes to the user's DMs first; if those are closed (403), to the
channel, mentioning only that user; if neither works the push is `Delivery.BLOCKED`.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import re
import urllib.parse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
import discord
import yarl
from discord import app_commands

from adapters.discord.commands import build_commands, exercise_completer, timezone_completer
from adapters.discord.render import CONTENT_LIMIT, OutMessage, render_replies, render_reply, to_json
from adapters.discord.views import ActionButton, build_view
from core.buttons import claim_press
from core.context import Context
from core.dispatch import dispatch
from core.messages import Reply, Request, Target, user_key
from core.registry import Command
from core.router import Delivery, Router
from core.settings import Settings

log = logging.getLogger(__name__)

PLATFORM = "discord"
NETWORK_ERRORS = (aiohttp.ClientError, OSError, asyncio.TimeoutError)
STARTUP_GRACE = 60.0  # seconds after start during which pushes wait for the connection
NO_MENTIONS = discord.AllowedMentions.none()  # the client's default: replies never ping anyone

# the fixed JSON members of an interaction response (see `response_body`)
_CHANNEL_MESSAGE = discord.InteractionResponseType.channel_message
_RESPONSE_START = (
    f'{{"type":{_CHANNEL_MESSAGE.value},"data":{{"allowed_mentions":{to_json(NO_MENTIONS.to_dict())}'
)
_EPHEMERAL_FLAGS = f'"flags":{discord.MessageFlags(ephemeral=True).value}'
_JSON_HEADERS = {"Content-Type": "application/json"}
_URL_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")  # what urllib.parse.quote(safe="") leaves as it is


# -- target keys --------------------------------------------------------------------------------


def discord_chat_id(channel_id: int | str, user_id: int | str | None = None) -> str:
    """The ``chat_id`` of a Discord `Target`: the channel, plus the user for a shared channel."""
    return f"{channel_id}@{user_id}" if user_id else str(channel_id)


def parse_chat_id(chat_id: str) -> tuple[int, int | None]:
    """(channel id, user id or None) from a Discord ``chat_id``; ValueError if malformed."""
    channel, _, user = chat_id.partition("@")
    return int(channel), (int(user) if user else None)


# -- interaction responses ----------------------------------------------------------------------


def response_body(message: OutMessage, owner: int | None = None) -> bytes:
    """The JSON of a "channel message" interaction response (type 4) carrying ``message``, its buttons
    owned by ``owner`` unless the message is private. Semantically what discord.py sends for
    ``response.send_message`` (tests/test_discord_response.py compares them), minus defaults."""
    members = [_RESPONSE_START]
    if content_and_embeds := message.json_members():
        members.append(content_and_embeds)
    view = build_view(message.buttons, owner if not message.private else None)
    if view is not None:
        members.append('"components":' + view.components_json())
    if message.private:
        members.append(_EPHEMERAL_FLAGS)
    return (",".join(members) + "}}").encode()


async def _post_callback(interaction: discord.Interaction, body: bytes) -> None:
    """POST an interaction callback (ready JSON) on discord.py's session, handling failures the way
    discord.py's webhook adapter does: retry a 429 (Discord's, not a proxy's) and 5xx up to five
    times, raise Forbidden / NotFound / HTTPException / DiscordServerError otherwise. Without
    ``with_response`` Discord answers 204, so there is nothing to decode."""
    token = interaction.token
    if not _URL_SAFE.fullmatch(token):
        token = urllib.parse.quote(token, safe="")
    url = f"{discord.http.Route.BASE}/interactions/{interaction.id}/{token}/callback"
    http = interaction._state.http
    response: aiohttp.ClientResponse | None = None
    data: dict[str, Any] | str = ""
    for attempt in range(5):
        try:
            async with interaction._session.post(
                url, data=body, headers=_JSON_HEADERS, proxy=http.proxy, proxy_auth=http.proxy_auth
            ) as response:
                if 200 <= response.status < 300:
                    await response.read()  # a body left unread would cost the pooled connection
                    return
                data = await discord.http.json_or_text(response)
                if response.status == 429 and response.headers.get("Via") and isinstance(data, dict):
                    await asyncio.sleep(float(data.get("retry_after", 1.0)))
                    continue
                if response.status >= 500:
                    await asyncio.sleep(1 + attempt * 2)
                    continue
                if response.status == 403:
                    raise discord.Forbidden(response, data)
                if response.status == 404:
                    raise discord.NotFound(response, data)
                raise discord.HTTPException(response, data)
        except OSError as exc:
            if attempt < 4 and exc.errno in (54, 10054):  # connection reset: retried like discord.py
                await asyncio.sleep(1 + attempt * 2)
                continue
            raise
    # five attempts, each a 429 or 5xx: give up as discord.py does
    if response is not None and response.status >= 500:
        raise discord.DiscordServerError(response, data)
    raise discord.HTTPException(response, data)  # type: ignore[arg-type]


def _release(interaction: discord.Interaction) -> None:
    """Once an interaction is fully answered, drop its cached `InteractionResponse`: the two refer to
    each other, which left every interaction (with its member, user, namespace…, a dozen objects) to
    the cyclic garbage collector; without the cycle, reference counting frees them at once. Only
    after success: the error handlers still read ``interaction.response``."""
    with contextlib.suppress(AttributeError):
        del interaction._cs_response  # discord.py's cached_slot_property storage for .response


# -- logging ------------------------------------------------------------------------------------


class _ReconnectLogFilter(logging.Filter):
    """discord.py logs every reconnect attempt with a traceback; say it once until we are back."""

    def __init__(self) -> None:
        super().__init__()
        self.reported = False

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith("Attempting a reconnect"):
            if self.reported:
                return False
            self.reported = True
            reason = (
                type(record.exc_info[1]).__name__ if record.exc_info and record.exc_info[1] else "unknown"
            )
            record.msg = "Lost the connection to Discord (%s); reconnecting with backoff"
            record.args = (reason,)
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


# -- pushes -------------------------------------------------------------------------------------


@dataclass
class _Push:
    target: Target
    reply: Reply
    future: asyncio.Future[Delivery]


@dataclass(eq=False, slots=True)
class _Watch:
    """A command being dispatched, for the deferral watchdog (`DiscordAdapter._sweep`)."""

    due: float
    defer: Callable[[], Awaitable[Any]]
    deferral: asyncio.Task[Any] | None = None


class _Client(discord.Client):
    def __init__(self, adapter: DiscordAdapter, **options: Any) -> None:
        super().__init__(**options)
        self.adapter = adapter
        self.tree = app_commands.CommandTree(self)

    async def setup_hook(self) -> None:
        self.add_dynamic_items(ActionButton)

    async def on_ready(self) -> None:
        self.adapter._on_connected()

    async def on_resumed(self) -> None:
        self.adapter._on_connected()

    async def on_action_button(self, interaction: discord.Interaction, action: str) -> None:
        await self.adapter._on_button(interaction, action)


class DiscordAdapter:
    """Serves the coach on Discord. ``await start()`` returns at once; the connection comes up (and
    comes back after network loss) in the background. ``await stop()`` closes within 2 s."""

    def __init__(
        self,
        settings: Settings,
        ctx: Context,
        router: Router,
        *,
        guild_ready_timeout: float = 2.0,
        defer_after: float = 1.5,
        push_rate: float = 20.0,
        push_workers: int = 4,
        push_queue: int = 1000,
    ) -> None:
        self.settings = settings
        self.ctx = ctx
        self.router = router
        self.guild_ready_timeout = guild_ready_timeout
        self.defer_after = defer_after
        self.push_rate = push_rate
        self.push_workers = push_workers
        self.client: _Client | None = None
        self.synced: list[app_commands.AppCommand] = []
        self._ready = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self._busy = 0
        self._runner: asyncio.Task[None] | None = None
        self._workers: list[asyncio.Task[None]] = []
        self._queue: asyncio.Queue[_Push] = asyncio.Queue(maxsize=push_queue)
        self._next_push = 0.0
        self._dm_channels: collections.OrderedDict[int, int] = collections.OrderedDict()
        self._log_filter = _ReconnectLogFilter()
        self._stopping = False
        self._started_at = 0.0
        self._login_refused = False
        self._exercises = exercise_completer(ctx.library)
        self._timezones = timezone_completer()
        # commands being dispatched, oldest first, and the one timer that defers those running late
        self._watches: dict[_Watch, None] = {}
        self._sweeper: asyncio.TimerHandle | None = None

    # -- life cycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._runner is not None:
            return
        if not self.settings.discord_token:
            log.warning("DISCORD_TOKEN is not set; the Discord adapter stays off")
            return
        self._stopping = False
        self._started_at = asyncio.get_running_loop().time()
        self._apply_overrides()
        logging.getLogger("discord.client").addFilter(self._log_filter)
        self.router.register(PLATFORM, self.send_to_target)
        self._workers = [
            asyncio.create_task(self._push_worker(), name=f"discord-push-{i}")
            for i in range(self.push_workers)
        ]
        self._runner = asyncio.create_task(self._run(), name="discord-adapter")

    async def wait_ready(self) -> None:
        """Until the gateway session is up (wrap in ``asyncio.timeout``)."""
        await self._ready.wait()

    async def stop(self) -> None:
        self._stopping = True
        runner, self._runner = self._runner, None
        workers, self._workers = self._workers, []
        for task in workers:
            task.cancel()
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None
        while not self._queue.empty():
            push = self._queue.get_nowait()
            if not push.future.done():
                push.future.set_result(Delivery.FAILED)
        client = self.client
        if client is not None and not client.is_closed():
            try:
                await asyncio.wait_for(client.close(), 1.5)
            except (TimeoutError, Exception):  # noqa: BLE001 - closing must not raise
                log.warning("Discord client did not close cleanly in time")
        if runner is not None:
            runner.cancel()
        pending = [t for t in [runner, *workers] if t is not None]
        if pending:
            await asyncio.wait(pending, timeout=0.4)
        logging.getLogger("discord.client").removeFilter(self._log_filter)
        self._ready.clear()

    def _apply_overrides(self) -> None:
        base = self.settings.discord_api_base.strip().rstrip("/")
        if base:
            if "/api/v" not in base:
                base += "/api/v10"
            discord.http.Route.BASE = base
        if self.settings.discord_gateway_url:
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.settings.discord_gateway_url)

    def _new_client(self) -> _Client:
        # The coach never joins voice: don't warn about voice libraries at every start.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        client = _Client(
            self,
            intents=discord.Intents(guilds=True),
            guild_ready_timeout=self.guild_ready_timeout,
            allowed_mentions=NO_MENTIONS,
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
            max_messages=None,
            max_ratelimit_timeout=60.0,
        )
        for command in build_commands(
            self.ctx.registry, self._on_slash, exercises=self._exercises, timezones=self._timezones
        ):
            client.tree.add_command(command)
        client.tree.error(self._on_tree_error)
        return client

    async def _run(self) -> None:
        delay, reported = 1.0, False
        while not self._stopping:
            client = self.client = self._new_client()
            try:
                await client.login(self.settings.discord_token)
                break
            except discord.LoginFailure:
                log.error("Discord rejected DISCORD_TOKEN (401); the Discord adapter stays off")
                self._login_refused = True
                await client.close()
                return
            except (*NETWORK_ERRORS, discord.HTTPException) as exc:
                if not reported:
                    log.warning("Discord is unreachable (%s); retrying with backoff", type(exc).__name__)
                    reported = True
                await client.close()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60.0)
        else:
            return
        if reported:
            log.info("Discord is reachable again")
        client = self.client
        if self.settings.discord_api_base and not self.settings.discord_gateway_url:
            with contextlib.suppress(Exception):
                _, url, _ = await client.http.get_bot_gateway()
                discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        await self._sync(client)
        try:
            await client.connect(reconnect=True)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if not self._stopping:
                log.error("Discord connection ended: %s", type(exc).__name__)

    async def _sync(self, client: _Client) -> None:
        delay = 1.0
        for attempt in range(5):
            try:
                if self.settings.discord_guild_id:
                    guild = discord.Object(id=int(self.settings.discord_guild_id))
                    client.tree.copy_global_to(guild=guild)
                    self.synced = await client.tree.sync(guild=guild)
                    where = "the development server"
                else:
                    self.synced = await client.tree.sync()
                    where = "all servers (global; may take a while to appear)"
                log.info("Synced %d Discord slash commands to %s", len(self.synced), where)
                return
            except (*NETWORK_ERRORS, discord.HTTPException) as exc:
                if attempt == 0:
                    log.warning("Syncing Discord slash commands failed (%s); retrying", type(exc).__name__)
                if self._stopping:
                    return
                await asyncio.sleep(delay)
                delay *= 2
        log.error("Could not sync Discord slash commands; existing ones keep working")

    def _on_connected(self) -> None:
        if self._log_filter.reported:
            log.info("Discord connection is back")
            self._log_filter.reported = False
        self._ready.set()

    # -- interactions -----------------------------------------------------------------------------

    def _begin(self) -> None:
        self._busy += 1
        self._idle.clear()

    def _end(self) -> None:
        self._busy -= 1
        if self._busy <= 0:
            self._busy = 0
            self._idle.set()

    async def idle(self) -> None:
        """Until no interaction is being handled (tests, benchmarks; wrap in ``asyncio.timeout``)."""
        await self._idle.wait()

    def _request(
        self,
        interaction: discord.Interaction,
        command: str,
        *,
        args: dict[str, Any] | None = None,
        text: str = "",
    ) -> Request:
        user = interaction.user
        channel = interaction.channel
        in_group = interaction.guild_id is not None or (
            channel is not None and getattr(channel, "type", None) == discord.ChannelType.group
        )
        channel_id = interaction.channel_id or 0
        target = Target(PLATFORM, discord_chat_id(channel_id, user.id if in_group else None))
        return Request(
            command=command,
            user=user_key(PLATFORM, user.id),
            target=target,
            text=text,
            args=args or {},
            display_name=user.display_name,
            in_group=in_group,
        )

    async def _on_slash(
        self, interaction: discord.Interaction, command: Command, args: dict[str, Any]
    ) -> None:
        self._begin()
        try:
            request = self._request(interaction, command.name, args=args)
            ephemeral = command.personal and request.in_group
            if command.slow:
                await interaction.response.defer(ephemeral=ephemeral, thinking=True)
                replies = await dispatch(request, self.ctx)
                thinking: bool | None = ephemeral
            else:
                replies, deferred = await self._dispatch_or_defer(
                    request, lambda: interaction.response.defer(ephemeral=ephemeral, thinking=True)
                )
                thinking = ephemeral if deferred else None
            owner = interaction.user.id if request.in_group else None
            await self._deliver(interaction, render_replies(replies), thinking=thinking, owner=owner)
            _release(interaction)
        finally:
            self._end()

    async def _dispatch_or_defer(
        self, request: Request, defer: Callable[[], Awaitable[Any]]
    ) -> tuple[list[Reply], bool]:
        """Dispatch; if it takes longer than ``defer_after``, acknowledge the interaction meanwhile.
        One shared timer (`_sweep`) watches every command in flight: a timer per command would leave a
        cancelled handle in the event loop's heap for ``defer_after`` seconds after each one."""
        loop = asyncio.get_running_loop()
        watch = _Watch(loop.time() + self.defer_after, defer)
        self._watches[watch] = None
        if self._sweeper is None:
            self._sweeper = loop.call_at(watch.due, self._sweep)
        try:
            replies = await dispatch(request, self.ctx)
        finally:
            del self._watches[watch]
        if watch.deferral is None:
            return replies, False
        try:
            await watch.deferral
        except (discord.HTTPException, *NETWORK_ERRORS) as exc:
            log.warning("Deferring a Discord interaction failed: %s", type(exc).__name__)
            return replies, False
        return replies, True

    def _sweep(self) -> None:
        """Defer every command in flight past its due time; then sleep until the next one is due.
        The watches share ``defer_after``, so insertion order is due order: stop at the first not due."""
        self._sweeper = None
        loop = asyncio.get_running_loop()
        now = loop.time()
        for watch in self._watches:
            if watch.due > now:
                self._sweeper = loop.call_at(watch.due, self._sweep)
                return
            if watch.deferral is None:
                watch.deferral = loop.create_task(watch.defer())

    async def _on_button(self, interaction: discord.Interaction, action: str) -> None:
        self._begin()
        try:
            await self._run_button(interaction, action)
            _release(interaction)
        except Exception:
            log.exception("Discord button %r failed", action)
            with contextlib.suppress(discord.HTTPException, *NETWORK_ERRORS):
                sorry = "Sorry, something went wrong on my side. Please try again."
                if not interaction.response.is_done():
                    await interaction.response.send_message(sorry, ephemeral=True)
                else:
                    await interaction.followup.send(sorry, ephemeral=True)
        finally:
            self._end()

    async def _run_button(self, interaction: discord.Interaction, action: str) -> None:
        # The pending action decides whose the button is, where and until when (core/buttons.py).
        press = claim_press(action, self._request(interaction, ""), self.ctx)
        if press.request is None:
            await interaction.response.send_message(press.refusal, ephemeral=True)
            return
        request = press.request
        if press.single_use:
            # confirmations and "activation done" act once: the click itself removes the buttons
            await interaction.response.edit_message(view=None)
            replies = await dispatch(request, self.ctx)
        else:
            replies, _ = await self._dispatch_or_defer(request, lambda: interaction.response.defer())
        owner_id = interaction.user.id if request.in_group else None
        await self._deliver(interaction, render_replies(replies), thinking=None, owner=owner_id)

    async def _on_tree_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        if isinstance(error, app_commands.CommandNotFound):
            text = f"I don't know /{error.name}. Send /help for the list of commands."
        elif isinstance(error, app_commands.TransformerError | app_commands.CommandSignatureMismatch):
            text = "That command has changed; please pick it again from the list."
        else:
            log.error("Discord command failed", exc_info=error)
            text = "Sorry, something went wrong on my side and nothing was changed. Please try again."
        with contextlib.suppress(discord.HTTPException, *NETWORK_ERRORS):
            if not interaction.response.is_done():
                await interaction.response.send_message(text, ephemeral=True)
            else:
                await interaction.followup.send(text, ephemeral=True)

    @staticmethod
    def _kwargs(message: OutMessage, owner: int | None) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        if message.content:
            kwargs["content"] = message.content
        if message.embeds:
            kwargs["embeds"] = message.embeds
        if message.files:
            kwargs["files"] = [f.to_file() for f in message.files]
        view = build_view(message.buttons, owner if not message.private else None)
        if view is not None:
            kwargs["view"] = view
        return kwargs

    @staticmethod
    async def _respond(interaction: discord.Interaction, message: OutMessage, owner: int | None) -> None:
        """The first response to an interaction, for a message without files: the request
        ``response.send_message`` makes, with the JSON assembled from pieces encoded once (the
        message's content and embeds, the view's buttons) and the echoed message neither requested
        nor parsed back into discord.py objects (nothing here reads it)."""
        await _post_callback(interaction, response_body(message, owner))
        interaction.response._response_type = _CHANNEL_MESSAGE  # what send_message marks on success

    async def _deliver(
        self,
        interaction: discord.Interaction,
        messages: list[OutMessage],
        *,
        thinking: bool | None,
        owner: int | None,
    ) -> None:
        """First message as the interaction response (or the edit of a deferred one), the rest as
        followups. ``thinking``: None if not deferred with a "thinking" message, else its ephemerality."""
        original_pending = thinking is not None
        sent = 0
        response = interaction.response
        for message in messages:
            try:
                if not response.is_done() and not message.files:
                    await self._respond(interaction, message, owner)
                    sent += 1
                    continue
                kwargs = self._kwargs(message, owner)
                if not response.is_done():
                    await response.send_message(**kwargs, ephemeral=message.private)
                elif original_pending and message.private == thinking:
                    await interaction.edit_original_response(
                        content=kwargs.get("content"),
                        embeds=kwargs.get("embeds", []),
                        attachments=kwargs.get("files", []),
                        view=kwargs.get("view"),
                    )
                    original_pending = False
                else:
                    await interaction.followup.send(**kwargs, ephemeral=message.private)
                sent += 1
            except discord.NotFound:
                log.warning("Discord interaction expired before the reply was sent")
                return
            except (discord.HTTPException, *NETWORK_ERRORS) as exc:
                log.warning("Sending a Discord reply failed: %s", exc)
        if original_pending:
            # the "thinking…" message was never replaced (replies were sent as followups)
            with contextlib.suppress(discord.HTTPException, *NETWORK_ERRORS):
                if sent:
                    await interaction.delete_original_response()
                else:
                    await interaction.edit_original_response(content="Sorry, I couldn't show that reply.")
        elif not sent and not interaction.response.is_done():
            with contextlib.suppress(discord.HTTPException, *NETWORK_ERRORS):
                await interaction.response.send_message("Sorry, I couldn't show that reply.", ephemeral=True)

    # -- pushes -----------------------------------------------------------------------------------

    async def send_to_target(self, target: Target, reply: Reply) -> Delivery:
        """The router's sender: queued and paced, so a fan-out never starves interactions."""
        if self._runner is None or self._stopping:
            return Delivery.FAILED
        future: asyncio.Future[Delivery] = asyncio.get_running_loop().create_future()
        await self._queue.put(_Push(target, reply, future))
        return await future

    async def _push_worker(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            push = await self._queue.get()
            try:
                # pace all workers together
                now = loop.time()
                slot = max(now, self._next_push)
                self._next_push = slot + 1.0 / self.push_rate
                if slot > now:
                    await asyncio.sleep(slot - now)
                # interaction responses go first (bounded wait: pushes must not starve either)
                if not self._idle.is_set():
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._idle.wait(), 0.5)
                result = await self._push_now(push.target, push.reply)
            except asyncio.CancelledError:
                if not push.future.done():
                    push.future.set_result(Delivery.FAILED)
                raise
            except Exception:
                log.exception("Discord push failed")
                result = Delivery.FAILED
            if not push.future.done():
                push.future.set_result(result)

    async def _dm_channel(self, client: _Client, user_id: int) -> int:
        channel_id = self._dm_channels.get(user_id)
        if channel_id is None:
            channel = await client.create_dm(discord.Object(id=user_id))
            channel_id = channel.id
            self._dm_channels[user_id] = channel_id
            while len(self._dm_channels) > 10_000:
                self._dm_channels.popitem(last=False)
        else:
            self._dm_channels.move_to_end(user_id)
        return channel_id

    async def _send_messages(
        self,
        client: _Client,
        channel_id: int,
        messages: list[OutMessage],
        *,
        mention: int | None = None,
    ) -> None:
        channel = client.get_partial_messageable(channel_id)
        for i, message in enumerate(messages):
            kwargs = self._kwargs(message, mention)
            if mention is not None:
                if i == 0:
                    kwargs["content"] = f"<@{mention}> {kwargs.get('content', '')}".rstrip()
                kwargs["allowed_mentions"] = discord.AllowedMentions(
                    everyone=False, roles=False, replied_user=False, users=[discord.Object(id=mention)]
                )
            await channel.send(**kwargs)

    async def _push_now(self, target: Target, reply: Reply) -> Delivery:
        if self._login_refused:
            return Delivery.FAILED
        if not self._ready.is_set():
            # right after start-up (the reminder catch-up) wait for the connection; later, don't
            remaining = self._started_at + STARTUP_GRACE - asyncio.get_running_loop().time()
            if remaining > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._ready.wait(), remaining)
        client = self.client
        if client is None or client.is_closed() or client.user is None:
            return Delivery.FAILED
        try:
            channel_id, user_id = parse_chat_id(target.chat_id)
        except ValueError:
            log.error("Not a Discord target: %r", target.chat_id)
            return Delivery.FAILED
        reply = reply.with_private(False)
        try:
            if user_id is None:
                await self._send_messages(client, channel_id, render_reply(reply))
                return Delivery.OK
            try:
                dm = await self._dm_channel(client, user_id)
                await self._send_messages(client, dm, render_reply(reply))
                return Delivery.OK
            except (discord.Forbidden, discord.NotFound):
                self._dm_channels.pop(user_id, None)
            # DMs closed: the channel where it was set, mentioning only that user
            mention = f"<@{user_id}> "
            messages = render_reply(reply, content_limit=CONTENT_LIMIT - len(mention))
            await self._send_messages(client, channel_id, messages, mention=user_id)
            return Delivery.OK
        except (discord.Forbidden, discord.NotFound):
            return Delivery.BLOCKED
        except discord.RateLimited:
            return Delivery.FAILED
        except (discord.HTTPException, *NETWORK_ERRORS) as exc:
            log.warning("Discord push failed: %s", type(exc).__name__)
            return Delivery.FAILED


__all__ = ["DiscordAdapter", "discord_chat_id", "parse_chat_id", "PLATFORM"]

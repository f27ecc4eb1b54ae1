"""The Discord adapter: discord.py 2.x client, slash commands from the registry, buttons, pushes.

No coaching logic lives here: an interaction becomes a `Request`, `core.dispatch` answers with
`Reply`s, and `render` turns those into messages within Discord's limits. Everything is sent through
discord.py's public API (`InteractionResponse`, the followup webhook, channels).

Targets (what the core stores to push to later, e.g. reminder schedules):
  * a DM:               ``Target("discord", "<dm_channel_id>")``
  * a server channel:   ``Target("discord", "<channel_id>@<user_id>")``
A push to a server-channel target goes to that user's DMs only (pushes are personal: never to the
channel); if the DMs are closed (403) the push is `Delivery.BLOCKED` and the core pauses it.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
import discord
from discord import app_commands

from adapters.discord.commands import build_commands, exercise_completer, timezone_completer
from adapters.discord.render import OutMessage, render_replies, render_reply
from adapters.discord.views import (
    ActionButton,
    QuestionModal,
    build_view,
    parse_question_id,
    submitted_answer,
)
from core.buttons import bind_ask, claim_answer, claim_press, open_question, pending_actions
from core.context import Context
from core.dispatch import dispatch
from core.markup import plain
from core.messages import MAX_ATTACHMENT_BYTES, Attachment, Button, Reply, Request, Target
from core.registry import Command, Kind
from core.router import Delivery, Router
from core.settings import Settings
from domain.identity import user_key

log = logging.getLogger(__name__)

PLATFORM = "discord"
NETWORK_ERRORS = (aiohttp.ClientError, OSError, asyncio.TimeoutError)
STARTUP_GRACE = 60.0  # seconds after start during which pushes wait for the connection
NO_MENTIONS = discord.AllowedMentions.none()  # the client's default: replies never ping anyone

# -- target keys --------------------------------------------------------------------------------


def discord_chat_id(channel_id: int | str, user_id: int | str | None = None) -> str:
    """The ``chat_id`` of a Discord `Target`: the channel, plus the user for a shared channel."""
    return Target.in_channel(PLATFORM, str(channel_id), str(user_id) if user_id else "").chat_id


def parse_chat_id(chat_id: str) -> tuple[int, int | None]:
    """(channel id, user id or None) from a Discord ``chat_id``; ValueError if malformed."""
    target = Target(PLATFORM, chat_id)
    return int(target.channel), (int(target.named_user) if target.named_user else None)


# -- logging ------------------------------------------------------------------------------------


class _ClientLogFilter(logging.Filter):
    """discord.py logs every reconnect attempt with a traceback; say it once until we are back. The
    coach never joins voice: drop the "voice will NOT be supported" warnings at every start."""

    def __init__(self) -> None:
        super().__init__()
        self.reported = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str):
            return True
        if record.msg.endswith("voice will NOT be supported"):
            return False
        if record.msg.startswith("Attempting a reconnect"):
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


async def _apologise(interaction: discord.Interaction) -> None:
    """The one answer a user gets when handling their interaction failed (the trace went to the log)."""
    with contextlib.suppress(discord.HTTPException, *NETWORK_ERRORS):
        sorry = "Sorry, something went wrong on my side. Please try again."
        if not interaction.response.is_done():
            await interaction.response.send_message(sorry, ephemeral=True)
        else:
            await interaction.followup.send(sorry, ephemeral=True)


class _Client(discord.Client):
    def __init__(self, adapter: DiscordAdapter, **options: Any) -> None:
        super().__init__(**options)
        self.adapter = adapter
        # Installable to a server and to a user's own account; usable in servers, in the DM with the bot
        # and in other DMs and group DMs (those only through a user install). Needs no server admin.
        self.tree = app_commands.CommandTree(
            self,
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
        )

    async def setup_hook(self) -> None:
        self.add_dynamic_items(ActionButton)

    async def on_ready(self) -> None:
        self.adapter._on_connected()

    async def on_resumed(self) -> None:
        self.adapter._on_connected()

    async def on_disconnect(self) -> None:
        self.adapter._ready.clear()  # until on_ready/on_resumed: the health check reads it

    async def on_action_button(self, interaction: discord.Interaction, action: str) -> None:
        await self.adapter._on_button(interaction, action)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        # Question modals are not tracked by discord.py (views.QuestionModal): their submissions are
        # recognised here, by custom_id.
        if interaction.type is discord.InteractionType.modal_submit:
            data = interaction.data or {}
            action = parse_question_id(str(data.get("custom_id", "")))
            if action is not None:
                await self.adapter._on_answer(interaction, action, submitted_answer(data) or "")


class DiscordAdapter:
    """Serves the coach on Discord. ``await start()`` returns at once; the connection comes up (and
    comes back after network loss) in the background. ``await stop()`` closes within 2 s."""

    platform = PLATFORM

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
        self._log_filter = _ClientLogFilter()
        self._stopping = False
        self._started_at = 0.0
        self._login_refused = False
        self._exercises = exercise_completer(ctx)
        self._timezones = timezone_completer()
        # commands being dispatched, oldest first, and the one timer that defers those running late
        self._watches: dict[_Watch, None] = {}
        self._sweeper: asyncio.TimerHandle | None = None

    @property
    def online(self) -> bool:
        """The gateway session is up (discord.py reconnects by itself; False meanwhile)."""
        return self._ready.is_set() and not self._stopping

    @property
    def outbox_depth(self) -> int:
        """Pushes queued for the push workers."""
        return self._queue.qsize()

    # -- life cycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._runner is not None:
            return
        if not self.settings.discord_token:
            log.warning("DISCORD_TOKEN is not set; the Discord adapter stays off")
            return
        self._stopping = False
        self._started_at = asyncio.get_running_loop().time()
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

    def _new_client(self) -> _Client:
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
        # Anywhere but the DM with the bot others may read along: a server (even one the bot is not in,
        # through a user install), a group DM, or a DM between two people (context "private channel").
        in_group = (
            interaction.guild_id is not None
            or interaction.context.private_channel
            or (channel is not None and getattr(channel, "type", None) == discord.ChannelType.group)
        )
        channel_id = interaction.channel_id or 0
        target = Target.in_channel(PLATFORM, str(channel_id), str(user.id) if in_group else "")
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
            files = {
                p.name: args.pop(p.name)
                for p in command.params
                if p.kind is Kind.ATTACHMENT and p.name in args
            }
            request = self._request(interaction, command.name, args=args)
            ephemeral = command.personal and request.in_group
            request = replace(request, progress=self._progress(interaction, ephemeral))
            if command.slow:
                await interaction.response.defer(ephemeral=ephemeral, thinking=True)
                request = await self._with_attachment(request, files)
                replies = await dispatch(request, self.ctx)
                thinking: bool | None = ephemeral
            else:
                request = await self._with_attachment(request, files)
                replies, deferred = await self._dispatch_or_defer(
                    request, lambda: interaction.response.defer(ephemeral=ephemeral, thinking=True)
                )
                thinking = ephemeral if deferred else None
            owner = interaction.user.id if request.in_group else None
            await self._reply(interaction, request, replies, thinking=thinking, owner=owner)
        finally:
            self._end()

    @staticmethod
    async def _with_attachment(request: Request, files: dict[str, Any]) -> Request:
        """The request with the file of its attachment option, downloaded (up to MAX_ATTACHMENT_BYTES;
        a larger one arrives empty, with its size, and the handler says it is too large)."""
        for value in files.values():
            if not isinstance(value, discord.Attachment):
                continue
            data = b""
            if value.size <= MAX_ATTACHMENT_BYTES:
                try:
                    data = await value.read()
                except (discord.HTTPException, *NETWORK_ERRORS) as exc:
                    log.warning("Downloading a Discord attachment failed: %s", type(exc).__name__)
                    data = b""
            mime = (value.content_type or "text/csv").split(";")[0]
            return replace(request, attachment=Attachment(value.filename, data, mime, size=value.size))
        return request

    @staticmethod
    def _progress(interaction: discord.Interaction, ephemeral: bool) -> Callable[[str], Awaitable[None]]:
        """Progress of long work: a followup message, edited with each later text. Only once the
        interaction is acknowledged (slow commands defer first; a pressed button is answered)."""
        sent: list[discord.WebhookMessage] = []

        async def update(text: str) -> None:
            if not interaction.response.is_done():
                return
            try:
                if not sent:
                    sent.append(await interaction.followup.send(text, ephemeral=ephemeral, wait=True))
                else:
                    await sent[0].edit(content=text)
            except (discord.HTTPException, *NETWORK_ERRORS) as exc:
                log.info("A progress message failed: %s", type(exc).__name__)  # the answer still comes

        return update

    async def _reply(
        self,
        interaction: discord.Interaction,
        request: Request,
        replies: list[Reply],
        *,
        thinking: bool | None,
        owner: int | None,
    ) -> None:
        """Send a command's replies. A reply that only asks a question opens it as a modal when the
        interaction is still unanswered; otherwise a question is shown with an "Answer…" button that
        opens the modal."""
        if len(replies) == 1 and _only_asks(replies[0]) and not interaction.response.is_done():
            ask = replies[0].ask
            assert ask is not None
            action = bind_ask(ask, request, self.ctx, target=request.target, private=True)
            modal = QuestionModal(
                action, title=ask.title, label=ask.label or plain(ask.prompt), placeholder=ask.placeholder
            )
            await interaction.response.send_modal(modal)
            return
        replies = [self._answer_button(r, request) for r in replies]
        await self._deliver(interaction, render_replies(replies), thinking=thinking, owner=owner)

    def _answer_button(self, reply: Reply, request: Request) -> Reply:
        """``reply`` with its question as text and a button that opens it (a modal can only answer an
        interaction that nothing else answered yet)."""
        ask = reply.ask
        if ask is None:
            return reply
        private = reply.private or not request.in_group
        action = bind_ask(ask, request, self.ctx, target=request.target, private=private)
        text = "\n\n".join(t for t in (reply.text.strip(), ask.prompt.strip()) if t)
        answer = Button("Answer…", ask.command, style="primary", action=action)
        return replace(reply, text=text, ask=None, buttons=(*reply.buttons, (answer,)))

    async def _on_answer(self, interaction: discord.Interaction, action: str, answer: str) -> None:
        """A question modal submitted: its command runs with the answer, like a press."""
        self._begin()
        try:
            press = claim_answer(action, answer, self._request(interaction, ""), self.ctx)
            if press.request is None:
                await interaction.response.send_message(press.refusal, ephemeral=True)
                return
            request = press.request
            command = self.ctx.registry.get(request.command)
            ephemeral = bool(command is not None and command.personal) and request.in_group
            replies, deferred = await self._dispatch_or_defer(
                request, lambda: interaction.response.defer(ephemeral=ephemeral, thinking=True)
            )
            owner = interaction.user.id if request.in_group else None
            thinking = ephemeral if deferred else None
            await self._reply(interaction, request, replies, thinking=thinking, owner=owner)
        except Exception:
            log.exception("Discord answer to %r failed", action)
            await _apologise(interaction)
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
        except Exception:
            log.exception("Discord button %r failed", action)
            await _apologise(interaction)
        finally:
            self._end()

    async def _run_button(self, interaction: discord.Interaction, action: str) -> None:
        stored = pending_actions(self.ctx.store).get(action)
        if stored is not None and stored.prompt:
            # an "Answer…" button: open its question (answering it is the modal's submission)
            question, refusal = open_question(action, self._request(interaction, ""), self.ctx)
            if question is None:
                await interaction.response.send_message(refusal, ephemeral=True)
                return
            modal = QuestionModal(
                action,
                title=question.title,
                label=question.label or plain(question.prompt),
                placeholder=question.placeholder,
            )
            await interaction.response.send_modal(modal)
            return
        # The pending action decides whose the button is, where and until when (core/buttons.py).
        press = claim_press(action, self._request(interaction, ""), self.ctx)
        if press.request is None:
            await interaction.response.send_message(press.refusal, ephemeral=True)
            return
        request = press.request
        command = self.ctx.registry.get(request.command)
        private = bool(command is not None and command.personal) and request.in_group
        request = replace(request, progress=self._progress(interaction, private))
        if press.single_use:
            # confirmations and "activation done" act once: the click itself removes the buttons
            await interaction.response.edit_message(view=None)
            replies = await dispatch(request, self.ctx)
        else:
            replies, _ = await self._dispatch_or_defer(request, lambda: interaction.response.defer())
        owner_id = interaction.user.id if request.in_group else None
        await self._reply(interaction, request, replies, thinking=None, owner=owner_id)

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
        self, client: _Client, channel_id: int, messages: list[OutMessage], *, owner: int | None = None
    ) -> None:
        channel = client.get_partial_messageable(channel_id)
        for message in messages:
            await channel.send(**self._kwargs(message, owner))

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
                await self._send_messages(client, dm, render_reply(reply), owner=user_id)
                return Delivery.OK
            except (discord.Forbidden, discord.NotFound):
                self._dm_channels.pop(user_id, None)
                raise  # DMs closed: blocked (no channel fallback: a push carries personal data)
        except (discord.Forbidden, discord.NotFound):
            return Delivery.BLOCKED
        except discord.RateLimited:
            return Delivery.FAILED
        except (discord.HTTPException, *NETWORK_ERRORS) as exc:
            log.warning("Discord push failed: %s", type(exc).__name__)
            return Delivery.FAILED


def _only_asks(reply: Reply) -> bool:
    """The reply is a question and nothing else (a modal shows no other text)."""
    return reply.ask is not None and not (
        reply.text.strip() or reply.title or reply.sections or reply.buttons or reply.image or reply.file
    )


__all__ = ["DiscordAdapter", "discord_chat_id", "parse_chat_id", "PLATFORM"]

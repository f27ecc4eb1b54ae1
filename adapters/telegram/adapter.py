"""The coach on Telegram: python-telegram-bot 22.x in, `core.dispatch` through, rendered replies out.

No coaching logic lives here. A command (one `MessageHandler` for all of them; the text after it is the
`Request.text` for the shared parser) or a button press (its ``callback_data`` is a pending action's id,
checked by `core.buttons.claim_press`; a refusal is the query's answer, otherwise the keyboard is
removed and the action dispatched) becomes a
`Request`; `core.dispatch` answers it; the replies are rendered (`render.py`: HTML, split under 4096,
photo/document) and sent through one sender that also serves the router's pushes (reminders). Updates
are handled concurrently across chats and one at a time per chat, so replies keep their order.

Groups
    ``/cmd@ThisBot`` and known ``/cmd`` are answered; ``/cmd@OtherBot`` and unknown bare commands are
    left alone. Replies the dispatcher marks ``private`` go to the user's private chat; if Telegram
    refuses that (the user never pressed Start: 403), the group gets only a hint how to open the chat.

Connection
    Long polling by default. ``TELEGRAM_BASE_URL`` points the client at another Bot API server
    (a self-hosted ``telegram-bot-api`` or a test fake); it may be given with or without the trailing
    ``/bot`` (``http://host:8081`` and ``http://host:8081/bot`` are the same), and files are fetched from
    ``<url>/file/bot``. With ``TELEGRAM_WEBHOOK_URL`` set, python-telegram-bot's webhook server listens on
    ``TELEGRAM_WEBHOOK_PORT`` at that URL's path and registers the URL with ``setWebhook`` and the
    ``TELEGRAM_WEBHOOK_SECRET`` (a random one when unset); updates without the matching
    ``X-Telegram-Bot-Api-Secret-Token`` header are rejected with 403 by python-telegram-bot.
    If the Bot API cannot be reached at start-up, `start` returns and keeps retrying in the background
    with exponential backoff; losing and regaining the connection is logged once each way. The token
    never reaches the log (httpx is set to WARNING, python-telegram-bot's URL lines are redacted).

Outgoing
    Every Bot API call but getUpdates goes through `CoachRateLimiter` (`ratelimit.py`), installed as
    python-telegram-bot's rate limiter; the sends here tag each call ``answer`` or ``push`` through
    ``rate_limit_args``. Answers go before pushes, uploads have their own lane so a text answer never
    waits behind them, the overall rate stays within ``TELEGRAM_RATE_PER_SECOND``, pushes at most one
    per second per chat.

Delivery and retries (one rule for replies and reminders; the limiter retries, the sender maps)
    * 429: wait ``retry_after`` and send again.
    * 5xx, and network errors that certainly happened before the request reached the server (connect
      error, connect timeout, no free pooled connection): retry with exponential backoff, at most
      ``max_tries`` attempts, then `Delivery.FAILED` and a log line.
    * 403 (blocked, or never started a private chat) and "chat not found": `Delivery.BLOCKED` at once.
    * A read timeout or a dropped connection *after* the request was written is not resent: Telegram
      may well have delivered it, and a reminder sent twice is worse than the rare one that is lost. The
      message counts as delivered (`Delivery.OK`) and a warning is logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import html
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from urllib.parse import urlsplit

from telegram import (
    BotCommand,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from adapters.telegram.json_request import JSONRequest
from adapters.telegram.ordering import ChatOrderedProcessor
from adapters.telegram.ratelimit import (
    CoachRateLimiter,
    LimiterClosed,
    MaybeSent,
    Priority,
    is_unreachable_chat,
    rate_args,
)
from adapters.telegram.render import Outgoing, plan_messages
from core.buttons import NOT_YOURS, answer_to_message, bind_ask, claim_press, message_key
from core.context import Context
from core.dispatch import dispatch, parse_command_line, unreadable_command
from core.markup import esc
from core.messages import MAX_ATTACHMENT_BYTES, Attachment, Reply, Request, Target
from core.router import Delivery, Router
from core.settings import Settings
from domain.identity import user_key

log = logging.getLogger(__name__)

PLATFORM = "telegram"
ALLOWED_UPDATES = ["message", "callback_query"]
DESCRIPTION_LIMIT = 256
IMPORT_HINT = "Send your CSV export as a file with /import as its caption."
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # immutable: one for every message

# Set while an update is being handled: pushes made from inside a user's command (e.g. the lift sent by
# the "Activation done" button) are answers to that user, so they go at interactive priority.
_interactive: contextvars.ContextVar[bool] = contextvars.ContextVar("telegram_interactive", default=False)


# python-telegram-bot logs its API URL (with the token) at DEBUG, httpx every request URL at INFO.
_LOGGERS_THAT_SEE_URLS = (
    "telegram",
    "telegram.Bot",
    "telegram.ext",
    "telegram.ext.ExtBot",
    "telegram.ext.Updater",
    "telegram.ext.Application",
    "telegram.request.BaseRequest",
    "telegram.request.HTTPXRequest",
    "httpx",
    "httpcore",
    __name__,
)


class _RedactTokens(logging.Filter):
    """Replaces every known bot token in a record (message, arguments, traceback) by ``<token>``."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: set[str] = set()

    def redact(self, text: str) -> str:
        for token in self.tokens:
            text = text.replace(token, "<token>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.tokens:
            return True
        message = record.getMessage()
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.redact(text)
        return True


_redactor = _RedactTokens()


def _guard_logs(token: str) -> None:
    _redactor.tokens.add(token)
    for name in _LOGGERS_THAT_SEE_URLS:
        logger = logging.getLogger(name)
        if _redactor not in logger.filters:
            logger.addFilter(_redactor)
    logging.getLogger("httpx").setLevel(logging.WARNING)


class TelegramConfigError(RuntimeError):
    """The Telegram settings cannot work (e.g. the token was rejected). The message never has the token."""


def api_root(base_url: str) -> str:
    """``TELEGRAM_BASE_URL`` without a trailing ``/bot`` or slash: ``http://h:8081/bot/`` → ``http://h:8081``."""
    root = base_url.strip().rstrip("/")
    if root.endswith("/bot"):
        root = root[: -len("/bot")]
    return root.rstrip("/")


def _chat_id(value: str | int) -> int | str:
    text = str(value)
    return int(text) if re.fullmatch(r"-?\d+", text) else text


class _ConnectionState:
    """Logs losing and regaining the Bot API once per transition, not once per failed request."""

    def __init__(self, redact: Callable[[str], str]) -> None:
        self.down = False
        self._redact = redact

    def failed(self, exc: BaseException) -> None:
        if not self.down:
            self.down = True
            log.warning(
                "Telegram Bot API unreachable (%s); retrying with backoff", self._redact(_describe(exc))
            )

    def ok(self) -> None:
        if self.down:
            self.down = False
            log.info("Telegram Bot API reachable again")


def _describe(exc: BaseException) -> str:
    cause = exc.__cause__
    if cause is not None and not isinstance(cause, TelegramError):
        return f"{type(cause).__name__}: {cause}"
    return f"{type(exc).__name__}: {exc}"


class TelegramAdapter:
    """Runs the coach on Telegram on the caller's event loop: ``await start()`` … ``await stop()``."""

    platform = PLATFORM

    def __init__(
        self,
        settings: Settings,
        ctx: Context,
        router: Router | None = None,
        *,
        webhook_listen: str = "0.0.0.0",
        per_chat_interval: float = 1.0,
        retry_base: float = 0.5,
        max_tries: int = 5,
        max_flood_waits: int = 10,
        connect_backoff: tuple[float, float] = (1.0, 60.0),
        poll_timeout: float = 10.0,
        push_connect_wait: float = 30.0,
        stop_budget: float = 1.5,
        concurrent_updates: int = 256,
        max_in_flight: int = 8,
        max_uploads_in_flight: int = 4,
    ) -> None:
        if not settings.telegram_token:
            raise TelegramConfigError("TELEGRAM_TOKEN is not set")
        self.settings = settings
        self.ctx = ctx
        self.router = router
        self.webhook_listen = webhook_listen
        self.connect_backoff = connect_backoff
        self.poll_timeout = poll_timeout
        self.push_connect_wait = push_connect_wait
        self.stop_budget = stop_budget
        self.concurrent_updates = concurrent_updates
        self.connection = _ConnectionState(self._redact)
        self.limiter = CoachRateLimiter(
            settings.telegram_rate_per_second,
            per_chat_interval,
            max_in_flight=max_in_flight,
            max_uploads_in_flight=max_uploads_in_flight,
            retry_base=retry_base,
            max_tries=max_tries,
            max_flood_waits=max_flood_waits,
            on_transport=self._on_transport,
        )
        self.application: Application | None = None
        self.username = ""
        self.connected = asyncio.Event()
        self._stopping = False
        self._connect_task: asyncio.Task[None] | None = None
        self._active = 0
        self._idle = asyncio.Event()
        self._idle.set()
        # Never log the token: httpx logs request URLs at INFO (set to WARNING), python-telegram-bot its
        # API URL at DEBUG (redacted by a filter on the loggers that see URLs).
        _guard_logs(settings.telegram_token)

    @property
    def online(self) -> bool:
        """Connected and the Bot API answering (False from the first failed call until one succeeds)."""
        return self.connected.is_set() and not self.connection.down

    @property
    def outbox_depth(self) -> int:
        return self.limiter.waiting

    # ------------------------------------------------------------------ lifecycle
    def _redact(self, text: str) -> str:
        token = self.settings.telegram_token
        return text.replace(token, "<token>") if token else text

    def _build(self) -> Application:
        s = self.settings
        builder = (
            ApplicationBuilder()
            .token(s.telegram_token)
            # The limiter bounds the calls in flight, so the pool never makes one wait for a connection.
            .request(JSONRequest(connection_pool_size=self.limiter.connections_needed + 2))
            .rate_limiter(self.limiter)
            .concurrent_updates(ChatOrderedProcessor(self.concurrent_updates))
        )
        if s.telegram_base_url:
            root = api_root(s.telegram_base_url)
            builder = builder.base_url(f"{root}/bot").base_file_url(f"{root}/file/bot")
        app = builder.build()
        app.add_handler(TypeHandler(Update, self._on_any_update), group=-1)
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, self._on_command))
        # Replies to our messages reach us even in groups (privacy mode): a question's answer comes so.
        app.add_handler(
            MessageHandler(
                filters.UpdateType.MESSAGE & filters.REPLY & filters.TEXT & ~filters.COMMAND, self._on_reply
            )
        )
        app.add_handler(
            MessageHandler(
                filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND,
                self._on_text,
            )
        )
        # A file with /import as its caption (CommandHandler and filters.COMMAND read only text), or a
        # file alone in the private chat: both are imports.
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.Document.ALL, self._on_document))
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_error_handler(self._on_error)
        return app

    async def start(self) -> None:
        """Connect and start receiving updates. If Telegram is unreachable, keep trying in the background.

        Raises `TelegramConfigError` if the token is rejected.
        """
        self._stopping = False
        self.application = self._build()
        if self.router is not None:
            self.router.register(PLATFORM, self.send_to_target)
        try:
            await self._connect()
        except (InvalidToken, TelegramConfigError):
            await self._abandon()
            raise TelegramConfigError(
                "TELEGRAM_TOKEN was rejected by the Bot API server; check the token"
            ) from None
        except (NetworkError, TelegramError) as exc:
            self.connection.failed(exc)
            self._connect_task = asyncio.create_task(self._connect_loop(), name="telegram-connect")

    async def _connect(self) -> None:
        app = self.application
        assert app is not None and app.updater is not None
        await app.initialize()  # getMe
        self.username = app.bot.username or ""
        self.ctx.telegram_username = self.username
        await self._publish_commands()
        await self._publish_descriptions()
        if not app.running:
            await app.start()
        if not app.updater.running:
            s = self.settings
            if s.telegram_webhook_url:
                secret = s.telegram_webhook_secret or secrets.token_urlsafe(32)
                if not s.telegram_webhook_secret:
                    log.info("TELEGRAM_WEBHOOK_SECRET not set; using a random secret for this run")
                path = urlsplit(s.telegram_webhook_url).path.strip("/")
                await app.updater.start_webhook(
                    listen=self.webhook_listen,
                    port=s.telegram_webhook_port,
                    url_path=path,
                    webhook_url=s.telegram_webhook_url,
                    secret_token=secret,
                    allowed_updates=ALLOWED_UPDATES,
                )
                log.info("Telegram webhook listening on port %s", s.telegram_webhook_port)
            else:
                await app.updater.start_polling(
                    timeout=timedelta(seconds=self.poll_timeout),
                    allowed_updates=ALLOWED_UPDATES,
                    error_callback=self._on_polling_error,
                )
        self.connection.ok()
        self.connected.set()
        log.info(
            "Telegram connected as @%s (%s)",
            self.username,
            "webhook" if self.settings.telegram_webhook_url else "long polling",
        )

    async def _connect_loop(self) -> None:
        delay, cap = self.connect_backoff
        while not self._stopping:
            await asyncio.sleep(delay)
            if self._stopping:
                return
            try:
                await self._connect()
                return
            except InvalidToken:
                log.error("TELEGRAM_TOKEN was rejected by the Bot API server; Telegram stays offline")
                return
            except TelegramError as exc:
                self.connection.failed(exc)
                delay = min(cap, delay * 2)
            except Exception:
                log.exception("Telegram start-up failed; retrying")
                delay = min(cap, delay * 2)

    async def _publish_commands(self) -> None:
        assert self.application is not None
        commands = [
            BotCommand(c.name, c.description[:DESCRIPTION_LIMIT]) for c in self.ctx.registry.visible()
        ]
        try:
            await self.application.bot.set_my_commands(commands)
        except (BadRequest, Forbidden) as exc:
            log.warning("setMyCommands refused: %s", self._redact(str(exc)))

    async def _publish_descriptions(self) -> None:
        """The profile texts from the content (validated there against Telegram's limits)."""
        assert self.application is not None
        bot, lib = self.application.bot, self.ctx.library
        try:
            await bot.set_my_description(lib.text("bot_description"))
            await bot.set_my_short_description(lib.text("bot_short_description"))
        except (BadRequest, Forbidden) as exc:
            log.warning("setMyDescription refused: %s", self._redact(str(exc)))

    async def stop(self) -> None:
        """Stop receiving, finish what is in hand within ``stop_budget`` seconds, then close.

        Updates already fetched are handled and their replies sent; messages still waiting for a slot
        when the budget runs out are not sent and their senders get `Delivery.FAILED` (a reminder then
        stays undelivered in storage and the reminder service decides, as after any failure).
        """
        self._stopping = True
        deadline = time.monotonic() + self.stop_budget
        if self._connect_task is not None:
            self._connect_task.cancel()
            await asyncio.gather(self._connect_task, return_exceptions=True)
            self._connect_task = None
        app = self.application
        if app is not None:
            if app.updater is not None and app.updater.running:
                try:
                    await app.updater.stop()
                except Exception:
                    log.exception("stopping Telegram updates failed")
            if app.running:
                stopping = asyncio.ensure_future(app.stop())
                done, _ = await asyncio.wait({stopping}, timeout=max(0.0, deadline - time.monotonic()))
                if not done:
                    await self.limiter.close()  # waiting sends fail fast, handlers finish
                await asyncio.gather(stopping, return_exceptions=True)
        remaining = deadline - time.monotonic()
        if remaining > 0 and self._active:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._idle.wait(), remaining)
        await self.limiter.close()
        if self._active:
            try:
                await asyncio.wait_for(self._idle.wait(), 0.3)
            except TimeoutError:
                log.warning("Telegram stopped with %d sends unfinished", self._active)
        if app is not None:
            try:
                await app.shutdown()
            except Exception:
                log.exception("closing the Telegram client failed")
        self.connected.clear()
        log.info("Telegram stopped")

    async def _abandon(self) -> None:
        await self.limiter.close()
        if self.application is not None:
            with contextlib.suppress(Exception):  # not initialized
                await self.application.shutdown()

    # ------------------------------------------------------------------ incoming
    def _on_polling_error(self, exc: TelegramError) -> None:
        self.connection.failed(exc)

    async def _on_any_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        self.connection.ok()  # an update came in: the Bot API is reachable (polling recovered)

    def _on_transport(self, failure: BaseException | None) -> None:
        """The limiter's report on each call: an HTTP answer came (None), or no answer at all."""
        if failure is None:
            self.connection.ok()
        else:
            self.connection.failed(failure)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        err = context.error
        log.error(
            "handling a Telegram update failed: %s",
            self._redact(repr(err)),
            exc_info=(type(err), err, err.__traceback__) if err else None,
        )

    async def _on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.message
        if msg is None:
            return
        hint = unreadable_command(msg.text or "", self.ctx.registry) or Reply(
            "Commands start with /, for example /explain hip thrust. Send /help for the list."
        )
        await self._deliver([hint], msg.chat.id, 0, False)

    async def _on_reply(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A reply to one of our messages: the answer to the question that message asked, if it asked
        one and the user replying is the one it asked. Anything else is an ordinary message."""
        msg = update.message
        user = update.effective_user
        if msg is None or user is None or not msg.text:
            return
        asked = msg.reply_to_message
        in_group = msg.chat.type != ChatType.PRIVATE
        press = None
        if asked is not None and asked.from_user is not None and asked.from_user.id == context.bot.id:
            where = Target(PLATFORM, str(msg.chat.id))
            presser = Request(
                command="",
                user=user_key(PLATFORM, user.id),
                target=where,
                display_name=user.full_name,
                in_group=in_group,
            )
            press = answer_to_message(message_key(where, asked.message_id), msg.text, presser, self.ctx)
        if press is None:
            if not in_group:
                await self._on_text(update, context)
            return
        if press.request is None:
            if press.refusal != NOT_YOURS:  # someone else's reply changes nothing and gets no answer
                await self._deliver([Reply(esc(press.refusal))], msg.chat.id, user.id, in_group)
            return
        await self._serve(press.request, msg.chat.id, user.id, reply_to=msg.message_id)

    async def _on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.message
        user = update.effective_user
        if msg is None or user is None or not msg.text:
            return
        line = parse_command_line(msg.text)
        if line is None:
            # "/log-confirm …" (Telegram sees "/log"), "/ log …": no command as typed. In private, say
            # the nearest; in a group it may be meant for another bot.
            unknown = unreadable_command(msg.text, self.ctx.registry)
            if unknown is not None and msg.chat.type == ChatType.PRIVATE:
                await self._deliver([unknown], msg.chat.id, user.id, False)
            return
        if line.bot and line.bot.lower() != self.username.lower():
            return  # /cmd@OtherBot
        in_group = msg.chat.type != ChatType.PRIVATE
        if in_group and not line.bot and self.ctx.registry.get(line.name) is None:
            return  # probably another bot's command
        request = Request(
            command=line.name,
            user=user_key(PLATFORM, user.id),
            target=Target(PLATFORM, str(msg.chat.id)),
            text=line.text,
            display_name=user.full_name,
            in_group=in_group,
        )
        await self._serve(request, msg.chat.id, user.id, reply_to=msg.message_id)

    async def _on_document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A document: its caption's command (only /import takes a file), or in the private chat a
        file sent without a caption is taken as /import too."""
        msg = update.message
        user = update.effective_user
        if msg is None or user is None or msg.document is None:
            return
        in_group = msg.chat.type != ChatType.PRIVATE
        line = parse_command_line(msg.caption or "")
        if line is not None and line.bot and line.bot.lower() != self.username.lower():
            return
        if line is None and in_group:
            return  # a file shared in a group, not for us
        if line is not None and line.name != "import":
            if not in_group:
                await self._deliver(
                    [Reply("Only /import takes a file. " + esc(IMPORT_HINT))], msg.chat.id, 0, False
                )
            return
        doc = msg.document
        name = doc.file_name or "export.csv"
        size = doc.file_size or 0
        data = b""
        if size <= MAX_ATTACHMENT_BYTES:
            try:
                file = await context.bot.get_file(doc.file_id)
                data = bytes(await file.download_as_bytearray())
            except (TelegramError, MaybeSent, LimiterClosed) as exc:
                log.info("downloading a document failed: %s", self._redact(str(exc)))
                reply = Reply("I couldn't download that file from Telegram; please send it again.")
                await self._deliver([reply], msg.chat.id, user.id, in_group)
                return
        request = Request(
            command="import",
            user=user_key(PLATFORM, user.id),
            target=Target(PLATFORM, str(msg.chat.id)),
            display_name=user.full_name,
            in_group=in_group,
            attachment=Attachment(name, data, doc.mime_type or "text/csv", size=size),
        )
        await self._serve(request, msg.chat.id, user.id, reply_to=msg.message_id)

    def _progress(self, chat_id: int) -> Callable[[str], Awaitable[None]]:
        """Progress of long work: the first text is sent, each later one edits that message."""
        sent: list[int] = []

        async def update(text: str) -> None:
            if self.application is None:
                return
            bot = self.application.bot
            paced = rate_args(Priority.ANSWER)
            try:
                if not sent:
                    message = await bot.send_message(chat_id, text, rate_limit_args=paced)
                    sent.append(message.message_id)
                else:
                    await bot.edit_message_text(
                        text, chat_id=chat_id, message_id=sent[0], rate_limit_args=paced
                    )
            except (TelegramError, MaybeSent, LimiterClosed) as exc:
                log.info("a progress message failed: %s", self._redact(str(exc)))  # the answer still comes

        return update

    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        msg = query.message
        user = query.from_user
        press = None
        if msg is not None:
            chat_id = msg.chat.id
            presser = Request(
                command="",
                user=user_key(PLATFORM, user.id),
                target=Target(PLATFORM, str(chat_id)),
                display_name=user.full_name,
                in_group=msg.chat.type != ChatType.PRIVATE,
            )
            # callback_data is a pending action's id: checked (whose, which chat, expiry, used) first
            press = claim_press(query.data or "", presser, self.ctx)
        refusal = press.refusal if press is not None else ""
        try:
            # A refusal is said to the presser alone, as the query's notification; nothing else changes.
            await query.answer(refusal or None)
        except (TelegramError, MaybeSent, LimiterClosed) as exc:
            log.info("answerCallbackQuery failed: %s", self._redact(str(exc)))
        if msg is None or press is None or press.request is None:
            return
        bot = self.application.bot if self.application else None
        if bot is not None:
            try:
                await bot.edit_message_reply_markup(chat_id=chat_id, message_id=msg.message_id)
            except (TelegramError, MaybeSent, LimiterClosed) as exc:
                log.info("removing a keyboard failed: %s", self._redact(str(exc)))
        await self._serve(press.request, chat_id, user.id)

    async def _serve(
        self, request: Request, chat_id: int, user_id: int, *, reply_to: int | None = None
    ) -> None:
        """Dispatch one request and send its replies (`ChatOrderedProcessor`: one update at a time per
        chat, in order). ``reply_to``: the user's message it came from."""
        token = _interactive.set(True)
        if not request.in_group:  # progress is personal: shown in the private chat only
            request = replace(request, progress=self._progress(chat_id))
        try:
            replies = await dispatch(request, self.ctx)
            await self._deliver(replies, chat_id, user_id, request.in_group, request, reply_to=reply_to)
        finally:
            _interactive.reset(token)

    def _private_hint(self, request: Request | None) -> Reply:
        handle = f"t.me/{self.username}" if self.username else "my profile"
        command = self.ctx.registry.get(request.command) if request is not None else None
        if command is not None and command.writes:
            # The change was made; "try again" would make the user log the same set twice.
            return Reply(
                esc(
                    f"Done, but I can't message you privately yet, so the details stay private: open a chat "
                    f"with me ({handle}) and press Start. Don't send it again; /history shows it there."
                )
            )
        return Reply(
            esc(
                f"I can't message you privately yet: open a chat with me ({handle}) and press Start, "
                "then try again."
            )
        )

    async def _deliver(
        self,
        replies: list[Reply],
        chat_id: int,
        user_id: int,
        in_group: bool,
        request: Request | None = None,
        *,
        reply_to: int | None = None,
    ) -> None:
        """Interactive replies: private ones go to the user's own chat, or only a hint to the group. A
        reply's question is bound to the message that asked it, once that message exists; in a group it
        replies to the user's message (``reply_to``), so the selective ForceReply asks that user."""
        private_blocked = False
        for reply in replies:
            dest: int | str = chat_id
            if reply.private and in_group and user_id:
                if private_blocked:
                    continue
                dest = user_id
            sent: list[int] = []
            anchor = reply_to if reply.ask is not None and in_group and dest == chat_id else None
            result = await self._send_reply(dest, reply, Priority.ANSWER, sent=sent, reply_to=anchor)
            if reply.ask is not None and request is not None and result is Delivery.OK and sent:
                where = Target(PLATFORM, str(dest))
                bind_ask(
                    reply.ask,
                    request,
                    self.ctx,
                    target=where,
                    private=dest != chat_id or not in_group,
                    message=message_key(where, sent[-1]),
                )
            if result is Delivery.BLOCKED and dest != chat_id:
                private_blocked = True
                await self._send_reply(chat_id, self._private_hint(request), Priority.ANSWER)

    # ------------------------------------------------------------------ outgoing
    async def send_to_target(self, target: Target, reply: Reply) -> Delivery:
        """The router's sender for ``telegram`` targets (reminders and other pushes)."""
        if self._stopping or self.application is None:
            return Delivery.FAILED
        if not self.connected.is_set():
            try:
                await asyncio.wait_for(self.connected.wait(), self.push_connect_wait)
            except TimeoutError:
                log.warning("Telegram not connected; a push to %s was not sent", target.key())
                return Delivery.FAILED
        priority = Priority.ANSWER if _interactive.get() else Priority.PUSH
        return await self._send_reply(_chat_id(target.chat_id), reply, priority)

    async def _send_reply(
        self,
        chat_id: int | str,
        reply: Reply,
        priority: Priority,
        *,
        sent: list[int] | None = None,
        reply_to: int | None = None,
    ) -> Delivery:
        """Send one reply; ``sent`` collects the ids of its messages (those Telegram confirmed);
        its question (if any) replies to the message ``reply_to``."""
        self._active += 1
        self._idle.clear()
        try:
            for message in plan_messages(reply):
                try:
                    anchor = reply_to if message.force_reply else None
                    message_id = await self._send_one(chat_id, message, priority, reply_to=anchor)
                    if sent is not None:
                        sent.append(message_id)
                except MaybeSent as exc:
                    log.warning(
                        "sending to telegram:%s may or may not have arrived (%s); not resent, to avoid "
                        "a duplicate",
                        chat_id,
                        self._redact(_describe(exc.__cause__ or exc)),
                    )
                except TelegramError as exc:
                    if is_unreachable_chat(exc):
                        log.info("telegram:%s cannot be reached (%s)", chat_id, self._redact(str(exc)))
                        return Delivery.BLOCKED
                    log.error("sending to telegram:%s failed: %s", chat_id, self._redact(_describe(exc)))
                    return Delivery.FAILED
                except LimiterClosed:
                    return Delivery.FAILED
            return Delivery.OK
        finally:
            self._active -= 1
            if not self._active:
                self._idle.set()

    async def _send_one(
        self, chat_id: int | str, m: Outgoing, priority: Priority, *, reply_to: int | None = None
    ) -> int:
        """Send one message (as a reply to message ``reply_to``, if given); its message id."""
        assert self.application is not None
        bot = self.application.bot
        paced = rate_args(priority)
        anchor = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to is not None else None
        keyboard: InlineKeyboardMarkup | ForceReply | None = None
        if m.buttons:
            keyboard = InlineKeyboardMarkup(
                [[InlineKeyboardButton(label, callback_data=cmd) for label, cmd in row] for row in m.buttons]
            )
        elif m.force_reply:
            # selective: in a group only the user it answers is asked; the placeholder is ≤ 64 characters
            keyboard = ForceReply(selective=True, input_field_placeholder=m.placeholder[:64] or None)
        if m.kind in ("photo", "document"):
            send_file = bot.send_photo if m.kind == "photo" else bot.send_document
            sent = await send_file(
                chat_id,
                InputFile(m.data, filename=m.filename),
                caption=m.html or None,
                parse_mode=ParseMode.HTML if m.html else None,
                reply_markup=keyboard,
                reply_parameters=anchor,
                rate_limit_args=paced,
            )
            return sent.message_id
        try:
            sent = await bot.send_message(
                chat_id,
                m.html,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard,
                reply_parameters=anchor,
                link_preview_options=NO_PREVIEW,
                rate_limit_args=paced,
            )
        except BadRequest as exc:
            if "parse entities" not in str(exc).lower():
                raise
            # Should not happen (everything is escaped); never lose the answer over markup.
            log.error("Telegram refused our HTML (%s); sending plain text", exc)
            sent = await bot.send_message(
                chat_id,
                html.unescape(re.sub(r"<[^>]+>", "", m.html)),
                reply_markup=keyboard,
                reply_parameters=anchor,
                link_preview_options=NO_PREVIEW,
                rate_limit_args=paced,
            )
        return sent.message_id

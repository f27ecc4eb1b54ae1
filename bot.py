"""Start the coach: settings, storage, content, scheduler and every adapter that has a token — or the
console chat when none has (or with --console) — on one asyncio loop, stopped cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import signal
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from content.library import ContentError, Library, load_library
from core.buttons import pending_actions
from core.context import Context
from core.registry import Registry
from core.router import Router
from core.settings import Settings
from handlers.plan import ReminderTexts
from handlers.registry import build_registry
from reminders.service import ReminderService
from storage.store import Store

log = logging.getLogger("coach")
STOP_TIMEOUT = 2.0


class StartupError(RuntimeError):
    """A platform could not start for a reason the operator must fix (e.g. a rejected token)."""


class Adapter(Protocol):
    async def start(self) -> None: ...
    async def stop(self) -> None: ...


@dataclass
class App:
    settings: Settings
    store: Store
    library: Library
    registry: Registry
    router: Router
    reminders: ReminderService
    ctx: Context


def build_app(settings: Settings, library: Library | None = None) -> App:
    """Everything but the adapters. Raises ContentError for a broken content file."""
    library = library or load_library()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(settings.data_dir)
    registry = build_registry()
    router = Router()
    reminders = ReminderService(store, ReminderTexts(store, library), router)
    ctx = Context(store=store, library=library, registry=registry, settings=settings, reminders=reminders)
    return App(settings, store, library, registry, router, reminders, ctx)


async def start_app(app: App) -> None:
    await app.reminders.start()


async def stop_app(app: App) -> None:
    await app.reminders.shutdown()
    await pending_actions(app.store).flush()  # the buttons just sent must work after a restart
    app.store.close()


def platform_adapters(app: App) -> list[Adapter]:
    adapters: list[Adapter] = []
    if app.settings.telegram_token:
        from adapters.telegram import TelegramAdapter

        adapters.append(TelegramAdapter(app.settings, app.ctx, app.router))
    if app.settings.discord_token:
        from adapters.discord import DiscordAdapter

        adapters.append(DiscordAdapter(app.settings, app.ctx, app.router))
    return adapters


async def serve(settings: Settings, force_console: bool = False) -> int:
    app = build_app(settings)
    adapters = [] if force_console else platform_adapters(app)
    console = None
    if not adapters:
        from adapters.console import ConsoleAdapter

        console = ConsoleAdapter(app.ctx, app.router)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        for adapter in adapters:
            try:
                await adapter.start()
            except Exception as exc:  # adapters never put the token in their messages
                raise StartupError(f"{type(adapter).__name__} could not start: {exc}") from exc
        await start_app(app)
        # Start-up objects (content, cached schedule rows) live for the whole run: keep them out of
        # the collector's full passes, which otherwise stall the loop for 0.1-0.4 s at 100k schedules.
        gc.collect()
        gc.freeze()
        if console is not None:
            chat = asyncio.create_task(console.run())
            stopper = asyncio.create_task(stop.wait())
            await asyncio.wait({chat, stopper}, return_when=asyncio.FIRST_COMPLETED)
            stopper.cancel()
            if not chat.done():
                chat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await chat
        else:
            log.info("coach running on %s", ", ".join(type(a).__name__ for a in adapters))
            await stop.wait()
    finally:
        # Scheduler first: a reminder recorded as sent must still find its adapter running.
        await app.reminders.shutdown()
        for adapter in adapters:
            try:
                await asyncio.wait_for(adapter.stop(), STOP_TIMEOUT)
            except Exception:
                log.exception("stopping %s", type(adapter).__name__)
        app.store.close()
    return 0


def configure_logging(settings: Settings, console: bool) -> None:
    level = getattr(logging, settings.log_level, logging.INFO)
    if console:
        # Keep the chat readable: the log goes to a file beside the data.
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(settings.data_dir / "coach.log")
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # httpx logs request URLs, and Telegram's contain the token.
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Glute coach: Telegram, Discord or a local console chat.")
    parser.add_argument(
        "--console", action="store_true", help="open the console chat even when tokens are set"
    )
    parser.add_argument("--data-dir", type=Path, help="where data is kept (default: DATA_DIR or ./data)")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if args.data_dir:
        settings = replace(settings, data_dir=args.data_dir)
    console = args.console or not (settings.telegram_token or settings.discord_token)
    configure_logging(settings, console)
    try:
        return asyncio.run(serve(settings, force_console=args.console))
    except ContentError as exc:
        print(f"Content error, not starting: {exc}", file=sys.stderr)
        return 2
    except StartupError as exc:
        print(f"Not starting: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())

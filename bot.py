"""Start the coach: settings, storage, content, scheduler and every adapter that has a token — or the
console chat when none has (or with --console) — on one asyncio loop, stopped cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import gc
import logging
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Protocol, TextIO

from tzlocal import get_localzone

from content.library import ContentError, Library, load_library
from core.buttons import pending_actions
from core.context import Context, utc_now
from core.conversation import Conversation
from core.limits import Limits
from core.metrics import Metrics
from core.metrics_server import MetricsServer
from core.registry import Registry
from core.router import Router
from core.settings import Settings, SettingsError, check_backup_dir
from handlers.commands import build_registry
from handlers.reminder_texts import ReminderTexts
from handlers.session import PushTexts
from reminders.service import ReminderService
from services.accounts import Accounts
from storage import backup, deletions, quarantine
from storage.atomic import PRIVATE_UMASK, open_regular
from storage.layout import linked_folders
from storage.lock import DataDirLock, DataDirLocked
from storage.lock import acquire as acquire_data_dir
from storage.logtags import TaggedFormatter
from storage.pushes import pending_pushes
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


def build_app(
    settings: Settings,
    library: Library | None = None,
    *,
    store: Store | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> App:
    """Everything but the adapters. Raises ContentError for a broken content file. ``store``: one
    already open on ``settings.data_dir`` (tests pass one that fails on purpose); ``clock``: what
    handlers and the reminder check take as now (tests pass a settable one)."""
    library = library or load_library()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = (
        store
        if store is not None
        else Store(
            settings.data_dir,
            default_units=settings.default_units,
            default_timezone=settings.default_timezone,
        )
    )
    registry = build_registry()
    metrics = Metrics()
    router = Router(metrics)
    conversation = Conversation()  # commands in flight: the reminder fan-out gives way to them
    # One clock for what is due and for what the reminder says of "today" (tests inject it).
    reminders = ReminderService(
        store, ReminderTexts(store, library, clock), router, clock=clock, conversation=conversation
    )
    metrics.scheduler = reminders
    metrics.journal = store
    ctx = Context(
        store=store,
        library=library,
        registry=registry,
        settings=settings,
        reminders=reminders,
        clock=clock,
        limits=Limits.per_minute(settings.write_limit_per_minute),
        metrics=metrics,
        conversation=conversation,
    )
    reminders.use_push_composer(PushTexts(ctx))  # rest timers, summaries, recaps: they read the context
    return App(settings, store, library, registry, router, reminders, ctx)


async def nightly_backup(app: App) -> Path | None:
    """Take a snapshot of the data folder off the event loop (store writes pause only while its files
    are linked); a failure is logged and the bot carries on."""
    try:
        taken = await asyncio.to_thread(
            backup.take,
            app.store,
            app.settings.backups_path,
            keep=app.settings.backup_keep,
            now=app.ctx.clock(),
        )
    except Exception:
        log.exception("the nightly snapshot failed; the next one is tomorrow")
        return None
    return taken.path


async def expire_backups(app: App) -> list[Path]:
    """Remove snapshots and the data `bot.py restore` moved aside once BACKUP_KEEP days old (off the
    loop); a failure is logged and tried again the next hour."""
    try:
        return await asyncio.to_thread(
            backup.expire, app.settings.backups_path, app.settings.backup_keep, app.ctx.clock()
        )
    except Exception:
        log.exception("old snapshots or pre-restore folders could not be removed; trying again in an hour")
        return []


# The collector's one tuning (CPython's default is (700, 10, 10)), kept because users would feel its
# absence. Third threshold: a full collection walks every long-lived object and stops the loop; the
# store's cached accounts are ~200,000 of them at 1M sets, and their turnover triggered one every ~300
# /logs (15-70 ms each on 2 busy CPUs). One after 800 middle-generation passes, each 4 x 250 allocations
# apart, keeps them as rare as (700, 10, 100) did (`python -m bench.scale_bench` counts them during its /logs). First two:
# a cold account is ~200 objects that live on, and with (700, 10) every ~27th cold /log paid a ~1 ms
# middle-generation pass over ~7,000 of them. Smaller, more frequent passes spread that work: at 1M sets
# the /log p99 on the loop thread went from 2.52-2.63 ms to 1.85-2.13 (p99.9 3.0-3.5 to 2.2-2.5), the
# median unchanged (three fresh processes each). An evicted account is freed by reference counting, not
# left as a cycle (storage/store.py, `_File`).
GC_THRESHOLDS = (250, 4, 800)


def tune_gc() -> None:
    gc.set_threshold(*GC_THRESHOLDS)


def freeze_startup() -> None:
    """Move what start-up built out of the collector's sight (call once the app is started). Start-up
    objects (content, the schedule index) live for the whole run, and a full collection walking them
    stops the loop, so every chat waits. `python -m bench.gc_bench` at 100k schedules: about 1.3 s per
    full collection unfrozen, under 1 ms frozen (2 busy CPUs)."""
    gc.collect()
    gc.freeze()


async def start_app(app: App) -> None:
    tune_gc()  # first: reading the schedules is start-up's biggest allocation
    await Accounts(app.store, app.reminders).finish_links()  # before the index reads the pushes
    await app.reminders.start()
    # Hourly, and whether or not snapshots are taken (BACKUP_AT=off): /deleteme's promise holds for
    # the snapshots and the data a restore moved aside. Once now, for a bot stopped past the expiry.
    await expire_backups(app)
    app.reminders.add_hourly("expire-backups", 45, functools.partial(expire_backups, app))
    if app.settings.backup_at is not None:
        hour, minute = app.settings.backup_at
        # Server local time, as the operator reads a clock; the reminders' scheduler runs on UTC.
        job = functools.partial(nightly_backup, app)  # a partial of a coroutine function: run on the loop
        app.reminders.add_daily("nightly-backup", hour, minute, job, get_localzone())


async def stop_app(app: App) -> None:
    await app.reminders.shutdown()
    await app.ctx.jobs.aclose()
    await pending_actions(app.store).flush()  # the buttons just sent must work after a restart
    await pending_pushes(app.store).flush()
    app.store.close()


async def start_metrics(app: App, adapters: list[Adapter]) -> MetricsServer | None:
    """The /metrics and /healthz endpoint when METRICS_PORT is set, watching ``adapters``."""
    for adapter in adapters:
        app.ctx.metrics.watch(adapter)  # type: ignore[arg-type]  # every platform adapter is a probe
    if not app.settings.metrics_port:
        return None
    server = MetricsServer(app.ctx.metrics, app.settings.metrics_host, app.settings.metrics_port)
    try:
        await server.start()
    except OSError as exc:
        raise StartupError(
            f"METRICS_PORT={app.settings.metrics_port} on {app.settings.metrics_host} cannot be used: "
            f"{exc.strerror or exc}"
        ) from None
    return server


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
    try:
        app = build_app(settings)
    except OSError as exc:  # e.g. DATA_DIR/accounts is a file: the operator's to fix, in one line
        where = f" ({exc.filename})" if exc.filename else ""
        raise StartupError(
            f"DATA_DIR={str(settings.data_dir)!r} cannot be opened{where}: {exc.strerror or exc}"
        ) from None
    adapters = [] if force_console else platform_adapters(app)
    console = None
    if not adapters:
        from adapters.console import ConsoleAdapter

        console = ConsoleAdapter(app.ctx, app.router)
    metrics: MetricsServer | None = None
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
        metrics = await start_metrics(app, adapters)
        if adapters:  # a console session is short and single-user: its first chart starts the workers
            app.ctx.jobs.warm()  # chart workers and their matplotlib import, in the background
        freeze_startup()
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
        if metrics is not None:
            await metrics.stop()
        # Scheduler first: a reminder recorded as sent must still find its adapter running.
        await app.reminders.shutdown()
        for adapter in adapters:
            try:
                await asyncio.wait_for(adapter.stop(), STOP_TIMEOUT)
            except Exception:
                log.exception("stopping %s", type(adapter).__name__)
        await app.ctx.jobs.aclose()
        app.store.close()
    return 0


class QuietFileHandler(logging.StreamHandler[TextIO]):
    """The console's log file. A record that cannot be written (the disk is full) is dropped and
    counted: the default `handleError` prints a traceback to stderr, which is the chat. Opened never
    through a symlink: one planted as coach.log had the log appended to its target (it is set aside
    into quarantine instead)."""

    def __init__(self, filename: Path) -> None:
        fd = open_regular(filename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, filename.parent)
        super().__init__(open(fd, "a", encoding="utf-8"))  # noqa: SIM115 (kept open; see close)
        self.dropped = 0

    def close(self) -> None:
        with self.lock:
            self.stream.close()
        super().close()

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        self.dropped += 1


def configure_logging(settings: Settings, console: bool) -> None:
    level = getattr(logging, settings.log_level, logging.INFO)
    if console:
        # Keep the chat readable: the log goes to a file beside the data.
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = QuietFileHandler(settings.data_dir / "coach.log")
    else:
        handler = logging.StreamHandler(sys.stderr)
    # Users by tag only (storage.logtags): the log outlives /deleteme.
    handler.setFormatter(TaggedFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # httpx logs request URLs, and Telegram's contain the token.
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # The chat libraries' DEBUG lines carry raw updates (user ids, names, every text typed): no tag can
    # be put on those, so LOG_LEVEL=DEBUG stops at INFO for them.
    for chatty in ("telegram", "discord"):
        logging.getLogger(chatty).setLevel(max(level, logging.INFO))


def refuse_linked_folders(settings: Settings) -> None:
    """A folder inside DATA_DIR that is a symbolic link (journal, pushes, quarantine, backups, a
    user's outbox... planted or left by a migration) would have users' data read, written or deleted
    wherever it points: refused in one line naming the link, before anything in the folder is touched."""
    links = linked_folders(settings.data_dir)
    if not links:
        return
    link = links[0]
    try:
        to = f" to {os.readlink(link)}"
    except OSError:
        to = ""
    others = ", ".join(str(p.relative_to(settings.data_dir)) for p in links[1:])
    more = f" (and {len(links) - 1} more: {others})" if others else ""
    backups = " (and set BACKUP_DIR to the folder it points to)" if link == settings.backups_path else ""
    raise StartupError(
        f"{link} is a symbolic link{to}{more}: a folder inside DATA_DIR must be a real folder, so that "
        f"no data is read or written outside it. Remove the link{backups}, or move what it points to "
        "into its place (DATA_DIR itself may be a link)"
    )


def hold_data_dir(settings: Settings) -> DataDirLock:
    """Take the data folder for this process before anything reads or writes in it (the log file
    included). Raises StartupError with one line for a folder in use or unusable, or one holding a
    symbolic link where a folder goes (`storage.layout.linked_folders`)."""
    try:
        refuse_linked_folders(settings)
        return acquire_data_dir(settings.data_dir)
    except DataDirLocked as exc:
        raise StartupError(str(exc)) from None
    except OSError as exc:
        data_dir = Path(settings.data_dir)
        if data_dir.is_symlink() and not data_dir.exists():
            # (mkdir says only "File exists" for a link whose folder is gone: an unmounted disk)
            raise StartupError(
                f"DATA_DIR={str(data_dir)!r} is a symbolic link to {os.readlink(data_dir)!r}, which does "
                "not exist: mount or create that folder, or set DATA_DIR to another"
            ) from None
        raise StartupError(
            f"DATA_DIR={str(settings.data_dir)!r} cannot be used ({exc.strerror or exc}): "
            "set DATA_DIR to a folder this user can create and write"
        ) from None


def refuse_unreadable_deletion_list(settings: Settings) -> None:
    """The deletion list is what keeps users who ran /deleteme out of a restored snapshot and out of
    `quarantine restore`. One that cannot be read stops the start (StartupError, one line) rather than
    being set aside like links.json: a new, empty list would let every earlier deletion come back with
    the next restore, and its copy beside the snapshots would be overwritten by it at the next
    snapshot; while running, every /deleteme would fail. Only the operator can pick the right copy."""
    try:
        deletions.load(settings.data_dir)
    except deletions.DeletionListError as exc:
        mirror = deletions.path_of(settings.backups_path)
        if os.path.lexists(mirror):
            fix = (
                f"move it aside (keep it) and copy {mirror}, the list as of the last snapshot, into its "
                "place; users deleted after that snapshot are not in it, so restore no snapshot taken "
                "before their deletion"
            )
        else:
            fix = "move it aside (keep it) to start a new list; users deleted before then are not in it"
        raise StartupError(
            f"{exc.path} {exc.reason}: it keeps users who deleted their data out of restored backups, so "
            f"the bot does not start without it. With the bot stopped, {fix}"
        ) from None


def quarantine_main(settings: Settings, argv: list[str]) -> int:
    """``bot.py quarantine list`` | ``bot.py quarantine restore [--unverified] <file>``: the operator's
    tool for files set aside as damaged. `list` only reads and runs any time; `restore` runs only while
    the bot is stopped (it takes the data folder's lock)."""
    parser = argparse.ArgumentParser(prog="bot.py quarantine", description=quarantine_main.__doc__)
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("list", help="what is in DATA_DIR/quarantine (read-only; the bot may be running)")
    restore = sub.add_parser(
        "restore",
        help="merge what can be read back into the live data (bot stopped)",
        description="Merge what can be read back from a quarantined file into the live data (the bot "
        "must be stopped). Nothing of an account deleted with /deleteme is restored.",
    )
    restore.add_argument("file", help="a name from `quarantine list`")
    restore.add_argument(
        "--unverified",
        action="store_true",
        help="also restore a journal line that fails its checksum (any field of it may be wrong: check "
        "what it claims first); never into an account that has no file",
    )
    args = parser.parse_args(argv)
    if args.action == "list":
        found = quarantine.list_files(settings.data_dir)
        for item in found:
            print(item.describe())
        if not found:
            print(f"Nothing in {settings.data_dir / quarantine.QUARANTINE_DIR}.")
        return 0
    try:
        held = hold_data_dir(settings)
    except StartupError as exc:  # the bot is running, or the folder is unusable: one line, nothing touched
        print(f"Not restored: {exc}", file=sys.stderr)
        return 2
    with held:
        store = Store(settings.data_dir)
        try:
            print(quarantine.restore(store, args.file, unverified=args.unverified))
        except quarantine.RestoreError as exc:
            print(f"Not restored: {exc}", file=sys.stderr)
            return 1
        finally:
            store.close()
    return 0


def restore_main(settings: Settings, argv: list[str]) -> int:
    """``bot.py restore <snapshot>``: replace the data with a snapshot, the bot stopped."""
    parser = argparse.ArgumentParser(
        prog="bot.py restore",
        description="Replace DATA_DIR's data with a snapshot (the bot must be stopped). The current data "
        "is moved to BACKUP_DIR/pre-restore-<time>/, kept BACKUP_KEEP days; accounts deleted with /deleteme "
        "since the snapshot are deleted again.",
    )
    parser.add_argument("snapshot", help="a snapshot's name in BACKUP_DIR (e.g. 20261130T033000Z) or path")
    args = parser.parse_args(argv)
    try:
        held = hold_data_dir(settings)
    except StartupError as exc:  # the bot is running: one line, nothing touched
        print(f"Not restored: {exc}", file=sys.stderr)
        return 2
    with held:
        try:
            found = backup.find(settings.backups_path, args.snapshot)
            done = backup.restore(settings.data_dir, found, backup_dir=settings.backups_path, now=utc_now())
        except backup.BackupError as exc:
            print(f"Not restored: {exc}", file=sys.stderr)
            return 1
    print(
        f"{done.describe()} It is removed after {settings.backup_keep} day(s) (BACKUP_KEEP), as /deleteme "
        "tells users; copy it elsewhere first to keep it longer."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description="Glute coach: Telegram, Discord or a local console chat.")
    parser.add_argument(
        "--console", action="store_true", help="open the console chat even when tokens are set"
    )
    parser.add_argument("--data-dir", type=Path, help="where data is kept (default: DATA_DIR or ./data)")
    # Everything after "quarantine" or "restore" is that operator tool's (its own --help included).
    tools = {"quarantine": quarantine_main, "restore": restore_main}
    words = (i for i, a in enumerate(argv) if a in tools and argv[i - 1 : i] != ["--data-dir"])
    cut = next(words, len(argv))
    args = parser.parse_args(argv[:cut])
    rest = argv[cut:]
    # Everything this process creates (logs of sets, exports, charts, backups, quarantine) is its
    # owner's alone: on a shared host the umask would leave it readable by every user.
    os.umask(PRIVATE_UMASK)
    try:
        settings = Settings.from_env()
        if args.data_dir:
            settings = replace(settings, data_dir=args.data_dir)
        # (after --data-dir: where BACKUP_DIR may lie depends on the data folder)
        check_backup_dir(settings.data_dir, settings.backup_dir, create=False)
        if rest:
            return tools[rest[0]](settings, rest[1:])
        held = hold_data_dir(settings)
        try:  # made once the folder is ours, so a refused start creates nothing in a linked folder
            check_backup_dir(settings.data_dir, settings.backup_dir, create=True)
            refuse_unreadable_deletion_list(settings)
        except (SettingsError, StartupError):
            held.release()
            raise
    except (SettingsError, StartupError) as exc:
        print(f"Not starting: {exc}", file=sys.stderr)
        return 2
    console = args.console or not (settings.telegram_token or settings.discord_token)
    try:
        configure_logging(settings, console)
        return asyncio.run(serve(settings, force_console=args.console))
    except ContentError as exc:
        print(f"Content error, not starting: {exc}", file=sys.stderr)
        return 2
    except StartupError as exc:
        print(f"Not starting: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    finally:
        held.release()


if __name__ == "__main__":
    sys.exit(main())

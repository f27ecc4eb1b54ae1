"""One way in for every command, typed or clicked: resolve, parse, run, and never let an error out."""

from __future__ import annotations

import difflib
import logging
import re
import time
from dataclasses import dataclass, replace

from core.buttons import bind_replies, origin
from core.context import Context
from core.jobs import JobBusy
from core.limits import is_write
from core.markup import count, esc, visible
from core.messages import Reply, Request
from core.registry import (
    ArgError,
    Checked,
    ChoiceError,
    Command,
    Registry,
    check_bounds,
    compose_text,
    parse_text,
)
from storage.layout import NewerSchemaError
from storage.pushes import pending_pushes

log = logging.getLogger(__name__)

_COMMAND_LINE = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+(.*))?$", re.S)


@dataclass(frozen=True)
class CommandLine:
    name: str
    text: str
    bot: str  # the @bot suffix, "" if none


def parse_command_line(line: str) -> CommandLine | None:
    """``"/log@CoachBot hip thrust 3x10"`` → ("log", "hip thrust 3x10", "CoachBot"); None if no command."""
    m = _COMMAND_LINE.match(line.strip())
    if not m:
        return None
    return CommandLine(m.group(1).lower(), (m.group(3) or "").strip(), m.group(2) or "")


_TYPED_NAME = re.compile(r"[\w-]{1,40}")
_SAID_BACK = 100  # characters of a line without its slash said back with one ("Did you mean /log …?")


def unreadable_command(line: str, registry: Registry) -> Reply | None:
    """The answer to a line that is no command as typed: one that starts with a slash ("/ log_confirm …",
    "/log-confirm …", an invisible character inside the name) gets the known command nearest by name,
    never a button-only one; one without it whose first word is a command's name ("log hip thrust 3x10
    80kg") gets the line with the slash. None for any other line: each platform says commands start
    with a slash."""
    rest = visible(line).strip()
    if not rest.startswith("/"):
        return _slash_left_out(rest, registry)
    typed = _TYPED_NAME.match(rest[1:].lstrip())
    near = _nearest_command(typed.group(), registry) if typed else None
    if near is None:
        return Reply("I don't know that command. Send /help for the list of commands.")
    return Reply(f"I don't know that command — did you mean /{near}?")


def _slash_left_out(line: str, registry: Registry) -> Reply | None:
    """ "Did you mean /log hip thrust 3x10 80kg?" for a line whose first word is a visible command's name
    as it is (a word one letter off one is ordinary chat as often: no guess); a line too long to say back
    gets the command alone. None otherwise."""
    words = line.split()
    name = words[0].lower() if words else ""
    if name not in {c.name for c in registry.visible()}:
        return None
    said = " ".join([f"/{name}", *words[1:]])
    if len(said) > _SAID_BACK:
        return Reply(f"Did you mean /{name}? Commands start with a slash: send the line again with one.")
    return Reply(f"Did you mean {esc(said)}? Commands start with a slash.")


_NAME_READ = 40  # characters of a typed command name compared (names are at most 32)


def _nearest_command(typed: str, registry: Registry) -> str | None:
    """The visible command ``typed`` means: itself ("log-confirm" reads "log_confirm"), its first word
    ("delete_confirm" → delete, not the closer-spelt deleteme), else the one it misspells by one letter,
    extra, missing, swapped or wrong ("/logg", "/lgo", "/histroy"); None for a word that only looks like
    a command ("/dance", "/hist"). Button-only commands are never suggested."""
    names = [c.name for c in registry.visible()]
    word = typed[:_NAME_READ].lower().replace("-", "_")
    head = word.split("_", 1)[0]
    for candidate in (word, head):
        if candidate in names:
            return candidate
    for candidate in (word, head):
        for name in difflib.get_close_matches(candidate, names, n=3, cutoff=0.6):
            # One letter off: all but one letter of the longer name line up with the other.
            same = sum(b.size for b in difflib.SequenceMatcher(None, candidate, name).get_matching_blocks())
            if same >= max(len(candidate), len(name)) - 1:
                return name
    return None


def _known_as(command: Command, registry: Registry) -> Command:
    """The command the user knows ``command`` by: a button-only one's ``usage`` names the command that
    offers it (an answer to /edit's question runs /edit_entry), whose name and full example a refusal
    gives, never the bare "/edit" or a name the user never typed."""
    if not command.hidden or not command.usage:
        return command
    offered = registry.get(command.usage.split()[0].removeprefix("/"))
    return offered if offered is not None and not offered.hidden else command


def usage_reply(command: Command, error: ArgError) -> Reply:
    problem = str(error)
    if isinstance(error, ChoiceError):
        return Reply(esc(problem))  # a whole sentence with its own example
    problem = problem[:1].upper() + problem[1:]  # "exercise is missing" starts a sentence
    return Reply(f"{esc(problem)}. For example: {esc(command.example)}")


SORRY = "Sorry, something went wrong on my side and nothing was changed. Please try again."
SORRY_MAYBE_SAVED = (
    "Sorry, something went wrong on my side, and part of it may have been saved: check /history "
    "before you try again, so nothing is logged twice."
)
NEWER_DATA_REPLY = (
    "Your data was written by a newer version of this bot, so this one cannot read it; nothing was "
    "changed. It is kept as it is: the operator needs to upgrade the bot."
)


async def dispatch(request: Request, ctx: Context) -> list[Reply]:
    """Run a request through its handler; always returns at least one reply."""
    started = time.perf_counter()
    with ctx.conversation.command():  # background work (the reminder fan-out) waits for it to end
        replies = await _answer(request, ctx)
    # The label is the registry's name, never what was typed: an unknown command is just "unknown".
    name = request.command if ctx.registry.get(request.command) is not None else "unknown"
    ctx.metrics.answered(name, request.target.platform, time.perf_counter() - started)
    return replies


async def _answer(request: Request, ctx: Context) -> list[Reply]:
    command = ctx.registry.get(request.command)
    if command is None:
        near = _nearest_command(request.command, ctx.registry)
        if near is not None:
            return [
                Reply(
                    f"I don't know /{esc(request.command[:40])}. Did you mean /{near}? Send /help for the "
                    "list of commands."
                )
            ]
        return [
            Reply(
                f"I don't know /{esc(request.command[:40])}. Send /help for the list of commands, "
                "for example /explain hip thrust."
            )
        ]
    if command.hidden and not request.via_button:
        # Button-only (a confirmation, "activation done"): typed or replayed, it must do nothing.
        return [
            Reply(
                f"That only works from its button. Send {esc(origin(ctx.registry, command.name))} "
                "to start again."
            )
        ]
    # What the user typed, without invisible characters (`visible`): a pasted right-to-left mark made
    # "UTC+5:30" no timezone, and a NUL was echoed back.
    text = visible(request.text)
    args = {k: visible(v) if isinstance(v, str) else v for k, v in request.args.items()}
    try:
        check_bounds(command, text, args, _known_as(command, ctx.registry).name)
        if args and not text:
            text = compose_text(command, args)
        elif text and not args and not command.free_text:
            args = parse_text(command, text)
        elif not text and not args and any(p.required for p in command.params) and command.check is None:
            # (A command with a check says what it takes itself, e.g. /remind alone.)
            missing = next(p for p in command.params if p.required)
            raise ArgError(f"{missing.name} is missing")
    except ArgError as exc:
        return [_private_if(command, request, usage_reply(_known_as(command, ctx.registry), exc))]

    logged: int | None = None
    try:
        account = request.account or ctx.store.account_of(request.user)
        request = replace(request, text=text, args=args, account=account)
        checked = await command.check(request, ctx) if command.check is not None else None
        if isinstance(checked, Checked):
            request, checked = replace(request, checked=checked.value), None
        metered = checked is None and _metered(command, request)  # a write taken before it runs
        refused = _over_write_limit(command, request, ctx) if metered else None
        if refused is not None:
            return [_private_if(command, request, refused)]
        written, logged = ctx.store.writes_handed_over, ctx.store.log_changes
        changes = _changes(ctx) if metered else None  # read only for a metered run: every command passes here
        try:
            result = checked if checked is not None else await command.handler(request, ctx)
        finally:
            if metered and _changes(ctx) == changes:
                ctx.limits.writes.refund(request.account, ctx.clock())  # it changed nothing
        # Acknowledge only what is on disk: writes are made durable off the loop, awaited here. A
        # command that wrote nothing (and ran while nothing else wrote) does not queue behind other
        # users' fsyncs: /explain in a busy minute of /log answered ~9% slower for that wait alone.
        if ctx.store.writes_handed_over != written:
            await ctx.store.flush()
        replies = [result] if isinstance(result, Reply) else list(result)
        notice = _resume_notice(request, ctx)
        if notice:
            replies.insert(0, notice)
        damage = ctx.store.take_damage_notice(account)  # data set aside while this ran (or earlier)
        if damage:
            replies.insert(0, Reply(damage).with_private(request.in_group))
    except ArgError as exc:
        replies = [usage_reply(_known_as(command, ctx.registry), exc)]
    except JobBusy as busy:
        replies = [Reply(esc(busy.reply))]
    except NewerSchemaError:
        # Not damage: kept as it is for the newer release, and this user is told why, not "Sorry".
        log.warning("/%s: the account's data was written by a newer version", command.name)
        replies = [Reply(NEWER_DATA_REPLY)]
    except Exception as exc:
        # The trace goes to the log, never to the chat. "Nothing was changed" is what services make
        # true (they undo a half-done change), except a set logged, edited or removed meanwhile: that
        # is made durable, so it must not be denied (nor logged twice). A failed write (OSError) was
        # taken back. (Another user's /log meanwhile only makes the reply more careful.)
        log.exception("/%s failed", command.name)
        wrote = logged is not None and ctx.store.log_changes != logged and not isinstance(exc, OSError)
        replies = [Reply(SORRY_MAYBE_SAVED if wrote else SORRY)]
    if not replies:
        replies = [Reply("Done.")]
    replies = [_private_if(command, request, r) for r in replies]
    try:
        return bind_replies(replies, request, ctx)
    except Exception:
        # The answer matters more than its buttons: send it without them.
        log.exception("storing the buttons of /%s failed", command.name)
        return [replace(r, buttons=()) for r in replies]


def _metered(command: Command, request: Request) -> bool:
    """Whether the write limit counts this run: a writing command, sent as a change ("/recap" alone is a
    read and spends no write budget)."""
    return command.writes and is_write(command.name, request.text, request.args)


def _over_write_limit(command: Command, request: Request, ctx: Context) -> Reply | None:
    """The refusal when a metered command comes faster than any lifter logs; None when it may run.

    The write is taken before the handler runs, so a flood is cut off even while its handlers await,
    and given back after it when nothing changed (see `_changes`)."""
    if ctx.limits.writes.allow(request.account, ctx.clock()):
        return None
    if command.name == "log":
        return Reply("You're logging faster than anyone trains: wait a minute and try again.")
    return Reply("That's a lot of changes in a short time: wait a minute and try again.")


def _changes(ctx: Context) -> tuple[int, int]:
    """Counters of every change to stored data (files, links, the journal; timers and settings of
    pushes): equal around a command, it changed nothing. Another user's change meanwhile only makes a
    command pay as if it had changed something, never the other way round."""
    return ctx.store.changes, pending_pushes(ctx.store).changes


def _private_if(command: Command, request: Request, reply: Reply) -> Reply:
    if command.personal and request.in_group and not reply.private:
        return reply.with_private()
    return reply


# How to let the bot reach you privately, per platform (the private chat / DMs reminders go to).
_OPEN_PRIVATE = {
    "telegram": "open a private chat with me and press Start",
    # Discord refuses a bot's DM to a user it shares no server with (a user install shares none), so
    # the way back is a command in the DM with the bot, which works without any shared server.
    "discord": "open our DM (click my name → Message) and send me a command there, e.g. /plan "
    "(in a server we share, also allow direct messages from its members: Server name → Privacy Settings)",
}


def _resume_notice(request: Request, ctx: Context) -> Reply | None:
    """Reminders paused because the user's private chat could not be reached: resume them once the user
    writes to us privately (so we can reach them); written from a group, tell them once how to fix it."""
    if not request.account:
        return None
    if request.in_group:
        paused = ctx.reminders.unreachable(request.account)
        if not paused:
            return None
        how = _OPEN_PRIVATE.get(request.target.platform, "write to me in a private chat")
        schedules = count(paused, "reminder schedule is", "reminder schedules are")
        return Reply(
            f"I couldn't reach you in a private chat, so {schedules} paused "
            f"(reminders are personal: I never post them here). To get them back, {how}; "
            "they resume as soon as you write to me there."
        )
    resumed = ctx.reminders.resume_paused(request.account)
    if not resumed:
        return None
    return Reply(
        f"I couldn't reach you earlier, so {count(len(resumed), 'reminder schedule was', 'reminder schedules were')}"
        f" paused. {'It is' if len(resumed) == 1 else 'They are'} back on now; see /reminders."
    )

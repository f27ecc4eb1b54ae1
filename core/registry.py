"""Commands declared once: name, help line, typed parameters, handler.

Adapters publish menus and slash commands from this; the console and Telegram parse the text after a
command with `parse_text`; Discord turns typed options back into the same text with `compose_text`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.context import Context

from core.messages import Reply, Request

Handler = Callable[[Request, "Context"], Awaitable[Reply | list[Reply]]]


@dataclass(frozen=True)
class Checked:
    """A check's go-ahead with what it worked out: the handler finds ``value`` as ``request.checked``."""

    value: object


# What a writing command answers without changing anything (bad input, a read); None or `Checked`:
# run the handler.
Check = Callable[[Request, "Context"], Awaitable["Reply | Checked | None"]]
NAME_RE = re.compile(r"^[a-z0-9_]{1,32}$")
# Telegram's own limit for a message; anything longer is refused before any parsing.
MAX_COMMAND_TEXT = 4096


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    CHOICE = "choice"
    EXERCISE = "exercise"  # text, autocompleted from the library
    TIMEZONE = "timezone"  # text, autocompleted from IANA zones
    # A file (Discord: an attachment option; the adapter downloads it into `Request.attachment`);
    # typed text (the console's /import <path>) reaches the handler as the command's text.
    ATTACHMENT = "attachment"


# How long a value of each kind may be before it is parsed: enough for anything real, little enough
# that int() and fuzzy matching stay cheap (an exercise name is at most ~40 characters, a timezone 32).
MAX_LENGTH: dict[Kind, int] = {
    Kind.TEXT: 100,
    Kind.INTEGER: 6,
    Kind.NUMBER: 12,
    Kind.CHOICE: 32,
    Kind.EXERCISE: 120,  # an app's name as imported, typed in full (kept cut to 60 on our side)
    Kind.TIMEZONE: 64,
    Kind.ATTACHMENT: 1000,
}


@dataclass(frozen=True)
class Param:
    name: str
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    # How the value is written back into command text (Discord → text): "{}" or e.g. "gap {}m".
    template: str = "{}"
    # On CHOICE the only accepted values; on TEXT only suggestions (Discord shows them as choices),
    # the handler resolves loose spellings itself.
    min_value: float | None = None
    max_value: float | None = None
    # Characters accepted before parsing; 0 = the default for the kind (`MAX_LENGTH`).
    max_length: int = 0

    @property
    def limit(self) -> int:
        return self.max_length or MAX_LENGTH[self.kind]


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    handler: Handler
    params: tuple[Param, ...] = ()
    usage: str = ""  # e.g. "/log hip thrust 3x10 80kg"
    personal: bool = False  # shows personal data: private in groups/servers
    hidden: bool = False  # button-only commands, not in menus
    slow: bool = False  # may take over 2 s (Discord defers first)
    # The handler parses ``request.text`` itself (people type sets and schedules freely); typed options
    # from Discord are composed into that text instead of the text being split into options.
    free_text: bool = False
    # Commands without parameters refuse extra words (so "/undo 5" can't silently undo the last entry);
    # /start tolerates them because Telegram deep links append a payload.
    extra_text_ok: bool = False
    # Changes stored data (/log, /undo, /remind, settings, /link …): counted by the per-user write limit.
    # A spent budget refuses it before it runs; a run that changed nothing (a refused line, nothing to
    # undo or delete) is given its write back, so it costs the lifter none of their changes.
    writes: bool = False
    # Run before the write limit is charged: its reply (bad input, a read) is the answer and costs
    # nothing, so a typo is answered with what would work even when the budget is spent.
    check: Check | None = None
    # The longest text the handler reads (/log's and /edit's line: the parser's own limit), so the
    # refusal names that one limit; 0: every parameter at its limit.
    text_limit: int = 0

    def __post_init__(self) -> None:
        if not NAME_RE.match(self.name):
            raise ValueError(f"invalid command name {self.name!r}")
        if not 1 <= len(self.description) <= 100:
            raise ValueError(f"/{self.name}: description must be 1-100 characters")
        for p in self.params:
            if not NAME_RE.match(p.name):
                raise ValueError(f"/{self.name}: invalid parameter name {p.name!r}")

    @property
    def example(self) -> str:
        return self.usage or f"/{self.name}"

    @cached_property
    def max_text(self) -> int:
        """The longest argument text worth parsing: every parameter at its limit, one space between."""
        if not self.params:
            return 64 if self.extra_text_ok else 0  # e.g. a Telegram deep-link payload
        if self.text_limit:
            return self.text_limit
        return sum(p.limit + 1 for p in self.params)


class ArgError(ValueError):
    """A command's arguments could not be understood; the message is shown to the user."""


class ChoiceError(ArgError):
    """A word outside a fixed set. The message is a whole sentence with its own example (the command's
    usage may not show this parameter), so it is shown as it is, without the usual "For example:"."""


def _or_words(words: Iterable[str]) -> str:
    """``("on", "off")`` → "on or off"; three or more: "beginner, intermediate or advanced"."""
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _choice_error(command: Command, param: Param) -> ChoiceError:
    """ "Nudges can be on or off — for example /nudges off.": what is expected, in the user's words.

    A lifter reads "State should be one of: on, off" as the bot's insides; the command names the thing
    when the choice is its only parameter (/nudges, /units, /level), else the parameter does.
    """
    subject = command.name if len(command.params) == 1 else param.name.replace("_", " ")
    # The usage is the example when it shows one of the words; else, for a first parameter, the
    # command with its first word (a later one needs the words before it: the usage is all there is).
    shown = set(command.example.lower().split())
    example = command.example
    if not shown & set(param.choices) and command.params[0] is param:
        example = f"/{command.name} {param.choices[0]}"
    return ChoiceError(f"{subject.capitalize()} can be {_or_words(param.choices)} — for example {example}.")


@dataclass
class Registry:
    commands: dict[str, Command] = field(default_factory=dict)

    def add(self, command: Command) -> None:
        if command.name in self.commands:
            raise ValueError(f"/{command.name} declared twice")
        self.commands[command.name] = command

    def get(self, name: str) -> Command | None:
        return self.commands.get(name.lower())

    def visible(self) -> Iterable[Command]:
        return (c for c in self.commands.values() if not c.hidden)

    def __iter__(self):
        return iter(self.commands.values())


def check_length(param: Param, raw: str) -> None:
    """Refuse a value longer than its parameter allows, before anything parses it."""
    if len(raw) > param.limit:
        raise ArgError(f"{param.name} is too long (at most {param.limit} characters)")


def check_bounds(command: Command, text: str, args: dict[str, Any], name: str = "") -> None:
    """Every argument within its bounds, whichever form it came in (typed text or Discord options).
    ``name``: the command as the user knows it, when not ``command``'s own (a button-only command)."""
    name = name or command.name
    if len(text) > command.max_text and len(text := text.strip()) > command.max_text:
        if len(text) > MAX_COMMAND_TEXT:
            raise ArgError(
                f"That is too long: {len(text):,} characters, and a command fits in {MAX_COMMAND_TEXT:,}"
            )
        if not command.params:
            raise ArgError(f"/{name} takes no arguments")
        raise ArgError(f"That is too long for /{name} (at most {command.max_text} characters)")
    if args:
        for param in command.params:
            value = args.get(param.name)
            if isinstance(value, str):
                check_length(param, value.strip())


def _convert(command: Command, param: Param, raw: str) -> Any:
    raw = raw.strip()
    check_length(param, raw)
    if param.kind is Kind.INTEGER:
        try:
            value: Any = int(raw.removeprefix("#"))  # "#12", as /history and /reminders number things
        except ValueError:
            raise ArgError(f"{param.name} should be a whole number") from None
    elif param.kind is Kind.NUMBER:
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            raise ArgError(f"{param.name} should be a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ArgError(f"{param.name} should be a number")
    elif param.kind is Kind.CHOICE:
        value = raw.lower()
        if value not in param.choices:
            raise _choice_error(command, param)
        return value
    else:
        return raw
    if param.min_value is not None and value < param.min_value:
        raise ArgError(f"{param.name} should be at least {param.min_value:g}")
    if param.max_value is not None and value > param.max_value:
        raise ArgError(f"{param.name} should be at most {param.max_value:g}")
    return value


def parse_text(command: Command, text: str) -> dict[str, Any]:
    """Typed arguments from the text after a command: one word per parameter, the last takes the rest."""
    text = text.strip()
    params = command.params
    if not params:
        if text and not command.extra_text_ok:
            raise ArgError(f"/{command.name} takes no arguments")
        return {}
    words = text.split(maxsplit=len(params) - 1) if text else []
    args: dict[str, Any] = {}
    for param, word in zip(params, words, strict=False):
        args[param.name] = _convert(command, param, word)
    for param in params[len(words) :]:
        if param.required:
            raise ArgError(f"{param.name} is missing")
    return args


def compose_text(command: Command, args: dict[str, Any]) -> str:
    """The command text equivalent to typed arguments (Discord options → the shared text parser)."""
    parts = []
    for param in command.params:
        if param.kind is Kind.ATTACHMENT:
            continue  # a file, not text: the adapter put it in `Request.attachment`
        value = args.get(param.name)
        if value is None or value == "":
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        parts.append(param.template.format(value))
    return " ".join(parts)

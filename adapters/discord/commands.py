"""The command registry → discord.py application commands, built at run time (no hand-written functions).

Each visible registry command becomes an `app_commands.Command` whose callback carries a synthetic
signature: one typed parameter per registry `Param` (``p0``, ``p1``… renamed to the registry names), so
discord.py itself produces the option JSON (type, description, required, choices, min/max, autocomplete)
and converts the values it receives. The callback hands the typed values, keyed by registry name, to the
adapter, which dispatches them through the core.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from typing import Any, Optional

import discord
from discord import app_commands

from coaching.timezones import complete_timezones
from core.context import Context
from core.registry import Command, Kind, Param, Registry
from domain.identity import user_key
from handlers.autocomplete import exercise_choices

log = logging.getLogger(__name__)

DESCRIPTION_LIMIT = 100
CHOICES_LIMIT = 25
CHOICE_TEXT_LIMIT = 100
PLATFORM = "discord"

# (interaction, registry command, typed args by registry param name) → None
Runner = Callable[[discord.Interaction, Command, dict[str, Any]], Awaitable[None]]
# (the user's key, what they typed so far) → suggestions, best first
Completer = Callable[[str, str], Iterable[Any]]
ExerciseCompleter = Callable[[str, str, str], Iterable[Any]]  # (user, typed, command)


def _desc(text: str) -> str:
    text = " ".join(text.split()) or "…"
    return text if len(text) <= DESCRIPTION_LIMIT else text[: DESCRIPTION_LIMIT - 1] + "…"


def _bound(value: float | None, integer: bool) -> float | int | None:
    if value is None:
        return None
    return int(value) if integer else float(value)


def _annotation(param: Param) -> Any:
    if param.kind is Kind.INTEGER:
        lo, hi = _bound(param.min_value, True), _bound(param.max_value, True)
        base: Any = app_commands.Range[int, lo, hi] if (lo is not None or hi is not None) else int
    elif param.kind is Kind.NUMBER:
        lo, hi = _bound(param.min_value, False), _bound(param.max_value, False)
        base = app_commands.Range[float, lo, hi] if (lo is not None or hi is not None) else float
    elif param.kind is Kind.ATTACHMENT:
        base = discord.Attachment  # a file option; the adapter downloads it (Attachment.read)
    else:
        base = str
    return base if param.required else Optional[base]  # noqa: UP045 - discord.py resolves typing.Optional


def _choices(param: Param) -> list[app_commands.Choice[str]]:
    if param.kind not in (Kind.CHOICE, Kind.TEXT) or not param.choices:
        return []
    return [
        app_commands.Choice(name=c[:CHOICE_TEXT_LIMIT], value=c[:CHOICE_TEXT_LIMIT]) for c in param.choices
    ][:CHOICES_LIMIT]


def to_choices(items: Iterable[Any], limit: int = CHOICES_LIMIT) -> list[app_commands.Choice[str]]:
    """Suggestions (strings, (label, value) pairs or objects with ``name``/``value``) → ≤25 choices."""
    out: list[app_commands.Choice[str]] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, str):
            label = value = item
        elif isinstance(item, tuple | list) and item:
            label, value = str(item[0]), str(item[-1])
        else:
            label = str(getattr(item, "name", item))
            value = str(getattr(item, "value", label))
        label, value = label[:CHOICE_TEXT_LIMIT], value[:CHOICE_TEXT_LIMIT]
        if not label or value in seen:
            continue
        seen.add(value)
        out.append(app_commands.Choice(name=label, value=value))
        if len(out) >= limit:
            break
    return out


def exercise_completer(ctx: Context) -> ExerciseCompleter:
    """The user's own exercises, then the library's, as the command takes them (`handlers.autocomplete`)."""
    return lambda user, typed, command: exercise_choices(ctx, user, typed, CHOICES_LIMIT, command)


def timezone_completer() -> Completer:
    return lambda _user, prefix: complete_timezones(prefix, limit=CHOICES_LIMIT)


def _for_command(completer: ExerciseCompleter, command: str, user: str, typed: str) -> Iterable[Any]:
    return completer(user, typed, command)


def _autocomplete(completer: Completer) -> Callable[..., Awaitable[list[app_commands.Choice[str]]]]:
    async def autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        try:
            return to_choices(completer(user_key(PLATFORM, interaction.user.id), current or ""))
        except Exception:
            log.exception("autocomplete failed")
            return []

    return autocomplete


def build_command(
    command: Command,
    run: Runner,
    *,
    exercises: ExerciseCompleter | None = None,
    timezones: Completer | None = None,
) -> app_commands.Command:
    """One registry command as a slash command with real typed options."""
    names = {f"p{i}": p.name for i, p in enumerate(command.params)}

    async def callback(interaction: discord.Interaction, **kwargs: Any) -> None:
        args = {names[k]: v for k, v in kwargs.items() if v is not None and v != ""}
        await run(interaction, command, args)

    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    descriptions: dict[str, str] = {}
    choices: dict[str, list[app_commands.Choice[str]]] = {}
    autocompletes: dict[str, Any] = {}
    for i, param in enumerate(command.params):
        key = f"p{i}"
        parameters.append(
            inspect.Parameter(
                key,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_annotation(param),
                default=inspect.Parameter.empty if param.required else None,
            )
        )
        descriptions[key] = _desc(param.description)
        if param_choices := _choices(param):
            choices[key] = param_choices
        elif param.kind is Kind.EXERCISE and exercises is not None:
            autocompletes[key] = _autocomplete(partial(_for_command, exercises, command.name))
        elif param.kind is Kind.TIMEZONE and timezones is not None:
            autocompletes[key] = _autocomplete(timezones)

    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__name__ = callback.__qualname__ = f"slash_{command.name}"
    fn: Any = callback
    if names:
        fn = app_commands.rename(**names)(fn)
        fn = app_commands.describe(**descriptions)(fn)
    if choices:
        fn = app_commands.choices(**choices)(fn)
    if autocompletes:
        fn = app_commands.autocomplete(**autocompletes)(fn)
    return app_commands.Command(
        name=command.name,
        description=_desc(command.description),
        callback=fn,
        extras={"registry": command.name},
    )


def build_commands(
    registry: Registry,
    run: Runner,
    *,
    exercises: ExerciseCompleter | None = None,
    timezones: Completer | None = None,
) -> list[app_commands.Command]:
    """Every visible registry command; hidden ones are reached only through buttons."""
    return [build_command(c, run, exercises=exercises, timezones=timezones) for c in registry.visible()]

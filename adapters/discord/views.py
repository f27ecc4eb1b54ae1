"""Persistent buttons: the custom_id carries the button's command line, so a click works after a restart.

custom_id = ``gc<n>:<owner>:<command>``: ``n`` keeps ids unique within one message when two buttons run
the same command, ``owner`` is the Discord user id the buttons belong to ("" = anyone) and ``command``
the registry command line (at most 64 bytes, so the id stays under Discord's 100 characters).
The buttons are `DynamicItem`s registered once on the client: no per-message state, no timeout.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import discord

from adapters.discord.render import LABEL_LIMIT, to_json
from core.messages import Button

CUSTOM_ID_LIMIT = 100
TEMPLATE = re.compile(r"gc(?P<n>\d*):(?P<owner>\d*):(?P<cmd>[^\n]+)")


def make_custom_id(command: str, owner: str | int | None = None, n: int = 0) -> str:
    custom_id = f"gc{n or ''}:{owner or ''}:{command}"
    if len(custom_id) > CUSTOM_ID_LIMIT:
        raise ValueError(f"custom_id over {CUSTOM_ID_LIMIT} characters: {custom_id!r}")
    return custom_id


def parse_custom_id(custom_id: str) -> tuple[str, str] | None:
    """(command line, owner) from a custom_id, None if it is not one of ours."""
    m = TEMPLATE.fullmatch(custom_id)
    if not m:
        return None
    return m.group("cmd"), m.group("owner")


def _style(command: str) -> discord.ButtonStyle:
    name = command.lstrip("/").split(maxsplit=1)[0] if command.strip() else ""
    if name.endswith("_confirm") or name == "deleteme_confirm":
        return discord.ButtonStyle.danger
    if name in ("lift_now",):
        return discord.ButtonStyle.success
    return discord.ButtonStyle.secondary


class CommandButton(discord.ui.DynamicItem[discord.ui.Button], template=TEMPLATE):
    """A button that runs a command line through the core dispatcher when clicked."""

    def __init__(
        self, label: str, command: str, owner: str = "", n: int = 0, *, row: int | None = None
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=(label or command)[:LABEL_LIMIT],
                custom_id=make_custom_id(command, owner, n),
                style=_style(command),
                row=row,
            )
        )
        self.command = command
        self.owner = owner

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> CommandButton:
        return cls(item.label or "", match.group("cmd"), match.group("owner"), int(match.group("n") or 0))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        handler = getattr(interaction.client, "on_command_button", None)
        if handler is not None:
            await handler(interaction, self.command, self.owner)


class ButtonsView(discord.ui.View):
    """The buttons of a message, as sent: a template, never listened to.

    Clicks are not routed through it: `CommandButton` is registered once on the client
    (``add_dynamic_items``), and discord.py rebuilds the clicked item from the message's custom_id, the
    same way before and after a restart. So this view reports itself finished and not dispatchable, and
    discord.py neither files it in its ViewStore per message (entries it would keep for good) nor starts
    a 15-minute timeout task for every ephemeral message. One instance serves every message with the
    same buttons and owner (`build_view` caches them), and its components are rendered once.
    """

    def __init__(self) -> None:
        super().__init__(timeout=None)
        self._components: list[dict[str, Any]] | None = None
        self._components_json: str | None = None

    def is_finished(self) -> bool:
        return True

    def is_dispatchable(self) -> bool:
        return False

    def to_components(self) -> list[dict[str, Any]]:
        # discord.py only serialises the list; it is never changed once built
        if self._components is None:
            self._components = super().to_components()
        return self._components

    def components_json(self) -> str:
        """`to_components` as JSON, encoded once (the adapter's interaction responses embed it)."""
        if self._components_json is None:
            self._components_json = to_json(self.to_components())
        return self._components_json


def build_view(rows: tuple[tuple[Button, ...], ...], owner: str | int | None = None) -> ButtonsView | None:
    """A timeout-free view of command buttons (rows already within 5×5), or None without buttons.
    Shared: the same rows and owner give the same (never modified) view."""
    if not rows:
        return None
    try:
        return _cached_view(rows, str(owner or ""))
    except TypeError:  # something unhashable in a button: build it uncached
        return _new_view(rows, str(owner or ""))


def _new_view(rows: tuple[tuple[Button, ...], ...], owner: str) -> ButtonsView | None:
    view = ButtonsView()
    seen: dict[str, int] = {}
    for r, row in enumerate(rows):
        for button in row:
            n = seen.get(button.command, 0)
            seen[button.command] = n + 1
            try:
                item = CommandButton(button.label, button.command, owner, n, row=r)
            except ValueError:
                continue  # cannot happen with ≤64-byte commands; never fail a whole message over it
            view.add_item(item)
    return view if view.children else None


_cached_view = functools.lru_cache(maxsize=2048)(_new_view)

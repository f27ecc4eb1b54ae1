"""Persistent buttons: the custom_id carries a pending action's id, so a click works after a restart.

custom_id = ``gca:<action id>``: the id of the pending action the button was bound to
(core/buttons.py, storage/actions.py). Who may press it, where, until when and what it does live on the
server; the id alone grants nothing. The buttons are `discord.ui.DynamicItem`s whose template matches
that id, registered once on the client (``add_dynamic_items``): discord.py rebuilds the clicked item
from the custom_id the same way before and after a restart, with no per-message state and no timeout.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from adapters.discord.render import LABEL_LIMIT
from core.messages import Button, ButtonStyle

CUSTOM_ID_PREFIX = "gca:"
TEMPLATE = re.compile(r"gca:(?P<action>[0-9a-f]{17})")

_STYLES: dict[ButtonStyle, discord.ButtonStyle] = {
    "primary": discord.ButtonStyle.primary,
    "secondary": discord.ButtonStyle.secondary,
    "success": discord.ButtonStyle.success,
    "danger": discord.ButtonStyle.danger,
}


def make_custom_id(action: str) -> str:
    return f"{CUSTOM_ID_PREFIX}{action}"


def parse_custom_id(custom_id: str) -> str | None:
    """The pending action id in a custom_id, None if it is not one of ours."""
    m = TEMPLATE.fullmatch(custom_id)
    return m.group("action") if m else None


class ActionButton(discord.ui.DynamicItem[discord.ui.Button], template=TEMPLATE):
    """A button that presses its pending action through the client's ``on_action_button``."""

    def __init__(
        self,
        action: str,
        label: str = "",
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        *,
        row: int | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:LABEL_LIMIT] or "…", custom_id=make_custom_id(action), style=style, row=row
            )
        )
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> ActionButton:
        return cls(match.group("action"), item.label or "", item.style)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        handler = getattr(interaction.client, "on_action_button", None)
        if handler is not None:
            await handler(interaction, self.action)


def build_view(
    rows: tuple[tuple[Button, ...], ...], owner: str | int | None = None
) -> discord.ui.View | None:
    """A view of the bound buttons in ``rows`` (already within 5×5), or None if there are none.
    ``owner`` is no longer used (a pending action knows whose it is); kept for the callers.

    The view is stopped before it is sent, so discord.py files nothing per message (no view store
    entry, no 15-minute timeout task for an ephemeral one): a press is matched by its custom_id to
    `ActionButton`, registered once on the client, the same way before and after a restart. So the
    buttons sent are plain `discord.ui.Button`s with that custom_id; building a `DynamicItem` around each
    one would only be thrown away."""
    del owner
    view = discord.ui.View(timeout=None)
    for r, row in enumerate(rows):
        for button in row:
            if button.action:  # a button not bound to a pending action is not sent
                view.add_item(
                    discord.ui.Button(
                        label=button.label[:LABEL_LIMIT] or "…",
                        custom_id=make_custom_id(button.action),
                        style=_STYLES[button.style],
                        row=r,
                    )
                )
    if not view.children:
        return None
    view.stop()
    return view


# -- questions (core.messages.Ask) as modals ------------------------------------------------------------

QUESTION_PREFIX = "gcq:"
QUESTION_TEMPLATE = re.compile(r"gcq:(?P<action>[0-9a-f]{17})")
ANSWER_ID = "answer"
MODAL_TEXT_LIMIT = 45  # a modal's title and a text field's label
PLACEHOLDER_LIMIT = 100
ANSWER_LIMIT = 400


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def parse_question_id(custom_id: str) -> str | None:
    """The pending action id of a question modal's custom_id, None if it is not one of ours."""
    m = QUESTION_TEMPLATE.fullmatch(custom_id)
    return m.group("action") if m else None


class QuestionModal(discord.ui.Modal):
    """One text field asking a question; custom_id = ``gcq:<action id>`` of the question's pending
    action (core/buttons.py `bind_ask`).

    Stopped before it is sent, so discord.py does not keep it (`send_modal` stores only unfinished
    modals): the submission is handled by its custom_id from the client's ``on_interaction``, the same
    way before and after a restart, with no per-modal state and no timeout."""

    def __init__(self, action: str, *, title: str, label: str, placeholder: str) -> None:
        super().__init__(
            title=_fit(title or "Your answer", MODAL_TEXT_LIMIT), custom_id=f"{QUESTION_PREFIX}{action}"
        )
        self.add_item(
            discord.ui.TextInput(
                label=_fit(label, MODAL_TEXT_LIMIT),
                placeholder=_fit(placeholder, PLACEHOLDER_LIMIT) or None,
                custom_id=ANSWER_ID,
                max_length=ANSWER_LIMIT,
            )
        )
        self.stop()


def submitted_answer(data: Any) -> str | None:
    """The text typed into a question modal, from a MODAL_SUBMIT's ``data`` (rows of text inputs, or
    labels around one)."""
    stack = list(data.get("components", [])) if isinstance(data, dict) else []
    while stack:
        component = stack.pop()
        if not isinstance(component, dict):
            continue
        if component.get("custom_id") == ANSWER_ID and isinstance(component.get("value"), str):
            return component["value"]
        stack += component.get("components", [])
        if isinstance(component.get("component"), dict):
            stack.append(component["component"])
    return None

"""Replies as plain text for a terminal or a pipe."""

from __future__ import annotations

from core.markup import plain
from core.messages import Button, Reply


def render(reply: Reply) -> str:
    parts: list[str] = []
    if reply.title:
        title = plain(reply.title)
        parts.append(f"{title}\n{'=' * len(title)}")
    if reply.text:
        parts.append(plain(reply.text))
    for section in reply.sections:
        parts.append(f"{plain(section.name)}\n{plain(section.body)}")
    return "\n\n".join(parts)


def render_buttons(buttons: list[Button]) -> str:
    return "\n".join(f"  [{i}] {plain(b.label)}" for i, b in enumerate(buttons, 1))

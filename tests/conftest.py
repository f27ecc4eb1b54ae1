"""Shared fixtures: the real app (real TinyDB files in a temp dir, real content, real scheduler)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

from content.library import Library, load_library  # noqa: E402
from core.dispatch import dispatch, parse_command_line  # noqa: E402
from core.messages import Reply, Request, Target  # noqa: E402
from core.settings import Settings  # noqa: E402


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


class Clock:
    """A settable clock for handlers (logged dates, link-code expiry)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Chat:
    """One user talking to the real app through the same dispatch every adapter uses."""

    app: object
    user: str = "console:alice"
    chat: str = "alice"
    platform: str = "console"
    in_group: bool = False

    def request(self, command: str = "", text: str = "") -> Request:
        return Request(
            command=command,
            user=self.user,
            target=Target(self.platform, self.chat),
            text=text,
            display_name="Alice",
            in_group=self.in_group,
        )

    async def say(self, line: str) -> list[Reply]:
        parsed = parse_command_line(line)
        assert parsed is not None, line
        return await dispatch(self.request(parsed.name, parsed.text), self.app.ctx)  # type: ignore[attr-defined]

    async def press(self, reply: Reply, label: str) -> list[Reply]:
        """Press the button ``label`` under ``reply`` the way every adapter does; a refusal comes
        back as a reply with its text."""
        from core.buttons import claim_press

        [button] = [b for row in reply.buttons for b in row if b.label == label]
        press = claim_press(button.action, self.request(), self.app.ctx)  # type: ignore[attr-defined]
        if press.request is None:
            return [Reply(press.refusal)]
        return await dispatch(press.request, self.app.ctx)  # type: ignore[attr-defined]

    async def text(self, line: str) -> str:
        from adapters.console.render import render

        return "\n".join(render(r) for r in await self.say(line))


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))  # a Monday


@pytest.fixture
async def app(tmp_path: Path, library: Library, clock: Clock) -> AsyncIterator[object]:
    from bot import build_app, start_app, stop_app

    # One clock for handlers and the reminder check: tests move it and call the check, nothing sleeps.
    application = build_app(Settings(data_dir=tmp_path / "data"), library=library, clock=clock)
    await start_app(application)
    try:
        yield application
    finally:
        await stop_app(application)


@pytest.fixture
def chat(app: object) -> Chat:
    return Chat(app)

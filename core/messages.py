"""Frozen messages that cross the adapter boundary.

Adapters turn platform events into a `Request` and render a `Reply`; nothing here knows a platform.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Platform = Literal["console", "telegram", "discord"]


_USER_MARK = "@"  # between a shared channel and the user a target key names: "123@456"


@dataclass(frozen=True)
class Target:
    """Where a message goes: a chat on one platform. Serialises to ``"telegram:123"``."""

    platform: str
    chat_id: str

    def key(self) -> str:
        return f"{self.platform}:{self.chat_id}"

    @classmethod
    def parse(cls, key: str) -> Target:
        target = cls.unchecked(key)
        if not target.platform or not target.chat_id:
            raise ValueError(f"not a target key: {key!r}")
        return target

    @classmethod
    def unchecked(cls, key: str) -> Target:
        """The target a stored key names, read as it is: a part the key lacks is ``""`` (`parse` refuses
        such a key)."""
        platform, _, chat_id = key.partition(":")
        return cls(platform, chat_id)

    # A user's own view of a shared channel is keyed "channel@user" (Discord: a server channel, where
    # replies to one user are ephemeral and pushes go to their DMs). The adapter makes such keys with
    # `in_channel`; everything else reads them with `channel` and `named_user`, never by hand, and the
    # stored keys ("discord:123@456") stay as they are.
    @classmethod
    def in_channel(cls, platform: str, channel: str, user: str = "") -> Target:
        """The chat ``channel`` on ``platform``; with ``user``, that user's view of it (``channel@user``)."""
        return cls(platform, f"{channel}{_USER_MARK}{user}" if user else channel)

    @property
    def channel(self) -> str:
        """The chat itself, without the user a shared channel's key names: "123" of "123@456"."""
        return self.chat_id.partition(_USER_MARK)[0]

    @property
    def named_user(self) -> str:
        """The platform user id this target is one user's view for ("456" of "123@456"); "" when the
        key names no user (a Discord DM, a Telegram chat, any chat keyed by itself alone)."""
        return self.chat_id.partition(_USER_MARK)[2]


@dataclass(frozen=True)
class Request:
    """One command from a user.

    ``text`` is the raw argument string after the command; ``args`` the typed arguments. The dispatcher
    fills whichever is missing from the other, so handlers may use either.
    ``user`` is the platform identity; ``account`` the storage identity it resolves to (they differ only
    for linked identities) and is filled in by the dispatcher.
    """

    command: str
    user: str
    target: Target
    text: str = ""
    args: dict[str, Any] = field(default_factory=dict)
    display_name: str = ""
    in_group: bool = False
    account: str = ""
    via_button: bool = False
    # A file the user sent with the command (Telegram: a document; Discord: an attachment option),
    # downloaded by the adapter; None when there is none.
    attachment: Attachment | None = None
    # Long work (an import) reports how far it got: the adapter shows the first call as a message and
    # edits that message with each later one (plain text). None where the adapter shows no progress.
    progress: Callable[[str], Awaitable[None]] | None = field(default=None, compare=False, repr=False)
    # What the command's check already worked out (`core.registry.Checked`), for its handler: work is
    # not done twice (/log's parse). None when the command has no check or it handed nothing over.
    checked: object = field(default=None, compare=False, repr=False)


ButtonStyle = Literal["primary", "secondary", "success", "danger"]

# A press is only honoured this long after the button was sent (see storage/actions.py).
BUTTON_TTL_SECONDS = 24 * 3600


# The longest command line a button or a question carries (it stays on the server, bound to the user).
MAX_COMMAND_BYTES = 512


@dataclass(frozen=True)
class Button:
    """A button as a handler declares it: its label and the command line a press runs.

    The command line never leaves the server: before a reply is sent, `core.buttons.bind_buttons`
    stores it as a pending action bound to the user the reply is for, the chat and an expiry, and fills
    ``action`` with that action's opaque id. Adapters put only ``action`` on the wire (Telegram's
    callback_data, Discord's custom_id). ``single_use`` buttons of one reply are consumed together by the
    first press (a confirmation and its "cancel").
    """

    label: str
    command: str
    style: ButtonStyle = "secondary"
    single_use: bool = False
    ttl_seconds: int = BUTTON_TTL_SECONDS
    action: str = ""

    def __post_init__(self) -> None:
        if not self.command.startswith("/") or len(self.command.encode()) > MAX_COMMAND_BYTES:
            raise ValueError(f"not a button command line: {self.command[:80]!r}")
        if self.ttl_seconds <= 0:
            raise ValueError("a button must live for some time")


@dataclass(frozen=True)
class Ask:
    """A question whose answer completes a command: the user's text is appended to ``command`` and run
    like a button press (design.md, "Buttons": in groups and servers the bot does not see ordinary
    messages, so the answer comes back through the platform's own way of asking).

    Telegram sends ``prompt`` with a ForceReply and runs the reply to that message (by the user it was
    asked of only); Discord opens a Modal with one text field (``title`` over it, ``prompt`` as the
    field's label, at most 45 characters there); the console prints the prompt and takes the next line.
    Like a button, the command line stays on the server: the adapter stores it as a pending action
    bound to the user, the chat and an expiry (`core.buttons.bind_ask`), answered once.
    """

    prompt: str  # neutral markup
    command: str  # e.g. "/log hip_thrust"; the answer follows after a space
    placeholder: str = ""  # an example answer shown in the empty field, e.g. "3x10 80kg"
    title: str = ""  # Discord's modal title; "Your answer" when empty
    # Discord's field label (45 characters) when the prompt is longer: what the prompt says past it
    # goes in the placeholder or the title, not cut off mid-value.
    label: str = ""
    ttl_seconds: int = BUTTON_TTL_SECONDS

    def __post_init__(self) -> None:
        if not self.command.startswith("/") or len(self.command.encode()) > MAX_COMMAND_BYTES:
            raise ValueError(f"not a command line to ask for: {self.command[:80]!r}")
        if not self.prompt.strip():
            raise ValueError("a question needs a prompt")
        if self.ttl_seconds <= 0:
            raise ValueError("a question must stay open for some time")


@dataclass(frozen=True)
class Image:
    png: bytes
    filename: str = "chart.png"
    caption: str = ""


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mime: str = "application/octet-stream"
    # A file a user sent: the size the platform reported. An adapter leaves ``data`` empty for a file
    # larger than `MAX_ATTACHMENT_BYTES` (not downloaded), and the handler says it is too large.
    size: int = 0


# The largest file an adapter downloads for a command (an import's CSV; coaching.imports reads ≤ 12 MB).
MAX_ATTACHMENT_BYTES = 12 * 1024 * 1024


@dataclass(frozen=True)
class Section:
    """A titled block of a reply; Discord renders it as an embed field, text platforms as a heading."""

    name: str
    body: str


@dataclass(frozen=True)
class Reply:
    """What a handler answers. ``text``, ``title`` and section bodies use the neutral markup of
    `core.markup`; anything a user typed must go through `core.markup.esc` first."""

    text: str = ""
    title: str = ""
    sections: tuple[Section, ...] = ()
    buttons: tuple[tuple[Button, ...], ...] = ()
    image: Image | None = None
    file: Attachment | None = None
    private: bool = False
    ask: Ask | None = None  # a question after the reply's text (see `Ask`)

    def with_private(self, private: bool = True) -> Reply:
        from dataclasses import replace

        return replace(self, private=private)

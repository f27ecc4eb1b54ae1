"""Who a user is: a platform and that platform's user id, stored as one key ("discord:456").

In the domain layer because storage (the link map), services and handlers all read it, and none of
them should split the key by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

# How a platform is named to a person ("This Telegram account", "your console account").
PLATFORM_NAMES = {"telegram": "Telegram", "discord": "Discord", "console": "console"}


@dataclass(frozen=True)
class Identity:
    """A platform user. Serialises to ``"discord:456"`` (the user key storage and requests carry);
    handlers ask this object, never split the key themselves."""

    platform: str
    user_id: str

    def key(self) -> str:
        return f"{self.platform}:{self.user_id}"

    @classmethod
    def parse(cls, key: str) -> Identity:
        platform, _, user_id = key.partition(":")
        return cls(platform, user_id)

    @property
    def platform_name(self) -> str:
        return PLATFORM_NAMES.get(self.platform, self.platform.capitalize() or "another platform")


def user_key(platform: str, user_id: str | int) -> str:
    """The identity of a platform user, e.g. ``"discord:456"``."""
    return Identity(platform, str(user_id)).key()

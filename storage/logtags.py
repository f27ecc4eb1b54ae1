"""Log lines name a user by a short tag, never by their id or their data file's name.

Why: coach.log outlives /deleteme (log files are the operator's, never rewritten), and a line such as
"damaged file set aside: accounts/telegram_123-<hash>.json" kept the name of someone who deleted
everything. Every line the bot logs goes through `TaggedFormatter`, which puts ``user#<8 hex>`` in
place of an account file's stem (``telegram_123-<20 hex>``, wherever it appears: an account file, a
quarantined copy, an outbox folder) and of an identity or chat key (``telegram:123``). The tag is a
BLAKE2b hash keyed by a random key this process holds in memory only: lines of one run about one user
share a tag, and once the process is gone no tag can be traced back to anyone, nor matched to a
guessed id. The same account's file and key get the same tag.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets

from storage.layout import account_file_name

_KEY = secrets.token_bytes(32)  # this process's, never written anywhere
# An account file's stem, after an optional folder prefix a quarantined copy's name carries.
_STEM = re.compile(r"(?<![\w-])((?:accounts|outbox)-)?[\w-]*?-([0-9a-f]{20})(?![0-9a-f])")
# An identity or chat key: the platform, a colon, the id (a Discord channel's "channel@user" too).
_KEY_TEXT = re.compile(r"\b(?:telegram|discord|console):[^\s'\"|,;()\[\]{}<>]+")


def _tag(digest: str) -> str:
    return "user#" + hashlib.blake2b(digest.encode("ascii"), key=_KEY, digest_size=4).hexdigest()


def user_tag(key: str) -> str:
    """The tag of an identity or account ``key`` ("telegram:123"), the same as its file's."""
    return _tag(account_file_name(key).removesuffix(".json").rpartition("-")[2])


def scrub(text: str) -> str:
    """``text`` with every account file stem and identity key in it replaced by its tag."""
    text = _STEM.sub(lambda m: f"{m[1] or ''}{_tag(m[2])}", text)
    return _KEY_TEXT.sub(lambda m: user_tag(m[0]), text)


class TaggedFormatter(logging.Formatter):
    """A formatter whose lines (message, arguments and traceback alike) carry tags, not users."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))

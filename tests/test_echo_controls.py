"""User text echoed in a reply never carries control or direction characters (tester 15: /timezone
echoed a NUL back). `esc` is the one door user text goes through into a reply."""

from __future__ import annotations

from core.markup import esc, plain
from tests.conftest import Chat


async def test_a_refused_timezone_is_echoed_without_its_control_characters(chat: Chat) -> None:
    [reply] = await chat.say("/timezone \x00Nar\x1b[31mnia\u202e\x07")
    assert plain(reply.text).startswith("“Nar[31mnia” is not a timezone I know."), repr(reply.text)


def test_esc_keeps_tabs_newlines_emoji_and_markup_literal() -> None:
    assert esc("a\tb\nc 🏋️‍♀️ *x*") == "a\tb\nc 🏋️‍♀️ \\*x\\*"
    assert esc("\x00\x7f\x9f\u2066ok\u2069") == "ok"

"""What a user typed carries no invisible characters into a command or back into a reply: `visible` is
applied to every request's text by the dispatcher, and `esc` to all user text a reply shows (tester 15:
/timezone echoed a NUL back; tester 16: a trailing right-to-left mark made "UTC+5:30" no timezone)."""

from __future__ import annotations

import pytest

from core.markup import esc, plain, visible
from tests.conftest import Chat


async def test_a_refused_timezone_is_echoed_without_its_control_characters(chat: Chat) -> None:
    [reply] = await chat.say("/timezone \x00Nar\x1b[31mnia\u202e\x07")
    assert plain(reply.text).startswith("“Nar[31mnia” is not a timezone I know."), repr(reply.text)


@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\u061c", "\ufeff", "\u200b", "\u2066"])
async def test_an_invisible_mark_pasted_with_a_timezone_is_not_read(chat: Chat, mark: str) -> None:
    [reply] = await chat.say(f"/timezone {mark}UTC+5:30{mark}")
    assert "is not a timezone I know" not in plain(reply.text), reply.text
    assert "+05:30" in plain(reply.text) or "5:30" in plain(reply.text), reply.text


async def test_a_line_separator_is_a_space_not_a_line_break_in_the_echo(chat: Chat) -> None:
    [reply] = await chat.say("/timezone Nar\u2028nia")
    assert plain(reply.text).startswith("“Nar nia” is not a timezone I know."), repr(reply.text)


def test_esc_keeps_tabs_newlines_emoji_persian_and_markup_literal() -> None:
    assert esc("a\tb\nc 🏋️‍♀️ *x*") == "a\tb\nc 🏋️‍♀️ \\*x\\*"
    assert visible("می\u200cخواهم") == "می\u200cخواهم"  # the non-joiner is spelling, not noise
    assert esc("\x00\x7f\x9f\u2066ok\u2069\u200f\ufeff") == "ok"

"""The Telegram adapter's pure parts: HTML rendering and splitting, retry classification."""

from __future__ import annotations

import httpx
import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from adapters.telegram import api_root
from adapters.telegram.ratelimit import certainly_not_delivered, is_unreachable_chat
from adapters.telegram.render import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    plan_messages,
    render_html,
    reply_markup_text,
    split_html,
    tg_len,
)
from core.markup import esc
from core.messages import Attachment, Button, Image, Reply, Section

# --------------------------------------------------------------------------- rendering


def test_markup_becomes_escaped_html():
    assert render_html("*Hip* _thrust_ & <b>x</b>") == "<b>Hip</b> <i>thrust</i> &amp; &lt;b&gt;x&lt;/b&gt;"
    assert render_html("*_both_*") == "<b><i>both</i></b>"
    assert render_html('[the study](https://x.org/a?b=1&c="2")') == (
        '<a href="https://x.org/a?b=1&amp;c=&quot;2&quot;">the study</a>'
    )
    user = 'Ann "<script>" *not bold* _nor italic_ [no](https://link)'
    assert render_html(f"Hi {esc(user)}") == (
        'Hi Ann "&lt;script&gt;" *not bold* _nor italic_ [no](https://link)'
    )


def test_title_and_sections_are_bold_headings():
    reply = Reply(
        "Intro with *bold*.",
        title="Hip *thrust*",
        sections=(Section("Muscles", "Gluteus maximus"), Section("Cues", "• Tilt\n• Squeeze")),
    )
    assert reply_markup_text(reply).count("\n\n") == 2
    assert render_html(reply_markup_text(reply)) == (
        "<b>Hip </b><b>thrust</b>\nIntro with <b>bold</b>.\n\n"
        "<b>Muscles</b>\nGluteus maximus\n\n<b>Cues</b>\n• Tilt\n• Squeeze"
    )


def test_split_counts_rendered_utf16_and_cuts_between_paragraphs():
    para = "&" * 1000  # 1,000 characters of markup, 5,000 of HTML
    chunks = split_html(esc(para))
    assert all(tg_len(c) <= TEXT_LIMIT for c in chunks) and len(chunks) == 2
    emoji = "💪" * 3000  # 3,000 characters, 6,000 UTF-16 units
    assert [tg_len(c) for c in split_html(emoji)] == [4096, 1904]
    paragraphs = [f"p{n} " + "x" * 1500 for n in range(5)]
    chunks = split_html("\n\n".join(paragraphs))
    assert chunks == ["\n\n".join(paragraphs[0:2]), "\n\n".join(paragraphs[2:4]), paragraphs[4]]


# Bound buttons carry a pending action's id (core/buttons.py); that id is the callback_data.
UNDO, GO = "0" * 17, "f" * 17


def test_unbound_buttons_are_not_sent():
    [only] = plan_messages(Reply("Sure?", buttons=((Button("Go", "/plan"),),)))
    assert only.buttons == ()


def test_photo_caption_holds_the_text_when_it_fits_else_the_text_follows():
    png = b"\x89PNG..."
    short = Reply(
        "Best 1RM: 100 kg",
        image=Image(png, "c.png", "Hip thrust"),
        buttons=((Button("Undo", "/undo", action=UNDO),),),
    )
    [photo] = plan_messages(short)
    assert (photo.kind, photo.html, photo.data, photo.filename) == (
        "photo",
        "Hip thrust\n\nBest 1RM: 100 kg",
        png,
        "c.png",
    )
    assert photo.buttons == ((("Undo", UNDO),),)

    long = Reply(
        "x" * (CAPTION_LIMIT + 10),
        image=Image(png, "c.png", "Hip thrust"),
        buttons=((Button("Undo", "/undo", action=UNDO),),),
    )
    photo, text = plan_messages(long)
    assert photo.html == "Hip thrust" and not photo.buttons
    assert text.kind == "text" and text.html == "x" * (CAPTION_LIMIT + 10) and text.buttons


def test_document_and_buttons_without_text():
    [doc] = plan_messages(Reply("Your log", file=Attachment("log.csv", b"a,b\n", "text/csv")))
    assert (doc.kind, doc.filename, doc.data, doc.html) == ("document", "log.csv", b"a,b\n", "Your log")
    [only] = plan_messages(Reply(buttons=((Button("Go", "/plan", action=GO),),)))
    assert only.kind == "text" and only.html and only.buttons == ((("Go", GO),),)
    assert plan_messages(Reply()) == []


@pytest.mark.parametrize(
    "setting",
    [
        "http://127.0.0.1:8081",
        "http://127.0.0.1:8081/",
        "http://127.0.0.1:8081/bot",
        "http://127.0.0.1:8081/bot/",
    ],
)
def test_base_url_with_or_without_bot_suffix(setting):
    assert api_root(setting) == "http://127.0.0.1:8081"


# --------------------------------------------------------------------------- retry classification


def _raised(exc: Exception, cause: BaseException | None) -> Exception:
    try:
        raise exc from cause
    except Exception as caught:
        return caught


@pytest.mark.parametrize(
    ("exc", "cause", "retry"),
    [
        (NetworkError("Internal Server Error"), None, True),  # the server answered 5xx
        (NetworkError("httpx.ConnectError: refused"), httpx.ConnectError("refused"), True),
        (TimedOut(), httpx.ConnectTimeout("slow"), True),
        (TimedOut(), httpx.PoolTimeout("busy"), True),
        (TimedOut(), httpx.ReadTimeout("sent, no answer"), False),  # may have been delivered
        (NetworkError("httpx.RemoteProtocolError"), httpx.RemoteProtocolError("dropped"), False),
        (NetworkError("httpx.WriteError"), httpx.WriteError("half sent"), False),
    ],
)
def test_only_certain_failures_are_resent(exc, cause, retry):
    assert certainly_not_delivered(_raised(exc, cause)) is retry


def test_blocked_and_missing_chats_are_unreachable():
    assert is_unreachable_chat(Forbidden("Forbidden: bot was blocked by the user"))
    assert is_unreachable_chat(BadRequest("Bad Request: chat not found"))
    assert not is_unreachable_chat(BadRequest("Bad Request: message is too long"))


def test_a_cached_text_keeps_each_replys_own_buttons():
    card = Reply("Drive through the heels.", title="Hip thrust", sections=(Section("Cues", "• Chin down"),))
    one = plan_messages(
        Reply(card.text, card.title, card.sections, buttons=((Button("Log it", "/plan", action="1" * 17),),))
    )
    two = plan_messages(
        Reply(card.text, card.title, card.sections, buttons=((Button("Log it", "/plan", action="2" * 17),),))
    )
    assert one[0].html == two[0].html and one[0].html.startswith(
        "<b>Hip thrust</b>\nDrive through the heels."
    )
    assert one[-1].buttons == ((("Log it", "1" * 17),),) and two[-1].buttons == ((("Log it", "2" * 17),),)
    assert plan_messages(card)[-1].buttons == ()

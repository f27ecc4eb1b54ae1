"""The Telegram adapter's pure parts: HTML rendering and splitting, retry classification, the pacer."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from adapters.telegram import api_root
from adapters.telegram.adapter import _certainly_not_delivered, _is_unreachable_chat
from adapters.telegram.outbox import Pacer, PacerClosed, Priority
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
    assert _certainly_not_delivered(_raised(exc, cause)) is retry


def test_blocked_and_missing_chats_are_unreachable():
    assert _is_unreachable_chat(Forbidden("Forbidden: bot was blocked by the user"))
    assert _is_unreachable_chat(BadRequest("Bad Request: chat not found"))
    assert not _is_unreachable_chat(BadRequest("Bad Request: message is too long"))


# --------------------------------------------------------------------------- pacer


async def test_pacer_grants_interactive_first_and_keeps_the_rate():
    pacer = Pacer(rate=20, per_chat_interval=0)
    order: list[str] = []

    async def take(name: str, priority: Priority) -> None:
        await pacer.acquire(priority, name)
        order.append(name)
        pacer.release()

    t0 = time.perf_counter()
    pushes = [asyncio.create_task(take(f"p{n}", Priority.PUSH)) for n in range(10)]
    await asyncio.sleep(0.12)  # a couple of pushes get through
    chat = asyncio.create_task(take("reply", Priority.INTERACTIVE))
    await asyncio.gather(chat, *pushes)
    elapsed = time.perf_counter() - t0
    assert order.index("reply") <= 4
    assert elapsed >= 10 / 20 * 0.8  # 11 slots at 20/s
    await pacer.close()


async def test_pacer_spaces_pushes_per_chat_without_holding_up_other_chats():
    pacer = Pacer(rate=1000, per_chat_interval=0.2)
    granted: dict[str, list[float]] = {}

    async def take(chat: str) -> None:
        await pacer.acquire(Priority.PUSH, chat)
        granted.setdefault(chat, []).append(time.perf_counter())
        pacer.release()

    await asyncio.gather(*(take("a") for _ in range(3)), *(take(f"o{n}") for n in range(20)))
    a = granted["a"]
    assert [round(b - x, 1) >= 0.2 for x, b in zip(a, a[1:], strict=False)] == [True, True]
    others = [t[0] for c, t in granted.items() if c != "a"]
    assert max(others) - a[0] < 0.1  # other chats went right away
    await pacer.close()


async def test_pacer_bounds_calls_in_flight_and_serves_interactive_first():
    pacer = Pacer(
        rate=0, per_chat_interval=0, max_in_flight=2, reserved_for_interactive=0
    )  # rate 0: no limit
    for _ in range(2):
        await pacer.acquire(Priority.PUSH, "a")
    push = asyncio.create_task(pacer.acquire(Priority.PUSH, "b"))
    await asyncio.sleep(0.01)
    reply = asyncio.create_task(pacer.acquire(Priority.INTERACTIVE))
    await asyncio.sleep(0.02)
    assert not push.done() and not reply.done() and pacer.in_flight == 2
    pacer.release()
    await asyncio.sleep(0.01)
    assert reply.done() and not push.done()  # the freed slot went to the reply, though it came later
    pacer.release()
    await asyncio.wait_for(push, 1)
    assert pacer.in_flight == 2
    await pacer.close()


async def test_pushes_leave_slots_free_for_answers():
    pacer = Pacer(rate=0, per_chat_interval=0, max_in_flight=3, reserved_for_interactive=1)
    for n in range(2):
        await pacer.acquire(Priority.PUSH, f"c{n}")
    push = asyncio.create_task(pacer.acquire(Priority.PUSH, "c2"))
    await asyncio.sleep(0.02)
    assert not push.done()  # the third slot is kept for answers...
    await asyncio.wait_for(pacer.acquire(Priority.INTERACTIVE), 0.1)  # ...and given at once
    assert pacer.in_flight == 3
    pacer.release()
    pacer.release()
    await asyncio.wait_for(push, 1)
    await pacer.close()


async def test_closing_the_pacer_fails_waiters_fast():
    pacer = Pacer(rate=1, per_chat_interval=0)
    await pacer.acquire(Priority.PUSH, "x")  # the one token
    pacer.release()
    waiting = asyncio.create_task(pacer.acquire(Priority.PUSH, "y"))
    await asyncio.sleep(0.05)
    await pacer.close()
    with pytest.raises(PacerClosed):
        await waiting
    with pytest.raises(PacerClosed):
        await pacer.acquire(Priority.INTERACTIVE)

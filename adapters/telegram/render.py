"""Neutral reply → Telegram messages (HTML parse mode), without any network I/O.

Every text span from `core.markup.parse` is HTML-escaped and wrapped in ``<b>``/``<i>``/``<a href>``, so
user text that handlers escaped with `core.markup.esc` (``<b>x</b>``, ``*``, ``_``) always shows
literally. Sizes are measured on the rendered HTML in UTF-16 code units (how Telegram counts), which is
never less than what Telegram counts after parsing the entities, so a chunk that fits here fits there.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from core.markup import esc, parse, split_paragraphs
from core.messages import Reply, Section

TEXT_LIMIT = 4096  # sendMessage text, after entity parsing
CAPTION_LIMIT = 1024  # sendPhoto / sendDocument caption


@lru_cache(maxsize=512)
def render_html(markup: str) -> str:
    """Neutral markup → Telegram HTML. Cached: replies are measured and rendered more than once, and
    library texts (/explain, /help) are the same for everyone."""
    out: list[str] = []
    for span in parse(markup):
        text = html.escape(span.text, quote=False)
        if span.italic:
            text = f"<i>{text}</i>"
        if span.bold:
            text = f"<b>{text}</b>"
        if span.url:
            text = f'<a href="{html.escape(span.url, quote=True)}">{text}</a>'
        out.append(text)
    return "".join(out)


def tg_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def html_len(markup: str) -> int:
    """Telegram size of the rendered markup (the measure used for every limit here)."""
    return tg_len(render_html(markup))


def bold_markup(markup: str) -> str:
    """The same markup with every span bold (titles, section headings); links and italics kept."""
    parts = []
    for span in parse(markup):
        text = esc(span.text)
        if span.url:
            text = f"[{text}]({span.url})"
        if span.italic:
            text = f"_{text}_"
        parts.append(f"*{text}*")
    return "".join(parts)


def reply_markup_text(reply: Reply) -> str:
    """Title (bold first line), text, then each section as a bold heading over its body."""
    head = bold_markup(reply.title) if reply.title.strip() else ""
    blocks: list[str] = []
    if head and reply.text.strip():
        blocks.append(f"{head}\n{reply.text.strip()}")
    elif head or reply.text.strip():
        blocks.append(head or reply.text.strip())
    for section in reply.sections:
        name = bold_markup(section.name) if section.name.strip() else ""
        body = section.body.strip()
        blocks.append(f"{name}\n{body}" if name and body else name or body)
    return "\n\n".join(b for b in blocks if b)


def split_html(markup: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Rendered HTML chunks, each within ``limit``, cut at paragraph (then line) boundaries."""
    if not markup.strip():
        return []
    whole = render_html(markup)
    if tg_len(whole) <= limit:
        return [whole]
    chunks = split_paragraphs(markup, limit, measure=html_len)
    return [h for h in (render_html(c) for c in chunks) if h.strip()]


@dataclass(frozen=True)
class Outgoing:
    """One Bot API message to send: ``kind`` is "text", "photo" or "document"."""

    kind: str
    html: str = ""  # text, or caption for media
    data: bytes = b""
    filename: str = ""
    buttons: tuple[tuple[tuple[str, str], ...], ...] = ()  # rows of (label, callback_data)
    # The reply's question (core.messages.Ask): sent with a ForceReply, so the answer is a reply to it
    force_reply: bool = False
    placeholder: str = ""


def _body(text: str, title: str, sections: tuple[Section, ...], prompt: str) -> str:
    """A reply's markup as one text: title, text, sections, then its question (``prompt``) if any."""
    body = reply_markup_text(Reply(text, title, sections))
    return "\n\n".join(p for p in (body, prompt) if p)


@lru_cache(maxsize=512)
def _text_chunks(text: str, title: str, sections: tuple[Section, ...], prompt: str) -> tuple[str, ...]:
    """The HTML messages of a reply without media, cached by content (buttons are added per send): an
    explanation, /help and the like are asked for again and again."""
    return tuple(split_html(_body(text, title, sections, prompt)))


def plan_messages(reply: Reply) -> list[Outgoing]:
    """The messages that render one reply, in order; its buttons go on the last one.

    Media first: the first one's caption is the image caption followed by the reply text when both fit
    in 1024 characters, else the image caption alone (if it fits); whatever does not fit follows as text
    messages (split under 4096).
    """
    ask = reply.ask
    # the question ends the reply's own message; with buttons it needs its own (one markup each)
    prompt = ask.prompt.strip() if ask is not None and not reply.buttons else ""
    out: list[Outgoing] = []
    media: list[Outgoing] = []
    if reply.image is not None:
        media.append(Outgoing("photo", data=reply.image.png, filename=reply.image.filename or "chart.png"))
    if reply.file is not None:
        media.append(Outgoing("document", data=reply.file.data, filename=reply.file.filename or "file"))
    texts: list[str] = []
    image_caption = reply.image.caption.strip() if reply.image is not None else ""
    if media:
        # The caption: image caption and reply text together if they fit, else as much as fits whole.
        parts = [p for p in (image_caption, _body(reply.text, reply.title, reply.sections, prompt)) if p]
        caption_markup = ""
        for n in range(len(parts), 0, -1):
            candidate = "\n\n".join(parts[:n])
            if html_len(candidate) <= CAPTION_LIMIT:
                caption_markup, texts = candidate, parts[n:]
                break
        else:
            texts = parts
        first = media[0]
        media[0] = Outgoing(
            first.kind, render_html(caption_markup) if caption_markup else "", first.data, first.filename
        )
        out.extend(media)
        for markup in texts:
            out.extend(Outgoing("text", chunk) for chunk in split_html(markup))
    else:
        try:
            chunks = _text_chunks(reply.text, reply.title, reply.sections, prompt)
        except TypeError:  # sections a handler left unhashable (a list): rendered each time
            chunks = tuple(split_html(_body(reply.text, reply.title, reply.sections, prompt)))
        out.extend(Outgoing("text", chunk) for chunk in chunks)
    # callback_data is the pending action's id (core/buttons.py); a button not bound to one is not sent
    rows = (tuple((b.label, b.action) for b in row if b.action) for row in reply.buttons)
    buttons = tuple(row for row in rows if row)
    if buttons:
        if not out:
            out.append(Outgoing("text", html.escape("Choose:")))
        last = out[-1]
        out[-1] = Outgoing(last.kind, last.html, last.data, last.filename, buttons)
    if ask is not None:
        if buttons or not out:
            out.append(Outgoing("text", render_html(ask.prompt.strip())))
        last = out[-1]
        out[-1] = Outgoing(
            last.kind, last.html, last.data, last.filename, force_reply=True, placeholder=ask.placeholder
        )
    return out

"""Replies → Discord messages: markdown content or embeds, always within Discord's limits.

A `Reply` may become several messages: content over 2,000 characters, an embed over 4,096 characters of
description or a section over 1,024 characters is split, embeds are packed at most 10 and 6,000
characters to a message. Nothing here sends anything; the adapter does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import discord
from discord.utils import escape_markdown

from core.markup import parse, plain, split_paragraphs
from core.messages import Button, Reply, Section

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELDS_PER_EMBED = 25
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000  # per message: the sum over all its embeds
EMBEDS_PER_MESSAGE = 10
BUTTON_ROWS = 5
BUTTONS_PER_ROW = 5
LABEL_LIMIT = 80

COLOUR = 0xC2185B
BLANK = "\u200b"  # zero-width space: Discord rejects empty field names/values


@dataclass(frozen=True)
class OutFile:
    filename: str
    data: bytes

    def to_file(self) -> discord.File:
        import io

        return discord.File(io.BytesIO(self.data), filename=self.filename)


@dataclass
class OutMessage:
    """One Discord message to send: what the adapter passes to send / followup / edit."""

    content: str = ""
    embeds: list[discord.Embed] = field(default_factory=list)
    files: list[OutFile] = field(default_factory=list)
    buttons: tuple[tuple[Button, ...], ...] = ()
    private: bool = False

    def is_empty(self) -> bool:
        return not (self.content or self.embeds or self.files)


# -- markup → Discord markdown ----------------------------------------------------------------------


_MARKUP_CHARS = frozenset("\\*_[")


def _has_markup(text: str) -> bool:
    return not _MARKUP_CHARS.isdisjoint(text)


def to_markdown(markup: str) -> str:
    """Neutral markup → Discord markdown; every span's text is escaped (discord.py's escape_markdown,
    links left clickable), so user text stays literal."""
    if not _has_markup(markup):
        return escape_markdown(markup)  # plain text: nothing to parse (the common case for labels and lines)
    out: list[str] = []
    for span in parse(markup):
        text = span.text
        stripped = text.strip()
        if not stripped:
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        if span.url:
            label = escape_markdown(stripped).replace("[", "\\[").replace("]", "\\]")
            core = span.url if stripped == span.url else f"[{label}]({span.url})"
        else:
            core = escape_markdown(stripped)
        marker = "***" if span.bold and span.italic else "**" if span.bold else "*" if span.italic else ""
        piece = f"{marker}{core}{marker}"
        if marker and not lead and out and out[-1].endswith("*"):
            piece = BLANK + piece  # keep "**a**" + "*b*" from fusing into "**a***b*"
        out.append(f"{lead}{piece}{trail}")
    return "".join(out)


def md_len(markup: str) -> int:
    return len(to_markdown(markup))


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # never end on a lone escaping backslash
    trailing = len(cut) - len(cut.rstrip("\\"))
    if trailing % 2:
        cut = cut[:-1]
    return cut + "…"


def _plain_md(markup: str, limit: int) -> str:
    """A single-line-ish label (title, field name): escaped plain text within ``limit``."""
    text = (plain(markup) if _has_markup(markup) else markup).strip()
    escaped = escape_markdown(text)
    if len(escaped) <= limit:
        return escaped or BLANK
    # cut the plain text, then escape, until it fits
    keep = limit - 1
    while keep > 0:
        candidate = escape_markdown(text[:keep].rstrip()) + "…"
        if len(candidate) <= limit:
            return candidate
        keep -= max(1, len(candidate) - limit)
    return "…"


def split_markdown(markup: str, limit: int) -> list[str]:
    """Markup split into rendered chunks of at most ``limit`` characters each."""
    if not markup.strip():
        return []
    whole = to_markdown(markup)
    if len(whole) <= limit:
        return [whole] if whole.strip() else []
    chunks = []
    for part in split_paragraphs(markup, limit, measure=md_len):
        rendered = to_markdown(part)
        if not rendered.strip():
            continue
        # split_paragraphs guarantees the measure; a final guard keeps a pathological chunk legal.
        while len(rendered) > limit:
            chunks.append(_truncate(rendered[:limit], limit))
            rendered = rendered[limit:]
        chunks.append(rendered)
    return chunks


# -- embeds --------------------------------------------------------------------------------------


def _embed_size(embed: discord.Embed) -> int:
    return len(embed)  # discord.py counts title, description, fields, footer, author


def _new_embed(title: str = "", description: str = "") -> discord.Embed:
    return discord.Embed(
        title=title or None,
        description=description or None,
        colour=COLOUR,
    )


def _section_fields(name: str, body: str) -> list[tuple[str, str]]:
    field_name = _plain_md(name, FIELD_NAME_LIMIT)
    values = split_markdown(body, FIELD_VALUE_LIMIT) or [BLANK]
    fields = [(field_name, values[0])]
    cont = _plain_md(f"{plain(name).strip()} (cont.)", FIELD_NAME_LIMIT) if name.strip() else BLANK
    fields.extend((cont, value) for value in values[1:])
    return fields


def _build_embeds(reply: Reply) -> list[discord.Embed]:
    title = _plain_md(reply.title, TITLE_LIMIT) if reply.title.strip() else ""
    descriptions = split_markdown(reply.text, DESCRIPTION_LIMIT)
    embeds: list[discord.Embed] = [_new_embed(title, descriptions[0] if descriptions else "")]
    for extra in descriptions[1:]:
        embeds.append(_new_embed(description=extra))
    for section in reply.sections:
        for name, value in _section_fields(section.name, section.body):
            embed = embeds[-1]
            if (
                len(embed.fields) >= FIELDS_PER_EMBED
                or _embed_size(embed) + len(name) + len(value) > EMBED_TOTAL_LIMIT
            ):
                embed = _new_embed()
                embeds.append(embed)
            embed.add_field(name=name, value=value, inline=False)
    if reply.image is not None:
        first = embeds[0]
        first.set_image(url=f"attachment://{reply.image.filename}")
        caption = plain(reply.image.caption).strip()
        if caption:
            footer = _truncate(caption, FOOTER_LIMIT)
            if _embed_size(first) + len(footer) <= EMBED_TOTAL_LIMIT:
                first.set_footer(text=footer)
    # an embed with nothing but a title still needs a body for some clients; Discord accepts it.
    return embeds


def _pack_embeds(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    messages: list[list[discord.Embed]] = []
    current: list[discord.Embed] = []
    total = 0
    for embed in embeds:
        size = _embed_size(embed)
        if current and (len(current) >= EMBEDS_PER_MESSAGE or total + size > EMBED_TOTAL_LIMIT):
            messages.append(current)
            current, total = [], 0
        current.append(embed)
        total += size
    if current:
        messages.append(current)
    return messages


# -- replies → messages ---------------------------------------------------------------------------


def _button_rows(buttons: tuple[tuple[Button, ...], ...]) -> tuple[tuple[Button, ...], ...]:
    """At most 5 rows of 5; longer rows wrap onto the next row while there is room."""
    rows: list[tuple[Button, ...]] = []
    for row in buttons:
        row = tuple(row)
        while row and len(rows) < BUTTON_ROWS:
            rows.append(row[:BUTTONS_PER_ROW])
            row = row[BUTTONS_PER_ROW:]
    return tuple(rows)


def render_reply(reply: Reply, *, content_limit: int = CONTENT_LIMIT) -> list[OutMessage]:
    """One reply as one or more messages. Files go on the first, buttons on the last."""
    files: list[OutFile] = []
    if reply.image is not None:
        files.append(OutFile(reply.image.filename, reply.image.png))
    if reply.file is not None:
        files.append(OutFile(reply.file.filename, reply.file.data))

    messages: list[OutMessage]
    if reply.title.strip() or reply.sections or reply.image is not None:
        messages = [OutMessage(embeds=group) for group in _pack_embeds(_build_embeds(reply))]
    else:
        messages = [OutMessage(content=chunk) for chunk in split_markdown(reply.text, content_limit)]
    if not messages:
        messages = [OutMessage()]
    messages[0].files = files
    messages[-1].buttons = _button_rows(reply.buttons)
    for message in messages:
        message.private = reply.private
        if message.is_empty():
            message.content = BLANK
    return messages


@lru_cache(maxsize=512)
def _render_content(
    text: str, title: str, sections: tuple[Section, ...], private: bool, limit: int
) -> tuple[OutMessage, ...]:
    return tuple(render_reply(Reply(text, title, sections, private=private), content_limit=limit))


def _cached(reply: Reply, content_limit: int) -> tuple[OutMessage, ...] | None:
    """The cached messages of ``reply`` without its buttons; None for a reply with files, or with
    sections a handler left unhashable (a list): those are rendered each time."""
    if reply.image is not None or reply.file is not None:
        return None
    try:
        return _render_content(reply.text, reply.title, reply.sections, reply.private, content_limit)
    except TypeError:
        return None


def render_replies(replies: Iterable[Reply], *, content_limit: int = CONTENT_LIMIT) -> list[OutMessage]:
    """Every reply's messages, in order. The messages of a reply without files are cached by content,
    without its buttons: an explanation, /help and the like are asked for again and again, each time
    with buttons bound to new pending actions. Cached messages are shared and never mutated: the
    buttons go on a copy of the last one."""
    out: list[OutMessage] = []
    for reply in replies:
        cached = _cached(reply, content_limit)
        if cached is None:
            out.extend(render_reply(reply, content_limit=content_limit))
            continue
        out.extend(cached[:-1])
        last = cached[-1]
        rows = _button_rows(reply.buttons)
        out.append(replace(last, buttons=rows) if rows else last)
    return out


def message_size_ok(message: OutMessage) -> bool:
    """Whether a rendered message is within every Discord limit (used by tests and as a guard)."""
    if len(message.content) > CONTENT_LIMIT or len(message.embeds) > EMBEDS_PER_MESSAGE:
        return False
    total = 0
    for embed in message.embeds:
        if embed.title and len(embed.title) > TITLE_LIMIT:
            return False
        if embed.description and len(embed.description) > DESCRIPTION_LIMIT:
            return False
        if len(embed.fields) > FIELDS_PER_EMBED:
            return False
        for f in embed.fields:
            if (
                not f.name
                or not f.value
                or len(f.name) > FIELD_NAME_LIMIT
                or len(f.value) > FIELD_VALUE_LIMIT
            ):
                return False
        total += _embed_size(embed)
    return total <= EMBED_TOTAL_LIMIT

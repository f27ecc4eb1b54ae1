"""The neutral markup of replies, and its parser.

``*bold*``, ``_italic_``, ``[label](https://…)``; a backslash makes the next character literal, and
an underscore inside a word (``New_York``) is literal too.
Lists are plain lines starting with "• ". Each adapter renders the parsed spans in its own format,
escaping the text for it, so user text escaped with `esc` can never become markup anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKUP_CHARS = "\\*_[]"
_HAS_MARKUP = re.compile("[" + re.escape(_MARKUP_CHARS) + "]")
_ESCAPES = str.maketrans({ch: f"\\{ch}" for ch in _MARKUP_CHARS})  # a backslash before each
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\((https?://[^)\s]+)\)")


def count(n: int, one: str, many: str) -> str:
    """``n`` with the right noun: "1 entry", "2 entries", "0 entries"."""
    return f"{n} {one if n == 1 else many}"


# Never shown or read: control characters but tab and newline (a NUL, a terminal escape, a bell), the
# direction marks, overrides and isolates that turn the text around them, zero-width spaces, the soft
# hyphen and the byte-order mark (tester 15: /timezone echoed a NUL; tester 16: "UTC+5:30" with a
# trailing right-to-left mark was not read). The line and paragraph separators become spaces. The
# zero-width joiner (emoji) and non-joiner (Persian) stay.
_UNSEEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


def _unseen(found: re.Match[str]) -> str:
    return " " if found.group() in "\u2028\u2029" else ""


def visible(text: str) -> str:
    """``text`` without the characters no reply carries and no command reads (`_UNSEEN`)."""
    return _UNSEEN.sub(_unseen, text) if _UNSEEN.search(text) else text


def esc(text: object) -> str:
    """Make arbitrary (user) text literal inside the neutral markup, without the characters a reply
    must not carry (`visible`)."""
    raw = visible(str(text))
    # Every reply escapes names and user text, and most has nothing to escape: one search, no copy.
    return raw.translate(_ESCAPES) if _HAS_MARKUP.search(raw) else raw


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""


def parse(markup: str) -> list[Span]:
    """Split markup into styled spans. Unbalanced markers simply end with the text."""
    spans: list[Span] = []
    bold = italic = False
    buf: list[str] = []

    def flush(url: str = "") -> None:
        if buf:
            spans.append(Span("".join(buf), bold, italic, url))
            buf.clear()

    i, n = 0, len(markup)
    while i < n:
        ch = markup[i]
        if ch == "\\" and i + 1 < n:
            buf.append(markup[i + 1])
            i += 2
        elif ch == "*":
            flush()
            bold = not bold
            i += 1
        elif ch == "_" and _is_italic_marker(markup, i, italic):
            flush()
            italic = not italic
            i += 1
        elif ch == "[" and (m := _LINK.match(markup, i)):
            flush()
            label = re.sub(r"\\(.)", r"\1", m.group(1))
            buf.append(label)
            flush(m.group(2))
            i = m.end()
        else:
            buf.append(ch)
            i += 1
    flush()
    return spans


def _is_italic_marker(text: str, i: int, open_: bool) -> bool:
    """``_`` inside a word (New_York, hip_thrust) is literal; only word-edge underscores style."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if open_:
        return not after.isalnum()
    return not before.isalnum() and not after.isspace()


def plain(markup: str) -> str:
    """Markup as plain text (console, previews, length estimates)."""
    out = []
    for span in parse(markup):
        out.append(f"{span.text} ({span.url})" if span.url and span.url != span.text else span.text)
    return "".join(out)


def split_paragraphs(markup: str, limit: int, measure=len) -> list[str]:
    """Split markup into chunks whose rendered size (``measure``) stays within ``limit``.

    Splits between paragraphs, then lines, then hard-cuts as a last resort; markers never straddle a
    cut because every chunk is measured and rendered on its own.
    """
    if measure(markup) <= limit:
        return [markup]
    chunks: list[str] = []
    current = ""
    for sep, parts in (("\n\n", markup.split("\n\n")),):
        for part in parts:
            candidate = f"{current}{sep}{part}" if current else part
            if measure(candidate) <= limit:
                current = candidate
                continue
            if current:
                chunks.append(current)
            if measure(part) <= limit:
                current = part
                continue
            current = ""
            for line in part.split("\n"):
                candidate = f"{current}\n{line}" if current else line
                if measure(candidate) <= limit:
                    current = candidate
                    continue
                if current:
                    chunks.append(current)
                while measure(line) > limit:
                    cut = max(1, _fit(line, limit, measure))
                    chunks.append(line[:cut])
                    line = line[cut:]
                current = line
    if current:
        chunks.append(current)
    return chunks


def _fit(text: str, limit: int, measure) -> int:
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid]) <= limit:
            lo = mid
        else:
            hi = mid - 1
    # don't cut inside an escape
    if lo > 1 and text[lo - 1] == "\\":
        lo -= 1
    return lo

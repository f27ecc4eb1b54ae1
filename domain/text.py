"""What a user's free text may hold once kept (a /log note, an imported note or workout title): one rule,
so a note typed and a note imported come back alike."""

from __future__ import annotations

import unicodedata

__all__ = ["visible_text"]

_ZERO_WIDTH_JOINER = "\u200d"  # builds emoji ("🏋️‍♀️"): kept


def visible_text(text: str) -> str:
    """``text`` without control characters (C0 and C1: a NUL, a terminal escape) and format characters
    (direction overrides and isolates, U+202A–U+202E and U+2066–U+2069, turn the text around them and
    can disguise it), its whitespace as single spaces. The zero-width joiner stays."""
    return " ".join(
        "".join(
            c
            for c in text
            if c.isspace() or c == _ZERO_WIDTH_JOINER or unicodedata.category(c) not in ("Cc", "Cf")
        ).split()
    )

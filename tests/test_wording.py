"""Every reply of every command reads as English (issue 12): for accounts holding 0, 1 and 2 of each
thing (entries, sessions, schedules), no "1 entries", no "(s)", no sentence starting in lower case."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from core.markup import plain
from core.messages import Reply
from tests.conftest import Chat, Clock

# A count of one followed by a plural noun ("1 entries", "1 reminder schedules").
ONE_PLURAL = re.compile(
    r"(?<![\d.,])\b1 (?:[a-z-]+ )?(entries|sets|sessions|schedules|reminders|minutes|hours|days|weeks|"
    r"reps|steps|links|codes|files|exercises|messages|times)\b"
)
# A sentence that starts in lower case: after ". ", "! " or "? " (not an abbreviation), or a line.
ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "etc.", "al.", "approx.", "min.", "sec.")
SENTENCE_END = re.compile(r"([.!?])\s+(?=[a-z])")


def sentence_problems(text: str) -> list[str]:
    problems = []
    if "(s)" in text:
        problems.append("'(s)'")
    problems += [f"plural after one: {m.group(0)!r}" for m in ONE_PLURAL.finditer(text)]
    for m in SENTENCE_END.finditer(text):
        before = text[: m.end(1)]
        if before.endswith(ABBREVIATIONS) or re.search(r"\b[a-z]\.$", before):  # "e.g." / initials
            continue
        problems.append(f"lower-case sentence: {text[max(0, m.start() - 30) : m.end() + 20]!r}")
    for line in text.splitlines():
        # A line written as a sentence (not a bullet of examples or a list of items) starts upper case.
        stripped = line.strip()
        if stripped.endswith((".", "!", "?")) and stripped[:1].islower():
            problems.append(f"lower-case line: {line[:60]!r}")
    return problems


def reply_texts(replies: list[Reply]) -> list[str]:
    out = []
    for r in replies:
        out += [plain(r.text), plain(r.title)]
        out += [plain(s.body) for s in r.sections] + [s.name for s in r.sections]
        out += [b.label for row in r.buttons for b in row]
        if r.image is not None:
            out.append(r.image.caption)
    return [t for t in out if t]


def lines_for(app) -> list[str]:
    """Every visible command: bare, and with its usage example's arguments."""
    lines = []
    for command in app.ctx.registry.visible():
        if command.name in ("deleteme",):  # asks first; its text is walked below
            pass
        lines.append(f"/{command.name}")
        if command.example != f"/{command.name}":
            lines.append(command.example)
    return lines


async def _fill(chat: Chat, clock: Clock, n: int) -> None:
    """``n`` entries in ``n`` sessions (a day apart) and ``n`` reminder schedules."""
    for i in range(n):
        assert (await chat.text(f"/log hip thrust 3x{10 + i} 80kg")).startswith("Logged")
        assert "#" in await chat.text(f"/remind mon,wed,fri 1{7 + i}:00")
        clock.now += timedelta(days=1)


@pytest.mark.parametrize("n", [0, 1, 2])
async def test_every_reply_reads_as_english(app, chat: Chat, clock: Clock, n: int) -> None:
    await _fill(chat, clock, n)
    problems = []
    for line in lines_for(app):
        if line.startswith(("/deleteme", "/unlink")):
            continue  # walked last: they change the account
        for text in reply_texts(await chat.say(line)):
            problems += [f"{line}: {p}" for p in sentence_problems(text)]
    for line in ("/undo", "/unremind all", "/deleteme", "/unlink"):
        for text in reply_texts(await chat.say(line)):
            problems += [f"{line}: {p}" for p in sentence_problems(text)]
    assert problems == []


def test_the_checks_catch_what_they_should() -> None:
    assert sentence_problems("Next time: 3 × 11 @ 80 kg. same 80 kg: one more rep")
    assert sentence_problems("You have 1 logged entries.")
    assert sentence_problems("Removed 2 reminder schedule(s).")
    assert sentence_problems("exercise is missing.")
    assert not sentence_problems("Removed 1 reminder schedule. Use e.g. /log hip thrust 3x10 80kg.")
    assert not sentence_problems("Kubo et al. found deeper squats grew more.")

"""Tester: "/log kickback 3x12 20kg" after 3x12 @ 10 kg asked "20 kg is more than 1.5× your best so far
(10 kg). Is that right?". Doubling a light dumbbell is an ordinary step up; the question is there for
typos (80 → 800, 60 → 600). It is asked only for a jump both over 1.5× and over 20 kg / 45 lb in all."""

from __future__ import annotations

import pytest

from tests.conftest import Chat

ASKED = "Is that right?"


@pytest.mark.parametrize(
    ("before", "after", "logged"),
    [
        ("/log kickback 3x12 10kg", "/log kickback 3x12 20kg", "Logged Kickback: 3 × 12 @ 20 kg."),
        ("/log kickback 3x12 25lb", "/log kickback 3x12 50lb", "Logged Kickback: 3 × 12 @ 50 lb."),
        ("/log rdl 3x10 2x8kg", "/log rdl 3x10 2x16kg", "Logged Romanian deadlift: 3 × 10 @ 2 × 16 kg."),
    ],
)
async def test_doubling_a_light_load_is_logged_without_a_question(
    chat: Chat, before: str, after: str, logged: str
) -> None:
    await chat.say(before)
    text = await chat.text(after)
    assert text.startswith(logged) and ASKED not in text, text


@pytest.mark.parametrize(
    ("before", "after", "asked"),
    [
        (
            "/log hip thrust 3x10 80lb",
            "/log hip thrust 3x10 800lb",
            "800 lb is more than 1.5× your best so far (80 lb)",
        ),
        (
            "/log hip thrust 3x10 60kg",
            "/log hip thrust 3x10 600kg",
            "600 kg is more than 1.5× your best so far (60 kg)",
        ),
        (
            "/log kickback 3x12 10kg",
            "/log kickback 3x12 100kg",
            "100 kg is more than 1.5× your best so far (10 kg)",
        ),
        (
            "/log hip thrust 3x10 135lb",
            "/log hip thrust 3x10 315lb",
            "315 lb is more than 1.5× your best so far (135 lb)",
        ),
    ],
)
async def test_a_typo_sized_jump_is_still_asked(chat: Chat, before: str, after: str, asked: str) -> None:
    await chat.say(before)
    text = await chat.text(after)
    assert text.startswith(f"{asked}. {ASKED}"), text


async def test_doubling_light_recent_sets_after_a_confirmed_typo_is_no_question(chat: Chat) -> None:
    # The "your recent sets" form of the question (a confirmed 100 kg typo among 10 kg sets) takes the
    # same floor: 10 → 20 kg is a step up, 20 → 45 kg is asked.
    await chat.say("/log kickback 3x12 10kg 3 days ago")
    [asked] = await chat.say("/log kickback 3x12 100kg 2 days ago")
    await chat.press(asked, "Confirm")
    await chat.say("/log kickback 3x12 10kg yesterday")
    text = await chat.text("/log kickback 3x12 20kg")
    assert text.startswith("Logged Kickback: 3 × 12 @ 20 kg.") and ASKED not in text, text
    text = await chat.text("/log kickback 3x12 45kg")
    # judged against the last session before today's (its ramp climbs): yesterday's 10 kg
    assert text.startswith(f"45 kg is more than 1.5× your recent sets (10 kg). {ASKED}"), text

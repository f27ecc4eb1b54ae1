"""Tester r2: /program start (and restart) of a program for another level than the user's /level says
so, with what /plan will coach and how to change it, and a button that sets /level to the program's:
an advanced program at the default beginner level otherwise mixed beginner cues (band at the knees,
"start unloaded") into it without a word."""

from __future__ import annotations

from tests.conftest import Chat

ADVANCED_AT_BEGINNER = (
    "This is an advanced program and your level is beginner, so /plan coaches its lifts at beginner "
    "level: band at the knees, new lifts start unloaded. To train it at its level, set /level advanced."
)


def _labels(reply) -> list[str]:
    return [b.label for row in reply.buttons for b in row]


async def test_an_advanced_program_at_beginner_level_says_so_and_offers_the_level(chat: Chat, app) -> None:
    [started] = await chat.say("/program start advanced-3")
    assert started.text.endswith("\n\n" + ADVANCED_AT_BEGINNER), started.text
    assert _labels(started) == ["Today's plan", "Set my level to advanced"]
    assert app.store.profile("console:alice").level == "beginner"  # nothing changes unasked
    [set_level] = await chat.press(started, "Set my level to advanced")
    assert set_level.text.startswith("Level set to advanced"), set_level.text
    assert app.store.profile("console:alice").level == "advanced"
    plan = await chat.text("/plan")
    assert "band at the feet" in plan and "Start unloaded" not in plan, plan


async def test_restart_says_it_too_and_a_matching_level_says_nothing(chat: Chat) -> None:
    await chat.say("/level intermediate")
    [same] = await chat.say("/program start intermediate-3")
    assert "your level is" not in same.text and _labels(same) == ["Today's plan"]
    [lower] = await chat.say("/program restart beginner-2")
    assert lower.text.endswith(
        "This is a beginner program and your level is intermediate, so /plan coaches its lifts at "
        "intermediate level: band at the ankles, new multi-directional lifts unloaded. To train it at its "
        "level, set /level beginner."
    ), lower.text
    assert _labels(lower) == ["Today's plan", "Set my level to beginner"]

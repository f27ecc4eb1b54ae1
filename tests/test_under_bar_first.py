"""Tester: a first back squat "/log squat 3x5 10kg" on the default kit (commercial gym, 20 kg bar) was
stored without a question, and its target read "4 × 5 @ 10 kg. Every set at the top, but 12 kg is +20%:
add a set first" (a dumbbell's step on a bar lift); 0.5 kg gave "22.5 kg is +4400%", 1 lb "50 lb is
+4900%". A lift loaded on a bar only (a squat, a deadlift) takes no load under the empty bar: a first
entry under it is asked about as a later one is, with the line that logs it as one dumbbell held, and
once confirmed the target is the empty bar at the reps done. A hip thrust's light load is a plate or
dumbbell on the hips, and an RDL's a dumbbell's: neither is asked about."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Chat

ASKED = "Is that right?"


def _next(text: str) -> str:
    [line] = [x for x in text.splitlines() if x.startswith("Next time:")]
    return line


@pytest.mark.parametrize(
    ("line", "asked"),
    [
        (
            "/log squat 3x5 10kg",
            "10 kg is less than the empty bar (20 kg). Is that right? One dumbbell held, not a bar? "
            "Cancel and log it so: /log back squat 3x5 10kg dumbbell",
        ),
        (
            "/log deadlift 3x5 0.5kg",
            "0.5 kg is less than the empty bar (20 kg). Is that right? One dumbbell held, not a bar? "
            "Cancel and log it so: /log deadlift 3x5 0.5kg dumbbell",
        ),
    ],
)
async def test_a_first_load_under_the_bar_on_a_bar_lift_is_asked(
    app: Any, chat: Chat, line: str, asked: str
) -> None:
    [reply] = await chat.say(line)
    assert reply.text.startswith(asked), reply.text
    assert "Nothing is stored until you confirm." in reply.text, reply.text
    assert [b.label for row in reply.buttons for b in row] == ["Confirm", "Cancel"]
    [cancelled] = await chat.press(reply, "Cancel")
    assert "nothing was stored" in cancelled.text, cancelled.text
    assert app.store.entries("console:alice") == []


@pytest.mark.parametrize(
    ("lines", "target"),
    [
        (
            ["/log squat 3x5 10kg"],
            "Next time: 3 × 5 @ 20 kg — empty bar. 10 kg is lighter than the empty bar (20 kg), the lightest"
            " a barbell makes: the same reps on the bar (a lighter bar? /equipment bar sets it).",
        ),
        (
            ["/log squat 3x5 0.5kg"],
            "Next time: 3 × 5 @ 20 kg — empty bar. 0.5 kg is lighter than the empty bar (20 kg)",
        ),
        (
            ["/units lb", "/log squat 3x5 1lb"],
            "Next time: 3 × 5 @ 45 lb — empty bar. 1 lb is lighter than the empty bar (45 lb)",
        ),
        (
            ["/log deadlift 3x6 10kg"],
            "Next time: 3 × 6 @ 20 kg — empty bar. 10 kg is lighter than the empty bar (20 kg)",
        ),
        (  # a later entry under the bar, confirmed: no dumbbell step off it either
            ["/log squat 3x5 60kg 3 days ago", "/log squat 3x5 15kg"],
            "Next time: 3 × 5 @ 20 kg — empty bar. 15 kg is lighter than the empty bar (20 kg)",
        ),
    ],
)
async def test_confirmed_under_the_bar_the_target_is_the_empty_bar(
    chat: Chat, lines: list[str], target: str
) -> None:
    for line in lines[:-1]:
        await chat.say(line)
    [asked] = await chat.say(lines[-1])
    assert "less than the empty bar" in asked.text, asked.text
    [logged] = await chat.press(asked, "Confirm")
    line = _next(logged.text)
    assert line.startswith(target), line
    assert "%" not in line, line


async def test_held_hip_and_dumbbell_lifts_keep_their_light_loads(chat: Chat) -> None:
    # The squat is asked, the others, light loads being theirs, are stored as before.
    [asked] = await chat.say("/log squat 3x5 10kg")
    assert asked.text.startswith("10 kg is less than the empty bar (20 kg). Is that right?"), asked.text
    await chat.press(asked, "Cancel")
    for line, logged, target in (
        (
            "/log squat 3x5 10kg dumbbell",
            "Logged Back squat: 3 × 5 @ 10 kg dumbbell.",
            "Next time: 4 × 5 @ 10 kg dumbbell.",
        ),
        ("/log hip thrust 3x10 10kg", "Logged Hip thrust: 3 × 10 @ 10 kg.", "Next time: 3 × 11 @ 10 kg."),
        ("/log rdl 3x8 10kg", "Logged Romanian deadlift: 3 × 8 @ 10 kg.", "Next time: 3 × 9 @ 10 kg."),
    ):
        text = await chat.text(line)
        assert text.startswith(logged) and ASKED not in text, (line, text)
        assert _next(text).startswith(target), (line, text)

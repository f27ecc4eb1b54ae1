"""The rest buttons under a /log card follow the exercise's own rest (the library's rest_seconds, which
/explain gives as "about N rest between sets"): the first button is that rest, the second a longer one
(1.5× rounded to 15 s, at least 30 s more). An exercise of the user's own keeps its category's pair."""

from __future__ import annotations

import pytest

from core.messages import Reply
from tests.conftest import Chat


def rest_labels(replies: list[Reply]) -> list[str]:
    return [b.label for r in replies for row in r.buttons for b in row if b.label.startswith("Rest ")]


@pytest.mark.parametrize(
    ("line", "said", "buttons"),
    [
        ("/log side lying clam 3x15", "about 45 s rest", ["Rest 0:45", "Rest 1:15"]),
        ("/log glute bridge 3x12", "about 1 min rest", ["Rest 1:00", "Rest 1:30"]),
        ("/log back extension 3x12", "about 1 min 15 s rest", ["Rest 1:15", "Rest 2:00"]),
        ("/log hip thrust 3x10 80kg", "about 2 min rest", ["Rest 2:00", "Rest 3:00"]),
        ("/log back squat 3x8 60kg", "about 2 min 30 s rest", ["Rest 2:30", "Rest 3:45"]),
        ("/log deadlift 3x5 100kg", "about 3 min rest", ["Rest 3:00", "Rest 4:30"]),
    ],
)
async def test_rest_buttons_agree_with_explain(chat: Chat, line: str, said: str, buttons: list[str]) -> None:
    logged = await chat.say(line)
    assert rest_labels(logged) == buttons, [r.text for r in logged]
    name = line.removeprefix("/log ").rsplit(" 3x", 1)[0]
    explained = await chat.text(f"/explain {name}")
    assert f"{said} between sets" in explained, explained


async def test_a_rest_button_starts_the_exercises_own_rest(chat: Chat) -> None:
    [logged] = await chat.say("/log side lying clam 3x15")
    [started] = await chat.press(logged, "Rest 1:15")
    assert "Rest timer: 1:15" in started.text, started.text


@pytest.mark.parametrize(
    ("category", "buttons"),
    [("glute lift", ["Rest 2:00", "Rest 3:00"]), ("accessory", ["Rest 1:00", "Rest 2:00"])],
)
async def test_own_exercises_keep_their_categorys_rest(chat: Chat, category: str, buttons: list[str]) -> None:
    await chat.say(f"/exercise add reverse hyper {category}")
    logged = await chat.say("/log reverse hyper 3x12 20kg")
    assert rest_labels(logged) == buttons, [r.text for r in logged]

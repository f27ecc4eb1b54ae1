"""A tester's /edit fault (k2, issue 10, 4): the Edit answer "hip trust 3x12" under a hip thrust got "not
an exercise I know" and no Did-you-mean, unlike /log and /progress. An answer naming another lift is
refused (j6), so a misspelling whose closest match is the entry's own exercise is read as it; one
closer to another lift is still refused and never changes the entry's exercise. Over the real
Telegram client (ForceReply) and through the console's dispatch; the card says what the store holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Chat, Clock
from tests.test_ask import answer
from tests.test_j2_edit_load_effort import app as app_j2  # noqa: F401 - the app fixture
from tests.test_j2_edit_load_effort import live, one, stored_on_disk
from tests.test_log_platforms import app, coach, now  # noqa: F401 - fixtures
from tests.test_telegram import USER


async def test_telegram_edit_reply_with_the_exercise_misspelt_corrects_the_entry(coach) -> None:  # noqa: F811
    me = f"telegram:{USER}"
    [logged] = await coach.say("/log hip thrust 3x10 85kg")
    [question] = await coach.press(logged, "Edit")
    assert question.force_reply is not None
    [changed] = await answer(coach, question, "hip trust 3x12")
    assert changed.text.startswith("Changed <b>Hip thrust</b>: 3 × 12 @ 85 kg.\n"), changed.text
    [entry] = coach.app.store.entries(me)
    assert entry.exercise == "hip_thrust" and [(s.reps, s.load) for s in entry.sets] == [(12, 85.0)] * 3


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def chat(app_j2: object) -> Chat:  # noqa: F811 - test_j2's app: no write limit, files read back
    return Chat(app_j2)


async def test_a_misspelling_closer_to_another_lift_is_refused_and_the_entry_kept(
    chat: Chat, clock: Clock, data: Path
) -> None:
    await one(chat, "/log hip thrust 3x10 85kg", clock)
    [before] = live(chat)
    refused = await one(chat, "/edit glute brige 3x12", clock)
    assert refused.text == "“glute brige” is not an exercise I know; the entry is unchanged. See /exercises."
    typed = await one(chat, "/edit hip trust 3x12", clock)
    assert typed.text.startswith("Changed *Hip thrust*: 3 × 12 @ 85 kg.\n"), typed.text
    [entry] = await stored_on_disk(chat, data)
    assert entry.exercise == before.exercise == "hip_thrust" and entry.id == before.id
    assert [(s.reps, s.load) for s in entry.sets] == [(12, 85.0)] * 3

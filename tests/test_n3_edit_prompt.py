"""The Edit question asks (n3): it read "Corrected sets for Hip thrust, now: 3x10 80kg ...", as if the
entry were already corrected. It asks for the sets, shows them as they are now, and gives an example
answer, close to the entry, that the edit takes as it is."""

from __future__ import annotations

import pytest

from core.buttons import bind_ask, claim_answer
from core.dispatch import dispatch
from tests.conftest import Chat

CASES = [
    # (logged, the prompt's start, the example answer, the sets it leaves)
    (
        "hip thrust 3x10 80kg",
        "Send the corrected sets for Hip thrust (now: 3x10 80kg 2026-11-23 at 09:00), for example: 3x10 82.5kg "
        "(date, note and RPE stay unless you change them).",
        [(10, 82.5)] * 3,
    ),
    (
        "glute bridge 3x15",
        "Send the corrected sets for Glute bridge (now: 3x15 bw 2026-11-23 at 09:00), for example: 3x16 ",
        [(16, None)] * 3,
    ),
    (
        "hip thrust 40x5, 60x3, 80x2, 100x8",
        # The ramp's steps are stored as the warm-ups the card calls them (tests/test_log_stores_ramp.py).
        "Send the corrected sets for Hip thrust (now: w 1x5 40kg, 1x3 60kg, 1x2 80kg / 1x8 100kg 2026-11-23 "
        "at 09:00), for example: 1x8 102.5kg ",
        [(5, 40.0), (3, 60.0), (2, 80.0), (8, 102.5)],
    ),
]


@pytest.mark.parametrize(("logged", "prompt", "after"), CASES)
async def test_the_edit_question_asks_with_an_example_that_works(
    chat: Chat, logged: str, prompt: str, after: list
) -> None:
    await chat.say(f"/log {logged}")
    [asked] = await chat.say("/edit")
    assert asked.ask is not None
    assert asked.ask.prompt.startswith(prompt), asked.ask.prompt
    assert "Corrected sets for" not in asked.ask.prompt
    example = asked.ask.prompt.split("for example: ", 1)[1].split(" (date,", 1)[0]
    ctx = chat.app.ctx  # type: ignore[attr-defined]
    request = chat.request()
    question = bind_ask(asked.ask, request, ctx, target=request.target, private=True)
    press = claim_answer(question, example, request, ctx)
    assert press.request is not None
    [changed] = await dispatch(press.request, ctx)
    assert changed.text.startswith("Changed *"), changed.text
    [entry] = ctx.store.entries(chat.user)
    assert [(s.reps, s.load) for s in entry.sets] == after

"""An over-long answer to /edit's question ("Send the corrected sets …") was refused with "That is too
long for /edit_entry … For example: /edit": a name the user never typed and an example with no sets.
It names /edit and gives /edit's full example, as a too-long /edit line does."""

from __future__ import annotations

from core.buttons import bind_ask, claim_answer
from core.dispatch import dispatch
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture  # noqa: F401


async def _answer(me: Chat, text: str) -> str:
    [asked] = await me.say("/edit")
    assert asked.ask is not None
    ctx = me.app.ctx  # type: ignore[attr-defined]
    request = me.request()
    question = bind_ask(asked.ask, request, ctx, target=request.target, private=True)
    press = claim_answer(question, text, request, ctx)
    assert press.request is not None, press.refusal
    [reply] = await dispatch(press.request, ctx)
    return reply.text


async def test_an_over_long_answer_gets_a_full_edit_example(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    said = await _answer(me, "3x10 90kg " + "x" * 700)
    assert said.startswith("That is too long for /edit (at most"), said
    assert said.endswith("For example: /edit 3x10 85kg"), said
    assert "edit\\_entry" not in said and "edit_entry" not in said, said
    assert [(s.reps, s.load) for s in entries(me)[-1].sets] == [(10, 100.0)] * 3


async def test_an_over_long_edit_line_says_the_same(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    [reply] = await me.say("/edit 3x10 90kg " + "x" * 700)
    assert reply.text == "That is too long for /edit (at most 500 characters). For example: /edit 3x10 85kg"


async def test_a_short_answer_still_changes_the_entry(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    said = await _answer(me, "3x10 90kg")
    assert said.startswith("Changed *Hip thrust*: 3 × 10 @ 90 kg"), said

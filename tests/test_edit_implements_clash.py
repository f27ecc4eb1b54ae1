"""/edit refuses a line whose name says one implement and whose sets say another ("bb rdl 3x10 20kg
dumbbells"), as /log refuses it: the entry stays as it was, and the reply says the two ways to write
it. Through the console's dispatch, what the user sees and what /history shows."""

from __future__ import annotations

from core.buttons import bind_ask, claim_answer
from core.dispatch import dispatch
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, labels, logapp_fixture, me_fixture, one  # noqa: F401

ASKED = (
    "“bb rdl” says a barbell and dumbbells says a pair of dumbbells: which was it? Write it one way, like "
    "/edit romanian deadlift 3x10 20kg barbell or /edit romanian deadlift 3x10 20kg dumbbells. "
)


async def _rdl_history(me: Chat) -> str:
    [history] = await me.say("/history")
    [line] = [x for x in history.text.splitlines() if "Romanian deadlift" in x]
    return line


async def test_log_refuses_a_barbell_name_with_dumbbells(me: Chat) -> None:
    refused = await one(me, "/log bb rdl 3x10 20kg dumbbells")
    assert refused.text.startswith("“bb rdl” says a barbell and dumbbells says a pair of dumbbells"), (
        refused.text
    )
    assert refused.text.endswith("Nothing was logged."), refused.text
    assert entries(me) == []


async def test_edit_refuses_a_barbell_name_with_dumbbells_and_changes_nothing(me: Chat) -> None:
    await me.say("/log rdl 3x10 22kg")
    refused = await one(me, "/edit bb rdl 3x10 20kg dumbbells")
    assert refused.text == ASKED + "The entry is unchanged.", refused.text
    assert [(s.load, s.implements) for s in entries(me)[-1].sets] == [(22.0, 1)] * 3
    assert await _rdl_history(me) == "#1 Romanian deadlift: 3 × 10 @ 22 kg"


async def test_edit_with_one_implement_still_changes_the_entry(me: Chat) -> None:
    await me.say("/log rdl 3x10 22kg")
    changed = await one(me, "/edit bb rdl 3x10 20kg")
    assert changed.text.startswith("Changed *Romanian deadlift*: 3 × 10 @ 20 kg."), changed.text
    paired = await one(me, "/edit rdl 3x10 20kg dumbbells")
    assert paired.text.startswith("Changed *Romanian deadlift*: 3 × 10 @ 2 × 20 kg."), paired.text


async def test_the_edit_questions_answer_is_refused_the_same_way(me: Chat) -> None:
    await me.say("/log rdl 3x10 22kg")
    [asked] = await me.say("/edit")
    assert asked.ask is not None
    ctx = me.app.ctx  # type: ignore[attr-defined]
    request = me.request()
    question = bind_ask(asked.ask, request, ctx, target=request.target, private=True)
    press = claim_answer(question, "bb rdl 3x10 20kg dumbbells", request, ctx)
    assert press.request is not None
    [refused] = await dispatch(press.request, ctx)
    assert refused.text == ASKED + "The entry is unchanged.", refused.text
    assert labels(refused) == ["Edit"]  # a fresh question for the entry as it stands
    assert await _rdl_history(me) == "#1 Romanian deadlift: 3 × 10 @ 22 kg"


async def test_an_older_entry_is_refused_before_any_button_is_offered(me: Chat) -> None:
    await me.say("/log rdl 3x10 22kg")
    await me.say("/log squat 3x5 50kg")
    refused = await one(me, "/edit 1 bb rdl 3x10 20kg dumbbells")
    assert refused.text == ASKED + "Entry #1 is unchanged.", refused.text
    assert labels(refused) == []
    assert await _rdl_history(me) == "#1 Romanian deadlift: 3 × 10 @ 22 kg"

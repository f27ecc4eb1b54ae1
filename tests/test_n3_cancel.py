"""/cancel at a question (n3): typed at the Edit question it said "I don't know /cancel", while the word
"cancel" worked. It closes the question wherever one waits (console, a Telegram reply, a Discord form's
text), and a late answer to the closed question changes nothing."""

from __future__ import annotations

from pathlib import Path

from core.buttons import QUESTION_USED, bind_ask, claim_answer
from core.dispatch import dispatch
from core.messages import Reply
from tests.conftest import Chat
from tests.test_ask import answer as telegram_answer
from tests.test_log_platforms import app, coach, now  # noqa: F401 - fixtures
from tests.test_telegram import USER


def _bound(chat: Chat, reply: Reply) -> str:
    """The question of ``reply`` as an adapter binds it when it sends it."""
    assert reply.ask is not None
    request = chat.request()
    return bind_ask(reply.ask, request, chat.app.ctx, target=request.target, private=True)  # type: ignore[attr-defined]


def _sets(chat: Chat) -> list[tuple[int, float | None]]:
    [entry] = chat.app.ctx.store.entries(chat.user)  # type: ignore[attr-defined]
    return [(s.reps, s.load) for s in entry.sets]


def test_console_cancel_command_at_the_edit_question_cancels(tmp_path: Path) -> None:
    from tests.test_console import run_console

    result = run_console(tmp_path, "/log hip thrust 3x10 80kg\n/edit\n/cancel\n3x10 90kg\n/history\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "I don't know /cancel" not in out, out
    assert "> /cancel\nEdit cancelled. The entry is unchanged." in out, out
    # The question is closed: the next line is not taken for its answer.
    assert "#1 Hip thrust: 3 × 10 @ 80 kg" in out.split("> /history")[-1], out


async def test_cancel_closes_the_edit_question_and_a_late_answer_changes_nothing(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 80kg")
    [asked] = await chat.say("/edit")
    question = _bound(chat, asked)
    [cancelled] = await chat.say("/cancel")
    assert cancelled.text == "Edit cancelled. The entry is unchanged."
    late = claim_answer(question, "3x10 90kg", chat.request(), chat.app.ctx)  # type: ignore[attr-defined]
    assert late.request is None and late.refusal == QUESTION_USED
    assert _sets(chat) == [(10, 80.0)] * 3
    [again] = await chat.say("/cancel")
    assert again.text == "No question of mine is open here, so there is nothing to cancel."


async def test_cancel_typed_into_the_edit_answer_cancels(chat: Chat) -> None:
    """A Discord form takes "/cancel" as the answer's text."""
    await chat.say("/log hip thrust 3x10 80kg")
    [asked] = await chat.say("/edit")
    press = claim_answer(_bound(chat, asked), "/cancel", chat.request(), chat.app.ctx)  # type: ignore[attr-defined]
    assert press.request is not None
    [reply] = await dispatch(press.request, chat.app.ctx)  # type: ignore[attr-defined]
    assert reply.text == "Edit cancelled. The entry is unchanged."
    assert _sets(chat) == [(10, 80.0)] * 3


async def test_cancel_at_the_log_it_question_logs_nothing(chat: Chat) -> None:
    [card] = await chat.say("/explain glute bridge")
    [asked] = await chat.press(card, "Log it")
    for said in ("cancel", "/cancel"):
        press = claim_answer(_bound(chat, asked), said, chat.request(), chat.app.ctx)  # type: ignore[attr-defined]
        assert press.request is not None
        [reply] = await dispatch(press.request, chat.app.ctx)  # type: ignore[attr-defined]
        assert reply.text == "Cancelled: nothing was logged.", said
    _bound(chat, asked)
    [reply] = await chat.say("/cancel")
    assert reply.text == "Cancelled: nothing was logged."
    assert chat.app.ctx.store.entries(chat.user) == []  # type: ignore[attr-defined]


async def test_telegram_cancel_replied_to_the_edit_question_cancels(coach) -> None:  # noqa: F811 - the fixture
    [logged] = await coach.say("/log hip thrust 3x10 80kg")
    [question] = await coach.press(logged, "Edit")
    assert question.force_reply is not None
    [cancelled] = await telegram_answer(coach, question, "/cancel")
    assert cancelled.text == "Edit cancelled. The entry is unchanged."
    [late] = await telegram_answer(coach, question, "3x10 90kg")
    assert late.text == QUESTION_USED
    [entry] = coach.app.store.entries(f"telegram:{USER}")
    assert [(s.reps, s.load) for s in entry.sets] == [(10, 80.0)] * 3

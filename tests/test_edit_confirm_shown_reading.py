"""/edit's Confirm stores the entry its question showed, or asks again, as /log's does: "/edit 3x10
10kg" asked about "Working (3 sets): 3 × 10 @ 10 kg"; with "/log hip thrust 3x10 102.5kg" logged before
the press, Confirm changed the entry and its card said "3 × 10 @ 10 kg count as warm-ups", not what was
confirmed. Now the press shows the entry as it would be stored and asks again; nothing is changed until
that is confirmed. A Confirm without that fingerprint (an older button) is read as before, and one
whose entry itself changed since is refused."""

from __future__ import annotations

import re
from datetime import timedelta

from core.buttons import bind_replies
from core.messages import Button, Reply
from domain.training import SetKind
from tests.conftest import Chat, Clock
from tests.test_log_flow import answer

AGAIN = "Your log changed since I asked, so this would now be stored as below. Is that right?"


def _sets(app) -> list[list[tuple[SetKind, int, float | None]]]:  # noqa: ANN001 - the app fixture
    return [[(s.kind, s.reps, s.load) for s in e.sets] for e in app.store.entries("console:alice")]


WORK_100 = [(SetKind.WORKING, 10, 100.0)] * 3
WORK_102 = [(SetKind.WORKING, 10, 102.5)] * 3


async def _asked_then_heavier(chat: Chat, clock: Clock) -> tuple[Reply, Reply]:
    """The /edit question about a light entry, then a heavier entry logged before its Confirm."""
    await chat.text("/log hip thrust 3x10 100kg yesterday")
    [card] = await chat.say("/log hip thrust 3x10 100kg")
    [asked] = await chat.say("/edit 3x10 10kg")
    assert "Working (3 sets): 3 × 10 @ 10 kg" in asked.text.splitlines(), asked.text
    assert asked.text.endswith("Nothing is stored until you confirm."), asked.text
    clock.now += timedelta(minutes=1)
    await chat.text("/log hip thrust 3x10 102.5kg")
    clock.now += timedelta(minutes=1)
    return card, asked


async def test_an_edit_confirm_whose_entry_now_reads_otherwise_asks_again(
    app, chat: Chat, clock: Clock
) -> None:
    _, asked = await _asked_then_heavier(chat, clock)
    [again] = await chat.press(asked, "Confirm")
    lines = again.text.splitlines()
    assert lines[0] == AGAIN, again.text
    assert "Warm-up (3 sets): 3 × 10 @ 10 kg" in lines and "Working" not in again.text, again.text
    assert lines[-1] == "Nothing is stored until you confirm.", again.text
    assert [b.label for row in again.buttons for b in row] == ["Confirm", "Cancel"]
    assert _sets(app) == [WORK_100, WORK_100, WORK_102]  # nothing changed by the first press
    [changed] = await chat.press(again, "Confirm")
    assert changed.text.startswith("Changed *Hip thrust*: warm-up 3 × 10 @ 10 kg."), changed.text
    assert _sets(app) == [WORK_100, [(SetKind.WARMUP, 10, 10.0)] * 3, WORK_102]


async def test_the_asked_again_confirm_refuses_when_the_entry_itself_changed(
    app, chat: Chat, clock: Clock
) -> None:
    card, asked = await _asked_then_heavier(chat, clock)
    [again] = await chat.press(asked, "Confirm")
    assert again.text.startswith(AGAIN), again.text
    [question] = await chat.press(card, "Edit")  # entry #2 changed after the question was asked again
    [edited] = await answer(chat, question, "3x10 95kg")
    assert edited.text.startswith("Changed *Hip thrust*: 3 × 10 @ 95 kg."), edited.text
    [refused] = await chat.press(again, "Confirm")
    assert refused.text.startswith("Entry #2 changed since I asked, so nothing was changed."), refused.text
    assert refused.buttons == ()
    assert _sets(app) == [WORK_100, [(SetKind.WORKING, 10, 95.0)] * 3, WORK_102]


async def test_an_edit_confirm_without_the_fingerprint_is_read_as_before(
    app, chat: Chat, clock: Clock
) -> None:
    _, asked = await _asked_then_heavier(chat, clock)
    [confirm] = [b for row in asked.buttons for b in row if b.label == "Confirm"]
    [again] = await chat.press(asked, "Confirm")
    assert again.text.startswith(AGAIN), again.text
    # The command as an older reply carried it: the entry's fingerprint, not the one of the edit shown.
    command = re.sub(r" @[0-9a-f]{12} ", " ", confirm.command)
    assert command != confirm.command and command.startswith("/log_confirm #2@"), confirm.command
    [old] = bind_replies([Reply("old", buttons=((Button("old", command),),))], chat.request(), app.ctx)
    [changed] = await chat.press(old, "old")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 10 kg."), changed.text
    assert _sets(app) == [WORK_100, [(SetKind.WORKING, 10, 10.0)] * 3, WORK_102]

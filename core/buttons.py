"""Buttons are pending actions (design.md, "Buttons"): bound before they are sent, checked when pressed.

`bind_buttons` stores each button's command line as a pending action (storage/actions.py) bound to the
account the reply is for, the chat it goes to and an expiry, and puts the action's opaque id on the
button. `claim_press` is every adapter's way in for a press: it checks the presser, the chat and the
expiry (and consumes a single-use action), then hands back the request to dispatch, marked
``via_button``. Commands that only buttons may start are `Command.hidden`; the dispatcher refuses them
typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from core.messages import Ask, Reply, Request, Target
from storage.actions import Action, PendingActions, Spec, Verdict, message_action_id

if TYPE_CHECKING:
    from core.context import Context
    from core.registry import Registry
    from storage.store import Store

NOT_YOURS = "This button isn't yours."
OTHER_CHAT = "This button belongs to another chat."
ALREADY_USED = "This button was already used."
UNKNOWN = "This button no longer works; send the command again."
CANCELLED = "This button no longer works: you cancelled it with /cancel. Send {command} again if you need it."
QUESTION_USED = "That question was already answered."
QUESTION_UNKNOWN = "That question is no longer open; send the command again."

# One set of pending actions per open store, kept beside it in its data folder: handlers and the
# reminder composer reach it through the store they already hold. A new Store (a restart) reads the
# actions back from disk.
_by_store: WeakKeyDictionary[Store, PendingActions] = WeakKeyDictionary()


def pending_actions(store: Store) -> PendingActions:
    actions = _by_store.get(store)
    if actions is None:
        actions = _by_store[store] = PendingActions(store.data_dir)
    return actions


def bind_buttons(
    reply: Reply, *, actions: PendingActions, account: str, target: Target, private: bool, now: datetime
) -> Reply:
    """``reply`` with every button not yet bound stored as a pending action for ``account`` in
    ``target`` (``private``: the reply reaches that user alone)."""
    unbound = [b for row in reply.buttons for b in row if not b.action]
    if not unbound:
        return reply
    ids = iter(
        actions.issue(
            [Spec(b.command, b.ttl_seconds, b.single_use) for b in unbound],
            account=account,
            target=target.key(),
            private=private,
            now=now,
        )
    )
    rows = tuple(tuple(b if b.action else replace(b, action=next(ids)) for b in row) for row in reply.buttons)
    return replace(reply, buttons=rows)


def bind_replies(replies: list[Reply], request: Request, ctx: Context) -> list[Reply]:
    """The dispatcher's step: bind the buttons of a command's replies to the user who sent it."""
    if not any(r.buttons for r in replies):
        return replies
    actions = pending_actions(ctx.store)
    account = request.account or ctx.store.account_of(request.user)
    now = ctx.clock()
    return [
        bind_buttons(
            r,
            actions=actions,
            account=account,
            target=request.target,
            private=r.private or not request.in_group,
            now=now,
        )
        if r.buttons
        else r
        for r in replies
    ]


def origin(registry: Registry, name: str) -> str:
    """The command a user sends to get a fresh button for ``name`` (a button-only command's ``usage``
    names the command that offers it)."""
    command = registry.get(name)
    if command is None:
        return "/help"
    return command.usage if command.hidden and command.usage else f"/{command.name}"


@dataclass(frozen=True)
class Press:
    """A checked press: the request to dispatch, or why nothing happens."""

    request: Request | None
    refusal: str = ""
    single_use: bool = False


def claim_press(action_id: str, presser: Request, ctx: Context) -> Press:
    """Check a press of the button carrying ``action_id`` by ``presser`` (a request with its user, chat
    and display name; command and text are ignored). Synchronous: the check and the consumption of a
    single-use action happen without a chance for a second press in between."""
    return _claim(action_id, presser, ctx, answer=None)


def _claim(action_id: str, presser: Request, ctx: Context, *, answer: str | None, message: str = "") -> Press:
    from core.dispatch import parse_command_line  # dispatch imports this module

    account = ctx.store.account_of(presser.user)
    verdict, action = pending_actions(ctx.store).claim(
        action_id,
        account=account,
        now=ctx.clock(),
        chat_ok=lambda a: _same_chat(a.target, a.private, presser) and a.message == message,
    )
    if verdict is Verdict.UNKNOWN or action is None or bool(action.prompt) != (answer is not None):
        # a question is only answered, never pressed as a button (its command lacks the answer)
        return Press(None, UNKNOWN if answer is None else QUESTION_UNKNOWN)
    line = parse_command_line(action.command)
    if line is None:
        return Press(None, UNKNOWN)
    if answer is not None and verdict is Verdict.USED:
        return Press(None, QUESTION_USED)
    if answer is not None and verdict is Verdict.EXPIRED:
        return Press(None, f"That question has expired; send {origin(ctx.registry, line.name)} again.")
    if verdict is Verdict.NOT_YOURS:
        return Press(None, NOT_YOURS)
    if verdict is Verdict.OTHER_CHAT:
        return Press(None, OTHER_CHAT)
    if verdict is Verdict.USED:
        return Press(None, ALREADY_USED)
    if verdict is Verdict.CANCELLED:
        return Press(None, CANCELLED.format(command=origin(ctx.registry, line.name)))
    if verdict is Verdict.EXPIRED:
        return Press(None, f"This button has expired; send {origin(ctx.registry, line.name)} again.")
    request = Request(
        command=line.name,
        user=presser.user,
        target=presser.target,
        text=f"{line.text} {answer.strip()}".strip() if answer is not None else line.text,
        display_name=presser.display_name,
        in_group=presser.in_group,
        account=account,
        via_button=True,
    )
    return Press(request, single_use=action.single_use)


# -- questions (core.messages.Ask) -------------------------------------------------------------------


def message_key(target: Target, message_id: int | str) -> str:
    """The message a question was asked by, e.g. ``"telegram:42:7"`` (chat 42, message 7)."""
    return f"{target.key()}:{message_id}"


def bind_ask(
    ask: Ask, request: Request, ctx: Context, *, target: Target, private: bool, message: str = ""
) -> str:
    """Store ``ask`` as a single-use pending action for the user of ``request``, asked in ``target``
    (``private``: there only that user sees it), and return its id. ``message`` (see `message_key`)
    binds it to the message that asked, on platforms where the answer is a reply to that message."""
    [action_id] = pending_actions(ctx.store).issue(
        [
            Spec(
                ask.command,
                ask.ttl_seconds,
                single_use=True,
                prompt=ask.prompt,
                placeholder=ask.placeholder,
                title=ask.title,
                label=ask.label,
            )
        ],
        account=request.account or ctx.store.account_of(request.user),
        target=target.key(),
        private=private,
        now=ctx.clock(),
        message=message,
    )
    return action_id


def claim_answer(action_id: str, answer: str, presser: Request, ctx: Context, *, message: str = "") -> Press:
    """Check an answer to the question ``action_id`` by ``presser`` (as `claim_press`) and consume the
    question; the request runs the question's command with the answer appended. ``message``: the
    message the answer replied to (it must be the one that asked)."""
    return _claim(action_id, presser, ctx, answer=answer, message=message)


def answer_to_message(message: str, answer: str, presser: Request, ctx: Context) -> Press | None:
    """A reply to ``message`` (see `message_key`): the checked answer if that message asked a
    question, None if it asked none (an ordinary reply, not ours to handle)."""
    action_id = message_action_id(message)
    action = pending_actions(ctx.store).get(action_id)
    if action is None or action.message != message:
        return None
    return claim_answer(action_id, answer, presser, ctx, message=message)


def open_question(action_id: str, presser: Request, ctx: Context) -> tuple[Action | None, str]:
    """The question ``action_id`` if ``presser`` may answer it now (it is not consumed: showing the
    form is not answering), else None and why not."""
    verdict, action = pending_actions(ctx.store).claim(
        action_id,
        account=ctx.store.account_of(presser.user),
        now=ctx.clock(),
        chat_ok=lambda a: _same_chat(a.target, a.private, presser),
        consume=False,
    )
    if action is None or not action.prompt or verdict is Verdict.UNKNOWN:
        return None, QUESTION_UNKNOWN
    refusal = {
        Verdict.NOT_YOURS: NOT_YOURS,
        Verdict.OTHER_CHAT: OTHER_CHAT,
        Verdict.USED: QUESTION_USED,
        Verdict.CANCELLED: QUESTION_USED,
        Verdict.EXPIRED: QUESTION_UNKNOWN,
    }.get(verdict)
    return (None, refusal) if refusal else (action, "")


def close_questions(
    request: Request, ctx: Context, choice: Callable[[Action], bool] = lambda _a: False
) -> list[Action]:
    """/cancel: the questions still open for the user of ``request`` in its chat (as an answer from
    there would be accepted), closed so that a late answer changes nothing; ``choice`` picks the
    single-use buttons that ask a question too (a confirmation, a choice), closed with their reply's
    other buttons, so a late press says it no longer works."""
    return pending_actions(ctx.store).close_questions(
        request.account or ctx.store.account_of(request.user),
        ctx.clock(),
        lambda a: _same_chat(a.target, a.private, request),
        choice,
    )


def _same_chat(bound_key: str, private: bool, presser: Request) -> bool:
    """The press comes from the chat the button was sent to. A private reply to a group command is
    sent to the user's own chat (Telegram) or as an ephemeral message (Discord), so for those the
    user's private chat on the same platform counts too. Discord keys a user's view of a shared channel
    as ``channel@user``; the user is already checked, so only the channel is compared."""
    try:
        bound = Target.parse(bound_key)
    except ValueError:
        return False
    if bound.platform != presser.target.platform:
        return False
    if private and not presser.in_group:
        return True
    return bound.channel == presser.target.channel

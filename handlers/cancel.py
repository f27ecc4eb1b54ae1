"""/cancel: close what I am asking here, a typed question (/edit's sets, "Log it") or a question asked
with buttons (the /deleteme and "/unremind all" confirmations, which zone /timezone IST means, whether
/log's "@8" is 8 kg or RPE 8, which unit you log in after picking a set-up in the other), and say what
was cancelled. A late answer or press then changes nothing: the buttons say they no longer work."""

from __future__ import annotations

from core.buttons import close_questions
from core.context import Context
from core.dispatch import parse_command_line
from core.messages import Reply, Request
from handlers.logbook import EDIT_CANCELLED, LOG_CANCELLED
from storage.actions import Action

NOTHING_OPEN = "No question of mine is open here, so there is nothing to cancel."

# What a question is about, by the command its answer runs, and what /cancel leaves as it was. A
# single-use button running one of these asks a question (its reply's other buttons are the other
# answers); an Undo or "Level up" under a card does not, and /cancel leaves those alone.
_KEPT: dict[str, str] = {
    "edit_entry": "/edit: the entry is unchanged",
    "log": "/log: nothing was logged",
    "log_confirm": "/log: nothing was logged",
    "log_cancel": "/log: nothing was logged",
    "deleteme_confirm": "/deleteme: nothing was deleted",
    "deleteme_cancel": "/deleteme: nothing was deleted",
    "unremind_all_confirm": "/unremind all: your reminder schedules are kept",
    "unremind_all_cancel": "/unremind all: your reminder schedules are kept",
    "timezone": "/timezone: your timezone is unchanged",
    "units_choose": "/equipment's unit question: your units are unchanged",
    "equipment": "/equipment: your set-up is unchanged",
    "delete_confirm": "/delete: the entry is kept",
    "delete_cancel": "/delete: the entry is kept",
    "remind_replace": "/remind: the reminder is not replaced",
    "import_apply": "/import: nothing was stored",
    "import_unit": "/import: nothing was stored",
    "import_cancel": "/import: nothing was stored",
}


def _name(action: Action) -> str:
    line = parse_command_line(action.command)
    return line.name if line is not None else ""


def _asks(action: Action) -> bool:
    """A single-use button that answers a question. "/log_confirm !undo …" is a card's Undo (under
    an edit), not a question."""
    line = parse_command_line(action.command)
    if line is None or line.name not in _KEPT:
        return False
    return not (line.name == "log_confirm" and line.text.startswith("!"))


async def cancel(request: Request, ctx: Context) -> Reply:
    closed = close_questions(request, ctx, _asks)
    if not closed:
        return Reply(NOTHING_OPEN)
    kept = list(dict.fromkeys(_KEPT.get(_name(a), "nothing was changed") for a in closed))
    # The texts /edit's and "Log it"'s own "cancel" answers give, for those alone.
    if kept == [_KEPT["edit_entry"]]:
        return Reply(EDIT_CANCELLED)
    if kept == [_KEPT["log"]]:
        return Reply(LOG_CANCELLED)
    return Reply(f"Cancelled {'; '.join(kept)}.")

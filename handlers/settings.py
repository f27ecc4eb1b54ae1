"""/settings: every push a user has, each with a button that switches it off (or, for one switched off,
back on).

Pushes come in kinds (reminder schedules; rest timers, recaps and nudges add theirs): each kind is a
`PushKind` registered once with `register_push_kind`, which lists a user's pushes of that kind as
`PushLine` lines (a label, a state, the command that switches it off). /settings shows them all; the
buttons are bound to the user like every button (core.buttons), so they act for that user only, and
they run the same command as typing it would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coaching.schedparse import describe_gap
from core.context import Context
from core.markup import esc
from core.messages import Button, ButtonStyle, Reply, Request
from handlers import session
from handlers.remind import marked, when
from handlers.reminder_texts import passed_fix
from reminders.occurrences import one_off_passed

__all__ = ["PushLine", "PushKind", "register_push_kind", "push_kinds", "settings"]


@dataclass(frozen=True)
class PushLine:
    label: str  # "Reminder #1: Mon, Wed, Fri at 18:00"
    state: str  # "on", "paused: ...", "Sunday 18:00"
    off_command: str  # the command line a press runs, e.g. "/remind off 1"
    off_label: str = "Turn off"
    style: ButtonStyle = "danger"  # the button's look: "primary" for a "Turn on"


@dataclass(frozen=True)
class PushKind:
    name: str  # "reminders"
    title: str  # "Reminders"
    pushes: Callable[[Request, Context], list[PushLine]]  # the user's pushes of this kind that are on


_KINDS: dict[str, PushKind] = {}


def register_push_kind(kind: PushKind) -> None:
    """Add a kind of push to /settings (re-registering a name replaces it: module reloads in tests)."""
    _KINDS[kind.name] = kind


def push_kinds() -> list[PushKind]:
    return list(_KINDS.values())


def _reminders(request: Request, ctx: Context) -> list[PushLine]:
    pushes = []
    for s in ctx.store.schedules(request.account):
        if s.done:
            continue
        label = (
            f"Reminder #{s.id}: {when(s, ctx.clock())} ({esc(s.timezone)}), lift {describe_gap(s.gap)} later"
        )
        if s.off:
            # Kept while off, so it can come back with its days, time and gap.
            pushes.append(PushLine(label, "off", f"/remind on {marked(s)}", f"Turn on #{s.id}", "primary"))
            continue
        if one_off_passed(s, ctx.clock()):
            state = f"passed, it will not come ({passed_fix(s)})"  # as /reminders says it
        elif s.paused:
            state = "paused: I couldn't reach you privately"
        else:
            state = "on"
        pushes.append(PushLine(label, state, f"/remind off {marked(s)}", f"Turn off #{s.id}"))
    return pushes


register_push_kind(PushKind("reminders", "Reminders", _reminders))


def _in_the_gym(request: Request, ctx: Context) -> list[PushLine]:
    return [PushLine(*line) for line in session.settings_pushes(request, ctx)]


register_push_kind(PushKind("session", "Rest timer, recap and nudges", _in_the_gym))

MAX_BUTTONS = 20  # one per push (20 schedules at most); Discord fits 25
PER_ROW = 4


async def settings(request: Request, ctx: Context) -> Reply:
    lines: list[str] = []
    buttons: list[Button] = []
    for kind in push_kinds():
        pushes = kind.pushes(request, ctx)
        if not pushes:
            continue
        lines.append(f"*{esc(kind.title)}*")
        for push in pushes:
            lines.append(f"• {push.label}: {esc(push.state)}")
            if len(buttons) < MAX_BUTTONS:
                # Not single-use: those of one reply are consumed together, and each push has its own.
                buttons.append(Button(push.off_label, push.off_command, style=push.style))
    profile = ctx.store.profile(request.account)
    footer = f"Timezone {esc(profile.timezone)} (/timezone), units {profile.units} (/units)."
    if not lines:
        return Reply(
            "Nothing is switched on: I send you nothing unprompted. "
            "Set a reminder with /remind mon,wed,fri 18:00 or /remind tomorrow 6:30pm, a weekly recap "
            "with /recap on, or nudges with /goal 3.\n" + footer,
            title="Your pushes",
        )
    return Reply(
        "\n".join(lines)
        + "\n\nEach button switches one off; a reminder switched off stays listed to switch back on, "
        "and /recap on or /nudges on bring those back.\n" + footer,
        title="Your pushes",
        # Rows of four: Discord shows at most 5 rows of 5, so 20 buttons all fit.
        buttons=tuple(tuple(buttons[i : i + PER_ROW]) for i in range(0, len(buttons), PER_ROW)),
    )

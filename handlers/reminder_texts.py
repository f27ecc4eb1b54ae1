"""The two reminder messages, activate then lift, built from the same plan as /plan. They are replies,
so they live with the handlers; bot.py hands them to the reminder service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from coaching.targets import format_target
from content.library import Library
from core.buttons import bind_buttons, pending_actions
from core.context import utc_now
from core.messages import Button, Reply
from core.messages import Target as MsgTarget
from handlers.plan import activation_section, main_lift
from storage.models import LogEntry, Profile, Schedule
from storage.store import Store

LIFT_DONE_LABEL = "Activation done — start lifting"


class ReminderTexts:
    """The reminder service's composer: both messages come from the same plan as /plan."""

    def __init__(self, store: Store, library: Library, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.library = library
        self.clock = clock

    def _bound(self, schedule: Schedule, reply: Reply) -> Reply:
        """A push's buttons are the schedule owner's: bound to them, where the push goes."""
        return bind_buttons(
            reply,
            actions=pending_actions(self.store),
            account=schedule.account,
            target=MsgTarget.parse(schedule.target),
            private=True,
            now=self.clock(),
        )

    def _state(self, schedule: Schedule) -> tuple[Profile, list[LogEntry]]:
        return self.store.profile(schedule.account), self.store.entries(schedule.account)

    def activation(self, schedule: Schedule, occurrence: str) -> Reply:
        profile, entries = self._state(schedule)
        section = activation_section(self.library, entries, profile)
        text = (
            f"{self.library.text('activation_reminder')}\n\n{section.body}\n\n"
            f"The lift follows in {schedule.gap} min, or tap the button when you are ready."
        )
        button = Button(
            LIFT_DONE_LABEL, f"/lift_now {schedule.id} {occurrence}", style="success", single_use=True
        )
        return self._bound(schedule, Reply(text, title="Time to activate", buttons=((button,),)))

    def lift(self, schedule: Schedule, occurrence: str) -> Reply:
        profile, entries = self._state(schedule)
        lift = main_lift(self.library, entries, profile)
        text = (
            f"{self.library.text('lift_reminder')}\n\n*{lift.exercise.name}*: {format_target(lift.target)}\n"
            f"{lift.target.change}\n\nLog it when done, e.g. /log {lift.exercise.name.lower()} "
            f"{len(lift.target.reps)}x{lift.target.reps[0]}"
            + (f" {lift.target.weight:g}{lift.target.unit}" if lift.target.weight else "")
        )
        return self._bound(
            schedule,
            Reply(
                text,
                title="Time to lift",
                buttons=((Button(f"How to: {lift.exercise.name}", f"/explain {lift.exercise.id}"),),),
            ),
        )

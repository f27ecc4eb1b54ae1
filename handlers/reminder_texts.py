"""The two reminder messages, activate then lift, built from the same plan as /plan. They are replies,
so they live with the handlers; bot.py hands them to the reminder service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from coaching.schedparse import describe_days, describe_gap
from content.library import Exercise, Library
from core.buttons import bind_buttons, pending_actions
from core.context import utc_now
from core.messages import Button, Reply
from core.messages import Target as MsgTarget
from domain.training import Entry
from handlers.plan import (
    Today,
    activation_of,
    activation_section,
    first_worked,
    lift_body,
    log_example,
    main_of,
    today,
)
from reminders.occurrences import from_iso, zone
from storage.models import Profile, Schedule
from storage.store import Store

LIFT_DONE_LABEL = "Activation done — start lifting"


YEAR_AFTER_DAYS = 183  # a date further than about six months from today is shown with its year


def day_text(day: date, today: date | None = None) -> str:
    """ "Wed 02 Dec", or "Wed 01 Dec 2027" when ``day`` is not within about six months of ``today``
    (a date a year ahead must not read as this year's)."""
    shown = day.strftime("%a %d %b")
    if today is not None and abs((day - today).days) > YEAR_AFTER_DAYS:
        shown += f" {day.year}"
    return shown


def local_today(schedule: Schedule, now: datetime) -> date | None:
    """Today in the schedule's zone (None for a zone that no longer loads)."""
    try:
        return now.astimezone(zone(schedule.timezone)).date()
    except ValueError:
        return None


def when(schedule: Schedule, now: datetime | None = None) -> str:
    """ "Mon, Wed, Fri at 18:00" or "one-off on Thu 26 Nov at 18:30" (with the year when ``now`` is
    given and the date is far from it)."""
    if schedule.once:
        try:
            day = date.fromisoformat(schedule.once)
        except ValueError:
            return f"one-off on {schedule.once} at {schedule.time}"
        today = local_today(schedule, now) if now is not None else None
        return f"one-off on {day_text(day, today)} at {schedule.time}"
    return f"{describe_days(schedule.days)} at {schedule.time}"


def passed_fix(schedule: Schedule) -> str:
    """How to deal with a one-off whose time has passed: remove it, or move it ahead."""
    return f"/unremind {schedule.id} removes it; /remind edit {schedule.id} tomorrow {schedule.time} moves it"


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

    def _state(self, schedule: Schedule) -> tuple[Profile, list[Entry], Today]:
        profile = self.store.profile(schedule.account)
        entries: list[Entry] = self.store.entries(schedule.account)
        return profile, entries, today(profile, entries, self.library, self.clock())

    def _told_done(self, schedule: Schedule, profile: Profile, entries: list[Entry], t: Today) -> bool:
        """Another reminder of the account fired since the day's main lift was first logged, so that
        one said "Lift done today" (or one before it did): hip thrust logged at 09:00 and reminders at
        18:00 and 19:00, the 18:00 one says so and the 19:00 one nothing; more sets at 18:30 change
        nothing. Read from what is kept already: the log and the activations the service claimed
        (`Schedule.last_activation_at`, the instant each was due)."""
        logged = first_worked(entries, profile, self.clock(), main_of(t)[0].id)
        if logged is None:
            return False
        for other in self.store.schedules(schedule.account):
            fired = from_iso(other.last_activation_at)
            if other.id != schedule.id and fired is not None and fired >= logged:
                return True
        return False

    def _done_today(self, schedule: Schedule, profile: Profile, t: Today) -> Reply:
        """The activation push when the day's main lift is logged already (trained before the reminder
        came): said done, with next time's target as /plan shows it, and no call to warm up or lift (nor
        a lift push after it: `lift`)."""
        exercise, target = main_of(t)
        body = lift_body(exercise, target, t, self.library, profile, done=True)
        text = f"You logged *{exercise.name}* today already: nothing more to do for this reminder.\n\n{body}"
        return self._bound(schedule, Reply(text, title="Lift done today"))

    def activation(self, schedule: Schedule, occurrence: str) -> Reply | None:
        """The activation push; on a day the main lift is logged, the "Lift done today" message instead,
        or None when another reminder said so already today (`_told_done`: once a day is enough)."""
        profile, entries, t = self._state(schedule)
        if _lift_done(t):
            return (
                None
                if self._told_done(schedule, profile, entries, t)
                else self._done_today(schedule, profile, t)
            )
        section = activation_section(t, self.library)
        # "Mini band on" only with a band in the kit (/plan's walks without one: `Today.unbanded`).
        banded = any(e.id not in t.unbanded for e, _ in activation_of(t))
        opening = self.library.text("activation_reminder" if banded else "activation_reminder_no_band")
        text = (
            f"{opening}\n\n{section.body}\n\n"
            f"The lift follows in {describe_gap(schedule.gap)}, or tap the button when you are ready."
        )
        button = Button(
            LIFT_DONE_LABEL, f"/lift_now {schedule.id} {occurrence}", style="success", single_use=True
        )
        return self._bound(schedule, Reply(text, title="Time to activate", buttons=((button,),)))

    def lift(self, schedule: Schedule, occurrence: str) -> Reply | None:
        profile, _entries, t = self._state(schedule)
        if _lift_done(t):
            return None  # logged today: the activation push said so, once is enough
        exercise, target = main_of(t)
        # The same target and warm-up ramp as /plan's main lift.
        body = lift_body(exercise, target, t, self.library, profile)
        # /plan's example: a load per set (3x11 80kg, 2x9 90kg) reads back as the same sets.
        example = log_example(exercise, target, t.kit, exercise.id in t.sided)
        text = f"{self.library.text('lift_reminder')}\n\n{body}\n\nLog it when done, e.g. {example}"
        return self._bound(
            schedule,
            Reply(
                text,
                title="Time to lift",
                buttons=((Button(f"How to: {exercise.name}", f"/explain {exercise.id}"),),),
            ),
        )


def lift_done_today(store: Store, library: Library, account: str, now: datetime) -> Exercise | None:
    """Today's main lift when its work is logged already (`_lift_done`, as the reminders read it), else
    None: /remind says a reminder set for later today has nothing to call for."""
    t = today(store.profile(account), store.entries(account), library, now)
    return main_of(t)[0] if _lift_done(t) else None


def _lift_done(t: Today) -> bool:
    """The day's main lift has work logged today (`Today.worked`): both pushes say so, once."""
    return main_of(t)[0].id in t.worked

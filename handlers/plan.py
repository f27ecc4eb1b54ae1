"""Today's session (/plan) and the two reminder messages built from it: activate, then lift."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from coaching.progression import Target, next_target
from content.library import Exercise, Library
from core.buttons import bind_buttons, pending_actions
from core.context import Context, utc_now
from core.messages import Button, Reply, Request, Section
from core.messages import Target as MsgTarget
from storage.chronology import chronological
from storage.models import LogEntry, Profile, Schedule
from storage.store import Store

ACTIVATION_IDS = ("sumo_walk", "monster_walk")
LIFT_DONE_LABEL = "Activation done — start lifting"


def format_target(target: Target) -> str:
    reps = target.reps
    sets = f"{len(reps)} × {reps[0]}" if len(set(reps)) == 1 else ", ".join(map(str, reps))
    if target.band:
        return f"{sets} steps each way, band at the {target.band}"
    if target.weight is None:
        return f"{sets} reps"
    return f"{sets} @ {target.weight:g} {target.unit}"


@dataclass(frozen=True)
class Prescription:
    exercise: Exercise
    target: Target


def _last(entries: list[LogEntry], exercise_id: str) -> LogEntry | None:
    for entry in reversed(chronological(entries)):
        if entry.exercise == exercise_id:
            return entry
    return None


def prescribe(
    exercise: Exercise, entries: list[LogEntry], profile: Profile, library: Library
) -> Prescription:
    last = _last(entries, exercise.id)
    unit = last.unit if last and last.unit else profile.units
    step = exercise.load_step_lb if unit == "lb" else exercise.load_step_kg
    level_band = exercise.level(profile.level).band if exercise.category == "activation" else None
    target = next_target(
        last,
        rep_range=exercise.rep_range,
        sets=exercise.sets,
        load_step=step,
        loaded=exercise.loaded,
        unit=unit,
        activation=exercise.category == "activation",
        level_band=level_band,
    )
    if last is None and exercise.loaded and profile.level == "beginner":
        # New movement patterns start unloaded, small range, rhythmic (the level-based progression).
        target = replace(target, weight=None, unit=None, change=library.text("beginner_start"))
    return Prescription(exercise, target)


def _pick(lib: Library, entries: list[LogEntry], category: str, default: str) -> Exercise:
    """The lift the user has been progressing (their most recent in the category), else a default."""
    for entry in reversed(entries):
        exercise = lib.exercises.get(entry.exercise)
        if exercise is not None and exercise.category == category:
            return exercise
    return lib.exercises[default]


def main_lift(lib: Library, entries: list[LogEntry], profile: Profile) -> Prescription:
    default = "glute_bridge" if profile.level == "beginner" else "hip_thrust"
    return prescribe(_pick(lib, entries, "glute_lift", default), entries, profile, lib)


def activation_section(lib: Library, entries: list[LogEntry], profile: Profile) -> Section:
    lines = []
    for exercise_id in ACTIVATION_IDS:
        p = prescribe(lib.exercises[exercise_id], entries, profile, lib)
        lines.append(f"• *{p.exercise.name}*: {format_target(p.target)}")
    cue = lib.exercises["sumo_walk"].cues[0]
    return Section("1. Activate", "\n".join(lines) + f"\nKey cue: {cue}")


def lift_section(p: Prescription, title: str = "2. Main lift") -> Section:
    return Section(title, f"*{p.exercise.name}*: {format_target(p.target)}\n{p.target.change}")


async def plan(request: Request, ctx: Context) -> Reply:
    profile = ctx.store.profile(request.account)
    entries = ctx.store.entries(request.account)
    lib = ctx.library
    lift = main_lift(lib, entries, profile)
    compound = prescribe(_pick(lib, entries, "compound", "back_squat"), entries, profile, lib)
    sections = (
        activation_section(lib, entries, profile),
        lift_section(lift),
        lift_section(compound, "3. Optional compound"),
    )
    note = (
        f"Level: {profile.level} (change with /level). One variable at a time, form first. "
        "Log what you did with /log, e.g. /log hip thrust 3x10 80kg."
    )
    buttons = ((Button(f"How to: {lift.exercise.name}", f"/explain {lift.exercise.id}"),),)
    return Reply(note, title="Today's session", sections=sections, buttons=buttons)


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

"""Today's prescription: which lift, and its next target. Pure, on domain types.

The exercises come in as :class:`domain.exercise.ExerciseSpec` values (the library's exercises satisfy
it), so coaching never imports the content layer; what to say is the handlers' business.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from domain.exercise import ExerciseSpec
from domain.log import LogEntry, chronological

from .progression import Target, next_target

__all__ = [
    "ACTIVATION_IDS",
    "Prescription",
    "compound_of",
    "format_target",
    "main_lift_of",
    "pick",
    "prescribe",
]

E = TypeVar("E", bound=ExerciseSpec)

# The two band walks of every session's activation block, in order.
ACTIVATION_IDS = ("sumo_walk", "monster_walk")


def format_target(target: Target) -> str:
    reps = target.reps
    sets = f"{len(reps)} × {reps[0]}" if len(set(reps)) == 1 else ", ".join(map(str, reps))
    if target.band:
        return f"{sets} steps each way, band at the {target.band}"
    if target.weight is None:
        return f"{sets} reps"
    return f"{sets} @ {target.weight:g} {target.unit}"


@dataclass(frozen=True)
class Prescription(Generic[E]):
    exercise: E
    target: Target


def _last(entries: Sequence[LogEntry], exercise_id: str) -> LogEntry | None:
    for entry in reversed(chronological(entries)):
        if entry.exercise == exercise_id:
            return entry
    return None


def prescribe(
    exercise: E, entries: Sequence[LogEntry], *, units: str, level: str, beginner_start: str
) -> Prescription[E]:
    """The next target for ``exercise`` from the lifter's log (``units`` and ``level`` are theirs).

    ``beginner_start`` is the change note for a beginner's first loaded session, which starts unloaded.
    """
    last = _last(entries, exercise.id)
    unit = last.unit if last and last.unit else units
    step = exercise.load_step_lb if unit == "lb" else exercise.load_step_kg
    activation = exercise.category == "activation"
    target = next_target(
        last,
        rep_range=exercise.rep_range,
        sets=exercise.sets,
        load_step=step,
        loaded=exercise.loaded,
        unit=unit,
        activation=activation,
        level_band=exercise.level(level).band if activation else None,
    )
    if last is None and exercise.loaded and level == "beginner":
        # New movement patterns start unloaded, small range, rhythmic (the level-based progression).
        target = replace(target, weight=None, unit=None, change=beginner_start)
    return Prescription(exercise, target)


def pick(exercises: Mapping[str, E], entries: Sequence[LogEntry], category: str, default: str) -> E:
    """The lift the user has been progressing (their most recent in the category), else a default."""
    for entry in reversed(entries):
        exercise = exercises.get(entry.exercise)
        if exercise is not None and exercise.category == category:
            return exercise
    return exercises[default]


def main_lift_of(exercises: Mapping[str, E], entries: Sequence[LogEntry], level: str) -> E:
    """The session's glute lift: a beginner starts on the bridge, everyone else on the hip thrust."""
    return pick(exercises, entries, "glute_lift", "glute_bridge" if level == "beginner" else "hip_thrust")


def compound_of(exercises: Mapping[str, E], entries: Sequence[LogEntry]) -> E:
    """The session's optional compound lift."""
    return pick(exercises, entries, "compound", "back_squat")

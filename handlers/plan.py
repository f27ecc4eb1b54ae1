"""Today's session (/plan): activate, main lift, optional compound. The prescription rules are in
coaching/targets.py; this module turns them into replies."""

from __future__ import annotations

from collections.abc import Sequence

from coaching.targets import (
    ACTIVATION_IDS,
    Prescription,
    compound_of,
    format_target,
    main_lift_of,
    prescribe,
)
from content.library import Exercise, Library
from core.context import Context
from core.messages import Button, Reply, Request, Section
from domain.log import LogEntry
from storage.models import Profile


def prescribe_for(
    exercise: Exercise, entries: Sequence[LogEntry], profile: Profile, library: Library
) -> Prescription[Exercise]:
    """The next target for ``exercise``, for this lifter, with the library's wording."""
    return prescribe(
        exercise,
        entries,
        units=profile.units,
        level=profile.level,
        beginner_start=library.text("beginner_start"),
    )


def main_lift(lib: Library, entries: Sequence[LogEntry], profile: Profile) -> Prescription[Exercise]:
    return prescribe_for(main_lift_of(lib.exercises, entries, profile.level), entries, profile, lib)


def activation_section(lib: Library, entries: Sequence[LogEntry], profile: Profile) -> Section:
    lines = []
    for exercise_id in ACTIVATION_IDS:
        p = prescribe_for(lib.exercises[exercise_id], entries, profile, lib)
        lines.append(f"• *{p.exercise.name}*: {format_target(p.target)}")
    cue = lib.exercises["sumo_walk"].cues[0]
    return Section("1. Activate", "\n".join(lines) + f"\nKey cue: {cue}")


def lift_section(p: Prescription[Exercise], title: str = "2. Main lift") -> Section:
    return Section(title, f"*{p.exercise.name}*: {format_target(p.target)}\n{p.target.change}")


async def plan(request: Request, ctx: Context) -> Reply:
    profile = ctx.store.profile(request.account)
    entries = ctx.store.entries(request.account)
    lib = ctx.library
    lift = main_lift(lib, entries, profile)
    compound = prescribe_for(compound_of(lib.exercises, entries), entries, profile, lib)
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

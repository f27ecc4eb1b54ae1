"""/program: glute-focused templates by level and days per week; start one; see where you are.

The templates and the block arithmetic are coaching/programs.py; /plan follows the started program
(handlers/plan.py). A program is stored on the profile as "name@start date".
"""

from __future__ import annotations

from dataclasses import replace

from coaching.programs import PROGRAMS, Program, programs_for
from core.context import Context
from core.markup import esc
from core.messages import Button, Reply, Request
from domain.levels import LEVELS
from handlers.plan import loads_a_lift, local_day, program_level, program_of, today, where_text

EXAMPLE = "/program start intermediate-3"


def _line(program: Program) -> str:
    days = ", ".join(d.name for d in program.days)
    return f"• *{program.name}*: {program.days_per_week} days a week ({days}), blocks of {program.block_weeks} weeks"


def listing(level: str | None = None) -> str:
    parts = []
    for lvl in LEVELS:
        if level is not None and lvl != level:
            continue
        parts.append(f"*{lvl.capitalize()}*\n" + "\n".join(_line(p) for p in programs_for(lvl)))
    how = (
        "Every day: activation, one main glute lift, a compound or multi-directional lift, an accessory. "
        "The last week of each block is lighter, once you trained a third of the days before it. "
        f"Start one with /program start and its name, e.g. {EXAMPLE}."
    )
    return "\n\n".join([*parts, how])


def _start_buttons(level: str) -> tuple[tuple[Button, ...], ...]:
    return (tuple(Button(f"Start {p.name}", f"/program start {p.name}") for p in programs_for(level)),)  # type: ignore[arg-type]


def _level_mismatch(chosen: Program, level: str, ctx: Context, loads: bool) -> str:
    """What to say when the program is for another level than the user's /level ("" when it is theirs):
    /plan coaches each lift at the user's level (the activation band, new lifts unloaded or loaded), so
    an advanced program at beginner level mixes the two without it. ``loads``: the user already loads a
    lift (`loads_a_lift`), so a new bar lift starts with the empty bar, as /plan says."""
    if chosen.level == level:
        return ""
    band = ctx.library.exercises["sumo_walk"].level(level).band
    how = "new lifts start unloaded" if level == "beginner" else "new multi-directional lifts unloaded"
    if level == "beginner" and loads:
        how = "new bar lifts start with the empty bar, the others unloaded"
    if level == "advanced":
        how = "multi-directional lifts loaded"
    return (
        f"\n\nThis is {'an' if chosen.level[0] in 'aeiou' else 'a'} {chosen.level} program and your level is "
        f"{level}, so /plan coaches its lifts at {level} level: band at the {band}, {how}. "
        f"To train it at its level, set /level {chosen.level}."
    )


async def program(request: Request, ctx: Context) -> Reply:
    profile = ctx.store.profile(request.account)
    words = request.text.lower().split()
    level = program_level(profile)
    if not words:
        if not profile.program:
            return Reply(
                f"You have not started a program; /plan follows {program_of(profile)[0].name}, the 3-day one "
                "for your level.\n\n" + listing(),
                title="Programs",
                buttons=_start_buttons(level),
            )
        t = today(profile, ctx.store.entries(request.account), ctx.library, ctx.clock())
        return Reply(
            f"{esc(where_text(t))}\n/plan shows today's session; /program list shows the others.",
            title=f"Your program: {t.program.name}",
        )
    if words[0] == "list":
        return Reply(listing(), title="Programs", buttons=_start_buttons(level))
    if words[0] in LEVELS:
        return Reply(listing(words[0]), title="Programs", buttons=_start_buttons(words[0]))
    if words[0] in ("start", "restart"):
        name = words[1] if len(words) == 2 else ""  # extra words are a typo, not ignored
        if name not in PROGRAMS:
            names = ", ".join(PROGRAMS)
            return Reply(f"Which program? The names are: {names}. For example {EXAMPLE}.")
        if words[0] == "start" and profile.program.partition("@")[0] == name:
            # Starting again would silently put the user back to day 1: only an explicit restart does.
            t = today(profile, ctx.store.entries(request.account), ctx.library, ctx.clock())
            return Reply(
                f"You're already on {name} (block {t.week.block}, week {t.week.week_in_block}, day "
                f"{t.day + 1} of {len(t.program.days)}). /program restart {name} starts it over from day 1.",
                buttons=((Button("Today's plan", "/plan"),),),
            )
        started = local_day(ctx.clock(), profile)
        ctx.store.save_profile(replace(profile, program=f"{name}@{started.isoformat()}"))
        chosen = PROGRAMS[name]
        day = ", ".join(d.name for d in chosen.days)
        buttons: list[tuple[Button, ...]] = [(Button("Today's plan", "/plan"),)]
        loads = chosen.level != profile.level and loads_a_lift(ctx.store.entries(request.account))
        mismatch = _level_mismatch(chosen, profile.level, ctx, loads)
        if mismatch:
            # One press sets /level to the program's (the user confirms it; nothing changes unasked).
            buttons.append((Button(f"Set my level to {chosen.level}", f"/level {chosen.level}"),))
        return Reply(
            f"Started *{esc(chosen.title.lower()).capitalize()}* ({name}) today: {day}, in rotation. "
            f"Blocks of {chosen.block_weeks} weeks, the last one lighter. /plan shows today's session."
            + mismatch,
            buttons=tuple(buttons),
        )
    return Reply(
        f"I know /program, /program list, /program start and /program restart with a name, e.g. {EXAMPLE}."
    )

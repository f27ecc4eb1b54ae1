"""Explain: the coaching library (/start, /help, /exercises, /explain, /anatomy, /research, /approach)."""

from __future__ import annotations

from functools import lru_cache

from coaching.logparse import example_in, log_forms
from content.library import SOURCE_KINDS, Exercise, Library, Study
from core.context import Context
from core.markup import esc
from core.messages import Ask, Button, Reply, Request, Section
from domain.levels import LEVELS
from domain.training import Entry, LoggedSet
from domain.units import Unit
from handlers import link

CATEGORY_LABELS = {
    "activation": "Activation",
    "glute_lift": "Glute lifts",
    "compound": "Compound lifts",
    "accessory": "Accessories",
}


def category_names() -> str:
    """The categories as people read them: "Activation, Glute lifts, Compound lifts or Accessories"."""
    labels = list(CATEGORY_LABELS.values())
    return f"{', '.join(labels[:-1])} or {labels[-1]}"


def _bullets(items: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def _numbered(items: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))


def _grid(buttons: list[Button], per_row: int = 2) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


def explain_button(exercise: Exercise) -> Button:
    return Button(exercise.name, f"/explain {exercise.id}")


async def start(request: Request, ctx: Context) -> Reply:
    # A Telegram deep link from /link arrives as "/start link-<code>": link the accounts instead.
    linked = await link.from_start(request, ctx)
    if linked is not None:
        return linked
    lib = ctx.library
    intro = lib.text("start")
    if request.display_name and intro.startswith("Hi,"):
        intro = f"Hi {esc(request.display_name)},{intro[3:]}"
    text = f"{intro}\n\n_{lib.text('disclaimer')}_"
    # The experience question: each button sets the starting level (/level), which /plan follows.
    text += (
        "\n\nHow much have you trained? Pick one to set your starting level (change it any time with /level)."
    )
    buttons = (
        tuple(Button(level.capitalize(), f"/level {level}") for level in LEVELS),
        (Button("Today's plan", "/plan"), Button("Exercises", "/exercises")),
        (Button("Explain the hip thrust", "/explain hip_thrust"), Button("All commands", "/help")),
    )
    return Reply(text, buttons=buttons)


def _in_unit(text: str, unit: Unit) -> str:
    """A command's help text (written in kg) with its example loads in the lifter's ``unit``, as /log
    and /edit give theirs: "e.g. hip thrust 3x10 185lb" after /units lb."""
    from handlers.commands import LB_HELP  # commands imports this module: imported here

    if unit == "lb" and text in LB_HELP:
        return LB_HELP[text]
    return example_in(text, unit)


async def help_(request: Request, ctx: Context) -> Reply:
    wanted = str(request.args.get("command", "")).strip().lstrip("/").split("@")[0].lower()
    # The registry's texts are the platforms' menus too (one for everyone, in kg); /help is the lifter's.
    unit: Unit = "lb" if ctx.store.profile(request.account).units == "lb" else "kg"
    if wanted:
        command = ctx.registry.get(wanted)
        if command is None or command.hidden:
            return Reply(f"There is no /{esc(wanted[:40])} command. Send /help for the full list.")
        lines = [
            f"*/{command.name}*: {esc(_in_unit(command.description, unit))}",
            f"Example: {esc(_in_unit(command.example, unit))}",
        ]
        if command.params:
            lines.append("")
            for p in command.params:
                need = "" if p.required else " (optional)"
                lines.append(f"• {p.name}{need}: {esc(_in_unit(p.description, unit))}")
        if command.name == "log":
            lines += ["", "Forms I understand:", _bullets([esc(f) for f in log_forms(unit)])]
        return Reply("\n".join(lines))
    lines = ["*Commands*"]
    lines += [f"/{c.name}: {esc(_in_unit(c.description, unit))}" for c in ctx.registry.visible()]
    lines += ["", "Send /help <command> for details, e.g. /help log."]
    return Reply("\n".join(lines))


async def exercises(request: Request, ctx: Context) -> Reply:
    lib: Library = ctx.library
    wanted = str(request.args.get("category", "")).strip()
    if wanted:
        category = lib.find_category(wanted)
        if category is None:
            return Reply(
                f"I don't know the category “{esc(wanted[:60])}”. Try {category_names()}, "
                "e.g. /exercises glute lifts."
            )
        categories = [category]
    else:
        categories = list(CATEGORY_LABELS)
    lines: list[str] = []
    buttons: list[Button] = []
    for category in categories:
        items = lib.exercises_in(category)
        lines.append(f"*{CATEGORY_LABELS[category]}*")
        lines += [f"• {esc(e.name)}: {esc(e.summary)}" if wanted else f"• {esc(e.name)}" for e in items]
        lines.append("")
        buttons += [explain_button(e) for e in items]
    lines.append("Tap an exercise, or send /explain <name>.")
    return Reply("\n".join(lines).strip(), buttons=_grid(buttons))


def _study_label(study: Study) -> str:
    return f"{study.authors} ({study.year})"


def _rest(seconds: int) -> str:
    minutes, left = divmod(seconds, 60)
    if not minutes:
        return f"{seconds} s"
    if not left:
        return f"{minutes} min"
    return f"{minutes} min {left} s"


def _band_note(band: str | None, focus: str) -> str:
    """ " (band at the ankles)" after a level, unless its text already says where the band goes."""
    if not band or band in focus.lower():
        return ""
    return f" (band at the {band})"


def _topic_words(topic: str, studies: list[Study]) -> str:
    """The topic as typed, but an acronym in the sources' capitals: "pap" → "PAP"."""
    wanted = " ".join(topic.split())
    for study in studies:
        for text in (study.topic, study.finding):
            at = text.lower().find(wanted.lower())
            if at >= 0 and text[at : at + len(wanted)].isupper():
                return text[at : at + len(wanted)]
    return wanted.lower()


def _swap_lines(exercise: Exercise, lib: Library) -> list[str]:
    lines = []
    for swap in exercise.swaps:
        target = lib.exercises.get(swap.exercise) if swap.exercise else None
        instead = f"{target.name}: " if target is not None else ""
        lines.append(f"{swap.when} → {instead}{swap.how}")
    return lines


def exercise_reply(exercise: Exercise, lib: Library) -> Reply:
    sections = [
        Section(
            "Muscles",
            f"Prime movers: {', '.join(exercise.prime_movers)}"
            + (f"\nSynergists: {', '.join(exercise.synergists)}" if exercise.synergists else ""),
        ),
        Section("Equipment", ", ".join(exercise.equipment) or "none"),
        Section("How to", _numbered(exercise.steps)),
        Section("Cues", _bullets(exercise.cues)),
        Section("Common mistakes", _bullets(exercise.mistakes)),
        Section(
            "Levels",
            "\n".join(
                f"• {lv.level.capitalize()}: {lv.focus}" + _band_note(lv.band, lv.focus)
                for lv in exercise.levels
            )
            + (f"\n{lib.text('levels_note')}" if exercise.loaded else ""),
        ),
        Section(
            "Progression",
            f"{exercise.sets} sets of {exercise.rep_range[0]}-{exercise.rep_range[1]}"
            + (" steps each way" if exercise.category == "activation" else " reps")
            + f", about {_rest(exercise.rest_seconds)} rest between sets"
            + ". Reach the top of the range on every set with good form, then "
            + (
                f"add {exercise.load_step_kg:g} kg / {exercise.load_step_lb:g} lb."
                if exercise.loaded
                else (
                    "move the band down a position."
                    if exercise.category == "activation"
                    else "move up a level."
                )
            ),
        ),
    ]
    sections.append(Section("Missing equipment?", _bullets(_swap_lines(exercise, lib))))
    if exercise.studies:
        studies = [lib.studies[s] for s in exercise.studies]
        # With its limits, as /research gives them: a small or unpublished study must not read as a fact.
        sections.append(
            Section(
                "Research",
                _bullets(
                    [
                        f"{_study_label(s)}, {SOURCE_KINDS[s.kind]}: {s.headline} _Limits:_ {s.limits}"
                        for s in studies
                    ]
                ),
            )
        )
    buttons = ((Button("Log it", f"/log_start {exercise.id}"), Button("Today's plan", "/plan")),)
    return Reply(exercise.summary, title=exercise.name, sections=tuple(sections), buttons=buttons)


@lru_cache(maxsize=256)
def _card(exercise_id: str, lib: Library) -> Reply:
    """The /explain card, built once per exercise: it is library content only, which never changes
    while the bot runs (and the most asked-for reply). The same object each time also lets the
    adapters' render caches (keyed by content) find it at once."""
    return exercise_reply(lib.exercises[exercise_id], lib)


def _log_text(
    exercise: Exercise,
    reps: tuple[int, ...],
    weight: float | None,
    unit: str | None,
    band: str | None,
    resistance: str | None = None,
    pair: bool = False,
    held: str | None = None,
) -> str:
    """What follows /log for these sets, in a form `coaching.setparse` reads: "hip_thrust 3x10 80kg";
    ``pair``: the load is per hand of a pair of dumbbells ("romanian_deadlift 3x10 2x22kg"); ``held``:
    one dumbbell or kettlebell held, said after the load so the press logs it so ("3x10 24kg dumbbell")."""
    sets = f"{len(reps)}x{reps[0]}" if len(set(reps)) == 1 else ",".join(map(str, reps))
    parts = [exercise.id, sets]
    if weight is not None:
        parts.append(f"{'2x' if pair else ''}{weight:g}{unit or ''}")
        if held and not pair:
            parts.append(held)
    if band:
        parts.append(f"band={band}")
    if resistance:  # the band's strength travels with the button, or the progression past the feet stalls
        parts.append(f"{resistance} band")
    return " ".join(parts)


def _last_sets(
    entry: Entry,
) -> tuple[tuple[int, ...], float | None, str | None, str | None, str | None, bool, str | None]:
    """An entry's reps, load, unit, band, band strength, pair and held implement as `_log_text` takes
    them (the first set's: a pair of dumbbells is logged again as a pair, one dumbbell held as one)."""
    first = entry.sets[0] if entry.sets else LoggedSet(0)
    pair = first.implements == 2 and first.load is not None
    held = first.held.value if first.held else None
    return tuple(s.reps for s in entry.sets), first.load, first.unit, first.band, first.resistance, pair, held


def _example_sets(exercise: Exercise, units: str) -> str:
    """An example answer for this exercise, e.g. "3x10 60kg" or "2x20 band=knees"."""
    if exercise.category == "activation":
        return f"{exercise.sets}x{exercise.rep_range[1]} band=knees"
    sets = f"{exercise.sets}x{exercise.rep_range[0]}"
    return f"{sets} {60 if units == 'kg' else 135}{units}" if exercise.loaded else sets


async def log_start(request: Request, ctx: Context) -> Reply:
    """The "Log it" button under /explain: one tap for the last sets or the next target, or a question
    for the sets ("Other…", and straight away for an exercise never logged). Personal: private in
    groups, like /log itself."""
    from handlers.equipment import user_equipment
    from handlers.logbook import describe_entry, last_to_repeat  # logbook imports plan: imported here
    from handlers.plan import current_week, format_target, load_runs, log_example, target_for

    words = request.text.split()
    exercise = ctx.library.exercises.get(words[0]) if words else None
    if exercise is None:
        return Reply("That exercise is not in the library any more. Send /exercises to pick one.")
    profile = ctx.store.profile(request.account)
    entries = ctx.store.entries(request.account, exercise.id)
    example = _example_sets(exercise, profile.units)
    ask = Ask(
        prompt=f"Sets for {esc(exercise.name)}, e.g. {esc(example)}",
        command=f"/log {exercise.id}",
        placeholder=example,
        title=f"Log {exercise.name}"[:45],
    )
    if not entries or words[1:] == ["other"]:
        return Reply(ask=ask)
    # What /log's `same` repeats: the latest entry with working sets (warm-ups logged after them are
    # not "the last sets", and written out they would be logged as working sets); none, no button.
    last = last_to_repeat(entries)
    rows: list[tuple[Button, ...]] = []
    if last is not None:
        # Sets all alike are written out; a load, kind or band per set (a pyramid, warm-ups) is repeated
        # as /log's `same` repeats it, not written at the first set's load.
        alike = len({(s.load, s.unit, s.kind, s.band, s.side, s.implements, s.held) for s in last.sets}) <= 1
        command = f"/log {_log_text(exercise, *_last_sets(last))}" if alike else f"/log {exercise.id} same"
        rows.append(
            (Button(f"Same as last: {describe_entry(last)}", command, style="primary", single_use=True),)
        )
    # In the lighter week, the lighter target /plan shows.
    target = target_for(exercise, entries, profile, ctx.library, ctx.clock(), week=current_week(ctx, profile))
    line = _log_text(
        exercise,
        target.reps,
        target.load,
        target.unit,
        target.band,
        target.sets[0].resistance if target.sets else None,
        target.pair,
        target.held,
    )
    kit = user_equipment(profile)[1]
    label = f"Next target: {format_target(target, kit, ctx.library)}"
    # A load per set (3 × 11 @ 80 kg, 2 × 9 @ 90 kg): /plan's example line, which logs each at its load.
    command = log_example(exercise, target, kit) if len(load_runs(target)) > 1 else f"/log {line}"
    rows.append((Button(label, command, single_use=True),))
    # not single use: on Discord a press that answers with a modal cannot also remove the buttons
    rows.append((Button("Other…", f"/log_start {exercise.id} other"),))
    return Reply(f"Log *{esc(exercise.name)}*: tap what you did, or Other… to type it.", buttons=tuple(rows))


async def explain(request: Request, ctx: Context) -> Reply:
    lib = ctx.library
    wanted = str(request.args.get("exercise", "")).strip()
    exercise = lib.find_exercise(wanted)
    if exercise is not None:
        return _card(exercise.id, lib)
    close = lib.suggest_exercises(wanted, limit=3)
    hint = ", ".join(esc(e.name) for e in close)
    return Reply(
        f"“{esc(wanted[:60])}” is not in the library."
        + (f" Did you mean: {hint}?" if close else "")
        + " See /exercises for everything I can explain.",
        buttons=_grid([explain_button(e) for e in close], per_row=3),
    )


async def anatomy(request: Request, ctx: Context) -> Reply:
    lib = ctx.library
    wanted = str(request.args.get("muscle", "")).strip()
    if wanted:
        muscle = lib.find_muscle(wanted)
        if muscle is None:
            return Reply(
                f"I don't know the muscle “{esc(wanted[:60])}”. Try maximus, medius or minimus, e.g. /anatomy medius."
            )
        sections = (
            Section("Name", muscle.name_meaning),
            Section("Origin → insertion", f"{muscle.origin} → {muscle.insertion}"),
            Section("Nerve", muscle.nerve),
            Section("What it does", _bullets(muscle.functions)),
            Section("When it is weak", muscle.weakness),
        ) + ((Section("Good to know", _bullets(muscle.notes)),) if muscle.notes else ())
        return Reply("", title=muscle.name, sections=sections)
    sections = tuple(Section(m.name, f"{m.size}. Main job: {m.functions[0]}") for m in lib.muscles.values())
    buttons = (
        tuple(
            Button(m.name.replace("Gluteus ", "").capitalize(), f"/anatomy {m.id}")
            for m in lib.muscles.values()
        ),
    )
    return Reply(lib.anatomy_overview, title="The three gluteal muscles", sections=sections, buttons=buttons)


async def research(request: Request, ctx: Context) -> Reply:
    lib = ctx.library
    topic = str(request.args.get("topic", "")).strip()
    # A topic of no letters or digits ("???") names no study: not the whole list under its name.
    studies = lib.find_studies(topic) if not topic or any(c.isalnum() for c in topic) else []
    if not studies:
        return Reply(
            f"I have no study on “{esc(topic[:60])}”. Try hip thrust, squat depth, sitting, PAP or eccentric, "
            "e.g. /research squat depth. /research alone lists them all."
        )
    if not topic:
        # Studies, reviews and practitioner sources apart, so a coach's view is never read as a result.
        groups = (("study", "Studies"), ("review", "Reviews"), ("practitioner", "Practitioner sources"))
        sections = tuple(
            Section(
                heading,
                "\n".join(
                    f"• *{esc(_study_label(s))}*, {SOURCE_KINDS[s.kind]}: {s.headline} _Limits:_ {s.limits}"
                    for s in studies
                    if s.kind == kind
                ),
            )
            for kind, heading in groups
            if any(s.kind == kind for s in studies)
        )
        if lib.research_notes:
            sections += (Section("Reading the evidence", _bullets(lib.research_notes)),)
        return Reply(
            f"{lib.text('research_intro')}\n\nSend /research <topic> for the details, e.g. /research sitting.",
            title="What the research says",
            sections=sections,
        )
    sections = tuple(
        Section(
            f"{_study_label(s)}, {SOURCE_KINDS[s.kind]}",
            f"{s.finding}\n_Limits:_ {s.limits}\n_In practice:_ {s.practical}",
        )
        for s in studies
    )
    return Reply(
        "", title=f"What the research says about {esc(_topic_words(topic[:60], studies))}", sections=sections
    )


async def approach(request: Request, ctx: Context) -> Reply:
    a = ctx.library.approach
    table = "\n".join(f"• *{r.aspect}*: {r.conventional} → {r.progressive}" for r in a.rows)
    lib = ctx.library
    sections = (
        Section("A session: activation first", lib.text("activation_intro")),
        Section("Then one main glute lift", lib.text("lift_intro")),
        Section("How you progress", lib.text("progression")),
        Section("Conventional → progressive", table),
        Section("Why it matters", _bullets(a.points)),
        Section("Level-based progression", _bullets(a.level_progression)),
        Section("Coaching rules", _bullets(a.rules)),
    )
    return Reply(a.intro, title="Form and function: the progressive view", sections=sections)

"""Log and progress: /log, /history, /progress, /undo, /export."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from coaching.charts import progress_chart
from coaching.export import entries_csv
from coaching.families import FAMILY_NAMES, family_of
from coaching.prescribe import ExerciseRules, e1rm, is_pr, records, set_e1rm
from coaching.setparse import LOG_FORMS, SetParseError, parse_sets
from core.context import Context
from core.markup import count, esc
from core.messages import Attachment, Button, Image, Reply, Request
from domain.training import Entry, LoggedSet, SetKind, chronological
from domain.units import from_kg
from handlers.equipment import user_equipment
from handlers.plan import format_target, level_of, next_level, sentence, sets_text, target_for
from handlers.session import on_logged
from storage.models import Profile

HISTORY_LIMIT = 15


def _forms() -> str:
    return "\n".join(f"• {esc(form)}" for form in LOG_FORMS)


def _load_text(s: LoggedSet) -> list[str]:
    parts = []
    if s.load is not None:
        parts.append(f"@ {s.load:g} {s.unit or 'kg'}")
    elif s.kind is not SetKind.ACTIVATION:
        parts.append("bodyweight")
    if s.band:
        parts.append(f"band at the {s.band}")
    if s.rpe is not None:
        parts.append(f"RPE {s.rpe:g}")
    return parts


def describe_entry(entry: Entry) -> str:
    """``3 × 10 @ 80 kg`` when every set shares its load, band and RPE; else set by set."""
    if not entry.sets:
        return "no sets"
    first = entry.sets[0]
    if all(replace(s, reps=first.reps) == first for s in entry.sets):
        return " ".join([sets_text(tuple(s.reps for s in entry.sets)), *_load_text(first)])
    return ", ".join(" ".join([str(s.reps), *_load_text(s)]) for s in entry.sets)


def local_date(at: datetime, profile: Profile) -> str:
    try:
        zone = ZoneInfo(profile.timezone)
    except Exception:
        zone = ZoneInfo("UTC")
    return at.astimezone(zone).strftime("%a %d %b %Y")


async def log(request: Request, ctx: Context) -> Reply:
    profile = ctx.store.profile(request.account)
    text = request.text.strip()
    if not text:
        return Reply(
            f"Tell me what you did, for example /log hip thrust 3x10 80kg.\nForms I understand:\n{_forms()}"
        )
    try:
        parsed = parse_sets(text, default_unit=profile.units)
    except SetParseError as exc:
        return Reply(f"{esc(str(exc))}\nForms I understand:\n{_forms()}")
    lib = ctx.library
    exercise = lib.find_exercise(parsed.exercise_text)
    if exercise is None:
        close = lib.suggest_exercises(parsed.exercise_text, limit=3)
        hint = f" Did you mean: {', '.join(esc(e.name) for e in close)}?" if close else ""
        return Reply(
            f"“{esc(parsed.exercise_text[:60])}” is not in the library, so nothing was logged.{hint} "
            "Example: /log hip thrust 3x10 80kg"
        )
    activation = exercise.category == "activation"
    band = parsed.band
    before = ctx.store.entries(request.account, exercise.id)
    if activation and band is None:
        # Band work continues from the last position used; the level's position only to start.
        used = [s.band for e in chronological(before) for s in e.sets if s.band]
        band = used[-1] if used else exercise.level(profile.level).band
    one = LoggedSet(
        0,
        load=parsed.weight,
        unit=parsed.unit if parsed.weight is not None else None,  # type: ignore[arg-type]
        kind=SetKind.ACTIVATION if activation else SetKind.WORKING,
        rpe=parsed.rpe,
        band=band if activation else parsed.band,
    )
    entry = ctx.store.add_entry(
        request.account,
        Entry(exercise.id, tuple(replace(one, reps=r) for r in parsed.reps), ctx.clock()),
    )
    lines = [f"Logged *{esc(exercise.name)}*: {esc(describe_entry(entry))}."]
    rules = ExerciseRules.from_library(exercise, level=profile.level)
    logged = entry
    flags = is_pr(chronological(before), logged, rules)
    if flags:
        lines.append(f"🏆 PR: {', '.join(flags)}!")
    # Working sets of 1-12 reps on a load only: none for swings, bands or high-rep sets.
    estimates = [e1rm(s.load, s.reps) for s in logged.sets if set_e1rm(s, exercise.id, rules) is not None]
    best = max((x for x in estimates if x is not None), default=None)
    if best is not None:
        lines.append(f"Estimated 1RM: {best:.1f} {one.unit} (Epley, from your best set).")
    nxt = target_for(exercise, [*before, entry], profile, lib, ctx.clock())
    _, kit = user_equipment(profile)
    barbell = rules.implement == "barbell"
    lines.append(f"Next time: {format_target(nxt, kit, lib, barbell)}. {esc(sentence(nxt.reason))}")
    rows: list[tuple[Button, ...]] = []
    family = family_of(exercise.id, exercise.unilateral)
    up = next_level(level_of(exercise, profile).level)
    if nxt.level_up_offer and up is not None and family is not None:
        # Price's levels are per movement family: a lunge earned at the top raises the lunges only.
        lines.append(
            f"Level up? Every set at the top twice in a row: try the {up} level for {FAMILY_NAMES[family]}."
        )
        button = Button(f"Level up to {up}", f"/level_up {family} {up}", style="success", single_use=True)
        rows.append((button,))
    # "Undo" names this entry: pressed under an older reply it must not remove a later one.
    rows.append(
        (
            Button("Undo", f"/undo_entry {entry.id}", style="danger", single_use=True),
            Button("Progress", f"/progress {exercise.id}"),
        )
    )
    # Rest buttons under working sets; this set cancels a running rest timer (handlers/session.py).
    rest_row = await on_logged(request, ctx, exercise.id, working=bool(logged.working))
    if rest_row:
        rows.append(rest_row)
    return Reply("\n".join(lines), buttons=tuple(rows))


async def history(request: Request, ctx: Context) -> Reply:
    lib = ctx.library
    wanted = str(request.args.get("exercise", "")).strip()
    exercise_id = None
    if wanted:
        exercise = lib.find_exercise(wanted)
        if exercise is None:
            return Reply(f"“{esc(wanted[:60])}” is not in the library. Example: /history hip thrust")
        exercise_id = exercise.id
    entries = chronological(ctx.store.entries(request.account, exercise_id))
    if not entries:
        return Reply(
            "Nothing logged yet"
            + (" for that exercise" if wanted else "")
            + ". Try /log hip thrust 3x10 80kg."
        )
    profile = ctx.store.profile(request.account)
    shown = entries[-HISTORY_LIMIT:]
    lines = [
        f"{local_date(e.at, profile)}: *{esc(lib.exercises[e.exercise].name if e.exercise in lib.exercises else e.exercise)}* "
        f"{esc(describe_entry(e))}"
        for e in reversed(shown)
    ]
    more = (
        f"\n\nShowing the last {len(shown)} of {len(entries)}. /export gives everything."
        if len(entries) > len(shown)
        else ""
    )
    return Reply("\n".join(lines) + more, title="Your history")


async def progress(request: Request, ctx: Context) -> Reply:
    lib = ctx.library
    wanted = str(request.args.get("exercise", "")).strip()
    exercise = lib.find_exercise(wanted)
    if exercise is None:
        close = lib.suggest_exercises(wanted, limit=3)
        hint = f" Did you mean: {', '.join(esc(e.name) for e in close)}?" if close else ""
        return Reply(f"“{esc(wanted[:60])}” is not in the library.{hint} Example: /progress hip thrust")
    entries = ctx.store.entries(request.account, exercise.id)
    if not entries:
        return Reply(
            f"No {esc(exercise.name)} logged yet. Log one first, e.g. /log {esc(exercise.name.lower())} 3x10 60kg"
        )
    profile = ctx.store.profile(request.account)
    unit = profile.units
    rec = records(chronological(entries), ExerciseRules.from_library(exercise))
    sessions = f"{len(entries)} session{'s' if len(entries) != 1 else ''}"
    lines = [f"{sessions} of {esc(exercise.name)} since {local_date(entries[0].at, profile)}."]
    if rec.best_e1rm_kg is not None:
        lines.append(f"Best estimated 1RM: {round(from_kg(rec.best_e1rm_kg, unit), 1):g} {unit}")
    if rec.heaviest_kg is not None:
        lines.append(f"Heaviest load: {round(from_kg(rec.heaviest_kg, unit), 2):g} {unit}")
    lines.append(f"Last: {esc(describe_entry(entries[-1]))}")
    # Drawn in a worker, off the event loop: 0.25-1.4 s at thousands of sessions (see core.jobs).
    rules = ExerciseRules.from_library(exercise, level=profile.level)
    png = await ctx.jobs.run(request.account, "chart", progress_chart, entries, exercise.name, unit, rules)
    caption = f"{exercise.name}: progress"
    return Reply("\n".join(lines), image=Image(png, f"{exercise.id}-progress.png", caption))


def _removed(entry: Entry, request: Request, ctx: Context, what: str) -> Reply:
    lib = ctx.library
    name = lib.exercises[entry.exercise].name if entry.exercise in lib.exercises else entry.exercise
    when = local_date(entry.at, ctx.store.profile(request.account))
    return Reply(f"Removed {what}: *{esc(name)}* {esc(describe_entry(entry))}, logged {when}.")


async def undo(request: Request, ctx: Context) -> Reply:
    entry = ctx.store.pop_last_entry(request.account)
    if entry is None:
        return Reply("There is nothing to undo: your log is empty.")
    return _removed(entry, request, ctx, "your latest entry")


async def undo_entry(request: Request, ctx: Context) -> Reply:
    """The "Undo" button under a /log reply: removes that reply's entry, whatever was logged since."""
    entry = ctx.store.remove_entry(request.account, int(request.args["entry"]))
    if entry is None:
        return Reply("That entry is already gone from your log. /history shows what is there.")
    return _removed(entry, request, ctx, "the entry")


async def export(request: Request, ctx: Context) -> Reply:
    entries = ctx.store.entries(request.account)
    if not entries:
        return Reply("Nothing to export yet. Log a set first, e.g. /log hip thrust 3x10 80kg")
    names = {k: e.name for k, e in ctx.library.exercises.items()}
    data = await ctx.jobs.run(request.account, "export", entries_csv, entries, names)
    sets = sum(len(e.sets) for e in entries)
    return Reply(
        f"Your log: {count(len(entries), 'entry', 'entries')}, {count(sets, 'set', 'sets')}, one row per set.",
        file=Attachment("training-log.csv", data, "text/csv"),
    )

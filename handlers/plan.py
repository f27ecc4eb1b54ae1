"""Today's session (/plan): the day of the user's program in rotation, with targets by the coaching
rules (coaching/prescribe.py) loadable on the user's /equipment. This module turns the rules into
replies; /log and the reminders word their targets through it too."""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from coaching.families import BAND_FAMILY, PROGRAM_FAMILY, FamilyLevel, family_level, family_of
from coaching.plates import loadable_loads
from coaching.prescribe import (
    BREAK,
    RETURN,
    ExerciseRules,
    PlannedSet,
    Prescription,
    Way,
    done_with,
    kit_implement,
    on_kit_at_or_below,
    pair_implement,
    runs_at_one_load,
    target_way,
    windowed_target,
)
from coaching.programs import (
    PROGRAMS,
    BlockWeek,
    Program,
    block_start,
    block_week,
    day_exercises,
    day_options,
    due_day,
    hard_weeks,
    lighter,
    programs_for,
    session_day,
    slot_scheme,
    week_volume,
)
from coaching.swaps import missing_kit, swap_for
from content.library import EQUIPMENT_LABELS, Exercise, Library
from core.context import Context
from core.markup import esc
from core.messages import Button, Reply, Request, Section
from domain.equipment import Equipment, Implement
from domain.levels import LEVELS
from domain.training import Entry, Held, LoggedSet, SetKind, chronological
from domain.units import from_kg, to_kg
from handlers.custom_exercises import Custom, customs, display_name
from handlers.equipment import held_load, per_side, user_equipment, warmup_lines
from storage.models import Profile
from storage.store import LogMark

DEFAULT_DAYS = 3  # the program /plan follows until the user starts one
INTERMEDIATE_START = "No load yet at your level: the full range of motion, with control at both ends."


def loads_a_lift(entries: Sequence[Entry]) -> bool:
    """Whether ``entries`` (the user's log) hold a loaded working set: the lifter is past the bodyweight
    stage, so a bar lift never logged starts with the empty bar (`bar_start`)."""
    return any(s.load for e in entries for s in e.working)


def bar_start(kit: Equipment) -> str:
    """The start of a barbell lift never logged by a lifter who already loads another lift (a hip thrust
    at 90 kg: past the bodyweight stage, so no "start unloaded" squat): the kit's empty bar, then a
    working weight found and logged ("Start with the empty bar (20 kg) …")."""
    return (
        f"Start with the empty bar ({kit.bar:g} {kit.unit}), then ramp up to a weight that leaves 2–3 reps "
        "in reserve on each set, and log it: the next target builds from there."
    )


# --------------------------------------------------------------------------- one exercise's target


def sentence(text: str) -> str:
    """A rule's reason as a sentence: upper case first, a full stop last."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def level_of(exercise: Exercise | Custom, profile: Profile) -> FamilyLevel:
    """The level ``exercise`` is coached at: its movement family's, else the global /level (band walks
    follow the abductions)."""
    family = BAND_FAMILY if exercise.category == "activation" else family_of(exercise.id, exercise.unilateral)
    return family_level(profile.levels, family, profile.level)


def start_band(exercise: Exercise, profile: Profile) -> str | None:
    """Where the band goes for a first session of band work: the position of the walks' level."""
    return exercise.level(level_of(exercise, profile).level).band


def program_level(profile: Profile) -> str:
    """The level of the default program: the bridges' and thrusts' (every day's main lift), else /level."""
    return family_level(profile.levels, PROGRAM_FAMILY, profile.level).level


def target_for(
    exercise: Exercise | Custom,
    entries: Sequence[Entry],
    profile: Profile,
    lib: Library,
    now: datetime,
    loaded: bool = False,
    *,
    in_order: bool = False,
    week: BlockWeek | None = None,
    held: Implement | None = None,
    way: Way | None = None,
) -> Prescription:
    """The next target for ``exercise`` (the library's or the user's own, by its category's rules)
    from the user's log, loadable on their equipment. ``loaded``:
    the lift is already past the bodyweight stage (the loaded abduction after the strongest band).
    ``in_order``: ``entries`` are this exercise's alone, in the order trained (as /log has them).
    ``week``: the program week (:func:`program_week`); in the lighter week the target is the lighter
    one, so /plan, /warmup and the /log card give the same. ``held``: the load was one dumbbell or
    kettlebell (/log read "hip thrust 3x10 20kg dumbbell"), so it progresses on those, with no bar.
    ``way``: 2 for the target of work done with a pair of dumbbells, 1 with a single load, a `Held`
    implement with one dumbbell or kettlebell held, each read from the sessions done that way
    (`coaching.prescribe.done_with`); None: the way the latest work was done (a day stored as one
    dumbbell held goes on held, with no bar, as ``held`` says)."""
    _, kit = user_equipment(profile)
    mine = list(entries) if in_order else chronological([e for e in entries if e.exercise == exercise.id])
    loads = loaded or any(s.load for e in mine for s in e.working)
    earned = level_of(exercise, profile)
    # A lift the user already loads is past the bodyweight levels, whatever the level says.
    level = "advanced" if loads else earned.level
    if earned.since and not loads and exercise.category != "activation":
        # A new level starts afresh: sessions at the level below (logged before the button was
        # pressed) do not count towards the next one. Band work continues from the last band used.
        since = datetime.fromisoformat(earned.since)
        mine = [e for e in mine if e.at > since]
    rules = ExerciseRules.from_library(exercise, level=level)
    # The program's own scheme for the lift (advanced main lifts: 4 × 6–10), for /plan and /log alike.
    rep_range, sets = slot_scheme(program_of(profile)[0], exercise.id)
    rules = replace(rules, rep_range=rep_range or rules.rep_range, sets=sets or rules.sets)
    way = way or target_way(mine)
    if held is None and isinstance(way, Held):
        held = way.value  # type: ignore[assignment]
    if held is not None:
        rules = replace(rules, implement=held, light_first=False, held=True)
    if rules.band_work and isinstance(exercise, Exercise):  # (a user's own band work: the first band)
        rules = replace(rules, start_band=start_band(exercise, profile) or rules.start_band)
    history = mine
    # The sessions the rules read, not a five-year log, for /plan and every reminder's target alike.
    # In the user's zone: a date the target names (a typo's) is the one /history shows.
    p = windowed_target(rules, mine, kit, now.astimezone(_zone(profile)), way)
    if not history and rules.loadable and level == "beginner":
        # The beginner stage: a new loaded pattern starts unloaded. A first log at a load skips it
        # (the history then holds a load and the rules progress from there). A lifter who loads another
        # lift is past that stage: a bar lift starts with the empty bar (`bar_start`).
        bar = rules.implement == "barbell" and not rules.kit_guessed and held is None and kit.has_barbell
        if bar and not in_order and loads_a_lift(entries):
            p = replace(p, reason=bar_start(kit))
        else:
            p = replace(p, reason=lib.text("beginner_start"))
    elif not history and rules.multi_directional and level != "advanced":
        # Price's levels: multi-directional work takes load only at the advanced level.
        p = replace(p, reason=INTERMEDIATE_START)
    if week is not None and week.lighter and exercise.category != "activation" and not rules.band_work:
        last = next((e for e in reversed(mine) if e.working and done_with(e) in (None, way)), None)
        # In the target's unit: a pair above the kit is kept as logged (2 × 25 lb), not in the kit's kg.
        unit = p.unit or kit.unit
        # Held loads onto the kit (89 kg logged: 87.5 kg), unless kept as logged in the other unit.
        pair = p.pair
        down = (lambda x: on_kit_at_or_below(rules, kit, x, pair)) if unit == kit.unit else None
        p = lighter(p, last.working if last is not None else (), unit, down)
    return p


def sets_text(reps: tuple[int, ...]) -> str:
    """``3 × 10`` for straight sets, ``10, 10, 8`` otherwise."""
    return f"{len(reps)} × {reps[0]}" if len(set(reps)) == 1 else ", ".join(map(str, reps))


def format_target(
    p: Prescription, kit: Equipment, lib: Library, barbell: bool = False, each_side: bool = False
) -> str:
    """``3 × 10 @ 80 kg — 20 + 10 per side``, ``3 × 12 steps each way, band at the ankles``,
    ``3 × 10 @ 2 × 12 kg`` (a pair of dumbbells, per hand); ``each_side`` (or a target that follows work
    logged per side): the reps are per side (``3 × 9 each side @ 12 kg``, as /log words it)."""
    each_side = each_side or p.each_side
    barbell = barbell and p.held is None  # one dumbbell or kettlebell held: no plates, no bar
    if not p.sets:
        return "rest"
    sets = sets_text(p.reps)
    if p.swap_to:
        name = lib.exercises[p.swap_to].name if p.swap_to in lib.exercises else p.swap_to.replace("_", " ")
        return f"{_in_sentence(name)} in its place (/plan has its target)"
    if p.band_reps and not p.band and p.sets[0].resistance:  # a band typed with no position: as typed
        return f"{sets} reps{' each side' if each_side else ''}, {p.sets[0].resistance} band"
    if p.band:
        strength = f" ({p.sets[0].resistance} band)" if p.sets[0].resistance else ""
        if p.band_reps:  # an own exercise with a band on: reps, not a walk's steps
            return f"{sets} reps{' each side' if each_side else ''}, band at the {p.band}{strength}"
        return f"{sets} steps each way, band at the {p.band}{strength}"
    if p.load is None:
        return f"{sets} reps each side" if each_side else f"{sets} reps"
    if len(runs := load_runs(p)) > 1:
        return per_load_text(runs, each_side, p.held)
    # One dumbbell or kettlebell held is named, as /log and /history name it ("3 × 11 @ 24 kg dumbbell").
    held = f" {p.held}" if p.held else ""
    text = f"{sets}{' each side' if each_side else ''} @ {p.load_text}{held}"
    # A pair of dumbbells has no plates; a load lighter than the bar is dumbbell work too.
    if (
        barbell
        and not p.pair
        and kit.has_barbell
        and (load := p.load_in(kit.unit) or 0.0) >= kit.bar - 1e-9
        and not _held_on_the_hips(p, kit, lib)
    ):  # lighter than the bar: dumbbells
        text += f" — {per_side(load, kit)}"
    elif barbell and not p.pair and not kit.has_barbell and _past_the_kit(p, kit):
        # Home dumbbells and a bar's load: say the kit lacks the bar rather than show a load it cannot
        # make (a load a dumbbell makes, held on the hips, needs none; an empty kit is said elsewhere).
        text += " — your set-up has no barbell (/equipment)"
    return text


def _held_on_the_hips(p: Prescription, kit: Equipment, lib: Library) -> bool:
    """``p``'s load is held on the hips (`handlers.equipment.held_load`: a glute bridge at bw+22.5), so
    it gets no per-side plates ("— 1.25 per side" read as a 20 kg bar); a load past the kit's heaviest
    dumbbell or plate is a bar's."""
    exercise = lib.exercises.get(p.exercise)
    if exercise is None:
        return False
    return held_load(ExerciseRules.from_library(exercise), p.load_in(kit.unit) or 0.0, kit, p.pair)


def _past_the_kit(p: Prescription, kit: Equipment) -> bool:
    """``p``'s load is heavier than any one dumbbell or kettlebell of ``kit``, which has some."""
    held = (*kit.dumbbells, *kit.kettlebells)
    return bool(held) and (p.load_in(kit.unit) or 0.0) > max(held) + 1e-9


def load_runs(p: Prescription) -> list[tuple[PlannedSet, tuple[int, ...]]]:
    """A loaded target's sets as runs at one load, in order (a load per set: straight sets at two
    loads, a reverse pyramid), each as its first set and the runs' reps; one run for one load."""
    return [(run[0], tuple(s.reps for s in run)) for run in runs_at_one_load(p.sets)]


def per_load_text(
    runs: list[tuple[PlannedSet, tuple[int, ...]]], each_side: bool = False, held: str | None = None
) -> str:
    """``3 × 11 @ 80 kg, 2 × 9 @ 90 kg``; a reverse pyramid: ``80 kg × 9, 70 kg × 11``; ``held``: one
    dumbbell or kettlebell, said after each load (``24 kg dumbbell × 9``)."""
    side = " each side" if each_side else ""
    implement = f" {held}" if held else ""
    if all(len(reps) == 1 for _s, reps in runs):
        return ", ".join(f"{s.load_text}{implement} × {reps[0]}{side}" for s, reps in runs)
    return ", ".join(f"{sets_text(reps)}{side} @ {s.load_text}{implement}" for s, reps in runs)


def ramp_text(p: Prescription, exercise: Exercise, kit: Equipment, profile: Profile) -> str:
    """The warm-up ramp to the target's load, one line per set, or "" when there is none."""
    load = p.load_in(kit.unit)  # a load kept as logged (25 lb) ramps on the kit's (kg) dumbbells
    if load is None:
        return ""
    rules = ExerciseRules.from_library(exercise, level=profile.level)
    # A pair ramps on the dumbbells, per hand; a bar lift's load under the empty bar has no bar ramp; a
    # load held on the hips warms up at bodyweight, then with a lighter dumbbell (`warmup_lines`).
    implement = pair_implement(rules, kit) if p.pair else p.held or rules.implement
    if implement == "barbell" and load < kit.bar and not held_load(rules, load, kit, p.pair):
        return ""  # a load under the empty bar is dumbbell work: no bar ramp
    lines = warmup_lines(rules, load, implement, kit, pair=p.pair, held=p.held is not None)
    return "Warm-up:\n" + "\n".join(lines) if lines else ""


def next_level(level: str) -> str | None:
    i = LEVELS.index(level) if level in LEVELS else -1
    return LEVELS[i + 1] if 0 <= i < len(LEVELS) - 1 else None


# --------------------------------------------------------------------------- the program and today


def program_of(profile: Profile) -> tuple[Program, date | None]:
    """The user's started program and its start date, else the default for their level (no date)."""
    name, _, started = profile.program.partition("@")
    if name in PROGRAMS:
        try:
            return PROGRAMS[name], date.fromisoformat(started)
        except ValueError:
            return PROGRAMS[name], None
    return programs_for(program_level(profile), DEFAULT_DAYS)[0], None  # type: ignore[arg-type]


def _zone(profile: Profile) -> ZoneInfo:
    try:
        return ZoneInfo(profile.timezone)
    except Exception:
        return ZoneInfo("UTC")


def local_day(at: datetime | str, profile: Profile) -> date:
    when = datetime.fromisoformat(at) if isinstance(at, str) else at
    return when.astimezone(_zone(profile)).date()


def _lifted(entry: Entry) -> bool:
    """The entry holds more than activation work (band sets do not make a training day)."""
    # A loop, not any() over a generator: it runs on every step of the week's bisection on each /log.
    for s in entry.sets:  # noqa: SIM110
        if s.kind is not SetKind.ACTIVATION:
            return True
    return False


@dataclass(frozen=True)
class Today:
    program: Program
    started: bool  # the user started it (else the default for their level)
    week: BlockWeek
    day: int  # index into program.days
    logged_today: bool  # the day shown is the one the lifts logged today belong to
    targets: tuple[tuple[Exercise, Prescription], ...]  # activation, main lift, compound, accessory
    kit: Equipment
    swaps: tuple[str, ...]  # per target: why it replaces the program's exercise, or ""
    logged: tuple[str, ...] = ()  # the program's exercises logged today
    sided: frozenset[str] = frozenset()  # targets whose reps are per side (`sided_exercises`)
    # The exercises with work logged today (`worked_today`): a lift is done by its work, not by its
    # warm-up alone ("/log back squat bar x10" before the squats).
    worked: frozenset[str] = frozenset()
    # Band walks the kit has no band for (`_unbanded`): the library's way without one, no band position.
    unbanded: frozenset[str] = frozenset()


def worked_today(entries: Sequence[Entry], profile: Profile, now: datetime) -> frozenset[str]:
    """The exercises of ``entries`` with a set that counts (work, back-off, drop) on ``now``'s local
    day: "bar x10" alone is a warm-up, not the lift done."""
    return frozenset(e.exercise for e in _worked_on_day(entries, profile, now))


def first_worked(entries: Sequence[Entry], profile: Profile, now: datetime, exercise: str) -> datetime | None:
    """When ``exercise``'s work was first logged on ``now``'s local day (as `worked_today` counts it:
    "bar x10" at 17:50, then 3x10 at 18:05 gives 18:05), or None if it was not."""
    return min((e.at for e in _worked_on_day(entries, profile, now) if e.exercise == exercise), default=None)


def _worked_on_day(entries: Sequence[Entry], profile: Profile, now: datetime) -> Iterator[Entry]:
    """The entries of ``now``'s local day with a set that counts."""
    zone = _zone(profile)
    start = datetime.combine(local_day(now, profile), time(), tzinfo=zone)
    end = start + timedelta(days=1)
    return (e for e in entries if start <= e.at < end and any(s.counts for s in e.sets))


def sided_exercises(exercises: Sequence[Exercise], entries: Sequence[Entry]) -> frozenset[str]:
    """The exercises whose sets count per side: as the latest entry of each was logged (left/right),
    or, never logged yet, when the exercise is one-sided (a lunge, a kickback)."""
    wanted = {e.id for e in exercises}
    latest: dict[str, Entry] = {}
    for entry in entries:  # one pass: a five-year log holds thousands of entries
        if entry.exercise in wanted and entry.working:
            seen = latest.get(entry.exercise)
            if seen is None or entry.at >= seen.at:
                latest[entry.exercise] = entry
    return frozenset(
        e.id
        for e in exercises
        if (any(s.side for s in latest[e.id].working) if e.id in latest else e.unilateral)
    )


@dataclass(frozen=True)
class _Calendar:
    """The user's program and the days it was trained on, worked out once from the whole log."""

    program: Program
    started: date | None
    own: str | None  # the user's own glute lift, the main lift until a program is started
    today: date
    lifted: list[tuple[str, date]]  # each lifted entry's exercise and local day
    lifts: dict[date, set[str]]  # the program's exercises per training day
    trained: list[date]
    week: BlockWeek


def _program_ids(program: Program, own: str | None) -> set[str]:
    """The exercises whose days are training days of ``program`` (``own``: the user's own glute lift)."""
    ids = {ex for day in program.days for slot in day.slots for ex in slot.options}
    if own is not None:
        ids.add(own)
    return ids


def _week_ids(program: Program, own: str | None, lib: Library) -> set[str]:
    """The exercises whose days are training days of the block's calendar: the program's, and until a
    program is started (``own`` set), every glute lift. The main lift is then the glute lift the user
    progresses: moving on to another must not take the weeks trained on the last one off the block."""
    ids = _program_ids(program, own)
    if own is not None:
        ids |= {e.id for e in lib.exercises.values() if e.category == "glute_lift"}
    return ids


def _calendar(profile: Profile, entries: Sequence[Entry], lib: Library, now: datetime) -> _Calendar:
    program, started = program_of(profile)
    day_of_today = local_day(now, profile)
    # Until a program is started, the main lift is the glute lift the user has been progressing.
    own = None if started is not None else _own_main_lift(entries, lib)
    ids = _program_ids(program, own)
    zone = _zone(profile)
    # Each lifted entry's local day, worked out once: a five-year log is thousands of entries.
    lifted = [(e.exercise, e.at.astimezone(zone).date()) for e in entries if _lifted(e)]
    lifts: dict[date, set[str]] = {}
    for exercise, day_ in lifted:
        if exercise in ids:
            lifts.setdefault(day_, set()).add(exercise)
    trained = sorted(d for d in lifts if started is None or d >= started)
    week_ids = _week_ids(program, own, lib)
    days = sorted({d for exercise, d in lifted if exercise in week_ids and (started is None or d >= started)})
    first = started or (days[0] if days else day_of_today)
    week = block_week(program, block_start(first, days, day_of_today), day_of_today, days)
    return _Calendar(program, started, own, day_of_today, lifted, lifts, trained, week)


def program_week(profile: Profile, entries: Sequence[Entry], lib: Library, now: datetime) -> BlockWeek:
    """The week of the user's program block today (the lighter week among them), from their whole log:
    what /plan, /warmup and the /log card pass to :func:`target_for` so they agree on a week's target."""
    return week_in_order(profile, chronological(entries), lib, now)


_AT = attrgetter("at")
_EVER = datetime.min.replace(tzinfo=UTC)


def week_in_order(profile: Profile, ordered: Sequence[Entry], lib: Library, now: datetime) -> BlockWeek:
    """:func:`program_week` from the log in the order trained (see `_week`)."""
    program, started = program_of(profile)
    own = None if started is not None else _own_main_lift(ordered, lib, in_order=True)
    return _week(
        program, started, _week_ids(program, own, lib), _zone(profile), local_day(now, profile), ordered
    )


def _week(
    program: Program,
    started: date | None,
    ids: set[str],
    zone: ZoneInfo,
    today_: date,
    ordered: Sequence[Entry],
) -> BlockWeek:
    """The program week from the log in the order trained, read by bisection: one step per stretch of
    up to two weeks, not one per entry (a five-year log on every /log). The block start is the
    program's start plus every gap of two weeks or more (:func:`block_start`), so the whole history
    counts, but only the gaps: from each training day, the latest one less than two weeks on is found
    by bisecting to that horizon; none there is time away, up to the next training day. Only entries
    trained before ``today_`` are read (`current_week` keeps the answer while those stay as they are);
    ``ids``: the exercises whose days count (`_week_ids`)."""

    def counts(e: Entry) -> bool:
        return e.exercise in ids and _lifted(e)

    # The entries are in UTC: bounds in UTC too, so a bisection compares times without working out an
    # offset per comparison (and a UTC user's days need no conversion at all).
    tz: tzinfo = UTC if zone.key in ("UTC", "Etc/UTC") else zone

    def starts(day_: date) -> datetime:  # the first instant of a local day
        return datetime.combine(day_, time(), tzinfo=tz).astimezone(UTC)

    n = len(ordered)
    i = 0 if started is None else bisect.bisect_left(ordered, starts(started), key=_AT)
    while i < n and not counts(ordered[i]):
        i += 1
    if i == n:
        return block_week(program, block_start(started or today_, [], today_), today_, ())
    cur = started or ordered[i].at.astimezone(tz).date()
    first, away, end, last = cur, 0, starts(today_), today_ - BREAK
    while cur <= last:
        horizon = bisect.bisect_left(ordered, starts(cur + BREAK), lo=i, key=_AT)
        k = horizon - 1  # the latest training day before the horizon (ordered[i] is one)
        while k > i and not counts(ordered[k]):
            k -= 1
        day_ = ordered[k].at.astimezone(tz).date() if k >= i else cur
        if day_ > cur:  # trained again within two weeks: no time away
            i, cur = k, day_
            continue
        k = horizon
        while k < n and ordered[k].at < end and not counts(ordered[k]):
            k += 1
        back = ordered[k].at.astimezone(tz).date() if k < n and ordered[k].at < end else today_
        away += (back - cur).days
        i, cur = k, back
    # The block's training days before its lighter week: whether that week has work to unload.
    begun = first + timedelta(days=away)
    since, until = hard_weeks(program, begun, today_)
    lo = bisect.bisect_left(ordered, starts(max(since, first)), key=_AT)
    hi = bisect.bisect_left(ordered, starts(min(until, today_)), lo=lo, key=_AT)
    trained = (e.at.astimezone(tz).date() for e in ordered[lo:hi] if counts(e))
    return block_week(program, begun, today_, trained)


# The week per account, while nothing trained before today changes in its log: a /log, /edit or /undo
# of today's sets leaves it as it was, and working it out again walks a five-year log (~0.3 ms of the
# heavy user's /log in `python -m bench.scale_bench`).
_WEEKS_KEPT = 512
_weeks: WeakKeyDictionary[object, OrderedDict[str, tuple[tuple[object, ...], LogMark, BlockWeek]]] = (
    WeakKeyDictionary()
)


def current_week(ctx: Context, profile: Profile, now: datetime | None = None) -> BlockWeek:
    """The program week at ``now`` (default: the clock) from the stored log, which the store keeps in
    the order trained: /plan's week for the targets /log, /done and /explain show, at the cost of a few
    bisections, or none while the days before today are as they were."""
    account = profile.account
    mark = ctx.store.log_mark(account)  # first: a change made while the log is read is seen next time
    ordered = ctx.store.entries_since(account, _EVER)
    program, started = program_of(profile)
    own = None if started is not None else _own_main_lift(ordered, ctx.library, in_order=True)
    ids = frozenset(_week_ids(program, own, ctx.library))
    zone, today_ = _zone(profile), local_day(now or ctx.clock(), profile)
    # Keyed by the days that count, not by the main lift: hip thrusts and bridges on alternate /logs
    # swap the main lift, never the days (every glute lift counts until a program is started).
    key = (program.name, started, ids, zone.key, today_)
    kept = _weeks.setdefault(ctx.store, OrderedDict())
    held = kept.pop(account, None)
    if held is not None and held[0] == key:
        since = datetime.combine(today_, time(), tzinfo=zone)
        if not ctx.store.changed_before(account, held[1], since):
            kept[account] = (key, mark, held[2])  # the newer mark: fewer changes to look through next time
            return held[2]
    week = _week(program, started, set(ids), zone, today_, ordered)
    kept[account] = (key, mark, week)
    while len(kept) > _WEEKS_KEPT:
        kept.popitem(last=False)
    return week


def today(profile: Profile, entries: Sequence[Entry], lib: Library, now: datetime) -> Today:
    """Today's day of the program in rotation: the day after the last program day completed since its
    start (:func:`coaching.programs.due_day`; extra sessions do not move it). With lifts logged today,
    the day shown is the one they belong to (the day due on a tie); if they belong to none, the day due."""
    c = _calendar(profile, entries, lib, now)
    program, started, own, lifted, lifts, trained = c.program, c.started, c.own, c.lifted, c.lifts, c.trained
    day_of_today = c.today
    options = day_options(program, own)
    # The day due follows the days completed before today; today's logs pick the day they belong to.
    day = due_day(program, [lifts[d] for d in trained if d != day_of_today], own)
    # Lifts logged today outside the program do not move the rotation, but /plan says so.
    done_today = lifts.get(day_of_today) if day_of_today in trained else None
    # Every lift logged today is named, in the program or not (a back squat beside a forward lunge).
    everything = {exercise for exercise, day_ in lifted if day_ == day_of_today}
    if done_today is None:
        done_today = everything
    logged = tuple(sorted(done_today | everything))
    matched = session_day(done_today, options, day)
    logged_day = matched is not None
    if matched is not None:
        day = matched
    week = c.week
    _, kit = user_equipment(profile)
    missing = missing_kit(
        kit.has_barbell, bool(kit.dumbbells), bool(kit.kettlebells), bool(kit.bands), kit.machine_step > 0
    )
    targets, notes = [], []
    for ex_id in day_exercises(program, day, week.block):
        exercise = lib.exercises[ex_id]
        if own is not None and exercise.category == "glute_lift":
            exercise = lib.exercises[own]
        # A lift the user does with their own kit (logged today, or loaded on what the kit has: a
        # kettlebell RDL) is not swapped out for what the kit's label says is missing.
        reach = _reach(exercise, entries, kit)
        own_kit = exercise.id in everything or _loads_with_kit(reach)
        exercise, note = (exercise, "") if own_kit else _swapped(exercise, missing, lib)
        if not own_kit and not note:
            note = _beyond_kit(exercise, reach, kit)  # no swap in the library: say so plainly
        p = target_for(exercise, entries, profile, lib, now, week=week)
        if p.swap_to in lib.exercises:
            # Past the strongest band at the feet the loaded abduction takes the walk's place, and
            # progresses by its own log from then on.
            note = sentence(p.reason)
            exercise = lib.exercises[p.swap_to]
            p = target_for(exercise, entries, profile, lib, now, loaded=True, week=week)
        targets.append((exercise, p))
        notes.append(note)
    sided = sided_exercises([e for e, _ in targets], entries)
    unbanded = frozenset(
        e.id for e, _ in targets if "band" in missing and _unbanded(e) and e.id not in everything
    )
    return Today(
        program,
        started is not None,
        week,
        day,
        logged_day,
        tuple(targets),
        kit,
        tuple(notes),
        logged,
        sided,
        worked_today(entries, profile, now),
        unbanded,
    )


def _unbanded(exercise: Exercise) -> str:
    """The library's way to do a band walk without a band ("the same sideways steps in a low
    half-squat"), or "" when it names none (or another exercise to do instead: `_swapped`)."""
    return next((s.how for s in exercise.swaps if s.missing == "band" and s.exercise is None), "")


def logged_text(t: Today, lib: Library, profile: Profile) -> str:
    """What the head of /plan says about today's logs, or "" when nothing of the program is logged."""
    if not t.logged:
        return ""
    names = esc(", ".join(display_name(lib, profile, x) for x in t.logged))  # own exercises by their name
    if not t.logged_today:
        return f"Logged today: {names}, not part of this program; here is the day due next. "
    lifts = {e.id for e, _ in t.targets if e.category != "activation"}
    if lifts <= set(t.logged):
        return "Already logged today: this is the session you did. "
    return f"Already logged today: {names}. This is the day it belongs to; the rest of it is still to do. "


def _swaps_of(lib: Library) -> Callable[[str], list[tuple[str, str | None]]]:
    return lambda ex_id: [(s.missing, s.exercise) for s in lib.exercises[ex_id].swaps]


def _in_sentence(name: str) -> str:
    """A name inside a sentence: "the back squat", but "the B-stance hip thrust", "Bulgarian"."""
    first = name.split(" ", 1)[0]
    keep = first in _PROPER or (len(first) > 1 and not first[1].islower())
    return name if keep else name[0].lower() + name[1:]


_PROPER = frozenset({"Bulgarian", "Romanian"})


class _Reach(NamedTuple):
    wanted: float  # the load last lifted, in the kit's unit (to compare)
    heaviest: float  # the heaviest the kit loads the lift with (a stand-in included; 0: nothing)
    last: LoggedSet  # the set it was last lifted in, as logged (to name it)


def _reach(exercise: Exercise, entries: Sequence[Entry], kit: Equipment) -> _Reach | None:
    """The load ``exercise`` was last lifted at and the heaviest the kit loads it with, both in the
    kit's unit, and that set as logged; None when it was never logged at a load."""
    last = next(
        (
            s
            for e in reversed(chronological([e for e in entries if e.exercise == exercise.id]))
            for s in e.working
            if s.load
        ),
        None,
    )
    if last is None or last.load is None:
        return None
    rules = ExerciseRules.from_library(exercise)
    implement = pair_implement(rules, kit) if last.implements > 1 else kit_implement(rules, kit)
    loads = loadable_loads(implement, kit) if implement is not None else ()
    return _Reach(from_kg(to_kg(last.load, last.unit), kit.unit), loads[-1] if loads else 0.0, last)


def _loads_with_kit(reach: _Reach | None) -> bool:
    """The kit loads the lift at nearly the load last lifted: at least the 90% a lift restarts at
    after a break. A 100 kg hip thrust is not "loadable" on 10 kg dumbbells: the library's swap (or a
    plain word that the kit cannot load it) takes its place."""
    return reach is not None and reach[1] > 0 and reach[1] >= reach[0] * RETURN


def _beyond_kit(exercise: Exercise, reach: _Reach | None, kit: Equipment) -> str:
    """Why a target is at a load the kit cannot make, when the library names no swap for it."""
    if reach is None or _loads_with_kit(reach):
        return ""
    wanted, heaviest, last = reach
    name = _in_sentence(exercise.name)
    # The load as logged ("80 kg"), never a conversion passed off as what was lifted ("176.37 lb");
    # in the kit's other unit, about that much beside it, to compare with the kit's heaviest.
    pair = "2 × " if last.implements == 2 else ""
    lifted = f"{pair}{last.load:g} {last.unit or kit.unit}"
    if (last.unit or kit.unit) != kit.unit:
        lifted += f" (about {pair}{wanted:.0f} {kit.unit})"
    has = (
        f"loads the {name} to {heaviest:g} {kit.unit} at most"
        if heaviest
        else f"has nothing to load the {name} with"
    )
    return (
        f"Your /equipment {has}; you last lifted {lifted}. The target below is for the kit "
        "you logged it with: add that kit with /equipment."
    )


def _swapped(exercise: Exercise, missing: frozenset[str], lib: Library) -> tuple[Exercise, str]:
    """The exercise to do with the user's kit and the line saying why, or the same one and ""."""
    found = swap_for(exercise.id, _swaps_of(lib), missing)
    if found is None:
        return exercise, ""
    instead, item = lib.exercises[found[0]], found[1]
    line = (
        f"No {EQUIPMENT_LABELS[item]} in your /equipment: {instead.name} instead of the "
        f"{_in_sentence(exercise.name)}."
    )
    return instead, line


OWN_LIFT_RECENT = timedelta(weeks=4)  # a loaded lift left this long before the latest is no longer trained


def _own_main_lift(entries: Sequence[Entry], lib: Library, *, in_order: bool = False) -> str | None:
    """The glute lift the user progresses, the main lift until a program is started: the latest one
    loaded in the four weeks up to their latest glute lift, else the latest. A bodyweight finisher after
    the loaded lift (glute bridges after hip thrusts) does not take its place. ``in_order``: ``entries``
    are in the order trained already (read from the end, not sorted)."""
    latest: Entry | None = None
    for entry in reversed(entries if in_order else chronological(entries)):
        exercise = lib.exercises.get(entry.exercise)
        if exercise is None or exercise.category != "glute_lift" or not entry.working:
            continue
        latest = latest or entry
        if latest.at - entry.at > OWN_LIFT_RECENT:
            break
        if any(s.load for s in entry.working):
            return exercise.id
    return latest.exercise if latest is not None else None


def main_of(t: Today) -> tuple[Exercise, Prescription]:
    return next(x for x in t.targets if x[0].category == "glute_lift")


def _activation_slots(t: Today) -> list[tuple[Exercise, Prescription, str]]:
    """The activation slot's targets and notes (by the slot: a loaded abduction may stand in)."""
    slots = t.program.days[t.day].slots
    return [
        (e, p, n)
        for s, (e, p), n in zip(slots, t.targets, t.swaps, strict=True)
        if s.category == "activation"
    ]


def activation_of(t: Today) -> list[tuple[Exercise, Prescription]]:
    return [(e, p) for e, p, _ in _activation_slots(t)]


def activation_section(t: Today, lib: Library) -> Section:
    pairs = activation_of(t)
    lines = [
        _unbanded_line(e, p)
        if e.id in t.unbanded
        else f"• *{e.name}*: {format_target(p, t.kit, lib)}" + (f"\n{n} {sentence(p.reason)}" if n else "")
        for e, p, n in _activation_slots(t)
    ]
    # (a band walk's first cue is about the band: none without one)
    cue = pairs[0][0].cues[0] if pairs and pairs[0][0].cues and pairs[0][0].id not in t.unbanded else ""
    return Section("1. Activate", "\n".join(lines) + (f"\nKey cue: {cue}" if cue else ""))


def _unbanded_line(exercise: Exercise, p: Prescription) -> str:
    """A band walk with no band in the kit (tester 21: "/equipment bands none", and /plan still said
    "band at the knees", then "a stronger band"): its steps, and the library's way without one."""
    how = _unbanded(exercise)
    return (
        f"• *{exercise.name}*, no band: {sets_text(p.reps)} steps each way\n"
        f"No band in your /equipment, so without one: {how[:1].lower() + how[1:]}"
    )


def lift_body(
    exercise: Exercise, p: Prescription, t: Today, lib: Library, profile: Profile, done: bool = False
) -> str:
    """A lift's part of /plan (and of its reminder): its ramp and target; ``done`` (logged today, on
    /plan): said done, with the target for next time and no ramp, so it is not on the day's to-do list."""
    barbell = ExerciseRules.from_library(exercise).implement == "barbell"
    # Why the user's kit changed the program's exercise (the lift reminder carries it too).
    why = next((n for (e, _), n in zip(t.targets, t.swaps, strict=True) if e.id == exercise.id and n), "")
    parts = [why] if why and not done else []
    if done:
        parts.append("✓ Done today. Next time:")
    # Every loaded barbell lift is heavy enough to need its ramp, not only the main lift.
    elif exercise.category == "glute_lift" or barbell:
        parts.append(ramp_text(p, exercise, t.kit, profile))
    target = format_target(p, t.kit, lib, barbell, each_side=exercise.id in t.sided)
    parts.append(f"*{exercise.name}*: {target}\n{sentence(p.reason)}")
    return "\n".join(x for x in parts if x)


def week_text(entries: Sequence[Entry], profile: Profile, now: datetime) -> str:
    """The week's hard glute sets against 10–20, and the count per movement pattern."""
    monday = local_day(now, profile) - timedelta(days=local_day(now, profile).weekday())
    mine = list(entries)
    start = datetime.combine(monday, datetime.min.time(), _zone(profile))
    own = {c.id for c in customs(profile) if c.category == "glute_lift"}  # glute sets too, as in /recap
    volume = week_volume(mine, start, start + timedelta(days=7), own)
    return sentence(volume.verdict()) + volume.breakdown()


def log_example(exercise: Exercise, p: Prescription, kit: Equipment, each_side: bool = False) -> str:
    """A /log line for a lift as prescribed, in the kit's unit (an lb lifter is never shown kg)."""
    reps = p.reps or (10, 10, 10)
    held = f" {p.held}" if p.held else ""  # "24kg dumbbell": logged as one held again
    if p.load is not None and len(load_runs(p)) > 1:
        # A load per set: each run of equal sets with its load, so /log reads back the same sets.
        def part(s: PlannedSet, run: tuple[int, ...]) -> str:
            load = f"{'2x' if s.implements == 2 else ''}{s.load:g}{s.unit or kit.unit}{held}"
            return ", ".join(f"{len(list(same))}x{r} {load}" for r, same in groupby(run))

        runs = load_runs(p)
        work = ", ".join(part(s, run) for s, run in runs if not s.backoff)
        # Back-offs are logged as back-offs, so the next target reads them as such.
        backoffs = ", ".join(part(s, run) for s, run in runs if s.backoff)
        side = " each side" if each_side or p.each_side else ""
        return f"/log {exercise.name.lower()} {work}{f' / backoff {backoffs}' if backoffs else ''}{side}"
    line = f"/log {exercise.name.lower()} {len(reps)}x{reps[0]}{' each side' if each_side else ''}"
    return line if p.load is None else f"{line} {'2x' if p.pair else ''}{p.load:g}{p.unit or kit.unit}{held}"


def next_to_log(t: Today) -> tuple[Exercise, Prescription] | None:
    """The day's first lift (main lift, compound, accessory, in /plan's order) not done today (`worked`),
    or None when every one is: /plan's /log example names the next thing to do, not a lift already done."""
    slots = [slot.category for slot in t.program.days[t.day].slots]
    return next(
        (
            (e, p)
            for slot, (e, p) in zip(slots, t.targets, strict=True)
            if slot != "activation" and e.id not in t.worked
        ),
        None,
    )


def where_text(t: Today) -> str:
    """Block, week and day: "Intermediate, 3 days a week: block 1, week 2 of 5, day 3 (Hinge day)"."""
    day = t.program.days[t.day]
    text = (
        f"{t.program.title} ({t.program.name}): block {t.week.block}, week {t.week.week_in_block} of "
        f"{t.program.block_weeks}, day {t.day + 1} of {len(t.program.days)} ({day.name})."
    )
    if t.week.lighter:
        text += " This is the lighter week: fewer sets, no more load or reps than last time."
    elif t.week.not_earned is not None:
        done, planned = t.week.not_earned
        text += (
            f" This would be the lighter week, but you trained {done} of the {planned} days planned in "
            "the weeks before it: nothing to unload, so progress goes on."
        )
    elif t.week.next_lighter:
        text += " Next week is the lighter week."
    return text


async def plan(request: Request, ctx: Context) -> Reply:
    profile = ctx.store.profile(request.account)
    entries = ctx.store.entries(request.account)
    lib = ctx.library
    t = today(profile, entries, lib, ctx.clock())
    sections = [activation_section(t, lib)]
    titles = {"glute_lift": "2. Main lift", "compound": "3. Compound", "accessory": "4. Accessory"}
    # Titles by the program's slot: a swap may come from another category (no dumbbells → a back
    # extension in the compound slot).
    slots = [slot.category for slot in t.program.days[t.day].slots]
    for slot, (exercise, p) in zip(slots, t.targets, strict=True):
        if slot in titles:
            done = exercise.id in t.worked
            sections.append(Section(titles[slot], lift_body(exercise, p, t, lib, profile, done=done)))
    main, _main_target = main_of(t)
    head = where_text(t)
    head = logged_text(t, lib, profile) + head
    if not t.started:
        head += " Pick your own with /program."
    note = f"{head}\n{week_text(entries, profile, ctx.clock())}"
    todo = next_to_log(t)
    if todo is not None:  # with every lift done there is nothing left to log today
        lift, target = todo
        note += f"\nLog what you did with /log, e.g. {log_example(lift, target, t.kit, lift.id in t.sided)}."
    buttons = ((Button(f"How to: {main.name}", f"/explain {main.id}"),),)
    return Reply(note, title="Today's session", sections=tuple(sections), buttons=buttons)

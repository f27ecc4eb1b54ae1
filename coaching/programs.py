"""Glute-focused program templates by level and days per week, in blocks ending with a lighter week.

Every day follows the protocol (coaching-facts §5): activation → one main glute lift → compound or
multi-directional work → accessory. The compound slot rotates block by block (not week by week: a lift
left for two weeks would restart at 90% every time it came round). Levels follow Price (§3):
beginners work unloaded, small-range, multi-directional patterns; intermediates full range with
control; advanced lifters load them. Pure data and date arithmetic; targets come from
:mod:`coaching.prescribe`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from coaching.hardsets import hard_sets_in
from coaching.prescribe import BREAK, PlannedSet, Prescription, runs_at_one_load
from coaching.summary import set_volume
from domain.levels import Category, Level
from domain.training import Entry, LoggedSet, Side
from domain.units import Unit, from_kg, to_kg

__all__ = [
    "Slot",
    "ProgramDay",
    "Program",
    "PROGRAMS",
    "programs_for",
    "BlockWeek",
    "block_week",
    "block_start",
    "day_exercises",
    "slot_scheme",
    "next_day",
    "day_options",
    "session_day",
    "due_day",
    "lighter",
    "PATTERNS",
    "WeekVolume",
    "week_volume",
]

LIGHTER_SETS = 2 / 3  # a lighter week keeps loads and movements and drops about a third of the sets
_SAME_LOAD = 0.05  # loads closer than this are the same load (unit conversions round to 0.01)
# A target load this close under last session's is it brought onto the kit (88 kg logged, 87.5 kg on
# the bar): the lighter week holds its reps too. Further under, it is a lighter load (a back-off, the
# straight sets after a top set), whose reps are its own.
_ROUNDED = 0.975


@dataclass(frozen=True)
class Slot:
    category: Category
    options: tuple[str, ...]  # exercise ids; more than one rotates block by block
    # The program's own scheme for the slot where it differs from the library's (advanced main lifts:
    # heavier rep ranges, more sets); None = the exercise's.
    rep_range: tuple[int, int] | None = None
    sets: int | None = None

    def exercise(self, block: int) -> str:
        return self.options[(block - 1) % len(self.options)]


@dataclass(frozen=True)
class ProgramDay:
    name: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Program:
    name: str
    level: Level
    days_per_week: int
    days: tuple[ProgramDay, ...]
    block_weeks: int = 5  # the last week of each block is lighter

    @property
    def title(self) -> str:
        return f"{self.level.capitalize()}, {self.days_per_week} days a week"


def _day(
    name: str,
    activation: str,
    main: str,
    compound: tuple[str, ...],
    accessory: str,
    main_scheme: tuple[tuple[int, int], int] | None = None,
) -> ProgramDay:
    rep_range, sets = main_scheme if main_scheme else (None, None)
    return ProgramDay(
        name,
        (
            Slot("activation", (activation,)),
            Slot("glute_lift", (main,), rep_range, sets),
            Slot("compound", compound),
            Slot("accessory", (accessory,)),
        ),
    )


# Advanced lifters (Price's last level: load) work the main lift heavier and with more sets: 4 × 6–10
# instead of the library's 3 × 8–12, so the week's hard glute sets move up the 10–20 range (§6).
ADVANCED_MAIN: tuple[tuple[int, int], int] = ((6, 10), 4)


# Per level: the thrust day, the squat/lunge day and the hinge/abduction day.
_DAYS: dict[Level, dict[str, ProgramDay]] = {
    "beginner": {
        "thrust": _day(
            "Bridge day", "sumo_walk", "glute_bridge", ("forward_lunge", "reverse_lunge"), "kickback"
        ),
        "squat": _day(
            "Squat & lunge day",
            "monster_walk",
            "single_leg_glute_bridge",
            ("lateral_lunge", "step_up"),
            "side_lying_clam",
        ),
        "hinge": _day(
            "Hinge day",
            "sumo_walk",
            "glute_bridge",
            ("romanian_deadlift", "rotational_lunge"),
            "prone_leg_raise",
        ),
    },
    "intermediate": {
        "thrust": _day(
            "Thrust day", "sumo_walk", "hip_thrust", ("back_squat", "bulgarian_split_squat"), "kickback"
        ),
        "squat": _day(
            "Squat & lunge day",
            "monster_walk",
            "b_stance_hip_thrust",
            ("lateral_lunge", "rotational_lunge", "forward_lunge"),
            "side_lying_clam",
        ),
        "hinge": _day(
            "Hinge & abduction day",
            "sumo_walk",
            "glute_bridge",
            ("romanian_deadlift", "kettlebell_swing"),
            "hip_abduction",
        ),
    },
    "advanced": {
        # Day 1's compound rotates through the harder front squat and the loaded multi-directional
        # rotational lunge (§3: loading them is the advanced level), not the intermediate's split squat.
        "thrust": _day(
            "Thrust day",
            "sumo_walk",
            "hip_thrust",
            ("back_squat", "front_squat", "rotational_lunge"),
            "cable_hip_extension",
            ADVANCED_MAIN,
        ),
        "squat": _day(
            "Squat & lunge day",
            "monster_walk",
            "single_leg_hip_thrust",
            ("bulgarian_split_squat", "rotational_lunge", "lateral_lunge"),
            "hip_abduction",
        ),
        "hinge": _day(
            "Hinge & abduction day",
            "sumo_walk",
            "b_stance_hip_thrust",
            ("deadlift", "romanian_deadlift"),
            "back_extension",
            ADVANCED_MAIN,
        ),
    },
}
# Blocks of 4-6 weeks: the more a lifter can load, the sooner fatigue adds up, so the shorter the block.
_BLOCK_WEEKS: dict[Level, int] = {"beginner": 6, "intermediate": 5, "advanced": 4}
_LAYOUT: dict[int, tuple[str, ...]] = {
    2: ("thrust", "hinge"),
    3: ("thrust", "squat", "hinge"),
    4: ("thrust", "squat", "hinge", "squat"),
}


def _build() -> dict[str, Program]:
    programs: dict[str, Program] = {}
    for level, days in _DAYS.items():
        for per_week, layout in _LAYOUT.items():
            chosen = [days[k] for k in layout]
            if per_week == 4:  # the second squat day rotates from the other end of the compound list
                extra = chosen[3]
                rotated = Slot("compound", tuple(reversed(extra.slots[2].options)))
                chosen[3] = ProgramDay(extra.name + " 2", (*extra.slots[:2], rotated, extra.slots[3]))
            name = f"{level}-{per_week}"
            programs[name] = Program(name, level, per_week, tuple(chosen), block_weeks=_BLOCK_WEEKS[level])
    return programs


PROGRAMS: dict[str, Program] = _build()


def programs_for(level: Level | None = None, days_per_week: int | None = None) -> list[Program]:
    return [
        p
        for p in PROGRAMS.values()
        if (level is None or p.level == level) and (days_per_week is None or p.days_per_week == days_per_week)
    ]


@dataclass(frozen=True)
class BlockWeek:
    week: int  # 1-based since the start of the program
    block: int  # 1-based
    week_in_block: int  # 1-based
    lighter: bool
    # The block's last week, not made lighter: (days trained, days planned) in the weeks before it,
    # too few to have anything to unload (`UNLOAD_SHARE`). None in any other week.
    not_earned: tuple[int, int] | None = None
    # The week before the last: the days trained so far, with this week's still to come, can earn
    # next week's lighter week.
    next_lighter: bool = False


# The lighter week unloads a block's work: with under this share of its planned training days done
# (a comeback after time off, a month of missed sessions) there is nothing to unload, and the lifter
# would lose a week of progress for nothing. A third: one day a week of a 3-day program still earns it.
UNLOAD_SHARE = 1 / 3


def hard_weeks(program: Program, started: date, today: date) -> tuple[date, date]:
    """The first day of ``today``'s block (its calendar begun on ``started``) and the first day of its
    lighter week: the weeks whose training earns it (`UNLOAD_SHARE`)."""
    weeks = max(0, (_monday(today) - _monday(started)).days // 7)
    first = _monday(today) - timedelta(weeks=weeks % program.block_weeks)
    return first, first + timedelta(weeks=program.block_weeks - 1)


def block_week(
    program: Program, started: date, today: date, trained: Iterable[date] | None = None
) -> BlockWeek:
    """Where ``today`` falls: the program week, the block, and whether it is the planned lighter week.
    Program weeks are calendar weeks, Monday to Sunday (``started`` and ``today`` are the user's local
    days): week 1 is the week of the start, so the lighter week is a whole calendar week, the one /plan
    counts the week's hard sets in, not seven days from whichever weekday the first session fell on.
    The block's last week is lighter only when the lifter trained enough of the weeks before it
    (``trained``: their training days, any order; only those in `hard_weeks` before ``today`` are
    read). None: the calendar alone (what a program plans, before anyone trains it)."""
    weeks = (_monday(today) - _monday(started)).days // 7
    week = max(0, weeks) + 1
    block, in_block = divmod(week - 1, program.block_weeks)
    last = in_block + 1 == program.block_weeks
    if trained is None:
        return BlockWeek(
            week, block + 1, in_block + 1, last, next_lighter=in_block + 2 == program.block_weeks
        )
    first, end = hard_weeks(program, started, today)
    done = len({d for d in trained if first <= d < min(end, today)})
    planned = program.days_per_week * (program.block_weeks - 1)
    needed = UNLOAD_SHARE * planned - 1e-9
    if not last:
        # This week's planned days may still be trained: the lighter week is announced while it can come.
        can = done + program.days_per_week >= needed
        return BlockWeek(
            week, block + 1, in_block + 1, False, next_lighter=can and in_block + 2 == program.block_weeks
        )
    earned = done >= needed
    if not earned:
        return BlockWeek(week, block + 1, in_block + 1, False, not_earned=(done, planned))
    return BlockWeek(week, block + 1, in_block + 1, True)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def block_start(started: date, trained: list[date], today: date) -> date:
    """The block calendar's start with time away taken out: every gap of two weeks or more between
    training days (or since the last one) moves it on, so a lifter back from a month off resumes the
    block where it was, not in a lighter week that has nothing left to unload."""
    points = sorted({started, *(d for d in trained if started <= d < today), today})
    away = sum(((b - a).days for a, b in zip(points, points[1:], strict=False) if b - a >= BREAK), 0)
    return started + timedelta(days=away)


def slot_scheme(program: Program, exercise: str) -> tuple[tuple[int, int] | None, int | None]:
    """The program's own rep range and set count for ``exercise`` (the first slot holding it that sets
    one), or (None, None): the library's."""
    for day in program.days:
        for slot in day.slots:
            if exercise in slot.options and (slot.rep_range or slot.sets):
                return slot.rep_range, slot.sets
    return None, None


def day_exercises(program: Program, day_index: int, block: int) -> tuple[str, ...]:
    """The exercises of day ``day_index`` in block ``block``, in order (the compound rotates)."""
    day = program.days[day_index % len(program.days)]
    return tuple(slot.exercise(block) for slot in day.slots)


def next_day(program: Program, sessions_done: int) -> int:
    """Days go in rotation: after ``sessions_done`` program sessions, the index of the next day."""
    return sessions_done % len(program.days)


def day_options(program: Program, own: str | None = None) -> list[set[str]]:
    """Per day of ``program``, every exercise that counts as doing it (each slot's rotating options;
    ``own``, the user's own glute lift, in the main slot until a program is started)."""
    days = []
    for day in program.days:
        options = {ex for slot in day.slots for ex in slot.options}
        if own is not None and any(slot.category == "glute_lift" for slot in day.slots):
            options.add(own)
        days.append(options)
    return days


def session_day(done: set[str], options: list[set[str]], due: int) -> int | None:
    """The program day a session's lifts belong to: the most lifts in common, the day due on a tie
    (then the one after it, and so on); None when no day has any of them."""
    count = len(options)
    order = [(due + i) % count for i in range(count)]
    best = max(order, key=lambda i: (len(done & options[i]), -order.index(i)))
    return best if done & options[best] else None


def due_day(program: Program, sessions: list[set[str]], own: str | None = None) -> int:
    """The day due after ``sessions`` (the lifts of each earlier training day, oldest first): the day
    after the last program day completed, as a coach counts it. A session completes the day its lifts
    belong to (:func:`session_day`) when it holds that day's main lift or two of its lifts; less (a lone
    accessory or compound on a spare day) is an extra session and leaves the rotation where it was. A
    day done twice is not two days done, and a day done out of turn is where the rotation goes on from."""
    options = day_options(program, own)
    mains = [
        {ex for slot in day.slots if slot.category == "glute_lift" for ex in slot.options}
        | ({own} if own else set())
        for day in program.days
    ]
    due = 0
    for done in sessions:
        day = session_day(done, options, due)
        if day is not None and (done & mains[day] or len(done & options[day]) >= 2):
            due = (day + 1) % len(program.days)
    return due


def lighter(
    prescription: Prescription,
    last: Sequence[LoggedSet] = (),
    unit: Unit = "kg",
    down: Callable[[float], float] | None = None,
) -> Prescription:
    """The lighter week's version: the same movements, about a third fewer sets, and no more load or
    reps than ``last`` (the last session's working sets; ``unit``: the target's): a lighter week holds
    progress, it does not add to it. A back-off target (a lighter load) stays as it is. ``down``: a
    load on the kit at or below the one given, so a load held at last session's is one the kit makes
    (89 kg logged, 87.5 kg on the bar)."""
    count = len(prescription.sets)
    keep = max(1, round(count * LIGHTER_SETS))
    sets = list(prescription.sets[:keep])
    # A left+right pair is one set: its left (or unsided) half stands for it, as the summary counts.
    done = [s for s in last if s.counts and s.side is not Side.RIGHT]
    if len(runs := _loaded_runs(prescription.sets)) > 1:
        return _lighter_per_load(prescription, runs, done, unit, down)
    held = False
    if done:
        loads = [from_kg(to_kg(s.load, s.unit), unit) if s.load else None for s in done]
        top = max((x for x in loads if x is not None), default=None)
        reps = [s.reps for s, x in zip(done, loads, strict=True) if x == top]
        for i, planned in enumerate(sets):
            was = reps[min(i, len(reps) - 1)]
            if planned.load is not None and top is not None and planned.load > top + _SAME_LOAD:
                held_at = down(top) if down is not None else top
                sets[i] = replace(planned, load=round(held_at, 2), reps=was)  # no added load this week
            elif planned.reps > was and not (top is not None and (planned.load or 0) < top * _ROUNDED):
                sets[i] = replace(planned, reps=was)  # no added reps either
            held = held or sets[i] != planned
    if keep == count and not held:
        return prescription
    what = f"{keep} of {count} sets" if keep < count else "the same sets"
    reason = (
        f"lighter week: {what} at last session's load and reps; progress resumes after it"
        if held
        # "of its": of the target's sets, at the target's loads, which may be a back-off of their own
        # (not "same loads" beside a 5% back-off; tester 5).
        else f"lighter week, {_of_its(keep, count)}; {_inner(prescription.reason)}"
    )
    return replace(prescription, sets=tuple(sets), reason=reason)


def _of_its(kept: int, count: int) -> str:
    return f"{kept} of its {count} sets" if kept < count else "the same sets"


def _loaded_runs(sets: Sequence[PlannedSet]) -> list[list[PlannedSet]]:
    """`runs_at_one_load` of a loaded target (none when a set has no load: a band or bodyweight target)."""
    return runs_at_one_load(sets) if all(s.load is not None for s in sets) else []


def _lighter_per_load(
    prescription: Prescription,
    runs: list[list[PlannedSet]],
    done: list[LoggedSet],
    unit: Unit,
    down: Callable[[float], float] | None = None,
) -> Prescription:
    """The lighter week of a target at more than one load (`lighter`), load by load: about a third
    fewer sets at each (a load of two keeps both, so the shape still reads as itself when logged back;
    a reverse pyramid drops its last back-offs), each load at or below the load it was last session
    with no more reps than then. A lighter load than last time (a back-off) stays as it is."""
    count = len(prescription.sets)
    if all(len(run) == 1 for run in runs):
        runs = runs[: max(2, round(len(runs) * LIGHTER_SETS))]
    else:
        runs = [run[: max(min(2, len(run)), round(len(run) * LIGHTER_SETS))] for run in runs]
    was: list[tuple[float, list[int]]] = []  # last session's runs: (load in ``unit``, reps)
    for s in done:
        if not s.load:
            was = []
            break
        x = from_kg(to_kg(s.load, s.unit), unit)
        if was and abs(was[-1][0] - x) < _SAME_LOAD:
            was[-1][1].append(s.reps)
        else:
            was.append((x, [s.reps]))
    sets: list[PlannedSet] = []
    for j, run in enumerate(runs):
        at = was[j] if len(was) == len(_loaded_runs(prescription.sets)) else None
        for k, planned in enumerate(run):
            if at is None:
                sets.append(planned)
                continue
            load, reps = at[0], at[1][min(k, len(at[1]) - 1)]
            if planned.load is not None and planned.load > load + _SAME_LOAD:
                held_at = down(load) if down is not None else load
                sets.append(replace(planned, load=round(held_at, 2), reps=reps))  # no added load
            elif planned.load is not None and planned.load > load - _SAME_LOAD and planned.reps > reps:
                sets.append(replace(planned, reps=reps))  # nor added reps
            else:
                sets.append(planned)
    held = any(a != b for a, b in zip(sets, [s for run in runs for s in run], strict=True))
    what = f"{len(sets)} of {count} sets" if len(sets) < count else "the same sets"
    reason = (
        f"lighter week: {what}, each load at last session's load and reps or below; progress resumes after it"
        if held
        else f"lighter week, {_of_its(len(sets), count)}; {_inner(prescription.reason)}"
    )
    return replace(prescription, sets=tuple(sets), reason=reason)


def _inner(reason: str) -> str:
    """A reason continued after a semicolon: "Start unloaded: …" → "start unloaded: …"."""
    return reason[:1].lower() + reason[1:] if reason[1:2].islower() else reason


# Movement pattern of each glute exercise in the library, for the weekly count. Activation walks are
# warm-up work, not hard sets, so they have no pattern.
PATTERNS: dict[str, str] = {
    **dict.fromkeys(
        (
            "glute_bridge",
            "hip_thrust",
            "single_leg_glute_bridge",
            "single_leg_hip_thrust",
            "b_stance_hip_thrust",
            "frog_pump",
        ),
        "bridge/thrust",
    ),
    **dict.fromkeys(
        (
            "back_squat",
            "front_squat",
            "forward_lunge",
            "lateral_lunge",
            "rotational_lunge",
            "reverse_lunge",
            "bulgarian_split_squat",
            "step_up",
        ),
        "squat/lunge",
    ),
    **dict.fromkeys(
        ("deadlift", "romanian_deadlift", "kettlebell_swing", "back_extension", "cable_pull_through"), "hinge"
    ),
    **dict.fromkeys(("cable_hip_extension", "kickback", "prone_leg_raise"), "hip extension"),
    **dict.fromkeys(("side_lying_clam", "hip_abduction"), "abduction"),
}
WEEKLY_SETS = (10, 20)  # the usual range of hard sets per muscle per week for growth


@dataclass(frozen=True)
class WeekVolume:
    hard_sets: int
    by_pattern: dict[str, int]  # no target of its own: the count is information
    own: int = 0  # of the user's own glute lifts: in the total, in no pattern

    def breakdown(self) -> str:
        """' By pattern: bridge/thrust 3, your own lifts 3.' (the parts add up to ``hard_sets``), or
        '' when there are none."""
        parts = [f"{k} {v}" for k, v in sorted(self.by_pattern.items())]
        if self.own:
            parts.append(f"your own lifts {self.own}")
        return f" By pattern: {', '.join(parts)}." if parts else ""

    def verdict(self, period: str = "this week") -> str:
        """``period`` says which 7 days: /plan's calendar week, or the recap's 7 days to today."""
        low, high = WEEKLY_SETS
        if self.hard_sets < low:
            return f"{self.hard_sets} hard glute sets {period}, under the usual {low}–{high}"
        if self.hard_sets > high:
            return f"{self.hard_sets} hard glute sets {period}, over the usual {low}–{high}"
        return f"{self.hard_sets} hard glute sets {period}, inside the usual {low}–{high}"


def week_volume(
    entries: list[Entry], start: datetime, end: datetime, own: Collection[str] = ()
) -> WeekVolume:
    """Hard sets (coaching.hardsets) of glute exercises logged in [start, end); warm-ups, activation
    and a light set beside the work never count. A left+right pair is one set, as the session summary
    counts it ("3x8 each side" is 3 sets in /done, /plan and /recap alike). ``own``: the user's own
    glute lifts' ids, glute sets of no pattern the library knows (counted, as ``own``)."""
    counts: Counter[str] = Counter()
    unpatterned = 0
    for e, hard in hard_sets_in(entries, start, end):
        pattern = PATTERNS.get(e.exercise)
        if pattern:
            counts[pattern] += set_volume(hard, "kg")[0]
        elif e.exercise in own:
            unpatterned += set_volume(hard, "kg")[0]
    return WeekVolume(sum(counts.values()) + unpatterned, dict(counts), unpatterned)

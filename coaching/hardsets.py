"""Which logged sets are hard sets: the ones the weekly volume (/plan, /recap, its chart) and the
session summary (/done) count. Defined once here. Pure: domain entries in, sets out.

A hard set is a working, back-off or drop set (warm-ups and activation never count) that is not a
light loaded working set: a warm-up typed without its "w", in a ramp or logged late ("/log hip thrust
100x10,10,9" then "/log hip thrust 1x10 40kg" is 3 hard sets). A working set is light when, in the
same session and exercise, all of these hold:

- it is under ``LIGHT_SHARE`` of the heaviest load (before the top, a ramp step: below), compared per
  implement (per hand of a pair) and in all alike: a single 20 kg dumbbell after "3x10 2x20kg" is the same weight in hand, not a warm-up;
  "2x10 2x6kg" after "3x10 2x12kg" is light both ways;
- after the session's first set at its top load, fewer than ``SCHEME_SETS`` sets are at its load:
  three or more equal sets after the top are a programmed block ("5x5 140kg" then "3x8 80kg" is a
  back-off block of 3 hard sets, whether typed as one entry or set by set), while one or two sets under
  60% are still a late warm-up. Before the top, sets well under it are a warm-up ramp however many
  ("3x5 40kg" then "3x10 100kg": 3 hard sets), and so are steps under ``RAMP_SHARE`` of it for fewer
  reps than the top set ("40x5, 60x3, 80x2, 100x8": 1 hard set; a pyramid's "60x10, 80x8, 100x6" is 3),
  and steps nearer it for at most half the top set's reps (``PRIMER_REPS``: "185x2" before "205x8x3");
  an entry's own climb to a set at the top load is before the top whatever was logged earlier that day,
  its reps judged against that entry's top set ("100x8" then "40x5, 60x3, 80x2, 100x8": 2 hard sets, as
  "100x8" twice; "100x12" then "60x10, 80x8, 100x6" is 4), and so is a set on the way up no heavier
  than a later warm-up of the same climb ("20x10, 60x5, 80x3, 100x5": the 60 between two warm-ups too),
  and so is a rising set lighter than every back-off after the top, for fewer reps than each ("60x10,
  100x5, 150x5, 115x10,10,9": 4 hard sets; "100x10" first, as many reps as the back-offs, stays work);
- the lifter did not rate it hard (RPE ``HARD_RPE``+ or RIR 3-);
- the exercise is not one whose load is added to the body's own weight (``ON_BODYWEIGHT``: a plate
  on a back extension, dumbbells on a step-up): the body is most of what moves, so a lighter added
  load is still work;
- it has a load (bodyweight work has none to compare).

The next target ignores light sets too: it progresses from a session's sets at its top load
(coaching.prescribe). ``last_work`` is what "/log hip thrust same" repeats: the latest entry with work
in it, not a late warm-up.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from operator import attrgetter

from domain.training import LONGEST_SESSION, Entry, LoggedSet, Session, SetKind, chronological, group_sessions

__all__ = [
    "HARD_RPE",
    "LIGHT_SHARE",
    "ON_BODYWEIGHT",
    "RAMP_SHARE",
    "SCHEME_SETS",
    "hard_sets",
    "hard_sets_in",
    "last_work",
    "light_after_top",
    "light_sets",
    "light_split",
    "ramp_as_warmups",
    "warmups_read",
]

# A warm-up ramp climbs ~40% ×5, ~60% ×3, ~80% ×2 of the working load (coaching-facts §6, "Warm-up
# sets"). Its upper steps overlap real back-off work (a set at 70–80% of the top for more reps is hard
# work), so only a set below the ramp's middle step is taken for a warm-up logged without its "w".
LIGHT_SHARE = 0.6
# Before the top, a step under this share of it for fewer reps than the top set is a ramp step: the
# ramp climbs to ~80%.
RAMP_SHARE = 0.9
# … and a step above it is one only for at most this share of the top set's reps: "185x2" before
# "205x8x3" stops ten reps short of failure (no hard set), while "190x6" before "200x8" is work.
PRIMER_REPS = 0.5
# A ramp takes one or two sets at each step; this many sets at one load after the top is a scheme (a
# back-off block).
SCHEME_SETS = 3
# An effort the lifter rated at least this (or as few reps in reserve) is a hard set whatever its load
# (coaching-facts: hard sets are those taken within a few reps of failure).
HARD_RPE = 7
# The library's lifts whose load is optional, added to the body's own weight (content/exercises.yaml
# marks their load kit "(optional)"; a test keeps the two in step). A user's own exercise is not known
# to be one, so it is judged as a loaded lift.
ON_BODYWEIGHT = frozenset(
    {
        "back_extension",
        "bulgarian_split_squat",
        "forward_lunge",
        "glute_bridge",
        "lateral_lunge",
        "reverse_lunge",
        "rotational_lunge",
        "single_leg_hip_thrust",
        "step_up",
    }
)
_TOL_KG = 0.01  # unit conversions round to 0.01: 135 lb of a 225 lb top is 60%, not under it


def _key(kg: float) -> float:
    """One load as a scheme counts it: 80 kg typed and 176.37 lb converted are the same plates."""
    return round(kg, 1)


def _rated_hard(s: LoggedSet) -> bool:
    return (s.rpe is not None and s.rpe >= HARD_RPE) or (s.rir is not None and s.rir <= 10 - HARD_RPE)


@dataclass(frozen=True)
class _Tops:
    """What a light set of one exercise is judged against in its session."""

    each_kg: float  # the heaviest load per implement
    all_kg: float  # the heaviest load in all (both hands of a pair)
    first_top: int  # where the first set at the heaviest load is, in the session's order of sets
    top_reps: int  # the most reps done at the heaviest load
    schemes: frozenset[float]  # loads per implement (`_key`) with SCHEME_SETS or more sets after the top
    # The sets that climb to a set at the top load in their own entry, by where they are, each with the
    # most reps done at the top in that entry: its own top set, whatever else was logged that day.
    climbs: dict[int, int]
    # The sets on the way up no heavier than a later set of the same climb read as a warm-up (a ramp
    # step, or one typed with its "w"): "20x10, 60x5, 80x3, 100x5" climbs through 60 to 80, so 60 × 5
    # is a warm-up too, though alone it is neither well under the top nor for fewer reps than it.
    below_warmups: frozenset[int] = frozenset()
    # The sets on the way up lighter than the work after the top and for fewer reps (`_under_backoffs`):
    # "60x10, 100x5, 150x5, 115x10x3" climbs through 100 × 5 to 150, then works at 115.
    under_backoffs: frozenset[int] = frozenset()

    def under(self, s: LoggedSet, share: float) -> bool:
        each, whole = s.load_kg or 0.0, s.load_in_all_kg or 0.0
        return each + _TOL_KG < share * self.each_kg and whole + _TOL_KG < share * self.all_kg

    def on_the_way_up(self, at: int) -> bool:
        """Whether the ``at``-th set climbs to the top: before the session's first top set, or before
        its own entry's first (an entry's climb reads the same whatever else was logged that day)."""
        return at < self.first_top or at in self.climbs

    def light(self, s: LoggedSet, at: int) -> bool:
        """True for a working set (the ``at``-th of the session's sets) taken for a warm-up."""
        if s.kind is not SetKind.WORKING:
            return False  # back-off and drop sets: the lifter said they were part of the work
        if _rated_hard(s) or not s.load_kg or not s.load_in_all_kg:
            return False  # rated hard: work at any load; bodyweight: no load to compare
        if self.on_the_way_up(at):
            return (
                at in self.below_warmups
                or at in self.under_backoffs
                or self.ramp(s, self.climbs.get(at, self.top_reps))
            )
        return self.under(s, LIGHT_SHARE) and _key(s.load_kg) not in self.schemes

    def ramp(self, s: LoggedSet, top_reps: int) -> bool:
        """A set before the top is a ramp step when well under it (however many sets at its load:
        "3x5 40kg" then "3x10 100kg"), or lighter than ``RAMP_SHARE`` of it for fewer reps than the
        top set it climbs to (``top_reps``: "40x5, 60x3, 80x2, 100x8"). A pyramid's sets for more reps
        ("60x10, 80x8, 100x6") stay work. Above it, a step for at most ``PRIMER_REPS`` of the top set's
        reps is one too ("45x10, 95x5, 135x3, 185x2, 205x8x3": the 185 × 2)."""
        if self.under(s, LIGHT_SHARE) or (self.under(s, RAMP_SHARE) and s.reps < top_reps):
            return True
        return self.under(s, 1.0) and s.reps <= PRIMER_REPS * top_reps


def _order(entries: Iterable[Entry]) -> list[Entry]:
    return chronological(list(entries))


def _tops(ordered: Sequence[Entry]) -> dict[str, _Tops]:
    """Each loaded exercise's `_Tops` among ``ordered``, the entries of one session in order; none for
    the exercises whose load adds to bodyweight (`ON_BODYWEIGHT`): no set of theirs is light."""
    done: dict[str, list[list[LoggedSet]]] = {}
    for e in ordered:
        if e.exercise not in ON_BODYWEIGHT:
            done.setdefault(e.exercise, []).append(list(e.sets))
    tops: dict[str, _Tops] = {}
    for exercise, entries in done.items():
        numbered = list(enumerate(s for sets in entries for s in sets))
        sets = [(i, s) for i, s in numbered if _loaded(s)]
        if not sets:
            continue
        each = max(s.load_kg or 0.0 for _, s in sets)
        at_top = [(i, s) for i, s in sets if _key(s.load_kg or 0.0) == _key(each)]
        first = at_top[0][0]
        climbs = _climbs(entries, each)
        # Only a block after the top is a back-off block: equal sets before it (or before a later
        # climb's top) are a ramp.
        counts = Counter(_key(s.load_kg or 0.0) for i, s in sets if i > first and i not in climbs)
        top = _Tops(
            each,
            max(s.load_in_all_kg or 0.0 for _, s in sets),
            first,
            max(s.reps for _, s in at_top),
            frozenset(load for load, n in counts.items() if n >= SCHEME_SETS),
            climbs,
        )
        top = replace(top, under_backoffs=_under_backoffs(top, numbered))
        tops[exercise] = replace(top, below_warmups=_below_warmups(top, numbered))
    return tops


def _under_backoffs(top: _Tops, numbered: Sequence[tuple[int, LoggedSet]]) -> frozenset[int]:
    """Where the working sets on the way up (`_Tops.on_the_way_up`) are that climb (no later set on
    the way up is lighter) and are lighter than every back-off after the top, for fewer reps than each:
    a ramp step, whatever its share of the top ("60x10, 100x5, 150x5, 115x10,10,9": the 100 × 5; the
    work is at 115 kg). The back-offs are the sets after the first top set below its load that are not
    light themselves (a warm-up logged late is no work to compare with). A day with none ("3x10 80kg,
    2x8 90kg", a pyramid) leaves this empty, and so does a first set for as many reps as the
    back-offs ("100x10, 150x5, 115x10x3": a back-off done first). ``numbered``: as `_below_warmups`."""
    work = [
        s
        for i, s in numbered
        if i > top.first_top
        and i not in top.climbs
        and _loaded(s)
        and s.kind is not SetKind.WARMUP
        and _key(s.load_kg or 0.0) < _key(top.each_kg)
        and not top.light(s, i)
    ]
    if not work:
        return frozenset()
    floor = min(s.load_kg or 0.0 for s in work), min(s.load_in_all_kg or 0.0 for s in work)
    fewest = min(s.reps for s in work)
    steps: set[int] = set()
    lightest: tuple[float, float] | None = None  # the lightest set later in this climb (each, in all)
    for i, s in reversed(numbered):
        if not top.on_the_way_up(i):
            lightest = None  # a top set, or one after it: the climb before it is another
            continue
        each, whole = s.load_kg or 0.0, s.load_in_all_kg or 0.0
        if not each or not whole or not _loaded(s):
            continue  # bodyweight, band or failed work: no step of the climb
        rising = lightest is None or (each <= lightest[0] + _TOL_KG and whole <= lightest[1] + _TOL_KG)
        if (
            rising
            and s.kind is SetKind.WORKING
            and s.reps < fewest
            and each + _TOL_KG < floor[0]
            and whole + _TOL_KG < floor[1]
        ):
            steps.add(i)
        lightest = (each, whole) if lightest is None else (min(each, lightest[0]), min(whole, lightest[1]))
    return frozenset(steps)


def _below_warmups(top: _Tops, numbered: Sequence[tuple[int, LoggedSet]]) -> frozenset[int]:
    """Where the sets on the way up (`_Tops.on_the_way_up`) are that a later set of the same climb,
    read as a warm-up, is at least as heavy as: a lighter set before a warm-up is a warm-up too.
    ``numbered``: the exercise's sets of the session with where they are, in order."""
    below: set[int] = set()
    ceiling: tuple[float, float] | None = None  # the heaviest warm-up later in this climb (each, in all)
    for i, s in reversed(numbered):
        if not top.on_the_way_up(i):
            ceiling = None  # a top set, or one after it: the climb before it is another
            continue
        each, whole = s.load_kg or 0.0, s.load_in_all_kg or 0.0
        if not each or not whole:
            continue  # bodyweight or band work: no load on the way up
        if ceiling is not None and each <= ceiling[0] + _TOL_KG and whole <= ceiling[1] + _TOL_KG:
            below.add(i)
        elif (s.kind is SetKind.WARMUP and s.reps > 0) or top.light(s, i):
            ceiling = (each, whole) if ceiling is None else (max(each, ceiling[0]), max(whole, ceiling[1]))
    return frozenset(below)


def _loaded(s: LoggedSet) -> bool:
    """A set a top is read from: one that counts, done, with a load."""
    return s.reps > 0 and bool(s.load) and s.counts  # load > 0 in any unit is load_kg > 0


def _climbs(entries: Sequence[Sequence[LoggedSet]], each: float) -> dict[int, int]:
    """Where (in the session's order of sets) the sets of each entry before its own first set at the
    top load ``each`` are, each with the most reps done at that load in the entry. A ramp logged again
    later in the day climbs the same way, and is read the same way (`_Tops.on_the_way_up`)."""
    climbs: dict[int, int] = {}
    start = 0
    for sets in entries:
        at_top = [j for j, s in enumerate(sets) if _loaded(s) and _key(s.load_kg or 0.0) == _key(each)]
        if at_top:
            reps = max(sets[j].reps for j in at_top)
            climbs.update(dict.fromkeys(range(start, start + at_top[0]), reps))
        start += len(sets)
    return climbs


def _split(
    entry: Entry, ordered: Sequence[Entry], tops: dict[str, _Tops]
) -> tuple[list[LoggedSet], list[LoggedSet]]:
    """The light sets of ``entry`` (one of ``ordered``): (ramp steps on the way up to the top, light
    sets after it)."""
    top = tops.get(entry.exercise)
    if top is None:
        return [], []
    at = 0
    for e in ordered:
        if _is(e, entry):
            break
        if e.exercise == entry.exercise:
            at += len(e.sets)
    before: list[LoggedSet] = []
    after: list[LoggedSet] = []
    for i, s in enumerate(entry.sets, start=at):
        if top.light(s, i):
            (before if top.on_the_way_up(i) else after).append(s)
    return before, after


def _is(e: Entry, entry: Entry) -> bool:
    """``e == entry``, the times compared first: only an entry of its time can be it, so the entries
    of a day logged set by set are not each compared with it set by set."""
    return e is entry or (e.at == entry.at and e == entry)


def _with(entry: Entry, session: Iterable[Entry]) -> list[Entry]:
    entries = list(session)
    return _order(entries if any(_is(e, entry) for e in entries) else [*entries, entry])


def light_sets(entry: Entry, session: Iterable[Entry]) -> tuple[LoggedSet, ...]:
    """The working sets of ``entry`` the coach counts as warm-ups, judged among ``session`` (the
    entries of its session, ``entry`` among them): a ramp's steps before the top, and light sets
    logged late after it."""
    before, after = light_split(entry, session)
    return (*before, *after)


def light_split(
    entry: Entry, session: Iterable[Entry]
) -> tuple[tuple[LoggedSet, ...], tuple[LoggedSet, ...]]:
    """`light_sets` apart: (the ramp steps on the way up to the session's top load, before its first
    top set or before the entry's own, the light sets after it). The line's effort is read as not
    typed (`_line_effort_off`); the sets come back as typed."""
    lines, ordered = _judged(entry, session)
    if _one_load(ordered, entry.exercise) or not _under_a_later(lines, ordered, late=True):
        return (), ()
    before, after = _split(lines, ordered, _tops(ordered))
    return _as_typed(entry, lines, before), _as_typed(entry, lines, after)


def ramp_as_warmups(entry: Entry, session: Iterable[Entry]) -> tuple[Entry, tuple[LoggedSet, ...]]:
    """``entry`` with the ramp steps `light_split` finds in it (judged among ``session``) as warm-ups,
    and those steps as they were typed. The one rule /log and /edit store by: a lighter lead-in set the
    card calls a warm-up ("40x10, 100x10x3") is stored as one, so records, RPE, previews, targets and
    the export agree with the card. Light sets after the top stay as typed (the card offers to make
    them back-offs), and so does work at another load ("3x10 80kg, 2x8 90kg": no ramp).

    The line's effort ("40x10, 100x10x3 rpe 8": one RPE for all the work) is judged as not typed: it
    rates the work, not the lead-in set, so the ramp reads as without it and its steps are stored with
    no RPE. A set's own ("100x5 @8, 110x3 @9") still makes it work."""
    lines, ramp = _ramp_steps(entry, session)
    if not ramp:
        return entry, ()
    steps, sets, left = [], [], list(ramp)
    for s, read in zip(entry.sets, lines.sets, strict=True):
        if read in left:
            left.remove(read)
            steps.append(s)
            s = replace(read, kind=SetKind.WARMUP)  # the line's effort is the work's, not this set's
        sets.append(s)
    return replace(entry, sets=tuple(sets)), tuple(steps)


def _line_effort_off(entry: Entry) -> Entry:
    """``entry`` without the line's effort: an RPE or RIR every working set has alike, at several
    loads ("40x10, 100x10x3 rpe 8"). The stored sets cannot tell it from the same rating typed after
    each, and the canonical line writes it once at the end, as the line's (logparse)."""
    work = [s for s in entry.sets if s.kind is SetKind.WORKING]
    efforts = {(s.rpe, s.rir) for s in work}
    loads = {s.load_in_all_kg for s in work}
    if len(efforts) != 1 or efforts == {(None, None)} or len(loads) < 2:
        return entry
    return replace(
        entry,
        sets=tuple(replace(s, rpe=None, rir=None) if s.kind is SetKind.WORKING else s for s in entry.sets),
    )


def _judged(entry: Entry, session: Iterable[Entry]) -> tuple[Entry, list[Entry]]:
    """``entry`` as light sets are judged (`_line_effort_off`), and the session in order with it."""
    lines = _line_effort_off(entry)
    if lines is entry:  # no line effort (most entries): the session as it is
        return entry, _with(entry, session)
    return lines, _with(lines, [lines if _is(e, entry) else e for e in session])


def _as_typed(entry: Entry, lines: Entry, found: Sequence[LoggedSet]) -> tuple[LoggedSet, ...]:
    """The sets of ``entry`` where ``found`` (sets of ``lines``, `_judged`'s reading of it) are."""
    left = list(found)
    typed = []
    for s, read in zip(entry.sets, lines.sets, strict=True):
        if read in left:
            left.remove(read)
            typed.append(s)
    return tuple(typed)


def _ramp_steps(entry: Entry, session: Iterable[Entry]) -> tuple[Entry, tuple[LoggedSet, ...]]:
    """`light_split`'s ramp steps alone: ``entry`` as judged (`_judged`), and its sets on the way up
    to the session's top."""
    lines, ordered = _judged(entry, session)
    if _one_load(ordered, entry.exercise) or not _under_a_later(lines, ordered, late=False):
        return lines, ()
    return lines, tuple(_split(lines, ordered, _tops(ordered))[0])


def _under_a_later(entry: Entry, ordered: Sequence[Entry], *, late: bool) -> bool:
    """Whether some working set of ``entry`` may be light, found without the session's tops: a ramp
    step has a heavier set after it (the top it climbs to), and with ``late`` a light set after the top
    is lighter than a set before it. Most /log and /edit cards (a day's straight sets, the heaviest
    logged last) end here; a day logged entry by entry is otherwise read whole on each of them."""
    if entry.exercise in ON_BODYWEIGHT:
        return False  # as `_tops`: no set of theirs is light
    mine = [e for e in ordered if e.exercise == entry.exercise]
    at = next((i for i, e in enumerate(mine) if _is(e, entry)), len(mine))
    loads = [[s.load_kg or 0.0 for s in e.sets if _loaded(s)] for e in mine]
    heaviest = max((x for group in loads[at + 1 :] for x in group), default=0.0)
    if late:
        heaviest = max(heaviest, *(x for group in loads[:at] for x in group), 0.0)
    for s in reversed(entry.sets):
        x = s.load_kg or 0.0
        if s.kind is SetKind.WORKING and x and (x + _TOL_KG < heaviest or not s.reps):
            return True  # a failed set (no reps) is no top: one before a heavier warm-up is read whole
        if _loaded(s):
            heaviest = max(heaviest, x)
    return late and any(
        s.kind is SetKind.WORKING and (s.load_kg or 0.0) + _TOL_KG < heaviest and s.load_kg
        for s in entry.sets
    )


def _one_load(ordered: Sequence[Entry], exercise: str) -> bool:
    """Every loaded set of ``exercise`` among ``ordered`` is at one load: none is light, and the usual
    day (3 × 10 @ 80, logged again and again) needs no tops worked out on every /log."""
    first: float | None = None
    for e in ordered:
        if e.exercise != exercise:
            continue
        for s in e.sets:
            if s.reps <= 0 or not s.load or not s.counts:  # `_loaded`, inline: every set of the day
                continue
            kg = s.load_kg
            if first is None:
                first = kg
            elif kg != first:
                return False  # a second load: the tops are worked out
    return True


def light_after_top(session: Sequence[Entry]) -> frozenset[int]:
    """The light sets (by ``id``) of a session's entries (one exercise's, in order) after its first top
    set: light sets logged late, and the steps of a climb logged again to the top ("100x8" then "40x5,
    60x3, 80x2, 100x8": the 40, 60 and 80). The target reads neither: the work is at the top load."""
    ordered = _order(session)
    if all(_one_load(ordered, exercise) for exercise in {e.exercise for e in ordered}):
        return frozenset()
    tops = _tops(ordered)
    late: set[int] = set()
    done: Counter[str] = Counter()  # each exercise's sets so far: where the entry's first set is
    for e in ordered:
        top, start = tops.get(e.exercise), done[e.exercise]
        done[e.exercise] += len(e.sets)
        if top is not None:
            late.update(id(s) for i, s in enumerate(e.sets, start) if i > top.first_top and top.light(s, i))
    return frozenset(late)


def warmups_read(session: Sequence[Entry]) -> list[Entry]:
    """The entries of one session (any order) in order, each working set the coach counts as a warm-up
    (`light_sets`) shown as one: what /history and the export say, so they agree with the /log card.
    Each entry is read among the entries trained up to it (what its card saw, logged in order): a
    later, heavier entry never makes an earlier one a warm-up ("1x10 40kg" at 10:00, "3x10 100kg" at
    10:20: the 40 kg was logged, and shown on its card, as work), though later entries can still make
    a light set work (a back-off block). The weekly count still reads the whole session (`hard_sets`). For showing only: the store
    keeps the sets as typed (an /edit works on those)."""
    return list(_read(tuple(_order(session))))


# Sessions read once, kept while they stay as they are: /history reads every session again to page them
# (Prev / Next), and only the latest changes. Keyed by the entries' values; bounded.
@lru_cache(maxsize=4096)
def _read(ordered: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """`warmups_read` of a session's entries in order."""
    if all(_one_load(ordered, exercise) for exercise in {e.exercise for e in ordered}):
        return ordered  # the usual day: no light set, no tops worked out
    tops = _tops(ordered)
    last = {e.exercise: k for k, e in enumerate(ordered)}  # each exercise's latest entry
    read: list[Entry] = []
    done: Counter[str] = Counter()  # each exercise's sets so far: where the entry's first set is
    for k, e in enumerate(ordered):
        top, start = tops.get(e.exercise), done[e.exercise]
        done[e.exercise] += len(e.sets)
        if top is None:
            read.append(e)
            continue
        light = [top.light(s, i) for i, s in enumerate(e.sets, start)]
        if any(light) and k < last[e.exercise]:
            # Also light among the entries up to this one, as its card read it (the set indices are
            # the same: the prefix keeps the order); the latest entry's prefix is the whole session.
            then = _tops(ordered[: k + 1]).get(e.exercise)
            light = [
                was and then is not None and then.light(s, i)
                for was, (i, s) in zip(light, enumerate(e.sets, start), strict=True)
            ]
        sets = tuple(
            replace(s, kind=SetKind.WARMUP) if is_light else s
            for is_light, s in zip(light, e.sets, strict=True)
        )
        read.append(e if sets == e.sets else replace(e, sets=sets))
    return tuple(read)


def hard_sets(session: Session) -> list[tuple[Entry, tuple[LoggedSet, ...]]]:
    """Each entry of ``session`` with its hard sets (possibly none), in order."""
    ordered = _order(session.entries)
    tops = _tops(ordered)
    hard = []
    for e in session.entries:
        before, after = _split(e, ordered, tops)
        light = [*before, *after]
        hard.append((e, tuple(s for s in e.sets if s.counts and s not in light)))
    return hard


def hard_sets_in(
    entries: Sequence[Entry], start: datetime, end: datetime
) -> list[tuple[Entry, tuple[LoggedSet, ...]]]:
    """The entries logged in [start, end) with their hard sets, each judged within its whole session
    (a session across the window's edge keeps its top). Only the entries near the window are grouped,
    so a long history costs one pass."""
    near = [e for e in entries if start - LONGEST_SESSION <= e.at < end + LONGEST_SESSION]
    return [
        (e, sets) for session in group_sessions(near) for e, sets in hard_sets(session) if start <= e.at < end
    ]


def last_work(history: Sequence[Entry]) -> Entry | None:
    """The latest of ``history`` (one exercise's entries, any order) with work in it: a set that is
    neither a warm-up nor counted as one (light, judged within its session). What "same" / "+2.5kg"
    repeats: a warm-up logged after the work, with its "w" or without, is not "my last sets". None
    when every entry is warm-ups."""
    ordered = chronological(history)
    at = attrgetter("at")
    for i in range(len(ordered) - 1, -1, -1):
        entry = ordered[i]
        if all(s.kind is SetKind.WARMUP for s in entry.sets):
            continue
        if not any(s.kind is SetKind.WORKING for s in entry.sets):
            return entry  # back-off, drop or activation sets: work whatever the session
        # Only the entries a session could share with it are grouped, not the whole history.
        start = bisect.bisect_left(ordered, entry.at - LONGEST_SESSION, key=at)
        end = bisect.bisect_right(ordered, entry.at + LONGEST_SESSION, key=at)
        session = next(s.entries for s in group_sessions(ordered[start:end]) if entry in s.entries)
        light = light_sets(entry, session)
        if any(s.kind is not SetKind.WARMUP and s not in light for s in entry.sets):
            return entry
    return None

"""The training log: /log, /edit, /delete, /undo, /history, /progress, /export.

/log reads a line with `coaching.logparse` and stores exactly the entry its confirmation card shows;
whatever needs a choice first (an ambiguous ``AxB``, a misspelt exercise, an outlier) is asked with
buttons and nothing is stored until one is pressed. A button that logs carries the entry as its
canonical line (`render_entry`: absolute date, exercise id), so a press later stores what was shown.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import operator
import re
import sys
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from typing import Any
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from coaching.bests import Bests
from coaching.charts import chart_file_name, progress_chart
from coaching.export import entries_csv
from coaching.families import FAMILY_NAMES, family_of
from coaching.hardsets import (
    ON_BODYWEIGHT,
    SCHEME_SETS,
    last_work,
    light_split,
    ramp_as_warmups,
    warmups_read,
)
from coaching.imports import coach_key, equipment_of, with_pairs
from coaching.logparse import (
    BODYWEIGHT_WORDS,
    EFFORT,
    IMPLEMENT_WORDS,
    NOTE,
    Ambiguous,
    LogContext,
    LogParseError,
    NotABarLoad,
    Repeat,
    TooBigChange,
    apply_repeat,
    confirmation_card,
    edit_clears,
    example,
    example_in,
    implements_said,
    leading_name,
    load_marked,
    log_forms,
    outlier,
    outlier_light,
    outlier_past_recent,
    parse_log,
    render_entry,
)
from coaching.plates import loadable_loads, same_implement
from coaching.prescribe import (
    DOUBT_FACTOR,
    ExerciseRules,
    band_logged,
    done_with,
    holds,
    is_pr,
    kit_implement,
    pair_implement,
    records,
    set_e1rm,
    typo_entries,
)
from content.library import Exercise, Library
from core.context import Context
from core.markup import count, esc
from core.messages import MAX_COMMAND_BYTES, Ask, Attachment, Button, Image, Reply, Request
from core.registry import Checked
from domain.equipment import BAR_EXAMPLE, PRESETS, Equipment, Implement, default_preset
from domain.levels import BANDS
from domain.training import (
    LONGEST_SESSION,
    SESSION_GAP,
    SESSION_READ,
    Entry,
    Held,
    LoggedSet,
    SetKind,
    chronological,
    group_sessions,
)
from domain.units import Unit, about, from_kg, to_kg
from handlers.account import CONFIRM_SECONDS
from handlers.custom_exercises import (
    CATEGORY_SHOWN,
    NAME_RULE,
    Known,
    addable,
    category_of,
    clean_name,
    close_to_library,
    customs,
    display_name,
    find,
    find_imported,
    find_logged,
    in_library,
    suggest,
)
from handlers.equipment import (
    BELLS,
    KIT_TOL_KG,
    far_past_the_bells,
    past_the_rack,
    rack_line,
    unit_asked,
    user_equipment,
    which_unit,
)
from handlers.plan import (
    current_week,
    format_target,
    level_of,
    next_level,
    sentence,
    sets_text,
    start_band,
    target_for,
)
from handlers.session import on_logged
from storage.models import Profile, entry_from_row, entry_to_row
from storage.store import LogMark

EXAMPLE = "hip thrust 3x10 80kg"
HISTORY_SESSIONS = 5  # sessions per /history page
# Characters of entry lines per /history page: one Telegram message (4,096) with room for the heads and
# the footer. A session longer than that (120 entries logged one by one) is shown in parts.
HISTORY_CHARS = 3000


def _forms(unit: Unit) -> str:
    return "\n".join(f"• {esc(form)}" for form in log_forms(unit))


def _unit(profile: Profile) -> Unit:
    """The unit the lifter logs in, which /log's and /edit's examples are given in."""
    return "lb" if profile.units == "lb" else "kg"


def _example(profile: Profile) -> str:
    """The example /log line in the lifter's unit ("hip thrust 3x10 185lb" after /units lb)."""
    return example(_unit(profile))


def user_zone(profile: Profile) -> ZoneInfo:
    try:
        return ZoneInfo(profile.timezone)
    except Exception:
        return ZoneInfo("UTC")


def local_date(at: datetime, profile: Profile) -> str:
    return at.astimezone(user_zone(profile)).strftime("%a %d %b %Y")


# --------------------------------------------------------------------------- how an entry is said


def _load_words(s: LoggedSet) -> str:
    if s.load is None:
        return "" if s.kind is SetKind.ACTIVATION else "bodyweight"
    each = "2 × " if s.implements == 2 else ""
    # One dumbbell or kettlebell held says so, as a pair says "2 ×": a 32 kg kettlebell is no 32 kg bar.
    held = f" {s.held.value}" if s.held else ""
    return f"@ {each}{s.load:g} {s.unit or 'kg'}{held}"


_RUN_KIND = {SetKind.BACKOFF: "back-off ", SetKind.DROP: "drop "}


def _side_pair_words(left: LoggedSet, right: LoggedSet) -> str:
    reps = f"{left.reps}" if left.reps == right.reps else f"L{left.reps}/R{right.reps}"
    if _load_words(left) == _load_words(right):
        return f"{reps} {_load_words(left)}".strip()
    return f"L{left.reps} {_load_words(left)}/R{right.reps} {_load_words(right)}"


def describe_entry(entry: Entry) -> str:
    """One line: ``3 × 10 @ 80 kg`` when the work shares its load, else run by run; warm-ups counted."""
    if entry.sets and all(s.kind is SetKind.WARMUP for s in entry.sets):
        # Warm-ups alone are said as warm-ups, never taken for working sets at that load.
        as_work = tuple(replace(s, kind=SetKind.WORKING) for s in entry.sets)
        return f"warm-up {describe_entry(replace(entry, sets=as_work))}"
    work = [s for s in entry.sets if s.kind is not SetKind.WARMUP]
    warmups = len(entry.sets) - len(work)
    if not work:
        return "no sets"
    first = work[0]
    uniform = len({_effort(s) for s in work}) == 1  # one RPE (or RIR, or none) for all the work
    sided = first.side is not None
    units = [work[i : i + 2] for i in range(0, len(work), 2)] if sided else [[s] for s in work]
    # (``s == first`` first: `replace` is the cost of /history at thousands of entries, and most work is
    # the same set again)
    same = all(s == first or replace(s, reps=first.reps, side=first.side) == first for s in work)
    if same:
        if sided and all(u[0].reps == u[-1].reps for u in units):
            reps = sets_text(tuple(u[0].reps for u in units)) + " each side"
        elif sided:
            reps = ", ".join(f"L{u[0].reps}/R{u[-1].reps}" for u in units)
        else:
            reps = sets_text(tuple(s.reps for s in work))
        parts = [_RUN_KIND.get(first.kind, "") + reps, _load_words(first)]  # "back-off 1 × 12 @ 80 kg"
    elif sided and all(len(u) == 2 and u[0].side != u[1].side for u in units):
        # Loads set by set, each set done on both sides: "10 @ 12 kg, 8 @ 14 kg each side", not four sets.
        parts = [", ".join(_side_pair_words(*u) for u in units) + " each side"]
    elif sided:
        parts = [", ".join(f"{s.reps} {_load_words(s)}".strip() for s in work)]
    else:
        # Runs of one kind at one load: "3 × 10 @ 80 kg, 2 × 8 @ 90 kg, drop 1 × 12 @ 60 kg".
        runs = groupby(work, key=lambda s: (s.kind, _load_words(s)))
        parts = [
            ", ".join(
                f"{_RUN_KIND.get(kind, '')}{sets_text(tuple(s.reps for s in run))} {load}".strip()
                + ("" if uniform else _efforts(run))
                for (kind, load), run in ((key, list(run)) for key, run in runs)
            )
        ]
    strength = f"{first.resistance} band" if first.resistance else "band"
    if first.band:
        parts.append(f"{strength} at the {first.band}")
    elif first.resistance:
        parts.append(strength)
    if uniform or sided:
        parts.append(_effort(first))
    if warmups:
        parts.append(f"(+ {count(warmups, 'warm-up set', 'warm-up sets')})")
    return " ".join(p for p in parts if p)


def _effort(s: LoggedSet) -> str:
    """How hard a set was said to be: "RPE 8", "RIR 2", both, or ""."""
    said = ([f"RPE {s.rpe:g}"] if s.rpe is not None else []) + ([f"RIR {s.rir}"] if s.rir is not None else [])
    return " ".join(said)


def _efforts(run: list[LoggedSet]) -> str:
    """Each set's effort, in order, when the sets were not all said alike: an import's failure set is RPE
    10, and the coach reads it ("3 × 10 @ 70 kg (–, RPE 8, RPE 10)")."""
    said = [_effort(s) or "–" for s in run]
    if len(set(said)) == 1:
        return "" if said[0] == "–" else f" {said[0]}"  # the run's one effort, said once
    return f" ({', '.join(said)})"


def _kind_runs(entry: Entry) -> list[list[LoggedSet]]:
    """The entry's sets as runs of one kind, in order (a card's lines, after its header)."""
    return [list(run) for _kind, run in groupby(entry.sets, key=operator.attrgetter("kind"))]


def _efforts_apart(entry: Entry) -> Entry | None:
    """``entry`` without its efforts when all but its warm-ups do not share one: a card's one effort
    line, or a canonical line's one RPE, would say the first set's for all. None when they share one.
    A warm-up's own effort ("w 135x5 @5, 225x5 @8") is said apart too: the one line is the work's."""
    rated = [s for s in entry.sets if s.kind is not SetKind.WARMUP or _effort(s)]
    if len({_effort(s) for s in rated}) <= 1 and all(s.kind is not SetKind.WARMUP for s in rated):
        return None
    return replace(entry, sets=tuple(replace(s, rpe=None, rir=None) for s in entry.sets))


def card_lines(entry: Entry, name: str, profile: Profile) -> list[str]:
    """The confirmation card (`confirmation_card`) under its exercise name: date, sets by kind, note;
    efforts that differ said kind by kind (`_efforts_apart`)."""
    apart = _efforts_apart(entry)
    card = confirmation_card(replace(apart or entry, exercise=name), user_zone(profile)).split("\n")
    if apart is not None:
        for i, run in enumerate(_kind_runs(entry), start=1):
            card[i] += _efforts(run)
    when = entry.at.astimezone(user_zone(profile))
    return [esc(f"{when:%a %d %b %Y, %H:%M}"), *(esc(line) for line in card[1:])]


def _session_of(entry: Entry, everything: list[Entry]) -> tuple[Entry, ...]:
    """The entries of ``entry``'s session among ``everything`` (the exercise's, in the order trained)."""
    at = operator.attrgetter("at")
    start = bisect.bisect_left(everything, entry.at - LONGEST_SESSION, key=at)
    end = bisect.bisect_right(everything, entry.at + LONGEST_SESSION, key=at)
    # The entry's neighbours only (SESSION_READ each side): a session logged entry by entry stays cheap.
    here = bisect.bisect_right(everything, entry.at, key=at)
    start, end = max(start, here - SESSION_READ), min(end, here + SESSION_READ)
    # ``entry in s.entries``, the times compared first: only an entry of its time can be ``entry``, so
    # not each of up to 40 neighbours (a day logged set by set) is compared with it set by set.
    sessions = group_sessions(everything[start:end])
    return next(
        (
            s.entries
            for s in sessions
            if any(e is entry or (e.at == entry.at and e == entry) for e in s.entries)
        ),
        (),
    )


def _warm_top_line(entry: Entry, everything: list[Entry], profile: Profile) -> str:
    """Warm-ups only, climbing to a top no work of the session reaches ("w 40x10 60x5 100x3", read as
    a ramp since its reps keep falling): the line that stores the top set as the work, in case it was
    (stored as a warm-up it counts nowhere)."""
    sets = entry.sets
    if len(sets) < 2 or any(s.kind is not SetKind.WARMUP for s in sets) or sets[-1].load_in_all_kg is None:
        return ""
    top = sets[-1].load_in_all_kg
    if any((s.load_in_all_kg or 0.0) >= top for s in sets[:-1]):
        return ""
    work = [s for e in _session_of(entry, everything) for s in e.sets if s.counts]
    if any((s.load_in_all_kg or 0.0) >= top for s in work):
        return ""  # the work of the session is as heavy: these were its warm-ups
    split = (*sets[:-1], replace(sets[-1], kind=SetKind.WORKING))
    line = _DATE_ON.sub("", canonical(replace(entry, sets=split, note=""), profile))
    said = _load_words(sets[-1]).removeprefix("@ ")
    return f"All stored as warm-ups: if {said} × {sets[-1].reps} was work, press Edit and send {line.removeprefix(f'{entry.exercise} ')}."


def _light_sets(
    entry: Entry, everything: list[Entry], full: int
) -> tuple[tuple[LoggedSet, ...], tuple[LoggedSet, ...], LoggedSet | None, int]:
    """The working sets of ``entry`` the coach counts as warm-ups (coaching.hardsets, the rule /done
    and the target follow): (a ramp's steps before the session's top, light sets logged after it), the
    session's heaviest set, and how many sets of the session after its top are at the load of the late
    light sets (when they share one). The heaviest is of the work done as ``entry``'s was (a pair,
    or a single load: `done_with`), so a barbell day's card never names the pairs of an earlier entry
    ("on the way up to today's 2 × 22 kg" under a barbell's 40 kg). ``everything``: the exercise's
    entries in the order trained, ``entry`` among them. A whole scheme (``full`` sets at one load)
    after far heavier sets of as many reps (`DOUBT_FACTOR`) is the work, not a warm-up: the heavier
    ones were the mistake (3x10 @ 600 kg confirmed, then 3x10 @ 160 kg; coaching.prescribe)."""
    session = _session_of(entry, everything)
    counted = [s for e in session for s in e.sets if s.counts]
    pair = done_with(entry) == 2
    # One pass (a day logged set by set is read on every /log): the heaviest set, and the heaviest
    # done as ``entry``'s was; the first of equals, as max() keeps it.
    heaviest: LoggedSet | None = None
    named: LoggedSet | None = None
    most = most_same = 0.0
    for s in counted:
        x = s.load_in_all_kg
        if heaviest is None or (x or 0.0) > most:
            heaviest, most = s, x or 0.0
        if x is not None and (s.implements == 2) == pair and (named is None or x > most_same):
            named, most_same = s, x
    named = named or heaviest
    ramp, late = light_split(entry, session)
    for load in {s.load_in_all_kg for s in late}:
        scheme = [s for s in late if s.load_in_all_kg == load]
        least = min(s.reps for s in scheme)
        if len(scheme) >= full and any(
            (s.load_in_all_kg or 0.0) > DOUBT_FACTOR * (load or 0.0) and s.reps >= least for s in counted
        ):
            return ramp, (), named, 0
    loads = {s.load_in_all_kg for s in late}
    done = 0
    if len(loads) == 1 and heaviest is not None:
        # The sets at that load after the top (the late light sets are after it): toward a block.
        top = next(i for i, s in enumerate(counted) if s.load_in_all_kg == heaviest.load_in_all_kg)
        done = sum(1 for s in counted[top + 1 :] if s.load_in_all_kg in loads)
    return ramp, late, named, done


def _named(entry: Entry, light: tuple[LoggedSet, ...]) -> tuple[str, bool]:
    """The light sets by name ("40 kg × 5", "2 × 10 @ 40 kg and 50 kg × 8") and whether they are one."""
    runs = [list(run) for _, run in groupby(light, key=lambda s: (_load_words(s), s.side))]
    named = [
        f"{_load_words(run[0]).removeprefix('@ ')} × {run[0].reps}"  # one set: "40 kg × 5"
        if len(run) == 1 and run[0].load is not None and run[0].side is None
        else describe_entry(replace(entry, sets=tuple(run)))
        for run in runs
    ]
    said = named[0] if len(named) == 1 else ", ".join(named[:-1]) + f" and {named[-1]}"
    one = len(light) == 1 or (len(runs) == 1 and light[0].side is not None and len(light) == 2)
    return said, one


def _light_sets_lines(
    entry: Entry,
    everything: list[Entry],
    name: str,
    profile: Profile,
    today: date,
    full: int,
    stored: tuple[LoggedSet, ...] = (),
) -> tuple[tuple[LoggedSet, ...], list[str]]:
    """The working sets of ``entry`` the coach counts as warm-ups (coaching.hardsets: a ramp's steps
    before the session's top, light sets logged after it; the rule /done and the target follow), and
    what the card says of them. The card lists them apart from its "Working" header, which names the
    sets that count (it said "Working (3 sets)" of sets its next line called warm-ups). ``stored``: the
    ramp steps typed as work that /log or /edit stored as warm-ups (`ramp_as_warmups`; light sets after
    the top are stored as typed), said the same way, so the card says why a set typed without w is a
    warm-up; they are on its "Warm-up" line, so not returned."""
    light_ramp, late, top, done = _light_sets(entry, everything, full)
    ramp = (*stored, *light_ramp)
    if not (ramp or late) or top is None:
        return (), []
    on_today = entry.at.astimezone(user_zone(profile)).date() == today
    heaviest = _load_words(top).removeprefix("@ ")
    day = "today" if on_today else "that day"
    lines = []
    if ramp:
        # Before the top, lighter and for fewer reps (or well under it): the way up, never the work.
        said, one = _named(entry, ramp)
        counts = "counts as a warm-up" if one else "count as warm-ups"
        lines.append(f"{said} {counts} (on the way up to {day}'s {heaviest}).")
    if late:
        said, one = _named(entry, late)
        counts = "counts as a warm-up" if one else "count as warm-ups"
        was = "it was" if one else "they were"
        # The line that makes them work: the light sets as back-offs (which always count). An edit
        # replaces the sets it retypes, so Edit fixes it in place (an undo lost the sets).
        sets = tuple(
            replace(s, kind=SetKind.BACKOFF) if replace(s, kind=SetKind.WORKING) in late else s
            for s in entry.sets
        )
        line = _DATE_ON.sub("", canonical(replace(entry, sets=sets, note=""), profile))
        line = line.removeprefix(f"{entry.exercise} ")
        block = ""
        if 0 < done < SCHEME_SETS:
            # Logged set by set, a back-off block counts once it has its sets: say so, not "undo".
            load = _load_words(late[0]).removeprefix("@ ")
            block = f" until {SCHEME_SETS} sets at {load} make a back-off block"
        lines.append(
            f"{said} {counts} (well under {day}'s {heaviest}){block}: if {was} work, press Edit and send {line}."
        )
    return (*light_ramp, *late), lines


def canonical(entry: Entry, profile: Profile) -> str:
    """The line that parses back to ``entry`` (the exercise by id, the date absolute)."""
    return render_entry(entry, user_zone(profile))


def fingerprint(entry: Entry) -> str:
    """A short mark of an entry as a card or question shows it (its canonical line, in UTC so a
    timezone change is no change): a button carrying it acts only on the entry it showed."""
    return hashlib.sha256(render_entry(entry).encode()).hexdigest()[:12]


_BAR_TYPED = re.compile(r"\bbar\s*[x×*]\s*[0-9]", re.IGNORECASE)


def _bar_warm_up(text: str, entry: Entry, known: Known, profile: Profile, history: list[Entry]) -> str:
    """Why a line of the empty bar alone ("squat bar x10") shows no work: the parser keeps it as a
    warm-up (an empty bar is no working weight), and the lifter is told where the work goes: the
    lift's scheme (a glute bridge's 3x10, not 3x5) at their last working load, or the usual example's."""
    if not _BAR_TYPED.search(text) or any(s.kind is not SetKind.WARMUP for s in entry.sets):
        return ""
    if len({(s.load, s.unit) for s in entry.sets}) > 1:
        return ""  # "w bar x10, 95x5": a ramp the lifter called warm-ups, not the bar alone
    last = _top_load(last_work(history))
    load = f"{last[0]:g}{last[1]}" if last else example_in("100kg", _unit(profile))
    work = f"{known.name.lower()} {known.sets}x{known.rep_range[0]} {load}"
    return f"Logged as a warm-up: the empty bar. Add your work sets, e.g. /log {work}."


# The same line sent again this soon is most likely a slip (a double tap, a resend after a dropped
# connection): it is kept, as a second set may be, and the card says how to take it back.
DOUBLE_SEND = timedelta(seconds=30)


def _sent_twice(ctx: Context, account: str, entry: Entry) -> str:
    if len(entry.sets) < 2:
        return ""  # one set at a time, logged in a row after the workout: as meant
    last = last_logged(ctx, account)
    if last is None or (last.exercise, last.sets) != (entry.exercise, entry.sets):
        return ""
    if abs(entry.at - last.at) >= DOUBLE_SEND:
        return ""
    return "The same sets as your last entry, a moment ago: if you sent them twice, press Undo."


def last_logged(ctx: Context, account: str) -> Entry | None:
    """The newest entry the user logged here (highest id): imported entries (``source``) are not
    "what I just logged", for /edit, /log same, /done or /undo."""
    last = ctx.store.last_entry(account)
    if last is None or not last.source:
        return last
    return next((e for e in reversed(ctx.store.entries(account)) if not e.source), None)


def _button(label: str, command: str, **kw: object) -> Button | None:
    """A button, or None when its command line would not fit (a very long note)."""
    if len(command.encode()) > MAX_COMMAND_BYTES:
        return None
    return Button(label[:80], command, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- reading a line


def _context(ctx: Context, profile: Profile, account: str | None = None) -> LogContext:
    """What the parser needs; with ``account`` (a new /log), where a date typed with no time goes."""
    lib = ctx.library
    zone = user_zone(profile)

    def latest_on(day: date) -> datetime | None:
        """The latest entry already logged on local ``day`` (the store keeps them in trained order)."""
        if account is None:
            return None
        start = datetime.combine(day, time(0), tzinfo=zone)
        later = ctx.store.entries_since(account, start)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        i = bisect.bisect_left(later, end, key=operator.attrgetter("at"))
        return later[i - 1].at if i else None

    def loaded(name: str) -> bool:
        known = lift_named(lib, profile, name)
        return known is None or known.loaded

    def activation(name: str) -> bool:
        known = lift_named(lib, profile, name)
        return known is not None and known.category == "activation"

    def bar(name: str) -> tuple[float, Unit] | str:
        """ "bar x10": the lifter's own bar (their kit's; 45 lb or 20 kg unless /equipment says), or why
        there is none for this lift. A name not known is checked when it is (a Did-you-mean button)."""
        known = lift_named(lib, profile, name)
        if known is not None and not _takes_a_bar(known):
            return f"{known.name} is not done with a barbell"
        if _names_no_bar(name):  # "dumbbell rdl": the library's RDL takes a bar, this one does not
            return f"{name} is not done with a barbell"
        kit = user_equipment(profile)[1]
        if not kit.has_barbell:
            return f"your set-up has no barbell ({BAR_EXAMPLE[kit.unit]} adds one)"
        return kit.bar, kit.unit

    def pairs(name: str) -> bool:
        known = lift_named(lib, profile, name)
        return known is not None and _pair_kit(known)

    def barbell_lift(name: str) -> str | None:
        known = lift_named(lib, profile, name)
        return known.name if known is not None and _bar_only(known) and not _names_no_bar(name) else None

    def last_session(name: str) -> Entry | None:
        """The lifter's latest entry of ``name`` with work in it (what "+5" changes)."""
        known = lift_named(lib, profile, name)
        return None if account is None or known is None else last_work(ctx.store.entries(account, known.id))

    def last_load(name: str) -> tuple[float, Unit] | None:
        return _top_load(last_session(name))

    def bodyweight(name: str) -> bool:
        """ "3x12 +5" may be bodyweight plus 5: on a lift last done with no load, or never done and
        done at bodyweight (its load optional: a glute bridge, a back extension)."""
        known = lift_named(lib, profile, name)
        if known is None:
            return True
        if last_session(name) is not None:
            return last_load(name) is None
        return not known.loaded or any("optional" in item.lower() for item in known.equipment)

    # The user's own names are read whole, though their words are /log's (an import's "Squat Band Knees").
    names = tuple(c.name for c in customs(profile))
    return LogContext(
        ctx.clock(),
        zone,
        _unit(profile),
        loaded,
        activation,
        latest_on,
        bar=bar,
        barbell_lift=barbell_lift,
        bodyweight=bodyweight,
        last_load=last_load,
        names=names,
        pairs=pairs,
    )


# Words in a typed name that say the lift is done with no barbell ("dumbbell rdl", "kb deadlift"):
# the library's lift of that name may take a bar, this one has none. Not "band(ed)" (a banded barbell
# hip thrust has a bar) nor "machine" (a Smith machine's bar).
_NO_BAR_WORDS = frozenset(
    {"dumbbell", "dumbbells", "db", "kettlebell", "kettlebells", "kb", "bodyweight", "bw", "cable"}
)
# The apps' bracketed equipment with no barbell ("rdl (dumbbell)", as Strong and Hevy name it).
_NO_BAR_EQUIPMENT = frozenset(
    {"dumbbell", "kettlebell", "band", "resistance band", "bodyweight", "assisted bodyweight", "cable"}
)


def _names_no_bar(name: str) -> bool:
    """The name as typed says a dumbbell, kettlebell, band, cable or bodyweight: no bar to warm up."""
    words = set(re.findall(r"[^\W\d_]+", name.casefold()))
    return bool(words & _NO_BAR_WORDS) or equipment_of(name) in _NO_BAR_EQUIPMENT


# Words in a typed name that say a pair of dumbbells on a lift the library does with a bar or dumbbells
# ("dumbbell rdl", "db rdl"; "rdl (dumbbell)" as Strong and Hevy name it).
_DUMBBELL_WORDS = frozenset({"dumbbell", "dumbbells", "dumbell", "dumbells", "db", "dbs"})


# An implement starting a name, as gyms write it ("dumbbell hip thrust", "kb deadlift", "bb rdl"), by the
# implement it names: where the library has no alias of that name, /log finds the lift the rest names.
# A name's implement word as the implement ("dbs rdl": a dumbbell), as /log reads it after a load.
_NAME_IMPLEMENTS = {word: said.rstrip("s") for word, said in IMPLEMENT_WORDS.items()}


def lift_named(lib: Library, profile: Profile, name: str) -> Known | None:
    """`find`, else the library's lift named after an implement starting ``name`` ("dumbbell hip thrust"
    is the hip thrust, done with a dumbbell: `_held`). The user's own exercise of the whole name (their
    "dumbbell hip thrust") is found first, by `find`."""
    known = find(lib, profile, name)
    words = name.split(maxsplit=1)
    if known is None and len(words) == 2 and words[0].casefold() in _NAME_IMPLEMENTS:
        known = in_library(lib, words[1])
    return known


def lift_for_log(ctx: Context, account: str, profile: Profile, name: str) -> Known | None:
    """The exercise a /log line names (`find_imported`: the user's own included), else the library's
    lift after an implement starting the name (`lift_named`). /warmup finds its lift so too."""
    return find_imported(ctx, account, profile, name) or lift_named(ctx.library, profile, name)


def _named_implement(name: str) -> str:
    """The implement a name says: "dumbbell", "kettlebell" or "barbell" starting it ("bb rdl") or in the
    apps' bracket ("rdl (dumbbell)"); "" for none."""
    words = name.split(maxsplit=1)
    first = _NAME_IMPLEMENTS.get(words[0].casefold(), "") if len(words) == 2 else ""
    return first or {"dumbbell": "dumbbell", "kettlebell": "kettlebell", "barbell": "barbell"}.get(
        equipment_of(name) or "", ""
    )


# How the refusal of two implements says each (`_implements_clash`).
_SAID_AS = {
    "barbell": "a barbell",
    "dumbbell": "one dumbbell",
    "dumbbells": "a pair of dumbbells",
    "kettlebell": "a kettlebell",
    "kettlebells": "a pair of kettlebells",
}
# The implements a name's implement cannot be logged with.
_CLASHES = {
    "barbell": ("dumbbells", "dumbbell", "kettlebells", "kettlebell"),
    "dumbbell": ("barbell", "kettlebells", "kettlebell"),
    "kettlebell": ("barbell", "dumbbells", "dumbbell"),
}


def _implements_clash(
    text: str, parsed: Entry, known: Known, command: str = "/log", outcome: str = "Nothing was logged."
) -> Reply | None:
    """A refusal when the name says one implement and the sets another ("bb rdl 3x10 20kg dumbbells",
    "bb rdl 3x10 2x20kg", "kb deadlift 3x5 24kg barbell"): which was it is not for the coach to guess.
    None when they agree or only one is said. ``command`` and ``outcome``: /edit's ("The entry is
    unchanged.") for an edit's line."""
    said = _clash_said(text, parsed, known, command)
    return None if said is None else Reply(f"{esc(said)} {outcome}")


def _clash_said(text: str, parsed: Entry, known: Known, command: str) -> str | None:
    """`_implements_clash`'s question, unescaped, with ``command``'s two lines to write instead."""
    named = _named_implement(parsed.exercise)
    if not named:
        return None
    said = implements_said(text)
    other = next((w for w in _CLASHES[named] if w in said), "")
    loads = [s for s in parsed.sets if s.load is not None]
    top = max(loads, key=lambda s: s.load_in_all_kg or 0.0, default=None)
    typed = other
    if not other and named == "barbell" and top is not None and top.implements == 2:
        other, typed = "dumbbells", f"2x{top.load:g}{top.unit}"  # "2x20kg": a pair
    if not other or top is None:
        return None
    load = f"{top.load:g}{top.unit}"
    lift = known.name.lower()

    def line(implement: str) -> str:
        word = "dumbbells" if implement == "dumbbell" and _pair_kit(known) else implement
        return f"{command} {lift} 3x10 {load} {word}"

    named_as = "dumbbells" if named == "dumbbell" else _SAID_AS[named]
    return (
        f"“{parsed.exercise}” says {named_as} and {typed} says {_SAID_AS[other]}: which was it? "
        f"{'Log' if command == '/log' else 'Write'} it one way, like {line(named)} or {line(other.rstrip('s'))}."
    )


def _pair_kit(known: Known) -> bool:
    """The library does ``known`` with a barbell or a pair of dumbbells (an RDL): a dumbbell named for it
    is one in each hand."""
    kit = " ".join(known.equipment).lower()
    return ExerciseRules.from_library(known).implement == "barbell" and bool(re.search(r"\bdumbbells\b", kit))


# What one implement held is called where a lift's load would read as a bar's (`_held`).
_HELD = {"dumbbell": "dumbbell", "kettlebell": "kettlebell"}


def pair_said(text: str, name: str, known: Known) -> bool:
    """Is the one dumbbell ``text`` says (`held_said`) a pair, per hand, as /log stores it: on a lift the
    library does with a barbell or a pair of dumbbells (`_pair_kit`: "rdl 3x10 24kg dumbbell",
    "dumbbell rdl 3x10 24kg" are 2 × 24 kg), not on the hips ("hip thrust 3x10 24kg dumbbell" is one).
    /warmup reads it so too."""
    return held_said(text, name, known) == "dumbbell" and _pair_kit(known)


def bar_said(text: str, name: str, known: Known) -> bool:
    """Does ``text`` (``name``: its exercise as typed) name a barbell, and nothing else, on a lift the
    library loads otherwise: after a load ("bss 60kg barbell") or starting the name ("bb bss",
    `_named_implement`)? Then its load is a bar's: /warmup ramps it from the empty bar, with plates."""
    said = implements_said(text) | {_named_implement(name)}
    return (
        "barbell" in said
        and not said & {"dumbbell", "dumbbells", "kettlebell", "kettlebells"}
        and ExerciseRules.from_library(known).implement != "barbell"
    )


def _held(text: str, name: str, known: Known, entry: Entry) -> Implement | None:
    """ "dumbbell" or "kettlebell" when ``text`` (a /log or /edit line; ``name``: its exercise as typed)
    says one of them held instead of the lift's own implement (`holds`: "hip thrust 3x10 20kg dumbbell",
    "hip thrust (dumbbell)": a dumbbell on the hips; "bss 3x10 16kg kettlebell"): the load is as typed,
    and the target goes on in that implement's steps, with no plates or empty bar. None for a pair, a
    bar, the lift's own implement, or no such word."""
    if any(s.implements == 2 for s in entry.sets):
        return None
    return held_said(text, name, known)


def held_said(text: str, name: str, known: Known) -> Implement | None:
    """`_held` of a line with no pair in it: the one dumbbell or kettlebell ``text`` (``name``: its
    exercise as typed) says on ``known``, when it is not the lift's own (`holds`); /warmup reads it so
    too. On a user's own lift only a word after a load says it ("goblet squat 3x12 16kg kettlebell"):
    the name they gave it ("kb swing", "goblet squat (kettlebell)") is the lift, as they log it."""
    rules = ExerciseRules.from_library(known)
    said = set(implements_said(text))
    if not rules.kit_guessed:  # an own lift's name is the lift's, not a way of doing it
        said |= _name_implements(name)
    if "barbell" in said or "dumbbell" in said and "kettlebell" in said:
        return None
    one = next((_HELD[w] for w in ("dumbbell", "kettlebell") if w in said), None)
    return one if one is not None and holds(rules, one) else None  # type: ignore[return-value]


def _name_implements(name: str) -> set[str]:
    """The dumbbell and kettlebell a typed name says ("db rdl", "kb deadlift", "rdl (dumbbell)")."""
    words = set(re.findall(r"[^\W\d_]+", name.casefold()))
    said: set[str] = set()
    if words & _DUMBBELL_WORDS or equipment_of(name) == "dumbbell":
        said.add("dumbbell")
    if words & {"kettlebell", "kettlebells", "kb", "kbs"} or equipment_of(name) == "kettlebell":
        said.add("kettlebell")
    return said


def _as_held(entry: Entry, held: Implement | None, kept: Collection[LoggedSet] = ()) -> Entry:
    """``entry`` with its single loads marked as ``held`` (one dumbbell or kettlebell, `_held`); as it
    is for None. ``kept``: warm-ups an /edit carried over from the entry as they were (an empty bar's
    "bar x10"), left so: the line that names the implement did not type them."""
    if held is None:
        return entry
    one = Held(held)
    return replace(
        entry,
        sets=tuple(
            replace(s, held=one)
            if s.load is not None and s.implements == 1 and not (s.kind is SetKind.WARMUP and s in kept)
            else s
            for s in entry.sets
        ),
    )


def _repeat_done_otherwise(name: str | None, last: Entry, known: Known, profile: Profile) -> Reply | None:
    """The refusal of a repeat whose name says an implement ("kb deadlift same", "bb hip thrust +2.5kg",
    "kb bss same" after a day with a pair of dumbbells) the last working sets to repeat were not done
    with: repeated, they would be stored as the other implement's sets (a barbell PR for a kettlebell).
    None when the name says none, or says theirs."""
    if not name:
        return None
    rules = ExerciseRules.from_library(known)
    if rules.implement not in ("barbell", "dumbbell") or rules.kit_guessed:
        return None  # only a bar or dumbbell lift is done with one dumbbell or kettlebell too (`holds`)
    said = {_NAME_IMPLEMENTS[w] for w in re.findall(r"[^\W\d_]+", name.casefold()) if w in _NAME_IMPLEMENTS}
    way = done_with(last)
    if len(said) != 1 or way is None:
        return None
    [word] = said
    # A single load is the lift's usual one: a bar, or one dumbbell on a dumbbell lift.
    done = way.value if isinstance(way, Held) else "dumbbell" if way == 2 else rules.implement
    if word == done or (word == "barbell" and way == 1):
        # A dumbbell lift's single load is also how /log stores a bar's there ("bss 3x10 60kg barbell").
        return None
    # Per side as it was done ("3x10 each side 24kg" for a split squat: /log reads it so).
    each = " each side" if known.unilateral or any(s.side for s in last.sets) else ""
    sets = example_in(f"3x10{each} 24kg" if word != "barbell" else f"3x10{each} 60kg", _unit(profile))
    return Reply(
        f"Your last {esc(known.name.lower())} ({esc(describe_entry(last))}) was not done with a {word}, "
        f"so there is none to repeat. Log it in full, like /log {esc(name)} {sets}. Nothing was logged."
    )


def held_in(entry: Entry) -> Implement | None:
    """The one dumbbell or kettlebell ``entry``'s work was done with on a bar lift, as stored; None for
    the lift's usual way (a bar, a pair, bodyweight)."""
    way = done_with(entry)
    return way.value if isinstance(way, Held) else None  # type: ignore[return-value]


def _pair_named(entry: Entry, known: Known) -> tuple[Entry, str]:
    """``entry`` (its exercise the name as typed) with a plain load stored as a pair, per hand, when the
    name says dumbbells and the library's kit for the lift is a barbell or dumbbells (an RDL): as Strong
    and Hevy store "Romanian Deadlift (Dumbbell)", and so its target follows the pair's sessions, not
    the barbell's (`coaching.prescribe`). With it, a line for the card saying so ("" otherwise)."""
    name = entry.exercise
    named = bool(set(re.findall(r"[^\W\d_]+", name.casefold())) & _DUMBBELL_WORDS)
    loads = [s for s in entry.sets if s.load is not None]
    if not (named or equipment_of(name) == "dumbbell") or not loads or any(s.implements == 2 for s in loads):
        return entry, ""
    if not _pair_kit(known):
        return entry, ""
    top = max(loads, key=lambda s: s.load_kg or 0.0)
    said = f"{top.load:g} {top.unit}"
    return (
        replace(entry, sets=with_pairs(entry.sets)),
        f"Dumbbells: {said} is each hand's (2x{said.replace(' ', '')} says the same).",
    )


def _one_own(text: str, entry: Entry, known: Known) -> str:
    """A line for the card when ``text`` says one dumbbell ("bss 3x10 24kg dumbbell") on a lift the
    library loads with dumbbells: the lift's usual single load, stored with no `Held` (`holds`), so the
    word would go unseen; said, with the pair's way to write it. "" otherwise."""
    loads = [s for s in entry.sets if s.load is not None]
    if (
        not loads
        or any(s.implements == 2 or s.held for s in loads)
        or "dumbbell" not in implements_said(text)
        or ExerciseRules.from_library(known).implement != "dumbbell"
    ):
        return ""
    top = max(loads, key=lambda s: s.load_kg or 0.0)
    said = f"{top.load:g} {top.unit}"
    return f"Stored as one {said} dumbbell, this lift's single load (for one in each hand, log 2x{said.replace(' ', '')})."


def _top_load(entry: Entry | None) -> tuple[float, Unit] | None:
    """The heaviest working load of ``entry`` (None: no entry, or no load), for a reply's example."""
    work = [s for s in entry.sets if s.kind is not SetKind.WARMUP and s.load is not None] if entry else []
    top = max(work, key=lambda s: to_kg(s.load or 0.0, s.unit), default=None)
    return None if top is None or top.load is None else (top.load, top.unit)


def _bar_only(known: Known) -> bool:
    """Done on a barbell and nothing else: the library's kit names a barbell with no other choice
    (a hip thrust, a squat; not "barbell or dumbbells", not "barbell ... (optional, for load)")."""
    return any(
        "barbell" in item.lower() and not re.search(r"\b(or|optional)\b", item.lower())
        for item in known.equipment
    )


def _takes_a_bar(known: Known) -> bool:
    """Can the lift be done with a barbell: the library names one in its kit ("barbell or dumbbell"), or
    the rules load it on one (a user's own glute lift)."""
    kit = " ".join(known.equipment).lower()
    return "barbell" in kit or ExerciseRules.from_library(known).implement == "barbell"


def _read(request: Request, ctx: Context, text: str, profile: Profile) -> Entry | Ambiguous | Repeat:
    """``text`` parsed for ``request``: as its check read it (`log_check`), or now."""
    checked = request.checked
    if isinstance(checked, tuple) and checked[0] == text:
        return checked[1]  # type: ignore[no-any-return]
    return parse_log(text, _context(ctx, profile, request.account))


def _typed_options(request: Request, line: str = EXAMPLE) -> tuple[str, str]:
    """Discord's typed options as one line (the free-text ``entry`` last); ("", why) when they clash."""
    args = request.args
    sets = str(args.get("sets", "")).strip()
    reps = str(args.get("reps", "")).strip()
    if reps:
        if sets and not (sets.isascii() and sets.isdigit()):
            return "", "Give either sets like 3x10 or the sets and reps apart (sets 3, reps 10), not both."
        if sets and not (reps.isascii() and reps.isdigit()):
            return "", "With a number of sets give one rep count (sets 3, reps 10), or only reps: 10,10,8."
        sets = f"{sets}x{reps}" if sets else reps
    elif sets.isascii() and sets.isdigit():
        return "", f"Add the reps per set too (sets {sets}, reps 10), or type it all: {line}."
    parts = [str(args.get("exercise", "")).strip(), sets]
    weight = args.get("weight")
    if weight is not None:
        parts.append(f"{float(weight):g}{args.get('unit') or ''}")
    if args.get("band"):
        parts.append(f"band={args['band']}")
    if args.get("band_strength"):
        parts.append(f"{args['band_strength']} band")
    if args.get("rpe") is not None:
        parts.append(f"rpe {float(args['rpe']):g}")
    parts.append(str(args.get("entry", "")).strip())
    return " ".join(p for p in parts if p), ""


def _not_known(ctx: Context, profile: Profile, name: str, line_of: Callable[[Known], str]) -> Reply:
    """A name that is no exercise: nothing logged; "Did you mean" buttons that log the same line with
    the exercise chosen (``line_of``: that line for a suggestion)."""
    close = suggest(ctx.library, profile, name)
    buttons = [b for k in close if (b := _button(k.name, f"/log {line_of(k)}", single_use=True)) is not None]
    text = f"“{esc(name[:60])}” is not an exercise I know, so nothing was logged."
    # A lift the library lacks (a sumo deadlift is no deadlift): adding it is said beside the guesses,
    # unless the name is a slip of one of them ("hip thrst").
    # Its kind as the closest guess's (a sumo deadlift is a compound lift like the deadlift), which the
    # target's rules follow: an "accessory" at 100 kg was read as a machine lift off the kit.
    kind = CATEGORY_SHOWN.get(close[0].category, "accessory") if close else "accessory"
    others = ", ".join(k for k in ("compound lift", "glute lift", "accessory") if k != kind)
    if addable(name):
        own = f"add your own: /exercise add {esc(clean_name(name))} {kind} (or {others})."
    else:  # a name /exercise add would refuse is not suggested: the rule instead
        own = esc(f"add your own: /exercise add <name> {kind} (or {others}). {NAME_RULE}.")
    if buttons and close_to_library(ctx.library, name) is not None:
        text += " Did you mean one of these?"
    elif buttons:
        text += f" Did you mean one of these? Or {own}"
    else:
        text += f" See /exercises, or {own}"
    text += f" Example: /log {_example(profile)}"
    return Reply(text, buttons=(tuple(buttons),) if buttons else ())


def _swap_name(text: str, typed: str, exercise_id: str) -> str:
    """``text`` with the typed exercise name replaced by the id (for lines that are not one entry)."""
    line = " ".join(text.split())
    at = line.lower().find(typed.lower())
    return line if at < 0 else f"{line[:at]}{exercise_id}{line[at + len(typed) :]}"


def _with_band(entry: Entry, known: Known, history: list[Entry], profile: Profile) -> Entry:
    """Band work continues from the last position and band strength used (a new, stronger band from the
    knees); the level's position only to start (`coaching.prescribe.band_logged`). A user's own
    activation exercise that is no walk holds its band as typed: no position invented ("2x15 medium
    band" is no band "at the knees") nor carried over from an earlier entry."""
    if known.category != "activation" or ExerciseRules.from_library(known).band_unnamed:
        return entry
    said = next((s.band for s in entry.sets if s.band), None)
    strength = next((s.resistance for s in entry.sets if s.resistance), None)
    start = (start_band(known, profile) if isinstance(known, Exercise) else None) or BANDS[0]
    bands = user_equipment(profile)[1].bands
    band, resistance = band_logged(chronological(history), said, strength, start, bands)
    return replace(entry, sets=tuple(replace(s, band=band, resistance=resistance) for s in entry.sets))


def _others(history: list[Entry], entry: Entry) -> list[Entry]:
    """The exercise's entries (``history``: by id, as the store gives them) other than ``entry``, in
    the order trained. Found by id, not by a pass over a five-year history on every /log."""
    i = bisect.bisect_left(history, entry.id, key=operator.attrgetter("id"))
    if i < len(history) and history[i].id == entry.id:
        history = [*history[:i], *history[i + 1 :]]
    return chronological(history)


def _split_at(ordered: list[Entry], entry: Entry) -> tuple[list[Entry], list[Entry]]:
    """``ordered`` (chronological) split into the entries trained up to ``entry`` and those after it:
    a backdated entry is judged against its own past."""
    cut = bisect.bisect_right(ordered, entry.at, key=operator.attrgetter("at"))
    return ordered[:cut], ordered[cut:]


# --------------------------------------------------------------------------- bests, kept per exercise


_BESTS_KEPT = 512  # exercises of recent users; a miss only costs one pass over that history
# A history this long is folded once for all its lifts: a five-year import pays one cold pass (beside
# loading its file) on its first /log after a start, not one more on the first /log of each other lift.
_FOLD_ALL_FROM = 256
_bests: WeakKeyDictionary[object, OrderedDict[tuple[str, str, ExerciseRules], tuple[Bests, LogMark]]] = (
    WeakKeyDictionary()
)
_TICK = timedelta(microseconds=1)  # "up to the last entry folded", its own time included


def _witnesses(
    ctx: Context,
    profile: Profile,
    rules: ExerciseRules,
    before: list[Entry],
    entry: Entry,
    mark: LogMark | None,
) -> list[Entry]:
    """`Bests.witnesses` for ``entry`` of ``before`` (the exercise's entries it is judged against, read
    after ``mark`` was taken; None: read earlier, so the bests are worked out but not kept)."""
    kept = _bests.setdefault(ctx.store, OrderedDict())
    account = profile.account
    key = (account, rules.exercise, rules)
    held = kept.pop(key, None)
    bests = None
    if held is not None and mark is not None:
        last, since = held
        # The bests folded so far, or those before their last entry (an /edit or /undo of the newest).
        bests = next(
            (
                b
                for b in (last, last.without_last)
                if b is not None and _holds(ctx, account, b, before, since)
            ),
            None,
        )
    if bests is None:
        if len(before) >= _FOLD_ALL_FROM and mark is not None:
            _fold_other_lifts(ctx, profile, rules.exercise, kept, mark)
        bests = Bests()
    bests.catch_up(before, rules)
    if mark is not None:
        kept[key] = (bests, mark)
    while len(kept) > _BESTS_KEPT:
        kept.popitem(last=False)
    return bests.witnesses(entry)


def _holds(ctx: Context, account: str, bests: Bests, before: list[Entry], since: LogMark) -> bool:
    """``bests`` folded the first entries of ``before``: the same last one at the same place, and
    nothing trained up to it logged, edited or removed since ``since`` (no pass over the history)."""
    if not bests.holds(before):
        return False
    return bests.last is None or not ctx.store.changed_before(account, since, bests.last.at + _TICK)


def _fold_other_lifts(
    ctx: Context,
    profile: Profile,
    exercise: str,
    kept: OrderedDict[tuple[str, str, ExerciseRules], tuple[Bests, LogMark]],
    mark: LogMark,
) -> None:
    """The bests of the account's other exercises not kept yet, each folded through its history (read
    after ``mark`` was taken)."""
    account = profile.account
    for other in {e.exercise for e in ctx.store.entries(account)} - {exercise}:
        known = find_logged(ctx, account, profile, other)
        if known is None:
            continue
        rules = ExerciseRules.from_library(known, level=profile.level)
        key = (account, rules.exercise, rules)
        if key not in kept:
            bests = Bests()
            bests.catch_up(ctx.store.entries_trained(account, known.id), rules)
            kept[key] = (bests, mark)


# --------------------------------------------------------------------------- the /log reply


def log_reply(
    ctx: Context,
    profile: Profile,
    known: Known,
    entry: Entry,
    history: list[Entry],
    verb: str,
    before_edit: Entry | None = None,
    *,
    redo: bool = False,
    note: str = "",
    held: Implement | None = None,
    ramp: tuple[LoggedSet, ...] = (),
) -> Reply:
    """What /log (and an edit) answers: the card of the stored ``entry``, records, the next target, and
    Undo / Edit buttons bound to this entry. One function, so more rows (rest timers) go in one place.
    ``verb`` heads the card ("Logged"); ``redo``: the card of an edit's Undo, whose Undo puts it back;
    ``note``: a line under the headline (why the stored loads are not the ones asked for, which entry
    an edit changed); ``held``: the line said one dumbbell or kettlebell on a bar lift (`_held`), so
    the target is on those, with no plates or empty bar (an entry stored so says it itself); ``ramp``:
    the sets typed as work that were stored as warm-ups (`_ramp_stored`), said so on the card."""
    held = held or held_in(entry)
    name = known.name
    rules = ExerciseRules.from_library(known, level=profile.level)
    mark: LogMark | None = ctx.store.log_mark(profile.account)  # before the log is read
    trained = ctx.store.entries_trained(profile.account, known.id)  # ``entry`` is stored: it is in there
    if trained and trained[-1].id == entry.id:
        # The usual /log: the newest set of the exercise. Its past is the rest, already in order.
        before, after, everything = trained[:-1], [], trained
    else:
        before, after = _split_at(_others(history, entry), entry)
        everything = chronological([*before, entry, *after])
        mark = None  # ``history`` was read before the mark: the bests are not kept
    flags = is_pr(_witnesses(ctx, profile, rules, before, entry, mark), entry, rules)
    if before_edit is not None and (before_edit.sets, before_edit.at) == (entry.sets, entry.at):
        flags = []  # a note-only change: the record was already said when the sets were logged
    today = ctx.clock().astimezone(user_zone(profile)).date()
    light, said = _light_sets_lines(entry, everything, name, profile, today, rules.sets, ramp)
    # The card's kind lines name the sets that count; the light ones are listed apart, under them.
    shown = replace(entry, sets=tuple(s for s in entry.sets if s not in light)) if light else entry
    lines = [f"{verb} *{esc(name)}*: {esc(describe_entry(entry))}.", *card_lines(shown, name, profile)]
    if note:
        lines.insert(1, esc(note))
    lines += [esc(line) for line in said]
    if warm_top := _warm_top_line(entry, everything, profile):
        lines.append(esc(warm_top))
    if flags and after:
        # Backdated behind later sessions: a record of its day, not necessarily one now.
        lines.append(f"🏆 PR as of {local_date(entry.at, profile)}: {', '.join(flags)}.")
    elif flags:
        lines.append(f"🏆 PR: {', '.join(flags)}!")
    # Working sets of 1-12 reps on a load only: none for swings, bands, warm-ups or high-rep sets.
    estimates = [(x, s.unit) for s in entry.sets if (x := set_e1rm(s, known.id, rules)) is not None]
    if estimates:
        best_kg, unit = max(estimates, key=lambda pair: pair[0])
        lines.append(
            f"Estimated 1RM: {from_kg(best_kg, unit or 'kg'):.1f} {unit or 'kg'} (Epley, from your best set)."
        )
    rows: list[tuple[Button, ...]] = []
    # Every exercise gets a target, the user's own too (by the rules of its category).
    _, kit = user_equipment(profile)
    # (target_for reads the sessions the rules need, not a 5-year history on every /log; the
    # week is found by bisection: in the lighter week, /plan's lighter target.)
    week = current_week(ctx, profile)
    nxt = target_for(
        known,
        everything,
        profile,
        ctx.library,
        ctx.clock(),
        in_order=True,
        week=week,
        held=held,
        way=done_with(entry),  # the target of work done as this entry's was: a pair, or a single load
    )
    # No plates or "empty bar" for an own exercise (its bar is only a guess from its category), nor for
    # one dumbbell or kettlebell held (a dumbbell on the hips).
    barbell = rules.implement == "barbell" and not rules.kit_guessed and held is None
    # The target says per side and per hand of a pair as the work it follows was logged
    # ("3 × 9 each side @ 12 kg", "3 × 11 @ 2 × 12 kg"): the prescription carries both.
    target = format_target(nxt, kit, ctx.library, barbell)
    lines.append(f"Next time: {target}. {esc(sentence(nxt.reason))}")
    family = family_of(known.id, known.unilateral)
    up = next_level(level_of(known, profile).level)
    if nxt.level_up_offer and up is not None and family is not None:
        # Price's levels are per movement family: a lunge earned at the top raises the lunges only.
        lines.append(
            f"Level up? Every set at the top twice in a row: try the {up} level for {FAMILY_NAMES[family]}."
        )
        button = Button(f"Level up to {up}", f"/level_up {family} {up}", style="success", single_use=True)
        rows.append((button,))
    # "Undo" and "Edit" name this entry: pressed under an older reply they never touch a later one, and
    # Undo acts only on the entry as this card shows it (its fingerprint). Under an edit, Undo puts the
    # entry back as it was before it (the edit's own confirm path, taking that edit off /undo's list).
    shown = fingerprint(entry)
    toggle = "redo" if redo else "undo"
    undo = (
        _button(
            "Redo" if redo else "Undo",  # under "Undid your edit", the button puts the edit back
            f"/log_confirm !{toggle} #{entry.id}@{shown} {canonical(before_edit, profile)}",
            single_use=True,
        )
        if before_edit is not None
        else None
    ) or Button("Undo", f"/undo_entry {entry.id} {shown}", style="danger", single_use=True)
    if before_edit is not None and undo.command.startswith("/undo_entry"):
        undo = Button("Delete", f"/undo_entry {entry.id} {shown}", style="danger", single_use=True)
    rows.append(
        (
            undo,
            Button("Edit", f"/edit_entry {entry.id}@{shown}"),
            Button("Progress", f"/progress {known.id}"),
        )
    )
    return Reply("\n".join(lines), buttons=tuple(rows))


def _outlier(
    ctx: Context, account: str, profile: Profile, known: Known, entry: Entry, history: list[Entry]
) -> str | None:
    """`outlier` against every other entry of the exercise, later ones too: a "Did you mean" or
    Confirm pressed a while after it was shown carries the time it was typed, and sets logged since
    then are part of the best it is checked against."""
    rules = ExerciseRules.from_library(known, level=profile.level)
    # A new entry (no id yet) is judged against all of the exercise, as the store keeps it in order;
    # an edit of the exercise's newest entry against the rest of that list, with no sort.
    mark: LogMark | None = ctx.store.log_mark(account)  # before the log is read
    trained = ctx.store.entries_trained(account, known.id)
    stored: Entry | None = None  # an edited entry as it stands: the work its new load replaces
    if entry.id == 0:
        others = trained
    elif trained and trained[-1].id == entry.id:
        others, stored = trained[:-1], trained[-1]
    else:
        others, mark = _others(history, entry), None  # read before the mark: not kept
        i = bisect.bisect_left(history, entry.id, key=operator.attrgetter("id"))
        stored = history[i] if i < len(history) and history[i].id == entry.id else None
    kit = user_equipment(profile)[1]
    if (over := _over_kit(kit, rules, entry, others)) is not None:
        return over
    witnesses = _witnesses(ctx, profile, rules, others, entry, mark)
    if (best := outlier(entry, witnesses, _bar_kg(kit, known, rules))) is not None:
        return best
    recent = outlier_past_recent(entry, others, witnesses, DOUBT_FACTOR)
    if recent is not None and _within_target(ctx, profile, known, others, entry):
        # 100 kg after a lighter 30 kg day is the working weight the coach's own target names, no typo.
        return None
    if recent is not None:
        return recent
    # An edit's new load is judged as /log would judge it typed after the entry as it stands ("/edit
    # 5kg" on 3x10 @ 100 kg is the far-lighter 5 kg "/log hip thrust 3x10 5kg" asks about).
    return _lighter(kit, known, rules, entry, others if stored is None else _with_entry(others, stored))


def _with_entry(ordered: list[Entry], entry: Entry) -> list[Entry]:
    """``ordered`` (in the order trained) with ``entry`` in its place."""
    ordered = list(ordered)
    ordered.insert(bisect.bisect_right(ordered, entry.at, key=operator.attrgetter("at")), entry)
    return ordered


def _over_kit(kit: Equipment, rules: ExerciseRules, entry: Entry, others: list[Entry]) -> str | None:
    """A dumbbell or kettlebell far heavier than the kit's heaviest (`far_past_the_bells`: over 75 kg for
    a 50 kg one), one held or a pair, per hand: a typo the best-so-far question misses on a first entry.
    Not asked once the lifter logged past the kit's heaviest that way (a gym with heavier ones than
    /equipment lists: the best-so-far question goes on from there)."""
    for s in sorted((s for s in entry.sets if s.load_kg), key=lambda s: s.load_kg or 0.0, reverse=True):
        implement = _done_on(s, rules, kit)
        if not far_past_the_bells(s.load_kg or 0.0, implement, kit, s.way, others):
            continue
        loads = kit.loads_for(implement)
        shown = f"{'2 × ' if s.implements == 2 else ''}{s.load:g} {s.unit}"
        return f"{shown} is more than your heaviest {implement} ({max(loads):g} {kit.unit}). Is that right?"
    return None


def _done_on(s: LoggedSet, rules: ExerciseRules, kit: Equipment) -> str:
    """The implement ``s`` was done with: the one held, a pair's (`pair_implement`), else the lift's."""
    return s.held.value if s.held else pair_implement(rules, kit) if s.implements == 2 else rules.implement


def _past_the_rack(kit: Equipment, rules: ExerciseRules, entry: Entry, others: list[Entry]) -> str:
    """The card's line when a dumbbell or kettlebell load is heavier than the kit's heaviest ("2 × 55 kg"
    with dumbbells to 50 kg): stored as typed, nothing refused, but /warmup and the targets go by the
    kit, so the lifter is told where to change it. Not once they logged past it that way before
    (`logged_past`: they know, or train where heavier ones are); /warmup says it alike (`past_the_rack`).
    "" otherwise."""
    for s in sorted((s for s in entry.sets if s.load_kg), key=lambda s: s.load_kg or 0.0, reverse=True):
        implement = _done_on(s, rules, kit)
        if not past_the_rack(s.load_kg or 0.0, implement, kit, s.way, others):
            continue
        shown = f"{'2 × ' if s.implements == 2 else ''}{s.load:g} {s.unit}"
        return rack_line(implement, kit, f"{shown} is stored as you typed it")
    return ""


_KIT_TOL_KG = KIT_TOL_KG  # a kit load in the other unit is the same weight within this


def _lighter(
    kit: Equipment, known: Known, rules: ExerciseRules, entry: Entry, others: list[Entry]
) -> str | None:
    """`outlier_light`: 8 kg typed for 80 would follow the typo and reset the plan. Bodyweight and band
    lifts are left alone: an optional load on top of the body (+10 kg after +40) is no typo's sign."""
    if not rules.loadable or rules.band_work or known.id in ON_BODYWEIGHT:
        return None
    if kit_implement(rules, kit) != rules.implement:
        return None  # a hip thrust at home with dumbbells alone: 4 kg after the gym's 62 kg bar is no typo
    # A backdated entry against the sessions before its day; only the latest entries: "recent" work,
    # and no copy of a five-year history on every /log.
    cut = bisect.bisect_right(others, entry.at, key=operator.attrgetter("at"))
    before = others[max(0, cut - _LIGHT_READ) : cut]
    bar = _bar_kg(kit, known, rules)
    reason = outlier_light(entry, before, bar, bar_only=rules.bar_only)
    if reason is None or bar is None or not rules.bar_only:
        return reason
    return reason + _held_instead(kit, known, entry, bar)


def _held_instead(kit: Equipment, known: Known, entry: Entry, bar_kg: float) -> str:
    """The example after a bar-only lift's question about work under the empty bar (``bar_kg``): the
    line that logs it as one dumbbell held (else a kettlebell), as a goblet squat is, whose target then
    goes on in that implement's steps, not on the bar (" One dumbbell held, not a bar? Cancel and log it
    so: /log back squat 3x5 10kg dumbbell"). "" when the kit has neither or no work is under the bar."""
    held = "dumbbell" if kit.dumbbells else "kettlebell" if kit.kettlebells else ""
    work = [s for s in entry.sets if s.counts and s.way == 1 and s.load is not None and s.load > 0]
    if not held or not work:
        return ""
    top = max(work, key=lambda s: s.load_kg or 0.0)
    if (top.load_kg or 0.0) >= bar_kg:
        return ""
    sets = sum(1 for s in work if (s.reps, s.load, s.unit) == (top.reps, top.load, top.unit))
    line = f"{known.name.lower()} {sets}x{top.reps} {top.load:g}{top.unit or 'kg'} {held}"
    return f" One {held} held, not a bar? Cancel and log it so: /log {line}"


def _bar_kg(kit: Equipment, known: Known, rules: ExerciseRules) -> float | None:
    """The empty bar of ``kit`` in kg when ``known`` is loaded on it, else None."""
    on_bar = rules.implement == "barbell" and _takes_a_bar(known) and kit.has_barbell
    return to_kg(kit.bar, kit.unit) if on_bar else None


_LIGHT_READ = 100  # entries of the lift read for its recent work (a session logged set by set is ~10)


# A load this much over the lift's current target is still the target (a conversion, a plate's
# rounding): a typo the recent-sets question is for (1000 for 100) is many times it.
_OVER_TARGET = 0.05


def _within_target(ctx: Context, profile: Profile, known: Known, others: list[Entry], entry: Entry) -> bool:
    """``entry``'s heaviest set (in kg, in all) is at or about the lift's target as it stood before it,
    from the entries ``others`` (in order) logged before it."""
    before = [e for e in others if e.at < entry.at]
    if not before:
        return False
    p = target_for(known, before, profile, ctx.library, entry.at, in_order=True, way=done_with(entry))
    aims = [to_kg(s.load, s.unit) * s.implements for s in p.sets if s.load is not None and s.unit]
    top = max((s.load_in_all_kg or 0.0 for s in entry.sets), default=0.0)
    return bool(aims) and top <= max(aims) * (1 + _OVER_TARGET) + 1e-9


def _load_reps(entry: Entry) -> list[tuple[int, float | None, str | None, int]]:
    return [(s.reps, s.load, s.unit, s.implements) for s in entry.sets]


# A confirmed new entry that now reads otherwise than its question showed: asked about again.
_READS_OTHERWISE = "Your log changed since I asked, so this would now be stored as below. Is that right?"


def _confirm_outlier(profile: Profile, known: Known, entry: Entry, reason: str, old: Entry | None) -> Reply:
    """Ask to confirm an outlier: a new entry, or (``old``) an edit of ``old`` as it stands now. Its
    Confirm carries the entry as shown (`_reads_otherwise`), to store only that: "@<fingerprint> <line>",
    after "#<id>@<old's fingerprint> " for an edit."""
    line = canonical(entry, profile)
    target = f"#{old.id}@{fingerprint(old)} " if old is not None else ""
    target += f"@{fingerprint(entry)} "
    confirm = _button("Confirm", f"/log_confirm {target}{line}", style="primary", single_use=True)
    cancel = Button("Cancel", "/log_cancel", single_use=True)
    lines = [esc(reason), f"*{esc(known.name)}*", *card_lines(entry, known.name, profile)]
    lines.append("Nothing is stored until you confirm.")
    return Reply("\n".join(lines), buttons=((confirm, cancel) if confirm else (cancel,),))


def _reads_otherwise(
    profile: Profile, known: Known, entry: Entry, shown: str, old: Entry | None
) -> Reply | None:
    """A Confirm's entry that would now be stored otherwise than its question showed (``shown``, the
    fingerprint its button carries): the question again, showing ``entry`` as it now reads, and nothing
    stored. "3x10 10kg" shown as work, with "3x10 102.5kg" logged since, is now a warm-up on the way up
    to it, for /log's new entry and /edit's alike (``old``: the entry the edit replaces). None when it
    reads as shown, or no fingerprint came (a typed Confirm line, an older button): stored as before."""
    if not shown or fingerprint(entry) == shown:
        return None
    return _confirm_outlier(profile, known, entry, _READS_OTHERWISE, old)


async def _log_line(
    request: Request, ctx: Context, text: str, *, confirmed: bool = False, shown: str = ""
) -> Reply:
    """Store the entry ``text`` logs, asking first about what looks wrong unless ``confirmed``.
    ``shown``: the fingerprint of the entry the confirmed question showed; read otherwise now (a later
    entry made its sets a ramp up to it: "3x10 10kg" shown as work is now a warm-up before 102.5 kg),
    it is asked about again as it now reads, and nothing is stored."""
    account = request.account
    profile = ctx.store.profile(account)
    eg = _example(profile)
    try:
        parsed = _read(request, ctx, text, profile)
    except TooBigChange as exc:
        return _too_big(exc, exc.name or "hip thrust")
    except LogParseError as exc:
        return Reply(f"{esc(str(exc))} Nothing was logged. Example: /log {eg}")
    lib = ctx.library
    kit_note = ""
    held: Implement | None = None
    if isinstance(parsed, Repeat):
        if parsed.exercise is None and (parsed.load_delta or parsed.reps_delta):
            # a bare "-5" is too easy to send by mistake to change the last entry of whatever it was
            change = example_in("hip thrust +2.5kg", _unit(profile))
            return Reply(f"Name the exercise with the change, e.g. /log {change}. Nothing was logged.")
        if parsed.exercise is None:
            last_any = last_logged(ctx, account)
            if last_any is None:
                return Reply(f"Nothing logged yet to repeat. Log it in full, like {eg}.")
            known = find(lib, profile, last_any.exercise)
            if known is None:
                return Reply(f"Name the exercise to repeat, like hip thrust same, or log it in full: {eg}.")
        else:
            known = lift_for_log(ctx, account, profile, parsed.exercise)
            if known is None:
                typed = parsed.exercise
                return _not_known(ctx, profile, typed, lambda k: _swap_name(text, typed, k.id))
        history = ctx.store.entries(account, known.id)
        if not history:
            return Reply(f"No {esc(known.name)} logged yet to repeat. Log it in full, like {eg}.")
        asked = _which_change_unit(ctx, account, text, profile, parsed, known)
        if asked is not None:
            return asked
        last = last_to_repeat(history)
        if last is None:
            name = esc(known.name.lower())
            sets = example_in("3x10 60kg", _unit(profile))
            return Reply(
                f"Your {esc(known.name)} entries are warm-ups only, so there are no working sets to "
                f"repeat or change. Log them in full, like /log {name} {sets}. Nothing was logged."
            )
        clash = _repeat_done_otherwise(parsed.exercise, last, known, profile)
        if clash is not None:
            return clash
        try:
            entry = apply_repeat(parsed, last)
        except TooBigChange as exc:
            return _too_big(exc, parsed.exercise or known.name.lower())
        except LogParseError as exc:
            return Reply(f"{esc(str(exc))} Nothing was logged.")
        moved = _onto_the_kit(known, profile, last, entry, parsed)
        if isinstance(moved, Reply):
            return moved
        entry, kit_note = moved
        if last is not chronological(history)[-1]:
            # warm-ups logged after the work: "+2.5kg" means the work, and the card says which
            repeated = f"{describe_entry(last)}, {local_date(last.at, profile)}"
            said = f"Repeated your last working sets ({repeated}), not the warm-ups logged after them."
            kit_note = f"{said} {kit_note}".strip()
        before_kg = max((s.load_kg or 0.0 for s in last.working), default=0.0)
        after_kg = max((s.load_kg or 0.0 for s in entry.working), default=0.0)
        if parsed.load_delta < 0 and after_kg < before_kg / 2:
            return Reply(
                f"That takes {esc(known.name)} below half of last time's load. If it is what you did, "
                f"log it in full, like {eg}. Nothing was logged."
            )
    elif isinstance(parsed, Ambiguous):
        typed = parsed.readings[0].exercise
        known = lift_for_log(ctx, account, profile, typed)
        if known is None:
            return _not_known(ctx, profile, typed, lambda k: _swap_name(text, typed, k.id))
        refusal = _sides_on_a_two_leg_bar(lib, known, parsed.readings[0])  # before asking: no button fits
        if refusal is not None:
            return refusal
        kit_unit = unit_asked(profile)
        pair = next((s for r in parsed.readings for s in r.sets if s.implements == 2 and s.load), None)
        if kit_unit is not None and pair is not None:
            # "3x10 2x25": a pair or sets, each in two units, would be four buttons; the unit, written,
            # settles one of the two questions.
            return Reply(
                f"Your set-up is in {kit_unit} and you log in {profile.units}: write the unit with the "
                f"load, like /log {esc(known.name.lower())} 3x10 2x{pair.load:g}{kit_unit}. Nothing was logged. "
                f"/units {kit_unit} or /units {profile.units} settles it for next time."
            )
        readings, labels, question = tuple(parsed.readings), tuple(parsed.labels), parsed.question
        if parsed.at_time:
            timed = replace(parsed.readings[1], exercise=known.id)
            loaded = _with_last_load(known, timed, ctx.store.entries(account, known.id), text)
            if loaded is not None:
                readings, labels, question = _timed_at_load(parsed, loaded, loaded.working[0], profile)
        elif parsed.rpe_or_load:
            rated = replace(parsed.readings[1], exercise=known.id)
            loaded = _with_last_load(known, rated, ctx.store.entries(account, known.id), text)
            if loaded is not None:
                rpe = parsed.labels[1].removesuffix(" (no weight)")
                readings, labels, question = _load_offered(
                    parsed, rpe, loaded, loaded.working[0], "as last time"
                )
        elif parsed.sets_or_load:
            # "12 sets of 10" would store bodyweight on a lift last done with a load: offered at that
            # load too, and said to have no weight, as "3x10 at 7" asks.
            as_sets = replace(parsed.readings[0], exercise=known.id)
            loaded = _with_last_load(known, as_sets, ctx.store.entries(account, known.id), text)
            if loaded is not None:
                sets, load = parsed.labels
                swapped = Ambiguous((parsed.readings[1], as_sets), (load, f"{sets} (no weight)"))
                readings, labels, question = _load_offered(
                    swapped, sets, loaded, loaded.working[0], "as last time"
                )
        buttons = [
            _button(label, f"/log {canonical(replace(reading, exercise=known.id), profile)}", single_use=True)
            for reading, label in zip(readings, labels, strict=True)
        ]
        return Reply(
            f"{esc(question)} Nothing is logged until you choose.",
            buttons=(tuple(b for b in buttons if b is not None),),
        )
    else:
        known = lift_for_log(ctx, account, profile, parsed.exercise)
        if known is None:
            entry = parsed
            return _not_known(
                ctx, profile, entry.exercise, lambda k: canonical(replace(entry, exercise=k.id), profile)
            )
        clash = _implements_clash(text, parsed, known)
        if clash is not None:
            return clash
        entry, kit_note = _pair_named(parsed, known)
        held = _held(text, parsed.exercise, known, entry)
        entry = _as_held(entry, held)  # stored so: /plan, /warmup, /edit and the target read it later
        kit_note = kit_note or _one_own(text, entry, known)
        refusal = _sides_on_a_two_leg_bar(lib, known, entry)
        if refusal is not None:
            return refusal
        asked = _which_unit(ctx, account, text, profile, replace(entry, exercise=known.id))
        if asked is not None:
            return asked
        history = ctx.store.entries(account, known.id)
        loaded = (
            None if confirmed else _with_last_load(known, replace(entry, exercise=known.id), history, text)
        )
        if loaded is not None:
            return _ask_load(profile, known, replace(entry, exercise=known.id), loaded)
    entry = _with_band(replace(entry, exercise=known.id), known, history, profile)
    # Stored as the card reads it: a lighter lead-in set is a warm-up (before the 1.5x question, whose
    # preview shows the entry as it would be stored).
    entry, ramp = _ramp_stored(entry, ctx.store.entries_trained(account, known.id))
    again = _reads_otherwise(profile, known, entry, shown, None)
    if again is not None:
        return again
    reason = None if confirmed else _outlier(ctx, account, profile, known, entry, history)
    if reason is not None:
        return _confirm_outlier(profile, known, entry, reason, None)
    if _closed_by_done(ctx, account, profile, entry):
        entry = replace(entry, starts_session=True)
    if not isinstance(parsed, Repeat):  # "same" asks for the same sets: no slip
        kit_note = f"{kit_note} {_sent_twice(ctx, account, entry)}".strip()
        kit_note = f"{kit_note} {_bar_warm_up(text, entry, known, profile, history)}".strip()
        rules = ExerciseRules.from_library(known, level=profile.level)
        past = _past_the_rack(user_equipment(profile)[1], rules, entry, history)
        kit_note = f"{kit_note} {past}".strip()
    stored = ctx.store.add_entry(account, entry)
    reply = log_reply(ctx, profile, known, stored, history, "Logged", note=kit_note, held=held, ramp=ramp)
    if ctx.clock() - stored.at >= SESSION_GAP:
        return reply  # backdated: no rest timer, and the session now is not this one
    # This set cancels a running rest timer and moves the session summary on (handlers/session.py);
    # rest buttons under working sets.
    rest_row = on_logged(request, ctx, known.id, working=bool(stored.working))
    return replace(reply, buttons=(*reply.buttons, rest_row)) if rest_row else reply


def last_to_repeat(history: list[Entry]) -> Entry | None:
    """The entry ``same`` / ``+2.5kg`` repeats: the exercise's latest with work in it (a warm-up logged
    after the work, or a light set the coach counts as one, is not what "my last sets + 2.5 kg"
    means: coaching.hardsets.last_work), None if it has none."""
    return last_work(history)


def _too_big(exc: TooBigChange, name: str) -> Reply:
    """ "+999kg": what it would make, and a change of the usual size for that exercise to copy."""
    return Reply(
        f"{esc(str(exc))} Nothing was logged. Change it by less, like /log {esc(name)} {exc.example}."
    )


_ONE_BY_ONE = BELLS  # a fixed set of loads: no 14.5 kg dumbbell on the rack
_KIT_PARTS = (*_ONE_BY_ONE, "barbell", "machine")  # named as such; a load held or on a belt is "load"


def _onto_the_kit(
    known: Known, profile: Profile, last: Entry, entry: Entry, repeat: Repeat
) -> tuple[Entry, str] | Reply:
    """``entry`` (``last`` changed by ``repeat``'s load, "+2.5kg") with its dumbbell and kettlebell loads on
    the kit: on a fixed set, "+2.5kg" asks for the next one up, not a 14.5 kg dumbbell no rack holds.
    Each changed load goes to the kit's load nearest the sum, past the old one in the direction asked
    (12 + 2.5 → 14, 16 + 2.5 → 20). Returns the entry and a line saying so when a load moved (the card
    shows what is stored), or a Reply (nothing logged) when the kit has nothing further that way.
    A barbell or machine keeps the sum when the kit makes it (100 + 2.5); a sum it does not make (100 +
    1.1) goes to the next load it does, as a change typed in the other unit does ("+5lb" on 100 kg is
    102.27 kg: `_other_unit_loads`). A kit listing none for the implement keeps the sum."""
    delta = repeat.load_delta
    if not delta:
        return entry, ""
    rules = ExerciseRules.from_library(known, level=profile.level)
    _, mine = user_equipment(profile)
    sets = list(entry.sets)
    said = ""
    for i, (was, now) in enumerate(zip(last.sets, entry.sets, strict=True)):
        if was.load is None or now.load is None or now.load == was.load:
            continue
        pair = was.implements == 2
        implement = pair_implement(rules, mine) if pair else was.held or rules.implement
        kit, loads = mine, loadable_loads(implement, mine)
        # A barbell's or a belt's change typed in the other unit lands on loads in the set's unit.
        other = implement not in _ONE_BY_ONE and (repeat.delta_unit or was.unit or "kg") != (was.unit or "kg")
        if other:
            kit, loads = _other_unit_loads(mine, implement, was, now.load)
        if not loads:
            continue
        unit = kit.unit
        start = from_kg(to_kg(was.load, was.unit), unit)
        # A bell logged in the other unit is the kit's own (24 kg is the 53 lb bell, 52.91 lb): a change
        # starts from it, so "+4 lb" never lands on that same bell as if it were the next one up.
        start = same_implement(start, implement, kit) or start
        asked = from_kg(to_kg(now.load, now.unit), unit)
        ahead = [x for x in loads if (x > start + 1e-6 if delta > 0 else x < start - 1e-6)]
        two = "2 × " if pair else ""
        if not ahead:
            way = "heavier" if delta > 0 else "lighter"
            # As logged (2 × 25 lb, not 11.3398 kg); a load past the kit's end names the kit's last one.
            end = max(loads) if delta > 0 else min(loads)
            past = (
                ""
                if abs(end - start) < 1e-6
                else f" (its {'heaviest' if delta > 0 else 'lightest'} is {_say(end, unit, profile.units)})"
            )
            return Reply(
                f"Your equipment has no {implement if implement in _KIT_PARTS else 'load'} {way} than "
                f"{was.load:g} {was.unit or 'kg'}{past}, "
                "so nothing was logged. "
                f"If that is what you lifted, log it in full, like /log {esc(known.name.lower())} "
                f"{len(entry.working)}x{now.reps} {'2x' if pair else ''}{_typed(now, profile.units)}; "
                "/equipment shows and changes what you have."
            )
        if implement not in _ONE_BY_ONE and not other:
            # "The next load up" the plates make is at least the sum asked, never a load short of it
            # (a change typed in the other unit goes to the load nearest it, up or down).
            ahead = [x for x in ahead if (x > asked - 1e-6 if delta > 0 else x < asked + 1e-6)] or ahead
        got = min(ahead, key=lambda x: (abs(x - asked), abs(x - start)))
        sets[i] = replace(now, load=got, unit=unit)
        if not said and other and abs(got - start) > 1.5 * abs(asked - start):
            said = _under_a_step(repeat, got, got - start, asked - start, unit, two)
        elif not said and abs(got - asked) > 1e-6:
            said = _sum_moved(repeat, was, asked, got, unit, two, _kit_cannot(implement, pair, kit, mine))
    return replace(entry, sets=tuple(sets)), said


def _kit_cannot(implement: str, pair: bool, kit: Equipment, mine: Equipment) -> str:
    """Why a sum is not stored as it is: "which your dumbbells don't come in, so the next pair", "which
    your plates can't make, so the next load" ("lb plates": a gym's, for sets lifted off the user's kit
    in its other unit, `_other_unit_loads`)."""
    if implement in _ONE_BY_ONE:
        return f"which your {implement}s don't come in, so the next {'pair' if pair else 'one'}"
    whose = "your" if kit is mine else kit.unit
    # A lift loaded with no kit of its own (a belt, a plate held) goes on in plate steps: plates too.
    return f"which {whose} {'machine' if implement == 'machine' else 'plates'} can't make, so the next load"


def _sum_moved(
    repeat: Repeat, was: LoggedSet, asked: float, got: float, unit: Unit, two: str, cannot: str
) -> str:
    """The card's line for a change whose sum the kit cannot load, one rule in either unit: the sum as it
    is, in the set's unit, then the load stored (in the kit's ``unit``, and about as much in the set's
    when that differs). "100 kg + 1.1 kg is 101.1 kg, which your plates can't make, so the next load up:
    102.5 kg."; a change typed in the other unit says it converted, one decimal at most (as `about`
    says figures): "176 lb + 10 kg (about 22 lb) is about 198 lb, which lb plates can't make, so the
    next load up: 200 lb." (``asked``: the sum in ``unit``.)"""
    up = repeat.load_delta > 0
    mine = was.unit or "kg"
    typed = repeat.delta_unit or mine
    change = abs(repeat.load_delta) if typed == mine else from_kg(to_kg(abs(repeat.load_delta), typed), mine)
    said = f"{'+' if up else '−'} {abs(repeat.load_delta):g} {typed}{' a hand' if two else ''}"
    if typed != mine:
        said += f" ({about(change)} {mine})"
    total = (was.load or 0.0) + (change if up else -change)
    # The way the kit went from the sum asked: +2.5 kg a hand on 14s is 16.5, and the 16s are the next
    # pair below it, not "up" from it.
    way = "up" if up else "down"
    if (got > asked) != up:
        way = "below it" if up else "above it"
    return (
        f"{two}{was.load:g} {mine} {said} is {about(total, two)} {mine}, "
        f"{cannot} {way}: {two}{_say(got, unit, mine)}."
    )


def _under_a_step(repeat: Repeat, got: float, moved: float, exact: float, unit: str, two: str) -> str:
    """A change typed in the other unit smaller than the kit's smallest step took that step: "+1 lb is
    0.45 kg, less than your kit's smallest step, so the next load up: 102.5 kg (+2.5 kg)."."""
    up = repeat.load_delta > 0
    sign = "+" if up else "−"
    typed = f"{sign}{abs(repeat.load_delta):g} {repeat.delta_unit}"
    return (
        f"{typed} is {abs(round(exact, 2)):g} {unit}, less than your kit's smallest step, so the next "
        f"load {'up' if up else 'down'}: {two}{got:g} {unit} ({sign}{abs(round(moved, 2)):g} {unit})."
    )


def _other_unit_loads(
    mine: Equipment, implement: str, was: LoggedSet, asked: float
) -> tuple[Equipment, tuple[float, ...]]:
    """Where a change typed in the other unit lands, in the set's unit: the loads the user's kit makes
    (a commercial gym's when their kit is in the other unit: the set was lifted in this one), or for an
    implement it loads no other way (a belt, a plate held) multiples of its smallest plate near ``asked``."""
    unit = was.unit or "kg"
    kit = mine if mine.unit == unit else PRESETS[default_preset(unit)]
    loads = loadable_loads(implement, kit)
    if loads:
        return kit, loads
    step = min(kit.plates, default=1.25 if unit == "kg" else 2.5)
    near = math.floor(asked / step)
    return kit, tuple(round(k * step, 2) for k in range(max(near - 1, 1), near + 3))


def _typed(s: LoggedSet, mine: Unit) -> str:
    """A set's load as the user would type it: their unit, one decimal ("27lb", not "12.2698kg")."""
    return f"{round(from_kg(s.load_kg or 0.0, mine), 1):g}{mine}"


def _say(load: float, unit: Unit, mine: Unit) -> str:
    """A kit load in its unit, and about as much in the user's when that differs: "10 kg, about 22 lb"."""
    if unit == mine:
        return f"{load:g} {unit}"
    return f"{load:g} {unit}, about {round(from_kg(to_kg(load, unit), mine), 1):g} {mine}"


def _sides_on_a_two_leg_bar(lib: Library, known: Known, entry: Entry) -> Reply | None:
    """ "each side" on a two-leg barbell lift (a hip thrust, a back squat) is a slip: say so, log nothing."""
    if not isinstance(known, Exercise) or known.unilateral or not any(s.side for s in entry.sets):
        return None
    two_legs = family_of(known.id, known.unilateral) in ("thrust", "squat")
    if not two_legs or ExerciseRules.from_library(known).implement != "barbell":
        return None  # hinges are done on one leg too (a single-leg RDL), under the same name
    one_leg = lib.find_exercise(f"single-leg {known.name}")
    alternative = f", or one leg at a time as /log {one_leg.name.lower()} 3x10 each side" if one_leg else ""
    loaded = next((s for s in entry.sets if s.load is not None), None)
    load = example_in(" 80kg", loaded.unit or "kg") if loaded is not None else ""  # in the unit typed
    return Reply(
        f"{esc(known.name)} works both legs at once, so “each side” does not fit it. Nothing was logged. "
        f"Log it like /log {esc(known.name.lower())} 3x10{load}{esc(alternative)}."
    )


def _bare_edit_load(
    rest: str, old: Entry, lctx: LogContext, profile: Profile, parsed: object
) -> Reply | None:
    """/edit's `_which_unit`: a load typed without a unit while the lifter has not said which unit they
    log in is refused with the line to write (the entry is unchanged), never read silently as either."""
    kit_unit = unit_asked(profile)
    if kit_unit is None or not rest or not isinstance(parsed, Entry):
        return None
    try:
        other = _parse_edit(rest, old, replace(lctx, unit=kit_unit))
    except LogParseError:
        return None
    if not isinstance(other, Entry) or other.sets == parsed.sets:
        return None
    bare = next((s for s in parsed.sets if s.load is not None), None)
    shown = f"{bare.load:g}" if bare is not None and bare.load is not None else "85"
    return Reply(
        f"{shown} {kit_unit} or {shown} {profile.units}? Your set-up is in {kit_unit} and you log in "
        f"{profile.units}: write the unit, like /edit {esc(rest.strip()[:60])}{kit_unit}. The entry is "
        f"unchanged. /units {kit_unit} or /units {profile.units} settles it for next time."
    )


def _in_kit_unit(ctx: Context, account: str, text: str, profile: Profile, kit_unit: str) -> object:
    """``text`` read as /log reads it, with a bare load in ``kit_unit``; None when it reads no way there
    (no load of that size in the kit's unit: the lifter's unit is the only reading)."""
    try:
        return parse_log(text, replace(_context(ctx, profile, account), unit=kit_unit))
    except LogParseError:
        return None


def _which_change_unit(
    ctx: Context, account: str, text: str, profile: Profile, repeat: Repeat, known: Known
) -> Reply | None:
    """ "+5 lb or +5 kg?": a change typed without a unit while the lifter has not said which unit they
    log in, as `_which_unit` asks of a load (+5 on a pound bar most likely means 5 lb)."""
    kit_unit = unit_asked(profile)
    if kit_unit is None or not repeat.load_delta:
        return None
    other = _in_kit_unit(ctx, account, text, profile, kit_unit)
    if not isinstance(other, Repeat) or other.delta_unit == repeat.delta_unit:
        return None  # the change said its unit
    said = f"{'+' if repeat.load_delta > 0 else '-'}{abs(repeat.load_delta):g}"
    commands = {u: f"/log {known.name.lower()} {said}{u}" for u in (kit_unit, profile.units)}
    return which_unit(said, profile, kit_unit, commands, "Nothing is logged until you choose.")


def _which_unit(ctx: Context, account: str, text: str, profile: Profile, entry: Entry) -> Reply | None:
    """A load typed without a unit while the lifter has not said which unit they log in (a set-up just
    picked in the other one, `handlers.equipment.unit_asked`): "135 lb or 135 kg?", both as buttons,
    never stored silently as either. None when every load says its unit or nothing is asked."""
    kit_unit = unit_asked(profile)
    if kit_unit is None or all(s.load is None for s in entry.sets):
        return None
    # The same line read in the kit's unit: the sets it changes are the ones typed without a unit.
    other = _in_kit_unit(ctx, account, text, profile, kit_unit)
    if not isinstance(other, Entry) or len(other.sets) != len(entry.sets) or other.sets == entry.sets:
        return None
    other = replace(other, exercise=entry.exercise)
    bare = [s.load for s, o in zip(entry.sets, other.sets, strict=True) if s != o and s.load is not None]
    said = ", ".join(dict.fromkeys(f"{x:g}" for x in bare))
    commands = {
        kit_unit: f"/log {canonical(other, profile)}",
        profile.units: f"/log {canonical(entry, profile)}",
    }
    return which_unit(said, profile, kit_unit, commands, "Nothing is logged until you choose.")


def _says_bodyweight(text: str) -> bool:
    low = " ".join(text.lower().split())
    return any(word in BODYWEIGHT_WORDS for word in low.replace(",", " ").split()) or "body weight" in low


def _with_last_load(known: Known, entry: Entry, history: list[Entry], text: str) -> Entry | None:
    """A loaded lift typed with no load at all ("hip thrust 3x10") when it was last done with one: the
    entry at that load, to offer beside bodyweight. None when there is nothing to ask ("bw" said).
    Warm-ups and back-offs with a load of their own keep it ("2x10 40kg warmup, 3x10 at 7" at 07:00)."""
    if not known.loaded or not entry.working or any(s.load is not None for s in entry.working):
        return None
    if _says_bodyweight(text):
        return None
    last = next((e for e in reversed(chronological(history)) if any(s.load for s in e.working)), None)
    if last is None:
        return None
    top = max((s for s in last.working if s.load), key=lambda s: s.load_kg or 0.0)
    sets = tuple(
        replace(s, load=top.load, unit=top.unit, implements=top.implements)
        if s.kind is SetKind.WORKING
        else s
        for s in entry.sets
    )
    return replace(entry, sets=sets)


def _load_said(s: LoggedSet) -> str:
    """A set's load as a question names it: "80 kg", "2 × 12 kg"."""
    return ("2 × " if s.implements == 2 else "") + f"{s.load:g} {s.unit or 'kg'}"


def _timed_at_load(
    parsed: Ambiguous, loaded: Entry, top: LoggedSet, profile: Profile, whose: str = "as last time"
) -> tuple[tuple[Entry, ...], tuple[str, ...], str]:
    """ "3x10 at 7" on a lift last done with a load (``top``; ``whose`` says which): N kg, at N:00 with
    that load (``loaded``), or at N:00 with no weight. The time alone would store bodyweight, which a line with no load only
    does when chosen (`_ask_load`); so the load is offered with the time, in one press."""
    when = parsed.when or f"at {parsed.readings[1].at.astimezone(user_zone(profile)):%H:%M}"
    return _load_offered(parsed, when, loaded, top, whose)


def _load_offered(
    parsed: Ambiguous, what: str, loaded: Entry, top: LoggedSet, whose: str
) -> tuple[tuple[Entry, ...], tuple[str, ...], str]:
    """``parsed`` (a load, or ``what`` with no weight) with ``what`` at ``top``'s load (``loaded``) offered
    between them: "at 07:00" of "3x10 at 7", "12 sets of 10" of a lone "12x10"."""
    shown = _load_said(top)
    kg, bodyweight = parsed.labels
    question = f"Did you mean {kg}, {what} with {shown} {whose}, or {what} with no weight?"
    readings = (parsed.readings[0], loaded, parsed.readings[1])
    return readings, (kg, f"{what}, {shown}", bodyweight), question


def _ask_load(profile: Profile, known: Known, entry: Entry, loaded: Entry) -> Reply:
    shown = _load_said(loaded.working[0])
    with_load = _button(f"{shown}, as last time", f"/log {canonical(loaded, profile)}", single_use=True)
    bodyweight = _button("Bodyweight", f"/log {canonical(entry, profile)}", single_use=True)
    return Reply(
        f"No load for *{esc(known.name)}*: bodyweight, or {esc(shown)} as last time? "
        "Nothing is logged until you choose.",
        buttons=(tuple(b for b in (with_load, bodyweight) if b is not None),),
    )


def _closed_by_done(ctx: Context, account: str, profile: Profile, entry: Entry) -> bool:
    """/done closed the session after the latest entry, and ``entry`` comes after it: it starts a new
    session (/history, summaries) even within SESSION_GAP of the last set."""
    if not profile.done_at:
        return False
    closed = datetime.fromisoformat(profile.done_at)
    closed = closed if closed.tzinfo else closed.replace(tzinfo=UTC)
    last = last_logged(ctx, account)
    return last is not None and last.at <= closed < entry.at


# A later line of the message starting a command: "/log glute bridge bw 3x15⏎/log hip thrust 3x10 90kg".
_COMMAND_LINE = re.compile(r"\n\s*(/[A-Za-z]\w*)")


def _two_commands(text: str, command: str = "/log", outcome: str = "Nothing was logged.") -> Reply | None:
    """A message holding a second command on a later line: one command goes per message, so nothing is
    logged or changed (read as one line, the second command would be taken for part of the first)."""
    m = _COMMAND_LINE.search(text)
    if m is None:
        return None
    first = " ".join(text[: m.start()].split())[:60] or EXAMPLE
    second = " ".join(text[m.start(1) :].split("\n", 1)[0].split())[:60]
    return Reply(
        f"One command per message, please: send each line on its own, like {command} {esc(first)} and "
        f"then {esc(second)}. {outcome}"
    )


def _named_lift(parsed: Entry | Ambiguous | Repeat) -> str | None:
    """The exercise name a parsed /log line typed (None: a bare repeat, "same")."""
    return parsed.readings[0].exercise if isinstance(parsed, Ambiguous) else parsed.exercise


def _not_this_lift(this: str, other: str, line: str, outcome: str = "") -> str:
    """Where one lift is meant (an entry's /edit, Log it's question for a lift), a line naming another
    is refused, saying how to log that one: "This is Hip thrust, not Romanian deadlift: nothing was
    logged. To log Romanian deadlift, use /log rdl 3x12 60kg" (plain text: escape it)."""
    how = f"log {other}, use /log {line[:80]}"
    return f"{this}, not {other}: {outcome} To {how}" if outcome else f"{this}, not {other}: to {how}"


def _answer_line(request: Request, ctx: Context, profile: Profile, text: str) -> str | Reply:
    """The line to log for Log it's answer ("/log <id> <answer>", `handlers.explain.log_start`): the
    answer as typed when it starts with a name the id plus it does not make ("hip thrust 3x10 60kg"
    for Hip thrust: the name once), refused when that name is another lift's ("rdl 3x12 60kg"); else
    the id names the lift ("3x10 60kg", "w 60x5, 100x5x3"). The id is never shown to the user."""
    lift_id, _, answer = text.partition(" ")
    lift = ctx.library.exercises.get(lift_id)
    if not request.via_button or lift is None or _NAME_FIRST.match(answer.strip()) is None:
        return text
    account, lctx = request.account, _context(ctx, profile, request.account)
    try:
        named = _named_lift(parse_log(text, lctx))
    except (LogParseError, TooBigChange):
        return text  # refused as the lift's own line
    if named is None or lift_for_log(ctx, account, profile, named) is not None:
        return text
    try:
        own = _named_lift(parse_log(answer, lctx))
    except (LogParseError, TooBigChange):
        return answer.strip()  # why the answer does not read, said of the answer alone
    known = lift_for_log(ctx, account, profile, own) if own is not None else None
    if known is None or known.id == lift.id:
        return answer.strip()
    refused = _not_this_lift(f"This is {lift.name}", known.name, answer.strip(), "nothing was logged.")
    return Reply(f"{esc(refused)}.")


async def log(request: Request, ctx: Context) -> Reply:
    text = request.text
    profile = ctx.store.profile(request.account)
    unit = _unit(profile)
    if request.args:
        text, problem = _typed_options(request, example(unit))
        if problem:
            return Reply(esc(problem))
    two = _two_commands(text)
    if two is not None:
        return two
    line = _answer_line(request, ctx, profile, text)
    if isinstance(line, Reply):
        return line
    text = line
    if not text.strip():
        return Reply(
            f"Tell me what you did, for example /log {example(unit)}.\nForms I understand:\n{_forms(unit)}"
        )
    return await _log_line(request, ctx, text)


async def log_check(request: Request, ctx: Context) -> Reply | Checked | None:
    """Before the write limit (core.dispatch): a line that cannot be read is answered here, so a
    user's failed attempts never spend their budget of changes."""
    text = request.text
    profile = ctx.store.profile(request.account)
    if request.args:
        text, problem = _typed_options(request, _example(profile))
        if problem:
            return Reply(esc(problem))
    two = _two_commands(text)
    if two is not None:
        return two
    if not text.strip():
        return None  # /log alone: the forms, from the handler
    if request.via_button and _gives_up(text.partition(" ")[2]):
        return Reply(LOG_CANCELLED)  # the answer to Log it's question ("/log <id> <answer>"), given up
    line = _answer_line(request, ctx, profile, text)
    if isinstance(line, Reply):
        return line
    text = line
    try:
        parsed = parse_log(text, _context(ctx, profile, request.account))
    except TooBigChange as exc:
        return _too_big(exc, exc.name or "hip thrust")
    except LogParseError as exc:
        return Reply(f"{esc(str(exc))} Nothing was logged. Example: /log {_example(profile)}")
    return Checked((text, parsed))  # the handler reads the line as parsed here, not again


# "[!undo|!redo ]#<id>[@<fingerprint>] <line>": replace entry <id> (as shown) with the line's entry.
_CONFIRM_TARGET = re.compile(r"^(?:!(undo|redo)\s+)?#(\d{1,9})(?:@([0-9a-f]{12}))?\s+(.*)$", re.S)
# "@<fingerprint> <line>": store the line's entry if it reads as the question showed it.
_CONFIRM_SHOWN = re.compile(r"^@([0-9a-f]{12})\s+(.*)$", re.S)


def _confirm_shown(line: str) -> tuple[str, str]:
    """A Confirm's line and the fingerprint of the entry its question showed ("" if it carries none):
    "@0123456789ab hip_thrust 3x10 10kg …" is ("hip_thrust 3x10 10kg …", "0123456789ab")."""
    m = _CONFIRM_SHOWN.match(line)
    return (m.group(2), m.group(1)) if m is not None else (line, "")


async def log_confirm(request: Request, ctx: Context) -> Reply:
    """The Confirm button under an outlier: store the entry shown (``#id`` first: replace that one).
    Also the Undo under an edit's card (``!undo``) and under that Undo's card (``!redo``)."""
    text = request.text.strip()
    m = _CONFIRM_TARGET.match(text)
    if m is not None:
        # The line is a whole canonical entry (an edit's outlier, or Undo under an edit): it replaces
        # the entry as it stands, note and date included, nothing kept from the entry it replaces.
        toggle, number, shown, rest = m.groups()
        line, preview = _confirm_shown(rest)
        return await _edit(
            request,
            ctx,
            int(number),
            line,
            confirmed=True,
            exact=True,
            shown=shown or "",
            preview=preview,
            toggle=toggle or "",
        )
    line, preview = _confirm_shown(text)
    return await _log_line(request, ctx, line, confirmed=True, shown=preview)


async def log_cancel(request: Request, ctx: Context) -> Reply:
    return Reply("Cancelled: nothing was stored.")


EDIT_CANCELLED = "Edit cancelled. The entry is unchanged."
LOG_CANCELLED = "Cancelled: nothing was logged."
# An answer that gives the question up: "cancel", and "/cancel" typed into the answer field (a
# Discord form, where a command is just text).
_GIVE_UP = frozenset({"cancel", "/cancel", "stop"})


def _gives_up(answer: str) -> bool:
    return answer.strip(" .!").casefold() in _GIVE_UP


# --------------------------------------------------------------------------- edit, delete, undo


def _find_entry(ctx: Context, account: str, entry_id: int) -> Entry | None:
    return ctx.store.entry(account, entry_id)


_SECONDS = re.compile(r"( at \d{2}:\d{2}):\d{2}(?:\.\d+)?\b")


# What an edit keeps and how to take something away, as the Edit question and README's /edit line say.
EDIT_RULES = (
    "(date, note and RPE stay unless you change them). Sets you type replace those of their kind: "
    "warm-ups you leave out stay, w none drops them. rpe none clears the RPE, () the note; a note "
    "alone, like (felt heavy), changes only the note. A load alone (100kg, bw) changes just that on the "
    "working sets, rpe 8 the RPE of all but the warm-ups."
)


def _edit_example(entry: Entry, profile: Profile) -> str:
    """An answer to the Edit question in /log's words, close to the entry: straight sets one step
    heavier (2.5 kg or 5 lb; a pair of dumbbells 2 kg; one dumbbell or kettlebell held, the kit's next
    one, named), bodyweight sets one rep more; sets that differ
    (a ramp) as they are with one more rep on the last."""
    work = entry.working or entry.sets
    first = work[0]
    side = " each side" if first.side is not None else ""
    sets = len(work) // 2 if side and len(work) > 1 else len(work)
    shape = operator.attrgetter("reps", "load", "unit", "implements", "band", "resistance")
    if any(shape(s) != shape(first) for s in work):
        last = work[-1]
        more = tuple(replace(s, reps=s.reps + 1) if s is last else s for s in entry.sets)
        line = canonical(replace(entry, sets=more, note=""), profile)
        return _DATE_ON.sub("", line).removeprefix(f"{entry.exercise} ")
    if first.load is None:
        return f"{sets}x{first.reps + 1}{side}"
    unit = first.unit or profile.units
    pair = "2x" if first.implements == 2 else ""
    step = 5.0 if unit == "lb" else 2.0 if pair else 2.5
    if first.held is not None:
        # One dumbbell or kettlebell: the kit's next one up (past its heaviest, the one below), named so
        # the edit keeps it one (a bare 26.5 kg would be a bar's step that no rack holds).
        _, kit = user_equipment(profile)
        here = from_kg(to_kg(first.load, unit), kit.unit)
        loads = loadable_loads(first.held.value, kit)
        up = [x for x in loads if x > here + 1e-6]
        down = [x for x in loads if x < here - 1e-6]
        near = min(up) if up else max(down) if down else None
        load = f"{near:g}{kit.unit}" if near is not None else f"{first.load + step:g}{unit}"
        return f"{sets}x{first.reps} {load} {first.held.value}{side}"
    return f"{sets}x{first.reps} {pair}{first.load + step:g}{unit}{side}"


def _edit_ask(ctx: Context, profile: Profile, entry: Entry) -> Reply:
    """Ask for the corrected sets (a question alone: on Discord it opens as a modal at once)."""
    name = display_name(ctx.library, profile, entry.exercise)
    apart = _efforts_apart(entry)
    now_line = canonical(replace(apart or entry, exercise=name.lower()), profile)
    # To the minute, as people say it (an answer naming that minute keeps the exact time: `_keep`).
    sets_line = _SECONDS.sub(r"\1", now_line[len(name) + 1 :])
    # Efforts that differ by kind, said apart (a line's one RPE would say one for all); kept if not typed.
    efforts = ", ".join(f"{run[0].kind.value}{said}" for run in _kind_runs(entry) if (said := _efforts(run)))
    said = f"{sets_line}; {efforts}" if apart is not None and efforts else sets_line
    return Reply(
        ask=Ask(
            # A request, not a statement: "Corrected sets for X, now: ..." read as if already changed.
            prompt=(
                f"Send the corrected sets for {esc(name)} (now: {esc(said)}), for example: "
                f"{esc(_edit_example(entry, profile))} {example_in(EDIT_RULES, _unit(profile))}"
            ),
            command=f"/edit_entry {entry.id}@{fingerprint(entry)}",  # answered for the entry shown
            # Discord's field label holds 45 characters: the current sets go in the placeholder (100).
            label="Corrected sets",
            placeholder=f"now: {sets_line}",
            title=f"Edit {name}"[:45],
        ),
    )


# The date the edit's parser gives a line naming no day and no time (``LogContext.undated``): the edit
# keeps the entry's date. Before any date /log takes (2000-01-01 local, 1999-12-31 10:00 UTC at the
# earliest), so no typed date is ever read as none.
_UNDATED = datetime(1999, 1, 1, tzinfo=UTC)


def _edit_context(ctx: Context, profile: Profile, old: Entry) -> LogContext:
    """How an edit of ``old`` reads its line: a time with no date on the entry's own day ("at 7am" on
    yesterday's), no date at all ``_UNDATED``, and a date alone at the entry's own time of day on that
    day ("/edit yesterday" on a 23:02 entry moves the day, not the hour, whatever else that day holds;
    "today", now); on the entry's own day it stays put."""
    lctx = _context(ctx, profile, profile.account)
    clock = old.at.astimezone(lctx.tz).timetz()

    def latest_on(on: date) -> datetime:
        # A minute before the time to keep: the parser places a date alone "a minute after" this.
        return datetime.combine(on, clock).astimezone(UTC) - timedelta(minutes=1)

    # The entry's id is read whole, as its name is: the sets alone are read after it, and an own
    # exercise's id may hold digits ("custom_35e53098", of a name in another alphabet).
    names = (*lctx.names, old.exercise)
    return replace(
        lctx, time_on=old.at.astimezone(lctx.tz).date(), latest_on=latest_on, undated=_UNDATED, names=names
    )


def _parse_edit(text: str, old: Entry, lctx: LogContext) -> Entry | Ambiguous:
    """The corrected entry: the line as typed, or the sets alone after the old exercise. Work logged
    per side stays per side, read as /log reads "each side" ("8,8" on L10/R9 is one set a side)."""
    if old.working and all(s.side for s in old.working):
        try:
            sided = _parse_edit_as_typed(f"{text} each side", old, lctx)
            if not isinstance(sided, Entry) or any(s.side for s in sided.sets):
                return sided
        except LogParseError:
            pass  # it said a side itself ("each side" twice), or the appended words do not fit
    return _parse_edit_as_typed(text, old, lctx)


def _parse_edit_as_typed(text: str, old: Entry, lctx: LogContext) -> Entry | Ambiguous:
    try:
        parsed = parse_log(text, lctx)
    except NotABarLoad:
        raise  # said of the lift named: not read again after the entry's own exercise
    except LogParseError:
        parsed = None
    if parsed is None or isinstance(parsed, Repeat):
        try:
            parsed = parse_log(f"{old.exercise} {text}", lctx)
        except LogParseError:
            if parsed is None:
                raise
    if isinstance(parsed, Repeat):
        raise LogParseError(f"Type the sets in full to change them, like {example(lctx.unit)}.")
    return parsed


_DATE_ON = re.compile(r" \d{4}-\d{2}-\d{2}\b.*$")  # a canonical line's date, time and note
_NOTE_ONLY = re.compile(r"^note\s*[:=]?\s+(.+)$", re.I | re.S)


def _note_or_date(
    text: str, old: Entry, lctx: LogContext, named: Callable[[str], bool]
) -> Entry | Ambiguous | None:
    """ "(grip slipped)", "note grip slipped", "yesterday at 11:30pm", "100kg", "rpe 8", also after the
    entry's exercise ("rdl (felt heavy)": ``named`` says a name is the entry's own): no sets typed (the
    entry keeps the reps of all of its own), a new note, date, load or effort (None when the text gives
    none). ``_Unclear`` when the load it gives is not sure."""
    if not (text and edit_clears(text)[0]):  # only words that take something away ("rpe none", "()")
        return replace(old, sets=(), at=_UNDATED, note="")
    m = _NOTE_ONLY.match(text.strip())
    if m is not None:
        return replace(old, sets=(), at=_UNDATED, note=" ".join(m.group(1).split()))
    name, rest = leading_name(text)
    if name and named(name):
        return _note_or_date(rest, old, lctx, named)
    try:
        # The date, note, load and effort read as they would be after any sets ("1x1" stands in for them).
        probe: Entry | Ambiguous | Repeat | None = parse_log(f"{old.exercise} 1x1 {text}", lctx)
    except LogParseError:
        probe = None
    if (probe is None or isinstance(probe, Ambiguous) and probe.at_time) and _AT_HOUR.search(text):
        probe = _at_the_hour(text, old, lctx)
    if probe is None:
        return None
    if isinstance(probe, Ambiguous) and not probe.at_time:
        return _effort_or_load_asked(probe, old, text)
    if not isinstance(probe, Entry):
        return None
    bare = next((s for s in probe.sets if s.load is not None), None)
    if bare is not None and not load_marked(text):
        load = f"{bare.load:g}"
        raise _Unclear(
            f"{load} alone could be reps or a load: for the load say {load}{bare.unit}, for the sets type "
            f"them, like /edit {example(lctx.unit)}.",
            old,
        )
    work = _work_changed(probe, old, text)
    if not work and probe.at == _UNDATED and not probe.note:
        return None
    return replace(old, sets=work, at=probe.at, note=probe.note)


_AT_HOUR = re.compile(r"\bat\s*(?:[01]?\d|2[0-3])(?![\d:.])", re.I)  # "at 7": /log's load or time N:00


def _at_the_hour(text: str, old: Entry, lctx: LogContext) -> Entry | None:
    """ "at 7", "yesterday at 7" with no sets: no load to give, so the time 07:00 (on the entry's day,
    or the day typed), read after a loaded stand-in as /log reads "3x10 80kg at 7". None when the line
    gives a load or sets after all; a time refused (still to come) is refused with /log's words."""
    try:
        timed = parse_log(f"{old.exercise} 1x1 1kg {text}", lctx)
    except LogParseError as exc:
        raise _Unclear(str(exc), old) from None
    stand_in = timed.sets[0] if isinstance(timed, Entry) and len(timed.sets) == 1 else None
    if stand_in is None or (stand_in.load, stand_in.unit) != (1.0, "kg"):
        return None
    return replace(timed, sets=(replace(stand_in, load=None, unit=None),))


class _Unclear(LogParseError):
    """An /edit line with no sets whose load is not sure: "/edit 105kg" for work done at several loads
    (which sets?), a bare "/edit 100" (reps or a load?); or whose time is refused ("at 7" still to
    come). ``example``: the entry to show in place of ``EXAMPLE`` in the message (the pyramid with its
    heaviest sets at the load typed)."""

    def __init__(self, message: str, example: Entry) -> None:
        super().__init__(message)
        self.example = example


def _work_changed(probe: Entry, old: Entry, text: str) -> tuple[LoggedSet, ...]:
    """``old``'s work (working or activation sets) with the load and/or effort of ``probe``'s one
    stand-in set ("1x1 100kg", "1x1 rpe 8", "1x1 bw"; "each side" said of work done per side), reps,
    sides and kinds as they were, and with an effort its back-offs and drops; () when it gives neither
    (or more sets) or ``old`` has no work."""
    work = [s for s in old.sets if _KIND_ORDER[s.kind] == _KIND_ORDER[SetKind.WORKING]]
    sides = len(probe.sets) == 2 and all(s.side for s in (*probe.sets, *work))
    if len(probe.sets) != 1 and not sides or not work:
        return ()
    typed = probe.sets[0]
    changes: dict[str, Any] = {}
    if typed.load is not None or _says_bodyweight(text):
        # A load alone ("14kg") on a pair of dumbbells is each hand's: the pair stays unless "2x" or
        # "bw" says otherwise.
        pair = (
            typed.load is not None
            and typed.implements == 1
            and len({s.implements for s in work}) == 1
            and not implements_said(text)  # "24kg barbell", "24kg kb": one, as typed
        )
        implements = work[0].implements if pair else typed.implements
        changes.update(load=typed.load, unit=typed.unit, implements=implements)
    if typed.rpe is not None or typed.rir is not None:
        # One says what the other would: both replaced. On the back-offs and drops too, as /log's one
        # RPE covers them (and as the @N button's line, read back, does).
        effort = {"rpe": typed.rpe, "rir": typed.rir}
        changes.update(effort)
        after = [replace(s, **effort) for s in old.sets if _KIND_ORDER[s.kind] > _KIND_ORDER[SetKind.WORKING]]
    else:
        after = []
    loads = {(s.load, s.unit, s.implements) for s in work}
    if typed.load is not None and len(loads) > 1:
        top = max(to_kg(s.load or 0.0, s.unit) for s in work)
        heaviest = {id(s) for s in work if to_kg(s.load or 0.0, s.unit) == top}
        example = tuple(replace(s, **changes) if id(s) in heaviest else s for s in old.sets)
        load = _load_words(typed).removeprefix("@ ")
        raise _Unclear(
            f"Your working sets have more than one load, so {load} alone does not say which to change. "
            f"Type the sets, like /edit {EXAMPLE}.",
            replace(old, sets=example),
        )
    return (*(replace(s, **changes) for s in work), *after) if changes else ()


def _effort_or_load_asked(probe: Ambiguous, old: Entry, text: str) -> Entry | Ambiguous | None:
    """ "/edit @8": 8 kg or RPE 8, asked as /log asks it on a loaded lift; the RPE reading keeps the
    entry's loads (an edit giving no load keeps them). Work at several loads: the RPE, as "8 kg" alone
    could not say which sets."""
    load, effort = probe.readings
    if len(load.sets) != 1 or len(effort.sets) != 1 or effort.sets[0].rpe is None:
        return None  # not "@N" (a pair of dumbbells or more sets): read no further here
    with_effort = replace(old, sets=_work_changed(effort, old, text), at=effort.at, note=effort.note)
    if not with_effort.sets:
        return None
    try:
        with_load = replace(old, sets=_work_changed(load, old, text), at=load.at, note=load.note)
    except _Unclear:
        return with_effort
    return Ambiguous((with_load, with_effort), (probe.labels[0], f"RPE {effort.sets[0].rpe:g}"))


def _keep(new: Entry, old: Entry, stay: datetime, cleared: frozenset[str]) -> Entry:
    """An edit keeps the date, the note and the effort (RPE/RIR) unless it gives new ones or clears
    them (the parser dates a line with no date ``_UNDATED``; ``stay``: a date that keeps it too)."""
    same_minute = new.at == old.at.replace(second=0, microsecond=0)  # the prompt's time, to the minute
    at = old.at if new.at in (_UNDATED, stay) or same_minute else new.at
    new = replace(new, sets=_effort_cleared(new.sets)) if EFFORT in cleared else _effort_kept(new, old)
    return replace(
        new,
        at=at,
        note=new.note or ("" if NOTE in cleared else old.note),
        id=old.id,
        source=old.source,
        starts_session=old.starts_session,
    )


def _effort_cleared(sets: tuple[LoggedSet, ...]) -> tuple[LoggedSet, ...]:
    """``sets`` after "rpe none": no RPE/RIR on what "/edit rpe 8" sets, all but the warm-ups (a
    warm-up's own, "w 135x5 @5", stays); on warm-ups only, theirs, as /log's one RPE is theirs there."""
    work = any(s.kind is not SetKind.WARMUP for s in sets)
    return tuple(s if work and s.kind is SetKind.WARMUP else replace(s, rpe=None, rir=None) for s in sets)


# The order kinds come in; activation sets are an activation exercise's work.
_KIND_ORDER = {
    SetKind.WARMUP: 0,
    SetKind.WORKING: 1,
    SetKind.ACTIVATION: 1,
    SetKind.BACKOFF: 2,
    SetKind.DROP: 3,
}


def _kinds_kept(new: Entry, old: Entry, cleared: frozenset[str]) -> Entry:
    """``new`` with ``old``'s sets of each kind it types none of ("/edit 3x10" corrects the work and
    keeps the warm-ups; "/edit w 50x8" the warm-ups and keeps the work), unless ``cleared`` ("w none")
    or typed again under the new kind ("/edit w 40x10" on "1x10 40kg": the set is now a warm-up)."""
    typed = {_KIND_ORDER[s.kind] for s in new.sets}
    kept = [s for s in old.sets if _KIND_ORDER[s.kind] not in typed and s.kind.value not in cleared]
    # A set typed again under another kind is that set moved, not one more: "1x10 40kg" edited to
    # "backoff 1x10 40kg" (as the light-set line offers) is one back-off set, not a work and a back-off.
    retyped = list(new.sets)
    for s in list(kept):
        same = next((t for t in retyped if replace(t, kind=s.kind, rpe=s.rpe, rir=s.rir) == s), None)
        if same is not None:
            retyped.remove(same)
            kept.remove(s)
    sets = list(new.sets)
    for s in kept:  # each before the first typed set of a later kind, in the order they had
        at = next((i for i, t in enumerate(sets) if _KIND_ORDER[t.kind] > _KIND_ORDER[s.kind]), len(sets))
        sets.insert(at, s)
    return replace(new, sets=tuple(sets))


def _work_tops(sets: tuple[LoggedSet, ...]) -> dict[int | Held, float]:
    """The heaviest load (kg in all) of the work ``sets`` hold, for each way it was done."""
    tops: dict[int | Held, float] = {}
    for s in sets:
        if s.counts and s.load_in_all_kg is not None:
            tops[s.way] = max(tops.get(s.way, 0.0), s.load_in_all_kg)
    return tops


def _warm_ups_over_work(entry: Entry, old: Entry) -> tuple[Entry, str]:
    """``entry`` (an edit of ``old``, its line typing no warm-up) without the kept warm-ups its new work
    leaves heavier than the work done the same way, and a line saying so ("" for none): a warm-up the
    edit puts over the work was part of the old work ("40x10, 100x10x3" edited to "3x10 30kg": the
    40 kg set was a step up to 100, no warm-up for 30). One over the old work already was done so on
    purpose and stays ("w 120x3 / 100x10,10,10" edited to "(post-activation)", "rpe 8", "3x8" or
    "3x10 90kg"): an edit keeping the loads drops none. A bar's warm-up before work edited to a pair of
    dumbbells is not weighed against them."""
    tops, before = _work_tops(entry.sets), _work_tops(old.sets)

    def heavier(s: LoggedSet, top: float | None) -> bool:
        return top is not None and (s.load_in_all_kg or 0.0) > top + _KIT_TOL_KG

    over = [
        s
        for s in entry.sets
        if s.kind is SetKind.WARMUP and heavier(s, tops.get(s.way)) and not heavier(s, before.get(s.way))
    ]
    if not over:
        return entry, ""
    kept = tuple(s for s in entry.sets if s not in over)
    said = ", ".join(
        dict.fromkeys(f"{'2 × ' if s.implements == 2 else ''}{s.load:g} {s.unit} × {s.reps}" for s in over)
    )
    sets = "warm-up" if len(over) == 1 else "warm-ups"
    return replace(entry, sets=kept), f"Dropped the {said} {sets}: heavier than the new work."


def _ramp_as_warmups(old: Entry, new: Entry | None, trained: list[Entry]) -> Entry:
    """``old`` with the ramp steps its card counts as warm-ups (`ramp_as_warmups`: "40 kg × 10 counts
    as a warm-up" in "40x10, 100x10x3") as warm-ups, when ``new`` types straight work at one load
    ("/edit 3x10 105kg"): that edit keeps them, as it keeps warm-ups typed with w (it replaced them with
    the work). A load alone ("/edit bw") or sets at several loads still read all the working sets.
    (An entry /log stored since the rule has them as warm-ups already; older ones are read so here.)"""
    loads = {s.load_in_all_kg for s in (new.sets if new else ()) if s.kind is SetKind.WORKING}
    if len(loads) != 1 or None in loads:
        return old
    return _ramp_stored(old, trained)[0]


_UNNUMBERED = sys.maxsize  # the id a new entry is judged by: after every stored one


def _ramp_stored(entry: Entry, trained: list[Entry]) -> tuple[Entry, tuple[LoggedSet, ...]]:
    """``entry`` as it is stored: its ramp steps as warm-ups (`ramp_as_warmups`), judged in its session
    among ``trained`` (the exercise's entries in the order trained; an entry of ``entry``'s id is the
    one it replaces, left out), and those steps as typed."""
    at = operator.attrgetter("at")
    # Only the entries near it: a five-year history is not copied on every /log.
    start = bisect.bisect_left(trained, entry.at - LONGEST_SESSION, key=at)
    end = bisect.bisect_right(trained, entry.at + LONGEST_SESSION, key=at)
    near = [e for e in trained[start:end] if not (entry.id and e.id == entry.id)]
    # A new entry (no id yet) is the newest of its time, as the store will number it: logged at the
    # same minute as the work, a light set is after it, not a ramp step before it.
    judged = entry if entry.id else replace(entry, id=_UNNUMBERED)
    here = bisect.bisect_right(near, entry.at, key=at)
    everything = [*near[:here], judged, *near[here:]]
    stored, ramp = ramp_as_warmups(judged, _session_of(judged, everything))
    return replace(stored, id=entry.id), ramp


def _corrected(new: Entry, old: Entry, stay: datetime, text: str, cleared: frozenset[str]) -> Entry:
    """An /edit's entry: ``new`` keeping what its line did not mention or clear of ``old`` (load unless
    "bw" was said, a pair of dumbbells, effort, sets of the kinds it does not type, date, note)."""
    if not _says_bodyweight(text):
        new = _load_kept(_ways_kept(new, old, text), old)
    return _keep(_kinds_kept(new, old, cleared), old, stay, cleared)


def _carried(
    new: Entry,
    old: Entry,
    fields: tuple[str, ...],
    given: tuple[str, ...],
    kind: SetKind | None = SetKind.WORKING,
) -> Entry:
    """``new`` with ``old``'s ``fields`` on its working sets (``kind``; None: all its sets) when no set
    of ``new`` gives any of ``given``: set by set when they line up, else the one value they all had
    (none if they differed)."""

    def gives(s: LoggedSet) -> bool:
        return any(getattr(s, name) is not None for name in given)

    mine = old.working if kind is SetKind.WORKING else old.sets
    if any(gives(s) for s in new.sets) or not any(gives(s) for s in mine):
        return new
    values = [tuple(getattr(s, name) for name in fields) for s in mine]
    at = [i for i, s in enumerate(new.sets) if kind is None or s.kind is kind]
    if len(at) != len(values):
        if len(set(values)) != 1:
            return new
        values = values[:1] * len(at)
    sets = list(new.sets)
    for i, value in zip(at, values, strict=True):
        sets[i] = replace(sets[i], **dict(zip(fields, value, strict=True)))
    return replace(new, sets=tuple(sets))


def _ways_kept(new: Entry, old: Entry, text: str) -> Entry:
    """``new`` (an /edit's typed sets) with a bare load on sets of a kind ``old`` did with a pair of
    dumbbells read per hand, as that pair: "/edit 3x10 24kg" on 3 × 10 @ 2 × 22 kg is 3 × 10 @ 2 × 24 kg,
    as "/edit 24kg" is; and on sets ``old`` did with one dumbbell or kettlebell held, as that one
    ("/edit 3x10 26kg" on a dumbbell on the hips is still one dumbbell). A pair or an implement typed
    ("2x24kg", "24kg each hand", "48kg barbell", "24kg kb") stands as typed."""
    if implements_said(text) or any(s.implements == 2 for s in new.sets):
        return new
    ways: dict[int, set[int | Held]] = {}
    for s in old.sets:
        if s.load is not None:
            ways.setdefault(_KIND_ORDER[s.kind], set()).add(s.held or min(s.implements, 2))
    kept = {order: way for order, (way, *more) in ways.items() if not more and way != 1}
    if not kept:
        return new
    sets = tuple(
        (_done_as(s, kept[_KIND_ORDER[s.kind]]) if s.load is not None and _KIND_ORDER[s.kind] in kept else s)
        for s in new.sets
    )
    return replace(new, sets=sets)


def _done_as(s: LoggedSet, way: int | Held) -> LoggedSet:
    """``s`` done ``way``: a pair (2), or one dumbbell or kettlebell held."""
    return replace(s, held=way) if isinstance(way, Held) else replace(s, implements=way)


# A pair typed in an /edit line: "2x24kg", "24kg x2", "each hand" (an implement word: `implements_said`).
_PAIR_TYPED = re.compile(
    r"(?<![\d.])2\s*[x×*]\s*\d+(?:[.,]\d+)?\s*(?:kgs?|lbs?)\b|\d\s*(?:kgs?|lbs?)\s*[x×*]\s*2\b"
    r"|\b(?:each|per)\s+(?:hand|arm)\b",
    re.I,
)


def _still_a_pair(old: Entry, new: Entry, text: str) -> str:
    """The card's line when an /edit of work done with a pair of dumbbells typed a bare load and so kept
    the pair ("Still a pair of dumbbells: 24 kg per hand …"); "" otherwise."""
    was = [s for s in old.working if s.load is not None]
    now = [s for s in new.working if s.load is not None]
    if not was or not now or any(s.implements != 2 for s in (*was, *now)):
        return ""
    if {(s.load, s.unit) for s in was} == {(s.load, s.unit) for s in now}:
        return ""  # the load is as it was: nothing to say about it
    if implements_said(text) or _PAIR_TYPED.search(text):
        return ""  # the pair typed: as the card shows it
    top = max(now, key=lambda s: s.load_kg or 0.0)
    each = f"{top.load:g} {top.unit}"
    bar = f"{2 * (top.load or 0.0):g}{top.unit}"
    return f"Still a pair of dumbbells: {each} per hand (for a barbell write {bar} barbell)."


def _still_held(old: Entry, new: Entry, text: str) -> str:
    """The card's line when an /edit of work done with one dumbbell or kettlebell held typed a bare load
    and so kept it ("Still one dumbbell: 26 kg …"); "" otherwise."""
    was = [s for s in old.working if s.load is not None]
    now = [s for s in new.working if s.load is not None]
    held = {s.held for s in (*was, *now)}
    if not was or not now or len(held) != 1 or None in held:
        return ""
    if {(s.load, s.unit) for s in was} == {(s.load, s.unit) for s in now}:
        return ""  # the load is as it was: nothing to say about it
    if implements_said(text):
        return ""  # the implement typed: as the card shows it
    top = max(now, key=lambda s: s.load_kg or 0.0)
    one = f"{top.load:g} {top.unit}"
    return f"Still one {held.pop()}: {one} (for a barbell write {top.load:g}{top.unit} barbell)."


def _load_kept(new: Entry, old: Entry) -> Entry:
    """``new`` with ``old``'s loads when it gives none ("/edit 3x10" on a 90 kg entry stays at 90 kg).
    "bw" said is kept as said (the caller)."""
    return _carried(new, old, ("load", "unit", "implements", "held"), ("load",))


def _effort_kept(new: Entry, old: Entry) -> Entry:
    """``new`` with ``old``'s RPE/RIR, kind by kind: sets of a kind that give none keep what ``old``'s
    sets of that kind had (set by set when they line up, else their one value), as the Edit question
    promises; back-offs typed with the work and no RPE keep theirs too."""
    fields = ("rpe", "rir")
    for order in sorted({_KIND_ORDER[s.kind] for s in new.sets}):
        at = [i for i, s in enumerate(new.sets) if _KIND_ORDER[s.kind] == order]
        typed = [new.sets[i] for i in at]
        was = [s for s in old.sets if _KIND_ORDER[s.kind] == order]
        carried = _carried(
            replace(new, sets=tuple(typed)), replace(old, sets=tuple(was)), fields, fields, None
        )
        sets = list(new.sets)
        for i, s in zip(at, carried.sets, strict=True):
            sets[i] = s
        new = replace(new, sets=tuple(sets))
    return new


def _exactly(new: Entry, old: Entry) -> Entry:
    """A canonical line's entry in place of ``old``: its own note and date (a line carries the date to
    the second, so a time within ``old``'s second keeps ``old``'s exact instant)."""
    at = old.at if new.at == old.at.replace(microsecond=0) else new.at
    return replace(new, at=at, id=old.id, source=old.source, starts_session=old.starts_session)


async def _edit(
    request: Request,
    ctx: Context,
    entry_id: int,
    text: str,
    *,
    confirmed: bool = False,
    exact: bool = False,
    shown: str = "",
    preview: str = "",
    toggle: str = "",
    older: bool = False,
) -> Reply:
    """Replace entry ``entry_id`` with ``text`` read as an edit. ``shown``: the fingerprint of the entry
    as the pressed card showed it (changed since: nothing is done); ``preview``: the fingerprint of the
    edited entry as a confirmed question showed it (read otherwise now, as /log's Confirm: "3x10 10kg"
    shown as work, with "3x10 102.5kg" logged since, is a warm-up: asked again, nothing stored);
    ``toggle``: "undo" for an edit's Undo button (it takes that edit off /undo's list), "redo" for the
    Undo under that one's card;
    ``older``: not the latest entry (/edit named its exercise), so the card says which one it is."""
    account = request.account
    profile = ctx.store.profile(account)
    old = _find_entry(ctx, account, entry_id)
    if old is None:
        return Reply("That entry is no longer in your log. /history shows what is there.")
    if not text.strip():
        # Asking changes nothing: the question shows the entry as it is now, and carries that.
        return _edit_ask(ctx, profile, old)
    if _gives_up(text):  # the answer to the Edit question, given up
        return Reply(EDIT_CANCELLED)
    two = _two_commands(text, "/edit", "The entry is unchanged.")  # an answer to the Edit question too
    if two is not None:
        return two
    if _changed_since(old, shown):
        if toggle:
            return Reply(
                f"Entry #{old.id} changed since this card, so nothing was changed. /undo takes back your "
                "last change; /history shows the entry as it is now."
            )
        return Reply(
            f"Entry #{old.id} changed since I asked, so nothing was changed. /history shows it as it is "
            "now; send /edit again to correct it."
        )
    lctx = _edit_context(ctx, profile, old)
    lib = ctx.library
    rest, cleared = "", frozenset[str]()
    try:
        rest, cleared = edit_clears(text)
        # Only words that take something away ("rpe none", "()"): the entry keeps the rest.
        parsed = _parse_edit(rest, old, lctx) if rest else _note_or_date("", old, lctx, lambda _: False)
    except LogParseError as exc:
        why, shown = exc, old
        try:
            parsed = (
                _note_or_date(rest, old, lctx, lambda name: _names(ctx, profile, name, old)) if rest else None
            )
        except _Unclear as unclear:
            why, shown, parsed = unclear, unclear.example, None
        if parsed is None:
            # The example is this entry's own sets, not another exercise's.
            example = canonical(
                replace(shown, exercise=display_name(lib, profile, old.exercise).lower(), note=""), profile
            )
            # (the parser's example is in the lifter's unit; `_work_changed`'s in kg)
            own = _DATE_ON.sub("", example)
            said = str(why).replace(_example(profile), own).replace(EXAMPLE, own)
            return Reply(f"{esc(said)} The entry is unchanged.")
    assert parsed is not None  # "" always reads as nothing changed but what was taken away
    typed = parsed.readings[0].exercise if isinstance(parsed, Ambiguous) else parsed.exercise
    # The entry's own exercise may be one the user removed from their list: its sets stay editable.
    known = find(lib, profile, typed) or (
        find_logged(ctx, account, profile, typed) if typed == old.exercise else None
    )
    if known is None:
        # A misspelling ("hip trust") whose closest match is the entry's own exercise is that one: it
        # changes no exercise, so no Did-you-mean is needed. Another lift's is refused as it is below.
        close = suggest(lib, profile, typed, limit=1)
        known = close[0] if close and close[0].id == old.exercise else None
    if known is None:
        return Reply(
            f"“{esc(typed[:60])}” is not an exercise I know; the entry is unchanged. See /exercises."
        )
    if not exact and known.id != old.exercise:
        # An edit corrects this entry's sets: another lift's name would move them (its load too) onto
        # that lift. (A canonical line, ``exact``, is the bot's own, made of the entry it replaces.)
        this = f"This entry is {display_name(lib, profile, old.exercise)}"
        refused = _not_this_lift(this, known.name, text.strip(), "the entry is unchanged.")
        return Reply(f"{esc(refused)}; /delete {old.id} removes this one.")
    if not exact and isinstance(parsed, Entry):
        # "bb rdl 3x10 20kg dumbbells": refused as /log refuses it, never stored as either.
        clash = _implements_clash(text, parsed, known, "/edit", "The entry is unchanged.")
        if clash is not None:
            return clash
    bare = None if exact else _bare_edit_load(rest, old, lctx, profile, parsed)
    if bare is not None:
        return bare
    # "today" with no time (the parser's now) on an entry of today's keeps its time, as its own day does
    # (a time typed reads so only if it is now to the microsecond).
    today = lctx.now.astimezone(lctx.tz).date() == old.at.astimezone(lctx.tz).date()
    stay = lctx.now if today else _UNDATED
    if isinstance(parsed, Ambiguous):
        readings, labels, question = tuple(parsed.readings), tuple(parsed.labels), parsed.question
        top = next((s for s in old.working if s.load is not None), None)
        if parsed.at_time and known.loaded and top is not None and not _says_bodyweight(text):
            # "3x10 at 7": the time with the entry's own load too (kept, as an edit giving no load keeps it).
            readings, labels, question = _timed_at_load(parsed, parsed.readings[1], top, profile, "as logged")
        buttons = [
            _button(
                label,
                f"/edit_entry {old.id}@{fingerprint(old)} "
                f"{_reading_line(r, label, known, old, stay, text, profile, cleared)}",
                single_use=True,
            )
            for r, label in zip(readings, labels, strict=True)
        ]
        return Reply(
            f"{esc(question)} The entry is unchanged until you choose.",
            buttons=(tuple(b for b in buttons if b is not None),),
        )
    history = ctx.store.entries(account, known.id)
    ramp: tuple[LoggedSet, ...] = ()
    dropped = ""
    if exact and isinstance(parsed, Entry):
        entry = _exactly(replace(parsed, exercise=known.id), old)
        entry = _as_held(entry, _held(text, typed, known, entry))  # "24kg dumbbell" in the bot's line
    else:
        trained = ctx.store.entries_trained(account, known.id)
        new, base = replace(parsed, exercise=known.id), _ramp_as_warmups(old, parsed, trained)
        entry = _corrected(new, base, stay, text, cleared)
        # The line's own lead-in sets, read as /log reads them (at the entry's time), are warm-ups it
        # types: they replace the entry's warm-ups, as "w 50x10" would, and are stored as warm-ups.
        ramped, ramp = _ramp_stored(replace(new, at=entry.at, id=old.id), trained)
        if ramp:
            entry = _corrected(replace(ramped, at=new.at, id=new.id), base, stay, text, cleared)
        if not ramp and not any(s.kind is SetKind.WARMUP for s in new.sets):
            entry, dropped = _warm_ups_over_work(entry, base)
        entry = _with_band(entry, known, history, profile)
        # "/edit 3x10 26kg dumbbell": the work it types; the entry's own warm-ups it keeps stay as done.
        typed_warmups = ramp or any(s.kind is SetKind.WARMUP for s in new.sets)
        kept = () if typed_warmups else [w for w in base.sets if w.kind is SetKind.WARMUP]
        entry = _as_held(entry, _held(text, typed, known, entry), kept)
        refusal = _sides_on_a_two_leg_bar(ctx.library, known, entry)
        if refusal is not None:
            return replace(
                refusal, text=refusal.text.replace("Nothing was logged.", "The entry is unchanged.")
            )
    if not toggle and fingerprint(entry) == fingerprint(old):
        # As stored already (the date to the second, the note included): no change, no /undo step.
        return Reply(
            f"Nothing to change: entry #{old.id} is already {_said(ctx, profile, old)}. "
            "/history shows your entries."
        )
    if preview:
        # The confirmed entry as /log would store it now: its sets judged in its session as it is now.
        reading = _ramp_stored(entry, ctx.store.entries_trained(account, known.id))[0]
        again = _reads_otherwise(profile, known, reading, preview, old)
        if again is not None:
            return again
    # The sets' loads and reps as they were (a note, an RPE or the date changed): asked about when they
    # were stored, not asked again.
    same_sets = old.exercise == entry.exercise and _load_reps(old) == _load_reps(entry)
    reason = None if confirmed or same_sets else _outlier(ctx, account, profile, known, entry, history)
    if reason is not None:
        return _confirm_outlier(profile, known, entry, reason, old)
    changes = _changes(profile)
    undone = _edit_step(changes, old, entry) if toggle == "undo" else None
    if undone is not None:
        entry = entry_from_row(changes.steps.pop(undone)["entry"])  # exactly as kept, to the microsecond
    stored = ctx.store.replace_entry(account, entry)
    if stored is None:
        return Reply("That entry is no longer in your log. /history shows what is there.")
    if toggle == "undo":
        # Taken back like /undo would: off its list, so the next /undo goes on to the change before.
        _save_changes(ctx, account, changes)
    else:
        _remember(ctx, account, "edit", old)  # also a confirmed heavy edit, or a redo
    verb = {"undo": "Undid your edit:", "redo": "Redid your edit:"}.get(toggle, "Changed")
    which = (
        f"Entry #{old.id} of {local_date(old.at, profile)}: your latest {esc(known.name)}, not your latest entry."
        if older
        else ""
    )
    if not toggle and not exact:
        # "/edit 3x10 26kg dumbbell" on a Bulgarian split squat: stored as /log stores it, said as /log
        # says it (`_one_own`).
        one_own = _one_own(text, stored, known)
        said = (which, _still_a_pair(old, stored, text), _still_held(old, stored, text), one_own, dropped)
        which = " ".join(w for w in said if w)
    return log_reply(
        ctx,
        profile,
        known,
        stored,
        history,
        verb,
        before_edit=old,
        redo=toggle == "undo",
        note=which,
        ramp=ramp,
    )


def _reading_line(
    reading: Entry,
    label: str,
    known: Known,
    old: Entry,
    stay: datetime,
    text: str,
    profile: Profile,
    cleared: frozenset[str],
) -> str:
    """The line an /edit reading's button carries: the corrected entry. A reading that says "no weight"
    (@8 read as RPE) stores no load, as /log's does: read as if "bw" were said (its canonical line then
    says "bw", so the press keeps no load either). What the line took away it says again ("w none"),
    as the press reads it as an edit of ``old`` once more."""
    bodyweight = label.endswith("(no weight)")
    corrected = _corrected(
        replace(reading, exercise=known.id), old, stay, "bw" if bodyweight else text, cleared
    )
    kinds = {s.kind.value for s in corrected.sets}
    words = [f"{k} none" for k in sorted(cleared - {EFFORT, NOTE}) if k not in kinds]
    if EFFORT in cleared and _effort_cleared(corrected.sets) == corrected.sets:
        words.append("rpe none")
    if NOTE in cleared and not corrected.note:
        words.append("()")
    # The sets of the kinds the reading gives; the press keeps the others, as this edit does. A line
    # has one RPE for all its work: efforts that differ (kept, never typed so) go unsaid, kept alike.
    given = {_KIND_ORDER[s.kind] for s in reading.sets}
    sets = tuple(s for s in corrected.sets if _KIND_ORDER[s.kind] in given) or corrected.sets
    line = canonical(_efforts_apart(replace(corrected, sets=sets)) or replace(corrected, sets=sets), profile)
    date = _DATE_ON.search(line)  # the words go before the date: after it they would join the note
    at = date.start() if date is not None else len(line)
    return " ".join([line[:at], *words]) + line[at:]


def _names(ctx: Context, profile: Profile, name: str, entry: Entry) -> bool:
    """Does ``name`` (as typed) name ``entry``'s exercise?"""
    known = find(ctx.library, profile, name)
    return known is not None and known.id == entry.exercise


def _edit_step(changes: _Changes, edited: Entry, before: Entry) -> int | None:
    """The index of the newest /edit step that made ``edited`` out of ``before`` (as shown), if kept."""
    for i in range(len(changes.steps) - 1, -1, -1):
        step = changes.steps[i]
        if step["kind"] == "edit" and step["entry"].get("id") == edited.id:
            kept = entry_from_row(step["entry"])
            return i if fingerprint(kept) == fingerprint(before) else None
    return None


def _named_exercise(text: str, ctx: Context, profile: Profile) -> Known | None:
    """The exercise an /edit line names first ("hip thrust 3x10 105kg"), or None for sets alone."""
    line = ""
    try:
        line = edit_clears(text)[0]  # "rpe none" is no RPE to read
        parsed = parse_log(line, _context(ctx, profile)) if line else None
    except LogParseError:
        # No sets ("rdl (felt heavy)", "rdl rpe none"): the exercise the line starts with, if any.
        name = leading_name(line)[0] if line else ""
        return find(ctx.library, profile, name) if name else None
    if parsed is None or isinstance(parsed, Repeat):
        return None
    typed = parsed.readings[0].exercise if isinstance(parsed, Ambiguous) else parsed.exercise
    return find(ctx.library, profile, typed)


async def edit(request: Request, ctx: Context) -> Reply:
    """``/edit`` asks for the corrected latest entry; ``/edit <sets>`` corrects it at once;
    ``/edit <exercise> <sets>`` corrects the latest entry of that exercise (never another one's)."""
    account = request.account
    two = _two_commands(request.text, "/edit", "Nothing was changed.")
    if two is not None:
        return two
    last = last_logged(ctx, account)
    if last is None and ctx.store.last_entry(account) is None:
        eg = _example(ctx.store.profile(account))
        return Reply(f"There is nothing to edit: your log is empty. Log a set first: /log {eg}")
    if last is None:
        return Reply(
            "Your log holds only imported entries, and /edit corrects what you log here; nothing was "
            "changed. /history numbers them, /delete <number> removes one."
        )
    text = request.text.strip()
    numbered = _NUMBERED.fullmatch(text) or _numbered_edit(ctx, account, last, text)
    if numbered is not None and int(numbered.group(1)) == last.id:
        return await _edit(request, ctx, last.id, numbered.group(2))  # the latest's own number: no harm
    if numbered is not None:
        return _not_the_latest(ctx, account, last, int(numbered.group(1)), numbered.group(2))
    named = _named_exercise(request.text, ctx, ctx.store.profile(account)) if request.text.strip() else None
    latest = last
    if named is not None and named.id != last.exercise:
        # That exercise's newest entry you logged here (by number, as /edit alone picks), never an import.
        own = ctx.store.entries(account, named.id)
        mine = [e for e in own if not e.source]
        if not mine:
            where = (
                "you logged here (only imported ones, which /edit does not change)" if own else "in your log"
            )
            head = f"There is no {esc(named.name)} {where} to edit; nothing was changed."
            return Reply(f"{head} {_log_instead(ctx, ctx.store.profile(account), named, request.text)}")
        last = mine[-1]
    return await _edit(request, ctx, last.id, request.text, older=last.id != latest.id)


def _log_instead(ctx: Context, profile: Profile, known: Known, text: str) -> str:
    """What to send instead of an /edit line naming a lift with no entry to edit, escaped: a /log line
    that /log takes. The line as typed when /log's parser reads it as it is and /log's own refusals
    (two implements, "each side" on a two-leg bar) pass it; else the line made of what was read, or the
    lift's example: "bb rdl 3x5 100kg dumbbells" was suggested as typed, and /log refused it."""
    typed = text.strip()
    try:
        line, cleared = edit_clears(typed)  # bounded there; "rpe none" and the like are /edit's alone
        parsed = parse_log(line, _context(ctx, profile)) if line else None
    except LogParseError:
        line, cleared, parsed = "", frozenset[str](), None
    if isinstance(parsed, Entry):
        clash = _clash_said(line, parsed, known, "/log")
        if clash is not None:
            return esc(clash)  # with the two ways /log takes it
        if _sides_on_a_two_leg_bar(ctx.library, known, parsed) is not None:
            parsed = None
    name = known.name.lower()
    if isinstance(parsed, Entry | Ambiguous) and not cleared and line == typed and len(typed) <= _SHOWN_LINE:
        suggestion = typed
    elif isinstance(parsed, Entry):
        suggestion = _DATE_ON.sub("", canonical(replace(parsed, exercise=name, note=""), profile))
    else:
        suggestion = f"{name} {example_in('3x10 80kg', _unit(profile))}" if known.loaded else f"{name} 3x10"
    return f"Log it instead: /log {esc(suggestion)}"


_SHOWN_LINE = 80  # characters of a typed line said back; a longer one is said as the bot's own line


# "/edit 1 3x10 90kg", "/edit #1 90kg": an entry's number (from /history) before the sets.
_SETS_TYPED = re.compile(r"\d\s*[x×*]\s*\d|\d,\s*\d")  # "3x10", "10,10,8"
_NUMBERED = re.compile(r"(?:#|(?=\d{1,9}\s+\d{1,2}\s*[x×*]\s*\d))(\d{1,9})\s+(.+)", re.S)


_NAME_FIRST = re.compile(r"[^\W\d_]")  # a line that starts with a word: an exercise's name
_FIRST_NUMBER = re.compile(r"(\d{1,9})\s+(.+)", re.S)


def _numbered_edit(ctx: Context, account: str, last: Entry, text: str) -> re.Match[str] | None:
    """ "/edit 3 95kg", "/edit 3 yesterday": a first word that is an entry's number (as "#3" is), when
    the rest reads as an edit and the whole line does not ("3 95kg" is no set of the latest)."""
    m = _FIRST_NUMBER.fullmatch(text)
    if m is None or _find_entry(ctx, account, int(m.group(1))) is None:
        return None
    profile = ctx.store.profile(account)
    lctx = _edit_context(ctx, profile, last)

    def reads(line: str) -> bool:
        read = _read_edit(ctx, profile, last, lctx, line)
        return read is None or isinstance(read, Entry)

    # "/edit 1 squat 3x10 80kg": an entry's number, then a name, is that entry (the whole line read as
    # an edit of the latest changed #2, the newest squat, instead).
    named = _NAME_FIRST.match(m.group(2)) is not None
    return m if reads(m.group(2)) and (named or not reads(text)) else None


def _read_edit(
    ctx: Context, profile: Profile, entry: Entry, lctx: LogContext, text: str
) -> Entry | Ambiguous | LogParseError | None:
    """``text`` as `_edit` reads it as a change of ``entry`` (``lctx``: its `_edit_context`): the sets
    typed, None when it reads with none (nothing left to read, or a load, date or note alone), else
    why it does not read (an ``_Unclear`` is asked about when pressed, as /edit asks)."""
    try:
        rest, _ = edit_clears(text)
        if not rest:
            return None
        try:
            return _parse_edit(rest, entry, lctx)
        except LogParseError as exc:
            if _note_or_date(rest, entry, lctx, lambda name: _names(ctx, profile, name, entry)) is not None:
                return None
            return exc
    except LogParseError as exc:
        return exc


def _edit_refused(ctx: Context, profile: Profile, entry: Entry, text: str) -> str | None:
    """Why ``text`` as an edit of ``entry`` would be refused (it does not read, or a load no one lifts),
    else None: as `_edit` reads it, the sets, else a load, date or note alone."""
    parsed = _read_edit(ctx, profile, entry, _edit_context(ctx, profile, entry), text)
    if parsed is None or isinstance(parsed, _Unclear):
        return None  # (an _Unclear is asked about when pressed)
    if isinstance(parsed, LogParseError):
        return str(parsed)
    # Another lift's name would move the sets onto it: refused when pressed (`_edit`), so now.
    typed = parsed.readings[0].exercise if isinstance(parsed, Ambiguous) else parsed.exercise
    known = find(ctx.library, profile, typed)
    if known is not None and known.id != entry.exercise:
        mine = display_name(ctx.library, profile, entry.exercise)
        return _not_this_lift(f"This entry is {mine}", known.name, text.strip()) + "."
    # "bb rdl 3x10 20kg dumbbells": refused when pressed, as /log refuses it, so now.
    return _clash_said(text, parsed, known, "/edit") if isinstance(parsed, Entry) and known else None


def _not_the_latest(ctx: Context, account: str, last: Entry, number: int, text: str) -> Reply:
    """/edit names no entry by number: it says how to change that one instead."""
    entry = _find_entry(ctx, account, number)
    if entry is None:
        return Reply(f"There is no entry #{number}; /history numbers your entries. Nothing was changed.")
    profile = ctx.store.profile(account)
    name = display_name(ctx.library, profile, entry.exercise).lower()
    # The example: the sets as typed, or (a load or a note alone) that entry as it is, to change.
    line = (
        (text[:80] if _NAME_FIRST.match(text) else f"{name} {text[:80]}")  # (its own name typed: once)
        if _SETS_TYPED.search(text)
        else _DATE_ON.sub("", canonical(replace(entry, exercise=name), profile))
    )
    # Logged again on its own day ("30 nov"), not today; the button makes the change typed, pressed as
    # a confirmation (it carries the entry's fingerprint: a changed entry is left alone). A change that
    # would be refused is refused now, with no button to press for it.
    refused = _edit_refused(ctx, profile, entry, text)
    if refused is not None:
        return Reply(f"{esc(refused)} Entry #{number} is unchanged.")
    day = entry.at.astimezone(user_zone(profile)).strftime("%-d %b").lower()
    change = _button(f"Change #{number}: {text[:40]}", f"/edit_entry {entry.id}@{fingerprint(entry)} {text}")
    press = "press the button" if change else "press Edit under its card"
    return Reply(
        f"/edit changes your latest entry (#{last.id}). To change #{number} of {local_date(entry.at, profile)},"
        f" {press}, or /delete {number} and log it again, like /log {esc(line)} {day}. Nothing was changed.",
        buttons=((change,),) if change else (),
    )


# "<id>[@<fingerprint>] [<text>]": the fingerprint of the entry as the card or question showed it
# (buttons made before there was one carry none).
_ENTRY_ID = re.compile(r"^#?(\d{1,9})(?:@([0-9a-f]{12}))?(?:\s+(.*))?$", re.S)


async def edit_entry(request: Request, ctx: Context) -> Reply:
    """The Edit button (``/edit_entry <id>@<fingerprint>``: ask), its answer and /edit's reading
    buttons (``/edit_entry <id>@<fingerprint> <text>``)."""
    m = _ENTRY_ID.match(request.text.strip())
    if m is None:
        return Reply("That entry is no longer in your log. /history shows what is there.")
    number, shown, text = int(m.group(1)), m.group(2) or "", m.group(3) or ""
    reply = await _edit(request, ctx, number, text, shown=shown)
    entry = _find_entry(ctx, request.account, number)
    refused = text.strip() and not reply.buttons and reply.ask is None and "entry is unchanged" in reply.text
    if refused and entry is not None and not _changed_since(entry, shown):
        # A refused answer used up its question: a fresh one for the entry as it stands.
        again = Button("Edit", f"/edit_entry {entry.id}@{fingerprint(entry)}")
        return replace(reply, buttons=((again,),))
    return reply


def _removed(entry: Entry, request: Request, ctx: Context, what: str) -> Reply:
    profile = ctx.store.profile(request.account)
    name = display_name(ctx.library, profile, entry.exercise)
    when = local_date(entry.at, profile)
    return Reply(f"Removed {what}: *{esc(name)}* {esc(describe_entry(entry))}, logged {when}.")


UNDO_KEPT = 10  # /edit and /delete steps /undo can take back, newest last
FIRST_KEPT = 50  # entries /undo put back, with the number each was first logged as


@dataclass
class _Changes:
    """What /undo takes back besides the entries logged here (kept in ``Profile.last_change``).
    ``steps``: the /edit and /delete steps, newest last, each with a "mark": the highest entry id when
    it was made (the deleted entry's included); an entry logged here with a higher number came after
    it. ``first``: an entry /undo put back (it gets the next number) → the number it was first logged
    as, so it keeps its place among the logs."""

    steps: list[dict[str, Any]] = field(default_factory=list)
    first: dict[int, int] = field(default_factory=dict)
    # The entries /undo removed, newest last (``UNDO_KEPT``), each as it was with the number it was
    # first logged as: each one's "Put it back" button restores it (a /undo sent by mistake, say after
    # a /log that was refused, or two).
    removed: list[dict[str, Any]] = field(default_factory=list)

    def key(self, entry: Entry) -> int:
        """Where ``entry``'s logging stands among the steps' marks."""
        return self.first.get(entry.id, entry.id)


def _latest_id(ctx: Context, account: str) -> int:
    latest = ctx.store.last_entry(account)
    return latest.id if latest else 0


def _changes(profile: Profile) -> _Changes:
    try:
        raw = json.loads(profile.last_change) if profile.last_change else []
        # A bare list is the steps as kept before; its "undone" marks mean nothing now.
        steps, first = (raw, {}) if isinstance(raw, list) else (raw["steps"], raw["first"])
        removed = [] if isinstance(raw, list) else raw.get("removed", [])
        removed = [removed] if isinstance(removed, dict) else removed
        steps = [c for c in steps if c["kind"] in ("edit", "delete")]
        if all(isinstance(c["mark"], int) and isinstance(c["entry"], dict) for c in steps):
            kept = [r for r in removed if isinstance(r, dict) and isinstance(r.get("entry"), dict)]
            return _Changes(steps, {int(k): int(v) for k, v in first.items()}, kept)
    except (ValueError, KeyError, TypeError, AttributeError):
        pass  # a damaged note of them: as if there were none
    return _Changes()


def _save_changes(ctx: Context, account: str, changes: _Changes) -> None:
    profile = ctx.store.profile(account)
    steps, first = changes.steps[-UNDO_KEPT:], dict(sorted(changes.first.items())[-FIRST_KEPT:])
    state: dict[str, Any] = {"steps": steps, "first": first}
    if changes.removed:
        state["removed"] = changes.removed[-UNDO_KEPT:]
    kept = json.dumps(state) if steps or first or changes.removed else ""
    if profile.last_change != kept:
        ctx.store.save_profile(replace(profile, last_change=kept))


def _remember(ctx: Context, account: str, kind: str, before: Entry) -> None:
    """Keep a step /undo can take back: ``kind`` "edit" or "delete", ``before`` the entry as it was."""
    changes = _changes(ctx.store.profile(account))
    mark = max(_latest_id(ctx, account), before.id)
    changes.steps.append(
        {"kind": kind, "mark": mark, "entry": entry_to_row(before), "first": changes.key(before)}
    )
    _save_changes(ctx, account, changes)


def remember_edit(ctx: Context, account: str, before: Entry) -> None:
    """An entry changed outside /edit (an /import putting a file's sets in its place): /undo takes it
    back as it takes back an /edit, to ``before``."""
    _remember(ctx, account, "edit", before)


def _newest_logged(ctx: Context, account: str, changes: _Changes) -> Entry | None:
    """The entry logged here last (by the number it was first logged as); imports are not undone."""
    last = ctx.store.last_entry(account)
    if last is None or (not changes.first and not last.source):
        return last
    best: Entry | None = None
    for e in reversed(ctx.store.entries(account)):
        if e.source:
            continue
        if best is None or changes.key(e) > changes.key(best):
            best = e
        if e.id not in changes.first:
            break  # logged under its own number: every entry below it came before it
    return best


def _said(ctx: Context, profile: Profile, entry: Entry, *, timed: bool = False) -> str:
    """An entry in a sentence: name, sets, note (an edit of the note alone shows), the day logged
    (``timed``: and the time, when that is what changed)."""
    name = display_name(ctx.library, profile, entry.exercise)
    note = f" ({esc(entry.note)})" if entry.note else ""
    when = local_date(entry.at, profile)
    if timed:
        when += f", {entry.at.astimezone(user_zone(profile)):%H:%M}"
    return f"*{esc(name)}* {esc(describe_entry(entry))}{note}, logged {esc(when)}"


async def undo(request: Request, ctx: Context) -> Reply:
    """/undo takes back your last change, newest first, one per /undo: an entry logged here, an /edit
    or a /delete (an Undo button's change included), as far back as they go. Imports are not undone.
    Steps that can no longer apply (their entry removed, or brought back by a re-import) are dropped
    on the way, said, and the next change is taken back in the same /undo."""
    account = request.account
    profile = ctx.store.profile(account)
    changes = _changes(profile)
    skipped: list[tuple[int, str]] = []  # (entry number, "") or (0, why a deletion stays)
    reply: Reply | None = None
    while reply is None:
        newest = _newest_logged(ctx, account, changes)
        step = changes.steps[-1] if changes.steps else None
        if newest is not None and (step is None or changes.key(newest) > step["mark"]):
            removed = ctx.store.remove_entry(account, newest.id) or newest
            changes.removed.append({"entry": entry_to_row(removed), "first": changes.key(removed)})
            changes.first.pop(newest.id, None)
            reply = _removed(removed, request, ctx, "your latest entry")
            # A day, not a confirm's minutes: it only ever restores what the user had.
            put_back = Button(
                "Put it back", f"/undo_putback {removed.id} {fingerprint(removed)}", single_use=True
            )
            reply = replace(reply, buttons=((put_back,),))
        elif step is None:
            if skipped:
                reply = Reply("Nothing further to undo.")
            elif ctx.store.last_entry(account) is None:
                reply = Reply("There is nothing to undo: your log is empty.")
            else:
                reply = Reply(
                    "There is nothing to undo: /undo takes back what you log, edit and delete here, not "
                    "an import. /delete <number> removes an imported entry (/history shows the numbers)."
                )
        else:
            changes.steps.pop()
            reply = _undo_step(ctx, account, profile, changes, step, skipped)
    _save_changes(ctx, account, changes)
    if skipped:
        reply = replace(reply, text=f"{_skipped_text(skipped)} {reply.text}")
    return reply


def _undo_step(
    ctx: Context,
    account: str,
    profile: Profile,
    changes: _Changes,
    step: dict[str, Any],
    skipped: list[tuple[int, str]],
) -> Reply | None:
    """Take back one /edit or /delete step; None (and why, in ``skipped``) when it no longer applies."""
    before = entry_from_row(step["entry"])
    if step["kind"] == "edit":
        edited = _find_entry(ctx, account, before.id)
        if ctx.store.replace_entry(account, before) is None:
            skipped.append((before.id, ""))
            return None
        # An edit of the time alone is seen undone only with the time said.
        timed = edited is not None and edited.at != before.at
        return Reply(
            f"Undid your edit: entry #{before.id} is back to {_said(ctx, profile, before, timed=timed)}."
        )
    # An import already restored it (the same file again, or our own /export of it, whose rows are
    # keyed by the entry's time, exercise and sets): putting it back again would double it.
    source = before.source or coach_key(before.at, before.exercise, before.sets)
    back = next((e for e in ctx.store.entries(account) if e.source == source), None)
    if back is not None:
        skipped.append((0, f"{_said(ctx, profile, before)}, is already back in your log as entry #{back.id}"))
        return None
    back = ctx.store.add_entry(account, replace(before, id=0))
    # It keeps its place among the logs; earlier steps about that entry now mean its new number.
    changes.first.pop(before.id, None)
    changes.first[back.id] = int(step.get("first", before.id))
    for c in changes.steps:
        if c["entry"].get("id") == before.id:
            c["entry"] = {**c["entry"], "id": back.id}
    return Reply(f"Put back {_said(ctx, profile, before)}, as entry #{back.id}.")


async def undo_putback(request: Request, ctx: Context) -> Reply:
    """The "Put it back" button under /undo's "Removed your latest entry" (hidden: typed, it does
    nothing): the entry comes back as it was, under a new number, in its place among the logs."""
    account = request.account
    changes = _changes(ctx.store.profile(account))
    number, shown = int(request.args["entry"]), str(request.args.get("shown", ""))
    found = [
        (i, entry_from_row(r["entry"]))
        for i, r in enumerate(changes.removed)
        if r["entry"].get("id") == number
    ]
    if not found or _changed_since(found[-1][1], shown):
        return Reply(
            "This entry is no longer one /undo removed, so nothing was put back. /history shows your log."
        )
    i, entry = found[-1]
    kept = changes.removed.pop(i)
    profile = ctx.store.profile(account)
    day = local_date(entry.at, profile)
    same = next(
        (
            e
            for e in ctx.store.entries_since(account, entry.at - timedelta(days=1))
            if e.exercise == entry.exercise and e.sets == entry.sets and local_date(e.at, profile) == day
        ),
        None,
    )
    if same is not None:  # logged again by hand meanwhile: a second copy would double it
        _save_changes(ctx, account, changes)
        return Reply(
            f"{_said(ctx, profile, entry)} is in your log again as entry #{same.id}, so nothing was put back."
        )
    back = ctx.store.add_entry(account, replace(entry, id=0))
    changes.first[back.id] = int(kept.get("first", entry.id))
    _save_changes(ctx, account, changes)
    return Reply(f"Put back {_said(ctx, profile, entry)}, as entry #{back.id}.")


def _skipped_text(skipped: list[tuple[int, str]]) -> str:
    """What /undo dropped on its way: edits of entries gone, deletions a re-import already restored."""
    gone = [number for number, _ in skipped if number]
    said = [
        f"Skipped {count(gone.count(n), 'edit', 'edits')} of entry #{n}, which is no longer in your log."
        for n in dict.fromkeys(gone)
    ]
    return " ".join([*said, *(f"{why}, so nothing was put back." for number, why in skipped if not number)])


def _changed_since(entry: Entry, shown: str) -> bool:
    """A button that showed an entry (``shown``: its `fingerprint`; "" on buttons made before there
    was one) finds it changed since."""
    return bool(shown) and fingerprint(entry) != shown


async def undo_entry(request: Request, ctx: Context) -> Reply:
    """The "Undo" button under a /log reply: takes back that entry as the reply showed it, whatever was
    logged since (an entry changed since is left alone)."""
    account = request.account
    number = int(request.args["entry"])
    entry = _find_entry(ctx, account, number)
    if entry is None:
        return _gone_or_back(ctx, account, number)
    if _changed_since(entry, str(request.args.get("shown", ""))):
        profile = ctx.store.profile(account)
        name = display_name(ctx.library, profile, entry.exercise)
        return Reply(
            f"Entry #{entry.id} changed since this card (it is now *{esc(name)}* {esc(describe_entry(entry))}), "
            f"so nothing was removed. /delete {entry.id} removes it as it is now."
        )
    removed = ctx.store.remove_entry(account, entry.id)
    if removed is None:
        return Reply("That entry is already gone from your log. /history shows what is there.")
    return _removed(removed, request, ctx, "the entry")


def _gone_or_back(ctx: Context, account: str, number: int) -> Reply:
    """An Undo button's entry ``number`` is not in the log: gone, or put back by /undo as a new number."""
    changes = _changes(ctx.store.profile(account))
    back = [new for new, first in changes.first.items() if first == number and _find_entry(ctx, account, new)]
    if not back:
        return Reply("That entry is already gone from your log. /history shows what is there.")
    return Reply(
        f"Entry #{number} changed since this card: it was removed and put back as #{back[-1]}, so nothing "
        f"was removed. /delete {back[-1]} removes it."
    )


async def delete(request: Request, ctx: Context) -> Reply:
    """``/delete <number>``: the entry numbered so in /history, removed when its Confirm is pressed,
    asked the way /deleteme asks (the buttons' commands do nothing typed by hand)."""
    raw = request.text.strip().lstrip("#")
    # ASCII digits only, as /log reads them: "١" (Arabic-Indic one) is no entry number.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9):
        return Reply("Give the entry's number as /history shows it, for example /delete 12.")
    account = request.account
    entry = _find_entry(ctx, account, int(raw))
    if entry is None:
        return Reply(f"There is no entry #{int(raw)} in your log. /history shows the numbers.")
    profile = ctx.store.profile(account)
    name = display_name(ctx.library, profile, entry.exercise)
    when = local_date(entry.at, profile)
    # One pair, consumed together by the first press, and short-lived: an old question answered
    # days later removes nothing unexpected.
    confirm = Button(
        "Yes, remove it",
        f"/delete_confirm {entry.id} {fingerprint(entry)}",  # removes the entry only as shown here
        style="danger",
        single_use=True,
        ttl_seconds=CONFIRM_SECONDS,
    )
    cancel = Button("No, keep it", f"/delete_cancel {entry.id}", single_use=True, ttl_seconds=CONFIRM_SECONDS)
    return Reply(
        f"Remove entry #{entry.id}: *{esc(name)}* {esc(describe_entry(entry))}, logged {when}? "
        f"Nothing is removed until you confirm. (The buttons work for {CONFIRM_SECONDS // 60} minutes.)",
        buttons=((confirm, cancel),),
    )


async def delete_confirm(request: Request, ctx: Context) -> Reply:
    """The "Yes, remove it" button under /delete (hidden: typed, it does nothing): removes the entry
    the question showed, nothing when it changed since."""
    number = int(request.args["entry"])
    shown = _find_entry(ctx, request.account, number)
    if shown is not None and _changed_since(shown, str(request.args.get("shown", ""))):
        return Reply(
            f"Entry #{number} changed since I asked, so nothing was removed. "
            f"Send /delete {number} again to see it as it is now."
        )
    entry = ctx.store.remove_entry(request.account, number)
    if entry is None:
        return Reply("That entry is already gone from your log. /history shows what is there.")
    _remember(ctx, request.account, "delete", entry)
    reply = _removed(entry, request, ctx, "the entry")
    return replace(reply, text=f"{reply.text} /undo puts it back.")


async def delete_cancel(request: Request, ctx: Context) -> Reply:
    """The "No, keep it" button under /delete."""
    return Reply(f"Nothing was removed: entry #{int(request.args['entry'])} stays in your log.")


# --------------------------------------------------------------------------- history, progress, export


# A page below 1 ("-1", "page -2") is one out of range, clamped to the first as 99999 is to the last.
_PAGE = re.compile(r"(?:^|\s)(?:page|p)\s*(-?\d{1,6})\s*$", re.I)
_TRAILING_PAGE = re.compile(r"^(.*\S)\s+(-?\d+)$")  # the page: its first 6 characters (clamped anyway)
_BARE_PAGE = re.compile(r"-?\d+", re.ASCII)


def _exercise_and_page(request: Request) -> tuple[str, int]:
    """(the exercise typed, the page asked for: below 1 as typed, so the reply can say where pages start)."""
    text = request.text.strip()
    if _BARE_PAGE.fullmatch(text):
        return "", int(text[:6])  # "/history 2", as its footer's "Page 1 of 2" invites
    m = _PAGE.search(text)
    if m is None:
        return text, 1
    return text[: m.start()].strip(), int(m.group(1))


def _history_lines(lib: Library, profile: Profile) -> Callable[[Entry], str]:
    """An entry's /history line. For one /history only: each lift's name and each list of sets is said
    once (paging reads every line of the log; 10,000 entries are a few lifts at a few schemes, and
    `describe_entry` reads nothing but the sets)."""
    names: dict[str, str] = {}
    said: dict[tuple[LoggedSet, ...], str] = {}

    def line(e: Entry) -> str:
        name = names.get(e.exercise)
        if name is None:
            name = names[e.exercise] = esc(display_name(lib, profile, e.exercise))
        words = said.get(e.sets)
        if words is None:
            words = said[e.sets] = esc(describe_entry(e))
        return f"#{e.id} {name}: {words}" + (f" ({esc(e.note)})" if e.note else "")

    return line


def _history_pages(
    newest_first: list[tuple[int, tuple[Entry, ...]]], render: Callable[[Entry], str], profile: Profile
) -> list[list[str]]:
    """The /history pages: up to `HISTORY_SESSIONS` session blocks and `HISTORY_CHARS` of entry lines
    each. A session too long for one page is split into parts, the latest part first like the rest."""
    blocks: list[tuple[str, list[str]]] = []
    for number, entries in newest_first:
        head = f"*{local_date(entries[0].at, profile)}* · session {number}"
        # Cut from the newest end, so the first page is full and the oldest part holds what is left.
        latest_first: list[list[str]] = [[]]
        size = 0
        for line in reversed([render(e) for e in entries]):
            if latest_first[-1] and size + len(line) + 1 > HISTORY_CHARS:
                latest_first.append([])
                size = 0
            latest_first[-1].append(line)
            size += len(line) + 1
        n = len(latest_first)
        for k, part in zip(range(n, 0, -1), latest_first, strict=True):
            blocks.append((head + (f", part {k} of {n}" if n > 1 else ""), part[::-1]))
    pages: list[list[str]] = [[]]
    size = 0
    for head, lines in blocks:
        chars = sum(len(line) + 1 for line in lines)
        if pages[-1] and (len(pages[-1]) >= HISTORY_SESSIONS or size + chars > HISTORY_CHARS):
            pages.append([])
            size = 0
        pages[-1].append("\n".join([head, *lines]))
        size += chars
    return pages


async def history(request: Request, ctx: Context) -> Reply:
    """Sessions, newest first, a page of `HISTORY_SESSIONS` at a time with Prev / Next buttons; each
    entry with the number /delete takes."""
    lib = ctx.library
    profile = ctx.store.profile(request.account)
    wanted, page = _exercise_and_page(request)
    exercise_id = None
    if wanted:
        known = find_logged(ctx, request.account, profile, wanted)
        trailing = _TRAILING_PAGE.match(wanted)
        if known is None and trailing:  # "/history hip thrust 2": that exercise's page 2
            known = find_logged(ctx, request.account, profile, trailing.group(1))
            page = int(trailing.group(2)[:6]) if known is not None else page
        if known is None:
            close = suggest(lib, profile, wanted)
            buttons = tuple(Button(k.name, f"/history {k.id}") for k in close)
            return Reply(
                f"“{esc(wanted[:60])}” is not an exercise I know. Example: /history hip thrust",
                buttons=(buttons,) if buttons else (),
            )
        exercise_id = known.id
    sessions = group_sessions(ctx.store.entries(request.account))
    # The sets the /log card counted as warm-ups are said as warm-ups ("(+ 3 warm-up sets)"), as if typed
    # with their "w": the card, the week's count and the history read a ramp one way.
    numbered: list[tuple[int, tuple[Entry, ...]]] = [
        (n, tuple(e for e in warmups_read(s.entries) if exercise_id is None or e.exercise == exercise_id))
        for n, s in enumerate(sessions, start=1)
    ]
    numbered = [(n, entries) for n, entries in numbered if entries]
    if not numbered:
        return Reply(
            "Nothing logged yet"
            + (" for that exercise" if wanted else "")
            + f". Try /log {_example(profile)}."
        )
    pages = _history_pages(numbered[::-1], _history_lines(lib, profile), profile)
    past_the_end, before_the_first = page > len(pages), page < 1
    page = max(1, min(page, len(pages)))
    footer = f"Page {page} of {len(pages)}. /delete <number> removes an entry; /export gives everything."
    if past_the_end:  # "/history 5" with two pages: say so rather than show page 2 as if it were 5
        footer = (
            f"There {'is' if len(pages) == 1 else 'are'} only {count(len(pages), 'page', 'pages')}. {footer}"
        )
    elif before_the_first:  # "/history 0": page 1, not as if it were what was asked for
        footer = f"Pages start at 1. {footer}"
    which = f"{exercise_id} " if exercise_id else ""
    buttons: list[Button] = []
    if page > 1:
        buttons.append(Button("Prev", f"/history {which}page {page - 1}"))
    if page < len(pages):
        buttons.append(Button("Next", f"/history {which}page {page + 1}"))
    title = "Your history" + (f": {esc(display_name(lib, profile, exercise_id))}" if exercise_id else "")
    return Reply(
        "\n\n".join([*pages[page - 1], footer]), title=title, buttons=(tuple(buttons),) if buttons else ()
    )


async def progress(request: Request, ctx: Context) -> Reply:
    lib = ctx.library
    profile = ctx.store.profile(request.account)
    wanted = str(request.args.get("exercise", request.text)).strip()
    # "kb deadlift" is the deadlift, as /log reads it (`lift_named`).
    known = find_logged(ctx, request.account, profile, wanted) or lift_named(lib, profile, wanted)
    if known is None:
        close = suggest(lib, profile, wanted)
        hint = f" Did you mean: {', '.join(esc(e.name) for e in close)}?" if close else ""
        buttons = tuple(Button(k.name, f"/progress {k.id}") for k in close)
        return Reply(
            f"“{esc(wanted[:60])}” is not an exercise I know.{hint} Example: /progress hip thrust",
            buttons=(buttons,) if buttons else (),
        )
    entries = chronological(ctx.store.entries(request.account, known.id))
    if not entries:
        loaded = example_in("3x10 60kg", _unit(profile))
        sets = loaded if known.loaded else "2x10" if known.category == "activation" else "3x12"
        return Reply(
            f"No {esc(known.name)} logged yet. Log one first, e.g. /log {esc(known.name.lower())} {sets}"
        )
    unit = profile.units
    rules = ExerciseRules.from_library(known, level=profile.level)
    # A confirmed typo (100, 600, 100 kg) is no best: the target reads past it, and so do these lines.
    typos = typo_entries(rules, entries, unit)
    counted = [e for e in entries if e.id not in typos]
    rec = records(counted, rules)
    # Sessions, not entries: three entries of one workout are one session; the chart draws the same
    # sessions, each where it started on the user's clock.
    mine = {e.id for e in entries}
    zone = user_zone(profile)
    starts = {
        e.id: s.start.astimezone(zone).replace(tzinfo=None)
        for s in group_sessions(ctx.store.entries(request.account))
        for e in s.entries
        if e.id in mine
    }
    # A day of warm-ups only is no session of the exercise (the chart draws none for it either).
    sessions = len({starts[e.id] for e in entries if any(s.kind is not SetKind.WARMUP for s in e.sets)})
    lines = [
        f"{count(sessions, 'session', 'sessions')} of {esc(known.name)} since {local_date(entries[0].at, profile)}."
    ]
    # Said as /log's card said it, in the unit the sets were lifted in ("110 kg", "2 × 12 kg"), with
    # about that much in the user's unit beside it, to one decimal as every converted figure
    # ("about 242.5 lb"): never said as if lifted in it ("242.5 lb" after /units lb).
    work = [s for e in counted for s in e.working]
    # Each figure is for one way of doing the lift (`LoggedSet.way`: the lift's own single load, a pair
    # of dumbbells, or one dumbbell or kettlebell held): a 24 kg dumbbell day is no 24 kg bar, and a pair
    # of 20s is no line with the bar's loads. With days done more than one way, each way's figure is said
    # with its implement ("100 kg (barbell); 2 × 20 kg (a pair)"); the lift's usual way by its own
    # implement (a Bulgarian split squat's single load is a dumbbell).
    ways = sorted({s.way for s in work if s.load_kg}, key=lambda w: (isinstance(w, Held), str(w)))
    named = len(ways) > 1 or any(isinstance(w, Held) for w in ways)
    by_way = {w: [s for s in work if s.way == w] for w in ways}
    if rec.best_e1rm_kg is not None:
        said_ways = [
            said for w in ways if (said := _best_said(by_way[w], known.id, rules, unit, named)) is not None
        ]
        lines.append(f"Best estimated 1RM: {'; '.join(said_ways) or _kg_said(rec.best_e1rm_kg, unit, unit)}")
    if rec.heaviest_kg is not None:
        heaviest = [_heaviest_said(by_way[w], rules, unit, named) for w in ways]
        lines.append(f"Heaviest load: {'; '.join(x for x in heaviest if x)}")
    if typos:
        typo = max((e for e in entries if e.id in typos), key=lambda e: e.at)
        lines.append(
            f"Not counted: {esc(describe_entry(typo))} on {local_date(typo.at, profile)} looks like a typo"
            " (to fix it: /history, then /delete its number)"
        )
    # The last work done: a warm-up-only entry since is no "last" at its load (said as warm-up if alone).
    last = last_to_repeat(entries)
    lines.append(f"Last: {esc(describe_entry(last or entries[-1]))}")
    # Drawn in a worker, off the event loop: 0.25-1.4 s at thousands of sessions (see core.jobs).
    # The chart leaves out a confirmed typo too (its line above says so): no 800 kg PR star on it.
    png = await ctx.jobs.run(
        request.account, "chart", progress_chart, counted, known.name, unit, rules, starts
    )
    caption = f"{esc(known.name)}: progress"
    return Reply("\n".join(lines), image=Image(png, chart_file_name(known.name), caption))


def _kg_said(kg: float, lifted: Unit, unit: Unit) -> str:
    """``kg`` in the unit it was lifted in, to one decimal, with about that much in the user's ``unit``
    beside it when they differ ("110 kg (about 242.5 lb)"): never said as if lifted in the user's."""
    said = f"{round(from_kg(kg, lifted), 1):g} {lifted}"
    if lifted != unit:
        said += f" ({about(from_kg(kg, unit))} {unit})"
    return said


def _way_named(s: LoggedSet, rules: ExerciseRules) -> str:
    """How /progress names the way ``s`` was done beside a figure: one held ("one kettlebell"), a pair,
    else the lift's own implement ("barbell" for a hip thrust, "dumbbell" for a Bulgarian split squat;
    "added load" on a bodyweight lift)."""
    if s.held:
        return f"one {s.held.value}"
    if s.implements == 2:
        return "a pair"
    return rules.implement if rules.loadable else "added load"


def _best_said(
    sets: list[LoggedSet], exercise: str, rules: ExerciseRules, unit: Unit, named: bool
) -> str | None:
    """/progress's best estimated 1RM of ``sets`` (working sets done one way), as lifted; ``named``:
    with the way it was done ("133.3 kg (barbell)"). None when no set gives one."""
    best = max(
        ((x, s) for s in sets if (x := set_e1rm(s, exercise, rules))),
        key=lambda xs: xs[0],
        default=None,
    )
    if best is None:
        return None
    x, top = best
    said = _kg_said(x, top.unit or unit, unit)
    return f"{said} ({_way_named(top, rules)})" if named else said


def _heaviest_said(sets: list[LoggedSet], rules: ExerciseRules, unit: Unit, named: bool) -> str:
    """/progress's heaviest load of ``sets`` (working sets done one way): in all (a pair of 12s is
    24 kg), said as logged ("2 × 12 kg" is not a 12 kg bar), with about that much in the user's unit;
    ``named``: with the way it was done ("24 kg (one dumbbell)"). "" with no loaded set."""
    loaded = [s for s in sets if s.reps > 0 and s.load_kg]
    if not loaded:
        return ""
    top = max(loaded, key=lambda s: s.load_in_all_kg or 0.0)
    two = "2 × " if top.implements == 2 else ""
    # As logged ("80 kg"), not a conversion no one loaded ("176.37 lb" after /units lb); about that
    # much in the user's unit beside it (the chart names its last load the same way).
    said = f"{two}{top.load:g} {top.unit or unit}"
    if (top.unit or unit) != unit:
        said += f" ({about(from_kg(top.load_kg or 0.0, unit), two)} {unit})"
    return f"{said} ({_way_named(top, rules)})" if named else said


async def export(request: Request, ctx: Context) -> Reply:
    entries = ctx.store.entries(request.account)
    profile = ctx.store.profile(request.account)
    if not entries:
        return Reply(f"Nothing to export yet. Log a set first, e.g. /log {_example(profile)}")
    ids = {x.exercise for x in entries}
    names = {e: display_name(ctx.library, profile, e) for e in ids}
    kinds = {e: category_of(ctx.library, profile, e) for e in ids}
    zone = user_zone(profile)
    data = await ctx.jobs.run(request.account, "export", entries_csv, entries, names, zone, kinds)
    sets = sum(len(e.sets) for e in entries)
    day = ctx.clock().astimezone(zone).date().isoformat()
    return Reply(
        f"Your log: {count(len(entries), 'entry', 'entries')}, {count(sets, 'set', 'sets')}, one row per set.",
        file=Attachment(f"coach-log-{day}.csv", data, "text/csv"),
    )

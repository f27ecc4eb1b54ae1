"""Read what lifters type after ``/log`` into the training model (:mod:`domain.training`).

Pure: no storage, platform or library. The caller passes a :class:`LogContext` (``now``, the user's
timezone and default unit, and what it knows about exercises) and gets one of

- an :class:`~domain.training.Entry` (``exercise`` is the name as typed; the caller swaps in the id),
- :class:`Ambiguous`: a lone ``AxB`` that could be sets × reps or load × reps; ask with two buttons,
- :class:`Repeat`: ``same`` / ``+2.5kg`` / ``+1 rep``; :func:`apply_repeat` turns it into an entry,

or :class:`LogParseError`, whose text is a short sentence with an example, fit to show as is.

The line is split once into tokens (:func:`_lex`); a small reader turns tokens into items (sets, loads,
markers); items are grouped ("3x10 80kg, 2x8 90kg" is two groups) and each group becomes sets. How to
read ``AxB`` is the rule of issue 10: load × reps when A carries a unit (``60kgx10``), follows
``w``/``warmup``, or sits in a list of several ``AxB`` with no separate load; otherwise sets × reps.

Finer points, each as a lifter reads it:

- A kind word (``w``/``warmup``/``warm up``, ``backoff``/``back off``, ``drop``/``drop set``) in front
  of sets names them and what follows ("w 60x8, 80x5 / 100x10"); typed right after sets, before a
  "," or "/" or the end ("2x10 40kg warmup, 3x10 85kg"), it names the sets before it (after a list
  of load × reps, the last item only: "100x5, 60x10 back off"; after sets closed by their load, the
  sets at that load only: "100x5, 3x10 70kg back off" keeps the 100x5 as work). Between two
  groups with nothing between ("1x10 40kg warmup 3x10 80kg") it names the group before, unless that
  is no workout (see `_names_group_before`): "3x10 80kg w 1x10 40kg" is a warm-up after the work.
- A kind word with a colon is a label ("warm up: 135x5, 185x3 working: 205x8,8,8"; also "w:", "sets:",
  "working sets:"): every set after it is of its kind up to the next label, "/" or kind word, wherever
  it stands, and no ramp after "w:" is read as reaching the work when a label follows; a warm-up
  label with none after it reads as its word alone ("w:" as "w").
- "bar x10" ("bar x 10", "barx10") is the empty bar, 10 reps: its load is the lifter's bar
  (``LogContext.bar``, their kit's; 20 kg / 45 lb by default), refused for a lift or kit with none. At
  the start of the sets with more after it, it is a ramp's first warm-up: the line reads as after "w"
  ("bar x10, 135x5, 225x8x3": the 225x8x3 is the work), or, where that finds no work, the bar alone is
  the warm-up (see `_bar_warms_up`). The bar with no other sets ("bar x10") is a warm-up as well.
- "12kg each hand" / "per hand" / "in each hand" / "each arm" is a pair of 12 kg dumbbells (as
  "2x12kg"); with no load on the line, "3x10 each arm" is reps per side, as "each side" / "per leg".
  Said again for each group is fine ("1x10 each side 6kg warmup, 3x8 each side 12kg"), and "3x8 each
  side 12kg each hand" is a pair on each side; only the same words twice for the same sets are refused.
  Right after a load, "dumbbells" / "dumbells" / "dbs" (or "kettlebells", "kbs") say the same pair
  ("50lbs dumbbells" is "2x50lb"); a singular ("dumbbell", "db", "kettlebell", "kb") is one, as typed,
  but a dumbbell on a lift done with a barbell or a pair of dumbbells (``LogContext.pairs``, the RDL) is
  a pair there too ("rdl 3x10 20kg db"); "barbell" / "bb" is the bar, refused after a pair ("2x20kg").
- After ``w``, load × reps sets are warm-ups until a sets × reps with its own load ("w 60x8 3x10 80kg")
  or several reps at one load ("w 60x8, 80x5 100x10,10,9"): those are the work, as after ``/``. With
  no "/", the work starts at the sets × reps with the line's heaviest load, heavier than every warm-up
  ("w 2x10 40kg, 1x8 60kg, 3x10 85kg", back-offs after it too); warm-ups only stay so ("warmup 2x10 40kg").
  A load × reps list ends in the work when its heaviest, last step keeps or turns the reps back up or
  is done twice ("w 135x5, 225x5", "w 40x10 60x5 100x8", "w 40x10, 60x5, 100x5, 100x5"): warm-up reps
  fall as the load climbs, so "w 60x8, 80x5" stays warm-ups (see `_ramp_tops_out`).
- "@N" is the load ("3x10@80"), or the RPE once the sets have their load ("3x10 80kg @8", "60x10 @8").
  A small N (up to 10) before any load ("3x10 @8") is asked about (N kg or RPE N) on a loaded exercise
  and is the RPE on a bodyweight one. One RPE (or RIR) at the end is the line's, for all its work
  ("60x10, 80x8 rpe 8"); with more sets after it, or several, each is the sets it follows ("60x10 @7,
  80x8 @8", "1x3 150kg @9, 3x8 120kg"): see `_settle_efforts`. RPE is 1 to 10 in half steps.
- "at N" (a whole N, no unit) is the time N:00 once the sets have their load ("3x10 80kg at 7"); there
  an N past 23 is refused as no time. Before the load it is the load ("3x10 at 80"), but a plausible
  hour (up to 23) is asked about as "@8" is (N kg, or at N:00 with no weight) on a loaded exercise and
  is the time on a bodyweight one (asked on either when another group has a load: "2x10 40kg warmup,
  3x10 at 7"; two such "at N" are refused). Before the sets it reads the same: the time when the sets
  it would load have their own ("at 7 3x10 80kg", "3x10 at 7 80kg"), else asked. Before N:00 today the time
  asked about is yesterday's N:00, named with its date (no button stores a time still to come). After
  "same" or a change ("same at 7", "+2.5kg at 7") it is the time: there is no load to read.
- A date and time may also come before the exercise ("yesterday at 7 hip thrust 3x10 80kg", "7am hip
  thrust ..."); there "at 7" is the time, as no one gives the load before the lift.
- One load after several groups with none ("3x10, 2x8 90kg") is the load of each of them, as the card
  shows, when they are plainly sets on a loaded lift (not "12x12, 3x12 100kg": 12 kg × 12?); a group
  after a loaded one with no load of its own ("3x10 80kg 2x8") is refused.
- After a plain "3x10", "12kg x2" is a pair of 12 kg dumbbells (as "2x12kg"); "12x2" and "2x12" with no
  unit are asked about. A small unit-less "3x10" beside loads with a unit is sets, never 3 kg.
- Dates are the user's local dates. A weekday is the most recent one, today included: "mon" on a Monday
  is today (like "today"), "last mon" a week ago; "last fri" on a Monday is three days ago. A date or
  time still to come is refused ("mon at 9pm" at 8pm on a Monday says to write "last mon at 21:00").
  A past date with no time joins that day's session: a minute after the latest entry already logged on
  it (``LogContext.latest_on``), local noon when it has none; today with no time is now.
  A time with no date is today's, or in an /edit the edited entry's day (``LogContext.time_on``).
- "28/11" alone is a date with no year, refused with how to write it, when it is a date either way
  round and as reps its two sets would be far apart; "10/9" is two sets' reps.
- Notes are "(felt easy)" or "-- text" (and emoji at the end); a bracket is the note verbatim, "--"
  inside it too. An RPE ending a "--" note is the line's, as typed before it ("-- knee hurts rpe 9" is
  "rpe 9 -- knee hurts"); one inside the note is its text (`_note_effort`), and so is one the line
  cannot take ("same -- rpe 9", an RPE given before the note too: `parse_log`). Brackets inside a word ("alert(1)x") are part of the word, so what the card shows is
  what was typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from itertools import groupby

from coaching.imports import APP_EQUIPMENT
from domain.equipment import BAND_RESISTANCES
from domain.text import visible_text
from domain.training import SESSION_GAP, Entry, LoggedSet, SetKind, Side
from domain.units import Unit, from_kg, to_kg

__all__ = [
    "Ambiguous",
    "LogContext",
    "LogParseError",
    "NotABarLoad",
    "Repeat",
    "TooBigChange",
    "apply_repeat",
    "confirmation_card",
    "edit_clears",
    "example",
    "example_in",
    "implements_said",
    "leading_name",
    "load_marked",
    "log_forms",
    "outlier",
    "parse_log",
    "render_entry",
    "IMPLEMENT_WORDS",
    "LOG_FORMS",
    "STANDARD_BAR",
    "MAX_TEXT",
]

MAX_TEXT = 500  # characters; longer input is refused before any scanning
# Looks at the tokens per token of a line (`_Reader.peek`): lines read in under 10 a token (21,000 tried); a
# rule that stopped moving along it would loop forever on the event loop, so past this it is refused.
LOOKS_PER_TOKEN = 100
MAX_SETS = 20  # per "AxB" or reps list
MAX_ENTRY_SETS = 40  # per entry, warm-ups and both sides included
MAX_REPS = 100
RPE_RANGE = (1.0, 10.0)
RIR_RANGE = (0, 10)
MAX_LOAD: dict[str, float] = {"kg": 600.0, "lb": 1320.0}
# The lightest load logged, in either unit (the lightest dumbbell /equipment takes): "0.01kg" is a typo
# that would otherwise read the real sets before it as the mistake.
MIN_LOAD = 0.5
# A lone unit-less AxB with no separate load, on a loaded exercise: below this A is sets (a load under
# 11 is rare there); from it up to MAX_SETS both readings are plausible, so the user is asked; above
# MAX_SETS it can only be a load ("hip thrust 60x10").
AMBIGUOUS_FROM = 11
# A date with no time, on a day with nothing logged yet: the middle of that local day.
NOON = time(12, 0)
EARLIEST = date(2000, 1, 1)
EXAMPLE = "hip thrust 3x10 80kg"
OUTLIER_FACTOR = 1.5
# The "more than 1.5×" question also needs a jump this big in all, in the unit logged: doubling a
# light load (a 10 kg dumbbell to 20, 25 lb to 50) is an ordinary step up, while the typos it is there
# for (80 → 800, 60 → 600) are hundreds off. 20 kg / 45 lb, one big plate's weight, is more than a
# light lift's honest jump in a session, and less than an extra digit on any load from 3 kg / 6 lb.
OUTLIER_JUMP: dict[str, float] = {"kg": 20.0, "lb": 45.0}
OUTLIER_FIRST_KG = 300.0  # with no history, a heavier working set is worth a second look
OUTLIER_REPS = 50
OUTLIER_LOADED_REPS = 30
# The mirror question: work under a quarter of the recent work done the same way is asked about (80 kg
# typed as 8: a digit dropped is a tenth). A light day, a deload or a technique day at 40-60% is well
# above it, and so is a very light day at 30% (3x15 @ 30 kg after weeks at 100: a lighter day to the
# target, tests/test_confirmed_typo.py); under the empty bar is asked about however close.
LIGHT_FACTOR = 4.0
_LIGHT_TOL_KG = 0.01  # unit conversions round to 0.01: 45 lb is the 20 kg bar, not under it
# A refusal is one short sentence: one quoting a long line back says it shorter, without the line.
SHORT_REFUSAL = 140  # characters


# What /log understands, one example per form (shown with a refusal; a test parses each).
LOG_FORMS: tuple[str, ...] = (
    "hip thrust 3x10 80kg  (sets x reps, then the load; 80kg 3x10 and 3x10@80 work too)",
    "hip thrust 60x10, 80x8, 100x5  (a load for each set)",
    "hip thrust 100kg x 5,5,4  (one load, reps of each set; or 5,5,4 @ 100)",
    "hip thrust 3x10 80kg, 2x8 90kg  (groups of sets; a top set, then more: 120x5, 90x10x3)",
    "hip thrust w 60x8, 80x5 / 100x10,10,9  (warm-ups, then the work; or 1x10 40kg warmup, 3x10 80kg)",
    "hip thrust bar x10, 60x5, 100x8x3  (bar: your empty bar, the first warm-up; 100x8x3 is 3 sets of 8)",
    "glute bridge bw 3x15  (bodyweight)",
    "bulgarian split squat 3x8 each side 12kg  (10,9 each side: left, then right)",
    "rdl 3x10 2x12kg  (a pair of dumbbells, 12 kg each; or 3x10 12kg each hand)",
    "sumo walk 2x20 band=ankles  (band at knees, ankles or feet)",
    "hip thrust 3x10 80kg @8  (or rpe 8, rir 2)",
    "hip thrust 3x10 80kg yesterday at 7am  (or mon, last fri, 28 nov, 2 days ago, 3 weeks ago, 2026-11-28)",
    "hip thrust 3x10 80kg (felt easy)  (a note; or -- left knee)",
    "hip thrust same  (or +2.5kg, +1 rep)",
)


# The loads of the examples above and in every refusal, said in pounds for a lifter who logs in lb:
# loads a pound gym makes (135 is a bar and a 45 a side), not a conversion of the kg example (80 kg is
# 176.4 lb, which no one loads).
_LB_EXAMPLE: dict[float, float] = {
    2.5: 5, 6: 15, 10: 25, 12: 25, 20: 45, 40: 95, 60: 135, 70: 155, 80: 185, 85: 195, 90: 205,
    100: 225, 110: 245, 120: 275, 140: 315,
}  # fmt: skip
# A load in an example written in kg: "80kg", "60kgx10", "2x12kg", "12 kg each" (not "80kgg").
_KG_IN_EXAMPLE = re.compile(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)( ?)kg(?![a-wyz])")


def example_in(text: str, unit: Unit) -> str:
    """``text``, an example written in kg, in the lifter's ``unit``: every example and hint /log and
    /edit give is in the unit the lifter logs in ("like 3x5 225lb", not "3x5 100kg" after /units lb)."""
    if unit != "lb":
        return text

    def pounds(m: re.Match[str]) -> str:
        kg = float(m.group(1))
        lb = _LB_EXAMPLE.get(kg) or 5 * round(from_kg(kg, "lb") / 5)  # an example not listed: near it
        return f"{_fmt(lb)}{m.group(2)}lb"

    return _KG_IN_EXAMPLE.sub(pounds, text)


_eg = example_in  # short, for the many refusals below


def example(unit: Unit) -> str:
    """The example /log line in ``unit``: "hip thrust 3x10 80kg", or "... 185lb"."""
    return _eg(EXAMPLE, unit)


# The forms with loads typed bare ("60x10", "@80") as a pound lifter types them, by the kg form; the
# rest as `_eg` says them.
_LB_FORMS = {
    LOG_FORMS[0]: "hip thrust 3x10 185lb  (sets x reps, then the load; 185lb 3x10 and 3x10@185 work too)",
    LOG_FORMS[1]: "hip thrust 135x10, 185x8, 225x5  (a load for each set)",
    LOG_FORMS[2]: "hip thrust 225lb x 5,5,4  (one load, reps of each set; or 5,5,4 @ 225)",
    LOG_FORMS[3]: "hip thrust 3x10 185lb, 2x8 205lb  (groups of sets; a top set, then more: 275x5, 205x10x3)",
    LOG_FORMS[4]: (
        "hip thrust w 135x8, 185x5 / 225x10,10,9  (warm-ups, then the work; or 1x10 95lb warmup, 3x10 185lb)"
    ),
    LOG_FORMS[5]: (
        "hip thrust bar x10, 135x5, 225x8x3  (bar: your empty bar, the first warm-up; 225x8x3 is 3 sets of 8)"
    ),
}


def log_forms(unit: Unit) -> tuple[str, ...]:
    """:data:`LOG_FORMS` with their loads in ``unit``."""
    if unit != "lb":
        return LOG_FORMS
    return tuple(_LB_FORMS.get(form) or _eg(form, unit) for form in LOG_FORMS)


class LogParseError(ValueError):
    """The line could not be read; ``str(error)`` is one short sentence with an example."""


class TooBigChange(LogParseError):
    """A change like "+999kg" or "+999 reps" that takes last time's sets past what can be logged.
    ``str(error)`` says so; ``example`` is a small change the same way ("+2.5kg", "-1 rep"), and ``name``
    the exercise as typed (when the parser read it), so the caller can show the whole command."""

    def __init__(self, message: str, example: str, name: str = "") -> None:
        super().__init__(message)
        self.example = example
        self.name = name


class NotABarLoad(LogParseError):
    """ "bw+20" on a lift done with a barbell only (`_bw_plus_on_a_bar`): refused whatever else the
    line says, so an /edit that reads the line again after the entry's exercise refuses it too."""


def _small_change(negative: bool, reps: bool, unit: Unit | None) -> str:
    sign = "-" if negative else "+"
    return f"{sign}1 rep" if reps else f"{sign}{'5lb' if unit == 'lb' else '2.5kg'}"


def _always(_: str) -> bool:
    return True


def _never(_: str) -> bool:
    return False


def _no_name(_: str) -> str | None:
    return None


def _no_entries(_: date) -> datetime | None:
    return None


def _no_load(_: str) -> tuple[float, Unit] | None:
    return None


@dataclass(frozen=True)
class LogContext:
    """What the parser needs from the caller. ``loaded``/``activation`` get the exercise as typed."""

    now: datetime  # aware
    tz: tzinfo = UTC
    unit: Unit = "kg"
    loaded: Callable[[str], bool] = _always  # takes a load (not a bodyweight-only exercise)
    activation: Callable[[str], bool] = _never  # its working sets are activation sets
    # The latest entry already logged on a local date (None: none): a date typed with no time goes
    # just after it, into that day's session (see `_placed`).
    latest_on: Callable[[date], datetime | None] = _no_entries
    # The local date a time typed with no date is on (an /edit: the entry's own day, so "at 7am"
    # corrects its time and keeps its day); None: today.
    time_on: date | None = None
    # What a line naming no day and no time is dated; None: now. An /edit passes a moment no date
    # typed gives, so it can tell such a line (keep the entry's date) from "today" (now, as /log).
    undated: datetime | None = None
    # "bar x10": the empty bar's load and unit for the exercise as typed (the lifter's, from their kit),
    # or why it has none, said after "and" ("your set-up has no barbell"); None: the standard bar of
    # ``unit`` (20 kg, 45 lb).
    bar: Callable[[str], tuple[float, Unit] | str] | None = None
    # The lift's name when the exercise as typed is done on a barbell only (a hip thrust, a squat), where
    # "bw+20" cannot be bodyweight plus 20 (see `_bw_plus_on_a_bar`); None: any other.
    barbell_lift: Callable[[str], str | None] = _no_name
    # Whether "3x12 +5" on the exercise as typed may mean bodyweight plus 5 (`_repeat`): a bodyweight
    # exercise, or one the lifter last did with no load; else the +5 is a change from a load.
    bodyweight: Callable[[str], bool] = _always
    # The load of the lifter's last working sets of the exercise as typed (None: none logged, or no
    # load), for a reply's example ("like glute bridge 3x12 65kg").
    last_load: Callable[[str], tuple[float, Unit] | None] = _no_load
    # The lifter's own exercises' names: one the line starts with is its name whole, though its words
    # are /log's ("Monster Walk Band Light", kept from an import, is not a light band at the knees).
    names: tuple[str, ...] = ()
    # Whether the exercise as typed is done with a barbell or a pair of dumbbells (an RDL): there a
    # singular "dumbbell" / "db" after a load is a pair, the load per hand, as lifters write it and as
    # Strong and Hevy store "Dumbbell RDL"; elsewhere (a dumbbell on the hips) it is one, as typed.
    pairs: Callable[[str], bool] = _never


# The empty bar when the caller knows no kit: the standard one of each unit.
STANDARD_BAR: dict[str, tuple[float, Unit]] = {"kg": (20.0, "kg"), "lb": (45.0, "lb")}


@dataclass(frozen=True)
class Ambiguous:
    """Two readings of one line: ``readings[0]`` sets × reps, ``readings[1]`` load × reps."""

    readings: tuple[Entry, Entry]
    labels: tuple[str, str]  # button texts, e.g. ("12 sets of 10", "12 kg × 10")
    # readings[1] read "at N" as the time N:00 and so has no load: a loaded lift last done with one is
    # offered at that load too (the caller knows the history), never only at bodyweight.
    at_time: bool = False
    # That time as the question says it: "at 07:00", or with its date when it is not today's ("Mon 30
    # Nov at 07:00": "at 7" typed before 07:00, when 07:00 today is still to come).
    when: str = ""
    # A lone "12x10": readings[0] is 12 sets of 10 with no load, so a lift last done with one is offered
    # at that load too (as ``at_time``), never only at bodyweight.
    sets_or_load: bool = False
    # "3x10 @8" on a loaded lift: readings[1] is RPE 8 with no load, so a lift last done with one is
    # offered at that load too: the lifter who rated a set most likely lifted their usual load.
    rpe_or_load: bool = False

    @property
    def question(self) -> str:
        return f"Did you mean {self.labels[0]} or {self.labels[1]}?"


@dataclass(frozen=True)
class Repeat:
    """Repeat the last entry of ``exercise`` (None: the last entry of any exercise), maybe changed."""

    exercise: str | None
    at: datetime
    note: str = ""
    load_delta: float = 0.0
    delta_unit: Unit | None = None
    reps_delta: int = 0


# --- lexing -----------------------------------------------------------------------------------------
_UNIT = r"kilograms?|kilos?|kgs?|pounds?|lbs?"
_TOKEN = re.compile(
    r"(?P<date>[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}(?![0-9])"
    # 28.11.2026, 28/11/2026, 28-11-2026, 28.11.26: with a year ("10/10/10" is three sets, "10/9" two)
    r"|(?<!\S)[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{4}(?!\S)|(?<!\S)[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{2}(?!\S))"
    # (a canonical line's time may carry a fraction of a second: "07:00:05.6")
    r"|(?P<time>[0-9]{1,2}(?::[0-9]{2}){0,2}\s*[ap]m(?![a-z])|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?(?![0-9]))"
    r"|(?P<num>[0-9]{1,6}(?:\.[0-9]{1,3})?)(?![0-9.])"
    # A unit may be glued to an "x" ("60kgx10") but not to other letters ("80kgg" is a typo).
    rf"|(?P<unit>(?:{_UNIT})(?=$|[^a-z]|x\s*[0-9]))"
    r"|(?P<x>(?:[x×*]|sets?\s+of)(?=\s*[0-9]))"
    r"|(?P<bar>bar(?=\s*[x×*]\s*[0-9]))"  # "bar x10", "barx10": the empty bar (see `_Reader.bar`)
    r"|(?P<sign>[-+\u2212](?=\s*[0-9]))"
    r"|(?P<at>@)"
    r"|(?P<sep>[,;=:])"
    r"|(?P<slash>/)"
    r"|(?P<word>[^\W\d_](?:[^\W\d_]|['’-])*)"  # letters only: "rpe8" is "rpe", 8
    r"|(?P<other>\S)",
    re.IGNORECASE,
)
# "80,5kg", "@80,5" and "rpe 7,5" use a decimal comma; elsewhere a comma separates sets ("10,10,8"), and
# after a mark when the next set follows it ("225x5@8,235x3@9": RPE 8, then 235x3).
_COMMA_BEFORE_UNIT = re.compile(
    rf"(?<![0-9.,])([0-9]{{1,6}}),([0-9]{{1,3}})(?=\s*(?:{_UNIT})(?![a-z]))", re.I
)
_COMMA_AFTER_MARK = re.compile(
    r"((?:@|\brpe|\bat)\s*[=:]?\s*[0-9]{1,6}),([0-9]{1,3})(?![0-9,])(?!\s*[x×*]\s*[0-9])", re.I
)
# "--", an en or em dash; or "-" between spaces before a word, after the sets (`_note_dash`).
_NOTE_DASH = re.compile(r"(?:^|\s)(?:--|—|–)\s*|\s-\s+(?=[^\W\d_])")
# Symbols and pictographs (and their joiners and variation selectors) ending the line: "💪🔥", "👍🏽".
_TRAILING_EMOJI = re.compile(
    r"(?:\s*(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u200D\uFE0F]|(?<!\S)[:;=]-?[()DPp](?!\S)))+\s*$"
)  # and faces typed as text at the end: ":)", ";-)"


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def _lex(text: str) -> list[_Tok]:
    return [_Tok(m.lastgroup or "other", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


# --- words ------------------------------------------------------------------------------------------
# Words that say what kind the sets after them are ("/" also goes back to working sets).
_PHASES = {
    **dict.fromkeys(("w", "wu", "warmup", "warm-up", "warmups", "warm-ups"), SetKind.WARMUP),
    **dict.fromkeys(("work", "working"), SetKind.WORKING),
    **dict.fromkeys(("backoff", "back-off", "backoffs", "back-offs"), SetKind.BACKOFF),
    **dict.fromkeys(("drop", "dropset", "drop-set", "drops", "dropsets", "drop-sets"), SetKind.DROP),
}
# Kind words that may head a part of the line as a label, with a colon: "warm up: 135x5, 185x3
# working: 205x8,8,8"; "sets:" (alone only as a label) is the work.
_LABELS = {**_PHASES, "set": SetKind.WORKING, "sets": SetKind.WORKING}
# The same words written as two: "warm up", "back off", "drop set" (the second word is taken with the
# first; "drop" alone is one already).
_PHASE_PAIRS = {"warm": ("up", "ups"), "back": ("off", "offs"), "drop": ("set", "sets")}
_PHASE_WORD = {SetKind.WARMUP: "w", SetKind.BACKOFF: "backoff", SetKind.DROP: "drop"}
_MONTHS = {
    name: n
    for n, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        1,
    )
    for name in names
}  # fmt: skip
MONTH_WORDS = _MONTHS  # the month words a date takes, shared with /remind (coaching.schedparse)
_WEEKS = {"week", "weeks"}
_DAYS_AGO = {"day", "days", *_WEEKS}
_ORDINAL = {"st", "nd", "rd", "th"}  # "28th nov"
_DAY_PARTS = {"morning", "afternoon", "evening"}  # "this morning": today
_BW = {"bw", "bodyweight", "body-weight"}
BODYWEIGHT_WORDS = frozenset(_BW | {"body weight"})  # "bw" said, not just no load typed
_SIDE_LEAD = {"each", "per", "a"}
_SIDE_WORDS = {"side", "leg", "arm", "hand"}
# "12kg each hand": the load of one of a pair of dumbbells (as "2x12kg"); with no load on the line,
# "3x10 each arm" is reps per side.
_HAND_WORDS = {"arm", "hand"}
# The implement named right after a load, as gyms write it ("50lbs dumbbells", "20kg kb"): a plural is a
# pair, the load per hand (as "2x50lb"); a singular is one, the load as typed, except a dumbbell on a
# lift done with a barbell or a pair of dumbbells (`LogContext.pairs`: "rdl 3x10 20kg dumbbell" is a
# pair, as "Dumbbell RDL" is); "barbell" / "bb" is the bar, one load as typed.
_PAIR_WORDS = frozenset({"dumbbells", "dumbells", "dbs", "kettlebells", "kbs"})
_DUMBBELL_ONE = frozenset({"dumbbell", "dumbell", "db"})
_BAR_WORDS = frozenset({"barbell", "bb"})
_ONE_WORDS = _DUMBBELL_ONE | {"kettlebell", "kb"} | _BAR_WORDS
_DUMBBELL_WORDS = _DUMBBELL_ONE | {"dumbbells", "dumbells", "dbs"}
# Words that say a pair on a line (for the dumbbell hint of `_Reader.no_pair`).
_PAIR_SAID = _DUMBBELL_WORDS | _PAIR_WORDS | {"pair", "pairs", "hand", "hands"}
# Each word as the implement it names (`implements_said`).
IMPLEMENT_WORDS: dict[str, str] = {
    **dict.fromkeys(("dumbbells", "dumbells", "dbs"), "dumbbells"),
    **dict.fromkeys(_DUMBBELL_ONE, "dumbbell"),
    **dict.fromkeys(("kettlebells", "kbs"), "kettlebells"),
    **dict.fromkeys(("kettlebell", "kb"), "kettlebell"),
    **dict.fromkeys(_BAR_WORDS, "barbell"),
}
_WEEKDAYS = {
    **dict.fromkeys(("mon", "monday"), 0),
    **dict.fromkeys(("tue", "tues", "tuesday"), 1),
    **dict.fromkeys(("wed", "weds", "wednesday"), 2),
    **dict.fromkeys(("thu", "thur", "thurs", "thursday"), 3),
    **dict.fromkeys(("fri", "friday"), 4),
    **dict.fromkeys(("sat", "saturday"), 5),
    **dict.fromkeys(("sun", "sunday"), 6),
}
_BANDS = {
    "knee": "knees",
    "knees": "knees",
    "ankle": "ankles",
    "ankles": "ankles",
    "foot": "feet",
    "feet": "feet",
}
# Band strengths (the progression past the feet): "medium band", "band=heavy".
_STRENGTHS = frozenset(BAND_RESISTANCES)
_ALWAYS_ITEM = (
    set(_PHASES)
    | _BW
    | set(_WEEKDAYS)
    | {"today", "tonight", "yesterday", "tomorrow", "rpe", "rir", "same", "rep", "reps"}
)


# --- items ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Load:
    value: float | None  # None: bodyweight
    unit: Unit | None
    implements: int = 1
    typed: str = field(default="", compare=False)  # a number with no unit: as typed, for a refusal


@dataclass(frozen=True)
class _Pair:
    """``AxB`` as typed; ``tail`` holds more reps for the same A (``100kg x 5,5,4``)."""

    a: float
    a_unit: Unit | None
    b: int
    tail: tuple[int, ...] = ()
    text: str = ""
    # Typed as load × reps × sets ("22x10x3"): A is the sets, its load the item after it, so the groups
    # before it are the line's load × reps sets, not more of its sets (see `_groups`).
    sets_last: bool = False
    implements: int = 1  # "2x22kg x 10,10,9", "22kg x 10,10,9 dumbbells": a pair, A per hand

    @property
    def explicit(self) -> bool:
        """A is a load beyond doubt: it carries a unit, or several reps follow it."""
        return self.a_unit is not None or bool(self.tail)

    @property
    def by_load(self) -> bool:
        """A can only be a load: explicit, a fraction, or more than any set count (90x10)."""
        return self.explicit or self.a != int(self.a) or self.a > MAX_SETS


@dataclass(frozen=True)
class _Reps:
    reps: tuple[int, ...]
    slashed: str = ""  # "28/11" typed alone: two sets' reps, or a date with no year (see _day_month)


@dataclass(frozen=True)
class _Phase:
    kind: SetKind
    # A kind word typed right after sets ("1x10 40kg warmup"), not at the start or after "," or "/",
    # and whether a "," or "/" (or the end of the sets) follows it: then it names the group before it.
    after_sets: bool = False
    closed: bool = False
    # Typed as a label ("warm up:", "sets:"): every set after it is of its kind, up to the next label or
    # kind word (no ramp is read as reaching the work, as after a bare "w").
    label: bool = False


@dataclass(frozen=True)
class _At:
    value: float  # "@N": a load, or the RPE once the group has its load


@dataclass(frozen=True)
class _AtHour:
    hour: int  # "at 7": the time (07:00) once the group has its load, else its load (maybe asked)


@dataclass(frozen=True)
class _Delta:
    value: float
    unit: Unit | None
    reps: bool


_SetItem = _Pair | _Reps | _Load | _Phase | _At | _AtHour


@dataclass
class _Found:
    """Everything read from one line."""

    default_unit: Unit = "kg"
    set_items: list[_SetItem] = field(default_factory=list)
    side: bool = False
    per_hand: bool = False  # "each hand": loads are per hand of a pair (or reps per side, with no load)
    # The implement words after a load or a load × reps ("22kg dumbbells", "22x9 dumbbells"): each with
    # how many set items were read when it was.
    implements: tuple[tuple[int, str], ...] = ()
    # A dumbbell word ending the sets on a lift done with a barbell or dumbbells, the line's only
    # implement word: every load of the line is per hand of a pair, warm-ups too (`_Reader.read`).
    all_pairs: bool = False
    side_items: int = -1  # how many set items were read when the last side word was
    band: str | None = None
    resistance: str | None = None
    band_unsaid: bool = False  # "band" with no position or strength
    rpe: float | None = None
    rir: int | None = None
    day: date | None = None
    clock: time | None = None
    weekday_today: str = ""  # "mon" typed on a Monday: today, named as a weekday
    utc: bool = False
    same: bool = False
    deltas: list[_Delta] = field(default_factory=list)
    # The set items "bar x10" made at the start of the sets (start, end), for `_bar_warms_up`.
    bar_span: tuple[int, int] | None = None
    # Every RPE/RIR typed once the sets have their load: (how many sets were read before it, "rpe" or
    # "rir", value, typed as "@N"). A tuple, rebound: `_bar_warms_up` reads the groups on a copy. See
    # `_settle_efforts`.
    efforts: tuple[tuple[int, str, float, bool], ...] = ()
    # Per-set efforts (`_settle_efforts`): the n-th sets typed (a "225x5", a "3x5") → {"rpe": 8, ...}.
    set_efforts: dict[int, dict[str, float]] = field(default_factory=dict)

    def said(self, which: str, value: float, at: bool = False) -> None:
        """An RPE/RIR typed after the sets read so far (``at``: as "@N"): the line's one, unless
        `_settle_efforts` gives each to the sets before it."""
        done = sum(isinstance(x, _Pair | _Reps) for x in self.set_items)
        self.efforts = (*self.efforts, (done, which, value, at))
        if which == "rpe" and self.rpe is None:
            self.rpe = value
        elif which == "rir" and self.rir is None:
            self.rir = int(value)

    def once(self, what: str, current: object) -> None:
        if current is not None and current is not False:
            raise LogParseError(
                f"The {what} is given twice: write it once, like {example(self.default_unit)} {_HINT[what]}."
            )


_HINT = {
    "side": "each side",
    "RPE": "rpe 8",
    "RIR": "rir 2",
    "band position": "band=ankles",
    "band strength": "medium band",
    "date": "yesterday",
    "time": "at 7am",
}


def _unit(word: str | None, default: Unit) -> Unit:
    if not word:
        return default
    return "lb" if word.lower().startswith(("lb", "pound")) else "kg"


def _fmt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _reps(value: float, unit: Unit) -> int:
    if value != int(value) or not 1 <= value <= MAX_REPS:
        raise LogParseError(f"Reps per set go from 1 to {MAX_REPS}, not {_fmt(value)}: like {example(unit)}.")
    return int(value)


def _sets(pair: _Pair, unit: Unit) -> int:
    """``pair``'s A as sets. Out of bounds, the refusal offers A as a load only when /log takes that load
    and B as its reps ("25x8": 25kgx8); "999999x10" is no load either: the bounds and an example."""
    if pair.a != int(pair.a) or not 1 <= pair.a <= MAX_SETS:
        if not (MIN_LOAD <= pair.a <= MAX_LOAD[unit] and 1 <= pair.b <= MAX_REPS):
            raise LogParseError(f"Sets go from 1 to {MAX_SETS}, not {_fmt(pair.a)}: like {example(unit)}.")
        load = f"{_fmt(pair.a)}{unit}x{pair.b}"  # what was typed, as a load in the lifter's unit
        raise LogParseError(f"Sets go from 1 to {MAX_SETS}, not {_fmt(pair.a)}: for a load write {load}.")
    return int(pair.a)


def _load(value: float, unit: Unit, implements: int = 1) -> _Load:
    if value < MIN_LOAD:
        # One rule, said as it is (0.001 kg is "more than 0", yet not taken), with a load's example.
        typed = _fmt(value)  # to a thousandth: a load under it is not said back ("1e-07 kg")
        said = f", not {typed} {unit}" if typed != "0" or value <= 0 else ""
        raise LogParseError(
            f"The lightest weight I log is {_fmt(MIN_LOAD)} {unit}{said}: like {_eg('3x10 2.5kg', unit)}, "
            "or 3x15 bw for bodyweight."
        )
    if value > MAX_LOAD[unit]:
        raise LogParseError(
            f"{_fmt(value)} {unit} is more than I can log (at most {_fmt(MAX_LOAD[unit])} {unit}), "
            f"like {_eg('3x5 100kg', unit)}."
        )
    return _Load(value, unit, implements)


def _kg_of(item: _SetItem, unit: Unit) -> float | None:
    """The load an item names, in kg; None when it names none (sets × reps, bodyweight, a rep list)."""
    if isinstance(item, _Load):
        return None if item.value is None else to_kg(item.value, item.unit or unit)
    if isinstance(item, _Pair) and item.by_load:
        return to_kg(item.a, item.a_unit or unit)
    return None


class _Reader:
    """Turns tokens after the exercise name into items, left to right."""

    def __init__(
        self,
        text: str,
        tokens: list[_Tok],
        pos: int,
        unit: Unit,
        today: date,
        bar: tuple[float, Unit] | str | None = None,
        pairs: bool = False,
    ) -> None:
        self.text, self.toks, self.i, self.unit, self.today = text, tokens, pos, unit, today
        self.found = _Found(default_unit=unit)
        # Reading is on the event loop: a rule that stops moving along the line would freeze the bot for
        # everyone ("band=," once did), so looking is bounded and the line refused past it.
        self.looks_left = LOOKS_PER_TOKEN * (len(tokens) + 1)
        self.empty_bar = STANDARD_BAR[unit] if bar is None else bar
        self.pairs = pairs  # a singular "dumbbell" after a load is a pair (`LogContext.pairs`)

    # small cursor helpers
    def peek(self, ahead: int = 0) -> _Tok | None:
        self.looks_left -= 1
        if self.looks_left < 0:
            raise LogParseError("I could not read that line.")  # (the reply adds an example)
        j = self.i + ahead
        return self.toks[j] if j < len(self.toks) else None

    def is_(self, kind: str, ahead: int = 0, words: Iterable[str] | None = None) -> bool:
        tok = self.peek(ahead)
        return tok is not None and tok.kind == kind and (words is None or tok.low in words)

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def chunk(self, tok: _Tok) -> str:
        """The space-delimited piece of the line around ``tok``, for error messages."""
        start = self.text.rfind(" ", 0, tok.start) + 1
        end = self.text.find(" ", tok.end)
        return self.text[start : len(self.text) if end < 0 else end][:40]

    def unknown(self, tok: _Tok) -> LogParseError:
        word = self.chunk(tok)
        k = self.toks.index(tok)
        if k and self.toks[k - 1].low in (",", ";") and _sets_follow_a_name(self.text, self.toks[k:]):
            # "hip thrust 3x10 80kg, glute bridge 3x15 bw": an entry is one exercise's sets.
            said = (
                f"One exercise at a time: send the next as its own /log, like /log {self.text[tok.start :]}."
            )
            return LogParseError(
                said
                if len(said) < SHORT_REFUSAL
                else f"One exercise per /log, like /log {example(self.unit)}."
            )
        if self.is_("word", k - self.i + 1, words=("band", "bands")) and word.isalpha():
            # "red band": colours differ by brand, so the strength is said in words
            return LogParseError(
                f"A band is light, medium or heavy band, placed band=knees|ankles|feet, not '{word[:20]}': "
                "like sumo walk 2x10 medium band."
            )
        if word.lower() in _STRENGTHS:  # a band's strength needs the word "band" to be one
            return LogParseError(
                f"I don't know '{word}' here; for the band's strength write {word.lower()} band, "
                f"e.g. sumo walk 2x10 {word.lower()} band at the knees."
            )
        if word.isalpha() and any(t.kind == "num" for t in self.toks[: self.toks.index(tok)]):
            # words after the sets: most likely a note
            return LogParseError(
                f"I don't understand '{word}'. A note goes in brackets, like {example(self.unit)} (felt easy)."
            )
        return LogParseError(f"I don't understand '{word}'. Try like: {example(self.unit)}.")

    def no_pair(self, first: _Tok, a: float, a_unit: Unit | None) -> LogParseError:
        """ "AxBkg" just read that is no pair ("10x10kg", "5x12kg", "2kgx12kg"): the dumbbell hint
        only for a line that says dumbbells or a pair, or looks like one ("2kgx12kg": a unit too many;
        "3x10 5x12kg": in the load's place after sets × reps, where "2x12kg" is the pair); "rdl
        10x10kg, …" has no dumbbells to write the count of."""
        words = set(re.findall(r"[^\W\d_]+", self.text.casefold()))
        looks = (a_unit is not None and a in (1, 2)) or self.sets_before()
        if words & _PAIR_SAID or looks:
            return LogParseError(
                f"For dumbbells write the count and the load of one, like {_eg('3x10 2x12kg', self.unit)}."
            )
        typed = self.text[first.start : self.toks[self.i - 1].end]
        return LogParseError(
            f"I can't read {typed[:20]}: write sets x reps, then the load, like {_eg('3x10 80kg', self.unit)}."
        )

    def tight(self, ahead: int = 0) -> bool:
        """No space between the token ``ahead`` and the one before it."""
        j = self.i + ahead
        return 0 < j < len(self.toks) and self.toks[j - 1].end == self.toks[j].start

    def plain_num(self, ahead: int = 0) -> bool:
        """A number standing alone: not the start of AxB, a load with a unit or "N reps"."""
        if not self.is_("num", ahead):
            return False
        if self.is_("word", ahead + 1, _DAYS_AGO) and self.is_("word", ahead + 2, ("ago",)):
            return False  # "3x8 205 2 days ago": the 2 is the date's, not a set of 2
        return not (self.is_("x", ahead + 1) or self.is_("unit", ahead + 1) or self.is_("time", ahead + 1))

    def read(self) -> _Found:
        while (tok := self.peek()) is not None:
            self.step(tok)
        found = self.found
        if self.pairs and len(found.implements) == 1 and not any(t.kind == "bar" for t in self.toks):
            at, word = found.implements[0]
            later = found.set_items[at:]
            # "rdl w 2x10 10kg, 3x10 22kg, 1x8 24kg dumbbells": the word at the end is the whole line's
            if word in _DUMBBELL_WORDS and not any(isinstance(x, _Pair | _Reps | _Load | _At) for x in later):
                # ...unless a load before it is heavier than the pair's hand: "rdl w 60x8, 3x10 22kg
                # dumbbells" warmed up on a bar, and 2 x 60 kg would be a warm-up above the work.
                hand = _kg_of(found.set_items[at - 1], self.unit) if at else None
                loads = (_kg_of(x, self.unit) for x in found.set_items[: at - 1])
                found.all_pairs = hand is not None and all(x is None or x <= hand for x in loads)
        return found

    def read_when(self, end: int) -> None:
        """Read the tokens up to ``end``: the date and time written before the exercise name (see
        `_when_first`). There "at 7" is the time 07:00: no one gives the load before the lift."""
        while self.i < end and (tok := self.peek()) is not None:
            self.step(tok)
        hours, self.found.set_items = self.found.set_items, []
        for item in hours:
            assert isinstance(item, _AtHour)  # as `_when_first` saw them
            _at_hour_is_time(item, self.found)

    def only_when(self) -> bool:
        """All read so far is a date, a time, or "at N"."""
        found = self.found
        if not all(isinstance(item, _AtHour) for item in found.set_items):
            return False
        bare = _Found(found.default_unit, list(found.set_items), day=found.day, clock=found.clock)
        return replace(bare, weekday_today=found.weekday_today, utc=found.utc) == found

    def step(self, tok: _Tok) -> None:
        if tok.kind == "sep":
            self.i += 1
        elif tok.kind == "num":
            self.number()
        elif tok.kind == "word":
            self.word()
        elif tok.kind == "at":
            self.take()
            self.at_mark()
        elif tok.kind == "slash":
            self.take()
            self.found.set_items.append(_Phase(SetKind.WORKING))
        elif tok.kind == "sign":
            self.delta()
        elif tok.kind == "bar":
            self.bar()
        elif tok.kind == "date":
            self.take()
            self.date(tok)
        elif tok.kind == "time":
            self.take()
            self.clock(tok)
        else:
            raise self.unknown(tok)

    # numbers: AxB, AxBxC, 2x12kg, 80kg, 10,10,8, 10 10 8, 12 reps, 80
    def number(self) -> None:
        if self.is_("word", 1, _DAYS_AGO) and self.is_("word", 2, ("ago",)):  # "2 days ago", "3 weeks ago"
            back = float(self.take().text)
            days = 7 if self.take().low in _WEEKS else 1
            self.i += 1
            if back != int(back) or back * days > 366:
                raise LogParseError("Say how long ago, up to a year, like 2 days ago or 3 weeks ago.")
            self.set_day(self.today - timedelta(days=int(back) * days))
            return
        ordinal = self.is_("word", 1, _ORDINAL) and self.tight(1)
        if self.is_("word", 2 if ordinal else 1, _MONTHS):  # "28 nov", "28th nov 2026"
            day = self.take()
            self.i += ordinal
            self.set_day(self.month_day(self.take().low, day.text))
            return
        first = self.take()
        a = float(first.text)
        a_unit = _unit(self.take().text, self.unit) if self.is_("unit") else None
        if self.is_("x"):
            self.take()
            self.pair(first, a, a_unit)
        elif a_unit is not None:
            self.found.set_items.append(_load(a, a_unit))
        elif self.is_("word", words=("rep", "reps")):
            self.take()
            self.found.set_items.append(_Reps((_reps(a, self.unit),)))
        else:
            self.reps_or_load(first, a)

    def pair(self, first: _Tok, a: float, a_unit: Unit | None) -> None:
        if not self.is_("num"):
            raise self.unknown(first)
        b = float(self.take().text)
        b_unit = _unit(self.take().text, self.unit) if self.is_("unit") else None
        items = self.found.set_items
        if b_unit is not None:  # "2x12kg": a pair of dumbbells, the load per hand
            if a_unit is not None or a not in (1, 2):
                raise self.no_pair(first, a, a_unit)
            if self.is_("x") and self.is_("num", 1):  # "2x22kg x 10,10,9": the pair's reps after it
                self.take()
                self.pair(first, b, b_unit)
                items[-1] = replace(items[-1], implements=int(a))
                return
            items.append(_load(b, b_unit, int(a)))
            return
        if self.is_("x"):  # "3x10x80": sets x reps x load
            self.take()
            if not self.is_("num"):
                raise self.unknown(first)
            c = float(self.take().text)
            c_unit = _unit(self.take().text, self.unit) if self.is_("unit") else None
            # "90x10x3", "90kg x 10 x 3", "200x10x3 lb", "20x3x5": load x reps x sets, as gym notebooks
            # write it (no one does 90 sets, and 3 kg after a load is no load); from AMBIGUOUS_FROM sets
            # the load reading wins too (20 sets of 3 at 5 kg is no one's squat).
            by_load = a_unit is not None or a >= AMBIGUOUS_FROM
            if by_load and None in (a_unit, c_unit) and c == int(c) and c <= MAX_SETS:
                if c < 1:
                    raise LogParseError(f"Sets go from 1 to {MAX_SETS}, not {_fmt(c)}: like 90x10x3.")
                load = _load(a, a_unit or c_unit or self.unit)
                items += [_Pair(c, None, _reps(b, self.unit), text=first.text, sets_last=True), load]
                return
            if a > MAX_SETS and c_unit is None and c == int(c):
                # "90x10x21": a load first, so the last number is the sets
                raise LogParseError(f"Sets go from 1 to {MAX_SETS}, not {_fmt(c)}: like 90x10x3.")
            if a_unit is not None:
                raise self.unknown(first)
            items += [_Pair(a, None, _reps(b, self.unit), text=first.text), _load(c, c_unit or self.unit)]
            return
        said_reps = self.is_("word", words=("rep", "reps"))
        if said_reps:
            self.take()
        if a_unit is not None and b in (1, 2) and not said_reps and self.sets_before():
            # "rdl 3x10 12kg x2": after sets × reps with no load, "x2" is the dumbbells, as in 2x12kg
            # (2 reps at 12 kg would leave the 3x10 without a load).
            if self.is_("x") or (self.is_("sep", words=",") and self.plain_num(1)):
                raise self.unknown(first)
            items.append(_load(a, a_unit, int(b)))
            return
        reps = _reps(b, self.unit)
        tail: list[int] = []
        # "100kg x 5,5,4" / "100x10,10,9": more reps for the same load, never the next "AxB" or a load.
        while (
            self.is_("sep", words=",")
            and (a_unit is not None or self.tight() or self.tight(1))
            and self.plain_num(1)
            # (a 0 there is a rep count too, refused as one: not read on as a load of 0)
            and (reps / 2 <= (n := float(self.toks[self.i + 1].text)) <= reps * 2 or n == 0)
        ):
            self.i += 1
            tail.append(_reps(float(self.take().text), self.unit))
        items.append(_Pair(a, a_unit, reps, tuple(tail), first.text))

    def bar(self) -> None:
        """ "bar x10", "bar x 10", "barx10" (and "bar x10x2"): the empty bar for 10 reps, read as its load
        (the lifter's bar); refused, saying why, for a lift or a kit with no barbell."""
        tok = self.take()
        if isinstance(self.empty_bar, str):
            reps = self.peek(1)
            typed = self.text[tok.start : reps.end] if reps is not None and reps.kind == "num" else tok.text
            raise LogParseError(
                f"'{typed}' is the empty bar, and {self.empty_bar}: write the load you lifted, "
                f"like {_eg('10kgx10', self.unit)}."
            )
        items, found = self.found.set_items, self.found
        first = not any(isinstance(x, _Pair | _Reps | _Load | _Phase | _At) for x in items)
        at = len(items)
        self.take()  # the "x"
        self.pair(tok, *self.empty_bar)
        if first:
            found.bar_span = (at, len(items))
        elif found.bar_span is not None and found.bar_span[1] == at:  # "bar x10, bar x10, 135x5"
            found.bar_span = (found.bar_span[0], len(items))

    def sets_before(self) -> bool:
        """The last item is a plain working "3x10" still waiting for its load."""
        items = self.found.set_items
        phases = [item.kind for item in items if isinstance(item, _Phase)]
        if not items or not isinstance(items[-1], _Pair) or phases[-1:] == [SetKind.WARMUP]:
            return False
        last = items[-1]
        return not last.explicit and last.a == int(last.a) and 1 <= last.a < AMBIGUOUS_FROM

    def reps_or_load(self, first: _Tok, a: float) -> None:
        numbers = [a]
        listed = False
        # "10,10,8" / "10, 10, 8" / "10/10/8": reps per set.
        while (
            self.is_("sep", words=(",", ";")) or (self.is_("slash") and self.tight() and self.tight(1))
        ) and (self.plain_num(1)):
            self.i += 1
            numbers.append(float(self.take().text))
            listed = True
        if not listed:  # "10 10 8": plain numbers are reps only when they plainly are
            while self.plain_num():
                numbers.append(float(self.take().text))
            if len(numbers) == 1:
                self.found.set_items.append(replace(_load(a, self.unit), typed=self.chunk(first)))
                return
            if len(numbers) < 3 or max(numbers) > 2 * min(numbers):
                shown = " ".join(_fmt(n) for n in numbers)
                raise _unclear_numbers(shown, self.unit)
        if len(numbers) > MAX_SETS:
            raise LogParseError(f"That's {len(numbers)} sets; I log 1 to {MAX_SETS} per group, like 5,5,4.")
        said_reps = self.is_("word", words=("rep", "reps"))
        if said_reps:
            self.take()
        slashed = self.chunk(first)
        if said_reps or not re.fullmatch(r"[0-9]{1,2}/[0-9]{1,2}", slashed):
            slashed = ""
        self.found.set_items.append(_Reps(tuple(_reps(n, self.unit) for n in numbers), slashed))

    def at_mark(self) -> None:
        """After "@": "@rpe 8", "@80", "@ 80kg", "@8" (the RPE when the load is already known)."""
        if self.is_("word", words=("rpe",)):
            self.take()
            self.effort("rpe")
        elif self.is_("num"):
            tok = self.take()
            if self.is_("unit"):
                self.found.set_items.append(_load(float(tok.text), _unit(self.take().text, self.unit)))
            else:
                self.found.set_items.append(_At(float(tok.text)))
        else:
            raise LogParseError(f"After @ give the weight or the RPE, like {example(self.unit)} @8.")

    def effort(self, which: str) -> None:
        while self.is_("sep"):
            self.i += 1
        if not self.is_("num"):
            raise LogParseError(f"Give the {which.upper()} as a number, like {_HINT[which.upper()]}.")
        value = float(self.take().text)
        if which == "rpe" and self._efforts_listed():
            raise LogParseError(
                f"Give each set's RPE after it, like {_eg('100x5 @8, 110x3 @9', self.unit)}, or one for all "
                f"the work at the end, like {_eg('10,10,10 @ 100kg', self.unit)} rpe 9."
            )
        if which == "rpe":
            _check_rpe(value, "rpe 8")
        elif value != int(value) or not RIR_RANGE[0] <= value <= RIR_RANGE[1]:
            raise LogParseError(f"RIR (reps in reserve) goes from 0 to 10, not {_fmt(value)}: like rir 2.")
        self.found.said(which, value)

    def _efforts_listed(self) -> bool:
        """ "rpe 8, 9, 10": RPE-sized numbers listed after the RPE to the end of the line, one a set
        (read on, they would be more sets with no load)."""
        rest = self.toks[self.i :]
        if len(rest) < 2 or len(rest) % 2:
            return False
        pairs = zip(rest[::2], rest[1::2], strict=True)
        return all(c.low == "," and n.kind == "num" and float(n.text) <= RPE_RANGE[1] for c, n in pairs)

    def delta(self) -> None:
        mark = self.take()
        if not self.is_("num"):
            tok = self.peek()
            if tok is not None and tok.text.isdigit():  # more digits than a number may have
                j = self.i
                while j < len(self.toks) and self.toks[j].text.isdigit():
                    j += 1
                reps = j < len(self.toks) and self.toks[j].low in ("rep", "reps")
                raise TooBigChange(
                    f"{self.chunk(mark)}{' reps' if reps else ''} is too big a change.",
                    _small_change(mark.text != "+", reps, self.unit),
                )
            raise self.unknown(mark)
        value = (-1 if mark.text in "-\u2212" else 1) * float(self.take().text)
        if self.is_("unit"):
            self.found.deltas.append(_Delta(value, _unit(self.take().text, self.unit), False))
        elif self.is_("word", words=("rep", "reps")):
            self.take()
            self.found.deltas.append(_Delta(value, None, True))
        else:
            self.found.deltas.append(_Delta(value, self.unit, False))

    def date(self, tok: _Tok) -> None:
        self.found.once("date", self.found.day)
        parts = re.split(r"[./-]", tok.text)
        if len(parts[0]) == 4:  # 2026-11-28, 2026/11/28
            tok = _Tok("date", "-".join(parts), tok.start, tok.end)
        else:  # 28.11.2026, 28/11/2026, 28-11-2026: the day first, unless only month-first is a date
            first, second, year = (int(p) for p in parts)
            day, month = (second, first) if second > 12 >= first else (first, second)
            if "." not in tok.text and first <= 12 and second <= 12 and first != second:
                raise LogParseError(
                    f"'{tok.text}' could be either day first or month first: write it like 2026-11-28."
                )
            tok = _Tok("date", f"{year + 2000 if year < 100 else year}-{month}-{day}", tok.start, tok.end)
        try:
            self.found.day = date.fromisoformat("-".join(p.zfill(2) for p in tok.text.split("-")))
        except ValueError:
            raise LogParseError(f"'{tok.text}' is not a date: write it like 2026-11-28.") from None

    def month_day(self, month: str, day: str) -> date:
        """ "nov 28" / "28 nov" (its "th" and a year after it are read too): that day this year, or last
        year's if it is more than a week to come; with a year, that one (the future is refused later)."""
        if self.is_("word", words=_ORDINAL) and self.tight():
            self.take()
        if self.is_("sep") and self.peek().text == "," and self.is_("num", 1) and len(self.peek(1).text) == 4:
            self.take()
        year = None
        if self.is_("num") and len(self.peek().text) == 4 and not (self.is_("x", 1) or self.is_("unit", 1)):
            year = int(self.take().text)
        try:
            when = date(year or self.today.year, _MONTHS[month], int(float(day)))
            earlier = None if year or when <= self.today else date(when.year - 1, when.month, when.day)
        except ValueError:
            raise LogParseError(
                f"'{day} {month}' is not a date: write it like 28 nov or 2026-11-28."
            ) from None
        if earlier is None:
            return when
        if when - self.today <= timedelta(days=7):  # "1 dec" on 30 Nov: a day to come, not last year's
            raise LogParseError("That date is still to come: log what you did, like yesterday or 2026-11-28.")
        return earlier

    def clock(self, tok: _Tok) -> None:
        self.found.once("time", self.found.clock)
        low = tok.low.replace(" ", "")
        half = low[-2:] if low[-2:] in ("am", "pm") else ""
        low, _, fraction = low.removesuffix(half).partition(".")
        parts = [int(p) for p in low.split(":")] + [0, 0]
        hour, minute, second = parts[:3]
        if half:
            if not 1 <= hour <= 12:
                raise LogParseError(f"'{tok.text}' is not a time: write it like at 7am or at 19:30.")
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59 or second > 59:
            raise LogParseError(f"'{tok.text}' is not a time: write it like at 7am or at 19:30.")
        self.found.clock = time(hour, minute, second, int(fraction.ljust(6, "0")) if fraction else 0)
        if self.is_("word", words=("utc", "z")):
            self.take()
            self.found.utc = True

    # words: markers, keywords and a few two-word phrases
    def word(self) -> None:
        tok = self.take()
        low, found = tok.low, self.found
        start = self.i - 1
        if low in _PHASE_PAIRS and self.is_("word", words=_PHASE_PAIRS[low]):
            self.take()  # "warm up", "back off", "drop set": one kind word
            low = low if low == "drop" else low + self.toks[self.i - 1].low[:3]
        if self.label(low):
            # "warm up: 135x5, 185x3 working: 205x8,8,8": a label names the sets after it, up to the
            # next label, wherever it stands (without the colon, "working" after sets could name them).
            found.set_items.append(_Phase(_LABELS[low], label=True))
        elif low in _PHASES:
            after_sets = start > 0 and self.toks[start - 1].kind not in ("sep", "slash")
            nxt = self.peek()
            closed = nxt is None or nxt.kind in ("sep", "slash")
            found.set_items.append(_Phase(_PHASES[low], after_sets, closed))
        elif low in _BW:
            found.set_items.append(_Load(None, None))
        elif low == "body" and self.is_("word", words=("weight",)):
            self.take()
            found.set_items.append(_Load(None, None))
        elif (low in _SIDE_LEAD and self.is_("word", words=_SIDE_WORDS)) or (
            low == "in" and self.is_("word", words=("each",)) and self.is_("word", 1, _HAND_WORDS)
        ):
            self.i += low == "in"  # "in each hand"
            word = self.take().low
            # Said again for each group ("1x10 each side 6kg, 3x8 each side 12kg"), or as a pair on a
            # side ("3x8 each side 12kg each hand"): fine; twice for the same sets is a slip.
            hand = word in _HAND_WORDS
            if (found.per_hand if hand else found.side) and found.side_items == len(found.set_items):
                found.once("side", True)
            found.side_items = len(found.set_items)
            if hand:
                found.per_hand = True
            else:
                found.side = True
        elif low in ("rpe", "rir"):
            self.effort(low)
        elif low == "band":
            self.band()
        elif low in _STRENGTHS and self.is_("word", words=("band",)):
            self.take()
            self.set_strength(low)
            if self._position_follows():  # "heavy band at the feet", "heavy band=ankles"
                self.band()
        elif low in ("at", "on"):
            self.at_word(tok)
        elif low in ("today", "tonight") or (low == "this" and self.is_("word", words=_DAY_PARTS)):
            self.i += low == "this"  # "this evening": today, at the time logged (as "today" is)
            self.set_day(self.today)
        elif low == "yesterday":
            self.set_day(self.today - timedelta(days=1))
        elif low in _WEEKDAYS or (low == "last" and self.is_("word", words=_WEEKDAYS)):
            last = low == "last"
            weekday = _WEEKDAYS[self.take().low if last else low]
            # "mon" on a Monday is today, as "today" would be (a time still to come is refused, like
            # "today at 9pm" at 8pm); "last mon" on a Monday is a week ago. Other days: the most recent.
            back = (self.today.weekday() - weekday) % 7 or (7 if last else 0)
            self.set_day(self.today - timedelta(days=back))
            self.found.weekday_today = "" if back else tok.low
        elif low in _MONTHS and self.is_("num"):  # "nov 28", "november 28th, 2026"
            self.set_day(self.month_day(low, self.take().text))
        elif low == "tomorrow":
            raise LogParseError("That date is still to come: log what you did, like yesterday or 2026-11-28.")
        elif low == "same":
            self.same()
        elif low in _PAIR_WORDS | _ONE_WORDS and (self.after_load(start) or self.after_pair(start)):
            self.implement(low, low in _PAIR_WORDS or (low in _DUMBBELL_ONE and self.pairs))
        elif self.said_again(start):
            pass  # "22kg dumbbells dumbbells": the same implement said twice is still the one
        else:
            raise self.unknown(tok)

    def said_again(self, at: int) -> bool:
        """The implement word at token ``at`` repeats the one just read for the same sets ("22kg
        dumbbells dumbbells", "22kg dumbbells dbs"); a different one ("dumbbells kettlebells") is not."""
        word = self.toks[at].low
        implements = self.found.implements
        if word not in IMPLEMENT_WORDS or not at or not implements:
            return False
        before = self.toks[at - 1]
        read_at, read = implements[-1]
        return (
            before.kind == "word"
            and before.low == read
            and read_at == len(self.found.set_items)
            and IMPLEMENT_WORDS[read] == IMPLEMENT_WORDS[word]
        )

    def after_load(self, at: int) -> bool:
        """The word at token ``at`` follows a load just read ("50lb", "50 lb", a bare "50")."""
        items = self.found.set_items
        last = items[-1] if items else None
        before = self.toks[at - 1].kind if at else ""
        return isinstance(last, _Load) and last.value is not None and before in ("num", "unit")

    def after_pair(self, at: int) -> bool:
        """The word at token ``at`` follows a load × reps just read ("22kg x 10,10,9", "22x10, 22x9")."""
        items = self.found.set_items
        last = items[-1] if items else None
        if not isinstance(last, _Pair) or not at or self.toks[at - 1].kind not in ("num", "unit"):
            return False
        return last.by_load or sum(isinstance(x, _Pair) for x in items) >= 2

    def implement(self, word: str, pair: bool) -> None:
        """ "50lbs dumbbells": the load is per hand of a pair; "20kg kettlebell": one, as typed (a pair
        typed as "2x20kg" stays one); "2x20kg barbell" is refused: a pair is no bar."""
        found = self.found
        found.implements = (*found.implements, (len(found.set_items), word))
        last = found.set_items[-1]
        assert isinstance(last, _Load | _Pair)  # as `after_load` or `after_pair` saw it
        value, unit = (last.value, last.unit) if isinstance(last, _Load) else (last.a, last.a_unit)
        if word in _BAR_WORDS and last.implements == 2:
            each = f"{_fmt(value or 0.0)}{unit or self.unit}"
            raise LogParseError(
                f"2x{each} is a pair of dumbbells and {word} says a barbell: write one, like 3x10 2x{each} "
                f"for the dumbbells or {_eg('3x10 60kg barbell', self.unit)}."
            )
        if pair:
            self.found.set_items[-1] = replace(last, implements=2)

    def label(self, low: str) -> bool:
        """Is the kind word ``low`` (just read) a label: followed by ":" ("w:", "working sets:") and then
        more? If so the "sets" and ":" are taken."""
        ahead = 1 if low in _LABELS and self.is_("word", words=("set", "sets")) else 0
        if low not in _LABELS or not self.is_("sep", ahead, (":",)) or self.peek(ahead + 1) is None:
            return False
        self.i += ahead + 1
        return True

    def set_day(self, day: date) -> None:
        self.found.once("date", self.found.day)
        self.found.day = day

    def at_word(self, tok: _Tok) -> None:
        """ "at 80kg" / "at 80" (a load), "at 7am" (a time), "on mon" / "on 2026-11-28" (a date)."""
        if tok.low == "at" and self.is_("num"):
            value = float(self.take().text)
            if self.is_("unit"):
                self.found.set_items.append(_load(value, _unit(self.take().text, self.unit)))
            elif value == int(value):
                self.found.set_items.append(_AtHour(int(value)))  # "at 7": a time or a load, see _groups
            else:
                self.found.set_items.append(_load(value, self.unit))
        elif tok.low == "at" and self.is_("time"):
            self.clock(self.take())
        elif tok.low == "on" and (
            self.is_("date")
            or self.is_("word", words=set(_WEEKDAYS) | set(_MONTHS) | {"today", "last"})
            or (self.is_("num") and (self.is_("word", 1, _MONTHS) or self.is_("word", 1, _ORDINAL)))
        ):
            return  # the date itself follows
        elif tok.low == "on" and self.is_("num") and self.is_("slash", 1) and self.is_("num", 2):
            raise _day_month_error(self.chunk(self.peek()))  # "on 28/11"
        else:
            raise self.unknown(tok)

    def band(self) -> None:
        after, said = self.i, False
        while self.is_("sep"):
            sep = self.take()  # (taken first: "band=," once said must still move on past the ",")
            said = said or sep.low in ("=", ":")
        if self.is_("word", words=("at", "on", "around")) and (said or self.is_("word", 1)):
            self.take()  # "band at the feet", not "band at 7am" (a time)
            said = True
            if self.is_("word", words=("the",)):
                self.take()
        if not said and not self.is_("word", words=(*_BANDS, *_STRENGTHS)):
            self.i = after  # "3x20 band": a band, where it goes unsaid (as "3x20 heavy band" leaves it)
            self.found.band_unsaid = True
            return
        if not self.is_("word"):
            raise LogParseError("Say where the band goes, like band=knees, band=ankles or band=feet.")
        word = self.take()
        if word.low in _STRENGTHS:
            self.set_strength(word.low)
            return
        if word.low not in _BANDS:
            raise LogParseError(
                f"The band goes at the knees, ankles or feet, not '{word.text[:20]}' (e.g. band=ankles, or medium band)."
            )
        self.found.once("band position", self.found.band)
        self.found.band = _BANDS[word.low]

    def set_strength(self, word: str) -> None:
        self.found.once("band strength", self.found.resistance)
        self.found.resistance = word

    def _position_follows(self) -> bool:
        """After "medium band": "at the feet" or "=feet" is its position (not "at 7am", a time)."""
        if self.is_("sep", words=("=", ":")):
            return self.is_("word", 1)  # "=hips" too: `band` says where a band can go
        if not self.is_("word", words=("at", "on", "around")):
            return False
        words = [t.low for t in self.toks[self.i + 1 : self.i + 3] if t.kind == "word"]
        return bool(words) and (
            words[0] in _BANDS or (words[0] == "the" and words[1:2] != [] and words[1] in _BANDS)
        )

    def same(self) -> None:
        if self.found.same:
            raise _same_twice()  # "hip thrust same same": a slip, as any word given twice is
        self.found.same = True
        # "same as last time" / "same as last" / "same as before"
        if self.is_("word", words=("as",)) and self.is_("word", 1, ("last", "before")):
            last = self.toks[self.i + 1].low == "last"
            self.i += 2
            if last and self.is_("word", words=("time", "session", "week")):
                self.take()


# --- the exercise name ------------------------------------------------------------------------------
# Words that may start a date or time written before the exercise name ("yesterday at 7 hip thrust").
_WHEN_WORDS = frozenset({"at", "on", "today", "tonight", "this", "yesterday", "last", *_WEEKDAYS, *_MONTHS})


def _when_first(text: str, toks: list[_Tok], unit: Unit, today: date) -> int:
    """How many tokens at the start of the line are a date and time, as a lifter may write them before
    the exercise ("yesterday at 7 hip thrust 3x10 80kg", "7am hip thrust ..."); 0 for none."""
    reader = _Reader(text, toks, 0, unit, today)
    end = 0
    while (tok := reader.peek()) is not None and (
        tok.kind in ("num", "date", "time", "sep") or tok.low in _WHEN_WORDS
    ):
        try:
            reader.step(tok)
        except LogParseError:
            break  # read again after the name, where it is refused as before
        if not reader.only_when():
            break
        end = reader.i
    return end


def _starts_item(toks: list[_Tok], i: int) -> bool:
    """Does the part after the exercise name begin at token ``i``?"""
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if tok.kind == "num":
        after = [t.low for t in toks[i + 1 : i + 3]]
        if after[:1] and (after[0] in _MONTHS or (after[0] in _DAYS_AGO and after[1:] == ["ago"])):
            return True  # "28 nov", "2 days ago"
        # "45 degree back extension", "45° back extension", "3d lunge": a number (with whatever is glued
        # to it) then a plain word belongs to the name; "80kgg" at the end does not.
        j = i + 1
        while j < len(toks) and toks[j].start == toks[j - 1].end and toks[j].kind in ("word", "other"):
            j += 1
        return not (j < len(toks) and toks[j].kind == "word" and not _starts_item(toks, j))
    if tok.kind == "sep":
        return False
    if tok.kind == "other" and i > 0 and toks[i - 1].end == tok.start:
        return False  # glued to the name ("45°")
    if tok.kind != "word":
        return True
    low = tok.low
    if low in _ALWAYS_ITEM:
        return True
    follows = nxt.low if nxt is not None else ""
    nxt_kind = nxt.kind if nxt is not None else ""
    if low in _SIDE_LEAD:
        return follows in _SIDE_WORDS
    if low in ("set", "sets"):  # "hip thrust sets: 3x10 80kg": a label
        return follows == ":"
    if low in _PHASE_PAIRS:  # "hip thrust warm up 40x10": not "hip thrust warm up"
        return follows in _PHASE_PAIRS[low]
    if low == "in":
        return follows == "each" and i + 2 < len(toks) and toks[i + 2].low in _HAND_WORDS
    if low == "body":
        return follows == "weight"
    if low == "band":
        after = [t.low for t in toks[i + 1 : i + 4] if t.kind != "sep"]
        return bool(after) and (
            after[0] in _BANDS or after[0] in _STRENGTHS or after[0] in ("at", "on", "around")
        )
    if low in _STRENGTHS:
        return follows == "band"
    if low == "at":
        return nxt_kind in ("num", "time")
    if low == "on":
        return nxt_kind in ("date", "num") or follows in _WEEKDAYS or follows in _MONTHS or follows == "today"
    if low == "last":
        return follows in _WEEKDAYS
    if low == "this":
        return follows in _DAY_PARTS
    if low in _MONTHS:
        return nxt_kind == "num"
    return False


def _sets_follow_a_name(text: str, toks: list[_Tok]) -> int:
    """How many of ``toks`` are an exercise name followed by sets ("glute bridge 3x15", "rdl 100kg x 5",
    "rdl 10,10,8"; not a note's words, "felt easy 2 reps left"); 0 when they are not."""
    name, i, _ = _split_name(text, toks)
    follows = [t.kind for t in toks[i : i + 2]]
    return i if name and follows[:1] == ["num"] and follows[1:] in (["x"], ["unit"], ["sep"]) else 0


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(t.low for t in _lex(name))


@lru_cache(maxsize=64)
def _names_as_words(names: tuple[str, ...]) -> tuple[tuple[int, ...], frozenset[tuple[str, ...]]]:
    """``names`` as words, with their word counts longest first: an import can leave thousands of own
    names, and each /log looks up the line's first words once per count (reading 3,000 names in turn
    took 2–5 ms a look)."""
    words = frozenset(w for name in names if (w := _name_words(name)))
    return tuple(sorted({len(w) for w in words}, reverse=True)), words


def _own_name_end(toks: list[_Tok], start: int, names: tuple[str, ...]) -> int:
    """The index after the longest of ``names`` that ``toks`` spell from ``start`` on, word for word
    and followed by a space or the end ("band=knees" after "hip thrust" is no "Hip Thrust Band");
    ``start`` when none."""
    if not names:
        return start
    counts, known = _names_as_words(names)
    for count in counts:
        stop = start + count
        if (
            stop <= len(toks)
            and tuple(t.low for t in toks[start:stop]) in known
            and (stop == len(toks) or toks[stop].start > toks[stop - 1].end)
        ):
            return stop
    return start


def _split_name(text: str, toks: list[_Tok], names: tuple[str, ...] = ()) -> tuple[str, int, bool]:
    """(exercise name, index of the first item token, whether the line starts with "same"). One of
    ``names`` the line starts with is read whole (`LogContext.names`)."""
    start = 0
    # One of the user's own names read whole wins over "same" ("Same Side Step" is a name).
    same_first = bool(toks) and toks[0].low == "same" and _own_name_end(toks, 0, names) == 0
    if same_first:  # "same as last time hip thrust" / "same hip thrust"
        start = 1
        if len(toks) > 2 and toks[1].low == "as" and toks[2].low in ("last", "before"):
            start = 3 + (
                len(toks) > 3 and toks[2].low == "last" and toks[3].low in ("time", "session", "week")
            )
    i = _own_name_end(toks, start, names)
    while i < len(toks) and not _starts_item(toks, i):
        i += 1
    if i == start:
        return "", i, same_first
    name = text[toks[start].start : toks[i - 1].end].strip(" :-\u2013\u2014,;=")
    return " ".join(name.split()), i, same_first


# --- groups: from items to sets -----------------------------------------------------------------------
@dataclass
class _Group:
    kind: SetKind
    specs: list[_Pair | _Reps] = field(default_factory=list)
    # Each spec's place among the line's sets typed (0 for the first "225x5" or "3x5"): its own effort.
    ordinals: list[int] = field(default_factory=list)
    load: _Load | None = None
    small_at: float | None = None  # the load came from "@N" with N <= 10: maybe the RPE
    at_hour: int | None = None  # the load came from "at N" with N <= 23: maybe the time N:00
    marked: bool = False  # its kind was typed (a word or "/"), not the default
    # A kind word after the last item of a list with no shared load ("100x5, 60x10 back off"): the
    # kind of that item only, as it is for items typed with their own load ("100kgx5, 60kgx10 back off").
    last_kind: SetKind | None = None
    # A kind word after sets whose load closes the group names the sets at that load; a top set before
    # them with a load of its own ("100x5, 3x10 70kg back off": the 100x5) keeps the kind it had.
    top_kind: SetKind | None = None

    @property
    def complete(self) -> bool:
        """Another load or AxB after this starts a new group."""
        if not self.specs:
            return False  # "80kg 3x10": a load first waits for its sets
        return self.load is not None or all(isinstance(s, _Pair) and s.explicit for s in self.specs)


def _carries_load(specs: list[_Pair | _Reps]) -> bool:
    """The spec is an AxB whose A can only be a load ("60kgx10", "60x10": 60 sets cannot be)."""
    return bool(specs) and isinstance(spec := specs[0], _Pair) and spec.by_load


def _load_follows(items: list[_SetItem], k: int) -> bool:
    """A unit-less AxB at ``k`` is followed by its own load ("3x10 80kg", "3x10 @80")."""
    return not items[k].explicit and k + 1 < len(items) and isinstance(items[k + 1], _Load | _At | _AtHour)


def _at_hour_is_time(item: _AtHour, found: _Found) -> None:
    """ "at N" read as the time N:00."""
    if item.hour > 23:
        raise LogParseError(f"at {item.hour} is not a time; write at 7am or at 19:30.")
    found.once("time", found.clock)
    found.clock = time(item.hour)


def _loaded_after(items: list[_SetItem], k: int, waiting: _Group | None) -> bool:
    """The sets "at N" (at ``k``) would load get a load of their own: one right after it ("3x10 at 7
    80kg", "at 7 80kg 3x10"), or, before any sets, after the sets that follow ("at 7 3x10 80kg")."""
    after = items[k + 1 : k + 3]
    if after and isinstance(after[0], _Load):
        return True
    if waiting is not None and waiting.specs or len(after) < 2:
        return False
    sets, load = after
    plain = isinstance(sets, _Reps) or (isinstance(sets, _Pair) and not sets.explicit)
    return plain and (isinstance(load, _Load) or (isinstance(load, _At) and load.value > 10))


def _kg(load: _Load | None) -> float | None:
    if load is None or load.value is None:
        return None
    return to_kg(load.value, load.unit or "kg") * load.implements


def _group_kg(group: _Group) -> float | None:
    """The heaviest load a group names, in kg (None: none known)."""
    loads = [_kg(group.load)] + [
        _kg(_Load(p.a, p.a_unit)) for p in group.specs if isinstance(p, _Pair) and p.a_unit
    ]
    return max((x for x in loads if x is not None), default=None)


def _next_kg(items: list[_SetItem], k: int, unit: Unit) -> float | None:
    """The load of the sets right after ``k`` as the kind word at ``k`` would read them ("w 40x10":
    40 kg), in kg; None when it is not plain."""
    after = items[k + 1 : k + 3]
    if not after:
        return None
    first = after[0]
    if isinstance(first, _Load):
        return _kg(first)
    if isinstance(first, _Pair):
        if len(after) > 1 and isinstance(after[1], _Load):
            return _kg(after[1])
        if first.a_unit or first.a > MAX_SETS or first.a != int(first.a):
            return _kg(_Load(first.a, first.a_unit or unit))
    return None


def _names_group_before(
    item: _Phase, items: list[_SetItem], k: int, groups: list[_Group], unit: Unit
) -> bool:
    """Does the kind word at ``k`` name the group typed before it? It does right after sets and before
    a "," or "/" or the end of the sets ("1x10 40kg warmup, 3x10 80kg", "2x12 60kg backoff, ..."). Between
    two groups with nothing between ("1x10 40kg warmup 3x10 80kg") it names the one before, as people
    write it, unless that reading is not a workout: a warm-up heavier than the work after it ("3x10 80kg
    w 1x10 40kg"), a back-off or drop with no work before it ("3x5 140kg backoff 2x8 110kg"), or a group
    that has its kind from a word in front already."""
    before = groups[-1] if groups else None
    if not item.after_sets or before is None or not before.specs:
        return False
    if item.closed or k == len(items) - 1 or isinstance(items[k + 1], _Phase):
        return True
    if not before.complete or before.kind is not SetKind.WORKING or before.marked:
        return False
    if item.kind is SetKind.WARMUP:
        here, then = _group_kg(before), _next_kg(items, k, unit)
        return here is None or then is None or here <= then
    if item.kind in (SetKind.BACKOFF, SetKind.DROP):
        return any(g.kind is SetKind.WORKING and g.specs for g in groups[:-1])
    return True


def _warm_kg(group: _Group, unit: Unit) -> float:
    """The heaviest load of a warm-up group in kg: its load, or its AxB read as load × reps (0: bw)."""
    if group.load is not None:
        return _kg(group.load) or 0.0
    loads = [_kg(_Load(p.a, p.a_unit or unit)) or 0.0 for p in group.specs if isinstance(p, _Pair)]
    return max(loads, default=0.0)


def _starts_work(items: list[_SetItem], k: int, groups: list[_Group], unit: Unit) -> bool:
    """After a warm-up word and no "/" ("w 2x10 40kg, 1x8 60kg, 3x10 85kg"), is the sets × reps at ``k``
    the work? It is when it has its own load, heavier than every warm-up before it and no lighter than
    any group after it (back-offs may follow: "w 2x10 40kg, 3x10 85kg, 2x8 70kg backoff"); a line of
    warm-ups only ("w 60x8, 80x5", "warmup 2x10 40kg") stays so."""
    item = items[k]
    if not isinstance(item, _Pair) or item.explicit or k + 1 >= len(items):
        return False
    load = items[k + 1]
    if isinstance(load, _At) and load.value > 10:  # "3x10 @85": the load (a small one may be the RPE)
        load = _Load(load.value, unit)
    if not isinstance(load, _Load) or (kg := _kg(load)) is None:
        return False
    later = items[k + 2 :]
    if any(isinstance(x, _Phase) and x.kind is SetKind.WORKING for x in later):
        return False  # a "/" after it: warm-ups up to there
    if any(isinstance(x, _Load) and (_kg(x) or 0.0) > kg for x in later):
        return False  # a heavier group later is the work ("w 2x10 40kg, 1x8 60kg, 3x10 85kg")
    warm = [g for g in groups if g.kind is SetKind.WARMUP and g.specs]
    return bool(warm) and kg > max(_warm_kg(g, unit) for g in warm)


def _pair_kg(pair: _Pair, unit: Unit) -> float:
    return _kg(_Load(pair.a, pair.a_unit or unit)) or 0.0


def _ramp_tops_out(items: list[_SetItem], k: int, groups: list[_Group], unit: Unit) -> bool:
    """After a warm-up word and no "/", does a load × reps list end in the work at ``k``? Warm-up reps
    fall as the load climbs (40% ×5, 60% ×3, 80% ×2), so the list's heaviest step is the work when it
    keeps the reps ("w 135x5, 225x5": all warm-ups before) or turns them back up ("w 40x10 60x5 100x8"),
    or is done twice ("w 40x10, 60x5, 100x8, 100x8"). A ramp whose reps keep falling ("w 60x8, 80x5")
    stays warm-ups."""
    item, group = items[k], groups[-1]
    if not isinstance(item, _Pair) or group.load is not None or _load_follows(items, k):
        return False
    ramp = [p for p in group.specs if isinstance(p, _Pair)]
    if not ramp or len(ramp) != len(group.specs):
        return False
    later = items[k + 1 :]
    if any(isinstance(x, _Phase) and x.kind is SetKind.WORKING for x in later):
        return False  # a "/" after it: warm-ups up to there
    kg = _pair_kg(item, unit)
    if kg <= max(_pair_kg(p, unit) for p in ramp):
        return False
    if any(isinstance(x, _Load | _At) or isinstance(x, _Pair) and _pair_kg(x, unit) > kg for x in later):
        return False  # a heavier or loaded group later is the top
    again = bool(later) and isinstance(later[0], _Pair) and _pair_kg(later[0], unit) == kg
    return item.b >= ramp[-1].b or again


def _groups(items: list[_SetItem], found: _Found) -> list[_Group]:
    groups: list[_Group] = []
    phase = SetKind.WORKING
    marked = False  # the phase was set by a word or "/" in front of the sets
    topped = False  # a warm-up ramp ended in its work set: the pairs after it are load × reps too
    labelled = False  # the phase was set by a label ("warm up:"): it holds to the next one

    def current(new_if: bool) -> _Group:
        if not groups or groups[-1].kind is not phase or new_if:
            groups.append(_Group(phase, marked=marked))
        return groups[-1]

    for k, item in enumerate(items):
        at_hour: int | None = None
        if isinstance(item, _AtHour):
            waiting = groups[-1] if groups and groups[-1].kind is phase else None
            if (waiting is not None and waiting.complete) or _loaded_after(items, k, waiting):
                # "3x10 80kg at 7", and "at 7 3x10 80kg", "3x10 at 7 80kg": the sets have their load
                _at_hour_is_time(item, found)
                continue
            at_hour = item.hour if item.hour <= 23 else None  # "3x10 at 7": 7 kg or 07:00, asked
            item = _load(float(item.hour), found.default_unit)  # "3x10 at 80": the load
        if isinstance(item, _Phase) and _names_group_before(item, items, k, groups, found.default_unit):
            before = groups[-1]
            if before.load is None and len(before.specs) > 1:
                before.last_kind = item.kind  # "100x5, 60x10 back off": the 60x10 only
            else:
                if before.load is not None and len(before.specs) > 1:
                    before.top_kind = before.kind  # "100x5, 3x10 70kg back off": the 100x5 stays work
                before.kind, before.marked = item.kind, True  # "1x10 40kg warmup, 3x10 80kg"
            phase, marked, labelled = SetKind.WORKING, False, False
            groups.append(_Group(phase))
        elif isinstance(item, _Phase):
            # A label holds to the next label; one with none after it ("warm up: 60x5, 100x5x3") reads
            # as its word alone does ("w 60x5, 100x5x3": the work starts at the heaviest sets).
            later_label = any(isinstance(x, _Phase) and x.label for x in items[k + 1 :])
            phase, marked, topped, labelled = item.kind, True, False, item.label and later_label
            groups.append(_Group(phase, marked=True))  # a marker always ends the group before it
        elif isinstance(item, _Pair | _Reps):
            warming = (
                phase is SetKind.WARMUP and not labelled and isinstance(item, _Pair) and groups[-1].specs
            )
            if warming and _ramp_tops_out(items, k, groups, found.default_unit):
                phase, topped = SetKind.WORKING, True
            if topped and isinstance(item, _Pair) and not item.explicit and not _load_follows(items, k):
                item = replace(item, a_unit=found.default_unit)  # "100x8" after the ramp: 100 kg × 8
            if warming and (
                item.tail
                or (groups[-1].load is None and isinstance(item, _Pair) and _load_follows(items, k))
                or _starts_work(items, k, groups, found.default_unit)
            ):
                # "w 60x8, 80x5 100x10,10,9" / "w 60x8 3x10 80kg": warm-ups are single sets on the way
                # up (load x reps); several sets at one load after them, or sets x reps with their load,
                # are the work (as if "/" stood before them).
                phase = SetKind.WORKING
            apart = False
            if isinstance(item, _Pair) and item.sets_last and groups and groups[-1].kind is phase:
                # "rdl 10x10, 22x10x3": beside load × reps × sets, a unit-less AxB with no load of its
                # own is load × reps as well (10 kg × 10), never more sets of the 22 kg.
                before = groups[-1]
                apart = bool(before.specs) and before.load is None
                if apart:
                    before.specs = [
                        replace(s, a_unit=found.default_unit)
                        if isinstance(s, _Pair) and not s.explicit
                        else s
                        for s in before.specs
                    ]
            group = current(bool(groups) and (groups[-1].complete or apart))
            group.specs.append(item)
            group.ordinals.append(sum(isinstance(x, _Pair | _Reps) for x in items[:k]))
        elif isinstance(item, _At):
            group = groups[-1] if groups and groups[-1].kind is phase else None
            pairs = [s for s in group.specs if isinstance(s, _Pair)] if group else []
            # "3x10 80kg @8" / "60x10 @8": with the load known, a small "@N" is the RPE.
            known = group is not None and (
                group.complete or len(pairs) >= 2 or (group.load is None and _carries_load(group.specs[-1:]))
            )
            if known and item.value <= 10:
                # "225x5 @8": the RPE of the line's work, or with more after it ("225x5 @8, 235x3 @9")
                # of the sets it follows (`_settle_efforts`).
                _check_rpe(item.value, _eg("3x10 80kg", found.default_unit) + " @8")
                before = replace(found, set_items=items[:k])
                before.said("rpe", item.value, at=True)
                found.efforts, found.rpe = before.efforts, before.rpe
            elif known and group is not None and k == len(items) - 1 and item.value <= 20:
                # "3x10 80kg @11": after the work, an "@N" too small for a load and too big for an RPE
                raise LogParseError(
                    f"RPE goes from 1 to 10, not {_fmt(item.value)}: "
                    f"like {_eg('3x10 80kg', found.default_unit)} @8."
                )
            else:
                group = current(bool(groups) and groups[-1].load is not None)
                group.load = _load(item.value, found.default_unit)
                group.small_at = item.value if item.value <= 10 else None
        else:
            group = current(bool(groups) and groups[-1].load is not None)
            if group.complete and group.specs:
                group = current(True)
            group.load = item
            group.at_hour = at_hour
    return [g for g in groups if g.specs or g.load is not None]


# Bodyweight because no load was typed (not "bw"): refused when another group of the line has a load.
_IMPLICIT_BW = _Load(None, None)


def _each_load(unit: Unit) -> LogParseError:
    return LogParseError(f"Give each group its load (or bw), like {_eg('3x10 80kg, 2x8 90kg', unit)}.")


# One run of sets: the reps of each, their load, and whether they were typed as a list ("10,9").
_Run = tuple[tuple[int, ...], _Load, bool]


def _readings(group: _Group, unit: Unit, loaded: bool, choice: str | None) -> tuple[list[_Run], bool]:
    """The group's (reps, load, listed) runs; ``choice`` settles an ambiguous lone AxB.

    Returns (runs, ambiguous) where ambiguous says the lone AxB needed ``choice``."""
    pairs = [s for s in group.specs if isinstance(s, _Pair)]
    bodyweight = _IMPLICIT_BW
    runs: list[_Run] = []
    ambiguous = False
    for spec in group.specs:
        if isinstance(spec, _Reps):
            runs.append((spec.reps, group.load or bodyweight, len(spec.reps) > 1))
            continue
        # Beside loads written with a unit ("3x10, 100kg x 5,5,4"), a small unit-less "3x10" is sets,
        # never 3 kg.
        small_sets = spec.a == int(spec.a) and 1 <= spec.a < AMBIGUOUS_FROM and any(p.explicit for p in pairs)
        listed = len(pairs) >= 2 and not small_sets
        as_load = spec.explicit or (group.load is None and (listed or group.kind is SetKind.WARMUP))
        if not as_load and group.load is None and len(pairs) == 1:
            sets_plausible = spec.a == int(spec.a) and 1 <= spec.a <= MAX_SETS
            if not sets_plausible:
                as_load = True
            elif loaded and spec.a >= AMBIGUOUS_FROM:
                ambiguous = True
                as_load = choice == "load"
        if as_load:
            if group.load is not None and spec.explicit:
                raise LogParseError(
                    f"'{spec.text}' already has its load: write {example(unit)} or {_eg('80kgx10', unit)}."
                )
            load = _load(spec.a, spec.a_unit or unit, spec.implements)
            runs.append(((spec.b, *spec.tail), load, bool(spec.tail)))
        else:
            if (
                group.load is not None
                and spec is not group.specs[-1]
                and (not loaded or spec.a >= AMBIGUOUS_FROM)
            ):
                # "12x12, 3x12 100kg" (12 kg x 12?), "glute bridge 8x5, 1x12 12kg" (8x5 at bodyweight?):
                # the load after the last group is the others' only when they are plainly sets with no
                # load, as "3x10, 2x8 90kg" on a loaded lift; else refused, as "3x12 100kg, 12x12" is.
                last = group.specs[-1]
                if (
                    spec.a > MAX_SETS
                    and isinstance(last, _Pair)
                    and not last.explicit
                    and last.a == int(last.a)
                    and 1 <= last.a <= MAX_SETS
                ):
                    # "120x5, 3x10 90kg": a top set, then sets whose load closes the line. 120 can
                    # only be a load, and the last group is plainly sets waiting for that load.
                    runs.append(((spec.b,), _load(spec.a, unit, spec.implements), False))
                    continue
                if spec.a > MAX_SETS:  # "60x10, 80x8 2x12kg": 60 can only be a load, so two loads
                    load = group.load
                    said = (
                        "bw"
                        if load.value is None
                        else f"{'2 × ' if load.implements == 2 else ''}{_fmt(load.value)} {load.unit}"
                    )
                    raise LogParseError(
                        f"{_fmt(spec.a)}x{spec.b} is a load with its reps, so {said} after it is a second "
                        f"load: give each set one load, like 60x10, 80x8 or {_eg('2x10 2x12kg', unit)}."
                    )
                raise _each_load(unit)
            runs.append(((spec.b,) * _sets(spec, unit), group.load or bodyweight, False))
    return runs, ambiguous


def _expand(reps: tuple[int, ...], listed: bool, sided: bool, template: LoggedSet) -> list[LoggedSet]:
    """The sets of one run. Per side, "3x8" is every set on both sides and "10,9" one set per side."""
    if not sided:
        return [replace(template, reps=r) for r in reps]
    if not listed:
        return [replace(template, reps=r, side=side) for r in reps for side in (Side.LEFT, Side.RIGHT)]
    if len(reps) % 2:
        raise LogParseError("With each side, give the reps in left/right pairs, like 10,9 each side.")
    return [replace(template, reps=r, side=(Side.LEFT, Side.RIGHT)[k % 2]) for k, r in enumerate(reps)]


def _to_sets(
    groups: list[_Group], found: _Found, name: str, ctx: LogContext, choice: str | None
) -> tuple[tuple[LoggedSet, ...], bool]:
    """All sets of the entry, and whether a lone AxB was ambiguous."""
    loaded, activation = ctx.loaded(name), ctx.activation(name)
    runs: list[tuple[SetKind, _Run]] = []
    efforts: list[dict[str, float]] = []  # each run's own RPE/RIR ("225x5 @8, 235x3 @9")
    ambiguous_groups = 0
    for group in groups:
        if not group.specs:
            load = group.load
            if load is not None and load.typed:
                raise _no_sets_for(load.typed, ctx.unit)
            shown = "bw" if load is None or load.value is None else f"{_fmt(load.value)} {load.unit}"
            raise LogParseError(
                f"'{shown}' has no sets: give each load its sets, like {_eg('3x10 80kg, 2x8 90kg', ctx.unit)}."
            )
        group_runs, ambiguous = _readings(group, ctx.unit, loaded, choice)
        ambiguous_groups += ambiguous
        for run in group_runs:
            # A top set with its own load beside the group's ("100x5, 3x10 70kg back off") is not
            # what the word after the group named.
            top = group.top_kind is not None and group.load is not None and run[1] is not group.load
            kind = group.top_kind if top and group.top_kind is not None else group.kind
            runs.append((SetKind.ACTIVATION if kind is SetKind.WORKING and activation else kind, run))
        # One run per spec (a spec `_dumbbell_question` replaced may have none: no effort of its own).
        own = [found.set_efforts.get(n, {}) for n in group.ordinals[: len(group_runs)]]
        efforts += own + [{}] * (len(group_runs) - len(own))
        if group.last_kind is not None:  # one run per item: the last is the item the word names
            runs[-1] = (group.last_kind, runs[-1][1])
    if ambiguous_groups > 1:
        raise LogParseError(
            f"Add units so I know the loads, like {_eg('60kgx10 for 60 kg', ctx.unit)} × 10 "
            "or 3x10 for 3 sets."
        )
    implicit = any(load is _IMPLICIT_BW for _, (_, load, _) in runs)
    weighed = any(load.value is not None for _, (_, load, _) in runs)
    if implicit and weighed:
        raise _each_load(ctx.unit)
    # "rdl 3x10 12kg each hand": a pair, as "2x12kg"; "3x10 each arm" with no load: reps per side.
    pair, sided = (
        (found.per_hand or found.all_pairs) and weighed,
        found.side or (found.per_hand and not weighed),
    )
    sets: list[LoggedSet] = []
    warmups_only = all(kind is SetKind.WARMUP for kind, _ in runs)
    for (kind, (reps, load, listed)), own in zip(runs, efforts, strict=True):
        # The line's effort is for the work, not the warm-ups (of a line of warm-ups only, theirs); a
        # warm-up's own ("w 135x5 @5, 225x5 @8") is its own.
        warmup = kind is SetKind.WARMUP and not warmups_only
        rpe = own.get("rpe", None if warmup else found.rpe)
        rir = own.get("rir", None if warmup else found.rir)
        template = LoggedSet(
            reps=1,
            load=load.value,
            unit=load.unit,
            kind=kind,
            rpe=rpe,
            rir=None if rir is None else int(rir),
            implements=2 if pair and load.value is not None else load.implements,
            band=found.band,
            resistance=found.resistance,
        )
        sets += _expand(reps, listed, sided, template)
    if len(sets) > MAX_ENTRY_SETS:
        raise LogParseError(
            f"That's {len(sets)} sets; I log at most {MAX_ENTRY_SETS} per line (sides counted), "
            f"like {_eg('5x5 100kg', ctx.unit)}."
        )
    return tuple(sets), ambiguous_groups == 1


# Numbers joined by dashes, which /log does not take: a programme's rep range copied in ("4x8-10",
# "80kg 8-10"), a range of loads ("80-100kg"), reps written with dashes ("10-10-9") or a month-day
# date ("11-25"). The "-10" was read as a change of -10 and refused as "must be more than 0", so a
# line refused with a dash in it is told what to write instead (`_dash_advice`).
_SETS_OF_RANGE = re.compile(
    r"(?P<sets>\d{1,2})\s*[x×]\s*(?P<low>\d{1,3})\s*[-–]\s*(?P<high>\d{1,3})(?![\w.\-–])", re.I
)
_DASHED = re.compile(
    r"(?<![\w.\-–/])\d{1,3}(?:\.\d+)?(?:\s*[-–]\s*\d{1,3}(?:\.\d+)?)+\s*(?P<unit>kg|lbs?)?(?![\w.\-–/])", re.I
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SETS_GIVEN = re.compile(r"\d\s*[x×]\s*\d")
_LETTER = re.compile(r"[^\W\d_]")


def _dash_advice(body: str) -> LogParseError | None:
    """What to write instead of the first dashed numbers in ``body`` (None: there are none)."""
    if (ranged := _SETS_OF_RANGE.search(body)) is not None and int(ranged["low"]) < int(ranged["high"]):
        low, high = ranged["low"], ranged["high"]
        return LogParseError(
            f"{low}-{high} is a rep range: log the reps you did, like {ranged['sets']}x{high}."
        )
    # After the name's first word: "90-90 hip switch" is a name.
    found = next((m for m in _DASHED.finditer(body) if _LETTER.search(body, 0, m.start())), None)
    if found is None:
        return None
    typed = " ".join(found.group().split())
    numbers = _NUMBER.findall(found.group())
    if found["unit"]:  # "80-100kg"
        return LogParseError(
            f"{typed} is a range of loads: log the load you lifted, like 3x8 {numbers[-1]}{found['unit'].lower()}."
        )
    if len(numbers) == 2 and _SETS_GIVEN.search(body) and all(n.isdigit() for n in numbers):
        month, day = map(int, numbers)
        if _a_date(day, month) or _a_date(month, day):  # "3x10 80kg 11-25": the sets are there already
            return LogParseError(f"'{typed}' looks like a date: write the date like 25 nov or 2026-11-25.")
    if len(numbers) == 2 and float(numbers[0]) < float(numbers[1]):
        low, high = numbers
        return LogParseError(f"{low}-{high} is a rep range: log the reps you did, like {high},{high},{low}.")
    return LogParseError(f"Write each set's reps with commas, like {','.join(numbers)}, not {typed}.")


# --- dates --------------------------------------------------------------------------------------------
def _day_month_error(typed: str) -> LogParseError:
    return LogParseError(f"'{typed[:12]}' looks like a date: write the date like 28 nov or 2026-11-28.")


def _a_date(day: int, month: int) -> bool:
    """Is ``day``/``month`` a day of the year (a leap year's: 29/2 is one)?"""
    try:
        date(2000, month, day)
    except ValueError:
        return False
    return True


def _no_sets_for(typed: str, unit: Unit) -> LogParseError:
    """A number with no unit and no sets ("3x10 80kg 28.11", "100kg x 10/9"): said as typed, not as a
    load the user never wrote; "28.11" (day.month) is a date to write plainly."""
    m = re.fullmatch(r"([0-9]{1,2})\.([0-9]{2})", typed)
    if m is not None and _a_date(int(m.group(1)), int(m.group(2))):
        return _day_month_error(typed)
    return _unclear_numbers(typed, unit)


def _unclear_numbers(typed: str, unit: Unit) -> LogParseError:
    return LogParseError(
        f"I can't tell what '{typed}' means: write sets as 3x10 or 10,10,8 and the weight as "
        f"{_eg('80kg', unit)}."
    )


def _day_month(groups: list[_Group]) -> None:
    """ "3x10 80kg 28/11", "80kg 28/11": "A/B" typed alone reads as the reps of two sets ("10/9"), but
    it is a date with no year (day or month first: not guessed) when it is one either way round and
    its two sets would be far apart (28 then 11), or, beside other sets, when as reps it would have no
    load while the others have one. Refused as a date."""
    specs = [s for g in groups for s in g.specs]
    loaded = any(g.load is not None and g.load.value is not None for g in groups)
    for group in groups:
        for spec in group.specs:
            if not isinstance(spec, _Reps) or not spec.slashed:
                continue
            a, b = spec.reps
            if not (_a_date(a, b) or _a_date(b, a)):
                continue
            unloaded = len(specs) > 1 and group.specs == [spec] and group.load is None and loaded
            if unloaded or max(a, b) > 2 * min(a, b):
                raise _day_month_error(spec.slashed)


def _when(found: _Found, ctx: LogContext, *, to_come: bool = False, typed: str = "") -> datetime:
    """When the entry was trained. A time still to come today is refused (naming the line ``typed``
    with "yesterday" added), unless ``to_come`` (a reading checked before it is offered)."""
    now = ctx.now.astimezone(UTC)
    if found.day is None and found.clock is None:
        return now if ctx.undated is None else ctx.undated
    zone = UTC if found.utc else ctx.tz
    today = now.astimezone(zone).date()
    # A time with no date is on ``ctx.time_on`` (an edited entry's day), else today; only on today can
    # it be still to come.
    day = found.day or ctx.time_on or today
    if day > today:
        raise LogParseError("That date is still to come: log what you did, like yesterday or 2026-11-28.")
    if day < EARLIEST:
        raise LogParseError(f"I log dates from {EARLIEST.isoformat()} on, like 2026-11-28.")
    if found.clock is None and day == today:
        at = now  # "today" (or today's weekday) with no time: now, in the session being logged
    elif found.clock is None:
        at = _placed(day, zone, ctx.latest_on(day))
    else:
        at = datetime.combine(day, found.clock or NOON, tzinfo=zone).astimezone(UTC)
    if to_come:
        return at
    if at > now and found.weekday_today:
        raise LogParseError(
            f"{found.weekday_today.capitalize()} is today and {found.clock:%H:%M} is still to come: "
            f"for last week's, write last {found.weekday_today} at {found.clock:%H:%M}."
        )
    if at > now:
        said = f"{found.clock:%H:%M}"
        quoted = f"{said} today is still to come: for yesterday's, write {_on_yesterday(typed)}."
        if typed and found.day is None and ctx.time_on is None and len(quoted) < SHORT_REFUSAL:
            raise LogParseError(quoted)
        raise LogParseError(f"{said} today is still to come: log what you did, like yesterday at {said}.")
    return at


def _on_yesterday(typed: str) -> str:
    """The line as typed with "yesterday" after its sets (a date may follow the time), before a note
    that runs to the end ("-- left knee", emoji), so it reads as typed, on yesterday."""
    dash = _NOTE_DASH.search(typed)
    emoji = _TRAILING_EMOJI.search(typed)
    cut = dash.start() if dash else emoji.start() if emoji else len(typed)
    return f"{typed[:cut].rstrip(' .!')} yesterday{typed[cut:]}"


def _placed(day: date, zone: tzinfo, latest: datetime | None) -> datetime:
    """A past local ``day`` typed with no time: a minute after ``latest`` (the day's last entry already
    logged), so a workout backdated line by line stays one session in the order typed; local noon when
    the day has none. Never past the day's end (then at ``latest``: the store orders ties by id)."""
    if latest is None:
        return datetime.combine(day, NOON, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return max(latest, min(latest + timedelta(minutes=1), end - timedelta(microseconds=1)))


# --- the entry point ----------------------------------------------------------------------------------
def _bounded(text: object, unit: Unit = "kg") -> str:
    if not isinstance(text, str) or not text.strip():
        raise LogParseError(f"Tell me what you did, like: {example(unit)}.")
    # Full-width digits, letters and brackets (a CJK phone keyboard: "３x１０ ８０kg （felt easy）") read
    # as the plain ones. The length is checked again after: a few characters expand up to 18-fold.
    if len(text) > MAX_TEXT or len(text := unicodedata.normalize("NFKC", text)) > MAX_TEXT:
        # Worded as the command's own length refusal (core.registry), with this same limit.
        raise LogParseError(
            f"That is too long (at most {MAX_TEXT} characters): write it like {example(unit)} -- a short note."
        )
    # Control and format characters (terminal escapes, direction overrides) never reach a card or a
    # note; the emoji joiner stays. One rule with /import's notes (domain/text.py).
    return visible_text(text)


@dataclass(frozen=True)
class _Note:
    text: str
    before: str = ""  # the line before a bracketed note, spaces normalised ("" for other notes)


def _paren_notes(line: str) -> tuple[str, list[_Note]]:
    """(the line without its bracketed notes, the notes). Brackets nest ("(last set (3rd) was hard)");
    a smiley's ")" inside a note does not end it ("(felt easy :) )"); an unclosed "(" runs to the end."""
    body, notes, _ = _paren_scan(line)
    return body, notes


def _note_dash(line: str) -> re.Match[str] | None:
    """The "--" that starts a note, outside brackets: in "(note -- with dashes)" it is the note's text.
    A lone "-" only after a number ("3x10 80kg - felt easy"): before one it may be in a name."""
    return next(
        (
            m
            for m in _NOTE_DASH.finditer(line)
            if not _paren_scan(line[: m.start()])[2]
            and (m.group().strip() != "-" or any(c.isdigit() for c in line[: m.start()]))
        ),
        None,
    )


def _note_effort(note: str) -> int | None:
    """Where an RPE ending a "--" note starts ("knee hurts rpe 9", "knee hurts, RPE: 8,5", "rpe9."),
    read as the parser reads one ("rpe", maybe "=" or ":", then 1 to 10 in half steps); None when the
    note does not end in one ("rpe 9 but knee hurts", "rpe 11")."""
    # A decimal comma ("rpe 8,5") is the same length as its point: the places stay the note's.
    toks = _lex(_COMMA_AFTER_MARK.sub(r"\1.\2", note.rstrip(" .!")))
    if len(toks) < 2 or toks[-1].kind != "num":
        return None
    k = len(toks) - 2
    while k > 0 and toks[k].kind == "sep" and toks[k].text in "=:":
        k -= 1
    if toks[k].low != "rpe" or not _rpe_ok(float(toks[-1].text)):
        return None
    return toks[k].start


def _paren_scan(line: str) -> tuple[str, list[_Note], int]:
    """:func:`_paren_notes`, and how many brackets are still open at the end of ``line``."""
    body: list[str] = []
    notes: list[_Note] = []
    note: list[str] = []
    depth = 0
    since = 0  # where the text after the last note starts in ``body``
    before = ""  # the two characters before ``c``
    glued = False  # the open note's "(" follows a non-space: "alert(1)x" may be a word, not a note
    for k, c in enumerate(line):
        smiley = bool(before) and (before[-1] in ":;=" or before in (":-", ";-", "=-"))
        before = (before + c)[-2:]  # ":(" and ":-(" are faces, not brackets
        if c == "(" and smiley:
            (note if depth else body).append(c)
        elif c == "(":
            if depth:
                note.append(c)
            else:
                glued = k > 0 and not line[k - 1].isspace()
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth:
                note.append(c)
            elif glued and k + 1 < len(line) and not line[k + 1].isspace() and line[k + 1] not in ".,;!?(":
                # Brackets inside a word ("<b>alert(1)</b>", "f(x)y") are part of it, kept as typed.
                body += ["(", *note, ")"]
                note = []
            else:
                notes.append(_Note("".join(note), " ".join("".join(body).split())))
                note, since = [], len(body)
        elif c == ")" and notes and not any(ch.isdigit() for ch in body[since:]):
            # A stray ")" just after a note closes it instead: the first was a smiley's.
            last = notes[-1]
            notes[-1] = _Note(last.text + ")" + "".join(body[since:]), last.before)
            del body[since:]
        elif depth:
            note.append(c)
        else:
            body.append(c)
    if depth:
        notes.append(_Note("".join(note), " ".join("".join(body).split())))
    return "".join(body), notes, depth


def _split_note(line: str, effort: bool = True) -> tuple[str, list[_Note]]:
    """(the line without its notes, the notes): "-- left knee" runs to the end; "(felt easy)" anywhere;
    emoji at the end ("💪🔥") are a note too. With ``effort``, an RPE ending a "--" note goes back to
    the line (`_note_effort`): "3x5 100kg -- knee hurts rpe 9" is "3x5 100kg rpe 9", "knee hurts"."""
    dash = _note_dash(line)
    rest = ""
    if dash is not None:
        line, rest = line[: dash.start()], line[dash.end() :]
        k = _note_effort(rest) if effort else None
        if k is not None:
            line, rest = f"{line} {rest[k:]}", rest[:k].rstrip(" ,;")
    line, notes = _paren_notes(line)
    emoji = _TRAILING_EMOJI.search(line)
    if emoji is not None:
        line, notes = line[: emoji.start()], [*notes, _Note(emoji.group().strip())]
    notes.append(_Note(rest))
    notes = [_Note(" ".join(n.text.split()), n.before) for n in notes if n.text.strip()]
    return " ".join(line.split()), notes


def _equipment_in_name(name: str, notes: list[_Note]) -> tuple[str, str]:
    """(the exercise name, the note). A bracket right after the name that names the apps' equipment is
    part of the name, as Strong and Hevy write it ("goblet squat (kettlebell) 3x10": the user's imported
    "Goblet Squat (Kettlebell)"); any other bracket is a note ("hip thrust (paused) 3x10")."""
    first = next((n for n in notes if n.before), None)
    if (
        name
        and first is not None
        and (first.before == name or first.before.endswith(" " + name))
        and " ".join(first.text.casefold().split()) in APP_EQUIPMENT
    ):
        name = f"{name} ({first.text})"
        notes = [n for n in notes if n is not first]
    return name, "; ".join(n.text for n in notes)


def parse_log(text: str, ctx: LogContext) -> Entry | Ambiguous | Repeat:
    """Read one ``/log`` line; raise :class:`LogParseError` (only that) when it can't be read."""
    try:
        try:
            return _read_log(text, ctx)
        except LogParseError:
            if not (isinstance(text, str) and "rpe" in text.casefold()):
                raise
            # An RPE ending a "--" note that the line cannot take ("same -- knee hurts rpe 9", an RPE
            # given before it too) stays the note's text, as it was before notes gave theirs.
            return _read_log(text, ctx, effort=False)
    except LogParseError as exc:
        readable = type(exc) is LogParseError and isinstance(text, str) and len(text) <= MAX_TEXT
        if readable and (advice := _dash_advice(_split_note(visible_text(text))[0])) is not None:
            raise advice from None
        raise


def _read_log(text: str, ctx: LogContext, effort: bool = True) -> Entry | Ambiguous | Repeat:
    """`parse_log`'s reading; ``effort``: an RPE ending a "--" note is the line's (`_split_note`)."""
    if ctx.now.tzinfo is None or ctx.unit not in MAX_LOAD:
        raise ValueError("LogContext needs an aware `now` and a unit of kg or lb")
    typed = _bounded(text, ctx.unit)
    body, notes = _split_note(typed, effort)
    body = body.rstrip(" .!")
    body = _COMMA_AFTER_MARK.sub(r"\1.\2", _COMMA_BEFORE_UNIT.sub(r"\1.\2", body))
    bw_plus = _BW_PLUS.search(body)
    body = _BW_PLUS.sub(" ", body)  # "bw+20kg": the 20 kg on top of bodyweight is the set's load
    toks = _lex(body)
    if re.match(r"[0-9]{1,2}/[0-9]{1,2}\s+[^\W\d_]", body):  # "28/11 hip thrust ...": a date first
        raise _day_month_error(body.split()[0])
    today = ctx.now.astimezone(ctx.tz).date()
    # A date first ("yesterday hip thrust 3x10"), unless the line starts with one of the user's own
    # names ("Yesterday Lift", kept from an import).
    lead = 0 if _own_name_end(toks, 0, ctx.names) else _when_first(body, toks, ctx.unit, today)
    name, first, same_first = _split_name(body, toks[lead:], ctx.names)
    if not name:  # no name after a date: read as before (and refused with the same words)
        lead = 0
        name, first, same_first = _split_name(body, toks, ctx.names)
    if not name and not same_first:
        _name_comes_first(body, toks, ctx.unit)
    name, note = _equipment_in_name(name, notes)
    if bw_plus is not None and name:
        _bw_plus_on_a_bar(name, ctx)
    bar = ctx.bar(name) if ctx.bar is not None and any(t.kind == "bar" for t in toks) else None
    pairs = bool(name) and ctx.pairs(name)
    reader = _Reader(body, [*toks[:lead], *toks[lead + first :]], 0, ctx.unit, today, bar, pairs)
    reader.read_when(lead)
    try:
        found = reader.read()
    except TooBigChange as exc:
        raise TooBigChange(str(exc), exc.example, name) from None
    _bar_warms_up(found)
    if found.same and same_first:  # "same hip thrust same"
        raise _same_twice()
    found.same = found.same or same_first
    if found.band_unsaid and found.band is None and found.resistance is None and not ctx.activation(name):
        # "hip thrust 3x10 100kg band": no band position or strength to store on a lift that is not
        # band work, so the word is kept as a note rather than dropped unseen.
        note = "; ".join(n for n in (note, "band") if n)
    repeat = found.same or bool(found.deltas)
    if repeat:
        _repeat_at_hour(found)
    groups = [] if repeat else _groups(found.set_items, found)  # may read "at 7" as the time
    _settle_efforts(found)
    _day_month(groups)
    at = _when(found, ctx, typed=typed)

    if repeat:
        return _repeat(found, name, at, note, ctx)
    if not name:
        raise LogParseError(f"Start with the exercise, like: {example(ctx.unit)}.")
    if not any(g.specs for g in groups):
        raise LogParseError(f"Add your sets, like 3x10 or 10,10,8: {example(ctx.unit)}.")
    dumbbells = _dumbbell_question(groups, found, name, at, note, ctx)
    if dumbbells is not None:
        return dumbbells
    effort = _effort_or_load(groups, found, name, at, note, ctx)
    if effort is not None:
        return effort
    hour = _time_or_load(groups, found, name, note, ctx)
    if hour is not None:
        return hour
    sets, ambiguous = _to_sets(groups, found, name, ctx, None)
    if not ambiguous:
        return Entry(name, sets, at, note)
    load_sets, _ = _to_sets(groups, found, name, ctx, "load")
    return Ambiguous(
        (Entry(name, sets, at, note), Entry(name, load_sets, at, note)),
        _labels(groups, ctx.unit),
        sets_or_load=True,
    )


def _name_comes_first(body: str, toks: list[_Tok], unit: Unit) -> None:
    """Refuse "80kg hip thrust 3x10" (sets before the name, more after it) with the line in order."""
    k = next((k for k, t in enumerate(toks) if k and t.kind == "word" and not _starts_item(toks, k)), 0)
    i = _sets_follow_a_name(body, toks[k:]) if k else 0
    if i:
        before, name, after = (
            body[: toks[k].start],
            body[toks[k].start : toks[k + i].start],
            body[toks[k + i].start :],
        )
        said = f"Start with the exercise, like {' '.join((name + before + after).split())}."
        # The line put in order is shown only when its name is words: "[hip](http://x) 3x10" is no name
        # to echo back in order ("like hip] [3x10 80kg").
        plain = _PLAIN_NAME.fullmatch(name.strip()) is not None
        raise LogParseError(
            said if plain and len(said) < SHORT_REFUSAL else f"Start with the exercise, like {example(unit)}."
        )


# "bw+20kg", "bw + 20 kg", "bodyweight +20kg": a load added to bodyweight (a plate on the hips, a
# belt), which /log stores as the load itself; a "+" alone would read as a change to the last entry.
_BW_PLUS = re.compile(r"(?<![\w+])(?:bw|bodyweight|body-weight)\s*\+\s*(?=\d)", re.IGNORECASE)

_PLAIN_NAME = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")


def _dumbbell_question(
    groups: list[_Group], found: _Found, name: str, at: datetime, note: str, ctx: LogContext
) -> Ambiguous | None:
    """ "rdl 3x10 2x12": sets × reps, then "2x12" with no unit is a pair of 12 kg dumbbells or two more
    sets of 12, never loads of 3 and 2 kg; asked, whichever the exercise."""
    for k, group in enumerate(groups):
        specs = group.specs
        if group.load is not None or len(specs) != 2 or not all(isinstance(p, _Pair) for p in specs):
            continue
        first, second = specs
        if first.explicit or second.explicit or first.a != int(first.a) or not 1 <= first.a < AMBIGUOUS_FROM:
            continue
        unit = ctx.unit
        if second.a in (1, 2):
            count, each = int(second.a), float(second.b)
            other = replace(group, specs=[first, _Reps((second.b,) * int(second.a))])
            other_label = f"{_fmt(first.a)} × {first.b} then {_fmt(second.a)} × {second.b}"
        elif second.b in (1, 2) and not second.tail:
            # "rdl 3x10 12x2" (as "12kg x2"): a pair of 12 kg dumbbells, or loads of 3 and 12 kg.
            count, each, other = second.b, second.a, group
            other_label = f"{_fmt(first.a)} {unit} × {first.b} then {_fmt(second.a)} {unit} × {second.b}"
        else:
            continue
        pair = replace(group, specs=[first], load=_load(each, unit, count))
        readings = []
        for changed in (pair, other):
            sets, _ = _to_sets([*groups[:k], changed, *groups[k + 1 :]], found, name, ctx, None)
            readings.append(Entry(name, sets, at, note))
        one = "a dumbbell" if count == 1 else "2 dumbbells"
        labels = (f"{_fmt(first.a)} × {first.b} with {one} of {_fmt(each)} {unit}", other_label)
        return Ambiguous((readings[0], readings[1]), labels)
    return None


def _effort_or_load(
    groups: list[_Group], found: _Found, name: str, at: datetime, note: str, ctx: LogContext
) -> Entry | Ambiguous | None:
    """ "hip thrust 3x10 @8": "@N" before any load is the load ("3x10@80"), but a small N is as likely
    the RPE: asked on a loaded exercise, the RPE on a bodyweight one. None: not this case."""
    k = next((k for k, g in enumerate(groups) if g.small_at is not None), None)
    if k is None or found.rpe is not None or found.rir is not None:
        return None
    value = groups[k].small_at
    assert value is not None
    unloaded = replace(groups[k], load=None, small_at=None)
    try:
        effort, unclear = _to_sets(
            [*groups[:k], unloaded, *groups[k + 1 :]], replace(found, rpe=value), name, ctx, None
        )
    except LogParseError:
        # No load at all is not a reading here ("w 60x8 / 3x10 @8"): the load it is, unless that
        # makes the work lighter than its warm-ups, where "@8" is surely the RPE: say what to write.
        loads, _ = _to_sets(groups, found, name, ctx, None)
        work = [s.load_in_all_kg for s in loads if s.kind is not SetKind.WARMUP and s.load is not None]
        warm = [s.load_in_all_kg for s in loads if s.kind is SetKind.WARMUP and s.load is not None]
        if work and warm and max(work) < max(warm):  # type: ignore[type-var]
            raise LogParseError(
                f"“@{_fmt(value)}” would make the work {_fmt(value)} {ctx.unit}, lighter than the warm-up. "
                f"Give the work's load, then the RPE: like w 60x8 / 3x10 100{ctx.unit} @{_fmt(value)}."
            ) from None
        return None
    if unclear or value < 1:
        return None
    if not ctx.loaded(name):
        return Entry(name, effort, at, note)
    loads, unclear = _to_sets(groups, found, name, ctx, None)
    if unclear:
        return None
    labels = (f"{_fmt(value)} {ctx.unit}", f"RPE {_fmt(value)} (no weight)")
    return Ambiguous((Entry(name, loads, at, note), Entry(name, effort, at, note)), labels, rpe_or_load=True)


def _time_or_load(
    groups: list[_Group], found: _Found, name: str, note: str, ctx: LogContext
) -> Entry | Ambiguous | None:
    """ "hip thrust 3x10 at 7": "at N" before any load is the load ("3x10 at 80"), but an N that is an
    hour is as likely the time N:00: asked on a loaded exercise (as "@8" is), the time on a bodyweight
    one. Before N:00 the time is yesterday's, asked about with its date on either. None: not this case,
    or no load at all is no reading."""
    asked = [g.at_hour for g in groups if g.at_hour is not None]
    if not asked or found.clock is not None:
        return None
    if len(asked) > 1:  # "3x10 at 9, 3x8 at 7": two times cannot be, and loads without a unit are a guess
        a, b = asked[:2]
        raise LogParseError(
            f"'at {a}' and 'at {b}' may be loads or times: write the loads with a unit, "
            f"like 3x10 {a}{ctx.unit}."
        )
    k = next(k for k, g in enumerate(groups) if g.at_hour is not None)
    hour = asked[0]
    # With no weight, as "bw" says it: beside groups with a load ("2x10 40kg warmup, 3x10 at 7") too.
    unloaded = replace(groups[k], load=_Load(None, None), at_hour=None)
    timed = replace(found, clock=time(hour))
    try:
        untimed, unclear = _to_sets([*groups[:k], unloaded, *groups[k + 1 :]], timed, name, ctx, None)
        at = _when(timed, ctx, to_come=True)
    except LogParseError:
        return None
    if unclear:
        return None
    weighed = any(s.load is not None for s in untimed)  # other groups have a load: 7 kg is as likely
    when = f"at {hour:02d}:00"
    yesterday = at > ctx.now
    if yesterday:
        # N:00 today is still to come, so no button may store it. With no day given, the time is
        # yesterday's, offered with its date beside the load; a day given (or an /edit's) has no other
        # N:00: refused, saying how to write either reading.
        if found.day is not None or ctx.time_on is not None:
            try:
                _when(timed, ctx)
            except LogParseError as exc:
                raise LogParseError(f"{exc} For {hour} {ctx.unit}, write {hour}{ctx.unit}.") from None
        zone = UTC if found.utc else ctx.tz
        timed.day = at.astimezone(zone).date() - timedelta(days=1)
        at = _when(timed, ctx)
        when = f"{timed.day:%a %d %b} {when}"
    as_time = Entry(name, untimed, at, note)
    if not ctx.loaded(name) and not yesterday and not weighed:
        return as_time
    loads, unclear = _to_sets(groups, found, name, ctx, None)
    if unclear:
        return None
    labels = (f"{hour} {ctx.unit}", f"{when} (no weight)")
    return Ambiguous((Entry(name, loads, _when(found, ctx), note), as_time), labels, at_time=True, when=when)


def _rpe_ok(value: float) -> bool:
    """RPE is 1 to 10 in half steps (8, 8.5)."""
    return RPE_RANGE[0] <= value <= RPE_RANGE[1] and value * 2 == int(value * 2)


def _check_rpe(value: float, like: str) -> None:
    """RPE is 1 to 10 in half steps (8, 8.5): anything else is refused with ``like``."""
    if not _rpe_ok(value):
        raise LogParseError(f"RPE goes from 1 to 10 in half steps, not {_fmt(value)}: like {like}.")


def _settle_efforts(found: _Found) -> None:
    """Whose RPE/RIR each one is. One of each is the line's, for all its work, as before: at the end
    ("60x10, 80x8 rpe 8") or before the sets. Else each is the sets it follows, typed as "@8" or as
    words alike: "225x5 @8, 235x3 @9" is RPE 8, then 9; "1x3 150kg @9, 3x8 120kg" and "100x5 rpe 8,
    110x3" RPE on the first sets only (read as the line's, "rpe 8" there rated the sets after it too,
    and a warm-up's "warmup 2x10 40kg rpe 4, 3x10 85kg" went to the work). Then an effort before any
    set, or two for the same sets, is refused."""
    done = sum(isinstance(x, _Pair | _Reps) for x in found.set_items)
    kinds = [which for _, which, _, _ in found.efforts]
    places = {n for n, _, _, _ in found.efforts}
    if places <= {0, done} and len(kinds) == len(set(kinds)):
        return
    per_set: dict[int, dict[str, float]] = {}
    for n, which, value, _ in found.efforts:
        if n == 0:
            raise LogParseError(
                f"Give each set's RPE after it, like {_eg('100x5 @8, 110x3 @9', found.default_unit)}."
            )
        said = per_set.setdefault(n - 1, {})
        found.once(which.upper(), said.get(which))
        said[which] = value
    found.set_efforts, found.rpe, found.rir = per_set, None, None


def _bw_plus_on_a_bar(name: str, ctx: LogContext) -> None:
    """ "hip thrust bw+20": bodyweight plus 20 is a bodyweight exercise's load (a glute bridge with a
    plate on the hips). On a lift done with a barbell only it is no bar load: read as 20 it made a
    225 lb hip thrust's next day a 20 lb one, and the coach then took it as a far lighter day. Refused,
    with the form that lift is logged in."""
    lift = ctx.barbell_lift(name)
    if lift is not None:
        raise NotABarLoad(
            f"bw+ is bodyweight plus a load, for bodyweight exercises; {lift} is a barbell lift: write the "
            f"load on the bar, like {_eg(f'{lift.lower()} 3x8 100kg', ctx.unit)}."
        )


def _bar_warms_up(found: _Found) -> None:
    """ "bar x10, 135x5, 225x8x3": the empty bar starting the sets, with more sets after it, is the
    first warm-up of a ramp. The line reads as after "w", whose rules find where the work starts (the
    225x8x3 here); when they find none ("bar x10, 95x10": reps that do not fall), the bar alone is the
    warm-up. The bar alone ("bar x10", "bar x10, bar x10") is a warm-up too: an empty bar is no
    working weight, and read as work it became the lift's e1RM and best (the lifter who works with the
    bar writes its load, "3x10 45lb"). A kind word right after it, or a label before it, names it."""
    if found.bar_span is None:
        return
    start, end = found.bar_span
    items = found.set_items
    rest = items[end:]
    named = bool(rest) and isinstance(rest[0], _Phase) and rest[0].after_sets  # "bar x10 warmup, ..."
    if named:
        return
    if not any(isinstance(x, _Pair | _Reps) for x in rest):
        if not any(isinstance(x, _Phase) for x in items):  # "work: bar x10" stays as labelled
            found.set_items = [*items[:start], _Phase(SetKind.WARMUP), *items[start:]]
        return
    ramp = [*items[:start], _Phase(SetKind.WARMUP), *items[start:]]
    try:
        # On a copy: reading the groups may set the line's time or RPE ("at 7", "@8").
        work = any(g.kind is not SetKind.WARMUP and g.specs for g in _groups(ramp, replace(found)))
    except LogParseError:
        work = False  # refused either way, with the words of the reading below
    if not work:
        ramp = [*items[:start], _Phase(SetKind.WARMUP), *items[start:end], _Phase(SetKind.WORKING), *rest]
    found.set_items = ramp


def _repeat_at_hour(found: _Found) -> None:
    """ "same at 7", "+2.5kg at 7": with no sets typed, "at N" is not a load (the load is last time's,
    or its change) but the time N:00; an N that is no hour is refused with what to write."""
    hours = [item for item in found.set_items if isinstance(item, _AtHour)]
    if len(hours) != 1 or len(found.set_items) != 1:
        return  # anything else with a repeat is refused as before (`_repeat`)
    if hours[0].hour > 23:
        # Short enough for any hour typed (a refusal is one line of at most 140 characters).
        raise LogParseError(
            f"at {hours[0].hour} is not a time, and same keeps last time's load: write the sets "
            f"({example(found.default_unit)}) or a change ({_eg('+2.5kg', found.default_unit)}); a time is at 7am."
        )
    _at_hour_is_time(hours[0], found)
    found.set_items = []


def _labels(groups: list[_Group], unit: Unit) -> tuple[str, str]:
    pair = next(
        s for g in groups for s in g.specs if isinstance(s, _Pair) and not s.explicit and g.load is None
    )
    return f"{_fmt(pair.a)} sets of {pair.b}", f"{_fmt(pair.a)} {unit} × {pair.b}"


def _same_twice() -> LogParseError:
    """ "hip thrust same same": refused as any word given twice is, with the form to write."""
    return LogParseError("'same' is given twice: write it once, like hip thrust same.")


def _repeat(found: _Found, name: str, at: datetime, note: str, ctx: LogContext) -> Repeat:
    unit = found.default_unit
    if (
        found.set_items
        or found.side
        or found.per_hand
        or found.band
        or found.resistance
        or found.rpe is not None
        or found.rir is not None
    ):
        if any(d.value <= 0 for d in found.deltas):
            raise LogParseError(f"Weight and reps must be more than 0: like {example(unit)}.")
        added = next((d for d in found.deltas if not d.reps and found.set_items), None)
        if added is not None and not found.same:
            # "back extension 3x15 +10kg": weight on top of bodyweight, most likely, or a change from
            # last time with the sets; which one is not plain, so both ways are said. A barbell-only
            # lift has no bw+ (`_bw_plus_on_a_bar`): its sets take the load on the bar; nor has a lift
            # that takes a load and was last done with one (a kettlebell swing, a 60 kg glute bridge).
            load = f"{_fmt(added.value)}{added.unit or ''}"
            if name and ctx.barbell_lift(name) is not None:
                raise LogParseError(
                    f"A change from last time is +{load} alone; with the sets, write the load on the bar."
                )
            if name and not ctx.bodyweight(name):
                raise LogParseError(
                    f"A change from last time is +{load} alone; with the sets, write the load: like "
                    f"{_with_the_load(found, name, added, ctx)}."
                )
            raise LogParseError(
                f"Weight on top of bodyweight is bw+{load} (like 3x15 bw+{load}); a change from last time"
                f" is +{load} alone."
            )
        raise LogParseError(
            f"Write 'same' or a change like {_eg('+2.5kg', unit)} alone, or the sets in full: "
            f"like {example(unit)}."
        )
    loads = [d for d in found.deltas if not d.reps]
    reps = [d for d in found.deltas if d.reps]
    if len(loads) > 1 or len(reps) > 1:
        raise LogParseError(
            f"Give each change once, like {_eg('hip thrust +2.5kg', unit)} or hip thrust +1 rep."
        )
    if reps and reps[0].value != int(reps[0].value):
        raise LogParseError("Reps change by whole numbers, like +1 rep.")
    load = loads[0] if loads else None
    return Repeat(
        exercise=name or None,
        at=at,
        note=note,
        load_delta=load.value if load else 0.0,
        delta_unit=load.unit if load else None,
        reps_delta=int(reps[0].value) if reps else 0,
    )


def _with_the_load(found: _Found, name: str, added: _Delta, ctx: LogContext) -> str:
    """ "glute bridge 3x12 65kg": the sets as typed at the last load plus the change (in the lifter's
    unit), or the standard example when there is no last load."""
    unit = found.default_unit
    last = ctx.last_load(name)
    if last is None:
        return example(unit)
    value, last_unit = last
    if last_unit != unit:  # 60 kg last time, logging in lb now: near it, in plates of the unit
        step = 5.0 if unit == "lb" else 2.5
        value = step * round(from_kg(to_kg(value, last_unit), unit) / step)
    if (added.unit or unit) == unit:
        value += added.value
    sets = []  # as typed: "3x12", "12,12,10"
    for item in found.set_items:
        if isinstance(item, _Pair):
            sets.append(f"{_fmt(item.a)}x" + ",".join(map(str, (item.b, *item.tail))))
        elif isinstance(item, _Reps):
            sets.append(",".join(map(str, item.reps)))
    return f"{name} {' '.join(sets) or '3x10'} {_fmt(value)}{unit}"


def _signed(value: float) -> str:
    return ("+" if value > 0 else "−") + _fmt(abs(value))


def apply_repeat(repeat: Repeat, last: Entry) -> Entry:
    """``last`` (that exercise's latest entry) again at ``repeat.at``, the change on all but warm-ups.
    How hard last time felt (RPE, RIR) is not repeated: it is said of a set done, and the coach backs off
    on it, so a repeat says none unless the user gives one."""
    sets = []
    for s in last.sets:
        s = replace(s, rpe=None, rir=None)
        work = s.kind is not SetKind.WARMUP  # activation sets progress too
        if work and repeat.load_delta:
            if s.load is None:
                raise LogParseError(
                    "Last time was bodyweight, so there is no load to change: log it like "
                    f"{_eg('3x10 10kg', repeat.delta_unit or 'kg')}."
                )
            change = (
                repeat.load_delta
                if repeat.delta_unit == s.unit
                else from_kg(to_kg(repeat.load_delta, repeat.delta_unit), s.unit or "kg")
            )
            value = round(s.load + change, 2)
            unit = s.unit or "kg"
            if not 0 < value <= MAX_LOAD[unit]:  # below half the load: refused as a change (logbook)
                # The floor as it is (not "more than 0"); a load above 0 under it is the below-half refusal's.
                limit = (
                    f"at least {_fmt(MIN_LOAD)} {unit}"
                    if value <= 0
                    else f"at most {_fmt(MAX_LOAD[unit])} {unit}"
                )
                raise TooBigChange(
                    f"{_signed(repeat.load_delta)} {repeat.delta_unit or unit} is too big a change: it "
                    f"makes {_fmt(value)} {unit}, and a load I log is {limit}.",
                    _small_change(repeat.load_delta < 0, False, repeat.delta_unit or unit),
                )
            s = replace(s, load=value)
        if work and repeat.reps_delta:
            reps = s.reps + repeat.reps_delta
            if not 1 <= reps <= MAX_REPS:
                many = "rep" if abs(repeat.reps_delta) == 1 else "reps"
                raise TooBigChange(
                    f"{_signed(repeat.reps_delta)} {many} is too big a change: it makes {reps} reps a "
                    f"set, and a set has 1 to {MAX_REPS}.",
                    _small_change(repeat.reps_delta < 0, True, None),
                )
            s = replace(s, reps=reps)
        sets.append(s)
    return Entry(last.exercise, tuple(sets), repeat.at, repeat.note or "")


# --- rendering ----------------------------------------------------------------------------------------
def _units(sets: tuple[LoggedSet, ...]) -> list[tuple[LoggedSet, ...]]:
    """Sets as typed: single sets, or (left, right) pairs for work logged per side."""
    if sets and sets[0].side is not None:
        return [sets[i : i + 2] for i in range(0, len(sets), 2)]
    return [(s,) for s in sets]


def _load_text(s: LoggedSet) -> str:
    if s.load is None:
        return "bw"
    # One dumbbell or kettlebell held says so after its load ("24kg dumbbell"), so the line logs it so again.
    held = f" {s.held.value}" if s.held else ""
    return ("2x" if s.implements == 2 else "") + f"{_fmt(s.load)}{s.unit}{held}"


def _phase(kind: SetKind) -> SetKind:
    """The kind as typed: activation sets are typed as working sets (the exercise makes them activation)."""
    return SetKind.WORKING if kind is SetKind.ACTIVATION else kind


def render_entry(entry: Entry, tz: tzinfo = UTC) -> str:
    """The canonical line for ``entry``: :func:`parse_log` reads it back to the same entry (to the
    microsecond)."""
    parts = [entry.exercise]
    first = True
    units: list[tuple[LoggedSet, ...]] = []
    apart = _efforts_set_by_set(entry)
    for phase, phase_units in groupby(_units(entry.sets), key=lambda u: _phase(u[0].kind)):
        after_warmups = not first and units[0][0].kind is SetKind.WARMUP
        units = list(phase_units)
        word = _PHASE_WORD.get(phase, "" if first else "/")
        if after_warmups and word != "/":
            parts.append("/")  # "w 60x8, 80x5 / backoff 2x8 70kg": with no "/" the heaviest would be the work
        elif not first and word != "/":
            parts[-1] += ","  # "3x10 80kg, w 1x10 40kg": a kind word after sets would name them
        parts.append(word)
        first = False
        pieces = []
        for (load, reps, said), run in groupby(
            units,
            key=lambda u: (
                _load_text(u[0]),
                tuple(s.reps for s in u),
                _set_effort(u[0]) if apart else "",
            ),
        ):
            count = len(list(run))
            if len(reps) == 2 and reps[0] != reps[1]:  # a left/right pair with different reps
                pieces += [f"{reps[0]},{reps[1]} {load}{said}"] * count
            else:  # sets x reps, in chunks the parser accepts
                chunks = [MAX_SETS] * (count // MAX_SETS) + ([count % MAX_SETS] if count % MAX_SETS else [])
                pieces += [f"{n}x{reps[0]} {load}{said}" for n in chunks]
        parts.append(", ".join(pieces))
    if len(units) > 1 and units[-1][0].kind is SetKind.WARMUP:
        # "w 2x10 40kg, 3x10 85kg /": warm-ups all; with no "/" the heaviest sets would be the work
        parts.append("/")
    head = entry.sets[0] if entry.sets else None
    counted = next((s for s in entry.sets if s.kind is not SetKind.WARMUP), None)
    if head is not None and head.side is not None:
        parts.append("each side")
    if head is not None and head.band:
        parts.append(f"band={head.band}")
    if head is not None and head.resistance:
        parts.append(f"{head.resistance} band")
    if counted is not None and counted.rpe is not None and not apart:
        parts.append(f"rpe {_fmt(counted.rpe)}")
    if counted is not None and counted.rir is not None and not apart:
        parts.append(f"rir {counted.rir}")
    parts.append(_date_text(entry.at, tz))
    if entry.note:
        parts.append(f"-- {entry.note}")
    return " ".join(p for p in parts if p)


def _efforts_set_by_set(entry: Entry) -> bool:
    """Efforts that differ across the work ("225x5 @8, 235x3 @9") are said set by set, after each, when
    `_settle_efforts` reads them back so: not an effort on the last sets only (an import's "–, –, RPE
    10"), which would be the line's for all its work; that line says the first set's, as before. A
    warm-up's own ("w 135x5 @5, 225x5 @8") is said after it too: the line's is the work's only."""
    rated = [s for s in entry.sets if s.kind is not SetKind.WARMUP or _set_effort(s)]
    if not any(s.kind is not SetKind.WARMUP for s in entry.sets):
        return bool(rated)  # warm-ups alone: "w 1x5 135lb @5" gives them theirs (`_to_sets`)
    if len({(s.rpe, s.rir) for s in rated}) <= 1 and all(s.kind is not SetKind.WARMUP for s in rated):
        return False
    said: list[LoggedSet | None] = []  # each piece of the line, with the set whose effort it says
    for _, phase_units in groupby(_units(entry.sets), key=lambda u: _phase(u[0].kind)):
        for (_, reps, _), run in groupby(
            phase_units, key=lambda u: (_load_text(u[0]), tuple(s.reps for s in u), _set_effort(u[0]))
        ):
            units = list(run)
            pieces = len(units) if len(reps) == 2 and reps[0] != reps[1] else -(-len(units) // MAX_SETS)
            said += [units[0][0]] * pieces
    rpes = [i for i, s in enumerate(said) if s is not None and s.rpe is not None]
    rirs = [i for i, s in enumerate(said) if s is not None and s.rir is not None]
    return len(rpes) > 1 or len(rirs) > 1 or any(i < len(said) - 1 for i in rpes + rirs)


def _set_effort(s: LoggedSet) -> str:
    """ " @8 rir 2", " @8", or "": a set's own effort as the canonical line says it after the set
    ("@N" there: an RPE, and with sets after it that set's own)."""
    return (f" @{_fmt(s.rpe)}" if s.rpe is not None else "") + (f" rir {s.rir}" if s.rir is not None else "")


def _date_text(at: datetime, tz: tzinfo) -> str:
    local = at.astimezone(tz)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        local, suffix = at.astimezone(UTC), " utc"  # an hour that happens twice: say which in UTC
    else:
        suffix = ""
    clock = local.time()
    if clock == NOON and not suffix:
        return local.date().isoformat()
    # To the microsecond when there is a fraction: an entry stored from a button keeps its order among
    # entries logged in the same second.
    shown = clock.strftime("%H:%M:%S.%f").rstrip("0") if clock.microsecond else None
    shown = shown or clock.strftime("%H:%M:%S" if clock.second else "%H:%M")
    return f"{local.date().isoformat()} at {shown}{suffix}"


# --- what the user sees -------------------------------------------------------------------------------
_KIND_LABEL = {
    SetKind.WARMUP: "Warm-up",
    SetKind.WORKING: "Working",
    SetKind.BACKOFF: "Back-off",
    SetKind.DROP: "Drop",
    SetKind.ACTIVATION: "Activation",
}


def _load_card(s: LoggedSet) -> str:
    if s.load is None:
        return "bodyweight"
    held = f" {s.held.value}" if s.held else ""  # "32 kg kettlebell": no bar of 32 kg
    return ("2 × " if s.implements == 2 else "") + f"{_fmt(s.load)} {s.unit}{held}"


def confirmation_card(entry: Entry, tz: tzinfo = UTC) -> str:
    """A short card of exactly what was understood: sets by kind with loads, effort, band, date, note."""
    local = entry.at.astimezone(tz)
    lines = [f"{entry.exercise} · {local:%a %d %b %Y, %H:%M}"]
    units = _units(entry.sets)
    sided = bool(entry.sets) and entry.sets[0].side is not None
    for kind, kind_units in groupby(units, key=lambda u: u[0].kind):
        group = list(kind_units)
        pieces = []
        for (load, reps), run in groupby(group, key=lambda u: (_load_card(u[0]), tuple(s.reps for s in u))):
            count = len(list(run))
            shown = (
                f"L {reps[0]} / R {reps[1]}"
                if len(reps) == 2 and reps[0] != reps[1]
                else f"{count} × {reps[0]}"
            )
            pieces += [f"{shown} @ {load}"] * (count if "/" in shown else 1)
        n = len(group)
        label = f"{_KIND_LABEL[kind]} ({n} set{'s' if n != 1 else ''}{' each side' if sided else ''})"
        lines.append(f"{label}: {', '.join(pieces)}")
    counted = next((s for s in entry.sets if s.kind is not SetKind.WARMUP), None)
    extras = []
    if counted is not None and counted.rpe is not None:
        extras.append(f"RPE {_fmt(counted.rpe)}")
    if counted is not None and counted.rir is not None:
        extras.append(f"RIR {counted.rir}")
    if entry.sets and (entry.sets[0].band or entry.sets[0].resistance):
        strength = f"{entry.sets[0].resistance} band" if entry.sets[0].resistance else "band"
        extras.append(f"{strength} at the {entry.sets[0].band}" if entry.sets[0].band else strength)
    if extras:
        lines.append(" · ".join(extras))
    if entry.note:
        lines.append(f"Note: {entry.note}")
    return "\n".join(lines)


# --- outliers -----------------------------------------------------------------------------------------
def outlier(entry: Entry, history: Iterable[Entry], bar_kg: float | None = None) -> str | None:
    """A reason to confirm before storing ``entry`` (given the user's earlier entries), or None.
    Loads are judged in all (a pair of 12 kg dumbbells is 24 kg) and said as logged ("2 × 12 kg").
    Every set's load is judged, warm-ups too (a "w 600x1" is as likely a typo for 60x1), against
    the best of the sets that count done the same way (`_same_way`): a pair, one dumbbell or kettlebell
    held, or the lift's usual single load: a warm-up never
    sets the best it is judged by, and a barbell's 60 kg after dumbbells of 2 × 10 kg is no typo.
    On a bar lift (``bar_kg``: its empty bar, in kg) a best no heavier than the empty bar is none: "1x10
    20kg" is the bar, and any work after it is more than 1.5× it (judged as a first entry instead)."""
    counted = [s for s in entry.sets if s.counts]
    for s in entry.sets:
        if s.reps > OUTLIER_REPS:
            return f"{s.reps} reps in one set is a lot. Is that right?"
    loaded = [s for s in entry.sets if s.load_kg is not None]
    if not loaded:
        return None
    top = max(loaded, key=_in_all)
    heaviest = _in_all(top)
    unit = next(s.unit for s in loaded if s.load is not None) or "kg"
    best = [
        s
        for e in history
        if e.exercise == entry.exercise
        for s in e.sets
        if s.counts and s.load_kg is not None and _same_way(s, top)
    ]
    if bar_kg is not None and top.way == 1 and all(_in_all(b) <= bar_kg + _LIGHT_TOL_KG for b in best):
        best = []
    shown = _as_logged(top, unit)
    if best and _far_over(heaviest, _in_all(most := max(best, key=_in_all)), unit):
        return f"{shown} is more than {OUTLIER_FACTOR:g}× your best so far ({_as_logged(most, unit)}). Is that right?"
    if not best and heaviest > OUTLIER_FIRST_KG:
        return f"{shown} is a very heavy first entry. Is that right?"
    if any(s.reps > OUTLIER_LOADED_REPS and s.load is not None for s in counted):
        return f"More than {OUTLIER_LOADED_REPS} reps with a load is unusual. Is that right?"
    return None


def outlier_past_recent(
    entry: Entry, before: Sequence[Entry], history: Iterable[Entry], doubt: float
) -> str | None:
    """`outlier` against the latest work of ``before`` (the exercise's entries in order, done the same
    way) when the best of ``history`` is more than ``doubt``× it: a confirmed typo (600 kg among
    sessions at 100) is no best to judge a new load by, or the next typo (250 kg) would be stored
    without a question. The latest work of an earlier session: a ramp logged set by set ("bar x10",
    then "60x5") climbs."""
    loaded = [s for s in entry.sets if s.load_kg is not None]
    if not loaded:
        return None
    top = max(loaded, key=_in_all)

    def judged(s: LoggedSet) -> bool:  # as `outlier`: the sets that count, done the same way
        return s.counts and s.load_kg is not None and _same_way(s, top)

    lately = next(
        (
            w
            for e in reversed(before)
            if abs(entry.at - e.at) >= SESSION_GAP and (w := [_in_all(s) for s in e.sets if judged(s)])
        ),
        [],
    )
    if not lately:
        return None
    ever = max((_in_all(s) for e in history for s in e.sets if judged(s)), default=0.0)
    unit = next(s.unit for s in loaded if s.load is not None) or "kg"
    if ever <= doubt * max(lately) or not _far_over(_in_all(top), max(lately), unit):
        return None
    shown = _as_logged(top, unit)
    lately_shown = _shown_load(max(lately), unit)
    return (
        f"{shown} is more than {OUTLIER_FACTOR:g}× your recent sets ({lately_shown} {unit}). Is that right?"
    )


def outlier_light(
    entry: Entry, before: Sequence[Entry], bar_kg: float | None, bar_only: bool = False
) -> str | None:
    """A reason to confirm before storing ``entry`` whose work is far lighter than the lifter's recent
    work done the same way (`_recent_work`, from ``before``: the exercise's entries before it, in
    order): under a `LIGHT_FACTOR`th of it, or (``bar_kg``: the lift's empty bar, in kg) under the empty
    bar when that work was on the bar, a load no bar lift can be. With no such work, under the empty
    bar on a lift done with a bar only (``bar_only``: "/log squat 3x5 10kg" as a first entry; a hip
    thrust's 10 kg is a plate on the hips). None for warm-ups (they do not count), bodyweight or band
    work, the empty bar itself, and a lone set (a ramp step logged set by set, which the work after it
    makes a warm-up) not under the bar."""
    if any(s.band or s.resistance for s in entry.sets):
        return None
    work = [s for s in entry.sets if s.counts and (s.load_kg or 0.0) > 0]
    if not work:
        return None
    top = max(work, key=_in_all)
    usual = _recent_work(entry, before, top)
    if usual is None and not bar_only:
        return None
    unit = top.unit or "kg"
    shown = _as_logged(top, unit)
    # The empty bar alone is the first warm-up of a ramp logged set by set ("2x10 20kg" before 100 kg
    # work): no typo to ask about.
    at_bar = bar_kg is not None and top.way == 1 and abs(_in_all(top) - bar_kg) <= _LIGHT_TOL_KG
    if (
        usual is not None
        and len(work) > 1
        and not at_bar
        and _in_all(top) * LIGHT_FACTOR < _in_all(usual) - _LIGHT_TOL_KG
    ):
        return f"{shown} is under a quarter of your recent work ({_as_logged(usual, unit)}). Is that right?"
    on_bar = usual is None or (bar_kg is not None and _in_all(usual) >= bar_kg - _LIGHT_TOL_KG)
    bar = bar_kg if bar_kg is not None and top.way == 1 and on_bar else None
    if bar is not None and _in_all(top) < bar - _LIGHT_TOL_KG:
        return f"{shown} is less than the empty bar ({_shown_load(bar, unit)} {unit}). Is that right?"
    return None


def _recent_work(entry: Entry, before: Sequence[Entry], top: LoggedSet) -> LoggedSet | None:
    """The top set done as ``top`` of the lighter of the latest two sessions before ``entry``'s (of
    ``before``, in order): the lifter's usual work. The lighter of two, as a one-off heavy day (600 kg
    confirmed among sessions at 100) is no usual load to call the next 100 kg light beside. With no
    earlier session, the top set of ``entry``'s own session so far: 15 kg logged after the day's first
    100 kg work is as likely a typo as on the next day (an empty-bar or lone ramp step is let through
    by `outlier_light`), while with earlier sessions the day's lighter steps never lower their work."""
    tops: list[LoggedSet] = []
    # ``entry``'s own session, read only with no earlier one (a day logged set by set is long).
    same_session: list[Entry] = []
    end: datetime | None = None  # the earliest entry of the session being read
    for e in reversed(before):
        if e.at > entry.at - SESSION_GAP:
            same_session.append(e)
            continue
        judged = [s for s in e.sets if s.counts and s.load_kg is not None and _same_way(s, top)]
        if not judged:
            continue
        heaviest = max(judged, key=_in_all)
        if end is not None and end - e.at < SESSION_GAP:
            tops[-1] = max(tops[-1], heaviest, key=_in_all)  # one session logged entry by entry
        elif len(tops) == 2:
            break
        else:
            tops.append(heaviest)
        end = e.at
    if tops:
        return min(tops, key=_in_all)
    today = [  # in the order logged: the first of equals, as before
        s
        for e in reversed(same_session)
        for s in e.sets
        if s.counts and s.load_kg is not None and _same_way(s, top)
    ]
    return max(today, key=_in_all, default=None)


def _same_way(s: LoggedSet, top: LoggedSet) -> bool:
    """``s`` was done as ``top``: both with a pair or neither, and with the same one implement held (a
    dumbbell on the hips) or none: a barbell day is never judged against a dumbbell day's loads."""
    return (s.implements == 2) == (top.implements == 2) and s.held == top.held


def _far_over(load_kg: float, than_kg: float, unit: Unit) -> bool:
    """``load_kg`` is worth a question beside ``than_kg`` (both in kg, in all): more than
    ``OUTLIER_FACTOR``× it and more than ``OUTLIER_JUMP`` (in ``unit``, the one logged) heavier."""
    return load_kg > OUTLIER_FACTOR * than_kg and load_kg - than_kg > to_kg(OUTLIER_JUMP[unit], unit)


def _in_all(s: LoggedSet) -> float:
    """A set's load in kg, both hands of a pair."""
    return s.load_in_all_kg or 0.0


def _as_logged(s: LoggedSet, unit: Unit) -> str:
    """ "80 kg", or "2 × 12 kg" for a pair (per hand, as it was typed)."""
    return f"{'2 × ' if s.implements == 2 else ''}{_shown_load(s.load_kg or 0.0, unit)} {unit}"


def _shown_load(kg: float, unit: Unit) -> str:
    """A load in ``unit`` as the card says it: a quarter kept (42.25 kg, not 42.2), one from the other
    unit to a tenth (100 lb = 45.4 kg)."""
    x = from_kg(kg, unit)
    quarter = round(x * 4) / 4
    return _fmt(quarter if abs(x - quarter) < 1e-6 else round(x, 1))


# --- /edit's own words --------------------------------------------------------------------------------
# What an /edit line may take away, besides replacing sets: "w none" / "no warmups" (also backoff and
# drop sets), an empty warm-up part "w / 3x10", "rpe none" / "no rpe" (RIR too), and the note: "()",
# a bare "--", "no note". /log has no use for them: a new entry has nothing to take away.
_CLEARED_KINDS = sorted((w for w, k in _PHASES.items() if k is not SetKind.WORKING), key=len, reverse=True)
_KIND_WORD = "|".join(re.escape(w) for w in _CLEARED_KINDS)
_CLEAR = re.compile(
    rf"(?<![\w-])(?:(?P<kind>{_KIND_WORD})\s*[=:]?\s*none|no\s+(?P<no_kind>{_KIND_WORD})"
    r"|(?:rpe|rir)\s*[=:@]?\s*none|no\s+(?:rpe|rir)|(?P<note>no\s+note|note\s*[=:]?\s*none))(?![\w-])"
    rf"|(?<![\w-])(?P<empty>{_KIND_WORD})\s*/",  # "w / 3x10": the warm-up part left empty
    re.I,
)
EFFORT = "effort"  # RPE and RIR, cleared together: one says what the other does
NOTE = "note"


def _note_texts(line: str) -> list[str]:
    return [n.text for n in _split_note(line)[1]]


def _empty_note(line: str) -> bool:
    """Does the line give an empty note: "()" or a "--" with nothing after it?"""
    dash = _note_dash(line)
    if dash is not None:
        if not line[dash.end() :].strip():
            return True
        line = line[: dash.start()]
    return any(not n.text.strip() for n in _paren_notes(line)[1])


def edit_clears(text: str) -> tuple[str, frozenset[str]]:
    """An /edit line without the words that take something away, and what they take: set kinds
    (:class:`SetKind` values), :data:`EFFORT`, :data:`NOTE`. Words inside a note stay in the note
    ("(no rpe today)" is a note). The line comes back empty when nothing else was typed ("rpe none ()")."""
    line = _bounded(text)
    notes = _note_texts(line)
    cleared: set[str] = set()
    found = True
    while found:  # one match at a time: each removal moves the rest of the line
        found = False
        for m in _CLEAR.finditer(line):
            rest = f"{line[: m.start()]} {line[m.end() :]}"
            if _note_texts(rest) != notes:
                continue  # inside a note: part of it
            word = m.group("kind") or m.group("no_kind") or m.group("empty")
            cleared.add(_PHASES[word.lower()].value if word else NOTE if m.group("note") else EFFORT)
            line, found = " ".join(rest.split()), True
            break
    if _empty_note(line):
        cleared.add(NOTE)
    body, left = _split_note(line)
    return (line if body or left else ""), frozenset(cleared)


def load_marked(text: str) -> bool:
    """Does an /edit line say its load as a load ("100kg", "225 lb", "@ 100", "2x12kg"), outside its note?
    A bare number ("/edit 100") could as well be reps: it changes no load."""
    body = _split_note(_bounded(text))[0]
    return any(t.kind in ("unit", "at") for t in _lex(body))


def implements_said(text: str) -> frozenset[str]:
    """The implements a /log line names right after a load, outside its note, each as
    `IMPLEMENT_WORDS` names it: "dumbbells" (a pair), "dumbbell", "kettlebells", "kettlebell",
    "barbell". ("rdl 3x10 20kg db" is {"dumbbell"}; "rdl 3x10 2x20kg" names none.)"""
    body = _split_note(_bounded(text))[0]
    toks = _lex(body)
    return frozenset(
        IMPLEMENT_WORDS[t.low]
        for k, t in enumerate(toks)
        if k and t.kind == "word" and t.low in IMPLEMENT_WORDS and toks[k - 1].kind in ("num", "unit")
    )


def leading_name(text: str) -> tuple[str, str]:
    """(the exercise name an /edit line starts with, the rest): "rdl (felt heavy)" is ("rdl", "(felt
    heavy)"); ("", line) when it starts with no name ("(felt heavy)", "yesterday", "3x10")."""
    line = _bounded(text)
    body = _split_note(line)[0]
    name, _, same = _split_name(body, _lex(body))
    if not name or same or not line.casefold().startswith(name.casefold()):
        return "", line
    return name, line[len(name) :].strip()

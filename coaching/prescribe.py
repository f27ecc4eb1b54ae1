"""The next session's target for one exercise, by the coaching rules (coaching-facts §3, §5, §6).

Pure: rules + history + equipment + now in, a :class:`Prescription` out. One variable changes at a time,
and the change is said in one line:

- loaded work: double progression on WORKING sets (warm-ups never count), the user's own set count;
  RPE 10 (RIR 0) on every set → the same reps again (the same sets logged again that day keep the
  highest RPE said for them: `_day_rpe`); low-rep strength work (≤ 5 reps, straight sets
  the lifter chose, kept through failed sessions after it) keeps its reps and adds the smallest
  loadable step;
- where the next loadable step is more than 10% (small dumbbells, kettlebells): top of the range, then
  one more set at the top, only then the jump, back at the bottom of the range with the user's own set
  count (sets over the exercise's own count done at the top were that bridge, not the user's count);
- backing off: reps below the range, RPE ≥ 9.5 at the bottom, or two sessions without progress at the
  same load → the largest loadable load ≤ 95% (one loadable step down if that is below 85%); reps
  falling three sessions in a row at one load (a rep a set or more each time) → ≤ 90%, recovery first;
  after ≥ 14 days away → the largest loadable load ≤ 90% of the last working load (a top set too,
  still first);
- lighter days (lighter than the session before, on the same setup: a deload, a travel gym, a
  technique day, a lone light set) are no new working weight: the target builds on the one before them,
  naming that work ("225 lb × 8 on Sun"); lighter is under 85% of it and of the target, or under the
  target the lifter had and no failed day (reps below the range), when the note calls it light
  ("(deload)", "(technique)", any amount) or it is under 95% of the target; a back-off the target asked
  for, followed, is none. A deload week does not reset the lifter: the lighter load becomes the working
  weight only after 3 sessions in a row under it, the latest a week or more after the first. A lighter
  session that is no lighter day (a failed one, a load just under the target) is followed, and the
  reason names the heavier work it does not build on;
- pain: after a session whose note reports it ("-- knee hurts", "(knee aches)", "(sore knee)"; not "no
  pain", "pain-free", "pain 0/10", "sore glutes"), the target raises nothing off it: that session again
  (3 × 5 @ 100 kg, not 102.5), or the back-off the rules give, no heavier than the last load done in
  pain that day (3 × 6 @ 110, then 3 × 4 @ 100 in pain: 3 × 6 @ 100), and one line says to stop that
  lift and see a professional, with no diagnosis; a day in pain is no stall, and the next session
  without pain is progressed as any other;
- back-offs (lighter sets after the top work, typed "backoff" or not, in one entry or later ones; not a
  light warm-up logged late) go on after the working sets, each at its own load;
- a ramp is a ramp whether its warm-ups are marked "w" or not: one top set after lighter sets;
- unloaded work: reps up the range; every working set at the top with RPE ≤ 8 (where given) in two
  sessions in a row → a loaded lift takes its first load at the top of its range, a bodyweight movement
  offers "Level up?";
- no kit to change the load (none listed, or none heavier): the reps still go up the range; at its top
  one more set for a ballistic lift (a swing: no tempo advice), a slower lowering for the others;
- band work continues from the last band position used; past the feet a stronger band, then a loaded
  abduction exercise.

Also records and PR flags (working sets only) and the estimated 1RM.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import accumulate

from coaching.hardsets import LIGHT_SHARE, SCHEME_SETS, light_after_top
from coaching.plates import (
    SAME_IMPLEMENT,
    loadable_loads,
    next_step,
    round_to_loadable,
    same_implement,
    step_below,
)
from domain.equipment import LOADED_IMPLEMENTS, Equipment, Implement
from domain.levels import BANDS, LEVELS, Category, next_band
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
from domain.units import Unit, from_kg, to_kg
from domain.units import about as _about  # one rule for converted figures

# How a lift's work was done (`done_with`): 2 with a pair, 1 with the lift's usual single load, or the
# one dumbbell or kettlebell held instead of the lift's own implement (`holds`). A target reads only the
# sessions done its way.
Way = int | Held

__all__ = [
    "runs_at_one_load",
    "ExerciseRules",
    "PlannedSet",
    "Prescription",
    "next_target",
    "e1rm",
    "set_e1rm",
    "Records",
    "records",
    "is_pr",
    "BREAK",
    "target_window",
    "windowed_target",
    "BIG_JUMP",
    "band_logged",
    "kit_implement",
    "pair_implement",
    "on_kit_at_or_below",
    "typo_entries",
    "done_with",
    "record_way",
    "target_way",
    "held_rules",
    "holds",
    "Way",
    "PAIN_SAID",
    "pain_noted",
]

BREAK = timedelta(days=14)  # this long away → restart at ~90%
BIG_JUMP = 0.10  # a next step above this fraction is progressed with reps and a set first
BACK_OFF = 0.95
BACK_OFF_FLOOR = 0.85  # below this the 95% rule overshoots (small loads): one step down instead
RETURN = 0.90
# A lighter load (a lighter day's: `_lighter_run`) becomes the working weight only when it
# is kept this many sessions in a row, the latest this many calendar days or more after the first: a
# deload week (two or three lighter sessions) does not reset the lifter.
LIGHTER_SESSIONS = 3
LIGHTER_SPAN = timedelta(days=7)
# A note that says a session was meant light (`_Done.called_light`): "(deload)", "(light day)",
# "(technique)", "(easy)", "(recovery)", "(travel gym)"; not "not easy", "not so light".
_LIGHT_NOTE = re.compile(
    r"(?<!not )(?<!not so )\b(deload\w*|light(?:er)?|technique|technical|easy|recovery|travel\w*)\b", re.I
)
# A note that reports pain (`_Done.pain`, `_held_for_pain`): "-- knee hurts", "(sharp pain in lower back)",
# "tweaked it", "felt a twinge", "(knee aches)", "(numb foot)", "(pinched nerve)", "(sprained ankle)",
# "(tendinitis)", "-- 🤕 knee"; and a few common words of other languages, whole words, with no
# negation read for them (`_PAIN_ELSEWHERE`). A missed hold is worse than an extra one, so the list is
# wide. Read first, and so saying nothing: a negation just before it, a word between allowed ("no pain",
# "no knee pain", "zero pain", "nothing hurts", "didn't hurt"), pain gone, after up to two words saying
# which or where (`_DESCRIBED`: "pain is gone", "knee pain gone", "sharp pain gone", "dull knee ache
# gone"; not "pain, not gone"), pain at 0 of 10 ("pain 0/10", "0/10 pain"); "pain-free" is none either.
# Soreness alone is the usual ache after training ("sore glutes", "legs sore", "DOMS"): pain only at a
# joint or the back or neck ("sore knee", "knee is sore"). A cramp is left out: it is usually harmless.
# "Pinch grip", "popped up" and "popped out of the hole" are lifting words, not pain.
_JOINT = (
    r"(?:knees?|hips?|(?:lower\s+|upper\s+|mid\s+)?back|neck|shoulders?|ankles?|wrists?|elbows?"
    r"|si\s+joints?|sacroiliac(?:\s+joints?)?)"
)
_MUSCLE = (
    r"(?:muscles?|hamstrings?|hammy|groin|calf|calves|quads?|glutes?|adductors?|hip\s+flexors?|pecs?|lats?"
    r"|traps?|obliques?|biceps?|triceps?|abs|rotator\s+cuff|something|" + _JOINT + r")"
)
# Soreness at a joint or the back or neck, either way round: "sore knee", "sore lower back", "knee is sore".
_SORE = (
    r"sore(?:ness)?\s+(?:(?:in|on|at|my|the|left|right)\s+)*" + _JOINT + r"|" + _JOINT + r"(?:[’']s)?\s+"
    r"(?:(?:is|was|feels|felt|feeling|got|getting|a|bit|little|kinda|very|really|so|still|pretty|quite"
    r"|super|slightly|also|too)\s+)*sore(?:ness)?"
)
# Words saying which pain or where, before a "gone" ("sharp pain gone", "left knee ache gone"): kinds
# of pain and body parts only, no word that reports pain itself, so "knee hurts back pain gone" and
# "knee aching back pain gone" still report the knee.
_DESCRIBED = (
    r"(?:sharp|dull|mild|slight|minor|little|bad|nagging|shooting|stabbing|burning|throbbing"
    r"|old|the|my|left|right|nerve|foot|feet|toes?|legs?|arms?|forearms?|chest|heels?|shins?|head|"
    + _MUSCLE
    + r")"
)
# Pain in a few common languages besides English, whole words: German, Spanish, French, Italian, Dutch,
# Polish, Portuguese ("Knie tut weh", "dolor de rodilla", "mal au genou", "fa male", "pijn", "boli",
# "dor"). No negation is read for them ("sin dolor" holds too): a missed hold is the worse mistake.
_PAIN_ELSEWHERE = (
    r"schmerz|schmerzen|tut\s+(?:mir\s+)?weh|dolor|duele|douleur|mal\s+(?:aux?|à\s+la)|dolore|fa\s+male"
    r"|pijn|ból|boli|dor"
)
# The words a negation or "gone" takes back ("no soreness", "nothing hurts", "pain is gone").
_SAID = (
    r"(?:pain\w*|hurt\w*|injur\w*|tweak\w*|strain\w*|twing\w*|sharp|ach\w*|sore\w*|numb\w*|tingl\w*"
    r"|swell\w*|swollen|sprain\w*|pinch\w*|sciatic\w*)"
)
_PAIN_NOTE = re.compile(
    r"\b(?:no|not|zero|0|without|never|nothing|(?:did|does|do|was|is)n[’']?t)\s+(?:\w+\s+)?" + _SAID + r"\b"
    r"|\b(?:" + _DESCRIBED + r"\s+){0,2}" + _SAID + r"(?:[’']s)?\s+"
    r"(?:(?:is|was|has|had|now|all|totally|completely|fully|since)\s+)*"
    r"(?:gone|went\s+away|disappeared)\b"
    r"|\b(?:pain|hurt)\w*\s*[:=]?\s*0(?:\s*/\s*10|\s+out\s+of\s+10)?(?![\w/]|[.,]\d)"
    r"|(?<![\w./])0\s*(?:/\s*10|\s+out\s+of\s+10)\s+(?:\w+\s+)?(?:pain|hurt)\w*"
    r"|(?P<pain>🤕|\b(?:pain|pains|painful+|painfully|hurt|hurts|hurting|hurted|injury|injuries|injured"
    r"|tweak|tweaked|strain|strained|twinge|twinges|twinged|sharp"
    r"|(?:back|neck|knee|hip|shoulder|head)?ach(?:e|es|ed|ing|y|ey)"
    r"|numb|numbness|tingle|tingles|tingling|tingly|sciatica|sciatic|ouch|swollen|swelling"
    r"|sprain|sprains|sprained|\w+itis|pinch(?:ed|es|ing)?(?![- ]?grips?\b)"
    r"|popped(?!\s+(?:it\s+)?(?:up|out\s+of\s+the\s+(?:hole|bottom))\b)|(?:felt|heard)\s+a\s+pop"
    r"|pulled\s+(?:(?:a|my|the|left|right|in)\s+)*" + _MUSCLE + r"|" + _MUSCLE + r"\s+pull"
    r"|" + _SORE + r"|" + _PAIN_ELSEWHERE + r")\b(?![- ]?free))",
    re.I,
)
# Said with every target after a session whose note reports pain (`_held_for_pain`): no diagnosis, no
# advice on the injury, only where to go (content/approach.yaml: "Pain means stop and see a professional").
PAIN_SAID = (
    "Pain means stop that lift and see a professional (physio or doctor) before loading it again;"
    " I don't diagnose"
)


def pain_noted(note: str) -> bool:
    """Whether ``note`` reports pain (`_PAIN_NOTE`): "knee hurts", "sharp pain in lower back", "sore
    knee", "numb foot", "Knie tut weh", "dolor" do; "no pain", "pain-free", "didn't hurt", "pain 0/10",
    "knee pain gone", "sharp pain gone", "sore glutes" do not; "no pain, but knee hurts" does."""
    return any(m.group("pain") for m in _PAIN_NOTE.finditer(note))


# Lighter sessions in a row read back (`_lighter_run`): a week of daily sessions. /log's window holds one
# more (`TARGET_WINDOW`), so this costs no extra reading; a longer run is the working weight by then.
_RUN_READ = 7
# Reps falling this many sessions in a row at one load (each fewer reps in all than the one before) is a
# trend, not a bad day: the back-off is deeper (``RETURN``, ~10%) and the reason says what to look at.
FALLING = 3
HARD_RPE = 9.5
EASY_RPE = 8.0
# Price's 3D lunges: the level model's movements in the library.
MULTI_DIRECTIONAL = frozenset({"forward_lunge", "lateral_lunge", "rotational_lunge"})
# The harder variation a lift moves on to when it is easy at the top level with nothing to load it
# with (the library: "when that gets too light, move to the single-leg bridge"; coaching-facts §2).
HARDER = {"glute_bridge": "single_leg_glute_bridge", "hip_thrust": "single_leg_hip_thrust"}
FIRST_LOAD_KG = 2.0  # the lightest first load on the hips worth a step (the home dumbbells' 2 kg)
MORE_SETS = 2  # a lift whose own count is high may still go this far over it (`_most_own_sets`)
# The most sets, one cap for every rule (`_most_own_sets`): the most a day may hold and still be the
# user's own set count (6 × 8, 6 × 12 are programs people follow; a day with more, 3x10, 3x10, 1x10,
# is extra work, and the exercise's own count stands), and the most kept or added, a set at a time,
# with no heavier load to take. Two caps (5 added, 6 kept) said "5 sets is the most", then "6".
MOST_OWN_SETS = 6
# Past the most sets with no heavier load, reps may climb this far over the top of the range, a rep at a
# time, before a slower lowering is the last resort (a 3 × 12 hip thrust with bands only: 5 × 17).
MORE_REPS = 5
# On a lift that is done at bodyweight (a bridge), a load this light in all is small next to the body
# it adds to: a step of at most ``LIGHT_STEP_KG`` is taken at the top of the range, reps staying there,
# with no percentage-jump rule (2 → 4 kg is +100% of the dumbbell, not of what is lifted).
LIGHT_LOAD_KG = 20.0
LIGHT_STEP_KG = 5.0
# A bar's smallest step, a pair of the smallest standard plates (1.25 kg, 2.5 lb): `_plate_step`.
PLATE_STEP: dict[Unit, float] = {"kg": 2.5, "lb": 5.0}
WIDE_RANGE = 5  # a rep range wider than this (8–15) drops by Epley after a load step, not to its bottom
STRENGTH_REPS = 5  # a rep scheme at or below this is strength work: load moves, reps stay
PR_TOLERANCE_KG = 0.1  # loads this close in kg are the same load (unit conversions round to 0.01)
_SAME = 0.05  # loads (in the equipment's unit) closer than this are the same load
# A day's earlier sets are taken for a mistake (`_doubted`) only beside a later whole scheme this many
# times lighter for as many reps: a back-off block at 40% (3x10 @ 100, then 3x10 @ 40) is work, and
# dropping the lifter to it would be the costly error; a typo (600 for 160) is further off than that.
DOUBT_FACTOR = 3.0
_ROUND_OK = 0.025  # a logged load this close to a loadable one is rounded onto the kit, else kept
# A load logged in the other unit that a kit load is at most this much over is said as about that load
# on the kit (140 kg = 308.65 lb, the pound bar's 310): the conversion's remainder. A kit load under it
# (100 lb = 45.36 kg, the kg bar's 45) is a lighter load than was lifted, however little, which a
# target never gives for work done (`_on_kit`).
_CONVERTED = 0.01
# Fixed weights: one logged in the other unit is the kit's own within `SAME_IMPLEMENT` (`same_implement`).
_FIXED: tuple[str, ...] = ("dumbbell", "kettlebell")


# What a user's own exercise (no equipment named) is loaded with, by its category: a glute lift or a
# compound as the hip thrust and the squat are (a bar). An accessory's kit varies too much to guess
# (a hip airplane, a cable kickback): it is loaded as a bodyweight lift is (dumbbells, kit allowing).
_BY_CATEGORY: dict[str, Implement] = {"glute_lift": "barbell", "compound": "barbell"}


@dataclass(frozen=True)
class ExerciseRules:
    """What the library says about an exercise, as the rules need it."""

    exercise: str
    rep_range: tuple[int, int]
    sets: int = 3
    implement: Implement = "barbell"
    category: Category = "glute_lift"
    ballistic: bool = False  # swings (the library's ``ballistic``): no estimated 1RM, no tempo advice
    start_band: str = "knees"  # the level's band position for a first band session
    abduction_exercise: str = "hip_abduction"  # where band work goes after the strongest band
    # Price's levels apply to the multi-directional movements: unloaded, they level up (beginner →
    # intermediate → advanced) and take load only at the advanced level. ``level`` is the user's.
    multi_directional: bool = False
    level: str | None = None
    unilateral: bool = False  # one leg at a time: no estimated 1RM
    harder: str | None = None  # the harder variation past the top level with no load (``HARDER``)
    # The library names a single dumbbell or a plate besides the bar ("barbell or dumbbell with a pad"):
    # the bodyweight lift's first load is one of those on the hips, not the empty bar (a 0 → 20 kg jump).
    light_first: bool = False
    # The library loads it on a bar and names nothing to hold instead (a back squat, a deadlift; not a
    # hip thrust, whose light load is a plate or dumbbell on the hips, nor an RDL "with dumbbells"): a
    # load under the empty bar, done its usual way, is no load of it: /log asks (`outlier_light`), and
    # the target is the bar (`_up_to_the_bar`).
    bar_only: bool = False
    # A user's own exercise names no kit: its implement is a guess from its category (`_BY_CATEGORY`), so
    # a load logged off that guess's steps (42.5 kg beside dumbbells of 42 and 44) is kept as lifted.
    kit_guessed: bool = False
    # A user's own activation exercise that is no band walk: no band in its kit (a library walk's
    # mini band), and none in its name unless it is a walk (a fire hydrant, a "band kickback" or a
    # "banded clamshell" is no walk; a "banded sumo walk" is): its target moves the band only once one
    # is logged on it, and counts reps, never a walk's steps each way.
    band_unnamed: bool = False
    # One dumbbell or kettlebell held, not the lift's own (`held_rules`): ``implement`` is it, and the reasons
    # name it with each load ("same 24 kg dumbbell"), as the target does, so none reads as a bar's load.
    held: bool = False

    @classmethod
    def from_library(cls, exercise: object, level: str | None = None) -> ExerciseRules:
        """Rules for a ``content.library.Exercise`` (read by attribute: id, category, rep_range, sets,
        loaded, equipment). The implement is the first of kettlebell, barbell, dumbbell, cable/machine
        its equipment names; ballistic as the library marks it (a swing)."""
        ex_id: str = exercise.id  # type: ignore[attr-defined]
        category = exercise.category  # type: ignore[attr-defined]
        kit = " ".join(exercise.equipment).lower()  # type: ignore[attr-defined]
        implement: Implement = "bodyweight"
        guessed = False
        if category == "activation":
            implement = "band"
        elif exercise.loaded:  # type: ignore[attr-defined]
            for word, found in (
                ("kettlebell", "kettlebell"),
                ("barbell", "barbell"),
                ("dumbbell", "dumbbell"),
                ("plate", "dumbbell"),
                ("cable", "machine"),
                ("machine", "machine"),
            ):
                if word in kit:
                    implement = found  # type: ignore[assignment]
                    break
            else:
                # A user's own exercise names no kit: loaded as the library's lifts of its category are.
                implement = _BY_CATEGORY.get(category, implement)
                guessed = True
        return cls(
            ex_id,
            tuple(exercise.rep_range),  # type: ignore[attr-defined]
            exercise.sets,  # type: ignore[attr-defined]
            implement,
            category,
            ballistic=bool(getattr(exercise, "ballistic", False)),
            multi_directional=ex_id in MULTI_DIRECTIONAL,
            level=level,
            unilateral=bool(getattr(exercise, "unilateral", False)),
            harder=HARDER.get(ex_id),
            light_first="barbell" in kit and re.search(r"\b(dumbbell|plate)\b", kit) is not None,
            bar_only=implement == "barbell"
            and not guessed
            and category != "glute_lift"
            and re.search(r"\b(dumbbells?|kettlebells?|plate)\b", kit) is None,
            kit_guessed=guessed,
            band_unnamed=category == "activation"
            and "band" not in kit
            and ("band" not in ex_id or "walk" not in ex_id),
        )

    @property
    def loadable(self) -> bool:
        return self.implement in LOADED_IMPLEMENTS

    @property
    def band_work(self) -> bool:
        return self.category == "activation" or self.implement == "band"


@dataclass(frozen=True)
class PlannedSet:
    reps: int  # steps each way for band walks
    load: float | None = None  # None: bodyweight / band
    unit: Unit | None = None
    band: str | None = None  # band position
    resistance: str | None = None  # band strength, when known
    implements: int = 1  # 2: a pair of dumbbells (or kettlebells), ``load`` per hand
    backoff: bool = False  # a back-off set after the working sets, logged as one ("backoff 2x10 90kg")

    @property
    def load_text(self) -> str:
        """ "12 kg", or "2 × 12 kg" for a pair ("" without a load)."""
        if self.load is None:
            return ""
        return f"{'2 × ' if self.implements == 2 else ''}{self.load:g} {self.unit}"

    def __str__(self) -> str:
        if self.load is not None:
            return f"{self.reps} × {self.load_text}"
        if self.band:
            return f"{self.reps} (band at the {self.band})"
        return f"{self.reps}"


def runs_at_one_load(sets: Sequence[PlannedSet]) -> list[list[PlannedSet]]:
    """A target's sets as runs at one load, in order, as the user reads them (3 × 11 @ 80 kg, 2 × 9 @
    90 kg: two runs; a reverse pyramid: a run per set; one load: one run)."""
    runs: list[list[PlannedSet]] = []
    for s in sets:
        if runs and runs[-1][0].load_text == s.load_text:
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs


@dataclass(frozen=True)
class Prescription:
    exercise: str
    sets: tuple[PlannedSet, ...]
    reason: str  # one line: what changed and why
    level_up_offer: bool = False
    back_off: bool = False
    swap_to: str | None = None  # another exercise takes over (band work past the strongest band)
    each_side: bool = False  # reps are per side: the work it follows was logged left and right
    band_reps: bool = False  # reps with a band on (an own fire hydrant), not a walk's steps each way
    # One dumbbell or kettlebell held on a bar lift (the work it follows was so): no plates, no empty bar.
    held: Implement | None = None

    def __post_init__(self) -> None:
        if "\n" in self.reason:
            raise ValueError("a reason is one line")

    @property
    def reps(self) -> tuple[int, ...]:
        return tuple(s.reps for s in self.sets)

    @property
    def load(self) -> float | None:
        return self.sets[0].load if self.sets else None

    @property
    def unit(self) -> Unit | None:
        return self.sets[0].unit if self.sets else None

    @property
    def band(self) -> str | None:
        return self.sets[0].band if self.sets else None

    @property
    def pair(self) -> bool:
        """The load is per hand of a pair of dumbbells (or kettlebells): "@ 2 × 12 kg"."""
        return bool(self.sets) and self.sets[0].implements == 2 and self.sets[0].load is not None

    @property
    def load_text(self) -> str:
        """ "80 kg", "2 × 12 kg" for a pair, "" without a load."""
        return self.sets[0].load_text if self.sets else ""

    def load_in(self, unit: Unit) -> float | None:
        """The load in ``unit``: a load kept off the kit is said in the unit it was logged in (25 lb),
        and a ramp or a plate count works in the kit's."""
        load = self.load
        if load is None or (self.unit or unit) == unit:
            return load
        return round(from_kg(to_kg(load, self.unit), unit), 2)


# --------------------------------------------------------------------------- what was done


@dataclass(frozen=True)
class _Done:
    """One session's work on the exercise: the sets at its top working load, in order."""

    at: datetime
    load: float | None  # equipment unit; None = bodyweight
    reps: tuple[int, ...]
    rpes: tuple[float | None, ...]
    band: str | None
    resistance: str | None
    shown: str = ""  # the top load as logged ("80 lb"), for reasons about a load off the kit
    implements: int = 1  # 2: the top sets were done with a pair, the load per hand
    sided: bool = False  # logged per side (left/right): ``reps`` are the weaker side's
    uneven: bool = False  # some set's sides differed (L10/R9): its reps are the weaker side's
    # The top load was reached through lighter working sets (60x10, 80x8, 100x5): a top-set day,
    # whose one set at the top says nothing about the set count of straight-set days.
    ramp: bool = False
    # A top-set day's lighter working sets with their loads (equipment unit), in order: what the ramp
    # shows the lifter can do in the rep range, and straight sets done before or after a top set.
    lighter: tuple[tuple[float, LoggedSet], ...] = ()
    # A day of work at more than one load that is no warm-up ramp (`_by_load`): straight sets at each
    # load (3x10 @ 80, 2x8 @ 90) or a reverse pyramid (80x8, 70x10, 60x12), as (load, sets) in the
    # order done, one set per left+right pair. Each load is progressed on its own (`_per_load`).
    groups: tuple[tuple[float, tuple[LoggedSet, ...]], ...] = ()
    # The sets logged as back-offs (``backoff 2x10 90kg``), lighter than the top, by load in order:
    # prescribed again after the working sets (`_with_backoffs`), never read as the working sets.
    backoffs: tuple[tuple[float, tuple[LoggedSet, ...]], ...] = ()
    doubted: str = ""  # a load the day's later work says was a mistake ("600 kg": `_doubted`)
    # A lighter day done while the target built on a heavier working weight (`_as_working_weight`):
    # no attempt at its load, so no stall there.
    deload: bool = False
    # The session's note says it was meant light ("(deload)", "(technique)": `_LIGHT_NOTE`): a lighter
    # day at any percentage under the target (`_under_target`).
    called_light: bool = False
    # The session's note reports pain ("-- knee hurts": `pain_noted`): the next target raises nothing
    # off it (`_held_for_pain`), and a day held so is no stall (`_stalled`).
    pain: bool = False
    # The heaviest work of the day's last entry in pain when lighter than the day's top (3 × 4 @ 100
    # after 3 × 6 @ 110, "(knee hurts)"): the held target goes no heavier (`_held_for_pain`).
    pain_load: float | None = None
    # A ramp day whose first work set was the top set (1 × 6 @ 140, then 3 × 8 @ 105): a top set and
    # its back-offs, a scheme the target keeps (the top set first again), not a ramp up to a lone top.
    top_first: bool = False
    # Read from the session's latest SESSION_READ entries only: it had more sets than ``count``.
    cut: bool = False

    @property
    def count(self) -> int:
        return len(self.reps)


def _fmt(x: float) -> str:
    return f"{x:g}"


def _rpe(s: LoggedSet) -> float | None:
    if s.rpe is not None:
        return s.rpe
    return 10.0 - s.rir if s.rir is not None else None


def _load_in(s: LoggedSet, unit: Unit) -> float | None:
    if s.load is None or s.load <= 0:
        return None
    if (s.unit or "kg") == unit:
        return float(s.load)
    return round(from_kg(to_kg(s.load, s.unit), unit), 2)


def done_with(entry: Entry) -> Way | None:
    """How ``entry``'s work was done: 2 with a pair of dumbbells (or kettlebells), the load per hand; 1
    with a single load the lift's usual way (a barbell); the `Held` implement for one dumbbell or
    kettlebell held instead of the lift's own (`holds`: a dumbbell on the hips); None with no load (bodyweight, a band).
    Read from its working sets (else any loaded set), by the heaviest in all, as a day that mixes them is
    read (`_apart`)."""
    return _way_of(entry.sets)


def _way_of(sets: Sequence[LoggedSet]) -> Way | None:
    best: LoggedSet | None = None
    best_key = (0.0, 0)
    working = False  # working sets found: only they are read
    for s in sets:
        if s.load is None or s.load <= 0:
            continue
        if s.kind is SetKind.WORKING and not working:
            working, best = True, None  # the loaded sets before it were not work
        elif working and s.kind is not SetKind.WORKING:
            continue
        key = (s.load_in_all_kg or 0.0, s.implements)
        if best is None or key > best_key:  # the first of equals, as max() keeps it
            best, best_key = s, key
    return None if best is None else best.way


def target_way(history: Sequence[Entry]) -> Way | None:
    """How the latest session with loaded work in ``history`` (one exercise, in the order trained) was
    done: the way of its heaviest work in all (`done_with` of the session's sets), the way the next
    target goes on; None when none of it was loaded."""
    end = len(history)
    while end > 0:
        last = history[end - 1].at
        start = end - 1
        while start > 0 and history[start - 1].at > last - LONGEST_SESSION:
            start -= 1
        session = group_sessions(history[start:end])[-1].entries
        way = _way_of([s for e in session for s in e.sets])
        if way is not None:
            return way
        end -= len(session)
    return None


def _done_so(entries: Sequence[Entry], way: Way | None) -> tuple[Entry, ...]:
    """``entries`` done ``way`` (a pair, one dumbbell or kettlebell held, or the lift's usual single
    load), and those with no load; all for None."""
    if way is None:
        return tuple(entries)
    return tuple(e for e in entries if done_with(e) in (None, way))


def _sessions(
    rules: ExerciseRules, history: list[Entry], unit: Unit, way: Way | None = None, earlier: bool = False
) -> list[_Done]:
    """The sessions of ``rules.exercise`` in ``history``, each read from its entries done ``way``
    (`target_way`: a pair of dumbbells, or a single load) and those with no load: a pair's target
    follows the pair's sessions only, and a barbell's the barbell's, so a stall or a back-off is found
    across the sessions done that way and a day done the other way is no lighter (or heavier) day of it.
    Sessions are found first, from all the entries, so leaving some out moves no session's bounds.
    ``earlier``: the exercise has entries before ``history`` (a window's): `_doubted`."""
    mine = [e for e in history if e.exercise == rules.exercise]
    done = (
        (_session_done(rules, session.start, read[-SESSION_READ:], unit, earlier or k > 0), read)
        for k, session in enumerate(group_sessions(mine))
        if (read := _done_so(session.entries, way))
    )
    return [replace(d, cut=True) if len(read) > SESSION_READ else d for d, read in done if d is not None]


# Sessions read once, kept while they stay as they are: every /log reads the window's sessions again
# (the heavy user's /log in `python -m bench.scale_bench`, ~45% of its CPU), and only today's changes.
# Keyed by the entries' values, so an edited entry is another key; bounded, so a crowd only evicts.
@lru_cache(maxsize=4096)
def _session_done(
    rules: ExerciseRules, start: datetime, read: tuple[Entry, ...], unit: Unit, earlier: bool = False
) -> _Done | None:
    """The work on ``rules``' exercise of the session begun at ``start``, from its latest SESSION_READ
    entries ``read`` (a day logged entry by entry keeps each /log's read bounded); None when it holds
    no work to progress from (warm-ups only). ``earlier``: the exercise was logged before the session
    (`_doubted`)."""
    kinds = (SetKind.WORKING, SetKind.ACTIVATION) if rules.band_work else (SetKind.WORKING,)
    per_entry = [[s for s in e.sets if s.kind in kinds and s.reps > 0] for e in read]
    if rules.band_work:
        # A day that moved the band (2x20 at the knees, then 2x20 at the ankles) is read at its last
        # position: the sets there are the day's work, not a 4-set scheme.
        moved_to = next((s.band for g in reversed(per_entry) for s in reversed(g) if s.band), None)
        per_entry = [[s for s in g if s.band in (moved_to, None)] for g in per_entry]
    sets = [s for group in per_entry for s in group]
    if not sets:
        return None  # warm-ups only: nothing to progress from
    # Each set's load once: a long session (a day logged set by set) is read on every /log.
    loads_per_entry = [[_load_in(s, unit) for s in group] for group in per_entry]
    loads = [x for group in loads_per_entry for x in group]
    top = max((x for x in loads if x is not None), default=None)
    if top is not None and (_may_be_light(sets) or _climbs_again(per_entry)):
        # Light sets logged after the work are warm-ups to the target as they are on the card and
        # in /done (`coaching.hardsets`): not a scheme of their own to progress.
        late = _late_light(read)
        if late:
            per_entry = [[s for s in g if id(s) not in late] for g in per_entry]
            loads_per_entry = [[_load_in(s, unit) for s in group] for group in per_entry]
            loads = [x for group in loads_per_entry for x in group]
            sets = [s for group in per_entry for s in group]
    if top is not None and any(s.implements != sets[0].implements for s in sets):
        top, loads_per_entry = _apart(per_entry, loads_per_entry)
    # Whole schemes logged one after another (3x10 @ 80, then +2.5kg, then same) are attempts at
    # the day's scheme, read by its best (`_best_schemes`), not loads of one session to keep each.
    repeats = _logged_again(read, per_entry, loads_per_entry, unit)
    again = bool(repeats) or sum(1 for group in per_entry if len(group) >= rules.sets) > 1
    per_entry, loads_per_entry, doubted = _doubted(per_entry, loads_per_entry, rules.sets, earlier)
    had = [bool(group) for group in per_entry]
    per_entry, loads_per_entry = _best_schemes(per_entry, loads_per_entry, rules.sets, repeats)
    again = again and sum(1 for group in per_entry if len(group) >= rules.sets) > 1
    # An entry whose work another entry of the day replaced (the same scheme logged again, better)
    # takes its back-offs with it: the target cites the back-offs of the work it was built on.
    kept_entries = [e for e, was, group in zip(read, had, per_entry, strict=True) if group or not was]
    sets = [s for group in per_entry for s in group]
    loads = [x for group in loads_per_entry for x in group]
    if doubted:
        top = max((x for x in loads if x is not None), default=None)
    # Lighter sets after a pyramid done again (100x5, 110x3 twice, then 3x12 @ 60) are its back-offs,
    # not part of the repeat: without them the pyramid reads once, as with no lighter sets after it.
    cut = _lighter_tail(loads)
    once = _pyramid_once(sets[:cut], loads[:cut], top)
    after_once: frozenset[int] = frozenset()
    if once is not None:
        # The day reads as that one pyramid, as if it were logged once in one entry.
        after_once = frozenset(id(s) for s in sets[cut:])
        sets, loads = once
    at_top = [s for s, x in zip(sets, loads, strict=True) if _same(x, top)]
    sided = any(s.side is not None for s in at_top)
    at_top, uneven = _one_per_pair(at_top)
    band = next((s.band for s in reversed(sets) if s.band), None)
    resistance = next((s.resistance for s in reversed(sets) if s.resistance), None)
    shown = next((f"{_fmt(float(s.load))} {s.unit or unit}" for s in at_top if s.load), "")
    # One set at the top with lighter work, or lighter warm-ups marked "w", before it: a ramp either
    # way (`w 40x5 / w 60x3 / 100x8` is `40x5, 60x3, 100x8`), not one set of a straight-set scheme.
    mixed = any(x is not None and not _same(x, top) for x in loads)
    ramp = len(at_top) == 1 and (mixed or _warmed_up_to(read, at_top[0], top, unit))
    # The sets below the top, which only a ramp day reads (`_in_range`).
    lighter = (
        tuple((x, s) for s, x in zip(sets, loads, strict=True) if x is not None and not _same(x, top))
        if ramp
        else ()
    )
    groups = _by_load(sets, loads, rules.rep_range[0]) if top is not None and not again else ()
    # Lighter sets after the top work typed without "backoff" (5x5 120kg, 3x8 90kg) are back-offs
    # too, each at its own load, unless a day at several loads keeps them (`_by_load`).
    unlabelled = (
        _unlabelled_backoffs(sets, loads, top, groups)
        if top is not None and mixed and not ramp
        else frozenset()
    ) | after_once
    return _Done(
        start,
        top,
        tuple(s.reps for s in at_top),
        tuple(_rpe(s) for s in at_top),
        band,
        resistance,
        shown,
        at_top[-1].implements if top is not None else 1,
        sided,
        uneven,
        ramp=ramp,
        lighter=lighter,
        groups=groups,
        top_first=ramp and top is not None and _same(loads[0], top),
        backoffs=_backoff_runs(kept_entries, top * at_top[-1].implements, unit, unlabelled)
        if top is not None and not rules.band_work
        else (),
        doubted=doubted,
        called_light=any(_LIGHT_NOTE.search(e.note) for e in read if e.note),
        pain=any(pain_noted(e.note) for e in read if e.note),
        pain_load=_pain_load(read, kinds, unit, top),
    )


def _pain_load(
    entries: Sequence[Entry], kinds: tuple[SetKind, ...], unit: Unit, top: float | None
) -> float | None:
    """The heaviest work (``kinds``, in ``unit``) of the last of a session's ``entries`` whose note
    reports pain and that has loaded work, when lighter than the day's ``top``: 100 kg for "/log squat
    3x6 100kg (knee hurts)", "/log squat 3x6 110kg", "/log squat 3x4 100kg (knee hurts)". Else None
    (no such entry, or it was the top: the day's own load holds)."""
    if top is None:
        return None
    for e in reversed(entries):
        if e.note and pain_noted(e.note):
            loads = [
                x for s in e.sets if s.kind in kinds and s.reps > 0 and (x := _load_in(s, unit)) is not None
            ]
            if loads:
                return max(loads) if max(loads) < top - _SAME else None
    return None


def _warmed_up_to(entries: Sequence[Entry], top_set: LoggedSet, top: float | None, unit: Unit) -> bool:
    """A warm-up set lighter than ``top`` was logged before ``top_set`` in the session's ``entries``."""
    if top is None:
        return False
    for e in entries:
        for s in e.sets:
            if s is top_set:
                return False
            x = _load_in(s, unit) if s.kind is SetKind.WARMUP and s.reps > 0 else None
            if x is not None and x < top - _SAME:
                return True
    return False


def _by_load(
    sets: list[LoggedSet], loads: list[float | None], bottom: int
) -> tuple[tuple[float, tuple[LoggedSet, ...]], ...]:
    """The day's work by load, in the order done, when it is work at more than one load that a coach
    keeps as it is: each load one run of two or more sets with some set in the rep range (3x10 @ 80,
    2x8 @ 90: a lighter run of fives is a warm-up left unmarked), or one set a load, each lighter than
    the one before, some set in the range (a reverse pyramid: top set first, then lighter back-offs).
    Else () (one load; a ramp up to a top set, `_in_range`; a load come back to later in the day)."""
    runs: list[tuple[float, list[LoggedSet]]] = []
    # The loads of the runs so far by their `_SAME`-wide bucket: a load come back to is found among its
    # own and the two next buckets, not by a pass over every run (a day logged set by set at many loads).
    seen: dict[int, list[float]] = {}
    for s, x in zip(sets, loads, strict=True):
        if x is None:
            return ()  # a set at bodyweight, or with the other implement (`_apart`)
        if runs and _same(runs[-1][0], x):
            runs[-1][1].append(s)
            continue
        key = round(x / _SAME)
        if any(_same(y, x) for k in (key - 1, key, key + 1) for y in seen.get(k, ())):
            return ()
        runs.append((x, [s]))
        seen.setdefault(key, []).append(x)
    paired = [(x, tuple(_one_per_pair(group)[0])) for x, group in runs]
    if len(paired) < 2:
        return ()
    sizes = {len(group) for _x, group in paired}
    if sizes == {1}:
        descending = all(a > b + _SAME for (a, _), (b, _) in zip(paired, paired[1:], strict=False))
        return tuple(paired) if descending and any(g[0].reps >= bottom for _x, g in paired) else ()
    if max(sizes) >= 2:
        # A lone set lighter than every run of sets (a pump set, a finisher) is no load of its own.
        lightest = min(x for x, group in paired if len(group) >= 2)
        paired = [(x, g) for x, g in paired if len(g) >= 2 or x > lightest + _SAME]
    # One heavy top set done last, after runs at two loads or more (3x10 @ 80, 2x8 @ 90, 1x3 @ 110): a
    # top set the day's shape keeps (`_top_sets`), not a ramp's end that leaves the lighter runs out.
    runs = paired[:-1] if _lone_top(paired, bottom) else paired
    if len(paired) < 2 or min(len(g) for _x, g in runs) < 2:
        return ()
    done_in_range = [x for x, group in paired if max(s.reps for s in group) >= bottom]
    # A run below the range lighter than one in it is a warm-up left unmarked; a heavier one is a
    # load missed, which backs off on its own (`_per_load`), unless it is strength work: on a lift whose
    # range is strength work too (3 × 3 after 3 × 5 on a 5–8 lift) the top load's own scheme, as
    # before, and done first (5x5 @ 120, then 3x8 @ 90) a top scheme and its back-offs
    # (`_unlabelled_backoffs`); done after the volume sets (3x8 @ 185 lb, then 2x5 @ 225 lb) top sets,
    # each load kept (`_top_sets`).
    if not done_in_range:
        return ()
    last_in_range = max(i for i, (_x, group) in enumerate(paired) if max(s.reps for s in group) >= bottom)
    below = [
        (i, x, max(s.reps for s in g)) for i, (x, g) in enumerate(paired) if max(s.reps for s in g) < bottom
    ]
    volume = bottom > STRENGTH_REPS
    if any(
        x < max(done_in_range) or (r <= STRENGTH_REPS and not (volume and i > last_in_range))
        for i, x, r in below
    ):
        return ()
    return tuple(paired)


def _lone_top(paired: Sequence[tuple[float, Sequence[LoggedSet]]], bottom: int) -> bool:
    """The day's last load (``paired``, by load in order) is one strength top set (`_top_sets`), heavier
    than every load before it, and two loads or more of runs of sets came before it."""
    *runs, (x, group) = paired
    return (
        len(group) == 1
        and len(runs) >= 2
        and all(len(g) >= 2 and y < x - _SAME for y, g in runs)
        and _top_sets(group, bottom)
    )


def _top_sets(group: Sequence[LoggedSet], bottom: int) -> bool:
    """A load's sets of a day at several loads (`_by_load`) that are strength top sets: five reps or
    fewer on a lift whose range starts above that (2x5 @ 225 lb after 3x8 @ 185 lb). Their reps stay
    and their load moves, as a strength scheme's do; no back-off for being below the range."""
    return bottom > STRENGTH_REPS and max(s.reps for s in group) <= STRENGTH_REPS


def _fewer_than_before(days: list[_Done], load: float, reps: Sequence[int]) -> bool:
    """Whether the day before the last (``days``, in order) did more reps at ``load`` than ``reps``, the
    last day's there: 2 × 6 then 2 × 5 at 225 lb is a step back, not top sets to add load to."""
    if len(days) < 2:
        return False
    before = [max(s.reps for s in g) for y, g in days[-2].groups if _same(y, load) and g]
    return bool(before) and max(before) > max(reps, default=0)


def _may_be_light(sets: Sequence[LoggedSet]) -> bool:
    """Whether `coaching.hardsets` could count any of a day's working ``sets`` (in order) as a light set
    after the work: one under its light share of the top, at a load with fewer than a block's sets after
    the top. False skips asking it (a day of straight sets, or of back-off blocks, is most days)."""
    kg = [round(x, 1) if (x := s.load_kg) else 0.0 for s in sets]
    top = max(kg, default=0.0)
    after = kg[kg.index(top) + 1 :] if top else []
    light = {x for x in after if 0 < x < LIGHT_SHARE * top}
    return bool(light) and any(after.count(x) < SCHEME_SETS for x in light)


def _climbs_again(per_entry: Sequence[Sequence[LoggedSet]]) -> bool:
    """Whether an entry after the one with the day's first top set climbs back to the top load (a
    ramp logged again: "100x8" then "40x5, 60x3, 80x2, 100x8"), whose steps `coaching.hardsets`
    counts as warm-ups. False skips asking it."""
    kg = [[round(x, 1) if (x := s.load_kg) else 0.0 for s in group] for group in per_entry]
    top = max((x for group in kg for x in group), default=0.0)
    first = next((n for n, group in enumerate(kg) if top in group), len(kg))
    return any(top in group and group[0] != top for group in kg[first + 1 :])


def _late_light(entries: Sequence[Entry]) -> frozenset[int]:
    """The sets (by ``id``) of a session's ``entries`` that `coaching.hardsets` counts as warm-ups
    after its first top set: logged late, after the work, or on a later climb back to the top."""
    return light_after_top(entries)


def _unlabelled_backoffs(
    sets: list[LoggedSet],
    loads: list[float | None],
    top: float,
    groups: tuple[tuple[float, tuple[LoggedSet, ...]], ...],
) -> frozenset[int]:
    """The working sets (by ``id``) a coach reads as back-offs typed without the word: 95% of the ``top``
    load or less (3x10 @ 82.5 then 3x10 @ 80 is the scheme again, a step lighter), done after the first
    set at it (before it they are a warm-up ramp), at no load of the day's ``groups`` (those are
    progressed as sets at each load). ``sets`` hold no warm-up logged late: `_sessions` took those out
    (`_late_light`)."""
    first = next((i for i, x in enumerate(loads) if _same(x, top)), len(loads))
    kept = [y for y, _g in groups]
    return frozenset(
        id(s)
        for s, x in zip(sets[first + 1 :], loads[first + 1 :], strict=True)
        if x is not None and x <= top * BACK_OFF + 1e-9 and not any(_same(x, y) for y in kept)
    )


def _backoff_runs(
    entries: Sequence[Entry], top: float, unit: Unit, unlabelled: frozenset[int] = frozenset()
) -> tuple[tuple[float, tuple[LoggedSet, ...]], ...]:
    """The session's sets logged as back-offs, lighter than its top load (``top``: in all, both hands of
    a pair: a 20 kg back-off after a pair of 12s is lighter), as runs at one load and implement in order
    (one set per left+right pair); with them the working sets whose ``id`` is in ``unlabelled``
    (`_unlabelled_backoffs`), where they were done."""
    runs: list[tuple[float, list[LoggedSet]]] = []
    for e in entries:
        for s in e.sets:
            backoff = s.kind is SetKind.BACKOFF or id(s) in unlabelled
            x = _load_in(s, unit) if backoff and s.reps > 0 else None
            if x is None or x * s.implements >= top - _SAME:
                continue
            if runs and _same(runs[-1][0], x) and runs[-1][1][0].implements == s.implements:
                runs[-1][1].append(s)
            else:
                runs.append((x, [s]))
    return tuple((x, tuple(_one_per_pair(group)[0])) for x, group in runs)


def _apart(
    per_entry: list[list[LoggedSet]], loads: list[list[float | None]]
) -> tuple[float, list[list[float | None]]]:
    """A session that mixes a pair with a single weight (``2x12kg`` and ``12kg``): a pair of 12 kg is
    24 kg, not the 12 kg of one dumbbell, so the top is the heaviest load in hand, and only the sets
    done with its implement can be at it (the others' loads read as None here)."""
    _total, implements, top = max(
        (x * s.implements, s.implements, x)
        for group, group_loads in zip(per_entry, loads, strict=True)
        for s, x in zip(group, group_loads, strict=True)
        if x is not None
    )
    kept = [
        [x if s.implements == implements else None for s, x in zip(group, group_loads, strict=True)]
        for group, group_loads in zip(per_entry, loads, strict=True)
    ]
    return top, kept


def _doubted(
    per_entry: list[list[LoggedSet]], loads: list[list[float | None]], full: int, earlier: bool = False
) -> tuple[list[list[LoggedSet]], list[list[float | None]], str]:
    """A day's sets less those its later work says were a mistake: a whole scheme (``full`` sets at
    one load) logged after sets more than ``DOUBT_FACTOR``× as heavy for as many reps (a first entry of
    3x10 @ 600 kg, then 3x10 @ 160 kg: no one does that) is what was lifted, so those heavier sets are
    left out of the target (the log keeps them). A heavy set of fewer reps before lighter volume (1x3 @
    160, then 3x10 @ 100) is a top set, kept. So is a load logged after earlier work of the exercise
    (``earlier``: before the session; or earlier that day): /log asked about it if it was over 1.5× the
    best ("Is that right?") and the lifter confirmed it, else that work backs it; either way it is the
    lifter's real load, and the lighter scheme its back-offs. With them, the heaviest of them as logged
    ("600 kg"), else ""."""
    last = next(
        (
            (i, y)
            for i in range(len(per_entry) - 1, 0, -1)
            for y in {x for x in loads[i] if x is not None}
            if sum(1 for x in loads[i] if _same(x, y)) >= full
        ),
        None,
    )
    if last is None:
        return per_entry, loads, ""
    j, y = last
    least = min(s.reps for s, x in zip(per_entry[j], loads[j], strict=True) if _same(x, y))

    def doubted(i: int, s: LoggedSet, x: float | None) -> bool:
        return i < j and x is not None and x > DOUBT_FACTOR * y and s.reps >= least

    wrong = [
        (x, s)
        for i, (group, group_loads) in enumerate(zip(per_entry, loads, strict=True))
        for s, x in zip(group, group_loads, strict=True)
        if doubted(i, s, x)
    ]
    if not wrong:
        return per_entry, loads, ""
    first = min(
        i
        for i, group in enumerate(per_entry)
        for s, x in zip(group, loads[i], strict=True)
        if doubted(i, s, x)
    )
    if earlier or any(x is not None for group_loads in loads[:first] for x in group_loads):
        return per_entry, loads, ""  # confirmed at the 1.5x question, or near the work before it
    _x, heaviest = max(wrong, key=lambda pair: pair[0] or 0.0)
    kept = [
        [(s, x) for s, x in zip(group, group_loads, strict=True) if not doubted(i, s, x)]
        for i, (group, group_loads) in enumerate(zip(per_entry, loads, strict=True))
    ]
    shown = f"{_fmt(float(heaviest.load or 0))} {heaviest.unit or 'kg'}"
    return [[s for s, _x in g] for g in kept], [[x for _s, x in g] for g in kept], shown


def _logged_again(
    read: Sequence[Entry], per_entry: list[list[LoggedSet]], loads: list[list[float | None]], unit: Unit
) -> frozenset[int]:
    """The day's entries (by index into ``read``, with ``per_entry``'s work sets and their ``loads``) that
    log one shape of work twice or more: straight sets at one load, back-offs with them, the same sets
    at the same loads (reps and efforts aside), ``SCHEME_SETS`` sets or more. Each is a whole scheme
    (`_best_schemes`) whatever the program's set count: 3x8 @ 140 and then 3x8 @ 140 at RPE 10, on a
    lift the program gives 4 sets, is the lifter's 3-set scheme tried again, not 6 sets; 100x5 with
    3x10 @ 70 back off, logged again, is one top set and 3 back-offs. A set or two a message (2x10, then
    2x10) is no scheme: those add up; a ramp logged again is `_pyramid_once`'s."""
    if len(read) < 2:
        return frozenset()
    shapes: list[tuple[tuple[float | None, int, bool], ...]] = []
    for e, group, group_loads in zip(read, per_entry, loads, strict=True):
        backoffs = [
            (_load_in(s, unit), s.implements, True)
            for s in e.sets
            if s.kind is SetKind.BACKOFF and s.reps > 0
        ]
        work = [(x, s.implements, False) for s, x in zip(group, group_loads, strict=True)]
        straight = all(_same(x, group_loads[0]) for x in group_loads)
        shapes.append(tuple(work + backoffs) if group and straight else ())
    counts = Counter(shapes)
    return frozenset(i for i, shape in enumerate(shapes) if len(shape) >= SCHEME_SETS and counts[shape] > 1)


def _best_schemes(
    per_entry: list[list[LoggedSet]],
    loads: list[list[float | None]],
    full: int,
    repeats: frozenset[int] = frozenset(),
) -> tuple[list[list[LoggedSet]], list[list[float | None]]]:
    """A day's sets as its schemes, entry by entry (``loads`` per set, in step). Where an entry holds a
    whole scheme at a load (``full`` sets, one per left+right pair; any count in an entry of ``repeats``,
    one shape of work logged again: `_logged_again`), the day's work at that load is its
    best such entry (`_score`, the latest of equals): the scheme's set count, one the lifter can trace.
    A whole scheme logged again (3x10, then 3x10 or 3x11) is extra work, not a 6-set scheme, and a part
    beside it (a heavy 1x5 at the same load, 2x10 more) is a top set or extra sets, not a failed or a
    5-set scheme. With no whole scheme at a load, its parts add up (2x10 and 2x10, a set a message).
    The kept sets take the RPE of their equals (`_day_rpe`): 3x8 @ 140 at RPE 10, then 3x8 @ 140 with
    no RPE, is 3x8 @ 140 at RPE 10, as either order and the one entry read."""
    if len(per_entry) < 2:
        return per_entry, loads
    best: list[tuple[float, int, tuple[int, int]]] = []  # per load: (load, entry, score) of its best
    whole: list[list[float | None]] = [[] for _ in per_entry]  # per entry: the loads of its whole schemes
    for i, (group, group_loads) in enumerate(zip(per_entry, loads, strict=True)):
        for x in set(group_loads):  # None: bodyweight, a scheme like any (3x15, then 3x20)
            at_x, _uneven = _one_per_pair([s for s, y in zip(group, group_loads, strict=True) if _same(x, y)])
            if len(at_x) < full and i not in repeats:
                continue
            whole[i].append(x)
            score = _score(at_x)
            j = next((k for k, (y, _i, _s) in enumerate(best) if _same(x, y)), None)
            if j is None:
                best.append((x, i, score))
            elif score >= best[j][2]:
                best[j] = (x, i, score)
    if not best:
        return per_entry, loads
    # The entries each one's whole schemes lost to: a day at several loads logged again (3x10 @ 80,
    # 2x8 @ 90, then 3x10 @ 80, 2x9 @ 90) is read by its best entry at every load it did, not the
    # 90 kg parts of both added up (9, 9, 10, 10 @ 90 and no 80 kg sets).
    beaten: list[set[int]] = [
        {k for y, k, _s in best if k != i and any(_same(x, y) for x in whole[i])}
        for i in range(len(per_entry))
    ]

    def kept_at(i: int, x: float | None) -> bool:
        if any(_same(x, y) for y, _k, _s in best):
            return all(k == i or not _same(x, y) for y, k, _s in best)
        return not any(_same(x, y) for k in beaten[i] for y in loads[k])

    # Once per entry and load, not per set: a day of twenty 3-set entries is read on every /log and /edit.
    keep = {(i, x): kept_at(i, x) for i, group_loads in enumerate(loads) for x in set(group_loads)}
    kept = [
        [(s, x) for s, x in zip(group, group_loads, strict=True) if keep[i, x]]
        for i, (group, group_loads) in enumerate(zip(per_entry, loads, strict=True))
    ]
    kept = _day_rpe(kept, per_entry, loads, whole)
    return [[s for s, _x in g] for g in kept], [[x for _s, x in g] for g in kept]


def _day_rpe(
    kept: list[list[tuple[LoggedSet, float | None]]],
    per_entry: list[list[LoggedSet]],
    loads: list[list[float | None]],
    whole: list[list[float | None]],
) -> list[list[tuple[LoggedSet, float | None]]]:
    """The ``kept`` sets (with their loads) of a day's whole schemes, each at the highest RPE said that
    day for its equals: sets at its load with its reps, in the entries that did a whole scheme at that
    load (``whole``: per entry, those loads; ``per_entry`` and ``loads``: the day's sets). The same
    sets logged again without an RPE, or with a lower one, do not take back the effort said for them:
    3x8 @ 140 at RPE 10, then 3x8 @ 140, is 3x8 @ 140 at RPE 10 (as the other order and the one entry
    read: the same again); 3x9 @ 140 after it is other sets, read as said."""
    said = [
        (x, s.reps, rpe)
        for group, group_loads, at in zip(per_entry, loads, whole, strict=True)
        for s, x in zip(group, group_loads, strict=True)
        if (rpe := _rpe(s)) is not None and any(_same(x, y) for y in at)
    ]
    if not said:
        return kept  # most days: no RPE said

    def highest(s: LoggedSet, x: float | None) -> LoggedSet:
        rpe = max((r for y, reps, r in said if reps == s.reps and _same(x, y)), default=None)
        return s if rpe is None or rpe == _rpe(s) else replace(s, rpe=rpe, rir=None)

    return [[(highest(s, x), x) for s, x in g] for g in kept]


def _pyramid_once(
    sets: list[LoggedSet], loads: list[float | None], top: float | None
) -> tuple[list[LoggedSet], list[float | None]] | None:
    """A pyramid done again the same day (60x10, 80x8, 100x6 and then "same", or the whole ramp twice
    set by set): the same loads in the same order, each time one set (per left+right pair) at the top.
    It is one top-set day, not straight sets at the top: the best of its repeats (the top set's reps,
    then all its reps; the latest of equals), as that pyramid logged once reads. None when the day's
    loads are no such repeat. Only the session's own sets are read."""
    n = len(loads)
    # Two pyramids are at least four sets, not all at one load: most days (3 × 10) stop here, cheaply,
    # as every session of the history is read.
    if top is None or n < 4 or loads.count(loads[0]) == n or sum(1 for x in loads if _same(x, top)) < 2:
        return None
    # The shortest repeating run: any longer one is made of it, so holds more sets at the top.
    period = next(
        (
            p
            for p in range(2, n // 2 + 1)
            if n % p == 0 and all(_same(loads[i], loads[i - p]) for i in range(p, n))
        ),
        None,
    )
    if period is None:
        return None
    copies = [(sets[i : i + period], loads[i : i + period]) for i in range(0, n, period)]
    at_top, _uneven = _one_per_pair([s for s, x in zip(*copies[0], strict=True) if _same(x, top)])
    if len(at_top) != 1 or all(_same(x, top) for x in copies[0][1]):
        return None  # straight sets at the top (a whole scheme again: `_best_schemes`), no ramp

    def score(i: int) -> tuple[int, int, int]:
        copy, copy_loads = copies[i]
        best, _uneven = _one_per_pair([s for s, x in zip(copy, copy_loads, strict=True) if _same(x, top)])
        return best[0].reps, sum(s.reps for s in copy), i

    return copies[max(range(len(copies)), key=score)]


def _lighter_tail(loads: list[float | None]) -> int:
    """Where the day's last sets start when each is lighter than every set before them (back-offs after
    the work), as an index into ``loads``; ``len(loads)`` when there are none (or a set has no load)."""
    n = len(loads)
    if n < 5 or any(x is None for x in loads):
        return n  # a pyramid done again (4 sets or more) and sets after it: most days stop here
    floor = list(accumulate((x or 0.0 for x in loads), min))  # the lightest of the first i + 1
    cut, lightest = n, 0.0
    for i in range(n - 1, 0, -1):
        lightest = max(lightest, loads[i] or 0.0)  # the heaviest from i on
        if lightest < floor[i - 1] - _SAME:
            cut = i
    return cut


def _score(sets: list[LoggedSet]) -> tuple[int, int]:
    """A whole scheme's work, to keep the better of two on one day: total reps, then sets."""
    return sum(s.reps for s in sets), len(sets)


def _one_per_pair(sets: list[LoggedSet]) -> tuple[list[LoggedSet], bool]:
    """Work logged per side as one set per left+right pair ("3x8 each side" is 3 sets, not 6), with
    the weaker side's reps: the set is only as done as its harder side. True with it when some pair's
    sides differed (L10/R9)."""
    out: list[LoggedSet] = []
    uneven = False
    i = 0
    while i < len(sets):
        s = sets[i]
        other = sets[i + 1] if i + 1 < len(sets) else None
        if s.side is not None and other is not None and other.side is not None and other.side != s.side:
            out.append(replace(s, reps=min(s.reps, other.reps)))
            uneven = uneven or s.reps != other.reps
            i += 2
        else:
            out.append(s)
            i += 1
    return out, uneven


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < _SAME


def _base_sets(
    done: list[_Done],
    rules: ExerciseRules,
    bridge: Callable[[_Done], bool] | None = None,
    uncapped: bool = False,
) -> int:
    """The user's own set count: the commonest over the last four sessions; a tie goes to the count
    nearest the exercise's own (the program's), then to the latest, so one short day or one extra set
    does not change it, and a day of 3 sets after a single 1x10 is read as 3 sets. Sessions that
    ``bridge`` a big jump (sets over the exercise's own count, all at the top: `_bridges`) are extra
    work before the next dumbbell, not the user's count; with only those, they are the user's count. A
    latest day up at the exercise's own count is the count from then on."""
    if not done:
        return rules.sets
    alike = _alike(done)
    # Bridge sessions are extra sets only beside a session at the user's own count; when every session
    # read is one (a first 4 × 20 @ 16 kg), those sets are the user's count, kept over the jump.
    window = [d.count for d in alike if not (bridge is not None and bridge(d))] or [d.count for d in alike]
    if not window:
        return rules.sets
    counts = Counter(window)
    most = max(counts.values())
    tied = [c for c in reversed(window) if counts[c] == most]  # latest first: min keeps the first
    # More sets than `_most_own_sets` is extra work on a day, not the user's scheme: the scheme is the
    # exercise's own count, one the lifter can trace (not 5 after a 7-set day), and the reason says so
    # (`_by_rules`, which reads the count before this cap from ``uncapped``).
    count = min(tied, key=lambda c: abs(c - rules.sets))
    if window[-1] == rules.sets > count:
        # Up to the exercise's own count on the latest day (1 × 12, 1 × 12, then 3 × 10): the program's
        # sets, done, are the lifter's now, not one extra-sets day.
        count = window[-1]
    return count if uncapped or count <= _most_own_sets(rules) else rules.sets


def _alike(done: list[_Done]) -> list[_Done]:
    """The last four sessions that say the user's set count (`_base_sets`); ``done`` is not empty."""
    # Only sessions of the latest one's kind of work count: a day of singles says nothing about the
    # set count of a later 3x3 or 3x10.
    kind, ramp = _scheme(done[-1]), done[-1].ramp
    # A day at more than one load (`_by_load`) says nothing about the set count of a day at one load:
    # only the latest day is read when it is one (its sets at the load the target falls back to, when
    # `_per_load` has no target in its shape).
    return [d for d in done[-4:] if _scheme(d) == kind and d.ramp == ramp and (not d.groups or d is done[-1])]


def _most_own_sets(rules: ExerciseRules) -> int:
    """The most sets (`MOST_OWN_SETS`): read as the user's own set count, kept, or added."""
    return max(rules.sets + MORE_SETS, MOST_OWN_SETS)


# Sessions read back for a strength scheme done straight (`_strength_reps`), past the last three.
SCHEME_LOOKBACK = 6


def _away(last: _Done, now: datetime) -> bool:
    """A break since ``last``: `BREAK` or more calendar days on the user's clock ("14 days ago" is a
    break whatever the hour it is read at; its set is stored at noon)."""
    return _days_away(last, now) >= BREAK.days


def _days_away(last: _Done, now: datetime) -> int:
    """Calendar days from ``last`` to ``now``, on the user's clock (``now``'s zone): "15 days ago" at
    noon, read this morning, is 15 days away, not 14 and some hours."""
    return (now.date() - last.at.astimezone(now.tzinfo).date()).days


def _scheme(d: _Done) -> int | None:
    """A session's kind of work: its rep count for low-rep strength work (1x1, 3x3, 5x5), else None."""
    most = max(d.reps, default=0)
    return most if most <= STRENGTH_REPS else None


def _strength_reps(done: list[_Done], rules: ExerciseRules) -> int | None:
    """The reps of the user's own low-rep strength scheme (5×5, 3×3, a single) when it sits below the
    exercise's range, or None for rep-range work. A scheme is the commonest rep count of the last three
    sessions, done as straight sets (every set alike) at least once, so a failing 5, 5, 4 in an 8–12
    range stays a failing rep-range session. More sets than the exercise's own count that missed a rep
    at the end (5, 5, 5, 5, 4) are straight sets too: a 5 × 5 with a miss is still a 5 × 5."""
    if rules.rep_range[1] <= STRENGTH_REPS:
        return None  # the range itself is strength work: it already progresses by load only
    if done and _scheme(done[-1]) is None:
        # The latest session is rep-range work (3 × 10 @ 80 after fives at 100): it is progressed as
        # itself, not as the fives' reps at its lighter load.
        return None
    recent = [d for d in done[-3:] if d.load is not None]
    reps = Counter(r for d in recent for r in d.reps)
    if not reps:
        return None
    most = max(reps.values())
    r = max(k for k, n in reps.items() if n == most)
    straight = any(set(d.reps) == {r} or (d.count > rules.sets and _missed(d.reps, r)) for d in recent)
    # Two sessions that missed a rep after a straight 3 × 5 (5,4,4 and 5,5,4, then a 3 × 3): still the
    # lifter's fives, done straight a little further back, not rep-range work from the 6-rep bottom.
    straight = straight or any(
        set(d.reps) == {r} and d.load is not None for d in done[-SCHEME_LOOKBACK:-3] if _scheme(d) is not None
    )
    # At the bottom of a range that starts at 5 (the deadlift's 5–8), more sets than the exercise's own
    # count is a strength scheme (5×5 adds load, not a sixth rep: issue 11); its own 3×5 is the bottom
    # of the double progression and gains reps first.
    scheme = r < rules.rep_range[0] or (r == rules.rep_range[0] and recent[-1].count > rules.sets)
    if r <= STRENGTH_REPS and scheme and straight:
        return r
    return _last_scheme(done, rules)


def _last_scheme(done: list[_Done], rules: ExerciseRules) -> int | None:
    """The reps of the latest straight low-rep sets (every set alike, or a rep under it: 5, 5, 5, 4, 4) in the last
    `SCHEME_LOOKBACK` sessions when none since went above them, or None. A 5 × 5 done in full after
    3 × 10s is a 5 × 5 however many 3 × 10s came before it (not a 5 failing an 8-rep bottom); a 3 × 5,
    then 4, 3, 3 and 3, 3, 2 is still a 3 × 5 missed twice (not a 3-rep count, nor rep-range work whose
    bottom a regression raised)."""
    bottom = rules.rep_range[0]
    for k in range(len(done) - 1, max(-1, len(done) - 1 - SCHEME_LOOKBACK), -1):
        d = done[k]
        r = d.reps[0] if d.reps else None
        straight = set(d.reps) == {r}
        # More sets than the exercise's own, all at or one rep under the first (5, 5, 5, 4, 4): a 5 × 5
        # attempted, not 4s failing an 8-rep bottom (6, 5, 4 is no one count; a 5, 5, 4 of the exercise's
        # own 3 sets after 3 × 10s stays a failing rep-range session, as in `_strength_reps`).
        tried = r is not None and d.count > rules.sets and _missed(d.reps, r) and min(d.reps) >= r - 1
        # Fewer sets than the exercise's own (2 × 5 after 3 × 10s) are a heavy day, not a scheme.
        if (
            d.load is None
            or r is None
            or not (straight or tried)
            or d.count < rules.sets
            or r > STRENGTH_REPS
        ):
            continue
        # Sessions since it that stayed at or under its reps are attempts at it; one past it is a new
        # kind of work (3 × 10 after a 3 × 5), read on its own.
        if any(max(x.reps, default=0) > r for x in done[k + 1 :]):
            return None
        before = done[k - 1] if k else None
        if (
            before is not None
            and before.load is not None
            and before.count == d.count
            and d.load <= before.load + _SAME
            and max(before.reps, default=0) > r
        ):
            # The same sets at no heavier load, with fewer reps (3 × 6, then 3 × 5 at 100 kg): reps
            # falling short of the range, not a scheme chosen.
            return None
        # At the bottom of a range that starts at its reps, only more sets than the exercise's own are a
        # scheme (`_strength_reps`).
        return r if r < bottom or (r == bottom and d.count > rules.sets) else None
    return None


def _missed(reps: tuple[int, ...], r: int) -> bool:
    """Straight sets of ``r`` with a rep or two missed: most sets at ``r`` from the first one on, none
    above it (5, 5, 5, 5, 4). Not a collapse (5, 3, 2), which is a failing session."""
    return bool(reps) and reps[0] == r and max(reps) == r and 2 * reps.count(r) > len(reps)


def _a_miss(done: list[_Done], rules: ExerciseRules, reps: int) -> bool:
    """The last session is the user's strength scheme with a rep or two missed, not a failing one:
    most sets at ``reps`` (`_missed`), and the scheme is theirs: more sets than the exercise's own
    (a 5 × 5), or done in full before as as many straight sets (a 3 × 5 that went 5, 5, 4). A top set
    of a pyramid day is no scheme to repeat."""
    last = done[-1]
    if not _missed(last.reps, reps):
        return False
    return last.count > rules.sets or any(
        not d.ramp and d.count >= last.count and set(d.reps) == {reps} for d in done[-4:-1]
    )


# --------------------------------------------------------------------------- the target


def next_target(
    rules: ExerciseRules,
    history: list[Entry],
    equipment: Equipment,
    now: datetime,
    way: Way | None = None,
) -> Prescription:
    """The next session's target for ``rules.exercise`` from ``history`` (any entries; other exercises
    and non-working sets are ignored). Loads are in ``equipment.unit`` and always loadable with it.
    ``way``: 2 for work with a pair of dumbbells, 1 with a single load (`done_with`), read from the
    sessions done that way only; None: as the latest loaded work was done (`target_way`)."""
    mine = chronological([e for e in history if e.exercise == rules.exercise])
    way = way or target_way(mine)
    rules = held_rules(rules, way)
    done = _sessions(rules, history, equipment.unit, way)
    return _as_held(_target(rules, done, equipment, now, _warm_ups_in_pain(rules, mine)), way)


def windowed_target(
    rules: ExerciseRules,
    history: list[Entry],
    equipment: Equipment,
    now: datetime,
    way: Way | None = None,
) -> Prescription:
    """`next_target` from the `target_window` of ``history`` (one exercise, in the order trained):
    the same target, with each session of the window read once, not once to size it and again."""
    way = way or target_way(history)
    rules = held_rules(rules, way)
    window, done = _windowed(rules, history, equipment.unit, TARGET_WINDOW, way)
    unit = equipment.unit
    done = _sessions(rules, window, unit, way) if done is None else done
    p = _target(rules, done, equipment, now, _warm_ups_in_pain(rules, history))
    return _as_held(p, way)


def _warm_ups_in_pain(rules: ExerciseRules, history: Sequence[Entry]) -> bool:
    """Whether the latest session in ``history`` (``rules``' exercise, in the order trained) holds no
    work, only warm-ups, and a note of it reports pain ("/log hip thrust w 60x10 (knee hurts)"): no
    session to hold (`_sessions` reads none from it), but pain was said, so `_target` says `PAIN_SAID`
    and raises nothing off the work before it."""
    if not history:
        return False
    start = len(history) - 1
    while start > 0 and history[start - 1].at > history[-1].at - LONGEST_SESSION:
        start -= 1
    if not any(e.note for e in history[start:]):
        return False  # no note, no pain said: most days (every /log reads this)
    session = group_sessions(history[start:])[-1].entries
    kinds = (SetKind.WORKING, SetKind.ACTIVATION) if rules.band_work else (SetKind.WORKING,)
    if any(s.kind in kinds and s.reps > 0 for e in session for s in e.sets):
        return False  # work to hold: `_Done.pain` reads the same notes
    return any(pain_noted(e.note) for e in session if e.note)


# The lifts one dumbbell or kettlebell can be held on instead of their own implement (`holds`).
_HOLDS_ON = frozenset({"barbell", "dumbbell", "bodyweight"})


def holds(rules: ExerciseRules, implement: str) -> bool:
    """Is one ``implement`` ("dumbbell", "kettlebell") on ``rules``' lift a `Held` way, apart from its
    usual one: either on a bar lift (a dumbbell on the hips for a hip thrust), a kettlebell on a dumbbell
    lift (a kettlebell Bulgarian split squat: kettlebell steps, not dumbbell ones), either on a
    bodyweight one (a dumbbell kickback). One dumbbell on a dumbbell lift is its usual single load, not
    this. On a user's own lift, its kit guessed (`ExerciseRules.kit_guessed`), either one named is the
    kit said, not guessed: "goblet squat 3x12 16kg kettlebell" is one 16 kg kettlebell, in its steps."""
    return (
        implement in ("dumbbell", "kettlebell")
        and implement != rules.implement
        and rules.implement in _HOLDS_ON
    )


def held_rules(rules: ExerciseRules, way: Way | None) -> ExerciseRules:
    """``rules`` for work done ``way``: one dumbbell or kettlebell held instead of the lift's own
    implement (`holds`) is loaded in that implement's steps (the kit's dumbbells or kettlebells), with
    no bar and no plates."""
    if not isinstance(way, Held) or not holds(rules, way.value):
        return rules
    # Named, not guessed: the kit's steps and "same 16 kg kettlebell", as on a library lift.
    return replace(rules, implement=way.value, light_first=False, held=True, kit_guessed=False)


def _as_held(p: Prescription, way: Way | None) -> Prescription:
    """``p`` marked as a target for one held implement (`Prescription.held`) when ``way`` is one."""
    if not isinstance(way, Held) or p.load is None or p.pair:
        return p
    return replace(p, held=way.value)  # type: ignore[arg-type]


def _target(
    rules: ExerciseRules,
    done: list[_Done],
    equipment: Equipment,
    now: datetime,
    warm_ups_in_pain: bool = False,
) -> Prescription:
    """The target from sessions ``done``; ``warm_ups_in_pain``: a later session of warm-ups only
    reported pain (`_warm_ups_in_pain`), so the target is held as after pain in the last of ``done``, or
    with none, says `PAIN_SAID` with the first-time target."""
    done = _on_bells(rules, done, equipment)
    typos = _typos(done)
    p = _by_rules(rules, [d for k, d in enumerate(done) if k not in typos], equipment, now)
    if done and done[-1].doubted:
        # Said, so a first entry's mistaken load (no best to ask it against) is not silently dropped.
        why = f"{done[-1].doubted} looks like a mistake beside your later sets, so this follows them"
        p = replace(p, reason=f"{why}; {p.reason}")
    elif typo := _typo_note(done, typos, equipment.unit, now):
        # Said, so a confirmed typo is neither trusted as the working weight nor silently dropped.
        p = replace(p, reason=f"{typo}; {p.reason}")
    kept = [d for k, d in enumerate(done) if k not in typos]
    if kept and (kept[-1].pain or warm_ups_in_pain):
        return _held_for_pain(p, kept[-1], rules, equipment, after=warm_ups_in_pain and not kept[-1].pain)
    return replace(p, reason=f"{p.reason.rstrip('.')}. {PAIN_SAID}") if warm_ups_in_pain else p


def _held_for_pain(
    p: Prescription, last: _Done, rules: ExerciseRules, equipment: Equipment, after: bool = False
) -> Prescription:
    """After a session whose note reports pain (``last.pain``: "/log squat 3x5 100kg -- knee hurts"), a
    target that raises anything off it (load, reps, sets, the band, a level) is that session again (3 ×
    5 @ 100 kg, not 102.5); one the rules already make lighter (a back-off) stands. After heavier work
    the same day, no load over the last one done in pain (``last.pain_load``): 3 × 6 @ 100 "(knee
    hurts)", 3 × 6 @ 110, 3 × 4 @ 100 "(knee hurts)" is 3 × 6 @ 100, not 110. Either way `PAIN_SAID`
    follows: stop, see a professional; no diagnosis. The next session without pain is read as any other,
    so the rules go on from the load held. ``after``: the pain was noted on a later day of warm-ups only
    (`_warm_ups_in_pain`), so the reason names ``last`` as the last working session."""
    cap = last.pain_load
    if not _raises(p, last, equipment.unit) and not (cap is not None and _heavier(p, cap, equipment.unit)):
        return replace(p, reason=f"{p.reason.rstrip('.')}. {PAIN_SAID}")
    sets = _session_again(last, rules, equipment, cap)
    why = "you noted pain, so no more load or reps than that session"
    if after:
        why = "you noted pain, so no more load or reps than your last working session"
    elif cap is not None:
        at = f"{_fmt(cap)} {equipment.unit}"
        why = f"you noted pain at {at}, so no more load than that, and no more reps than that session"
    return replace(p, sets=sets, reason=f"{why}. {PAIN_SAID}", level_up_offer=False, swap_to=None)


def _heavier(p: Prescription, cap: float, unit: Unit) -> bool:
    """Whether a working set of target ``p`` is heavier than ``cap`` (in ``unit``, as `_raises` reads a
    target kept as logged: 135 lb on a kg kit)."""
    loads = [
        s.load if (s.unit or unit) == unit else from_kg(to_kg(s.load, s.unit), unit)
        for s in p.sets
        if s.load is not None and not s.backoff
    ]
    return any(x > cap + _SAME for x in loads)


def _raises(p: Prescription, last: _Done, unit: Unit) -> bool:
    """Whether target ``p`` asks more than session ``last`` did: a heavier working set, a band moved or
    swapped for other work, a level up, or more sets or reps in all at ``last``'s top load."""
    if p.level_up_offer or p.swap_to:
        return True
    work = [s for s in p.sets if not s.backoff]
    if any(s.band not in (None, last.band) or s.resistance not in (None, last.resistance) for s in work):
        return True
    if last.load is None:
        return any(s.load is not None for s in work) or sum(s.reps for s in work) > sum(last.reps)
    # In the kit's unit, as ``last`` holds its load: a target kept as logged (135 lb) is compared so.
    loaded = [
        (s.load if (s.unit or unit) == unit else from_kg(to_kg(s.load, s.unit), unit), s.reps)
        for s in work
        if s.load is not None
    ]
    if any(x > last.load + _SAME for x, _r in loaded):
        return True
    at_top = [r for x, r in loaded if _same(x, last.load)]
    return len(at_top) > last.count or sum(at_top) > sum(last.reps)


def _session_again(
    last: _Done, rules: ExerciseRules, equipment: Equipment, cap: float | None = None
) -> tuple[PlannedSet, ...]:
    """``last``'s work as the target: its sets at each load as done (a ramp's lighter sets, a day at
    several loads), then its back-offs. Each load as the kit makes it at or below it (225 lb on a kg
    kit: 100 kg, not 102.5: `on_kit_at_or_below`); one the kit cannot make, as logged (a load above its
    heaviest, lifted elsewhere). Under a ``cap`` (the last load done in pain that day, lighter than the
    top), the top work is done at the cap and only the work lighter than it is kept: 3 × 6 @ 110, then
    3 × 4 @ 100 in pain, is 3 × 6 @ 100."""
    unit = equipment.unit
    value, _, logged_in = last.shown.partition(" ")
    each = last.implements

    def planned(x: float | None, reps: int, implements: int = each, backoff: bool = False) -> PlannedSet:
        if x is None:
            return PlannedSet(reps, band=last.band, resistance=last.resistance)
        on = on_kit_at_or_below(rules, equipment, x, implements == 2)
        if logged_in and logged_in != unit and _same(x, last.load) and _same(on, x):
            as_logged: Unit = logged_in  # type: ignore[assignment]
            return PlannedSet(reps, float(value), as_logged, implements=implements, backoff=backoff)
        return PlannedSet(reps, on, unit, implements=implements, backoff=backoff)

    if last.groups:
        work = [(x, s.reps) for x, group in last.groups for s in group]
    else:
        top = [(last.load, r) for r in last.reps]
        lighter = [(x, s.reps) for x, s in last.lighter]
        work = [*top, *lighter] if last.top_first or not last.ramp else [*lighter, *top]
    if cap is not None:
        # The top work at the cap, the lighter work under it as done; work between them goes, so no
        # load is done twice (3 × 10 @ 110, 3 × 8 @ 100 in pain: 3 × 10 @ 100, not six sets).
        top = last.load
        work = [
            (cap if _same(x, top) else x, r) for x, r in work if x is None or x < cap - _SAME or _same(x, top)
        ]
    sets = [planned(x, r) for x, r in work]
    for x, group in last.backoffs:
        if cap is None or x < cap - _SAME:
            sets += [planned(x, s.reps, group[0].implements, backoff=True) for s in group]
    return tuple(sets)


def _on_bells(rules: ExerciseRules, done: list[_Done], equipment: Equipment) -> list[_Done]:
    """``done`` with each top load that is a kettlebell or dumbbell logged in the other unit as the kit's
    own bell it is (`same_implement`: 53 lb on a kg kit is the 24 kg bell, not 24.04 kg; 24 kg on a pound
    kit the 53 lb one, not 52.91 lb): one bell is one load whichever unit it was logged in, so switching
    units makes no session lighter or heavier than another (`_follows_lighter`, `_lighter_than`, the
    stall rule). ``shown`` keeps it as logged."""
    out: list[_Done] | None = None
    if rules.kit_guessed:
        return done  # an own exercise's dumbbells are only a guess: no "same dumbbell" (`_loaded`)
    for i, d in enumerate(done):
        if d.load is None or not d.shown or d.shown.endswith(f" {equipment.unit}"):
            continue
        implement = (
            pair_implement(rules, equipment)
            if d.implements == 2
            else _implement_for(rules, equipment, d.load)
        )
        bell = same_implement(d.load, implement, equipment)
        if bell is None or bell == d.load:
            continue
        if out is None:
            out = list(done)
        out[i] = replace(d, load=bell)
    return done if out is None else out


def _by_rules(rules: ExerciseRules, done: list[_Done], equipment: Equipment, now: datetime) -> Prescription:
    bottom, top = rules.rep_range
    if not 1 <= bottom <= top:
        raise ValueError(f"bad rep range {rules.rep_range!r}")
    if rules.band_work:
        return _band_target(rules, done, equipment)
    if not done:
        return _start(rules, equipment)
    if (after_bw := _after_bodyweight_days(rules, done, equipment, now)) is not None:
        return after_bw
    last = done[-1]
    if last.groups:
        if (kept := _per_load(rules, done, equipment, now)) is not None:
            return _as_done(_with_backoffs(kept, rules, last, now, equipment), last)
        # No target in the day's shape (a lighter load's next step too big: 45 → 50 lb): the usual
        # rules at the top load, and the lighter loads after it kept as its back-offs, not dropped.
        last = _lighter_groups_as_backoffs(last)
        done = [*done[:-1], last]
    if (extra := _extra_after_scheme(rules, done, equipment.unit)) is not None:
        # The scheme done, then extra sets below the range at its load: the target follows the scheme,
        # and says how the extra sets were read (no failed 5-set scheme, no back-off for them).
        read, said = extra
        p = _by_rules(rules, read, equipment, now)
        return replace(p, reason=f"{said}; {p.reason}")
    if last.load is not None and _rep_range_ramp(done, rules):
        after = _after_ramp(rules, done, equipment, now)
        return _as_done(_with_backoffs(after, rules, last, now, equipment), last)
    if (heavy := _after_new_heaviest(rules, done, equipment, now)) is not None:
        return heavy
    if (held := _top_set_held(rules, done, equipment, now)) is not None:
        return _as_done(_with_backoffs(held, rules, last, now, equipment), last)
    if (lighter := _after_lighter_days(rules, done, equipment, now)) is not None:
        return lighter
    if (bar := _up_to_the_bar(rules, last, equipment)) is not None:
        return _as_done(bar, last)
    done, kept = _as_working_weight(rules, done, equipment)
    # The count read once: the cap `_base_sets` applies is applied here too, so the reason can say it.
    read = _base_sets(done, rules, lambda d: _bridges(d, rules, equipment), uncapped=True)
    most = _most_own_sets(rules)
    base = read if read <= most else rules.sets
    if last.load is None:
        p = _unloaded(rules, done, base, equipment)
    else:
        p = _as_logged(_loaded(rules, done, base, equipment, now), last, rules, equipment)
        p = _with_backoffs(p, rules, last, now, equipment)
        if kept:
            p = replace(p, reason=f"{kept}; {p.reason}")
        elif under := _follows_lighter(rules, done, equipment, now):
            p = replace(p, reason=f"{under}; {p.reason}")
    if read > most:
        # Said, so the lifter can trace the count: a day of more sets than that is no scheme kept.
        more = "over " if any(d.cut and d.count == read for d in done[-4:]) else ""
        extra = f"{more}{read} sets in one session is more than the {most} read as a set count"
        # At the heaviest dumbbell the sets done are kept up to the most, as the reason after this says
        # ("6 sets (not 7)"): the count is said here only when it is the target's.
        work = sum(not s.backoff for s in p.sets)
        so = f", so {base} sets" if work == base else ""
        p = replace(p, reason=f"{extra}: extra work on the day{so}; {p.reason}")
    return _as_done(p, last)


def _up_to_the_bar(rules: ExerciseRules, last: _Done, equipment: Equipment) -> Prescription | None:
    """The target after work under the kit's empty bar on a bar-only lift (`ExerciseRules.bar_only`),
    done its usual way (a technique bar, a broomstick, confirmed at /log's question): no load of the lift
    is lighter than the bar, so the target is the empty bar at the reps done, one change and no step up
    from a load no bar makes (3 × 5 @ 10 kg → 3 × 5 @ 20 kg, not a dumbbell's "12 kg is +20%"). None with no
    barbell in the kit or another way: one dumbbell said held ("10kg dumbbell") goes on in its steps
    (`held_rules`), a pair in the pair's. A lighter day after heavier work is read before this."""
    if not rules.bar_only or rules.implement != "barbell" or not equipment.has_barbell:
        return None
    if last.load is None or last.implements != 1 or last.load >= equipment.bar - _SAME:
        return None
    shown = last.shown or f"{_fmt(last.load)} {equipment.unit}"
    return _plan(
        rules,
        f"{shown} is lighter than the empty bar ({_fmt(equipment.bar)} {equipment.unit}), the lightest a"
        " barbell makes: the same reps on the bar (a lighter bar? /equipment bar sets it)",
        list(last.reps),
        equipment.bar,
        equipment.unit,
    )


def _scheme_sets(d: _Done, bottom: int) -> int:
    """How many of ``d``'s first sets are in the range (at ``bottom`` reps or more), in order."""
    return next((k for k, r in enumerate(d.reps) if r < bottom), d.count)


def _without_extra(d: _Done, scheme: int, bottom: int) -> _Done | None:
    """``d`` (straight sets at one load) as its scheme done: its first sets in the range, ``scheme`` or
    more of them, when every set after them fell below the range (3 × 8, then 2 × 5 at 80 kg: extra
    work on tired legs, not a scheme of five that failed). None when ``d`` is no such day, or a set
    after them is one rep short: a missed rep (5, 5, 5, 5, 4) is within the scheme."""
    if d.ramp or d.groups or d.lighter:
        return None
    k = _scheme_sets(d, bottom)
    if k < scheme or k >= d.count or max(d.reps[k:]) >= bottom - 1:
        return None
    return replace(d, reps=d.reps[:k], rpes=d.rpes[:k])


def _extra_after_scheme(
    rules: ExerciseRules, done: list[_Done], unit: Unit
) -> tuple[list[_Done], str] | None:
    """The days read with the last day's extra sets left out (`_without_extra`), and what the reason
    says of them; None when the last day has none. The scheme is the set count of the recent days done
    whole in the range (the commonest, a tie to the larger), else the exercise's own: a scheme of five
    done 8, 8, 8, 5, 5 failed within its own sets, and backs off as before."""
    bottom = rules.rep_range[0]
    if bottom <= STRENGTH_REPS or _strength_reps(done, rules):
        return None  # strength work: a set count kept whole (5 × 5), its short sets misses
    whole = [
        d.count for d in done[-5:-1] if not d.ramp and not d.groups and _scheme_sets(d, bottom) == d.count
    ]
    counts = Counter(whole)
    scheme = max(counts, key=lambda c: (counts[c], c)) if counts else rules.sets
    last = _without_extra(done[-1], scheme, bottom)
    if last is None:
        return None
    extra = done[-1].reps[last.count :]
    two = "2 × " if last.implements == 2 else ""
    at = f" @ {two}{_as_lifted(last, last.load, unit)}" if last.load is not None else ""

    def sets(reps: Sequence[int]) -> str:
        return f"{len(reps)} × {reps[0]}" if len(set(reps)) == 1 else ", ".join(map(str, reps))

    said = f"{sets(extra)} after your {sets(last.reps)}{at} read as extra sets, not a failed {done[-1].count}-set scheme"
    # The days before read so too, so the extra sets of an earlier day are no stall either.
    read = [_without_extra(d, scheme, bottom) or d for d in done[:-1]]
    return [*read, last], said


def _after_bodyweight_days(
    rules: ExerciseRules, done: list[_Done], equipment: Equipment, now: datetime
) -> Prescription | None:
    """Bodyweight days after loaded work (3 × 12 @ 60 kg, then 3 × 15 bodyweight) are lighter days
    (`_after_lighter_days`): the target builds on the load before them, not "then load goes on" from
    nothing. Loaded work a break before them restarts by the break rule from it; bodyweight kept
    ``LIGHTER_SESSIONS`` sessions into a second week is the lifter's choice (`_new_working_weight`), and
    the usual rules follow it. None when the last session had a load or none came before."""
    k = next((i for i, d in enumerate(reversed(done)) if d.load is not None), len(done))
    if not k or k == len(done) or _new_working_weight(done[-k:]) is not None:
        return None
    heavy, run = done[-k - 1], done[-k:]
    last = run[-1]
    if heavy.load is None or heavy.load <= 0 or heavy.ramp or heavy.groups:
        return None
    if not all(d.at - prev.at < BREAK for prev, d in zip(run, run[1:], strict=False)):
        return None
    if run[0].at - heavy.at >= BREAK:
        return _target(rules, done[:-k], equipment, now)  # old loaded work: the break rule from it
    if _away(last, now):
        # Away since the bodyweight days: the break rule from the working weight, counted from the last.
        p = _target(rules, [*done[: -k - 1], replace(heavy, at=last.at)], equipment, now)
    else:
        p = _prescribed(rules, tuple(done[:-k]), equipment, last.at)
    unit = equipment.unit
    two = "2 × " if heavy.implements == 2 else ""
    said = "a bodyweight day" if k == 1 else f"{k} bodyweight days in a row"
    why = (
        f"{said} after your {two}{_work_on(heavy, heavy.load, unit, now)},"
        f" so this builds on your {two}{_as_lifted(heavy, heavy.load, unit)} working weight"
    )
    return replace(p, reason=f"{why}; {p.reason}", each_side=last.sided)


def _loaded_pair(done: list[_Done]) -> tuple[_Done, _Done] | None:
    """The last two sessions (before, last) when both had a load and no break lies between them: what
    the two one-session exceptions below read (a new heaviest set, a lighter day); None otherwise."""
    if len(done) < 2:
        return None
    before, last = done[-2], done[-1]
    if before.load is None or last.load is None or last.at - before.at >= BREAK:
        return None
    return before, last


def _after_new_heaviest(
    rules: ExerciseRules, done: list[_Done], equipment: Equipment, now: datetime
) -> Prescription | None:
    """After a lone set below the range at a load heavier than any before (3 × 10 @ 100, then 1 × 5 @
    120 on a day of its own): a new record tried, not a failed scheme to back off from (backing off is
    for going backwards). The straight sets before it go on, as after a top-set day (`_after_ramp`).
    None for anything else, and for the lifter's own low-rep scheme (singles that move the load)."""
    pair = _loaded_pair(done)
    if pair is None:
        return None
    before, last = pair
    assert last.load is not None  # (`_loaded_pair`)
    heaviest = not any(d.load is not None and d.load >= last.load - _SAME for d in done[:-1])
    # A lone set at the working weight below the range (a single at 105 after 10, 10, 7 @ 105) is a
    # test or a technique set, no failed scheme either (a tester: it cut the target to 1 × 8 @ 97.5).
    at_work = _same(last.load, before.load) and before.count > 1 and before.implements == last.implements
    if (
        last.count != 1
        or last.ramp
        or last.reps[0] >= rules.rep_range[0]
        or not (heaviest or at_work)
        or _away(last, now)
        or _strength_reps(done, rules) is not None
    ):
        return None
    p = _target(rules, done[:-1], equipment, last.at)
    lifted = _as_lifted(last, last.load, equipment.unit)  # "100 kg" as logged, not its 220.46 lb
    top_set = f"{'2 × ' if last.implements == 2 else ''}{lifted} × {last.reps[0]}"
    was = "a new heaviest set" if heaviest else "a lone set at your working weight"
    # A test single after another (140, then 145 kg × 1): the latest is said, not each in turn.
    rest = _EARLIER_SINGLE.sub("", p.reason, count=1)
    return replace(p, reason=f"{top_set} was {was}{_STRAIGHT_ON}{rest}")


_STRAIGHT_ON = ", so your straight sets go on; "
_EARLIER_SINGLE = re.compile(
    r"^[^;]* × \d+ was (?:a new heaviest set|a lone set at your working weight)" + re.escape(_STRAIGHT_ON)
)


def _lighter_than(
    before: _Done, last: _Done, rules: ExerciseRules, equipment: Equipment, floor: float = BACK_OFF_FLOOR
) -> bool:
    """``last`` was a lighter day after ``before``: straight sets (or a lone set) under
    ``BACK_OFF_FLOOR`` of its top load, no break between, on the same setup (as many implements, the
    implement the kit makes both loads with: a 10 kg dumbbell after a 100 kg bar is another setup, not a
    lighter day; a working weight the kit no longer makes, after /equipment changed, too), and no other
    scheme (`_no_new_scheme`)."""
    if before.load is None or last.load is None or last.at - before.at >= BREAK:
        return False
    if last.ramp or last.groups or last.implements != before.implements or last.load >= before.load * floor:
        return False
    implement = _implement_for(rules, equipment, before.load)
    if before.implements == 2:
        implement = pair_implement(rules, equipment)
    elif _implement_for(rules, equipment, last.load) != implement:
        return False
    # A working weight the kit no longer makes (a gym's 62 kg, then home dumbbells) is another setup.
    kit = loadable_loads(implement, equipment)
    return (not kit or before.load <= max(kit) + _SAME) and _no_new_scheme(before, last)


def _mistaken(heavy: _Done, later: _Done) -> bool:
    """``heavy`` is more than ``DOUBT_FACTOR``× ``later``'s load for as many reps, or rep-range reps
    (3x10 @ 600 kg confirmed, then 3x10 or 3x11 @ 100 kg): no one deloads to a third, so the heavier
    session was the mistake, as `_doubted` reads it within one day, when it stands alone (`_typos`).
    A heavy low-rep day (a single, a triple) before lighter volume is kept."""
    return (
        heavy.load is not None
        and later.load is not None
        and heavy.implements == later.implements
        and heavy.load > DOUBT_FACTOR * later.load
        and max(heavy.reps) >= min(*later.reps, STRENGTH_REPS + 1)
    )


def _typos(done: list[_Done]) -> set[int]:
    """The sessions of ``done`` that look like typos, which the target reads past: each far heavier
    (`_mistaken`) than the session before it and the one after it (100, 600 confirmed, 100). A session
    far heavier only than what came after (100 kg, then 30 kg) is the working weight, and that lighter
    day a lighter day (`_lighter_than`)."""
    return {
        i
        for i in range(1, len(done) - 1)
        if done[i - 1].load is not None
        and _mistaken(done[i], done[i - 1])
        and _mistaken(done[i], done[i + 1])
    }


def typo_entries(rules: ExerciseRules, history: list[Entry], unit: Unit) -> frozenset[str]:
    """The ids of ``history``'s entries on ``rules.exercise`` in sessions the target reads past as typos
    (`_typos`): what /progress leaves out of the bests it names, as the target does. The sessions done
    with a pair and those done with a single load are read apart, as their targets read them."""
    mine = [e for e in history if e.exercise == rules.exercise]
    sessions = group_sessions(mine)
    ways = {done_with(e) for e in mine} - {None}
    found: set[str] = set()
    for way in sorted(ways, key=str) if len(ways) > 1 else [None]:
        read = [
            (entries, done)
            for k, session in enumerate(sessions)
            if (entries := _done_so(session.entries, way))
            and (done := _session_done(rules, session.start, entries[-SESSION_READ:], unit, k > 0))
            is not None
        ]
        typos = _typos([done for _s, done in read])
        found |= {e.id for k in typos for e in read[k][0] if way is None or done_with(e) == way}
    return frozenset(found)


def _typo_note(done: list[_Done], typos: set[int], unit: Unit, now: datetime) -> str:
    """What the target says of the latest of ``typos`` among the last four sessions of ``done``: that
    it looks like a typo and how to fix it, else "". Its date is said in ``now``'s zone (the user's)."""
    recent = [i for i in typos if i >= len(done) - 4]
    if not recent:
        return ""
    d, last = done[max(recent)], done[-1]
    two = "2 × " if d.implements == 2 else ""
    # As logged ("600 kg"), not converted to the kit's unit.
    return (
        f"{two}{_as_lifted(d, d.load or 0, unit)} on {d.at.astimezone(now.tzinfo):%-d %b} looks like a typo,"
        f" so this builds on your latest {two}{_as_lifted(last, last.load or 0, unit)} (to fix it: /history,"
        " then /delete its number)"
    )


def _no_new_scheme(before: _Done, last: _Done) -> bool:
    """``last`` is no scheme of its own beside ``before``: a lone set, or no move from low-rep strength
    work up to rep-range work (3 × 10 @ 80 after fives at 100 is rep-range work, its own). Within
    rep-range work a lighter day with more reps is still a lighter day (3 × 12 @ 70 in a deload week
    after 3 × 10 @ 100)."""
    # A top-set day's lighter sets are its work too (60x10, 80x8, 100x6: ten reps). A lone set is no
    # scheme: a pump set, a technique set.
    most = max((*before.reps, *(s.reps for _x, s in before.lighter)))
    return last.count == 1 or max(last.reps) <= most or most > STRENGTH_REPS


def _worked(before: _Done, target: float) -> float:
    """The working weight ``before`` lifted that a target at ``target`` builds on: its heaviest load at
    or below the target (100 kg under a step to 102.5; the straight sets at 80 beside a 100 kg top set
    whose target is 3 × 11 @ 80), else its top load (100 kg under a back-off to 95)."""
    loads = [before.load, *(x for x, _s in before.lighter), *(x for x, _g in before.groups)]
    # None at or below it: the target backs off from the working weight, which is the top load.
    return max((x for x in loads if x is not None and x <= target + _SAME), default=before.load or target)


def _as_lifted(before: _Done, x: float, unit: Unit) -> str:
    """A load ``x`` (the kit's ``unit``) of ``before``'s work as the lifter logged it: "100 kg" for work
    logged in kg on a pound kit, whose conversion (220.46 lb) no one loads; "x unit" when in the unit."""
    if _same(x, before.load) and before.shown:
        return before.shown
    logged = [s for y, s in before.lighter if _same(y, x)]
    logged += [s for y, g in before.groups if _same(y, x) for s in g]
    if logged and logged[0].load is not None:
        return f"{_fmt(float(logged[0].load))} {logged[0].unit or unit}"
    return f"{_fmt(x)} {unit}"


def _work_on(before: _Done, x: float, unit: Unit, now: datetime) -> str:
    """``before``'s work at ``x`` as lifted, with its reps and day: "225 lb × 8 on Sun" (its reps in turn
    when they differ, "× 10, 9, 8"; the date too when more than six days back)."""
    return f"{_lifted_reps(before, x, unit)} on {_day_of(before, now)}"


def _lifted_reps(before: _Done, x: float, unit: Unit) -> str:
    """``before``'s work at ``x`` as lifted, with its reps: "225 lb × 8", "80 kg × 10, 9, 8"."""
    if _same(x, before.load):
        reps = list(before.reps)
    else:
        reps = [s.reps for y, s in before.lighter if _same(y, x)]
        reps += [s.reps for y, g in before.groups if _same(y, x) for s in g]
    said = f" × {reps[0]}" if len(set(reps)) == 1 else f" × {', '.join(map(str, reps))}" if reps else ""
    return f"{_as_lifted(before, x, unit)}{said}"


def _day_of(before: _Done, now: datetime) -> str:
    """``before``'s day as a target names it: "Sun", or "Sun 2 Nov" when more than six days back."""
    at = before.at.astimezone(now.tzinfo)
    return f"{at:%a}" if (now.date() - at.date()).days <= 6 else f"{at:%a} {at:%-d %b}"


def _lighter_run(rules: ExerciseRules, done: list[_Done], equipment: Equipment) -> int:
    """How many of the last sessions, in a row, were lighter days under the working weight of the
    session just before them (100 kg, then 70 and 70, or 70 and 50: two), with no break between any two
    of them; the longest such run of at most ``_RUN_READ`` sessions, else 0. A lighter day is under 85%
    of that session (`_lighter_than`), or lighter than it and under the target the lifter had for it
    (`_under_target`: called light, or clearly under): 205 lb after 3 × 8 @ 225 with 3 × 9 @ 225 to do."""
    last = done[-1] if done else None
    if last is None or last.load is None or len(done) < 2:
        return 0
    # Cheap first: some session among the ones read is heavier than the last one.
    if not any(d.load is not None and last.load < d.load - _SAME for d in done[-_RUN_READ - 1 : -1]):
        return 0
    best = 0
    for k in range(1, min(_RUN_READ, len(done) - 1) + 1):
        heavy, run = done[-k - 1], done[-k:]
        if run[0].load is None:
            break
        if heavy.load is None or any(d.load is None or d.load >= heavy.load - _SAME for d in run):
            continue  # by load alone, before the setup is looked at
        if not all(d.at - prev.at < BREAK for prev, d in zip((heavy, *run), run, strict=False)) or not all(
            _lighter_than(heavy, replace(d, at=heavy.at), rules, equipment, floor=1.0) for d in run
        ):
            continue
        if all(d.load is not None and d.load < heavy.load * BACK_OFF_FLOOR for d in run):
            best = k
            continue
        # Lighter, not by 85%: only under what was prescribed (no back-off the target asked for).
        want = _wanted(rules, done[:-k], equipment, last.at, run[-1].implements)
        if want is not None and all(_under_target(d, heavy, want, rules) for d in run):
            best = k
    return best


def _wanted(
    rules: ExerciseRules, before: list[_Done], equipment: Equipment, at: datetime, implements: int
) -> float | None:
    """The working load the target from ``before`` asked for at ``at`` (its lightest working set, with
    ``implements``; no back-offs), or None: what a lighter day is held against."""
    p = _prescribed(rules, tuple(before), equipment, at)
    loads = [s.load for s in p.sets if s.load is not None and s.implements == implements and not s.backoff]
    return min(loads) if loads else None


@lru_cache(maxsize=1024)
def _prescribed(
    rules: ExerciseRules, done: tuple[_Done, ...], equipment: Equipment, at: datetime
) -> Prescription:
    """`_target`, kept: `_lighter_run` asks for the target before each run it weighs, and every /log reads
    the same runs again (a staircase of lighter sessions would read each prefix many times)."""
    return _target(rules, list(done), equipment, at)


def _under_target(d: _Done, heavy: _Done, want: float, rules: ExerciseRules) -> bool:
    """``d`` (lighter than ``heavy``) was a lighter day by the target ``want`` it had: under 85% of it,
    or under it and not a failed day (reps below the range, or below ``heavy``'s own low reps: those are
    the usual rules' to back off from) when its note called it light (any amount) or it is clearly under
    (below ``BACK_OFF``, 95%: 205 lb for 225). A back-off the target prescribed, followed, is none."""
    assert d.load is not None and heavy.load is not None
    if d.load < want * BACK_OFF_FLOOR:
        return True
    failed = min(d.reps) < min(rules.rep_range[0], min(heavy.reps))
    return d.load < want - _SAME and not failed and (d.called_light or d.load < want * BACK_OFF)


def _new_working_weight(run: Sequence[_Done]) -> int | None:
    """Where a run of lighter days (`_lighter_run`) became the working weight: the index of its first
    session that is the ``LIGHTER_SESSIONS``-th or later and ``LIGHTER_SPAN`` or more of calendar days
    after the first (a deload week, however many sessions, is one week); None while it has not."""
    first = run[0].at.date()
    return next(
        (i for i in range(LIGHTER_SESSIONS - 1, len(run)) if run[i].at.date() - first >= LIGHTER_SPAN),
        None,
    )


def _after_lighter_days(
    rules: ExerciseRules, done: list[_Done], equipment: Equipment, now: datetime
) -> Prescription | None:
    """Lighter days (`_lighter_run`: 3 × 10 @ 70 after weeks of 3 × 10 @ 100; a deload, a travel gym, a
    technique day) that are no new working weight yet (`_new_working_weight`): the target builds on the
    working weight before them, as if they were not there. A deload week, one session or three, does
    not reset the lifter; a lighter load kept ``LIGHTER_SESSIONS`` sessions into a second week is the
    new working weight (`_as_working_weight`: the usual rules from the latest). A planned lighter week
    is /plan's (the program's) to prescribe, and a load within 85% of the target before (a back-off it
    prescribed, followed) is no lighter day. A break since the lighter days restarts from the working
    weight, counted from the last of them. None otherwise."""
    k = _lighter_run(rules, done, equipment)
    if not k or _new_working_weight(done[-k:]) is not None:
        return None
    heavy, run = done[-k - 1], done[-k:]
    last = run[-1]
    assert heavy.load is not None and last.load is not None  # (`_lighter_than`)
    if _away(last, now):
        # Away since the lighter days: the break rule (90% or less) from the working weight before them.
        p = _target(rules, [*done[: -k - 1], replace(heavy, at=last.at)], equipment, now)
        want = [heavy.load]
    else:
        p = _prescribed(rules, tuple(done[:-k]), equipment, last.at)
        want = [
            s.load for s in p.sets if s.load is not None and s.implements == last.implements and not s.backoff
        ]
        if not want or not all(_under_target(d, heavy, min(want), rules) for d in run):
            return None
    unit = equipment.unit
    two = "2 × " if last.implements == 2 else ""
    # As logged: "35 lb", not its conversion to the kit's unit (15.88 kg).
    loads = [f"{two}{_as_lifted(d, d.load or 0, unit)}" for d in run]
    said = f"{loads[0]} was a lighter day" if k == 1 else f"{k} lighter days in a row ({_in_turn(loads)})"
    # Two clauses, no parentheses: the reason is quoted whole on /warmup and in /plan. The heavier work
    # named with its day, so the lifter sees what the target builds on; the working weight as it was
    # logged (100 kg), never its conversion to the kit's unit (220.46 lb).
    worked = _worked(heavy, min(want))
    built = f"your {two}{_as_lifted(heavy, worked, unit)} working weight, {two}{_work_on(heavy, worked, unit, now)}"
    if len(heavy.groups) > 1 and len({round(w / _SAME) for w in want}) > 1:
        # Work at several loads (3x10 @ 80, 2x8 @ 90), kept as such: each load named as lifted, not the
        # lightest alone as if it were the working weight.
        sets = [f"{two}{_lifted_reps(heavy, x, unit)}" for x, _g in heavy.groups]
        built = f"your sets at each load, {', '.join(sets[:-1])} and {sets[-1]} on {_day_of(heavy, now)}"
    why = (
        f"{said}, so this builds on {built};"
        f" a lighter load becomes your working weight only after {LIGHTER_SESSIONS} sessions in a row under it"
        " over a week or more, so a deload week does not reset you"
    )
    # Per side or not, as the latest day was logged (the one before may have been the other way).
    return replace(p, reason=f"{why}; {p.reason}", each_side=last.sided)


def _follows_lighter(rules: ExerciseRules, done: list[_Done], equipment: Equipment, now: datetime) -> str:
    """Why a target follows a last session lighter than the one before that was no lighter day (a failed
    day, a load just under the target): it names the heavier work it does not build on ("205 lb is under
    your 225 lb × 8 on Sun, so this follows 205 lb"), so no session is silently dropped. "" when the
    last session is not lighter, or was the back-off the target asked for (the usual rules said why)."""
    if len(done) < 2:
        return ""
    before, last = done[-2], done[-1]
    if (
        before.load is None
        or last.load is None
        or last.load >= before.load - _SAME
        or last.implements != before.implements
        or last.ramp
        or last.groups
        or last.at - before.at >= BREAK
    ):
        return ""
    want = _wanted(rules, done[:-1], equipment, last.at, last.implements)
    if want is not None and last.load >= want - _SAME:
        return ""  # the back-off (or the load) the target asked for, followed
    two = "2 × " if last.implements == 2 else ""
    lifted = f"{two}{_as_lifted(last, last.load, equipment.unit)}"
    return f"{lifted} is under your {two}{_work_on(before, before.load, equipment.unit, now)}, so this follows {lifted}"


def _as_working_weight(
    rules: ExerciseRules, done: list[_Done], equipment: Equipment
) -> tuple[list[_Done], str]:
    """``done`` with the lighter days of a run that became the working weight (`_new_working_weight`)
    marked ``deload`` (done while the target built on the heavier weight, so no stall at the new one),
    and why the latest load is the working weight when the last session made it so ("" otherwise)."""
    k = _lighter_run(rules, done, equipment)
    q = _new_working_weight(done[-k:]) if k else None
    if q is None:
        return done, ""
    heavy, run = done[-k - 1], done[-k:]
    marked = [*done[:-k], *(replace(d, deload=True) for d in run[:q]), *run[q:]]
    if q != k - 1:
        return marked, ""
    assert heavy.load is not None
    unit = equipment.unit
    two = "2 × " if run[-1].implements == 2 else ""
    loads = [f"{two}{_as_lifted(d, d.load or 0, unit)}" for d in run]
    days = (run[-1].at.date() - run[0].at.date()).days
    return marked, (
        f"{k} sessions in a row under your {two}{_as_lifted(heavy, heavy.load, unit)} working weight over {days} days"
        f" ({_in_turn(loads)}), so {loads[-1]} is your working weight now"
    )


def _in_turn(loads: list[str]) -> str:
    """Loads of sessions in a row, said short: "70 kg, then 60 kg"; four or more as "all at 70 kg" or
    "70 kg, …, then 60 kg"."""
    if len(loads) <= 3:
        return f"{', '.join(loads[:-1])}, then {loads[-1]}"
    return f"all at {loads[0]}" if len(set(loads)) == 1 else f"{loads[0]}, …, then {loads[-1]}"


def _top_set_held(
    rules: ExerciseRules, done: list[_Done], equipment: Equipment, now: datetime
) -> Prescription | None:
    """A ramp to one heavy set below the range (60x10, 80x8, 100x5 on an 8–12 lift) with no straight
    low-rep scheme of the lifter's own before it: a top set, held at its load and reps. Load is added
    for reps in the range, so not for it; it is no failed scheme either, so no back-off (straight sets
    below the range, 100 × 5, 5, 4, back off), until it stands still (`_top_set_stall`: no more reps
    on it for two sessions), a stall: then 95% or less and build back. None for anything else."""
    last = done[-1]
    bottom = rules.rep_range[0]
    if (
        not last.ramp
        or last.load is None
        or last.implements != 1
        or last.reps[0] >= bottom
        or _away(last, now)
        or rules.rep_range[1] <= STRENGTH_REPS
        or any(not d.ramp and _scheme(d) is not None for d in done[-4:-1])
    ):
        return None
    unit = equipment.unit
    lifted = last.shown or f"{_fmt(last.load)} {unit}"  # as lifted: "110 kg", not "242.51 lb"
    reps = last.reps[0]
    if (stood := _top_set_stall(done)) and (
        new := _back_off_load(last.load, _implement_for(rules, equipment, last.load), equipment)
    ) is not None:
        # Held, and no more reps on it for two sessions: a stall, as for straight sets (coaching-facts
        # §6): 5–10% off, on the kit, and build back from there.
        why = (
            f"{lifted} × {reps} topped a ramp, {_stood_still(stood)}, so back off to {_fmt(new)} {unit}"
            f" ({_backed_off(new, last.load)}) for {reps} reps, and build back"
        )
        return _plan(rules, why, [reps], new, unit, back_off=True)
    load, said_in = _hold_on_kit(rules, last.load, lifted, equipment)
    at = f"{_fmt(load)} {said_in}"
    # A hold is never heavier than what was done: a load the kit cannot make (110 kg on a pound kit,
    # 242.51 lb) is held at the kit's load under it, and the reason says so.
    kit = "" if at == lifted else f", your kit's load at or under {lifted}"
    why = (
        f"{lifted} × {last.reps[0]} topped a ramp, below the {bottom}-rep bottom: a top set, held at {at} ×"
        f" {last.reps[0]}{kit} (load goes up from reps in the range; straight sets below it back off)"
    )
    return _plan(rules, why, [last.reps[0]], load, said_in)


def _hold_on_kit(rules: ExerciseRules, load: float, shown: str, equipment: Equipment) -> tuple[float, Unit]:
    """A top set's ``load`` (the kit's unit; logged as ``shown``) held, on the kit: as it is when the kit
    makes it, or it is above all the kit has (lifted elsewhere), else the kit's load at or under it
    (`_held`), loadable and no heavier however far under (110 kg on a kit of 45 lb plates: 225 lb);
    logged in the other unit with no kit load at or under it, as logged ("110 kg", never its
    unloadable conversion)."""
    implement = _implement_for(rules, equipment, load)
    kit = loadable_loads(implement, equipment)
    if not kit or load > max(kit) + _SAME or any(_same(load, x) for x in kit):
        return load, equipment.unit
    under = _held(rules, load, implement, equipment)
    value, _, logged_in = shown.partition(" ")
    converted = logged_in in ("kg", "lb") and logged_in != equipment.unit
    if converted and (under is None or under > load + _SAME):
        return float(value), logged_in  # type: ignore[return-value]  # checked: "kg" or "lb"
    return (load if under is None else under), equipment.unit


def _lighter_groups_as_backoffs(last: _Done) -> _Done:
    """``last`` (a day at several loads, `_by_load`) with the loads after its first, each lighter than
    the one before, read as back-offs too (4 × 12 @ 2 × 50 lb, then 3 × 12 @ 2 × 20 kg); as it is when
    the loads do not go down from the first."""
    first = last.groups[0][0]
    after = last.groups[1:]
    if not after or any(x >= first - _SAME for x, _g in after):
        return last
    return replace(last, backoffs=(*after, *last.backoffs))


def _with_backoffs(
    p: Prescription, rules: ExerciseRules, last: _Done, now: datetime, equipment: Equipment
) -> Prescription:
    """The working sets' target and, after them, the back-offs the last session logged as such, at
    their load (in the kit's ``unit``, as `_Done` holds them): one more rep on each below the top of
    the range (or of the reps done, if more), else the same reps. Each stays below the working sets'
    load. None after a break: the working sets alone build back first. A back-off logged in the other
    unit is said on the kit, or as lifted (`_kit_load`), never as an unloadable conversion (176.37 lb)."""
    unit = equipment.unit
    # In all (both hands), in the kit's unit: a working load kept as logged (53 lb on a kg kit,
    # `_as_logged`) is compared, and the back-offs said, in the unit they were lifted in.
    working = [
        s.load * last.implements
        if (s.unit or unit) == unit
        else from_kg(to_kg(s.load, s.unit), unit) * last.implements
        for s in p.sets
        if s.load is not None
    ]
    if not last.backoffs or not working or _away(last, now):
        return p
    top = rules.rep_range[1]
    added: list[PlannedSet] = []
    said: list[str] = []
    for x, group in last.backoffs:
        each = group[0].implements  # a back-off keeps its own implement (a bar after a pair of dumbbells)
        if x * each >= min(working) - _SAME:
            continue
        two = "2 × " if each == 2 else ""
        cap = max(top, max(s.reps for s in group))
        reps = [min(cap, r + 1) for r in (s.reps for s in group)]
        implement = pair_implement(rules, equipment) if each == 2 else _implement_for(rules, equipment, x)
        logged = group[0]
        shown = f"{_fmt(float(logged.load))} {logged.unit or unit}" if logged.load else ""
        load, said_in = _kit_load(x, shown, implement, equipment)
        added.extend(PlannedSet(r, load, said_in, implements=each, backoff=True) for r in reps)
        more = "one more rep" if reps != [s.reps for s in group] else f"the same {cap} reps"
        said.append(f"{more} at {two}{_fmt(load)} {said_in}")
    if not added:
        return p
    reason = f"{p.reason}; back-offs after them: {', '.join(said)}"
    return replace(p, sets=(*p.sets, *added), reason=reason)


def _rep_range_ramp(done: list[_Done], rules: ExerciseRules) -> bool:
    """The last session is a top-set day on rep-range work: straight sets in the range beside its top
    set (100x5 then 3x10 @ 80), or a ramp to a top set above strength reps (60x10, 70x8, 80x6). Not a
    deliberate heavy single or triple of the lifter's strength scheme (60x10, 80x8, 100x5 on its own:
    those keep their reps and move the load, `_strength_reps`)."""
    last = done[-1]
    if not last.ramp:
        return False
    if _in_range(last, rules)[2]:
        return True
    return _scheme(last) is None and _strength_reps(done, rules) is None


def _in_range(
    last: _Done, rules: ExerciseRules
) -> tuple[float, int, list[LoggedSet]] | tuple[None, None, list[LoggedSet]]:
    """Where a top-set day reached the rep range: its straight sets at one lighter load (one per
    left+right pair, the heaviest such load), which are the day's scheme: two or more beside a top set
    below the range, the exercise's own count beside one in it (60x10, 60x10, 80x8 is a ramp to 80);
    else its heaviest set in the range (not a light ramp step, under ``LIGHT_SHARE`` of the top), with no
    straight sets. As (load, best reps, straight sets)."""
    assert last.load is not None
    bottom = rules.rep_range[0]
    enough = 2 if last.reps[0] < bottom else rules.sets
    for x in sorted({x for x, _s in last.lighter}, reverse=True):
        straight, _uneven = _one_per_pair([s for y, s in last.lighter if _same(x, y)])
        if len(straight) >= max(2, enough) and max(s.reps for s in straight) >= bottom:
            return x, max(s.reps for s in straight), straight
    sets = [*((x, s.reps) for x, s in last.lighter), (last.load, last.reps[0])]
    # A ramp's light steps are no working load to go back to ("20x10, 40x5, 60x3, 80x2, 100x8" on a
    # glute bridge: not 3 × 10 @ 20 kg), even on a lift where hardsets counts them as work.
    in_range = [(x, r) for x, r in sets if r >= bottom and x >= LIGHT_SHARE * last.load - _SAME]
    if not in_range:
        return None, None, []
    load, reps = max(in_range)
    return load, reps, []


def _straight_day(d: _Done, rules: ExerciseRules, unit: Unit) -> _Done | None:
    """A top-set day's straight sets at one lighter load (`_in_range`: before or after the top set) as a
    day of those sets, their load as lifted too (a break says "90% of 110 kg", not "of 242.51"); None
    for a day with no such sets (or no top set)."""
    if not d.ramp or d.load is None:
        return None
    load, _reps, straight = _in_range(d, rules)
    if not straight or load is None:
        return None
    first = straight[0]
    return replace(
        d,
        load=load,
        reps=tuple(s.reps for s in straight),
        rpes=tuple(_rpe(s) for s in straight),
        shown=f"{_fmt(float(first.load))} {first.unit or unit}" if first.load else "",
        ramp=False,
        lighter=(),
    )


def _top_set_stall(done: list[_Done]) -> int:
    """How many top-set days in a row (ramps to one set at the last one's top load, as many implements,
    no break between) the latest top set has stood still: as for straight sets (`_stalled`), three or
    more when each of the last two beat nothing done at that load before it (no more reps on the top
    set, nor as many at a lower RPE); else 0."""
    last = done[-1]
    run: list[_Done] = []
    for d in reversed(done):
        if not d.ramp or d.deload or d.implements != last.implements or not _same(d.load, last.load):
            break
        if run and run[-1].at - d.at >= BREAK:
            break
        run.append(d)
    run.reverse()
    if len(run) < 3:
        return 0
    for i in (len(run) - 2, len(run) - 1):
        reps, best = run[i].reps[0], max(d.reps[0] for d in run[:i])
        rpe, was = run[i].rpes[0], run[i - 1].rpes[0]
        if reps > best or (reps >= best and rpe is not None and was is not None and rpe < was):
            return 0
    return len(run)


def _stood_still(n: int) -> str:
    """What a top set that stood still ``n`` sessions (`_top_set_stall`) is called in a reason."""
    return f"{n} sessions in a row with no more reps: a stall"


def _after_ramp(rules: ExerciseRules, done: list[_Done], equipment: Equipment, now: datetime) -> Prescription:
    """The target after a top-set day, at the heaviest load the day did in the rep range: the
    progression of the straight sets done at it that day (100x5 then 3x10 @ 80 → 3 × 11 @ 80); else,
    when the straight-set session just before was at that load or heavier, that session's own
    progression (the ramp showed nothing heavier in range); else the user's straight sets at it from
    the bottom of the range (60x10, 70x8, 80x6 → 3 × 8 @ 70). When no set of the day reached the range,
    the straight sets before it or the top set itself, a rep more (`_top_set_built`); after a break, the
    usual rules with the user's straight-set count. The day's one top set is neither the lifter's set
    count nor, below the range, a failed session."""
    last = done[-1]
    assert last.load is not None
    bottom = rules.rep_range[0]
    # A lighter day (`_lighter_than`: a lone 1 × 10 @ 50 between ramps to 100) is no set count.
    straight_days = [
        d
        for i, d in enumerate(done[:-1])
        if i >= len(done) - 4
        and not d.ramp
        and _scheme(d) is None
        and not (i > 0 and _lighter_than(done[i - 1], d, rules, equipment))
    ]
    load, reps, straight = _in_range(last, rules)
    unit = equipment.unit
    pair = last.implements == 2
    two = "2 × " if pair else ""
    # As lifted: "140 kg × 5", not its conversion to a pound kit ("308.65 lb × 5").
    top_set = f"{two}{last.shown or f'{_fmt(last.load)} {unit}'} × {last.reps[0]}"
    day = _straight_day(last, rules, unit)
    if day is not None:
        base = _base_sets([*straight_days, day], rules, lambda d: _bridges(d, rules, equipment))
        # A top set heavier than anything before is progress: the straight sets beside it are no stall.
        heaviest = all(d.load is None or last.load > d.load + _SAME for d in done[:-1])
        # The top-set days just before, with straight sets at this load, are read as those sets: two
        # sessions without progress at it are a stall (`_stalled`) as on straight-set days.
        earlier = list(done[:-1])
        for i in range(len(earlier) - 1, -1, -1):
            was = _straight_day(earlier[i], rules, unit)
            if was is None or not _same(was.load, day.load) or was.implements != day.implements:
                break
            earlier[i] = was
        p = _as_logged(
            _loaded(rules, [*earlier, day], base, equipment, now, progressed=heaviest), day, rules, equipment
        )
        # A back-off drops the top set (the straight sets build back first); a break keeps the shape,
        # every load lighter (`_top_set_first`), as a break keeps a pyramid's (`_per_load`). A top set
        # that stood still (`_top_set_stall`) is first again, backed off, whatever the straight sets do.
        away = _away(last, now)
        stood = not away and _top_set_stall(done)
        if ((last.top_first and (away or not p.back_off)) or stood) and (
            kept := _top_set_first(rules, done, p, equipment, top_set, now if away else None)
        ):
            return kept
        if p.back_off:
            return replace(p, reason=f"{top_set} was a top set; {p.reason}")
        return replace(p, reason=f"{top_set} was a top set, so your straight sets go on; {p.reason}")
    base = _base_sets(straight_days, rules, lambda d: _bridges(d, rules, equipment))
    if _away(last, now):
        return _loaded(rules, done, base, equipment, now)
    if load is None or reps is None:
        return _top_set_built(rules, done, straight_days, base, equipment, top_set)
    before = done[-2] if len(done) > 1 else None
    if (
        before is not None
        and before.load is not None
        and not before.ramp
        and _scheme(before) is None
        and before.load >= load - _SAME
        and last.at - before.at < BREAK
    ):
        # Progressed as if the top-set day were not there: its heaviest set in range is no news.
        p = _loaded(rules, done[:-1], base, equipment, last.at)
        return replace(p, reason=f"{top_set} topped a ramp, so your straight sets go on; {p.reason}")
    implement = pair_implement(rules, equipment) if pair else _implement_for(rules, equipment, load)
    here = _held(rules, load, implement, equipment)
    if here is None:
        return _loaded(rules, done, base, equipment, now)
    at = f"{two}{_fmt(here)} {unit}"
    if _same(load, last.load):
        where = "past the top of" if reps > rules.rep_range[1] else "in"
        why = f"{top_set} topped a ramp, {where} the range: {base} straight sets at {at}"
    else:
        done_at = f"{two}{_as_lifted(last, load, unit)} × {reps}"  # as lifted: "80 kg", not 176.37 lb
        why = (
            f"{top_set} topped a ramp, below the {bottom}-rep bottom; {done_at} was in the range:"
            f" {base} straight sets at {at}"
        )
    return _plan(rules, f"{why} from the bottom of the range", [bottom] * base, here, unit)


def _top_set_first(
    rules: ExerciseRules,
    done: list[_Done],
    p: Prescription,
    equipment: Equipment,
    top_set: str,
    away: datetime | None = None,
) -> Prescription | None:
    """A top set and its back-offs (1 × 6 @ 140, then 3 × 8 @ 105: `_Done.top_first`): the top set
    first again, whatever its reps, then the straight sets' target ``p``. Its reps are the lifter's to
    beat by one when it moves well; once it makes the top of the range it takes the next loadable step,
    back to the bottom of the range (double progression, one set); a top set kept as logged steps onto
    the kit. After a break (``away``: now, the straight sets' ``p`` restarting at 90%) it is first
    again at 90% of its load or less, its reps as done (at most the top): lighter, as everything is.
    A top set that stood still (`_top_set_stall`) backs off as straight sets do after a stall: 95% or
    less, on the kit, its reps as done, and builds back. None when the straight sets' load reaches it (no
    top set left above them)."""
    last = done[-1]
    assert last.load is not None
    bottom, top = rules.rep_range
    unit = equipment.unit
    pair = last.implements == 2
    two = "2 × " if pair else ""
    implement = pair_implement(rules, equipment) if pair else _implement_for(rules, equipment, last.load)
    load, said_in = _kit_load(last.load, last.shown, implement, equipment)
    reps = last.reps[0]
    kit = loadable_loads(implement, equipment)
    under = None
    if said_in != unit and away is None and reps < top and kit and last.load <= max(kit) + _SAME:
        # Held, with no kit load within reach above it (110 kg on a kit of 45 lb plates): the kit's load
        # at or under it, loadable and no heavier than what was lifted, not the kg figure as if loadable.
        under = _held(rules, last.load, implement, equipment)
        if under is not None and under <= last.load + _SAME:
            load, said_in = under, unit
        else:
            under = None
    last_top = top_set
    if (
        away is None
        and said_in == unit
        and not last.shown.endswith(f" {unit}")
        and not _same(load, last.load)
    ):
        # Rounded onto the kit from the other unit: said, as `_at` says a working load ("about" only
        # for the conversion's remainder; a step up to the kit says what was lifted in its unit). After
        # a break the load said is the lighter one, and the top set as lifted.
        if implement in _FIXED and abs(load - last.load) <= last.load * SAME_IMPLEMENT + 1e-9:
            top_set = f"{top_set} ({two}{_fmt(load)} {unit} on your kit, the same {implement})"
        elif -1e-9 <= load - last.load <= last.load * _CONVERTED + 1e-9:
            top_set = f"{top_set} (about {two}{_fmt(load)} {unit} on your kit)"
        elif load < last.load:
            top_set = f"{top_set} ({two}{_fmt(load)} {unit}, your kit's load at or under it)"
        else:
            top_set = f"{top_set} ({_about(last.load, two)} {unit}; {two}{_fmt(load)} {unit} on your kit)"
    why = f"{top_set} was your top set: again first (a rep more if it moves well)"
    stood = _top_set_stall(done) if away is None and reps < top else 0
    if stood and (new := _back_off_load(last.load, implement, equipment)) is not None:
        # Two sessions without progress at one load, as for straight sets (coaching-facts §6): 5–10%
        # off, on the kit, and build back from there.
        load, said_in = new, unit
        why = (
            f"{top_set} was your top set, {_stood_still(stood)}, so back off to {two}{_fmt(new)} {unit}"
            f" ({_backed_off(new, last.load)}) for {reps} reps, first again, and build back"
        )
    elif away is not None:
        # The break rule (`_loaded`) on the top set: the largest kit load at or under 90% of the load
        # lifted, else the kit's next one down; its reps as done, no more than the top of the range.
        new = round_to_loadable(last.load * RETURN, implement, equipment, "down")
        if new is None or new >= last.load - 1e-6:
            new = step_below(last.load, implement, equipment)
        if new is not None:
            load, said_in = new, unit
        reps = min(reps, top)
        why = (
            f"{top_set} was your top set: after the break first again at {two}{_fmt(load)} {said_in}"
            f" (90% or less), {reps} reps"
        )
    elif reps >= top:
        # The step is the kit's next load above the load lifted (``last.load``, the kit's unit): a top
        # set kept as logged (120 kg on a kit of pound plates, none within 2.5%) steps onto the kit too,
        # or it would stay at the top of the range for good.
        nxt = next_step(load if said_in == unit else last.load, implement, equipment)
        lifted = load if said_in == unit else last.load
        if nxt is not None and (nxt - lifted) / lifted <= BIG_JUMP + 1e-9:
            load, reps, said_in = nxt, bottom, unit
            why = f"{top_set} was your top set, at the top of the range ({top}): first again one step up, at {two}{_fmt(nxt)} {unit}, back to {bottom} reps"
        elif nxt is not None:
            # Said, so a top set held at the top of the range is no silent stall: the step is too big.
            pct = round((nxt - lifted) / lifted * 100)
            why = (
                f"{top_set} was your top set, at the top of the range ({top}), but the next load your kit"
                f" makes, {two}{_fmt(nxt)} {unit}, is +{pct}%: again first, {top} reps"
            )
        else:
            why = f"{top_set} was your top set, at the top of the range ({top}): again first, {top} reps"
    in_kit = load if said_in == unit else from_kg(to_kg(load, said_in), unit)
    if any(s.load is not None and s.unit == unit and s.load >= in_kit - _SAME for s in p.sets):
        if under is not None and not stood and (above := next_step(under, implement, equipment)) is not None:
            # Said, so the top set is not silently dropped: the kit has no load between (45 lb plates
            # only: 225 lb, then 315 lb for a 120 kg top set).
            gap = f"your kit makes nothing between {two}{_fmt(under)} {unit} and {two}{_fmt(above)} {unit}"
            then = f"{gap} (/equipment), so your straight sets go on"
            return replace(p, reason=f"{last_top} was your top set; {then}; {p.reason}")
        return None
    again = PlannedSet(reps, load, said_in)
    then = "; then your straight sets: " if p.back_off and not away else ", then your straight sets go on; "
    return replace(
        p, sets=(again, *p.sets), reason=f"{why}{then}{p.reason}", back_off=p.back_off or bool(stood)
    )


def _backed_off(new: float, load: float) -> str:
    """How far a back-off from ``load`` to ``new`` goes, said: "95% or less", or the kit's next lighter
    load when that is further ("one step down, 83%")."""
    if new >= load * BACK_OFF_FLOOR - 1e-6:
        return "95% or less"
    return f"one step down, {round(new / load * 100)}%"


def _kit_load(x: float, shown: str, implement: str, equipment: Equipment) -> tuple[float, Unit]:
    """A load ``x`` (the kit's unit) logged as ``shown`` ("140 kg"), as a target says it: as it is on the
    kit or in the kit's unit; logged in the other unit, the kit's load for it (`_on_kit`: 140 kg on a
    pound kit is 310 lb, as `_loaded` rounds), else as logged (lifted elsewhere: "140 kg", never its
    unloadable conversion, 308.65 lb, nor a lighter load), as `_as_logged` says a working load."""
    value, _, logged_in = shown.partition(" ")
    if logged_in not in ("kg", "lb") or logged_in == equipment.unit:
        return x, equipment.unit
    here = _on_kit(x, implement, equipment, converted=True)
    if here is not None:
        return here, equipment.unit
    return float(value), logged_in  # type: ignore[return-value]  # checked above: "kg" or "lb"


def _on_kit(x: float, implement: str, equipment: Equipment, converted: bool = False) -> float | None:
    """The kit's load for a load ``x`` that was lifted (the kit's unit), never under it: the kit's load
    when it makes ``x``, else the lightest kit load above it within ``_ROUND_OK`` (62 kg → 62.5 kg;
    135 lb, 61.23 kg, → 62.5 kg, not the nearer 60; 100 lb, 45.36 kg, is not 45 kg either). A kettlebell
    or dumbbell ``converted`` from the other unit is the kit's nearest one within ``SAME_IMPLEMENT``
    (53 lb, 24.04 kg, is the 24 kg bell). None when none fits: the caller keeps the load as logged, or
    says why the kit takes it lower."""
    kit = loadable_loads(implement, equipment)
    same = next((y for y in kit if _same(x, y)), None)
    if same is not None:
        return same
    if converted and (bell := same_implement(x, implement, equipment)) is not None:
        return bell
    above = next_step(x, implement, equipment)
    if above is not None and above - x <= x * _ROUND_OK + 1e-9:
        return above
    return None


def _top_set_built(
    rules: ExerciseRules,
    done: list[_Done],
    straight_days: list[_Done],
    base: int,
    equipment: Equipment,
    top_set: str,
) -> Prescription:
    """A ramp whose top set fell a rep or two short of the range (40x5, 60x3, 80x2, 100x7 on an 8–12
    lift) and no other set of the day in it: a top set, not a failed scheme, so no back-off to straight
    sets at 95% (1 set of 7 is not 3 × 8 to come) and no jump to its load from lighter straight sets.
    The straight sets of the latest rep-range day before it (only ramps since, no break) go on; with
    none, the top set builds a rep at its load, up to the bottom of the range, where a ramp's top set in
    the range becomes straight sets (`_after_ramp`)."""
    last = done[-1]
    assert last.load is not None
    bottom = rules.rep_range[0]
    unit = equipment.unit
    k = next((i for i in range(len(done) - 2, -1, -1) if not done[i].ramp), None)
    if (
        k is not None
        and any(d is done[k] for d in straight_days)
        and not done[k].groups
        and done[k].load is not None
        and last.at - done[k].at < BREAK
    ):
        p = _loaded(rules, [d for d in done[: k + 1] if not d.ramp], base, equipment, last.at)
        return replace(
            p,
            reason=f"{top_set} topped a ramp: a top set, not a failed one, so your straight sets go on; {p.reason}",
        )
    pair = last.implements == 2
    # Logged in the other unit: the kit's load not under it, else as logged (`_kit_load`), as `_loaded`
    # holds a load; in the kit's unit, the kit's load at or below it, as before.
    implement = pair_implement(rules, equipment) if pair else _implement_for(rules, equipment, last.load)
    here, said_in = _kit_load(last.load, last.shown, implement, equipment)
    if said_in == unit:
        here = on_kit_at_or_below(rules, equipment, here, pair)
    reps = min(bottom, last.reps[0] + 1)
    at = f"{'2 × ' if pair else ''}{_fmt(here)} {said_in}"
    why = (
        f"{top_set} topped a ramp, below the {bottom}-rep bottom: a top set, not a failed one, so no"
        f" back-off: one more rep at {at}; once it makes {bottom} reps, {at} is your straight-set load"
    )
    return _plan(rules, why, [reps], here, said_in)


def _per_load(
    rules: ExerciseRules, done: list[_Done], equipment: Equipment, now: datetime
) -> Prescription | None:
    """The next target after a day of work at more than one load (`_by_load`), in the same shape:
    double progression at each load on its own. Each set below the top of the range gets one more rep
    at its load; a load whose sets all reached the top takes its smallest loadable step, back at the
    bottom of the range; a load with a set below the bottom backs off (the straight-set rule); after a
    break every load restarts at 90% or less, at the bottom of the range. None where the usual rules
    say it better: a load off the kit, or a next step missing or too big."""
    bottom, top = rules.rep_range
    unit = equipment.unit
    days = done  # as done: a short day reads as one (`_group_stalled`)
    last = _whole_pyramid(done)
    done = [*done[:-1], last]
    pair = last.implements == 2
    two = "2 × " if pair else ""
    away = _away(last, now)
    steps: list[tuple[float, list[int], str | None]] = []  # per load: its next load, reps, what changed
    backed = False
    onto = _onto_kit(rules, last, equipment)
    if onto is None:
        return None
    groups, kit_notes = onto
    sizes = _group_sizes(done)
    one_rm = _days_e1rm(done[-4:], last.implements)

    def back_off(x: float, implement: str) -> tuple[float, str]:
        # The straight-set back-off (`_loaded`): 95%, never above what the estimated 1RM of the last
        # four days supports at the bottom of the range (Epley), and the reason says which.
        new = _back_off_load(x, implement, equipment, one_rm, bottom) or x
        plain = _back_off_load(x, implement, equipment)
        capped = one_rm is not None and plain is not None and new < plain - 1e-6
        how = f" (what your estimated 1RM of {two}{_fmt(round(one_rm or 0, 1))} {unit} supports for {bottom} reps)"
        return new, how if capped else ""

    # Each load as lifted ("100 kg" on a pound kit, not the kit's 225 lb it is brought onto, nor its
    # 220.46 lb): what the reason names, and what a back-off takes its 95% of.
    lifted = [(x, _as_lifted(last, x, unit)) for x, _g in last.groups]
    strong: list[str] = []  # the loads of the day's top sets, as lifted (`_top_sets`)
    pyramid = all(len(g) == 1 for _x, g in groups)
    lone = False  # the top sets are one set (`_lone_top`): said in the singular
    lone_back = False  # that one top set backs off, a top set still
    for i, (x, group) in enumerate(groups):
        implement = pair_implement(rules, equipment) if pair else _implement_for(rules, equipment, x)
        reps = _fill(tuple(s.reps for s in group), sizes[i], top)
        load, new_reps, change = x, [min(top, r + 1) for r in reps], None
        was, said = lifted[i]
        # The days before are read at the load as lifted: 84 kg, not the kit's 85 kg it is brought onto.
        fewer = _fewer_than_before(days, was, reps)
        lone_top = _top_sets(group, bottom) and len(group) == 1 and not pyramid
        if lone_top and fewer and not away:
            # A lone top set that lost reps since the day before at its load stays a top set: 95% or less
            # for the reps it made then (110 kg × 3, then × 2: 105 kg × 3), not a volume set at the bottom.
            most = max(s.reps for y, g in days[-2].groups if _same(y, was) for s in g)
            load = _back_off_load(was, implement, equipment) or x
            backed, new_reps = True, [most]
            strong.append(f"{two}{said}")
            lone = lone_back = True
            change = (
                f"{two}{said} × {reps[0]}, fewer than {most} the day before: your top set backs off to"
                f" {two}{_fmt(load)} {unit} ({_backed_off(load, was)}) for {most} reps"
            )
        elif _top_sets(group, bottom) and (len(group) > 1 or not pyramid) and not away and not fewer:
            # (a reverse pyramid's one set: no, a lone top set after runs of sets: yes; top sets that
            # lost reps since the day before at their load went backwards: below the range, they back
            # off as any set there does)
            # Strength top sets: every set at its reps adds the smallest step, reps kept; else the same
            # load until every set makes the best set's reps.
            most = max(reps)
            strong.append(f"{two}{said}")
            lone = len(group) == 1
            new_reps = [most] * len(reps)
            nxt = next_step(x, implement, equipment)
            if min(reps) < most:
                change = f"{two}{said} stays until every top set makes {most}"
            elif nxt is not None and (nxt - x) / x <= BIG_JUMP + 1e-9:
                load = nxt
                done_so = f"your top set made {most}" if len(group) == 1 else f"every top set at {most}"
                change = f"{done_so}: {two}{said} moves to {two}{_fmt(nxt)} {unit}, same {most} reps"
        elif away:
            load = round_to_loadable(was * RETURN, implement, equipment, "down") or x
            if load >= was - 1e-6:
                load = step_below(was, implement, equipment) or x
            new_reps = [bottom] * len(reps)
            change = f"{two}{said} → {two}{_fmt(load)} {unit}"
        elif min(reps) < bottom:
            (load, how), backed = back_off(was, implement), True
            new_reps = [bottom] * len(reps)
            change = (
                f"{min(reps)} reps at {two}{said} is below the {bottom}-rep bottom: back off to"
                f" {two}{_fmt(load)} {unit}{how}"
            )
        elif _group_stalled(days, was, sizes[i], len(groups), top):
            (load, how), backed = back_off(was, implement), True
            new_reps = [bottom] * len(reps)
            change = (
                f"two days in a row at {two}{said} with no more reps than before: back off to"
                f" {two}{_fmt(load)} {unit}{how} and build back"
            )
        elif min(reps) >= top:
            nxt = next_step(x, implement, equipment)
            if nxt is None or (nxt - x) / x > BIG_JUMP + 1e-9:
                return None
            load, new_reps = nxt, [bottom] * len(reps)
            change = f"{two}{said} moves to {two}{_fmt(nxt)} {unit}"
        steps.append((load, new_reps, change))
    for i, ((x, _group), (load, _new, _change)) in enumerate(zip(groups, steps, strict=True)):
        # A lighter load's step never reaches a heavier one's next load: the back-off of a reverse
        # pyramid stays below its top set, and two loads stay two. It holds at the top of the range.
        heavier = [y for (w, _g), (y, _r, _c) in zip(groups, steps, strict=True) if w > x + _SAME]
        if load > x + _SAME and any(load >= y - _SAME for y in heavier):
            below = min(y for y in heavier if load >= y - _SAME)
            steps[i] = (
                x,
                [top] * len(steps[i][1]),
                f"{two}{lifted[i][1]} stays at {top} reps, below {two}{_fmt(below)} {unit}",
            )
    planned = [PlannedSet(r, load, unit) for load, new_reps, _c in steps for r in new_reps]
    changes = [c for _l, _r, c in steps if c is not None]
    if len(last.groups[0][1]) == 1:
        rule = (
            "reverse pyramid kept, top set first and lighter back-offs after it: each set one more rep"
            f" at its load, up to {top}; a set at {top} moves up a load step, back to {bottom} reps"
        )
    else:
        loads = [f"{two}{said}" for _x, said in lifted if f"{two}{said}" not in strong]
        at = f"{', '.join(loads[:-1])} and {loads[-1]}" if len(loads) > 1 else loads[0]
        rule = (
            f"your sets at {at} go on: one more rep on each set below"
            f" {top}; a load moves up a step once all its sets reach {top}, back to {bottom} reps"
        )
        if strong:
            # Both kinds of work said, so the volume sets are not read as dropped or as the top sets.
            tops = (
                f"your top set at {strong[0]} stays one top set"
                if lone_back
                else f"your top set at {strong[0]} keeps its reps and adds load"
                if lone and len(strong) == 1
                else f"your top sets at {' and '.join(strong)} keep their reps and add load"
            )
            rule = f"{tops}; {rule.replace('your sets at', 'your volume sets at', 1)}"
    if away:
        # The shape is kept, every load lighter: a break is no day to read reps from.
        days = _days_away(last, now)
        kind = "reverse pyramid" if len(last.groups[0][1]) == 1 else "sets at each load"
        return Prescription(
            rules.exercise,
            tuple(planned),
            "; ".join(
                [
                    *(kit_notes[i] for i in sorted(kit_notes)),
                    f"{days} days away, a break: the same {kind}, each load at 90% or less"
                    f" ({', '.join(changes)}), at {bottom} reps, and build back",
                ]
            ),
            back_off=True,
        )
    # A load brought onto the kit is said first, as the single-load target says it (`_at`).
    moved = [kit_notes[i] for i in sorted(kit_notes)]
    reason = "; ".join([*moved, rule, *changes])
    return Prescription(rules.exercise, tuple(planned), reason, back_off=backed)


def _days_e1rm(days: Sequence[_Done], implements: int) -> float | None:
    """The best estimated 1RM (Epley, in the kit's unit, per hand for a pair) of ``days`` done with as
    many implements: every load of a day at several loads (`_by_load`), its top sets, a ramp's lighter
    sets."""
    sets: list[tuple[float | None, int]] = []
    for d in days:
        if d.implements != implements:
            continue
        sets.extend((d.load, r) for r in d.reps)
        sets.extend((x, s.reps) for x, g in d.groups for s in g)
        sets.extend((x, s.reps) for x, s in d.lighter)
    return max((v for x, r in sets if (v := e1rm(x, r)) is not None), default=None)


def _whole_pyramid(done: list[_Done]) -> _Done:
    """The last day, with the back-offs a short reverse pyramid left out (the lighter week's fewer
    sets): a recent day at the same loads with more back-offs after them lends its last ones, so a cut
    day does not cut every day after it."""
    last = done[-1]
    n = len(last.groups)
    if any(len(g) != 1 for _x, g in last.groups):
        return last
    for d in reversed(done[-4:-1]):
        if (
            len(d.groups) > n
            and all(len(g) == 1 for _x, g in d.groups)
            and all(_same(a, b) for (a, _g), (b, _h) in zip(last.groups, d.groups, strict=False))
        ):
            return replace(last, groups=(*last.groups, *d.groups[n:]))
    return last


def _group_sizes(done: list[_Done]) -> list[int]:
    """The sets to do at each load of the last day's (`_by_load`): the commonest count at that load's
    place over the last four days at as many loads (a tie to the larger), never fewer than the last
    day's. A short day (the lighter week's fewer sets) does not cut the sets after it."""
    n = len(done[-1].groups)
    days = [d.groups for d in done[-4:] if len(d.groups) == n]
    out: list[int] = []
    for i, (_x, group) in enumerate(done[-1].groups):
        counts = Counter(len(day[i][1]) for day in days)
        most = max(counts.values())
        out.append(max(len(group), *(c for c in counts if counts[c] == most)))
    return out


def _group_stalled(done: list[_Done], x: float, size: int, n: int, top: int) -> bool:
    """The straight-set stall (`_stalled`) for load ``x`` of days at ``n`` loads: the last two full
    days at it (``size`` sets at it, ``n`` loads) beat nothing done at it before (more reps in all, or
    every set at the top of the range). A short day (the lighter week's) is passed over, as
    `_stalled` passes over one at a single load. Read over the last four days (`target_window`)."""
    run: list[tuple[int, ...]] = []
    for d in reversed(done[-4:]):
        same = [g for y, g in d.groups if _same(x, y)]
        if not same:
            break
        if len(same[0]) >= size and len(d.groups) >= n:
            run.append(tuple(s.reps for s in same[0][:size]))
    run.reverse()
    if len(run) < 3:
        return False
    return all(
        sum(run[j]) <= max(sum(r) for r in run[:j]) and min(run[j]) < top
        for j in (len(run) - 2, len(run) - 1)
    )


def _onto_kit(
    rules: ExerciseRules, last: _Done, equipment: Equipment
) -> tuple[tuple[tuple[float, tuple[LoggedSet, ...]], ...], dict[int, str]] | None:
    """The day's loads (`_by_load`) on the kit, as the single-load target brings a load onto it
    (`_loaded`): a load the kit makes as it is; else the kit's load at or just above it (`_on_kit`: 62 kg
    → 62.5 kg; 80 kg on a lb kit → 180 lb); else, logged in the other unit, the kit's next load up
    within a normal step (84 kg, 185.19 lb → 190 lb), or, in the kit's unit, its load below (a 3 kg
    dumbbell between 2 and 4 → 2). With the groups, what the reason says of each load brought on in the
    last two ways, by its place ("84 kg is not loadable with your kit, so 85 kg"). None when a load is
    above the kit, its kit is a guess, it has no kit load (the usual rules then keep it as logged), or
    two loads land on one."""
    out: list[tuple[float, tuple[LoggedSet, ...]]] = []
    notes: dict[int, str] = {}
    unit = equipment.unit
    pair = last.implements == 2
    for i, (x, group) in enumerate(last.groups):
        implement = pair_implement(rules, equipment) if pair else _implement_for(rules, equipment, x)
        kit = loadable_loads(implement, equipment)
        here = x
        if not any(_same(x, y) for y in kit):
            if not kit or x > max(kit) + _SAME or rules.kit_guessed:
                return None
            converted = any((s.unit or "kg") != unit for s in group)
            fit = _on_kit(x, implement, equipment, converted=converted)
            up = next_step(x, implement, equipment)
            if fit is not None and converted:
                here = fit  # said as before: the load as lifted, its kit load in the plan
            elif fit is not None or not converted:
                # Off the kit in its own unit (84 kg with 2.5 kg steps): its load as `_loaded` picks it,
                # kept in the target with the others, and said, so no group of the day goes missing.
                held = fit if fit is not None else _held(rules, x, implement, equipment)
                if held is None:
                    return None
                here = held
            elif up is not None and up - x <= x * BIG_JUMP + 1e-9:
                here = up
            else:
                return None
            if (not converted or fit is None) and not _same(here, x):
                shown = _as_lifted(last, x, unit)
                notes[i] = _at(x, here, replace(last, shown=shown), unit, pair)
        if any(_same(here, y) for y, _g in out):
            return None
        out.append((here, group))
    return tuple(out), notes


def _as_logged(p: Prescription, last: _Done, rules: ExerciseRules, equipment: Equipment) -> Prescription:
    """A load kept off the kit (above its heaviest, or with no kit listed) is the user's own, lifted
    elsewhere: said as it was logged ("2 × 25 lb"), not as its conversion to the kit's unit (11.34 kg)."""
    value, _, unit = last.shown.partition(" ")
    if p.load is None or not unit or unit == p.unit or not _same(p.load, last.load):
        return p
    implement = (
        pair_implement(rules, equipment) if last.implements == 2 else _implement_for(rules, equipment, p.load)
    )
    if any(_same(p.load, x) for x in loadable_loads(implement, equipment)):
        return p
    load = float(value)
    sets = tuple(replace(s, load=load, unit=unit) if _same(s.load, p.load) else s for s in p.sets)
    # The reason says the kept load as the plan does (`w`, `_at`): the same words, as logged.
    return replace(p, sets=sets, reason=p.reason.replace(f"{_fmt(p.load)} {p.unit}", last.shown))


def _bridges(d: _Done, rules: ExerciseRules, equipment: Equipment) -> bool:
    """``d`` bridged a big jump: more sets than the exercise's own, every one at the top of the range,
    at a load whose next loadable step is more than ``BIG_JUMP`` (a small dumbbell, a kettlebell)."""
    top = rules.rep_range[1]
    if d.load is None or d.count <= rules.sets or min(d.reps) < top:
        return False
    implement = (
        pair_implement(rules, equipment) if d.implements == 2 else _implement_for(rules, equipment, d.load)
    )
    nxt = next_step(d.load, implement, equipment)
    return nxt is not None and (nxt - d.load) / d.load > BIG_JUMP + 1e-9


def _as_done(p: Prescription, last: _Done) -> Prescription:
    """The target in the form the work was done: per side when it was logged left and right, and a
    loaded target per hand of a pair when the last session's top sets were done with a pair."""
    sets = p.sets
    if last.implements == 2 and last.load is not None:
        sets = tuple(replace(s, implements=2) if s.load is not None and not s.backoff else s for s in sets)
    return replace(p, sets=sets, each_side=last.sided)


TARGET_WINDOW = 8  # sessions a heavy user's target is first read from (`target_window`)


def target_window(
    rules: ExerciseRules,
    history: list[Entry],
    unit: Unit,
    sessions: int = TARGET_WINDOW,
    way: Way | None = None,
) -> list[Entry]:
    """The latest entries of ``history`` (one exercise, chronological) from which `next_target` answers
    exactly as from all of it, so a 5-year log is not re-read on every /log. Loaded work reads the last
    four sessions and the run of sessions at the last load (back-off, stall, reference): the window
    grows until that run starts inside it. Anything else (band work, bodyweight) gets all of it.
    ``way``: as `next_target`'s (the sessions done that way are what must be read)."""
    return _windowed(rules, history, unit, sessions, way or target_way(history))[0]


def _windowed(
    rules: ExerciseRules, history: list[Entry], unit: Unit, sessions: int, way: Way | None = None
) -> tuple[list[Entry], list[_Done] | None]:
    """`target_window`, and the sessions read from it when sizing it needed them (else None)."""
    if rules.band_work:
        return history, None
    gap = SESSION_GAP
    # A window that did not read enough grows by reading only the sessions before it: a window starts
    # where a session does, and each session is read on its own, so its sessions stand as they are.
    read_from, read = len(history), []
    while True:
        # Where the last ``sessions`` sessions start, by the rule `group_sessions` uses.
        start, found = len(history), 0
        while start > 0 and found < sessions:
            start -= 1
            e = history[start]
            if start == 0 or e.starts_session or e.at - history[start - 1].at >= gap:
                found += 1
        if start == 0 and not read:
            return history, None
        done = _sessions(rules, history[start:read_from], unit, way, start > 0) + read
        if start == 0 or _read_enough(done):
            return history[start:], done
        read_from, read = start, done
        sessions *= 2


def _read_enough(done: list[_Done]) -> bool:
    """``done`` (a window's sessions) holds what the target reads: the last four sessions and the run
    of sessions at the last load (back-off, stall, reference); after lighter days in a row
    (`_after_lighter_days`), the same for the working weight before them (found by load alone here,
    which finds every run the kit's rule can: more is read, never less)."""
    todo, seen = [len(done)], set()
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        if not _reads_its_run(done[:n]):
            return False
        # Up to a run from the window's first session, whose own run then lies outside: read more.
        for k in range(1, min(_RUN_READ, n - 1) + 1):
            heavy = done[n - k - 1].load
            if heavy is not None and all(
                d.load is not None and d.load < heavy * BACK_OFF_FLOOR for d in done[n - k : n]
            ):
                todo.append(n - k)
    return True


def _reads_its_run(done: list[_Done]) -> bool:
    """The last four sessions of ``done`` and the run at its last load, as `_read_enough` says; and the
    session before any run of lighter days `_lighter_run` can find."""
    return (
        len(done) > max(4, _RUN_READ)
        and done[-1].load is not None
        and any(not _same(d.load, done[-1].load) for d in done[:-1])
        # After a top-set day or a lighter day (`_after_lighter_days`) the straight sets before it,
        # or a top-set day's own at a lighter load, may be progressed: their runs too.
        and (
            (not done[-1].ramp and done[-1].load >= (done[-2].load or 0) * BACK_OFF_FLOOR)
            or (
                all(any(not _same(d.load, x) for d in done[:-1]) for x, _s in done[-1].lighter)
                and any(not _same(d.load, done[-2].load) for d in done[:-2])
            )
        )
    )


def _plan(
    rules: ExerciseRules,
    reason: str,
    reps: list[int] | tuple[int, ...],
    load: float | None,
    unit: Unit | None,
    **flags: object,
) -> Prescription:
    sets = tuple(PlannedSet(r, load, unit if load is not None else None) for r in reps)
    return Prescription(rules.exercise, sets, reason, **flags)  # type: ignore[arg-type]


def _start(rules: ExerciseRules, equipment: Equipment) -> Prescription:
    bottom = rules.rep_range[0]
    # "Pick a load" only where the kit has one: with nothing listed the lift starts at bodyweight.
    if rules.loadable and loadable_loads(_implement_for(rules, equipment), equipment):
        return _plan(
            rules,
            f"first time: pick a load you can move for {bottom} clean reps, form first",
            [bottom] * rules.sets,
            None,
            equipment.unit,
        )
    return _plan(
        rules, f"first time: {bottom} slow, controlled reps per set", [bottom] * rules.sets, None, None
    )


def _implement_for(rules: ExerciseRules, equipment: Equipment, load: float | None = None) -> str:
    """The implement the loads are rounded for (a barbell lift with no barbell at home → dumbbells; a
    load lighter than the empty bar was lifted with dumbbells)."""
    own = loadable_loads(rules.implement, equipment)
    if own:
        if load is None or load >= own[0] - _SAME:
            return rules.implement
        for other in _STAND_INS.get(rules.implement, ()):
            theirs = loadable_loads(other, equipment)
            if theirs and theirs[0] <= load + _SAME:
                return other
        return rules.implement
    # Only swaps a coach would make: a bar's load never becomes a dumbbell's weight the other way round.
    for other in _STAND_INS.get(rules.implement, ()):
        if loadable_loads(other, equipment):
            return other
    return rules.implement


def on_kit_at_or_below(rules: ExerciseRules, equipment: Equipment, load: float, pair: bool = False) -> float:
    """``load`` (``equipment.unit``; per hand for a ``pair``) as the kit makes it, at or below it: a load
    held at last session's (89 kg) is one the lifter can load (87.5 kg). Kept as it is above the kit's
    heaviest (lifted elsewhere), below its lightest, or with no kit for it."""
    implement = pair_implement(rules, equipment) if pair else _implement_for(rules, equipment, load)
    kit = loadable_loads(implement, equipment)
    if not kit or load > max(kit) + _SAME:
        return load
    return _held(rules, load, implement, equipment) or load


def _nearest_on_kit(load: float, implement: str, equipment: Equipment) -> float:
    """The kit's load a target goes on at for ``load`` lifted off the kit's steps in its own unit (15.5 kg
    between dumbbells of 14 and 16): the nearest, as a coach picks it; with none lighter, the lightest.
    Equally near (15 kg: 14 or 16), the lighter, and its reason says so: below the top of the range
    the heavier is a jump not yet earned (one more rep at 14 kg is), and at the top the step up is
    taken from the load lifted anyway (15 × 12: 16 kg). Nearer above, the heavier, with the same reps
    (one change at a time), never a load below what was lifted for them. ``load`` when the kit has
    none for ``implement``."""
    return round_to_loadable(load, implement, equipment, "nearest") or load


def _held(rules: ExerciseRules, load: float, implement: str, equipment: Equipment) -> float | None:
    """A load lifted in the kit's unit, held: the kit's load at or below it (a 3 kg dumbbell between 2
    and 4 is 2), or as lifted on an own exercise whose kit is a guess (`ExerciseRules.kit_guessed`:
    42.5 kg, not the guessed dumbbells' 42). None when the kit has nothing for ``implement``."""
    if rules.kit_guessed and loadable_loads(implement, equipment):
        return load
    return round_to_loadable(load, implement, equipment, "down")


def own_step_up(load: float, unit: str) -> float:
    """The next load for an own exercise logged off its guessed kit: the first multiple of a round step
    at least that step above ``load`` (2.5 kg / 5 lb from 20 kg / 45 lb, 1 kg / 2.5 lb below): 22 kg →
    25, 42.25 → 45, 7.5 kg → 9, 100 lb → 105. Never a step under 1 kg / 2.5 lb."""
    heavy = 20.0 if unit == "kg" else 45.0
    step = (2.5 if unit == "kg" else 5.0) if load >= heavy - _SAME else (1.0 if unit == "kg" else 2.5)
    return math.ceil((load + step) / step - 1e-9) * step


def pair_implement(rules: ExerciseRules, equipment: Equipment) -> str:
    """What a pair (``2x12kg``) is progressed on: the lift's own dumbbells or kettlebells, else
    dumbbells, else kettlebells, as the kit has them (the lift's own implement if it has neither)."""
    for implement in (rules.implement, "dumbbell", "kettlebell"):
        if implement in ("dumbbell", "kettlebell") and loadable_loads(implement, equipment):
            return implement
    return rules.implement


def kit_implement(rules: ExerciseRules, equipment: Equipment) -> str | None:
    """What the kit loads ``rules.exercise`` with (its own implement or a stand-in), None if nothing."""
    implement = _implement_for(rules, equipment)
    return implement if rules.loadable and loadable_loads(implement, equipment) else None


_STAND_INS: dict[str, tuple[str, ...]] = {
    # Without a bar, a hinge or a thrust is done with dumbbells, else a kettlebell (a kettlebell RDL).
    "barbell": ("dumbbell", "kettlebell"),
    "dumbbell": ("kettlebell",),
    "kettlebell": ("dumbbell",),
    "bodyweight": ("dumbbell", "kettlebell"),
}


def _reference(done: list[_Done], base: int) -> _Done:
    """The session to progress from: the last one, or, after a short session at the same load (a
    lighter week, a cut-short day), the last full one at that load."""
    last = done[-1]
    if last.count >= base:
        return last
    for d in reversed(done[:-1]):
        if not _same(d.load, last.load):
            break
        if d.count >= base:
            return d
    return last


def _fill(reps: tuple[int, ...], base: int, cap: int) -> list[int]:
    out = [min(cap, r) for r in reps[:base]]
    return out + [out[-1] if out else cap] * (base - len(out))


def _plus_one(reps: tuple[int, ...], base: int, bottom: int, top: int) -> list[int]:
    return [max(bottom, min(top, r + 1)) for r in _fill(reps, base, top)]


def _stalled(done: list[_Done], load: float | None, base: int, top: int) -> bool:
    """Two full sessions in a row at ``load`` that beat nothing done before at that load, days in pain
    left out (3 × 10 @ 100, 3 × 10 "-- knee hurts", 3 × 10 again: one session without progress)."""
    run: list[_Done] = []
    for d in reversed(done):
        if not _same(d.load, load) or d.deload:
            break
        if d.pain:
            continue  # a day in pain is no attempt at progress: its repeat, as the hold asks, is no stall
        if d.count >= base:
            run.append(d)
    run.reverse()
    if len(run) < 3:
        return False
    misses = 0
    for i in range(len(run) - 2, len(run)):
        now_, before = run[i], run[:i]
        score = sum(now_.reps)
        best = max(sum(d.reps) for d in before)
        at_top = all(r >= top for r in now_.reps[:base])
        easier = (
            _mean_rpe(now_) is not None
            and _mean_rpe(before[-1]) is not None
            and (
                _mean_rpe(now_) < _mean_rpe(before[-1])  # type: ignore[operator]
            )
        )
        if not (score > best or at_top or (score >= best and easier)):
            misses += 1
    return misses == 2


def _falling(done: list[_Done], load: float, base: int) -> tuple[int, ...] | None:
    """The reps in all of the last ``FALLING`` + 1 sessions at ``load`` in a row (straight sets, the
    user's full count, no break between) when each has at least a rep a set fewer than the one before
    (30, 24, 18, 15): a trend a single back-off does not answer. None otherwise."""
    run: list[_Done] = []
    for d in reversed(done[-FALLING - 1 :]):
        if not _same(d.load, load) or d.deload or d.ramp or d.groups or d.count < base:
            break
        if run and run[-1].at - d.at >= BREAK:
            break
        run.append(d)
    if len(run) <= FALLING:
        return None
    totals = tuple(sum(d.reps[:base]) for d in reversed(run))
    # By a rep a set or more each time: a rep lost here and there (30, 29, 28, 26) is a stall, which
    # backs off 5% (`_stalled`), not a trend.
    if all(b <= a - base for a, b in zip(totals, totals[1:], strict=False)):
        return totals
    # The 10% back-off ignored and the load kept, with no rep back (36, 30, 27, 24, then 24 again): still
    # the trend, not a fresh stall's gentler 5% (a tester: the back-off softened when not followed).
    earlier = _falling(done[:-1], load, base) if len(done) > FALLING + 1 else None
    last = sum(done[-1].reps[:base])
    return (*earlier, last) if earlier is not None and run and last <= earlier[-1] else None


def _falling_back(
    rules: ExerciseRules,
    done: list[_Done],
    totals: tuple[int, ...],
    base: int,
    bottom: int,
    implement: str,
    equipment: Equipment,
    w: Callable[[float], str],
) -> Prescription:
    """After reps fell ``FALLING`` sessions in a row at one load (`_falling`): ~10% off (the largest
    loadable load ≤ 90%, never above what the estimated 1RM of the last four sessions supports), at the
    bottom of the range, and why: recovery first, then build back."""
    last = done[-1]
    assert last.load is not None
    shown = [e1rm(d.load, max(d.reps)) for d in done[-4:] if d.implements == last.implements and d.reps]
    one_rm = max((x for x in shown if x is not None), default=None)
    new = _back_off_load(last.load, implement, equipment, one_rm, bottom, RETURN)
    # The load as lifted ("100 kg"), not its conversion to the kit's unit (220.46 lb).
    lifted = f"{'2 × ' if last.implements == 2 else ''}{_as_lifted(last, last.load, equipment.unit)}"
    at = f"to {w(new)} (about 10% off)" if new is not None else f"to {bottom} reps at {lifted}"
    why = (
        f"three sessions down in a row at {lifted} ({', '.join(map(str, totals[:-1]))}, then {totals[-1]} reps in all):"
        f" back off {at}; sleep, food and stress first, then build back from here"
    )
    return _plan(
        rules, why, [bottom] * base, new if new is not None else last.load, equipment.unit, back_off=True
    )


def _all_out(d: _Done, base: int) -> str:
    """ "RPE 10" when each of ``d``'s first ``base`` sets was logged at `HARD_RPE` or more (RPE 10, or
    RIR 0: no rep left), else "". Sets with no RPE given say nothing: the usual rep is added."""
    given = d.rpes[:base]
    if not given or any(p is None or p < HARD_RPE for p in given):
        return ""
    lo, hi = min(given), max(given)  # type: ignore[type-var]
    return f"RPE {lo:g}" if lo == hi else f"RPE {lo:g}–{hi:g}"


def _mean_rpe(d: _Done) -> float | None:
    given = [r for r in d.rpes if r is not None]
    return sum(given) / len(given) if given else None


def _back_off_load(
    load: float,
    implement: str,
    equipment: Equipment,
    one_rm: float | None = None,
    bottom: int = 0,
    share: float = BACK_OFF,
) -> float | None:
    """95% (``share``) of ``load`` on the kit, and never more than the demonstrated estimated 1RM supports
    for ``bottom`` reps by Epley: after 125 kg × 5 (1RM 145.8) 115 × 8, not 117.5 × 8 (a 1RM of 149)."""
    cand = round_to_loadable(load * share, implement, equipment, "down")
    if cand is None or cand >= load - 1e-6 or cand < load * BACK_OFF_FLOOR - 1e-6:
        cand = step_below(load, implement, equipment)
    if cand is not None and one_rm is not None and cand > _supported(one_rm, bottom) + 1e-6:
        cand = round_to_loadable(_supported(one_rm, bottom), implement, equipment, "down") or cand
    return cand


def _supported(one_rm: float, reps: int) -> float:
    """The load an estimated 1RM supports for ``reps`` reps (Epley inverted)."""
    return one_rm / (1 + reps / 30)


def _loaded(
    rules: ExerciseRules,
    done: list[_Done],
    base: int,
    equipment: Equipment,
    now: datetime,
    progressed: bool = False,  # the last session progressed otherwise (a new heaviest top set)
) -> Prescription:
    last = done[-1]
    load = last.load
    assert load is not None
    unit = equipment.unit
    pair = last.implements == 2
    # A pair of dumbbells progresses by the dumbbell set per hand, whatever the lift's own implement
    # (a barbell RDL done with 2 × 22 kg is not a 22 kg bar).
    implement = pair_implement(rules, equipment) if pair else _implement_for(rules, equipment, load)

    # One dumbbell held says so after each load, as the target line does ("24 kg dumbbell").
    held_word = f" {implement}" if rules.held and not pair else ""

    def w(x: float) -> str:
        return f"{'2 × ' if pair else ''}{_fmt(x)} {unit}{held_word}"

    strength = _strength_reps(done, rules)
    bottom, top = (strength, strength) if strength else rules.rep_range
    fixed = bottom == top  # strength work: the reps stay, the load moves
    # Every prescribed load is one the kit makes (issue 11), and never lighter than the work done: a
    # load logged off the kit's steps (another gym, the other unit) is brought onto it at or above it
    # when a kit load is within 2.5% (62 kg → 62.5; 135 lb = 61.23 kg → 62.5 kg, not 60: `_on_kit`).
    # Else a load in the other unit takes the kit's next load up when that is a normal step (80 lb =
    # 36.29 kg → 37.5 kg, +3%), with the same reps (one change at a time), or is kept as logged when it
    # is more (lifted elsewhere, `_as_logged`); one in the kit's own unit the user does not own goes to
    # the nearest loadable load (`_nearest_on_kit`), and the reason says why. A load above everything
    # the kit has is what the user really lifts elsewhere: kept, and the reason says so. With no kit
    # listed for it, the load is kept too: only a change of load needs the kit. Sets or reps still to
    # add are added at the kit's load at or below the one lifted instead (62 kg × 8: 60 kg × 9), one
    # change at a time, when it is within 5% (below).
    kit = loadable_loads(implement, equipment)
    heaviest = max(kit, default=load)
    converted = bool(last.shown) and not last.shown.endswith(f" {unit}")
    up = next_step(load, implement, equipment)
    off_guess = rules.kit_guessed and not any(_same(load, x) for x in kit)
    if not kit or load > heaviest + _SAME:
        here = load
    elif off_guess:
        # An own exercise's kit is a guess: 22 kg, 42.25 kg or 42.5 kg logged (93.7 lb, no "same
        # dumbbell") is what the lifter has, neither rounded up nor down onto the guessed steps.
        here = load
    elif (fit := _on_kit(load, implement, equipment, converted)) is not None:
        here = fit
    elif converted and up is not None and up - load <= load * BIG_JUMP + 1e-9:
        here = up
    elif converted:
        here = load
    else:
        here = _nearest_on_kit(load, implement, equipment)
    # Rounded up onto the kit's nearest (15.5 kg: the 16): that load is the step itself (`stepped_onto`).
    rounded_up = not converted and bool(kit) and kit[0] < load - _SAME and here > load + _SAME
    # No "the same dumbbell" on an own exercise: its dumbbells are only a guess.
    held_as = implement if implement in _FIXED and not rules.kit_guessed else None
    at = _at(load, here, last, unit, pair, fixed=held_as, held=held_word)
    no_kit = "no kit listed in your equipment to change the load (/equipment)"

    if _away(last, now) and not kit:
        days = _days_away(last, now)
        return _plan(
            rules,
            f"{days} days away, a break: back to {bottom} reps at {w(load)} and build back; {no_kit}",
            [bottom] * base,
            load,
            unit,
            back_off=True,
        )
    if _away(last, now):
        days = _days_away(last, now)
        new = round_to_loadable(load * RETURN, implement, equipment, "down")
        # As lifted: "90% of 100 kg", not of its conversion to the kit's unit ("220.46"); with its unit
        # always, so "90% of 105" is never left for the lifter to read in one unit or the other.
        of = last.shown if last.shown and not last.shown.endswith(f" {unit}") else w(load)
        if new is None or new >= load - 1e-6:
            new = step_below(load, implement, equipment) or here
        return _plan(
            rules,
            f"{days} days away, a break: restart at {w(new)} (90% of {of} or less) and build back",
            [bottom] * base,
            new,
            unit,
            back_off=True,
        )

    falling = _falling(done, load, base)
    if falling is not None:
        return _falling_back(rules, done, falling, base, bottom, implement, equipment, w)
    cause = None
    short = [r for r in last.reps if r < bottom]
    # A missed rep on a strength scheme (5, 5, 5, 5, 4 on a 5 × 5) means the same load next time; it
    # backs off only when the misses repeat (the stall rule below), as 5 × 5 programs do.
    missed = fixed and _a_miss(done, rules, top)
    if short and not missed:
        fewest = min(short)
        cause = f"{fewest} rep{'' if fewest == 1 else 's'} is below the {bottom}-rep bottom"
    elif any(
        r <= bottom and p is not None and p >= HARD_RPE for r, p in zip(last.reps, last.rpes, strict=True)
    ):
        cause = f"RPE {max(p for p in last.rpes if p is not None):g} at the bottom of the range"
    elif not progressed and _stalled(done, load, base, top):
        cause = "two sessions without progress at this load"
    if cause:
        # The best estimated 1RM of the last four sessions (what `target_window` always reads), in the
        # kit's unit (per hand for a pair).
        shown = [e1rm(d.load, max(d.reps)) for d in done[-4:] if d.implements == last.implements and d.reps]
        one_rm = max((x for x in shown if x is not None), default=None)
        new = _back_off_load(load, implement, equipment, one_rm, bottom)
        if new is None:
            lightest = f"{w(load)} is the lightest you have" if kit else no_kit
            return _plan(
                rules,
                f"{cause}: back off to {bottom} reps, {lightest}",
                [bottom] * base,
                here,
                unit,
                back_off=True,
            )
        # Honest about a step bigger than 5% (a pair of 12s → 10s is 83%): the next lighter one there is.
        lighter = "pair" if pair else "load"
        plain = _back_off_load(load, implement, equipment)
        how = (
            f"what your estimated 1RM of {w(round(one_rm or 0, 1))} supports for {bottom} reps"
            if plain is not None and new < plain - 1e-6
            else "95% or less"
            if load * BACK_OFF_FLOOR - 1e-6 <= new <= load * BACK_OFF + 1e-6
            else f"one step down, {round(new / load * 100)}%: the next lighter {lighter} you have"
        )
        return _plan(
            rules,
            f"{cause}: back off to {w(new)} ({how}) and build back",
            [bottom] * base,
            new,
            unit,
            back_off=True,
        )

    # A kit load heavier than the work done is the step itself, reps as they were (one change at a
    # time): past `_ROUND_OK` (3 kg logged, dumbbells from 4), or past the conversion's remainder for a
    # load from the other unit (60 kg = 132.28 lb → 135 lb; 140 kg → "about 310 lb" is the same load,
    # and 8 kg the same kettlebell as 18 lb).
    bell = implement in _FIXED and converted and abs(here - load) <= load * SAME_IMPLEMENT + 1e-9
    heavier = not bell and here > load * (1 + (_CONVERTED if converted else _ROUND_OK)) + 1e-9
    ref = _reference(done, base)
    more = ref.count < base or not all(r >= top for r in ref.reps[:base])  # sets or reps to add
    if more and not heavier and here > load + _SAME and not converted:
        # One change at a time: sets or reps still to come are done at the kit's load at or below the
        # one lifted, not at one rounded up onto the kit: 100.5 kg × 10 is 100 kg × 11, not 102.5 kg × 11;
        # 83 kg at RPE 10 is 82.5 kg again. With none below, or none within a back-off's 5% (3.9 kg
        # between dumbbells of 2 and 4 is not 2 kg × 11), the rounded-up load stands.
        below = on_kit_at_or_below(rules, equipment, load, pair)
        if load * BACK_OFF - 1e-9 <= below < load + _SAME:
            here, at = below, _at(load, below, last, unit, pair, fixed=held_as, held=held_word)
    if ref.count < base:
        return _plan(
            rules,
            f"{at}: finish all {base} sets before adding reps",
            _fill(ref.reps, base, top),
            here,
            unit,
        )
    if not all(r >= top for r in ref.reps[:base]):
        reps = _plus_one(ref.reps, base, bottom, top)
        if heavier:
            # Nothing the kit makes is lighter (3 kg logged, dumbbells from 4; 60 kg on a pound kit):
            # one variable at a time, the heavier load with the same reps.
            return _plan(
                rules, f"{at}: same reps at the heavier load", _fill(ref.reps, base, top), here, unit
            )
        if (all_out := _all_out(ref, base)) and not missed:
            # No rep was left on any set: another rep is not there yet. The same sets until they move
            # easier (or stall: `_stalled` backs off then), never at more than was lifted (above).
            return _plan(
                rules,
                f"{at}: {all_out} on every set: the same again until it moves easier",
                _fill(ref.reps, base, top),
                here,
                unit,
            )
        if missed and ref is last:
            why = f"{at}: a missed rep on a {base} × {top}, so all {base} × {top} again before adding load"
        elif ref is not last and all(r <= d for r, d in zip(reps, last.reps, strict=False)):
            # After a shorter session (a lighter week, a cut-short day) the reps it reached stand: the
            # change is the sets coming back, not another rep.
            why = f"{at}: all {base} sets again after a shorter session"
        else:
            why = f"{at}: {_one_more(ref, top)}"
        return _plan(rules, why, reps, here, unit)

    # One smallest step above the load as the kit makes it: 62 kg logged elsewhere is 62.5 on a 20 kg bar
    # with 1.25 kg plates, so the step is 65 (62.5 would be +0.5 kg for a drop to the bottom of the range).
    # Above the logged load itself: a load rounded down onto the kit (36.29 → 35) steps from what was done.
    # A load from the other unit the kit makes only a step heavier (80 lb = 36.29 kg → 37.5) has that
    # step as its next load: 40 kg would be two steps.
    stepped_onto = (converted or rounded_up) and heavier
    nxt = here if stepped_onto else next_step(max(here, load), implement, equipment)
    if off_guess and nxt is not None:
        # The guessed kit's next load is no step from a load off it (22 kg → 22.5, 42.25 → 42.5 on a
        # guessed bar): a round step the lifter can make on whatever they use (`own_step_up`).
        nxt = own_step_up(load, unit)
    # With no heavier load to take, the sets the user does at the top are kept (4 × 12, not 3 × 12), up
    # to the most `_more_sets` adds: sets past it do not raise it (6, 7, 8 sets were "6 sets is the
    # most", then "7 …"), the reps and the lowering grow from there.
    keep = max(base, min(ref.count, _most_own_sets(rules)))
    if nxt is None:
        if not kit:
            where = f"same {w(here)}: {no_kit}"
        elif here > heaviest + _SAME:
            where = f"same {w(here)}, heavier than your equipment lists (/equipment)"
        else:
            where = f"{w(here)} is the heaviest you have"
        # The reps as done (at least the top), never fewer: 3 × 15 at 40 kg is not followed by 3 × 12.
        held = [max(top, r) for r in ref.reps[:keep]]
        return _more_sets(rules, keep, where, here, unit, done, held, did=ref.count)
    # The new load is said as the load itself ("add 2.5 kg: 82.5 kg", not "add 2.5 kg to 82.5 kg",
    # which reads as 85). A load logged off the kit (kg history, lb kit) would give an odd step
    # ("add 4.54 lb"): then only the kit's load is said.
    if _same(here, load) and last.shown.endswith(f" {unit}"):
        change = f"add {_fmt(nxt - load)} {unit}{' a hand' if pair else ''}: {w(nxt)}"
    else:
        change = f"up to {w(nxt)}"
    if not fixed and _light_step(rules, done, load, nxt, unit, last.implements):
        return _plan(
            rules,
            f"{_at_the_top(ref.reps[:base], top)}: {change}, still {top} reps, a small step on top of"
            " your bodyweight",
            [top] * base,
            nxt,
            unit,
        )
    if (nxt - load) / load > BIG_JUMP + 1e-9 and not _plate_step(implement, pair, nxt - load, unit):
        # One set over the user's own count bridges the jump; more sets are not asked for (a 3-set lift
        # does not become 5 sets), and the jump comes back to the user's own count. A user whose own
        # count is over the exercise's, read from such sessions alone (a first 4 × 20 on a 3-set lunge:
        # `_base_sets`), has done that extra work already: the jump is taken at their count.
        bridged = ref.count > rules.sets and all(_bridges(d, rules, equipment) for d in _alike(done))
        if (ref.count > base or bridged) and min(ref.reps[: base + 1]) >= top:
            return _plan(
                rules,
                f"{ref.count} sets at the top: take the jump to {w(nxt)}, back to {bottom} reps",
                [bottom] * base,
                nxt,
                unit,
            )
        pct = round((nxt - load) / load * 100)
        # The same load keeps the reps done (3 × 20 past a 15 top is not cut to 15), plus a set.
        held = [max(top, r) for r in ref.reps[:base]]
        # The set's reps and load both said: "add a set at 20" after "20 kg is +25%" read as 20 kg.
        extra = f"a {_ordinal(len(held) + 1)} set of {held[-1]} reps at {w(here)}"
        return _plan(
            rules,
            f"{_at_the_top(ref.reps[:base], top, short=True)}, but {w(nxt)} is +{pct}%: add a set first,"
            f" {extra}",
            [*held, held[-1]],
            here,
            unit,
        )
    every = "every set" if base > 1 else "the set"
    # A wide range (8–15) does not fall back to its bottom for one small step (15 → 8 reps at +5%): the
    # reps the last top set's estimated 1RM supports at the new load (Epley), as a coach would drop them.
    again = bottom
    if not fixed and top - bottom > WIDE_RANGE:
        again = max(bottom, min(top - 1, int(30 * (load * (1 + top / 30) / nxt - 1))))
    if fixed:
        reason = f"{every} at {top}: {change}, same {base} × {top}"
    elif again > bottom:
        reason = (
            f"{_at_the_top(ref.reps[:base], top)}: {change}, {again} reps (what {w(load)} × {top} supports"
            f" at it)"
        )
    else:
        reason = f"{_at_the_top(ref.reps[:base], top)}: {change}, back to {bottom} reps"
    return _plan(rules, reason, [again] * base, nxt, unit)


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st."""
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _at(
    load: float,
    here: float,
    last: _Done,
    unit: Unit,
    pair: bool = False,
    fixed: str | None = None,
    held: str = "",
) -> str:
    """ "same 80 kg", or why the target's load is not the one logged ("62 kg is not loadable with your
    kit, so 62.5 kg"; "135 lb is about 61.2 kg, not loadable with your kit, so 62.5 kg"); a pair says
    "same 2 × 12 kg". A load logged in the other unit that the kit makes within the conversion's
    remainder (100 kg before a switch to lb: 220.46 → 220 lb, `_CONVERTED`) is said as its nearest on
    the kit ("100 kg is about 220 lb on your kit"), in the kit's unit, the one the target uses. A
    ``fixed`` implement ("kettlebell", "dumbbell") from the other unit is the kit's own: "53 lb is 24 kg
    on your kit, the same kettlebell". ``held`` (" dumbbell": one held on a bar lift) follows the load
    the target goes on at, as the target says it ("same 24 kg dumbbell")."""
    two = "2 × " if pair else ""
    other_unit = bool(last.shown) and not last.shown.endswith(f" {unit}")
    # A kit's bell (`_on_bells`: 53 lb is the 24 kg one) is said as such, a load kept as logged is not.
    bell = other_unit and here != _converted(last.shown, unit, load)
    if fixed and bell and abs(here - load) <= load * SAME_IMPLEMENT + 1e-9:
        same = f"the same {fixed}{'s' if pair else ''}"
        return f"{two}{last.shown} is {two}{_fmt(here)} {unit} on your kit, {same}"
    if _same(here, load):
        return f"same {two}{_fmt(here)} {unit}{held}"
    if other_unit and -1e-9 <= here - load <= load * _CONVERTED + 1e-9:
        # Not "same": 80 kg is 176.37 lb, and the kit's 175 lb is only the nearest it makes. Further off
        # (135 lb is 61.23 kg, the kit's 62.5 kg) the load is said, so the change is plain.
        return f"{two}{last.shown} is about {two}{_fmt(here)} {unit}{held} on your kit"
    if fixed and other_unit:
        # No two-decimal conversion of a fixed weight (50 lb is 22.68 kg): the kit has no such one.
        return f"your kit has no {last.shown} {fixed}{'s' if pair else ''}, so {two}{_fmt(here)} {unit}{held}"
    shown = two + (last.shown or f"{_fmt(load)} {unit}")
    if not shown.endswith(f" {unit}"):
        shown += f" is {_about(load, two)} {unit},"
    else:
        shown += " is"
    return f"{shown} not loadable with your kit, so {two}{_fmt(here)} {unit}{held}"


def _converted(shown: str, unit: Unit, default: float) -> float:
    """A load as logged (``shown``: "53 lb") in ``unit``, as `_load_in` converts it (``default`` when
    ``shown`` says no unit)."""
    value, _, logged_in = shown.partition(" ")
    if logged_in not in ("kg", "lb"):
        return default
    return round(from_kg(to_kg(float(value), logged_in), unit), 2)  # type: ignore[arg-type]


def _at_the_top(reps: tuple[int, ...], top: int, short: bool = False) -> str:
    """ "every set at the top of the range (15)", or what was done past it: "every set 5 over the top of
    the range (15)" (3 × 20), "every set 2–5 over …" (17, 20, 18); ``short`` leaves out the range."""
    over, most = min(reps) - top, max(reps) - top
    if over <= 0:
        return "every set at the top" if short else f"every set at the top of the range ({top})"
    by = f"{over}" if over == most else f"{over}–{most}"
    return f"every set {by} over the top" + ("" if short else f" of the range ({top})")


def _light_step(
    rules: ExerciseRules, done: list[_Done], load: float, nxt: float, unit: Unit, implements: int
) -> bool:
    """``load`` → ``nxt`` is a light load's small step on a lift done at bodyweight (a glute bridge):
    the lift is one the library loads with a dumbbell or plate on the hips, or one the user has done at
    bodyweight, the load in all is at most ``LIGHT_LOAD_KG`` and the step at most ``LIGHT_STEP_KG``."""
    bodyweight = rules.light_first or rules.implement == "bodyweight" or any(d.load is None for d in done)
    total = to_kg(load, unit) * implements
    step = (to_kg(nxt, unit) - to_kg(load, unit)) * implements
    return bodyweight and total <= LIGHT_LOAD_KG + 0.05 and step <= LIGHT_STEP_KG + 0.05


def _plate_step(implement: str, pair: bool, step: float, unit: Unit) -> bool:
    """``step`` (in ``unit``) is the smallest a bar is loaded by, a pair of the smallest standard plates
    (`PLATE_STEP`): taken in one go however light the bar (20 → 22.5 kg is +12%, the step every program
    adds from the empty bar), never bridged with a set first as a dumbbell's or a kettlebell's jump is."""
    return implement == "barbell" and not pair and step <= PLATE_STEP[unit] + 1e-9


def _one_more(ref: _Done, top: int) -> str:
    """The double progression's step in words. Sides that differed (L10/R9) are counted from the weaker
    one, and the target is the same on both sides: "one more rep" alone would read as L11/R10."""
    if ref.uneven:
        return f"one more rep than your weaker side on each set below {top}, the same on both sides"
    return f"one more rep on each set below {top}"


def _top_twice(done: list[_Done], base: int, top: int) -> bool:
    """The level criterion: every working set at the top with RPE ≤ 8 where given, two sessions in a row."""
    full = [d for d in done if d.count >= base][-2:]
    if len(full) < 2:
        return False
    return all(
        all(r >= top for r in d.reps) and all(p is None or p <= EASY_RPE for p in d.rpes) for d in full
    ) and _same(full[0].load, full[1].load)


def _unloaded(rules: ExerciseRules, done: list[_Done], base: int, equipment: Equipment) -> Prescription:
    bottom, top = rules.rep_range
    ref = _reference(done, base)
    if ref.count < base:
        return _plan(
            rules, f"finish all {base} sets before adding reps", _fill(ref.reps, base, top), None, None
        )
    if not all(r >= top for r in ref.reps[:base]):
        return _plan(rules, _one_more(ref, top), _plus_one(ref.reps, base, bottom, top), None, None)
    if not _top_twice(done, base, top):
        # Reps done past the top are held, never cut back to it: fewer reps would need a reason.
        held = _fill(ref.reps, base, max(ref.reps[:base]))
        at = f"{held[0]}" if len(set(held)) == 1 else "these reps"
        return _plan(
            rules,
            # "Next session": a second entry the same day is the same session, which the lifter logging
            # 15, then 16, then 20 in one sitting read as the coach never moving on.
            f"every set at the top of the range: next session once more at {at} with reps to spare "
            "(RPE 8 or less), then load goes on",
            held,
            None,
            None,
        )
    implement = _implement_for(rules, equipment)
    # A multi-directional movement takes load only at the advanced level; before that it levels up.
    levels_first = rules.multi_directional and rules.level != "advanced"
    loads = loadable_loads(implement, equipment) if rules.loadable and not levels_first else ()
    light = _light_first_load(rules, equipment) if loads and implement == "barbell" else None
    # The first load starts at the TOP of the range, not its bottom: the lifter has just done every set
    # at the top or past it with reps to spare, and the first load is the lightest the kit makes, a small
    # addition to bodyweight. Back to the bottom (10 reps after 20) would halve the work for a load that
    # barely changes it; from the top, the next step is the usual one (all sets at the top: more load,
    # back to the bottom), so the drop in reps comes with a real load.
    did = _reps_done(done, base)
    if light is not None and light < loads[0]:
        return _plan(
            rules,
            f"{did} with reps to spare: add load, a {_fmt(light)} {equipment.unit} dumbbell on your hips,"
            f" at {top} reps (the top of the range)",
            [top] * base,
            light,
            equipment.unit,
        )
    if loads:
        first = loads[0]
        bar = implement == "barbell" and not rules.kit_guessed  # an own lift's bar is only a guess
        what = "the empty bar" if bar else f"{_fmt(first)} {equipment.unit}"
        return _plan(
            rules,
            f"{did} with reps to spare: add load, {what}, at {top} reps (the top of the range)",
            [top] * base,
            first,
            equipment.unit,
        )
    if rules.level == LEVELS[-1]:
        return _past_the_levels(rules, done, max(base, ref.count))
    return _plan(
        rules,
        "two sessions at the top with reps to spare: level up?",
        [top] * base,
        None,
        None,
        level_up_offer=True,
    )


def _reps_done(done: list[_Done], base: int) -> str:
    """The two sessions `_top_twice` passed, as they were done: "two sessions at 20 reps", "two sessions
    at 20, then 25 reps" (a session whose sets differed: "16–20"), not the top of the range they beat."""

    def reps(d: _Done) -> str:
        lo, hi = min(d.reps[:base]), max(d.reps[:base])
        return f"{lo}" if lo == hi else f"{lo}–{hi}"

    first, last = (reps(d) for d in [d for d in done if d.count >= base][-2:])
    return f"two sessions at {first} reps" if first == last else f"two sessions at {first}, then {last} reps"


def _light_first_load(rules: ExerciseRules, equipment: Equipment) -> float | None:
    """The first load a bodyweight lift takes on the hips where the library allows a dumbbell or plate:
    the kit's lightest dumbbell of at least ``FIRST_LOAD_KG`` (a 1 kg dumbbell is no step worth a
    session), else its lightest; None when the lift has no such step or the kit no dumbbells."""
    if not rules.light_first:
        return None
    dumbbells = loadable_loads("dumbbell", equipment)
    enough = [x for x in dumbbells if to_kg(x, equipment.unit) >= FIRST_LOAD_KG - 0.05]
    return (enough or list(dumbbells) or [None])[0]


def _past_the_levels(rules: ExerciseRules, done: list[_Done], have: int) -> Prescription:
    """Every set at the top with reps to spare, at the top level, and nothing to load it with (a
    bodyweight bridge, no kit listed): "level up?" has nowhere to go, so one variable at a time as
    coaching-facts §5 says: a set more (up to the most, `_most_own_sets`), each
    count twice at the top first; then the harder variation the library names; else a slower lowering."""
    top = rules.rep_range[1]
    if not _top_twice(done, have, top):
        return _plan(
            rules, f"once more at {have} × {top} with reps to spare (RPE 8 or less)", [top] * have, None, None
        )
    return _more_sets(
        rules, have, f"{have} × {top} with reps to spare twice and no load to add (/equipment)", done=done
    )


def _more_sets(
    rules: ExerciseRules,
    have: int,
    why: str,
    load: float | None = None,
    unit: Unit | None = None,
    done: list[_Done] | None = None,
    reps: list[int] | None = None,
    did: int = 0,  # the sets done, when more than ``have``: said, as the target has fewer
) -> Prescription:
    """At the top of the range with no heavier load to take (``why`` says which), from ``reps`` done
    (the top on each of ``have`` sets unless said; never fewer): one more set, up to the most
    (`_most_own_sets`, the set count kept over a load step too); then, with a load, one more rep a set up to ``MORE_REPS`` past the top;
    then the harder variation the library names; else a slower lowering, once: a ceiling held again
    (``done``) is counted and sent to /equipment, not told the same tempo forever. A ballistic lift (a
    swing) gets neither more reps nor tempo advice: its speed is the point, so at the most sets it keeps
    them crisp until a heavier bell is listed."""
    bottom, top = rules.rep_range
    held = list(reps) if reps else [top] * have

    def sets(rs: list[int]) -> str:
        return f"{len(rs)} × {rs[0]}" if len(set(rs)) == 1 else ", ".join(map(str, rs))

    if have < _most_own_sets(rules):
        more = [*held, held[-1]]
        return _plan(rules, f"{why}: one more set, {sets(more)}", more, load, unit)
    cap = max(top + MORE_REPS, *held)
    # The sets done past the most are said, so the target's fewer sets read as meant, not lost.
    fewer = f" {have} sets (not {did}) with" if did > have else ""
    if load is not None and not rules.ballistic and min(held) < cap:
        more = [min(cap, r + 1) for r in held]
        return _plan(
            rules,
            f"{why}: {have} sets is the most, so{fewer} one more rep on each set below {cap}",
            more,
            load,
            unit,
        )
    if rules.harder:
        return Prescription(
            rules.exercise,
            tuple(PlannedSet(bottom) for _ in range(rules.sets)),
            f"{why}: move on to the harder single-leg variation, back at the bottom of its range",
            swap_to=rules.harder,
        )
    if rules.ballistic:
        return _plan(
            rules,
            f"{why}: keep {sets(held)} with every rep fast and crisp; a heavier load is the next step",
            held,
            load,
            unit,
        )
    # Sessions in a row at this ceiling: the one that reached it gets the tempo advice (two for
    # bodyweight work, whose ceiling needs two easy sessions); later ones are counted instead.
    ceiling = min(held)
    streak = 0
    for d in reversed(done or []):
        if not _same(d.load, load) or d.count < have or min(d.reps[:have]) < ceiling:
            break
        streak += 1
    if streak > (2 if load is None else 1):
        heavier = "a heavier load" if load is not None else "a load"
        return _plan(
            rules,
            f"{why}: {streak} sessions at {sets(held)}, the most this load asks for; {heavier} is the"
            " next step (list it in /equipment)",
            held,
            load,
            unit,
        )
    return _plan(
        rules, f"{why}: same {sets(held)}, lowering slowly (3 seconds) on every rep", held, load, unit
    )


def _band_target(rules: ExerciseRules, done: list[_Done], equipment: Equipment) -> Prescription:
    bottom, top = rules.rep_range
    start = rules.start_band if rules.start_band in BANDS else BANDS[0]
    # The last position and strength used anywhere in the history: a walk logged without a band
    # continues where the band last was.
    if rules.band_unnamed and "walk" not in rules.exercise:
        return _own_band_target(rules, done, equipment)
    band = next((d.band for d in reversed(done) if d.band in BANDS), None)
    if band is None and rules.band_unnamed:
        return _reps_only(rules, done, equipment)
    band = band or start
    resistance = next((d.resistance for d in reversed(done) if d.resistance), None)

    def plan(reason: str, reps: list[int], pos: str, res: str | None, **flags: object) -> Prescription:
        sets = tuple(PlannedSet(r, None, None, pos, res) for r in reps)
        return Prescription(rules.exercise, sets, reason, **flags)  # type: ignore[arg-type]

    if not done:
        return plan(
            f"start with the band at the {band}: {bottom} steps each way",
            [bottom] * rules.sets,
            band,
            resistance,
        )
    base = _base_sets(done, rules)
    ref = _reference(done, base)
    if ref.count < base:
        return plan(
            f"band stays at the {band}: finish all {base} sets first",
            _fill(ref.reps, base, top),
            band,
            resistance,
        )
    if not all(r >= top for r in ref.reps[:base]):
        return plan(
            f"band stays at the {band}: one more step each way on sets below {top}",
            _plus_one(ref.reps, base, bottom, top),
            band,
            resistance,
        )
    harder = next_band(band)
    if harder:
        return plan(
            f"all sets hit {top} steps: band from the {band} to the {harder}, back to {bottom} steps",
            [bottom] * base,
            harder,
            resistance,
        )
    strengths = equipment.bands
    i = strengths.index(resistance) if resistance in strengths else 0  # unknown: the lightest
    if i + 1 < len(strengths):
        stronger = strengths[i + 1]
        return plan(
            f"top of the range at the feet: a stronger band ({stronger}), back at the knees and {bottom} steps",
            [bottom] * base,
            BANDS[0],
            stronger,
        )
    return Prescription(
        rules.exercise,
        tuple(PlannedSet(bottom) for _ in range(base)),
        f"the strongest band at the feet is easy now: move on to loaded {rules.abduction_exercise.replace('_', ' ')}",
        swap_to=rules.abduction_exercise,
    )


def _own_band_target(rules: ExerciseRules, done: list[_Done], equipment: Equipment) -> Prescription:
    """The user's own activation exercise, no walk (a fire hydrant, a clamshell): with the band the last
    session used (its position and strength as logged, either alone), reps up the range with that band kept, then a stronger band or a harder spot for it,
    said in neutral words (no walk's steps, no position the coach cannot know is harder); with none,
    reps only (`_reps_only`)."""
    last = done[-1] if done else None
    if last is None or (last.band not in BANDS and not last.resistance):
        return _reps_only(rules, done, equipment)
    bottom, top = rules.rep_range
    # As logged: a band strength with no position ("2x15 medium band") keeps none.
    band = last.band if last.band in BANDS else None
    resistance = last.resistance
    base = _base_sets(done, rules)
    ref = _reference(done, base)

    def plan(reason: str, reps: list[int], res: str | None) -> Prescription:
        sets = tuple(PlannedSet(r, None, None, band, res) for r in reps)
        return Prescription(rules.exercise, sets, reason, each_side=last.sided, band_reps=True)

    if ref.count < base:
        return plan(f"same band: finish all {base} sets first", _fill(ref.reps, base, top), resistance)
    if not all(r >= top for r in ref.reps[:base]):
        return plan(
            f"same band: one more rep on each set below {top}",
            _plus_one(ref.reps, base, bottom, top),
            resistance,
        )
    strengths = equipment.bands
    i = strengths.index(resistance) if resistance in strengths else -1
    if 0 <= i < len(strengths) - 1:
        stronger = strengths[i + 1]
        why = f"all sets at the top of the range ({top}): a stronger band ({stronger}), back to {bottom} reps"
        return plan(why, [bottom] * base, stronger)
    why = f"all sets at the top of the range ({top}): a stronger band or a harder spot for it, back to {bottom} reps"
    return plan(why, [bottom] * base, resistance)


def _reps_only(rules: ExerciseRules, done: list[_Done], equipment: Equipment) -> Prescription:
    """The user's own activation exercise with no band ever logged on it: reps up the range, then (at
    the top with reps to spare) a set more or a slower lowering, as any work with no load to add."""
    if not done:
        return _start(rules, equipment)
    base = _base_sets(done, rules)
    ref = _reference(done, base)
    if ref.count < base or not all(r >= rules.rep_range[1] for r in ref.reps[:base]):
        return _unloaded(rules, done, base, equipment)
    return _past_the_levels(rules, done, max(base, ref.count))


def band_logged(
    history: list[Entry], position: str | None, resistance: str | None, start: str, bands: tuple[str, ...]
) -> tuple[str, str | None]:
    """The band position and strength to store for band work logged as ``position``/``resistance``
    (None: not said).

    Unsaid, the position is where the band last was (``start``, the level's position, the first time),
    so the progression does not restart; a band of another strength than the last one named (an unnamed
    band is the lightest of ``bands``) starts at the knees, where every new band starts after the feet.
    A strength is stored only as said: the targets read the last one named from the history, and a
    strength the user never typed is not theirs to see on the card (a repeat, "same", says it again).
    The one exception: back at the knees straight from the feet with no band said, it is the new band
    the target prescribed ("band at the knees (medium band)"), the next stronger one."""
    sets = [s for e in sorted(history, key=lambda e: (e.at, e.id)) for s in e.sets]
    named = next((s.resistance for s in reversed(sets) if s.resistance), None)
    last = next((s.band for s in reversed(sets) if s.band in BANDS), None)
    if position:
        if not resistance and position == BANDS[0] and last == BANDS[-1]:
            current = named or (bands[0] if bands else None)
            i = bands.index(current) if current in bands else -1
            if 0 <= i < len(bands) - 1:
                return position, bands[i + 1]
        return position, resistance
    if last is None:
        return start, resistance
    if resistance and resistance != (named or (bands[0] if bands else None)):
        return BANDS[0], resistance
    return last, resistance


# --------------------------------------------------------------------------- 1RM and records


def e1rm(load: float | None, reps: int) -> float | None:
    """Epley (load × (1 + reps/30)) for 1–12 reps on a load; a single's estimate is its load.
    None where the estimate means nothing (bodyweight, 0 reps, more than 12 reps)."""
    if load is None or load <= 0 or not 1 <= reps <= 12:
        return None
    return float(load) if reps == 1 else load * (1 + reps / 30)


def _no_e1rm(exercise: str, rules: ExerciseRules | None) -> bool:
    if rules is not None:
        # Single-leg work (a split squat with 4 kg dumbbells) is mostly bodyweight and balance: a 1RM
        # from the dumbbells alone would be a meaningless "5.6 kg".
        return rules.ballistic or rules.band_work or rules.unilateral
    return "swing" in exercise


def set_e1rm(s: LoggedSet, exercise: str = "", rules: ExerciseRules | None = None) -> float | None:
    """Estimated 1RM in kg of a WORKING set on a loaded lift (never swings, bands, warm-ups); a pair of
    dumbbells counts both hands (2 × 12 kg lifts 24 kg)."""
    if s.kind is not SetKind.WORKING or s.band or _no_e1rm(exercise, rules):
        return None
    load = s.load_kg
    return e1rm(None if load is None else load * max(1, s.implements), s.reps)


@dataclass(frozen=True)
class Records:
    heaviest_kg: float | None
    best_e1rm_kg: float | None
    most_total_reps: int | None  # unloaded work
    sessions: int


def _work(entry: Entry) -> list[LoggedSet]:
    return [s for s in entry.working if s.reps > 0]


def records(history: list[Entry], rules: ExerciseRules | None = None) -> Records:
    """Heaviest load and best estimated 1RM (kg) over WORKING sets only; most total reps for unloaded."""
    heaviest = best = total = None
    count = 0
    for e in history:
        sets = _work(e)
        if not sets or (rules is not None and rules.band_work):
            continue
        count += 1
        for s in sets:
            if s.load_kg:
                heaviest = max(heaviest or 0.0, s.load_in_all_kg or 0.0)
            x = set_e1rm(s, e.exercise, rules)
            if x is not None:
                best = max(best or 0.0, x)
        unloaded = sum(s.reps for s in sets if not s.load_kg)
        if unloaded:
            total = max(total or 0, unloaded)
    return Records(heaviest, best, total, count)


def _best_e1rm(entry: Entry, rules: ExerciseRules | None) -> float | None:
    values = [x for s in _work(entry) if (x := set_e1rm(s, entry.exercise, rules)) is not None]
    return max(values, default=None)


def _top_set(sets: list[LoggedSet]) -> bool:
    """One set heavier than the day's other working sets (120x6, 100x10): a planned heavy top set whose
    few reps are its point, not a collapse below the range."""
    loads = sorted((s.load_in_all_kg or 0.0 for s in sets), reverse=True)
    return len(loads) > 1 and loads[0] > loads[1] + PR_TOLERANCE_KG


def record_way(entry: Entry) -> Held | None:
    """The one dumbbell or kettlebell held in ``entry``'s work (by `done_with`), or None for the lift's
    usual way: records compare like with like, so a 100 kg bar is no record over a 32 kg kettlebell.
    A pair stays with the single load, judged in all (a 22 kg bar after 2 × 12 kg is no heavier load)."""
    way = done_with(entry)
    return way if isinstance(way, Held) else None


def held_so(entry: Entry, held: Held | None) -> Entry:
    """``entry`` with only its sets done with ``held`` (None: the lift's usual way or a pair)."""
    if all(s.held == held for s in entry.sets):
        return entry  # the usual case: no copy
    return replace(entry, sets=tuple(s for s in entry.sets if s.held == held))


def is_pr(history_before: list[Entry], entry: Entry, rules: ExerciseRules | None = None) -> list[str]:
    """The records ``entry`` sets against earlier entries of the same exercise (working sets only),
    done the same way (`record_way`): a barbell day against barbell days, a kettlebell day against
    kettlebell days.

    A session that went backwards on everything but load (reps below the range, or an estimated 1RM
    more than 10% under the previous session's) sets none: a heavier bar lifted badly is no record. One
    set a rep under the range on a day whose estimated 1RM beats the previous session's can.
    Straight low-rep sets (a single, 3x3) are a planned heavier day, not a collapse: they can.
    """
    held = record_way(entry)
    entry = held_so(entry, held)
    sets = _work(entry)
    if not sets or (rules is not None and rules.band_work):
        return []
    before = [so for e in history_before if e.exercise == entry.exercise and _work(so := held_so(e, held))]
    if not before:
        return []
    # Straight low-rep sets (1x1, 3x3) are a planned strength scheme, not a collapse below the range.
    straight = len({s.reps for s in sets}) == 1 and sets[0].reps <= STRENGTH_REPS
    now_best = _best_e1rm(entry, rules)
    prev_best = _best_e1rm(before[-1], rules)
    if rules is not None and not straight and not _top_set(sets):
        below = [s.reps for s in sets if s.load_kg and s.reps < rules.rep_range[0]]
        # One set a rep under the range on a day whose estimated 1RM beats the last one's (10, 8, 7 at a
        # new 110 kg after 10, 9, 8 at 107.5) is a heavier load lifted, not a collapse: it can set records.
        gained = now_best is not None and prev_best is not None and now_best > prev_best + PR_TOLERANCE_KG
        if below and not (gained and below == [rules.rep_range[0] - 1]):
            return []
    if not straight and now_best is not None and prev_best is not None and now_best < prev_best * 0.9:
        return []
    old = records(before, rules)
    flags: list[str] = []
    # In all, both hands of a pair: 20 kg after a pair of 12 kg dumbbells (24 kg) is no heavier load.
    heaviest = max((s.load_in_all_kg for s in sets if s.load_in_all_kg), default=None)
    # Compared in kg with a tolerance: 80 lb logged again as 36.29 kg is the same load, not a record.
    if heaviest is not None and old.heaviest_kg is not None and heaviest > old.heaviest_kg + PR_TOLERANCE_KG:
        flags.append("heaviest load")
    if (
        now_best is not None
        and old.best_e1rm_kg is not None
        and now_best > old.best_e1rm_kg + PR_TOLERANCE_KG
    ):
        flags.append("best estimated 1RM")
    if heaviest is not None:
        # Best set at today's top load against every earlier working set at that load (either unit).
        top_reps = max(s.reps for s in sets if s.load_kg and abs((s.load_in_all_kg or 0.0) - heaviest) < 0.1)
        earlier = [
            s.reps
            for e in before
            for s in _work(e)
            if s.load_kg and abs((s.load_in_all_kg or 0.0) - heaviest) < 0.1
        ]
        if earlier and top_reps > max(earlier):
            flags.append("most reps at this load")
    unloaded = sum(s.reps for s in sets if not s.load_kg)
    if unloaded and old.most_total_reps is not None and unloaded > old.most_total_reps:
        flags.append("most total reps")
    return flags

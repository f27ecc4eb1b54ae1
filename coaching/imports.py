"""Training history from the apps people leave: Strong (legacy and current CSV), Hevy, and our own /export.

Pure: bytes in, `ParsedImport` out (no storage, no library). The format is recognised by the header;
columns are read by name, so extra or reordered columns do not matter. Times without a zone are read
in the user's timezone (``zone``); our own export's ``date_utc`` is UTC.

Each workout's exercise becomes one `ImportedExercise` (its sets in order, kinds kept: warm-up and drop
sets stay what they were; Hevy's failure sets are working sets at RPE 10). Its ``source`` is the dedupe
key ``<app>|<workout start, ISO UTC>|<exercise name>``: the same workout in a later export of the same app
gets the same key, so importing it again adds nothing. An exercise done again later in the same workout
is a block of its own (its key ends ``|#2``). Inside one block a set index seen twice (a workout's rows
pasted again after another workout's) is kept once. Our own export's key is its entry's time, exercise and
sets (`coach_key`): only an entry the log really holds is left out. One of its entries that the log holds
with other sets (a rep corrected in a spreadsheet), another note, at another time or of another exercise
(its entry_id names it) is told apart by `changed_entries`, never added again.

A row that cannot be read is reported by its line number and skipped whole; cardio and timed rows (no
reps) are counted, not imported. Bounded: `MAX_BYTES` and `MAX_ROWS`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from dateutil import parser as date_parser

from domain.levels import CATEGORIES
from domain.text import visible_text
from domain.training import Entry, Held, LoggedSet, SetKind, Side, group_sessions
from domain.units import Unit

__all__ = [
    "ALIASES",
    "APP_EQUIPMENT",
    "MAX_BYTES",
    "MAX_ROWS",
    "OTHER_REASONS",
    "ImportError_",
    "ImportFormat",
    "Changed",
    "ImportSummary",
    "ImportedExercise",
    "SkipReason",
    "LogIndex",
    "ParsedImport",
    "RowProblem",
    "changed_entries",
    "coach_key",
    "detect_format",
    "equipment_of",
    "log_index",
    "numbered_keys",
    "parse_export",
    "read_summary",
    "strip_equipment",
    "with_held",
    "with_pairs",
]

# A 5-year history is about 30,000 sets (~5 MB from Hevy); anything far past that is not an export.
MAX_BYTES = 12 * 1024 * 1024
MAX_ROWS = 100_000
# The first problems are enough to act on; a file of bad rows must not make a reply of thousands.
MAX_PROBLEMS_KEPT = 200
OTHER_REASONS = "other reasons"  # the skipped rows past MAX_PROBLEMS_KEPT kinds of reason


FUTURE_SLACK = timedelta(minutes=10)  # a clock a little fast is not the future; /log refuses the rest


@dataclass(frozen=True)
class _Bounds:
    """What /log takes of a set and a date, read from /log's grammar (coaching/logparse.py) so an
    imported row is held to exactly what a typed line is."""

    max_reps: int
    max_load: dict[str, float]
    rpe: tuple[float, float]
    rir: tuple[int, int]
    earliest: date

    @classmethod
    def of_log(cls) -> _Bounds:
        # Imported here, not at the top: coaching.logparse imports this module (APP_EQUIPMENT).
        from coaching import logparse

        return cls(
            logparse.MAX_REPS, logparse.MAX_LOAD, logparse.RPE_RANGE, logparse.RIR_RANGE, logparse.EARLIEST
        )

    def problem(self, s: LoggedSet) -> str | None:
        """Why /log would refuse this set, or None."""
        if s.reps > self.max_reps:
            return f"reps {s.reps} is more than /log takes (1 to {self.max_reps})"
        if s.load is not None:
            unit = s.unit or max(self.max_load, key=self.max_load.__getitem__)  # unit not said yet
            if s.load > self.max_load[unit]:
                return f"weight {s.load:g} {unit} is more than /log takes (at most {self.max_load[unit]:g} {unit})"
        low, high = self.rpe
        if s.rpe is not None and not low <= s.rpe <= high:
            return f"RPE {s.rpe:g} is outside /log's {low:g} to {high:g}"
        least, most = self.rir
        if s.rir is not None and not least <= s.rir <= most:
            return f"RIR {s.rir} is outside /log's {least} to {most}"
        return None


class ImportFormat(StrEnum):
    STRONG_LEGACY = "strong-legacy"  # semicolons, a Weight Unit column
    STRONG = "strong"  # commas, a Duration column, no unit column (the user says kg or lb)
    HEVY = "hevy"
    COACH = "coach"  # our own /export

    @property
    def app(self) -> str:
        """The app in the dedupe key: both Strong exports are one app (a newer export dedupes an older)."""
        return "strong" if self is ImportFormat.STRONG_LEGACY else self.value

    @property
    def title(self) -> str:
        return {
            ImportFormat.STRONG_LEGACY: "Strong (older format)",
            ImportFormat.STRONG: "Strong",
            ImportFormat.HEVY: "Hevy",
            ImportFormat.COACH: "This coach's",  # "*This coach's* export …"
        }[self]


class ImportError_(ValueError):  # noqa: N801 - ImportError is a builtin
    """The file as a whole cannot be imported; the message is for the user."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str


@dataclass(frozen=True)
class SkipReason:
    """One reason rows were skipped: how many, and the first of them (the file's line)."""

    reason: str
    line: int
    rows: int


@dataclass(frozen=True)
class ImportedExercise:
    """One exercise of one workout: its sets in the app's order."""

    name: str  # as the app calls it ("Hip Thrust (Barbell)"), or our exercise id for our own export
    at: datetime  # aware UTC: the workout start (plus the exercise's place in it, in seconds)
    sets: tuple[LoggedSet, ...]
    source: str  # "<app>|<workout start ISO UTC>|<name>"
    note: str = ""
    workout: str = ""
    shown: str = ""  # our own export: the name the user saw (its ``exercise`` column), else ""
    category: str = ""  # our own export: the exercise's kind (its ``exercise_category`` column), else ""
    entry: int = 0  # our own export: the entry's number in the log it came from (``entry_id``), else 0


@dataclass(frozen=True)
class ParsedImport:
    format: ImportFormat
    exercises: tuple[ImportedExercise, ...]
    problems: tuple[RowProblem, ...] = ()
    problem_count: int = 0  # all of them; ``problems`` keeps the first MAX_PROBLEMS_KEPT
    reasons: tuple[SkipReason, ...] = ()  # the rows of all problems by reason (MAX_PROBLEMS_KEPT kinds)
    rows: int = 0
    not_strength: int = 0  # cardio / timed rows (no reps), not imported
    needs_unit: bool = False  # Strong's current export: loads are numbers without a unit
    notes: bool = True  # the file has a note column (an export before it says nothing of notes)

    @property
    def set_count(self) -> int:
        return sum(len(e.sets) for e in self.exercises)

    def names(self) -> dict[str, int]:
        """Each exercise name with its number of sets, most sets first (ties: first seen first)."""
        counts: dict[str, int] = {}
        for exercise in self.exercises:
            counts[exercise.name] = counts.get(exercise.name, 0) + len(exercise.sets)
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]))

    def shown_names(self) -> dict[str, str]:
        """Each exercise name (an id, in our own export) with the name the user saw, where it differs."""
        return {e.name: e.shown for e in self.exercises if e.shown and e.shown != e.name}

    def categories(self) -> dict[str, str]:
        """Each exercise name (an id, in our own export) with the kind the export gave it, where it did."""
        return {e.name: e.category for e in self.exercises if e.category}

    @property
    def first_at(self) -> datetime | None:
        return min((e.at for e in self.exercises), default=None)

    @property
    def last_at(self) -> datetime | None:
        return max((e.at for e in self.exercises), default=None)


@dataclass(frozen=True)
class ImportSummary:
    """What a preview shows of an import: small, so a worker hands it back cheaply (unpickling a whole
    30,000-set `ParsedImport` takes ~0.3 s, on whichever thread receives it)."""

    format: ImportFormat
    names: dict[str, int]  # see `ParsedImport.names`
    set_count: int
    workouts: int
    first_at: datetime | None
    last_at: datetime | None
    problems: tuple[RowProblem, ...]
    problem_count: int
    reasons: tuple[SkipReason, ...]
    not_strength: int
    needs_unit: bool
    shown: dict[str, str] = field(default_factory=dict)  # see `ParsedImport.shown_names`
    categories: dict[str, str] = field(default_factory=dict)  # see `ParsedImport.categories`
    # Our own export's entries the log holds otherwise: stored entry id → how (`changed_entries`)
    changed: dict[int, Changed] = field(default_factory=dict)

    @classmethod
    def of(cls, parsed: ParsedImport, changed: dict[int, Changed] | None = None) -> ImportSummary:
        return cls(
            format=parsed.format,
            names=parsed.names(),
            set_count=parsed.set_count,
            workouts=_sessions(parsed.exercises),
            first_at=parsed.first_at,
            last_at=parsed.last_at,
            problems=parsed.problems,
            problem_count=parsed.problem_count,
            reasons=parsed.reasons,
            not_strength=parsed.not_strength,
            needs_unit=parsed.needs_unit,
            shown=parsed.shown_names(),
            categories=parsed.categories(),
            changed=changed or {},
        )


def _sessions(exercises: tuple[ImportedExercise, ...]) -> int:
    """The workouts as /history will show them: grouped into sessions by time (`group_sessions`), not
    by the file's workouts (our own export's rows each carry their entry's time)."""
    return len(group_sessions([Entry(e.name, e.sets, e.at) for e in exercises]))


def read_summary(
    data: bytes,
    zone: tzinfo,
    unit: Unit | None = None,
    now: datetime | None = None,
    seen: frozenset[str] = frozenset(),
    log: LogIndex | None = None,
) -> ImportSummary:
    """`parse_export` reduced to its `ImportSummary` (run in a worker); ``seen`` and ``log``: what the
    log holds, for `changed_entries`."""
    parsed = parse_export(data, zone, unit, now)
    changed = changed_entries(parsed, seen, log or {})
    return ImportSummary.of(parsed, {c.entry: c for c in changed.values()})


# (time to the second, exercise id) → each stored entry there: its id, the keys our own export's rows of
# it get (`coach_key`, as stored and as written), and its note
LogIndex = dict[tuple[str, str], list[tuple[int, frozenset[str], str]]]


def log_index(entries: Iterable[tuple[Entry, frozenset[str]]]) -> LogIndex:
    """The `LogIndex` of the log's entries, each with its keys."""
    index: LogIndex = {}
    for entry, keys in entries:
        index.setdefault((_key_time(entry.at), entry.exercise), []).append((entry.id, keys, entry.note))
    return index


@dataclass(frozen=True)
class Changed:
    """A stored entry our own export holds otherwise: the file's entry, and what of it differs."""

    entry: int  # the stored entry's id
    file: ImportedExercise
    sets: bool  # other sets (as the export writes them: a light set as a warm-up is the same)
    note: bool  # another note
    moved: bool  # at another time (the file's entry_id names it)
    # of another exercise at its second (the entry_id names it); the entry keeps its own, as /edit does
    exercise: bool = False

    @property
    def updatable(self) -> bool:
        """Has it anything "Accept, update" puts in place? Not its exercise: one only renamed has not."""
        return self.sets or self.note or self.moved


def _holds(keys: frozenset[str], key: str) -> bool:
    """Is ``key`` (`coach_key`, occurrence 0) among ``keys``, numbered or not?"""
    return key in keys or any(k.startswith(key + "|") for k in keys)


def changed_entries(
    parsed: ParsedImport, seen: frozenset[str] | set[str], log: LogIndex
) -> dict[str, Changed]:
    """Our own export's entries that the log holds otherwise: each one's ``source`` → how. With other
    sets (a rep corrected in a spreadsheet, or the entry edited since the export): the stored entry is at
    the same second, of the same exercise, and not in the file as it is; of several such, the one the
    file's ``entry_id`` names (none named: which one is not known, and the file's is added as new). With
    another note: the same sets at the same second (the key leaves notes out). Moved: its time changed in
    the file, the ``entry_id`` naming a stored entry of that exercise at another time, not in the file as
    it is, in a file exported from this log (another of its entries is where its entry_id says: another
    account's export numbers its own entries, and a hip thrust #1 there is not this log's #1). Renamed:
    its exercise changed in the file (hip_thrust made glute_bridge), the ``entry_id`` naming a stored
    entry of another exercise at that same second, not in the file as it is, in a file from this log; it
    keeps its exercise, as /edit does; in a one-entry export (nothing else to vouch for the file) when its
    sets are the stored entry's too. Only our own export: the apps' rows are keyed by their workout,
    not by sets."""
    if parsed.format is not ImportFormat.COACH:
        return {}
    in_file = {e.source for e in parsed.exercises}
    by_id = {i: (time, name, keys, note) for (time, name), held in log.items() for i, keys, note in held}
    # A file exported from this log: one of its entries is where its entry_id says (for "moved")
    ours = any(by_id[e.entry][:2] == (_key_time(e.at), e.name) for e in parsed.exercises if e.entry in by_id)
    taken: set[int] = set()
    found: dict[str, Changed] = {}

    def differs(note: str, file: ImportedExercise) -> bool:
        # the stored note as the export writes it and this reads it back
        return parsed.notes and _text(note)[:500] != file.note

    for e in parsed.exercises:
        at = _key_time(e.at)
        if e.source in seen:
            held = [(i, n) for i, keys, n in log.get((at, e.name), []) if e.source in keys and i not in taken]
            same = [(i, n) for i, n in held if i == e.entry] or held
            if same and differs(same[0][1], e):
                found[e.source] = Changed(same[0][0], e, sets=False, note=True, moved=False)
                taken.add(same[0][0])
            continue
        here = [
            i
            for i, keys, _ in log.get((at, e.name), [])
            if i not in taken and not keys & in_file  # an entry the file holds as it is is that row's
        ]
        pick = e.entry if e.entry in here else here[0] if len(here) == 1 else None
        if pick is not None:
            found[e.source] = Changed(pick, e, sets=True, note=differs(by_id[pick][3], e), moved=False)
            taken.add(pick)
            continue
        named = by_id.get(e.entry)
        if named is None or e.entry in taken:
            continue
        stored_at, name, keys, note = named
        moved = name == e.name and stored_at != at
        renamed = name != e.name and stored_at == at
        if keys & in_file or not (moved or renamed):
            continue  # the entry is in the file as it is, or only the entry_id is left to name it
        # Its sets are the log's when they give the key they would at its time, of its exercise.
        same = _holds(keys, coach_key(datetime.fromisoformat(stored_at), name, e.sets))
        if not ours and not (renamed and same):
            # No other entry vouches for the file (a one-entry export): a renamed one still is this
            # log's when its entry_id, second and sets all match; only a moved one needs the vouching.
            continue
        found[e.source] = Changed(
            e.entry, e, sets=not same, note=differs(note, e), moved=moved, exercise=renamed
        )
        taken.add(e.entry)
    return found


# Common names in Strong's and Hevy's exercise lists that the library knows under another name.
ALIASES: dict[str, str] = {
    "hip thrust (barbell)": "hip_thrust",
    "hip thrust (machine)": "hip_thrust",
    "hip thrust (smith machine)": "hip_thrust",
    "glute bridge (barbell)": "glute_bridge",
    "single leg hip thrust": "single_leg_hip_thrust",
    "romanian deadlift (barbell)": "romanian_deadlift",
    "romanian deadlift (dumbbell)": "romanian_deadlift",
    "stiff leg deadlift (barbell)": "romanian_deadlift",
    "bulgarian split squat": "bulgarian_split_squat",
    "bulgarian split squat (dumbbell)": "bulgarian_split_squat",
    "split squat (dumbbell)": "bulgarian_split_squat",
    "squat (barbell)": "back_squat",
    "full squat": "back_squat",
    "front squat (barbell)": "front_squat",
    "deadlift (barbell)": "deadlift",
    "lunge (dumbbell)": "forward_lunge",
    "walking lunge (dumbbell)": "forward_lunge",
    "reverse lunge (dumbbell)": "reverse_lunge",
    "lateral lunge": "lateral_lunge",
    "step up (dumbbell)": "step_up",
    "kettlebell swing": "kettlebell_swing",
    "hip abduction (machine)": "hip_abduction",
    "back extension (hyperextension)": "back_extension",
    "back extension (machine)": "back_extension",
    "glute kickback (machine)": "kickback",
    "cable kickback": "cable_hip_extension",
    "cable pull through": "cable_pull_through",
    "frog pumps (dumbbell)": "frog_pump",
    "clamshell": "side_lying_clam",
    "lateral band walk": "sumo_walk",
}

_EQUIPMENT = re.compile(r"\s*\(([^)]*)\)\s*$")

# What Strong and Hevy write in brackets after an exercise's name ("Goblet Squat (Kettlebell)"): /log
# reads such a bracket right after the name as part of it, not as a note (coaching/logparse.py).
APP_EQUIPMENT = frozenset(
    {
        "barbell",
        "dumbbell",
        "kettlebell",
        "machine",
        "cable",
        "band",
        "resistance band",
        "bodyweight",
        "assisted",
        "assisted bodyweight",
        "weighted",
        "weighted bodyweight",
        "smith machine",
        "plate",
        "ez bar",
        "trap bar",
        "landmine",
        "suspension",
    }
)


def strip_equipment(name: str) -> str:
    """ "Hip Thrust (Barbell)" → "Hip Thrust": the apps name the equipment in brackets."""
    return _EQUIPMENT.sub("", name).strip() or name.strip()


def equipment_of(name: str) -> str | None:
    """ "Romanian Deadlift (Dumbbell)" → "dumbbell": the app's equipment in the name's closing
    bracket, lower case (None: no bracket, or one that names no equipment, like "(Paused)")."""
    found = _EQUIPMENT.search(name)
    said = " ".join(found.group(1).casefold().split()) if found else ""
    return said if said in APP_EQUIPMENT else None


def with_pairs(sets: tuple[LoggedSet, ...]) -> tuple[LoggedSet, ...]:
    """The loaded sets as a pair of dumbbells, each set's load per hand (as the apps store a dumbbell
    exercise's weight, and as `/log rdl 3x10 2x12kg` stores it)."""
    return tuple(replace(s, implements=2) if s.load is not None else s for s in sets)


def with_held(sets: tuple[LoggedSet, ...], held: Held) -> tuple[LoggedSet, ...]:
    """The loaded sets of one implement marked as done with one ``held`` dumbbell or kettlebell (on a
    lift usually loaded on a bar), as /log stores "hip thrust 3x10 24kg dumbbell"."""
    return tuple(replace(s, held=held) if s.load is not None and s.implements == 1 else s for s in sets)


# ------------------------------------------------------------------ recognising a file


def hevy_header(unit: str = "kg") -> list[str]:
    """The header line of Hevy's CSV export, its loads in ``unit`` (kg or lb): what the tests' files and
    the import benchmark write (`_REQUIRED` is what this reader needs of it)."""
    weight, distance = ("weight_kg", "distance_km") if unit == "kg" else ("weight_lbs", "distance_miles")
    return [
        "title",
        "start_time",
        "end_time",
        "description",
        "exercise_title",
        "superset_id",
        "exercise_notes",
        "set_index",
        "set_type",
        weight,
        "reps",
        distance,
        "duration_seconds",
        "rpe",
    ]


_REQUIRED: dict[ImportFormat, frozenset[str]] = {
    ImportFormat.STRONG_LEGACY: frozenset(
        {"date", "workout name", "exercise name", "set order", "weight", "weight unit", "reps"}
    ),
    ImportFormat.STRONG: frozenset(
        {"date", "workout name", "duration", "exercise name", "set order", "weight", "reps"}
    ),
    ImportFormat.HEVY: frozenset({"title", "start_time", "exercise_title", "set_index", "set_type", "reps"}),
    ImportFormat.COACH: frozenset({"date_utc", "reps"}),
}


def _header_key(cell: str) -> str:
    return cell.strip().strip('"').strip().lower().replace("-", "_")


def _recognise(header: set[str]) -> ImportFormat | None:
    if _REQUIRED[ImportFormat.STRONG_LEGACY] <= header:
        return ImportFormat.STRONG_LEGACY
    if _REQUIRED[ImportFormat.STRONG] <= header:
        return ImportFormat.STRONG
    if _REQUIRED[ImportFormat.HEVY] <= header and header & {"weight_kg", "weight_lbs"}:
        return ImportFormat.HEVY
    if _REQUIRED[ImportFormat.COACH] <= header and header & {"exercise_id", "exercise"}:
        return ImportFormat.COACH
    return None


# A byte-order mark says the encoding: Excel's "Unicode text" and some phones' exports are UTF-16 with
# one. UTF-32's marks first: UTF-32 LE's begins with UTF-16 LE's.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
UNREADABLE_TEXT = (
    "I can't read the text of this file: its encoding is not one I know. Open it in your spreadsheet "
    "app, save it as CSV UTF-8 (Excel: Save As → CSV UTF-8) and send that file."
)


def decode(data: bytes) -> str:
    """The file's text: by its byte-order mark (UTF-8, UTF-16 or UTF-32), else UTF-8, else Latin-1.

    Raises `ImportError_` (`UNREADABLE_TEXT`) for a file whose mark names an encoding its bytes break."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)  # "utf-16"/"utf-32" read the mark and drop it
            except UnicodeDecodeError:
                raise ImportError_(UNREADABLE_TEXT) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # an older Windows export; never fails


def detect_format(text: str) -> tuple[ImportFormat, str] | None:
    """The format and the delimiter, from the header line; None when no known export has this header."""
    first = text.split("\n", 1)[0].rstrip("\r")
    for delimiter in (";", ",", "\t"):
        try:
            header = next(csv.reader([first], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        found = _recognise({_header_key(c) for c in header})
        if found is not None:
            return found, delimiter
    return None


# ------------------------------------------------------------------ reading cells


class _RowError(ValueError):
    pass


def _clean(value: str | None) -> str:
    text = (value or "").strip()
    # Our /export writes a leading apostrophe before a cell a spreadsheet would run as a formula.
    if text[:2] in ("'=", "'+", "'-", "'@"):
        text = text[1:]
    return text


def _text(value: str | None) -> str:
    """A free-text cell (a note, a workout title, a band): as /log keeps typed text, with no control or
    direction characters (a NUL, U+202E), spaces single (domain/text.py). Exercise names are not read
    through it: a name is the import's dedupe key, and is cleaned where it is kept (handlers/importer.py)."""
    return _clean(visible_text(value or ""))


def _digits(value: str | None) -> str:
    """A numeric cell as /log reads a typed number: full-width and other compatibility digits as
    ASCII ("８０" is 80); what is still not ASCII is no number to /log either."""
    return unicodedata.normalize("NFKC", _clean(value))


def _number(value: str | None, what: str) -> float | None:
    text = _digits(value).replace(",", ".")
    if not text:
        return None
    if not text.isascii():  # float() reads other scripts' digits ("٨٠"); /log does not
        raise _RowError(f"{what} {text[:20]!r} is not a number")
    try:
        number = float(text)
    except ValueError:
        raise _RowError(f"{what} {text[:20]!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        raise _RowError(f"{what} {text[:20]!r} is not a usable number")
    return number


def _whole(value: str | None, what: str) -> int | None:
    number = _number(value, what)
    if number is None:
        return None
    if not number.is_integer():
        raise _RowError(f"{what} {_digits(value)[:20]!r} is not a whole number")
    return int(number)


# Where the apps write a timed or cardio row's seconds or distance (its reps are empty or 0).
_TIMED = ("seconds", "distance", "duration_seconds", "distance_km", "distance_miles")


def _timed(value: str | None) -> bool:
    """The cell holds a time or distance above 0 ("0.0" and text that is no number do not count)."""
    try:
        return float(_digits(value).replace(",", ".") or "0") > 0
    except ValueError:
        return False


def _reps(row: dict[str, str]) -> int | None:
    """The row's reps; None for a cardio or timed row (no reps, or 0 with a time or distance)."""
    reps = _whole(row.get("reps"), "reps")
    if reps == 0 and not any(_timed(row.get(c)) for c in _TIMED):
        raise _RowError("a set with 0 reps")  # a strength row with 0 reps, not cardio
    return reps or None


def _load(value: str | None) -> float | None:
    return _number(value, "weight") or None  # 0 is how the apps write bodyweight


def _rpe(value: str | None) -> float | None:
    return _number(value, "RPE") or None  # 0: not rated


_LOCAL_FORMATS = (
    "%Y-%m-%d %H:%M:%S",  # Strong, older export
    "%Y-%m-%d %I:%M:%S %p",  # Strong, newer export ("2025-07-26 7:06:00 PM")
    "%d %b %Y, %H:%M",  # Hevy ("26 Jul 2025, 07:06")
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
)


class _Times:
    """Reads the apps' workout times; each distinct text is parsed once (a workout repeats it per set)."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self._seen: dict[str, datetime] = {}

    def local(self, value: str | None) -> datetime:
        text = _clean(value)
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = self._parse(text, self.zone)
        return found

    def utc(self, value: str | None) -> datetime:
        text = _clean(value)
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = self._parse(text, UTC)
        return found

    @staticmethod
    def _parse(text: str, zone: tzinfo) -> datetime:
        if not text:
            raise _RowError("the date is missing")
        # Newer Strong exports put a narrow no-break space (U+202F) before AM/PM; some tools lower-case it.
        normal = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split()).upper()
        moment: datetime | None = None
        for form in _LOCAL_FORMATS:
            try:
                moment = datetime.strptime(normal, form)
                break
            except ValueError:
                continue
        if moment is None:
            try:
                moment = date_parser.parse(normal, dayfirst=True)
            except (ValueError, OverflowError):
                raise _RowError(f"the date {text[:30]!r} is not one I can read") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        if not 1970 <= moment.year <= 2100:
            raise _RowError(f"the date {text[:30]!r} is out of range")
        return moment.astimezone(UTC)


def _key_time(at: datetime) -> str:
    """The workout start as the dedupe key writes it: ISO UTC to the second."""
    return at.astimezone(UTC).replace(microsecond=0).isoformat()


def coach_key(at: datetime, exercise: str, sets: tuple[LoggedSet, ...], occurrence: int = 0) -> str:
    """The dedupe key of one entry of our own export: its time, exercise and every set, so only an
    entry the log really holds matches (a log kept on a fixed clock has many entries at one second).
    ``occurrence`` numbers identical entries (the same sets twice at one second): each is its own."""
    content = repr(
        [
            (s.reps, None if s.load is None else round(s.load, 3), s.unit, s.kind.value, s.rpe, s.rir)
            + (s.side.value if s.side else None, s.implements, s.band, s.resistance)
            + ((s.held.value,) if s.held else ())  # only when set: the keys of earlier sets stay theirs
            for s in sets
        ]
    )
    digest = hashlib.blake2b(content.encode(), digest_size=8).hexdigest()
    tail = f"|{occurrence + 1}" if occurrence else ""
    return f"{ImportFormat.COACH.app}|{_key_time(at)}|{exercise}|{digest}{tail}"


def numbered_keys(items: Iterable[tuple[datetime, str, tuple[LoggedSet, ...]]]) -> list[str]:
    """`coach_key` of each (time, exercise, sets) in order, identical ones numbered by occurrence."""
    seen: dict[str, int] = {}
    keys = []
    for at, exercise, sets in items:
        base = coach_key(at, exercise, sets)
        n = seen.get(base, 0)
        seen[base] = n + 1
        keys.append(coach_key(at, exercise, sets, n))
    return keys


# ------------------------------------------------------------------ one row → one set


@dataclass
class _Group:
    name: str
    start: datetime
    workout: str
    order: int  # the exercise's place in its workout
    block: int = 0  # 1 for the exercise's second block in one workout (done again after another), …
    sets: dict[str | int, LoggedSet] = field(default_factory=dict)  # in the file's order
    notes: list[str] = field(default_factory=list)
    at: datetime | None = None  # an exact time (our own export), else start + order seconds
    lines: list[int] = field(default_factory=list)  # the file's line of each set
    shown: str = ""  # see `_Read.shown`
    category: str = ""  # see `_Read.category`
    entry: str = ""  # see `_Read.entry`


def _unpaired(group: _Group) -> str | None:
    """Why the group's sets per side cannot be kept as /log keeps them, or None. /log writes work per
    side as left/right pairs, every set of the entry on a side ("10,9 each side"), and shows, counts
    and coaches them in those pairs. A side done alone (every set on the left) is refused too: kept
    without its side it would come back changed from the next /export (the side gone, a note instead)."""
    sets = list(group.sets.values())
    sides = [s.side for s in sets]
    if not any(sides) or sides == [Side.LEFT, Side.RIGHT] * (len(sets) // 2):
        return None
    if len(set(sides)) == 1 and sides[0] is not None:
        return (
            f"a set on the {sides[0]} side only: /log keeps sides as left/right pairs (like 10,9 each "
            "side); log it with /log, or empty its side cell"
        )
    return "its sets per side do not pair up left then right, as /log keeps them (like 10,9 each side)"


_STRONG_KINDS = {"w": SetKind.WARMUP, "d": SetKind.DROP}
_HEVY_KINDS = {
    "normal": SetKind.WORKING,
    "warmup": SetKind.WARMUP,
    "dropset": SetKind.DROP,
    "failure": SetKind.WORKING,
}
_SIDES = {side.value: side for side in Side}
_HELD = frozenset(h.value for h in Held)
_KINDS = {k.value: k for k in SetKind} | {"warm-up": SetKind.WARMUP, "warm up": SetKind.WARMUP}


def _unit(value: str | None) -> Unit:
    text = _clean(value).lower()
    if text in ("kg", "kgs", "kilograms"):
        return "kg"
    if text in ("lb", "lbs", "pounds"):
        return "lb"
    raise _RowError(f"weight unit {text[:10]!r} is neither kg nor lb")


@dataclass(frozen=True)
class _Read:
    """What one row says: where it belongs and its set (None for a row with no reps)."""

    name: str
    start: datetime
    workout: str
    index: str | int  # the set's key inside its exercise (a set seen twice is kept once)
    set: LoggedSet | None
    note: str = ""
    at: datetime | None = None
    entry: str = ""  # our own export's entry id: rows of one entry group together
    shown: str = ""  # our own export: the exercise's name as the user saw it (matching uses the id)
    category: str = ""  # our own export: the exercise's kind, one of domain.levels.CATEGORIES, else ""


def _strong_order(order: str, seen: dict[str, int]) -> tuple[str, SetKind]:
    """The set's key inside its exercise and its kind: "1", "2" … or "W1", "D1" (a bare W or D is
    numbered by how many came before it)."""
    text = order.strip().upper()
    letter = text[:1]
    if letter in ("W", "D") and ((text[1:].isascii() and text[1:].isdigit()) or len(text) == 1):
        seen[letter] = seen.get(letter, 0) + 1
        return f"{letter}{text[1:] or seen[letter]}", _STRONG_KINDS[letter.lower()]
    try:
        return str(int(float(text))), SetKind.WORKING
    except ValueError:
        raise _RowError(f"set order {order[:10]!r} is not a number, W or D") from None


class _Reader:
    def __init__(self, fmt: ImportFormat, times: _Times, unit: Unit | None, bounds: _Bounds) -> None:
        self.fmt = fmt
        self.times = times
        self.unit = unit
        self.bounds = bounds
        self._marks: dict[tuple[datetime, str], dict[str, int]] = {}

    def read(self, row: dict[str, str]) -> _Read:
        if self.fmt is ImportFormat.HEVY:
            read = self._hevy(row)
        elif self.fmt is ImportFormat.COACH:
            read = self._coach(row)
        else:
            read = self._strong(row)
        why = None if read.set is None else self.bounds.problem(read.set)
        if why is not None:
            raise _RowError(why)
        return read

    def _strong(self, row: dict[str, str]) -> _Read:
        name = _clean(row.get("exercise name"))
        if not name:
            raise _RowError("the exercise name is missing")
        start = self.times.local(row.get("date"))
        index, kind = _strong_order(_digits(row.get("set order")), self._marks.setdefault((start, name), {}))
        reps = _reps(row)
        load = _load(row.get("weight"))
        rpe = _rpe(row.get("rpe"))
        if self.fmt is ImportFormat.STRONG_LEGACY:
            unit: Unit | None = _unit(row.get("weight unit")) if load is not None else None
        else:
            unit = self.unit if load is not None else None
        logged = None if reps is None else LoggedSet(reps, load, unit, kind, rpe=rpe)
        return _Read(name, start, _text(row.get("workout name")), index, logged, _text(row.get("notes")))

    def _hevy(self, row: dict[str, str]) -> _Read:
        name = _clean(row.get("exercise_title"))
        if not name:
            raise _RowError("the exercise title is missing")
        start = self.times.local(row.get("start_time"))
        try:
            index = int(_digits(row.get("set_index")) or "0")
        except ValueError:
            raise _RowError(f"set_index {_digits(row.get('set_index'))[:10]!r} is not a number") from None
        set_type = _clean(row.get("set_type")).lower() or "normal"
        if set_type not in _HEVY_KINDS:
            raise _RowError(f"set_type {set_type[:20]!r} is not warmup, normal, failure or dropset")
        reps = _reps(row)
        if "weight_kg" in row:
            load, unit = _load(row.get("weight_kg")), "kg"
        else:
            load, unit = _load(row.get("weight_lbs")), "lb"
        rpe = _rpe(row.get("rpe"))
        if set_type == "failure" and rpe is None:
            rpe = 10.0  # to failure: nothing left
        logged = (
            None
            if reps is None
            else LoggedSet(reps, load, unit if load is not None else None, _HEVY_KINDS[set_type], rpe=rpe)  # type: ignore[arg-type]
        )
        return _Read(name, start, _text(row.get("title")), index, logged, _text(row.get("exercise_notes")))

    def _coach(self, row: dict[str, str]) -> _Read:
        name = _clean(row.get("exercise_id")) or _clean(row.get("exercise"))
        if not name:
            raise _RowError("the exercise is missing")
        at = self.times.utc(row.get("date_utc"))
        try:
            index = int(_digits(row.get("set_number") or row.get("set")) or "0")
        except ValueError:
            raise _RowError("set_number is not a number") from None
        reps = _reps(row)
        load = _load(row.get("weight") if _clean(row.get("weight")) else row.get("load"))
        unit_text = _clean(row.get("unit")).lower()
        unit: Unit | None = None
        if load is None and _clean(row.get("load_kg")):
            load, unit = _load(row.get("load_kg")), "kg"  # only the kg column was kept
        elif load is not None:
            unit = _unit(unit_text) if unit_text not in ("", "bodyweight") else "kg"
        kind_text = _clean(row.get("kind")).lower()
        if kind_text:
            if kind_text not in _KINDS:
                raise _RowError(f"kind {kind_text[:20]!r} is not a kind of set")
            kind = _KINDS[kind_text]
        else:
            kind = SetKind.ACTIVATION if _clean(row.get("activation")).lower() == "yes" else SetKind.WORKING
        band = _text(row.get("band")) or None
        side_text = _clean(row.get("side")).lower()
        if side_text and side_text not in _SIDES:
            raise _RowError(f"side {side_text[:10]!r} is neither left nor right")
        implements = _whole(row.get("implements"), "implements") or 1
        if implements > 2:
            raise _RowError(f"implements {implements} is not 1 or 2")
        held_text = _clean(row.get("single_implement")).lower()
        if held_text and (held_text not in _HELD or implements != 1):
            raise _RowError(f"single_implement {held_text[:20]!r} is not one dumbbell or kettlebell")
        rir = _whole(row.get("rir"), "RIR")
        logged = (
            None
            if reps is None
            else LoggedSet(
                reps,
                load if load is not None else None,
                unit,
                kind,
                rpe=_rpe(row.get("rpe")),
                rir=rir,
                side=_SIDES.get(side_text),
                implements=implements,
                band=band,
                resistance=_text(row.get("resistance")) or None,
                held=Held(held_text) if held_text else None,  # an export before the column: none
            )
        )
        return _Read(
            name,
            at,
            "",
            index,
            logged,
            _text(row.get("note")),
            at=at,
            entry=_clean(row.get("entry_id")),
            shown=_text(row.get("exercise")),
            category=_category(row.get("exercise_category")),
        )


def _category(value: str | None) -> str:
    """An export's exercise kind; "" for none, or for a word that is no kind (an export before the
    column, or one edited by hand: the exercise is still imported, as an accessory)."""
    text = _clean(value).lower().replace(" ", "_")
    return text if text in CATEGORIES else ""


# ------------------------------------------------------------------ the file


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, dict[str, str] | None, str]]:
    """(line number, row by lower-case header name or None, why not) for every data row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [_header_key(c) for c in next(reader)]
    except (StopIteration, csv.Error):
        return
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, None, f"the row cannot be read as CSV ({exc})"
            continue
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield reader.line_num, None, f"{len(cells)} columns where the header has {len(header)}"
            continue
        yield reader.line_num, dict(zip(header, cells, strict=True)), ""


def parse_export(
    data: bytes, zone: tzinfo, unit: Unit | None = None, now: datetime | None = None
) -> ParsedImport:
    """Read an export. ``zone``: the user's timezone, for times written without one. ``unit``: what
    Strong's current export's loads are in (None: not asked yet; `ParsedImport.needs_unit` says so).
    ``now``: rows dated after it (a day's slack for a wrong timezone) are reported, not imported, as
    /log refuses the future.

    Raises `ImportError_` for a file that is not an export this reads (too large, unknown header).
    """
    if len(data) > MAX_BYTES:
        raise ImportError_(
            f"That file is {len(data) / 1e6:.1f} MB; I read exports up to {MAX_BYTES // (1024 * 1024)} MB."
        )
    text = decode(data)
    found = detect_format(text)
    if found is None and "\x00" in text.split("\n", 1)[0]:
        # No header has a NUL: UTF-16 (or UTF-32) without its byte-order mark, read as one byte a letter.
        raise ImportError_(UNREADABLE_TEXT)
    if found is None:
        raise ImportError_(
            "I don't recognise this file. I read CSV exports from Strong, Hevy and this coach's /export, "
            "with their header line first (e.g. Strong's starts with Date;Workout Name;Exercise Name)."
        )
    fmt, delimiter = found
    bounds = _Bounds.of_log()
    earliest = datetime.combine(bounds.earliest, time(), tzinfo=zone)  # /log's first day, the user's midnight
    reader = _Reader(fmt, _Times(zone), unit, bounds)
    groups: dict[tuple, _Group] = {}
    workouts: dict[datetime, int] = {}  # exercises seen per workout, for each one's place in it
    problems: list[RowProblem] = []
    reasons: dict[str, SkipReason] = {}
    rows = not_strength = 0

    def skip(line: int, why: str, count: int = 1) -> None:
        if len(problems) < MAX_PROBLEMS_KEPT:
            problems.append(RowProblem(line, why))
        known = reasons.get(why)
        if known is not None:
            reasons[why] = replace(known, line=min(known.line, line), rows=known.rows + count)
        elif len(reasons) < MAX_PROBLEMS_KEPT:
            reasons[why] = SkipReason(why, line, count)
        else:  # past that many kinds the rest are one line (a reply must stay a message)
            other = reasons.pop(OTHER_REASONS, SkipReason(OTHER_REASONS, line, 0))
            reasons[OTHER_REASONS] = replace(other, rows=other.rows + count)

    entered: dict[str, int] = {}  # per exercise of the workout being read, its blocks so far
    previous: tuple[datetime | None, str] = (None, "")
    noted = False  # a note column seen
    for line, row, why in _rows(text, delimiter):
        rows += 1
        noted = noted or (row is not None and "note" in row)
        if rows > MAX_ROWS:
            raise ImportError_(f"That file has more than {MAX_ROWS:,} rows; split it by year and send each.")
        read: _Read | None = None
        if row is not None:
            try:
                read = reader.read(row)
            except _RowError as exc:
                why = str(exc)
        if read is not None and now is not None and (read.at or read.start) > now + FUTURE_SLACK:
            why = f"dated {(read.at or read.start).astimezone(zone):%Y-%m-%d %H:%M}, still to come (is /timezone yours?)"
            read = None
        elif read is not None and (read.at or read.start) < earliest:
            day = (read.at or read.start).astimezone(zone).date()
            why = f"dated {day.isoformat()}, before {bounds.earliest.isoformat()}: /log keeps dates from then on"
            read = None
        if read is None:
            skip(line, why)
            continue
        if read.set is None:
            not_strength += 1
            continue
        # An exercise done again later in the workout (hip thrust, glute bridge, hip thrust) is a block
        # of its own, its sets numbered from 1 again. Rows pasted twice run through the workout again
        # (another workout's rows came between): its blocks are counted afresh and match the first run.
        if read.start != previous[0]:
            entered = {}
        if read.start != previous[0] or read.name != previous[1]:
            entered[read.name] = entered.get(read.name, -1) + 1
        previous = (read.start, read.name)
        block = 0 if fmt is ImportFormat.COACH else entered[read.name]
        key = (read.start, read.name, read.entry, block)
        group = groups.get(key)
        if group is None:
            order = workouts.get(read.start, 0)
            workouts[read.start] = order + 1
            group = groups[key] = _Group(
                read.name,
                read.start,
                read.workout,
                order,
                block,
                at=read.at,
                shown=read.shown,
                category=read.category,
                entry=read.entry,
            )
        # A set index seen twice in one exercise (rows pasted twice) is one set.
        if read.index not in group.sets:
            group.sets[read.index] = read.set
            group.lines.append(line)
        if read.note and read.note not in group.notes:
            group.notes.append(read.note)
    for key, group in list(groups.items()):
        why = _unpaired(group)
        if why is not None:  # the whole entry: a half of its pairs alone would be coached wrong
            del groups[key]
            skip(group.lines[0], why, len(group.lines))
    problems.sort(key=lambda p: p.line)
    ordered = sorted(groups.values(), key=lambda g: (g.start, g.order))
    if fmt is ImportFormat.COACH:
        sources = numbered_keys((g.start, g.name, tuple(g.sets.values())) for g in ordered)
    else:
        # The first block keeps the key earlier releases gave it (an older import still dedupes).
        sources = [
            f"{fmt.app}|{_key_time(g.start)}|{g.name}" + (f"|#{g.block + 1}" if g.block else "")
            for g in ordered
        ]
    exercises = tuple(
        ImportedExercise(
            name=g.name,
            at=g.at if g.at is not None else g.start + timedelta(seconds=g.order),
            sets=tuple(g.sets.values()),
            source=source,
            note="; ".join(g.notes)[:500],
            workout=g.workout,
            shown=g.shown,
            category=g.category,
            entry=int(g.entry) if g.entry.isascii() and g.entry.isdigit() else 0,
        )
        for g, source in zip(ordered, sources, strict=True)
    )
    return ParsedImport(
        format=fmt,
        exercises=exercises,
        problems=tuple(problems),
        problem_count=sum(r.rows for r in reasons.values()),
        reasons=tuple(sorted(reasons.values(), key=lambda r: (r.reason == OTHER_REASONS, r.line))),
        rows=rows,
        not_strength=not_strength,
        needs_unit=fmt is ImportFormat.STRONG and unit is None,
        notes=noted,
    )

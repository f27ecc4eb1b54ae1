"""Parse what people type after ``/log``: an exercise, its sets, and optionally load, band and RPE.

Pure and platform-free. The grammar, in short: the exercise name comes first (the leading words), then
items in any order, separated by spaces, commas or semicolons:

- sets: ``3x10``, ``3 x 10``, ``3X10``, ``3×10``, ``3*10``, ``3 sets of 10``, ``3x10 reps``; a list of
  reps per set ``10,10,8`` / ``10/10/8`` / ``10, 10, 8``; ``12 reps`` (one set); or three or more
  plain numbers ``10 10 8`` when they plainly are reps (all within a factor of two of each other);
- weight: ``80kg``, ``80 kg``, ``80.5kg``, ``80,5kg``, ``175lb``/``lbs``/``kgs``; ``@80``, ``@ 80``, ``at 80``
  or ``3x10x80`` or a single plain number such as ``80`` (all in the default unit unless a unit follows);
- band position: ``band=ankles``, ``band ankles``, ``band: feet``, ``band at the knees``;
- band strength (the progression past the feet): ``medium band``, ``band=heavy``, ``light band``,
  ``heavy band at the knees``;
- effort: ``rpe 8``, ``@rpe8``, ``rpe=7.5``.

Anything else after the first item is refused with an error that names the token. Only
:class:`SetParseError` is ever raised; ``str(error)`` is a short sentence that can be shown as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from domain.equipment import BAND_RESISTANCES
from domain.levels import BANDS

__all__ = ["ParsedSets", "SetParseError", "parse_sets", "LOG_FORMS", "MAX_TEXT"]

MAX_TEXT = 200  # characters; longer input is refused rather than scanned
MAX_SETS = 20
MAX_REPS = 100
MAX_WEIGHT = {"kg": 600.0, "lb": 1320.0}

LOG_FORMS: tuple[str, ...] = (
    "hip thrust 3x10 80kg  (sets x reps, then the weight)",
    "hip thrust 80kg 3x10  (weight first works too)",
    "hip thrust 3x10@80  (the weight in your usual unit)",
    "hip thrust 10,10,8 @ 80  (reps of each set; 10/10/8 works too)",
    "hip thrust 3x8 175lb  (kg, kgs, lb or lbs; 80.5kg or 80,5kg)",
    "glute bridge 3x15  (no weight: bodyweight)",
    "sumo walk 2x20 band=ankles  (band at knees, ankles or feet)",
    "sumo walk 2x10 medium band at the knees  (band strength: light, medium or heavy)",
    "hip thrust 3x10 80kg rpe 8  (optional effort, 1-10)",
)

_EXAMPLE = "hip thrust 3x10 80kg"


class SetParseError(ValueError):
    """The text could not be read as sets; ``str(error)`` says what was wrong, in one short sentence."""


@dataclass(frozen=True)
class ParsedSets:
    exercise_text: str  # as typed: stripped and single-spaced, not yet resolved to a library id
    reps: tuple[int, ...]  # one number per set
    weight: float | None  # None = bodyweight
    unit: str | None  # "kg" | "lb"; None exactly when weight is None
    band: str | None  # "knees" | "ankles" | "feet"
    rpe: float | None
    resistance: str | None = None  # band strength: "light" | "medium" | "heavy"


# --- patterns --------------------------------------------------------------------------------------
# ASCII digits only, and a bounded number of them, so int()/float() can never fail or blow up.
_INT = r"[0-9]{1,6}"
_NUM = r"[-+\u2212]?[0-9]{1,6}(?:[.,][0-9]{1,3})?"  # a sign is read so "-80kg" gets a clear refusal
_UNIT = r"kilograms?|kilos?|kgs?|pounds?|lbs?"
_END = r"(?=$|[ ,;@])"  # an item ends at a separator, at "@" or at the end
_FLAGS = re.IGNORECASE

_SETS_X_REPS = re.compile(
    rf"(?P<sets>{_INT})\s*(?:sets?\s*(?:of|x|×|\*)?|[x×*])\s*(?P<reps>{_INT})"
    rf"(?:\s*reps?)?(?:\s*[x×*]\s*(?P<w>{_NUM})(?:\s*(?P<unit>{_UNIT}))?)?{_END}",
    _FLAGS,
)
_REPS_LIST = re.compile(rf"(?P<list>{_INT}(?:\s*[,/]\s*{_INT})+)(?:\s*reps?)?{_END}", _FLAGS)
_ONE_SET = re.compile(rf"(?P<reps>{_INT})\s*reps?{_END}", _FLAGS)
_WEIGHT_UNIT = re.compile(rf"(?P<w>{_NUM})\s*(?P<unit>{_UNIT}){_END}", _FLAGS)
_RPE = re.compile(rf"@?\s*rpe\s*[=:]?\s*(?P<rpe>{_NUM}){_END}", _FLAGS)
_AT_WEIGHT = re.compile(rf"(?:@|at\b)\s*(?P<w>{_NUM})(?:\s*(?P<unit>{_UNIT}))?{_END}", _FLAGS)
_POSITION = r"(?P<band>knees?|ankles?|feet|foot)"
_STRENGTH = "(?P<res>" + "|".join(BAND_RESISTANCES) + ")"
_BAND = re.compile(
    rf"band\s*(?:(?:[=:]\s*|(?:at|on|around)\s+(?:the\s+)?)?{_POSITION}|(?:[=:]\s*)?{_STRENGTH}){_END}",
    _FLAGS,
)
# "medium band", "heavy band at the knees": the band's strength, maybe with its position.
_BAND_STRENGTH = re.compile(
    rf"{_STRENGTH}\s+band(?:\s+(?:at|on|around)\s+(?:the\s+)?{_POSITION})?{_END}", _FLAGS
)
_BAND_LOOSE = re.compile(r"band\b\s*[=:]?\s*(?P<band>[^ ,;@]*)", _FLAGS)
_RPE_LOOSE = re.compile(r"@?\s*rpe\b", _FLAGS)
_BARE_RUN = re.compile(rf"(?P<run>{_INT}(?: {_INT})*){_END}")
_BARE_WEIGHT = re.compile(rf"(?P<w>[-+\u2212]?{_INT}(?:\.[0-9]{{1,3}})?){_END}")

# Tried in this order at each position; the first that matches wins.
_STRONG = (
    ("weight", _WEIGHT_UNIT),
    ("sets", _SETS_X_REPS),
    ("list", _REPS_LIST),
    ("one", _ONE_SET),
    ("rpe", _RPE),
    ("at", _AT_WEIGHT),
    ("strength", _BAND_STRENGTH),
    ("band", _BAND),
)

# Each band position by its name or its singular.
_BAND_NAMES = {band: band for band in BANDS} | {"knee": "knees", "ankle": "ankles", "foot": "feet"}


def _unit_of(word: str | None, default_unit: str) -> str:
    if not word:
        return default_unit
    return "lb" if word.lower().startswith(("lb", "pound")) else "kg"


def _number(text: str) -> float:
    return float(text.replace(",", ".").replace("\u2212", "-"))


def _fmt(value: float) -> str:
    return f"{value:g}"


class _Collected:
    """What the items found so far; each piece may be given once."""

    def __init__(self, default_unit: str) -> None:
        self.default_unit = default_unit
        self.reps: tuple[int, ...] | None = None
        self.weight: float | None = None
        self.unit: str | None = None
        self.band: str | None = None
        self.resistance: str | None = None
        self.rpe: float | None = None

    def set_reps(self, reps: tuple[int, ...]) -> None:
        if self.reps is not None:
            raise SetParseError("The sets are given twice: write them once, like 3x10 or 10,10,8.")
        self.reps = reps

    def set_weight(self, raw: str, unit_word: str | None) -> None:
        if self.weight is not None:
            raise SetParseError("The weight is given twice: write it once, like 80kg.")
        unit = _unit_of(unit_word, self.default_unit)
        value = _number(raw)
        if value <= 0:
            raise SetParseError("The weight must be more than 0 (leave it out for bodyweight).")
        if value > MAX_WEIGHT[unit]:
            raise SetParseError(
                f"{_fmt(value)} {unit} is more than I can log (at most {_fmt(MAX_WEIGHT[unit])} {unit})."
            )
        self.weight, self.unit = value, unit

    def set_band(self, word: str) -> None:
        position = _BAND_NAMES.get(word.lower())
        if position is None:
            if not word:
                raise SetParseError("Say where the band goes: band=knees, band=ankles or band=feet.")
            raise SetParseError(
                f"The band goes at the knees, ankles or feet, not '{word[:20]}' (e.g. band=ankles, or medium band)."
            )
        if self.band is not None:
            raise SetParseError("The band position is given twice: write it once, like band=ankles.")
        self.band = position

    def set_resistance(self, word: str) -> None:
        if self.resistance is not None:
            raise SetParseError("The band strength is given twice: write it once, like medium band.")
        self.resistance = word.lower()

    def set_rpe(self, raw: str) -> None:
        if self.rpe is not None:
            raise SetParseError("The RPE is given twice: write it once, like rpe 8.")
        value = _number(raw)
        if not 1 <= value <= 10:
            raise SetParseError(f"RPE goes from 1 to 10, not {_fmt(value)}.")
        self.rpe = value


def _check_sets(reps: tuple[int, ...]) -> tuple[int, ...]:
    if len(reps) > MAX_SETS:
        raise SetParseError(f"That's {len(reps)} sets; I log 1 to {MAX_SETS} sets per line.")
    for r in reps:
        if not 1 <= r <= MAX_REPS:
            raise SetParseError(f"Reps per set go from 1 to {MAX_REPS}, not {r}.")
    return reps


def _sets_times_reps(sets: str, reps: str) -> tuple[int, ...]:
    n, r = int(sets), int(reps)
    if not 1 <= n <= MAX_SETS:
        raise SetParseError(f"Sets go from 1 to {MAX_SETS}, not {n}.")
    return _check_sets((r,) * n)


def _is_word(text: str, pos: int) -> bool:
    """True when a plain word (not the start of an item) begins at ``pos``."""
    if pos >= len(text) or not text[pos].isalpha():
        return False
    return not any(pattern.match(text, pos) for _, pattern in _STRONG) and not _RPE_LOOSE.match(text, pos)


def _item_starts(text: str, pos: int) -> bool:
    """Does the item part begin at ``pos`` (a token start in the leading, exercise-name part)?"""
    if any(pattern.match(text, pos) for _, pattern in _STRONG):
        return True
    if text.startswith("@", pos):
        return True
    run = _BARE_RUN.match(text, pos) or _BARE_WEIGHT.match(text, pos)
    if run is None:
        return False
    # A number followed by a plain word belongs to the name ("45 degree back extension 3x10").
    after = run.end()
    while after < len(text) and text[after] in " ,;":
        after += 1
    return not _is_word(text, after)


def _bare_run(numbers: list[int], found: _Collected, token: str) -> None:
    if len(numbers) == 1:
        found.set_weight(str(numbers[0]), None)
    elif len(numbers) >= 3 and min(numbers) >= 1 and max(numbers) <= 2 * min(numbers):
        found.set_reps(_check_sets(tuple(numbers)))
    else:
        raise SetParseError(
            f"I can't tell what '{token}' means: write sets as 3x10 or 10,10,8 and the weight as 80kg."
        )


def _unknown(token: str) -> SetParseError:
    low = token.lower()
    if low in _BAND_NAMES:
        return SetParseError(
            f"I don't know '{token}' here; for the band position write band={_BAND_NAMES[low]}."
        )
    if low in BAND_RESISTANCES:
        return SetParseError(f"I don't know '{token}' here; for the band's strength write {low} band.")
    if low.startswith("-") or low.startswith("\u2212"):
        return SetParseError(f"'{token}' can't be logged: weight and reps must be more than 0.")
    return SetParseError(f"I don't understand '{token}'. Try like: {_EXAMPLE}.")


def _read_items(text: str, pos: int, found: _Collected) -> None:
    n = len(text)
    while True:
        while pos < n and text[pos] in " ,;":
            pos += 1
        if pos >= n:
            return
        for kind, pattern in _STRONG:
            m = pattern.match(text, pos)
            if m is None:
                continue
            if kind == "weight" or kind == "at":
                found.set_weight(m["w"], m["unit"])
            elif kind == "sets":
                found.set_reps(_sets_times_reps(m["sets"], m["reps"]))
                if m["w"] is not None:
                    found.set_weight(m["w"], m["unit"])
            elif kind == "list":
                found.set_reps(_check_sets(tuple(int(x) for x in re.split(r"\s*[,/]\s*", m["list"]))))
            elif kind == "one":
                found.set_reps(_check_sets((int(m["reps"]),)))
            elif kind == "rpe":
                found.set_rpe(m["rpe"])
            else:  # band: its position, its strength, or both
                if m["res"]:
                    found.set_resistance(m["res"])
                if m["band"]:
                    found.set_band(m["band"])
            pos = m.end()
            break
        else:
            token = text[pos:].split(" ", 1)[0]
            if (m := _BARE_RUN.match(text, pos)) is not None:
                _bare_run([int(x) for x in m["run"].split(" ")], found, m["run"])
                pos = m.end()
            elif (m := _BARE_WEIGHT.match(text, pos)) is not None:
                found.set_weight(m["w"], None)
                pos = m.end()
            elif (m := _BAND_LOOSE.match(text, pos)) is not None:
                found.set_band(m["band"])  # never a valid position here: raises with a clear message
                pos = m.end()
            elif _RPE_LOOSE.match(text, pos):
                raise SetParseError("Give the RPE as a number from 1 to 10, like rpe 8.")
            else:
                raise _unknown(token)


def parse_sets(text: str, default_unit: str = "kg") -> ParsedSets:
    """Read ``/log`` arguments such as ``hip thrust 3x10 80kg``; raise :class:`SetParseError` if unreadable.

    ``default_unit`` ("kg" or "lb") applies when a weight is given without a unit (``3x10@80``).
    """
    if default_unit not in MAX_WEIGHT:
        raise SetParseError(f"Unknown unit '{default_unit}': use kg or lb.")
    if not isinstance(text, str):
        raise SetParseError(f"Tell me what you did, like: {_EXAMPLE}.")
    text = " ".join(text.split()).rstrip(" .!")
    if not text:
        raise SetParseError(f"Tell me what you did, like: {_EXAMPLE}.")
    if len(text) > MAX_TEXT:
        raise SetParseError(f"That's too long for one line; keep it under {MAX_TEXT} characters.")
    return _parse_line(text, default_unit)


# Lifters log the same lines session after session ("hip thrust 3x10 80kg"), and the result is a frozen
# value of the line and unit alone, so recent parses are reused (keys are at most MAX_TEXT characters).
# Errors are not cached: they raise.
@lru_cache(maxsize=1024)
def _parse_line(text: str, default_unit: str) -> ParsedSets:
    """`parse_sets` on a single-spaced, non-empty line of at most MAX_TEXT characters."""
    # The exercise name: leading tokens up to the first one that starts an item.
    pos = 0
    while pos < len(text) and not _item_starts(text, pos):
        space = text.find(" ", pos)
        pos = len(text) if space < 0 else space + 1
    name = text[:pos].strip().rstrip(" :-\u2013\u2014,;").strip()
    if not name:
        raise SetParseError(f"Start with the exercise, like: {_EXAMPLE}.")

    found = _Collected(default_unit)
    _read_items(text, pos, found)
    if found.reps is None:
        raise SetParseError(f"Add your sets, like 3x10 or 10,10,8: {_EXAMPLE}.")
    return ParsedSets(
        exercise_text=name,
        reps=found.reps,
        weight=found.weight,
        unit=found.unit,
        band=found.band,
        rpe=found.rpe,
        resistance=found.resistance,
    )

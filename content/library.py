"""The coaching content library: YAML data files in this folder, validated into frozen models.

The texts use the bot's neutral markup (``*bold*``, ``_italic_``, ``[label](https://…)``, backslash
escapes), so the loader rejects unbalanced markers: a stray ``*`` or ``_`` would otherwise turn the
rest of a reply bold or italic on every platform.

Every problem is reported as ``<file>: <field path>: <message>`` so a content editor can find it
without reading Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from rapidfuzz import fuzz

from domain.levels import BANDS, CATEGORIES, LEVELS, Band, Category
from domain.levels import Level as LevelName

__all__ = [
    "Approach",
    "ApproachRow",
    "ContentError",
    "Exercise",
    "Issue",
    "Level",
    "Library",
    "Muscle",
    "Source",
    "Study",
    "Swap",
    "load_library",
]

CONTENT_DIR = Path(__file__).resolve().parent

# Discord embed fields hold 1024 characters; the rest is headroom for titles and list bullets.
MAX_TEXT_CHARS = 900

# What a swap can say is missing. A fixed list (not prose) so /plan can match it against the kit a
# user says they have; the labels are how replies name each piece.
EQUIPMENT_LABELS: dict[str, str] = {
    "barbell": "barbell",
    "rack": "squat rack",
    "bench": "bench",
    "step": "step or box",
    "dumbbell": "dumbbells",
    "kettlebell": "kettlebell",
    "cable": "cable machine",
    "machine": "machine",
    "band": "mini band",
    "mat": "mat",
}
EquipmentTag = Literal[
    "barbell", "rack", "bench", "step", "dumbbell", "kettlebell", "cable", "machine", "band", "mat"
]
# How a source is weighed in /research: a study measured something, a review summarises studies, a
# practitioner source is a coach's or an organisation's view.
SOURCE_KINDS: dict[str, str] = {
    "study": "study",
    "review": "review",
    "practitioner": "practitioner source",
}

REQUIRED_EXERCISES: tuple[str, ...] = (
    "glute_bridge",
    "hip_thrust",
    "single_leg_glute_bridge",
    "single_leg_hip_thrust",
    "sumo_walk",
    "monster_walk",
    "back_squat",
    "front_squat",
    "deadlift",
    "romanian_deadlift",
    "forward_lunge",
    "lateral_lunge",
    "rotational_lunge",
    "kettlebell_swing",
    "side_lying_clam",
    "prone_leg_raise",
    "cable_hip_extension",
    "kickback",
)
REQUIRED_MUSCLES: tuple[str, ...] = ("maximus", "medius", "minimus")
REQUIRED_STUDIES: tuple[str, ...] = (
    "contreras2015",
    "contreras2016",
    "campagnola2015",
    "hodgson2005",
    "lorenz2011",
    "komi2000",
    "wolf2011",
    "iom2012",
    "kubo2019",
    "plotkin2023",
    "blazevich2019",
)
REQUIRED_TEXTS: tuple[str, ...] = (
    "start",
    "disclaimer",
    "activation_intro",
    "lift_intro",
    "activation_reminder",
    "activation_reminder_no_band",
    "lift_reminder",
    "beginner_start",
    "bot_description",
    "bot_short_description",
)
# Shown by Telegram on the bot's profile and empty chat (setMyDescription / setMyShortDescription):
# plain text within Telegram's limits, so start-up never sends what the Bot API would refuse.
PLAIN_TEXT_LIMITS: dict[str, int] = {"bot_description": 512, "bot_short_description": 120}
_MARKUP_CHARS = re.compile(r"[*_\[\]\\]")


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class Issue:
    """One problem in the content: which file, which field, what is wrong."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}" if self.path else f"{self.file}: {self.message}"


class ContentError(Exception):
    """The content folder is broken. ``str()`` lists every issue, one per line."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


# --------------------------------------------------------------------------- field types

_ESCAPED = re.compile(r"\\.", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\(https?://[^)\s]+\)")


def _balanced_markup(text: str) -> str:
    # Escaped characters and URLs (which may hold underscores) are not markers.
    bare = _LINK_TARGET.sub("]", _ESCAPED.sub("", text))
    for marker, meaning in (("*", "bold"), ("_", "italic")):
        if bare.count(marker) % 2:
            raise ValueError(
                f"unbalanced {marker!r} ({meaning} markup); escape a literal one as \\{marker} or reword"
            )
    return text


Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")]
Text = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS), AfterValidator(_balanced_markup)
]
Texts = Annotated[tuple[Text, ...], Field(min_length=1)]


class _Model(BaseModel):
    # Frozen: content is shared by every chat. extra="forbid": a misspelt field is an error, not
    # silently ignored data. Stripping drops the trailing newline of YAML block scalars.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# --------------------------------------------------------------------------- models


class Level(_Model):
    level: LevelName
    focus: Text
    band: Band | None = None


class Swap(_Model):
    """What to do instead when a piece of kit is missing."""

    missing: EquipmentTag
    how: Text
    exercise: Id | None = None  # the library exercise to do instead, when there is one

    @property
    def when(self) -> str:
        return f"No {EQUIPMENT_LABELS[self.missing]}"


class Exercise(_Model):
    id: Id
    name: Text
    aliases: Texts
    category: Category
    summary: Text
    prime_movers: Texts
    synergists: tuple[Text, ...]
    equipment: tuple[Text, ...]
    steps: Annotated[tuple[Text, ...], Field(min_length=3)]
    cues: Annotated[tuple[Text, ...], Field(min_length=2)]
    mistakes: Annotated[tuple[Text, ...], Field(min_length=2)]
    levels: Annotated[tuple[Level, ...], Field(min_length=3, max_length=3)]
    rep_range: tuple[Annotated[int, Field(ge=1)], Annotated[int, Field(ge=1)]]
    sets: Annotated[int, Field(ge=1, le=10)]
    rest_seconds: Annotated[int, Field(ge=15, le=600)]
    swaps: Annotated[tuple[Swap, ...], Field(min_length=1)]
    loaded: bool
    load_step_kg: Annotated[float, Field(ge=0)]
    load_step_lb: Annotated[float, Field(ge=0)]
    unilateral: bool
    studies: tuple[Id, ...] = ()
    # Explosive (a swing): speed is the point, so a slower lowering is no progression for it.
    ballistic: bool = False

    @field_validator("levels")
    @classmethod
    def _levels_in_order(cls, levels: tuple[Level, ...], info: ValidationInfo) -> tuple[Level, ...]:
        names = tuple(level.level for level in levels)
        if names != LEVELS:
            raise ValueError(f"levels must be {', '.join(LEVELS)} in that order, got {', '.join(names)}")
        bands = tuple(level.band for level in levels)
        # The band position is how activation walks progress; other exercises have no band level.
        if info.data.get("category") == "activation":
            # The activation progression from the sources: the further down the leg, the longer the lever.
            if bands != BANDS:
                raise ValueError(
                    "activation exercises need a band on every level, progressing "
                    f"{' -> '.join(BANDS)}; got {bands}"
                )
        elif any(bands):
            raise ValueError("only activation exercises set a band on their levels")
        return levels

    @field_validator("rep_range")
    @classmethod
    def _range_ordered(cls, rep_range: tuple[int, int]) -> tuple[int, int]:
        if rep_range[0] > rep_range[1]:
            raise ValueError(f"rep_range low end {rep_range[0]} is above the high end {rep_range[1]}")
        return rep_range

    @field_validator("load_step_kg", "load_step_lb")
    @classmethod
    def _step_matches_loaded(cls, step: float, info: ValidationInfo) -> float:
        # Progression adds exactly this step, so a loaded lift needs one and a bodyweight move none.
        loaded = info.data.get("loaded")
        if loaded is True and step <= 0:
            raise ValueError("a loaded exercise needs a load step above 0")
        if loaded is False and step != 0:
            raise ValueError("an unloaded exercise must have a load step of 0")
        return step

    @field_validator("ballistic")
    @classmethod
    def _ballistic_is_loaded(cls, ballistic: bool, info: ValidationInfo) -> bool:
        # The field changes how a lift is progressed at its heaviest load: band walks and bodyweight
        # moves have none, so the flag on them would be a mistake in the library, not a coaching fact.
        if ballistic and (info.data.get("loaded") is not True or info.data.get("category") == "activation"):
            raise ValueError("only a loaded lift (not activation work) can be ballistic")
        return ballistic

    def level(self, name: str) -> Level:
        """The level called ``name`` (case-insensitive); KeyError if there is none."""
        wanted = name.strip().casefold()
        for level in self.levels:
            if level.level == wanted:
                return level
        raise KeyError(f"{self.id} has no level {name!r}; levels are {', '.join(LEVELS)}")


class Muscle(_Model):
    id: Id
    name: Text
    size: Text
    name_meaning: Text
    origin: Text
    insertion: Text
    nerve: Text
    functions: Texts
    weakness: Text
    notes: tuple[Text, ...] = ()


class Study(_Model):
    id: Id
    authors: Text
    year: Annotated[int, Field(ge=1900, le=2100)]
    kind: Literal["study", "review", "practitioner"]
    topic: Text
    keywords: Texts
    # One sentence for the /research overview; `finding` is the full account.
    headline: Annotated[
        str, StringConstraints(min_length=1, max_length=200), AfterValidator(_balanced_markup)
    ]
    finding: Text
    limits: Text
    practical: Text

    @field_validator("year")
    @classmethod
    def _year_matches_id(cls, year: int, info: ValidationInfo) -> int:
        # Ids like "contreras2015" are cited by year in texts; a mismatch is a typo somewhere.
        study_id = info.data.get("id", "")
        digits = re.search(r"(\d{4})$", study_id)
        if digits and int(digits.group(1)) != year:
            raise ValueError(f"year {year} does not match the id {study_id!r}")
        return year


class ApproachRow(_Model):
    aspect: Text
    conventional: Text
    progressive: Text


class Approach(_Model):
    intro: Text
    rows: Annotated[tuple[ApproachRow, ...], Field(min_length=1)]
    points: Texts
    level_progression: Texts
    rules: Texts


class Source(_Model):
    title: Text
    authors: Text
    note: Text


# One model per file, so the top-level layout of each file is checked as strictly as its items.


class _AnatomyFile(_Model):
    overview: Text
    muscles: Annotated[tuple[Muscle, ...], Field(min_length=1)]


class _ExercisesFile(_Model):
    exercises: Annotated[tuple[Exercise, ...], Field(min_length=1)]


class _ResearchFile(_Model):
    studies: Annotated[tuple[Study, ...], Field(min_length=1)]
    notes: tuple[Text, ...] = ()


class _ApproachFile(_Model):
    approach: Approach


class _SourcesFile(_Model):
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]


class _TextsFile(_Model):
    texts: dict[Id, Text]


_FILES: dict[str, type[_Model]] = {
    "anatomy.yaml": _AnatomyFile,
    "exercises.yaml": _ExercisesFile,
    "research.yaml": _ResearchFile,
    "approach.yaml": _ApproachFile,
    "sources.yaml": _SourcesFile,
    "texts.yaml": _TextsFile,
}


# --------------------------------------------------------------------------- lookup helpers

_SEPARATORS = re.compile(r"[-_/]+")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")
_LEADING_QUALIFIERS = ("barbell ", "banded ", "the ")
# The implement as gyms shorten it at the start of a name ("db rdl", "kb swing"), read in full: the
# library's names and aliases spell it out ("dumbbell rdl"). A user's own "db ..." is found first by its
# whole name (handlers.custom_exercises.find), so theirs stays theirs.
_SHORT_IMPLEMENTS = {"db ": "dumbbell ", "dumbell ": "dumbbell ", "kb ": "kettlebell ", "bb ": "barbell "}
# No exercise name or alias comes near this; fuzzy matching a longer text costs time for nothing
# (100 KB took 2.9 s), so it is never attempted. Commands bound their arguments before this too.
MAX_QUERY = 60


def normalise(text: str) -> str:
    """Lower case, hyphens/underscores/slashes as spaces, punctuation dropped, single spaces. Full-width
    and other compatibility forms read as their plain letters first ("ＨＩＰ ＴＨＲＵＳＴ" is hip thrust)."""
    text = _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    text = _NOT_WORD.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _compact(text: str) -> str:
    # "hip thrust", "hipthrust" and "hip-thrust" are the same request.
    return normalise(text).replace(" ", "")


def _singulars(text: str) -> Iterator[str]:
    """The text as typed, then with a trailing plural "s" / "es" dropped."""
    yield text
    if text.endswith("s") and len(text) > 3:
        yield text[:-1]
    if text.endswith("es") and len(text) > 4:
        yield text[:-2]


def _variants(text: str) -> Iterator[str]:
    """Query forms to try, most literal first, so an exact alias always wins."""
    norm = normalise(text)
    short = next((k for k in _SHORT_IMPLEMENTS if norm.startswith(k)), None)
    forms = [norm] if short is None else [norm, _SHORT_IMPLEMENTS[short] + norm[len(short) :]]
    for form in list(forms):
        for qualifier in _LEADING_QUALIFIERS:
            if form.startswith(qualifier):
                forms.append(form[len(qualifier) :])
    for form in forms:
        for singular in _singulars(form):
            yield singular.replace(" ", "")


def _words_contain(haystack: str, needle: str) -> bool:
    """Whole-word containment of normalised texts: "hip" is in "hip thrust", not in "ship"."""
    return f" {needle} " in f" {haystack} "


_CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "activation": ("activation", "activate", "activations", "warm up", "warmup", "band", "bands"),
    "glute_lift": ("glute lift", "glute lifts", "lift", "lifts", "main lift", "main lifts", "glute"),
    "compound": ("compound", "compounds", "compound lift", "compound lifts", "compound exercises"),
    "accessory": ("accessory", "accessories", "accessory exercises", "isolation"),
}

_MUSCLE_PREFIXES = ("the ", "gluteus ", "gluteal ", "glutes ", "glute ", "g ")


# --------------------------------------------------------------------------- the library


@dataclass(frozen=True, eq=False)
class Library:
    """All coaching content, validated. Build it with `load_library`."""

    exercises: dict[str, Exercise]
    muscles: dict[str, Muscle]
    studies: dict[str, Study]
    anatomy_overview: str
    approach: Approach
    sources: tuple[Source, ...]
    texts: dict[str, str]
    research_notes: tuple[str, ...] = ()

    CATEGORIES: ClassVar[tuple[str, ...]] = CATEGORIES

    # Lookup tables, derived once from the data above.
    _by_key: dict[str, Exercise] = field(init=False, repr=False)
    _labels: tuple[tuple[str, Exercise], ...] = field(init=False, repr=False)
    # The spellings people type most (each id, name and alias as written, in lower case, and with the
    # capital a phone keyboard adds), already resolved by the forgiving lookup, so /log and /explain
    # usually cost one dict hit.
    _by_typed: dict[str, Exercise] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_key: dict[str, Exercise] = {}
        labels: list[tuple[str, Exercise]] = []
        for exercise in self.exercises.values():
            for label in _exercise_labels(exercise):
                by_key.setdefault(_compact(label), exercise)
                labels.append((normalise(label), exercise))
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_labels", tuple(labels))
        by_typed: dict[str, Exercise] = {}
        for exercise in self.exercises.values():
            for label in (exercise.id, *_exercise_labels(exercise)):
                for typed in (label, label.lower(), label.capitalize()):
                    if (found := self._resolve(typed)) is not None:
                        by_typed[typed] = found
        object.__setattr__(self, "_by_typed", by_typed)

    # ----- exercises

    def find_exercise(self, text: str) -> Exercise | None:
        """The exercise named by ``text`` (id, name or alias, forgiving case, spacing, plurals)."""
        found = self._by_typed.get(text)
        if found is not None or len(text) > MAX_QUERY:
            return found
        return self._resolve(text)

    def _resolve(self, text: str) -> Exercise | None:
        for key in _variants(text):
            if key and (exercise := self._by_key.get(key)):
                return exercise
        return None

    def suggest_exercises(self, text: str, limit: int = 3, min_score: float = 50.0) -> list[Exercise]:
        """The closest exercises to a misspelt name, best first. ``min_score`` keeps noise out."""
        if len(text) > MAX_QUERY:
            return []
        query = normalise(text)
        if not query or limit <= 0:
            return []
        best: dict[str, float] = {}
        for label, exercise in self._labels:
            score = fuzz.WRatio(query, label)
            if score >= min_score and score > best.get(exercise.id, -1.0):
                best[exercise.id] = score
        order = {exercise_id: i for i, exercise_id in enumerate(self.exercises)}
        ranked = sorted(best, key=lambda exercise_id: (-best[exercise_id], order[exercise_id]))
        return [self.exercises[exercise_id] for exercise_id in ranked[:limit]]

    def complete_exercises(self, prefix: str, limit: int = 25) -> list[Exercise]:
        """Autocomplete choices: prefix matches first, then word and fuzzy matches; at most ``limit``."""
        if limit <= 0 or len(prefix) > MAX_QUERY:
            return []
        query = normalise(prefix)
        exercises = list(self.exercises.values())
        if not query:  # nothing typed lists all; letters no name has ("Ягод") match none
            return [] if prefix.strip() else exercises[:limit]
        ranked: list[tuple[tuple[float, float], int, Exercise]] = []
        for position, exercise in enumerate(exercises):
            rank = _completion_rank(exercise, query)
            if rank is not None:
                ranked.append((rank, position, exercise))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [exercise for _, _, exercise in ranked[:limit]]

    def exercises_in(self, category: str) -> list[Exercise]:
        """Exercises of a category (any spelling `find_category` accepts), in library order."""
        resolved = self.find_category(category)
        if resolved is None:
            raise ValueError(f"unknown category {category!r}; categories are {', '.join(CATEGORIES)}")
        return [exercise for exercise in self.exercises.values() if exercise.category == resolved]

    def find_category(self, text: str) -> str | None:
        """The category id for "glute lift", "lifts", "accessories" …, or None."""
        query = normalise(text)
        for category, words in _CATEGORY_WORDS.items():
            if query == normalise(category) or query in words:
                return category
        return None

    # ----- anatomy and research

    def find_muscle(self, text: str) -> Muscle | None:
        """The muscle for "medius", "gluteus medius", "glute med", "gmax", "max" …, or None."""
        query = normalise(text)
        if not query:
            return None
        for muscle in self.muscles.values():
            if query in (muscle.id, normalise(muscle.name)):
                return muscle
        short = _strip_prefixes(query, _MUSCLE_PREFIXES)
        if short.startswith("g") and len(short) == 4:  # "gmax", "gmed", "gmin"
            short = short[1:]
        if len(short) < 3:
            return None
        matches = [muscle for muscle in self.muscles.values() if muscle.id.startswith(short)]
        return matches[0] if len(matches) == 1 else None

    def find_studies(self, topic: str) -> list[Study]:
        """Studies by id ("contreras2015"), author, year or keyword; an empty topic gives all."""
        query = normalise(topic)
        studies = list(self.studies.values())
        if not query:
            return studies
        compact = query.replace(" ", "")
        exact = [study for study in studies if study.id == compact]
        if exact:
            return exact
        scores = {study.id: _study_score(study, query) for study in studies}
        best = max(scores.values())
        # Only the best-scoring studies: "squat depth" is about depth, not every squat study.
        return [study for study in studies if best and scores[study.id] == best]

    # ----- texts

    def text(self, key: str) -> str:
        try:
            return self.texts[key]
        except KeyError:
            raise KeyError(f"no text {key!r} in content/texts.yaml") from None


def _exercise_labels(exercise: Exercise) -> Iterator[str]:
    yield exercise.name
    yield exercise.id.replace("_", " ")
    yield from exercise.aliases


def _completion_rank(exercise: Exercise, query: str) -> tuple[float, float] | None:
    """(tier, tie-break) — lower is better; None when the exercise does not match at all."""
    primary = [normalise(exercise.name), exercise.id.replace("_", " ")]
    aliases = [normalise(alias) for alias in exercise.aliases]
    compact = query.replace(" ", "")
    tiers: list[tuple[float, float]] = []
    for tier, labels in ((0, primary), (1, aliases)):
        for label in labels:
            if label.startswith(query) or label.replace(" ", "").startswith(compact):
                tiers.append((tier, len(label)))
    for label in primary + aliases:
        if any(word.startswith(query) for word in _suffixes(label)):
            tiers.append((2, len(label)))
        elif len(query) >= 2 and query in label:
            tiers.append((3, len(label)))
    if tiers:
        return min(tiers)
    if len(query) < 3:  # one or two letters are too little to guess a typo from
        return None
    score = max(fuzz.WRatio(query, label) for label in primary + aliases)
    return (4, -score) if score >= 75 else None


def _suffixes(label: str) -> Iterator[str]:
    """The label from each word on: lets "hip thr" match "single leg hip thrust"."""
    words = label.split()
    for i in range(1, len(words)):
        yield " ".join(words[i:])


def _strip_prefixes(text: str, prefixes: Iterable[str]) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            if text.startswith(prefix):
                text, changed = text[len(prefix) :], True
    return text.strip()


_EXACT = 1000


def _singular_words(text: str) -> str:
    return " ".join(word[:-1] if word.endswith("s") and len(word) > 3 else word for word in text.split())


def _study_score(study: Study, query: str) -> int:
    """How well a normalised topic fits a study; 0 = not at all.

    Naming a keyword, an author or the year outright wins over any overlap, so
    "post-activation potentiation" finds the PAP study, not every study tagged "activation".
    Otherwise each keyword, author or year inside the topic counts one point.
    """
    forms = {query, _singular_words(query)}
    keywords = [normalise(keyword) for keyword in study.keywords]
    names = [word for word in normalise(study.authors).split() if len(word) >= 3 and word != "al"]
    if forms & {*keywords, *names, str(study.year)}:
        return _EXACT
    score = sum(1 for keyword in keywords if any(_words_contain(form, keyword) for form in forms))
    score += sum(1 for token in (*names, str(study.year)) if _words_contain(query, token))
    if not score and any(_words_contain(keyword, form) for keyword in keywords for form in forms):
        score = 1  # a fragment of a keyword, e.g. "hip" for "hip thrust"
    return score


# --------------------------------------------------------------------------- loading

try:  # libyaml's parser is several times faster; the pure-Python one is the fallback.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate keys, which PyYAML would silently let the last one win."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _display_name(path: Path, directory: Path) -> str:
    # The shipped folder is named the way editors know it; any other folder by its full path.
    return f"content/{path.name}" if directory == CONTENT_DIR else str(path)


def _format_loc(loc: Sequence[str | int], raw: Any) -> str:
    """('exercises', 3, 'steps') → "exercises[3] (hip_thrust).steps", naming items by their id."""
    out = ""
    node = raw
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" ({node['id']})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _pydantic_issues(file: str, error: ValidationError, raw: Any) -> list[Issue]:
    issues = []
    for detail in error.errors(include_url=False):
        message = detail["msg"].removeprefix("Value error, ")
        issues.append(Issue(file, _format_loc(detail["loc"], raw), message[:1].lower() + message[1:]))
    return issues


def _read_file(path: Path, file: str) -> tuple[Any, list[Issue]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return None, [Issue(file, "", f"cannot read the file ({exc.strerror or exc})")]
    try:
        return yaml.load(text, Loader=_StrictLoader), []  # noqa: S506 - a safe loader subclass
    except yaml.YAMLError as exc:
        where = ""
        if (mark := getattr(exc, "problem_mark", None)) is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Issue(file, "", f"invalid YAML{where}: {problem}")]


def _parse_files(directory: Path) -> tuple[dict[str, Any], dict[str, str], list[Issue]]:
    """Validate each file on its own; return the valid models, display names and issues."""
    models: dict[str, Any] = {}
    names: dict[str, str] = {}
    issues: list[Issue] = []
    for filename, model in _FILES.items():
        path = directory / filename
        names[filename] = display = _display_name(path, directory)
        raw, read_issues = _read_file(path, display)
        issues += read_issues
        if read_issues:
            continue
        try:
            models[filename] = model.model_validate(raw)
        except ValidationError as exc:
            issues += _pydantic_issues(display, exc, raw)
    return models, names, issues


def _check_unique_ids(file: str, collection: str, items: Sequence[Any]) -> list[Issue]:
    issues, seen = [], set()
    for i, item in enumerate(items):
        if item.id in seen:
            issues.append(Issue(file, f"{collection}[{i}] ({item.id}).id", "duplicate id"))
        seen.add(item.id)
    return issues


def _check_required(
    file: str, collection: str, present: Iterable[str], required: Iterable[str], what: str = "id"
) -> list[Issue]:
    # The handlers address these entries by name, so they must exist even if the file is valid.
    have = set(present)
    missing = [item for item in required if item not in have]
    return [Issue(file, collection, f"missing required {what}(s): {', '.join(missing)}")] if missing else []


def _check_exercise_names(file: str, exercises: Sequence[Exercise]) -> list[Issue]:
    """No id, name or alias may resolve to two exercises, or lookups would depend on file order."""
    issues: list[Issue] = []
    owner: dict[str, str] = {}
    for i, exercise in enumerate(exercises):
        labels = [("id", exercise.id.replace("_", " ")), ("name", exercise.name)]
        labels += [(f"aliases[{j}]", alias) for j, alias in enumerate(exercise.aliases)]
        for where, label in labels:
            key = _compact(label)
            if not key:
                issues.append(
                    Issue(file, f"exercises[{i}] ({exercise.id}).{where}", "has no letters or digits")
                )
            elif owner.setdefault(key, exercise.id) != exercise.id:
                issues.append(
                    Issue(
                        file,
                        f"exercises[{i}] ({exercise.id}).{where}",
                        f"{label!r} already names {owner[key]}",
                    )
                )
    return issues


def _check_citations(file: str, exercises: Sequence[Exercise], study_ids: set[str]) -> list[Issue]:
    issues = []
    for i, exercise in enumerate(exercises):
        for j, study_id in enumerate(exercise.studies):
            if study_id not in study_ids:
                issues.append(
                    Issue(file, f"exercises[{i}] ({exercise.id}).studies[{j}]", f"unknown study {study_id!r}")
                )
    return issues


def _check_swaps(file: str, exercises: Sequence[Exercise]) -> list[Issue]:
    """A swap names an exercise that exists and is not the one it replaces."""
    issues = []
    ids = {exercise.id for exercise in exercises}
    for i, exercise in enumerate(exercises):
        for j, swap in enumerate(exercise.swaps):
            where = f"exercises[{i}] ({exercise.id}).swaps[{j}].exercise"
            if swap.exercise is None:
                continue
            if swap.exercise not in ids:
                issues.append(Issue(file, where, f"unknown exercise {swap.exercise!r}"))
            elif swap.exercise == exercise.id:
                issues.append(Issue(file, where, "a swap cannot name the exercise itself"))
    return issues


def _cross_checks(models: dict[str, Any], names: dict[str, str]) -> list[Issue]:
    """Checks that span items or files; each runs only when the files it needs were valid."""
    issues: list[Issue] = []
    exercises_file, research_file = models.get("exercises.yaml"), models.get("research.yaml")
    anatomy_file, texts_file = models.get("anatomy.yaml"), models.get("texts.yaml")
    if exercises_file:
        file, exercises = names["exercises.yaml"], exercises_file.exercises
        issues += _check_unique_ids(file, "exercises", exercises)
        issues += _check_required(file, "exercises", (e.id for e in exercises), REQUIRED_EXERCISES)
        issues += _check_exercise_names(file, exercises)
        issues += _check_swaps(file, exercises)
        if research_file:
            issues += _check_citations(file, exercises, {s.id for s in research_file.studies})
    if research_file:
        file, studies = names["research.yaml"], research_file.studies
        issues += _check_unique_ids(file, "studies", studies)
        issues += _check_required(file, "studies", (s.id for s in studies), REQUIRED_STUDIES)
    if anatomy_file:
        file, muscles = names["anatomy.yaml"], anatomy_file.muscles
        issues += _check_unique_ids(file, "muscles", muscles)
        issues += _check_required(file, "muscles", (m.id for m in muscles), REQUIRED_MUSCLES)
    if texts_file:
        issues += _check_required(names["texts.yaml"], "texts", texts_file.texts, REQUIRED_TEXTS, "key")
        issues += _check_plain_texts(names["texts.yaml"], texts_file.texts)
    return issues


def _check_plain_texts(file: str, texts: dict[str, str]) -> list[Issue]:
    """Texts another service shows verbatim: no markup, and within that service's length limit."""
    issues = []
    for key, limit in PLAIN_TEXT_LIMITS.items():
        value = texts.get(key)
        if value is None:
            continue  # reported as missing
        if len(value) > limit:
            issues.append(
                Issue(file, f"texts.{key}", f"{len(value)} characters; Telegram allows at most {limit}")
            )
        if _MARKUP_CHARS.search(value):
            issues.append(Issue(file, f"texts.{key}", "plain text only: Telegram shows * _ [ ] \\ as typed"))
    return issues


def load_library(directory: Path | None = None) -> Library:
    """Load and validate the content folder (default: the folder of this module).

    Raises ContentError listing every problem found. Nothing is cached: each call reads the files,
    so tests and a reload command always see the current content.
    """
    directory = Path(directory).resolve() if directory is not None else CONTENT_DIR
    models, names, issues = _parse_files(directory)
    issues += _cross_checks(models, names)
    if issues:
        raise ContentError(issues)
    anatomy, research = models["anatomy.yaml"], models["research.yaml"]
    return Library(
        exercises={exercise.id: exercise for exercise in models["exercises.yaml"].exercises},
        muscles={muscle.id: muscle for muscle in anatomy.muscles},
        studies={study.id: study for study in research.studies},
        anatomy_overview=anatomy.overview,
        approach=models["approach.yaml"].approach,
        sources=models["sources.yaml"].sources,
        texts=dict(models["texts.yaml"].texts),
        research_notes=research.notes,
    )

"""A user's own exercises (/exercise add|remove), and the one way handlers resolve an exercise name:
the library first (read-only, shared), then the user's own.

Kept in the user's Profile as a compact string, ``"reverse hyper=accessory;sled push=compound"``: a
handful of names per user needs no table of its own, and the profile already travels with the account
(link, delete, backup). A custom exercise's id is ``custom_`` + its name in snake case (a name in
another alphabet, "Άρση", adds a short hash of it: ids stay ASCII and one per name, `own_id`); entries keep
that id when the exercise is removed, so /history still names them. An exercise an /import kept under
the app's name is the user's own too (``"@Goblet Squat (Kettlebell)=accessory"``: its id is that name),
so /log finds it like one added.

A name is found in any case and with or without the apps' bracketed equipment: "goblet squat
kettlebell", "Goblet Squat (Kettlebell)" and, when only one of the user's exercises is a goblet squat,
"goblet squat" all name "Goblet Squat (Kettlebell)".
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from urllib.parse import quote, unquote

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from coaching.imports import strip_equipment
from coaching.logparse import Ambiguous, LogContext, LogParseError, example_in, parse_log
from content.library import Exercise, Library, normalise
from core.context import Context
from core.markup import esc
from core.messages import Button, Reply, Request
from domain.levels import CATEGORIES
from domain.text import visible_text
from domain.units import Unit
from storage.models import Profile

PREFIX = "custom_"
MAX_CUSTOM = 50
MAX_NAME = 40
IMPORTED_NAME_MAX = 60  # an imported name longer than this is kept cut short (handlers.importer)
_NAME_PUNCTUATION = frozenset(" '-_")
_SEPARATORS = str.maketrans("-_/", "   ")  # between words, as `normalise` reads them
CATEGORY_SHOWN = {
    "activation": "activation",
    "glute_lift": "glute lift",
    "compound": "compound lift",
    "accessory": "accessory",
}
EXAMPLE = "/exercise add reverse hyper accessory"
# From this rapidfuzz ratio (0-100, whole name against a library name or alias) a new name is taken for
# a typo of the library's ("glute brige" is 96 from "glute bridge"; "reverse hyper" is 69 from "reverse
# lunge"): asked about before it is added.
TYPO_SCORE = 91


def name_key(text: str) -> str:
    """A name as names are compared: `normalise` (lower case, hyphens and underscores as spaces,
    punctuation dropped, single spaces) keeping every script's letters, digits and marks, so "Άρση" and
    "Ягодичный мост" are names too. For a name in ASCII it is `normalise` exactly."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_SEPARATORS)
    return " ".join(
        "".join(c for c in text if c.isalnum() or c.isspace() or unicodedata.category(c)[0] == "M").split()
    )


def folded(key: str) -> str:
    """A `name_key` less the accents of Latin and Greek letters ("café" → "cafe", "άρση" → "αρση"):
    how a name typed without them still finds the user's own. Other scripts' marks are letters'
    parts (Devanagari's vowel signs, Cyrillic "й"), kept."""
    out: list[str] = []
    for c in unicodedata.normalize("NFD", key):
        if unicodedata.combining(c) and out and _accented_script(out[-1]):
            continue
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def _accented_script(c: str) -> bool:
    return c.isascii() or unicodedata.name(c, "").startswith(("LATIN ", "GREEK "))


def is_name(name: str) -> bool:
    """What /exercise add takes as a name: letters of any script, digits, marks (the accents of a
    decomposed "é", Devanagari's vowel signs), spaces, hyphens, apostrophes; a letter or digit first."""
    return (
        bool(name)
        and name[0].isalnum()
        and all(c.isalnum() or c in _NAME_PUNCTUATION or unicodedata.category(c)[0] == "M" for c in name)
    )


NAME_RULE = (
    f"A name is letters, digits, spaces and hyphens, at most {MAX_NAME} characters (letters of any "
    "alphabet; apostrophes too)"
)


def addable(name: str) -> bool:
    """Does /exercise add take ``name`` as it is written (the checks of its words aside)? /log's
    "add your own" suggests only a name that it does."""
    name = clean_name(name)
    return len(name) <= MAX_NAME and is_name(name) and not name[0].isdigit()


def own_id(name: str, legacy: bool = False) -> str:
    """The id an exercise the user adds is logged under: ``custom_`` + its name in snake case. A name
    with letters outside ASCII gets its letters less their accents ("Élévation": elevation) and a short
    hash of the whole name, so "Άρση" and "Ягодичный мост" stay two ids, each the same every time.
    ``legacy``: the id such a name had before (its ASCII letters only: "Élévation" was custom_lvation),
    which the sets logged then are stored under."""
    key = name_key(name)
    if legacy or key.isascii():
        return PREFIX + "_".join(normalise(name).split())
    plain = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    digest = hashlib.sha256(key.encode()).hexdigest()[:8]
    return PREFIX + "_".join([*normalise(plain).split(), digest])


@dataclass(frozen=True)
class Custom:
    """A user's exercise, shaped like a library exercise where the coaching rules read one
    (`coaching.prescribe.ExerciseRules.from_library`)."""

    name: str
    category: str
    rep_range: tuple[int, int] = (8, 15)
    sets: int = 3
    equipment: tuple[str, ...] = ()
    unilateral: bool = False

    logged_id: str = ""  # an exercise only the log knows (kept from an import under the app's name)
    legacy: bool = False  # added before names in every script were: its id is the one it had (`own_id`)

    @property
    def id(self) -> str:
        return self.logged_id or own_id(self.name, self.legacy)

    @property
    def loaded(self) -> bool:
        return self.category != "activation"

    # Worked out once per exercise (those of a profile are cached, see `_parts`): /log resolves a name
    # several times per line against every exercise the user has.
    @cached_property
    def keys(self) -> tuple[str, str]:
        """Its name and id as `_exact` compares them."""
        return name_key(self.name), normalise(self.id)

    @cached_property
    def folded(self) -> str:
        """Its name as `_named` compares it last: without accents (`folded`)."""
        return folded(name_key(self.name))

    @cached_property
    def bare(self) -> str:
        """Its name less the apps' bracket, as `_named` compares it."""
        return name_key(strip_equipment(self.name))


Known = Exercise | Custom


# A part "~<exercise id, percent-quoted>" names an exercise the user removed from their list whose
# sets stay in the log (one an import kept under the app's name, or one of their own with sets logged):
# /exercise no longer lists it. Quoted, an id holds no ";" or "=".
_REMOVED = "~"
# A part "^<exercise id>:<name>" (both quoted whole) is the name a removed exercise had, so its sets
# still show it as the user typed it ("reverse hyper", not the id made readable). A separate part, with
# no "=", so a release that predates it skips it as unreadable.
_REMOVED_NAME = "^"
# A part "@<exercise id, quoted>=<category>" is an exercise an import kept under the app's name.
_IMPORTED = "@"
_QUOTE_SAFE = " ()'-"  # kept readable; ";", "=", "%" and the markers are quoted
# A part "+<name>=<category>" is an exercise added with a name outside ASCII since such names got ids of
# their own (`own_id`); one with no marker keeps the id it was logged under before.
_NAMED = "+"


@lru_cache(maxsize=1024)
def _parts(compact: str) -> tuple[tuple[Custom, ...], frozenset[str], tuple[tuple[str, str], ...]]:
    """The user's exercises, the removed ids and the removed exercises' names (id, name) a profile's
    compact string holds (read once per distinct string: /log resolves a name several times per line)."""
    own: list[Custom] = []
    removed: set[str] = set()
    names: list[tuple[str, str]] = []
    for part in compact.split(";"):
        if part.startswith(_REMOVED):
            if len(part) > 1:
                removed.add(unquote(part[len(_REMOVED) :]))
            continue
        if part.startswith(_REMOVED_NAME):
            exercise_id, _, name = part[len(_REMOVED_NAME) :].partition(":")
            if exercise_id and name.strip():
                names.append((unquote(exercise_id), unquote(name).strip()))
            continue
        name, _, category = part.partition("=")
        if category not in CATEGORIES:
            continue  # an unreadable part is skipped
        if name.startswith(_IMPORTED) and len(name) > 1:
            exercise_id = unquote(name[len(_IMPORTED) :])
            own.append(Custom(_readable(exercise_id), category, logged_id=exercise_id))
        elif name.startswith(_NAMED) and name[len(_NAMED) :].strip():
            own.append(Custom(name[len(_NAMED) :].strip(), category))
        elif name.strip():
            own.append(Custom(name.strip(), category, legacy=True))
    return tuple(own), frozenset(removed), tuple((i, n) for i, n in names if i in removed)


def customs(profile: Profile) -> list[Custom]:
    """The user's exercises, added or kept from an import, in the order they came."""
    return list(_parts(profile.custom_exercises)[0])


def removed_ids(profile: Profile) -> set[str]:
    return set(_parts(profile.custom_exercises)[1])


def removed_names(profile: Profile) -> dict[str, str]:
    """The names the user's removed exercises had, by id (not every removed id has one: an import's
    exercise is named by its id, and a removal before names were kept)."""
    return dict(_parts(profile.custom_exercises)[2])


def imported_as(exercise_id: str, name: str = "", category: str = "") -> Custom:
    """The user's own exercise an import keeps sets of ``exercise_id`` under. ``name``: what our own
    export called it, kept when it is the name that id was made from (the user's own "reverse hyper",
    ``custom_reverse_hyper``): a round trip gives back "reverse hyper" as the user had it, an exercise
    of their own as /exercise add makes it. One of the user's own ids (``custom_x``) whose name was
    changed in the file ("Reverse Hyper") is that name's own exercise: its id is the name's, not
    ``exercise_id`` (the import stores its sets there, see `renamed_id`). Else under the id made
    readable ("Goblet Squat (Kettlebell)"). ``category``: the kind our own export gave it (an accessory
    when it gave none)."""
    kind = category if category in CATEGORIES else "accessory"
    if name:
        for legacy in (False, True):  # (an export from before names in every script had ids of their own)
            named = Custom(clean_name(name), kind, legacy=legacy)
            if named.id == exercise_id and len(named.name) <= MAX_NAME and is_name(named.name):
                return named
        if exercise_id.startswith(PREFIX) and addable(named.name):
            return Custom(named.name, kind)
    return Custom(_readable(exercise_id), kind, logged_id=exercise_id)


def renamed_id(exercise_id: str, name: str) -> str:
    """Where an import stores the sets of ``exercise_id``, named ``name`` in our own export: the id of
    the name it was given in the file (`imported_as`), else ``exercise_id``."""
    return imported_as(exercise_id, name).id if name else exercise_id


def keep_imported(
    ctx: Context,
    account: str,
    exercise_ids: set[str],
    names: Mapping[str, str] | None = None,
    categories: Mapping[str, str] | None = None,
) -> None:
    """New sets were stored under these ids (an import): each the library does not know becomes the
    user's own (so /log finds it; see `imported_as`, ``names`` and ``categories`` by id), and a removed
    one among them is listed again. One the user has already keeps the kind they gave it."""
    profile = ctx.store.profile(account)
    mine, removed = customs(profile), removed_ids(profile)
    own = {c.id for c in mine}
    kept = [
        imported_as(i, (names or {}).get(i, ""), (categories or {}).get(i, ""))
        for i in sorted(exercise_ids)
        if i not in ctx.library.exercises and i not in own
    ]
    # Named ones are added exercises: past the most an account adds, the rest keep the id made readable.
    room = MAX_CUSTOM - len(_added(profile))
    for n, custom in enumerate(kept):
        if not custom.logged_id:
            room -= 1
            if room < 0:
                kept[n] = imported_as(custom.id, category=custom.category)
    if kept or removed & exercise_ids:
        compact = _compact([*mine, *kept], removed - exercise_ids, removed_names(profile))
        ctx.store.save_profile(replace(profile, custom_exercises=compact))


def merged(into: Profile, joining: Profile) -> tuple[str, int] | None:
    """``into``'s exercise list with ``joining``'s added (an account linking in brings its log, so /log
    must know its exercises too), and how many of ``joining``'s were new; None if nothing changes.
    One listed on either side stays listed (its sets come along), whatever the other had removed."""
    mine, theirs = customs(into), customs(joining)
    own = {c.id for c in mine}
    added = [c for c in theirs if c.id not in own]
    removed = removed_ids(into) | removed_ids(joining)
    names = {**removed_names(joining), **removed_names(into)}
    compact = _compact([*mine, *added], removed - {c.id for c in added}, names)
    if compact == into.custom_exercises:
        return None
    return compact, len(added)


def _compact(items: list[Custom], removed: set[str], names: Mapping[str, str]) -> str:
    """The compact string of the user's exercises, the removed ids and the names (by id) those had."""
    own = {c.id for c in items}
    kept = [
        f"{_IMPORTED}{quote(c.logged_id, safe=_QUOTE_SAFE)}={c.category}"
        if c.logged_id
        else f"{'' if c.legacy or name_key(c.name).isascii() else _NAMED}{c.name}={c.category}"
        for c in items
    ]
    gone = sorted(removed - own)
    named = [f"{_REMOVED_NAME}{quote(i, safe='')}:{quote(names[i], safe='')}" for i in gone if names.get(i)]
    return ";".join([*kept, *(_REMOVED + quote(i, safe="") for i in gone), *named])


def _exact(items: Iterable[Custom], text: str) -> list[Custom]:
    """The exercises among ``items`` that ``text`` names by name or id, in any case and with or without
    brackets ("goblet squat kettlebell" is "Goblet Squat (Kettlebell)")."""
    wanted = name_key(text)
    return [c for c in items if wanted and wanted in c.keys]


@lru_cache(maxsize=64)
def _by_key(compact: str) -> dict[str, tuple[Custom, ...]]:
    """The user's exercises (their compact string) by each key `_exact` compares, in the order they
    came: every /log looks its name up here first, and an import can leave thousands of names (reading
    3,000 in turn took 2 ms a look, three looks a /log)."""
    found: dict[str, list[Custom]] = {}
    for c in _parts(compact)[0]:
        for key in dict.fromkeys(c.keys):
            found.setdefault(key, []).append(c)
    return {key: tuple(items) for key, items in found.items()}


def _named(items: list[Custom], text: str) -> list[Custom]:
    """`_exact`; else by the text less its bracket ("cossack squat (dumbbell)"); else the one exercise
    whose name less its bracket is the text ("goblet squat", when only one goblet squat is the user's);
    else the one whose name is the text but for accents ("cafe bridge": "Café Bridge")."""
    bare = strip_equipment(text)
    named = _exact(items, text) or (_exact(items, bare) if bare != text.strip() else [])
    if named:
        return named
    wanted = name_key(text)
    loose = [c for c in items if wanted and c.bare == wanted]
    if len(loose) == 1:
        return loose
    # Typed without its accents ("cafe bridge" for "Café Bridge"): the one exercise it can be.
    plain = folded(wanted)
    unaccented = [c for c in items if plain and c.folded == plain]
    return unaccented if len(unaccented) == 1 else []


def own_named(profile: Profile, text: str) -> Custom | None:
    """The user's own exercise ``text`` names (see `_named`), not looking in the library."""
    named = _named(customs(profile), text)
    return named[0] if named else None


def in_library(lib: Library, text: str) -> Exercise | None:
    """The library exercise ``text`` names, read whole: the library reads ASCII letters only, so a name
    with others ("Ягодичный hip thrust") is none of its exercises, not what its ASCII letters spell."""
    return lib.find_exercise(text) if name_key(text) == normalise(text) else None


def find(lib: Library, profile: Profile, text: str) -> Known | None:
    """The exercise ``text`` names: one of the user's own by its whole name, else the library's (id,
    name, alias), else one of the user's own (see `_named`). "hip thrust (barbell)" or "banded hip
    thrust" is the library's hip thrust unless the user has their own of that name (an import they
    kept as theirs: /log logs it by the name /exercise shows)."""
    wanted = name_key(text)
    exact = _by_key(profile.custom_exercises).get(wanted, ()) if wanted and profile.custom_exercises else ()
    if exact:
        return exact[0]
    found = in_library(lib, text)
    if found is None:
        bare = strip_equipment(text)
        found = in_library(lib, bare) if bare != text.strip() else None
    if found is not None:
        return found
    named = _named(customs(profile), text)
    return named[0] if named else None


def only_logged(lib: Library, profile: Profile, logged: set[str]) -> list[Custom]:
    """Exercise ids in the user's log that are neither the library's nor the user's own (an import
    before the user's own kept them, or one removed from /exercise), shaped as the user's own so
    /progress and /history read them."""
    own = {c.id for c in customs(profile)}
    return [
        Custom(display_name(lib, profile, i), "accessory", logged_id=i)
        for i in sorted(logged)
        if i not in lib.exercises and i not in own
    ]


def find_logged(ctx: Context, account: str, profile: Profile, text: str) -> Known | None:
    """`find`, else an exercise id only the user's log holds (by id or as /history shows it)."""
    found = _exactly_imported(ctx, account, profile, text, find(ctx.library, profile, text))
    if found is not None:
        return found
    wanted = name_key(text)
    if not wanted:
        return None
    if len(wanted) > IMPORTED_NAME_MAX and (stored := _imported_under(ctx, account, wanted)) is not None:
        text = stored  # an app's name typed in full: the id the import keeps its sets under
        if (found := find(ctx.library, profile, text)) is not None:
            return found
    logged = {e.exercise for e in ctx.store.entries(account)}
    named = _named(only_logged(ctx.library, profile, logged), text)
    return named[0] if named else None


def imported_name(source: str) -> str:
    """The app's exercise name in an imported entry's key (``<app>|<start>|<name>[|#<block>]``; our
    own export's keys name none: "")."""
    if source.count("|") < 2:
        return ""
    name = source.split("|", 2)[-1]
    head, _, block = name.rpartition("|#")
    return head if head and block.isdigit() else name


def _exactly_imported(
    ctx: Context, account: str, profile: Profile, text: str, found: Known | None
) -> Known | None:
    """``found``, unless ``text`` is exactly as long as an imported id keeps and names an exercise an
    import kept under it that holds a longer name's sets, while an import stored ``text`` itself
    elsewhere (told apart before a name that fits kept itself): then that one, the exercise of exactly
    that name. Read in the log only for such a name."""
    wanted = name_key(text)
    if not isinstance(found, Custom) or not found.logged_id or len(wanted) != IMPORTED_NAME_MAX:
        return found
    for entry in reversed(ctx.store.entries(account)):
        if entry.exercise != found.id and entry.source and name_key(imported_name(entry.source)) == wanted:
            return find(ctx.library, profile, entry.exercise) or found
    return found


def find_imported(ctx: Context, account: str, profile: Profile, text: str) -> Known | None:
    """`find`, else the exercise an import stored the app's name ``text`` under: a name longer than an
    id keeps, typed in full ("… With Rotation Left Arm", kept cut short and told apart from its alikes)."""
    found = _exactly_imported(ctx, account, profile, text, find(ctx.library, profile, text))
    wanted = name_key(text)
    if found is not None or len(wanted) <= IMPORTED_NAME_MAX:
        return found
    stored = _imported_under(ctx, account, wanted)
    if stored is None:
        return None
    # By that id, never as a name typed: an id kept cut to 60 characters is no 60-character name to
    # redirect to the exercise imported under exactly it (`_exactly_imported`).
    return find(ctx.library, profile, stored) or find_logged(ctx, account, profile, stored)


def _imported_under(ctx: Context, account: str, wanted: str) -> str | None:
    """The exercise id the latest import of the app's name ``wanted`` (a `name_key`) stored its sets
    under; None when no import named it."""
    for entry in reversed(ctx.store.entries(account)):
        if entry.source and name_key(imported_name(entry.source)) == wanted:
            return entry.exercise
    return None


def suggest(lib: Library, profile: Profile, text: str, limit: int = 3) -> list[Known]:
    """The closest names to a misspelt one: the user's own first when they match as well."""
    query = name_key(text)
    own = [(fuzz.WRatio(query, name_key(c.name)), c) for c in customs(profile)] if query else []
    mine: list[Known] = [c for score, c in sorted(own, key=lambda x: -x[0]) if score >= 70]
    return (mine + list(lib.suggest_exercises(text, limit=limit)))[:limit]


def display_name(lib: Library, profile: Profile, exercise_id: str) -> str:
    """How an exercise id is shown: the library's name, the user's own, or the id made readable."""
    if exercise_id in lib.exercises:
        return lib.exercises[exercise_id].name
    for custom in customs(profile):
        if custom.id == exercise_id:
            return custom.name
    return removed_names(profile).get(exercise_id) or _readable(exercise_id)


def category_of(lib: Library, profile: Profile, exercise_id: str) -> str:
    """An exercise id's kind: the library's, or the user's own as they gave it ("" for one only the log
    knows)."""
    if exercise_id in lib.exercises:
        return lib.exercises[exercise_id].category
    return next((c.category for c in customs(profile) if c.id == exercise_id), "")


def _readable(exercise_id: str) -> str:
    """An id only the log knows, as /history shows it ("custom_cossack_squat" → "Cossack squat")."""
    text = exercise_id.removeprefix(PREFIX).replace("_", " ")
    return text[:1].upper() + text[1:]


def _split(text: str, lib: Library) -> tuple[str, str | None]:
    """``reverse hyper glute lift`` → ("reverse hyper", "glute_lift"): the category is the last one or
    two words; a kind alone (``accessory``) is no name: ("", "accessory")."""
    words = text.split()
    for take in (2, 1):
        if len(words) >= take:
            said = " ".join(words[-take:])
            category = lib.find_category(said) if name_key(said) == normalise(said) else None
            if category is not None:
                return " ".join(words[:-take]), category
    return " ".join(words), None


def _added(profile: Profile) -> list[Custom]:
    """The user's exercises added with /exercise add (not those kept from an import)."""
    return [c for c in customs(profile) if not c.logged_id]


LISTED = 30  # names /exercise lists in each part; more are found by /exercise <letters>


def _natural(c: Custom) -> tuple[tuple[int, int | str], ...]:
    """A name's place in a list: by its letters, its numbers as numbers ("Day 2" before "Day 10")."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", folded(name_key(c.name))))


def _bounded(items: list[Custom]) -> tuple[list[Custom], list[Custom]]:
    """At most `LISTED` of ``items`` (the first by name when there are more, else as they came), and
    those left out."""
    if len(items) <= LISTED:
        return items, []
    ordered = sorted(items, key=_natural)
    return ordered[:LISTED], ordered[LISTED:]


def _more(left: list[Custom]) -> str:
    """How many more, and how to find one (the first left out's first word as the example)."""
    if not left:
        return ""
    word = left[0].name.split()[0]
    return f"\n… and {len(left):,} more: /exercise <letters> finds them (e.g. /exercise {esc(word.lower())})."


def _listing(profile: Profile, imported: list[Custom]) -> str:
    mine = _added(profile)
    if not mine and not imported:
        return f"You have no exercises of your own yet. Add one: {EXAMPLE}"
    parts = []
    if mine:
        shown, left = _bounded(mine)
        lines = [f"• {esc(c.name)} ({CATEGORY_SHOWN[c.category]})" for c in shown]
        parts.append(
            "Your own exercises:\n"
            + "\n".join(lines)
            + _more(left)
            + "\nRemove one with /exercise remove <name>."
        )
    if imported:
        shown, left = _bounded(imported)
        lines = [f"• {esc(c.name)}" for c in shown]
        parts.append(
            "From your imported history (in /history and /progress):\n"
            + "\n".join(lines)
            + _more(left)
            + "\nRemove one from this list with /exercise remove <name>; its sets stay in your log."
        )
    return "\n\n".join(parts)


def _found(text: str, listed: list[Custom]) -> Reply | None:
    """``/exercise <letters>``: the user's exercises whose name holds them (accents aside), first by
    name; None when none does."""
    wanted = folded(name_key(text))
    hits = [c for c in listed if wanted and wanted in c.folded]
    if not hits:
        return None
    shown, left = _bounded(sorted(hits, key=_natural))
    lines = [
        f"• {esc(c.name)}" + (f" ({CATEGORY_SHOWN[c.category]})" if not c.logged_id else "") for c in shown
    ]
    more = f"\n… and {len(left):,} more: type more of the name." if left else ""
    return Reply(f"Your exercises with “{esc(text[:40])}” in the name:\n" + "\n".join(lines) + more)


def _log_line(name: str, unit: Unit = "kg") -> str:
    """The /log line an added exercise's reply suggests, its load in the lifter's ``unit`` (the name
    checks read it in kg: only the load differs)."""
    return example_in(f"{name.lower()} 3x10 20kg", unit)


def _added_line(name: str, category: str, unit: Unit) -> str:
    """The /log line the reply to an add suggests: an activation exercise takes reps and a band, no load
    ("2x15 medium band", which /log stores as typed), any other `_log_line`'s."""
    if category == "activation":
        return f"{name.lower()} 2x15 medium band"
    return _log_line(name, unit)


def _unit(profile: Profile) -> Unit:
    """The unit the lifter logs in, which the suggested /log line is given in."""
    return "lb" if profile.units == "lb" else "kg"


def _read_back(name: str, ctx: Context, names: tuple[str, ...] = ()) -> str | None:
    """The exercise name /log reads in the line an add suggests for ``name`` ("" for none, None when
    /log refuses the line). ``names``: the user's own, which /log reads whole at a line's start."""
    try:
        read = parse_log(_log_line(name), LogContext(now=ctx.clock(), names=names))
    except LogParseError:
        return None
    if isinstance(read, Ambiguous):
        read = read.readings[0]
    return read.exercise or ""


def _misread(name: str, ctx: Context, names: tuple[str, ...] = ()) -> str | None:
    """The words of ``name`` that /log reads as something other than the name (a repeat, a day,
    bodyweight, a marker, a number, a unit...), so the suggested line would not log it; None when it
    reads back to the name. /log's own reading decides: no second list of its words to drift. Such
    words at its start are no matter when a name of its own follows them ("Same Side Step",
    "Yesterday Lift"): /log reads the user's ``names`` whole at a line's start, this one added."""
    word = _misread_alone(name, ctx)
    if word is None or not name.lower().startswith(word.lower() + " "):
        return word
    rest = name[len(word) :].strip().lower()
    whole = _read_back(name.lower(), ctx, (*names, name)) == name.lower()
    return None if whole and _read_back(rest, ctx) == rest and not _a_line_alone(name, ctx) else word


def _a_line_alone(name: str, ctx: Context) -> bool:
    """Is ``name`` alone a /log line naming no exercise ("same as last time": a repeat of the last
    lift)? Such a name would take that line's meaning away."""
    try:
        read = parse_log(name.lower(), LogContext(now=ctx.clock()))
    except LogParseError:
        return False
    readings = read.readings if isinstance(read, Ambiguous) else (read,)
    return any(not r.exercise for r in readings)


def _misread_alone(name: str, ctx: Context) -> str | None:
    """`_misread` as /log reads a line with no names of the user's own."""
    if _read_back(name.lower(), ctx) == name.lower():
        return None
    # Which words: the shortest start of the name /log does not read back (a word alone can read
    # otherwise than inside the name: "x" in "x band walk").
    words = name.split()
    for end in range(1, len(words) + 1):
        prefix = " ".join(words[:end]).lower()
        said = _read_back(prefix, ctx)
        if said == prefix:
            continue
        if said is not None and (not said or prefix.startswith(said + " ")):
            return " ".join(words[len(said.split()) : end])  # what /log took from the name
        return words[end - 1]
    return name


def close_to_library(lib: Library, name: str) -> Exercise | None:
    """The library exercise ``name`` looks like a typo of (see `TYPO_SCORE`), or None."""
    query = name_key(name)  # (a name in another script is close to none: the library's are English)
    for exercise in lib.suggest_exercises(name, limit=3):
        labels = [normalise(label) for label in (exercise.name, *exercise.aliases)]
        # Two letters swapped ("hip thrsut") is one slip, though ratio scores it only 90.
        if any(fuzz.ratio(query, label) >= TYPO_SCORE or OSA.distance(query, label) <= 1 for label in labels):
            return exercise
    return None


def _in_library(exercise: Exercise, said: str) -> Reply:
    return Reply(f"{esc(exercise.name)} is already in the library: log it with /log {esc(said)} 3x10.")


def _add_refusal(
    lib: Library, profile: Profile, name: str, category: str | None, ctx: Context, pressed: bool = False
) -> Reply | None:
    """Why ``/exercise add`` cannot add this name (None: it can). ``pressed``: the add came from a
    button (the "Did you mean" question's own), so a name close to the library's is not asked again."""
    if not name and category is not None:  # "/exercise add accessory": the kind came, the name did not
        return Reply(f"Give the exercise a name before its kind, for example {EXAMPLE}")
    if len(name) > MAX_NAME or not is_name(name):
        return Reply(f"{NAME_RULE}, for example {EXAMPLE}")
    if name[0].isdigit():
        return Reply(f"Start the name with a letter (numbers are read as sets), for example {EXAMPLE}")
    if category is None:
        # "hip thrust main": the library's exercise and a word that is no kind; that it is the
        # library's is the answer (as with a kind), not a question about the kind.
        words = name.split()
        for take in range(len(words), max(len(words) - 2, 0), -1):
            said = " ".join(words[:take])
            known = in_library(lib, said)
            if known is not None:
                return _in_library(known, said)
        kinds = ", ".join(CATEGORY_SHOWN.values())
        return Reply(f"Say what kind of exercise it is ({kinds}), for example {EXAMPLE}")
    word = _misread(name, ctx, tuple(c.name for c in customs(profile)))
    if word is not None:
        return Reply(
            f"/log reads “{esc(word)}” as part of what you did, not as a name, so /log "
            f"{esc(_log_line(name, _unit(profile)))} would not log “{esc(name)}”. Pick another name, for example {EXAMPLE}"
        )
    known = find(lib, profile, name)
    if isinstance(known, Exercise):
        return _in_library(known, name)
    # Its accents aside, the library's ("Glúte Bridgé"): a twin, as one of the user's own would be.
    plain = in_library(lib, folded(name_key(name))) if known is None else None
    if plain is not None:
        return _in_library(plain, plain.name.lower())
    if known is not None:
        return Reply(f"You already have {esc(known.name)}. /exercise lists yours.")
    if len(_added(profile)) >= MAX_CUSTOM:
        return Reply(f"You have {MAX_CUSTOM} exercises of your own, the most I keep: remove one first.")
    close = None if pressed else close_to_library(lib, name)
    if close is not None:
        kind = category.replace("_", " ")
        return Reply(
            f"Did you mean {esc(close.name)}? It is in the library already; “{esc(name)}” would be an "
            "exercise of your own.",
            buttons=(
                (Button(f"Did you mean {close.name}"[:60], f"/exercise add {close.name.lower()} {kind}"),),
                (Button(f"Add “{name}” anyway"[:60], f"/exercise add {name} {kind}"),),
            ),
        )
    return None


def _only_logged(ctx: Context, account: str, profile: Profile) -> list[Custom]:
    logged = {e.exercise for e in ctx.store.entries(account)}
    return only_logged(ctx.library, profile, logged)


def _listed_imports(ctx: Context, account: str, profile: Profile) -> list[Custom]:
    """The exercises kept from an import that /exercise lists: the user's own, then those only the log
    knows (imported before imports were kept as the user's own; not those the user removed)."""
    gone = removed_ids(profile)
    kept = [c for c in customs(profile) if c.logged_id]
    return kept + [c for c in _only_logged(ctx, account, profile) if c.id not in gone]


def _removing(ctx: Context, account: str, profile: Profile, rest: str) -> list[Custom]:
    """What ``/exercise remove <rest>`` names (see `_named`) among the user's own and those only the
    log knows: all of one name ("cossack squat" added while an import held "Cossack squat")."""
    listed = {c.id: c for c in [*customs(profile), *_listed_imports(ctx, account, profile)]}
    return _named(list(listed.values()), rest)


def _adopting(ctx: Context, account: str, profile: Profile, name: str) -> Custom | None:
    """The exercise only the log knows (imported before imports were kept as the user's own, or removed
    from /exercise) that ``/exercise add <name>`` names: it becomes the user's own, no twin is made."""
    # (one of the user's own removed from the list has the id an add gives it: the add lists it again)
    named = [c for c in _named(_only_logged(ctx, account, profile), name) if c.id != Custom(name, "").id]
    return named[0] if named else None


def _not_yours(rest: str) -> Reply:
    return Reply(f"“{esc(rest[:60])}” is not one of your exercises. /exercise lists yours.")


def _which_to_remove(profile: Profile) -> Reply:
    """A bare ``/exercise remove``: what it expects, with one of the user's own names as the example."""
    mine = _added(profile)
    name = mine[0].name if mine else "reverse hyper"
    return Reply(f"Which exercise? Name it, e.g. /exercise remove {esc(name)}. /exercise lists yours.")


def clean_name(text: str) -> str:
    """A typed or imported name as it is kept and compared: compatibility forms as their plain letters
    and digits ("ｆｕｌｌ" is "full", as `normalise` matches it), typographic apostrophes as "'"
    ("Farmer’s walk", as phones type it), no control or direction characters (domain/text.py), single
    spaces."""
    return visible_text(unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'"))


def _words(request: Request) -> tuple[str, str]:
    action, _, rest = clean_name(request.text).partition(" ")
    return action.lower(), rest


USAGE = f"Use /exercise add <name> <kind> or /exercise remove <name>, for example {EXAMPLE}"


async def exercise_check(request: Request, ctx: Context) -> Reply | None:
    """Before the write limit (core.dispatch): the listing, and every line /exercise cannot apply, are
    answered here, so a refused name never spends the user's budget of changes (None: a write)."""
    lib = ctx.library
    profile = ctx.store.profile(request.account)
    action, rest = _words(request)
    if action in ("", "list"):
        return Reply(_listing(profile, _listed_imports(ctx, request.account, profile)))
    if action == "add":
        return _add_refusal(lib, profile, *_split(rest, lib), ctx, pressed=request.via_button)
    if action in ("remove", "delete", "rm"):
        if not rest:
            return _which_to_remove(profile)
        return None if _removing(ctx, request.account, profile, rest) else _not_yours(rest)
    listed = [*_added(profile), *_listed_imports(ctx, request.account, profile)]
    return _found(clean_name(request.text), listed) or Reply(USAGE)


async def exercise(request: Request, ctx: Context) -> Reply:
    """``/exercise add <name> <category>``, ``/exercise remove <name>``, ``/exercise`` lists them."""
    refused = await exercise_check(request, ctx)
    if refused is not None:
        return refused  # (run without its check: the same answer)
    lib = ctx.library
    profile = ctx.store.profile(request.account)
    action, rest = _words(request)
    mine, removed = customs(profile), removed_ids(profile)
    if action == "add":
        name, category = _split(rest, lib)
        logged = _adopting(ctx, request.account, profile, name)
        if logged is not None:
            kept = replace(logged, category=category or "accessory")
            compact = _compact([*mine, kept], removed - {kept.id}, removed_names(profile))
            ctx.store.save_profile(replace(profile, custom_exercises=compact))
            return Reply(
                f"You already have *{esc(kept.name)}* from your imported history: it is now one of "
                f"your exercises ({CATEGORY_SHOWN[kept.category]}), with its sets. "
                f"Log it like /log {esc(_added_line(name, kept.category, _unit(profile)))}."
            )
        added = Custom(name, category or "accessory")
        # (added again after a remove: listed again, as its own)
        compact = _compact([*mine, added], removed, removed_names(profile))
        ctx.store.save_profile(replace(profile, custom_exercises=compact))
        return Reply(
            f"Added *{esc(name)}* ({CATEGORY_SHOWN[added.category]}) to your exercises. "
            f"Log it like /log {esc(_added_line(name, added.category, _unit(profile)))}; /history and /progress"
            " know it too."
        )
    gone = _removing(ctx, request.account, profile, rest)
    # Its id is remembered as removed, so sets it keeps in the log do not list it again.
    removed |= {c.id for c in gone}
    kept = [c for c in mine if c not in gone]
    names = removed_names(profile) | {c.id: c.name for c in gone}  # shown for its sets, as typed
    ctx.store.save_profile(replace(profile, custom_exercises=_compact(kept, removed, names)))
    shown = " and ".join(f"*{esc(c.name)}*" for c in gone)
    return Reply(f"Removed {shown} from your exercises. Sets you logged stay in /history and /export.")

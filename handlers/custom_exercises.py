"""A user's own exercises (/exercise add|remove), and the one way handlers resolve an exercise name:
the library first (read-only, shared), then the user's own.

Kept in the user's Profile as a compact string, ``"reverse hyper=accessory;sled push=compound"``: a
handful of names per user needs no table of its own, and the profile already travels with the account
(link, delete, backup). A custom exercise's id is ``custom_`` + its name in snake case; entries keep
that id when the exercise is removed, so /history still names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import quote, unquote

from rapidfuzz import fuzz

from content.library import Exercise, Library, normalise
from core.context import Context
from core.markup import esc
from core.messages import Reply, Request
from domain.levels import CATEGORIES
from storage.models import Profile

PREFIX = "custom_"
MAX_CUSTOM = 50
MAX_NAME = 40
_NAME_OK = re.compile(r"^[^\W_][\w' -]*$")
_CATEGORY_SHOWN = {
    "activation": "activation",
    "glute_lift": "glute lift",
    "compound": "compound lift",
    "accessory": "accessory",
}
EXAMPLE = "/exercise add reverse hyper accessory"


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

    @property
    def id(self) -> str:
        return self.logged_id or PREFIX + "_".join(normalise(self.name).split())

    @property
    def loaded(self) -> bool:
        return self.category != "activation"


Known = Exercise | Custom


def customs(profile: Profile) -> list[Custom]:
    """The user's exercises, in the order they were added (an unreadable part is skipped)."""
    out = []
    for part in profile.custom_exercises.split(";"):
        name, _, category = part.partition("=")
        if name.strip() and category in CATEGORIES:
            out.append(Custom(name.strip(), category))
    return out


# A part "~<exercise id, percent-quoted>" names an exercise the user removed from their list whose
# sets stay in the log (one an import kept under the app's name, or one of their own with sets logged):
# /exercise no longer lists it. Quoted, an id holds no ";" or "=", so `customs` skips the part.
_REMOVED = "~"


def removed_ids(profile: Profile) -> set[str]:
    parts = profile.custom_exercises.split(";")
    return {unquote(p[len(_REMOVED) :]) for p in parts if p.startswith(_REMOVED) and len(p) > 1}


def list_again(ctx: Context, account: str, exercise_ids: set[str]) -> None:
    """New sets were stored under these ids (an import): a removed one among them is listed again."""
    profile = ctx.store.profile(account)
    removed = removed_ids(profile)
    if removed & exercise_ids:
        compact = _compact(customs(profile), removed - exercise_ids)
        ctx.store.save_profile(replace(profile, custom_exercises=compact))


def _compact(items: list[Custom], removed: set[str]) -> str:
    own = {c.id for c in items}
    kept = [f"{c.name}={c.category}" for c in items]
    return ";".join([*kept, *(_REMOVED + quote(i, safe="") for i in sorted(removed - own))])


def find(lib: Library, profile: Profile, text: str) -> Known | None:
    """The exercise ``text`` names: the library's (id, name, alias), else one of the user's own."""
    found = lib.find_exercise(text)
    if found is not None:
        return found
    wanted = normalise(text)
    if not wanted:
        return None
    for custom in customs(profile):
        if wanted in (normalise(custom.name), normalise(custom.id)):
            return custom
    return None


def only_logged(lib: Library, profile: Profile, logged: set[str]) -> list[Custom]:
    """Exercise ids in the user's log that are neither the library's nor the user's own (an import kept
    them under the app's name), shaped as the user's own so /progress and /history read them."""
    own = {c.id for c in customs(profile)}
    return [
        Custom(display_name(lib, profile, i), "accessory", logged_id=i)
        for i in sorted(logged)
        if i not in lib.exercises and i not in own
    ]


def find_logged(ctx: Context, account: str, profile: Profile, text: str) -> Known | None:
    """`find`, else an exercise id only the user's log holds (by id or as /history shows it)."""
    found = find(ctx.library, profile, text)
    if found is not None:
        return found
    wanted = normalise(text)
    if not wanted:
        return None
    logged = {e.exercise for e in ctx.store.entries(account)}
    for custom in only_logged(ctx.library, profile, logged):
        if wanted in (normalise(custom.id), normalise(custom.name)):
            return custom
    return None


def suggest(lib: Library, profile: Profile, text: str, limit: int = 3) -> list[Known]:
    """The closest names to a misspelt one: the user's own first when they match as well."""
    query = normalise(text)
    own = [(fuzz.WRatio(query, normalise(c.name)), c) for c in customs(profile)] if query else []
    mine: list[Known] = [c for score, c in sorted(own, key=lambda x: -x[0]) if score >= 70]
    return (mine + list(lib.suggest_exercises(text, limit=limit)))[:limit]


def display_name(lib: Library, profile: Profile, exercise_id: str) -> str:
    """How an exercise id is shown: the library's name, the user's own, or the id made readable."""
    if exercise_id in lib.exercises:
        return lib.exercises[exercise_id].name
    for custom in customs(profile):
        if custom.id == exercise_id:
            return custom.name
    text = exercise_id.removeprefix(PREFIX).replace("_", " ")
    return text[:1].upper() + text[1:]


def _split(text: str, lib: Library) -> tuple[str, str | None]:
    """``reverse hyper glute lift`` → ("reverse hyper", "glute_lift"): the category is the last one or
    two words."""
    words = text.split()
    for take in (2, 1):
        if len(words) > take:
            category = lib.find_category(" ".join(words[-take:]))
            if category is not None:
                return " ".join(words[:-take]), category
    return " ".join(words), None


def _listing(profile: Profile, imported: list[Custom]) -> str:
    mine = customs(profile)
    if not mine and not imported:
        return f"You have no exercises of your own yet. Add one: {EXAMPLE}"
    parts = []
    if mine:
        lines = [f"• {esc(c.name)} ({_CATEGORY_SHOWN[c.category]})" for c in mine]
        parts.append(
            "Your own exercises:\n" + "\n".join(lines) + "\nRemove one with /exercise remove <name>."
        )
    if imported:
        lines = [f"• {esc(c.name)}" for c in imported]
        parts.append(
            "From your imported history (in /history and /progress):\n"
            + "\n".join(lines)
            + "\nRemove one from this list with /exercise remove <name>; its sets stay in your log."
        )
    return "\n\n".join(parts)


def _add_refusal(lib: Library, profile: Profile, name: str, category: str | None) -> Reply | None:
    """Why ``/exercise add`` cannot add this name (None: it can)."""
    if category is None:
        kinds = ", ".join(_CATEGORY_SHOWN.values())
        return Reply(f"Say what kind of exercise it is ({kinds}), for example {EXAMPLE}")
    if not name or len(name) > MAX_NAME or not _NAME_OK.match(name) or not normalise(name):
        return Reply(
            f"A name is letters, digits, spaces and hyphens, at most {MAX_NAME} characters, for example {EXAMPLE}"
        )
    if name[0].isdigit():
        return Reply(f"Start the name with a letter (numbers are read as sets), for example {EXAMPLE}")
    known = find(lib, profile, name)
    if isinstance(known, Exercise):
        return Reply(f"{esc(known.name)} is already in the library: log it with /log {esc(name)} 3x10.")
    if known is not None:
        return Reply(f"You already have {esc(known.name)}. /exercise lists yours.")
    if len(customs(profile)) >= MAX_CUSTOM:
        return Reply(f"You have {MAX_CUSTOM} exercises of your own, the most I keep: remove one first.")
    return None


def _listed_imports(ctx: Context, account: str, profile: Profile) -> list[Custom]:
    """The exercises only the log knows that /exercise lists (not those the user removed)."""
    logged = {e.exercise for e in ctx.store.entries(account)}
    gone = removed_ids(profile)
    return [c for c in only_logged(ctx.library, profile, logged) if c.id not in gone]


def _removing(ctx: Context, account: str, profile: Profile, rest: str) -> list[Custom]:
    """What ``/exercise remove <rest>`` names: one of the user's own, else one an import kept."""
    wanted = normalise(rest)
    if not wanted:
        return []
    for found in (customs(profile), _listed_imports(ctx, account, profile)):
        named = [c for c in found if wanted in (normalise(c.name), normalise(c.id))]
        if named:
            return named
    return []


def _not_yours(rest: str) -> Reply:
    return Reply(f"“{esc(rest[:60])}” is not one of your exercises. /exercise lists yours.")


def _words(request: Request) -> tuple[str, str]:
    action, _, rest = request.text.strip().partition(" ")
    return action.lower(), " ".join(rest.split())


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
        return _add_refusal(lib, profile, *_split(rest, lib))
    if action in ("remove", "delete", "rm"):
        return None if _removing(ctx, request.account, profile, rest) else _not_yours(rest)
    return Reply(USAGE)


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
        added = Custom(name, category or "accessory")
        # (added again after a remove: listed again, as its own)
        ctx.store.save_profile(replace(profile, custom_exercises=_compact([*mine, added], removed)))
        return Reply(
            f"Added *{esc(name)}* ({_CATEGORY_SHOWN[added.category]}) to your exercises. "
            f"Log it like /log {esc(name.lower())} 3x10 20kg; /history and /progress know it too."
        )
    gone = _removing(ctx, request.account, profile, rest)
    # Its id is remembered as removed, so sets it keeps in the log do not list it again.
    removed |= {c.id for c in gone}
    kept = [c for c in mine if c not in gone]
    ctx.store.save_profile(replace(profile, custom_exercises=_compact(kept, removed)))
    return Reply(
        f"Removed *{esc(gone[0].name)}* from your exercises. Sets you logged stay in /history and /export."
    )

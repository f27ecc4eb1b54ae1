"""Names offered while an exercise is typed (Discord's autocomplete): the user's own exercises that
match first (by the start of the name, of a word, then anywhere; case and accents aside, in any
alphabet), then the library's matches. Nothing that does not match: "Ягод" offers "Ягодичный мост"
if the user has it, and no unrelated lifts."""

from __future__ import annotations

from core.context import Context
from handlers.custom_exercises import Custom, customs, folded, name_key


def _folded(text: str) -> str:
    """``text`` as typed names are compared: `name_key` less accents ("Élév" → "elev"), by the rule
    /log finds the user's own by (`custom_exercises.folded`)."""
    return folded(name_key(text))


def _rank(name: str, query: str) -> int | None:
    """0: the name starts with ``query``; 1: one of its words does; 2: it holds it; None: no match."""
    label = _folded(name)
    if label.startswith(query) or label.replace(" ", "").startswith(query.replace(" ", "")):
        return 0
    if any(" ".join(label.split()[i:]).startswith(query) for i in range(1, len(label.split()))):
        return 1
    return 2 if len(query) >= 2 and query in label else None


def own_matches(own: list[Custom], typed: str) -> list[str]:
    """The names of ``own`` that match ``typed``, best first (all of them, in order, for nothing typed)."""
    query = _folded(typed)
    if not query:
        return [c.name for c in own]
    ranked = [(rank, i, c.name) for i, c in enumerate(own) if (rank := _rank(c.name, query)) is not None]
    return [name for _, _, name in sorted(ranked)]


# Commands whose exercise option is the library's only (they refuse the user's own: "is not in the
# library"); the others resolve the user's own too (`custom_exercises.find`: /log, /history,
# /progress ...), so theirs come first there.
LIBRARY_ONLY = frozenset({"explain", "warmup"})


def exercise_choices(ctx: Context, user: str, typed: str, limit: int, command: str = "") -> list[str]:
    """At most ``limit`` exercise names for what ``user`` has typed so far in ``command``'s option: their
    own first (none for a library-only command), but a library lift whose name an own one only extends
    ("Hip thrust" for "Hip Thrust Pause") just before it: what was typed is that lift at least as much."""
    library = [e.name for e in ctx.library.complete_exercises(typed, limit=limit)]
    if command in LIBRARY_ONLY:
        return library[:limit]
    profile = ctx.store.profile(ctx.store.account_of(user))
    names: list[str] = []
    for own in own_matches(customs(profile), typed):
        label = _folded(own)
        names += [n for n in library if label.startswith(_folded(n) + " ") and _rank(n, _folded(typed)) == 0]
        names.append(own)
    names += library
    seen: set[str] = set()
    unique = [n for n in names if not (n.casefold() in seen or seen.add(n.casefold()))]
    return unique[:limit]

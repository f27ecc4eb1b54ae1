"""/import: training history from Strong, Hevy or this coach's own /export (parsing: coaching/imports.py).

The flow: a file arrives (Telegram: a document with /import as caption, or after /import in the private
chat; Discord: the command's file option; console: ``/import <path>``) → it is read off the event loop
(`core.jobs`) → the exercise names and what they map to in the library are shown with buttons, and
nothing is stored until the user accepts. Until then the file and the choices wait in the user's outbox
folder (which /deleteme removes) for a day; a button carries the import's token, so a button under an
older import cannot apply a newer one.

On Accept a worker reads the file again with the choices and leaves out what the log already holds
(the key: app, workout start, exercise and its block; our own export's rows match the log by time,
exercise and sets). An entry of our own export that the log holds otherwise (`changed_entries`: a rep
corrected in a spreadsheet, a note emptied, a date moved, its exercise renamed) is never added as a second
copy: the preview lists it, "Accept all" keeps the log's, "Accept, update …" puts the file's sets, note and
time in its place as an /edit would (/undo takes each back); its exercise stays, as /edit keeps it, which
is said with how to move it (/delete, then /log). The rest is
written in durable batches from a thread (the store serialises access with its own lock),
while a progress message says how far it got. A name kept under the app's name becomes the user's own
exercise (/log, /exercise find it); a dumbbell lift done with two dumbbells is stored as a pair, the app's
weight per hand (`is_pair`). Measured here (bench/import_bench.py): 30,000 sets in
about 3 s; another user's answers stay fast meanwhile.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import pickle
import re
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz

from coaching.hardsets import warmups_read
from coaching.imports import (
    ALIASES,
    MAX_BYTES,
    OTHER_REASONS,
    Changed,
    ImportedExercise,
    ImportError_,
    ImportFormat,
    ImportSummary,
    LogIndex,
    ParsedImport,
    changed_entries,
    decode,
    equipment_of,
    log_index,
    numbered_keys,
    parse_export,
    read_summary,
    strip_equipment,
    with_held,
    with_pairs,
)
from content.library import Library, normalise
from core.context import Context
from core.markup import esc
from core.messages import Button, Reply, Request
from domain.text import visible_text
from domain.training import Entry, Held, chronological, group_sessions
from handlers.custom_exercises import (
    IMPORTED_NAME_MAX,
    clean_name,
    display_name,
    imported_as,
    imported_name,
    keep_imported,
    own_named,
    renamed_id,
)
from handlers.logbook import UNDO_KEPT, describe_entry, held_said, local_date, remember_edit, user_zone
from storage.atomic import atomic_write_bytes, read_regular, remove_file
from storage.layout import outbox_path
from storage.models import Profile

CUSTOM = "custom"  # kept as the user's own exercise, under the app's name
SKIP = "skip"
PENDING_TTL = timedelta(hours=24)
# Sets per durable write while storing. Each write rewrites the whole account file (~0.5 s of CPU at
# 30,000 sets, measured here), so a 5-year history is one write: fewer writes cost less in all.
BATCH_SETS = 40_000
CHUNK_ENTRIES = 250  # entries unpickled between two turns of the event loop (~10 ms)
SHOWN_NAMES = 25  # names listed in the preview; the rest are summed up
SHOWN_PROBLEMS = 15  # kinds of reason; each is one line (~130 characters at most)
SHOWN_CHANGED = 10  # entries listed that the log holds otherwise than the file; the rest summed up
UPDATE = "update"  # the apply button that puts the file's in place of the log's (`changed_entries`)
CUSTOM_NAME_MAX = IMPORTED_NAME_MAX
FUZZY_SURE = 91  # rapidfuzz ratio (0-100) from which a name is taken as a library exercise ("hack squat"
# is 90 from "back squat": a near miss is offered under "Change one", never assumed)

HOW_TO = (
    "Send me your export as a CSV file: in Telegram attach it as a file with /import as its caption; "
    "in Discord use /import and pick the file; in the console type /import path/to/export.csv. "
    "I read exports from Strong, Hevy and this coach's /export."
)


@dataclass
class Pending:
    """An import waiting for the user's yes: the file beside it, and the choices made so far."""

    token: str
    filename: str
    format: str
    created: str  # ISO UTC
    unit: str = ""  # kg / lb for Strong's current export, once the user said which
    choices: dict[str, str] = field(default_factory=dict)  # name → exercise id | custom | skip
    names: list[str] = field(default_factory=list)  # the file's exercise names, most sets first
    shown: dict[str, str] = field(default_factory=dict)  # our own export: id → the name the user saw
    categories: dict[str, str] = field(default_factory=dict)  # our own export: id → the exercise's kind


def _paths(ctx: Context, request: Request) -> tuple[Path, Path]:
    folder = outbox_path(ctx.data_dir, request.user)
    return folder / "import-pending.csv", folder / "import-pending.json"


def _load_pending(ctx: Context, request: Request, token: str) -> tuple[Pending, bytes] | None:
    data_path, meta_path = _paths(ctx, request)
    try:
        # never through a link planted there (a FIFO hung the confirmation; a file outside was imported)
        pending = Pending(**json.loads(read_regular(meta_path).decode("utf-8")))
        data = read_regular(data_path)
    except (OSError, ValueError, TypeError):
        return None
    if pending.token != token or ctx.clock() - datetime.fromisoformat(pending.created) > PENDING_TTL:
        return None
    return pending, data


def _save_pending(ctx: Context, request: Request, pending: Pending, data: bytes | None = None) -> None:
    data_path, meta_path = _paths(ctx, request)
    data_path.parent.mkdir(parents=True, exist_ok=True)
    if data is not None:
        atomic_write_bytes(data_path, data)
    atomic_write_bytes(meta_path, json.dumps(asdict(pending)).encode())


def _drop_pending(ctx: Context, request: Request) -> None:
    for path in _paths(ctx, request):
        remove_file(path)


GONE = "That import is finished or was replaced by a newer one. Send /import with the file to start again."


# ------------------------------------------------------------------ names → library


def match_name(name: str, fmt: ImportFormat, library: Library) -> str:
    """The library exercise an app's name means, or CUSTOM when none is close enough to assume."""
    if fmt is ImportFormat.COACH:
        # Our own ids, or a name as /log reads it ("rdl" is the Romanian deadlift there too).
        found = library.find_exercise(name)
        return found.id if found is not None else CUSTOM
    alias = ALIASES.get(" ".join(name.casefold().split()))
    if alias in library.exercises:
        return alias  # type: ignore[return-value]
    for text in (name, strip_equipment(name)):
        found = library.find_exercise(text)
        if found is not None:
            return found.id
    # Only a near-certain fuzzy match (a typo, a spelling) is assumed, whole name against whole name:
    # partial matches ("Hack Squat" ~ "squat") are offered under "Change one", never assumed.
    query = normalise(strip_equipment(name))
    best, score = CUSTOM, 0.0
    for exercise in library.exercises.values():
        for label in (exercise.name, *exercise.aliases):
            ratio = fuzz.ratio(query, normalise(label))
            if ratio > score:
                best, score = exercise.id, ratio
    return best if score >= FUZZY_SURE else CUSTOM


def _mapping(pending: Pending, library: Library, profile: Profile, existing: list[Entry]) -> dict[str, str]:
    """Each name's choice; one kept as the user's own that names an exercise they already have (added
    or imported before, in any case) goes to that exercise, never to a twin; but not one an import
    stored a longer name's sets under, cut to this name (`kept_ids` keeps it apart)."""
    fmt = ImportFormat(pending.format)
    came_from = _came_from(existing)
    mapping = {}
    for name in pending.names:
        choice = pending.choices.get(name) or match_name(name, fmt, library)
        mine = own_named(profile, name) if choice == CUSTOM else None
        longer = mine is not None and _cut_of_another(name, came_from.get(mine.id, set()))
        mapping[name] = mine.id if mine is not None and not longer else choice
    return mapping


def _came_from(existing: list[Entry]) -> dict[str, set[str]]:
    """The app names each exercise id's imported entries came from."""
    came_from: dict[str, set[str]] = {}
    for e in existing:
        if e.source.startswith(_APPS):
            came_from.setdefault(e.exercise, set()).add(imported_name(e.source))
    return came_from


def _cut_of_another(name: str, before: set[str]) -> bool:
    """Is ``name`` (not cut itself) the cut of a longer name among ``before``, not one of them?"""
    return not _cut_short(name) and any(_cut_short(b) and b != name for b in before)


def is_pair(name: str, choice: str, fmt: ImportFormat, library: Library) -> bool:
    """Are an app's sets of ``name`` (mapped to ``choice``) done with a pair of dumbbells? Strong and
    Hevy store what the user typed for a dumbbell exercise, the weight of one dumbbell. A pair only when
    the name says dumbbell and the library's exercise is done with dumbbells in both hands
    ("Romanian Deadlift (Dumbbell)"), or the name itself says dumbbells; a goblet squat or a frog pump
    holds one, and a name that does not say stays one load (our own export says it per set)."""
    if fmt is ImportFormat.COACH:
        return False
    if "dumbbells" in normalise(name).split():
        return True
    exercise = library.exercises.get(choice)
    if exercise is None or equipment_of(name) != "dumbbell":
        return False
    return any("dumbbells" in normalise(e).split() for e in exercise.equipment)


def _pairs(pending: Pending, mapping: dict[str, str], library: Library) -> frozenset[str]:
    fmt = ImportFormat(pending.format)
    return frozenset(name for name, choice in mapping.items() if is_pair(name, choice, fmt, library))


def held_of(name: str, choice: str, fmt: ImportFormat, library: Library) -> Held | None:
    """The one dumbbell or kettlebell an app's sets of ``name`` (mapped to ``choice``) were done with on a
    lift the library loads on a bar: "Hip Thrust (Dumbbell)" is a dumbbell on the hips, as /log reads
    "hip thrust (dumbbell)" (`held_said`, the one rule). None for a pair (`is_pair`: "Romanian Deadlift
    (Dumbbell)", a lift done with dumbbells in both hands), the lift's own implement, an own exercise,
    and our own export (its rows say it per set)."""
    if fmt is ImportFormat.COACH or is_pair(name, choice, fmt, library):
        return None
    exercise = library.exercises.get(choice)
    if exercise is None:
        return None
    said = held_said(name, name, exercise)
    return Held(said) if said is not None else None


def _helds(pending: Pending, mapping: dict[str, str], library: Library) -> dict[str, Held]:
    fmt = ImportFormat(pending.format)
    return {name: h for name, choice in mapping.items() if (h := held_of(name, choice, fmt, library))}


# What an imported name keeps: what /exercise add takes (letters, digits, spaces, hyphens,
# apostrophes), the apps' brackets ("Goblet Squat (Kettlebell)") and "_" inside a word (our own export's
# ids, "custom_reverse_hyper"). The rest (markup, control and format characters: a direction override
# turns the line around it) is a space: a file's names are anyone's text.
_NOT_NAME = re.compile(r"[^\w' ()-]|(?<![^\W_])_|_(?![^\W_])")


def _custom_id(name: str) -> str:
    # The entry keeps the app's name as its exercise id (/history shows it; targets and /plan read
    # library exercises only), cleaned as /exercise add's names are (full-width letters read plain).
    kept = _NOT_NAME.sub(" ", clean_name(name))
    return " ".join(kept.split())[:CUSTOM_NAME_MAX].strip() or "imported exercise"


def _lettered(cut: str, name: str) -> str:
    """``cut`` with five letters made from the whole ``name``: the id a name cut to another's text was
    given before ids said the name's last words; a name stored so keeps it (see `kept_ids`)."""
    digest = hashlib.sha256(name.encode()).digest()
    letters = "".join(chr(ord("a") + b % 26) for b in digest[:5])
    return f"{cut[: CUSTOM_NAME_MAX - len(letters) - 1].rstrip()} {letters}"


def _apart(cut: str, name: str, taken: set[str]) -> str:
    """``cut`` (a long name cut short, or a name that is another's cut) told apart by ``name``'s last
    words in brackets ("… Overhead (Rotation Left Arm)"): readable, and /log reads it whole. A number
    after it when those words are taken too; never an id in ``taken``."""
    words = " ".join(_NOT_NAME.sub(" ", clean_name(name)).split())
    tail = _head_and_tail(words, CUSTOM_NAME_MAX).rpartition("…")[2] if len(words) > CUSTOM_NAME_MAX else ""
    tail = tail or " ".join(words.split()[-2:])
    for n in range(1, 100):
        said = tail if n == 1 else f"{tail} {n}"
        kept = f"{cut[: CUSTOM_NAME_MAX - len(said) - 3].rstrip()} ({said})"
        if kept not in taken:
            return kept
    return _lettered(cut, name)


_APPS = tuple(f"{f.app}|" for f in ImportFormat if f is not ImportFormat.COACH)  # keys that carry the name


def _cut_short(name: str) -> bool:
    """Is ``name`` longer than an id keeps (`_custom_id` cuts it)?"""
    return len(" ".join(_NOT_NAME.sub(" ", clean_name(name)).split())) > CUSTOM_NAME_MAX


def kept_ids(names: list[str], mapping: dict[str, str], existing: list[Entry]) -> dict[str, str]:
    """The exercise id each name kept as the user's own is stored under (`_custom_id`). A name longer
    than an id keeps is cut. A name that fits keeps itself: in one file it claims its text before a
    longer name cut to it, which then gets `_apart`, as does a name whose cut another name holds
    (earlier in this file, or an earlier import). A name imported before keeps the id its sets are
    under, so ids of stored data never move."""
    came_from = _came_from(existing)
    taken = set(came_from)
    owner: dict[str, str] = {}
    ids: dict[str, str] = {}
    # Names that fit first: a name exactly another's cut is that text's, the longer one is told apart.
    for name in sorted(names, key=_cut_short):
        if mapping.get(name) != CUSTOM:
            continue
        cut = _custom_id(name)
        before = came_from.get(cut, set())
        other = owner.get(cut, name)
        if _cut_short(name):
            apart = other != name or bool(before and name not in before)
        else:  # a name exactly the cut of a longer one stored there already is not that one's exercise
            apart = other != name or _cut_of_another(name, before)
        if apart:  # stored apart before (in letters, `_lettered`, or in words): there still
            ids[name] = next(
                (i for i, were in came_from.items() if name in were and i != cut and i.startswith(cut[:20])),
                None,
            ) or _apart(cut, name, taken)
        else:
            owner[cut] = name
            ids[name] = cut
        taken.add(ids[name])
    return ids


def _said(text: str, limit: int = CUSTOM_NAME_MAX) -> str:
    """A file's text as a reply echoes it (a name, the file's name): no control or direction characters,
    and at most ``limit`` characters, "…" where it was cut. A file's names are anyone's text: a
    10,000-character one must not fill three messages, nor U+202E turn the line around."""
    text = visible_text(text)
    return text if len(text) <= limit else text[:limit] + "…"


def _names_said(shown: list[str], limit: int = CUSTOM_NAME_MAX) -> list[str]:
    """`_said` of each of a file's names. A name cut short where another starts with the same text
    (a longer name alike, or one that is exactly that text) is told apart by where it differs: its start,
    "…", and its words from the one before the first that differs ("…Rotation Left Arm"), so no two
    read the same, nor one only by a trailing "…"."""
    texts = [visible_text(text) for text in shown]
    alike: dict[str, list[str]] = {}
    for text in texts:
        alike.setdefault(text[:limit], []).append(text)
    return [
        _where_it_differs(text, alike[text[:limit]], limit)
        if len(text) > limit and len(alike[text[:limit]]) > 1
        else _said(text, limit)
        for text in texts
    ]


def _where_it_differs(text: str, others: list[str], limit: int) -> str:
    """``text`` in ``limit`` characters told apart from ``others`` (its alikes, itself among them)."""
    same = max((len(os.path.commonprefix([text, o])) for o in others if o != text), default=0)
    words = [m.start() for m in re.finditer(r"(?<!\S)\S", text)]
    before = [w for w in words if w <= same] or [0]
    room = limit - min(limit // 3, 12) - 1  # the tail may take all but a head of a few words
    # From the word before the first that differs when that fits ("Rotation Left Arm"), else from it.
    start = before[-2] if len(before) > 1 and len(text) - before[-2] <= room else before[-1]
    tail = text[start:]
    if len(tail) > room:
        tail = tail[: room - 1].rstrip() + "…"
    return f"{text[: limit - len(tail) - 1].rstrip()}…{tail}"


def _head_and_tail(text: str, limit: int) -> str:
    """``text`` in ``limit`` characters and a "…": its start, and its end from a word's start."""
    if len(text) <= limit:
        return text
    tail = text[-(limit // 3) :]
    word = tail.find(" ")
    tail = tail[word + 1 :] if 0 <= word < len(tail) - 4 else tail
    return f"{text[: limit - len(tail)].rstrip()}…{tail}"


def _target_text(
    name: str,
    choice: str,
    ctx: Context,
    profile: Profile,
    pair: bool = False,
    shown: str = "",
    kept: str = "",
    held: Held | None = None,
) -> str:
    """Where ``name``'s sets go, as the preview says it. ``shown``: the name the user saw for it in our
    own export, whose rows name a custom exercise by its id (one this account lacks is kept as theirs).
    ``kept``: the id a name kept as the user's own is stored under (`kept_ids`)."""
    if choice == SKIP:
        return "skipped"
    each = " with a pair of dumbbells, weight per hand" if pair else f" with one {held}" if held else ""
    if choice == CUSTOM:  # an app's name as it is kept; our own export's as /history will show it
        kept = kept or _custom_id(name)
        kept = imported_as(kept, shown).name if shown else kept
        return f"your own exercise “{esc(kept)}”{each}"
    exercise = ctx.library.exercises.get(choice)
    if exercise is None:  # one the user has
        return f"your own exercise “{esc(display_name(ctx.library, profile, choice))}”{each}"
    return esc(exercise.name) + each


# ------------------------------------------------------------------ replies


def _n(number: int, one: str, many: str) -> str:
    """ "30,008 sets": thousands separated (a history runs to tens of thousands)."""
    return f"{number:,} {one if number == 1 else many}"


def _dates(parsed: ImportSummary, zone: ZoneInfo) -> str:
    first, last = parsed.first_at, parsed.last_at
    if first is None or last is None:
        return ""
    a, b = first.astimezone(zone).strftime("%d %b %Y"), last.astimezone(zone).strftime("%d %b %Y")
    return a if a == b else f"{a} – {b}"


def _problems(parsed: ImportSummary) -> list[str]:
    if not parsed.problem_count:
        return []
    lines = [f"Skipped {_n(parsed.problem_count, 'row', 'rows')} I could not take:"]
    # Every reason once, with its first line and how many rows it stands for (rows of one reason are
    # one line, so a file of 5,000 bad rows is still a short reply).
    shown = parsed.reasons[:SHOWN_PROBLEMS]
    for r in shown:
        more = f" (and {_n(r.rows - 1, 'more row', 'more rows')})" if r.rows > 1 else ""
        where = f"line {r.line}: " if r.reason != OTHER_REASONS else ""
        lines.append(f"• {where}{esc(r.reason)}{more}")
    rest = parsed.reasons[SHOWN_PROBLEMS:]
    if rest:
        rows = sum(r.rows for r in rest)
        lines.append(
            f"• {_n(rows, 'more row', 'more rows')} for {_n(len(rest), 'other reason', 'other reasons')}"
        )
    return lines


def _preview(parsed: ImportSummary, pending: Pending, ctx: Context, request: Request) -> Reply:
    lib = ctx.library
    profile = ctx.store.profile(request.account)
    zone = _zone(ctx, request)
    existing = ctx.store.entries(request.account)
    mapping = _mapping(pending, lib, profile, existing)
    pairs = _pairs(pending, mapping, lib)
    helds = _helds(pending, mapping, lib)
    kept = kept_ids(pending.names, mapping, existing)
    workouts = parsed.workouts
    lines = [
        f"*{esc(ImportFormat(pending.format).title)}* export “{esc(_said(pending.filename))}”: "
        f"{_n(parsed.set_count, 'set', 'sets')} of {_n(len(mapping), 'exercise', 'exercises')} in "
        f"{_n(workouts, 'workout', 'workouts')}, {_dates(parsed, zone)}."
    ]
    if pending.unit:
        lines.append(f"Loads in {pending.unit}.")
    lines += _problems(parsed)
    if parsed.not_strength:
        lines.append(
            f"{_n(parsed.not_strength, 'cardio or timed row is', 'cardio or timed rows are')} left out."
        )
    changed, said_changed = _changed_said(parsed, mapping, existing, ctx, profile)
    lines += said_changed
    lines.append("")
    lines.append("How the names map (nothing is stored until you accept):")
    names = parsed.names
    shown_names = list(names)[:SHOWN_NAMES]
    said = dict(zip(shown_names, _names_said([parsed.shown.get(n, n) for n in shown_names]), strict=True))
    for name, sets in list(names.items())[:SHOWN_NAMES]:
        target = _target_text(
            name,
            mapping[name],
            ctx,
            profile,
            name in pairs,
            parsed.shown.get(name, ""),
            kept.get(name, ""),
            helds.get(name),
        )
        # Our own export is matched by its ids, and shown by the names the user saw; cut where a name
        # kept as the user's own is cut (CUSTOM_NAME_MAX).
        lines.append(f"• {esc(said[name])} → {target} ({_n(sets, 'set', 'sets')})")
    rest = list(names)[SHOWN_NAMES:]
    if rest:
        custom = sum(1 for n in rest if mapping[n] == CUSTOM)
        lines.append(f"• … and {len(rest):,} more ({custom:,} kept as your own exercises)")
    if any(choice == CUSTOM for choice in mapping.values()):
        lines.append("Your own exercises are stored under the app's name and show in /history.")
    token = pending.token
    accept = (
        Button("Accept all", f"/import_apply {token}", style="success", single_use=True),
        Button("Change one", f"/import_change {token}"),
    )
    cancel = (Button("Cancel", f"/import_cancel {token}", style="danger", single_use=True),)
    update = Button(
        _update_label(changed), f"/import_apply {token} {UPDATE}", style="success", single_use=True
    )
    buttons = (accept, (update,), cancel) if changed else (accept, cancel)
    return Reply("\n".join(lines), buttons=buttons)


def _changed_said(
    parsed: ImportSummary, mapping: dict[str, str], existing: list[Entry], ctx: Context, profile: Profile
) -> tuple[int, list[str]]:
    """How many of the log's entries the file holds otherwise (`changed_entries`) "Accept, update"
    changes (one only renamed has nothing to change: `Changed.updatable`), and the preview's lines on
    them all: a heading, one line each (SHOWN_CHANGED of them; the rest summed up), what each button
    does, and which keep their exercise against the file or the user's mapping (`_keeps_exercise`)."""
    by_id = {e.id: e for e in existing}
    entries = [
        e
        for i, c in parsed.changed.items()
        if (e := by_id.get(i)) is not None and mapping.get(c.file.name) != SKIP
    ]
    if not entries:
        return 0, []
    count = len(entries)
    changes = [parsed.changed[e.id] for e in entries]
    differ, nouns = _what_differs(changes)
    lines = [
        "",
        f"{_n(count, 'entry', 'entries')} already in your log {'has' if count == 1 else 'have'} {differ} "
        "in this file:",
    ]
    for e, c in zip(entries[:SHOWN_CHANGED], changes, strict=False):
        name = esc(display_name(ctx.library, profile, e.exercise))
        day = "" if c.moved else f", {local_date(e.at, profile)}"  # a moved one's line gives both days
        lines.append(f"• #{e.id} {name}{day}: {_differences(e, c, ctx, profile)}")
    if count > SHOWN_CHANGED:
        lines.append(f"• … and {count - SHOWN_CHANGED:,} more")
    updates = sum(c.updatable for c in changes)
    if updates:
        lines.append(
            f"“Accept all” keeps your log's {nouns}; “{_update_label(updates)}” puts the file's in "
            f"{'its' if nouns in ('note', 'date') else 'their'} place (/undo takes {_undo_reach(updates)})."
        )
    kept = _keeps_exercise(ctx, profile, entries, parsed.changed, mapping, _update_label(updates))
    return updates, lines + ([kept] if kept else [])


def _what_differs(changes: list[Changed]) -> tuple[str, str]:
    """What differs of these entries in the file, as the preview and the reply say it ("other sets or
    another note"), and the nouns "Accept, update" puts in place ("sets and note"; "" when only the
    exercise differs, which stays)."""
    one = len(changes) == 1
    said = [
        (words, noun)
        for differs, words, noun in (
            (any(c.sets for c in changes), "other sets", "sets"),
            (
                any(c.note for c in changes),
                "another note" if one else "other notes",
                "note" if one else "notes",
            ),
            (
                any(c.moved for c in changes),
                "another date" if one else "other dates",
                "date" if one else "dates",
            ),
            (any(c.exercise for c in changes), "another exercise" if one else "other exercises", ""),
        )
        if differs
    ]
    return _joined([w for w, _ in said], "or"), _joined([n for _, n in said if n], "and")


def _joined(words: list[str], last: str) -> str:
    """ "a, b or c" (``last``: "or", "and"); "" for none."""
    return ", ".join(words[:-1]) + f" {last} " + words[-1] if len(words) > 1 else "".join(words)


def _differences(e: Entry, c: Changed, ctx: Context, profile: Profile) -> str:
    """One changed entry's line: for each of its exercise, time, sets and note that differs, the file's
    and the log's ("Glute bridge in the file; 8, 8, 7 @ 120 kg in your log, 3 × 8 @ 120 kg in the
    file")."""
    parts = []
    if c.exercise:  # the log's is the line's name
        parts.append(f"{esc(display_name(ctx.library, profile, c.file.name))} in the file")
    if c.moved:
        zone = user_zone(profile)
        # moved by hours on the same local day: its times say it
        same_day = local_date(e.at, profile) == local_date(c.file.at, profile)
        shown = "%a %d %b %Y %H:%M" if same_day else "%a %d %b %Y"
        parts.append(
            f"{e.at.astimezone(zone):{shown}} in your log, {c.file.at.astimezone(zone):{shown}} in the file"
        )
    if c.sets:
        theirs = describe_entry(replace(e, sets=c.file.sets))
        parts.append(f"{esc(describe_entry(e))} in your log, {esc(theirs)} in the file")
    if c.note:
        ours = f"note “{esc(e.note)}”" if e.note else "no note"
        theirs = f"“{esc(c.file.note)}”" if c.file.note else "none"
        parts.append(f"{ours} in your log, {theirs} in the file")
    return "; ".join(parts)


def _keeps_exercise(
    ctx: Context,
    profile: Profile,
    entries: list[Entry],
    changed: Mapping[int, Changed],
    mapping: Mapping[str, str],
    label: str = "",
) -> str:
    """Changed entries whose name in the file is another exercise, or which the user mapped to another:
    an entry already in the log keeps its exercise (/edit refuses another lift's name too), which is said
    with how to move it, rather than the file or the choice ignored without a word; "" for none.
    ``label``: the preview's update button, said to change only the rest of theirs that differs."""
    remapped = []
    for e in entries:
        c = changed[e.id]
        other = mapping.get(c.file.name)
        if other == CUSTOM and c.exercise:  # kept as the user's own: the file's name is that exercise
            other = c.file.name
        if other is not None and other not in (e.exercise, SKIP, CUSTOM):
            remapped.append((e, other))
    if not remapped:
        return ""
    said = "; ".join(
        f"#{e.id} stays {esc(display_name(ctx.library, profile, e.exercise))}, "
        f"not {esc(display_name(ctx.library, profile, other))}"
        for e, other in remapped[:SHOWN_CHANGED]
    )
    rest = len(remapped) - SHOWN_CHANGED
    said += f" (and {rest:,} more)" if rest > 0 else ""
    updated = [changed[e.id] for e, _ in remapped if changed[e.id].updatable]
    only = (
        f"; “{label}” changes only {'its' if len(remapped) == 1 else 'their'} {_what_differs(updated)[1]}"
        if label and updated
        else ""
    )
    if len(remapped) == 1:
        [(e, other)] = remapped
        name = esc(display_name(ctx.library, profile, other))
        move = f"To move it, /delete {e.id} and /log it again as {name}."
    else:
        move = "To move one, /delete its number and /log it again as the other exercise."
    return (
        f"{said}: an entry already in your log keeps its exercise (/edit cannot change it either)"
        f"{only}. {move}"
    )


def _ask_unit(pending: Pending) -> Reply:
    token = pending.token
    return Reply(
        "Strong's export gives the loads without a unit. Were they in kg or lb?",
        buttons=(
            (
                Button("kg", f"/import_unit {token} kg", single_use=True),
                Button("lb", f"/import_unit {token} lb", single_use=True),
            ),
            (Button("Cancel", f"/import_cancel {token}", style="danger", single_use=True),),
        ),
    )


def _zone(ctx: Context, request: Request) -> ZoneInfo:
    try:
        return ZoneInfo(ctx.store.profile(request.account).timezone)
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


async def _parse(ctx: Context, request: Request, data: bytes, unit: str) -> ImportSummary:
    """The file read in a worker (30,000 sets take about a second of CPU), never on the event loop;
    only its summary comes back."""
    seen, log = await asyncio.to_thread(known, ctx.store.entries(request.account))
    return await ctx.jobs.run(
        request.account,
        "import",
        read_summary,
        data,
        _zone(ctx, request),
        unit or None,
        ctx.clock(),
        seen,
        log,
    )


async def _progress(request: Request, text: str) -> None:
    if request.progress is not None:
        await request.progress(text)


# ------------------------------------------------------------------ commands


async def _read_file(request: Request) -> tuple[bytes, str] | Reply:
    """The file's bytes and name: the attachment, or (console only) a local path."""
    if request.attachment is not None:
        attachment = request.attachment
        if attachment.size > MAX_BYTES or len(attachment.data) > MAX_BYTES:
            return Reply(f"That file is too large: I read exports up to {MAX_BYTES // (1024 * 1024)} MB.")
        if not attachment.data:
            return Reply("That file is empty. " + HOW_TO)
        return attachment.data, attachment.filename
    text = request.text.strip()
    if not text or request.target.platform != "console":
        # Only the console (the operator's own machine) may name a file on this machine.
        return Reply(HOW_TO)
    got = await asyncio.to_thread(_read_local, text)
    return Reply(got) if isinstance(got, str) else got


def _read_local(text: str) -> tuple[bytes, str] | str:
    """A file on this machine (the console's /import <path>), or why not."""
    try:
        path = Path(text.strip("'\"")).expanduser()
    except RuntimeError:  # "~name" of a user this machine does not have
        return f"“{esc(_said(text, 80))}” is not a file. Example: /import ~/Downloads/strong.csv"
    try:
        if not path.is_file():
            return f"“{esc(_said(text, 80))}” is not a file. Example: /import ~/Downloads/strong.csv"
        if path.stat().st_size > MAX_BYTES:
            return f"That file is too large: I read exports up to {MAX_BYTES // (1024 * 1024)} MB."
        return path.read_bytes(), path.name
    except OSError:
        return f"I can't open “{esc(_said(text, 80))}”. Example: /import ~/Downloads/strong.csv"


async def import_(request: Request, ctx: Context) -> Reply:
    got = await _read_file(request)
    if isinstance(got, Reply):
        return got
    data, filename = got
    try:
        if not decode(data).strip():
            return Reply("That file is empty. " + HOW_TO)
        await _progress(request, f"Reading {_said(filename)}…")
        parsed = await _parse(ctx, request, data, "")
    except ImportError_ as exc:  # not an export, or its text unreadable: the message says which
        return Reply(esc(str(exc)))
    if not parsed.set_count:
        lines = ["I found no sets of reps in that file, so there is nothing to import."]
        return Reply("\n".join(lines + _problems(parsed)))
    pending = Pending(
        token=secrets.token_hex(4),
        filename=filename,
        format=parsed.format.value,
        created=ctx.clock().isoformat(),
        names=list(parsed.names),
        shown=dict(parsed.shown),
        categories=dict(parsed.categories),
    )
    await asyncio.to_thread(_save_pending, ctx, request, pending, data)
    await _progress(request, f"Read {_n(parsed.set_count, 'set', 'sets')} from {_said(filename)}.")
    if parsed.needs_unit:
        return _ask_unit(pending)
    return _preview(parsed, pending, ctx, request)


async def _loaded(request: Request, ctx: Context) -> tuple[Pending, bytes] | Reply:
    found = await asyncio.to_thread(_load_pending, ctx, request, str(request.args.get("token", "")))
    return Reply(GONE) if found is None else found


async def _chosen(ctx: Context, request: Request, pending: Pending, data: bytes) -> Reply:
    """A choice made on the preview (the unit, a name's mapping): kept, and the preview shown again."""
    await asyncio.to_thread(_save_pending, ctx, request, pending)
    parsed = await _parse(ctx, request, data, pending.unit)
    return _preview(parsed, pending, ctx, request)


async def import_unit(request: Request, ctx: Context) -> Reply:
    found = await _loaded(request, ctx)
    if isinstance(found, Reply):
        return found
    pending, data = found
    pending.unit = "lb" if request.args.get("unit") == "lb" else "kg"
    return await _chosen(ctx, request, pending, data)


async def import_change(request: Request, ctx: Context) -> Reply:
    found = await _loaded(request, ctx)
    if isinstance(found, Reply):
        return found
    pending, _ = found
    names = pending.names[:SHOWN_NAMES]
    labels = _names_said([pending.shown.get(name, name) for name in names], 39)
    rows = [(Button(label, f"/import_pick {pending.token} {i}"),) for i, label in enumerate(labels)]
    return Reply("Which name should map differently?", buttons=tuple(rows))


async def import_pick(request: Request, ctx: Context) -> Reply:
    found = await _loaded(request, ctx)
    if isinstance(found, Reply):
        return found
    pending, _ = found
    names = pending.names
    index = int(request.args.get("index", -1))
    if not 0 <= index < len(names):
        return Reply(GONE)
    name = names[index]
    # As "Change one" listed it (names alike up to the cut keep their tails)
    said = _names_said([pending.shown.get(n, n) for n in names[: max(SHOWN_NAMES, index + 1)]])[index]
    lib = ctx.library
    profile = ctx.store.profile(request.account)
    existing = ctx.store.entries(request.account)
    mapping = _mapping(pending, lib, profile, existing)
    current = mapping[name]
    kept = kept_ids(pending.names, mapping, existing).get(name, "")
    fmt = ImportFormat(pending.format)
    candidates = lib.suggest_exercises(strip_equipment(name), limit=4, min_score=40)
    if current in lib.exercises and lib.exercises[current] not in candidates:
        candidates.insert(0, lib.exercises[current])
    token = pending.token
    rows: list[tuple[Button, ...]] = [
        (Button(e.name[:40], f"/import_set {token} {index} {e.id}"),) for e in candidates[:4]
    ]
    rows.append(
        (
            Button("Keep as my own exercise", f"/import_set {token} {index} {CUSTOM}"),
            Button("Skip it", f"/import_set {token} {index} {SKIP}"),
        )
    )
    return Reply(
        f"“{esc(said)}” now maps to "
        f"{_target_text(name, current, ctx, profile, is_pair(name, current, fmt, lib), pending.shown.get(name, ''), kept, held_of(name, current, fmt, lib))}. "
        "What is it?",
        buttons=tuple(rows),
    )


async def import_set(request: Request, ctx: Context) -> Reply:
    found = await _loaded(request, ctx)
    if isinstance(found, Reply):
        return found
    pending, data = found
    names = pending.names
    index = int(request.args.get("index", -1))
    choice = str(request.args.get("choice", ""))
    if not 0 <= index < len(names) or (choice not in (CUSTOM, SKIP) and choice not in ctx.library.exercises):
        return Reply(GONE)
    pending.choices[names[index]] = choice
    return await _chosen(ctx, request, pending, data)


async def import_cancel(request: Request, ctx: Context) -> Reply:
    found = await _loaded(request, ctx)
    if isinstance(found, Reply):
        return found
    await asyncio.to_thread(_drop_pending, ctx, request)
    return Reply("Import cancelled; nothing was stored.")


def known(existing: list[Entry]) -> tuple[frozenset[str], LogIndex]:
    """The keys of what the log already holds: imported entries' sources, and for every entry the key
    our own export's rows of it get (its time, exercise and sets: coaching/imports.py), as stored and as
    the export writes them (a light set typed without its "w" is written as a warm-up, `warmups_read`);
    and each entry with its keys by time and exercise (`changed_entries` reads it)."""
    keys: dict[int, set[str]] = {}
    written = [e for s in group_sessions(existing) for e in warmups_read(s.entries)]
    for entries in (chronological(existing), written):
        for e, key in zip(entries, numbered_keys((e.at, e.exercise, e.sets) for e in entries), strict=True):
            keys.setdefault(e.id, set()).add(key)
    seen = frozenset({e.source for e in existing if e.source}.union(*keys.values()))
    return seen, log_index((e, frozenset(keys.get(e.id, ()))) for e in existing)


def new_entries(
    parsed: ParsedImport,
    mapping: dict[str, str],
    seen: set[str] | frozenset[str],
    pairs: frozenset[str] = frozenset(),
    helds: Mapping[str, Held] | None = None,
    changed: Mapping[str, Changed] | None = None,
) -> tuple[list[Entry], int, int, dict[int, Changed]]:
    """The entries to store, how many sets were already in the log, how many were skipped, and each
    stored entry the file holds otherwise, by its id (``changed``: `changed_entries`), never stored as
    new. ``pairs``: the names whose loads are per hand of a pair of dumbbells (`is_pair`);
    ``helds``: the names done with one dumbbell or kettlebell held on a bar lift (`held_of`)."""
    helds = helds or {}
    changed = changed or {}
    seen = set(seen)
    fresh: list[Entry] = []
    other: dict[int, Changed] = {}
    already = skipped = 0
    for exercise in parsed.exercises:
        choice = mapping.get(exercise.name, CUSTOM)
        if choice == SKIP:
            skipped += len(exercise.sets)
            continue
        if exercise.source in changed:
            other[changed[exercise.source].entry] = changed[exercise.source]
            continue
        if exercise.source in seen:
            already += len(exercise.sets)
            continue
        seen.add(exercise.source)
        entry = _entry(exercise, _custom_id(exercise.name) if choice == CUSTOM else choice)
        if exercise.name in pairs:
            entry = replace(entry, sets=with_pairs(entry.sets))
        elif (held := helds.get(exercise.name)) is not None:
            entry = replace(entry, sets=with_held(entry.sets, held))
        fresh.append(entry)
    return fresh, already, skipped, other


@dataclass(frozen=True)
class Prepared:
    """What to store, in batches of about BATCH_SETS sets, pickled in chunks: a worker builds them and
    the loop unpickles a chunk at a time (all 30,000 sets at once would hold the loop for ~0.3 s)."""

    batches: tuple[tuple[bytes, ...], ...]  # per batch (one durable write), its pickled chunks
    sets: tuple[int, ...]  # per batch
    entries: int
    already: int
    skipped: int
    changed: dict[int, Changed]  # stored entry id → how the file holds it (`changed_entries`)


def prepare(
    data: bytes,
    zone: ZoneInfo,
    unit: str | None,
    mapping: dict[str, str],
    seen: frozenset[str],
    pairs: frozenset[str] = frozenset(),
    now: datetime | None = None,
    helds: Mapping[str, Held] | None = None,
    log: LogIndex | None = None,
) -> Prepared:
    """Run in a worker: the file read again with the user's choices, less what the log holds."""
    parsed = parse_export(data, zone, unit, now)  # type: ignore[arg-type]
    changed = changed_entries(parsed, seen, log or {})
    fresh, already, skipped, other = new_entries(parsed, mapping, seen, pairs, helds, changed)
    batches: list[tuple[bytes, ...]] = []
    sizes: list[int] = []
    start = 0
    while start < len(fresh):
        end, size = start, 0
        while end < len(fresh) and size < BATCH_SETS:
            size += len(fresh[end].sets)
            end += 1
        batch = fresh[start:end]
        batches.append(
            tuple(
                pickle.dumps(batch[i : i + CHUNK_ENTRIES], protocol=pickle.HIGHEST_PROTOCOL)
                for i in range(0, len(batch), CHUNK_ENTRIES)
            )
        )
        sizes.append(size)
        start = end
    return Prepared(tuple(batches), tuple(sizes), len(fresh), already, skipped, other)


def _changed_in_log(
    ctx: Context, request: Request, changed: dict[int, Changed], update: bool, mapping: Mapping[str, str]
) -> list[str]:
    """The log's entries the file holds otherwise: the file's sets, note and time (what differs) put in
    their place when the user chose so (each an /edit step /undo takes back; the exercise stays, as
    /edit keeps it), else kept; what the reply says of them."""
    account = request.account
    profile = ctx.store.profile(account)
    entries = [e for i in changed if (e := ctx.store.entry(account, i)) is not None]
    if not entries:
        return []
    count = len(entries)
    differ, nouns = _what_differs([changed[e.id] for e in entries])
    to_update = [e for e in entries if changed[e.id].updatable]
    kept = _keeps_exercise(ctx, profile, entries, changed, mapping)
    stays = [kept] if kept else []
    if not update:
        take = (
            f" To take the file's {nouns}, send it again and press “{_update_label(len(to_update))}”."
            if to_update
            else ""
        )
        return [
            f"{_n(count, 'entry', 'entries')} already in your log {'has' if count == 1 else 'have'} {differ} "
            f"in the file and {'was kept as it is' if count == 1 else 'were kept as they are'}: "
            f"{_entries_said(ctx, profile, entries)}.{take}"
        ] + stays
    updated = []
    for before in to_update:
        c = changed[before.id]
        after = replace(
            before,
            sets=c.file.sets if c.sets else before.sets,  # (the same sets as written: the log's stay)
            note=c.file.note if c.note else before.note,
            at=c.file.at if c.moved else before.at,
        )
        ctx.store.replace_entry(account, after)
        remember_edit(ctx, account, before)
        updated.append(after)  # said as it is now (a moved one on its new day)
    if not updated:  # only renamed: nothing of theirs to put in place
        return stays
    return [
        f"Updated {_n(len(updated), 'entry', 'entries')} in your log to the file's {nouns}: "
        f"{_entries_said(ctx, profile, updated)}. /undo takes {_undo_reach(len(updated))}."
    ] + stays


def _entries_said(ctx: Context, profile: Profile, entries: list[Entry]) -> str:
    """ "#1 Hip thrust (Mon 30 Nov 2026), …": the first SHOWN_CHANGED, the rest counted."""
    said = [
        f"#{e.id} {esc(display_name(ctx.library, profile, e.exercise))} ({local_date(e.at, profile)})"
        for e in entries[:SHOWN_CHANGED]
    ]
    rest = len(entries) - SHOWN_CHANGED
    return ", ".join(said) + (f" and {rest:,} more" if rest > 0 else "")


def _undo_reach(count: int) -> str:
    """What /undo takes back of ``count`` entries an import updated: /undo keeps UNDO_KEPT steps."""
    if count == 1:
        return "it back"
    return "each back, newest first" if count <= UNDO_KEPT else f"back the last {UNDO_KEPT}, newest first"


def _update_label(count: int) -> str:
    return f"Accept, update {'it' if count == 1 else f'those {count:,}'}"


def _entry(exercise: ImportedExercise, exercise_id: str) -> Entry:
    return Entry(
        exercise=exercise_id, sets=exercise.sets, at=exercise.at, note=exercise.note, source=exercise.source
    )


async def import_apply(request: Request, ctx: Context) -> Reply:
    found = await _loaded(request, ctx)
    if isinstance(found, Reply):
        return found
    pending, data = found
    await _progress(request, "Importing: reading the file again…")
    existing = ctx.store.entries(request.account)
    mapping = _mapping(pending, ctx.library, ctx.store.profile(request.account), existing)
    seen, log = await asyncio.to_thread(known, existing)
    pairs = _pairs(pending, mapping, ctx.library)
    helds = _helds(pending, mapping, ctx.library)
    mapping |= kept_ids(pending.names, mapping, existing)  # names kept as the user's own: their ids
    # Our own export's own exercise renamed in the file ("custom_x" named "Reverse Hyper"): that name's.
    renamed = {
        n: renamed_id(_custom_id(n), shown)
        for n, shown in pending.shown.items()
        if mapping.get(n) == _custom_id(n) and n not in ctx.library.exercises
    }
    mapping |= renamed
    prepared: Prepared = await ctx.jobs.run(
        request.account,
        "import",
        prepare,
        data,
        _zone(ctx, request),
        pending.unit or None,
        mapping,
        seen,
        pairs,
        ctx.clock(),
        helds,
        log,
    )
    total = sum(prepared.sets)
    if total:
        await _progress(request, f"Importing: storing {total:,} {'set' if total == 1 else 'sets'}…")
    stored = 0
    written: set[str] = set()
    for batch, size in zip(prepared.batches, prepared.sets, strict=True):
        entries: list[Entry] = []
        for chunk in batch:
            # Our own worker's bytes, never the user's: pickle is safe here. A chunk at a time, so
            # other users' answers get the loop in between.
            entries += pickle.loads(chunk)  # noqa: S301
            await asyncio.sleep(0)
        # In a thread: checking, numbering and turning 30,000 sets into rows is ~0.5 s of Python that
        # the loop would otherwise wait for; the store serialises access with its own lock.
        await asyncio.to_thread(ctx.store.add_entries, request.account, entries)
        written |= {e.exercise for e in entries}
        await ctx.store.flush()  # each batch durable before it is reported
        stored += size
        await _progress(request, f"Importing: {stored:,} of {total:,} sets stored…")
    # Kept under the app's name: now the user's own, so /log finds it (one removed from /exercise and
    # imported again with new sets is listed again).
    # Our own export's own exercises under the names it gave them ("reverse hyper", as the user had it).
    keep_imported(
        ctx,
        request.account,
        written,
        {renamed.get(n, _custom_id(n)): s for n, s in pending.shown.items()},
        {
            renamed.get(n, _custom_id(n)): c for n, c in pending.categories.items()
        },  # the kinds our export gave
    )
    fresh_count, already, skipped = prepared.entries, prepared.already, prepared.skipped
    update = request.args.get("changed") == UPDATE
    changed = _changed_in_log(ctx, request, prepared.changed, update, mapping)
    if update and prepared.changed:
        await ctx.store.flush()  # the updates durable before they are reported
    await asyncio.to_thread(_drop_pending, ctx, request)
    lines = [f"Imported {_n(stored, 'set', 'sets')} ({_n(fresh_count, 'entry', 'entries')})."]
    if already:
        lines.append(
            f"{_n(already, 'set was', 'sets were')} already in your log and left as "
            f"{'it was' if already == 1 else 'they were'}."
        )
    lines += changed
    if skipped:
        lines.append(f"{_n(skipped, 'set was', 'sets were')} skipped as you chose.")
    if stored:
        lines.append("/plan and your targets now start from this history; /history shows the latest.")
    return Reply("\n".join(lines))

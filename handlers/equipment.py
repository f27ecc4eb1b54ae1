"""What the lifter can load: /equipment (their kit), /plates (plates per side), /warmup (a ramp).

Pure rules live in domain/equipment.py, coaching/plates.py, coaching/warmups.py and
coaching/prescribe.py; this module parses what people type, reads and stores the kit on the profile,
and words the answers.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from coaching.logparse import BODYWEIGHT_WORDS, IMPLEMENT_WORDS, OUTLIER_FACTOR
from coaching.logparse import MAX_LOAD as LOGGED_MAX
from coaching.logparse import MIN_LOAD as LOGGED_MIN
from coaching.plates import (
    HEAVIEST,
    format_plates,
    loadable_loads,
    next_step,
    plates_per_side,
    round_to_loadable,
    same_implement,
    step_below,
)
from coaching.prescribe import ExerciseRules, PlannedSet, pair_implement, target_way
from coaching.warmups import held_on_the_hips, held_ramp, warmup_ramp
from core.context import Context
from core.markup import esc
from core.messages import MAX_COMMAND_BYTES, Button, Reply, Request
from domain.equipment import (
    CLEARABLE,
    KG_PLATES,
    LB_PLATES,
    PARTS,
    PRESETS,
    Equipment,
    EquipmentError,
    default_preset,
    from_spec,
    has_loads,
    preset_label,
    presets_for,
    to_spec,
    with_part,
)
from domain.training import Entry, Held
from domain.units import UNITS, Unit, about, from_kg, to_kg
from storage.models import Profile

# /plates and /warmup refuse more, before the unit is known: a typo, not a lift. The heaviest load /log
# takes in any unit (1320 lb), so a pound lifter's heaviest is not refused here.
MAX_LOAD = max(LOGGED_MAX.values())
# In the kit's unit: a pound lifter is shown 35 lb bars and 45 lb plates, not 15 and 20 kg ones.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "kg": (
        "/equipment bar 15",
        "/equipment plates 20 10 5 2.5 1.25",
        "/equipment dumbbells 4 6 8 10",
        "/equipment kettlebells 8 12 16",
        "/equipment bands light heavy",
        "/equipment preset home dumbbells",
    ),
    "lb": (
        "/equipment bar 35",
        "/equipment plates 45 35 25 10 5 2.5",
        "/equipment dumbbells 10 15 20 25",
        "/equipment kettlebells 18 26 35",
        "/equipment bands light heavy",
        "/equipment preset home dumbbells",
    ),
}
_UNIT_WORDS = {"kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "lb": "lb", "lbs": "lb", "pounds": "lb"}
# re.ASCII: 0-9 only, as /log reads numbers (not "٣" or "３")
_LOAD = re.compile(r"^(?P<load>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-z]+)?$", re.IGNORECASE | re.ASCII)
# An exercise name, then optionally a load and a unit ("hip thrust 100", "hip thrust 100kg").
_TRAILING_LOAD = re.compile(r"\s+(?P<load>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-z]+)?\s*$", re.IGNORECASE | re.ASCII)
_NEGATIVE_LOAD = re.compile(r"\s+-\s*\d+(?:[.,]\d+)?\s*(?:[a-z]+)?\s*$", re.IGNORECASE)
# The last word of what is left when no plain load ends the line: a number in another form (1e308,
# 100.5.5, nan, inf). No library name ends in a word with a digit.
_ODD_LOAD = re.compile(r"^(?:[+-]?\S*\d\S*|nan|inf(?:inity)?)$", re.IGNORECASE)
# "glute bridge bw": the lift at bodyweight, said as /log reads it ("bw", "bodyweight", "body weight").
_TRAILING_BODYWEIGHT = re.compile(
    r"\s+(?:" + "|".join(re.escape(w) for w in sorted(BODYWEIGHT_WORDS)).replace(r"\ ", r"\s+") + r")\s*$",
    re.IGNORECASE,
)
_TRAILING_UNIT = re.compile(r"\s+(?P<unit>kgs?|lbs?)\s*$", re.IGNORECASE)
# One implement named after the load, as /log reads it ("hip thrust 24kg dumbbell", "deadlift 24 kb",
# "hip thrust 100kg barbell"): the word goes, `held_said` reads what it says. A pair's word
# ("dumbbells") stays, so it is never read as one held.
_TRAILING_IMPLEMENT = re.compile(
    r"\s+(?:" + "|".join(w for w, said in IMPLEMENT_WORDS.items() if not said.endswith("s")) + r")\s*$",
    re.IGNORECASE,
)
# A pair's word after the load ("hip thrust 24kg dumbbells", "24kg kbs"): a pair, the load per hand,
# as /log reads it ("dumbbells" after a load is two, `IMPLEMENT_WORDS`), so the same as "2x24kg".
_TRAILING_PAIR_WORD = re.compile(
    r"\s+(?:" + "|".join(w for w, said in IMPLEMENT_WORDS.items() if said.endswith("s")) + r")\s*$",
    re.IGNORECASE,
)
# A count of implements and a load ending the line, as /log reads a pair: "rdl 2x24kg", "rdl 2 × 24".
_TRAILING_PAIR = re.compile(
    r"\s+(?P<count>\d+)\s*[x×*]\s*(?P<load>\d+(?:[.,]\d+)?\s*(?:[a-z]+)?)\s*$", re.IGNORECASE | re.ASCII
)


# --------------------------------------------------------------------------- the user's kit

KIT_TOL_KG = 0.05  # a kit load in the other unit is the same weight within this (a conversion's rounding)


def far_past_the_bells(
    load_kg: float, implement: str, kit: Equipment, way: int | Held, others: Iterable[Entry]
) -> bool:
    """``load_kg`` (one dumbbell or kettlebell, or each hand's of a pair) is more than `OUTLIER_FACTOR`×
    the kit's heaviest ``implement`` (over 75 kg for a 50 kg dumbbell): likely no such bell, a typo.
    Not once the lifter logged past the kit's heaviest done ``way`` (`LoggedSet.way`) in ``others``
    (a gym with heavier ones than /equipment lists). The one rule /log asks about
    (`handlers.logbook._over_kit`) and /warmup refuses by. False for an implement with no fixed set in
    the kit (a barbell: plates make any load)."""
    loads = kit.loads_for(implement)
    if not loads:
        return False
    heaviest = to_kg(max(loads), kit.unit)
    if load_kg <= OUTLIER_FACTOR * heaviest + KIT_TOL_KG:
        return False
    return not logged_past(heaviest, way, others)


def logged_past(heaviest_kg: float, way: int | Held, others: Iterable[Entry]) -> bool:
    """Did the lifter log a set done ``way`` (`LoggedSet.way`) heavier than ``heaviest_kg`` (the kit's
    heaviest dumbbell or kettlebell) in ``others``: a gym with heavier ones than /equipment lists, so
    such a load is no longer asked or told about."""
    return any(o.way == way and (o.load_kg or 0.0) > heaviest_kg + KIT_TOL_KG for e in others for o in e.sets)


# The implements a kit lists one load at a time (no 14.5 kg dumbbell on the rack), past whose heaviest
# a load is still lifted as typed (`past_the_rack`).
BELLS = ("dumbbell", "kettlebell")


def past_the_rack(
    load_kg: float, implement: str, kit: Equipment, way: int | Held, others: Iterable[Entry]
) -> bool:
    """Is ``load_kg`` (one dumbbell or kettlebell, or each hand's of a pair) heavier than the kit's
    heaviest ``implement`` ("2 × 55 kg" with dumbbells to 50 kg), and not logged past it ``way`` before
    (`logged_past`: they know, or train where heavier ones are)? Then /log stores it and /warmup ramps to
    it as typed, and both say so in `rack_line`: the kit's list may be short, the lifter's gym is not."""
    loads = kit.loads_for(implement) if implement in BELLS else ()
    if not loads:
        return False
    heaviest = to_kg(max(loads), kit.unit)
    return load_kg > heaviest + KIT_TOL_KG and not logged_past(heaviest, way, others)


def rack_line(implement: str, kit: Equipment, done: str) -> str:
    """The line for a load `past_the_rack`; ``done`` says what was done with it, as typed ("2 × 55 kg is
    stored as you typed it"): "Your set-up's dumbbells stop at 50 kg: 2 × 55 kg is stored as you typed
    it. If you have heavier ones, /equipment changes your set-up." """
    return (
        f"Your set-up's {implement}s stop at {max(kit.loads_for(implement)):g} {kit.unit}: {done}. "
        "If you have heavier ones, /equipment changes your set-up."
    )


def user_equipment(profile: Profile) -> tuple[str, Equipment]:
    """The preset name and kit stored on ``profile``; the commercial gym of their units when none is
    stored. A stored form that cannot be read (damaged, or from a newer version) falls back to that
    default rather than failing every command; it stays on disk until the user sets a new one."""
    fallback = default_preset(profile.units)
    try:
        return from_spec(profile.equipment, fallback)
    except EquipmentError:
        return fallback, PRESETS[fallback]


def other_unit(profile: Profile, kit: Equipment) -> str | None:
    """The kit's unit when it is not the one the lifter logs in (a kit with no loads has none)."""
    return kit.unit if kit.unit != profile.units and has_loads(kit) else None


def unit_asked(profile: Profile) -> str | None:
    """The unit of the set-up the lifter picked in the other unit than theirs, while they have not
    said which they log in (`Profile.units_asked`); None when nothing is asked."""
    if not profile.units_asked:
        return None
    kit_unit = other_unit(profile, user_equipment(profile)[1])
    return kit_unit if kit_unit == profile.units_asked else None


def units_mark(profile: Profile) -> str:
    """A short mark of the units and the kit a unit question was asked under: its buttons carry it
    (as /timezone's do), so a later /units or set-up change supersedes the question."""
    held = f"{profile.units}|{profile.equipment}|{profile.units_asked}"
    return hashlib.sha256(held.encode()).hexdigest()[:12]


def units_question(profile: Profile) -> tuple[str, tuple[Button, ...]]:
    """The question under a set-up picked in the other unit (``profile`` as saved with it), and its
    one-tap answers: log in the kit's unit, or keep the lifter's."""
    kit_unit, mine, mark = profile.units_asked, profile.units, units_mark(profile)
    text = (
        f"Your loads are in {mine}; this set-up's are in {kit_unit}. Log in {kit_unit} too? Until you "
        f"choose, I ask which unit a load you give without one is."
    )
    buttons = (
        Button(f"Log in {kit_unit}", f"/units_choose {kit_unit} {mark}", style="primary", single_use=True),
        Button(f"Keep {mine}", f"/units_choose {mine} {mark}", single_use=True),
    )
    return text, buttons


def which_unit(said: str, profile: Profile, kit_unit: str, commands: dict[str, str], outcome: str) -> Reply:
    """ "135 lb or 135 kg?": a load given without a unit while the lifter has not said which they log
    in (`unit_asked`), never read silently as either. ``commands``: the command line of each unit's
    answer (none: too long for a button, the unit is to be written); ``outcome``: what happens until
    they choose."""
    mine = profile.units
    if any(len(c.encode()) > MAX_COMMAND_BYTES for c in commands.values()):
        commands = {}  # too long to carry: the lifter writes the unit
    buttons = tuple(Button(f"{said} {u}", commands[u], single_use=True) for u in (kit_unit, mine) if commands)
    outcome = f" {outcome}" if outcome else ""
    return Reply(
        f"{esc(said)} {kit_unit} or {esc(said)} {mine}? Your set-up is in {kit_unit} and you log in "
        f"{mine}.{outcome} /units {kit_unit} or /units {mine} settles it for next time.",
        buttons=(buttons,) if buttons else (),
    )


def _list(values: tuple[float, ...], unit: str) -> str:
    return f"{', '.join(f'{v:g}' for v in values)} {unit}" if values else "none"


def describe_equipment(preset: str, equipment: Equipment, profile_unit: str = "kg") -> str:
    unit = equipment.unit
    changed = to_spec(equipment, preset) != preset
    plates = _list(equipment.plates, unit)
    if equipment.plates:
        plates += " (one pair of each listed)" if equipment.plates_limited else " (as many pairs as needed)"
    lines = [
        f"Set-up: *{esc(preset_label(preset, profile_unit))}*{' with your changes' if changed else ''}",
        f"• Bar: {f'{equipment.bar:g} {unit}' if equipment.has_barbell else 'none'}",
        f"• Plate pairs: {plates}",
        f"• Dumbbells (per hand): {_list(equipment.dumbbells, unit)}",
        f"• Kettlebells: {_list(equipment.kettlebells, unit)}",
        f"• Bands: {', '.join(equipment.bands) or 'none'}",
    ]
    return "\n".join(lines)


def _preset_buttons(current: str, unit: str) -> tuple[tuple[Button, ...], ...]:
    buttons = [
        Button(
            preset_label(name, unit).capitalize(),
            f"/equipment preset {name}",
            style="primary" if name == current else "secondary",
        )
        for name in presets_for(unit)
    ]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def _equipment_reply(
    preset: str, equipment: Equipment, headline: str = "", unit: str = "kg", question: str = ""
) -> Reply:
    """The set-up, with the set-ups as buttons; ``question`` (the unit asked under a set-up picked in
    the other unit) is said last, right above its answers, which go first."""
    how = (
        "Change a part, e.g. "
        + ", ".join(esc(e) for e in EXAMPLES[equipment.unit][:3])
        + "; or pick a set-up"
    )
    how += "." if question else ":"
    text = "\n\n".join(p for p in (headline, describe_equipment(preset, equipment, unit), how, question) if p)
    return Reply(text, title="Your equipment", buttons=_preset_buttons(preset, unit))


def _part_now(part: str, kit: Equipment) -> Reply:
    """A bare ``/equipment kettlebells``: what the part is now and how to change or clear it (never a
    wipe: an empty list was almost surely a question)."""
    now = ", ".join(kit.bands) if part == "bands" else _list(getattr(kit, part), kit.unit)
    example = _example(part, kit.unit)
    return Reply(
        f"Your {part} now: {esc(now or 'none')}. To change them, list them all, e.g. {esc(example)}; "
        f"/equipment {part} none if you have none.",
        title="Your equipment",
    )


def _example(part: str, unit: Unit) -> str:
    return next(e for e in EXAMPLES[unit] if e.split()[1] == part)


def _bad_equipment(problem: str, unit: Unit, part: str = "") -> Reply:
    """The refusal, with the example for the ``part`` typed (the whole list when none was), in the
    kit's ``unit``."""
    # A refusal that gives its own example ("… (/equipment bar 45)") needs no second one.
    if "/equipment" in problem:
        return Reply(f"{esc(problem)}. Send /equipment to see your set-up.")
    if part in {e.split()[1] for e in EXAMPLES[unit]}:
        example = _example(part, unit)
        return Reply(f"{esc(problem)}. For example {esc(example)}. Send /equipment to see your set-up.")
    examples = "\n".join(f"• {esc(e)}" for e in EXAMPLES[unit])
    return Reply(f"{esc(problem)}. For example:\n{examples}\nSend /equipment to see your set-up.")


def _find_preset(text: str, unit: str) -> str | None:
    """The set-up ``text`` names, as listed or as its button shows it to this lifter ("home dumbbells kg"
    to a pound lifter); "commercial gym" is the one in the lifter's unit."""
    wanted = " ".join(text.lower().split())
    for name in (wanted, f"{wanted} {unit}"):
        if name in PRESETS:
            return name
    return next((name for name in PRESETS if preset_label(name, unit) == wanted), None)


# The lightest and heaviest of each that exists, per unit (fractional plates to bumpers, the lightest
# dumbbell to the heaviest kettlebell): a value outside is a slip (0.0001, 1e308) that would make
# every /plates and /warmup answer nonsense. Fractional plates go down to 0.25 in either unit (0.25 kg
# and 1/4 lb change plates are sold); the lightest load /log takes (0.5) is a pair of them.
_SENSIBLE: dict[str, dict[str, tuple[float, float]]] = {
    "plates": {"kg": (0.25, 50.0), "lb": (0.25, 100.0)},
    "dumbbells": {"kg": (0.5, 100.0), "lb": (1.0, 220.0)},
    "kettlebells": {"kg": (2.0, 100.0), "lb": (4.0, 220.0)},
}
_PLAIN_NUMBER = re.compile(r"^\d{1,4}(?:[.,]\d{1,4})?$")


def _out_of_range(part: str, typed: list[tuple[str, str]]) -> Reply | None:
    """A weight no plate, dumbbell or kettlebell has, refused with the range and an example in the unit
    it was typed in. ``typed``: each value as typed, with its unit."""
    for word, unit in typed:
        bounds = _SENSIBLE.get(part, {}).get(unit)
        if bounds is None:
            return None
        low, high = bounds
        try:
            value = float(word.replace(",", "."))
        except ValueError:
            continue  # not a number: the part's own parser says so
        if value == value and low <= value <= high:
            continue
        each = " per hand" if part == "dumbbells" else " each"
        said = f", not {esc(word)} {unit}" if _PLAIN_NUMBER.match(word) else ""
        return Reply(
            f"{part.capitalize()} weigh {low:g} to {high:g} {unit}{each}{said}. "
            f"For example: {esc(_example(part, unit))}"
        )
    return None


def _with_units(words: list[str], default: str) -> list[tuple[str, str]]:
    """Each value of a part as typed, with the unit it is in: its own ("45lb", "45 lb"); one unit after
    the last value only is the list's ("plates 45 35 25 lb"); else ``default``."""
    values: list[tuple[str, str | None]] = []
    for word in words:
        unit = _UNIT_WORDS.get(word.lower())
        if unit is not None and values and values[-1][1] is None and _PLAIN_NUMBER.match(values[-1][0]):
            values[-1] = (values[-1][0], unit)  # "45 lb": the unit of the number before it
            continue
        match = _LOAD.match(word)
        if match is not None and match["unit"] and match["unit"].lower() in _UNIT_WORDS:
            values.append((match["load"], _UNIT_WORDS[match["unit"].lower()]))
        else:
            values.append((word, None))
    stated = [u for _w, u in values if u is not None]
    if len(stated) == 1 and values[-1][1] is not None:
        default = values[-1][1]
    return [(w, u or default) for w, u in values]


def _unsure_unit(part: str, words: list[str], user_unit: str, kit_unit: str) -> Reply | None:
    """A bare number on a kit in another unit than the lifter logs in could be either (45: the lb on a
    plate's label, or kg): asked for, with both ways to write it; None when every value says its unit
    or the two units agree."""
    if user_unit == kit_unit:
        return None
    bare = [w for w, u in _with_units(words, "") if u == "" and _PLAIN_NUMBER.match(w)]
    if not bare:
        return None
    value = bare[0]
    return Reply(
        f"Your set-up is in {kit_unit} and you log in {user_unit}, so I can't tell which {esc(value)} "
        f"means. Write the unit, e.g. /equipment {part} {esc(value)}{kit_unit} or "
        f"/equipment {part} {esc(value)}{user_unit}."
    )


# Plates of each unit's standard series, and those no plate of the other unit weighs (45 and 35 lb;
# 20, 15 and 1.25 kg); a bar of 45 or 35 is a pound gym's (no kg bar weighs that).
_SERIES = {"kg": frozenset(KG_PLATES), "lb": frozenset(LB_PLATES)}
_ONLY_IN = {"kg": _SERIES["kg"] - _SERIES["lb"], "lb": _SERIES["lb"] - _SERIES["kg"]}
_POUND_BARS = frozenset({45.0, 35.0})


def _read_in_the_other_unit(part: str, words: list[str], kit_unit: str) -> Reply | None:
    """Bare numbers that look read off labels in the other unit ("plates 45 25 10 5 2.5" on a kg kit:
    the pound series; "bar 45"): asked, "45 kg plates, or 45 lb?", not stored as the kit's unit. None
    when a unit is written or the numbers fit the kit's unit."""
    typed = _with_units(words, "")
    if not typed or any(u or not _PLAIN_NUMBER.match(w) for w, u in typed):
        return None
    values = [float(w.replace(",", ".")) for w, _u in typed]
    other = "lb" if kit_unit == "kg" else "kg"
    listed = " ".join(words)
    if part == "bar" and kit_unit == "kg" and len(values) == 1 and values[0] in _POUND_BARS:
        # No kg bar weighs that (a bar is 5 to 30 kg): the pound reading is the only one to offer.
        bar = f"{values[0]:g}"
        return Reply(
            f"No bar weighs {bar} kg: is it a {bar} lb bar? Your set-up is in kg, so it would be kept as "
            f"{_in_unit(bar, 'lb', 'kg')} kg; for a gym in lb, pick Commercial gym lb under /equipment.",
            buttons=((Button(f"{bar} lb bar", f"/equipment bar {listed} lb", single_use=True),),),
        )
    if part != "plates" or not set(values) <= _SERIES[other] or not set(values) & _ONLY_IN[other]:
        return None
    tell = sorted(set(values) & _ONLY_IN[other], reverse=True)
    said = f"{', '.join(f'{v:g}' for v in tell)} {'is' if len(tell) == 1 else 'are'} the weight of {other} plates"
    buttons = tuple(
        Button(f"Plates in {u}", f"/equipment plates {listed} {u}", single_use=True)
        for u in (kit_unit, other)
    )
    return Reply(
        f"{values[0]:g} {kit_unit} plates, or {values[0]:g} {other}? {said}, and your set-up is in "
        f"{kit_unit}. Nothing is changed until you choose.",
        buttons=(buttons,),
    )


def _in_unit(word: str, unit: str, kit_unit: str) -> str:
    """A typed value in the kit's unit, to the hundredth the plate sums count in; "none" and what is
    not a number stay as typed (the part's own parser says what is wrong)."""
    if unit == kit_unit or not _PLAIN_NUMBER.match(word):
        return word
    return f"{round(from_kg(to_kg(float(word.replace(',', '.')), unit), kit_unit), 2):g}"


def _converted_note(typed: list[tuple[str, str]], kit_unit: str) -> str:
    """ " Your set-up is in kg, so 45 lb is kept as 20.41 kg." for the values typed in another unit."""
    moved = [(w, u, _in_unit(w, u, kit_unit)) for w, u in typed if u != kit_unit and _PLAIN_NUMBER.match(w)]
    if not moved:
        return ""
    said = ", ".join(f"{w} {u}" for w, u, _ in moved)
    kept = ", ".join(f"{x} {kit_unit}" for _, _, x in moved)
    other = moved[0][1]
    return (
        f" Your set-up is in {kit_unit}, so {said} {'is' if len(moved) == 1 else 'are'} kept as {kept}. "
        f"For a set-up in {other}, pick one with /equipment."
    )


@dataclass(frozen=True)
class _Changed:
    preset: str
    kit: Equipment
    headline: str
    picked: bool = False  # a whole set-up picked (not a part changed): its unit may be asked about


def _change(profile: Profile, text: str) -> Reply | _Changed:
    """What ``/equipment <text>`` changes the kit to, or the answer that changes nothing: the set-up,
    a part as it is, a refusal."""
    preset, kit = user_equipment(profile)
    if not text:
        return _equipment_reply(preset, kit, unit=profile.units)
    words = text.split()
    part = words[0].lower()
    if part == "preset" or _find_preset(text, profile.units):
        name = _find_preset(" ".join(words[1:]) if part == "preset" else text, profile.units)
        if name is None:
            return _bad_equipment(f"The set-ups are: {', '.join(PRESETS)}", kit.unit, "preset")
        return _Changed(name, PRESETS[name], f"Set-up changed to {preset_label(name, profile.units)}.", True)
    if part == "reset":
        name = default_preset(profile.units)
        return _Changed(name, PRESETS[name], f"Back to the default set-up: {name}.")
    if part in CLEARABLE and len(words) == 1:
        return _part_now(part, kit)
    if part in PARTS:
        if part == "bands":
            typed = [(w, kit.unit) for w in words[1:]]
        else:
            # A weight with its unit is converted to the kit's; one without is in the kit's unit (the
            # unit printed on it), unless the lifter logs in the other unit: then it is asked for.
            unsure = _unsure_unit(part, words[1:], profile.units, kit.unit)
            if unsure is not None:
                return unsure
            other = _read_in_the_other_unit(part, words[1:], kit.unit)
            if other is not None:
                return other
            typed = _with_units(words[1:], kit.unit)
            refused = _out_of_range(part, typed)
            if refused is not None:
                return refused
        try:
            new_kit = with_part(kit, part, [_in_unit(w, u, kit.unit) for w, u in typed])
        except EquipmentError as exc:
            return _bad_equipment(str(exc).capitalize(), kit.unit, part)
        return _Changed(preset, new_kit, f"{part.capitalize()} updated.{_converted_note(typed, kit.unit)}")
    return _bad_equipment(f"I can change: {', '.join(PARTS)}, or a preset", kit.unit)


async def equipment_check(request: Request, ctx: Context) -> Reply | None:
    """Before the write limit (core.dispatch): the set-up shown and every refusal cost nothing."""
    found = _change(ctx.store.profile(request.account), request.text.strip())
    return found if isinstance(found, Reply) else None


async def equipment(request: Request, ctx: Context) -> Reply:
    profile = ctx.store.profile(request.account)
    found = _change(profile, request.text.strip())
    if isinstance(found, Reply):
        return found
    kit_unit = other_unit(profile, found.kit)
    # A set-up picked in the other unit asks which unit the lifter logs in; a part changed keeps the
    # question as it was; a kit in their unit closes it.
    asked = (kit_unit or "") if found.picked else (profile.units_asked if kit_unit else "")
    saved = replace(profile, equipment=to_spec(found.kit, found.preset), units_asked=asked)
    ctx.store.save_profile(saved)
    question, answers = units_question(saved) if found.picked and kit_unit else ("", ())
    reply = _equipment_reply(found.preset, found.kit, found.headline, profile.units, question)
    return replace(reply, buttons=(answers, *reply.buttons)) if answers else reply


# --------------------------------------------------------------------------- /plates


def _parse_load(text: str) -> tuple[float, str | None] | None:
    """``"102.5"``, ``"102.5kg"``, ``"225 lb"`` → (load, unit or None); None if it is not a load."""
    match = _LOAD.match(" ".join(text.split()))
    if match is None:
        return None
    unit = match["unit"]
    if unit is not None and unit.lower() not in _UNIT_WORDS:
        return None
    return float(match["load"].replace(",", ".")), _UNIT_WORDS[unit.lower()] if unit else None


def not_a_load(typed: str, command: str, example: str) -> Reply:
    """The refusal of what /plates and /warmup cannot read as a load. Digits of another script ("８０",
    "١٠٠") are not read, as /log reads them (0-9 only): say so, showing ``command`` with the load in
    0-9 when that reads, else ``example``."""
    foreign = {c for c in typed if c.isdigit() and not c.isascii()}
    if not foreign:
        return Reply(f"“{esc(typed[:40])}” is not a load. For example {esc(example)}.")
    in_ascii = "".join(str(unicodedata.digit(c)) if c in foreign else c for c in typed)
    shown = f"{command} {in_ascii}" if _parse_load(in_ascii) else example
    return Reply(f"“{esc(typed[:40])}” is not a load I can read: I read the digits 0-9, e.g. {esc(shown)}.")


# A converted load this close to one the kit makes is that load: plates typed in the other unit were
# kept to the hundredth (45 lb as 20.41 kg), so 225 lb on them is 102.05 kg, not 102.06 kg.
_CONVERSION_SLACK = 0.05


def _in_kit_unit(
    load: float, unit: str | None, equipment: Equipment, implement: str = "barbell"
) -> tuple[float, str]:
    """``load`` in the kit's unit, and a note when it was converted ("225 lb is about 102.1 kg. ")."""
    if unit is None or unit == equipment.unit:
        return load, ""
    converted = round(from_kg(to_kg(load, unit), equipment.unit), 2)
    bell = same_implement(converted, implement, equipment)
    if bell is not None:  # the same kettlebell or dumbbell, not a two-decimal load (15.88 kg)
        return bell, f"{load:g} {unit} is the {bell:g} {equipment.unit} {implement}. "
    made = round_to_loadable(converted, implement, equipment, "nearest")
    if made is not None and abs(made - converted) <= _CONVERSION_SLACK:
        return made, f"{load:g} {unit} is {made:g} {equipment.unit}. "
    # Said to one decimal, as every converted figure (/log's card too): "100 kg is about 220.5 lb",
    # and the load worked out is that figure, so the lines after it never say "220.46 lb".
    return round(converted, 1), f"{load:g} {unit} is {about(converted)} {equipment.unit}. "


def _load_problem(load: float, unit: str) -> str | None:
    """Why ``load`` is no load at all, said with the lightest load taken and the heaviest /log takes in
    ``unit`` and the other unit (a load past that but within ``MAX_LOAD`` gets its own answer, with the
    nearest loadable)."""
    if _LIGHTEST <= load <= MAX_LOAD:
        return None
    other = "lb" if unit == "kg" else "kg"
    # The rule as it is: "above 0" was said of 0.001 kg, which is above 0.
    return (
        f"A load is at least {_LIGHTEST:g} {unit} and at most {LOGGED_MAX[unit]:g} {unit} "
        f"({LOGGED_MAX[other]:g} {other})"
    )


# The lightest load /plates and /warmup work from, in the unit typed: the lightest /log takes, so no
# load is worked out that could not be logged (0.2 kg), and none reads as 0 ("1e-07 kg").
_LIGHTEST = LOGGED_MIN


def per_side(load: float, equipment: Equipment) -> str:
    found = plates_per_side(load, equipment)
    if not found.loadable:
        # Never "empty bar" for a load the bar cannot make: name the loads it can.
        near = " or ".join(f"{x:g} {equipment.unit}" for x in (found.below, found.above) if x is not None)
        return f"not loadable on your bar (nearest: {near})" if near else "not loadable on your bar"
    return "empty bar" if not found.per_side else f"{format_plates(found.per_side)} per side"


def plates_text(load: float, equipment: Equipment) -> str:
    """The answer to /plates for ``load`` in the kit's unit."""
    unit = equipment.unit
    found = plates_per_side(load, equipment)
    bar = f"{equipment.bar:g} {unit} bar"
    if found.loadable:
        if not found.per_side:
            return f"*{load:g} {unit}*: the empty {bar}."
        return f"*{load:g} {unit}*: {format_plates(found.per_side)} per side on a {bar}."
    nearest = [
        f"*{x:g} {unit}* ({per_side(x, equipment)})" for x in (found.below, found.above) if x is not None
    ]
    if found.below is None:
        why = f"{load:g} {unit} is lighter than your {bar}"
    elif found.above is None and not equipment.plates_limited and load > HEAVIEST[unit]:
        # As many pairs as needed make any load up to the heaviest /log takes, and no further.
        why = f"{load:g} {unit} is past the heaviest load I log or work out plates for ({HEAVIEST[unit]:g} {unit})"
    else:
        why = f"{load:g} {unit} can't be made on your {bar} with your plates"
    return f"{why}. Nearest you can load: {' or '.join(nearest)}."


async def plates(request: Request, ctx: Context) -> Reply:
    text = request.text.strip()
    if not text:
        return Reply("Which load? For example /plates 102.5 (or /plates 225 lb).")
    parsed = _parse_load(text)
    if parsed is None:
        return not_a_load(text, "/plates", "/plates 102.5 or /plates 225 lb")
    load, unit = parsed
    profile = ctx.store.profile(request.account)
    kit_unit = unit_asked(profile) if unit is None else None
    if kit_unit is not None:  # read in neither unit until the lifter says which they log in
        return which_unit(f"{load:g}", profile, kit_unit, {u: f"/plates {load:g}{u}" for u in UNITS}, "")
    problem = _load_problem(load, unit or profile.units)
    if problem:
        return Reply(f"{problem}, e.g. /plates 102.5.")
    preset, kit = user_equipment(profile)
    if not kit.has_barbell:
        return Reply(
            f"Your set-up ({esc(preset)}) has no barbell. Add one with /equipment bar 20, "
            "or pick a set-up with /equipment."
        )
    load, note = _in_kit_unit(load, unit or profile.units, kit)
    return Reply(note + plates_text(load, kit))


# --------------------------------------------------------------------------- /warmup


def _split_exercise(text: str) -> tuple[str, float | None, str | None] | None:
    """``"hip thrust 100 kg"`` → ("hip thrust", 100.0, "kg"); None if a trailing load is malformed."""
    text = " ".join(text.split())
    match = _TRAILING_LOAD.search(" " + text)
    if match is None:
        unit_only = _TRAILING_UNIT.search(" " + text)  # "hip thrust kg": a unit with no load
        return (text[: unit_only.start()].strip() if unit_only else text), None, None
    unit = match["unit"]
    if unit is not None and unit.lower() not in _UNIT_WORDS:
        return None
    name = (" " + text)[: match.start()].strip()
    return name, float(match["load"].replace(",", ".")), _UNIT_WORDS[unit.lower()] if unit else None


_HEAVIEST_OF = {
    "dumbbell": "heavier than your heaviest dumbbell",
    "kettlebell": "heavier than your heaviest kettlebell",
    "machine": "more than your machine's stack",
}


def _redo(lift: str, load: float, unit: str, two: str, held: str) -> str:
    """The /warmup line for ``load`` (the kit's unit): a pair's "2x", one held's word ("24kg dumbbell"),
    or a bar named on a lift done otherwise ("100kg barbell"), so the line ramps on what was asked for."""
    if held:
        return f"/warmup {esc(lift)} {load:g}{unit} {held}"
    return f"/warmup {esc(lift)} {'2x' if two else ''}{load:g}"


def _bell_example(implement: str, kit: Equipment) -> str:
    """ "24kg dumbbell": the kit's one nearest 24 kg, so an example names one the rack holds (no 24 lb
    bell)."""
    bells = loadable_loads(implement, kit) or (24.0,)
    near = min(bells, key=lambda x: abs(to_kg(x, kit.unit) - 24.0))
    return f"{near:g}{kit.unit} {implement}"


def _no_such_bell(
    load: float, unit: str, implement: str, kit: Equipment, lift: str, two: str, logged: bool = False
) -> str:
    """The answer to a dumbbell or kettlebell load no such bell weighs (`far_past_the_bells`): what was
    expected, with an example of each way to say it. ``logged``: the bells are the way a user's own lift
    was logged, no word typed, so the bar's line names the bar ("/warmup goblet squat 100 barbell")."""
    lift = lift.lower()
    heaviest = max(kit.loads_for(implement))
    said = f"{load:g} {unit} each hand" if two else f"{load:g} {unit}"
    one = f"a {implement}" if two else f"one {implement}"
    eg = f"2x{_bell_example(implement, kit).split()[0]}" if two else _bell_example(implement, kit)
    bar = (
        f"for the bar: /warmup {esc(lift)} 100 barbell"
        if logged
        else f"leave the word out for the bar: /warmup {esc(lift)} 100"
    )
    return (
        f"{said} is far more than {one} weighs (your heaviest: {heaviest:g} {kit.unit}). "
        f"Give the {implement}'s own load, e.g. /warmup {esc(lift)} {eg}, or {bar}."
    )


def _past_the_kit(
    load: float, implement: str, kit: Equipment, lift: str, two: str, held: str = ""
) -> str | None:
    """The refusal of a working load heavier than the kit makes (in the kit's unit), or None. A barbell
    load gets /plates' answer (past the heaviest load logged, or past what the listed plates make);
    with as many plate pairs as needed, a load under that cap is only rounded (the pair on top).
    ``held``: one dumbbell or kettlebell held on a bar lift, said so in the line to try. (A dumbbell or
    kettlebell a little past the kit's heaviest is ramped to, not asked here: `past_the_rack`.)"""
    loads = loadable_loads(implement, kit)
    heaviest = loads[-1]
    if load <= heaviest + 1e-6:
        return None
    redo = _redo(lift, heaviest, kit.unit, two, held)
    if implement == "barbell":
        if not kit.plates_limited and load <= HEAVIEST[kit.unit]:
            return None
        return f"{plates_text(load, kit)} {redo} ramps to that."
    what = _HEAVIEST_OF.get(implement, "heavier than your kit loads")
    if two and implement in ("dumbbell", "kettlebell"):
        what += "s"  # a pair: "your heaviest dumbbells (2 × 50 kg)"
    unit = kit.unit
    return f"{two}{load:g} {unit} is {what} ({two}{heaviest:g} {unit}). {redo} ramps to that."


def _nearest_loadable(
    load: float, implement: str, kit: Equipment, lift: str, two: str, held: str = ""
) -> tuple[float, str]:
    """The working load the ramp goes to for ``load`` (the kit's unit) and what to tell the lifter when
    it is not ``load``: the nearest the kit makes, both named when two are equally near, and then the
    lighter one (more reps at a load they can handle, not load they did not plan), with the command for
    the other."""
    made = round_to_loadable(load, implement, kit, "nearest")
    if made is None or abs(made - load) <= 1e-6:
        return load, ""
    unit = kit.unit
    below, above = step_below(load, implement, kit), next_step(load, implement, kit)
    if below is not None and above is not None and abs((load - below) - (above - load)) <= 1e-6:
        redo = _redo(lift, above, unit, two, held)
        return below, (
            f"{two}{load:g} {unit} can't be loaded with your set-up: the nearest are {two}{below:g} {unit} "
            f"and {two}{above:g} {unit}, equally near. Warming up to the lighter, {two}{below:g} {unit}: "
            f"add reps there rather than load you didn't plan ({redo} for the heavier).\n"
        )
    return (
        made,
        f"{two}{load:g} {unit} can't be loaded with your set-up; warming up to {two}{made:g} {unit}.\n",
    )


def _below_the_bar(load: float, kit: Equipment, lift: str, said: str = "") -> str:
    """A barbell load (in the kit's unit) lighter than the empty bar: nothing to ramp, and what to do
    instead, never a silent round up to the bar (more than was asked). ``said``: the load as the lifter
    gave it, when in the other unit ("30 lb")."""
    unit = kit.unit
    shown = f"{said} (about {load:g} {unit})" if said else f"{load:g} {unit}"  # converted: `about`
    return (
        f"{shown} is lighter than your empty {kit.bar:g} {unit} bar, so there is nothing to ramp. "
        f"Use a dumbbell or kettlebell of {said or shown} (a few easy reps are the warm-up), or work "
        f"with the empty bar: /warmup {esc(lift)} {kit.bar:g}."
    )


def held_load(rules: ExerciseRules, load: float, kit: Equipment, pair: bool = False) -> bool:
    """The one rule /warmup, /plan and a target's plates follow: ``load`` (the kit's unit) is held on the
    hips on a lift done at bodyweight plus a load (a glute bridge logged "bw+20kg":
    `coaching.warmups.held_on_the_hips`), so it has no bar, no plates per side and no bar ramp. A pair
    of dumbbells is held in the hands: never."""
    return not pair and held_on_the_hips(rules, load, kit)


def warmup_lines(
    rules: ExerciseRules,
    working: float,
    implement: str,
    kit: Equipment,
    pair: bool = False,
    held: bool = False,
) -> list[str]:
    """The warm-up to ``working`` (the kit's unit), one line a set: for a load held on the hips
    (`held_load`), or one dumbbell or kettlebell held on a bar lift (``held``: ``implement`` is it),
    bodyweight ×10, then a lighter one from the kit, no bar or plates; else the ramp on ``implement``
    (`ramp_lines`)."""
    if held and not pair:
        return [f"• {step}" for step in held_ramp(working, kit, implement)]
    if held_load(rules, working, kit, pair):
        return [f"• {step}" for step in held_ramp(working, kit)]
    return ramp_lines(working, implement, kit, pair)


def ramp_lines(working: float, implement: str, kit: Equipment, pair: bool = False) -> list[str]:
    """The ramp's sets, one line each; ``pair``: the loads are per hand of a pair of dumbbells."""
    lines = []
    hand = " each hand" if pair else ""
    for step in warmup_ramp(working, implement, kit):
        plates = f" — {per_side(step.load, kit)}" if step.plates is not None else ""
        lines.append(f"• {step.load:g} {step.unit}{hand} × {step.reps}{plates}")
    return lines


def _todays_main_lift(request: Request, ctx: Context) -> str:
    from handlers.plan import main_of, today  # handlers.plan imports this module

    profile = ctx.store.profile(request.account)
    plan = today(profile, ctx.store.entries(request.account), ctx.library, ctx.clock())
    return main_of(plan)[0].name


async def warmup(request: Request, ctx: Context) -> Reply:
    example = "/warmup hip thrust 100"
    text, pair = request.text, False
    if not text.strip():
        text = _todays_main_lift(request, ctx)  # "/warmup": the main lift /plan names for today
    typed = text  # as typed, implement words and all (`held_said` reads them)
    implement_word = _TRAILING_IMPLEMENT.search(" " + " ".join(text.split()))
    if implement_word is not None:
        text = (" " + " ".join(text.split()))[: implement_word.start()]
    pair_word = _TRAILING_PAIR_WORD.search(" " + " ".join(text.split())) if implement_word is None else None
    if pair_word is not None:
        lift = (" " + " ".join(text.split()))[: pair_word.start()]
        plain = _TRAILING_LOAD.search(lift)
        if plain is not None and _TRAILING_PAIR.search(lift) is None:
            # "24kg dumbbells": a pair of 24s, as /log stores it and as "2x24kg" warms up.
            text = f"{lift[: plain.start()].strip()} 2x{plain[0].strip()}"
        elif _TRAILING_PAIR.search(lift) is not None:
            text = lift  # "2x24kg dumbbells": the count says the pair already
    counted = _TRAILING_PAIR.search(" " + " ".join(text.split()))
    if counted is not None:
        # "2x24kg": a pair of 24 kg dumbbells, as /log takes it. Another count is not one working load.
        lift = (" " + " ".join(text.split()))[: counted.start()].strip()
        if counted["count"] != "2":
            shown = (lift or "romanian deadlift").lower()[:40]
            return Reply(
                f"Give one working load, e.g. /warmup {esc(shown)} 100, or a pair of dumbbells as "
                f"/warmup {esc(shown)} 2x24kg."
            )
        text, pair = f"{lift} {counted['load']}", True
    bodyweight = None if pair else _TRAILING_BODYWEIGHT.search(" " + " ".join(text.split()))
    if bodyweight is not None:
        text = (" " + " ".join(text.split()))[: bodyweight.start()]  # the lift, at no load
    split = _split_exercise(text)
    if split is not None and not split[0] and split[1] is not None:
        # "/warmup 601kg": a load with no lift. Past the heaviest load /log takes, say that too.
        load, unit = split[1], split[2] or ctx.store.profile(request.account).units
        heaviest = LOGGED_MAX[unit]
        over = f"{load:g} {unit} is past the heaviest load I warm up to ({heaviest:g} {unit}). "
        return Reply(f"{over if load > heaviest else ''}Name the lift first, then the load, e.g. {example}.")
    if split is None or not split[0] or (bodyweight is not None and split[1] is not None):
        return Reply(f"Tell me the lift and, if you like, the working load, e.g. {example}.")
    name, load, unit = split
    negative = _NEGATIVE_LOAD.search(" " + name)
    if negative is not None:
        # "hip thrust -5": a load below zero, not an exercise called "hip thrust -5".
        lift = (" " + name)[: negative.start()].strip() or "hip thrust"
        return Reply(f"The load must be above 0, e.g. /warmup {esc(lift.lower()[:40])} 100.")
    from handlers.custom_exercises import suggest
    from handlers.logbook import bar_said, held_said, lift_for_log, pair_said  # (imports this module)

    profile = ctx.store.profile(request.account)
    # As /log reads the name: the user's own exercises too, "kb deadlift" the deadlift.
    exercise = lift_for_log(ctx, request.account, profile, name)
    head, _, last = name.rpartition(" ")
    if (exercise is None or not last.isascii()) and _ODD_LOAD.match(last):
        # "hip thrust 1e308", "hip thrust nan", "hip thrust ١٠٠": a load no one lifts (or digits /log
        # does not read), not an exercise of that name.
        if not head:
            return Reply(f"Name the lift first, then the load, e.g. {example}.")
        lift = lift_for_log(ctx, request.account, profile, head)
        shown = lift.name.lower() if lift is not None else head.lower()[:40]
        if _parse_load(last) is None and not last.isascii():
            return not_a_load(last, f"/warmup {shown}", f"/warmup {shown} 100")
        units = ctx.store.profile(request.account).units
        return Reply(f"{_load_problem(-1.0, units)}, e.g. /warmup {esc(shown)} 100.")
    if exercise is None:
        suggested = suggest(ctx.library, profile, name)  # the user's own first, as /log suggests
        lift = lift_for_log(ctx, request.account, profile, head) if head else None
        if lift is not None and suggested[:1] == [lift]:
            # "hip thrust abc": the lift closest to it and a word where its load goes ("glute bridge
            # single" is closer to another lift: the single-leg one is suggested).
            shown = lift.name.lower()
            return not_a_load(last, f"/warmup {shown}", f"/warmup {shown} 100")
        close = ", ".join(esc(e.name) for e in suggested)
        hint = f" Did you mean: {close}?" if close else ""
        return Reply(f"“{esc(name[:60])}” is not in the library.{hint} For example {example}.")
    preset, kit = user_equipment(profile)
    # One dumbbell or kettlebell said ("24kg dumbbell", "kb deadlift"): its ramp, with no bar (`held_said`).
    said_name = name if implement_word is None or load is not None else f"{name} {implement_word[0].strip()}"
    held_one = held_said(typed, said_name, exercise)
    if held_one is not None and pair_said(typed, said_name, exercise):
        held_one, pair = None, True  # "rdl 24kg dumbbell": a pair, per hand, as /log stores it
    rules = ExerciseRules.from_library(exercise, level=profile.level)
    # The way a user's own lift was logged stands for a word typed (`_no_such_bell` says the bar's).
    logged_way = (
        rules.kit_guessed and load is not None and not pair and held_one is None and not implement_word
    )
    if logged_way:
        # A user's own lift names no kit: a load with none said ramps the way its latest work was done,
        # as its target goes on (`target_way`: "goblet squat 3x12 16kg kettlebell", in the kit's bells).
        way = target_way(ctx.store.entries_trained(request.account, exercise.id))
        if isinstance(way, Held):
            held_one = way.value  # type: ignore[assignment]
        pair = way == 2
    title = f"Warm-up: {esc(exercise.name)}"  # a user's own name is their text
    at_bodyweight = Reply(
        # Nothing on the bar, so nothing to ramp: the lift's own easy reps warm it up.
        f"{esc(exercise.name)} at bodyweight: no ramp needed. A few easy reps of it are the warm-up. "
        f"For a ramp to a load, give it, e.g. /warmup {esc(exercise.name.lower())} 60.",
        title=title,
    )
    if not rules.loadable:
        what = "band work" if rules.band_work else "bodyweight work"
        return Reply(
            f"{esc(exercise.name)} is {what}: no ramp needed. A few easy reps of it are the warm-up.",
            title=title,
        )
    if bodyweight is not None:  # a loadable lift done without load ("glute bridge bw")
        return at_bodyweight
    barbell = not pair and held_one is None and bar_said(typed, said_name, exercise)
    if barbell:
        # "/warmup bss 60kg barbell": a bar's load, ramped from the empty bar with plates, as on a bar
        # lift, never in dumbbell steps under the bar; nothing held on the hips.
        rules = replace(rules, implement="barbell", light_first=False)
    implement, two = rules.implement, ""
    one = False  # the target is one dumbbell or kettlebell held on a bar lift: the held ramp, no bar
    if held_one is not None and not pair:
        implement, one = held_one, True  # "/warmup hip thrust 24kg dumbbell": no bar, no plates
    if pair:  # a pair of dumbbells (or kettlebells) ramps per hand, on the dumbbells
        implement, two = pair_implement(rules, kit), "2 × "
        if implement not in ("dumbbell", "kettlebell"):
            return Reply(
                f"Your set-up ({esc(preset)}) has no dumbbells or kettlebells for a pair. "
                f"Add yours with {esc(_example('dumbbells', kit.unit))}.",
                title=title,
            )
    nothing_to_load = Reply(
        f"Your set-up ({esc(preset)}) has nothing to load a {rules.implement} lift with. "
        "Change it with /equipment.",
        title=title,
    )
    source = ""
    said = ""  # the working load as the user says it ("25 lb"), when not in the kit's unit
    others: list[PlannedSet] = []  # a target at more than one load: its loads after the first
    if load is None:
        from handlers.plan import (
            format_target,
            load_runs,
            program_week,
            sentence,
            target_for,
        )  # (imports this)

        entries = ctx.store.entries(request.account)
        # The target /log and /plan show (the program's scheme, per side, a pair, the lighter week's).
        week = program_week(profile, entries, ctx.library, ctx.clock())
        # "/warmup kb deadlift": the target of the kettlebell days (`target_for`'s way), not the bar's.
        # "/warmup dumbbell rdl": the target of the pair's days (2), as /log stores that name.
        way: Held | int | None = Held(held_one) if held_one is not None else 2 if pair else None
        target = target_for(exercise, entries, profile, ctx.library, ctx.clock(), week=week, way=way)
        if (
            target.load is None
            and held_one is None
            and not pair
            and ctx.store.entries_trained(request.account, exercise.id)
        ):
            return at_bodyweight  # logged, with no load: the next sets are at bodyweight too
        if target.load is None:
            # None done with that one dumbbell or kettlebell yet: its load, not a bar's, is asked for.
            lift = exercise.name.lower()
            done, eg = "", "100"
            if held_one is not None:
                done, eg = f" with one {held_one}", _bell_example(held_one, kit)
            elif pair:
                done, eg = " with a pair of dumbbells", f"2x{_bell_example('dumbbell', kit).split()[0]}"
            return Reply(
                f"I have no {esc(lift)} load{done} from you yet to warm up to. "
                f"Give the working load, e.g. /warmup {esc(lift)} {eg}.",
                title=title,
            )
        load = target.load_in(kit.unit)  # a load kept as logged (25 lb) ramps in the kit's unit
        said = f"{target.load:g} {target.unit}" if target.unit != kit.unit else ""
        if target.pair:  # a pair of dumbbells ramps per hand, on the dumbbells
            implement, two = pair_implement(rules, kit), "2 × "
        elif target.held is not None:  # a dumbbell on the hips, a kettlebell deadlift: no bar
            implement, one = target.held, True
        if not loadable_loads(implement, kit):
            return nothing_to_load
        # The reason as a sentence of its own, as the /log card says it: reasons hold parentheses of
        # their own, and wrapped in more they nested ("(… working weight (a lighter load …) …)").
        source = f"Your next target: {esc(format_target(target, kit, ctx.library))}. {esc(sentence(target.reason))}\n"
        held = one or held_load(rules, load, kit, bool(two))
        if implement == "barbell" and load < kit.bar - 1e-6 and not held:
            return Reply(source + _below_the_bar(load, kit, exercise.name.lower(), said), title=title)
        others = [s for s, _reps in load_runs(target)[1:]]
    else:
        kit_unit = unit_asked(profile) if unit is None else None
        if kit_unit is not None:  # read in neither unit until the lifter says which they log in
            lift = f"/warmup {exercise.name.lower()} {'2x' if two else ''}{load:g}"
            return which_unit(f"{load:g}", profile, kit_unit, {u: f"{lift}{u}" for u in UNITS}, "")
        problem = _load_problem(load, unit or profile.units)
        if problem:
            return Reply(f"{problem}, e.g. {example}.")
        # How /log stores it (`LoggedSet.way`): one held, a pair, or the lift's own single load.
        bell_way: int | Held = Held(implement) if one else 2 if two else 1
        trained = ctx.store.entries_trained(request.account, exercise.id)
        if (one or two) and far_past_the_bells(
            to_kg(load, unit or profile.units), implement, kit, bell_way, trained
        ):
            # "500kg dumbbell": no dumbbell weighs that (/log asks the same), and never a bar's ramp.
            return Reply(
                _no_such_bell(load, unit or profile.units, implement, kit, exercise.name, two, logged_way),
                title=title,
            )
        if not loadable_loads(implement, kit):
            return nothing_to_load
        # A load without a unit is in the user's unit, as /log reads it, whatever the kit's unit.
        typed = f"{load:g} {unit or profile.units}"
        load, note = _in_kit_unit(load, unit or profile.units, kit, implement)
        lift = exercise.name.lower()
        # A dumbbell or plate on the hips (a bridge at bw+20kg) is no bar load: nothing to round onto it.
        held = held_load(rules, load, kit, bool(two))
        if implement == "barbell" and load < kit.bar - 1e-6 and not held:
            bar_lift = f"barbell {lift}" if barbell else lift  # the empty bar's line ramps a bar too
            return Reply(_below_the_bar(load, kit, bar_lift, typed if note else ""), title=title)
        if not held:
            # Its redo says one held (or a bar on a lift done otherwise) again, never the lift's usual way.
            held_word = implement if one or barbell else ""
            load_kg = to_kg(load, kit.unit)
            heavier = implement in BELLS and load > max(kit.loads_for(implement)) + 1e-6
            if heavier and not far_past_the_bells(load_kg, implement, kit, bell_way, trained):
                # Past the kit's heaviest bell, not so far it reads as a typo: ramped to as typed, as /log
                # stores it (a gym with heavier ones than /equipment lists), and said as /log says it.
                if past_the_rack(load_kg, implement, kit, bell_way, trained):
                    said_as = f"warming up to {two}{load:g} {kit.unit} as you typed it"
                    note += rack_line(implement, kit, said_as) + "\n"
            else:
                past = _past_the_kit(load, implement, kit, lift, two, held_word)
                if past is not None:
                    return Reply(note + past, title=title)
                made, said_why = _nearest_loadable(load, implement, kit, lift, two, held_word)
                note += said_why
                load = made
        source = note
    lines = warmup_lines(rules, load, implement, kit, pair=bool(two), held=one)
    said = said or f"{load:g} {kit.unit}"
    if one:  # "to 24 kg dumbbell": one held is no bar of 24 kg, said as the target says it
        said += f" {implement}"
    work = f"Then your working sets at *{two}{said}*"
    if implement == "barbell" and not held:
        work += f" — {per_side(load, kit)}"
    for i, s in enumerate(others):
        # Every load of the target is named, each with its plates: the ramp is to the first.
        last = i == len(others) - 1
        work += f"{', and' if last and implement == 'barbell' else ' and' if last else ','} *{s.load_text}*"
        if (
            implement == "barbell"
            and s.load is not None
            and s.unit == kit.unit
            and not held_load(rules, s.load, kit)
        ):
            work += f" — {per_side(s.load, kit)}"
    if not lines:
        return Reply(f"{source}{two}{said} is light enough: no ramp needed, start working.", title=title)
    return Reply(f"{source}" + "\n".join(lines) + f"\n{work}.", title=f"{title} to {two}{said}")

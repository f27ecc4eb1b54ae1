"""Progression logic: estimated 1RM, records, PR flags and the next session's target.

Pure functions over :class:`domain.log.LogEntry`; no storage, no platform.

The coaching rule behind :func:`next_target` is the one the bot teaches: progressive overload with good
form, changing ONE variable at a time (load, reps or sets). That is double progression:

- loaded lift: work up the rep range at a fixed load; when every set reaches the top of the range, add
  one load step and drop back to the bottom of the range;
- bodyweight: work up the rep range; at the top, move to a harder variation or level, same reps;
- activation (mini-band walks): reps are steps each way; at the top, move the band one position
  (knees -> ankles -> feet) and drop back to the bottom; at the feet, keep the feet and keep quality.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from domain.levels import BANDS, next_band
from domain.log import LogEntry
from domain.units import to_kg

__all__ = ["e1rm", "Target", "Records", "records", "pr_flags", "next_target", "round_load"]

# Loads closer than this (in kg) count as the same load, so 80 kg and 176.4 lb compare equal.
SAME_LOAD_KG = 0.1
# Improvements smaller than this are float noise, not records.
_EPS = 1e-6
ROUNDING = {"kg": 0.5, "lb": 1.0}


def e1rm(weight: float, reps: int) -> float:
    """Estimated one-rep max by the Epley formula: ``weight * (1 + reps / 30)``; one rep is the weight itself.

    Why Epley: it is the most widely used estimate, needs no lookup table, and is monotonic in both
    weight and reps, which is what ranking sessions needs. Like every 1RM formula it drifts at high
    reps (beyond ~12 it overestimates for many lifters), so it is used to compare a lifter with
    themselves over time, never as a prescription to test a max.
    """
    if reps < 1:
        raise ValueError("reps must be at least 1")
    if weight < 0:
        raise ValueError("weight must not be negative")
    if reps == 1:
        return float(weight)
    return weight * (1 + reps / 30)


@dataclass(frozen=True)
class Target:
    reps: tuple[int, ...]  # one number per set (steps each way for activation)
    weight: float | None  # None = no load prescribed (bodyweight, activation, or "pick a load" at the start)
    unit: str | None  # unit of ``weight``; for a loaded start (weight None) the lifter's unit
    band: str | None  # activation band position
    change: str  # one short sentence: what changed and why


@dataclass(frozen=True)
class Records:
    best_e1rm_kg: float | None
    heaviest_kg: float | None
    entries: int  # how many loaded, non-activation entries the records were taken from


def _best_set_e1rm(weight_kg: float, most_reps: int) -> float:
    """Estimated 1RM of an entry's best set from its most reps in a set; 0.0 if no set had a rep.

    Epley grows with reps at a fixed weight, so the set with the most reps is the best one: one formula
    evaluation per entry instead of one per set.
    """
    return e1rm(weight_kg, most_reps) if most_reps >= 1 else 0.0


# The loops below walk a whole exercise history on every /log and /progress, so each does all its work in
# one pass, and "loaded" (not activation, a weight above 0, at least one set) is tested inline.


def records(history: list[LogEntry]) -> Records:
    """Best estimated 1RM and heaviest load (both kg) over loaded, non-activation entries of ``history``.

    ``history`` is one exercise's log; bodyweight and activation entries are not counted.
    """
    best = heaviest = 0.0
    count = 0
    for e in history:
        weight = e.weight
        if not e.activation and weight is not None and weight > 0 and e.reps:
            kg = to_kg(weight, e.unit)
            e1rm_kg = _best_set_e1rm(kg, max(e.reps))
            if count == 0 or e1rm_kg > best:
                best = e1rm_kg
            if count == 0 or kg > heaviest:
                heaviest = kg
            count += 1
    if not count:
        return Records(best_e1rm_kg=None, heaviest_kg=None, entries=0)
    return Records(best_e1rm_kg=best, heaviest_kg=heaviest, entries=count)


def pr_flags(history_before: list[LogEntry], entry: LogEntry) -> list[str]:
    """Which personal records ``entry`` sets against the same exercise's earlier entries.

    Loaded: "heaviest load", "best estimated 1RM", "most reps at this load" (best set at the same load,
    within 0.1 kg across units). Bodyweight: "most total reps". Activation entries never set records, and
    there is nothing to beat without an earlier comparable entry, so a first entry is not flagged.
    """
    if entry.activation or not entry.reps:
        return []
    if entry.weight is not None and entry.weight > 0:
        return _loaded_flags(history_before, entry, to_kg(entry.weight, entry.unit))
    return _bodyweight_flags(history_before, entry)


def _loaded_flags(history_before: list[LogEntry], entry: LogEntry, load: float) -> list[str]:
    most = max(entry.reps)
    e1rm_now = _best_set_e1rm(load, most)
    # A record stands until an earlier entry matches it (the same as beating the earlier best), and the
    # order of the comparisons doesn't matter. So: latest first, since the last sessions are the likeliest
    # to match; skip a record's comparison once it has fallen; stop once all three have.
    heaviest = best_e1rm = most_reps = True
    compared = lifted_this_load = False
    for e in reversed(history_before):
        weight = e.weight
        if e.exercise == entry.exercise and not e.activation and weight is not None and weight > 0 and e.reps:
            compared = True
            kg = to_kg(weight, e.unit)
            if heaviest and load <= kg + _EPS:
                heaviest = False
            if best_e1rm and e1rm_now <= _best_set_e1rm(kg, max(e.reps)) + _EPS:
                best_e1rm = False
            if abs(kg - load) < SAME_LOAD_KG:
                lifted_this_load = True
                if most_reps and most <= max(e.reps):
                    most_reps = False
            if not (heaviest or best_e1rm or most_reps):
                return []
    if not compared:
        return []
    flags: list[str] = []
    if heaviest:
        flags.append("heaviest load")
    if best_e1rm:
        flags.append("best estimated 1RM")
    if lifted_this_load and most_reps:
        flags.append("most reps at this load")
    return flags


def _bodyweight_flags(history_before: list[LogEntry], entry: LogEntry) -> list[str]:
    most_total: int | None = None
    for e in history_before:
        if e.exercise == entry.exercise and not e.activation and e.reps and e.weight is None:
            total = sum(e.reps)
            if most_total is None or total > most_total:
                most_total = total
    if most_total is not None and sum(entry.reps) > most_total:
        return ["most total reps"]
    return []


def round_load(weight: float, unit: str) -> float:
    """Round to the nearest plate-friendly load: 0.5 kg or 1 lb (halves round up)."""
    step = ROUNDING.get(unit, 0.5)
    return math.floor(weight / step + 0.5) * step


def _fmt(value: float) -> str:
    return f"{value:g}"


def _prepare(last: LogEntry, sets: int, top: int) -> tuple[list[int], bool]:
    """The first ``sets`` sets of ``last`` (fewer if fewer were done) and whether all ``sets`` hit ``top``."""
    done = list(last.reps[:sets])
    return done, len(done) == sets and all(r >= top for r in done)


def _plus_one(done: list[int], top: int) -> tuple[int, ...]:
    return tuple(min(top, r + 1) for r in done)


def _missing_sets(done: list[int], sets: int, top: int) -> tuple[int, ...]:
    """Repeat what was done and fill the missing sets with the last set's reps (no rep increase)."""
    base = [min(top, r) for r in done] or [top]
    return tuple(base + [base[-1]] * (sets - len(base)))


def next_target(
    last: LogEntry | None,
    rep_range: tuple[int, int],
    sets: int,
    load_step: float,
    loaded: bool,
    unit: str,
    activation: bool = False,
    level_band: str | None = None,
) -> Target:
    """The next session's target by double progression, one variable at a time.

    ``load_step`` is in the unit of the last entry (the caller passes the step for that unit); ``unit``
    is the lifter's unit, used for a loaded start. ``sets`` is the prescribed number of sets: if the last
    entry had fewer, the target first completes them at the same load and reps (that is the one change).
    A bodyweight exercise the lifter chose to load (``loaded`` False but a weight logged) keeps that
    weight unchanged and progresses reps/variation only.
    """
    bottom, top = rep_range
    if not 1 <= bottom <= top:
        raise ValueError(f"bad rep range {rep_range!r}")
    if sets < 1:
        raise ValueError("sets must be at least 1")
    start_reps = (bottom,) * sets

    if activation:
        return _activation_target(last, bottom, top, sets, level_band)

    if last is None or not last.reps:
        if loaded:
            return Target(
                reps=start_reps,
                weight=None,
                unit=unit,
                band=None,
                change=f"Start light: pick a load you can move for {bottom} clean reps.",
            )
        return Target(
            reps=start_reps,
            weight=None,
            unit=None,
            band=None,
            change=f"Start with {bottom} slow, controlled reps per set, form first.",
        )

    done, top_reached = _prepare(last, sets, top)

    if not loaded or last.weight is None:
        weight, w_unit = last.weight, (last.unit if last.weight is not None else None)
        if len(done) < sets:
            reps = _missing_sets(done, sets, top)
            change = f"finish all {sets} sets before adding reps"
        elif top_reached:
            reps = (top,) * sets
            change = f"all sets hit {top}: move to a harder variation or the next level, keep {top} reps"
        else:
            reps = _plus_one(done, top)
            change = f"one more rep on each set below {top}, same exercise"
        return Target(reps=reps, weight=weight, unit=w_unit, band=None, change=change)

    if load_step <= 0:
        raise ValueError("load_step must be positive for a loaded exercise")
    w_unit = last.unit or unit
    load = f"{_fmt(last.weight)} {w_unit}"
    if len(done) < sets:
        return Target(
            reps=_missing_sets(done, sets, top),
            weight=last.weight,
            unit=w_unit,
            band=None,
            change=f"Finish all {sets} sets at {load} before adding reps.",
        )
    if top_reached:
        new = round_load(last.weight + load_step, w_unit)
        if new <= last.weight:  # a step smaller than the rounding still has to go up
            new = last.weight + ROUNDING.get(w_unit, 0.5)
        return Target(
            reps=start_reps,
            weight=new,
            unit=w_unit,
            band=None,
            change=f"All sets hit {top}: add {_fmt(new - last.weight)} {w_unit}, back to {bottom} reps.",
        )
    return Target(
        reps=_plus_one(done, top),
        weight=last.weight,
        unit=w_unit,
        band=None,
        change=f"Same {load}: one more rep on each set below {top}.",
    )


def _activation_target(
    last: LogEntry | None, bottom: int, top: int, sets: int, level_band: str | None
) -> Target:
    start_band = level_band if level_band in BANDS else BANDS[0]
    if last is None or not last.reps:
        return Target(
            reps=(bottom,) * sets,
            weight=None,
            unit=None,
            band=start_band,
            change=f"Start with the band at the {start_band}: {bottom} steps each way.",
        )
    band = last.band if last.band in BANDS else start_band
    done, top_reached = _prepare(last, sets, top)
    if len(done) < sets:
        return Target(
            reps=_missing_sets(done, sets, top),
            weight=None,
            unit=None,
            band=band,
            change=f"Band stays at the {band}: finish all {sets} sets first.",
        )
    if not top_reached:
        return Target(
            reps=_plus_one(done, top),
            weight=None,
            unit=None,
            band=band,
            change=f"Band stays at the {band}: one more step each way on sets below {top}.",
        )
    harder = next_band(band)
    if harder is None:
        return Target(
            reps=(top,) * sets,
            weight=None,
            unit=None,
            band=band,
            change="The feet are the hardest spot: keep the band there and keep quality, knees out, tension on.",
        )
    return Target(
        reps=(bottom,) * sets,
        weight=None,
        unit=None,
        band=harder,
        change=f"All sets hit {top} steps: move the band from the {band} to the {harder}, back to {bottom} steps.",
    )

"""An exercise's bests, folded in entry by entry: what judging a new entry (a PR, an outlier) reads,
without a pass over the whole history each time. Pure coaching on domain types: /log keeps one per
user and exercise (handlers/logbook.py), the progress chart folds one through the history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from domain.training import Entry, Held

from .prescribe import ExerciseRules, held_so, record_way, set_e1rm

K = TypeVar("K")


@dataclass
class Bests:
    """The entries that hold an exercise's bests (most reps at each load, best estimated 1RM, most
    unloaded reps, heaviest counted set with a pair, with one implement held and with a single load) and
    the latest with working sets, the records kept apart for each implement held (`record_way`): `is_pr`
    and `outlier` give the same answer from these few as from the whole history (their maxima are these
    entries' maxima).
    Folded in entry by entry while the history only grows; when only its last entry changed (an /edit
    or /undo of the newest set), taken up again from before that one (``without_last``); built again
    when it changed otherwise. Whoever keeps one tells which (handlers/logbook.py: the entries seen are
    the history's first ``count``, the last of them ``last``, and the store's marks say nothing before
    that changed), with no copy of a five-year history kept per exercise."""

    count: int = 0  # the entries folded in: the first ``count`` of the history, in the order trained
    last: Entry | None = None  # the last of them
    holders: dict[str, tuple[float, Entry]] = field(default_factory=dict)
    # most reps, per implement held (None: the lift's usual way or a pair) and load in kg in all
    at_load: dict[tuple[Held | None, float], tuple[float, Entry]] = field(default_factory=dict)
    # the latest entry with working sets, per implement held (`is_pr` reads the previous session's)
    last_work: dict[Held | None, Entry] = field(default_factory=dict)
    without_last: Bests | None = None  # these bests before the last entry seen was folded in

    def holds(self, before: list[Entry]) -> bool:
        """The entries folded in are still ``before``'s first ones as far as their count and last one
        tell (the same object at the same place): the rest is the keeper's to check."""
        n = self.count
        return n <= len(before) and (n == 0 or before[n - 1] is self.last)

    def catch_up(self, before: list[Entry], rules: ExerciseRules | None) -> None:
        """Fold in the entries of ``before`` past those folded in (the first ``count`` of ``before``)."""
        new = before[self.count :]
        for i, earlier in enumerate(new):
            if i == len(new) - 1:
                self.without_last = Bests(
                    self.count, self.last, dict(self.holders), dict(self.at_load), dict(self.last_work), None
                )
            self.fold(earlier, rules)

    def fold(self, entry: Entry, rules: ExerciseRules | None) -> None:
        self.count += 1
        self.last = entry
        # The heaviest counted set done each way, in all (both hands of a pair): `outlier` judges a
        # load by the best done the same way (a pair, one dumbbell or kettlebell held, or a barbell).
        counted: dict[str, float] = {}
        for s in entry.sets:
            if s.counts and (kg := s.load_in_all_kg) is not None:
                way = "pair" if s.implements == 2 else s.held.value if s.held else "single"
                counted[way] = max(kg, counted.get(way, kg))
        for way, kg in counted.items():
            self._hold(self.holders, f"counted {way}", kg, entry)
        work = [s for s in entry.working if s.reps > 0]
        if not work:
            return
        # Each implement held keeps its own records, as `is_pr` reads them (a bar against bars only).
        for held in {s.held for s in work}:
            self.last_work[held] = entry
            way = [s for s in work if s.held == held]
            key = f" {held.value}" if held else ""
            for s in way:
                if kg := s.load_in_all_kg:  # in all, both hands of a pair (as `is_pr` judges it)
                    self._hold(self.holders, f"heaviest{key}", kg, entry)
                    self._hold(self.at_load, (held, kg), s.reps, entry)
            e1rms = [x for s in way if (x := set_e1rm(s, entry.exercise, rules)) is not None]
            if e1rms:
                self._hold(self.holders, f"e1rm{key}", max(e1rms), entry)
        unloaded = sum(s.reps for s in work if not s.load_kg)
        if unloaded:
            self._hold(self.holders, "unloaded", unloaded, entry)

    @staticmethod
    def _hold(holders: dict[K, tuple[float, Entry]], key: K, value: float, entry: Entry) -> None:
        held = holders.get(key)
        if held is None or value > held[0]:
            holders[key] = (value, entry)

    def witnesses(self, entry: Entry) -> list[Entry]:
        """The holders that judging ``entry`` reads, the latest entry with working sets last (`is_pr`
        compares with it): the overall bests and the most reps at (about) its top load. A superset is
        harmless, so loads within twice `is_pr`'s 0.1 kg tolerance all come along. All read done the way
        ``entry`` was (`record_way`); the other ways' holders come along too, harmless as well."""
        held = record_way(entry)
        mine = held_so(entry, held)
        top = max((s.load_in_all_kg for s in mine.working if s.reps > 0 and s.load_kg), default=None)
        near = (
            []
            if top is None
            else [e for (h, kg), (_, e) in self.at_load.items() if h == held and abs(kg - top) < 0.2]
        )
        every = [*(e for _, e in self.holders.values()), *near]
        last = self.last_work.get(held)
        unique = {id(e): e for e in every if e is not last}
        return [*unique.values(), *([last] if last is not None else [])]

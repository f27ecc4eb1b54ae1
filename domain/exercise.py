"""What coaching needs to know about an exercise, as a Protocol: the library's exercises (content/)
satisfy it structurally, so coaching reads them without importing content."""

from __future__ import annotations

from typing import Protocol


class LevelSpec(Protocol):
    @property
    def band(self) -> str | None: ...  # activation: the band position this level starts at


class ExerciseSpec(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def category(self) -> str: ...  # one of domain.levels.CATEGORIES
    @property
    def rep_range(self) -> tuple[int, int]: ...
    @property
    def sets(self) -> int: ...
    @property
    def loaded(self) -> bool: ...
    @property
    def load_step_kg(self) -> float: ...
    @property
    def load_step_lb(self) -> float: ...

    def level(self, name: str) -> LevelSpec: ...

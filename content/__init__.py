"""Coaching content: YAML data files in this folder and the validating loader (`load_library`)."""

from content.library import (
    Approach,
    ApproachRow,
    ContentError,
    Exercise,
    Issue,
    Level,
    Library,
    Muscle,
    Source,
    Study,
    load_library,
)

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
    "load_library",
]

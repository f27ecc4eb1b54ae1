"""/import keeps apart two long names that are the same in their first 60 characters (in one file, or
one imported after the other), and an imported name is logged by the name /exercise shows, whatever
words of /log's it holds ("Band"). On the console chat, as the user sees it."""

from __future__ import annotations

from pathlib import Path

from core.markup import plain
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401

STRONG_HEADER = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;"
    "Seconds;Notes;Workout Notes\n"
)
STEM = "Single Leg Romanian Deadlift To Overhead Press With Rotation"  # 60 characters
assert len(STEM) == 60
LEFT, RIGHT = f"{STEM} Left Arm", f"{STEM} Right Arm"


def strong(rows: list[tuple[str, str, int]]) -> str:
    """A Strong export: (date, exercise, load) rows, three sets of 10 each."""
    return STRONG_HEADER + "".join(
        f"{day} 18:00:00;Legs;{name};{n};{load};kg;10;;;;0;;\n" for day, name, load in rows for n in (1, 2, 3)
    )


async def imported(chat: Chat, tmp_path: Path, text: str) -> str:
    path = tmp_path / "strong.csv"
    path.write_text(text)
    [preview] = await chat.say(f"/import {path}")
    [done] = await chat.press(preview, "Accept all")
    assert done.text.startswith("Imported"), done.text
    return plain(preview.text)


def by_exercise(chat: Chat) -> dict[str, list[float | None]]:
    loads: dict[str, list[float | None]] = {}
    for e in entries(chat):
        loads.setdefault(e.exercise, []).append(e.sets[0].load)
    return loads


async def test_two_long_names_alike_in_60_characters_stay_two_exercises(me: Chat, tmp_path: Path) -> None:
    preview = await imported(
        me, tmp_path, strong([("2026-11-20", LEFT, 10), ("2026-11-20", RIGHT, 12), ("2026-11-23", LEFT, 11)])
    )
    targets = [line.split(" → ")[1] for line in preview.splitlines() if line.startswith("• Single Leg")]
    assert len(targets) == 2 and targets[0] != targets[1], preview
    loads = by_exercise(me)
    assert sorted(loads.values()) == [[10.0, 11.0], [12.0]], loads
    listing = plain((await one(me, "/exercise")).text)
    assert sum(line.startswith("• Single Leg") for line in listing.splitlines()) == 2, listing


async def test_a_long_name_imported_after_another_alike_stays_its_own(me: Chat, tmp_path: Path) -> None:
    await imported(me, tmp_path, strong([("2026-11-20", LEFT, 10)]))
    await imported(me, tmp_path, strong([("2026-11-23", RIGHT, 12), ("2026-11-24", LEFT, 11)]))
    loads = by_exercise(me)
    assert sorted(loads.values()) == [[10.0, 11.0], [12.0]], loads  # a later LEFT joins the first

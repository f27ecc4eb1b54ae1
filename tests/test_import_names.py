"""/import keeps apart two long names that are the same in their first 60 characters (in one file, or
one imported after the other), and an imported name is logged by the name /exercise shows, whatever
words of /log's it holds ("Band"). On the console chat, as the user sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

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


# -- an imported name holding /log's band words is logged by that name ---------------------------------


@pytest.mark.parametrize("name", ["Squat Band Knees", "Monster Walk Band Light", "Hip Thrust Band"])
async def test_an_imported_name_with_band_words_is_logged_by_its_name(
    me: Chat, tmp_path: Path, name: str
) -> None:
    preview = await imported(me, tmp_path, strong([("2026-11-20", name, 20)]))
    assert f"• {name} → your own exercise “{name}” (3 sets)" in preview, preview
    for typed in (name, name.lower()):
        logged = plain((await one(me, f"/log {typed} 3x10 22kg")).text)
        assert logged.startswith(f"Logged {name}: 3 × 10 @ 22 kg.\n"), logged
    assert {e.exercise for e in entries(me)} == {name}
    assert all(s.band is None and s.resistance is None for e in entries(me) for s in e.sets)
    # its own band still reads after the name, and a library lift's band words too
    banded = plain((await one(me, f"/log {name} 3x10 22kg band=ankles")).text)
    assert banded.startswith(f"Logged {name}: 3 × 10 @ 22 kg band at the ankles."), banded
    squat = plain((await one(me, "/log squat 3x10 60kg band knees")).text)
    assert squat.startswith("Logged Back squat: 3 × 10 @ 60 kg band at the knees."), squat


async def test_an_imported_name_kept_as_ones_own_is_logged_by_it_not_the_library_lift(
    me: Chat, tmp_path: Path
) -> None:
    path = tmp_path / "strong.csv"
    path.write_text(strong([("2026-11-20", "Banded Hip Thrust", 60)]))
    [preview] = await me.say(f"/import {path}")
    assert "• Banded Hip Thrust → Hip thrust (3 sets)" in plain(preview.text), preview.text
    [names] = await me.press(preview, "Change one")
    [pick] = await me.press(names, "Banded Hip Thrust")
    [preview] = await me.press(pick, "Keep as my own exercise")
    await me.press(preview, "Accept all")
    listing = plain((await one(me, "/exercise")).text)
    assert "• Banded Hip Thrust\n" in listing, listing
    mine = plain((await one(me, "/log banded hip thrust 3x10 62.5kg")).text)
    assert mine.startswith("Logged Banded Hip Thrust: 3 × 10 @ 62.5 kg."), mine
    library = plain((await one(me, "/log hip thrust 3x10 80kg")).text)
    assert library.startswith("Logged Hip thrust: 3 × 10 @ 80 kg."), library
    assert [e.exercise for e in entries(me)] == ["Banded Hip Thrust", "Banded Hip Thrust", "hip_thrust"]


async def test_a_name_that_is_a_long_names_cut_stays_its_own_across_imports(me: Chat, tmp_path: Path) -> None:
    await imported(me, tmp_path, strong([("2026-11-20", LEFT, 10)]))
    await imported(me, tmp_path, strong([("2026-11-21", STEM, 30)]))
    await imported(me, tmp_path, strong([("2026-11-22", LEFT, 11)]))
    await imported(me, tmp_path, strong([("2026-11-23", STEM, 32)]))
    loads = by_exercise(me)
    assert sorted(loads.values()) == [[10.0, 11.0], [30.0, 32.0]], loads
    listing = plain((await one(me, "/exercise")).text)
    assert sum(line.startswith("• Single Leg") for line in listing.splitlines()) == 2, listing


async def test_a_long_names_cut_in_the_same_file_stays_its_own(me: Chat, tmp_path: Path) -> None:
    await imported(me, tmp_path, strong([("2026-11-20", LEFT, 10), ("2026-11-21", STEM, 30)]))
    await imported(me, tmp_path, strong([("2026-11-22", STEM, 32), ("2026-11-23", LEFT, 11)]))
    loads = by_exercise(me)
    assert sorted(loads.values()) == [[10.0, 11.0], [30.0, 32.0]], loads


async def test_long_names_alike_show_their_tails_in_the_preview_and_change_one(
    me: Chat, tmp_path: Path
) -> None:
    path = tmp_path / "strong.csv"
    path.write_text(strong([("2026-11-20", LEFT, 10), ("2026-11-20", RIGHT, 12), ("2026-11-21", STEM, 30)]))
    [preview] = await me.say(f"/import {path}")
    said = [line.split(" → ")[0] for line in plain(preview.text).splitlines() if line.startswith("• Single")]
    assert len(set(said)) == 3, said
    assert said[0].endswith("…Rotation Left Arm") and said[1].endswith("…Rotation Right Arm"), said
    assert said[2] == f"• {STEM}", said
    [change] = await me.press(preview, "Change one")
    labels = [b.label for row in change.buttons for b in row]
    assert len(set(labels)) == 3 and all(len(label) <= 40 for label in labels), labels
    [pick] = await me.press(change, labels[1])
    assert plain(pick.text).startswith(f"“{said[1].removeprefix('• ')}” now maps to"), pick.text


async def test_a_long_imported_name_is_logged_by_its_full_name(me: Chat, tmp_path: Path) -> None:
    await imported(me, tmp_path, strong([("2026-11-20", LEFT, 10), ("2026-11-20", RIGHT, 12)]))
    ids = {e.sets[0].load: e.exercise for e in entries(me)}
    for name, load, was in ((LEFT, 11, 10.0), (RIGHT.lower(), 13, 12.0)):
        logged = plain((await one(me, f"/log {name} 3x10 {load}kg")).text)
        assert logged.startswith("Logged Single Leg Romanian"), logged
        assert entries(me)[-1].exercise == ids[was]


async def test_history_and_progress_find_a_long_imported_name_typed_in_full(me: Chat, tmp_path: Path) -> None:
    """Tester 13: /log took the app's full name, /history and /progress refused it as too long."""
    await imported(me, tmp_path, strong([("2026-11-20", LEFT, 10), ("2026-11-20", RIGHT, 12)]))
    for name, load in ((LEFT, "10 kg"), (RIGHT.lower(), "12 kg")):
        history = plain((await one(me, f"/history {name}")).text)
        assert "too long" not in history and f"@ {load}" in history, history
        chart = await one(me, f"/progress {name}")
        assert chart.image is not None and f"Heaviest load: {load}" in plain(chart.text), chart.text


async def test_an_imported_name_starting_with_log_words_is_logged_by_its_name(
    me: Chat, tmp_path: Path
) -> None:
    await imported(
        me, tmp_path, strong([("2026-11-20", "Same Side Step", 20), ("2026-11-20", "Yesterday Lift", 30)])
    )
    for line, said in (
        ("Same Side Step 3x10 22kg", "Logged Same Side Step: 3 × 10 @ 22 kg."),
        ("yesterday lift 3x10 32kg", "Logged Yesterday Lift: 3 × 10 @ 32 kg."),
        ("same side step same", "Logged Same Side Step: 3 × 10 @ 22 kg."),
    ):
        logged = plain((await one(me, f"/log {line}")).text)
        assert logged.startswith(said), logged
    assert [e.exercise for e in entries(me)][-3:] == ["Same Side Step", "Yesterday Lift", "Same Side Step"]
    # the words still read so before any other name
    dated = plain((await one(me, "/log yesterday hip thrust 3x10 100kg")).text)
    assert dated.startswith("Logged Hip thrust: 3 × 10 @ 100 kg.\nSun 29 Nov 2026"), dated


async def test_exercise_after_a_big_import_lists_a_few_by_name_and_finds_the_rest(
    me: Chat, tmp_path: Path
) -> None:
    await imported(
        me, tmp_path, strong([("2026-11-20", f"Drill Number {i} Move", 20) for i in range(300, 0, -1)])
    )
    listing = plain((await one(me, "/exercise")).text)
    assert len(listing) < 2000, len(listing)
    lines = [line for line in listing.splitlines() if line.startswith("• ")]
    assert lines[:3] == ["• Drill Number 1 Move", "• Drill Number 2 Move", "• Drill Number 3 Move"], lines
    assert len(lines) == 30 and lines[-1] == "• Drill Number 30 Move", lines
    assert "… and 270 more: /exercise <letters> finds them (e.g. /exercise drill)." in listing, listing
    found = plain((await one(me, "/exercise number 29")).text)
    assert found.splitlines()[1:4] == [
        "• Drill Number 29 Move",
        "• Drill Number 290 Move",
        "• Drill Number 291 Move",
    ]
    assert found.count("• ") == 11 and "more" not in found, found
    usage = plain((await one(me, "/exercise zzz")).text)
    assert usage.startswith("Use /exercise add <name> <kind> or /exercise remove <name>"), usage


async def test_a_name_that_fits_keeps_itself_and_the_longer_one_is_told_apart_readably(
    me: Chat, tmp_path: Path
) -> None:
    preview = await imported(me, tmp_path, strong([("2026-11-20", LEFT, 10), ("2026-11-21", STEM, 30)]))
    assert f"• {STEM} → your own exercise “{STEM}” (3 sets)" in preview, preview
    logged = plain((await one(me, f"/log {STEM} 1x10 13kg")).text)
    assert logged.startswith(f"Logged {STEM}: 1 × 10 @ 13 kg."), logged
    loads = by_exercise(me)
    assert loads[STEM] == [30.0, 13.0], loads
    [left] = [i for i in loads if i != STEM]
    assert left.endswith("(Rotation Left Arm)") and len(left) <= 60, left
    history = plain((await one(me, f"/history {STEM}")).text)
    assert "13 kg" in history and "10 kg" not in history, history
    # a later import of the same names keeps both where they are
    await imported(me, tmp_path, strong([("2026-11-22", LEFT, 11), ("2026-11-23", STEM, 32)]))
    assert sorted(by_exercise(me).values()) == [[10.0, 11.0], [30.0, 13.0, 32.0]], by_exercise(me)


async def test_change_one_tells_apart_long_names_that_end_alike(me: Chat, tmp_path: Path) -> None:
    base = "Single Leg Cable Kickback With Pause And Controlled Slow Eccentric"  # over 60 characters
    names = [base[:60], f"{base} Left Arm Variation", f"{base} Right Arm Variation"]
    path = tmp_path / "strong.csv"
    path.write_text(strong([("2026-11-20", n, 10 + i) for i, n in enumerate(names)]))
    [preview] = await me.say(f"/import {path}")
    said = [line.split(" → ")[0] for line in plain(preview.text).splitlines() if line.startswith("• Single")]
    assert len({s.rstrip("…") for s in said}) == 3, said  # not told apart by a trailing "…" only
    assert "Left Arm" in said[1] and "Right Arm" in said[2], said
    [change] = await me.press(preview, "Change one")
    labels = [b.label for row in change.buttons for b in row]
    assert len(set(labels)) == 3 and all(len(label) <= 40 for label in labels), labels
    assert "Left" in labels[1] and "Right" in labels[2], labels


async def test_a_name_that_fits_imported_after_a_longer_one_cut_to_it_is_logged_by_its_name(
    me: Chat, tmp_path: Path
) -> None:
    # The longer name came first and keeps the id its sets are under (STEM's text); STEM is told apart.
    await imported(me, tmp_path, strong([("2026-11-20", LEFT, 10)]))
    await imported(me, tmp_path, strong([("2026-11-21", STEM, 30)]))
    ids = {e.sets[0].load: e.exercise for e in entries(me)}
    logged = plain((await one(me, f"/log {STEM} 1x10 13kg")).text)
    assert logged.startswith("Logged Single Leg Romanian"), logged
    assert entries(me)[-1].exercise == ids[30.0] != ids[10.0], entries(me)[-1]
    history = plain((await one(me, f"/history {STEM}")).text)
    assert "13 kg" in history and "30 kg" in history and "10 kg" not in history, history
    # Tester 13: the longer name typed in full went to STEM's exercise (its id, 60 characters, was read
    # as a name typed and sent on to the exercise imported under exactly that name).
    logged = plain((await one(me, f"/log {LEFT} 1x10 11kg")).text)
    assert logged.startswith("Logged Single Leg Romanian"), logged
    assert entries(me)[-1].exercise == ids[10.0], entries(me)[-1]
    history = plain((await one(me, f"/history {LEFT}")).text)
    assert "11 kg" in history and "10 kg" in history and "30 kg" not in history, history


async def test_a_big_imports_preview_counts_the_names_left_out_with_thousands_separated(
    me: Chat, tmp_path: Path
) -> None:
    """Tester 12: "… and 2975 more", where every other count says 2,975."""
    preview = await imported(
        me, tmp_path, strong([("2026-11-20", f"Drill Number {i} Move", 20) for i in range(1030)])
    )
    assert "• … and 1,005 more (1,005 kept as your own exercises)" in preview.splitlines(), preview[-400:]

"""/export writes each exercise's kind (its category) in a column of its own, after the earlier ones in
their order, and /import gives a user's own exercise back as the kind they gave it; an export without
the column (an older one) still imports, its own exercises as accessories. On the console chat."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from core.markup import plain
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401

EARLIER = [
    "date_utc",
    "entry_id",
    "exercise_id",
    "exercise",
    "set_number",
    "reps",
    "weight",
    "unit",
    "band",
    "rpe",
    "activation",
    "date_local",
    "session",
    "kind",
    "side",
    "rir",
    "load_kg",
    "note",
    "implements",
    "resistance",
]


async def exported(me: Chat) -> bytes:
    await one(me, "/exercise add reverse hyper glute lift")
    await one(me, "/exercise add sled push compound")
    await one(me, "/log reverse hyper 3x10 20kg")
    await one(me, "/log sled push 3x5 60kg")
    await one(me, "/log hip thrust 3x10 60kg")
    [export] = await me.say("/export")
    return export.file.data


async def test_the_export_says_each_exercises_kind_after_the_earlier_columns(me: Chat) -> None:
    rows = list(csv.reader(io.StringIO((await exported(me)).decode("utf-8"))))
    # (single_implement came after it: one dumbbell or kettlebell held, tests/test_single_implement.py)
    assert rows[0] == [*EARLIER, "exercise_category", "single_implement"]
    kinds = {(r[3], r[20]) for r in rows[1:]}
    assert kinds == {("reverse hyper", "glute_lift"), ("sled push", "compound"), ("Hip thrust", "glute_lift")}


async def test_an_export_imported_gives_own_exercises_back_as_their_kind(
    me: Chat, logapp, tmp_path: Path
) -> None:
    path = tmp_path / "coach-log.csv"
    path.write_bytes(await exported(me))
    bob = Chat(logapp[0], user="console:bob", chat="bob")
    [preview] = await bob.say(f"/import {path}")
    [done] = await bob.press(preview, "Accept all")
    assert done.text.startswith("Imported 9 sets"), done.text
    listing = plain((await one(bob, "/exercise")).text)
    assert listing.startswith(
        "Your own exercises:\n• reverse hyper (glute lift)\n• sled push (compound lift)\nRemove one"
    ), listing


async def test_an_export_without_the_kind_or_with_one_unknown_imports_as_an_accessory(
    me: Chat, logapp, tmp_path: Path
) -> None:
    rows = list(csv.DictReader(io.StringIO((await exported(me)).decode("utf-8"))))
    for row in rows:
        row["exercise_category"] = "bogus" if row["exercise"] == "sled push" else ""
    older = io.StringIO()
    writer = csv.DictWriter(older, EARLIER, extrasaction="ignore")  # before the column
    writer.writeheader()
    writer.writerows(r for r in rows if r["exercise"] == "reverse hyper")
    edited = io.StringIO()
    writer = csv.DictWriter(
        edited, [*EARLIER, "exercise_category"], extrasaction="ignore"
    )  # before single_implement
    writer.writeheader()
    writer.writerows(r for r in rows if r["exercise"] == "sled push")
    bob = Chat(logapp[0], user="console:bob", chat="bob")
    for n, text in enumerate((older.getvalue(), edited.getvalue())):
        path = tmp_path / f"coach-log-{n}.csv"
        path.write_text(text)
        [preview] = await bob.say(f"/import {path}")
        [done] = await bob.press(preview, "Accept all")
        assert done.text.startswith("Imported 3 sets"), done.text
    listing = plain((await one(bob, "/exercise")).text)
    assert listing.startswith(
        "Your own exercises:\n• reverse hyper (accessory)\n• sled push (accessory)\nRemove one"
    ), listing


async def test_an_own_exercise_renamed_in_the_export_imports_under_its_new_name_and_kind(
    me: Chat, logapp, tmp_path: Path
) -> None:
    await one(me, "/exercise add sled drag glute lift")
    await one(me, "/exercise add Cafe Bridge accessory")
    await one(me, "/log sled drag 3x10 20kg")
    await one(me, "/log cafe bridge 3x10 30kg")
    [export] = await me.say("/export")
    rows = list(csv.DictReader(io.StringIO(export.file.data.decode("utf-8"))))
    renamed = {"sled drag": "Reverse Hyper", "Cafe Bridge": "Cafe Bridge Heavy"}
    for row in rows:
        row["exercise"] = renamed[row["exercise"]]
    edited = io.StringIO()
    writer = csv.DictWriter(
        edited, [*EARLIER, "exercise_category"], extrasaction="ignore"
    )  # before single_implement
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "coach-log.csv"
    path.write_text(edited.getvalue())
    bob = Chat(logapp[0], user="console:bob", chat="bob")
    [preview] = await bob.say(f"/import {path}")
    assert "• Reverse Hyper → your own exercise “Reverse Hyper” (3 sets)" in plain(preview.text), preview.text
    [done] = await bob.press(preview, "Accept all")
    assert done.text.startswith("Imported 6 sets"), done.text
    listing = plain((await one(bob, "/exercise")).text)
    assert listing.startswith(
        "Your own exercises:\n• Cafe Bridge Heavy (accessory)\n• Reverse Hyper (glute lift)\nRemove one"
    ), listing
    logged = plain((await one(bob, "/log reverse hyper 3x10 22.5kg")).text)
    assert logged.startswith("Logged Reverse Hyper: 3 × 10 @ 22.5 kg."), logged

"""A lifter's own exercise named in their own alphabet (Greek, Cyrillic, accented Latin, Chinese): the
"add your own" that /log suggests for an unknown name is what /exercise add takes, and the exercise
then works in /log, /history, /progress, /export, /import and /delete. Ids stay ASCII, one per name;
an accented name added before keeps the id its sets are stored under. On the console chat."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest

from core.markup import plain
from domain.training import Entry, LoggedSet
from tests.conftest import Chat
from tests.test_log_flow import ME, NOW, clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401

NAMES = ["Άρση", "Ягодичный мост", "Élévation", "臀桥"]


def export_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize("name", NAMES)
async def test_a_name_in_any_alphabet_is_added_as_log_suggests_and_works_everywhere(
    me: Chat, name: str
) -> None:
    unknown = plain((await one(me, f"/log {name} 3x10 20kg")).text)
    suggested = re.search(
        r"add your own: (/exercise add (.+?) (accessory|glute lift|compound lift)) \(or ", unknown
    )
    assert suggested is not None, unknown
    assert suggested.group(2) == name
    added = plain((await one(me, suggested.group(1))).text)
    assert added.startswith(f"Added {name} ("), added

    logged = plain((await one(me, f"/log {name} 3x10 20kg")).text)
    assert logged.startswith(f"Logged {name}: 3 × 10 @ 20 kg."), logged
    await one(me, f"/log {name.lower()} 3x8 25kg")
    mine = entries(me)
    assert len({e.exercise for e in mine}) == 1 and mine[0].exercise.isascii()
    assert mine[0].exercise.startswith("custom_")

    history = plain((await one(me, f"/history {name}")).text)
    assert f"#1 {name}: 3 × 10 @ 20 kg" in history and f"#2 {name}: 3 × 8 @ 25 kg" in history, history
    progress = plain((await one(me, f"/progress {name}")).text)
    assert progress.startswith(f"2 sessions of {name} since") or progress.startswith(
        f"1 session of {name}"
    ), progress
    [export] = await me.say("/export")
    assert {(r["exercise_id"], r["exercise"]) for r in export_rows(export.file.data)} == {
        (mine[0].exercise, name)
    }

    [asked] = await me.say("/delete 1")
    assert plain(asked.text).startswith(f"Remove entry #1: {name} 3 × 10 @ 20 kg"), asked.text
    [done] = await me.press(asked, "Yes, remove it")
    assert len(entries(me)) == 1, done.text


async def test_names_in_other_alphabets_are_two_exercises_with_ids_of_their_own(me: Chat) -> None:
    for name in ("Άρση B", "Ягодичный мост B", "Élévation", "Elevation B"):
        added = plain((await one(me, f"/exercise add {name} accessory")).text)
        assert added.startswith(f"Added {name} (accessory)"), added
        await one(me, f"/log {name} 3x10 20kg")
    assert len({e.exercise for e in entries(me)}) == 4
    listing = plain((await one(me, "/exercise")).text)
    assert (
        "• Άρση B (accessory)\n• Ягодичный мост B (accessory)\n• Élévation (accessory)\n• Elevation B"
        in listing
    )
    # Without its accents a name is the one the user has (names match accent-insensitively), no twin.
    twin = plain((await one(me, "/exercise add Elevation accessory")).text)
    assert twin.startswith("You already have Élévation."), twin


async def test_control_and_direction_characters_are_dropped_from_a_name(me: Chat) -> None:
    added = plain((await one(me, "/exercise add Ά\u202eρση\u0000 accessory")).text)
    assert added.startswith("Added Άρση (accessory)"), added
    refused = plain((await one(me, "/exercise add Άρση! accessory")).text)
    assert refused.startswith(
        "A name is letters, digits, spaces and hyphens, at most 40 characters (letters of any alphabet"
    ), refused


async def test_log_suggests_no_add_that_exercise_add_would_refuse(me: Chat) -> None:
    unknown = plain((await one(me, "/log sled&push 3x10 20kg")).text)
    assert "/exercise add sled&push" not in unknown
    assert "/exercise add <name> " in unknown and "(letters of any alphabet; apostrophes too)" in unknown, (
        unknown
    )


async def test_an_export_of_a_name_in_another_alphabet_imports_back_under_its_name(
    me: Chat, logapp, tmp_path: Path
) -> None:
    await one(me, "/exercise add Ягодичный мост glute lift")
    await one(me, "/log ягодичный мост 3x10 60kg")
    [export] = await me.say("/export")
    path = tmp_path / "coach-log.csv"
    path.write_bytes(export.file.data)
    bob = Chat(logapp[0], user="console:bob", chat="bob")
    [preview] = await bob.say(f"/import {path}")
    assert "• Ягодичный мост → your own exercise “Ягодичный мост” (3 sets)" in plain(preview.text), (
        preview.text
    )
    [done] = await bob.press(preview, "Accept all")
    assert done.text.startswith("Imported 3 sets"), done.text
    logged = plain((await one(bob, "/log Ягодичный мост 3x10 62.5kg")).text)
    assert logged.startswith("Logged Ягодичный мост: 3 × 10 @ 62.5 kg."), logged
    store = bob.app.ctx.store  # type: ignore[attr-defined]
    theirs = store.entries(store.account_of("console:bob"))
    assert {e.exercise for e in theirs} == {entries(me)[0].exercise}


async def test_an_accented_name_added_before_keeps_the_id_its_sets_are_under(me: Chat) -> None:
    await one(me, "/units kg")
    store = me.app.ctx.store  # type: ignore[attr-defined]
    account = store.account_of(ME)
    # As an earlier release kept it: the name, and sets under its ASCII letters' id.
    store.save_profile(replace(store.profile(account), custom_exercises="Élévation=accessory"))
    store.add_entries(account, [Entry("custom_lvation", (LoggedSet(10, 20.0, "kg"),) * 3, NOW)])
    logged = plain((await one(me, "/log élévation 3x10 22kg")).text)
    assert logged.startswith("Logged Élévation: 3 × 10 @ 22 kg."), logged
    assert {e.exercise for e in entries(me)} == {"custom_lvation"}
    listing = plain((await one(me, "/exercise")).text)
    assert listing.startswith("Your own exercises:\n• Élévation (accessory)\nRemove one"), listing


async def test_a_library_name_with_accents_added_is_the_librarys(me: Chat) -> None:
    twin = plain((await one(me, "/exercise add Glúte Bridgé accessory")).text)
    assert twin.startswith("Glute bridge is already in the library: log it with /log glute bridge 3x10."), (
        twin
    )
    listing = plain((await one(me, "/exercise")).text)
    assert "Glúte" not in listing, listing

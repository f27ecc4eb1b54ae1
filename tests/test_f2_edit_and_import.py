"""/edit with a second command in the message refuses like /log does, and changes nothing; the /import
preview of another account's export names a custom exercise this account lacks as the user typed it,
not by its id. Each as the user sees it on the console chat."""

from __future__ import annotations

from pathlib import Path

from core.markup import plain
from tests.conftest import Chat
from tests.test_log_flow import (  # noqa: F401
    answer,
    clock_fixture,
    entries,
    labels,
    logapp_fixture,
    me_fixture,
    one,
)

# -- 3: one command per /edit message --------------------------------------------------------------------


async def test_edit_with_a_second_command_line_refuses_and_changes_nothing(me: Chat) -> None:
    await one(me, "/log rdl 3x10 100kg")
    before = entries(me)
    reply = await one(me, "/edit 3x8 90kg\n/log squat 5x5 100kg")
    assert reply.text == (
        "One command per message, please: send each line on its own, like /edit 3x8 90kg and then "
        "/log squat 5x5 100kg. Nothing was changed."
    )
    assert entries(me) == before  # no edit, and no squat logged


async def test_edit_naming_an_exercise_with_a_second_command_line_refuses(me: Chat) -> None:
    await one(me, "/log rdl 3x10 100kg")
    await one(me, "/log hip thrust 3x10 80kg")
    before = entries(me)
    reply = await one(me, "/edit rdl 3x8 90kg\n/edit 3x5")
    assert reply.text.startswith("One command per message, please:"), reply.text
    assert reply.text.endswith("Nothing was changed.")
    assert entries(me) == before


async def test_the_edit_question_answered_with_two_commands_refuses_and_asks_again(me: Chat) -> None:
    logged = await one(me, "/log rdl 3x10 100kg")
    before = entries(me)
    [asked] = await me.press(logged, "Edit")
    [reply] = await answer(me, asked, "3x8 90kg\n/log squat 5x5 100kg")
    assert reply.text.startswith("One command per message, please:"), reply.text
    assert reply.text.endswith("The entry is unchanged.")
    assert labels(reply) == ["Edit"]
    assert entries(me) == before


async def test_a_one_line_edit_still_changes_the_entry(me: Chat) -> None:
    await one(me, "/log rdl 3x10 100kg")
    reply = await one(me, "/edit 3x8 90kg")
    assert reply.text.startswith("Changed *Romanian deadlift*: 3 × 8 @ 90 kg."), reply.text


# -- 4: the import preview names another account's custom exercise -----------------------------------


async def _export_with_hip_airplane(me: Chat, tmp_path: Path) -> Path:
    await one(me, "/exercise add hip airplane accessory")
    await one(me, "/log hip airplane 3x10 10kg")
    [export] = await me.say("/export")
    path = tmp_path / "coach-log-2026-11-30.csv"
    path.write_bytes(export.file.data)
    assert b"custom_hip_airplane" in export.file.data  # the rows name it by its id
    return path


async def test_importing_a_custom_exercise_this_account_never_had_shows_its_name(
    me: Chat, logapp, tmp_path: Path
) -> None:
    path = await _export_with_hip_airplane(me, tmp_path)
    bob = Chat(logapp[0], user="console:bob", chat="bob")
    [preview] = await bob.say(f"/import {path}")
    text = plain(preview.text)
    assert "• hip airplane → your own exercise “hip airplane” (3 sets)" in text, text
    assert "custom_hip_airplane" not in text
    [change] = await bob.press(preview, "Change one")
    [pick] = await bob.press(change, "hip airplane")
    assert plain(pick.text).startswith("“hip airplane” now maps to your own exercise “hip airplane”.")


async def test_importing_a_custom_exercise_this_account_removed_shows_its_name(
    me: Chat, logapp, tmp_path: Path
) -> None:
    path = await _export_with_hip_airplane(me, tmp_path)
    bob = Chat(logapp[0], user="console:bob", chat="bob")
    await one(bob, "/exercise add hip airplane accessory")
    await one(bob, "/exercise remove hip airplane")
    [preview] = await bob.say(f"/import {path}")
    text = plain(preview.text)
    assert "• hip airplane → your own exercise “hip airplane” (3 sets)" in text, text
    assert "custom_hip_airplane" not in text

"""A command name one letter off ("/logg hip thrust 3x10 100kg") was answered "I don't know /logg"
with no hint; it now says which command was meant. A word that only looks like a command gets no guess,
and the suggestion is never a button-only command."""

from __future__ import annotations

import pytest

from tests.conftest import Chat


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ("/logg hip thrust 3x10 100kg", "log"),  # a letter extra
        ("/lo hip thrust 3x10 100kg", "log"),  # a letter missing
        ("/lgo hip thrust 3x10 100kg", "log"),  # two letters swapped
        ("/hisotry", "history"),
        ("/histroy", "history"),  # the tester's: two letters swapped
        ("/hlep", "help"),
        ("/edti 3x10 100kg", "edit"),
    ],
)
async def test_a_near_miss_suggests_the_command(chat: Chat, line: str, meant: str) -> None:
    [reply] = await chat.say(line)
    typed = line.split()[0]
    assert (
        reply.text == f"I don't know {typed}. Did you mean /{meant}? Send /help for the list of commands."
    ), reply.text
    assert chat.app.store.entries("console:alice") == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("line", ["/dance", "/hello", "/nosuch", "/" + "g" * 32])
async def test_a_word_far_from_any_command_gets_no_guess(chat: Chat, line: str) -> None:
    [reply] = await chat.say(line)
    assert reply.text.startswith(f"I don't know {line[:41]}. Send /help for the list of commands"), reply.text
    assert "Did you mean" not in reply.text


async def test_a_button_only_command_is_never_suggested(chat: Chat) -> None:
    [reply] = await chat.say("/log_confirmm hip thrust 3x10 100kg")
    assert "log_confirm" not in reply.text.replace("/log_confirmm", ""), reply.text


async def test_a_mistyped_name_with_a_known_first_word_names_that_command(chat: Chat) -> None:
    """One rule for typed names and slash lines no command is (`_nearest_command`): "/delete_foo" is
    /delete, as "/delete-confirm" is."""
    text = await chat.text("/delete_foo 3")
    assert text == "I don't know /delete_foo. Did you mean /delete? Send /help for the list of commands."

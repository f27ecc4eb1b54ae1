"""A word outside a command's fixed set (/nudges maybe, /units stone, /level expert) is answered with
what is expected and an example, as a lifter would say it: before, "State should be one of: on, off.
For example: /nudges off" read like the bot's insides."""

from __future__ import annotations

import pytest

from tests.conftest import Chat


@pytest.mark.parametrize(
    ("line", "reply"),
    [
        ("/nudges maybe", "Nudges can be on or off — for example /nudges off."),
        ("/units stone", "Units can be kg or lb — for example /units kg."),
        ("/level expert", "Level can be beginner, intermediate or advanced — for example /level beginner."),
    ],
)
async def test_a_word_outside_the_choices_gets_what_is_expected_and_an_example(
    chat: Chat, app, line: str, reply: str
) -> None:
    assert await chat.text(line) == reply
    # Nothing changed: still the defaults.
    profile = app.store.profile(app.store.account_of("console:alice"))
    assert (profile.units, profile.level) == ("kg", "beginner")
    assert "Nudges are on" in await chat.text("/nudges")

"""Tester: "/log hip thrust 3x10 80kg 2026-11-30 at 1am" under UTC, then /timezone Los Angeles: /history
showed the entry on Sun 29 Nov without a word. A set keeps the moment it was done (its date now reads in
the new zone); /timezone says so when there are sets, and how to put one typed for the old zone right."""

from __future__ import annotations

from tests.conftest import Chat

NOTE = "Sets you logged keep the moment they were done, so /history now shows them in America/Los_Angeles"


async def test_timezone_says_logged_sets_now_read_in_the_new_zone(chat: Chat) -> None:
    assert NOTE not in await chat.text("/timezone Los Angeles")  # nothing logged yet
    await chat.say("/timezone UTC")
    await chat.say("/log hip thrust 3x10 80kg 2026-11-20 at 1am")
    said = await chat.text("/timezone Los Angeles")
    assert NOTE in said and "(/delete it, then /log it with its date)" in said, said
    assert "Thu 19 Nov 2026" in await chat.text("/history")
    assert NOTE not in await chat.text("/timezone Los Angeles")  # no change, no note

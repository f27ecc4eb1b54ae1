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


async def test_a_date_typed_right_after_a_far_zone_change_is_read_there(chat: Chat, clock) -> None:
    """Tester report: typed dates read a day off after /timezone Pacific/Auckland. Sets typed after the
    change are read on the new zone's calendar (13:30 UTC on Mon 23 Nov is 02:30 Tue 24 Nov there);
    only sets logged before the change move, which the note above says."""
    clock.now = clock.now.replace(hour=13, minute=30)
    await chat.say("/log squat 3x5 90")  # under UTC: the profile and its zone read before the change
    assert "It is 02:30 there now" in await chat.text("/timezone Pacific/Auckland")
    assert "Mon 23 Nov 2026, 12:00" in await chat.text("/log squat 3x5 100 yesterday")
    assert "Fri 20 Nov 2026, 12:00" in await chat.text("/log squat 3x5 100 2026-11-20")
    assert "Tue 24 Nov 2026, 02:30" in await chat.text("/log squat 3x5 100 today")

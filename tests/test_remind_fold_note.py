"""A reminder on a fall-back night says which of the two equal local times it comes at (tester 21: a
one-off at 01:30 New York on 7 Nov 2027 said nothing; a spring-forward night already says it is moved)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock


async def test_a_time_that_comes_twice_says_which(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    await chat.say("/timezone America/New_York")
    reply = await chat.text("/remind 2027-11-07 01:30")
    note = "(the clocks go back that night and 01:30 comes twice: it comes at the first, before the change)"
    assert note in reply, reply
    assert note in await chat.text("/reminders")
    # The night after, and a weekly one whose next night is an ordinary one, say nothing of it.
    assert "comes twice" not in await chat.text("/remind 2027-11-08 01:30")
    assert "comes twice" not in await chat.text("/remind sun 01:30")


async def test_a_weekly_reminder_on_the_night_itself_says_it_too(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2027, 11, 2, 12, 0, tzinfo=UTC)  # the Tuesday before
    await chat.say("/timezone America/New_York")
    reply = await chat.text("/remind sun 01:30")
    assert "Next: Sun 07 Nov 01:30 (the clocks go back that night and 01:30 comes twice" in reply, reply

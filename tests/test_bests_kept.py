"""The bests /log judges a set against (records, outliers) are kept per exercise between /logs and
checked with the store's marks, not by a pass over the history (handlers/logbook.py, `_witnesses`).
A change to an older entry, however it was made (a /delete, an imported backdated set, an Edit under an
old card), is in the next card's records; a change to today's newest set is taken up from before it."""

from __future__ import annotations

from datetime import timedelta

from domain.training import Entry, straight_sets
from tests.conftest import Chat, Clock
from tests.test_log_flow import (  # noqa: F401
    ME,
    answer,
    clock_fixture,
    logapp_fixture,
    me_fixture,
    one,
    store,
)


async def _a_record_logged_then_removed(me: Chat, clock: Clock) -> None:
    """100 kg, then 80 and 90 kg (no PR while 100 kg stands), then /delete of the 100 kg entry."""
    await me.say("/log hip thrust 3x10 100kg")
    clock.now += timedelta(days=2)
    await me.say("/log hip thrust 3x10 80kg")
    clock.now += timedelta(days=2)
    assert "PR" not in (await one(me, "/log hip thrust 3x10 90kg")).text
    asked = await one(me, "/delete 1")
    [removed] = await me.press(asked, "Yes, remove it")
    assert removed.text.startswith("Removed the entry: *Hip thrust* 3 × 10 @ 100 kg")


async def test_a_removed_record_is_no_longer_the_one_to_beat(me: Chat, clock: Clock) -> None:
    await _a_record_logged_then_removed(me, clock)
    clock.now += timedelta(days=2)
    assert "🏆 PR: heaviest load" in (await one(me, "/log hip thrust 3x10 92.5kg")).text


async def test_a_record_backdated_into_the_past_is_the_one_to_beat(me: Chat, clock: Clock) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    clock.now += timedelta(days=2)
    assert "🏆 PR" in (await one(me, "/log hip thrust 3x10 85kg")).text
    account = store(me).account_of(ME)
    # An import running beside the chat: a heavier set a month ago.
    old = Entry("hip_thrust", straight_sets((10, 10, 10), 120.0, "kg"), clock.now - timedelta(days=30))
    store(me).add_entries(account, [old, old])
    clock.now += timedelta(days=2)
    assert "PR" not in (await one(me, "/log hip thrust 3x10 90kg")).text


async def test_an_edit_of_the_newest_set_is_judged_from_before_it(me: Chat, clock: Clock) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    clock.now += timedelta(days=2)
    assert "🏆 PR" in (await one(me, "/log hip thrust 3x10 100kg")).text
    edited = await one(me, "/edit hip thrust 3x10 90kg")  # still heavier than the 80 before it
    assert "🏆 PR: heaviest load" in edited.text, edited.text
    clock.now += timedelta(days=2)
    assert "🏆 PR: heaviest load" in (await one(me, "/log hip thrust 3x10 95kg")).text


async def test_an_older_record_edited_down_under_its_card_is_no_longer_the_one_to_beat(
    me: Chat, clock: Clock
) -> None:
    first = await one(me, "/log hip thrust 3x10 100kg")
    clock.now += timedelta(hours=3)
    await me.say("/log hip thrust 3x10 80kg")
    clock.now += timedelta(hours=3)
    assert "PR" not in (await one(me, "/log hip thrust 3x10 90kg")).text
    [asked] = await me.press(first, "Edit")  # the first card's Edit: that entry, two sessions back
    [changed] = await answer(me, asked, "3x10 60kg")
    assert changed.text.startswith("Changed *Hip thrust*")
    clock.now += timedelta(hours=3)
    assert "🏆 PR: heaviest load" in (await one(me, "/log hip thrust 3x10 92.5kg")).text


async def test_a_record_removed_while_an_import_added_as_many_is_no_longer_the_one_to_beat(
    me: Chat, clock: Clock
) -> None:
    """As many entries as before, the same newest one: only the store's marks tell the history moved."""
    await _a_record_logged_then_removed(me, clock)
    account = store(me).account_of(ME)
    old = Entry("hip_thrust", straight_sets((10, 10, 10), 60.0, "kg"), clock.now - timedelta(days=30))
    store(me).add_entries(account, [old])  # an import running beside the chat
    clock.now += timedelta(days=2)
    assert "🏆 PR: heaviest load" in (await one(me, "/log hip thrust 3x10 92.5kg")).text

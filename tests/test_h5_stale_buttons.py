"""Old confirmation buttons act only for what they showed (h5): reminder numbers are reused, /deleteme's
counts grow, a /timezone question is superseded, and typing a reminder again keeps its gap."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import Chat


def _schedules(app: object) -> list[tuple[tuple[int, ...], str, int, bool]]:
    store = app.store  # type: ignore[attr-defined]
    return [(s.days, s.time, s.gap, s.off) for s in store.schedules(store.account_of("console:alice"))]


async def test_old_unremind_all_yes_leaves_a_new_reminder_under_the_same_number(chat: Chat, app) -> None:
    await chat.say("/remind sat 8:00")
    [asked] = await chat.say("/unremind all")
    assert "#1" in asked.text and "Sat" in asked.text
    await chat.say("/unremind 1")
    assert "#1 set" in await chat.text("/remind sun 9:00")
    [reply] = await chat.press(asked, "Yes, remove it")
    assert reply.text.startswith("That changed since I asked")
    assert "/unremind all" in reply.text
    assert _schedules(app) == [((6,), "09:00", 10, False)]


async def test_old_settings_turn_off_leaves_a_new_reminder_under_the_same_number(chat: Chat, app) -> None:
    await chat.say("/remind tue 9:00")
    [shown] = await chat.say("/settings")
    await chat.say("/unremind 1")
    await chat.say("/remind sat 8:00")
    [reply] = await chat.press(shown, "Turn off #1")
    assert reply.text.startswith("That changed since I asked")
    assert "/settings" in reply.text
    assert _schedules(app) == [((5,), "08:00", 10, False)]


async def test_settings_turn_off_still_works_for_the_reminder_it_showed(chat: Chat, app) -> None:
    await chat.say("/remind tue 9:00")
    [shown] = await chat.say("/settings")
    [reply] = await chat.press(shown, "Turn off #1")
    assert "Reminder #1 is off" in reply.text
    assert _schedules(app) == [((1,), "09:00", 10, True)]


async def test_old_replace_leaves_a_new_reminder_under_the_same_number(chat: Chat, app) -> None:
    await chat.say("/remind mon 18:00")
    [offer] = await chat.say("/remind mon,wed 18:00")
    assert "Replace #1" in [b.label for row in offer.buttons for b in row]
    await chat.say("/unremind 1")
    await chat.say("/remind mon,fri 18:00")
    [reply] = await chat.press(offer, "Replace #1")
    assert reply.text.startswith("That changed since I asked")
    assert _schedules(app) == [((0, 4), "18:00", 10, False)]


async def test_replace_still_works_for_the_reminder_it_showed(chat: Chat, app) -> None:
    await chat.say("/remind mon 18:00")
    [offer] = await chat.say("/remind mon,wed 18:00")
    [reply] = await chat.press(offer, "Replace #1")
    assert "Reminder #1 replaced" in reply.text
    assert _schedules(app) == [((0, 2), "18:00", 10, False)]


async def test_unremind_all_yes_still_removes_what_it_listed(chat: Chat, app) -> None:
    await chat.say("/remind sat 8:00")
    await chat.say("/remind sun 9:00")
    [asked] = await chat.say("/unremind all")
    [reply] = await chat.press(asked, "Yes, remove them")
    assert "Removed 2 reminder schedules" in reply.text
    assert _schedules(app) == []


async def test_unremind_all_yes_fits_twenty_reminders(chat: Chat, app, clock) -> None:
    for hour in range(20):
        clock.now += timedelta(minutes=5)  # under the write limit
        assert "set" in await chat.text(f"/remind sun {hour:02d}:30")
    [asked] = await chat.say("/unremind all")
    [reply] = await chat.press(asked, "Yes, remove them")
    assert "Removed 20 reminder schedules" in reply.text


async def test_typing_a_reminder_again_without_a_gap_keeps_its_gap(chat: Chat, app) -> None:
    await chat.say("/remind mon 18:00 gap 5m")
    text = await chat.text("/remind mon 18:00")
    assert "You already have that reminder (#1), lift 5 min later" in text
    assert _schedules(app) == [((0,), "18:00", 5, False)]
    assert "now comes 20 min" in await chat.text("/remind mon 18:00 gap 20m")
    assert _schedules(app) == [((0,), "18:00", 20, False)]


async def test_old_deleteme_yes_asks_again_when_more_was_logged_since(chat: Chat, app, clock) -> None:
    await chat.say("/log hip thrust 3x10 80kg")
    [ask] = await chat.say("/deleteme")
    assert "1 logged entry, 0 reminder schedules" in ask.text
    await chat.say("/log deadlift 3x5 100kg")
    await chat.say("/remind mon 18:00")
    [again] = await chat.press(ask, "Yes, delete everything")
    assert again.text.startswith("That changed since I asked: nothing was deleted.")
    assert "2 logged entries, 1 reminder schedule" in again.text
    account = app.store.account_of("console:alice")
    assert len(app.store.entries(account)) == 2 and len(app.store.schedules(account)) == 1
    [done] = await chat.press(again, "Yes, delete everything")
    assert done.text.startswith("Done: all your data is deleted")
    assert app.store.entries(account) == [] and app.store.schedules(account) == []


async def test_old_timezone_choice_changes_nothing_after_a_later_timezone(chat: Chat, app) -> None:
    [asked] = await chat.say("/timezone IST")
    india = next(b.label for row in asked.buttons for b in row if b.label.startswith("India"))
    assert "Timezone set to Europe/Berlin" in await chat.text("/timezone Europe/Berlin")
    [late] = await chat.press(asked, india)
    assert late.text.startswith("That question was replaced by your later /timezone change")
    assert "Europe/Berlin" in late.text
    assert app.store.profile(app.store.account_of("console:alice")).timezone == "Europe/Berlin"


async def test_timezone_choice_still_sets_the_zone_it_offered(chat: Chat, app) -> None:
    [asked] = await chat.say("/timezone IST")
    india = next(b.label for row in asked.buttons for b in row if b.label.startswith("India"))
    assert "Timezone set to" in (await chat.press(asked, india))[0].text
    assert app.store.profile(app.store.account_of("console:alice")).timezone == "Asia/Kolkata"

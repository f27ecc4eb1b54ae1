"""A tester's faults in the reminders and /settings (issue 13), as the user sees them: in the console
through the real app, and on the Telegram and Discord fakes where the reply differs. The injected
clock stands at Monday 23 Nov 2026, 09:00 UTC."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.conftest import Chat
from tests.discord_support import (  # noqa: F401 - the *_fixture names are pytest fixtures
    adapter_fixture,
    fake_fixture,
    run,
    start_adapter_fixture,
)
from tests.fakes.discord_api import USER_ID
from tests.fakes.telegram_api import FakeBotAPI
from tests.test_remind_shapes import ACCOUNT, labels, on_disk
from tests.test_telegram import USER, Coach, start_coach, stop_coach

TOO_MANY_CHANGES = "That's a lot of changes in a short time: wait a minute and try again."


@pytest.fixture
async def tg(tmp_path, library, clock) -> AsyncIterator[Coach]:
    async with FakeBotAPI() as api:
        coach = await start_coach(tmp_path / "tg-data", api, library, clock)
        try:
            yield coach
        finally:
            await stop_coach(coach)


# --------------------------------------------------------------------------- 1. a one-off stays one


async def test_editing_a_one_offs_day_moves_it_and_keeps_it_a_one_off(app, chat: Chat):
    await chat.say("/remind fri 7am once")
    text = await chat.text("/remind edit 1 sat")
    assert "Reminder #1 changed: one-off on Sat 28 Nov at 07:00 (UTC)" in text
    assert "Next: Sat 28 Nov 07:00" in text
    [schedule] = on_disk(app)
    assert (schedule.once, schedule.days) == ("2026-11-28", (5,))

    await chat.say("/remind tomorrow 6:30pm")
    text = await chat.text("/remind edit 2 wed")
    assert "Reminder #2 changed: one-off on Wed 25 Nov at 18:30 (UTC)" in text
    # Its time as well, moved together; a one-off on today's weekday whose time passed is next week.
    text = await chat.text("/remind edit 2 mon 8am")
    assert "Reminder #2 changed: one-off on Mon 30 Nov at 08:00" in text


async def test_a_one_off_becomes_weekly_only_when_the_user_says_so(app, chat: Chat):
    await chat.say("/remind fri 7am once")
    text = await chat.text("/remind edit 1 sat weekly")
    assert "Reminder #1 changed: Sat at 07:00 (UTC)" in text and "repeats every week now" in text
    assert on_disk(app)[0].once == ""
    await chat.say("/remind tomorrow 6:30pm")
    text = await chat.text("/remind edit 2 every wed")
    assert "Reminder #2 changed: Wed at 18:30" in text and "repeats every week now" in text
    await chat.say("/remind thu 9am once")
    assert "repeats every week now" in await chat.text("/remind edit 3 weekly")
    assert [s.once for s in on_disk(app)] == ["", "", ""]


async def test_discord_edit_of_a_one_offs_day_keeps_it_a_one_off(app, fake, adapter):
    await run(fake, adapter, fake.slash("remind", {"days": "fri", "time": "7am once"}))
    calls = await run(fake, adapter, fake.slash("remind_edit", {"id": 1, "changes": "sat"}))
    assert "Reminder #1 changed: one-off on Sat 28 Nov at 07:00 (UTC)" in calls[0].content
    [schedule] = app.store.schedules(f"discord:{USER_ID}")
    assert schedule.once == "2026-11-28"


# --------------------------------------------------------------------------- 4. wording


async def test_remind_alone_says_what_it_takes_with_examples(chat: Chat):
    text = await chat.text("/remind")
    assert "is missing" not in text
    assert "/remind takes the days and a time" in text
    assert "/remind mon,wed,fri 18:00" in text and "/remind tomorrow 6:30pm" in text


async def test_telegram_remind_alone_says_what_it_takes(tg):
    [reply] = await tg.say("/remind")
    assert "is missing" not in reply.text and "/remind mon,wed,fri 18:00" in reply.text


async def test_an_edit_refusal_gives_one_example_line_not_two(chat: Chat):
    await chat.say("/remind mon 18:00")
    text = await chat.text("/remind_edit 1 gap 4h")
    assert "1 minute to 3 hours" in text and "/remind edit 1 gap 20m" in text
    assert text.count("For example") == 1


async def test_an_offset_with_one_candidate_asks_did_you_mean(app, chat: Chat):
    [ask] = await chat.say("/timezone UTC+5:45")
    assert "more than one place" not in ask.text
    assert "Did you mean Kathmandu (Asia/Kathmandu, 14:45 there now) for UTC+5:45?" in ask.text
    assert labels(ask) == ["Kathmandu 14:45"]
    assert app.store.profile(ACCOUNT).timezone == "UTC"  # still not taken silently
    [done] = await chat.press(ask, "Kathmandu 14:45")
    assert "Timezone set to Asia/Kathmandu" in done.text


async def test_telegram_one_candidate_is_one_button_under_did_you_mean(tg):
    [ask] = await tg.say("/timezone UTC+5:45")
    assert "Did you mean Kathmandu" in ask.text and "more than one place" not in ask.text
    assert [label for row in ask.buttons for label, _ in row] == ["Kathmandu 14:45"]


async def test_a_time_the_clocks_skip_is_explained(chat: Chat):
    await chat.say("/timezone New York")
    text = await chat.text("/remind 2027-03-14 2:30am")
    assert "one-off on Sun 14 Mar at 02:30 (America/New_York)" in text
    assert (
        "Next: Sun 14 Mar 03:30 (the clocks go forward that night and skip 02:30, so it comes at 03:30)"
        in text
    )


async def test_a_user_who_chose_utc_is_not_told_to_set_a_timezone(app, chat: Chat):
    nag = "Your timezone is still UTC"
    assert nag in await chat.text("/remind mon 18:00")  # never chosen: worth saying
    await chat.say("/timezone utc")
    assert app.store.profile(ACCOUNT).timezone_chosen
    assert nag not in await chat.text("/remind tue 18:00")
    app.store.sync()
    assert nag not in await chat.text("/remind wed 18:00")


# --------------------------------------------------------------------------- 5. bad input is free


@pytest.mark.parametrize("typed", ["/unremind abc", "/unremind -1", "/unremind 99", "/remind edit x gap 1h"])
async def test_bad_input_is_answered_after_the_change_budget_is_spent(chat: Chat, typed):
    await chat.say("/remind mon 18:00")
    for n in range(25):  # a burst of reminder changes spends the budget (an edit that changes
        await chat.say(f"/remind edit 1 gap {(15, 25)[n % 2]}m")  # nothing spends none)
    assert await chat.text("/remind edit 1 gap 20m") == TOO_MANY_CHANGES
    text = await chat.text(typed)
    assert text != TOO_MANY_CHANGES
    assert "/reminders" in text or "/remind edit 1" in text


async def test_bad_input_does_not_spend_the_budget(app, chat: Chat):
    for _ in range(40):
        assert "Give the number" in await chat.text("/unremind abc")
        assert "Add the time" in await chat.text("/remind mon")
    assert "Reminder #1 set" in await chat.text("/remind mon 18:00")
    assert "Your reminders" in await chat.text("/remind list")


# --------------------------------------------------------------------------- 6. Discord autocomplete


async def test_discord_timezone_autocomplete_suggests_cities(fake, adapter):
    calls = await run(fake, adapter, fake.autocomplete("timezone", {"zone": "mumb"}, "zone"))
    assert [c["value"] for c in calls[0].choices] == ["Mumbai"]
    calls = await run(fake, adapter, fake.autocomplete("timezone", {"zone": "san fr"}, "zone"))
    assert "San Francisco" in [c["value"] for c in calls[0].choices]
    calls = await run(fake, adapter, fake.autocomplete("timezone", {"zone": "amster"}, "zone"))
    assert calls[0].choices[0]["value"] == "Europe/Amsterdam"  # zone names still first


async def test_a_suggested_city_is_set_by_timezone(app, fake, adapter):
    calls = await run(fake, adapter, fake.slash("timezone", {"zone": "Mumbai"}))
    assert "Timezone set to Mumbai: Asia/Kolkata" in calls[0].content
    assert app.store.profile(f"discord:{USER_ID}").timezone == "Asia/Kolkata"


# --------------------------------------------------------------------------- 7. /unremind all asks first


async def test_unremind_all_asks_with_confirm_and_cancel_and_removes_only_on_yes(app, chat: Chat, clock):
    await chat.say("/remind mon 18:00")
    await chat.say("/remind tue 7am")
    [asked] = await chat.say("/unremind all")
    assert asked.text == (
        "Remove all 2 reminder schedules?\n"
        "• #1: Mon at 18:00 (UTC), lift 10 min later. Next: Mon 23 Nov 18:00\n"
        "• #2: Tue at 07:00 (UTC), lift 10 min later. Next: Tue 24 Nov 07:00\n"
        "Nothing is removed until you confirm. (The buttons work for 2 minutes.)"
    )
    assert labels(asked) == ["Yes, remove them", "No, keep them"] and len(on_disk(app)) == 2
    # the confirmation typed by hand (or replayed) removes nothing
    for typed in ("/unremind_all_confirm", "/unremind_all_confirm 1 2"):
        assert "only works from its button" in await chat.text(typed)
    assert len(on_disk(app)) == 2
    [kept] = await chat.press(asked, "No, keep them")
    assert kept.text == "Nothing was removed: your reminders stay. /reminders lists them."
    assert len(on_disk(app)) == 2
    [again] = await chat.say("/unremind all")
    await chat.say("/remind fri 7am once")  # set up after the question: not among the ones shown
    [removed] = await chat.press(again, "Yes, remove them")
    assert (
        removed.text == "Removed 2 reminder schedules. Set a new one any time, e.g. /remind mon,wed,fri 18:00"
    )
    assert [s.id for s in on_disk(app)] == [3]
    [one] = await chat.say("/unremind all")
    assert one.text.startswith("Remove your only reminder schedule?\n• #3: one-off on Fri 27 Nov")
    clock.now = clock.now.replace(minute=3)
    [late] = await chat.press(one, "Yes, remove it")
    assert late.text == "This button has expired; send /unremind all again." and len(on_disk(app)) == 1


async def test_unremind_all_with_nothing_to_remove_says_so(chat: Chat):
    text = await chat.text("/unremind all")
    assert text.startswith("You have no reminders to remove. Set one, e.g. /remind mon,wed,fri 18:00")


async def test_telegram_unremind_all_confirms_with_buttons(tg: Coach):
    await tg.say("/remind mon 18:00")
    [asked] = await tg.say("/unremind all")
    assert asked.text.startswith("Remove your only reminder schedule?")
    assert [label for row in asked.buttons for label, _ in row] == ["Yes, remove it", "No, keep it"]
    assert len(tg.app.store.schedules(f"telegram:{USER}")) == 1
    [removed] = await tg.press(asked, "Yes, remove it")
    assert removed.text.startswith("Removed 1 reminder schedule.")
    assert tg.app.store.schedules(f"telegram:{USER}") == []


# --------------------------------------------------------------------------- 8. absurd numbers


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "/remind -5",
            "“-5” is not a day, a time or a gap: a time looks like 18:00 or 6:30pm, a gap like gap 15m",
        ),
        ("/remind mon -5", "“-5” is not a day, a time or a gap"),
        ("/remind -5 18:00", "“-5” is not a day, a time or a gap"),
        ("/remind 1e308", "“1e308” is not a day, a time or a gap"),
        ("/remind mon inf", "“inf” is not a day, a time or a gap"),
        ("/remind 99999999999999999999999", "That number is not a day, a time or a gap"),
        ("/remind mon 99999999999:00", "That number is not a day, a time or a gap"),
        ("/remind mon 18:00 gap -5m", "The gap before the lift goes from 1 minute to 3 hours, e.g. gap 15m"),
        (
            "/remind mon 18:00 gap 100000000000000000000m",
            "The gap before the lift goes from 1 minute to 3 hours",
        ),
        ("/remind mon 18:00 gap 1e3m", "The gap before the lift goes from 1 minute to 3 hours"),
        ("/remind edit 1 gap -5m", "The gap before the lift goes from 1 minute to 3 hours"),
        ("/remind edit 1 -5", "“-5” is not a day, a time or a gap"),
    ],
)
async def test_absurd_numbers_get_what_a_reminder_takes(app, chat: Chat, typed, expected):
    await chat.say("/remind mon 18:00")
    before = on_disk(app)
    text = await chat.text(typed)
    assert text.startswith(expected), text
    assert "/remind" in text and "99999999" not in text and "Sorry" not in text
    assert on_disk(app) == before


async def test_plain_numbers_still_make_reminders(app, chat: Chat):
    assert "Reminder #1 set: one-off on Thu 24 Dec" in await chat.text("/remind 2026-12-24 18:00")
    assert "Reminder #2 set: Mon at 18:00 (UTC), lift 15 min later" in await chat.text(
        "/remind mon 1800 gap 15m"
    )
    assert "Reminder #3 set: weekdays at 06:30" in await chat.text("/remind mon-fri 6:30am gap 1h30")

"""A tester's reminder and timezone faults (console, clock Tue 01 Dec 2026 10:55 UTC), as the user sees
them: the replies and what is stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storage.pushes import pending_pushes
from tests.conftest import Chat, Clock
from tests.test_remind_shapes import ACCOUNT, on_disk
from tests.test_remind_shapes import pushes as pushes  # noqa: F401 - a pytest fixture
from tests.test_services import ME, NOTHING_CHANGED, FaultyIndex, Harness
from tests.test_services import h as h  # noqa: F401 - a pytest fixture
from tests.test_session_pushes import Console


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 12, 1, 10, 55, tzinfo=UTC))  # a Tuesday


# --------------------------------------------------------------------------- 1. /timezone and one-offs


async def test_a_timezone_change_that_puts_a_one_off_in_the_past_says_so(app, chat: Chat):
    await chat.say("/timezone Europe/Berlin")
    assert "Next: Tue 01 Dec 13:00" in await chat.text("/remind today 13:00")
    text = await chat.text("/timezone Asia/Tokyo")
    # 13:00 in Tokyo was at 04:00 UTC: it keeps its local time like every reminder, and is past.
    assert (
        "One-off #1 (Tue 01 Dec at 13:00) is already past in Asia/Tokyo, so it will not come: "
        "/unremind 1 removes it; /remind edit 1 tomorrow 13:00 moves it." in text
    )
    listing = await chat.text("/reminders")
    assert (
        "#1: one-off on Tue 01 Dec at 13:00 (Asia/Tokyo), lift 10 min later. Passed: it will not come."
        in listing
    )
    assert "Next:" not in listing
    # The way out it names works: it is a one-off ahead again.
    assert "Next: Wed 02 Dec 13:00" in await chat.text("/remind edit 1 tomorrow 13:00")
    [schedule] = on_disk(app)
    assert (schedule.once, schedule.timezone) == ("2026-12-02", "Asia/Tokyo")


async def test_a_one_off_still_ahead_after_a_timezone_change_is_not_called_past(app, chat: Chat):
    await chat.say("/remind tomorrow 13:00")
    text = await chat.text("/timezone Asia/Tokyo")
    assert "already past" not in text
    assert "Next: Wed 02 Dec 13:00" in await chat.text("/reminders")
    assert [s.timezone for s in app.store.schedules(ACCOUNT)] == ["Asia/Tokyo"]


# --------------------------------------------------------------------------- 2. an edit keeps a weekly


async def test_an_edit_naming_a_date_does_not_turn_a_weekly_into_a_one_off(app, chat: Chat):
    await chat.say("/remind weekdays 18:00")
    text = await chat.text("/remind edit 1 tomorrow 19:00")
    assert text == (
        "Reminder #1 repeats every week (weekdays at 18:00); an edit keeps it weekly. "
        "For one day only, add a one-off: /remind tomorrow 19:00. "
        "To change its days or time every week: /remind edit 1 tue,thu 19:00"
    )
    [schedule] = on_disk(app)
    assert (schedule.days, schedule.time, schedule.once) == ((0, 1, 2, 3, 4), "18:00", "")
    # The one-off it names is set beside the weekly, which stays.
    assert "Reminder #2 set: one-off on Wed 02 Dec at 19:00" in await chat.text("/remind tomorrow 19:00")
    assert [s.once for s in on_disk(app)] == ["", "2026-12-02"]


# --------------------------------------------------------------------------- 3. the recap keeps its local time


async def test_the_weekly_recap_keeps_sunday_18_local_after_a_timezone_change(app, clock):
    console = Console(app, clock)
    assert "Weekly recap on: Sundays at 18:00 (UTC), first on Sun 06 Dec" in await console.say("/recap on")
    await console.say("/timezone Asia/Tokyo")
    assert "Weekly recap: on, next Sun 18:00" in await console.say("/settings")
    push = pending_pushes(app.store).get(console.chat.user, "recap")
    assert push is not None and (push.key, push.due) == ("2026-12-06", "2026-12-06T09:00:00+00:00")
    # It comes at 18:00 Tokyo time (09:00 UTC), not at the old 18:00 UTC, and once.
    sunday_tokyo = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    assert "Your last 7 days" not in await console.at(sunday_tokyo - timedelta(minutes=1))
    assert "Your last 7 days" in await console.at(sunday_tokyo)
    assert "Your last 7 days" not in await console.at(datetime(2026, 12, 6, 18, 0, tzinfo=UTC))
    assert "Weekly recap: on, next Sun 18:00" in await console.say("/settings")


class PushFailingIndex(FaultyIndex):
    """The real reminder service, except that ``add_push`` raises while ``failing`` (``add`` works)."""

    def add(self, schedule) -> None:  # type: ignore[no-untyped-def]
        self.real.add(schedule)

    def add_push(self, push) -> None:  # type: ignore[no-untyped-def]
        if self.failing:
            raise RuntimeError("index full (injected)")
        self.real.add_push(push)


async def test_a_failing_index_on_the_recaps_new_time_changes_nothing(h: Harness):
    await h.me.say("/recap on")
    recap = pending_pushes(h.store).get(ME, "recap")
    h.app.ctx.reminders = PushFailingIndex(h.app.reminders, failing=True)
    [reply] = await h.me.say("/timezone Asia/Tokyo")
    assert NOTHING_CHANGED in reply.text
    assert h.store.profile(ME).timezone == "UTC"
    assert [s.timezone for s in h.store.schedules(ME)] == ["UTC"]
    assert pending_pushes(h.store).get(ME, "recap") == recap
    assert await h.activations_at_six() == ["Time to activate"]  # 18:00 UTC, as before


# --------------------------------------------------------------------------- 4. far dates show the year


async def test_a_one_off_a_year_ahead_shows_its_year_and_a_near_one_does_not(app, chat: Chat):
    text = await chat.text("/remind 2027-12-01 10:00")
    assert "Reminder #1 set: one-off on Wed 01 Dec 2027 at 10:00 (UTC)" in text
    assert "Next: Wed 01 Dec 2027 10:00" in text and "On Wed 01 Dec 2027 at 10:00 you get" in text
    text = await chat.text("/remind 2027-05-01 10:00")  # five months ahead: no doubt which year
    assert "one-off on Sat 01 May at 10:00" in text and "Next: Sat 01 May 10:00" in text
    listing = await chat.text("/reminders")
    assert "#1: one-off on Wed 01 Dec 2027 at 10:00" in listing and "#2: one-off on Sat 01 May at" in listing
    assert "Reminder #1: one-off on Wed 01 Dec 2027 at 10:00" in await chat.text("/settings")


# --------------------------------------------------------------------------- 5. spring forward


async def test_a_one_off_on_a_spring_forward_night_says_the_hour_it_comes_in_both_lines(app, chat: Chat):
    await chat.say("/timezone Europe/Berlin")
    text = await chat.text("/remind 2027-03-28 02:30")
    assert (
        "Next: Sun 28 Mar 03:30 (the clocks go forward that night and skip 02:30, so it comes at 03:30)"
        in text
    )
    assert "On Sun 28 Mar at 03:30 you get the activation routine" in text
    assert "at 02:30 you get" not in text


async def test_a_weekly_at_a_one_offs_time_is_set_beside_it_not_offered_to_replace_it(
    app, chat: Chat, clock: Clock, pushes
):
    await chat.say("/timezone Europe/Berlin")
    await chat.say("/remind 2027-03-28 02:30")
    [reply] = await chat.say("/remind sun 02:30")
    assert reply.buttons == ()
    assert "Reminder #2 set: Sun at 02:30 (Europe/Berlin)" in reply.text
    assert (
        "On Sun 28 Mar it coincides with one-off #1: that day both come (/unremind 1 if one is enough)."
        in (reply.text)
    )
    assert [(s.id, s.days, s.once) for s in on_disk(app)] == [(1, (6,), "2027-03-28"), (2, (6,), "")]
    # That night both come, once each, at 03:30 summer time (01:30 UTC).
    clock.now = datetime(2027, 3, 27, 23, 0, tzinfo=UTC)  # the evening before (a check comes by then)
    assert await app.reminders.run_due(clock.now) == 0
    clock.now = datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert await app.reminders.run_due(clock.now) == 2
    assert pushes.titles() == ["Time to activate", "Time to activate"]
    assert await app.reminders.run_due(clock.now + timedelta(minutes=1)) == 0


# --------------------------------------------------------------------------- 6. dates as /log takes them


@pytest.mark.parametrize(
    ("typed", "once"),
    [
        ("1 jan 10:00", "2027-01-01"),
        ("jan 1 10:00", "2027-01-01"),
        ("28th dec 7pm", "2026-12-28"),
        ("december 24, 2026 18:00", "2026-12-24"),
        ("24 dec 2026 18:00", "2026-12-24"),
        ("2 dec 1830", "2026-12-02"),  # a four-digit time is still a time
    ],
)
async def test_remind_takes_a_day_and_a_month_name(app, chat: Chat, typed: str, once: str):
    text = await chat.text(f"/remind {typed}")
    assert "Reminder #1 set: one-off on" in text
    [schedule] = on_disk(app)
    assert schedule.once == once


async def test_a_day_month_date_just_behind_is_said_to_have_passed_not_moved_a_year(app, chat: Chat):
    text = await chat.text("/remind 30 nov 10:00")
    assert text.startswith("10:00 on 2026-11-30 has already passed. Pick a time still ahead")
    assert "I don't know what '30' is" not in text and on_disk(app) == []
    assert "'31 feb' isn't a date; write it like 24 dec or 2026-12-24." in await chat.text(
        "/remind 31 feb 10:00"
    )
    await chat.say("/remind tomorrow 18:00")
    assert "Reminder #1 changed: one-off on Sat 05 Dec at 18:00" in await chat.text("/remind edit 1 5 dec")


# --------------------------------------------------------------------------- 7. the footer names a real id


async def test_the_reminders_footer_names_a_reminder_the_user_has(app, chat: Chat):
    await chat.say("/remind weekdays 18:00")
    await chat.say("/remind sat 9:00")
    assert "Removed reminder #1" in await chat.text("/unremind 1")
    listing = await chat.text("/reminders")
    assert (
        "Change one with /remind edit 2 gap 20m (or new days, a time: /remind edit 2 tue,thu 19:30)."
        in listing
    )
    assert "edit 1" not in listing
    assert "e.g. /remind edit 2 gap 20m" in await chat.text("/remind edit x")


async def test_settings_calls_a_passed_one_off_passed_not_on(app, chat: Chat):
    await chat.say("/timezone Europe/Berlin")
    await chat.say("/remind today 13:00")
    await chat.say("/timezone Asia/Tokyo")
    text = await chat.text("/settings")
    assert "Reminder #1: one-off on Tue 01 Dec at 13:00 (Asia/Tokyo), lift 10 min later" in text
    line = next(x for x in text.splitlines() if "Reminder #1" in x)
    assert line.endswith(
        "later: passed, it will not come (/unremind 1 removes it; /remind edit 1 tomorrow 13:00 moves it)"
    ), line

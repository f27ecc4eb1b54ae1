"""Reminders people can shape (issue 13), in the console through the real app: one-offs, gaps in hours
and minutes, /remind edit, overlaps with a Replace button, timezones as people type them, /settings.
One injected clock for handlers and the reminder check: tests move it and call ``run_due``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.buttons import NOT_YOURS, OTHER_CHAT
from core.messages import Reply, Target
from core.router import Delivery
from handlers.settings import PushKind, PushLine, push_kinds, register_push_kind
from storage.store import Store
from tests.conftest import Chat, Clock

ACCOUNT = "console:alice"


class Outbox:
    """The console platform's sender for pushes: records what reached the chat."""

    def __init__(self) -> None:
        self.sent: list[tuple[Target, Reply]] = []

    async def __call__(self, target: Target, reply: Reply) -> Delivery:
        self.sent.append((target, reply))
        return Delivery.OK

    def titles(self) -> list[str]:
        return [reply.title for _, reply in self.sent]


@pytest.fixture
def pushes(app) -> Outbox:
    outbox = Outbox()
    app.router.register("console", outbox)
    return outbox


def labels(reply: Reply) -> list[str]:
    return [b.label for row in reply.buttons for b in row]


def on_disk(app) -> list:
    """The account's schedules as a fresh store reads them from the files."""
    app.store.sync()
    return Store(app.settings.data_dir).schedules(ACCOUNT)


# --------------------------------------------------------------------------- one-offs


async def test_a_one_off_tomorrow_sends_activation_then_lift_once_then_is_done(
    app, chat: Chat, clock, pushes
):
    await chat.say("/timezone Europe/Amsterdam")
    text = await chat.text("/remind tomorrow 6:30pm")  # Monday 10:00 in Amsterdam
    assert "Reminder #1 set: one-off on Tue 24 Nov at 18:30 (Europe/Amsterdam)" in text
    assert "Next: Tue 24 Nov 18:30" in text and "then this one-off is done" in text
    assert "one-off on Tue 24 Nov at 18:30" in await chat.text("/remind list")

    due = datetime(2026, 11, 24, 17, 30, tzinfo=UTC)  # 18:30 in Amsterdam
    assert await app.reminders.run_due(due - timedelta(days=1)) == 0  # Monday at that time: not yet
    clock.now = due
    assert await app.reminders.run_due(due) == 1
    clock.now = due + timedelta(minutes=10)
    assert await app.reminders.run_due(clock.now) == 1
    assert pushes.titles() == ["Time to activate", "Time to lift"]

    # Done: gone from the list, from storage, and nothing next week.
    assert "No reminders yet" in await chat.text("/reminders")
    assert app.store.schedules(ACCOUNT) == []
    clock.now = due + timedelta(days=7)
    assert await app.reminders.run_due(clock.now) == 0
    assert len(pushes.sent) == 2


async def test_fri_7am_once_on_a_friday_after_7_is_next_friday(app, chat: Chat, clock):
    clock.now = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # Friday 08:00 UTC
    text = await chat.text("/remind fri 7am once")
    assert "one-off on Fri 04 Dec at 07:00" in text
    text = await chat.text("/remind fri 9am once")
    assert "one-off on Fri 27 Nov at 09:00" in text
    listing = await chat.text("/reminders")
    assert "#1: one-off on Fri 04 Dec" in listing and "#2: one-off on Fri 27 Nov" in listing


# The app starts on these clocks (a fixture overridden by parametrization): time only moves forward.
@pytest.mark.parametrize("clock", [Clock(datetime(2026, 10, 23, 9, 0, tzinfo=UTC))])
async def test_a_one_off_across_the_autumn_dst_change_fires_at_the_local_time_set(
    app, chat: Chat, clock, pushes
):
    # Friday 23 Oct; the clocks go back on Sunday 25 Oct.
    await chat.say("/timezone Europe/Amsterdam")
    text = await chat.text("/remind sun 7am once")
    assert "one-off on Sun 25 Oct at 07:00" in text and "Next: Sun 25 Oct 07:00" in text
    summer_7 = datetime(2026, 10, 25, 5, 0, tzinfo=UTC)  # 07:00 had it still been summer time
    clock.now = summer_7
    assert await app.reminders.run_due(summer_7) == 0
    clock.now = datetime(2026, 10, 25, 6, 0, tzinfo=UTC)  # 07:00 CET
    assert await app.reminders.run_due(clock.now) == 1
    assert pushes.titles() == ["Time to activate"]


@pytest.mark.parametrize("clock", [Clock(datetime(2026, 3, 28, 9, 0, tzinfo=UTC))])
async def test_a_one_off_at_a_time_skipped_by_spring_forward_fires_once_after_the_jump(
    app, chat: Chat, clock, pushes
):
    # Saturday 28 Mar; 02:00-03:00 is skipped on Sunday.
    await chat.say("/timezone Europe/Amsterdam")
    text = await chat.text("/remind tomorrow 2:30am gap 5m")
    assert "one-off on Sun 29 Mar at 02:30" in text and "Next: Sun 29 Mar 03:30" in text
    clock.now = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST, the wall time it fires at
    assert await app.reminders.run_due(clock.now) == 1
    clock.now += timedelta(minutes=5)
    assert await app.reminders.run_due(clock.now) == 1
    clock.now += timedelta(days=1)
    assert await app.reminders.run_due(clock.now) == 0
    assert pushes.titles() == ["Time to activate", "Time to lift"]


async def test_one_off_refusals_say_what_works(chat: Chat):
    text = await chat.text("/remind today 6am")  # 09:00 UTC
    assert "already passed" in text and "tomorrow 06:00" in text
    text = await chat.text("/remind mon,wed 7am once")
    assert "one day" in text and "/remind fri 7am once" in text
    text = await chat.text("/remind someday 7am")
    assert "'someday'" in text and "tomorrow 6:30pm" in text


# --------------------------------------------------------------------------- gaps


async def test_a_gap_of_1h30_sends_the_lift_90_minutes_after_the_activation(app, chat: Chat, clock, pushes):
    text = await chat.text("/remind daily 18:00 gap 1h30")
    assert "lift 1 h 30 min later" in text and "1 h 30 min later your main lift" in text
    clock.now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    assert await app.reminders.run_due(clock.now) == 1
    clock.now += timedelta(minutes=89)
    assert await app.reminders.run_due(clock.now) == 0
    clock.now += timedelta(minutes=1)
    assert await app.reminders.run_due(clock.now) == 1
    assert pushes.titles() == ["Time to activate", "Time to lift"]


@pytest.mark.parametrize(
    ("form", "minutes"), [("gap 1h", 60), ("gap 90m", 90), ("gap 45", 45), ("gap 3h", 180), ("gap 1m", 1)]
)
async def test_gap_forms(app, chat: Chat, form, minutes):
    await chat.say(f"/remind daily 18:00 {form}")
    [schedule] = app.store.schedules(ACCOUNT)
    assert schedule.gap == minutes


@pytest.mark.parametrize("form", ["gap 4h", "gap 0", "gap 200m", "gap"])
async def test_gap_refusals_say_what_works(app, chat: Chat, form):
    text = await chat.text(f"/remind daily 18:00 {form}")
    assert "gap 15m" in text and "gap 1h" in text
    assert app.store.schedules(ACCOUNT) == []


# --------------------------------------------------------------------------- edit, overlap, duplicate


async def test_edit_changes_a_schedule_in_place_and_the_reminders_follow(app, chat: Chat, clock, pushes):
    await chat.say("/remind mon,wed,fri 18:00")
    text = await chat.text("/remind edit 1 gap 1h")
    assert "Reminder #1 changed: Mon, Wed, Fri at 18:00 (UTC), lift 1 h later" in text
    text = await chat.text("/remind edit #1 tue,thu 19:30")
    assert "Reminder #1 changed: Tue, Thu at 19:30 (UTC), lift 1 h later" in text
    [schedule] = app.store.schedules(ACCOUNT)
    assert (schedule.id, schedule.days, schedule.time, schedule.gap) == (1, (1, 3), "19:30", 60)

    clock.now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # Monday 18:00: the old slot
    assert await app.reminders.run_due(clock.now) == 0
    clock.now = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)  # Tuesday 19:30: the new one
    assert await app.reminders.run_due(clock.now) == 1
    assert "Nothing changed" in await chat.text("/remind edit 1 tue,thu")
    # The same through its own command (Discord's way in).
    assert "lift 20 min later" in await chat.text("/remind_edit 1 gap 20m")


async def test_edit_refusals_say_what_works(app, chat: Chat):
    await chat.say("/remind mon 18:00")
    await chat.say("/remind tue 18:00")
    assert "no reminder #9" in await chat.text("/remind edit 9 gap 1h")
    assert "/remind edit 1 gap 20m" in await chat.text("/remind edit x gap 1h")
    assert "/remind edit 1" in await chat.text("/remind edit 1")
    text = await chat.text("/remind edit 1 gap 5h")
    assert "1 minute to 3 hours" in text and "/remind edit 1 gap 20m" in text
    text = await chat.text("/remind edit 2 mon")
    assert "overlap reminder #1" in text and "/unremind 1" in text
    assert [s.days for s in app.store.schedules(ACCOUNT)] == [(0,), (1,)]


async def test_an_overlap_says_so_and_replace_swaps_it_in_place(app, chat: Chat):
    await chat.say("/remind mon,wed 18:00")
    [offer] = await chat.say("/remind mon,wed,fri 18:00 gap 20m")
    assert "overlaps reminder #1 (Mon, Wed at 18:00)" in offer.text and "on Mon, Wed" in offer.text
    assert "Replace: #1 becomes Mon, Wed, Fri at 18:00, lift 20 min later." in offer.text
    assert labels(offer) == ["Replace #1"]
    assert len(app.store.schedules(ACCOUNT)) == 1  # nothing changes without the button
    [done] = await chat.press(offer, "Replace #1")
    assert "Reminder #1 replaced: Mon, Wed, Fri at 18:00 (UTC), lift 20 min later" in done.text
    [schedule] = app.store.schedules(ACCOUNT)
    assert (schedule.days, schedule.gap) == ((0, 2, 4), 20)
    [again] = await chat.press(offer, "Replace #1")
    assert again.text == "This button was already used."


async def test_replacing_an_overlap_keeps_the_other_days(app, chat: Chat, clock, pushes):
    # Tester: with #3 Mon, Wed, Fri 18:00, replacing for "wed 18:00" left only Wed (Mon and Fri gone).
    await chat.say("/remind mon,wed,fri 18:00")
    [offer] = await chat.say("/remind wed 18:00 gap 20m")
    assert "both would fire at 18:00 on Wed" in offer.text
    assert (
        "Replace: #1 keeps Mon, Fri at 18:00, and Wed at 18:00 becomes a new reminder, lift 20 min later."
        in offer.text
    )
    [done] = await chat.press(offer, "Replace #1")
    assert "Reminder #1 now: Mon, Fri at 18:00 (UTC), lift 10 min later" in done.text
    assert "New reminder #2: Wed at 18:00 (UTC), lift 20 min later" in done.text
    assert [(s.id, s.days, s.gap) for s in on_disk(app)] == [(1, (0, 4), 10), (2, (2,), 20)]
    # Both fire where they should: Monday by #1, Wednesday by #2 only.
    clock.now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    assert await app.reminders.run_due(clock.now) == 1
    clock.now = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    assert await app.reminders.run_due(clock.now) == 1
    listing = await chat.text("/reminders")
    assert "#1: Mon, Fri at 18:00" in listing and "#2: Wed at 18:00" in listing


async def test_a_one_off_on_a_weekly_reminders_slot_is_not_offered_to_replace_it(app, chat: Chat):
    await chat.say("/remind mon,wed,fri 18:00")
    [reply] = await chat.say("/remind wed 18:00 once gap 20m")
    assert "Reminder #1 (Mon, Wed, Fri at 18:00) already fires at 18:00 on Wed" in reply.text
    assert "/remind edit 1" in reply.text and labels(reply) == []
    assert [s.days for s in app.store.schedules(ACCOUNT)] == [(0, 2, 4)]


async def test_a_duplicate_differing_only_in_gap_is_an_edit(app, chat: Chat):
    await chat.say("/remind mon,wed,fri 18:00")
    text = await chat.text("/remind mon,wed,fri 18:00 gap 1h")
    assert "You already had that reminder as #1; its lift now comes 1 h after the activation" in text
    assert [s.gap for s in app.store.schedules(ACCOUNT)] == [60]
    assert "You already have that reminder (#1)" in await chat.text("/remind mon,wed,fri 6pm gap 60m")


# --------------------------------------------------------------------------- timezones


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Mumbai", "Mumbai: Asia/Kolkata. It is 14:30 there now"),
        ("San Francisco", "San Francisco: America/Los\\_Angeles. It is 01:00 there now"),
        ("São Paulo", "São Paulo: America/Sao\\_Paulo. It is 06:00 there now"),
        ("sao paulo", "Sao Paulo: America/Sao\\_Paulo. It is 06:00 there now"),
        ("new york", "New York: America/New\\_York. It is 04:00 there now"),
        ("tel aviv", "Tel Aviv: Asia/Jerusalem. It is 11:00 there now"),
        ("Europe/Amsterdam", "Europe/Amsterdam. It is 10:00 there now"),
    ],
)
async def test_a_city_is_set_and_confirmed_with_its_local_time(app, chat: Chat, typed, said):
    [reply] = await chat.say(f"/timezone {typed}")  # 09:00 UTC
    assert f"Timezone set to {said}" in reply.text
    zone = said.split(". ")[0].split(": ")[-1].replace("\\", "")
    assert app.store.profile(ACCOUNT).timezone == zone


async def test_an_abbreviation_is_never_taken_silently(app, chat: Chat):
    [ask] = await chat.say("/timezone IST")
    assert "IST can mean more than one place" in ask.text
    assert labels(ask) == ["India 14:30", "Israel 11:00", "Ireland 09:00"]
    assert app.store.profile(ACCOUNT).timezone == "UTC"  # nothing set yet
    [done] = await chat.press(ask, "Israel 11:00")
    assert "Timezone set to Asia/Jerusalem" in done.text and "It is 11:00 there now" in done.text
    assert app.store.profile(ACCOUNT).timezone == "Asia/Jerusalem"


@pytest.mark.parametrize(
    ("typed", "buttons"),
    [
        ("PST", ["US Pacific 01:00", "Canada Pacific 01:00", "Philippines 17:00"]),
        ("CET", ["Germany 10:00", "France 10:00", "Spain 10:00", "Italy 10:00", "Netherlands 10:00"]),
        ("AEST", ["Sydney 20:00", "Melbourne 20:00", "Brisbane, no DST 19:00", "Hobart 20:00"]),
        ("UTC+5:30", ["Kolkata 14:30", "Colombo 14:30"]),
        ("+0530", ["Kolkata 14:30", "Colombo 14:30"]),
        ("GMT-3", ["Sao Paulo 06:00", "Buenos Aires 06:00", "Santiago 06:00", "fixed UTC−3 06:00"]),
        ("UTC-5", ["New York 04:00", "Toronto 04:00", "Bogota 04:00", "Lima 04:00", "fixed UTC−5 04:00"]),
    ],
)
async def test_abbreviations_and_offsets_offer_zones_with_their_time_now(app, chat: Chat, typed, buttons):
    [ask] = await chat.say(f"/timezone {typed}")
    assert labels(ask) == buttons
    assert app.store.profile(ACCOUNT).timezone == "UTC"


async def test_a_fixed_offset_is_stored_with_the_posix_sign_and_said_the_iso_way(app, chat: Chat):
    [ask] = await chat.say("/timezone UTC-5")
    [done] = await chat.press(ask, "fixed UTC−5 04:00")
    assert "Etc/GMT+5 (fixed UTC−5, no daylight saving)" in done.text and "04:00" in done.text
    assert app.store.profile(ACCOUNT).timezone == "Etc/GMT+5"  # POSIX: GMT+5 is five hours behind


async def test_timezone_refusals_say_what_works(chat: Chat):
    text = await chat.text("/timezone Mars/Olympus")
    assert "not a timezone I know" in text and "/timezone Mumbai" in text and "UTC+5:30" in text
    text = await chat.text("/timezone UTC+2:30")
    assert "No place is at UTC+2:30 right now" in text and "/timezone Mumbai" in text


async def test_a_timezone_change_moves_one_offs_and_weekly_reminders_together(app, chat: Chat):
    await chat.say("/remind tomorrow 6:30pm")
    await chat.say("/remind daily 7am")
    text = await chat.text("/timezone Mumbai")
    assert "Your 2 reminder schedules now follow Asia/Kolkata local time" in text
    assert {(s.timezone, s.time) for s in app.store.schedules(ACCOUNT)} == {
        ("Asia/Kolkata", "18:30"),
        ("Asia/Kolkata", "07:00"),
    }


# --------------------------------------------------------------------------- /settings


async def test_settings_lists_every_push_on_with_a_button_to_switch_it_off(app, chat: Chat):
    assert "Nothing is switched on" in await chat.text("/settings")
    await chat.say("/remind mon,wed,fri 18:00")
    await chat.say("/remind tomorrow 6:30pm gap 1h")
    [shown] = await chat.say("/settings")
    assert "Reminder #1: Mon, Wed, Fri at 18:00 (UTC), lift 10 min later: on" in shown.text
    assert "Reminder #2: one-off on Tue 24 Nov at 18:30 (UTC), lift 1 h later: on" in shown.text
    assert labels(shown) == ["Turn off #1", "Turn off #2"]

    other = Chat(app, user="console:bob", chat="bob")
    [refused] = await other.press(shown, "Turn off #1")
    assert refused.text in (NOT_YOURS, OTHER_CHAT)
    assert len(app.store.schedules(ACCOUNT)) == 2

    [off] = await chat.press(shown, "Turn off #1")
    assert "Reminder #1 is off (Mon, Wed, Fri at 18:00)" in off.text and "/remind on 1" in off.text
    [off] = await chat.press(shown, "Turn off #2")  # each push has its own button
    assert "Reminder #2 is off" in off.text
    [shown] = await chat.say("/settings")
    assert "Reminder #1: Mon, Wed, Fri at 18:00 (UTC), lift 10 min later: off" in shown.text
    assert labels(shown) == ["Turn on #1", "Turn on #2"]


async def test_a_registered_push_kind_shows_in_settings(app, chat: Chat):
    def recap(request, ctx) -> list[PushLine]:
        return [PushLine("Weekly recap", "Sunday 18:00", "/units kg", "Recap off")]

    before = push_kinds()
    register_push_kind(PushKind("recap-test", "Weekly recap", recap))
    try:
        [shown] = await chat.say("/settings")
        assert "Weekly recap: Sunday 18:00" in shown.text and labels(shown) == ["Recap off"]
        [pressed] = await chat.press(shown, "Recap off")
        assert "Units set to kg" in pressed.text  # the press runs the kind's off command
    finally:
        from handlers import settings as module

        module._KINDS.pop("recap-test", None)
    assert push_kinds() == before


# --------------------------------------------------------------------------- off and on again


async def test_turning_a_reminder_off_keeps_it_and_turning_it_on_brings_it_back(
    app, chat: Chat, clock, pushes
):
    # Tester: "Turn off #3" deleted the reminder while /settings said ": on", with no way back.
    await chat.say("/remind mon,wed,fri 18:00 gap 20m")
    [shown] = await chat.say("/settings")
    [off] = await chat.press(shown, "Turn off #1")
    assert "Reminder #1 is off (Mon, Wed, Fri at 18:00): I keep it but send nothing" in off.text
    [schedule] = on_disk(app)
    assert (schedule.id, schedule.days, schedule.gap, schedule.off) == (1, (0, 2, 4), 20, True)
    [shown] = await chat.say("/settings")
    assert "Reminder #1: Mon, Wed, Fri at 18:00 (UTC), lift 20 min later: off" in shown.text
    assert labels(shown) == ["Turn on #1"] and ": on" not in shown.text
    assert "Off: nothing is sent until /remind on 1" in await chat.text("/reminders")

    clock.now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # Monday 18:00: off, nothing is sent
    assert await app.reminders.run_due(clock.now) == 0
    assert pushes.sent == []

    [on] = await chat.press(shown, "Turn on #1")
    assert (
        "Reminder #1 is on again: Mon, Wed, Fri at 18:00 (UTC), lift 20 min later. Next: Wed 25 Nov"
        in on.text
    )
    assert not on_disk(app)[0].off
    clock.now = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    assert await app.reminders.run_due(clock.now) == 1
    assert len(pushes.sent) == 1


async def test_typed_remind_off_and_on(app, chat: Chat, clock, pushes):
    await chat.say("/remind tomorrow 6:30pm")
    assert "Reminder #1 is off (one-off on Tue 24 Nov at 18:30)" in await chat.text("/remind off 1")
    assert "is off already" in await chat.text("/remind off #1")
    assert "Reminder #1 is on again" in await chat.text("/remind on 1")
    assert "is on already" in await chat.text("/remind on 1")
    text = await chat.text("/remind off x")
    assert "/remind off 1" in text and "/remind on 1" in text
    assert "no reminder #7" in await chat.text("/remind on 7")
    await chat.say("/remind off 1")
    clock.now = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
    assert await app.reminders.run_due(clock.now) == 0
    assert pushes.sent == []


async def test_a_close_match_is_listed_once(chat: Chat):
    # "Marseille" is a city of the list and a completion of the zone names alike: said once.
    text = await chat.text("/timezone Mars")
    assert "Close matches: Marrakech, Marseille. " in text, text

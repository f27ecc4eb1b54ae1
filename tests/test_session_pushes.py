"""Rest timers, session summaries, the weekly recap and nudges in the console: the real app on real
files, the real console adapter, the one reminder service on an injected clock (the test moves it and
calls the check; nothing sleeps)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from adapters.console.adapter import CHAT_ID, USER, ConsoleAdapter
from adapters.console.render import render
from storage.pushes import PendingPushes, pending_pushes
from tests.conftest import Chat

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Console:
    def __init__(self, app, clock) -> None:
        self.app = app
        self.clock = clock
        self.out = io.StringIO()
        self.adapter = ConsoleAdapter(app.ctx, app.router, stdin=io.StringIO(), stdout=self.out)
        self.chat = Chat(app, user=USER, chat=CHAT_ID)

    async def say(self, line: str) -> str:
        """The replies' text and their buttons' labels."""
        replies = await self.chat.say(line)
        return "\n".join(
            render(r) + "\n" + " | ".join(b.label for row in r.buttons for b in row) for r in replies
        )

    async def at(self, when: datetime) -> str:
        """Move the clock to ``when``, run the check; what was pushed meanwhile."""
        self.clock.now = when
        start = self.out.tell()
        await self.app.reminders.check()
        return self.out.getvalue()[start:]

    def pushed(self) -> str:
        return self.out.getvalue()


@pytest.fixture
def console(app, clock) -> Console:
    clock.now = MONDAY
    return Console(app, clock)


async def log_at(c: Console, when: datetime, line: str) -> str:
    c.clock.now = when
    return await c.say(line)


# --------------------------------------------------------------------------- rest timer


async def test_log_reply_has_rest_buttons(console):
    text = await console.say("/log hip thrust 3x10 80kg")
    assert "Rest 2:00" in text and "Rest 3:00" in text
    text = await console.say("/log side lying clam 3x15")
    assert (
        "Rest 0:45" in text and "Rest 1:15" in text
    )  # the clam's own 45 s rest (was 1:00/2:00 for every accessory)


async def test_rest_timer_of_30_s_pushes_once_when_the_clock_passes_30_s(console):
    await log_at(console, MONDAY - timedelta(days=3), "/log hip thrust 3x10 80kg")
    await log_at(console, MONDAY, "/log hip thrust 1x10 80kg")
    await console.say("/log hip thrust 1x10 80kg")
    reply = await console.say("/rest 30s")
    assert "Rest timer: 0:30" in reply
    assert "Rest over" not in await console.at(MONDAY + timedelta(seconds=29))
    pushed = await console.at(MONDAY + timedelta(seconds=31))
    assert "Rest over: set 3 of hip thrust, " in pushed and " @ " in pushed
    assert "Rest over" not in await console.at(MONDAY + timedelta(seconds=90))
    assert console.pushed().count("Rest over") == 1


async def test_rest_over_names_a_dumbbell_pair_and_each_side(console):
    await log_at(console, MONDAY - timedelta(days=3), "/log rdl 3x10 2x12kg")
    await log_at(console, MONDAY - timedelta(days=3), "/log step up 3x10 each side 2x10kg")
    await log_at(console, MONDAY, "/log rdl 1x11 2x12kg")
    await console.say("/rest 30s")
    pushed = await console.at(MONDAY + timedelta(seconds=31))
    assert "Rest over: set 2 of romanian deadlift, 11 @ 2 × 12 kg." in pushed
    await log_at(console, MONDAY + timedelta(minutes=5), "/log step up 1x11 each side 2x10kg")
    await console.say("/rest 30s")
    pushed = await console.at(MONDAY + timedelta(minutes=5, seconds=31))
    assert "Rest over: set 2 of step-up, 11 each side @ 2 × 10 kg." in pushed


async def test_rest_stop_means_no_push(console):
    await console.say("/log hip thrust 1x10 80kg")
    await console.say("/rest 30s")
    assert "stopped" in await console.say("/rest stop")
    assert "Rest over" not in await console.at(MONDAY + timedelta(seconds=31))
    assert "Rest over" not in await console.at(MONDAY + timedelta(minutes=5))


async def test_logging_the_next_set_cancels_the_rest_timer(console):
    await console.say("/log hip thrust 1x10 80kg")
    await console.say("/rest 2:30")
    await log_at(console, MONDAY + timedelta(seconds=60), "/log hip thrust 1x10 80kg")
    assert "Rest over" not in await console.at(MONDAY + timedelta(seconds=200))


async def test_rest_button_starts_the_timer(console):
    [reply] = await console.chat.say("/log hip thrust 3x10 80kg")
    [started] = await console.chat.press(reply, "Rest 2:00")
    assert "Rest timer: 2:00" in started.text
    assert "Rest over" in await console.at(MONDAY + timedelta(seconds=121))


async def test_a_rest_timer_more_than_60_s_late_is_dropped_without_a_word(console, app):
    await console.say("/rest 30s")
    assert "Rest over" not in await console.at(MONDAY + timedelta(seconds=91))  # 61 s late
    assert pending_pushes(app.store).get(USER, "rest") is None


async def test_a_rest_timer_just_late_after_a_restart_is_sent(tmp_path, library, clock):
    from bot import build_app, start_app, stop_app
    from core.settings import Settings

    clock.now = MONDAY
    settings = Settings(data_dir=tmp_path / "d")
    first = build_app(settings, library=library, clock=clock)
    await start_app(first)
    Console(first, clock)
    await Chat(first, user=USER, chat=CHAT_ID).say("/rest 30s")
    await stop_app(first)
    clock.now = MONDAY + timedelta(seconds=75)  # 45 s late: still sent, once
    second = build_app(settings, library=library, clock=clock)
    c = Console(second, clock)
    await start_app(second)
    try:
        assert await second.reminders.caught_up() == 1  # the start-up catch-up, in the background
        assert c.pushed().count("Rest over") == 1
        assert "Rest over" not in await c.at(MONDAY + timedelta(seconds=80))
    finally:
        await stop_app(second)


@pytest.mark.parametrize("text", ["2", "90s", "2m", "2:30", "1.5m", "120"])
async def test_rest_durations(console, text):
    assert "Rest timer:" in await console.say(f"/rest {text}")


@pytest.mark.parametrize("text", ["soon", "3s", "2:75", "40m"])
async def test_bad_rest_durations_say_what_works(console, text):
    reply = await console.say(f"/rest {text}")
    assert "/rest 90s" in reply and "Traceback" not in reply


# --------------------------------------------------------------------------- session summary


async def test_done_counts_a_set_done_on_each_side_once(console, app):
    await log_at(console, MONDAY, "/log step up 3x10 each side 2x10kg")
    summary = await log_at(console, MONDAY + timedelta(minutes=20), "/done")
    assert "3 working sets, 1,200 kg moved" in summary  # 3 × 10 × 2 sides × 2 × 10 kg


async def test_done_after_a_session_with_a_pr_pushes_a_summary_naming_it(console, app):
    await log_at(console, MONDAY - timedelta(days=3), "/log hip thrust 3x10 80kg")
    await log_at(console, MONDAY, "/log hip thrust 3x10 85kg")
    await log_at(console, MONDAY + timedelta(minutes=20), "/log romanian deadlift 3x8 60kg")
    summary = await log_at(console, MONDAY + timedelta(minutes=40), "/done")
    assert "Session done" in summary
    assert "PRs: hip thrust (heaviest load, best estimated 1RM)!" in summary
    assert "3 working sets, 2,550 kg moved" in summary  # 3 × 10 × 85
    assert "40 min" in summary and "Next time" in summary and "Progress chart" in summary
    # Closed: the gap passing sends nothing more, and /done again says so.
    assert "Session done" not in await console.at(MONDAY + timedelta(hours=3))
    assert "already closed" in await console.say("/done")


async def test_the_summary_is_pushed_once_session_gap_after_the_last_set(console):
    await log_at(console, MONDAY - timedelta(days=3), "/log hip thrust 3x10 80kg")
    await log_at(console, MONDAY, "/log hip thrust 3x10 85kg")
    await log_at(console, MONDAY + timedelta(minutes=30), "/log hip thrust 1x10 85kg")
    assert "Session done" not in await console.at(MONDAY + timedelta(hours=2))  # 2 h after the first
    pushed = await console.at(MONDAY + timedelta(hours=2, minutes=30))
    assert "Session done" in pushed and "heaviest load" in pushed and "4 working sets" in pushed
    assert "Session done" not in await console.at(MONDAY + timedelta(hours=5))


async def test_a_logs_summary_is_written_behind_its_answer_and_a_restart_reads_it(console, app):
    """The /log answer waits for the set's journal line only; the summary it starts is written behind
    (`PendingPushes.write_soon`), and once written a restart finds it and still pushes it once."""
    await log_at(console, MONDAY, "/log hip thrust 3x10 80kg")
    assert pending_pushes(app.store).get(USER, "summary") is not None
    await pending_pushes(app.store).flush()  # what the write-behind timer (or a clean stop) does
    assert PendingPushes(app.store.data_dir).get(USER, "summary") is not None


_EXIT_WITH_A_SUMMARY_DUE = """
import asyncio, sys
from storage.pushes import PendingPushes, Push

async def main() -> None:
    pushes = PendingPushes(sys.argv[1])
    pushes.put(Push("console:1", "summary", key="k", due="2026-11-23T11:00:00+00:00", target="console:x"))
    pushes.write_soon()  # its timer dies with the loop

asyncio.run(main())  # the process then exits normally
"""


def test_a_summary_still_due_to_be_written_at_exit_is_written(tmp_path):
    from tests.test_actions_writes import run_script

    done = run_script(_EXIT_WITH_A_SUMMARY_DUE, tmp_path)
    assert done.returncode == 0, done.stderr
    assert PendingPushes(tmp_path).get("console:1", "summary") is not None


async def test_done_in_the_same_second_as_the_last_set_closes_its_session(console, app):
    """Tried by a tester: /log then /done piped in the same second summed the session up twice, and
    the next set joined the closed session (/done was kept to the second, sets to the microsecond)."""
    await log_at(console, MONDAY + timedelta(microseconds=300_000), "/log hip thrust 3x10 80kg")
    assert "Session done" in await log_at(console, MONDAY + timedelta(microseconds=500_000), "/done")
    again = await log_at(console, MONDAY + timedelta(microseconds=600_000), "/done")
    assert "No session is open" in again
    await log_at(console, MONDAY + timedelta(microseconds=700_000), "/log hip thrust 3x10 85kg")
    history = await console.say("/history")
    assert "session 2" in history and "session 1" in history, history


async def test_the_summary_and_the_next_target_count_the_same_sets(console):
    await log_at(console, MONDAY, "/log hip thrust 2x10 80kg")
    await log_at(console, MONDAY + timedelta(minutes=5), "/log hip thrust 2x10 80kg")
    summary = await log_at(console, MONDAY + timedelta(minutes=6), "/done")
    assert "4 working sets" in summary and "4 × 11 @ 80 kg" in summary, summary


@pytest.mark.parametrize("line", ["/rest ٣", "/rest ３m", "/plates ٣", "/warmup hip thrust ١٠٠"])
async def test_digits_of_other_scripts_are_refused_as_log_refuses_them(console, line):
    """Tried by a tester: /rest ٣ started a 3:00 timer and /plates ٣ answered for 3 kg, while /log and
    /goal refuse the same digit."""
    reply = await console.say(line)
    assert "Rest timer" not in reply and "3 kg" not in reply and "• " not in reply, reply
    assert "e.g." in reply or "For example" in reply, reply


async def test_a_set_logged_today_without_a_time_is_in_the_session_being_logged(console):
    """Tried by a tester: "today" (or "mon" on a Monday) stored the set at local noon, a session of its
    own, and /done in the evening left it out."""
    evening = MONDAY + timedelta(hours=10)  # Monday 19:00 UTC
    await log_at(console, evening, "/log hip thrust 3x10 80kg today")
    await log_at(console, evening + timedelta(minutes=5), "/log glute bridge 3x10 60kg mon")
    summary = await log_at(console, evening + timedelta(minutes=10), "/done")
    assert "Hip thrust" in summary and "Glute bridge" in summary, summary


async def test_no_summary_for_a_warm_up_only_session(console):
    await console.say("/log lateral band walk 3x12")
    assert "Session done" not in await console.at(MONDAY + timedelta(hours=3))
    assert "nothing to sum up" in await log_at(
        console, MONDAY + timedelta(hours=4), "/log lateral band walk 2x12"
    ) + await console.say("/done")


# --------------------------------------------------------------------------- recap, goal, nudges


async def test_a_recap_for_a_week_with_3_of_3_sessions_shows_a_streak(console):
    assert "Goal set: 3 sessions a week" in await console.say("/goal 3")
    reply = await console.say("/recap on")
    assert "/recap off" in reply and "Weekly recap on: Sundays at 18:00" in reply  # local
    await console.say("/nudges off")
    for week in (-1, 0):
        for day in (0, 2, 4):
            await log_at(console, MONDAY + timedelta(weeks=week, days=day), "/log hip thrust 3x10 80kg")
    sunday = MONDAY + timedelta(days=6, hours=9)  # 18:00
    assert "Your last 7 days" not in await console.at(sunday - timedelta(minutes=1))
    pushed = await console.at(sunday)
    assert "Sessions in the last 7 days: 3 of 3 (goal met)" in pushed
    assert "Streak: 2 weeks in a row" in pushed
    assert "9 hard glute sets in the last 7 days" in pushed and "Focus for next week" in pushed
    assert "Show chart" in pushed
    assert "Your last 7 days" not in await console.at(sunday + timedelta(hours=1))
    # ... and again the next Sunday, once.
    assert (await console.at(sunday + timedelta(days=7))).count("Your last 7 days") == 1


async def test_show_chart_renders_8_weeks(console, app):
    await console.say("/log hip thrust 3x10 80kg")
    [reply] = await console.chat.say("/recap")
    [chart] = await console.chat.press(reply, "Show chart")
    assert chart.image is not None and chart.image.png.startswith(b"\x89PNG")


async def test_a_behind_goal_week_gets_exactly_one_nudge_inside_allowed_hours(console):
    await console.say("/goal 3")
    await log_at(console, MONDAY, "/log hip thrust 3x10 80kg")  # 1 of 3 on Monday, then nothing
    nudges = []
    at = MONDAY
    while at < MONDAY + timedelta(days=7):
        at += timedelta(minutes=30)
        if "Still on for this week?" in await console.at(at):
            nudges.append(at)
    assert len(nudges) == 1
    [when] = nudges
    assert 7 <= when.hour < 22
    # 1 of 3 done; on Saturday two sessions need both days left: that is when the goal is at risk.
    assert when.weekday() == 5 and when.hour == 17
    assert "20 minutes: band walks, then three sets of" in console.pushed()


async def test_nudges_off_means_none(console):
    await console.say("/goal 3")
    assert "Nudges off" in await console.say("/nudges off")
    at = MONDAY
    while at < MONDAY + timedelta(days=7):
        at += timedelta(hours=1)
        assert "Still on" not in await console.at(at)


async def test_goal_and_recap_refusals_say_what_works(console):
    assert "/goal 3" in await console.say("/goal lots")
    assert "/recap on sun 18:00" in await console.say("/recap on mon,tue 18:00")
    assert "/recap on" in await console.say("/recap maybe")


async def test_settings_lists_the_session_pushes_that_are_on(console, app):
    from handlers.session import settings_pushes

    request = console.chat.request("settings")
    request = type(request)(**{**request.__dict__, "account": USER})
    assert settings_pushes(request, app.ctx) == []
    await console.say("/goal 3")
    await console.say("/recap on")
    await console.say("/rest 2m")
    labels = [(label, off) for label, _, off, _ in settings_pushes(request, app.ctx)]
    assert labels == [
        ("Rest timer", "/rest stop"),
        ("Weekly recap", "/recap off"),
        ("Nudge when behind your goal of 3 a week", "/nudges off"),
    ]


async def test_setting_the_goal_again_after_a_nudge_brings_no_second_one_that_week(console):
    await console.say("/goal 3")
    friday = MONDAY + timedelta(days=4, hours=8)  # 17:00, 0 of 3 with 3 days left
    for day in range(4):
        assert "Still on" not in await console.at(MONDAY + timedelta(days=day, hours=8))
    assert "Still on for this week?" in await console.at(friday)
    await console.say("/goal 3")
    await console.say("/nudges on")
    at = friday
    while at < MONDAY + timedelta(days=7):
        at += timedelta(hours=1)
        assert "Still on" not in await console.at(at)


async def test_sets_after_done_are_a_new_session_with_their_own_summary(console):
    await log_at(console, MONDAY, "/log hip thrust 3x10 80kg")
    assert "Session done" in await log_at(console, MONDAY + timedelta(minutes=30), "/done")
    await log_at(console, MONDAY + timedelta(minutes=45), "/log romanian deadlift 3x8 60kg")
    pushed = await console.at(MONDAY + timedelta(minutes=45) + timedelta(hours=2))
    assert "Romanian deadlift" in pushed and "Hip thrust:" not in pushed.split("Next time")[0]


async def test_a_backdated_entry_never_triggers_a_summary(console, app):
    from dataclasses import replace

    from domain.training import Entry, LoggedSet
    from handlers.session import on_logged

    app.store.add_entry(USER, Entry("hip_thrust", (LoggedSet(10, 80, "kg"),) * 3, MONDAY - timedelta(days=1)))
    request = replace(console.chat.request("log", "hip thrust 3x10 80kg"), account=USER)
    on_logged(request, app.ctx, "hip_thrust", working=True)
    assert pending_pushes(app.store).get(USER, "summary") is None
    assert "Session done" not in await console.at(MONDAY + timedelta(hours=3))


async def test_rest_goal_and_recap_refusals_say_what_works(console):
    """Tried by a tester: 2m30s is a rest, a mistyped /goal 0 does not wipe the goal, and a recap day
    that is no day is answered about recaps (not with the reminders' gaps and one-offs)."""
    assert (await console.say("/rest 2m30s")).startswith("Rest timer: 2:30.")
    assert "I read rests like 90s, 2m, 2m30s or 2:30" in await console.say("/rest 2:30 please")
    assert "Goal set: 3 sessions a week" in await console.say("/goal 3")
    assert "from 1 to 7" in await console.say("/goal ⓻")  # a digit to str.isdigit, not to int()
    refused = await console.say("/goal 0")
    assert "from 1 to 7" in refused and "/goal off" in refused
    assert "Your goal: 3 sessions a week" in await console.say("/goal")
    someday = await console.say("/recap on someday")
    assert (
        someday.startswith("Give the recap one day and a time, e.g. /recap on sun 18:00")
        and "gap" not in someday
    )

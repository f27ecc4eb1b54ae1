"""The Telegram adapter end to end: the real python-telegram-bot Application, the real app (TinyDB files,
content, handlers, reminder service) and a loopback fake of the Bot API. A user's text goes in as an
update; the tests check the exact Bot API calls that come out."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from adapters.telegram import TelegramAdapter, TelegramConfigError
from adapters.telegram.render import TEXT_LIMIT, tg_len
from bot import App, build_app, stop_app
from core.buttons import pending_actions
from core.messages import Button, Reply, Target
from core.registry import Command
from core.router import Delivery
from core.settings import Settings
from handlers.logbook import fingerprint
from handlers.reminder_texts import LIFT_DONE_LABEL, ReminderTexts
from reminders.service import ReminderService
from storage.actions import is_action_id
from tests.entries import reps_of, weight_of
from tests.fakes.telegram_api import FakeBotAPI

_no_proxy = {p for p in os.environ.get("NO_PROXY", "").split(",") if p}
os.environ["NO_PROXY"] = ",".join(sorted(_no_proxy | {"127.0.0.1", "localhost"}))

USER = 1001
OTHER = 1002
GROUP = -100500
EVENING = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # a Monday
FAST = {"per_chat_interval": 0.05, "retry_base": 0.01, "connect_backoff": (0.05, 0.2)}


def tg_settings(data_dir: Path, fake: FakeBotAPI, **overrides) -> Settings:
    values = {
        "data_dir": data_dir,
        "telegram_token": fake.token,
        "telegram_base_url": fake.url + "/bot",  # the suffix is accepted too
        "telegram_rate_per_second": 1000.0,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass
class Coach:
    fake: FakeBotAPI
    app: App
    adapter: TelegramAdapter

    async def say(
        self,
        text: str,
        *,
        user_id: int = USER,
        chat_id: int | None = None,
        chat_type: str = "private",
        expect: int = 1,
        to: int | None = None,
    ) -> list:
        """The user types ``text``; returns the ``expect`` messages delivered for it (to chat ``to``, or
        to any chat)."""
        since = len(self.fake.calls)
        self.fake.message(text, user_id=user_id, chat_id=chat_id, chat_type=chat_type)
        return await self.fake.wait_for(count=expect, since=since, chat_id=to)

    async def press(self, call, label: str, *, user_id: int | None = None, expect: int = 1) -> list:
        since = len(self.fake.calls)
        self.fake.press(call, label, user_id=user_id)
        return await self.fake.wait_for(count=expect, since=since)


async def start_coach(data_dir: Path, fake: FakeBotAPI, library, clock, **adapter_kw) -> Coach:
    settings_kw = adapter_kw.pop("settings", {})
    app = build_app(tg_settings(data_dir, fake, **settings_kw), library=library)
    app.ctx.clock = clock
    adapter = TelegramAdapter(app.settings, app.ctx, app.router, **(FAST | adapter_kw))
    await adapter.start()
    return Coach(fake, app, adapter)


async def stop_coach(coach: Coach) -> None:
    await coach.adapter.stop()
    await stop_app(coach.app)


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as f:
        yield f


@pytest.fixture
async def coach(tmp_path, fake, library, clock) -> AsyncIterator[Coach]:
    c = await start_coach(tmp_path / "data", fake, library, clock)
    try:
        yield c
    finally:
        await stop_coach(c)


def use_reminders(coach: Coach, clock) -> ReminderService:
    """Swap in a reminder service on the test's clock, its scheduler paused (time moves by run_due)."""
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.start(paused=True)
    svc = ReminderService(
        coach.app.store,
        ReminderTexts(coach.app.store, coach.app.library),
        coach.app.router,
        clock=clock,
        scheduler=scheduler,
    )
    coach.app.reminders = svc
    coach.app.ctx.reminders = svc
    return svc


def commands_of(coach: Coach, call) -> list[list[tuple[str, str]]]:
    """A sent keyboard as (label, command line): callback_data is only a pending action's id, whose
    command stays on the server."""
    actions = pending_actions(coach.app.store)
    rows = []
    for row in call.buttons:
        assert all(is_action_id(data) for _, data in row), row
        rows.append([(label, actions.get(data).command) for label, data in row])
    return rows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sends(fake: FakeBotAPI, chat_id: int | None = None) -> list:
    return fake.sent(chat_id)


# --------------------------------------------------------------------------- start, commands, rendering


async def test_start_publishes_the_menu_and_answers_start(coach):
    fake = coach.fake
    published = fake.calls_to("setMyCommands")
    assert len(published) == 1
    expected = [{"command": c.name, "description": c.description} for c in coach.app.registry.visible()]
    assert published[0].params["commands"] == expected
    names = [c["command"] for c in expected]
    assert "explain" in names and "lift_now" not in names and "deleteme_confirm" not in names
    assert all(1 <= len(c["description"]) <= 256 for c in expected)
    # One menu for every lifter: no load in a unit ("3x10 80kg" to a pound lifter; a tester).
    assert not [c for c in expected if re.search(r"\d\s*(kg|lb)s?\b", c["description"], re.IGNORECASE)]
    assert {"command": "log", "description": "Log sets, e.g. hip thrust 3x10 100"} in expected

    [reply] = await coach.say("/start")
    assert reply.method == "sendMessage" and reply.chat_id == USER
    assert reply.raw["parse_mode"] == "HTML"
    assert reply.text.startswith("Hi Ann, I'm your glute coach.")
    assert "\n\n<b>Set-up in three steps</b>\n1. /units kg|lb" in reply.text
    assert "<i>I'm a coach, not a clinician." in reply.text
    assert commands_of(coach, reply) == [
        # The experience question (issue 11): each button sets the starting level.
        [
            ("Beginner", "/level beginner"),
            ("Intermediate", "/level intermediate"),
            ("Advanced", "/level advanced"),
        ],
        [("Today's plan", "/plan"), ("Exercises", "/exercises")],
        [("Explain the hip thrust", "/explain hip_thrust"), ("All commands", "/help")],
    ]
    assert fake.unknown == []


async def test_explain_hip_thrust_is_html_with_title_and_sections(coach):
    await coach.say("/explain hip thrust")
    await coach.fake.settle()
    replies = sends(coach.fake, USER)
    text = "\n\n".join(r.text for r in replies)
    assert replies[0].text.startswith("<b>Hip thrust</b>\nA bridge with your shoulder blades on a bench")
    assert "\n\n<b>Muscles</b>\nPrime movers: gluteus maximus" in text
    assert "\n\n<b>How to</b>\n1. Sit on the floor" in text
    assert all(r.raw["parse_mode"] == "HTML" and tg_len(r.text) <= TEXT_LIMIT for r in replies)


async def test_log_sets_and_user_text_is_escaped(coach):
    [logged] = await coach.say("/log hip thrust 3x10 80kg")
    assert logged.text.startswith(
        "Logged <b>Hip thrust</b>: 3 × 10 @ 80 kg.\nMon 23 Nov 2026, 09:00\nWorking (3 sets): 3 × 10 @ 80 kg\n"
        "Estimated 1RM: 106.7 kg"
    )
    [entry] = coach.app.store.entries(f"telegram:{USER}")
    assert commands_of(coach, logged) == [
        [
            ("Undo", f"/undo_entry {entry.id} {fingerprint(entry)}"),  # the entry as the card shows it
            ("Edit", f"/edit_entry {entry.id}@{fingerprint(entry)}"),
            ("Progress", "/progress hip_thrust"),
        ],
        [("Rest 2:00", "/rest 2:00"), ("Rest 3:00", "/rest 3:00")],
    ]
    entries = coach.app.store.entries(f"telegram:{USER}")
    assert [(e.exercise, reps_of(e), weight_of(e)) for e in entries] == [("hip_thrust", (10, 10, 10), 80)]

    [escaped] = await coach.say("/log <b>x</b> 3x10 80kg")
    assert (
        escaped.text.startswith("I don't understand '&lt;b&gt;x&lt;/b&gt;'.")
        and "Nothing was logged." in escaped.text
    )
    assert "<b>x</b>" not in escaped.text
    [markers] = await coach.say("/explain *bold* _it_ [a](https://x.y)")
    assert "*bold* _it_ [a](https://x.y)" in markers.text and "<b>bold" not in markers.text


async def test_long_text_is_split_under_4096_at_paragraphs_with_buttons_on_the_last(coach):
    paragraphs = [f"Paragraph {n}: " + "<&> " * 150 + "💪" * 40 for n in range(12)]  # grows when escaped

    async def longread(request, ctx):
        from core.markup import esc

        return Reply("\n\n".join(esc(p) for p in paragraphs), buttons=((Button("More", "/help"),),))

    coach.app.registry.add(Command("longread", "A very long reply", longread))
    await coach.say("/longread")
    await coach.fake.settle()
    chunks = sends(coach.fake, USER)
    assert len(chunks) > 1
    assert all(tg_len(c.text) <= TEXT_LIMIT for c in chunks)
    rebuilt = (
        "\n\n".join(c.text for c in chunks).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )
    assert rebuilt == "\n\n".join(paragraphs)  # nothing lost, cut only between paragraphs
    assert [bool(c.buttons) for c in chunks] == [False] * (len(chunks) - 1) + [True]


async def test_plain_text_in_private_gets_a_hint(coach):
    [hint] = await coach.say("hello coach")
    assert "Commands start with /" in hint.text


# --------------------------------------------------------------------------- buttons


async def test_exercises_buttons_open_the_explanation(coach):
    fake = coach.fake
    [menu] = await coach.say("/exercises")
    assert ("Hip thrust", "/explain hip_thrust") in [b for row in commands_of(coach, menu) for b in row]
    since = len(fake.calls)
    explained = await coach.press(menu, "Hip thrust")
    assert explained[0].text.startswith("<b>Hip thrust</b>\n")
    answered = fake.calls_to("answerCallbackQuery")
    assert len(answered) == 1
    [edit] = fake.calls_to("editMessageReplyMarkup")
    assert edit.params["chat_id"] == USER and edit.params["message_id"] == menu.params["_message_id"]
    assert "reply_markup" not in edit.params  # keyboard removed
    order = [c.method for c in fake.calls[since:] if c.method != "getUpdates"]
    assert order[:3] == ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"]


async def test_deleteme_confirms_with_buttons(coach):
    await coach.say("/log hip thrust 3x10 80kg")
    [ask] = await coach.say("/deleteme")
    assert [[(label, cmd.split()[0]) for label, cmd in row] for row in commands_of(coach, ask)] == [
        [("Yes, delete everything", "/deleteme_confirm"), ("No, keep it", "/deleteme_cancel")]
    ]
    assert coach.app.store.entries(f"telegram:{USER}")
    [done] = await coach.press(ask, "Yes, delete everything")
    assert "delete" in done.text.lower()
    assert coach.app.store.entries(f"telegram:{USER}") == []


async def test_a_second_press_on_a_used_keyboard_is_ignored(coach):
    fake = coach.fake
    [ask] = await coach.say("/deleteme")
    await coach.press(ask, "No, keep it")
    since = len(fake.calls)
    fake.press(ask, "Yes, delete everything")
    await fake.wait_for("answerCallbackQuery", since=since)
    await fake.settle()
    assert [c.method for c in fake.calls[since:] if c.method != "getUpdates"] == ["answerCallbackQuery"]


# --------------------------------------------------------------------------- media


async def test_progress_sends_the_chart_as_a_photo(coach):
    await coach.say("/log hip thrust 3x10 80kg")
    [photo] = await coach.say("/progress hip thrust")
    assert photo.method == "sendPhoto" and photo.chat_id == USER
    png = photo.file("photo")
    assert png is not None and png.data.startswith(b"\x89PNG\r\n\x1a\n") and png.filename.endswith(".png")
    assert photo.raw["parse_mode"] == "HTML"
    assert "Best estimated 1RM: 106.7 kg" in photo.raw["caption"]


async def test_export_sends_the_csv_as_a_document(coach):
    await coach.say("/log hip thrust 3x10 80kg")
    [doc] = await coach.say("/export")
    assert doc.method == "sendDocument"
    f = doc.file("document")
    assert f is not None and f.filename == "coach-log-2026-11-23.csv"  # the user's date
    lines = f.data.decode().splitlines()
    assert lines[0].startswith("date_utc,") and len(lines) == 4
    assert doc.raw["caption"].startswith("Your log: 1 entry, 3 sets")


# --------------------------------------------------------------------------- groups


async def test_group_personal_command_answers_in_private(coach):
    await coach.say("/log hip thrust 3x10 80kg")
    [reply] = await coach.say("/history@CoachBot", chat_id=GROUP, chat_type="supergroup")
    assert reply.chat_id == USER and "Hip thrust" in reply.text
    await coach.fake.settle()
    assert sends(coach.fake, GROUP) == []


async def test_group_personal_command_without_private_chat_only_hints(coach):
    fake = coach.fake
    fake.unstarted.add(OTHER)  # never opened a private chat with the bot
    [hint] = await coach.say("/history@CoachBot", user_id=OTHER, chat_id=GROUP, chat_type="group")
    assert hint.chat_id == GROUP
    assert hint.text == (
        "I can't message you privately yet: open a chat with me (t.me/CoachBot) and press Start, then try again."
    )
    tried = fake.calls_to("sendMessage", OTHER, ok=False)
    assert len(tried) == 1 and tried[0].status == 403  # not retried
    await fake.settle()
    assert [c.text for c in sends(fake, GROUP)] == [hint.text]  # nothing personal in the group


async def test_a_group_log_without_private_chat_says_it_was_saved_not_try_again(coach):
    fake = coach.fake
    fake.unstarted.add(OTHER)
    [hint] = await coach.say(
        "/log@CoachBot hip thrust 3x10 100kg", user_id=OTHER, chat_id=GROUP, chat_type="group"
    )
    assert hint.chat_id == GROUP and hint.text.startswith("Done, but") and "try again" not in hint.text
    assert "100" not in hint.text  # no weights in the group
    assert [weight_of(e) for e in coach.app.store.entries(f"telegram:{OTHER}")] == [100]


async def test_group_public_command_answers_in_the_group(coach):
    [reply] = await coach.say("/explain@CoachBot hip thrust", chat_id=GROUP, chat_type="group")
    assert reply.chat_id == GROUP and reply.text.startswith("<b>Hip thrust</b>")


async def test_commands_for_other_bots_are_ignored(coach):
    fake = coach.fake
    for text in ("/help@OtherBot", "/explain@SomeBot hip thrust", "/weather"):
        fake.message(text, chat_id=GROUP, chat_type="group")
    fake.message("/help@OtherBot")
    await fake.settle(quiet=0.3)
    assert sends(fake) == []
    [reply] = await coach.say("/nosuch@CoachBot", chat_id=GROUP, chat_type="group")
    assert reply.text.startswith("I don't know /nosuch.")


# --------------------------------------------------------------------------- delivery faults


async def test_429_waits_retry_after_then_sends_once(coach):
    fake = coach.fake
    fake.fail("sendMessage", 429, retry_after=1)
    result = await coach.app.router.send(Target("telegram", str(USER)), Reply("*Time to lift*"))
    assert result is Delivery.OK
    tries = fake.calls_to("sendMessage", USER, ok=None)
    assert [c.status for c in tries] == [429, 200]
    assert tries[1].at - tries[0].at >= 0.95
    assert [c.text for c in sends(fake, USER)] == ["<b>Time to lift</b>"]


async def test_5xx_is_retried_with_backoff_then_sent_once(coach):
    fake = coach.fake
    fake.fail("sendMessage", 500, count=2)
    fake.fail("sendMessage", 502)
    assert await coach.app.router.send(Target("telegram", str(USER)), Reply("hello")) is Delivery.OK
    tries = fake.calls_to("sendMessage", USER, ok=None)
    assert [c.status for c in tries] == [500, 500, 502, 200]
    gaps = [b.at - a.at for a, b in zip(tries, tries[1:], strict=False)]
    assert gaps[0] >= 0.009 and gaps[1] >= 0.019 and gaps[2] >= 0.039  # exponential backoff
    assert len(sends(fake, USER)) == 1


async def test_5xx_gives_up_after_bounded_tries(coach, caplog):
    fake = coach.fake
    fake.fail("sendMessage", 503, count=100)
    with caplog.at_level(logging.ERROR, logger="adapters.telegram"):
        result = await coach.app.router.send(Target("telegram", str(USER)), Reply("hello"))
    assert result is Delivery.FAILED
    assert len(fake.calls_to("sendMessage", USER, ok=None)) == coach.adapter.limiter.max_tries == 5
    assert any("failed" in r.getMessage() for r in caplog.records)


async def test_403_is_blocked_at_once(coach):
    coach.fake.blocked.add(USER)
    assert await coach.app.router.send(Target("telegram", str(USER)), Reply("hi")) is Delivery.BLOCKED
    assert len(coach.fake.calls_to("sendMessage", USER, ok=None)) == 1


async def test_connection_dropped_after_sending_is_not_resent(coach, caplog):
    fake = coach.fake
    fake.drop("sendMessage", after=True)
    with caplog.at_level(logging.WARNING, logger="adapters.telegram"):
        result = await coach.app.router.send(Target("telegram", str(USER)), Reply("lift now"))
    assert result is Delivery.OK  # assumed delivered: resending could duplicate it
    assert len(fake.calls_to("sendMessage", USER, ok=None)) == 1
    assert len(fake.sent_at[USER]) == 1
    assert any("not resent" in r.getMessage() for r in caplog.records)


async def test_api_outage_is_retried_and_logged_once(coach, caplog):
    fake = coach.fake
    await coach.say("/start")
    coach.adapter.limiter.retry_base = 0.1  # 0.1 + 0.2 + 0.4 + 0.8 s of retries
    with caplog.at_level(logging.INFO, logger="adapters.telegram"):
        await fake.stop()
        sending = asyncio.create_task(
            coach.app.router.send(Target("telegram", str(USER)), Reply("during outage"))
        )
        await asyncio.sleep(0.4)
        await fake.start(fake.port)
        assert await sending is Delivery.OK
        [reply] = await coach.say("/help")  # polling came back by itself
    lost = [r for r in caplog.records if "unreachable" in r.getMessage()]
    back = [r for r in caplog.records if "reachable again" in r.getMessage()]
    assert len(lost) == 1 and len(back) == 1
    assert [c.text for c in sends(fake, USER)].count("during outage") == 1


# --------------------------------------------------------------------------- pacing


async def test_interactive_reply_is_not_queued_behind_a_push_fan_out(tmp_path, fake, library, clock):
    coach = await start_coach(
        tmp_path / "data", fake, library, clock, settings={"telegram_rate_per_second": 100.0}
    )
    try:
        router = coach.app.router
        pushes = [
            asyncio.create_task(router.send(Target("telegram", str(5000 + n)), Reply(f"r{n}")))
            for n in range(150)
        ]
        await fake.wait_for(count=5)
        [reply] = await coach.say("/help", to=USER)
        pushed_before_reply = len([c for c in sends(fake) if c.chat_id != USER and c.at < reply.at])
        assert pushed_before_reply < 100  # the reply overtook most of the queue (on the fake's clock)
        assert set(await asyncio.gather(*pushes)) == {Delivery.OK}
        assert len(sends(fake)) == 151
    finally:
        await stop_coach(coach)


async def test_overall_rate_and_one_push_per_chat_interval(tmp_path, fake, library, clock):
    coach = await start_coach(
        tmp_path / "data",
        fake,
        library,
        clock,
        settings={"telegram_rate_per_second": 50.0},
        per_chat_interval=0.3,
    )
    try:
        router = coach.app.router
        results = await asyncio.gather(
            *(router.send(Target("telegram", str(7000 + n)), Reply("x")) for n in range(40))
        )
        assert set(results) == {Delivery.OK}
        times = sorted(c.at for c in sends(fake) if 7000 <= c.chat_id < 7040)
        assert times[-1] - times[0] >= (40 - 3) / 50 * 0.9  # ~50/s overall (burst of 2.5), fake's clock

        same_chat = await asyncio.gather(
            *(router.send(Target("telegram", str(USER)), Reply(f"m{n}")) for n in range(3))
        )
        assert set(same_chat) == {Delivery.OK}
        times = [c.at for c in sends(fake, USER)]
        # Spaced at the limiter, timed on arrival at the fake: a loaded machine delays one request more
        # than the next by some milliseconds (a fresh-clone run saw a gap under 0.29 s). Unspaced sends
        # arrive within a few milliseconds of each other, so 0.2 s still tells the two apart.
        assert [b - a >= 0.2 for a, b in zip(times, times[1:], strict=False)] == [True, True], times
    finally:
        await stop_coach(coach)


# --------------------------------------------------------------------------- reminders


async def set_reminder(coach: Coach, clock) -> None:
    clock.now = EVENING.replace(hour=9)
    [ok] = await coach.say("/remind daily 18:00")
    assert "Reminder #1 set" in ok.text


async def test_blocked_reminder_pauses_the_schedule_until_the_user_talks_again(coach, clock):
    svc = use_reminders(coach, clock)
    await svc.start()
    await set_reminder(coach, clock)
    fake = coach.fake
    fake.blocked.add(USER)
    clock.now = EVENING
    assert await svc.run_due(EVENING) == 0
    assert [c.status for c in fake.calls_to("sendMessage", USER, ok=None)][-1:] == [403]
    assert len(fake.calls_to("sendMessage", USER, ok=False)) == 1  # not retried
    assert coach.app.store.get_schedule(f"telegram:{USER}", 1).paused == "blocked"
    assert await svc.run_due(EVENING + timedelta(minutes=10)) == 0  # no lift for a paused schedule

    fake.blocked.discard(USER)
    replies = await coach.say("/reminders", expect=2)
    assert "1 reminder schedule was paused. It is back on now" in replies[0].text
    assert coach.app.store.get_schedule(f"telegram:{USER}", 1).paused == ""
    assert await svc.run_due(EVENING + timedelta(days=1)) == 1
    await svc.shutdown()


async def test_activation_button_sends_the_lift_at_once_and_not_again(coach, clock):
    svc = use_reminders(coach, clock)
    await svc.start()
    await set_reminder(coach, clock)
    fake = coach.fake
    clock.now = EVENING
    assert await svc.run_due(EVENING) == 1
    [activation] = await fake.wait_for(chat_id=USER, since=len(fake.calls) - 1)
    assert activation.text.startswith("<b>Time to activate</b>")
    assert commands_of(coach, activation) == [[(LIFT_DONE_LABEL, "/lift_now 1 2026-11-23")]]

    clock.now = EVENING + timedelta(minutes=3)
    [lift] = await coach.press(activation, LIFT_DONE_LABEL)
    assert lift.text.startswith("<b>Time to lift</b>")
    assert len(fake.calls_to("editMessageReplyMarkup")) == 1
    assert await svc.run_due(EVENING + timedelta(minutes=10)) == 0  # the scheduled lift is not sent
    await fake.settle()
    assert len([c for c in sends(fake, USER) if "Time to lift" in c.text]) == 1
    await svc.shutdown()


async def test_restart_between_activation_and_lift_sends_the_lift_once(tmp_path, fake, library, clock):
    data = tmp_path / "data"
    coach = await start_coach(data, fake, library, clock)
    svc = use_reminders(coach, clock)
    await svc.start()
    await set_reminder(coach, clock)
    clock.now = EVENING
    assert await svc.run_due(EVENING) == 1
    await svc.shutdown()
    await stop_coach(coach)

    clock.now = EVENING + timedelta(minutes=5)
    coach = await start_coach(data, fake, library, clock)
    svc = use_reminders(coach, clock)
    try:
        await svc.start()  # catches up: nothing due yet
        assert await svc.run_due(EVENING + timedelta(minutes=9)) == 0
        clock.now = EVENING + timedelta(minutes=10)
        assert await svc.run_due(clock.now) == 1
        assert await svc.run_due(clock.now + timedelta(minutes=1)) == 0
        await fake.settle()
        texts = [c.text.split("\n")[0] for c in sends(fake, USER)]
        assert texts.count("<b>Time to activate</b>") == 1 and texts.count("<b>Time to lift</b>") == 1
    finally:
        await svc.shutdown()
        await stop_coach(coach)


# --------------------------------------------------------------------------- connection, webhook, lifecycle


async def test_network_loss_at_start_up_is_retried_not_fatal(tmp_path, library, clock, caplog):
    fake = FakeBotAPI()
    fake.port = free_port()  # nothing listens there yet
    with caplog.at_level(logging.INFO, logger="adapters.telegram"):
        async with asyncio.timeout(10):  # a guard against a hang, not a measurement
            coach = await start_coach(tmp_path / "data", fake, library, clock)
        assert not coach.adapter.connected.is_set()  # start() returned during the outage
        try:
            await asyncio.sleep(0.5)  # several failed attempts
            await fake.start(fake.port)
            await asyncio.wait_for(coach.adapter.connected.wait(), 3)
            [reply] = await coach.say("/help")
            assert reply.chat_id == USER
        finally:
            await stop_coach(coach)
            await fake.stop()
    assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1
    assert len(fake.calls_to("setMyCommands")) == 1


async def test_rejected_token_fails_clearly_without_showing_it(tmp_path, fake, library, clock, caplog):
    app = build_app(
        tg_settings(tmp_path / "data", fake, telegram_token="999:WRONG-secret-token"), library=library
    )
    adapter = TelegramAdapter(app.settings, app.ctx, app.router, **FAST)
    with caplog.at_level(logging.DEBUG), pytest.raises(TelegramConfigError) as err:
        await adapter.start()
    assert "WRONG-secret-token" not in str(err.value)
    assert all("WRONG-secret-token" not in r.getMessage() for r in caplog.records)
    assert len(fake.calls_to("getMe", ok=None)) == 1  # no crash loop
    await stop_app(app)


async def test_the_token_never_reaches_the_log(tmp_path, fake, library, clock, caplog):
    with caplog.at_level(logging.DEBUG):
        coach = await start_coach(tmp_path / "data", fake, library, clock)
        try:
            fake.fail("sendMessage", 500)
            await coach.say("/start")
            await coach.say("/log hip thrust 3x10 80kg")
        finally:
            await stop_coach(coach)
    assert caplog.records
    leaked = [r.getMessage() for r in caplog.records if fake.token in r.getMessage()]
    assert leaked == []
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING


async def test_stop_is_quick_and_loses_no_update(tmp_path, fake, library, clock):
    data = tmp_path / "data"
    coach = await start_coach(data, fake, library, clock)
    users = range(2000, 2030)
    for u in users:
        fake.message("/explain hip thrust", user_id=u)
    await fake.wait_for(count=1)
    # Not a measurement: a stop that waited out the 10 s long poll (or hung) would trip this.
    async with asyncio.timeout(5):
        await stop_coach(coach)
    # Whatever was fetched was answered; the rest was not confirmed, so the next run gets it.
    coach = await start_coach(data, fake, library, clock)
    try:
        for u in users:
            await fake.wait_for(chat_id=u)
        await fake.settle()
        for u in users:
            firsts = [c for c in sends(fake, u) if c.text.startswith("<b>Hip thrust</b>")]
            assert len(firsts) == 1, u
    finally:
        await stop_coach(coach)


async def test_webhook_mode_rejects_a_wrong_secret(tmp_path, fake, library, clock):
    port = free_port()
    settings = {
        "telegram_webhook_url": "https://coach.example/tg/hook",
        "telegram_webhook_port": port,
        "telegram_webhook_secret": "s3cret-token",
    }
    coach = await start_coach(
        tmp_path / "data", fake, library, clock, settings=settings, webhook_listen="127.0.0.1"
    )
    try:
        [hook] = fake.calls_to("setWebhook")
        assert (
            hook.raw["url"] == "https://coach.example/tg/hook" and hook.raw["secret_token"] == "s3cret-token"
        )
        assert fake.calls_to("getUpdates", ok=None) == []
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": fake.chat(USER),
                "from": fake.user(USER),
                "text": "/help",
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }
        url = f"http://127.0.0.1:{port}/tg/hook"
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(url, json=update, headers=headers) as resp:
                    assert resp.status == 403
            await fake.settle(quiet=0.2)
            assert sends(fake) == []
            async with http.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
            ) as resp:
                assert resp.status == 200
        [reply] = await fake.wait_for(chat_id=USER)
        assert reply.text.startswith("<b>Commands</b>")
    finally:
        await stop_coach(coach)

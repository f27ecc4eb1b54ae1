"""Asking the user for text (design.md, "Buttons"): a ForceReply on Telegram, a Modal on Discord, a prompt
line on the console; the "Log it" button under /explain; and the README's fake-press example.

Driven through the real clients on the loopback fakes, the console as a real subprocess, and the README
steps as a person runs them (the fake and the bot as processes, the README's own curl lines)."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest

from core.messages import Ask, Reply, Request
from core.registry import Command, Kind, Param
from storage.actions import PendingActions, Spec, Verdict, message_action_id
from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.entries import reps_of, weight_of
from tests.fakes.discord_api import MESSAGE, MODAL, UPDATE_MESSAGE, USER_ID
from tests.fakes.telegram_api import FakeBotAPI
from tests.test_console import run_console
from tests.test_discord import OTHER_USER
from tests.test_telegram import GROUP, OTHER, USER, Coach, commands_of, free_port, start_coach, stop_coach

ME = f"telegram:{USER}"

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


# -- the README's fake-press example -------------------------------------------------------------------


def _readme_fake_lines() -> list[str]:
    """The shell lines of the README's "Trying the Telegram side without Telegram" block."""
    text = README.read_text()
    block = text.split("### Trying the Telegram side without Telegram", 1)[1].split("```sh\n", 1)[1]
    return [line for line in block.split("```", 1)[0].splitlines() if line.strip()]


def _command(line: str) -> str:
    """A README line without its trailing ``&`` and ``# comment``."""
    return re.sub(r"\s+#.*$", "", line).rstrip().removesuffix("&").rstrip()


def _curl(line: str, port: int) -> str:
    argv = shlex.split(_command(line).replace("8081", str(port)))
    assert argv[0] == "curl", line
    return subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True).stdout


def _calls(port: int) -> list[dict]:
    out = subprocess.run(
        ["curl", "-s", f"localhost:{port}/_fake/calls"], capture_output=True, text=True, timeout=30
    ).stdout
    return json.loads(out) if out else []


def _wait(predicate, what: str, within: float = 30.0):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"waited {within}s for {what}")


def test_readme_fake_press_example_works_as_written(tmp_path: Path) -> None:
    fake_line, bot_line, message_line, calls_line, press_line = _readme_fake_lines()
    port = free_port()
    fake_argv = shlex.split(_command(fake_line).replace("8081", str(port)))
    assert fake_argv[:3] == [".venv/bin/python", "-m", "tests.fakes.telegram_api"]
    fake = subprocess.Popen(
        [sys.executable, *fake_argv[1:]], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    bot = None
    try:
        assert fake.stdout is not None
        assert fake.stdout.readline().strip() == f"PORT {port}"
        env_part, _, run = _command(bot_line).partition(" make run")
        assert run == ""
        env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
        env |= dict(kv.split("=", 1) for kv in shlex.split(env_part.replace("8081", str(port))))
        env["DATA_DIR"] = str(tmp_path / "data")
        bot = subprocess.Popen(
            [sys.executable, "bot.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _wait(lambda: any(c["method"] == "setMyCommands" for c in _calls(port)), "the bot to connect")

        assert "update_ids" in json.loads(_curl(message_line, port))
        explained = _wait(
            lambda: [c for c in _calls(port) if c["method"] == "sendMessage" and c["buttons"]],
            "the /explain reply",
        )
        assert ["Log it", "Today's plan"] in [[label for label, _ in row] for row in explained[-1]["buttons"]]
        assert any(c["method"] == "sendMessage" for c in json.loads(_curl(calls_line, port)))

        before = len(_calls(port))
        pressed = json.loads(_curl(press_line, port))
        assert isinstance(pressed.get("update_id"), int), pressed
        after = _wait(
            lambda: [c for c in _calls(port)[before:] if c["method"] == "sendMessage" and c["chat_id"] == 5],
            "the answer to the press",
        )
        assert after[0]["text"] == "Sets for Hip thrust, e.g. 3x8 60kg", after
    finally:
        for proc in (bot, fake):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


async def test_fake_press_names_what_exists_when_the_button_is_missing() -> None:
    async with FakeBotAPI() as fake, aiohttp.ClientSession() as http:
        # what the bot sent, as if it had: a message with buttons in chat 5
        async with http.post(
            f"{fake.url}/bot{fake.token}/sendMessage",
            json={
                "chat_id": 5,
                "text": "Hip thrust",
                "reply_markup": {"inline_keyboard": [[{"text": "Log it", "callback_data": "a"}]]},
            },
        ) as sent:
            assert sent.status == 200
        for body, status, error in (
            ({"index": 3, "label": "Log it"}, 404, "there is no call 3"),
            ({"label": "Log that"}, 404, "no button 'Log that' in any message"),
            ({"index": 0, "label": "Nope"}, 404, "no button 'Nope' in call 0"),
            ({}, 400, 'give the button\'s "label"'),
        ):
            async with http.post(f"{fake.url}/_fake/press", json=body) as answer:
                assert answer.status == status, body
                data = await answer.json()
            assert data["error"].startswith(error), data
            assert data["messages_with_buttons"] == [
                {"index": 0, "chat_id": 5, "text": "Hip thrust", "buttons": ["Log it"]}
            ]
        async with http.post(f"{fake.url}/_fake/press", data="not json") as answer:
            assert answer.status == 400
        async with http.post(f"{fake.url}/_fake/press", json={"label": "Log it"}) as answer:
            assert answer.status == 200 and isinstance((await answer.json())["update_id"], int)


# -- Telegram: ForceReply, the reply routed to the question's command ---------------------------------


@pytest.fixture
async def tg_fake():
    async with FakeBotAPI() as f:
        yield f


@pytest.fixture
async def coach(tmp_path, tg_fake, library, clock):
    c = await start_coach(tmp_path / "data", tg_fake, library, clock)
    try:
        yield c
    finally:
        await stop_coach(c)


async def answer(coach: Coach, asked, text: str, *, user_id: int = USER, expect: int = 1) -> list:
    """The user replies ``text`` to the message ``asked`` (as the ForceReply makes them do)."""
    since = len(coach.fake.calls)
    chat = asked.chat_id
    coach.fake.message(
        text,
        user_id=user_id,
        chat_id=chat,
        chat_type="private" if chat > 0 else "group",
        reply_to=asked,
    )
    return await coach.fake.wait_for(count=expect, since=since)


async def nothing_sent(coach: Coach, since: int) -> bool:
    await coach.fake.settle()
    return [c.method for c in coach.fake.calls[since:] if c.method != "getUpdates"] == []


async def test_telegram_log_it_never_logged_asks_with_force_reply_and_logs_the_reply(coach):
    [card] = await coach.say("/explain hip thrust")
    [asked] = await coach.press(card, "Log it")
    assert asked.method == "sendMessage" and asked.chat_id == USER
    assert asked.text == "Sets for Hip thrust, e.g. 3x8 60kg"
    assert asked.force_reply == {
        "force_reply": True,
        "selective": True,
        "input_field_placeholder": "3x8 60kg",
    }
    [logged] = await answer(coach, asked, "3x10 80kg")
    assert logged.text.startswith("Logged <b>Hip thrust</b>: 3 × 10 @ 80 kg.")
    [entry] = coach.app.store.entries(ME)
    assert (entry.exercise, reps_of(entry), weight_of(entry)) == ("hip_thrust", (10, 10, 10), 80.0)
    # answered once: a second reply to the same question logs nothing
    [again] = await answer(coach, asked, "3x10 80kg")
    assert again.text == "That question was already answered."
    assert len(coach.app.store.entries(ME)) == 1


async def test_telegram_log_it_offers_last_sets_and_next_target_privately_from_a_group(coach):
    await coach.say("/log hip thrust 3x10 80kg")
    [card] = await coach.say("/explain@CoachBot hip thrust", chat_id=GROUP, chat_type="group")
    assert card.chat_id == GROUP  # the card is public
    [offer] = await coach.press(card, "Log it", user_id=USER)
    assert offer.chat_id == USER  # their sets and target only in their private chat
    assert offer.text == "Log <b>Hip thrust</b>: tap what you did, or Other… to type it."
    assert commands_of(coach, offer) == [
        [("Same as last: 3 × 10 @ 80 kg", "/log hip_thrust 3x10 80kg")],
        [("Next target: 3 × 11 @ 80 kg", "/log hip_thrust 3x11 80kg")],
        [("Other…", "/log_start hip_thrust other")],
    ]
    [logged] = await coach.press(offer, "Next target")
    assert logged.chat_id == USER and "3 × 11 @ 80 kg" in logged.text
    assert [reps_of(e) for e in coach.app.store.entries(ME)] == [(10, 10, 10), (11, 11, 11)]
    assert [c.chat_id for c in coach.fake.sent()].count(GROUP) == 1  # only the card went to the group


async def test_telegram_other_asks_and_someone_elses_reply_does_nothing(coach):
    await coach.say("/log glute bridge 3x12")
    [card] = await coach.say("/explain glute bridge")
    [offer] = await coach.press(card, "Log it")
    [asked] = await coach.press(offer, "Other…")
    assert asked.force_reply is not None and asked.text.startswith("Sets for Glute bridge, e.g.")
    since = len(coach.fake.calls)
    coach.fake.message("3x15", user_id=OTHER, chat_id=USER, reply_to=asked)  # not the user asked
    coach.fake.message("3x15", user_id=USER, reply_to=card)  # a reply to another message
    hint = await coach.fake.wait_for(count=1, since=since)
    assert [c.text for c in hint] == [
        "Commands start with /, for example /explain hip thrust. Send /help for the list."
    ]
    assert len(coach.app.store.entries(ME)) == 1
    [logged] = await answer(coach, asked, "15,15,12")
    assert "15, 15, 12" in logged.text
    assert [reps_of(e) for e in coach.app.store.entries(ME)] == [(12, 12, 12), (15, 15, 12)]


async def test_telegram_a_group_question_is_answered_only_by_its_user(coach):
    async def ask_note(request: Request, ctx) -> Reply:
        return Reply("A note for the club.", ask=Ask("What should we remember?", "/note_it", "Bring bands"))

    async def note_it(request: Request, ctx) -> Reply:
        return Reply(f"Noted: {request.text}")

    coach.app.ctx.registry.add(Command("ask_note", "Ask for a note", ask_note))
    note = (Param("note", Kind.TEXT, "The note"),)
    coach.app.ctx.registry.add(Command("note_it", "Keep a note", note_it, note, free_text=True, hidden=True))
    [asked] = await coach.say("/ask_note@CoachBot", chat_id=GROUP, chat_type="group")
    assert asked.chat_id == GROUP and asked.text == "A note for the club.\n\nWhat should we remember?"
    # selective, and a reply to the user's command: Telegram asks that user alone
    assert asked.force_reply["selective"] is True
    assert asked.params["reply_parameters"]["message_id"] == coach.fake.last_message["message_id"]
    since = len(coach.fake.calls)
    await answer(coach, asked, "Chalk", user_id=OTHER, expect=0)
    assert await nothing_sent(coach, since)
    [noted] = await answer(coach, asked, "Bring bands")
    assert (noted.chat_id, noted.text) == (GROUP, "Noted: Bring bands")


async def test_telegram_a_question_survives_a_restart(tmp_path, tg_fake, library, clock):
    data = tmp_path / "data"
    coach = await start_coach(data, tg_fake, library, clock)
    [card] = await coach.say("/explain rdl")
    [asked] = await coach.press(card, "Log it")
    await stop_coach(coach)

    coach = await start_coach(data, tg_fake, library, clock)  # a new Store and app on the same folder
    try:
        [logged] = await answer(coach, asked, "3x8 70kg")
        assert logged.text.startswith("Logged <b>Romanian deadlift</b>: 3 × 8 @ 70 kg.")
        assert [e.exercise for e in coach.app.store.entries(ME)] == ["romanian_deadlift"]
    finally:
        await stop_coach(coach)


# -- Discord: a Modal with one text field, its submission dispatched ----------------------------------


def custom_id(call, label: str) -> str:
    for row in call.components:
        for component in row.get("components", []):
            if component.get("label") == label:
                return component["custom_id"]
    raise KeyError(f"no button {label!r} in {call.components}")


async def press(fake, adapter, call, label: str, **kw) -> list:
    cid = custom_id(call, label)
    return await run(fake, adapter, fake.click(fake.message_with(cid), cid, **kw))


def discord_entries(app) -> list:
    return app.store.entries(f"discord:{USER_ID}")


async def test_discord_log_it_opens_a_modal_and_its_submission_logs(app, fake, start_adapter):
    adapter = await start_adapter()
    [card] = await run(fake, adapter, fake.slash("explain", {"exercise": "hip thrust"}))
    assert not card.ephemeral  # the card is public in the server
    [opened] = await press(fake, adapter, card, "Log it")
    assert opened.type == MODAL
    modal = opened.data
    assert modal["custom_id"].startswith("gcq:") and modal["title"] == "Log Hip thrust"
    [[field]] = [row["components"] for row in modal["components"]]
    assert (field["type"], field["custom_id"], field["label"], field["placeholder"]) == (
        4,
        "answer",
        "Sets for Hip thrust, e.g. 3x8 60kg",
        "3x8 60kg",
    )
    # a replayed submission by someone else logs nothing for anyone
    [refused] = await run(
        fake, adapter, fake.modal_submit(modal, {"answer": "3x10 80kg"}, user_id=OTHER_USER)
    )
    assert (refused.type, refused.ephemeral, refused.content) == (MESSAGE, True, "This button isn't yours.")
    [logged] = await run(fake, adapter, fake.modal_submit(modal, {"answer": "3x10 80kg"}))
    assert logged.type == MESSAGE and logged.ephemeral  # personal: only the user sees it
    assert logged.content.startswith("Logged **Hip thrust**: 3 × 10 @ 80 kg.")
    assert [(e.exercise, reps_of(e), weight_of(e)) for e in discord_entries(app)] == [
        ("hip_thrust", (10, 10, 10), 80.0)
    ]
    [again] = await run(fake, adapter, fake.modal_submit(modal, {"answer": "3x10 80kg"}))
    assert (again.ephemeral, again.content) == (True, "That question was already answered.")
    assert len(discord_entries(app)) == 1


async def test_discord_log_it_offers_one_tap_sets_privately_and_other_asks(app, fake, start_adapter):
    adapter = await start_adapter()
    await run(fake, adapter, fake.slash("log", {"entry": "glute bridge 3x12"}))
    [card] = await run(fake, adapter, fake.slash("explain", {"exercise": "glute bridge"}))
    [offer] = await press(fake, adapter, card, "Log it")
    assert offer.type == MESSAGE and offer.ephemeral
    labels = [[c["label"] for c in row["components"]] for row in offer.components]
    assert labels == [["Same as last: 3 × 12 bodyweight"], ["Next target: 3 × 13 reps"], ["Other…"]]
    [opened] = await press(fake, adapter, offer, "Other…")
    assert opened.type == MODAL
    [logged] = await run(fake, adapter, fake.modal_submit(opened.data, {"answer": "12,12,10"}))
    assert logged.ephemeral and "12, 12, 10" in logged.content
    calls = await press(fake, adapter, offer, "Next target: 3 × 13 reps")
    assert calls[0].type == UPDATE_MESSAGE and [c.ephemeral for c in calls[1:]] == [True]  # a followup
    assert calls[1].content.startswith("Logged **Glute bridge**: 3 × 13")
    assert [reps_of(e) for e in discord_entries(app)] == [(12, 12, 12), (12, 12, 10), (13, 13, 13)]


# -- console: a prompt line; the next line is the answer -------------------------------------------------


def test_console_log_it_asks_and_takes_the_next_line(tmp_path: Path) -> None:
    result = run_console(
        tmp_path, "/explain hip thrust\n1\n3x10 80kg\n/explain hip thrust\n1\n3\n10,10,8 85kg\n/history\n"
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Sets for Hip thrust, e.g. 3x8 60kg\n  (type your answer on the next line)" in out
    assert "Logged Hip thrust: 3 × 10 @ 80 kg." in out
    assert "[1] Same as last: 3 × 10 @ 80 kg\n  [2] Next target: 3 × 11 @ 80 kg\n  [3] Other…" in out
    assert "Logged Hip thrust: 10, 10, 8 @ 85 kg." in out
    history = out.split("> /history")[-1]
    assert "10, 10, 8 @ 85 kg" in history and "3 × 10 @ 80 kg" in history


async def test_discord_modal_submitted_after_a_restart_still_logs(app, fake, start_adapter):
    adapter = await start_adapter()
    [card] = await run(fake, adapter, fake.slash("explain", {"exercise": "hip thrust"}))
    [opened] = await press(fake, adapter, card, "Log it")
    await adapter.stop()
    adapter = await start_adapter()  # a new client: discord.py keeps no modal; the custom_id is enough
    [logged] = await run(fake, adapter, fake.modal_submit(opened.data, {"answer": "3x10 80kg"}))
    assert logged.content.startswith("Logged **Hip thrust**: 3 × 10 @ 80 kg.")
    assert len(discord_entries(app)) == 1


def test_a_question_is_found_by_its_message_checked_without_consuming_and_answered_once(tmp_path: Path):
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    actions = PendingActions(tmp_path)
    ask = Spec("/log hip_thrust", 60, single_use=True, prompt="Sets?", placeholder="3x10 80kg")
    kw = {"account": "a:1", "target": "telegram:5", "private": True, "now": now}
    [first] = actions.issue([ask], message="telegram:5:7", **kw)
    assert first == message_action_id("telegram:5:7")
    [again] = actions.issue([replace(ask, prompt="Sets again?")], message="telegram:5:7", **kw)
    assert again == first and PendingActions(tmp_path).get(first).prompt == "Sets again?"  # replaced, on disk
    anywhere = lambda action: True  # noqa: E731
    for _ in range(2):  # showing the question (a modal) does not use it up
        assert actions.claim(first, account="a:1", now=now, chat_ok=anywhere, consume=False)[0] is Verdict.OK
    assert actions.claim(first, account="a:1", now=now, chat_ok=anywhere)[0] is Verdict.OK
    assert actions.claim(first, account="a:1", now=now, chat_ok=anywhere)[0] is Verdict.USED
    assert actions.get(message_action_id("telegram:5:8")) is None

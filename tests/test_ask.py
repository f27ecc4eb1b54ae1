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
from pathlib import Path

import aiohttp

from tests.fakes.telegram_api import FakeBotAPI
from tests.test_telegram import free_port

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
        assert after, "the press was answered"
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

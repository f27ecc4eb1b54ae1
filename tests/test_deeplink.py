"""Telegram deep links for /link and the bot's profile texts: the real python-telegram-bot client against
the loopback Bot API fake, on the same app a console identity talks to."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from content.library import CONTENT_DIR, ContentError, load_library
from tests.conftest import Chat, Clock
from tests.fakes.telegram_api import FakeBotAPI

telegram = pytest.importorskip("adapters.telegram")

TG_USER = 1001
TG = f"telegram:{TG_USER}"
# A bot username with an underscore: the link must survive the markup (where "_" starts italics).
USERNAME = "Glute_CoachBot"
DEEP_LINK = re.compile(r"https://t\.me/([A-Za-z0-9_]+)\?start=link-([A-Z0-9]{8})")


@pytest.fixture
async def tg(app) -> AsyncIterator[FakeBotAPI]:
    fake = await FakeBotAPI(username=USERNAME).start()
    settings = replace(
        app.settings,
        telegram_token=fake.token,
        telegram_base_url=fake.url + "/bot",
        telegram_rate_per_second=1000.0,
    )
    adapter = telegram.TelegramAdapter(settings, app.ctx, app.router)
    await adapter.start()
    try:
        yield fake
    finally:
        await adapter.stop()
        await fake.stop()


async def telegram_says(fake: FakeBotAPI, line: str, user_id: int = TG_USER) -> str:
    since = len(fake.calls)
    fake.message(line, user_id=user_id)
    sent = await fake.wait_for(count=1, since=since, chat_id=user_id)
    return "\n".join(c.text for c in sent)


async def deep_link_code(chat: Chat) -> str:
    shown = await chat.text("/link")
    m = DEEP_LINK.search(shown)
    assert m, shown
    assert m.group(1) == USERNAME  # the name getMe gave, not a configured guess
    return m.group(2)


async def test_link_elsewhere_offers_a_telegram_deep_link_that_links_on_start(app, tg, chat: Chat):
    await chat.say("/log hip thrust 3x10 80kg")
    code = await deep_link_code(chat)
    # Opening https://t.me/<bot>?start=link-<code> makes Telegram send exactly this:
    shown = await telegram_says(tg, f"/start link-{code}")
    assert "Linked" in shown, shown
    assert app.store.account_of(TG) == app.store.account_of(chat.user)
    assert "Hip thrust" in await telegram_says(tg, "/history")
    # one-time, like a typed code
    again = await telegram_says(tg, f"/start link-{code}")
    assert "Linked" not in again and "already used" in again


async def test_telegrams_own_link_reply_has_the_code_but_no_link_to_itself(app, tg):
    shown = await telegram_says(tg, "/link")
    assert re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", shown)
    assert "t.me/" not in shown  # a Telegram identity cannot link to itself


async def test_a_bad_deep_link_payload_gets_a_friendly_reply(app, tg):
    shown = await telegram_says(tg, "/start link-not!a!code")
    assert "doesn't hold a valid link code" in shown and "/link ABCD-EF23" in shown
    assert "Traceback" not in shown
    # Any other payload is an ordinary /start.
    assert "glute coach" in (await telegram_says(tg, "/start from-a-friend")).lower()
    assert app.store.account_of(TG) == TG


async def test_deep_links_follow_the_code_rules(app, tg, chat: Chat, clock: Clock):
    # Expiry: 10 minutes, as for /link CODE.
    code = await deep_link_code(chat)
    clock.now += timedelta(minutes=11)
    assert "expired" in await telegram_says(tg, f"/start link-{code}")
    # One live code: a new /link replaces the last.
    first = await deep_link_code(chat)
    second = await deep_link_code(chat)
    assert "wrong or was already used" in await telegram_says(tg, f"/start link-{first}")
    # Lockout: 5 wrong codes (typed or in links, together) lock the identity out, even for a good code.
    for _ in range(3):
        await telegram_says(tg, "/link ABCD-EFGH")
    locked = await telegram_says(tg, "/start link-ABCDEFGH")
    assert "Too many wrong codes" in locked
    assert "Too many wrong codes" in await telegram_says(tg, f"/start link-{second}")
    assert app.store.account_of(TG) == TG


async def test_profile_descriptions_come_from_the_content(app, tg):
    lib = app.ctx.library
    assert tg.descriptions == {
        "description": lib.text("bot_description"),
        "short_description": lib.text("bot_short_description"),
    }
    assert [c.method for c in tg.calls if "Description" in c.method] == [
        "setMyDescription",
        "setMyShortDescription",
    ]


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("bot_description", "x" * 513, "513 characters; Telegram allows at most 512"),
        ("bot_short_description", "x" * 121, "121 characters; Telegram allows at most 120"),
        ("bot_short_description", "A *bold* coach", "plain text only"),
    ],
)
def test_profile_texts_are_checked_against_telegrams_limits(
    tmp_path: Path, key: str, value: str, problem: str
):
    for path in CONTENT_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    data = yaml.safe_load((tmp_path / "texts.yaml").read_text(encoding="utf-8"))
    data["texts"][key] = value
    (tmp_path / "texts.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_library(tmp_path)
    assert f"texts.{key}" in str(caught.value) and problem in str(caught.value)

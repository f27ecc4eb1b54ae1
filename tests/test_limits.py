"""Limits (issue 8, items 10 and 14): per-user write limits, one live link code, a lockout after wrong
codes, and every argument bounded before it is parsed. Real dispatch, real TinyDB files, the test's
clock (nothing sleeps); one case end to end through the real Telegram client on the loopback fake."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from core.limits import LinkGuard, WriteLimiter
from core.messages import Request, Target
from core.registry import MAX_COMMAND_TEXT
from handlers.link import CODE_TTL
from tests.conftest import Chat, Clock
from tests.test_link import code_for, say, text
from tests.test_telegram import Coach, coach, fake  # noqa: F401  (fixtures)

TOO_FAST = "You're logging faster than anyone trains: wait a minute and try again."
TOO_MANY_CHANGES = "That's a lot of changes in a short time: wait a minute and try again."
TG, DC = "telegram:1001", "discord:1400000000000000001"


# --- item 10: writes ------------------------------------------------------------------------------


async def test_a_flood_of_logs_is_cut_off_and_nothing_of_it_is_stored(app, chat: Chat) -> None:
    answers = [await chat.text("/log hip thrust 3x10 80kg") for _ in range(200)]
    logged = [a for a in answers if a.startswith("Logged")]
    refused = [a for a in answers if a == TOO_FAST]
    assert len(logged) == 20 and len(refused) == 180  # the burst, then nothing at the same instant
    assert len(app.store.entries("console:alice")) == 20
    # Other writes share the budget; reading does not count and still works.
    assert await chat.text("/undo") == TOO_MANY_CHANGES and await chat.text("/units lb") == TOO_MANY_CHANGES
    assert "Hip thrust" in await chat.text("/history")
    # Someone else is not affected.
    bob = Chat(app, user="console:bob", chat="bob")
    assert (await bob.text("/log glute bridge 3x12")).startswith("Logged")


async def test_real_training_never_meets_the_limit(app, chat: Chat, clock: Clock) -> None:
    # Two hours, a set every 30 s, plus a dozen typed in a row afterwards and a few settings.
    for _ in range(240):
        assert (await chat.text("/log hip thrust 3x10 80kg")).startswith("Logged")
        clock.now += timedelta(seconds=30)
    for _ in range(12):
        assert (await chat.text("/log glute bridge 3x15")).startswith("Logged")
    assert "lb" in await chat.text("/units lb")
    assert "Removed" in await chat.text("/undo")


async def test_the_limit_refills_at_one_write_a_second(app, chat: Chat, clock: Clock) -> None:
    for _ in range(21):
        await chat.say("/log hip thrust 3x10 80kg")
    assert await chat.text("/log hip thrust 3x10 80kg") == TOO_FAST
    clock.now += timedelta(seconds=1)
    assert (await chat.text("/log hip thrust 3x10 80kg")).startswith("Logged")
    assert await chat.text("/log hip thrust 3x10 80kg") == TOO_FAST
    clock.now += timedelta(minutes=1)
    for _ in range(20):
        assert (await chat.text("/log hip thrust 3x10 80kg")).startswith("Logged")


def test_the_write_limiter_forgets_idle_users(clock: Clock) -> None:
    limiter = WriteLimiter(max_tracked=1000)
    for n in range(800):
        assert limiter.allow(f"telegram:{n}", clock.now)
    assert len(limiter) == 800
    clock.now += timedelta(seconds=30)  # everyone's bucket is full again: nothing worth keeping
    limiter.allow("telegram:new", clock.now)
    assert len(limiter) == 1
    for n in range(5000):  # a crowd at one instant: the cap holds, the oldest go first
        limiter.allow(f"discord:{n}", clock.now)
    assert len(limiter) <= 1000


# --- item 10: link codes --------------------------------------------------------------------------


def _codes_on_disk(data_dir: Path) -> list[dict[str, Any]]:
    return list(json.loads((data_dir / "links.json").read_text()).get("codes", {}).values())


async def test_one_live_link_code_per_user(app, clock: Clock) -> None:
    codes = []
    for _ in range(30):
        codes.append(await code_for(app, TG))
        clock.now += timedelta(seconds=3)  # within the write limit
    stored = _codes_on_disk(app.settings.data_dir)
    assert [row["user"] for row in stored] == [TG]
    assert stored[0]["code"] == codes[-1].replace("-", "")
    assert "wrong or was already used" in text(await say(app, DC, f"/link {codes[0]}"))
    assert "Linked" in text(await say(app, DC, f"/link {codes[-1]}"))


async def test_expired_codes_of_others_go_with_the_next_new_code(app, clock: Clock) -> None:
    await code_for(app, "telegram:2001")
    clock.now += CODE_TTL + timedelta(seconds=1)
    await code_for(app, TG)
    assert [row["user"] for row in _codes_on_disk(app.settings.data_dir)] == [TG]


async def test_five_wrong_codes_lock_link_for_ten_minutes(app, clock: Clock) -> None:
    code = await code_for(app, TG)
    for _ in range(4):
        assert "wrong or was already used" in text(await say(app, DC, "/link ABCD-EFGH"))
        clock.now += timedelta(seconds=20)
    locked = text(await say(app, DC, "/link ABCD-EFGH"))
    assert "Too many wrong codes" in locked and "10 minutes" in locked
    # While locked even the right code is not tried (and stays valid for later).
    clock.now += timedelta(minutes=3)
    later = text(await say(app, DC, f"/link {code}"))
    assert "Too many wrong codes" in later and "7 minutes" in later
    assert app.store.account_of(DC) == DC
    # Guessing from another identity is a separate count; the locked one is free after 10 minutes.
    assert "wrong or was already used" in text(await say(app, "discord:77", "/link ABCD-EFGH"))
    clock.now += timedelta(minutes=7)
    code = await code_for(app, TG)  # the first one expired meanwhile
    assert "Linked" in text(await say(app, DC, f"/link {code}"))


async def test_wrong_codes_spread_out_never_lock(app, clock: Clock) -> None:
    for _ in range(12):
        assert "wrong or was already used" in text(await say(app, DC, "/link ABCD-EFGH"))
        clock.now += timedelta(minutes=3)  # at most 4 in any 10 minutes


def test_the_link_guard_forgets_old_failures(clock: Clock) -> None:
    guard = LinkGuard()
    for n in range(500):
        guard.wrong(f"telegram:{n}", clock.now)
    for _ in range(5):
        guard.wrong("telegram:attacker", clock.now)
    assert guard.locked_for("telegram:attacker", clock.now) == timedelta(minutes=10)
    clock.now += timedelta(minutes=11)
    guard.wrong("telegram:new", clock.now)
    assert guard.tracked() == 1  # only the newest failure is still worth keeping
    assert guard.locked_for("telegram:attacker", clock.now) is None


# --- item 14: bounded arguments -------------------------------------------------------------------


class SpyLibrary:
    """The real library, recording the length of every text it is asked to match."""

    def __init__(self, library: Any) -> None:
        self._library = library
        self.seen: list[int] = []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._library, name)
        if name in ("find_exercise", "suggest_exercises", "complete_exercises", "find_studies"):

            def spy(text: str, *args: Any, **kwargs: Any) -> Any:
                self.seen.append(len(text))
                return attr(text, *args, **kwargs)

            return spy
        return attr


def _no_errors_logged(caplog) -> None:
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text


async def test_unremind_with_5000_digits_is_a_friendly_reply(app, chat: Chat, caplog) -> None:
    with caplog.at_level(logging.INFO):
        answers = [await chat.text("/unremind " + "9" * n) for n in (5000, 4000, 13)]
    for answer in answers:
        assert "too long" in answer and "/unremind 1" in answer and "Sorry" not in answer
    assert "You have no reminder #999999999999" in await chat.text("/unremind " + "9" * 12)
    _no_errors_logged(caplog)


async def test_explain_with_100kb_never_reaches_fuzzy_matching(app, chat: Chat, caplog) -> None:
    spy = SpyLibrary(app.ctx.library)
    app.ctx.library = spy
    with caplog.at_level(logging.INFO):
        huge = await chat.text("/explain " + "hip thrust " * 10_000)
        long_name = await chat.text("/explain " + "x" * 500)
        fine = await chat.text("/explain hip thurst")
    assert f"{MAX_COMMAND_TEXT:,}" in huge and "/explain hip thrust" in huge
    assert "too long" in long_name and "/explain hip thrust" in long_name
    assert "Hip thrust" in fine  # a typo still gets its suggestion
    assert spy.seen and max(spy.seen) <= 60
    _no_errors_logged(caplog)


async def test_typed_options_are_bounded_too(app, caplog) -> None:
    # Discord sends typed options instead of text: the same bounds apply before anything parses them.
    spy = SpyLibrary(app.ctx.library)
    app.ctx.library = spy
    from core.dispatch import dispatch

    with caplog.at_level(logging.INFO):
        replies = await dispatch(
            Request(
                command="progress",
                user=DC,
                target=Target("discord", "1"),
                args={"exercise": "hip thrust" * 1000},
            ),
            app.ctx,
        )
    assert "too long" in text(replies) and "/progress hip thrust" in text(replies)
    assert not spy.seen
    _no_errors_logged(caplog)


async def test_free_text_commands_are_bounded(app, chat: Chat) -> None:
    answer = await chat.text("/log hip thrust " + "10," * 1000 + "10 80kg")
    assert "too long for /log" in answer and "/log hip thrust 3x10 80kg" in answer
    assert app.store.entries("console:alice") == []
    assert "takes no arguments" in await chat.text("/undo " + "x" * 1000)


async def test_telegram_user_gets_the_bounded_reply(coach: Coach) -> None:  # noqa: F811
    [sent] = await coach.say("/unremind " + "1" * 4000)
    assert "too long" in sent.text and "/unremind 1" in sent.text


async def test_every_command_refuses_an_oversized_argument_kindly(app, caplog) -> None:
    from core.dispatch import dispatch

    with caplog.at_level(logging.INFO):
        for command in app.ctx.registry:
            for size in (command.max_text + 1, 3000, MAX_COMMAND_TEXT + 1):
                replies = await dispatch(
                    Request(command=command.name, user=TG, target=Target("telegram", "1"), text="9" * size),
                    app.ctx,
                )
                shown = text(replies)
                if command.hidden:  # button-only: refused typed, before any parsing
                    assert "only works from its button" in shown, (command.name, shown)
                    continue
                assert "too long" in shown or "takes no arguments" in shown, (command.name, size, shown)
                assert command.example in shown
    assert app.store.entries(TG) == [] and app.store.schedules(TG) == []
    _no_errors_logged(caplog)


def test_the_operator_can_set_or_lift_the_write_limit(tmp_path: Path, monkeypatch) -> None:
    from datetime import UTC, datetime

    from bot import build_app
    from core.settings import Settings

    now = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
    monkeypatch.setenv("WRITE_LIMIT_PER_MINUTE", "0")
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "off"))
    off = build_app(Settings.from_env(env_file=None))
    assert all(off.ctx.limits.writes.allow("console:x", now) for _ in range(1_000))
    off.store.close()
    monkeypatch.setenv("WRITE_LIMIT_PER_MINUTE", "120")
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "on"))
    on = build_app(Settings.from_env(env_file=None))
    assert sum(on.ctx.limits.writes.allow("console:x", now) for _ in range(1_000)) == 40
    on.store.close()

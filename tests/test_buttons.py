"""Buttons are stored pending actions (issue 8, items 7-9): bound to the user they were sent to, the
chat and an expiry; button-only commands cannot be typed; "Undo" undoes its own entry.

Driven through the real clients on the loopback fakes (Telegram, Discord), the console as a real
subprocess, and real files in temp folders."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.buttons import pending_actions
from storage.actions import FILE_PREFIX, PRUNE_EVERY, SHARDS, PendingActions, Spec, Verdict
from storage.store import Store
from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.entries import log_entry, reps_of
from tests.fakes.discord_api import MESSAGE, USER_ID
from tests.fakes.telegram_api import FakeBotAPI
from tests.test_actions_writes import run_script
from tests.test_console import run_console
from tests.test_discord import OTHER_USER
from tests.test_telegram import GROUP, OTHER, USER, start_coach, stop_coach

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ME = f"telegram:{USER}"


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


async def answer_to(fake, since: int) -> str:
    """The notification text of the callback query answered after call ``since`` ("" if none)."""
    [answer] = await fake.wait_for("answerCallbackQuery", since=since)
    await fake.settle()
    return answer.params.get("text", "")


def ask_action(call) -> str:
    return call.buttons[0][0][1]


def after(fake, since: int) -> list[str]:
    return [c.method for c in fake.calls[since:] if c.method not in ("getUpdates", "answerCallbackQuery")]


# -- item 7: a button acts only for the user it was sent to ----------------------------------------


async def test_telegram_group_someone_elses_button_is_refused_and_changes_nothing(coach):
    fake = coach.fake
    [menu] = await coach.say("/start@CoachBot", chat_id=GROUP, chat_type="group")
    assert menu.chat_id == GROUP and menu.buttons
    since = len(fake.calls)
    fake.press(menu, "Today's plan", user_id=OTHER)
    assert await answer_to(fake, since) == "This button isn't yours."
    assert after(fake, since) == []  # no reply, the keyboard stays
    assert coach.app.store.schedules(f"telegram:{OTHER}") == []

    # the user it was sent to may press it
    [plan] = await coach.press(menu, "Today's plan", user_id=USER)
    assert "Today's session" in plan.text


async def test_discord_someone_elses_button_is_refused(app, fake, start_adapter):
    adapter = await start_adapter()
    calls = await run(fake, adapter, fake.slash("exercises"))
    explain = calls[0].custom_ids[0]
    calls = await run(fake, adapter, fake.click(fake.message_with(explain), explain, user_id=OTHER_USER))
    assert [(c.type, c.ephemeral, c.content, c.embeds) for c in calls] == [
        (MESSAGE, True, "This button isn't yours.", [])
    ]
    calls = await run(fake, adapter, fake.click(fake.message_with(explain), explain))
    assert any(e.get("title") for c in calls for e in c.embeds)  # the owner's press works


async def test_a_private_reply_to_a_group_command_is_pressed_in_the_private_chat(coach):
    await coach.say("/log hip thrust 3x10 80kg")
    [ask] = await coach.say("/deleteme@CoachBot", chat_id=GROUP, chat_type="group", to=USER)
    [done] = await coach.press(ask, "Yes, delete everything")
    assert "all your data is deleted" in done.text
    assert coach.app.store.entries(ME) == []


# -- item 8: no button action can be typed; confirmation is single use and short-lived --------------


async def test_typed_deleteme_confirm_deletes_nothing_on_telegram(coach):
    await coach.say("/log hip thrust 3x10 80kg")
    [reply] = await coach.say("/deleteme_confirm")
    assert reply.text == "That only works from its button. Send /deleteme to start again."
    [reply] = await coach.say("/lift_now 1 2026-11-23")
    assert "only works from its button" in reply.text
    assert len(coach.app.store.entries(ME)) == 1


async def test_typed_deleteme_confirm_deletes_nothing_on_the_console(tmp_path: Path):
    result = run_console(tmp_path, "/log hip thrust 3x10 80kg\n/deleteme_confirm\n/history\n")
    assert result.returncode == 0, result.stderr
    assert "That only works from its button. Send /deleteme to start again." in result.stdout
    assert "all your data is deleted" not in result.stdout
    assert "Hip thrust" in result.stdout.split("/history")[-1]


async def test_replayed_deleteme_confirm_deletes_nothing_on_discord(app, fake, start_adapter):
    # Slash commands hide button-only commands; what a client can replay is a button's custom_id.
    # A message carrying the old command-line custom_ids (or an unknown action id) deletes nothing.
    adapter = await start_adapter()
    await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x10 80kg"}))
    calls = await run(fake, adapter, fake.slash("explain", {"exercise": "hip thrust"}))
    original = fake.message_with(calls[0].custom_ids[0])
    for forged in (f"gc:{USER_ID}:/deleteme_confirm", "gc::/deleteme_confirm", "gca:" + "0" * 17):
        message = copy.deepcopy(original)
        message["components"] = [
            {"type": 1, "components": [{"type": 2, "style": 4, "label": "Yes", "custom_id": forged}]}
        ]
        payload = fake.click(message, forged)
        await fake.inject(payload)
        with contextlib.suppress(TimeoutError):  # a custom_id that is not ours gets no answer at all
            await fake.wait_for(lambda p=payload: fake.for_interaction(p), within=1.0)
        async with asyncio.timeout(10):
            await adapter.idle()
    assert len(app.store.entries(f"discord:{USER_ID}")) == 1


async def test_discord_confirmation_expires_and_acts_once(app, fake, start_adapter, clock):
    adapter = await start_adapter()
    await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x10 80kg"}))
    [ask] = await run(fake, adapter, fake.slash("deleteme"))
    confirm, cancel = ask.custom_ids
    clock.now += timedelta(minutes=2, seconds=1)
    calls = await run(fake, adapter, fake.click(fake.message_with(confirm), confirm))
    assert [(c.ephemeral, c.content) for c in calls] == [
        (True, "This button has expired; send /deleteme again.")
    ]

    clock.now -= timedelta(minutes=2)
    [ask] = await run(fake, adapter, fake.slash("deleteme"))
    confirm, cancel = ask.custom_ids
    message = copy.deepcopy(fake.message_with(confirm))  # as sent: a click racing the first sees this
    await run(fake, adapter, fake.click(message, cancel))
    calls = await run(fake, adapter, fake.click(message, confirm))
    assert [(c.ephemeral, c.content) for c in calls] == [(True, "This button was already used.")]
    assert len(app.store.entries(f"discord:{USER_ID}")) == 1


async def test_deleteme_confirmation_expires_after_two_minutes(coach, clock):
    await coach.say("/log hip thrust 3x10 80kg")
    [ask] = await coach.say("/deleteme")
    clock.now += timedelta(minutes=2, seconds=1)
    since = len(coach.fake.calls)
    coach.fake.press(ask, "Yes, delete everything")
    assert await answer_to(coach.fake, since) == "This button has expired; send /deleteme again."
    assert after(coach.fake, since) == []
    assert len(coach.app.store.entries(ME)) == 1


async def test_a_confirmation_acts_once(coach):
    fake = coach.fake
    await coach.say("/log hip thrust 3x10 80kg")
    [ask] = await coach.say("/deleteme")
    [kept] = await coach.press(ask, "No, keep it")
    assert kept.text == "Nothing was deleted."
    for label in ("Yes, delete everything", "No, keep it"):
        since = len(fake.calls)
        fake.press(ask, label)
        assert await answer_to(fake, since) == "This button was already used."
        assert after(fake, since) == []
    assert len(coach.app.store.entries(ME)) == 1


async def test_console_choices_are_pending_actions_too(tmp_path: Path):
    # "2" keeps the data; a later "1" must not delete it: the answer to "2" has no buttons, so the
    # used choices are no longer pressable by number at all
    result = run_console(tmp_path, "/log hip thrust 3x10 80kg\n/deleteme\n2\n1\n/history\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Nothing was deleted." in out and "> 1\nCommands start with a slash" in out
    assert "all your data is deleted" not in out
    assert "Hip thrust" in out.split("/history")[-1]


# -- item 9: Undo undoes its own entry ---------------------------------------------------------------


async def test_undo_under_an_old_reply_removes_that_entry(coach):
    [thrust] = await coach.say("/log hip thrust 3x10 80kg")
    await coach.say("/log glute bridge 3x12 60kg")
    await coach.say("/log rdl 3x8 70kg")
    [undone] = await coach.press(thrust, "Undo")
    assert undone.text == "Removed the entry: <b>Hip thrust</b> 3 × 10 @ 80 kg, logged Mon 23 Nov 2026."
    assert [e.exercise for e in coach.app.store.entries(ME)] == ["glute_bridge", "romanian_deadlift"]
    since = len(coach.fake.calls)
    coach.fake.press(thrust, "Undo")  # the keyboard was removed; a replayed press is refused
    assert await answer_to(coach.fake, since) == "This button was already used."
    assert len(coach.app.store.entries(ME)) == 2


async def test_typed_undo_removes_the_latest_and_says_which_with_its_date(coach, clock):
    await coach.say("/log hip thrust 3x10 80kg")
    clock.now = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)  # Wednesday already in Amsterdam
    await coach.say("/timezone Europe/Amsterdam")
    await coach.say("/log rdl 3x8 70kg")
    [undone] = await coach.say("/undo")
    assert undone.text == (
        "Removed your latest entry: <b>Romanian deadlift</b> 3 × 8 @ 70 kg, logged Wed 25 Nov 2026."
    )
    assert [e.exercise for e in coach.app.store.entries(ME)] == ["hip_thrust"]


async def test_pending_actions_survive_a_restart(tmp_path, tg_fake, library, clock):
    data = tmp_path / "data"
    coach = await start_coach(data, tg_fake, library, clock)
    [thrust] = await coach.say("/log hip thrust 3x10 80kg")
    await coach.say("/log glute bridge 3x12 60kg")
    await stop_coach(coach)

    coach = await start_coach(data, tg_fake, library, clock)  # a new Store and app on the same folder
    try:
        [undone] = await coach.press(thrust, "Undo")
        assert "Hip thrust" in undone.text
        assert [e.exercise for e in coach.app.store.entries(ME)] == ["glute_bridge"]
    finally:
        await stop_coach(coach)


# -- storage --------------------------------------------------------------------------------------


def test_remove_entry_by_id_is_durable_for_journaled_entries(tmp_path: Path):
    store = Store(tmp_path)
    ids = [store.add_entry("a:1", log_entry("hip_thrust", (i,), NOW.isoformat())).id for i in (1, 2, 3)]
    asyncio.run(store.flush())
    assert reps_of(store.remove_entry("a:1", ids[1])) == (2,)
    assert store.remove_entry("a:1", ids[1]) is None
    assert store.remove_entry("a:1", 999) is None
    asyncio.run(store.flush())
    store.close()
    assert [reps_of(e) for e in Store(tmp_path).entries("a:1")] == [(1,), (3,)]


def test_actions_check_owner_expiry_and_single_use_then_prune(tmp_path: Path):
    actions = PendingActions(tmp_path)
    anywhere = lambda action: True  # noqa: E731
    [once, keep] = actions.issue(
        [Spec("/deleteme_confirm", 120, True), Spec("/deleteme_cancel", 120, True)],
        account="a:1",
        target="console:x",
        private=True,
        now=NOW,
    )
    assert actions.claim(once, account="a:2", now=NOW, chat_ok=anywhere)[0] is Verdict.NOT_YOURS
    assert actions.claim(once, account="a:1", now=NOW, chat_ok=lambda a: False)[0] is Verdict.OTHER_CHAT
    assert actions.claim(once, account="a:1", now=NOW, chat_ok=anywhere)[0] is Verdict.OK
    assert actions.claim(keep, account="a:1", now=NOW, chat_ok=anywhere)[0] is Verdict.USED  # its group
    [late] = actions.issue([Spec("/plan", 60)], account="a:1", target="console:x", private=True, now=NOW)
    assert actions.claim(late, account="a:1", now=NOW + timedelta(seconds=60), chat_ok=anywhere)[0] is (
        Verdict.EXPIRED
    )
    assert actions.claim("not-an-id", account="a:1", now=NOW, chat_ok=anywhere)[0] is Verdict.UNKNOWN
    assert PendingActions(tmp_path).get(once).used  # on disk
    # a week after expiry they are pruned, a shard at a time, as new ones are issued into it
    later, fresh = NOW + timedelta(days=8), []
    while sum(i[0] == once[0] for i in fresh) < PRUNE_EVERY:
        fresh += actions.issue(
            [Spec("/plan", 60)], account="a:1", target="console:x", private=True, now=later
        )
    again = PendingActions(tmp_path)
    assert again.get(once) is None and again.get(keep) is None and again.get(fresh[-1]) is not None
    on_disk = json.loads((tmp_path / f"{FILE_PREFIX}{once[0]}.json").read_text())
    assert str(int(once[1:], 16)) not in on_disk["actions"]


async def test_a_busy_minute_of_buttons_is_written_in_batches_and_kept_by_a_clean_stop(tmp_path: Path):
    actions = PendingActions(tmp_path, write_delay=3600)  # nothing written until flushed
    kw = {"account": "a:1", "target": "console:x", "private": True, "now": NOW}
    ids = [i for _ in range(300) for i in actions.issue([Spec("/plan", 60), Spec("/undo", 60, True)], **kw)]
    assert actions.writes == 0  # no reply waited for, or paid for, a write of its own
    await actions.flush()  # what a clean stop does (bot.stop_app)
    assert 0 < actions.writes <= SHARDS  # one write per shard changed, not one per reply
    again = PendingActions(tmp_path)
    assert all(again.get(i) is not None for i in ids)


_ISSUE_THEN_CRASH = """
import asyncio, os, sys
from datetime import UTC, datetime
from storage.actions import PendingActions, Spec

async def main() -> None:
    actions = PendingActions(sys.argv[1], write_delay=3600)
    kw = {"account": "a:1", "target": "console:x", "private": True, "now": datetime(2026, 11, 23, tzinfo=UTC)}
    [kept] = actions.issue([Spec("/plan", 60)], **kw)
    await actions.flush()
    [lost] = actions.issue([Spec("/plan", 60)], **kw)
    print(kept, lost, flush=True)
    os._exit(9)  # dies before the next batch is written

asyncio.run(main())
"""


def test_a_crash_loses_only_the_buttons_issued_since_the_last_write(tmp_path: Path):
    done = run_script(_ISSUE_THEN_CRASH, tmp_path)
    assert done.returncode == 9, done.stderr
    kept, lost = done.stdout.split()
    after = PendingActions(tmp_path)
    assert after.get(kept) is not None  # written before the crash: it still works
    assert after.get(lost) is None  # not yet written: it says "no longer works", nothing else breaks


def test_a_damaged_actions_file_is_quarantined_not_deleted(tmp_path: Path):
    actions = PendingActions(tmp_path)
    [action_id] = actions.issue([Spec("/plan", 60)], account="a:1", target="console:x", private=True, now=NOW)
    path = tmp_path / f"{FILE_PREFIX}{action_id[0]}.json"
    path.write_bytes(b"{ torn")
    again = PendingActions(tmp_path)
    assert again.get(action_id) is None  # that shard's buttons stop working, nothing else does
    [kept] = (tmp_path / "quarantine").iterdir()
    assert kept.read_bytes() == b"{ torn"
    assert again.issue([Spec("/plan", 60)], account="a:1", target="console:x", private=True, now=NOW)


async def test_deleteme_forgets_the_users_pending_actions(coach):
    await coach.say("/log hip thrust 3x10 80kg")
    [ask] = await coach.say("/deleteme")
    await coach.press(ask, "Yes, delete everything")
    folder = coach.app.store.data_dir
    on_disk = "".join(p.read_text() for p in folder.glob(f"{FILE_PREFIX}*.json"))
    assert ME not in on_disk
    assert pending_actions(coach.app.store).get(ask_action(ask)) is None

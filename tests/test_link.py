"""One coach across platforms: /link and /unlink through the real dispatcher and store, then end to end
with the real Telegram and Discord clients on one app."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import timedelta

import pytest

from core.buttons import claim_press
from core.dispatch import dispatch, parse_command_line
from core.markup import plain
from core.messages import Reply, Request, Target
from core.router import Delivery
from handlers.link import ALPHABET, normalise_code
from storage.pushes import pending_pushes
from tests.conftest import Chat

TG = "telegram:1001"
TG_OTHER = "telegram:1002"
DC = "discord:1400000000000000001"
CODE = re.compile(r"\b([A-Z0-9]{4})-([A-Z0-9]{4})\b")


async def say(app, user: str, line: str, *, in_group: bool = False) -> list[Reply]:
    parsed = parse_command_line(line)
    assert parsed is not None
    platform, _, uid = user.partition(":")
    request = Request(
        command=parsed.name,
        user=user,
        target=Target(platform, uid),
        text=parsed.text,
        display_name="Ann",
        in_group=in_group,
    )
    return await dispatch(request, app.ctx)


def text(replies: list[Reply]) -> str:
    parts = []
    for r in replies:
        parts += [plain(r.title), plain(r.text)] + [f"{plain(s.name)} {plain(s.body)}" for s in r.sections]
    return "\n".join(p for p in parts if p)


async def code_for(app, user: str) -> str:
    replies = await say(app, user, "/link")
    m = CODE.search(text(replies))
    assert m, text(replies)
    return f"{m.group(1)}-{m.group(2)}"


async def test_the_code_is_short_unambiguous_and_private(app):
    replies = await say(app, TG, "/link", in_group=True)
    assert all(r.private for r in replies)
    code = CODE.search(text(replies)).group(0)
    assert all(ch in ALPHABET for ch in code.replace("-", ""))
    assert not set(code) & set("01OI")
    replies = await say(app, DC, "/link")  # in a DM too: only its creator sees it
    assert replies[0].private


async def test_linked_identities_share_one_history(app):
    await say(app, TG, "/log hip thrust 3x10 80kg")
    await say(app, DC, "/log glute bridge 3x12")
    code = await code_for(app, TG)

    replies = await say(app, DC, f"/link {code.lower().replace('-', '')}")  # any case, dash optional
    assert "Linked" in text(replies)
    assert "reminders keep going to your private chat" in text(replies).lower()
    assert app.store.account_of(DC) == app.store.account_of(TG) == TG

    for user in (TG, DC):
        shown = text(await say(app, user, "/history"))
        assert "Hip thrust" in shown and "Glute bridge" in shown, shown
    await say(app, DC, "/log hip thrust 3x8 90kg")
    assert len(app.store.entries(TG)) == 3
    assert "90" in text(await say(app, TG, "/history hip thrust"))

    # a code is one-time
    again = text(await say(app, DC, f"/link {code}"))
    assert "wrong or was already used" in again


async def test_schedules_follow_the_link(app):
    await say(app, DC, "/remind mon,wed,fri 18:00")
    code = await code_for(app, TG)
    assert "1 reminder schedule" in text(await say(app, DC, f"/link {code}"))
    (schedule,) = app.store.schedules(TG)
    assert schedule.target.startswith("discord:")  # still delivered where it was set
    assert "Mon" in text(await say(app, TG, "/reminders"))


async def test_wrong_code_is_refused_clearly(app):
    shown = text(await say(app, DC, "/link ABCD-EFGH"))
    assert "wrong or was already used" in shown and "/link" in shown
    shown = text(await say(app, DC, "/link hello"))
    assert "not a link code" in shown
    assert app.store.account_of(DC) == DC


async def test_expired_code_is_refused_clearly(app, clock):
    code = await code_for(app, TG)
    clock.now += timedelta(minutes=10, seconds=1)
    shown = text(await say(app, DC, f"/link {code}"))
    assert "expired" in shown and "10 minutes" in shown
    assert app.store.account_of(DC) == DC


async def test_a_code_just_inside_ten_minutes_works(app, clock):
    code = await code_for(app, TG)
    clock.now += timedelta(minutes=9, seconds=59)
    assert "Linked" in text(await say(app, DC, f"/link {code}"))


async def test_nobody_links_to_an_identity_that_is_not_theirs(app):
    code = await code_for(app, TG)
    # the creator itself, and another user of the same platform, are refused …
    assert "other platform" in text(await say(app, TG, f"/link {code}"))
    assert "made on Telegram too" in text(await say(app, TG_OTHER, f"/link {code}"))
    assert app.store.account_of(TG_OTHER) == TG_OTHER
    # … and the code still works for the right place
    assert "Linked" in text(await say(app, DC, f"/link {code}"))
    assert "already linked" in text(await say(app, DC, f"/link {await code_for(app, TG)}"))


async def test_unlink_separates_again(app):
    await say(app, TG, "/log hip thrust 3x10 80kg")
    code = await code_for(app, TG)
    await say(app, DC, f"/link {code}")
    assert "Unlinked" in text(await say(app, DC, "/unlink"))
    assert app.store.account_of(DC) == DC
    assert "Hip thrust" not in text(await say(app, DC, "/history"))
    assert "Hip thrust" in text(await say(app, TG, "/history"))
    assert "isn't linked" in text(await say(app, DC, "/unlink"))

    # from the owner's side too
    await say(app, DC, f"/link {await code_for(app, TG)}")
    assert "Unlinked" in text(await say(app, TG, "/unlink"))
    assert app.store.account_of(DC) == DC and app.store.linked_users(TG) == [TG]


async def test_the_joining_accounts_own_exercises_come_along(app):
    # tester 3: after the link /exercise listed it as imported history and /log refused it
    await say(app, TG, "/exercise add sled push compound")
    await say(app, DC, "/exercise add reverse hyper accessory")
    await say(app, DC, "/exercise add nordic curl accessory")
    await say(app, DC, "/exercise remove nordic curl")  # a removal stays one (nothing logged)
    await say(app, DC, "/log reverse hyper 3x10 20kg")
    shown = text(await say(app, DC, f"/link {await code_for(app, TG)}"))
    assert "1 logged entry, 1 exercise of your own" in shown, shown

    listed = text(await say(app, DC, "/exercise"))
    assert "Your own exercises" in listed and "reverse hyper (accessory)" in listed, listed
    assert "sled push (compound lift)" in listed and "imported" not in listed and "nordic" not in listed
    assert "Logged reverse hyper" in text(await say(app, TG, "/log reverse hyper 3x10 22.5kg"))
    assert app.store.profile(TG).custom_exercises.startswith("sled push=compound;reverse hyper=accessory;")


DC_OTHER = "discord:1400000000000000002"


async def test_an_account_links_to_one_account_per_platform_and_a_refusal_keeps_the_code(app):
    # tester 2: TG1+DC1 linked, then DC2 took TG1's next code and TG2 took DC1's: four shared one log
    for user, line in ((TG, "/log hip thrust 3x10 80kg"), (TG_OTHER, "/log rdl 3x8 60kg")):
        await say(app, user, line)
    await say(app, DC, f"/link {await code_for(app, TG)}")

    into_linked = await code_for(app, TG)  # TG already has a Discord account
    shown = text(await say(app, DC_OTHER, f"/link {into_linked}"))
    assert "already linked with a Discord account" in shown and "/unlink" in shown, shown
    from_linked = await code_for(app, DC)  # DC's account already has a Telegram one
    shown = text(await say(app, TG_OTHER, f"/link {from_linked}"))
    assert "already linked with a Telegram account" in shown and "/unlink" in shown, shown
    other = await code_for(app, DC_OTHER)  # the account entering it already has a Discord one
    shown = text(await say(app, TG, f"/link {other}"))
    assert "This Telegram account is already linked with a Discord account" in shown, shown
    assert "Send /unlink first" in shown

    # nothing changed: two accounts, each with its own log
    assert app.store.linked_users(TG) == [TG, DC]
    assert app.store.account_of(DC_OTHER) == DC_OTHER and app.store.account_of(TG_OTHER) == TG_OTHER
    assert [e.exercise for e in app.store.entries(TG_OTHER)] == ["romanian_deadlift"]
    # … and no code was spent: once TG and DC are apart, each works
    await say(app, DC, "/unlink")
    assert "Linked" in text(await say(app, DC_OTHER, f"/link {into_linked}"))
    assert "Linked" in text(await say(app, TG_OTHER, f"/link {from_linked}"))
    assert app.store.linked_users(TG) == [TG, DC_OTHER] and app.store.linked_users(DC) == [DC, TG_OTHER]


@pytest.mark.parametrize("side", ["discord", "telegram"])
async def test_after_unlink_a_chat_gets_only_pushes_of_its_own_account(app, clock, side):
    # tester 1: after either side's /unlink, Discord still got the Telegram account's "Time to lift …
    # Hip thrust 140 kg", which its /reminders did not list and whose buttons were "not yours"
    sent: list[tuple[str, Reply]] = []

    async def send(target: Target, reply: Reply) -> Delivery:
        sent.append((target.key(), reply))
        return Delivery.OK

    for platform in ("telegram", "discord"):
        app.router.register(platform, send)
    tg = Chat(app, user=TG, chat="1001", platform="telegram")
    dc = Chat(app, user=DC, chat="1500000000000000009", platform="discord")  # a DM: not the user's id
    await dc.say("/remind mon 18:00")
    await tg.say("/remind mon 19:00")
    await dc.say(f"/link {await code_for(app, TG)}")
    await dc.say("/recap on mon 20:00")  # the shared account's recap, to Discord
    # (yesterday: logged today, the day's reminder would say the lift is done, not "Time to lift")
    await tg.say("/log hip thrust 3x10 140kg yesterday")

    reply = text(await (dc if side == "discord" else tg).say("/unlink"))
    if side == "discord":
        assert "The reminder schedule that comes here stays with this account" in reply, reply
    else:
        assert "The reminder schedule that came on Discord went with that account" in reply, reply
    assert "weekly recap no longer comes" not in reply  # each side's recap goes on, on its own log
    assert "Mon at 18:00" in text(await dc.say("/reminders"))
    listed = text(await tg.say("/reminders"))
    assert "Mon at 19:00" in listed and "18:00" not in listed
    assert [s.target for s in app.store.schedules(DC)] == ["discord:1500000000000000009"]
    assert [s.target for s in app.store.schedules(TG)] == ["telegram:1001"]
    assert not [p for p in pending_pushes(app.store).of(TG) if p.target.startswith("discord:")]

    for hour, minute in ((18, 0), (18, 11), (19, 0), (19, 11), (20, 0)):
        clock.now = clock.now.replace(hour=hour, minute=minute, second=5)
        await app.reminders.run_due(clock.now)
    to_dc = [r for target, r in sent if target.startswith("discord:")]
    assert [plain(r.title) for r in to_dc] == ["Time to activate", "Time to lift", "Your last 7 days"]
    assert "Hip thrust" not in text(to_dc) and "140" not in text(to_dc)
    assert "Sessions in the last 7 days: 0" in text(to_dc[-1:])  # Discord's own log now
    for r in to_dc:  # its buttons are Discord's own now
        for button in (b for row in r.buttons for b in row):
            assert claim_press(button.action, dc.request(), app.ctx).request is not None, button.label
    to_tg = {plain(r.title): r for target, r in sent if target == "telegram:1001"}
    assert {"Time to activate", "Time to lift", "Your last 7 days"} <= to_tg.keys()
    assert "Hip thrust" in text([to_tg["Time to lift"]])  # its own, where it belongs


async def test_rows_an_older_unlink_left_aimed_at_the_chat_that_left_are_not_sent(app, clock):
    # Data of a release before the fix: the store's unlink alone left the Discord-aimed schedule and
    # recap with the Telegram account.
    sent: list[str] = []

    async def send(target: Target, reply: Reply) -> Delivery:
        sent.append(target.key())
        return Delivery.OK

    for platform in ("telegram", "discord"):
        app.router.register(platform, send)
    await say(app, DC, f"/link {await code_for(app, TG)}")
    await say(app, DC, "/remind mon 18:00")
    await say(app, DC, "/recap on mon 18:30")
    app.store.unlink(DC)
    await app.store.flush()
    assert [s.target for s in app.store.schedules(TG)] == [f"discord:{DC.partition(':')[2]}"]

    for minute in (0, 11, 30):
        clock.now = clock.now.replace(hour=18, minute=minute, second=5)
        await app.reminders.run_due(clock.now)
    assert sent == []
    assert pending_pushes(app.store).get(TG, "recap") is None  # dropped, not put off a week


def test_codes_normalise():
    assert normalise_code(" abcd-ef23 ") == "ABCDEF23"
    assert normalise_code("ABCD EF23") == "ABCDEF23"


# -- end to end: the real Telegram and Discord clients on one app --------------------------------


@pytest.fixture
async def both(app, tmp_path):
    telegram = pytest.importorskip("adapters.telegram")
    from adapters.discord import DiscordAdapter
    from tests.fakes.discord_api import FakeDiscord, point_discord_py
    from tests.fakes.telegram_api import FakeBotAPI

    tg_fake = await FakeBotAPI().start()
    dc_fake = await FakeDiscord().start()
    tg_settings = replace(
        app.settings,
        telegram_token=tg_fake.token,
        telegram_base_url=tg_fake.url + "/bot",
        telegram_rate_per_second=1000.0,
    )
    dc_settings = replace(
        app.settings,
        discord_token="fake-token",
        discord_guild_id=str(dc_fake.guild_id),
    )
    with point_discord_py(dc_fake):
        tg = telegram.TelegramAdapter(tg_settings, app.ctx, app.router)
        dc = DiscordAdapter(dc_settings, app.ctx, app.router, guild_ready_timeout=0.05)
        await tg.start()
        await dc.start()
        try:
            async with asyncio.timeout(5):
                await dc.wait_ready()
            await dc_fake.wait_for(lambda: dc_fake.commands)
            yield tg_fake, dc_fake, dc
        finally:
            await dc.stop()
            await tg.stop()
            await dc_fake.stop()
            await tg_fake.stop()


async def test_end_to_end_telegram_and_discord_share_one_history(app, both):
    tg_fake, dc_fake, dc = both

    async def discord(name: str, options: dict) -> str:
        payload = await dc_fake.inject(dc_fake.slash(name, options, guild=False))
        await dc_fake.wait_for(lambda: dc_fake.for_interaction(payload))
        async with asyncio.timeout(10):
            await dc.idle()
        calls = dc_fake.for_interaction(payload)
        return "\n".join((c.content or "") + str(c.embeds) for c in calls)

    async def telegram(line: str) -> str:
        since = len(tg_fake.calls)
        tg_fake.message(line, user_id=1001)
        sent = await tg_fake.wait_for(count=1, since=since)
        return "\n".join(c.text for c in sent)

    assert "Hip thrust" in await discord("log", {"exercise": "hip thrust", "sets": "3x10", "weight": 80.0})
    shown = await telegram("/link")
    code = CODE.search(shown).group(0)
    assert "Linked" in await discord("link", {"code": code.lower()})
    assert "Hip thrust" in await telegram("/history")
    assert "Expired" not in await discord("history", {}) and "80" in await discord("history", {})
    assert app.store.account_of("discord:1400000000000000001") == "telegram:1001"


async def test_an_unlinked_identity_keeps_the_settings_it_had(app):
    # tester 8: after /unlink the leaving side started on UTC and kg while the reminders that went
    # with it still said 07:00 Berlin, and its kit was the default gym's
    await say(app, TG, "/timezone Europe/Berlin")
    await say(app, TG, "/units lb")
    await say(app, TG, "/equipment home dumbbells lb")
    await say(app, TG, "/level intermediate")
    await say(app, TG, "/log hip thrust 3x10 80lb")
    await say(app, DC, f"/link {await code_for(app, TG)}")
    shown = text(await say(app, DC, "/unlink"))
    assert "keeps your settings" in shown, shown

    settings = text(await say(app, DC, "/settings"))
    assert "Timezone Europe/Berlin" in settings and "units lb" in settings, settings
    assert "Dumbbells" in text(await say(app, DC, "/equipment")) and "lb" in text(
        await say(app, DC, "/equipment")
    )
    assert app.store.profile(DC).level == "intermediate"
    # … but not the shared log, nor what belongs to it (the started program, the last /done)
    assert "Hip thrust" not in text(await say(app, DC, "/history"))
    assert app.store.profile(DC).program == "" and app.store.profile(DC).done_at == ""
    # the account that stays keeps its own
    assert app.store.profile(TG).timezone == "Europe/Berlin"


async def test_an_unlinked_identity_keeps_the_weekly_goal(app):
    # A tester: the side that left kept its timezone, units, kit and level, but /goal said "No weekly
    # goal yet", and the nudge check set from its chat stopped.
    await say(app, DC, f"/link {await code_for(app, TG)}")
    assert "Goal set: 3 sessions a week" in text(await say(app, DC, "/goal 3"))
    shown = text(await say(app, DC, "/unlink"))
    assert "Unlinked" in shown and "keeps your settings" in shown, shown
    assert "nudge no longer comes" not in shown, shown  # its nudge check goes on, on its own log
    assert "Your goal: 3 sessions a week" in text(await say(app, DC, "/goal"))
    assert "Your goal: 3 sessions a week" in text(await say(app, TG, "/goal"))  # the account keeps it too
    nudge = pending_pushes(app.store).get(DC, "nudge")
    assert nudge is not None and nudge.target == f"discord:{DC.partition(':')[2]}"
    assert "Nudge when behind your goal of 3 a week" in text(await say(app, DC, "/settings"))


async def test_an_unlinked_identity_keeps_nudges_off(app):
    await say(app, TG, "/goal 4")
    await say(app, TG, "/nudges off")
    await say(app, DC, f"/link {await code_for(app, TG)}")
    assert "Unlinked" in text(await say(app, DC, "/unlink"))
    assert "Your goal: 4 sessions a week" in text(await say(app, DC, "/goal"))
    assert "Nudges are off" in text(await say(app, DC, "/nudges"))
    assert pending_pushes(app.store).get(DC, "nudge") is None


@pytest.mark.parametrize("who", [TG, DC])
async def test_after_an_unlink_each_side_gets_the_nudges_and_recap_its_settings_promise(app, clock, who):
    # A tester: Telegram set /goal 4 and the recap, Discord linked, Telegram sent /unlink. Discord's
    # /settings said "Nudge when behind your goal of 4 a week: on", but no nudge check came until
    # /nudges on, and its weekly recap was gone.
    sent: list[tuple[str, Reply]] = []

    async def send(target: Target, reply: Reply) -> Delivery:
        sent.append((target.key(), reply))
        return Delivery.OK

    for platform in ("telegram", "discord"):
        app.router.register(platform, send)
    await say(app, TG, "/goal 4")
    await say(app, TG, "/recap on fri 19:00")
    await say(app, DC, f"/link {await code_for(app, TG)}")
    shown = text(await say(app, who, "/unlink"))
    assert "Unlinked" in shown and "no longer come" not in shown, shown
    for side in (TG, DC):
        settings = text(await say(app, side, "/settings"))
        assert "Nudge when behind your goal of 4 a week: on" in settings, settings
        assert "Weekly recap: on, next Fri 19:00" in settings, settings

    monday = clock.now.replace(hour=0, minute=0, second=5)
    for day in range(5):  # Monday to Friday: behind a goal of 4 by Thursday
        for hour in (17, 19):
            clock.now = monday + timedelta(days=day, hours=hour)
            await app.reminders.run_due(clock.now)
    for platform in ("telegram", "discord"):
        titles = [plain(r.title) for target, r in sent if target.startswith(f"{platform}:")]
        assert titles.count("Still on for this week?") == 1 and titles.count("Your last 7 days") == 1, (
            platform,
            titles,
        )


def _pushes_sent(app) -> list[tuple[str, Reply]]:
    sent: list[tuple[str, Reply]] = []

    async def send(target: Target, reply: Reply) -> Delivery:
        sent.append((target.key(), reply))
        return Delivery.OK

    for platform in ("telegram", "discord"):
        app.router.register(platform, send)
    return sent


async def _titles_of_a_week(app, clock, sent: list[tuple[str, Reply]]) -> list[str]:
    """Every push title sent in the 7 days from this Monday, hour by hour, both platforms together."""
    monday = clock.now.replace(hour=0, minute=0, second=5)
    for hour in range(7 * 24):
        clock.now = monday + timedelta(hours=hour)
        await app.reminders.run_due(clock.now)
    return [plain(r.title) for _, r in sent]


@pytest.mark.parametrize("who", [TG, DC])
async def test_a_link_after_an_unlink_leaves_one_nudge_check_and_one_recap(app, clock, who):
    # A tester: after /unlink each side had its own nudge check and recap; /link again kept both, and
    # one account got "Still on for this week?" and "Your last 7 days" twice, once on each platform.
    sent = _pushes_sent(app)
    await say(app, TG, "/goal 4")
    await say(app, TG, "/recap on fri 19:00")
    await say(app, DC, f"/link {await code_for(app, TG)}")
    await say(app, who, "/unlink")
    assert "Linked." in text(await say(app, DC, f"/link {await code_for(app, TG)}"))
    for side in (TG, DC):
        settings = text(await say(app, side, "/settings"))
        assert "Nudge when behind your goal of 4 a week: on" in settings, settings
        assert "Weekly recap: on, next Fri 19:00" in settings, settings
    titles = await _titles_of_a_week(app, clock, sent)
    assert titles.count("Still on for this week?") == 1 and titles.count("Your last 7 days") == 1, titles


async def test_linking_two_sides_that_each_set_a_goal_and_recap_leaves_one_of_each(app, clock):
    sent = _pushes_sent(app)
    await say(app, TG, "/goal 4")
    await say(app, TG, "/recap on fri 19:00")
    await say(app, DC, "/goal 3")
    await say(app, DC, "/recap on thu 19:00")
    shown = text(await say(app, DC, f"/link {await code_for(app, TG)}"))
    assert "The weekly goal and weekly recap you set here gave way to the Telegram account's." in shown, shown
    for side in (TG, DC):  # the account's own (the code maker's) settings, like units and timezone
        settings = text(await say(app, side, "/settings"))
        assert "Nudge when behind your goal of 4 a week: on" in settings, settings
        assert "Weekly recap: on, next Fri 19:00" in settings, settings
    titles = await _titles_of_a_week(app, clock, sent)
    assert titles.count("Still on for this week?") == 1 and titles.count("Your last 7 days") == 1, titles
    assert [t for t, r in sent if plain(r.title) == "Your last 7 days"][0].startswith("telegram:"), sent


async def test_a_joining_sides_recap_and_goal_come_on_when_the_account_had_none(app, clock):
    sent = _pushes_sent(app)
    await say(app, DC, "/goal 4")
    await say(app, DC, "/recap on fri 19:00")
    shown = text(await say(app, DC, f"/link {await code_for(app, TG)}"))
    assert "The weekly goal and weekly recap you set here carry on." in shown, shown
    for side in (TG, DC):
        settings = text(await say(app, side, "/settings"))
        assert "Nudge when behind your goal of 4 a week: on" in settings, settings
        assert "Weekly recap: on, next Fri 19:00" in settings, settings
    titles = await _titles_of_a_week(app, clock, sent)
    assert titles.count("Still on for this week?") == 1 and titles.count("Your last 7 days") == 1, titles
    assert text(await say(app, TG, "/recap off"))
    assert "Weekly recap" not in text(await say(app, DC, "/settings"))


async def test_a_link_a_crash_cut_short_before_its_pushes_merged_is_finished_at_the_next_start(
    tmp_path, library, clock
):
    # The link is stored first, then the pushes merged: a crash between the two left the joining side's
    # recap and nudge check under an account that was no account any more, and both sides' came.
    from bot import build_app, start_app, stop_app
    from core.settings import Settings

    settings = Settings(data_dir=tmp_path / "data")
    first = build_app(settings, library=library, clock=clock)
    await start_app(first)
    await say(first, TG, "/goal 4")
    await say(first, TG, "/recap on fri 19:00")
    await say(first, DC, "/goal 3")
    await say(first, DC, "/recap on thu 19:00")
    first.store.link(DC, TG)  # what /link stores before it merges the pushes; then the crash
    await first.store.flush()
    await stop_app(first)

    app = build_app(settings, library=library, clock=clock)
    await start_app(app)
    try:
        sent = _pushes_sent(app)
        for side in (TG, DC):
            settings_text = text(await say(app, side, "/settings"))
            assert "Nudge when behind your goal of 4 a week: on" in settings_text, settings_text
            assert "Weekly recap: on, next Fri 19:00" in settings_text, settings_text
        titles = await _titles_of_a_week(app, clock, sent)
        assert titles.count("Still on for this week?") == 1 and titles.count("Your last 7 days") == 1, titles
    finally:
        await stop_app(app)

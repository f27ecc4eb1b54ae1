"""Tester faults (issue 10, round l5), through the real dispatch and as stored on disk: a light set
logged after the work is stored as typed (relabelling it as a warm-up made an /edit of it grow the
entry), and an /edit of it stores exactly the sets typed; "/edit yesterday" moved the entry to a minute after that day's
latest; "/edit 3 95kg" read 3 as reps; refusals that named the wrong thing; a back-off entry's
headline without "back-off"; a note-only edit that repeated the PR."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from tests import test_j4_kinds
from tests.test_j4_kinds import BACK, NOW, WORK, Bot, disk, kinds, say

bot = test_j4_kinds.bot  # the fixture: a started app on a temp data folder, a console chat

COUNTED = (
    "40 kg × 10 counts as a warm-up (well under today's 100 kg) until 3 sets at 40 kg make a back-off "
    "block: if it was work, press Edit and send backoff 1x10 40kg."
)


async def test_a_set_labelled_back_off_stays_work_and_its_headline_says_so(bot: Bot) -> None:
    await say(bot, "/log hip thrust 3x10 100kg")
    back = await say(bot, "/log hip thrust backoff 1x12 40kg")
    assert back.text.startswith("Logged *Hip thrust*: back-off 1 × 12 @ 40 kg."), back.text
    assert "warm-up" not in back.text, back.text
    _, entry = await disk(bot)
    assert kinds(entry) == [(BACK, 12, 40.0)]


async def test_a_date_alone_keeps_the_time_of_day_on_a_day_with_entries(bot: Bot) -> None:
    assert (await say(bot, "/timezone America/Los_Angeles")).text
    la = ZoneInfo("America/Los_Angeles")
    day_before = (NOW.astimezone(la) - timedelta(days=1)).date()
    await say(bot, f"/log rdl 3x8 60kg {day_before.isoformat()}")  # that day's entry at noon
    await say(bot, "/log hip thrust 3x10 80kg at 08:02")
    changed = await say(bot, "/edit yesterday")
    when = f"{day_before:%a %d %b %Y}, 08:02"
    assert when in changed.text.splitlines(), changed.text
    _, entry = await disk(bot)
    local = entry.at.astimezone(la)
    assert (local.date(), local.hour, local.minute) == (day_before, 8, 2)


async def test_edit_with_another_entrys_number_says_how_to_change_it_in_every_form(bot: Bot) -> None:
    for load in (90, 92.5, 95):
        await say(bot, f"/log hip thrust 3x10 {load}kg")
    for line in ("/edit 1 95kg", "/edit 1 yesterday", "/edit #1 3x8 95kg", "/edit 1 3x8 95kg"):
        reply = await say(bot, line)
        assert reply.text.startswith("/edit changes your latest entry (#3). To change #1 of "), (
            line,
            reply.text,
        )
        assert reply.buttons[0][0].label.startswith("Change #1: "), (line, reply.buttons)
    own = await say(bot, "/edit 3 97.5kg")  # the latest's own number: that entry is changed
    assert own.text.startswith("Changed *Hip thrust*: 3 × 10 @ 97.5 kg."), own.text
    first, _, latest = await disk(bot)
    assert kinds(first) == [(WORK, 10, 90.0)] * 3 and kinds(latest) == [(WORK, 10, 97.5)] * 3


async def test_log_refusals_name_what_is_wrong(bot: Bot) -> None:
    rpe = await say(bot, "/log hip thrust 10,10,10 @ 100 rpe 8, 9, 10")
    assert rpe.text.startswith("Give each set's RPE after it, like 100x5 @8, 110x3 @9, or one for all"), (
        rpe.text
    )
    loads = await say(bot, "/log rdl 60x10, 80x8 2x12kg")
    assert loads.text.startswith("60x10 is a load with its reps, so 2 × 12 kg after it is a second load"), (
        loads.text
    )
    band = await say(bot, "/log banded sumo walk 2x10 red band")
    assert "light, medium or heavy band" in band.text and "band=knees|ankles|feet" in band.text, band.text
    assert await disk(bot) == []


async def test_a_note_only_edit_does_not_repeat_the_pr(bot: Bot) -> None:
    await say(bot, "/log hip thrust 3x10 80kg yesterday")
    pr = await say(bot, "/log hip thrust 3x10 100kg")
    assert "🏆 PR" in pr.text, pr.text
    noted = await say(bot, "/edit note grindy")
    assert "Note: grindy" in noted.text and "PR" not in noted.text, noted.text


async def test_a_light_set_after_the_work_is_stored_as_typed_and_its_edit_replaces_it(bot: Bot) -> None:
    await say(bot, "/log hip thrust 3x10 100kg")
    light = await say(bot, "/log hip thrust 1x10 40kg")
    assert COUNTED in light.text.splitlines(), light.text
    changed = await say(bot, "/edit 2x10 40kg")  # the sets typed replace the entry's, no more
    assert changed.text.startswith("Changed *Hip thrust*: 2 × 10 @ 40 kg."), changed.text
    again = await say(bot, "/edit 1x12 40kg")
    assert again.text.startswith("Changed *Hip thrust*: 1 × 12 @ 40 kg."), again.text
    _, entry = await disk(bot)
    assert kinds(entry) == [(WORK, 12, 40.0)]


async def test_a_set_with_a_hard_rpe_is_never_counted_as_a_warm_up(bot: Bot) -> None:
    await say(bot, "/log hip thrust 3x10 100kg")
    rated = await say(bot, "/log hip thrust 2x15 55kg rpe 9")
    assert "as a warm-up" not in rated.text, rated.text
    done = await say(bot, "/done")
    assert "5 working sets" in done.text, done.text

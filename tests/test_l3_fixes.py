"""Tester faults (issue 10, round l3), as the user sees them through the real dispatch and as stored on
disk: "/edit 14kg" dropped a pair of dumbbells; "/edit yesterday" moved the entry to noon; a light set
logged after the work was shown as working though /done and the target count it as a warm-up;
/progress counted a warm-up-only day as a session; /log refusals that named the wrong thing; /edit N,
"cancel" at the Edit question, /history 0, full-width digits and three different length limits."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tests import test_j4_kinds
from tests.test_j4_kinds import BACK, NOW, WORK, Bot, disk, kinds, say
from tests.test_log_flow import answer

bot = test_j4_kinds.bot  # the fixture: a started app on a temp data folder, a console chat


async def test_an_edit_giving_a_load_alone_keeps_the_pair_of_dumbbells(bot: Bot) -> None:
    await say(bot, "/log rdl 3x10 2x12kg")
    changed = await say(bot, "/edit 14kg")
    assert "Working (3 sets): 3 × 10 @ 2 × 14 kg" in changed.text.splitlines(), changed.text
    [entry] = await disk(bot)
    assert [(s.reps, s.load, s.implements) for s in entry.sets] == [(10, 14.0, 2)] * 3


async def test_an_edit_giving_a_date_alone_keeps_the_time_of_day(bot: Bot) -> None:
    await say(bot, "/log hip thrust 3x10 80kg at 00:19")
    changed = await say(bot, "/edit yesterday")
    assert "Sun 29 Nov 2026, 00:19" in changed.text.splitlines(), changed.text
    [entry] = await disk(bot)
    assert entry.at == datetime(2026, 11, 29, 0, 19, tzinfo=UTC)


async def test_the_card_says_a_light_set_after_the_work_counts_as_a_warm_up(bot: Bot) -> None:
    work = await say(bot, "/log hip thrust 3x10 80kg")
    assert "as a warm-up" not in work.text
    light = await say(bot, "/log hip thrust 1x10 40kg")
    assert (
        "40 kg × 10 counts as a warm-up (well under today's 80 kg) until 3 sets at 40 kg make a back-off "
        "block: if it was work, press Edit and send backoff 1x10 40kg." in light.text.splitlines()
    ), light.text
    back = await say(bot, "/edit backoff 1x10 40kg")  # as the card says: counted as work
    assert "as a warm-up" not in back.text, back.text
    done = await say(bot, "/done")
    assert "*Hip thrust*: 4 working sets" in done.text, done.text
    *_, entry = await disk(bot)
    assert kinds(entry) == [(BACK, 10, 40.0)]


async def test_progress_counts_no_warm_up_only_day_as_a_session(bot: Bot) -> None:
    await say(bot, "/log hip thrust 3x10 80kg")
    await say(bot, "/log hip thrust w 60x10, 80x5 yesterday")
    progress = await say(bot, "/progress hip thrust")
    assert progress.text.startswith("1 session of Hip thrust since"), progress.text


async def test_log_refusals_name_what_is_wrong(bot: Bot) -> None:
    zero = await say(bot, "/log hip thrust 100kg x 5,5,0")
    assert zero.text.startswith("Reps per set go from 1 to 100, not 0"), zero.text
    two = await say(bot, "/log hip thrust 3x10 80kg, glute bridge 3x15 bw")
    assert two.text.startswith(
        "One exercise at a time: send the next as its own /log, like /log glute bridge 3x15 bw."
    ), two.text
    first = await say(bot, "/log 80kg hip thrust 3x10")
    assert first.text.startswith("Start with the exercise, like hip thrust 80kg 3x10."), first.text
    # Tester: markup for a name was echoed back in pieces ("like hip] [3x10 80kg").
    marked = await say(bot, "/log [hip](http://x) 3x10 80kg")
    assert marked.text.startswith("Start with the exercise, like hip thrust 3x10 80kg."), marked.text
    assert await disk(bot) == []


async def test_a_dash_note_and_this_morning_are_read(bot: Bot) -> None:
    dashed = await say(bot, "/log hip thrust 3x10 80kg - felt easy")
    assert "Note: felt easy" in dashed.text.splitlines(), dashed.text
    for line in (
        "glute bridge 3x15 bw this evening",
        "glute bridge 3x15 bw tonight",
        "this morning glute bridge 3x15",
    ):
        logged = await say(bot, f"/log {line}")
        assert "Mon 30 Nov 2026, 17:00" in logged.text.splitlines(), (line, logged.text)
    thrust, *bridges = await disk(bot)
    assert thrust.note == "felt easy" and kinds(thrust) == [(WORK, 10, 80.0)] * 3
    assert [b.at for b in bridges] == [NOW] * 3


async def test_edit_with_an_entry_number_says_how_to_change_that_entry(bot: Bot) -> None:
    await say(bot, "/log hip thrust 3x10 80kg")
    await say(bot, "/log rdl 3x10 60kg")
    refused = await say(bot, "/edit 1 3x10 90kg")
    # Said with #1's own day, so logging it again does not move it to today.
    said = re.fullmatch(
        r"/edit changes your latest entry \(#2\)\. To change #1 of (\w{3} \d{2} (\w{3}) \d{4}), press the"
        r" button, or /delete 1 and log it again, like /log hip thrust 3x10 90kg (\d{1,2}) (\w{3})\."
        r" Nothing was changed\.",
        refused.text,
    )
    assert said is not None and said[2].lower() == said[4], refused.text
    assert said[1].split()[1].lstrip("0") == said[3], refused.text
    assert [[b.label for b in row] for row in refused.buttons] == [["Change #1: 3x10 90kg"]]
    load = await say(bot, "/edit #1 90kg")  # no sets typed: that entry's line, to change
    assert f"or /delete 1 and log it again, like /log hip thrust 3x10 80kg {said[3]} {said[4]}." in load.text
    latest = await say(bot, "/edit 2 3x10 65kg")  # the latest's own number is no harm
    assert "Working (3 sets): 3 × 10 @ 65 kg" in latest.text.splitlines(), latest.text
    # The button is the confirmation: pressed, it changes #1 as typed, on its own day.
    [changed] = await bot.chat.press(refused, "Change #1: 3x10 90kg")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 90 kg."), changed.text
    thrust, rdl = await disk(bot)
    assert kinds(thrust) == [(WORK, 10, 90.0)] * 3 and kinds(rdl) == [(WORK, 10, 65.0)] * 3


async def test_edit_with_an_entry_number_and_a_name_is_that_entry_and_a_refused_change_has_no_button(
    bot: Bot,
) -> None:
    # Tester 7: "/edit 1 squat 3x10 80kg" changed #2 (the newest squat), and "/edit 1 3x10 800kg" offered
    # a button whose press was then refused.
    await say(bot, "/log hip thrust 3x10 80kg")
    await say(bot, "/log squat 3x5 100kg")
    reply = await say(bot, "/edit 1 hip thrust 3x10 85kg")
    assert reply.text.startswith("/edit changes your latest entry (#2). To change #1 of "), reply.text
    assert "like /log hip thrust 3x10 85kg " in reply.text, reply.text  # its name said once
    assert reply.buttons[0][0].label == "Change #1: hip thrust 3x10 85kg", reply.buttons
    # Another lift's name would move #1's sets onto it (refused when pressed): refused when typed.
    other = await say(bot, "/edit 1 squat 3x10 80kg")
    assert other.text == (
        "This entry is Hip thrust, not Back squat: to log Back squat, use /log squat 3x10 80kg. Entry #1 is"
        " unchanged."
    ), other.text
    assert not other.buttons, other.buttons
    # ("1x3 150kg @9, 3x8 120kg" was refused too; each set's own RPE is read now, so it gets the button)
    refused = await say(bot, "/edit 1 3x10 800kg")
    assert refused.text.endswith("Entry #1 is unchanged."), refused.text
    assert not refused.buttons, refused.buttons
    thrust, squat = await disk(bot)
    assert kinds(thrust) == [(WORK, 10, 80.0)] * 3 and kinds(squat) == [(WORK, 5, 100.0)] * 3


async def test_cancel_at_the_edit_question_cancels(bot: Bot) -> None:
    logged = await say(bot, "/log hip thrust 3x10 80kg")
    for word in ("cancel", "Stop"):
        [asked] = await bot.chat.press(logged, "Edit")
        [cancelled] = await answer(bot.chat, asked, word)
        assert cancelled.text == "Edit cancelled. The entry is unchanged.", cancelled.text
    [entry] = await disk(bot)
    assert kinds(entry) == [(WORK, 10, 80.0)] * 3


async def test_a_history_page_before_the_first_says_pages_start_at_1(bot: Bot) -> None:
    await say(bot, "/log hip thrust 3x10 80kg")
    for page in ("0", "-1", "hip thrust 0"):
        shown = await say(bot, f"/history {page}")
        assert "Pages start at 1. Page 1 of 1." in shown.text, (page, shown.text)
    assert "start" not in (await say(bot, "/history 1")).text


async def test_full_width_digits_read_as_plain_ones(bot: Bot) -> None:
    logged = await say(bot, "/log hip thrust ３x１０ ８０kg （ｆｅｌｔ ｅａｓｙ）")
    assert "Working (3 sets): 3 × 10 @ 80 kg" in logged.text.splitlines(), logged.text
    assert "Note: felt easy" in logged.text.splitlines(), logged.text
    changed = await say(bot, "/edit ３x８ ９０kg")
    assert "Working (3 sets): 3 × 8 @ 90 kg" in changed.text.splitlines(), changed.text
    [entry] = await disk(bot)
    assert kinds(entry) == [(WORK, 8, 90.0)] * 3 and entry.note == "felt easy"


async def test_one_length_limit_named_alike_for_log_and_edit(bot: Bot) -> None:
    await say(bot, "/log hip thrust 3x10 80kg")
    many = await say(bot, "/log hip thrust " + ", ".join(["1x10 80kg"] * 200))
    longer = await say(bot, "/log hip thrust 3x10 80kg (" + "a" * 900 + ")")
    edit = await say(bot, "/edit 3x10 85kg (" + "a" * 520 + ")")
    for reply in (many, longer, edit):
        assert "at most 500 characters" in reply.text, reply.text
    [entry] = await disk(bot)
    assert kinds(entry) == [(WORK, 10, 80.0)] * 3

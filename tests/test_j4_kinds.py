"""A tester's /log set-kind, pair and note faults (issue 10), as the user sees them through the real
dispatch (console and the loopback Telegram) and as they are stored on disk: a kind word typed right
after its sets names them ("2x10 40kg warmup, 3x10 85kg" was a warm-up 3x10 85kg and the next target
3 × 10 @ 40 kg), two-word kinds ("warm up") were part of the exercise name, "12kg each hand" was
each side, "--" inside brackets cut the note, and "12x12, 3x12 100kg" took the 100 kg for all 15."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.messages import Reply
from core.settings import Settings
from domain.training import Entry, LoggedSet, SetKind
from storage.store import Store
from tests.conftest import Chat, Clock
from tests.test_log_platforms import coach, now  # noqa: F401 - fixtures
from tests.test_logparse import HT, WU, E, S, ctx
from tests.test_telegram import USER as TG_USER

NOW = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
ME = "console:alice"
W, WORK, BACK, DROP = SetKind.WARMUP, SetKind.WORKING, SetKind.BACKOFF, SetKind.DROP


@dataclass
class Bot:
    chat: Chat
    data: Path

    def on_disk(self) -> list[Entry]:
        """The entries as a fresh store reads them from the data folder (the app stopped first)."""
        store = Store(self.data)
        try:
            return store.entries(store.account_of(ME))
        finally:
            store.close()


@pytest.fixture
async def bot(tmp_path: Path, library) -> AsyncIterator[Bot]:
    from bot import build_app, start_app, stop_app

    data = tmp_path / "data"
    app = build_app(Settings(data_dir=data, write_limit_per_minute=0), library=library, clock=Clock(NOW))
    await start_app(app)
    stopped = False

    async def stop() -> None:
        nonlocal stopped
        if not stopped:
            stopped = True
            await stop_app(app)

    b = Bot(Chat(app), data)
    b.stop = stop  # type: ignore[attr-defined]
    try:
        yield b
    finally:
        await stop()


async def say(bot: Bot, line: str) -> Reply:
    [reply] = await bot.chat.say(line)
    return reply


async def disk(bot: Bot) -> list[Entry]:
    await bot.stop()  # type: ignore[attr-defined]
    return bot.on_disk()


def kinds(entry: Entry) -> list[tuple[SetKind, int, float | None]]:
    return [(s.kind, s.reps, s.load) for s in entry.sets]


def next_time(reply: Reply) -> str:
    [line] = [x for x in reply.text.splitlines() if x.startswith("Next time:")]
    return line


# -- 1: a kind word right after a group names that group -------------------------------------------------

AFTER = [
    (
        "hip thrust 2x10 40kg warmup, 3x10 85kg",
        ["Warm-up (2 sets): 2 × 10 @ 40 kg", "Working (3 sets): 3 × 10 @ 85 kg"],
        [(W, 10, 40.0)] * 2 + [(WORK, 10, 85.0)] * 3,
    ),
    (
        "hip thrust 40x10 warmup, 3x10 85kg",
        ["Warm-up (1 set): 1 × 10 @ 40 kg", "Working (3 sets): 3 × 10 @ 85 kg"],
        [(W, 10, 40.0)] + [(WORK, 10, 85.0)] * 3,
    ),
    (
        "hip thrust 1x10 40kg w, 3x10 85kg",
        ["Warm-up (1 set): 1 × 10 @ 40 kg", "Working (3 sets): 3 × 10 @ 85 kg"],
        [(W, 10, 40.0)] + [(WORK, 10, 85.0)] * 3,
    ),
    (
        "hip thrust 1x10 40kg warmup 3x10 85kg",
        ["Warm-up (1 set): 1 × 10 @ 40 kg", "Working (3 sets): 3 × 10 @ 85 kg"],
        [(W, 10, 40.0)] + [(WORK, 10, 85.0)] * 3,
    ),
    (
        "hip thrust 3x10 85kg w 40x10 /",
        ["Working (3 sets): 3 × 10 @ 85 kg", "Warm-up (1 set): 1 × 10 @ 40 kg"],
        [(WORK, 10, 85.0)] * 3 + [(W, 10, 40.0)],
    ),
]


@pytest.mark.parametrize(("typed", "card", "stored"), AFTER, ids=[a[0] for a in AFTER])
async def test_a_kind_word_after_its_sets_names_them_on_the_card_on_disk_and_in_the_target(
    bot: Bot, typed: str, card: list[str], stored: list
) -> None:
    await say(bot, "/log hip thrust 3x10 80kg")
    logged = await say(bot, f"/log {typed}")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 85 kg (+ "), logged.text
    for line in card:
        assert line in logged.text.splitlines(), (line, logged.text)
    # the work sets the next target, never the warm-up (the issue: "3 × 10 @ 40 kg")
    assert "@ 85 kg" in next_time(logged) and "40 kg" not in next_time(logged), logged.text
    first, second = await disk(bot)
    assert kinds(first) == [(WORK, 10, 80.0)] * 3 and kinds(second) == stored


async def test_back_off_and_drop_after_their_sets_keep_their_labels(bot: Bot) -> None:
    logged = await say(bot, "/log squat 3x10 80kg, 2x12 60kg backoff, 1x20 40kg drop")
    assert logged.text.splitlines()[2:5] == [
        "Working (3 sets): 3 × 10 @ 80 kg",
        "Back-off (2 sets): 2 × 12 @ 60 kg",
        "Drop (1 set): 1 × 20 @ 40 kg",
    ], logged.text
    [entry] = await disk(bot)
    assert kinds(entry) == [(WORK, 10, 80.0)] * 3 + [(BACK, 12, 60.0)] * 2 + [(DROP, 20, 40.0)]


async def test_a_kind_word_in_front_still_names_the_sets_after_it(bot: Bot) -> None:
    await say(bot, "/log hip thrust w 60x8, 80x5 / 100x10,10,9")
    await say(bot, "/log squat 3x5 140kg backoff 2x8 110kg")
    await say(bot, "/log hip thrust 3x10 80kg w 1x10 40kg")  # a warm-up after the work, named in front
    ramp, squat, after = await disk(bot)
    assert kinds(ramp) == [(W, 8, 60.0), (W, 5, 80.0), (WORK, 10, 100.0), (WORK, 10, 100.0), (WORK, 9, 100.0)]
    assert kinds(squat) == [(WORK, 5, 140.0)] * 3 + [(BACK, 8, 110.0)] * 2
    assert kinds(after) == [(WORK, 10, 80.0)] * 3 + [(W, 10, 40.0)]


# -- 2: "warm up", "back off", "drop set" are kinds, not part of the exercise -------------------------------


async def test_two_word_kinds_are_kinds_not_part_of_the_exercise_name(bot: Bot) -> None:
    logged = await say(bot, "/log hip thrust warm up 40x10 / 3x10 80kg")
    assert "is not an exercise" not in logged.text
    assert "Warm-up (1 set): 1 × 10 @ 40 kg" in logged.text.splitlines(), logged.text
    after = await say(bot, "/log hip thrust 3x10 85kg, 1x10 40kg warm up")
    assert "Warm-up (1 set): 1 × 10 @ 40 kg" in after.text.splitlines(), after.text
    squat = await say(bot, "/log squat 3x5 140kg back off 2x8 110kg drop set 1x12 60kg")
    assert squat.text.splitlines()[3:5] == [
        "Back-off (2 sets): 2 × 8 @ 110 kg",
        "Drop (1 set): 1 × 12 @ 60 kg",
    ]
    first, second, third = await disk(bot)
    assert kinds(first) == [(W, 10, 40.0)] + [(WORK, 10, 80.0)] * 3
    assert kinds(second) == [(WORK, 10, 85.0)] * 3 + [(W, 10, 40.0)]
    assert kinds(third) == [(WORK, 5, 140.0)] * 3 + [(BACK, 8, 110.0)] * 2 + [(DROP, 12, 60.0)]


async def test_did_you_mean_keeps_a_two_word_warm_up(bot: Bot) -> None:
    asked = await say(bot, "/log hip thrst warm up 40x10 / 3x10 80kg")
    assert asked.text.startswith("“hip thrst” is not an exercise I know"), asked.text
    [logged] = await bot.chat.press(asked, "Hip thrust")
    assert "Warm-up (1 set): 1 × 10 @ 40 kg" in logged.text.splitlines(), logged.text
    [entry] = await disk(bot)
    assert kinds(entry) == [(W, 10, 40.0)] + [(WORK, 10, 80.0)] * 3


# -- 3: "12kg each hand" is a pair of dumbbells ------------------------------------------------------------


@pytest.mark.parametrize("hand", ["each hand", "per hand", "in each hand", "each arm"])
async def test_a_load_each_hand_is_a_pair_of_dumbbells_like_2x12kg(bot: Bot, hand: str) -> None:
    logged = await say(bot, f"/log rdl 3x10 12kg {hand}")
    assert "Working (3 sets): 3 × 10 @ 2 × 12 kg" in logged.text.splitlines(), logged.text
    assert "each side" not in logged.text
    await say(bot, "/log rdl 3x10 2x12kg")
    typed, pair = await disk(bot)
    assert typed.sets == pair.sets == (LoggedSet(10, 12.0, "kg", implements=2),) * 3


async def test_each_leg_stays_one_side_at_a_time(bot: Bot) -> None:
    logged = await say(bot, "/log bulgarian split squat 3x8 each leg 12kg")
    assert "Working (3 sets each side): 3 × 8 @ 12 kg" in logged.text.splitlines(), logged.text
    [entry] = await disk(bot)
    assert [s.side is not None for s in entry.sets] == [True] * 6
    assert {s.implements for s in entry.sets} == {1}


# -- 4: a bracketed note is verbatim ----------------------------------------------------------------------


async def test_dashes_inside_a_bracketed_note_stay_in_the_note(bot: Bot) -> None:
    logged = await say(bot, "/log hip thrust 3x10 80kg (note -- with dashes)")
    assert "Note: note -- with dashes" in logged.text.splitlines(), logged.text
    [entry] = await disk(bot)
    assert entry.note == "note -- with dashes"


# -- 5: a group with no load does not take a later group's load when that may be a load ------------------


async def test_an_unloaded_group_that_may_be_a_load_is_asked_for_its_load_like_the_reverse(bot: Bot) -> None:
    for typed in ("back squat 12x12, 3x12 100kg", "back squat 3x12 100kg, 12x12"):
        refused = await say(bot, f"/log {typed}")
        assert refused.text.startswith("Give each group its load (or bw), like 3x10 80kg, 2x8 90kg."), typed
    shared = await say(bot, "/log hip thrust 3x10, 2x8 90kg")  # plainly sets: the one load is each's
    assert "Working (5 sets): 3 × 10 @ 90 kg, 2 × 8 @ 90 kg" in shared.text.splitlines(), shared.text
    [entry] = await disk(bot)
    assert kinds(entry) == [(WORK, 10, 90.0)] * 3 + [(WORK, 8, 90.0)] * 2


# -- the same over the loopback Telegram ------------------------------------------------------------------


async def test_telegram_warm_up_after_its_sets_and_a_pair_each_hand(coach) -> None:  # noqa: F811
    me = f"telegram:{TG_USER}"
    [msg] = await coach.say("/log hip thrust 2x10 40kg warmup, 3x10 85kg")
    assert html.escape("Warm-up (2 sets): 2 × 10 @ 40 kg") in msg.text, msg.text
    assert html.escape("Working (3 sets): 3 × 10 @ 85 kg") in msg.text, msg.text
    [pair] = await coach.say("/log rdl 3x10 12kg each hand")
    assert "3 × 10 @ 2 × 12 kg" in html.unescape(pair.text), pair.text
    thrust, rdl = coach.app.store.entries(me)
    assert kinds(thrust) == [(W, 10, 40.0)] * 2 + [(WORK, 10, 85.0)] * 3
    assert rdl.sets == (LoggedSet(10, 12.0, "kg", implements=2),) * 3


# -- the round trip: what the card's canonical line says reads back the same -----------------------------


def test_a_rendered_kind_after_other_sets_reads_back_as_itself() -> None:
    from coaching.logparse import parse_log, render_entry

    for entry in (
        E(HT, *[S(10, 40)] * 3, WU(10, 80)),  # a warm-up heavier than the work before it
        E(HT, WU(10, 40), S(10, 80), WU(5, 20)),
        E(HT, S(10, 80), S(8, 90, kind=BACK), S(5, 100, kind=DROP)),
    ):
        text = render_entry(entry)
        assert parse_log(text, ctx(tz=UTC)) == entry, text

"""A tester's /import and /exercise name and number faults (issue 10), through the real dispatch on the
console chat, checked on what the user sees and on what a fresh store reads from the data folder:
an imported name kept raw markup as its exercise id, full-width names were stored full-width, a library
exercise with a word that is no kind was asked its kind, /import read digits /log does not, and the
preview of our own export counted each entry's time as a workout (/history showed one session)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.markup import plain
from core.messages import Reply
from core.settings import Settings
from domain.training import Entry
from storage.store import Store
from tests.conftest import Chat, Clock

NOW = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
ME = "console:alice"
FIXTURES = Path(__file__).parent / "fixtures" / "import"
HEADER = (FIXTURES / "strong_legacy.csv").read_text().splitlines()[0]
EVIL = "*Evil* _x_ [a](http://e.vil) <b>b</b> `c`"


@dataclass
class Bot:
    chat: Chat
    data: Path
    clock: Clock
    app: object

    async def stop(self) -> None:
        from bot import stop_app

        if not getattr(self, "stopped", False):
            self.stopped = True
            await stop_app(self.app)

    async def disk(self, user: str = ME) -> tuple[list[Entry], str]:
        """The entries and the own-exercise string a fresh store reads (the app stopped first)."""
        await self.stop()
        store = Store(self.data)
        try:
            account = store.account_of(user)
            return store.entries(account), store.profile(account).custom_exercises
        finally:
            store.close()


@pytest.fixture
async def bot(tmp_path: Path, library) -> AsyncIterator[Bot]:
    from bot import build_app, start_app

    data = tmp_path / "data"
    clock = Clock(NOW)
    app = build_app(Settings(data_dir=data, write_limit_per_minute=0), library=library, clock=clock)
    await start_app(app)
    b = Bot(Chat(app), data, clock, app)
    try:
        yield b
    finally:
        await b.stop()


async def say(chat: Chat, line: str) -> str:
    [reply] = await chat.say(line)
    return plain(reply.text)


async def preview_of(chat: Chat, path: Path) -> Reply:
    [preview] = await chat.say(f"/import {path}")
    return preview


def strong(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "strong.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


async def test_an_imported_name_is_cleaned_as_exercise_add_cleans_names(bot: Bot, tmp_path: Path) -> None:
    path = strong(
        tmp_path,
        f"2025-07-26 19:06:00;Leg Day;{EVIL};1;60;kg;10;;;;;;",
        "2025-07-26 19:06:00;Leg Day;Goblet Squat (Kettlebell);1;20;kg;12;;;;;;",
        "2025-07-26 19:06:00;Leg Day;Ｒｅｖｅｒｓｅ Ｈｙｐｅｒ;1;20;kg;15;;;;;;",
        "2025-07-26 19:06:00;Leg Day;Farmer’s Walk;1;30;kg;1;;;;;;",
    )
    preview = await preview_of(bot.chat, path)
    text = plain(preview.text)
    assert "→ your own exercise “Evil x a (http e vil) b b b c” (1 set)" in text
    assert "• Goblet Squat (Kettlebell) → your own exercise “Goblet Squat (Kettlebell)”" in text
    assert "→ your own exercise “Reverse Hyper” (1 set)" in text
    assert "→ your own exercise “Farmer's Walk” (1 set)" in text  # a phone's apostrophe, kept as one
    [done] = await bot.chat.press(preview, "Accept all")
    assert plain(done.text).startswith("Imported 4 sets (4 entries).")
    listing = await say(bot.chat, "/exercise")
    assert "• Evil x a (http e vil) b b b c\n" in listing and "• Reverse Hyper\n" in listing
    # The app's name still maps as before: /log finds the kept exercise by it.
    assert "Goblet Squat (Kettlebell)" in await say(bot.chat, "/log goblet squat kettlebell 3x10 24kg")
    entries, own = await bot.disk()
    assert sorted({e.exercise for e in entries}) == [
        "Evil x a (http e vil) b b b c",
        "Farmer's Walk",
        "Goblet Squat (Kettlebell)",
        "Reverse Hyper",
    ]
    assert "@Evil x a (http e vil) b b b c=accessory" in own.split(";")


async def test_a_full_width_name_is_stored_plain(bot: Bot) -> None:
    assert (await say(bot.chat, "/exercise add ｆｕｌｌ accessory")).startswith("Added full (accessory)")
    assert (
        await say(bot.chat, "/exercise add full accessory") == "You already have full. /exercise lists yours."
    )
    assert "• full (accessory)" in await say(bot.chat, "/exercise")
    _, own = await bot.disk()
    assert own == "full=accessory"


async def test_a_library_exercise_with_a_word_that_is_no_kind_is_named_as_the_librarys(bot: Bot) -> None:
    said = await say(bot.chat, "/exercise add hip thrust main")
    assert said == "Hip thrust is already in the library: log it with /log hip thrust 3x10."
    # A name /exercise cannot take is refused as a name before any question about its kind.
    said = await say(bot.chat, "/exercise add *Evil*")
    assert said.startswith("A name is letters, digits, spaces and hyphens, at most 40 characters")
    assert (await say(bot.chat, "/exercise add reverse hyper")).startswith("Say what kind of exercise it is")
    _, own = await bot.disk()
    assert own == ""


async def test_import_reads_digits_as_log_does(bot: Bot, tmp_path: Path) -> None:
    """Full-width digits and decimal comma read as ASCII (/log NFKC-normalises its line); digits of
    another script, which /log does not read, are a row skipped with its reason."""
    path = strong(
        tmp_path,
        "2025-07-26 19:06:00;Leg Day;Hip Thrust (Barbell);１;８０，５;kg;１０;;;;;;",
        "2025-07-26 19:06:00;Leg Day;Hip Thrust (Barbell);2;٨٠;kg;10;;;;;;",
    )
    preview = await preview_of(bot.chat, path)
    text = plain(preview.text)
    assert text.startswith("Strong (older format) export “strong.csv”: 1 set of 1 exercise in 1 workout")
    assert "• line 3: weight '٨٠' is not a number" in text
    await bot.chat.press(preview, "Accept all")
    entries, _ = await bot.disk()
    assert [(s.reps, s.load, s.unit) for e in entries for s in e.sets] == [(10, 80.5, "kg")]


async def test_the_preview_counts_workouts_as_history_shows_sessions(bot: Bot, tmp_path: Path) -> None:
    """Our own export's rows each carry their entry's time: four entries ten minutes apart are one
    session in /history, and one workout in the preview."""
    for line in ("hip thrust 3x10 80kg", "glute bridge 3x12 60kg", "rdl 3x8 70kg", "hip abduction 3x15 30kg"):
        await say(bot.chat, f"/log {line}")
        bot.clock.now += timedelta(minutes=10)
    [export] = await bot.chat.say("/export")
    path = tmp_path / "coach-log.csv"
    path.write_bytes(export.file.data)
    bob = Chat(bot.app, user="console:bob", chat="bob")
    preview = await preview_of(bob, path)
    assert " in 1 workout, 30 Nov 2026." in plain(preview.text).split("\n")[0]
    await bob.press(preview, "Accept all")
    history = await say(bob, "/history")
    assert history.count(" · session ") == 1
    entries, _ = await bot.disk("console:bob")
    assert len(entries) == 4

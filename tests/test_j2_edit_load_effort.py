"""/edit with a load or an effort alone (issue 10): "/edit 100kg", "225lb", "@ 100", "2x12kg" (a pair of
dumbbells, per hand, as /log reads it) or "bw" changes the load of the entry's working sets and keeps
their reps, the warm-ups, the RPE, the note and the date; "rpe 8" sets the RPE; "@8" is asked as /log
asks it on a loaded lift, and its RPE reading keeps the load. Work done at several loads makes a load
alone unclear: refused with an example built from the entry. /undo of an edit that moved the time says
the time it put back. Through the dispatch every adapter uses, with the card checked against the data
on disk (the store reopened from its files after the app stopped)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.messages import Reply
from core.settings import Settings
from domain.training import Entry, SetKind
from storage.store import Store
from tests.conftest import Chat, Clock
from tests.test_log_flow import labels

LOGGED = "/log hip thrust w 40x8 / 3x10 80kg rpe 7 (felt ok) yesterday"
PYRAMID = "/log hip thrust 60x10, 80x8, 100x5"


@pytest.fixture
async def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
async def app(data: Path, library, clock: Clock) -> AsyncIterator[object]:  # noqa: ANN001 - the fixture
    """The real app on ``data``, no write limit (these tests write quickly)."""
    from bot import build_app, start_app, stop_app

    application = build_app(Settings(data_dir=data, write_limit_per_minute=0), library=library, clock=clock)
    await start_app(application)
    try:
        yield application
    finally:
        if id(application) not in _STOPPED:
            await stop_app(application)


_STOPPED: set[int] = set()  # apps a test stopped itself to read its files


async def stored_on_disk(chat: Chat, data: Path) -> list[Entry]:
    from bot import stop_app

    account = chat.app.ctx.store.account_of(chat.user)  # type: ignore[attr-defined]
    _STOPPED.add(id(chat.app))
    await stop_app(chat.app)
    store = Store(data)
    try:
        return store.entries(account)
    finally:
        store.close()


def live(chat: Chat) -> list[Entry]:
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    return store.entries(store.account_of(chat.user))


def shape(entry: Entry) -> list[tuple[SetKind, int, float | None, str | None, int, float | None]]:
    return [(s.kind, s.reps, s.load, s.unit, s.implements, s.rpe) for s in entry.sets]


async def one(chat: Chat, line: str, clock: Clock) -> Reply:
    clock.now += timedelta(seconds=1)
    [reply] = await chat.say(line)
    return reply


WARM = (SetKind.WARMUP, 8, 40.0, "kg", 1, None)


@pytest.mark.parametrize(
    ("typed", "card", "work"),
    [
        ("100kg", "3 × 10 @ 100 kg RPE 7", (100.0, "kg", 1)),
        ("225lb", "3 × 10 @ 225 lb RPE 7", (225.0, "lb", 1)),
        ("@ 100", "3 × 10 @ 100 kg RPE 7", (100.0, "kg", 1)),
        ("2x12kg", "3 × 10 @ 2 × 12 kg RPE 7", (12.0, "kg", 2)),
        ("bw", "3 × 10 bodyweight RPE 7", (None, None, 1)),
    ],
)
async def test_a_load_alone_changes_the_working_sets_load_and_keeps_the_rest(
    chat: Chat, clock: Clock, data: Path, typed: str, card: str, work: tuple
) -> None:
    logged = await one(chat, LOGGED, clock)
    assert logged.text.startswith("Logged *Hip thrust*"), logged.text
    [before] = live(chat)
    changed = await one(chat, f"/edit {typed}", clock)
    assert changed.text.startswith(f"Changed *Hip thrust*: {card} (+ 1 warm-up set).\nSun 22 Nov 2026"), (
        changed.text
    )
    assert "Warm-up (1 set): 1 × 8 @ 40 kg" in changed.text and "Note: felt ok" in changed.text
    assert labels(changed)[:2] == ["Undo", "Edit"]
    [entry] = await stored_on_disk(chat, data)
    load, unit, implements = work
    assert shape(entry) == [WARM, *[(SetKind.WORKING, 10, load, unit, implements, 7.0)] * 3]
    assert entry.at == before.at and entry.note == "felt ok" and entry.id == before.id


async def test_a_load_alone_after_the_exercise_name_too(chat: Chat, clock: Clock) -> None:
    await one(chat, "/log hip thrust 3x10 80kg", clock)
    changed = await one(chat, "/edit hip thrust 90kg", clock)
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 90 kg.\n"), changed.text
    assert [s.load for s in live(chat)[0].sets] == [90.0] * 3


async def test_a_load_alone_on_work_at_several_loads_asks_for_the_sets(
    chat: Chat, clock: Clock, data: Path
) -> None:
    await one(chat, PYRAMID, clock)
    [before] = live(chat)
    refused = await one(chat, "/edit 105kg", clock)
    assert refused.text == (
        "Your working sets have more than one load, so 105 kg alone does not say which to change. "
        "Type the sets, like /edit hip thrust 1x10 60kg, 1x8 80kg, 1x5 105kg. The entry is unchanged."
    )
    assert live(chat) == [before]
    # The example as typed does what it says.
    changed = await one(chat, "/edit hip thrust 1x10 60kg, 1x8 80kg, 1x5 105kg", clock)
    # Under 60% of the new 105 kg top, the 60 kg × 10 is a ramp step, stored as the warm-up the card
    # calls it (tests/test_log_stores_ramp.py).
    assert changed.text.startswith(
        "Changed *Hip thrust*: 1 × 8 @ 80 kg, 1 × 5 @ 105 kg (+ 1 warm-up set).\n"
    ), changed.text
    assert "60 kg × 10 counts as a warm-up (on the way up to today's 105 kg)." in changed.text
    # "bw" and an effort are no load to place: they go to every working set (a warm-up keeps its own).
    bw = await one(chat, "/edit bw", clock)
    assert bw.text.startswith("Changed *Hip thrust*: 8, 5 bodyweight (+ 1 warm-up set).\n"), bw.text
    [entry] = await stored_on_disk(chat, data)
    assert [(s.reps, s.load) for s in entry.sets] == [(10, 60), (8, None), (5, None)]


async def test_rpe_alone_sets_the_effort_and_keeps_loads_and_rpe_none_still_clears(
    chat: Chat, clock: Clock, data: Path
) -> None:
    await one(chat, PYRAMID, clock)
    rpe = await one(chat, "/edit rpe 8", clock)
    assert rpe.text.startswith("Changed *Hip thrust*: 1 × 10 @ 60 kg, 1 × 8 @ 80 kg, 1 × 5 @ 100 kg RPE 8.\n")
    assert [(s.load, s.rpe) for s in live(chat)[0].sets] == [(60.0, 8.0), (80.0, 8.0), (100.0, 8.0)]
    # "@8" with work at several loads: 8 kg could not say which sets, so it is the RPE.
    at = await one(chat, "/edit @9", clock)
    assert at.text.startswith("Changed *Hip thrust*: 1 × 10 @ 60 kg, 1 × 8 @ 80 kg, 1 × 5 @ 100 kg RPE 9.\n")
    cleared = await one(chat, "/edit rpe none", clock)
    assert cleared.text.startswith("Changed *Hip thrust*: 1 × 10 @ 60 kg, 1 × 8 @ 80 kg, 1 × 5 @ 100 kg.\n")
    [entry] = await stored_on_disk(chat, data)
    assert [(s.load, s.rpe, s.rir) for s in entry.sets] == [
        (60.0, None, None),
        (80.0, None, None),
        (100.0, None, None),
    ]


async def test_at_n_alone_is_asked_as_log_asks_it_and_the_rpe_keeps_the_load(
    chat: Chat, clock: Clock, data: Path
) -> None:
    asked_log = await one(chat, "/log hip thrust 3x10 @8", clock)  # what /log does with it
    assert asked_log.text.startswith("Did you mean 8 kg or RPE 8")
    await one(chat, "/log hip thrust 3x10 80kg", clock)
    asked = await one(chat, "/edit @8", clock)
    assert asked.text == "Did you mean 8 kg or RPE 8? The entry is unchanged until you choose."
    assert labels(asked) == ["8 kg", "RPE 8"]
    assert [s.rpe for s in live(chat)[0].sets] == [None] * 3
    [chosen] = await chat.press(asked, "RPE 8")
    assert chosen.text.startswith("Changed *Hip thrust*: 3 × 10 @ 80 kg RPE 8.\n"), chosen.text
    [entry] = await stored_on_disk(chat, data)
    assert [(s.reps, s.load, s.rpe) for s in entry.sets] == [(10, 80.0, 8.0)] * 3


async def test_undo_of_a_time_edit_says_the_time_it_put_back(chat: Chat, clock: Clock, data: Path) -> None:
    clock.now = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)
    await one(chat, "/log hip thrust 3x10 80kg", clock)
    [logged] = live(chat)
    moved = await one(chat, "/edit at 17:00", clock)
    assert moved.text.startswith("Changed *Hip thrust*: 3 × 10 @ 80 kg.\nMon 23 Nov 2026, 17:00"), moved.text
    undone = await one(chat, "/undo", clock)
    assert undone.text == (
        "Undid your edit: entry #1 is back to *Hip thrust* 3 × 10 @ 80 kg, logged Mon 23 Nov 2026, 18:30."
    )
    # A change of the sets alone is said as before: the day, no time.
    await one(chat, "/edit 100kg", clock)
    again = await one(chat, "/undo", clock)
    assert (
        again.text
        == "Undid your edit: entry #1 is back to *Hip thrust* 3 × 10 @ 80 kg, logged Mon 23 Nov 2026."
    )
    [entry] = await stored_on_disk(chat, data)
    assert entry.at == logged.at and [s.load for s in entry.sets] == [80.0] * 3


async def test_a_bare_number_alone_is_no_load_and_says_how_to_give_one(chat: Chat, clock: Clock) -> None:
    await one(chat, "/log hip thrust 3x10 80kg", clock)
    [before] = live(chat)
    for line in ("/edit 100", "/edit 100 yesterday", "/edit hip thrust 100 rpe 8"):
        refused = await one(chat, line, clock)
        assert refused.text == (
            "100 alone could be reps or a load: for the load say 100kg, for the sets type them, like "
            "/edit hip thrust 3x10 80kg. The entry is unchanged."
        ), line
        assert live(chat) == [before], line
    # A number inside the note is the note's.
    noted = await one(chat, "/edit (lifted 100 last week)", clock)
    assert (
        noted.text.startswith("Changed *Hip thrust*: 3 × 10 @ 80 kg.\n")
        and "Note: lifted 100 last week" in noted.text
    )


async def test_a_load_alone_keeps_work_done_per_side_per_side(chat: Chat, clock: Clock, data: Path) -> None:
    await one(chat, "/log bulgarian split squat 10,9 each side 12kg", clock)
    for line, load in (("/edit 14kg", 14.0), ("/edit 16kg each side", 16.0)):
        changed = await one(chat, line, clock)
        assert changed.text.startswith(f"Changed *Bulgarian split squat*: L10/R9 @ {load:g} kg.\n"), (
            changed.text
        )
    [entry] = await stored_on_disk(chat, data)
    assert [(s.side.value if s.side else None, s.reps, s.load) for s in entry.sets] == [
        ("left", 10, 16.0),
        ("right", 9, 16.0),
    ]

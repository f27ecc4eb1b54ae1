"""A history written by the baseline release (commit 40fefd3) opens with today's code, migrates in place
and shows the same sets. The files under tests/fixtures/baseline40/ were written by that release's own
code (see make_fixture.py there): account files at schema 1 and journal lines a kill left behind."""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from content.library import Library
from core.settings import Settings
from domain.training import LoggedSet, SetKind, straight_sets
from storage.layout import SCHEMA_VERSION, account_path
from tests.conftest import Chat, Clock

FIXTURE = Path(__file__).parent / "fixtures" / "baseline40"
ALICE, BOB = "console:alice", "console:bob"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(FIXTURE / "data", copy)
    return copy


@pytest.fixture
async def app(data: Path, library: Library, clock: Clock) -> AsyncIterator[object]:
    from bot import build_app, start_app, stop_app

    application = build_app(Settings(data_dir=data), library=library, clock=clock)
    await start_app(application)
    try:
        yield application
    finally:
        await stop_app(application)


def schema_1_rows(path: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    raw = json.loads(path.read_text())
    assert raw["_meta"]["1"]["schema"] == 1  # the fixture is what the baseline wrote
    return raw["entries"]


def test_the_fixture_is_the_baselines_form() -> None:
    rows = schema_1_rows(account_path(FIXTURE / "data", ALICE))
    assert all("reps" in r and "weight" in r and "sets" not in r for r in rows.values())
    [segment] = (FIXTURE / "data" / "journal").iterdir()
    assert segment.read_bytes().count(b'"reps":[') == 2  # bob's last two sets, never checkpointed


@pytest.mark.parametrize("user", ["alice", "bob"])
async def test_history_shows_the_same_sets_as_the_baseline(app: object, user: str) -> None:
    chat = Chat(app, user=f"console:{user}", chat=user)
    assert await chat.text("/history") + "\n" == (FIXTURE / f"history-{user}.txt").read_text()


async def test_files_are_migrated_in_place_and_the_journal_replayed(app: object, data: Path) -> None:
    store = app.store  # type: ignore[attr-defined]
    assert store.journal_lines_replayed == 2
    alice = store.entries(ALICE)
    assert [e.id for e in alice] == [1, 2, 3, 4, 6, 7, 8]  # 5 was undone: ids are never reused
    assert alice[0].sets == straight_sets((10, 10, 10), 80.0, "kg")
    assert alice[1].sets == straight_sets((20, 20), None, None, SetKind.ACTIVATION, band="ankles")
    assert alice[2].sets == straight_sets((15, 15, 15))  # bodyweight
    assert alice[3].sets == straight_sets((10, 10, 8), 85.0, "kg", rpe=8.0)
    assert alice[4].sets == straight_sets((8, 8, 8), 175.0, "lb")
    bob = store.entries(BOB)
    assert bob[2].sets == straight_sets((5, 5, 5, 4, 4), 140.0, "lb", rpe=8.5)  # from the journal
    assert bob[3].sets == (LoggedSet(15, band="knees"),) * 2  # a band on a working set stays working
    assert store.profile(BOB).units == "lb"
    for user in (ALICE, BOB):
        raw = json.loads(account_path(data, user).read_text())  # written through on open
        assert raw["_meta"]["1"]["schema"] == SCHEMA_VERSION
        assert all("sets" in r and "reps" not in r for r in raw["entries"].values())
    # logging goes on after the last id
    assert store.add_entry(ALICE, alice[0].__class__("hip_thrust", alice[0].sets, alice[0].at)).id == 9


async def test_progress_and_next_target_read_the_migrated_history(app: object) -> None:
    chat = Chat(app)
    text = await chat.text("/progress hip thrust")
    assert "4 sessions of Hip thrust" in text and "Last: 3 × 10 @ 82.5 kg RPE 9" in text
    logged = await chat.text("/log hip thrust 3x11 82.5kg")
    assert "Logged" in logged and "PR" in logged  # records read the migrated working sets

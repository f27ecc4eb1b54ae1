"""/exercise add refuses a name /log would read as something else (a repeat, a day, bodyweight, a
warm-up marker, per side, a unit, a number...): the line the reply suggests, "/log <name> 3x10 20kg",
must log the new exercise, else the name is refused with why and an example. No list of words here
either: each name is checked against /log's own reading. On the console chat, as the user sees it."""

from __future__ import annotations

import pytest

from core.markup import plain
from tests.conftest import Chat

# The console app with a frozen clock and the write limit off, shared with the /log flow tests.
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("same", "same"),
        ("same as last time", "same"),
        ("yesterday", "yesterday"),
        ("today", "today"),
        ("monday", "monday"),
        ("fri", "fri"),
        ("last sat", "sat"),
        ("bw", "bw"),
        ("bodyweight", "bodyweight"),
        ("warmup", "warmup"),
        ("w", "w"),
        ("cable w", "w"),
        ("row each side", "each side"),
        ("curl per arm", "per arm"),
        ("sled 45", "45"),
        ("sled kg", "kg"),
        ("press lbs", "lbs"),
        ("hold rpe", "rpe"),
        ("reps", "reps"),
    ],
)
async def test_a_name_log_reads_as_something_else_is_refused_with_why(me: Chat, name: str, word: str) -> None:
    reply = plain((await one(me, f"/exercise add {name} accessory")).text)
    assert reply == (
        f"/log reads “{word}” as part of what you did, not as a name, so "
        f"/log {name} 3x10 20kg would not log “{name}”. "
        "Pick another name, for example /exercise add reverse hyper accessory"
    )
    listing = plain((await one(me, "/exercise")).text)
    assert listing.startswith("You have no exercises of your own yet.")


@pytest.mark.parametrize("name", ["sled push", "side plank", "good morning", "x band walk"])
async def test_a_name_log_reads_back_is_added_and_logs_as_the_reply_says(me: Chat, name: str) -> None:
    added = plain((await one(me, f"/exercise add {name} accessory")).text)
    assert added.startswith(f"Added {name} (accessory) to your exercises. Log it like /log {name} 3x10 20kg")
    await me.say(f"/log {name} 3x10 20kg")
    [entry] = entries(me)
    assert entry.exercise == "custom_" + "_".join(name.split())
    assert [(s.reps, s.load, s.unit) for s in entry.sets] == [(10, 20.0, "kg")] * 3


@pytest.mark.parametrize(
    ("name", "line"), [("Same Side Step", "same side step"), ("Yesterday Lift", "yesterday lift")]
)
async def test_a_name_starting_with_log_words_that_log_reads_whole_is_added(
    me: Chat, name: str, line: str
) -> None:
    added = plain((await one(me, f"/exercise add {name} accessory")).text)
    assert added.startswith(f"Added {name} (accessory) to your exercises."), added
    logged = plain((await one(me, f"/log {line} 3x10 20kg")).text)
    assert logged.startswith(f"Logged {name}: 3 × 10 @ 20 kg."), logged
    dated = plain((await one(me, "/log yesterday hip thrust 3x10 100kg")).text)
    assert dated.startswith("Logged Hip thrust: 3 × 10 @ 100 kg."), dated  # the words still read so elsewhere
    repeat = plain((await one(me, "/log same")).text)
    assert repeat.startswith("Logged Hip thrust"), repeat

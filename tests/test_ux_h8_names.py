"""Rough edges testers found in /warmup, /plates and /exercise, as the user sees them (console dispatch,
real app on real files): digits of another script, a bare /exercise remove, and the name a removed
exercise keeps in /progress, /export and /history."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.conftest import Chat


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "/warmup hip thrust ８０",
            "“８０” is not a load I can read: I read the digits 0-9, e.g. /warmup hip thrust 80.",
        ),
        (
            "/warmup rdl ١٠٠ kg",
            "“١٠٠” is not a load I can read: I read the digits 0-9, e.g. /warmup romanian deadlift 100.",
        ),
        ("/plates ８０", "“８０” is not a load I can read: I read the digits 0-9, e.g. /plates 80."),
    ],
)
async def test_a_load_in_full_width_or_other_digits_is_not_a_load_it_can_read(
    chat: Chat, line: str, expected: str
) -> None:
    """Tried by a tester: /warmup hip thrust ８０ said the load was out of range (it is 80)."""
    assert await chat.text(line) == expected


async def test_odd_loads_in_ascii_still_get_the_range_and_plain_words_are_not_a_load(chat: Chat) -> None:
    assert await chat.text("/warmup hip thrust 1e308") == (
        "A load is at least 0.5 kg and at most 600 kg (1320 lb), e.g. /warmup hip thrust 100."
    )
    assert (
        await chat.text("/plates abc") == "“abc” is not a load. For example /plates 102.5 or /plates 225 lb."
    )


async def test_a_bare_exercise_remove_says_what_it_expects(chat: Chat) -> None:
    """Tried by a tester: /exercise remove with no name answered “” is not one of your exercises."""
    expected = "Which exercise? Name it, e.g. /exercise remove reverse hyper. /exercise lists yours."
    assert await chat.text("/exercise remove") == expected
    assert await chat.text("/exercise remove   ") == expected
    await chat.say("/exercise add sled push compound")
    assert await chat.text("/exercise remove") == (
        "Which exercise? Name it, e.g. /exercise remove sled push. /exercise lists yours."
    )
    assert "sled push" in await chat.text("/exercise")  # nothing was removed


async def _removed_reverse_hyper(chat: Chat) -> None:
    await chat.say("/exercise add reverse hyper accessory")
    assert "Logged reverse hyper" in await chat.text("/log reverse hyper 3x10 40kg")
    await chat.say("/log hip thrust 3x10 80kg")
    assert "Removed reverse hyper" in await chat.text("/exercise remove reverse hyper")


async def test_a_removed_exercise_keeps_its_name_in_the_chart_file_and_caption(chat: Chat) -> None:
    """Tried by a tester: the chart of a removed exercise came as custom_reverse_hyper-progress.png."""
    await _removed_reverse_hyper(chat)
    [reply] = await chat.say("/progress reverse hyper")
    assert reply.image is not None
    assert reply.image.filename == "reverse_hyper-progress.png"
    assert reply.image.caption == "reverse hyper: progress"
    assert reply.text.startswith("1 session of reverse hyper since")
    [library] = await chat.say("/progress hip thrust")
    assert library.image is not None and library.image.filename == "hip_thrust-progress.png"


async def test_an_exercise_of_your_own_names_its_chart_file_as_typed(chat: Chat) -> None:
    await chat.say("/exercise add reverse hyper accessory")
    await chat.say("/log reverse hyper 3x10 40kg")
    [reply] = await chat.say("/progress reverse hyper")
    assert reply.image is not None and reply.image.filename == "reverse_hyper-progress.png"


async def test_a_removed_exercise_keeps_its_name_as_typed_in_export_and_history(chat: Chat) -> None:
    """Tried by a tester: after /exercise remove the export named the sets "Reverse hyper" (the id made
    readable); the exercise_id column stays the key /import reads back, the columns are unchanged."""
    await _removed_reverse_hyper(chat)
    [reply] = await chat.say("/export")
    assert reply.file is not None
    rows = list(csv.DictReader(io.StringIO(reply.file.data.decode("utf-8"))))
    assert list(rows[0]) == [
        "date_utc", "entry_id", "exercise_id", "exercise", "set_number", "reps", "weight", "unit",
        "band", "rpe", "activation", "date_local", "session", "kind", "side", "rir", "load_kg", "note",
        "implements", "resistance", "exercise_category", "single_implement",
    ]  # fmt: skip
    assert [(r["exercise_id"], r["exercise"]) for r in rows] == [
        *[("custom_reverse_hyper", "reverse hyper")] * 3,
        *[("hip_thrust", "Hip thrust")] * 3,
    ]
    assert "#1 reverse hyper: 3 × 10 @ 40 kg" in await chat.text("/history")
    # Not listed again, and adding it again lists it as the user's own with its sets.
    assert (await chat.text("/exercise")).startswith("You have no exercises of your own yet.")
    assert "Added reverse hyper" in await chat.text("/exercise add reverse hyper accessory")
    assert "1 session of reverse hyper" in await chat.text("/progress reverse hyper")


async def test_a_name_outside_ascii_names_its_chart_file_in_ascii(chat: Chat) -> None:
    """Was "άρση-progress.png" (the console saved it as "___-progress.png"): Discord's embed finds the
    chart by its file name, so it stays ASCII; accents drop, other scripts give "exercise" and a short
    hash of the name, so two such charts are two files (a tester: 臀桥's chart overwrote Άρση's)."""
    files = []
    for name in ("Élévation", "Άρση ισχίων", "臀桥", "Άρση ισχίων"):
        await chat.say(f"/exercise add {name} accessory")
        await chat.say(f"/log {name} 3x10 40kg")
        [reply] = await chat.say(f"/progress {name}")
        assert reply.image is not None and reply.image.caption == f"{name}: progress"
        files.append(reply.image.filename)
    assert files[0] == "elevation-progress.png", files
    assert all(re.fullmatch(r"exercise-[0-9a-f]{8}-progress\.png", f) for f in files[1:]), files
    assert files[1] != files[2] and files[1] == files[3], files

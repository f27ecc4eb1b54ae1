"""Dumbbells named on a lift, as lifters write them: on a lift done with a barbell or a pair of
dumbbells (the RDL) a dumbbell is one in each hand, "rdl 3x10 20kg dumbbell" as "20kg dumbbells" and as
Strong and Hevy store "Dumbbell RDL"; on a lift loaded on a bar (a hip thrust, a glute bridge) one
dumbbell is held, the load as typed, and its target says nothing of plates or the empty bar. Through
the console's dispatch with an injected clock, what the user sees and what is on disk."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.messages import Reply
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_pairs_and_sides import line

BAR_WORDS = ("per side", "empty bar", "not loadable", "plates", "barbell")


def _next(reply: Reply) -> str:
    return line(reply, "Next time:")


@pytest.mark.parametrize("word", ["dumbbell", "dumbell", "db", "dumbbells"])
async def test_a_dumbbell_after_the_load_on_an_rdl_is_a_pair_per_hand(me: Chat, word: str) -> None:
    logged = await one(me, f"/log rdl 3x10 20kg {word}")
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 2 × 20 kg."), logged.text
    assert _next(logged).startswith("Next time: 3 × 11 @ 2 × 20 kg. "), _next(logged)
    assert "empty bar" not in logged.text, logged.text
    assert [(s.load, s.implements) for s in entries(me)[-1].sets] == [(20, 2)] * 3
    [history] = await me.say("/history")
    assert "Romanian deadlift: 3 × 10 @ 2 × 20 kg" in history.text, history.text


async def test_a_barbell_rdl_is_still_a_bar(me: Chat) -> None:
    logged = await one(me, "/log rdl 3x10 60kg barbell")
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 60 kg."), logged.text
    assert _next(logged) == (
        "Next time: 3 × 11 @ 60 kg — 20 per side. Same 60 kg: one more rep on each set below 12."
    ), _next(logged)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("/log hip thrust 3x10 20kg dumbbell", "Logged *Hip thrust*: 3 × 10 @ 20 kg dumbbell."),
        ("/log hip thrust 3x10 24kg db", "Logged *Hip thrust*: 3 × 10 @ 24 kg dumbbell."),
        ("/log hip thrust (dumbbell) 3x10 24kg", "Logged *Hip thrust*: 3 × 10 @ 24 kg dumbbell."),
        ("/log hip thrust 3x10 16kg kettlebell", "Logged *Hip thrust*: 3 × 10 @ 16 kg kettlebell."),
        ("/log glute bridge 3x12 22kg dumbbell", "Logged *Glute bridge*: 3 × 12 @ 22 kg dumbbell."),
    ],
)
async def test_one_dumbbell_on_the_hips_is_the_load_as_typed_with_no_bar_words(
    me: Chat, text: str, said: str
) -> None:
    logged = await one(me, text)
    assert logged.text.startswith(said), logged.text
    assert all(s.implements == 1 for s in entries(me)[-1].sets)
    shown = said.rsplit("@ ", 1)[1].rstrip(".")  # "20 kg dumbbell": the target names it too
    nxt = _next(logged)
    assert f"@ {shown}. Same {shown}: one more rep" in nxt, nxt  # "Same 20 kg dumbbell"
    assert not any(word in nxt for word in BAR_WORDS), nxt


async def test_a_bar_hip_thrust_still_gets_its_plates(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 3x10 24kg")
    assert "24 kg is not loadable with your kit" in _next(logged), _next(logged)
    # The kit's nearest, 25 kg (it was 22.5 kg, the load under 24 rounded down), with its plates.
    assert "@ 25 kg — 2.5 per side" in _next(logged), _next(logged)


async def test_a_pair_said_with_barbell_is_refused(me: Chat) -> None:
    refused = await one(me, "/log rdl 3x10 2x20kg barbell")
    assert refused.text.startswith(
        "2x20kg is a pair of dumbbells and barbell says a barbell: write one, like 3x10 2x20kg for the "
        "dumbbells or 3x10 60kg barbell. Nothing was logged."
    ), refused.text
    assert entries(me) == []


# -- /edit of work done with a pair of dumbbells -----------------------------------------------------------


def _stored(me: Chat) -> list[tuple[float | None, int]]:
    return [(s.load, s.implements) for s in entries(me)[-1].sets]


@pytest.mark.parametrize("typed", ["3x10 24kg", "24kg"])
async def test_an_edit_with_a_bare_load_keeps_the_pair_and_says_so(me: Chat, typed: str) -> None:
    await one(me, "/log rdl 3x10 22kg dumbbells")
    changed = await one(me, f"/edit {typed}")
    lines = changed.text.split("\n")
    assert lines[0] == "Changed *Romanian deadlift*: 3 × 10 @ 2 × 24 kg.", changed.text
    assert lines[1].startswith("Still a pair of dumbbells: 24 kg per hand"), changed.text
    assert _next(changed).startswith("Next time: 3 × 11 @ 2 × 24 kg. Same 2 × 24 kg"), _next(changed)
    assert "not loadable" not in changed.text and "per side" not in changed.text, changed.text
    assert _stored(me) == [(24, 2)] * 3


async def test_the_edit_buttons_answer_keeps_the_pair_too(me: Chat) -> None:
    from tests.test_log_flow import answer

    logged = await one(me, "/log rdl 3x10 22kg dumbbells")
    [asked] = await me.press(logged, "Edit")
    [changed] = await answer(me, asked, "3x10 26kg")
    assert changed.text.startswith(
        "Changed *Romanian deadlift*: 3 × 10 @ 2 × 26 kg.\nStill a pair of dumbbells: 26 kg per hand"
    ), changed.text
    assert _stored(me) == [(26, 2)] * 3


@pytest.mark.parametrize(
    ("typed", "card", "stored"),
    [
        ("3x10 2x24kg", "3 × 10 @ 2 × 24 kg", (24, 2)),
        ("3x10 24kg each hand", "3 × 10 @ 2 × 24 kg", (24, 2)),
        ("3x10 50kg barbell", "3 × 10 @ 50 kg", (50, 1)),
        ("50kg bb", "3 × 10 @ 50 kg", (50, 1)),
        ("3x10 24kg kb", "3 × 10 @ 24 kg kettlebell", (24, 1)),
    ],
)
async def test_an_edit_naming_the_implement_is_as_typed(
    me: Chat, typed: str, card: str, stored: tuple[float, int]
) -> None:
    await one(me, "/log rdl 3x10 22kg dumbbells")
    changed = await one(me, f"/edit {typed}")
    assert changed.text.startswith(f"Changed *Romanian deadlift*: {card}.\n"), changed.text
    assert "Still a pair" not in changed.text, changed.text
    assert _stored(me) == [stored] * 3


async def test_a_single_load_edited_stays_single(me: Chat) -> None:
    await one(me, "/log rdl 3x10 60kg")
    changed = await one(me, "/edit 3x10 62.5kg")
    assert changed.text.startswith("Changed *Romanian deadlift*: 3 × 10 @ 62.5 kg.\n"), changed.text
    assert "Still a pair" not in changed.text and _stored(me) == [(62.5, 1)] * 3


# -- a target reads the sessions done the same way --------------------------------------------------------


async def test_a_pair_stalls_across_its_own_sessions_with_barbell_days_between(me: Chat, clock) -> None:  # noqa: ANN001
    pair, bar = [], []
    for _ in range(3):
        pair.append(_next(await one(me, "/log rdl 3x10 22kg dumbbells")))
        clock.now += timedelta(days=2)
        bar.append(_next(await one(me, "/log rdl 3x8 80kg")))
        clock.now += timedelta(days=2)
    assert pair[0].startswith("Next time: 3 × 11 @ 2 × 22 kg. "), pair
    assert bar[0].startswith("Next time: 3 × 9 @ 80 kg — "), bar
    # The third pair session at 3 × 10 is the second without progress: a back-off, in the pair's steps.
    assert pair[2] == (
        "Next time: 3 × 8 @ 2 × 20 kg. Two sessions without progress at this load: back off to 2 × 20 kg "
        "(95% or less) and build back."
    ), pair
    assert bar[2].startswith("Next time: 3 × 8 @ 75 kg — "), bar
    assert "Two sessions without progress" in bar[2], bar
    [explained] = await me.say("/explain rdl")
    [log_it] = await me.press(explained, "Log it")
    [target] = [b.label for row in log_it.buttons for b in row if b.label.startswith("Next target")]
    assert target.startswith("Next target: 3 × 8 @ 75 kg"), target  # the latest work: a bar's


async def test_a_barbell_day_is_no_lighter_day_of_a_pair(me: Chat, clock) -> None:  # noqa: ANN001
    await one(me, "/log rdl 3x10 2x30kg")
    clock.now += timedelta(days=2)
    bar = await one(me, "/log rdl 3x10 40kg")  # lighter in all than 2 × 30 kg: a bar day of its own
    assert _next(bar).startswith("Next time: 3 × 11 @ 40 kg — 10 per side. Same 40 kg"), _next(bar)
    clock.now += timedelta(days=2)
    pair = await one(me, "/log rdl 3x11 2x30kg")
    assert _next(pair).startswith("Next time: 3 × 12 @ 2 × 30 kg. "), _next(pair)
    assert "40 kg" not in _next(pair), _next(pair)


@pytest.mark.parametrize("button", ["Same as last", "Next target"])
async def test_log_its_buttons_log_a_pair_as_a_pair(me: Chat, button: str) -> None:
    await one(me, "/log rdl 3x10 22kg dumbbells")
    [explained] = await me.say("/explain rdl")
    [log_it] = await me.press(explained, "Log it")
    [label] = [b.label for row in log_it.buttons for b in row if b.label.startswith(button)]
    assert "@ 2 × 22 kg" in label, label
    [logged] = await me.press(log_it, label)
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 1"), logged.text
    assert "@ 2 × 22 kg." in logged.text.split("\n")[0], logged.text  # it stored a 22 kg single
    assert all(s.implements == 2 for s in entries(me)[-1].sets)


# -- /progress draws a pair's sessions on their own line ----------------------------------------------------


def _chart_lines(me: Chat) -> dict[str, list[float]]:
    """The lines of the chart /progress rdl sends, by their label: what the user reads off the picture."""
    from coaching.charts import progress_figure
    from coaching.prescribe import ExerciseRules

    ctx = me.app.ctx  # type: ignore[attr-defined]
    known = ctx.library.exercises["romanian_deadlift"]
    fig = progress_figure(entries(me), known.name, "kg", ExerciseRules.from_library(known))
    return {
        line.get_label(): [float(y) for y in line.get_ydata()]
        for ax in fig.axes
        for line in ax.get_lines()
        if not line.get_label().startswith("PR")
    }


async def test_the_progress_chart_draws_pairs_and_the_bar_as_two_series(me: Chat, clock) -> None:  # noqa: ANN001
    for text in (
        "/log rdl 3x10 22kg dumbbells",
        "/log rdl 3x8 80kg",
        "/log rdl 3x10 24kg db",
        "/log rdl 3x9 80kg",
    ):
        await one(me, text)
        clock.now += timedelta(days=2)
    progress = await one(me, "/progress rdl")
    assert progress.image is not None and progress.text.startswith("4 sessions of Romanian deadlift"), (
        progress.text
    )
    lines = _chart_lines(me)
    assert lines["top set"] == [80.0, 80.0], lines
    assert lines["top set (dumbbells, both hands)"] == [44.0, 48.0], lines
    assert set(lines) == {
        "top set",
        "estimated 1RM",
        "top set (dumbbells, both hands)",
        "estimated 1RM (dumbbells, both hands)",
    }, lines


async def test_a_history_of_pairs_only_is_labelled_as_both_hands(me: Chat) -> None:
    await one(me, "/log rdl 3x10 2x12kg")
    assert _chart_lines(me) == {
        "top set (dumbbells, both hands)": [24.0],
        "estimated 1RM (dumbbells, both hands)": [32.0],
    }


# -- an implement starting a name the library has no alias for ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "said", "load"),
    [
        ("/log dumbbell hip thrust 3x10 20kg", "Logged *Hip thrust*: 3 × 10 @ 20 kg dumbbell.", "20 kg"),
        ("/log db hip thrust 3x10 24kg", "Logged *Hip thrust*: 3 × 10 @ 24 kg dumbbell.", "24 kg"),
        ("/log kb deadlift 3x5 24kg", "Logged *Deadlift*: 3 × 5 @ 24 kg kettlebell.", "24 kg"),
        ("/log dumbbell glute bridge 3x12 22kg", "Logged *Glute bridge*: 3 × 12 @ 22 kg dumbbell.", "22 kg"),
    ],
)
async def test_an_implement_before_a_library_lift_logs_that_lift_held(
    me: Chat, text: str, said: str, load: str
) -> None:
    logged = await one(me, text)
    assert logged.text.startswith(said), logged.text
    nxt = _next(logged)
    shown = said.rsplit("@ ", 1)[1].rstrip(".")  # "20 kg dumbbell": the target names it too
    assert f"@ {shown}. Same {shown}: one more rep" in nxt, nxt  # "Same 20 kg dumbbell"
    assert not any(word in nxt for word in BAR_WORDS), nxt
    assert all(s.implements == 1 for s in entries(me)[-1].sets)


async def test_a_dumbbell_before_an_rdl_named_in_full_is_a_pair(me: Chat) -> None:
    logged = await one(me, "/log dumbbell romanian deadlift 3x10 20kg")
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 2 × 20 kg."), logged.text
    assert [s.implements for s in entries(me)[-1].sets] == [2, 2, 2]


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        (
            "/log bb rdl 3x10 20kg dumbbells",
            "“bb rdl” says a barbell and dumbbells says a pair of dumbbells: which was it? Log it one way, "
            "like /log romanian deadlift 3x10 20kg barbell or /log romanian deadlift 3x10 20kg dumbbells. "
            "Nothing was logged.",
        ),
        (
            "/log bb rdl 3x10 2x20kg",
            "“bb rdl” says a barbell and 2x20kg says a pair of dumbbells: which was it? Log it one way, "
            "like /log romanian deadlift 3x10 20kg barbell or /log romanian deadlift 3x10 20kg dumbbells. "
            "Nothing was logged.",
        ),
        (
            "/log kb deadlift 3x5 24kg barbell",
            "“kb deadlift” says a kettlebell and barbell says a barbell: which was it? Log it one way, "
            "like /log deadlift 3x10 24kg kettlebell or /log deadlift 3x10 24kg barbell. Nothing was logged.",
        ),
    ],
)
async def test_a_name_and_sets_naming_two_implements_are_refused(me: Chat, text: str, reply: str) -> None:
    refused = await one(me, text)
    assert refused.text == reply, refused.text
    assert entries(me) == []


async def test_the_users_own_dumbbell_hip_thrust_still_wins(me: Chat) -> None:
    added = await one(me, "/exercise add dumbbell hip thrust glute lift")
    assert added.text.startswith("Added *dumbbell hip thrust* (glute lift)"), added.text
    logged = await one(me, "/log dumbbell hip thrust 3x10 20kg")
    assert logged.text.startswith("Logged *dumbbell hip thrust*: 3 × 10 @ 20 kg."), logged.text
    assert entries(me)[-1].exercise != "hip_thrust"


async def test_a_name_that_is_no_lift_after_the_implement_is_still_unknown(me: Chat) -> None:
    refused = await one(me, "/log dumbbell moonwalk 3x10 20kg")
    assert refused.text.startswith("“dumbbell moonwalk” is not an exercise I know"), refused.text

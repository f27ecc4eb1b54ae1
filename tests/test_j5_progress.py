"""Issue 10, "/progress charts every kind it logs": an exercise logged both at bodyweight and with a
load charts every session the text counts (the loads on one axis, the bodyweight days' reps on the
other), and the date axis is ticked on whole days, not every 12 hours."""

from __future__ import annotations

from datetime import datetime

import pytest

from coaching.charts import progress_chart, progress_figure
from coaching.prescribe import ExerciseRules
from domain.training import Entry, group_sessions
from handlers.logbook import user_zone
from tests.conftest import Chat
from tests.test_log_flow import ME, entries, logapp_fixture, me_fixture, one  # noqa: F401 - fixtures
from tests.test_telegram import USER, Coach, coach, fake  # noqa: F401 - fixtures

MIXED = [
    "/log glute bridge bw 3x15 2026-11-15",
    "/log glute bridge bw 3x15 2026-11-16",
    "/log glute bridge bw 3x15 2026-11-17",
    "/log glute bridge 3x10 40kg 2026-11-18",
    "/log glute bridge 3x10 50kg 2026-11-19",
]


def drawn_days(fig: object) -> set[float]:
    """The sessions a figure plots: the distinct x of every line on every axis (a PR star sits on a
    session's x, so it adds none)."""
    return {float(x) for a in fig.axes for line in a.get_lines() for x in line.get_xdata(orig=False)}  # type: ignore[attr-defined]


def rules_of(library: object) -> ExerciseRules:
    return ExerciseRules.from_library(library.exercises["glute_bridge"], level="beginner")  # type: ignore[attr-defined]


def starts_of(store: object, account: str) -> dict[int, datetime]:
    """Each entry's session start on the user's clock, as /progress counts sessions."""
    zone = user_zone(store.profile(account))  # type: ignore[attr-defined]
    return {
        e.id: s.start.astimezone(zone).replace(tzinfo=None)
        for s in group_sessions(store.entries(account))  # type: ignore[attr-defined]
        for e in s.entries
    }


def chart(history: list[Entry], library: object, starts: dict[int, datetime]) -> bytes:
    return progress_chart(history, "Glute bridge", "kg", rules_of(library), starts)


async def test_a_mixed_history_charts_every_session_the_text_counts(me: Chat, library) -> None:
    for line in MIXED:
        assert (await one(me, line)).text.startswith("Logged"), line
    reply = await one(me, "/progress glute bridge")
    assert reply.text.startswith("5 sessions of Glute bridge"), reply.text
    history = entries(me)
    starts = starts_of(me.app.ctx.store, me.app.ctx.store.account_of(ME))  # type: ignore[attr-defined]
    loaded_only = [e for e in history if any(s.load for s in e.sets)]
    assert reply.image is not None
    # The image in the chat is the chart of all five days, not of the two loaded ones.
    assert reply.image.png == chart(history, library, starts)
    assert reply.image.png != chart(loaded_only, library, starts)
    rules = rules_of(library)
    fig = progress_figure(history, "Glute bridge", "kg", rules, starts)
    assert len(drawn_days(fig)) == 5
    assert len(drawn_days(progress_figure(loaded_only, "Glute bridge", "kg", rules, starts))) == 2
    labels = [a.get_ylabel() for a in fig.axes]
    assert labels == ["weight (kg)", "total reps (bodyweight)"]


@pytest.mark.parametrize("span", [1, 2, 3, 5, 12])
def test_the_date_axis_is_ticked_on_whole_days(span: int, library) -> None:

    from tests.entries import log_entry

    history = [
        log_entry("glute_bridge", (10, 10), f"2026-11-{d:02d}T17:30:00+00:00", 40.0 + d, "kg", id=d)
        for d in (1, 1 + span)
    ]
    rules = ExerciseRules.from_library(library.exercises["glute_bridge"], level="beginner")
    fig = progress_figure(history, "Glute bridge", "kg", rules)
    fig.canvas.draw()
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    ticks = [t for t in ax.get_xticks() if low <= t <= high]
    assert 2 <= len(ticks) <= 8, ticks
    # Midnight of each day, where a day's session is drawn (tests/test_chart_days.py): whole days.
    assert all(float(t) % 1 == 0 for t in ticks), ticks
    assert not any(":" in label.get_text() for label in ax.get_xticklabels()), "hours on the axis"


async def test_telegram_progress_photo_is_the_chart_of_every_session(coach: Coach, library) -> None:  # noqa: F811
    for line in MIXED:
        await coach.say(line)
    [photo] = await coach.say("/progress glute bridge")
    assert photo.method == "sendPhoto" and "5 sessions of Glute bridge" in photo.raw["caption"]
    account = coach.app.store.account_of(f"telegram:{USER}")
    history = coach.app.store.entries(account)
    starts = starts_of(coach.app.store, account)
    png = photo.file("photo").data
    assert png == chart(history, library, starts)
    assert png != chart([e for e in history if any(s.load for s in e.sets)], library, starts)


async def test_two_sessions_on_one_day_are_two_points(me: Chat, library) -> None:
    for line in (
        "/log glute bridge 3x10 40kg 2026-11-18 at 7am",
        "/log glute bridge bw 3x15 2026-11-18 at 7pm",
        "/log glute bridge 3x10 45kg 2026-11-20",
    ):
        assert (await one(me, line)).text.startswith("Logged"), line
    reply = await one(me, "/progress glute bridge")
    assert reply.text.startswith("3 sessions of Glute bridge"), reply.text
    starts = starts_of(me.app.ctx.store, me.app.ctx.store.account_of(ME))  # type: ignore[attr-defined]
    assert reply.image is not None and reply.image.png == chart(entries(me), library, starts)
    fig = progress_figure(entries(me), "Glute bridge", "kg", rules_of(library), starts)
    assert len(drawn_days(fig)) == 3

"""A band's strength and position, logged as typed: a strength is stored only when the user says it
(or repeats an entry with same / +1 rep), a position unsaid defaults the same way for "band" and
"heavy band", and "heavy band=ankles" reads like "heavy band at the ankles"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import Chat, Clock
from tests.test_j5_outlier import my_rows, on_disk
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401 - fixtures
from tests.test_telegram import USER, Coach, coach, fake  # noqa: F401 - fixtures


def bands(chat: Chat) -> list[tuple[str | None, str | None]]:
    """(position, strength) of each stored entry's first set, from the account file."""
    return [(r["sets"][0].get("band"), r["sets"][0].get("resistance")) for r in my_rows(chat)]


async def log(chat: Chat, clock: Clock, line: str) -> str:
    clock.now += timedelta(days=1)  # a session a day, so each is the next one
    reply = await one(chat, f"/log {line}")
    return reply.text


async def test_a_strength_unsaid_is_not_carried_into_the_entry(me: Chat, clock: Clock) -> None:
    await log(me, clock, "sumo walk 3x20 heavy band")
    text = await log(me, clock, "sumo walk 3x20 band=ankles")
    assert text.startswith("Logged *Banded sumo walk*: 3 × 20 band at the ankles."), text
    assert "heavy band at the ankles" not in text.split("Next time")[0], text
    # The coach still knows which band it was: the target names the last strength said.
    assert "band at the feet (heavy band)" in text, text
    assert bands(me) == [("knees", "heavy"), ("ankles", None)]


@pytest.mark.parametrize("line", ["sumo walk 3x20 band", "sumo walk 3x20 heavy band", "sumo walk 3x20"])
async def test_band_and_heavy_band_alone_default_the_position_alike(
    me: Chat, clock: Clock, line: str
) -> None:
    await log(me, clock, "sumo walk 3x20 light band=ankles")
    text = await log(me, clock, line)
    assert text.startswith("Logged *Banded sumo walk*: 3 × 20 "), text
    assert "Say where the band goes" not in text
    position, strength = bands(me)[-1]
    # "heavy band" is a new band: it starts at the knees; the same band stays where it was
    assert position == ("knees" if "heavy" in line else "ankles")
    assert strength == ("heavy" if "heavy" in line else None)


async def test_a_first_band_alone_starts_where_heavy_band_alone_starts(me: Chat, clock: Clock) -> None:
    plain = await log(me, clock, "sumo walk 3x20 band")
    await me.say("/undo")
    strong = await log(me, clock, "sumo walk 3x20 heavy band")
    assert plain.startswith("Logged *Banded sumo walk*: 3 × 20 band at the knees."), plain
    assert strong.startswith("Logged *Banded sumo walk*: 3 × 20 heavy band at the knees."), strong
    assert bands(me) == [("knees", "heavy")]


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("heavy band=ankles", ("ankles", "heavy"), "3 × 20 heavy band at the ankles."),
        ("light band=feet", ("feet", "light"), "3 × 20 light band at the feet."),
        ("medium band: knees", ("knees", "medium"), "3 × 20 medium band at the knees."),
        ("heavy band at the feet", ("feet", "heavy"), "3 × 20 heavy band at the feet."),
    ],
)
async def test_a_strength_with_a_position_after_an_equals_sign_is_accepted(
    me: Chat, clock: Clock, typed: str, stored: tuple[str, str], shown: str
) -> None:
    text = await log(me, clock, f"sumo walk 3x20 {typed}")
    assert text.startswith(f"Logged *Banded sumo walk*: {shown}"), text
    assert bands(me) == [stored]


@pytest.mark.parametrize("again", ["sumo walk same", "sumo walk +1 rep", "same"])
async def test_a_repeat_carries_the_strength(me: Chat, clock: Clock, again: str) -> None:
    await log(me, clock, "sumo walk 3x15 heavy band=ankles")
    text = await log(me, clock, again)
    assert "heavy band at the ankles" in text, text
    assert bands(me) == [("ankles", "heavy"), ("ankles", "heavy")]


async def test_a_band_position_that_is_no_position_is_still_refused(me: Chat, clock: Clock) -> None:
    text = await log(me, clock, "sumo walk 3x20 heavy band=hips")
    assert "Nothing was logged" in text and "knees, ankles or feet" in text, text
    text = await log(me, clock, "sumo walk 3x20 band at the hips")
    assert "The band goes at the knees, ankles or feet, not 'hips'" in text, text
    assert my_rows(me) == []


async def test_telegram_heavy_band_equals_ankles_is_stored(coach: Coach) -> None:  # noqa: F811
    [msg] = await coach.say("/log sumo walk 3x20 heavy band=ankles")
    assert "heavy band at the ankles" in msg.text, msg.text
    [msg] = await coach.say("/log sumo walk 3x20 band=feet")
    assert "heavy band" not in msg.text.split("Next time")[0], msg.text
    rows = on_disk(coach.app, coach.app.store.account_of(f"telegram:{USER}"))
    assert [(r["sets"][0].get("band"), r["sets"][0].get("resistance")) for r in rows] == [
        ("ankles", "heavy"),
        ("feet", None),
    ]

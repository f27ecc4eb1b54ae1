"""Issue 10, "`+2.5kg` / `+1 rep` / `same`: the last entry with that change": a warm-up logged after
the work sets is not what a lifter repeats. The change goes onto the latest entry with working sets,
the card says which entry it repeated, and with only warm-ups logged the answer is a short refusal."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_j5_outlier import my_rows, on_disk
from tests.test_log_flow import labels, logapp_fixture, me_fixture, one  # noqa: F401 - fixtures
from tests.test_telegram import USER, Coach, coach, fake  # noqa: F401 - fixtures

SAID = "Repeated your last working sets (3 × 10 @ 80 kg, "


@pytest.mark.parametrize(
    ("line", "stored"),
    [
        ("/log hip thrust +2.5kg", [{"reps": 10, "load": 82.5, "unit": "kg"}] * 3),
        ("/log hip thrust +1 rep", [{"reps": 11, "load": 80.0, "unit": "kg"}] * 3),
        ("/log hip thrust same", [{"reps": 10, "load": 80.0, "unit": "kg"}] * 3),
        ("/log same", [{"reps": 10, "load": 80.0, "unit": "kg"}] * 3),
    ],
)
async def test_a_change_after_a_warmup_only_entry_repeats_the_working_sets(
    me: Chat, line: str, stored: list[dict]
) -> None:  # type: ignore[type-arg]
    await me.say("/log hip thrust 3x10 80kg")
    await me.say("/log hip thrust 1x10 40kg warmup")
    logged = await one(me, line)
    assert logged.text.startswith("Logged *Hip thrust*: 3 × "), logged.text
    assert SAID in logged.text and "not the warm-ups logged after them" in logged.text, logged.text
    assert "Undo" in labels(logged)
    rows = my_rows(me)
    assert len(rows) == 3 and rows[-1]["sets"] == stored


async def test_the_repeated_entry_keeps_its_own_warmups(me: Chat) -> None:
    await me.say("/log hip thrust w 40x10 / 3x10 80kg")
    await me.say("/log hip thrust w 20x10")
    logged = await one(me, "/log hip thrust +2.5kg")
    assert "Repeated your last working sets (3 × 10 @ 80 kg (+ 1 warm-up set), " in logged.text, logged.text
    assert my_rows(me)[-1]["sets"] == [
        {"reps": 10, "load": 40.0, "unit": "kg", "kind": "warmup"},
        *[{"reps": 10, "load": 82.5, "unit": "kg"}] * 3,
    ]


async def test_a_change_after_working_sets_says_nothing_extra(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    logged = await one(me, "/log hip thrust +2.5kg")
    assert "Repeated" not in logged.text and "3 × 10 @ 82.5 kg" in logged.text, logged.text


@pytest.mark.parametrize("line", ["/log rdl same", "/log rdl +2.5kg", "/log rdl +1 rep"])
async def test_only_warmups_logged_is_refused_with_an_example(me: Chat, line: str) -> None:
    await me.say("/log rdl w 40x10")
    refused = await one(me, line)
    assert refused.text == (
        "Your Romanian deadlift entries are warm-ups only, so there are no working sets to repeat or "
        "change. Log them in full, like /log romanian deadlift 3x10 60kg. Nothing was logged."
    ), refused.text
    assert len(my_rows(me)) == 1


async def test_telegram_plus_after_a_warmup_repeats_the_work(coach: Coach) -> None:  # noqa: F811
    await coach.say("/log hip thrust 3x10 80kg")
    await coach.say("/log hip thrust 1x10 40kg warmup")
    [logged] = await coach.say("/log hip thrust +2.5kg")
    assert "3 × 10 @ 82.5 kg" in logged.text and SAID in logged.text, logged.text
    rows = on_disk(coach.app, coach.app.store.account_of(f"telegram:{USER}"))
    assert rows[-1]["sets"] == [{"reps": 10, "load": 82.5, "unit": "kg"}] * 3


async def test_the_log_it_same_as_last_button_repeats_the_working_sets(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    await me.say("/log hip thrust w 40x10")
    [card] = await me.say("/explain hip thrust")
    [asked] = await me.press(card, "Log it")
    assert "Same as last: 3 × 10 @ 80 kg" in labels(asked), labels(asked)
    [logged] = await me.press(asked, "Same as last: 3 × 10 @ 80 kg")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 80 kg."), logged.text
    assert my_rows(me)[-1]["sets"] == [{"reps": 10, "load": 80.0, "unit": "kg"}] * 3


async def test_log_it_after_warmups_only_offers_no_same_as_last(me: Chat) -> None:
    await me.say("/log hip thrust w 40x10")
    [card] = await me.say("/explain hip thrust")
    [asked] = await me.press(card, "Log it")
    assert not any(label.startswith("Same as last") for label in labels(asked)), labels(asked)
    assert any(label.startswith("Next target") for label in labels(asked)), labels(asked)

"""/remind's refusals point the right way (a clean-clone tester): a date written with numbers only is
asked for with its month's name (24/12 is 24 December here and 12 April elsewhere), and a bare number
is said to need a colon or am/pm for a time, or its word and unit for a gap, not only the gap."""

from __future__ import annotations

from tests.conftest import Chat


async def test_a_numeric_date_is_asked_for_with_its_month_name(app, chat: Chat) -> None:
    text = await chat.text("/remind 24/12 10:00")
    assert text.startswith(
        "I can't tell the month of '24/12'; write the date with its month's name, like: 24 dec 10:00 or "
        "dec 24 10:00."
    ), text
    assert app.store.schedules("console:alice") == []
    assert "Next: Thu 24 Dec 10:00" in await chat.text("/remind 24 dec 10:00")


async def test_a_bare_number_names_the_time_and_the_gap(chat: Chat) -> None:
    text = await chat.text("/remind weekdays 7")
    assert text.startswith(
        "I don't know what '7' is here: a time takes a colon or am/pm (7:00, 7pm), a gap its word and unit "
        "(gap 7m)."
    ), text


async def test_a_recap_at_an_hour_that_does_not_exist_names_it(chat: Chat) -> None:
    assert await chat.text("/recap on mon 25:00") == (
        "25:00 is not a time of day (00:00 to 23:59). Give the recap one day and a time, e.g. "
        "/recap on sun 18:00, /recap on fri 7pm or /recap on 19:00."
    )


async def test_a_bare_hour_past_noon_is_offered_as_times_that_parse(chat: Chat, app) -> None:  # noqa: ANN001
    """Was: "(18:00, 18pm)": 18pm is no time. Each time offered is one /remind takes."""
    text = await chat.text("/remind mon 18")
    assert text.startswith(
        "I don't know what '18' is here: a time takes a colon or am/pm (18:00, 6pm), a gap its word and unit "
        "(gap 18m)."
    ), text
    assert "18pm" not in text
    assert app.store.schedules("console:alice") == []
    assert "(0:00, 12am)" in await chat.text("/remind mon 0")
    assert "(18:00, 6pm)" in await chat.text("/remind mon 99")
    assert "Next: Mon" in await chat.text("/remind mon 18:00")
    assert "You already have that reminder (#1)" in await chat.text("/remind mon 6pm")  # the same time
    assert "Next: Mon" in await chat.text("/remind mon 12am")
    assert "You already have that reminder (#2)" in await chat.text("/remind mon 0:00")

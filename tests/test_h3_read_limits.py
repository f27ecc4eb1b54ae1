"""Tester h3: a plain /recap (showing this week) was charged to the write limit as if it changed
something, and once the budget was spent it was refused. A command typed alone that only shows a setting
spends nothing and answers even then; changing the setting is still a write."""

from __future__ import annotations

from tests.conftest import Chat

TOO_MANY_CHANGES = "That's a lot of changes in a short time: wait a minute and try again."


async def test_plain_recap_spends_no_write_budget(chat: Chat) -> None:
    for _ in range(30):
        assert "Your last 7 days" in await chat.text("/recap")
    # The whole budget is left for changes.
    for _ in range(20):
        assert await chat.text("/recap off") != TOO_MANY_CHANGES
    assert await chat.text("/recap off") == TOO_MANY_CHANGES


async def test_reads_answer_when_the_budget_is_spent(chat: Chat) -> None:
    for _ in range(20):
        await chat.say("/units lb")
    assert await chat.text("/units kg") == TOO_MANY_CHANGES
    assert "Your last 7 days" in await chat.text("/recap")
    assert await chat.text("/units") == "You log in lb. Change with /units kg or /units lb."
    assert (await chat.text("/goal")).startswith("No weekly goal yet.")
    assert (await chat.text("/timezone")).startswith("Your timezone is UTC")


async def test_a_refused_timezone_or_goal_says_what_is_wrong_when_the_budget_is_spent(chat: Chat) -> None:
    # Tester 6: with the budget spent, "/timezone Narnia/Capital" and "/goal 99" got "That's a lot of
    # changes", as if they would change something; a refusal is said as such (and costs nothing).
    for _ in range(20):
        await chat.say("/units lb")
    assert (await chat.text("/timezone Narnia/Capital")).startswith(
        "“Narnia/Capital” is not a timezone I know."
    )
    assert await chat.text("/goal 99") == "Give sessions per week from 1 to 7, e.g. /goal 3 (or /goal off)."
    assert await chat.text("/timezone Europe/Paris") == TOO_MANY_CHANGES
    assert await chat.text("/goal 3") == TOO_MANY_CHANGES

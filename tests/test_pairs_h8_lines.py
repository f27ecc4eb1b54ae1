"""Two commands in one Telegram message (the tester's report): ``/log glute bridge bw 3x15`` and, on the
next line, ``/log hip thrust 3x10 90kg``. One command goes per message: the reply says so with the
user's own lines as the example, and nothing is stored (not the first line, not both)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.fakes.telegram_api import FakeBotAPI
from tests.test_telegram import USER, start_coach, stop_coach

NOW = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)


@pytest.fixture
async def coach(tmp_path, library, clock):
    clock.now = NOW
    async with FakeBotAPI() as fake:
        c = await start_coach(tmp_path / "data", fake, library, clock, settings={"write_limit_per_minute": 0})
        try:
            yield c
        finally:
            await stop_coach(c)


async def test_two_log_lines_in_one_message_log_nothing_and_say_one_per_message(coach) -> None:
    [msg] = await coach.say("/log glute bridge bw 3x15\n/log hip thrust 3x10 90kg")
    assert msg.text == (
        "One command per message, please: send each line on its own, like /log glute bridge bw 3x15 and "
        "then /log hip thrust 3x10 90kg. Nothing was logged."
    )
    assert coach.app.store.entries(f"telegram:{USER}") == []
    # Each on its own is logged as usual.
    [first] = await coach.say("/log glute bridge bw 3x15")
    assert first.text.startswith("Logged <b>Glute bridge</b>"), first.text
    assert len(coach.app.store.entries(f"telegram:{USER}")) == 1


async def test_any_command_on_a_later_line_is_refused_before_it_is_read(coach) -> None:
    await coach.say("/log hip thrust 3x10 80kg")
    [msg] = await coach.say("/log hip thrust 3x10 90kg\n\n  /undo")
    assert msg.text == (
        "One command per message, please: send each line on its own, like /log hip thrust 3x10 90kg and "
        "then /undo. Nothing was logged."
    )
    assert [s.load for s in coach.app.store.entries(f"telegram:{USER}")[-1].sets] == [80.0] * 3

"""The target reads a day's light sets as the card does (a clean-clone tester).

Light sets logged after the work, which the card counts as warm-ups, are not carried into "Next time"
as a scheme of their own (it said "3 × 11 @ 100 kg, 2 × 8 @ 42.5 kg" under a card calling 2x15 @ 40 kg
warm-ups). A back-off block far lighter than the day's top work (3x10 @ 100 kg, then 3x10 @ 40 kg) is work the
lifter did: "Next time" keeps building on 100 kg instead of taking 100 kg for a typo and dropping the
lifter to 40 kg. A load far past any plausible back-off (600 kg confirmed, then
3x10 @ 160 kg) is still read as the mistake (tests/test_l4_targets.py)."""

from __future__ import annotations

from tests.conftest import Chat


def _next(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("Next time:"))


async def test_a_back_off_block_at_40_percent_keeps_the_top_work(chat: Chat) -> None:
    await chat.text("/log hip thrust 3x10 100kg")
    line = _next(await chat.text("/log hip thrust 3x10 40kg"))
    assert line.startswith("Next time: 3 × 11 @ 100 kg"), line
    assert "mistake" not in line, line


async def test_light_sets_the_card_calls_warm_ups_are_not_carried_into_the_target(chat: Chat) -> None:
    text = await chat.text("/log hip thrust 3x10 100kg, 2x15 40kg")
    assert "2 × 15 @ 40 kg count as warm-ups" in text, text
    assert _next(text) == (
        "Next time: 3 × 11 @ 100 kg — 25 + 15 per side. Same 100 kg: one more rep on each set below 12."
    )


async def test_light_sets_logged_one_by_one_after_the_work_stay_out_of_the_target(chat: Chat) -> None:
    await chat.text("/log hip thrust 3x10 100kg")
    await chat.text("/log hip thrust 1x10 40kg")
    text = await chat.text("/log hip thrust 1x10 40kg")
    assert "40 kg × 10 counts as a warm-up" in text, text
    assert "@ 40 kg" not in _next(text), text

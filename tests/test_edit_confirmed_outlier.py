"""A heavy entry confirmed once is not asked about again when only its note, RPE or date is edited;
an edit that changes its load still is."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture  # noqa: F401 - fixtures


async def test_editing_the_note_or_rpe_of_a_confirmed_heavy_entry_does_not_ask_again(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 60kg")
    [asked] = await me.say("/log hip thrust 3x10 100kg")
    assert "more than 1.5× your best" in asked.text, asked.text
    await me.press(asked, "Confirm")
    noted = await me.text("/edit (felt fine)")
    assert noted.startswith("Changed Hip thrust: 3 × 10 @ 100 kg"), noted
    rated = await me.text("/edit rpe 8")
    assert rated.startswith("Changed Hip thrust: 3 × 10 @ 100 kg RPE 8"), rated
    last = entries(me)[-1]
    assert last.note == "felt fine" and {s.rpe for s in last.sets} == {8.0}
    heavier = await me.text("/edit 3x10 150kg")
    assert "more than 1.5× your best" in heavier, heavier  # a new load is still checked

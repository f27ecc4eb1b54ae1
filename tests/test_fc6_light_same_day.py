"""A load far under the work it follows is asked about before it is stored, within one session too,
and when /edit changes an entry's load: `/log hip thrust 3x10 100kg` then `/log hip thrust 3x10 15kg`
the same day was stored without a question (the next card then called it a mistake), and `/edit 5kg`
on 3x10 @ 100 kg was stored at once. The empty bar, and a lone ramp step, are still no question."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, labels, logapp_fixture, me_fixture  # noqa: F401


async def test_a_tiny_load_after_the_days_work_is_asked_about(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    [asked] = await me.say("/log hip thrust 3x10 15kg")
    assert asked.text.startswith("15 kg is under a quarter of your recent work (100 kg). Is that right?"), (
        asked.text
    )
    assert "Nothing is stored until you confirm." in asked.text
    assert labels(asked) == ["Confirm", "Cancel"]
    assert [e.working[0].load for e in entries(me)] == [100.0]
    [logged] = await me.press(asked, "Confirm")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 15 kg"), logged.text
    assert [e.working[0].load for e in entries(me)] == [100.0, 15.0]


async def test_the_empty_bar_and_a_lone_step_the_same_day_are_not_asked(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    for line in ("/log hip thrust 3x10 20kg", "/log hip thrust 1x10 30kg"):
        logged = await me.text(line)
        assert logged.startswith("Logged"), (line, logged)


async def test_edit_to_a_far_lighter_load_asks_as_log_does(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    [asked] = await me.say("/edit 5kg")
    assert asked.text.startswith("5 kg is under a quarter of your recent work (100 kg). Is that right?"), (
        asked.text
    )
    assert "Nothing is stored until you confirm." in asked.text
    assert labels(asked) == ["Confirm", "Cancel"]
    assert [(s.reps, s.load) for s in entries(me)[-1].sets] == [(10, 100.0)] * 3  # nothing stored yet
    [cancelled] = await me.press(asked, "Cancel")
    assert "nothing was stored" in cancelled.text, cancelled.text
    assert [(s.reps, s.load) for s in entries(me)[-1].sets] == [(10, 100.0)] * 3
    [again] = await me.say("/edit 5kg")
    [changed] = await me.press(again, "Confirm")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 5 kg"), changed.text
    assert [(s.reps, s.load) for s in entries(me)[-1].sets] == [(10, 5.0)] * 3
    assert len(entries(me)) == 1


async def test_edit_to_a_nearby_load_is_stored_at_once(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 100kg")
    changed = await me.text("/edit 90kg")
    assert changed.startswith("Changed Hip thrust: 3 × 10 @ 90 kg"), changed

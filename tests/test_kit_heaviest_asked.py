"""A dumbbell or kettlebell far heavier than the kit's heaviest (one held, or a pair, per hand) is asked
about before it is stored, as a load far over the lifter's best is: "200 kg is more than your heaviest
dumbbell (50 kg). Is that right?" (the commercial gym's dumbbells go to 50 kg, its kettlebells to 48).
/edit asks it as /log does. Confirmed, it is stored, and the next load past the kit is not asked again."""

from __future__ import annotations

from domain.training import Held
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture  # noqa: F401 - fixtures


async def _asked(me: Chat, line: str, question: str) -> None:
    [asked] = await me.say(line)
    assert asked.text.startswith(question), (line, asked.text)
    assert "Nothing is stored until you confirm." in asked.text
    assert [b.label for row in asked.buttons for b in row] == ["Confirm", "Cancel"]


async def test_one_dumbbell_or_kettlebell_or_a_pair_past_the_kit_is_asked(me: Chat) -> None:
    await _asked(
        me,
        "/log hip thrust 3x10 200kg dumbbell",
        "200 kg is more than your heaviest dumbbell (50 kg). Is that right?",
    )
    await _asked(
        me, "/log kb swing 3x10 150kg", "150 kg is more than your heaviest kettlebell (48 kg). Is that right?"
    )
    await _asked(
        me, "/log rdl 3x10 2x100kg", "2 × 100 kg is more than your heaviest dumbbell (50 kg). Is that right?"
    )
    assert entries(me) == []


async def test_confirmed_it_is_stored_and_not_asked_again(me: Chat) -> None:
    [asked] = await me.say("/log hip thrust 3x10 200kg dumbbell")
    [logged] = await me.press(asked, "Confirm")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 200 kg"), logged.text
    assert {(s.load, s.held) for s in entries(me)[-1].sets} == {(200.0, Held.DUMBBELL)}
    again = await me.text("/log hip thrust 3x10 210kg dumbbell")
    assert again.startswith("Logged"), again


async def test_loads_the_kit_has_are_not_asked(me: Chat) -> None:
    for line in ("/log rdl 3x10 2x24kg", "/log kb swing 3x10 32kg", "/log hip thrust 3x10 40kg dumbbell"):
        logged = await me.text(line)
        assert logged.startswith("Logged"), (line, logged)


async def test_the_lifters_own_kit_is_the_measure(me: Chat) -> None:
    await me.say("/equipment preset home dumbbells")  # 2 to 10 kg
    await _asked(
        me, "/log rdl 3x10 2x20kg", "2 × 20 kg is more than your heaviest dumbbell (10 kg). Is that right?"
    )


async def test_edit_asks_as_log_does(me: Chat) -> None:
    await me.say("/log rdl 3x10 2x20kg")
    await _asked(
        me, "/edit 40x10, 100x10x3", "2 × 100 kg is more than your heaviest dumbbell (50 kg). Is that right?"
    )
    assert {s.load for s in entries(me)[-1].sets} == {20.0}  # unchanged until confirmed
    [asked] = await me.say("/edit 40x10, 100x10x3")
    [changed] = await me.press(asked, "Confirm")
    assert changed.text.startswith("Changed *Romanian deadlift*: 3 × 10 @ 2 × 100 kg"), changed.text
    assert {(s.load, s.implements) for s in entries(me)[-1].working} == {(100.0, 2)}

"""/warmup ramps to a dumbbell or kettlebell load a little past the kit's heaviest, as /log stores it,
and says so as /log's card does. Was: "/warmup bss 2x55kg" (dumbbells to 50 kg) was refused ("2 × 55
kg is heavier than your heaviest dumbbells (2 × 50 kg). /warmup bulgarian split squat 2x50 ramps to
that."), even after "/log bss 3x10 2x55kg" stored the sets: a lifter whose gym has heavier dumbbells
than their /equipment lists got no ramp."""

from __future__ import annotations

from tests.conftest import Chat

NOTE = (
    "Your set-up's dumbbells stop at 50 kg: warming up to 2 × 55 kg as you typed it. "
    "If you have heavier ones, /equipment changes your set-up."
)


async def test_a_pair_past_the_kits_dumbbells_ramps_to_it_as_typed(chat: Chat) -> None:
    [reply] = await chat.say("/warmup bss 2x55kg")
    assert reply.title == "Warm-up: Bulgarian split squat to 2 × 55 kg"
    assert reply.text.replace("*", "").splitlines() == [
        NOTE,
        "• 22 kg each hand × 5",
        "• 32 kg each hand × 3",
        "• 44 kg each hand × 2",
        "Then your working sets at 2 × 55 kg.",
    ], reply.text
    # /log says the same of the same load, in its own words for what it did with it.
    logged = await chat.text("/log bss 3x10 2x55kg")
    assert "Your set-up's dumbbells stop at 50 kg: 2 × 55 kg is stored as you typed it." in logged, logged
    # Logged past the kit that way, the lifter knows: the ramp, with nothing more said, as on /log.
    again = await chat.text("/warmup bss 2x55kg")
    assert "stop at" not in again and "• 44 kg each hand × 2" in again, again
    assert "Then your working sets at 2 × 55 kg." in again, again


async def test_one_kettlebell_past_the_kit_ramps_on_the_kettlebells(chat: Chat) -> None:
    text = await chat.text("/warmup kettlebell swing 52")
    assert text.replace("*", "").splitlines()[3:] == [
        "Your set-up's kettlebells stop at 48 kg: warming up to 52 kg as you typed it. "
        "If you have heavier ones, /equipment changes your set-up.",
        "• 20 kg × 5",
        "• 28 kg × 3",
        "• 40 kg × 2",
        "Then your working sets at 52 kg.",
    ], text

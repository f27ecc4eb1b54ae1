"""``/log <lift> +2.5kg`` on dumbbells and kettlebells (the tester's report): it asks for the next load
up, so it stores a load the user's kit has (no 2 × 14.5 kg dumbbells, no 18.5 kg kettlebell), and the
card says what was stored and why; at the top of the rack nothing is logged. A barbell keeps the sum."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401


def loads(chat: Chat) -> list[tuple[float | None, str | None, int]]:
    """The newest entry's working loads as stored: (load per implement, unit, implements)."""
    return [(s.load, s.unit, s.implements) for s in entries(chat)[-1].working]


async def test_plus_on_a_pair_of_dumbbells_goes_to_the_next_pair_the_kit_has(me: Chat) -> None:
    await one(me, "/log rdl 3x10 2x12kg 2026-11-27")
    reply = await one(me, "/log rdl +2.5kg")
    lines = reply.text.split("\n")
    assert lines[0] == "Logged *Romanian deadlift*: 3 × 10 @ 2 × 14 kg.", reply.text
    # (Round l4: 2 × 14 kg is below the 2 × 14.5 kg asked, not "the next pair up" from it.)
    assert lines[1] == (
        "2 × 12 kg + 2.5 kg a hand is 2 × 14.5 kg, which your dumbbells don't come in, so the next pair "
        "below it: 2 × 14 kg."
    )
    assert "Working (3 sets): 3 × 10 @ 2 × 14 kg" in lines
    assert "14.5 kg is not loadable" not in reply.text
    assert loads(me) == [(14.0, "kg", 2)] * 3


async def test_plus_on_a_kettlebell_goes_to_the_next_bell_and_minus_to_the_one_below(me: Chat) -> None:
    await one(me, "/log kettlebell swing 3x15 16kg 2026-11-26")
    up = await one(me, "/log kettlebell swing +2.5kg")
    assert up.text.startswith(
        "Logged *Kettlebell swing*: 3 × 15 @ 20 kg.\n"
        "16 kg + 2.5 kg is 18.5 kg, which your kettlebells don't come in, so the next one up: 20 kg."
    ), up.text
    assert loads(me) == [(20.0, "kg", 1)] * 3
    down = await one(me, "/log kettlebell swing -2.5kg")
    assert (
        "20 kg − 2.5 kg is 17.5 kg, which your kettlebells don't come in, so the next one down: 16 kg."
        in (down.text)
    )
    assert loads(me) == [(16.0, "kg", 1)] * 3


async def test_a_change_the_kit_has_is_stored_as_asked_with_no_note(me: Chat) -> None:
    await one(me, "/log rdl 3x10 2x12kg 2026-11-27")
    reply = await one(me, "/log rdl +4kg")
    assert reply.text.split("\n")[:2] == [
        "Logged *Romanian deadlift*: 3 × 10 @ 2 × 16 kg.",
        "Mon 30 Nov 2026, 17:00",
    ]
    assert loads(me) == [(16.0, "kg", 2)] * 3


async def test_the_heaviest_dumbbells_have_no_next_pair_so_nothing_is_logged(me: Chat) -> None:
    await one(me, "/log rdl 3x10 2x50kg 2026-11-27")
    reply = await one(me, "/log rdl +2.5kg")
    assert reply.text == (
        "Your equipment has no dumbbell heavier than 50 kg, so nothing was logged. If that is what you "
        "lifted, log it in full, like /log romanian deadlift 3x10 2x52.5kg; /equipment shows and changes "
        "what you have."
    )
    assert len(entries(me)) == 1


async def test_a_barbell_keeps_the_sum(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 80kg 2026-11-26")
    reply = await one(me, "/log hip thrust +2.5kg")
    assert reply.text.startswith("Logged *Hip thrust*: 3 × 10 @ 82.5 kg.\nMon 30 Nov 2026"), reply.text
    assert loads(me) == [(82.5, "kg", 1)] * 3

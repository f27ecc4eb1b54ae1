"""``/log <lift> +4`` on a kettlebell or dumbbells logged in the other unit: the kit's own bell that the
logged one is (24 kg is the 53 lb bell) is where the change starts, so a change up stores the next bell
up and a change down the next one down, never the same bell under the other unit's name."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401


def loads(chat: Chat) -> list[tuple[float | None, str | None, int]]:
    """The newest entry's working loads as stored: (load per implement, unit, implements)."""
    return [(s.load, s.unit, s.implements) for s in entries(chat)[-1].working]


async def test_plus_on_a_kg_bell_with_a_pound_kit_goes_to_the_next_bell_up(me: Chat) -> None:
    await one(me, "/units lb")
    await one(me, "/log kettlebell swing 3x15 24kg 2026-11-27")
    reply = await one(me, "/log kettlebell swing +4")
    assert reply.text.startswith("Logged *Kettlebell swing*: 3 × 15 @ 62 lb.\n"), reply.text
    assert "so the next one up: 62 lb" in reply.text
    assert "53 lb" not in reply.text.split("\n")[0]
    assert loads(me) == [(62.0, "lb", 1)] * 3


async def test_minus_on_a_kg_bell_a_hair_over_the_pound_one_goes_to_the_bell_below(me: Chat) -> None:
    await one(me, "/units lb")
    await one(me, "/log kettlebell swing 3x15 16kg 2026-11-27")  # 35.27 lb: the 35 lb bell
    reply = await one(me, "/log kettlebell swing -4lb")
    assert reply.text.startswith("Logged *Kettlebell swing*: 3 × 15 @ 25 lb.\n"), reply.text
    assert loads(me) == [(25.0, "lb", 1)] * 3


async def test_minus_on_kg_dumbbells_goes_to_the_pair_below_not_the_same_pair(me: Chat) -> None:
    await one(me, "/units lb")
    await one(me, "/log rdl 3x10 2x16kg 2026-11-27")  # 2 × 35.27 lb: the 35 lb pair
    reply = await one(me, "/log rdl -2lb")
    assert reply.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 2 × 30 lb.\n"), reply.text
    assert loads(me) == [(30.0, "lb", 2)] * 3

"""/warmup with no load ramps to the next target on the implement it was done with: a dumbbell RDL on a
home-dumbbells kit (no barbell) ramps the dumbbells, as /warmup rdl 2x10kg does (a tester got "has
nothing to load a barbell lift with")."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401


async def test_warmup_with_no_load_ramps_the_dumbbells_a_pair_was_logged_with(me: Chat) -> None:
    await me.say("/equipment preset home dumbbells")
    await me.say("/log rdl 3x10 2x10kg 2026-11-27")
    reply = await one(me, "/warmup rdl")
    assert "nothing to load" not in reply.text, reply.text
    assert reply.text.startswith("Your next target: 3 × 11 @ 2 × 10 kg"), reply.text
    assert "each hand" in reply.text or "light enough" in reply.text, reply.text
    # A barbell lift with no barbell in the set-up still says so.
    barbell = await one(me, "/warmup hip thrust 100")
    assert "has nothing to load a barbell lift with" in barbell.text

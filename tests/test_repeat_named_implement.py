"""A repeat whose name says an implement ("kb deadlift same", "bb hip thrust +2.5kg") never stores the
other implement's sets: repeating a barbell day as a kettlebell one gave a barbell PR (a new user's test)."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture  # noqa: F401 - fixtures


async def test_a_kettlebell_repeat_after_a_barbell_day_is_refused_and_stores_nothing(me: Chat) -> None:
    await me.text("/log kb deadlift 3x5 24kg 2 days ago")
    await me.text("/log deadlift 3x5 100kg yesterday")
    for line in ("/log kb deadlift +2.5kg", "/log kb deadlift same"):
        reply = await me.text(line)
        assert reply.startswith("Your last deadlift (3 × 5 @ 100 kg) was not done with a kettlebell"), reply
        assert "Nothing was logged." in reply and "PR" not in reply, reply
    assert len(entries(me)) == 2
    assert (await me.text("/log deadlift same")).startswith("Logged Deadlift: 3 × 5 @ 100 kg.")


async def test_a_barbell_repeat_of_a_dumbbell_day_is_refused_and_the_same_way_repeats(me: Chat) -> None:
    await me.text("/log hip thrust 3x10 24kg dumbbell yesterday")
    refused = await me.text("/log bb hip thrust same")
    assert "was not done with a barbell" in refused and "Nothing was logged." in refused, refused
    again = await me.text("/log dumbbell hip thrust same")
    assert again.startswith("Logged Hip thrust: 3 × 10 @ 24 kg dumbbell."), again


async def test_a_pair_named_by_its_dumbbells_and_a_kettlebell_lift_repeat_as_before(me: Chat) -> None:
    await me.text("/log rdl 3x10 2x20kg yesterday")
    assert (await me.text("/log dumbbell rdl same")).startswith(
        "Logged Romanian deadlift: 3 × 10 @ 2 × 20 kg."
    )
    await me.text("/log kb swing 3x10 24kg yesterday")
    assert (await me.text("/log kb swing same")).startswith("Logged Kettlebell swing: 3 × 10 @ 24 kg.")


async def test_a_kettlebell_repeat_of_a_dumbbell_lifts_pair_day_is_refused(me: Chat) -> None:
    # A dumbbell lift as the bar lifts above: "kb bss same" after a pair of dumbbells stored the pair
    # again for a kettlebell day.
    await me.text("/log bss 3x10 each side 2x20kg yesterday")
    refused = await me.text("/log kb bss same")
    assert refused.startswith(
        "Your last bulgarian split squat (3 × 10 each side @ 2 × 20 kg) was not done with a kettlebell"
    ), refused
    assert "Nothing was logged." in refused, refused
    assert len(entries(me)) == 1
    assert (await me.text("/log db bss same")).startswith(
        "Logged Bulgarian split squat: 3 × 10 each side @ 2 × 20 kg."
    )
    # One kettlebell's day repeats as one kettlebell, and is no dumbbell's to repeat.
    await me.text("/log bss 3x10 each side 20kg kettlebell")
    assert "was not done with a dumbbell" in await me.text("/log db bss same")
    again = await me.text("/log kb bss same")
    assert again.startswith("Logged Bulgarian split squat: 3 × 10 each side @ 20 kg kettlebell."), again
    assert len(entries(me)) == 4

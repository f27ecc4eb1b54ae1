"""A pair of dumbbells (``2x12kg``, stored per hand) is judged in all and said as logged (the tester's
report): the outlier check compares 2 × 12 kg as 24 kg and names it "2 × 12 kg", /progress labels the
heaviest load "2 × 12 kg", and /warmup takes the pair form /log takes."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401


async def test_an_outlier_names_a_pair_best_as_logged(me: Chat) -> None:
    await one(me, "/log rdl 3x10 2x12kg 2026-11-27")
    await one(me, "/log rdl 3x10 30kg")
    # (A pair is judged by the work done with a pair: a barbell's 85 kg after them is no typo.)
    asked = await one(me, "/edit 3x10 2x40kg")
    assert (
        asked.text.split("\n")[0]
        == "2 × 40 kg is more than 1.5× your best so far (2 × 12 kg). Is that right?"
    )
    assert [s.load for s in entries(me)[-1].working] == [30.0] * 3  # nothing changed until confirmed


async def test_a_pair_is_judged_in_all_so_a_bar_of_their_sum_is_no_outlier(me: Chat) -> None:
    await one(me, "/log rdl 3x10 2x12kg 2026-11-27")
    # 30 kg on a bar after 2 × 12 kg (24 kg in hand) is a normal step, not "more than 1.5× 12 kg".
    logged = await one(me, "/log rdl 3x10 30kg")
    assert logged.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 30 kg."), logged.text
    assert len(entries(me)) == 2
    # A pair far above the pair's best is still asked, said as a pair (judged by the pair's work, not
    # the bar's).
    asked = await one(me, "/log rdl 3x10 2x32kg")
    assert (
        asked.text.split("\n")[0]
        == "2 × 32 kg is more than 1.5× your best so far (2 × 12 kg). Is that right?"
    )
    assert len(entries(me)) == 2


async def test_progress_labels_a_pair_heaviest_load_as_a_pair(me: Chat) -> None:
    await one(me, "/log rdl 3x10 2x12kg 2026-11-27")
    reply = await one(me, "/progress rdl")
    lines = reply.text.split("\n")
    assert "Best estimated 1RM: 32 kg" in lines and "Heaviest load: 2 × 12 kg" in lines, reply.text
    # A bar heavier than one dumbbell but lighter than the pair: each way on its own, the pair said as a
    # pair (never one line with the bar's loads, where the 20 kg bar was left out).
    await one(me, "/log rdl 3x10 20kg")
    lines = (await one(me, "/progress rdl")).text.split("\n")
    assert "Heaviest load: 20 kg (barbell); 2 × 12 kg (a pair)" in lines, lines


async def test_warmup_takes_a_pair_as_log_writes_it(me: Chat) -> None:
    reply = await one(me, "/warmup rdl 2x24kg")
    assert reply.text == (
        "• 8 kg each hand × 5\n• 14 kg each hand × 3\n• 18 kg each hand × 2\nThen your working sets at *2 × 24 kg*."
    )
    off = await one(me, "/warmup rdl 2 x 25")
    # 24 and 26 kg are equally near 25: both are named (tester r2), the lighter is warmed up to.
    assert off.text.startswith(
        "2 × 25 kg can't be loaded with your set-up: the nearest are 2 × 24 kg and 2 × 26 kg, equally near. "
        "Warming up to the lighter, 2 × 24 kg:"
    )
    other = await one(me, "/warmup rdl 3x10")
    assert (
        other.text
        == "Give one working load, e.g. /warmup rdl 100, or a pair of dumbbells as /warmup rdl 2x24kg."
    )


async def test_the_progress_chart_draws_a_pair_in_all_as_the_text_says(me: Chat) -> None:
    from coaching.charts import sessions

    await one(me, "/log rdl 3x10 2x12kg 2026-11-27")
    reply = await one(me, "/progress rdl")
    assert "Best estimated 1RM: 32 kg" in reply.text.split("\n") and reply.image is not None
    # The chart /progress sends draws these points: both hands, not one 12 kg dumbbell (16 kg 1RM).
    [day] = sessions(entries(me), "kg")
    assert (day.top_weight, day.best_e1rm) == (24.0, 32.0)

"""Tester: 3x10 @ 100 kg, then 3x10 @ 600 kg confirmed at the outlier question, then 3x10 @ 100 kg gave
"Next time: 3 × 11 @ 600 kg … 100 kg was a lighter day, so this builds on your 600 kg working weight",
and /plan ramped warm-ups to 480 kg. A session more than three times lighter is no lighter day: the
heavier one was the mistake (as within one day, `_doubted`). The target builds on the latest session
and says the 600 kg looks like a typo, and how to fix it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

NOW = datetime(2026, 11, 30, 18, tzinfo=UTC)


async def _log_typo(chat: Chat) -> None:
    await chat.text("/log hip thrust 3x10 100kg 2026-11-25")
    [asked] = await chat.say("/log hip thrust 3x10 600kg 2026-11-27")
    [logged] = await chat.press(asked, "Confirm")
    assert logged.text.startswith("Logged *Hip thrust*"), logged.text


async def test_a_confirmed_typo_is_not_the_working_weight(app, chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await _log_typo(chat)
    line = _next(await chat.text("/log hip thrust 3x10 100kg 2026-11-30"))
    assert line.startswith("Next time: 3 × 11 @ 100 kg"), line
    assert "lighter day" not in line, line
    assert (
        "600 kg on 27 Nov looks like a typo, so this builds on your latest 100 kg"
        " (to fix it: /history, then /delete its number)" in line
    ), line
    # The log keeps what was confirmed: only the target reads past it.
    stored = [(e.working[0].load, len(e.working)) for e in app.store.entries("console:alice")]
    assert stored == [(100.0, 3), (600.0, 3), (100.0, 3)]
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 11 @ 100 kg" in plan, plan
    assert "480 kg" not in plan and "600 kg" not in plan.split("Hip thrust:")[1].splitlines()[0], plan
    # Deleted as the note says, the typo is no longer mentioned.
    history = await chat.text("/history")
    [number] = [re.match(r"#(\d+) ", x)[1] for x in history.splitlines() if "600 kg" in x]
    [asked] = await chat.say(f"/delete {number}")
    if asked.buttons:
        await chat.press(asked, asked.buttons[0][0].label)
    assert [e.working[0].load for e in app.store.entries("console:alice")] == [100.0, 100.0]
    line = _next(await chat.text("/log hip thrust 3x11 100kg 2026-11-30"))
    assert line.startswith("Next time: 3 × 12 @ 100 kg") and "typo" not in line, line


async def test_the_target_goes_on_from_the_latest_after_the_typo(chat: Chat, clock: Clock) -> None:
    clock.now = NOW
    await _log_typo(chat)
    await chat.text("/log hip thrust 3x10 100kg 2026-11-30")
    clock.now = datetime(2026, 12, 2, 18, tzinfo=UTC)
    line = _next(await chat.text("/log hip thrust 3x11 100kg 2026-12-02"))
    assert line.startswith("Next time: 3 × 12 @ 100 kg"), line
    assert "600 kg on 27 Nov looks like a typo" in line, line


async def test_a_load_after_a_confirmed_typo_is_checked_against_the_recent_work(
    chat: Chat, clock: Clock
) -> None:
    # Tester: with 600 kg confirmed, 250 kg was under 1.5× that "best" and stored without a question.
    clock.now = NOW
    await _log_typo(chat)
    await chat.say("/log hip thrust 3x10 100kg 2026-11-28")
    [asked] = await chat.say("/log hip thrust 3x10 250kg 2026-11-30")
    assert asked.text.startswith("250 kg is more than 1.5× your recent sets (100 kg). Is that right?"), (
        asked.text
    )
    assert (await chat.text("/log hip thrust 3x10 110kg 2026-11-30")).startswith("Logged")  # no question


async def test_a_lighter_load_after_one_session_is_no_typo_of_that_session(chat: Chat, clock: Clock) -> None:
    # Tester: 100 kg, then 10 kg said "100 kg on 27 Nov looks like a typo".
    clock.now = NOW
    await chat.say("/log hip thrust 3x10 100kg 2026-11-27")
    card = await chat.text("/log hip thrust 3x10 10kg")
    assert "typo" not in card, card


async def test_one_very_light_day_after_weeks_at_a_load_is_a_lighter_day(chat: Chat, clock: Clock) -> None:
    # Tester 4: 100 kg three times, then 30 kg: "Next time: 3 × 11 @ 30 kg", and 100 kg after it was
    # asked about as "more than 1.5× your recent sets". A far lighter day is a lighter day; only a lone
    # far heavier session between lighter ones is read as a typo.
    clock.now = NOW
    for day in ("20", "24", "27"):
        await chat.say(f"/log hip thrust 3x10 100kg 2026-11-{day}")
    line = _next(await chat.text("/log hip thrust 3x10 30kg 2026-11-30"))
    assert "30 kg was a lighter day, so this builds on your 100 kg working weight" in line, line
    assert "typo" not in line, line


async def test_progress_names_no_confirmed_typo_as_a_best(chat: Chat, clock: Clock) -> None:
    # Known-left: /progress said "Best estimated 1RM: 800 kg, Heaviest load: 600 kg" from the typo the
    # target reads past. It names the bests without it, and the typo with how to fix it.
    clock.now = NOW
    await _log_typo(chat)
    await chat.say("/log hip thrust 3x10 100kg 2026-11-30")
    progress = await chat.text("/progress hip thrust")
    assert "Best estimated 1RM: 133.3 kg" in progress, progress
    assert "Heaviest load: 100 kg" in progress, progress
    assert (
        "Not counted: 3 × 10 @ 600 kg on Fri 27 Nov 2026 looks like a typo (to fix it: /history, then"
        " /delete its number)" in progress
    ), progress
    # Two sessions only: a heavier latest session is the lifter's new best, not a typo.
    await chat.say("/log glute bridge 3x10 100kg 2026-11-25")
    await chat.say("/log glute bridge 3x5 140kg 2026-11-28")
    progress = await chat.text("/progress glute bridge")
    assert "Heaviest load: 140 kg" in progress and "typo" not in progress, progress


async def test_the_progress_chart_leaves_out_a_confirmed_typo(app, chat: Chat, clock: Clock) -> None:
    # Tester 7: the text said "Not counted: … 600 kg", while the chart drew 600 kg with a PR star.
    drawn: list[list[float]] = []
    jobs = app.ctx.jobs

    class Recording:
        async def run(self, account, kind, fn, *args):  # type: ignore[no-untyped-def]
            if kind == "chart":
                drawn.append([s.load for e in args[0] for s in e.working])
            return await jobs.run(account, kind, fn, *args)

        def __getattr__(self, name):  # type: ignore[no-untyped-def]
            return getattr(jobs, name)

    app.ctx.jobs = Recording()
    clock.now = NOW
    await _log_typo(chat)
    await chat.say("/log hip thrust 3x10 100kg 2026-11-30")
    await chat.say("/progress hip thrust")
    assert drawn == [[100.0] * 6], drawn


async def test_a_ramp_logged_set_by_set_is_not_asked_about(chat: Chat) -> None:
    # tester 10: best 3 × 5 @ 100 kg; "squat bar x10", then "squat 60x5" asked "60 kg is more than 1.5×
    # your recent sets (20 kg)", and the 100 kg sets after it the same
    await chat.say("/log squat 3x5 100kg 3 days ago")
    for line in ("/log squat bar x10", "/log squat 60x5", "/log squat 3x5 100kg"):
        text = await chat.text(line)
        assert "Is that right?" not in text and text.startswith("Logged"), (line, text)


async def test_the_working_weight_after_a_lighter_day_is_no_typo(chat: Chat, clock: Clock) -> None:
    # Tester: 100 kg, then a lighter 30 kg day; the coach said "Next time: 3 × 11 @ 100 kg", then asked
    # "100 kg is more than 1.5× your recent sets (30 kg). Is that right?" of 100 kg. At or about the
    # target it gave, a load is no typo; far past it the question stays.
    clock.now = NOW
    await chat.say("/log hip thrust 3x10 100kg 3 days ago")
    line = _next(await chat.text("/log hip thrust 3x15 30kg yesterday"))
    assert line.startswith("Next time: 3 × 11 @ 100 kg"), line
    [asked] = await chat.say("/log hip thrust 3x10 200kg")
    assert "Is that right?" in asked.text, asked.text
    reply = await chat.text("/log hip thrust 3x10 100kg")
    assert reply.startswith("Logged Hip thrust: 3 × 10 @ 100 kg."), reply


async def test_the_question_says_a_quarter_kilo_as_the_card_does(chat: Chat, clock: Clock) -> None:
    # Tester: "42.2 kg is more than 1.5× …" over a card that says 3 × 10 @ 42.25 kg.
    clock.now = NOW
    # (A best above the empty bar: the bar alone is no best to ask by, tests/test_empty_bar_best.py.)
    await chat.say("/log hip thrust 3x10 25kg 3 days ago")
    [asked] = await chat.say("/log hip thrust 3x10 47.25kg")
    assert asked.text.startswith("47.25 kg is more than 1.5× your best so far (25 kg)."), asked.text
    assert "3 × 10 @ 47.25 kg" in asked.text, asked.text

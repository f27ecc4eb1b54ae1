"""Pain in a /log note holds the next target (a safety rule): "/log squat 3x5 100kg -- knee hurts" said
"Next time: 3 × 5 @ 102.5 kg … add 2.5 kg", and "/log hip thrust 3x6 100kg (sharp pain in lower back)"
got only the usual back-off. Pain means stop and see a professional (content/approach.yaml): the card and
/plan now raise neither load nor reps off that session, and say so, with no diagnosis. Notes that deny
pain ("no pain", "pain-free", "didn't hurt") change nothing. The next session without pain progresses
from the load held, as any session would.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next
from tests.test_wording import sentence_problems

PAIN = (
    "Pain means stop that lift and see a professional (physio or doctor) before loading it again;"
    " I don't diagnose."
)


def _at(date: str) -> datetime:
    return datetime.fromisoformat(date).replace(hour=19, tzinfo=UTC)


async def log(chat: Chat, clock: Clock, line: str, date: str, note: str = "") -> str:
    """The "Next time:" line of the /log card for ``line`` logged on ``date`` (that evening), with
    ``note`` after it ("-- knee hurts" runs to the end of the line, so it goes after the date)."""
    clock.now = _at(date)
    text = await chat.text(f"/log {line} {date} {note}".strip())
    assert "Logged" in text, text
    assert not sentence_problems(text), text
    return _next(text)


async def test_pain_holds_the_load_on_the_card(chat: Chat, clock: Clock) -> None:
    """The report's case: no 102.5 kg after a session whose note says the knee hurts."""
    line = await log(chat, clock, "squat 3x5 100kg", "2026-11-30", "-- knee hurts")
    assert line.startswith("Next time: 3 × 5 @ 100 kg"), line
    assert "You noted pain, so no more load or reps than that session." in line, line
    assert line.endswith(PAIN), line
    assert "102.5" not in line, line


async def test_pain_keeps_the_back_off_and_says_so(chat: Chat, clock: Clock) -> None:
    """A back-off the rules give (6 reps under the 8-rep bottom) stands: it is not heavier; the pain
    line follows it."""
    line = await log(chat, clock, "hip thrust 3x6 100kg (sharp pain in lower back)", "2026-11-30")
    assert line.startswith("Next time: 3 × 8 @ 92.5 kg"), line
    assert "back off to 92.5 kg" in line, line
    assert line.endswith(PAIN), line


async def test_pain_holds_reps_too_and_plan_says_the_same(chat: Chat, clock: Clock) -> None:
    """3 × 10 @ 100 in pain: not the usual one more rep (3 × 11), the same 3 × 10; /plan the next day
    gives that target and the same line."""
    line = await log(chat, clock, "hip thrust 3x10 100kg", "2026-11-30", "-- lower back hurts")
    assert line.startswith("Next time: 3 × 10 @ 100 kg"), line
    assert line.endswith(PAIN), line
    clock.now = _at("2026-12-01")
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 10 @ 100 kg" in plan, plan
    assert PAIN in plan, plan


@pytest.mark.parametrize(
    ("denied", "said"),
    [
        ("-- no pain", "-- pain in the knee"),
        ("(pain-free)", "(painful)"),
        ("-- without pain today", "-- with pain today"),
        ("-- knee didn't hurt", "-- knee hurt"),
        ("-- no knee pain", "-- knee pain"),
    ],
)
async def test_a_note_that_denies_pain_changes_nothing(
    chat: Chat, clock: Clock, denied: str, said: str
) -> None:
    """The denial progresses as usual (102.5 kg); the same words reporting pain, next session, hold."""
    line = await log(chat, clock, "squat 3x5 100kg", "2026-11-26", denied)
    assert line.startswith("Next time: 3 × 5 @ 102.5 kg"), line
    assert "pain" not in line.lower(), line
    line = await log(chat, clock, "squat 3x5 102.5kg", "2026-11-30", said)
    assert line.startswith("Next time: 3 × 5 @ 102.5 kg"), line
    assert line.endswith(PAIN), line


async def test_the_next_session_without_pain_progresses_from_the_load_held(chat: Chat, clock: Clock) -> None:
    """Held at 3 × 10 @ 100 after a day in pain, the held session done without pain goes on by the
    usual rules from there (3 × 11), and says nothing of pain: the day in pain was no stall, though the
    session before it was 3 × 10 @ 100 too (three days at 3 × 10 would otherwise back off to 95 kg)."""
    await log(chat, clock, "hip thrust 3x10 100kg", "2026-11-23")
    held = await log(chat, clock, "hip thrust 3x10 100kg", "2026-11-26", "-- tweaked my lower back")
    assert held.startswith("Next time: 3 × 10 @ 100 kg"), held
    assert held.endswith(PAIN), held
    line = await log(chat, clock, "hip thrust 3x10 100kg", "2026-11-30")
    assert line.startswith("Next time: 3 × 11 @ 100 kg"), line
    assert "pain" not in line.lower(), line
    clock.now = _at("2026-12-01")
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 11 @ 100 kg" in plan, plan
    assert PAIN not in plan, plan


async def test_work_in_pain_after_heavier_work_caps_the_load(chat: Chat, clock: Clock) -> None:
    """Tester: 3 × 6 @ 100 "(knee hurts)", 3 × 6 @ 110, 3 × 4 @ 100 "(knee hurts)" the same day said
    "Next time: 3 × 6 @ 110 kg": heavier than the load last done in pain. Now no load over it (100 kg),
    at the day's reps, and the reason names that load."""
    await log(chat, clock, "squat 3x6 100kg", "2026-11-30", "(knee hurts)")
    await log(chat, clock, "squat 3x6 110kg", "2026-11-30")
    line = await log(chat, clock, "squat 3x4 100kg", "2026-11-30", "(knee hurts)")
    assert line.startswith("Next time: 3 × 6 @ 100 kg"), line
    assert "You noted pain at 100 kg, so no more load than that, and no more reps than that session." in line
    assert line.endswith(PAIN), line


async def test_plan_caps_the_load_at_the_work_done_in_pain(chat: Chat, clock: Clock) -> None:
    """3 × 10 @ 110, then 3 × 8 @ 100 "-- lower back hurts" the same day: /plan the next day gives 3 ×
    10 @ 100 kg (was 3 × 10 @ 110 kg) and the pain line."""
    await log(chat, clock, "hip thrust 3x10 110kg", "2026-11-30")
    line = await log(chat, clock, "hip thrust 3x8 100kg", "2026-11-30", "-- lower back hurts")
    assert line.startswith("Next time: 3 × 10 @ 100 kg"), line
    clock.now = _at("2026-12-01")
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 10 @ 100 kg" in plan, plan
    assert PAIN in plan, plan


async def test_warm_ups_only_in_pain_say_it_on_the_card(chat: Chat, clock: Clock) -> None:
    """Tester: "/log hip thrust w 60x10 (knee hurts)" said only "Next time: 3 × 8 reps. First time: pick
    a load…": no work to hold, but the pain line follows the first-time target."""
    line = await log(chat, clock, "hip thrust w 60x10 (knee hurts)", "2026-11-30")
    assert line.startswith("Next time: 3 × 8 reps. First time: pick a load"), line
    assert line.endswith(PAIN), line


async def test_warm_ups_only_in_pain_hold_the_work_before(chat: Chat, clock: Clock) -> None:
    """Warm-ups in pain after a working session: its target raises nothing (3 × 10 @ 100 kg, not the
    usual 3 × 11) and says so; /plan the next day the same."""
    await log(chat, clock, "hip thrust 3x10 100kg", "2026-11-26")
    line = await log(chat, clock, "hip thrust w 60x10", "2026-11-30", "-- knee hurts")
    assert line.startswith("Next time: 3 × 10 @ 100 kg"), line
    assert "You noted pain, so no more load or reps than your last working session." in line, line
    assert line.endswith(PAIN), line
    clock.now = _at("2026-12-01")
    plan = await chat.text("/plan")
    assert "Hip thrust: 3 × 10 @ 100 kg" in plan, plan
    assert PAIN in plan, plan


@pytest.mark.parametrize(
    ("gone", "said"),
    [
        ("(sharp pain gone)", "(sharp pain in lower back)"),
        ("(sharp knee pain gone)", "(pain, not gone)"),
        ("(sharp pain is gone now)", "(knee hurts back pain gone)"),
    ],
)
async def test_pain_gone_after_words_saying_which_changes_nothing(
    chat: Chat, clock: Clock, gone: str, said: str
) -> None:
    """ "(sharp pain gone)" held the target while "(pain gone)" and "(knee pain gone)" progressed: up to
    two words saying which pain or where may stand before it. Pain still there, next session, holds."""
    line = await log(chat, clock, "squat 3x5 100kg", "2026-11-26", gone)
    assert line.startswith("Next time: 3 × 5 @ 102.5 kg"), line
    assert "pain" not in line.lower(), line
    line = await log(chat, clock, "squat 3x5 102.5kg", "2026-11-30", said)
    assert line.startswith("Next time: 3 × 5 @ 102.5 kg"), line
    assert line.endswith(PAIN), line


@pytest.mark.parametrize(
    ("usual", "said"),
    [
        ("(new gym door)", "-- Knie tut weh"),
        ("(felt good)", "(Schmerzen im Knie)"),
        ("(condor grip)", "(dolor de rodilla)"),
        ("(adorable gym)", "(me duele la rodilla)"),
        ("(malaise)", "(douleur au genou)"),
        ("(normal day)", "(j'ai mal au genou)"),
        ("(dolorous music)", "(dolore al ginocchio)"),
        ("(fast)", "(mi fa male il ginocchio)"),
        ("(ok)", "(pijn in de knie)"),
        ("(bolt on the bar)", "(ból kolana)"),
        ("(boring)", "(kolano boli)"),
        ("(dorsal raise superset)", "(dor no joelho)"),
    ],
)
async def test_pain_in_other_languages_holds(chat: Chat, clock: Clock, usual: str, said: str) -> None:
    """A few common words for pain in other languages, whole words, hold as "hurts" does; the same
    letters inside another word ("door", "adorable", "malaise") progress as usual."""
    line = await log(chat, clock, "squat 3x5 100kg", "2026-11-26", usual)
    assert line.startswith("Next time: 3 × 5 @ 102.5 kg"), line
    line = await log(chat, clock, "squat 3x5 102.5kg", "2026-11-30", said)
    assert line.startswith("Next time: 3 × 5 @ 102.5 kg"), line
    assert "You noted pain, so no more load or reps than that session." in line, line
    assert line.endswith(PAIN), line

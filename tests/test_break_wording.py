"""How a break is said: the calendar days the lifter typed ("15 days ago" was "14 days away" when read
before noon) and the load as lifted ("90% of 220.46" after a 100 kg squat on a pound kit). Tester 5."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Chat, Clock
from tests.test_coach_log import _next

MORNING = datetime(2026, 12, 2, 10, 40, tzinfo=UTC)  # before the noon a typed date is stored at


async def test_days_away_are_the_calendar_days_typed(chat: Chat, clock: Clock) -> None:
    clock.now = MORNING
    line = _next(await chat.text("/log hip thrust 3x10 100kg 15 days ago"))
    assert "15 days away, a break: restart at 90 kg (90% of 100 kg or less)" in line, line
    line = _next(await chat.text("/log rdl 3x10 100kg 3 weeks ago"))
    assert "21 days away, a break" in line, line


async def test_a_break_on_a_pound_kit_names_the_kg_load_as_lifted(chat: Chat, clock: Clock) -> None:
    clock.now = MORNING
    await chat.say("/units lb")
    line = _next(await chat.text("/log squat 3x5 100kg 18 days ago"))
    assert line.startswith("Next time: 3 × 5 @ 195 lb"), line
    assert "18 days away, a break: restart at 195 lb (90% of 100 kg or less)" in line, line
    assert "220.46" not in line, line


async def test_a_break_names_the_unit_of_the_load_it_restarts_from(chat: Chat, clock: Clock) -> None:
    # Tester 10: "(90% of 105 or less)" left the lifter to guess the unit; the card, /plan and the
    # lighter-day path say it with its unit, in pounds as in kg.
    clock.now = MORNING
    await chat.say("/units lb")
    line = _next(await chat.text("/log hip thrust 3x8 225lb 20 days ago"))
    assert "20 days away, a break: restart at 200 lb (90% of 225 lb or less)" in line, line
    plan = await chat.text("/plan")
    assert "(90% of 225 lb or less)" in plan, plan
    line = _next(await chat.text("/log rdl 3x8 105kg 16 days ago"))
    assert "(90% of 105 kg or less)" in line, line


async def test_fourteen_days_ago_is_a_break_at_any_hour(chat: Chat, clock: Clock) -> None:
    # Tester 7: "14 days ago" was no break read at 09:00 and a break at 15:00 (its set is stored at noon).
    for hour in (9, 15):
        clock.now = datetime(2026, 12, 2, hour, 0, tzinfo=UTC)
        line = _next(await chat.text(f"/log {'hip thrust' if hour == 9 else 'rdl'} 3x10 100kg 14 days ago"))
        assert "14 days away, a break: restart at 90 kg" in line, (hour, line)
    line = _next(await chat.text("/log glute bridge 3x10 100kg 13 days ago"))
    assert "a break" not in line, line


async def test_sets_every_hour_for_days_are_not_one_endless_session(chat: Chat, clock: Clock) -> None:
    # Tester 9: an import with a set every hour for years was one session from its first set, so /plan
    # counted the break from 2015 and /history opened on the first day. A session ends a day after it
    # starts (the window every reader looks in).
    from datetime import timedelta

    from domain.training import Entry, LoggedSet

    clock.now = MORNING
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    last = MORNING - timedelta(days=30)
    work = (LoggedSet(reps=8, load=100.0),) * 3
    store.add_entries(
        store.account_of(chat.user),
        [Entry("hip_thrust", work, last - timedelta(hours=h)) for h in range(72, -1, -1)],
    )
    plan = await chat.text("/plan")
    assert "30 days away, a break" in plan and "33 days" not in plan, plan
    history = await chat.text("/history")
    assert history.index("Mon 02 Nov 2026") < history.index("Fri 30 Oct 2026"), history

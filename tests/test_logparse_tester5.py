"""A tester's /log faults (round 5): the weekday that is today, a misread dumbbell load, warm-up and RPE
forms that got a wrong error, "at 7", and brackets inside a word taken for a note. Each is checked on the
parse (sets, loads, kinds, date) and, where the reply is what went wrong, as the console user sees it."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from coaching.logparse import Ambiguous, LogContext, LogParseError, confirmation_card, parse_log
from domain.training import Entry, LoggedSet, SetKind
from tests.conftest import Chat, Clock
from tests.test_log_flow import clock_fixture, labels, logapp_fixture, me_fixture, one  # noqa: F401

LA = ZoneInfo("America/Los_Angeles")
# Monday 30 Nov 2026, 20:00 in Los Angeles: already Tuesday in UTC.
MONDAY_EVENING = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
BODYWEIGHT = {"glute bridge"}


def ctx(now: datetime = MONDAY_EVENING, tz=LA) -> LogContext:
    return LogContext(now=now, tz=tz, loaded=lambda name: name.lower() not in BODYWEIGHT)


def la(day: int, hour: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=LA).astimezone(UTC)


def entry(text: str, context: LogContext | None = None) -> Entry:
    parsed = parse_log(text, context or ctx())
    assert isinstance(parsed, Entry), (text, parsed)
    return parsed


def sets(e: Entry) -> list[tuple[SetKind, int, float | None, int, float | None]]:
    return [(s.kind, s.reps, s.load, s.implements, s.rpe) for s in e.sets]


W, WU = SetKind.WORKING, SetKind.WARMUP


# -- 1: the weekday that is today ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "at"),
    [
        ("mon at 7am", la(30, 7)),  # this morning, not a week back
        ("monday at 7am", la(30, 7)),
        ("on mon at 7am", la(30, 7)),
        ("mon", MONDAY_EVENING),  # no time: now, as "today"
        ("last mon at 7am", la(23, 7)),  # "last" on the day itself: a week ago
        ("last mon at 9pm", la(23, 21)),
        ("tue", la(24, 12)),  # UTC's today, but the user's is Monday: last Tuesday
        ("sun", la(29, 12)),
        ("last fri at 7am", la(27, 7)),
        ("fri at 7am", la(27, 7)),
    ],
)
def test_a_weekday_is_the_most_recent_one_today_included(typed: str, at: datetime) -> None:
    assert entry(f"hip thrust 3x10 80kg {typed}").at == at


def test_a_weekday_that_is_today_before_noon_is_now() -> None:
    morning = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 09:00 Monday in Los Angeles
    assert entry("hip thrust 3x10 80kg mon", ctx(now=morning)).at == morning


def test_a_time_still_to_come_today_is_refused_with_last_weeks_form() -> None:
    with pytest.raises(LogParseError) as info:
        parse_log("hip thrust 3x10 80kg mon at 9pm", ctx())
    assert (
        str(info.value)
        == "Mon is today and 21:00 is still to come: for last week's, write last mon at 21:00."
    )
    with pytest.raises(LogParseError, match="still to come"):
        parse_log("hip thrust 3x10 80kg today at 9pm", ctx())  # the same as "today"


async def test_console_mon_at_7am_on_a_monday_evening_is_this_morning(me: Chat, clock: Clock) -> None:
    assert "Timezone set" in (await one(me, "/timezone America/Los_Angeles")).text
    clock.now = MONDAY_EVENING
    reply = await one(me, "/log hip thrust 3x10 80kg mon at 7am")
    assert "Mon 30 Nov 2026, 07:00" in reply.text and "23 Nov" not in reply.text, reply.text
    [stored] = me.app.ctx.store.entries(me.app.ctx.store.account_of(me.user))  # type: ignore[attr-defined]
    assert stored.at == la(30, 7)


# -- 2: "12kg x2" after sets x reps, "@8" before any load ------------------------------------------------


def test_a_load_times_two_after_plain_sets_is_a_pair_of_dumbbells() -> None:
    pair = [(W, 10, 12.0, 2, None)] * 3
    assert sets(entry("rdl 3x10 12kg x2")) == pair
    assert sets(entry("rdl 3x10 12kgx2")) == pair
    assert entry("rdl 3x10 12kg x2") == entry("rdl 3x10 2x12kg")
    assert sets(entry("rdl 3x10 12kg x2, 2x8 14kg x2")) == pair + [(W, 8, 14.0, 2, None)] * 2


def test_a_unit_less_load_times_two_after_plain_sets_asks() -> None:
    asked = parse_log("rdl 3x10 12x2", ctx())
    assert isinstance(asked, Ambiguous)
    assert asked.labels == ("3 × 10 with 2 dumbbells of 12 kg", "3 kg × 10 then 12 kg × 2")
    assert sets(asked.readings[0]) == [(W, 10, 12.0, 2, None)] * 3


def test_small_unit_less_sets_beside_loads_with_units_are_never_kilograms() -> None:
    for typed in ("hip thrust 3x10, 100kg x 5,5,4", "rdl 3x10 12kg x2 reps"):
        with pytest.raises(LogParseError, match="Give each group its load"):
            parse_log(typed, ctx())


def test_a_small_at_number_before_any_load_asks_load_or_rpe() -> None:
    asked = parse_log("hip thrust 3x10 @8", ctx())
    assert isinstance(asked, Ambiguous)
    assert asked.labels == ("8 kg", "RPE 8 (no weight)")
    assert sets(asked.readings[0]) == [(W, 10, 8.0, 1, None)] * 3
    assert sets(asked.readings[1]) == [(W, 10, None, 1, 8.0)] * 3
    # a bodyweight exercise has no load to mean: the RPE
    assert sets(entry("glute bridge 3x15 @8")) == [(W, 15, None, 1, 8.0)] * 3
    # as the README and the forms shown say: after the load "@8" is the RPE, "@80" and "@8kg" a load
    assert sets(entry("hip thrust 3x10 80kg @8")) == [(W, 10, 80.0, 1, 8.0)] * 3
    assert sets(entry("hip thrust 3x10@80")) == [(W, 10, 80.0, 1, None)] * 3
    assert sets(entry("hip thrust 3x10 @8kg")) == [(W, 10, 8.0, 1, None)] * 3


async def test_console_at_8_asks_and_stores_the_reading_pressed(me: Chat) -> None:
    asked = await one(me, "/log hip thrust 3x10 @8")
    assert asked.text == "Did you mean 8 kg or RPE 8 (no weight)? Nothing is logged until you choose."
    assert labels(asked) == ["8 kg", "RPE 8 (no weight)"]
    [logged] = await me.press(asked, "RPE 8 (no weight)")
    assert "RPE 8" in logged.text and "@ 8 kg" not in logged.text, logged.text


async def test_console_rdl_12kg_x2_logs_a_dumbbell_pair(me: Chat) -> None:
    reply = await one(me, "/log rdl 3x10 12kg x2")
    assert reply.text.startswith("Logged *Romanian deadlift*: 3 × 10 @ 2 × 12 kg."), reply.text
    assert "3 kg" not in reply.text


# -- 3: warm-ups, per-set RPE, "at 7" ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "hip thrust w 60x8 3x10 80kg",
        "hip thrust w 60x8, 3x10 80kg",
        "hip thrust w 60x8 / 3x10 80kg",
        "hip thrust warmup 60kgx8 3x10 80kg",
        "hip thrust w 60x8 3x10 @80",
    ],
)
def test_warm_ups_end_where_sets_with_their_own_load_begin(typed: str) -> None:
    assert sets(entry(typed)) == [(WU, 8, 60.0, 1, None)] + [(W, 10, 80.0, 1, None)] * 3


def test_warm_ups_on_the_way_up_then_the_work() -> None:
    assert (
        sets(entry("hip thrust w 60x8, 80x5 3x10 100kg"))
        == [
            (WU, 8, 60.0, 1, None),
            (WU, 5, 80.0, 1, None),
        ]
        + [(W, 10, 100.0, 1, None)] * 3
    )


def test_rpe_after_a_load_times_reps_and_one_rpe_per_line() -> None:
    assert sets(entry("hip thrust 60x10 @7")) == [(W, 10, 60.0, 1, 7.0)]
    assert sets(entry("hip thrust 60x10, 80x8 @8")) == [(W, 10, 60.0, 1, 8.0), (W, 8, 80.0, 1, 8.0)]
    # An RPE before more work is one set's own: the line's one RPE would put it on the later sets too
    # ("1x3 150kg @9, 3x8 120kg" stored RPE 9 on the back-offs; tester 5). Refused at first, now kept
    # with the sets it follows.
    assert sets(entry("hip thrust 60x10 @7, 80x8 @8")) == [(W, 10, 60.0, 1, 7.0), (W, 8, 80.0, 1, 8.0)]
    assert (
        sets(entry("squat 1x3 150kg @9, 3x8 120kg")) == [(W, 3, 150.0, 1, 9.0)] + [(W, 8, 120.0, 1, None)] * 3
    )
    assert sets(entry("hip thrust 60x10 @7, 80x8")) == [(W, 10, 60.0, 1, 7.0), (W, 8, 80.0, 1, None)]


def test_at_a_whole_hour_after_the_load_is_the_time() -> None:
    assert entry("hip thrust 3x10 80kg at 7").at == la(30, 7)
    assert entry("hip thrust 80kg 3x10 at 7 yesterday").at == la(29, 7)
    assert sets(entry("hip thrust 3x10 80kg at 7")) == [(W, 10, 80.0, 1, None)] * 3
    # before the load, "at N" is still the load
    assert sets(entry("hip thrust 3x10 at 80")) == [(W, 10, 80.0, 1, None)] * 3
    assert (
        sets(entry("hip thrust 3x10 80kg, 2x8 at 30"))
        == [(W, 10, 80.0, 1, None)] * 3 + [(W, 8, 30.0, 1, None)] * 2
    )
    with pytest.raises(LogParseError, match="still to come"):
        parse_log("hip thrust 3x10 80kg at 23", ctx())
    # after warm-ups too: the work with its load "at 30" (no load yet) ends them
    assert (
        sets(entry("hip thrust w 60x8 3x10 at 30")) == [(WU, 8, 60.0, 1, None)] + [(W, 10, 30.0, 1, None)] * 3
    )
    # an hour there is asked about, as "3x10 at 20" alone is (k1: it was 20 kg unasked)
    for typed in ("hip thrust 3x10 80kg, 2x8 at 20", "hip thrust w 60x8 3x10 at 20"):
        asked = parse_log(typed, ctx())
        assert isinstance(asked, Ambiguous) and asked.at_time and asked.labels[0] == "20 kg", typed


async def test_console_warm_up_forms_log_what_was_meant(me: Chat) -> None:
    for typed in ("hip thrust w 60x8 3x10 80kg", "hip thrust w 60x8, 3x10 80kg"):
        reply = await one(me, f"/log {typed}")
        assert "Warm-up (1 set): 1 × 8 @ 60 kg" in reply.text, reply.text
        assert "Working (3 sets): 3 × 10 @ 80 kg" in reply.text and "Sets go from" not in reply.text
    reply = await one(me, "/log hip thrust 60x10 @7, 80x8 @8")
    assert "Working (2 sets): 1 × 10 @ 60 kg, 1 × 8 @ 80 kg (RPE 7, RPE 8)" in reply.text.splitlines(), (
        reply.text
    )


# -- 4: brackets inside a word ----------------------------------------------------------------------------


def test_brackets_inside_a_word_are_not_a_note() -> None:
    with pytest.raises(LogParseError) as info:
        parse_log("<script>alert(1)</script>", ctx())
    assert "'<script>alert(1)</script>'" in str(info.value)
    noted = entry("hip thrust 3x10 80kg -- <script>alert(1)</script>")
    assert noted.note == "<script>alert(1)</script>"
    assert confirmation_card(noted, LA).endswith("Note: <script>alert(1)</script>")
    # notes as before: after the sets, glued or not, or before them
    assert entry("hip thrust 3x10 80kg(felt easy)").note == "felt easy"
    assert entry("hip thrust 3x10 80kg (felt easy)").note == "felt easy"
    assert entry("hip thrust (paused) 3x10 80kg").note == "paused"


async def test_console_script_tag_is_echoed_as_typed(me: Chat) -> None:
    reply = await one(me, "/log <script>alert(1)</script>")
    assert "'<script>alert(1)</script>'" in reply.text and "Nothing was logged" in reply.text, reply.text
    store = me.app.ctx.store  # type: ignore[attr-defined]
    assert store.entries(store.account_of(me.user)) == []


def test_lone_sets_are_unchanged() -> None:
    assert entry("hip thrust 3x10 80kg").sets == (LoggedSet(10, 80.0, "kg"),) * 3

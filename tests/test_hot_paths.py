"""The shortcuts on the /log and /explain path (caches, one-pass records, one Request construction)
answer exactly what the plain computation answers."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coaching.setparse import SetParseError, parse_sets
from content.library import Library, load_library
from core.dispatch import dispatch
from core.markup import esc, plain, visible
from core.messages import Request, Target
from handlers.explain import exercise_reply


async def test_a_handler_sees_what_the_platform_said(app: Any) -> None:
    group = Target("telegram", "-100")
    hello = await dispatch(
        Request(
            command="start", user="telegram:1", target=group, text="", display_name="Alice", in_group=True
        ),
        app.ctx,
    )
    assert "Hi Alice" in hello[0].text
    history = await dispatch(
        Request(command="history", user="telegram:1", target=group, text="", in_group=True), app.ctx
    )
    assert history and all(r.private for r in history)  # personal data: the group is not shown it


def test_exercise_replies_are_equal_to_a_fresh_librarys(library: Library) -> None:
    other = load_library()
    for exercise in library.exercises.values():
        reply = exercise_reply(exercise, library)
        assert exercise_reply(exercise, library) == reply
        assert reply == exercise_reply(other.exercises[exercise.id], other)
        assert not reply.private


def test_every_name_and_alias_finds_its_exercise(library: Library) -> None:
    for exercise in library.exercises.values():
        for label in (exercise.id, exercise.name, *exercise.aliases):
            for typed in (label, label.lower(), label.capitalize()):
                found = library.find_exercise(typed)
                assert found is not None, typed
                assert found is exercise or typed.casefold() in {
                    t.casefold() for t in (found.id, found.name, *found.aliases)
                }, typed
    assert library.find_exercise("Hip Thrust") is library.exercises["hip_thrust"]
    assert library.find_exercise("Hip thrusts") is library.exercises["hip_thrust"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30) | st.sampled_from(["hip thrust", "Hip thrusts", "squats", "RDL", "sumo walk"]))
def test_a_typed_name_finds_what_the_forgiving_lookup_finds(library: Library, text: str) -> None:
    # Outer spaces are forgiven, and no shortcut table holds a padded spelling.
    assert library.find_exercise(text) is library.find_exercise(f" {text} ")


def test_repeated_parses_are_equal_and_errors_are_raised_every_time() -> None:
    first = parse_sets("hip thrust 3x10@80")
    assert parse_sets("hip thrust 3x10@80") == first and first.unit == "kg"
    assert parse_sets("  hip  thrust 3x10@80 .") == first
    assert parse_sets("hip thrust 3x10@80", default_unit="lb").unit == "lb"
    for _ in range(2):
        with pytest.raises(SetParseError):
            parse_sets("hip thrust 3x10 80kg 90kg")


_MARKUP_CHARACTER = re.compile(r"([\\*_\[\]])")


@given(st.text(alphabet=st.sampled_from("ab _*[]\\()é×\x00\n\u202e"), max_size=30) | st.text(max_size=30))
def test_esc_puts_a_backslash_before_each_markup_character(text: str) -> None:
    shown = visible(text)  # what no reply carries is gone first (tests/test_echo_controls.py)
    assert esc(text) == _MARKUP_CHARACTER.sub(r"\\\1", shown)
    assert plain(esc(text)) == shown


async def test_the_cached_explain_card_is_the_plain_computation(app: Any) -> None:
    lib = app.ctx.library
    for name in ("hip thrust", "glute bridge", "hip thrust"):  # the second hip thrust comes from the cache
        [card] = await dispatch(
            Request(command="explain", user="telegram:1", target=Target("telegram", "1"), text=name), app.ctx
        )
        fresh = exercise_reply(lib.find_exercise(name), lib)
        assert (card.title, card.text, card.sections) == (fresh.title, fresh.text, fresh.sections)
        assert [b.label for row in card.buttons for b in row] == ["Log it", "Today's plan"]
        assert all(b.action for row in card.buttons for b in row)  # bound for this user, every time


async def test_a_reply_waits_for_the_disk_only_when_something_was_written(app: Any, monkeypatch) -> None:
    """/log's reply waits until its set is durable; /explain, which writes nothing, does not queue
    behind the writer (a busy minute of other users' fsyncs)."""
    store = app.ctx.store
    flushed: list[int] = []
    real_flush = store.flush

    async def counting_flush() -> None:
        flushed.append(store.writes_handed_over)
        await real_flush()

    monkeypatch.setattr(store, "flush", counting_flush)
    me = Target("telegram", "1")
    [explained] = await dispatch(
        Request(command="explain", user="telegram:1", target=me, text="hip thrust"), app.ctx
    )
    assert "Hip thrust" in explained.title and flushed == []
    [logged] = await dispatch(
        Request(command="log", user="telegram:1", target=me, text="hip thrust 3x10 80kg"), app.ctx
    )
    assert logged.text.startswith("Logged") and len(flushed) == 1
    assert [e.exercise for e in store.entries(store.account_of("telegram:1"))] == ["hip_thrust"]


async def test_log_reads_its_line_once_the_check_hands_the_parse_to_the_handler(
    app: Any, monkeypatch
) -> None:
    """/log's check parses the line (a refused one spends no write budget) and hands the parse over:
    the handler does not read the line again, and stores what the check read."""
    import handlers.logbook as logbook

    reads: list[str] = []
    real_parse = logbook.parse_log

    def counting_parse(text: str, lctx: Any) -> Any:
        reads.append(text)
        return real_parse(text, lctx)

    monkeypatch.setattr(logbook, "parse_log", counting_parse)
    me = Target("telegram", "1")
    [logged] = await dispatch(
        Request(command="log", user="telegram:1", target=me, text="hip thrust 3x10 80kg"), app.ctx
    )
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 80 kg") and reads == ["hip thrust 3x10 80kg"]


async def test_a_long_day_logged_set_by_set_finds_the_new_entry_by_its_time(
    app: Any, clock: Any, monkeypatch
) -> None:
    """The /log card of the 21st entry of a day reads the day as before (the light-set rule looks the
    new entry up among the day's), and no earlier entry of the day is compared with it field by field:
    only one of its time can be it."""
    from datetime import timedelta

    from domain.training import Entry

    me = Target("telegram", "1")

    async def log(text: str) -> str:
        clock.now += timedelta(minutes=2)  # a set every two minutes
        [reply] = await dispatch(Request(command="log", user="telegram:1", target=me, text=text), app.ctx)
        return reply.text

    for _ in range(20):
        await log("hip thrust 3x10 80kg")
    compared: list[bool] = []
    real_eq = Entry.__eq__

    def counting_eq(self: Entry, other: object) -> bool:
        compared.append(isinstance(other, Entry) and other.at != self.at)
        return real_eq(self, other)

    monkeypatch.setattr(Entry, "__eq__", counting_eq)
    text = await log("hip thrust 1x10 40kg")  # well under the day's 80 kg: a light set after the work
    assert text.startswith("Logged *Hip thrust*: 1 × 10 @ 40 kg."), text
    assert (
        "40 kg × 10 counts as a warm-up (well under today's 80 kg) until 3 sets at 40 kg make a back-off "
        "block: if it was work, press Edit and send backoff 1x10 40kg." in text
    ), text
    assert not any(compared), f"{sum(compared)} entries of other times compared with the new one"

"""The shortcuts on the /log and /explain path (caches, one-pass records, one Request construction)
answer exactly what the plain computation answers."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coaching.setparse import SetParseError, parse_sets
from content.library import Library, load_library
from core.dispatch import _completed
from core.markup import esc, plain
from core.messages import Request, Target
from handlers.library import _compose_exercise_reply, exercise_reply


def test_completed_request_keeps_every_field() -> None:
    request = Request(
        command="log",
        user="telegram:1",
        target=Target("telegram", "-100"),
        text="",
        args={"exercise": "hip thrust"},
        display_name="Alice",
        in_group=True,
        account="",
        via_button=True,
    )
    done = _completed(request, "hip thrust", request.args, "telegram:7")
    changed = {"text": "hip thrust", "account": "telegram:7"}
    for f in fields(Request):
        assert getattr(done, f.name) == changed.get(f.name, getattr(request, f.name)), f.name


def test_exercise_replies_are_shared_and_equal_to_a_fresh_composition(library: Library) -> None:
    for exercise in library.exercises.values():
        reply = exercise_reply(exercise, library)
        assert exercise_reply(exercise, library) is reply
        assert reply == _compose_exercise_reply(exercise, library)
        assert not reply.private


def test_each_library_gets_its_own_exercise_replies(library: Library) -> None:
    other = load_library()
    exercise = other.exercises["hip_thrust"]
    assert exercise_reply(exercise, other) is not exercise_reply(library.exercises["hip_thrust"], library)
    assert exercise_reply(exercise, other) == _compose_exercise_reply(exercise, other)


def test_typed_spellings_resolve_as_the_forgiving_lookup_does(library: Library) -> None:
    assert library._by_typed  # the table is in use
    for typed, exercise in library._by_typed.items():
        assert library._resolve(typed) is exercise, typed
    assert library.find_exercise("Hip Thrust") is library.exercises["hip_thrust"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30) | st.sampled_from(["hip thrust", "Hip thrusts", "squats", "RDL", "sumo walk"]))
def test_find_exercise_matches_the_forgiving_lookup(library: Library, text: str) -> None:
    assert library.find_exercise(text) is library._resolve(text)


def test_repeated_parses_are_equal_and_errors_are_raised_every_time() -> None:
    first = parse_sets("hip thrust 3x10@80")
    assert parse_sets("hip thrust 3x10@80") == first and first.unit == "kg"
    assert parse_sets("  hip  thrust 3x10@80 .") == first
    assert parse_sets("hip thrust 3x10@80", default_unit="lb").unit == "lb"
    for _ in range(2):
        with pytest.raises(SetParseError):
            parse_sets("hip thrust 3x10 80kg 90kg")


_MARKUP_CHARACTER = re.compile(r"([\\*_\[\]])")


@given(st.text(alphabet=st.sampled_from("ab _*[]\\()é×"), max_size=30) | st.text(max_size=30))
def test_esc_puts_a_backslash_before_each_markup_character(text: str) -> None:
    assert esc(text) == _MARKUP_CHARACTER.sub(r"\\\1", text)
    assert plain(esc(text)) == text

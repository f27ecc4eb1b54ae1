"""A tester's faults (words9): a kind word after a group closed by its load relabelled a top set typed
before it ("100x5, 3x10 70kg back off": all back-offs, and a first-time target with no work left); the
answer to Log it's question that named the lift was read with the lift's id in front ("hip_thrust
rdl"); a rest too long said the forms it reads, not its range; "/exercise add accessory" asked for the
kind it was given, not the name it lacked; 7 sets at the heaviest dumbbell said "so 3 sets" beside a target
of 6."""

from __future__ import annotations

from tests.conftest import Chat

# -- 1: a kind word after a group names that group, not a top set before it ---------------------------


def _kinds(app: object) -> list[tuple[str, int, float | None]]:
    [entry] = app.store.entries("console:alice")  # type: ignore[attr-defined]
    return [(s.kind.value, s.reps, s.load) for s in entry.sets]


async def test_a_back_off_word_after_a_group_names_that_group_only(app: object, chat: Chat) -> None:
    card = await chat.text("/log hip thrust 100x5, 3x10 70kg back off")
    assert "Working (1 set): 1 × 5 @ 100 kg" in card, card
    assert "Back-off (3 sets): 3 × 10 @ 70 kg" in card, card
    assert "First time" not in card, card
    assert _kinds(app) == [("working", 5, 100.0)] + [("backoff", 10, 70.0)] * 3


async def test_the_back_off_ways_that_worked_still_do(app: object, chat: Chat) -> None:
    card = await chat.text("/log hip thrust 100x5, 70x10x3 back off")
    assert "Working (1 set): 1 × 5 @ 100 kg" in card and "Back-off (3 sets): 3 × 10 @ 70 kg" in card, card
    await chat.text("/undo")
    card = await chat.text("/log hip thrust 3x10 70kg backoff")
    assert "Back-off (3 sets): 3 × 10 @ 70 kg" in card and "Working" not in card, card
    assert _kinds(app) == [("backoff", 10, 70.0)] * 3


# -- 2: Log it's answer that names a lift: its own is read once, another is refused ---------------------


async def _answer_other(chat: Chat, answer: str) -> str:
    """/explain hip thrust, Log it, Other…, then ``answer`` typed to the question."""
    from core.buttons import bind_ask, claim_answer
    from core.dispatch import dispatch

    [card] = await chat.say("/explain hip thrust")
    [offer] = await chat.press(card, "Log it")
    [asked] = await chat.press(offer, "Other…")
    assert asked.ask is not None and asked.ask.prompt.startswith("Sets for Hip thrust"), asked
    ctx, request = chat.app.ctx, chat.request()  # type: ignore[attr-defined]
    press = claim_answer(
        bind_ask(asked.ask, request, ctx, target=request.target, private=True), answer, request, ctx
    )
    assert press.request is not None
    return "\n".join(r.text for r in await dispatch(press.request, ctx))


async def test_log_its_answer_may_start_with_the_lifts_own_name(app: object, chat: Chat) -> None:
    await chat.text("/log hip thrust 3x10 50kg")
    said = await _answer_other(chat, "hip thrust 3x10 60kg")
    assert said.startswith("Logged *Hip thrust*: 3 × 10 @ 60 kg."), said
    assert "hip_thrust" not in said, said
    entries = app.store.entries("console:alice")  # type: ignore[attr-defined]
    assert [(e.exercise, e.working[0].load) for e in entries] == [("hip_thrust", 50.0), ("hip_thrust", 60.0)]


async def test_log_its_answer_naming_another_lift_is_refused(app: object, chat: Chat) -> None:
    await chat.text("/log hip thrust 3x10 50kg")
    said = await _answer_other(chat, "rdl 3x12 60kg")
    assert said == (
        "This is Hip thrust, not Romanian deadlift: nothing was logged. "
        "To log Romanian deadlift, use /log rdl 3x12 60kg."
    ), said
    assert len(app.store.entries("console:alice")) == 1  # type: ignore[attr-defined]
    # a misspelt name is asked about by its own words, never with the lift's id in front
    said = await _answer_other(chat, "hip thrsut 3x10 60kg")
    assert said.startswith("“hip thrsut” is not an exercise I know"), said
    assert "hip_thrust" not in said, said
    # sets with no name still log the lift asked about
    said = await _answer_other(chat, "w 40x5, 3x10 62.5kg")
    assert said.startswith("Logged *Hip thrust*: 3 × 10 @ 62.5 kg"), said


# -- 3: a rest too long says the range, not that the form is unknown ------------------------------------


async def test_a_rest_past_the_range_says_the_range(chat: Chat) -> None:
    for typed in ("99999s", "120:00", "1000m"):
        said = await chat.text(f"/rest {typed}")
        assert said == (
            "I can time a rest from 10 s to 15 min, e.g. /rest 90s, /rest 2m or /rest 2:30 (or /rest stop)."
        ), said
    assert (await chat.text("/rest abc")).startswith("I read rests like 90s"), (
        "an unknown form says the forms"
    )


# -- 4: /exercise add with a kind and no name says the name is missing ----------------------------------


async def test_exercise_add_with_no_name_asks_for_the_name(app: object, chat: Chat) -> None:
    for typed in ("\u200b accessory", "accessory", "glute lift"):
        said = await chat.text(f"/exercise add {typed}")
        assert (
            said
            == "Give the exercise a name before its kind, for example /exercise add reverse hyper accessory"
        ), (
            typed,
            said,
        )
    assert (await chat.text("/exercise add reverse hyper")).startswith("Say what kind of exercise it is")
    assert app.store.profile("console:alice").custom_exercises == ""  # type: ignore[attr-defined]


# -- 5: at the heaviest dumbbell, the target's text says the set count it gives -------------------------


def _next_line(card: str) -> str:
    return next(x for x in card.splitlines() if x.startswith("Next time:"))


async def test_at_the_heaviest_dumbbell_the_text_says_the_sets_the_target_gives(chat: Chat) -> None:
    await chat.text("/equipment dumbbells 10 20")
    line = _next_line(await chat.text("/log hip thrust 7x12 2x20kg"))
    assert line == (
        "Next time: 6 × 13 @ 2 × 20 kg. 7 sets in one session is more than the 6 read as a set count: extra"
        " work on the day; 2 × 20 kg is the heaviest you have: 6 sets is the most, so 6 sets (not 7) with"
        " one more rep on each set below 17."
    ), line  # was "… extra work on the day, so 3 sets; …" beside a target of 6 sets
    line = _next_line(await chat.text("/log bulgarian split squat 6x12 each side 20kg"))
    assert line.startswith("Next time: 6 × 13 each side @ 20 kg.") and "one more set" not in line, line

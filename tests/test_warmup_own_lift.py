"""/warmup finds a user's own exercise as /log does ("/exercise add goblet squat compound lift"). Was:
"/warmup goblet squat" and "/warmup goblet squat 20kg" answered "“goblet squat” is not in the library.
Did you mean: Back squat, Front squat, Bulgarian split squat?", though /log, /progress and /history
knew it."""

from __future__ import annotations

from tests.conftest import Chat


async def _added(chat: Chat, line: str) -> None:
    added = await chat.text(line)
    assert added.startswith("Added"), added


async def test_an_own_lift_logged_with_a_kettlebell_ramps_to_its_next_target_in_bells(chat: Chat) -> None:
    await _added(chat, "/exercise add goblet squat compound lift")
    # Nothing logged yet: what to type, not "not in the library".
    [empty] = await chat.say("/warmup goblet squat")
    assert empty.text == (
        "I have no goblet squat load from you yet to warm up to. "
        "Give the working load, e.g. /warmup goblet squat 100."
    ), empty.text
    await chat.text("/log goblet squat 3x12 16kg kettlebell")
    [reply] = await chat.say("/warmup goblet squat")
    assert reply.title == "Warm-up: goblet squat to 16 kg kettlebell", reply.title
    assert reply.text.replace("*", "").splitlines() == [
        "Your next target: 3 × 13 @ 16 kg kettlebell. Same 16 kg kettlebell: one more rep on each set below 15.",
        "• bodyweight × 10",
        "• 8 kg kettlebell × 8",
        "Then your working sets at 16 kg kettlebell.",
    ], reply.text


async def test_a_load_on_an_own_lift_ramps_the_way_it_was_logged(chat: Chat) -> None:
    await _added(chat, "/exercise add goblet squat compound lift")
    await chat.text("/log goblet squat 3x12 16kg kettlebell")
    # Its kit is a guess (a bar, for a compound lift): the kettlebell logged is the kit said.
    for line in ("/warmup goblet squat 20kg", "/warmup goblet squat 20kg kettlebell"):
        [reply] = await chat.say(line)
        assert reply.title == "Warm-up: goblet squat to 20 kg kettlebell", (line, reply.title)
        assert reply.text.replace("*", "").splitlines() == [
            "• bodyweight × 10",
            "• 8 kg kettlebell × 8",
            "Then your working sets at 20 kg kettlebell.",
        ], (line, reply.text)
    # A bar named is a bar's ramp, with plates.
    bar = await chat.text("/warmup goblet squat 60kg barbell")
    assert "• 20 kg × 10 — empty bar" in bar and "Then your working sets at 60 kg — 20 per side." in bar, bar


async def test_a_load_on_an_own_lift_logged_as_a_pair_ramps_per_hand(chat: Chat) -> None:
    await _added(chat, "/exercise add goblet squat compound lift")
    await chat.text("/log goblet squat 3x12 2x16kg")
    [reply] = await chat.say("/warmup goblet squat 16kg")
    assert reply.title == "Warm-up: goblet squat to 2 × 16 kg", reply.title
    assert reply.text.replace("*", "").endswith(
        "• 12 kg each hand × 2\nThen your working sets at 2 × 16 kg."
    ), reply.text
    # No dumbbell weighs that: the bar is named, as leaving the word out is the pair again.
    far = await chat.text("/warmup goblet squat 500kg")
    assert far.endswith(
        "500 kg each hand is far more than a dumbbell weighs (your heaviest: 50 kg). Give the dumbbell's "
        "own load, e.g. /warmup goblet squat 2x24kg, or for the bar: /warmup goblet squat 100 barbell."
    ), far
    bar = await chat.text("/warmup goblet squat 100 barbell")
    assert "Then your working sets at 100 kg — 25 + 15 per side." in bar, bar


async def test_an_own_lift_with_no_kit_named_ramps_on_its_categorys_bar(chat: Chat) -> None:
    await _added(chat, "/exercise add zercher squat compound lift")
    [unlogged] = await chat.say("/warmup zercher squat 70")
    assert unlogged.title == "Warm-up: zercher squat to 70 kg", unlogged.title
    assert "• 20 kg × 10 — empty bar" in unlogged.text, unlogged.text
    assert "Then your working sets at 70 kg — 25 per side." in unlogged.text.replace("*", ""), unlogged.text
    await chat.text("/log zercher squat 3x5 60kg")
    [target] = await chat.say("/warmup zercher squat")
    assert target.title == "Warm-up: zercher squat to 62.5 kg", target.title
    text = target.text.replace("*", "")
    assert text.startswith("Your next target: 3 × 5 @ 62.5 kg."), text
    assert text.endswith("Then your working sets at 62.5 kg — 20 + 1.25 per side."), text


async def test_an_own_accessory_is_bodyweight_work_as_the_librarys_are(chat: Chat) -> None:
    await _added(chat, "/exercise add dead bug accessory")
    text = await chat.text("/warmup dead bug")
    assert text.endswith(
        "dead bug is bodyweight work: no ramp needed. A few easy reps of it are the warm-up."
    ), text


async def test_did_you_mean_offers_the_users_own_exercises(chat: Chat) -> None:
    await _added(chat, "/exercise add zercher squat compound lift")
    text = await chat.text("/warmup zerchr squat")
    assert "Did you mean: zercher squat, Back squat, Front squat?" in text, text
    # A word where the load goes, after an own lift's name: the lift is known, the load is not.
    assert await chat.text("/warmup zercher squat abc") == (
        "“abc” is not a load. For example /warmup zercher squat 100."
    )


async def test_an_own_name_is_escaped_in_the_reply(chat: Chat) -> None:
    await _added(chat, "/exercise add hip pull_ up compound lift")
    [reply] = await chat.say("/warmup hip pull_ up 60")
    assert reply.title == "Warm-up: hip pull\\_ up to 60 kg", reply.title
    [asked] = await chat.say("/warmup hip pull_ up")
    assert asked.text.startswith("I have no hip pull\\_ up load from you yet"), asked.text
    [odd] = await chat.say("/warmup hip pull_ up abc")
    assert odd.text == "“abc” is not a load. For example /warmup hip pull\\_ up 100.", odd.text

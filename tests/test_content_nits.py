"""Issue 12, content nits a newcomer tripped on, read from the rendered replies (`Chat.text`: the real
dispatch and the console renderer)."""

from __future__ import annotations

import re

from tests.conftest import Chat


async def test_research_on_a_topic_has_a_proper_title(chat: Chat) -> None:
    text = await chat.text("/research pap")
    assert text.splitlines()[0] == "What the research says about PAP"
    assert "Research: pap" not in text
    assert (await chat.text("/research squat depth")).startswith("What the research says about squat depth\n")


async def test_explain_cites_campagnola_with_its_caveat(chat: Chat) -> None:
    for exercise in ("sumo walk", "monster walk"):
        text = await chat.text(f"/explain {exercise}")
        [line] = [li for li in text.splitlines() if "Campagnola" in li]
        assert "small, unpublished study" in line, line
        assert "missing evidence" in line, line


async def test_band_walk_levels_name_the_band_once(chat: Chat) -> None:
    for exercise in ("sumo walk", "monster walk"):
        text = await chat.text(f"/explain {exercise}")
        levels = text.split("Levels\n", 1)[1].split("\n\n", 1)[0].splitlines()
        assert len(levels) == 3
        for line, where in zip(levels, ("knees", "ankles", "feet"), strict=True):
            assert line.lower().count(where) == 1, line
            assert not line.endswith(")"), line


def _swaps(text: str) -> list[str]:
    return text.split("Missing equipment?\n", 1)[1].split("\n\n", 1)[0].splitlines()


async def test_swap_labels_match_their_text(chat: Chat) -> None:
    [swap] = _swaps(await chat.text("/explain cable pull through"))
    assert swap.startswith("• No cable machine → Kettlebell swing: Do kettlebell swings"), swap
    swap, mat = _swaps(await chat.text("/explain 45° back extension"))
    assert swap.startswith("• No bench → Romanian deadlift: Do Romanian deadlifts"), swap
    assert "over the end of a bench" not in swap
    assert mat.startswith("• No machine → Prone leg raise: Do prone leg raises on a mat"), mat


async def test_every_named_swap_opens_with_the_exercise_it_names(chat: Chat, library) -> None:
    """A swap that names a library exercise says that exercise first, so the label is its text."""
    names = {e.name for e in library.exercises.values()}
    for exercise in library.exercises.values():
        text = await chat.text(f"/explain {exercise.id}")
        for line in _swaps(text):
            m = re.match(r"• No [^→]+ → ([^:]+): (.*)", line)
            if m is None or m.group(1) not in names:
                continue
            named, how = m.group(1), m.group(2)
            first = how.split(";")[0].split(". ")[0].lower().replace("-", " ")
            assert named.lower().replace("-", " ").rstrip("s") in first, line


async def test_exercises_needing_a_bench_say_what_to_do_without_one(chat: Chat, library) -> None:
    for exercise in library.exercises.values():
        # an item naming a bench with no alternative ("bench or sturdy step" has one)
        if any("bench" in kit.lower() and " or " not in f" {kit}" for kit in exercise.equipment):
            text = await chat.text(f"/explain {exercise.id}")
            assert any(line.startswith("• No bench →") for line in _swaps(text)), exercise.id


async def test_a_loaded_lifts_levels_say_a_lift_already_trained_keeps_its_load(chat: Chat) -> None:
    """Tester (h10): "Beginner: no bar yet" read as if a /level beginner lifter thrusting 80 kg should
    drop the bar, which the coach (rightly, /approach) never prescribes."""
    text = await chat.text("/explain hip thrust")
    levels = text.split("Levels\n", 1)[1].split("\n\n", 1)[0]
    assert levels.endswith(
        "A lift you already train with a load keeps its load and progresses from there."
    ), levels
    bands = (await chat.text("/explain sumo walk")).split("Levels\n", 1)[1].split("\n\n", 1)[0]
    assert "keeps its load" not in bands  # band work has no load to keep


async def test_research_on_a_topic_of_no_words_names_no_study(chat: Chat) -> None:
    # Tester 8: "/research ???" printed every study under "What the research says about ???".
    assert (await chat.text("/research ???")).startswith("I have no study on “???”.")

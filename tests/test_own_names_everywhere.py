"""A lifter's own exercises by the names they gave them, everywhere: /edit of an entry whose own
exercise is named outside ASCII, /done and /recap naming and counting own lifts, imported long names
kept apart, names compared without their accents, own names that start with /log's words, and a long
/exercise list kept short. On the console chat."""

from __future__ import annotations

from core.markup import plain
from tests.conftest import Chat
from tests.test_log_flow import ME, NOW, answer, clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401

OTHER_ALPHABETS = ["Ягодичный мост", "Élévation du bassin", "Kniebeuge mit Öl"]


async def test_edit_of_an_own_exercise_named_outside_ascii_changes_its_sets(me: Chat) -> None:
    for name in OTHER_ALPHABETS:
        await one(me, f"/exercise add {name} glute lift")
        await one(me, f"/log {name} 3x10 60kg")
        changed = plain((await one(me, "/edit 3x10 70kg")).text)
        assert changed.startswith(f"Changed {name}: 3 × 10 @ 70 kg."), changed
        logged = await one(me, f"/log {name} 3x10 60kg")
        [asked] = await me.press(logged, "Edit")
        [pressed] = await answer(me, asked, "3x8 65kg")
        assert plain(pressed.text).startswith(f"Changed {name}: 3 × 8 @ 65 kg."), pressed.text
    assert [s.load for e in entries(me) for s in e.sets[:1]] == [70.0, 65.0] * 3

"""An exercise named in full-width letters (a phone keyboard in a CJK layout) is the same exercise:
/log logs it and /history finds it, instead of answering "not an exercise I know"."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, logapp_fixture, me_fixture  # noqa: F401 - fixtures


async def test_full_width_exercise_names_are_the_plain_ones(me: Chat) -> None:
    shown = await me.text("/log ＨＩＰ ＴＨＲＵＳＴ 3x10 80kg")
    assert shown.startswith("Logged Hip thrust: 3 × 10 @ 80 kg."), shown
    [entry] = entries(me)
    assert entry.exercise == "hip_thrust" and [(s.reps, s.load) for s in entry.sets] == [(10, 80.0)] * 3
    assert "Your history: Hip thrust" in await me.text("/history ｈｉｐ ｔｈｒｕｓｔ")

"""Section labels on a /log or /edit line (a tester logging in pounds): "warm up: 135x5, 185x3 working:
205x8,8,8" files each set under the label before it, up to the next label. Before, "working:" after
the 185x3 named that set as work ("Working (4 sets): 1 × 3 @ 185 lb, 3 × 8 @ 205 lb")."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_log_flow import logapp_fixture, me_fixture, one  # noqa: F401 - fixtures

WARM = "Warm-up (2 sets): 1 × 5 @ 135 lb, 1 × 3 @ 185 lb"
WORK = "Working (3 sets): 3 × 8 @ 205 lb"


@pytest.mark.parametrize("warm", ["warm up:", "warmup:", "warm-ups:", "w:", "warm up sets:"])
@pytest.mark.parametrize("work", ["working:", "work:", "sets:", "working sets:"])
async def test_labels_put_the_sets_after_them_in_their_kind(me: Chat, warm: str, work: str) -> None:
    await me.say("/units lb")
    logged = await one(me, f"/log hip thrust {warm} 135x5, 185x3 {work} 205x8,8,8")
    lines = logged.text.splitlines()
    assert WARM in lines and WORK in lines, logged.text


async def test_a_label_holds_to_the_next_one(me: Chat) -> None:
    # With a bare "w" the ramp's last, heavier set with more reps would be the work; "w:" says it is not.
    await me.say("/units lb")
    logged = await one(me, "/log hip thrust w: 135x5, 185x3, 205x8 back off: 2x10 135")
    lines = logged.text.splitlines()
    assert "Warm-up (3 sets): 1 × 5 @ 135 lb, 1 × 3 @ 185 lb, 1 × 8 @ 205 lb" in lines, logged.text
    assert "Back-off (2 sets): 2 × 10 @ 135 lb" in lines and "Working" not in logged.text, logged.text


async def test_an_edit_reads_labels_as_log_does(me: Chat) -> None:
    await me.say("/units lb")
    await me.say("/log hip thrust 3x8 205")
    changed = await one(me, "/edit warm up: 135x5, 185x3 working: 205x8,8,8")
    lines = changed.text.splitlines()
    assert WARM in lines and WORK in lines, changed.text


@pytest.mark.parametrize("label", ["warm up:", "w:"])
async def test_a_warm_up_label_with_no_label_after_it_reads_as_its_word(me: Chat, label: str) -> None:
    # tester 10: "warm up: 60x5, 100x5x3" stored all 4 sets as warm-ups ("Next time: … pick a load"),
    # while "warm up 60x5, 100x5x3" logged the 3 × 5 as the work
    logged = await one(me, f"/log squat {label} 60x5, 100x5x3")
    lines = logged.text.splitlines()
    assert "Warm-up (1 set): 1 × 5 @ 60 kg" in lines and "Working (3 sets): 3 × 5 @ 100 kg" in lines, (
        logged.text
    )
    ramp = await one(me, f"/log hip thrust {label} 60x8, 80x5")  # a ramp alone stays warm-ups, as after w
    assert "Working" not in ramp.text, ramp.text

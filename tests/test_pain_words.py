"""The words a /log note reports pain with (tester): "(knee aches)", "(numb foot)", "(pinched nerve)",
"(sprained ankle)", "-- 🤕 knee" and more progressed as if nothing was said ("Next time: 3 × 5 @
102.5 kg"); a missed hold is worse than an extra one. "Sore" is pain only at a joint or the back or
neck ("sore knee"), not the usual ache after training ("sore glutes"), and a cramp is none. Notes that
say the pain is gone or at 0 of 10 ("pain 0/10", "nothing hurts", "knee pain gone") held the target:
they progress as usual now.
"""

from __future__ import annotations

import pytest

from tests.conftest import Chat, Clock
from tests.test_pain_hold import PAIN, log

SAID = [
    "(knee aches)",
    "(aching hip)",
    "(achy back)",
    "(pulled hamstring)",
    "(numbness in leg)",
    "(numb foot)",
    "(tingling)",
    "(sciatica)",
    "(hip flexor pinch)",
    "(pinched nerve)",
    "(ouch)",
    "-- 🤕 knee",
    "(painfull knee)",
    "(back hurted)",
    "(sore knee)",
    "(sore lower back)",
    "(knee sore)",
    "(knee is sore)",
    "(swollen knee)",
    "(popped)",
    "(tendonitis)",
    "(tendinitis)",
    "(bursitis)",
    "(sprain)",
    "(sprained ankle)",
    "(no pain, but knee aches)",
]


@pytest.mark.parametrize("note", SAID)
async def test_the_word_holds_the_target(chat: Chat, clock: Clock, note: str) -> None:
    """Each note reports pain: the same 3 × 5 @ 100 kg, not 102.5, and the pain line."""
    line = await log(chat, clock, "squat 3x5 100kg", "2026-11-30", note)
    assert line.startswith("Next time: 3 × 5 @ 100 kg"), line
    assert "You noted pain, so no more load or reps than that session." in line, line
    assert line.endswith(PAIN), line


@pytest.mark.parametrize(
    "note",
    [
        "(zero pain)",
        "(pain 0/10)",
        "(0/10 pain)",
        "(nothing hurts)",
        "(pain gone)",
        "(pain is gone)",
        "(knee pain gone)",
    ],
)
async def test_pain_gone_or_at_zero_holds_nothing(chat: Chat, clock: Clock, note: str) -> None:
    """The usual step up (102.5 kg) and no pain line."""
    line = await log(chat, clock, "squat 3x5 100kg", "2026-11-30", note)
    assert line.startswith("Next time: 3 × 5 @ 102.5 kg"), line
    assert "pain" not in line.lower(), line


@pytest.mark.parametrize(
    ("usual", "said"),
    [
        ("(sore glutes)", "(sore knee)"),
        ("(sore from Monday)", "(lower back is sore)"),
        ("(legs sore)", "(neck sore)"),
        ("(DOMS)", "(sore SI joint)"),
        ("(calf cramp)", "(numb foot)"),
        ("(pinch grip warm-up)", "(pinched nerve)"),
        ("(popped out of the hole)", "(knee popped)"),
    ],
)
async def test_lifting_words_hold_nothing_and_pain_next_to_them_does(
    chat: Chat, clock: Clock, usual: str, said: str
) -> None:
    """Soreness after training, a cramp, a grip or a fast squat progress as usual (102.5 kg); the word
    reporting pain, next session, holds."""
    line = await log(chat, clock, "squat 3x5 100kg", "2026-11-26", usual)
    assert line.startswith("Next time: 3 × 5 @ 102.5 kg"), line
    assert "pain" not in line.lower(), line
    line = await log(chat, clock, "squat 3x5 102.5kg", "2026-11-30", said)
    assert line.startswith("Next time: 3 × 5 @ 102.5 kg"), line
    assert line.endswith(PAIN), line

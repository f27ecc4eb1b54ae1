"""The Edit button's answer over the real clients (j6, issue 10): on Telegram a ForceReply answered with
another exercise ("glute bridge 3x20" under a hip thrust) is refused with a fresh Edit button, and the
entry keeps its exercise and load; on Discord a Modal answered with a date alone ("today") moves
yesterday's entry to now, its sets kept. The card says what the store holds."""

from __future__ import annotations

from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.fakes.discord_api import MESSAGE, MODAL, USER_ID
from tests.test_ask import answer, press
from tests.test_j2_edit_platforms import refused_then_edited
from tests.test_log_platforms import NOW, app, coach, now  # noqa: F401 - fixtures
from tests.test_telegram import USER


async def test_telegram_edit_reply_naming_another_exercise_is_refused(coach) -> None:  # noqa: F811 - fixture
    me = f"telegram:{USER}"
    [logged] = await coach.say("/log hip thrust 3x10 85kg")
    [before] = coach.app.store.entries(me)
    [question] = await coach.press(logged, "Edit")
    assert question.force_reply is not None
    [refused] = await answer(coach, question, "glute bridge 3x20")
    assert refused.text == (
        "This entry is Hip thrust, not Glute bridge: the entry is unchanged. To log Glute bridge, use "
        "/log glute bridge 3x20; /delete 1 removes this one."
    )
    changed = await refused_then_edited(coach, refused, before, "3x20")
    assert changed.text.startswith("Changed <b>Hip thrust</b>: 3 × 20 @ 85 kg.\n"), changed.text
    [entry] = coach.app.store.entries(me)
    assert entry.exercise == "hip_thrust" and [(s.reps, s.load) for s in entry.sets] == [(20, 85.0)] * 3


async def test_discord_edit_modal_with_a_date_alone_moves_the_entry(
    app,  # noqa: F811 - the fixture
    fake,
    start_adapter,
) -> None:
    me = f"discord:{USER_ID}"
    adapter = await start_adapter()
    [logged] = await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x10 80kg yesterday"}))
    assert "\nSun 29 Nov 2026, 12:00\n" in logged.content, logged.content
    [opened] = await press(fake, adapter, logged, "Edit")
    assert opened.type == MODAL
    [changed] = await run(fake, adapter, fake.modal_submit(opened.data, {"answer": "today"}))
    assert changed.type == MESSAGE
    assert changed.content.startswith("Changed **Hip thrust**: 3 × 10 @ 80 kg.\nMon 30 Nov 2026, 17:00\n"), (
        changed.content
    )
    [entry] = app.store.entries(me)
    assert entry.at == NOW and [(s.reps, s.load) for s in entry.sets] == [(10, 80.0)] * 3

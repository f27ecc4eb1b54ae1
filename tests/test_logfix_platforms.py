"""The tester's /delete and Undo-after-edit faults over the real clients (python-telegram-bot against
the loopback Bot API, discord.py against the loopback Discord): the confirm button reaches the chat and
only its press removes; Undo under a Changed card puts the entry back as it was."""

from __future__ import annotations

from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.fakes.discord_api import USER_ID
from tests.test_ask import press
from tests.test_log_platforms import app, coach, ids, now  # noqa: F401 - fixtures
from tests.test_telegram import USER


async def test_telegram_delete_asks_with_a_button_and_undo_after_edit_restores(coach) -> None:  # noqa: F811
    me = f"telegram:{USER}"
    await coach.say("/log hip thrust 3x10 80kg")
    [entry] = coach.app.store.entries(me)
    [asked] = await coach.say(f"/delete {entry.id}")
    assert asked.text.startswith(f"Remove entry #{entry.id}: <b>Hip thrust</b> 3 × 10 @ 80 kg")
    assert coach.app.store.entries(me) == [entry]
    [changed] = await coach.say("/edit 3x10 90kg")
    assert changed.text.startswith("Changed <b>Hip thrust</b>: 3 × 10 @ 90 kg.")
    [restored] = await coach.press(changed, "Undo")
    assert coach.app.store.entries(me) == [entry] and "3 × 10 @ 80 kg" in restored.text
    [removed] = await coach.press(asked, "Yes, remove it")
    assert removed.text.startswith("Removed the entry: <b>Hip thrust</b>")
    assert coach.app.store.entries(me) == []


async def test_discord_delete_asks_with_a_button(app, fake, start_adapter) -> None:  # noqa: F811
    me = f"discord:{USER_ID}"
    adapter = await start_adapter()
    await run(fake, adapter, fake.slash("log", {"entry": "hip thrust 3x10 80kg"}))
    [entry] = app.store.entries(me)
    [asked] = await run(fake, adapter, fake.slash("delete", {"entry": entry.id}))
    assert asked.content.startswith(f"Remove entry #{entry.id}: **Hip thrust** 3 × 10 @ 80 kg")
    assert ids(asked) == ["Yes, remove it", "No, keep it"] and app.store.entries(me) == [entry]
    calls = await press(fake, adapter, asked, "Yes, remove it")
    assert calls[-1].content.startswith("Removed the entry: **Hip thrust**")
    assert app.store.entries(me) == []

"""Testers' round-10 reports, checked on what the user sees: a pair of dumbbells is judged in all for
records, pound users' pair targets, /plan after the main lift, the Discord edit modal, the /import
preview of the bot's own export."""

from __future__ import annotations

from datetime import UTC, datetime

from core.markup import plain
from tests.conftest import Chat, Clock
from tests.discord_support import fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.fakes.discord_api import MODAL
from tests.test_ask import press
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401


async def test_a_single_load_lighter_than_a_pair_in_all_is_no_heaviest_load_record(me: Chat) -> None:
    # 22 kg after a pair of 12s (24 kg in hand) is lighter, not a "heaviest load" PR.
    await one(me, "/log rdl 3x10 2x12kg 2026-11-27")
    lighter = await one(me, "/log rdl 3x10 22kg")
    assert "PR" not in lighter.text, lighter.text
    heavier = await one(me, "/log rdl 3x10 26kg")
    assert "🏆 PR: heaviest load" in heavier.text, heavier.text


async def test_a_pound_pair_above_the_kit_is_targeted_and_refused_in_pounds(me: Chat) -> None:
    await one(me, "/equipment preset home dumbbells")  # 2-10 kg dumbbells
    await one(me, "/units lb")
    logged = await one(me, "/log rdl 3x10 2x25lb")
    assert "Next time: 3 × 11 @ 2 × 25 lb. Same 2 × 25 lb: one more rep" in logged.text, logged.text
    assert " kg" not in logged.text.split("Next time:")[1].split("\n")[0]
    more = await one(me, "/log rdl +5lb")
    assert more.text.startswith(
        "Your equipment has no dumbbell heavier than 25 lb (its heaviest is 10 kg, about 22 lb), "
        "so nothing was logged. If that is what you lifted, log it in full, like "
        "/log romanian deadlift 3x10 2x30lb;"
    ), more.text
    plan = await one(me, "/plan")
    compound = next(s.body for s in plan.sections if s.name == "3. Compound")
    assert "3 × 11 @ 2 × 25 lb" in compound, compound
    assert "11.34" not in compound
    warmup = await one(me, "/warmup rdl")
    assert "Then your working sets at *2 × 25 lb*" in warmup.text, warmup.text
    assert "11.34" not in warmup.text


async def test_plan_marks_the_main_lift_logged_today_as_done_not_to_do(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 80kg")
    plan = await one(me, "/plan")
    main = next(s.body for s in plan.sections if s.name == "2. Main lift")
    assert main == (
        "✓ Done today. Next time:\n*Hip thrust*: 3 × 11 @ 80 kg — 25 + 5 per side\n"
        "Same 80 kg: one more rep on each set below 12."
    ), main
    # The rest of the day is still listed as to do.
    compound = next(s.body for s in plan.sections if s.name == "3. Compound")
    assert compound.startswith("*Forward lunge*: 3 × 8 reps each side"), compound


def _field(modal_data: dict) -> dict:
    """The modal's one text field, in a row or a label component."""
    stack = list(modal_data["components"])
    while stack:
        c = stack.pop()
        if c.get("custom_id") == "answer":
            return c
        stack += c.get("components", []) + ([c["component"]] if "component" in c else [])
    raise AssertionError(modal_data)


async def test_discord_edit_modal_shows_the_current_sets_whole_under_a_short_label(
    app, fake, start_adapter
) -> None:
    adapter = await start_adapter()
    [logged] = await run(
        fake, adapter, fake.slash("log", {"entry": "single leg hip thrust 3x10 each side 20kg 2026-11-29"})
    )
    [opened] = await press(fake, adapter, logged, "Edit")
    assert opened.type == MODAL and opened.data["title"] == "Edit Single-leg hip thrust"
    field = _field(opened.data)
    assert field["label"] == "Corrected sets"
    # Nothing the user needs is cut: the whole current line is in the placeholder.
    assert field["placeholder"] == "now: 3x10 20kg each side 2026-11-29", field


async def test_import_preview_of_our_own_export_shows_the_names_the_user_saw(app, chat, tmp_path) -> None:
    await chat.say("/log hip thrust 3x10 80kg")
    await chat.say("/exercise add reverse hyper accessory")
    await chat.say("/log reverse hyper 3x10")
    [export] = await chat.say("/export")
    assert export.file is not None
    path = tmp_path / "training-log.csv"
    path.write_bytes(export.file.data)
    replies = await chat.say(f"/import {path}")
    preview = replies[-1]
    bullets = [line for line in plain(preview.text).splitlines() if line.startswith("• ")]
    assert bullets == [
        "• Hip thrust → Hip thrust (3 sets)",
        "• reverse hyper → your own exercise “reverse hyper” (3 sets)",
    ], preview.text
    [change] = await chat.press(preview, "Change one")
    assert [[b.label for b in row] for row in change.buttons] == [["Hip thrust"], ["reverse hyper"]]


async def test_the_lighter_week_keeps_a_pound_pair_above_the_kit_in_pounds(chat: Chat, clock: Clock) -> None:
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # week 5 of 5 after weekly sessions since 2 Nov
    await chat.say("/level intermediate")
    await chat.say("/equipment dumbbells 4 6 8 10")  # kg: 2 × 25 lb (11.34 kg) is above them
    await chat.say("/units lb")
    for day, reps in (("02", 8), ("09", 9), ("16", 10), ("23", 11)):
        await chat.say(f"/log hip thrust 3x{reps} 2x25lb 2026-11-{day}")
    plan = await chat.text("/plan")
    assert "This is the lighter week" in plan and "Hip thrust: 2 × 11 @ 2 × 25 lb" in plan, plan

"""One dumbbell or kettlebell held on a lift usually loaded on a bar ("/log hip thrust 3x10 24kg dumbbell":
a dumbbell on the hips; "/log kb deadlift 3x5 24kg") is stored as such, set by set, and everything that
reads the set later goes on with it: /warmup and /plan (no empty bar, no plates: bodyweight, then a
lighter one of the kit's), the next target (read from the days done that way only), /edit (a bare load
keeps it one dumbbell, "48kg barbell" makes it a bar), /progress, the "Log it" buttons, the 1.5×
question (like with like), the store (rows, a restart) and /export → /import. Was: only the /log card
knew, and the rest read it as a barbell day (22.5 kg with plates and an empty-bar warm-up)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bot import build_app, start_app, stop_app
from core.settings import Settings
from domain.training import Held, LoggedSet
from storage.models import entry_problem, set_from_row, set_to_row
from tests.conftest import Chat
from tests.test_log_flow import ME, clock_fixture, entries, logapp_fixture, me_fixture, one  # noqa: F401
from tests.test_pairs_and_sides import line


def _held(chat: Chat) -> list[Held | None]:
    return [s.held for s in entries(chat)[-1].sets]


# -- /log stores it --------------------------------------------------------------------------------------


async def test_one_dumbbell_on_the_hips_is_stored_as_one_dumbbell(me: Chat) -> None:
    logged = await one(me, "/log hip thrust 3x10 24kg dumbbell")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 10 @ 24 kg dumbbell."), logged.text
    assert (
        line(logged, "Next time:")
        == "Next time: 3 × 11 @ 24 kg dumbbell. Same 24 kg dumbbell: one more rep on each set below 12."
    )
    assert _held(me) == [Held.DUMBBELL] * 3
    await one(me, "/log kb deadlift 3x5 24kg")
    assert _held(me) == [Held.KETTLEBELL] * 3
    await one(me, "/log hip thrust 3x10 80kg")  # the bar: the lift's usual way, nothing stored
    assert _held(me) == [None] * 3


# -- /warmup and /plan -----------------------------------------------------------------------------------


async def test_warmup_after_a_dumbbell_day_is_bodyweight_then_a_lighter_dumbbell(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 24kg dumbbell 2026-11-27")
    text = (await one(me, "/warmup hip thrust")).text
    assert text.startswith("Your next target: 3 × 11 @ 24 kg dumbbell. Same 24 kg"), text
    assert "• bodyweight × 10\n• 12 kg dumbbell × 8\nThen your working sets at *24 kg dumbbell*." in text, (
        text
    )
    assert "bar" not in text and "per side" not in text, text


async def test_warmup_after_a_kettlebell_deadlift_ramps_on_the_kettlebells(me: Chat) -> None:
    await one(me, "/log kb deadlift 3x5 24kg 2026-11-27")
    text = (await one(me, "/warmup deadlift")).text
    assert text.startswith("Your next target: 3 × 6 @ 24 kg kettlebell."), text  # was 22.5 kg
    assert (
        "• bodyweight × 10\n• 12 kg kettlebell × 8\nThen your working sets at *24 kg kettlebell*." in text
    ), text
    assert "bar" not in text and "per side" not in text, text


async def test_plan_gives_the_dumbbell_target_and_warm_up_with_no_plates(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 24kg dumbbell 3 days ago")
    plan = await chat.text("/plan")
    assert (
        "Warm-up:\n• bodyweight × 10\n• 12 kg dumbbell × 8\nHip thrust: 3 × 11 @ 24 kg dumbbell\n" in plan
    ), plan
    assert "empty bar" not in plan and "per side" not in plan, plan
    assert "/log hip thrust 3x11 24kg dumbbell" in plan, plan  # its example logs one dumbbell again


# -- the target and the 1.5× question: like with like ----------------------------------------------------


async def test_barbell_and_dumbbell_days_each_keep_their_own_target(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 80kg 2026-11-24")
    dumbbell = await one(me, "/log hip thrust 3x10 24kg dumbbell 2026-11-26")
    # The dumbbell day's target follows the dumbbell day, not the 80 kg bar (no "lighter day" of it).
    assert line(dumbbell, "Next time:").startswith("Next time: 3 × 11 @ 24 kg dumbbell. Same 24 kg"), (
        dumbbell.text
    )
    # A barbell day after it is no 1.5× outlier of the 24 kg dumbbell: it is logged, at once.
    barbell = await one(me, "/log hip thrust 3x10 82.5kg")
    assert barbell.text.startswith("Logged *Hip thrust*: 3 × 10 @ 82.5 kg."), barbell.text
    assert "— " in line(barbell, "Next time:") and "per side" in line(barbell, "Next time:"), barbell.text
    # ...and a dumbbell far over the dumbbell's best is still asked about.
    asked = await one(me, "/log hip thrust 3x10 48kg dumbbell")
    assert asked.text.startswith("48 kg is more than 1.5× your best so far (24 kg)."), asked.text


async def test_a_first_barbell_day_after_dumbbell_days_is_not_asked_about(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 24kg dumbbell 2026-11-26")
    barbell = await one(me, "/log hip thrust 3x10 60kg")  # was "60 kg is more than 1.5× your best (24 kg)"
    assert barbell.text.startswith("Logged *Hip thrust*: 3 × 10 @ 60 kg."), barbell.text
    assert [s.held for s in entries(me)[-1].sets] == [None] * 3


# -- /edit -----------------------------------------------------------------------------------------------


async def test_edit_with_a_bare_load_keeps_one_dumbbell_and_barbell_makes_it_a_bar(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 24kg dumbbell")
    edited = await one(me, "/edit 3x10 26kg")
    assert "Still one dumbbell: 26 kg (for a barbell write 26kg barbell)." in edited.text, edited.text
    assert "per side" not in edited.text and "empty bar" not in edited.text, edited.text
    assert _held(me) == [Held.DUMBBELL] * 3
    bar = await one(me, "/edit 3x10 48kg barbell")
    assert "Still one" not in bar.text, bar.text
    assert _held(me) == [None] * 3
    assert "per side" in line(bar, "Next time:"), bar.text
    back = await one(me, "/edit 3x10 24kg kettlebell")  # the implement typed: one kettlebell
    assert _held(me) == [Held.KETTLEBELL] * 3 and "Still one" not in back.text, back.text


async def test_undo_of_an_edit_puts_the_dumbbell_back(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 24kg dumbbell")
    edited = await one(me, "/edit 3x10 48kg barbell")
    [undone] = await me.press(edited, "Undo")
    assert undone.text.startswith("Undid your edit: *Hip thrust*: 3 × 10 @ 24 kg dumbbell."), undone.text
    assert _held(me) == [Held.DUMBBELL] * 3


# -- the "Log it" buttons --------------------------------------------------------------------------------


async def test_log_it_buttons_log_one_dumbbell_again(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 24kg dumbbell 2026-11-27")
    [start] = await me.press(await one(me, "/explain hip thrust"), "Log it")
    commands = {b.label: b.command for row in start.buttons for b in row}
    assert commands["Same as last: 3 × 10 @ 24 kg dumbbell"] == "/log hip_thrust 3x10 24kg dumbbell", commands
    assert commands["Next target: 3 × 11 @ 24 kg dumbbell"] == "/log hip_thrust 3x11 24kg dumbbell", commands
    [logged] = await me.press(start, "Next target: 3 × 11 @ 24 kg dumbbell")
    assert logged.text.startswith("Logged *Hip thrust*: 3 × 11 @ 24 kg dumbbell."), logged.text
    assert _held(me) == [Held.DUMBBELL] * 3
    [offer] = await me.press(await one(me, "/explain hip thrust"), "Log it")
    [again] = await me.press(offer, "Same as last: 3 × 11 @ 24 kg dumbbell")
    assert again.text.startswith("Logged *Hip thrust*: 3 × 11 @ 24 kg dumbbell."), again.text
    assert _held(me) == [Held.DUMBBELL] * 3


async def test_same_and_a_change_repeat_one_dumbbell_on_the_kits_dumbbells(me: Chat) -> None:
    await one(me, "/log hip thrust 3x10 24kg dumbbell")
    await one(me, "/log hip thrust same")
    assert _held(me) == [Held.DUMBBELL] * 3
    up = await one(me, "/log hip thrust +1kg")  # the next dumbbell up, not a 25 kg bar load
    assert up.text.startswith("Logged *Hip thrust*: 3 × 10 @ 26 kg dumbbell."), up.text
    assert _held(me) == [Held.DUMBBELL] * 3


# -- /progress -------------------------------------------------------------------------------------------


async def test_progress_names_the_dumbbell_and_draws_it_apart(me: Chat) -> None:
    from coaching.charts import sessions

    await one(me, "/log hip thrust 3x10 80kg 2026-11-24")
    await one(me, "/log hip thrust 3x10 24kg dumbbell 2026-11-26")
    progress = (await one(me, "/progress hip thrust")).text
    assert "Heaviest load: 80 kg (barbell); 24 kg (one dumbbell)\n" in progress, progress
    assert "Last: 3 × 10 @ 24 kg dumbbell" in progress, progress
    drawn = sessions(entries(me), "kg")
    assert [(s.top_weight, s.held) for s in drawn] == [(80.0, ""), (24.0, "dumbbell")]


# -- storage: rows, a restart, export and import ---------------------------------------------------------


def test_the_row_holds_it_only_when_set_and_an_old_row_reads_as_before() -> None:
    assert set_to_row(LoggedSet(10, 80.0, "kg")) == {"reps": 10, "load": 80.0, "unit": "kg"}
    row = set_to_row(LoggedSet(10, 24.0, "kg", held=Held.KETTLEBELL))
    assert row == {"reps": 10, "load": 24.0, "unit": "kg", "held": "kettlebell"}
    assert set_from_row(row) == LoggedSet(10, 24.0, "kg", held=Held.KETTLEBELL)
    assert set_from_row({"reps": 10, "load": 80.0, "unit": "kg"}).held is None


def test_an_unknown_held_value_makes_the_row_damaged() -> None:
    good = {"exercise": "hip_thrust", "at": "2026-11-23T09:00:00+00:00", "id": 1}
    assert (
        entry_problem({**good, "sets": [{"reps": 10, "load": 24.0, "unit": "kg", "held": "dumbbell"}]})
        is None
    )
    for bad in ("barbell", "", 1, ["dumbbell"]):
        row = {**good, "sets": [{"reps": 10, "load": 24.0, "unit": "kg", "held": bad}]}
        assert entry_problem(row) == f"a set with held {bad!r}", bad
    pair = {"reps": 10, "load": 24.0, "unit": "kg", "implements": 2, "held": "dumbbell"}
    assert entry_problem({**good, "sets": [pair]}) == "a set with held 'dumbbell'"  # never a pair held


async def test_a_restart_reads_the_dumbbell_back_from_disk(tmp_path: Path, library) -> None:
    settings = Settings(data_dir=tmp_path / "data", write_limit_per_minute=0)
    app = build_app(settings, library=library)
    await start_app(app)
    try:
        await Chat(app, user=ME).say("/log hip thrust 3x10 24kg dumbbell")
        await Chat(app, user=ME).say("/log hip thrust 3x10 80kg")
    finally:
        await stop_app(app)
    again = build_app(settings, library=library)
    await start_app(again)
    try:
        store = again.store
        held = [[s.held for s in e.sets] for e in store.entries(store.account_of(ME))]
        assert held == [[Held.DUMBBELL] * 3, [None] * 3]
        text = "\n".join(r.text for r in await Chat(again, user=ME).say("/warmup hip thrust 100"))
        assert "empty bar" in text  # a load typed is the bar's, as before
    finally:
        await stop_app(again)


async def test_export_then_import_into_a_fresh_account_keeps_the_dumbbell(
    me: Chat, logapp, tmp_path: Path
) -> None:
    await one(me, "/log hip thrust 3x10 80kg 2026-11-24")
    await one(me, "/log kb deadlift 3x5 24kg 2026-11-26")
    [export] = await me.say("/export")
    rows = list(csv.DictReader(io.StringIO(export.file.data.decode("utf-8"))))
    assert [(r["exercise"], r["single_implement"]) for r in rows] == [
        *[("Hip thrust", "")] * 3,
        *[("Deadlift", "kettlebell")] * 3,
    ]
    path = tmp_path / "coach-log.csv"
    path.write_bytes(export.file.data)
    bob = Chat(logapp[0], user="console:bob", chat="bob")
    [preview] = await bob.say(f"/import {path}")
    [done] = await bob.press(preview, "Accept all")
    assert done.text.startswith("Imported 6 sets"), done.text
    store = bob.app.ctx.store  # type: ignore[attr-defined]
    mine = store.entries(store.account_of("console:bob"))
    assert [[s.held for s in e.sets] for e in mine] == [[None] * 3, [Held.KETTLEBELL] * 3]
    warm = (await one(bob, "/warmup deadlift")).text
    assert "12 kg kettlebell × 8" in warm and "bar" not in warm, warm


async def test_an_export_before_the_column_imports_as_before(me: Chat, logapp, tmp_path: Path) -> None:
    await one(me, "/log kb deadlift 3x5 24kg 2026-11-26")
    [export] = await me.say("/export")
    rows = list(csv.DictReader(io.StringIO(export.file.data.decode("utf-8"))))
    older = io.StringIO()
    writer = csv.DictWriter(older, [c for c in rows[0] if c != "single_implement"], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "older.csv"
    path.write_text(older.getvalue())
    carol = Chat(logapp[0], user="console:carol", chat="carol")
    [preview] = await carol.say(f"/import {path}")
    [done] = await carol.press(preview, "Accept all")
    assert done.text.startswith("Imported 3 sets"), done.text
    store = carol.app.ctx.store  # type: ignore[attr-defined]
    [entry] = store.entries(store.account_of("console:carol"))
    assert [s.held for s in entry.sets] == [None] * 3  # as the lift's usual way, as it read before

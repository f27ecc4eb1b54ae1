"""Issue 12: what /anatomy, /explain, /research and /approach say, read from the rendered replies.

One test per correction (numbered as in the issue), then the wider library: every new exercise through
/explain, /log, /progress and Discord's autocomplete, the readable /exercises categories, and the README
/log examples. Every reply goes through the real dispatch and the console renderer (`Chat.text`), so a
test sees exactly what a user reads.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from core.messages import Reply
from handlers.reminder_texts import ReminderTexts
from storage.models import Schedule
from tests.conftest import Chat, Clock
from tests.discord_support import (  # noqa: F401 - the *_fixture names are pytest fixtures
    adapter_fixture,
    fake_fixture,
    run,
    start_adapter_fixture,
)

README = Path(__file__).resolve().parent.parent / "README.md"


async def _reply(chat: Chat, line: str) -> Reply:
    [reply] = await chat.say(line)
    return reply


def _section(reply: Reply, name: str) -> str:
    for section in reply.sections:
        if section.name == name:
            return section.body
    raise AssertionError(f"no section {name!r} in {[s.name for s in reply.sections]}")


async def _anatomy_texts(chat: Chat) -> str:
    return "\n".join([await chat.text(f"/anatomy {m}") for m in ("", "maximus", "medius", "minimus")])


# --------------------------------------------------------------------------- corrections 1-13


async def test_1_minimus_rotates_the_hip_inward(chat: Chat) -> None:
    minimus = await _reply(chat, "/anatomy minimus")
    does = _section(minimus, "What it does").lower()
    assert "inward (internal) rotation" in does and "abduction" in does
    weak = _section(minimus, "When it is weak").lower()
    # The outward rotation that keeps knees out belongs to the maximus and the deep rotators.
    assert "external rotation" not in weak
    assert "outward rotation" in weak and "maximus" in weak and "deep" in weak


async def test_2_each_muscle_has_its_own_jobs_and_the_self_check_sits_with_the_maximus(chat: Chat) -> None:
    maximus = await _reply(chat, "/anatomy maximus")
    medius = await _reply(chat, "/anatomy medius")
    max_does = _section(maximus, "What it does").lower()
    assert "hip extension" in max_does and "external" in max_does and "posterior pelvic tilt" in max_does
    assert "upper fibres" in max_does and "abduction" in max_does
    med_does = _section(medius, "What it does").lower()
    assert "abduction" in med_does and "pelvis level" in med_does and "one leg" in med_does
    assert "front fibres" in med_does and "back fibres" in med_does
    self_check = "squeeze your glutes"
    assert self_check in _section(maximus, "When it is weak")
    assert self_check not in (await chat.text("/anatomy medius"))


async def test_3_medius_is_middle_in_size_and_depth_with_attachments_and_nerves(chat: Chat) -> None:
    medius = await _reply(chat, "/anatomy medius")
    name = _section(medius, "Name").lower()
    assert "size" in name and "deep" in name and "not about where it sits" not in name
    maximus = await _reply(chat, "/anatomy maximus")
    attachments = _section(maximus, "Origin → insertion").lower()
    for part in ("ilium", "sacrum", "coccyx", "sacrotuberous", "thoracolumbar", "iliotibial", "tuberosity"):
        assert part in attachments, part
    assert "lateral" in _section(medius, "Origin → insertion").lower()
    minimus = await _reply(chat, "/anatomy minimus")
    assert "front of the greater trochanter" in _section(minimus, "Origin → insertion").lower()
    assert "inferior gluteal" in _section(maximus, "Nerve") and "L5 to S2" in _section(maximus, "Nerve")
    for reply in (medius, minimus):
        assert "superior gluteal" in _section(reply, "Nerve") and "L4 to S1" in _section(reply, "Nerve")


async def test_4_no_back_pain_link_and_the_tucked_pelvis_is_a_bridge_cue(chat: Chat) -> None:
    anatomy = (await _anatomy_texts(chat)).lower()
    assert "back pain" not in anatomy and "anterior pelvic tilt" not in anatomy
    assert "a good rep finishes with a slight posterior pelvic tilt" not in anatomy
    notes = _section(await _reply(chat, "/anatomy maximus"), "Good to know").lower()
    assert "cue for bridges and hip thrusts" in notes
    assert "squats and deadlifts finish standing tall with the pelvis neutral" in notes
    for lift in ("back squat", "deadlift"):
        steps = _section(await _reply(chat, f"/explain {lift}"), "How to").lower()
        assert "pelvis neutral" in steps, lift


async def test_5_deeper_squats_grow_the_glutes_more(chat: Chat) -> None:
    depth = await chat.text("/research squat depth")
    assert "Kubo et al. (2019)" in depth and "6.7%" in depth and "2.2%" in depth
    assert "adds little" not in depth and "probably enough" not in depth
    assert "deepest point you control" in depth
    squat = (await chat.text("/explain back squat")).lower()
    assert "adds little" not in squat and "as deep as you" in squat


async def test_6_squats_and_hip_thrusts_grew_the_glutes_about_equally(chat: Chat) -> None:
    said = "\n".join(
        [
            await chat.text("/anatomy maximus"),
            await chat.text("/explain back squat"),
            await chat.text("/approach"),
        ]
    )
    assert "not enough for maximal glute growth" not in said
    assert "won't give your glutes maximal growth" not in said
    assert said.count("Plotkin") >= 2  # the maximus notes and the lift intro in /approach
    plotkin = await chat.text("/research plotkin")
    assert "Plotkin et al. (2023), study" in plotkin and "similar" in plotkin


async def test_7_emg_is_a_rough_index_of_drive(chat: Chat) -> None:
    listing = await chat.text("/research")
    assert "only a rough idea of how hard" in listing
    assert "no tally of muscle fibres, no force reading" in listing and "no forecast of growth" in listing
    everything = listing + await chat.text("/research emg")
    assert "share of" not in everything  # the old "same EMG, similar share of fibres" claim
    assert "more of the muscle switched on" not in everything


async def test_8_pap_is_a_review_band_walks_are_a_warm_up(chat: Chat, app) -> None:
    pap = await chat.text("/research pap")
    assert "Hodgson et al. (2005), review" in pap
    assert "near-maximal" in pap and "fades within minutes" in pap
    assert "Blazevich & Babault (2019), review" in pap and "PAPE" in pap
    assert "light band walks were never shown" in pap
    assert "submaximal wake-up load" not in pap
    for walk in ("sumo walk", "monster walk"):
        summary = (await _reply(chat, f"/explain {walk}")).text.lower()
        assert "warm-up and movement primer" in summary and "wake" not in summary, walk
    approach = (await chat.text("/approach")).lower()
    assert "not as a performance booster" in approach and "waking them up" not in approach
    # The reminders carry the same texts.
    schedule = Schedule("console:alice", "console:alice", (0,), "18:00", "UTC", id=1)
    texts = ReminderTexts(app.store, app.library)
    reminders = texts.activation(schedule, "2026-11-23").text + texts.lift(schedule, "2026-11-23").text
    assert "awake" not in reminders.lower() and "wake up" not in reminders.lower()


async def test_9_campagnola_is_small_unpublished_and_proves_nothing_either_way(chat: Chat) -> None:
    sitting = await chat.text("/research sitting")
    assert "small, unpublished study" in sitting
    assert "neither that sitting is harmless nor that it is harmful" in sitting


async def test_10_load_to_unload_is_prices_model_and_practitioners_stand_apart(chat: Chat) -> None:
    approach = await chat.text("/approach")
    assert "Price's model" in approach and "not a measurement" in approach
    assert "brake the step, then drive up through the front hip" in approach
    assert "ease off" not in approach
    assert "Wolf 2011, a practitioner source, not a study" in approach
    lunge = await _reply(chat, "/explain forward lunge")
    assert "Brake, then drive up through the front hip." in _section(lunge, "Cues")
    assert "ease off" not in (await chat.text("/explain forward lunge"))
    eccentric = await chat.text("/research eccentric")
    assert "loaded most" not in eccentric and "coaching model, not a measurement" in eccentric
    listing = await _reply(chat, "/research")
    practitioners = _section(listing, "Practitioner sources")
    assert "Wolf (2011)" in practitioners and "IOM (2012)" in practitioners
    studies = _section(listing, "Studies")
    assert "Wolf" not in studies and "IOM" not in studies


async def test_11_hip_thrust_bar_sits_in_the_hip_crease(chat: Chat) -> None:
    thrust = await chat.text("/explain hip thrust")
    assert "rests on your hip bones" not in thrust
    steps = _section(await _reply(chat, "/explain hip thrust"), "How to")
    assert "crease of your hips, just below the bony points at the front of the pelvis" in steps
    assert "bar pad" in steps and "cannot slide" in steps
    assert "shins will stand roughly upright" in steps and "tuck your chin" in steps


async def test_12_clam_works_the_rear_medius_upper_maximus_and_deep_rotators(chat: Chat) -> None:
    muscles = _section(await _reply(chat, "/explain clam"), "Muscles")
    prime = muscles.splitlines()[0]
    assert prime == (
        "Prime movers: gluteus medius (rear fibres), gluteus maximus (upper fibres), deep hip rotators"
    )
    assert "minimus" not in prime


async def test_13_levels_are_for_new_multi_directional_movements(chat: Chat) -> None:
    levels = _section(await _reply(chat, "/approach"), "Level-based progression")
    first = levels.splitlines()[0]
    assert "new to you" in first and "multi-directional" in first
    assert "A hip thrust or squat you already train keeps its load" in first


# --------------------------------------------------------------------------- the wider library

# id → (what people type, a /log line for it, the display name)
NEW_EXERCISES = {
    "b_stance_hip_thrust": ("B-stance hip thrust", "b stance hip thrust 3x10 60kg", "B-stance hip thrust"),
    "bulgarian_split_squat": ("split squat", "split squats 3x8 12kg", "Bulgarian split squat"),
    "step_up": ("step up", "step-up 3x10", "Step-up"),
    "reverse_lunge": ("reverse lunge", "reverse lunges 3x10 10kg", "Reverse lunge"),
    "back_extension": (
        "45 degree back extension",
        "45 degree back extension 3x12 10kg",
        "45° back extension",
    ),
    "cable_pull_through": ("pull through", "pull-through 3x12 20kg", "Cable pull-through"),
    "frog_pump": ("frog pump", "frog pumps 2x25", "Frog pump"),
    "hip_abduction": ("hip abduction machine", "hip abduction machine 3x15 40kg", "Seated hip abduction"),
}


@pytest.mark.parametrize("exercise_id", sorted(NEW_EXERCISES))
async def test_new_exercise_has_the_whole_card_and_its_swaps(chat: Chat, exercise_id: str) -> None:
    typed, _, name = NEW_EXERCISES[exercise_id]
    reply = await _reply(chat, f"/explain {typed}")
    assert reply.title == name
    names = [section.name for section in reply.sections]
    for wanted in ("Muscles", "Equipment", "How to", "Cues", "Common mistakes", "Levels", "Progression"):
        assert wanted in names
    assert "rest between sets" in _section(reply, "Progression")
    assert re.search(r"^• No [a-z ]+ → ", _section(reply, "Missing equipment?"), re.M)


@pytest.mark.parametrize("exercise_id", sorted(NEW_EXERCISES))
async def test_new_exercise_logs_and_shows_progress(chat: Chat, app, exercise_id: str) -> None:
    typed, line, name = NEW_EXERCISES[exercise_id]
    logged = await chat.text(f"/log {line}")
    assert f"Logged {name}" in logged
    [entry] = app.store.entries(app.store.account_of("console:alice"))
    assert entry.exercise == exercise_id
    progress = await _reply(chat, f"/progress {typed}")
    assert progress.text.startswith(f"1 session of {name} since")
    assert progress.image is not None and progress.image.png.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("step up", "step_up"),
        ("step ups", "step_up"),
        ("split squat", "bulgarian_split_squat"),
        ("rear foot elevated split squat", "bulgarian_split_squat"),
        ("pull through", "cable_pull_through"),
        ("kettlebell swing", "kettlebell_swing"),
        ("45 degree back extension", "back_extension"),
        ("45° back extension", "back_extension"),
        ("back extension", "back_extension"),
        ("frog pump", "frog_pump"),
        ("glute bridge", "glute_bridge"),
        ("hip abduction machine", "hip_abduction"),
        ("hip thrust", "hip_thrust"),
        ("b stance hip thrust", "b_stance_hip_thrust"),
        ("single leg hip thrust", "single_leg_hip_thrust"),
        ("reverse lunge", "reverse_lunge"),
        ("lunge", "forward_lunge"),
        ("squat", "back_squat"),
    ],
)
async def test_new_names_do_not_collide_with_old_ones(chat: Chat, typed: str, expected: str) -> None:
    # /explain resolves through the same library lookup /log uses after the set parser.
    reply = await _reply(chat, f"/explain {typed}")
    assert reply.title == chat.app.ctx.library.exercises[expected].name  # type: ignore[attr-defined]


async def test_swaps_name_library_exercises_in_explain(chat: Chat) -> None:
    swaps = _section(await _reply(chat, "/explain hip thrust"), "Missing equipment?")
    assert "No bench → Glute bridge:" in swaps
    assert "No barbell → Single-leg hip thrust:" in swaps
    pull = _section(await _reply(chat, "/explain cable pull through"), "Missing equipment?")
    assert pull.startswith("• No cable machine → Kettlebell swing:") and "band" in pull


async def test_discord_autocomplete_offers_the_new_exercises(fake, adapter) -> None:
    for typed, first in (
        ("pull thr", "Cable pull-through"),
        ("step", "Step-up"),
        ("bulgar", "Bulgarian split squat"),
        ("frog", "Frog pump"),
        ("45", "45° back extension"),
        ("abduc", "Seated hip abduction"),
        ("b-stance", "B-stance hip thrust"),
    ):
        calls = await run(fake, adapter, fake.autocomplete("log", {"exercise": typed}, "exercise"))
        assert calls[0].choices[0]["name"] == first, typed


# --------------------------------------------------------------------------- words a newcomer tripped on


async def test_exercises_categories_are_named_for_people(chat: Chat) -> None:
    help_text = await chat.text("/help exercises")
    unknown = await chat.text("/exercises foo")
    for text in (help_text, unknown):
        assert "glute_lift" not in text and "glute\\_lift" not in text
    assert "glute lifts" in help_text
    assert "Activation, Glute lifts, Compound lifts or Accessories" in unknown
    assert "/exercises glute lifts" in unknown
    for typed in ("glute lifts", "glute_lift", "compound lifts", "accessories"):
        reply = await chat.text(f"/exercises {typed}")
        assert "don't know the category" not in reply, typed


async def test_discord_offers_readable_category_choices(fake, adapter) -> None:
    (sync,) = fake.calls_to("PUT", rf"^/applications/\d+/guilds/{fake.guild_id}/commands$")
    commands = {c["name"]: c for c in sync.json}
    choices = commands["exercises"]["options"][0]["choices"]
    assert [c["name"] for c in choices] == ["activation", "glute lifts", "compound lifts", "accessories"]


def _readme_log_examples() -> list[str]:
    row = next(line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| `/log"))
    return re.findall(r"`([^`]+)`", row.split("|")[2])


async def test_every_readme_log_example_logs(chat: Chat, clock: Clock) -> None:
    examples = _readme_log_examples()
    assert len(examples) >= 8
    for example in examples:
        clock.now += timedelta(seconds=5)  # a lifter's pace: the write budget is per minute
        assert "Logged" in await chat.text(f"/log {example}"), example

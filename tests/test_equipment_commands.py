"""/equipment, /plates and /warmup as a user sees them: the console (the shared dispatch), Telegram (the
real python-telegram-bot client on the loopback fake Bot API) and Discord (real discord.py on the
loopback fake: typed options, autocomplete, ephemeral replies, preset buttons)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.equipment import PRESETS as KITS
from domain.equipment import EquipmentError, from_spec, to_spec, with_part
from handlers.equipment import user_equipment
from storage.models import Profile
from tests.conftest import Chat, Clock
from tests.discord_support import (  # noqa: F401 - the *_fixture names are pytest fixtures
    adapter_fixture,
    fake_fixture,
    run,
    start_adapter_fixture,
)
from tests.fakes.discord_api import AUTOCOMPLETE, EPHEMERAL, OPT_NUMBER, OPT_STRING, USER_ID
from tests.test_telegram import USER, commands_of, start_coach, stop_coach

HIP_THRUST_100 = [
    "• 20 kg × 10 — empty bar",
    "• 40 kg × 5 — 10 per side",
    "• 60 kg × 3 — 20 per side",
    "• 80 kg × 2 — 25 + 5 per side",
    "Then your working sets at 100 kg — 25 + 15 per side.",
]


# --------------------------------------------------------------------------- console


async def test_plates_per_side_on_the_default_bar(chat):
    assert await chat.text("/plates 102.5") == "102.5 kg: 25 + 15 + 1.25 per side on a 20 kg bar."
    assert await chat.text("/plates 20") == "20 kg: the empty 20 kg bar."
    assert await chat.text("/plates 100kg") == "100 kg: 25 + 15 per side on a 20 kg bar."


async def test_plates_that_cannot_be_made_name_the_nearest_loadable_loads(chat):
    assert await chat.text("/plates 64.5") == (
        "64.5 kg can't be made on your 20 kg bar with your plates. "
        "Nearest you can load: 62.5 kg (20 + 1.25 per side) or 65 kg (20 + 2.5 per side)."
    )
    assert await chat.text("/plates 15") == (
        "15 kg is lighter than your 20 kg bar. Nearest you can load: 20 kg (empty bar)."
    )


async def test_plates_in_the_other_unit_are_converted_to_the_kit(chat):
    text = await chat.text("/plates 225 lb")
    assert text.startswith("225 lb is about 102.1 kg. ")
    assert "100 kg (25 + 15 per side) or 102.5 kg (25 + 15 + 1.25 per side)" in text


async def test_a_lb_user_gets_the_lb_gym_by_default(chat):
    await chat.say("/units lb")
    assert await chat.text("/plates 225") == "225 lb: 45 + 45 per side on a 45 lb bar."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/plates", "Load is missing. For example: /plates 102.5"),
        ("/plates abc", "“abc” is not a load. For example /plates 102.5"),
        ("/plates 0", "A load is at least 0.5 kg and at most 600 kg (1320 lb), e.g. /plates 102.5."),
        ("/plates 1320.5", "A load is at least 0.5 kg and at most 600 kg (1320 lb), e.g. /plates 102.5."),
        ("/plates 100 stone", "is not a load. For example /plates 102.5"),
        # The example for the part typed, not all six (tester: every error repeated an 8-line block).
        (
            "/equipment plates 20 x",
            "“x” is not a number. For example /equipment plates 20 10 5 2.5 1.25. Send",
        ),
        ("/equipment bar 500", "A bar weighs 5 to 30 kg (/equipment bar 20, or /equipment bar none"),
        ("/equipment bar 0", "A bar weighs 5 to 30 kg (/equipment bar 20, or /equipment bar none"),
        ("/equipment bar", "Give the bar's weight, or none if you have no barbell (/equipment bar 20)."),
        (
            "/equipment plates",
            "List the plate weights you have, e.g. /equipment plates 25 20 15 10 5 2.5 1.25",
        ),
        (
            "/equipment dumbbells -4",
            "Dumbbells weigh 0.5 to 100 kg per hand. For example: /equipment dumbbells 4",
        ),
        (
            "/equipment bands purple",
            "Bands are light, medium, heavy. For example /equipment bands light heavy.",
        ),
        ("/equipment preset my garage", "The set-ups are: commercial gym kg, "),
        ("/equipment sofa 3", "I can change: bar, plates, dumbbells, kettlebells, bands, or a preset."),
        ("/warmup", "I have no glute bridge load from you yet to warm up to. Give the working load, e.g."),
        ("/warmup blah 100", "“blah” is not in the library."),
        (
            "/warmup hip thrust 2000",
            "A load is at least 0.5 kg and at most 600 kg (1320 lb), e.g. /warmup hip thrust 100.",
        ),
        ("/warmup hip thrust 100 stone", "e.g. /warmup hip thrust 100."),
    ],
)
async def test_bad_input_gets_a_short_reply_with_an_example(chat, line, expected):
    text = await chat.text(line)
    assert expected in text
    assert "Traceback" not in text and len(text) < 600


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "/equipment plates 0.0001",
            "Plates weigh 0.25 to 50 kg each, not 0.0001 kg. For example: /equipment plates 20 10 5 2.5 1.25",
        ),
        (
            "/equipment plates 20 10 5 2.5 0.1",
            "Plates weigh 0.25 to 50 kg each, not 0.1 kg. For example: /equipment plates 20 10 5 2.5 1.25",
        ),
        (
            "/equipment plates 1e308",
            "Plates weigh 0.25 to 50 kg each. For example: /equipment plates 20 10 5",
        ),
        ("/equipment plates 51", "Plates weigh 0.25 to 50 kg each, not 51 kg. For example:"),
        ("/equipment dumbbells 0.0001", "Dumbbells weigh 0.5 to 100 kg per hand, not 0.0001 kg."),
        (
            "/equipment kettlebells 1e308",
            "Kettlebells weigh 2 to 100 kg each. For example: /equipment kettlebells",
        ),
        ("/equipment plates " + " ".join(["20"] * 21), "At most 12 values for plates."),
    ],
)
async def test_equipment_weights_no_one_lifts_are_refused_and_the_kit_is_unchanged(app, chat, line, expected):
    before = app.store.profile("console:alice").equipment
    assert (await chat.text(line)).startswith(expected)
    assert app.store.profile("console:alice").equipment == before


async def test_plates_are_bounded_in_pounds_on_a_pound_kit(app, chat):
    await chat.say("/equipment preset commercial gym lb")
    # 1/4 lb fractional plates are sold (tester r2): the bound is 0.25 lb, as in kg. This lifter logs
    # in kg, so a bare number is kg (tester h3): the pounds are said.
    assert await chat.text("/equipment plates 45 25 0.1 lb") == (
        "Plates weigh 0.25 to 100 lb each, not 0.1 lb. For example: /equipment plates 45 35 25 10 5 2.5"
    )
    assert "Plates updated." in await chat.text("/equipment plates 45 25 10 5 2.5 0.5 lb")
    assert "45 + 25 + 0.5 per side" in await chat.text("/plates 186 lb")


async def test_refused_equipment_lines_spend_no_write_budget(chat):
    for _ in range(30):
        assert (await chat.text("/equipment plates 0.0001")).startswith("Plates weigh 0.25 to 50 kg")
    assert "Plates updated." in await chat.text("/equipment plates 20 10 5 2.5 1.25")


async def test_warmup_with_a_load_in_an_odd_form_says_what_a_load_is(chat):
    for typed in ("1e308", "1e308kg", "nan", "inf", "100.5.5", "1e3 lb"):
        assert await chat.text(f"/warmup hip thrust {typed}") == (
            "A load is at least 0.5 kg and at most 600 kg (1320 lb), e.g. /warmup hip thrust 100."
        ), typed
    assert await chat.text("/warmup rdl 1e308") == (
        "A load is at least 0.5 kg and at most 600 kg (1320 lb), e.g. /warmup romanian deadlift 100."
    )
    assert (
        await chat.text("/warmup 1e308") == "Name the lift first, then the load, e.g. /warmup hip thrust 100."
    )


async def test_equipment_shows_the_kit_with_preset_buttons(chat):
    [reply] = await chat.say("/equipment")
    assert reply.title == "Your equipment"
    assert "Set-up: *commercial gym kg*" in reply.text
    assert "• Bar: 20 kg" in reply.text
    assert "• Plate pairs: 25, 20, 15, 10, 5, 2.5, 1.25 kg (as many pairs as needed)" in reply.text
    assert "• Kettlebells: 4, 6, 8, 12, 16, 20, 24, 28, 32, 36, 40, 48 kg" in reply.text
    assert "• Bands: light, medium, heavy" in reply.text
    labels = [b.label for row in reply.buttons for b in row]
    assert labels == [
        "Commercial gym kg",
        "Commercial gym lb",
        "Home barbell kg",
        "Home dumbbells",
        "Home kettlebells",
        "Bands only",
    ]
    assert all(b.action for row in reply.buttons for b in row)  # stored pending actions


async def test_preset_buttons_change_what_plates_answers(chat, app):
    [menu] = await chat.say("/equipment")
    [home] = await chat.press(menu, "Home barbell kg")
    assert "Set-up changed to home barbell kg." in home.text
    assert "(one pair of each listed)" in home.text
    # One pair each of 20, 10, 10, 5, 5, 2.5, 1.25: no 25s or 15s at home.
    assert await chat.text("/plates 102.5") == "102.5 kg: 20 + 10 + 10 + 1.25 per side on a 20 kg bar."
    assert app.store.profile("console:alice").equipment == "home barbell kg"

    [dumbbells] = await chat.press(home, "Home dumbbells")
    assert "• Dumbbells (per hand): 2, 4, 6, 8, 10 kg" in dumbbells.text
    assert "has no barbell. Add one with /equipment bar 20" in await chat.text("/plates 60")

    await chat.press(dumbbells, "Commercial gym kg")
    assert "25 + 15 + 1.25 per side" in await chat.text("/plates 102.5")


async def test_typed_changes_are_stored_and_used(chat, app):
    await chat.say("/equipment bar 15")
    assert await chat.text("/plates 102.5") == "102.5 kg: 25 + 15 + 2.5 + 1.25 per side on a 15 kg bar."
    [reply] = await chat.say("/equipment plates 20 10 5 2.5 1.25")
    assert "Set-up: *commercial gym kg* with your changes" in reply.text
    assert "• Bar: 15 kg" in reply.text
    assert await chat.text("/plates 102.5") == ("102.5 kg: 20 + 20 + 2.5 + 1.25 per side on a 15 kg bar.")
    await chat.say("/equipment kettlebells 8 12 16")
    await chat.say("/equipment dumbbells 4 6 8 10")
    stored = app.store.profile("console:alice").equipment
    assert stored == (
        "commercial gym kg; bar 15; plates 20 10 5 2.5 1.25; dumbbells 4 6 8 10; kettlebells 8 12 16"
    )
    await chat.say("/equipment reset")
    assert app.store.profile("console:alice").equipment == "commercial gym kg"


async def test_warmup_ramp_with_plates_to_a_given_load(chat):
    [reply] = await chat.say("/warmup hip thrust 100")
    assert reply.title == "Warm-up: Hip thrust to 100 kg"
    assert reply.text.replace("*", "").splitlines() == HIP_THRUST_100


async def test_warmup_rounds_an_unloadable_load_and_says_so(chat):
    [reply] = await chat.say("/warmup hip thrust 100.3")
    assert reply.text.startswith("100.3 kg can't be loaded with your set-up; warming up to 100 kg.")
    assert reply.text.replace("*", "").splitlines()[1:] == HIP_THRUST_100


async def test_warmup_without_a_load_uses_the_next_target_or_asks(chat):
    text = await chat.text("/warmup hip thrust")
    assert "I have no hip thrust load from you yet" in text and "/warmup hip thrust 100" in text
    await chat.say("/log hip thrust 3x10 80kg")
    [reply] = await chat.say("/warmup hip thrust")
    assert reply.title == "Warm-up: Hip thrust to 80 kg"
    assert reply.text.startswith("Your next target: 3 × 11 @ 80 kg. Same 80 kg")
    assert "• 20 kg × 10 — empty bar" in reply.text
    assert reply.text.endswith("Then your working sets at *80 kg* — 25 + 5 per side.")


async def test_warmup_for_dumbbells_and_kettlebells_has_no_plates(chat):
    [reply] = await chat.say("/warmup kettlebell swing 24")
    assert reply.text.splitlines() == [
        "• 8 kg × 5",
        "• 12 kg × 3",
        "• 16 kg × 2",
        "Then your working sets at *24 kg*.",
    ]


async def test_no_warmup_for_bodyweight_or_band_work(chat):
    assert "Banded sumo walk is band work: no ramp needed." in await chat.text("/warmup sumo walk")
    assert "Frog pump is bodyweight work: no ramp needed." in await chat.text("/warmup frog pump 20")


async def test_warmup_follows_the_kit(chat):
    await chat.say("/equipment preset home dumbbells")
    assert "has nothing to load a barbell lift with" in await chat.text("/warmup hip thrust 100")


async def test_personal_replies_are_private_in_a_group(app):
    group = Chat(app, in_group=True, chat="gym-group")
    for line in ("/equipment", "/plates 102.5", "/warmup hip thrust 100"):
        [reply] = await group.say(line)
        assert reply.private, line


def test_old_profile_rows_without_equipment_load_with_the_default_of_their_units():
    row = {"account": "telegram:1", "units": "lb", "timezone": "UTC", "level": "beginner", "notices": []}
    profile = Profile.from_row(row)
    assert profile.equipment == ""
    assert user_equipment(profile) == ("commercial gym lb", KITS["commercial gym lb"])
    assert Profile.from_row(profile.to_row()) == profile
    # A stored form this version cannot read falls back to the default instead of failing commands.
    damaged = Profile.from_row({**row, "equipment": "a castle; moat 3"})
    assert user_equipment(damaged) == ("commercial gym lb", KITS["commercial gym lb"])


def test_a_profile_row_on_disk_without_equipment_loads(tmp_path):
    """A file written before the field existed: the row lacks ``equipment`` and still loads."""
    import json

    from storage.layout import account_path
    from storage.store import Store

    account = "telegram:7"
    store = Store(tmp_path)
    store.save_profile(Profile(account, units="lb", equipment="home dumbbells"))
    store.close()
    path = account_path(tmp_path, account)
    tables = json.loads(path.read_text())
    [row] = tables["profile"].values()
    del row["equipment"]
    path.write_text(json.dumps(tables))

    again = Store(tmp_path)
    try:
        profile = again.profile(account)
        assert (profile.units, profile.equipment) == ("lb", "")
        assert user_equipment(profile)[0] == "commercial gym lb"
    finally:
        again.close()


def test_stored_form_round_trips():
    kit = with_part(with_part(KITS["home barbell kg"], "bar", ["15"]), "bands", ["heavy"])
    spec = to_spec(kit, "home barbell kg")
    assert spec == "home barbell kg; bar 15; bands heavy"
    assert from_spec(spec, "commercial gym kg") == ("home barbell kg", kit)
    with pytest.raises(EquipmentError):
        with_part(kit, "plates", ["20"] * 13)


# --------------------------------------------------------------------------- Telegram


async def test_telegram_plates_equipment_buttons_and_warmup(tmp_path, library, clock):
    from tests.fakes.telegram_api import FakeBotAPI

    async with FakeBotAPI() as fake:
        coach = await start_coach(tmp_path / "data", fake, library, clock)
        try:
            [plates] = await coach.say("/plates 102.5")
            assert plates.chat_id == USER
            assert plates.text == "<b>102.5 kg</b>: 25 + 15 + 1.25 per side on a 20 kg bar."

            [menu] = await coach.say("/equipment")
            assert "Set-up: <b>commercial gym kg</b>" in menu.text
            keyboard = commands_of(coach, menu)
            assert keyboard[1] == [
                ("Home barbell kg", "/equipment preset home barbell kg"),
                ("Home dumbbells", "/equipment preset home dumbbells"),
            ]
            [changed] = await coach.press(menu, "Home barbell kg")
            assert "Set-up changed to home barbell kg." in changed.text
            [plates] = await coach.say("/plates 102.5")
            assert "20 + 10 + 10 + 1.25 per side" in plates.text

            [nearest] = await coach.say("/plates 64.5")
            assert "Nearest you can load:" in nearest.text

            [ramp] = await coach.say("/warmup hip thrust 100")
            assert "• 60 kg × 3 — 20 per side" in ramp.text
            assert "100 kg</b> — 20 + 10 + 10 per side" in ramp.text  # the home kit: one pair of 20s

            [bad] = await coach.say("/plates lots")
            assert "For example /plates 102.5" in bad.text
        finally:
            await stop_coach(coach)


# --------------------------------------------------------------------------- Discord


async def test_discord_typed_options(app, fake, adapter):
    (sync,) = fake.calls_to("PUT", rf"^/applications/\d+/guilds/{fake.guild_id}/commands$")
    commands = {c["name"]: {o["name"]: o for o in c["options"]} for c in sync.json}
    warmup = commands["warmup"]
    assert warmup["exercise"]["type"] == OPT_STRING and warmup["exercise"]["autocomplete"] is True
    assert not warmup["exercise"].get("required")  # left out: today's main lift
    assert warmup["load"]["type"] == OPT_NUMBER
    assert (warmup["load"]["min_value"], warmup["load"]["max_value"]) == (0, 1000)
    assert [c["value"] for c in warmup["unit"]["choices"]] == ["kg", "lb"]
    assert commands["plates"]["load"]["type"] == OPT_NUMBER and commands["plates"]["load"]["required"]
    assert "preset" in [c["value"] for c in commands["equipment"]["part"]["choices"]]


async def test_discord_warmup_autocomplete(fake, adapter):
    calls = await run(fake, adapter, fake.autocomplete("warmup", {"exercise": "hip th"}, "exercise"))
    assert calls[0].type == AUTOCOMPLETE
    assert calls[0].choices[0]["name"] == "Hip thrust"


def _shown(call) -> str:
    return (call.content or "") + "".join(str(e) for e in call.embeds)


async def test_discord_warmup_and_plates_are_ephemeral_in_a_server(fake, adapter):
    [call] = await run(fake, adapter, fake.slash("warmup", {"exercise": "hip thrust", "load": 100.0}))
    assert call.flags & EPHEMERAL
    assert "60 kg × 3 — 20 per side" in _shown(call)
    assert "25 + 15 per side" in _shown(call)

    [call] = await run(fake, adapter, fake.slash("plates", {"load": 102.5}))
    assert call.flags & EPHEMERAL
    assert "25 + 15 + 1.25 per side" in _shown(call)

    [call] = await run(fake, adapter, fake.slash("plates", {"load": 64.5}, guild=False))
    assert not call.flags & EPHEMERAL
    assert "62.5 kg" in _shown(call) and "65 kg" in _shown(call)


async def test_discord_preset_button_changes_plates(app, fake, adapter):
    from tests.test_discord import command_of

    calls = await run(fake, adapter, fake.slash("equipment", {}, guild=False))
    preset = next(
        cid for c in calls for cid in c.custom_ids if command_of(app, cid).endswith("home barbell kg")
    )
    await run(fake, adapter, fake.click(fake.message_with(preset), preset, guild=False))
    assert app.store.profile(f"discord:{USER_ID}").equipment == "home barbell kg"
    [call] = await run(fake, adapter, fake.slash("plates", {"load": 102.5, "unit": "kg"}, guild=False))
    assert "20 + 10 + 10 + 1.25 per side" in _shown(call)

    [call] = await run(fake, adapter, fake.slash("equipment", {"part": "bar", "values": "15"}, guild=False))
    assert "Bar: 15 kg" in _shown(call)


async def test_empty_plates_and_a_zero_bar_leave_the_kit_alone(chat, app):
    """Issue: "/equipment plates" emptied the plate list and "/equipment bar 0" was accepted."""
    for line in ("/equipment plates", "/equipment bar 0", "/equipment bar 2"):
        text = await chat.text(line)
        assert "updated" not in text, text
    assert app.store.profile("console:alice").equipment in ("", "commercial gym kg")
    assert await chat.text("/plates 100") == "100 kg: 25 + 15 per side on a 20 kg bar."
    assert "Bar updated." in await chat.text("/equipment bar none")
    assert "• Bar: none" in await chat.text("/equipment")
    assert app.store.profile("console:alice").equipment == "commercial gym kg; bar none"
    assert "• Bar: 15 kg" in await chat.text("/equipment bar 15")


def test_stored_forms_from_before_bar_none_still_read():
    assert from_spec("commercial gym kg; bar 0", "commercial gym kg")[1].has_barbell is False
    assert from_spec("commercial gym kg; plates", "commercial gym kg")[1].plates == ()


async def test_a_set_up_named_without_its_unit_is_the_one_in_the_lifters_unit(chat: Chat) -> None:
    """Tester (h10): "/equipment commercial gym" and "/equipment preset commercial gym" were refused,
    though the set-up is called that; only "... gym kg" / "... gym lb" worked."""
    await chat.say("/equipment preset home dumbbells")
    assert "Set-up changed to commercial gym kg." in await chat.text("/equipment commercial gym")
    await chat.say("/units lb")
    assert "Set-up changed to commercial gym lb." in await chat.text("/equipment preset commercial gym")
    # As its button shows it to a pound lifter.
    assert "Set-up changed to home dumbbells kg." in await chat.text("/equipment preset home dumbbells kg")


async def test_warmup_alone_warms_up_to_todays_main_lift(chat: Chat, clock: Clock) -> None:
    """Tester (h10): "/warmup" said "exercise is missing" though /plan names today's main lift."""
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await chat.say("/log hip thrust 3x10 80kg 2026-11-27")
    reply = await chat.text("/warmup")
    assert reply.startswith("Warm-up: Hip thrust to 80 kg"), reply
    assert "Your next target: 3 × 11 @ 80 kg" in reply


def test_none_clears_the_bands_as_it_clears_dumbbells() -> None:
    # Tester: "/equipment bands none" was refused ("Bands are light, medium, heavy").
    kit = KITS["commercial gym kg"]
    assert with_part(kit, "bands", ["none"]).bands == ()
    assert with_part(kit, "dumbbells", ["none"]).dumbbells == ()
    assert with_part(with_part(kit, "bands", ["none"]), "bands", ["light"]).bands == ("light",)


async def test_equipment_bands_none_is_shown_as_none(chat) -> None:
    shown = await chat.text("/equipment bands none")
    assert shown.startswith("Your equipment") and "Bands: none" in shown, shown


async def test_a_pound_kit_is_shown_pound_examples(chat: Chat) -> None:
    # Known-left: on the lb gym, /equipment said "e.g. /equipment bar 15, /equipment plates 20 10 5
    # 2.5 1.25" and a refused bar "(/equipment bar 20). For example /equipment bar 15": kg, and twice.
    await chat.say("/units lb")
    shown = await chat.text("/equipment")
    assert "Change a part, e.g. /equipment bar 35, /equipment plates 45 35 25 10 5 2.5," in shown, shown
    assert await chat.text("/equipment bar") == (
        "Give the bar's weight, or none if you have no barbell (/equipment bar 45). "
        "Send /equipment to see your set-up."
    )
    assert await chat.text("/equipment plates 45 x") == (
        "“x” is not a number. For example /equipment plates 45 35 25 10 5 2.5. Send /equipment to see your"
        " set-up."
    )
    assert "• /equipment dumbbells 10 15 20 25" in await chat.text("/equipment sofa 3")
    assert "For example /equipment bar 15" not in await chat.text("/equipment bar 500")

"""Band work past the feet (issue 11): "a stronger band, then a loaded abduction exercise". The band's
strength has to be loggable (/log sumo walk 2x10 medium band), kept with the entry, carried to the next
unsaid log, and offered on the log buttons; after the strongest band /plan puts the loaded abduction in
the activation slot with its own progression."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import Chat, Clock
from tests.discord_support import adapter_fixture, fake_fixture, run, start_adapter_fixture  # noqa: F401 - fixtures
from tests.fakes.discord_api import USER_ID


def _next(reply_text: str) -> str:
    return next(line for line in reply_text.splitlines() if line.startswith("Next time:"))


async def _log(chat: Chat, clock: Clock, line: str) -> str:
    clock.now += timedelta(days=2)
    return await chat.text(f"/log {line}")


async def test_band_strength_is_logged_and_the_progression_goes_on_past_the_feet(
    chat: Chat, clock: Clock, app
) -> None:
    text = await _log(chat, clock, "sumo walk 2x20 band=feet")
    assert _next(text) == (
        "Next time: 2 × 10 steps each way, band at the knees (medium band). Top of the range at the feet: "
        "a stronger band (medium), back at the knees and 10 steps."
    ), text
    # Logged as the coach said: the medium band, position unsaid → where a new band starts (the knees).
    text = await _log(chat, clock, "sumo walk 2x10 medium band")
    assert text.startswith("Logged Banded sumo walk: 2 × 10 medium band at the knees."), text
    assert "Next time: 2 × 11 steps each way, band at the knees (medium band)." in text, text
    # Unsaid the next time: where it was, and the strength is not stored as said (the target still
    # reads the medium band, the last one named).
    text = await _log(chat, clock, "sumo walk 2x20")
    assert text.startswith("Logged Banded sumo walk: 2 × 20 band at the knees."), text
    assert "band at the ankles (medium band)" in _next(text)
    text = await _log(chat, clock, "sumo walk 2x20 band=ankles")
    assert "band at the feet (medium band)" in _next(text)
    text = await _log(chat, clock, "sumo walk 2x20 band=feet")
    assert "band at the knees (heavy band)" in _next(text), text
    text = await _log(chat, clock, "sumo walk 2x20 band=heavy")  # the band=… form works too
    assert text.startswith("Logged Banded sumo walk: 2 × 20 heavy band at the knees."), text
    # What reached the disk: the strength with every entry that said it, none where it was unsaid.
    account = app.store.account_of("console:alice")
    stored = [(e.sets[0].band, e.sets[0].resistance) for e in app.store.entries(account, "sumo_walk")]
    assert stored == [
        ("feet", None),
        ("knees", "medium"),
        ("knees", None),
        ("ankles", None),
        ("feet", None),
        ("knees", "heavy"),
    ]
    await _log(chat, clock, "sumo walk 2x20 band=ankles")
    text = await _log(chat, clock, "sumo walk 2x20 heavy band at the feet")
    assert _next(text) == (
        "Next time: seated hip abduction in its place (/plan has its target). The strongest band at the "
        "feet is easy now: move on to loaded hip abduction."
    ), text
    # /plan: the loaded abduction stands in for the walk, said why, and progresses by its own log.
    [plan] = await chat.say("/plan")
    [activate] = [s for s in plan.sections if s.name == "1. Activate"]
    assert activate.body.startswith(
        "• *Seated hip abduction*: 3 × 12 reps\nThe strongest band at the feet is easy now: move on to "
        "loaded hip abduction. First time: pick a load you can move for 12 clean reps, form first."
    ), activate.body
    await _log(chat, clock, "seated hip abduction 3x12 30kg")
    [plan] = await chat.say("/plan")
    [activate] = [s for s in plan.sections if s.name == "1. Activate"]
    assert activate.body.startswith("• *Seated hip abduction*: 3 × 13 @ 30 kg\n"), (
        activate.body
    )  # range 12-20


async def test_the_log_buttons_carry_the_band_strength(chat: Chat, clock: Clock) -> None:
    await _log(chat, clock, "sumo walk 2x20 band=feet")
    await _log(chat, clock, "sumo walk 2x12 medium band")
    [explained] = await chat.say("/explain sumo walk")
    [reply] = await chat.press(explained, "Log it")
    labels = [b.label for row in reply.buttons for b in row]
    assert "Same as last: 2 × 12 medium band at the knees" in labels, labels
    assert "Next target: 2 × 13 steps each way, band at the knees (medium band)" in labels, labels
    [pressed] = await chat.press(reply, "Next target: 2 × 13 steps each way, band at the knees (medium band)")
    assert pressed.text.startswith("Logged *Banded sumo walk*: 2 × 13 medium band at the knees."), (
        pressed.text
    )


async def test_a_band_strength_word_alone_gets_a_friendly_example(chat: Chat) -> None:
    text = await chat.text("/log sumo walk 2x10 medium")
    assert text.startswith("I don't know 'medium' here; for the band's strength write medium band,"), text
    assert "e.g. sumo walk 2x10 medium band at the knees." in text and "Nothing was logged" in text


async def test_discord_log_has_a_band_strength_option(app, fake, adapter) -> None:
    """On Discord /log is typed options: the band's strength is one of them (a choice)."""
    calls = await run(
        fake, adapter, fake.slash("log", {"exercise": "sumo walk", "sets": "2x20", "band": "feet"})
    )
    assert "band at the knees (medium band)" in calls[0].content, calls[0].content
    calls = await run(
        fake, adapter, fake.slash("log", {"exercise": "sumo walk", "sets": "2x10", "band_strength": "medium"})
    )
    assert "Logged **Banded sumo walk**: 2 × 10 medium band at the knees." in calls[0].content, calls[
        0
    ].content
    stored = app.store.entries(f"discord:{USER_ID}", "sumo_walk")
    assert [(e.sets[0].band, e.sets[0].resistance) for e in stored] == [("feet", None), ("knees", "medium")]

"""/progress after /units lb, for sets logged in kg: loads are said as they were logged, with about
that much in the user's unit beside them ("80 kg (about 176 lb)", as /plan says it), in the text and
on the chart; never a conversion no one loaded ("176.4 lb", "242.5 lb")."""

from __future__ import annotations

from coaching.charts import progress_figure
from coaching.prescribe import ExerciseRules
from tests.conftest import Chat


def chart_labels(chat: Chat, exercise: str, unit: str) -> list[str]:
    """The words drawn on the /progress chart (what the user reads off the picture)."""
    ctx = chat.app.ctx  # type: ignore[attr-defined]
    account = ctx.store.account_of(chat.user)
    entries = ctx.store.entries(account, exercise)
    known = ctx.library.exercises[exercise]
    fig = progress_figure(entries, known.name, unit, ExerciseRules.from_library(known))
    return [t.get_text() for ax in fig.axes for t in ax.texts]


async def test_progress_text_says_the_1rm_in_the_unit_it_was_lifted_in(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 82.5kg")
    await chat.say("/units lb")
    [progress] = await chat.say("/progress hip thrust")
    lines = progress.text.splitlines()
    assert "Best estimated 1RM: 110 kg (about 242.5 lb)" in lines, progress.text
    assert "Heaviest load: 82.5 kg (about 181.9 lb)" in lines, progress.text
    assert "Last: 3 × 10 @ 82.5 kg" in lines, progress.text
    assert "242.51" not in progress.text and "181.88" not in progress.text


async def test_progress_text_in_the_users_own_unit_has_no_about(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 80kg")
    [progress] = await chat.say("/progress hip thrust")
    lines = progress.text.splitlines()
    assert "Best estimated 1RM: 106.7 kg" in lines and "Heaviest load: 80 kg" in lines, progress.text
    assert "about" not in progress.text


async def test_the_chart_names_the_last_load_as_logged(chat: Chat) -> None:
    await chat.say("/log hip thrust 3x10 80kg")
    await chat.say("/units lb")
    [progress] = await chat.say("/progress hip thrust")
    assert progress.image is not None and progress.image.caption == "Hip thrust: progress"
    assert chart_labels(chat, "hip_thrust", "lb") == ["80 kg (about 176.4 lb)"]
    assert chart_labels(chat, "hip_thrust", "kg") == ["80 kg"]


async def test_the_chart_names_a_dumbbell_pair_as_logged(chat: Chat) -> None:
    await chat.say("/log rdl 3x10 2x12kg")
    assert chart_labels(chat, "romanian_deadlift", "kg") == ["2 × 12 kg"]
    assert chart_labels(chat, "romanian_deadlift", "lb") == ["2 × 12 kg (about 2 × 26.5 lb)"]

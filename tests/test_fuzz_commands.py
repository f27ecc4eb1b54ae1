"""Arbitrary text at every command: no exception escapes, every reply is a message, and refused input
leaves the stored data exactly as it was."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.dispatch import dispatch
from core.messages import Reply, Request, Target
from core.settings import Settings
from handlers.commands import build_registry
from storage.actions import FILE_PREFIX
from storage.pushes import pending_pushes
from storage.store import Store

COMMANDS = sorted(c.name for c in build_registry())
# Button-only commands refuse typed text before their handler runs: fuzz them as a tap would send them.
TAPPED = {c.name for c in build_registry() if c.hidden}
# What a mutating command says when it did change something; anything else must change nothing.
SUCCESS = {
    "log": "Logged",
    "log_confirm": ("Logged", "Changed"),
    "edit": "Changed",
    "edit_entry": "Changed",
    "delete": "Removed entry",
    "exercise": ("Added", "Removed"),
    "remind": "Reminder #",
    "unremind": "Removed",
    "unremind_all_confirm": "Removed",
    "delete_confirm": "Removed the entry",
    "timezone": "Timezone set",
    "units": "Units set",
    "level": "Level set",
    "undo": "Removed your latest",
    "undo_entry": "Removed the entry",
    "deleteme_confirm": "Done: all your data",
    "lift_now": "Log it when done",
    "link": ("Your link code", "Linked"),
    "unlink": "Unlinked",
    "rest": ("Rest timer", "stopped"),
    "done": ("Session done", "Session closed"),
    "goal": ("Goal set", "goal cleared"),
    "recap": ("Weekly recap on", "Weekly recap off"),
    "nudges": ("Nudges on", "Nudges off"),
}
CRASH = "something went wrong on my side"

words = st.sampled_from(
    [
        "hip thrust",
        "3x10",
        "80kg",
        "@",
        "rpe",
        "band=",
        ",",  # "band=," looped for ever once: separators after a word that takes one
        ";",
        "mon",
        "18:00",
        "gap",
        "all",
        "1",
        "-5",
        "x",
        "lb",
        "0",
        "\n",
        "*",
        "_",
        "<b>",
        "/",
    ]
)
# Valid arguments too, so the "changed only when it says so" rule is exercised, not just refusals.
VALID = [
    "kg",
    "lb",
    "advanced",
    "Europe/Amsterdam",
    "1",
    "all",
    "hip thrust 3x10 80kg",
    "mon 18:00",
    "1 2026-11-23",
    "",
]
valid = st.sampled_from(VALID)
texts = st.one_of(valid, st.text(max_size=60), st.lists(words, max_size=8).map(" ".join))


def snapshot(store: Store, account: str, data_dir: Path) -> tuple[object, ...]:
    """What the user's data IS: as the store answers for it, and as it lies on disk once the journal
    is written into the account files (a write that only reached the journal still shows in both)."""
    store.checkpoint()
    # Pending actions (storage/actions.py, and their temp files while being replaced) are written for
    # every reply with buttons: not user data.
    files = {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and not p.name.lstrip(".").startswith(FILE_PREFIX) and p.name != "coach.lock"
    }
    return store.profile(account), store.entries(account), store.schedules(account), files


def changed(before: tuple[object, ...], after: tuple[object, ...]) -> list[str]:
    names = ("profile", "entries", "schedules")
    what = [n for n, b, a in zip(names, before, after, strict=False) if a != b]
    files: tuple[dict[str, bytes], dict[str, bytes]] = (before[-1], after[-1])  # type: ignore[assignment]
    return what + sorted(k for k in files[0].keys() | files[1].keys() if files[0].get(k) != files[1].get(k))


@pytest.mark.parametrize("name", COMMANDS)
def test_arbitrary_text(name: str, tmp_path: Path, library) -> None:
    from bot import build_app, start_app, stop_app

    loop = asyncio.new_event_loop()
    app = build_app(Settings(data_dir=tmp_path), library=library)
    user, target = "console:fuzz", Target("console", "fuzz")

    async def say(command: str, text: str) -> list[Reply]:
        request = Request(command=command, user=user, target=target, text=text, via_button=command in TAPPED)
        return await dispatch(request, app.ctx)

    async def seed() -> None:
        await start_app(app)
        await say("log", "hip thrust 3x10 80kg")
        await say("remind", "mon 18:00")

    loop.run_until_complete(seed())
    account = app.ctx.store.account_of(user)

    def written() -> tuple[object, ...]:
        # What a /log writes behind its answer (a session summary, storage/write_behind.py) is written
        # now, so it shows as the change of the command that made it, not of whichever ran a second later.
        loop.run_until_complete(pending_pushes(app.ctx.store).flush())
        return snapshot(app.ctx.store, account, tmp_path)

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(texts)
    def check(text: str) -> None:
        before = written()
        replies = loop.run_until_complete(say(name, text))
        assert replies and all(isinstance(r, Reply) for r in replies)
        for reply in replies:
            assert reply.text or reply.title or reply.sections or reply.image or reply.file or reply.ask
            assert CRASH not in reply.text, (name, text)
        after = written()
        if after != before:
            marker = SUCCESS.get(name)
            assert marker is not None, f"/{name} {text!r} changed stored data: {changed(before, after)}"
            markers = (marker,) if isinstance(marker, str) else marker
            said = " ".join(f"{r.title} {r.text}" for r in replies)
            assert any(m in said for m in markers), f"/{name} {text!r} changed data but said {said!r}"
            loop.run_until_complete(seed())  # put the data back for the next example

    for text in VALID:  # every valid argument at least once, whatever the draw
        check = example(text)(check)
    try:
        check()
    finally:
        loop.run_until_complete(stop_app(app))
        loop.close()

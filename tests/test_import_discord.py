"""/import on the real discord.py client against the loopback Discord fake: the attachment option."""

from __future__ import annotations

import asyncio
from pathlib import Path

from adapters.discord.views import parse_custom_id
from core.buttons import pending_actions
from tests.discord_support import (  # noqa: F401 - the *_fixture names are pytest fixtures
    adapter_fixture,
    fake_fixture,
    run,
    start_adapter_fixture,
)
from tests.fakes.discord_api import USER_ID

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def sets_of(entries: list) -> int:
    return sum(len(e.sets) for e in entries)


def command_of(app, custom_id: str) -> str:
    action = pending_actions(app.store).get(parse_custom_id(custom_id) or "")
    return action.command if action else ""


async def test_discord_attachment_option(app, fake, adapter):
    sync = fake.calls_to("PUT", r"/commands$")[-1]
    [option] = next(c for c in sync.json if c["name"] == "import")["options"]
    assert option["type"] == 11  # ATTACHMENT
    file_id = fake.attach((FIXTURES / "hevy_kg.csv").read_bytes(), "hevy.csv")
    calls = await run(fake, adapter, fake.slash("import", {"file": file_id}, guild=False))
    text = " ".join(c.content or "" for c in calls) + " ".join(
        e.get("description") or "" for c in calls for e in c.embeds
    )
    assert "240 sets" in text and "Reading hevy.csv" in text
    # The progress message is a followup, edited as the file is read.
    [progress] = [c for c in calls if c.method == "POST" and "Reading hevy.csv" in (c.content or "")]
    assert any(c.method == "PATCH" and "Read 240 sets" in (c.content or "") for c in calls)
    assert app.store.entries(f"discord:{USER_ID}") == []
    accept = next(
        cid for c in calls for cid in c.custom_ids if command_of(app, cid).startswith("/import_apply")
    )
    calls = await run(fake, adapter, fake.click(fake.message_with(accept), accept))
    async with asyncio.timeout(10):
        await adapter.idle()
    contents = [c.content or "" for c in fake.calls if c.content]
    assert any(t.startswith("Imported 240 sets") for t in contents)
    assert sets_of(app.store.entries(f"discord:{USER_ID}")) == 240

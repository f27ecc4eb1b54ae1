"""Testers' round-10 reports, checked on what the user sees: a pair of dumbbells is judged in all for
records, pound users' pair targets, /plan after the main lift, the Discord edit modal, the /import
preview of the bot's own export."""

from __future__ import annotations

from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, logapp_fixture, me_fixture, one  # noqa: F401


async def test_a_single_load_lighter_than_a_pair_in_all_is_no_heaviest_load_record(me: Chat) -> None:
    # 22 kg after a pair of 12s (24 kg in hand) is lighter, not a "heaviest load" PR.
    await one(me, "/log rdl 3x10 2x12kg 2026-11-27")
    lighter = await one(me, "/log rdl 3x10 22kg")
    assert "PR" not in lighter.text, lighter.text
    heavier = await one(me, "/log rdl 3x10 26kg")
    assert "🏆 PR: heaviest load" in heavier.text, heavier.text

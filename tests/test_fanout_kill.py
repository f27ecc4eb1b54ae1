"""Item 5's acceptance: SIGKILL the real bot (a subprocess, python-telegram-bot on the loopback fake) in
the middle of a 400-reminder fan-out, restart it, count per chat what arrived (bench/fanout_kill.py).

On the baseline every claim chunk was written before anything was sent, so the kill left hundreds of
schedules claimed but unsent: after the restart their lifts went out without an activation."""

from __future__ import annotations

import pytest

from bench.fanout_kill import run_kill

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]  # ≈ 85 s: the lifts' gap is at least a minute


async def test_sigkill_mid_fan_out_no_duplicates_and_no_lift_without_its_activation(tmp_path):
    result = await run_kill(tmp_path, count=400, kill_after=100)
    print("\n".join(result.lines()))
    assert result.sent_before_kill < result.chats  # the kill landed mid fan-out ...
    assert result.activations > result.sent_before_kill  # ... and the restart caught up the rest
    assert result.duplicates == 0
    assert result.orphan_lifts == 0
    # Only the lanes' last groups are in doubt (≤ 2 × 8 lanes × 8 messages), never re-sent.
    assert result.chats - result.activations + result.in_doubt <= 128

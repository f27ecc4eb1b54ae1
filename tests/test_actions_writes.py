"""Pending actions' batched writes (storage/actions.py): what reaches the disk, and when a batch is
due while the event loop shuts down or the process exits. Real files in temp folders; the exits are
real subprocesses."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from storage.actions import FILE_PREFIX, PendingActions, Spec, Verdict
from storage.atomic import encode
from tests.test_console import ROOT

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
KW = {"target": "console:x", "private": True, "now": NOW}


def shard_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob(f"{FILE_PREFIX}*.json"))}


async def test_each_write_holds_every_change_so_far_in_the_usual_format(tmp_path: Path):
    # A press's "used" mark, a forgotten account and new buttons all reach the file with the next batch,
    # in the compact JSON every data file uses.
    actions = PendingActions(tmp_path, write_delay=3600)
    mine = [i for _ in range(40) for i in actions.issue([Spec("/plan", 60)], account="a:1", **KW)]
    theirs = [i for _ in range(40) for i in actions.issue([Spec("/plan", 60)], account="a:2", **KW)]
    [once, other] = actions.issue(
        [Spec("/deleteme_confirm", 60, True), Spec("/deleteme_cancel", 60, True)], account="a:1", **KW
    )
    await actions.flush()
    assert actions.claim(once, account="a:1", now=NOW, chat_ok=lambda a: True)[0] is Verdict.OK
    assert actions.drop_account("a:2") == 40
    [late] = actions.issue([Spec("/undo", 60)], account="a:1", **KW)
    await actions.flush()

    again = PendingActions(tmp_path)
    assert again.get(other).used  # consumed with its group after the first write
    assert all(again.get(i) is None for i in theirs)
    assert all(again.get(i) is not None for i in [*mine, late])
    for name, raw in shard_files(tmp_path).items():
        assert raw == encode(json.loads(raw)), name  # the same compact JSON as every other data file


async def test_buttons_read_back_after_a_restart_stay_when_new_ones_are_written(tmp_path: Path):
    before = PendingActions(tmp_path, write_delay=3600)
    old = [i for _ in range(64) for i in before.issue([Spec("/plan", 60)], account="a:1", **KW)]
    await before.flush()
    after = PendingActions(tmp_path, write_delay=3600)  # a restart: the shards are read back
    assert all(after.get(i) is not None for i in old)
    new = [i for _ in range(64) for i in after.issue([Spec("/plan", 60)], account="a:1", **KW)]
    await after.flush()  # rewrites the shards it changed: with what was read back, not only the new
    again = PendingActions(tmp_path)
    assert all(again.get(i) is not None for i in [*old, *new])


_SHUTDOWN_WITH_A_BATCH_DUE = """
import asyncio, sys, threading
from datetime import UTC, datetime
from storage.actions import PendingActions, Spec

folder = sys.argv[1]

async def main() -> None:
    loop = asyncio.get_running_loop()
    # The default executor is busy until after the batch's timer fires, so asyncio.run's shutdown of
    # that executor is under way when the timer fires.
    release = threading.Event()
    loop.run_in_executor(None, release.wait, 10)
    actions = PendingActions(folder, write_delay=0.2)
    [action_id] = actions.issue([Spec("/plan", 60)], account="a:1", target="console:x", private=True,
                                now=datetime(2026, 11, 23, tzinfo=UTC))
    loop.call_later(0.4, release.set)  # after the batch's timer (timers fire in time order)
    print(action_id, flush=True)

asyncio.run(main())
"""


def run_script(script: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """``script`` in a Python process of its own, given ``folder``, from the project's root."""
    return subprocess.run(
        [sys.executable, "-c", script, str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_a_batch_due_while_the_loop_shuts_down_is_written_not_raised(tmp_path: Path):
    # bench.core_bench ended with "RuntimeError: Executor shutdown has been called" from the batch
    # timer, and the batch was never written.
    done = run_script(_SHUTDOWN_WITH_A_BATCH_DUE, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Executor shutdown" not in done.stderr, done.stderr
    [action_id] = done.stdout.split()
    assert PendingActions(tmp_path).get(action_id) is not None


_EXIT_WITH_A_BATCH_DUE = """
import asyncio, sys
from datetime import UTC, datetime
from storage.actions import PendingActions, Spec

async def main() -> None:
    actions = PendingActions(sys.argv[1], write_delay=3600)  # its timer dies with the loop
    [action_id] = actions.issue([Spec("/plan", 60)], account="a:1", target="console:x", private=True,
                                now=datetime(2026, 11, 23, tzinfo=UTC))
    print(action_id, flush=True)

asyncio.run(main())  # a tool that never flushes; the process then exits normally
"""


def test_a_batch_still_due_at_a_normal_exit_is_written(tmp_path: Path):
    done = run_script(_EXIT_WITH_A_BATCH_DUE, tmp_path)
    assert done.returncode == 0, done.stderr
    [action_id] = done.stdout.split()
    assert PendingActions(tmp_path).get(action_id) is not None


def test_a_batch_due_after_a_tools_loop_ended_is_written_by_the_next_loop(tmp_path: Path):
    # A tool runs asyncio.run twice: the first loop closed with its batch's timer pending.
    actions = PendingActions(tmp_path, write_delay=3600)

    async def issue() -> str:
        [action_id] = actions.issue([Spec("/plan", 60)], account="a:1", **KW)
        return action_id

    first = asyncio.run(issue())
    second = asyncio.run(issue())
    asyncio.run(actions.flush())
    again = PendingActions(tmp_path)
    assert again.get(first) is not None and again.get(second) is not None

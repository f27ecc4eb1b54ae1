"""Crash safety: SIGKILL during /log writes, leftover and torn temporary files, failing fsync."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bench.crash_kill import run_trials
from storage import atomic
from storage.atomic import atomic_write_bytes, is_temp_name
from storage.layout import account_file_name, account_path
from storage.models import LogEntry
from storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
A = "console:crash"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def entry(n: int) -> LogEntry:
    return LogEntry("hip_thrust", (n,), "2026-11-23T09:00:00+00:00", 80.0, "kg")


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if is_temp_name(p.name)]


def test_sigkill_during_log_writes_loses_no_acknowledged_write(tmp_path: Path) -> None:
    summary = run_trials(15, seed=15, delay=(0.02, 0.25), work_dir=tmp_path)
    problems = [e for t in summary.failures for e in t.errors]
    assert not problems, problems
    assert summary.loaded == 15
    assert summary.lost == 0
    assert sum(t.acked for t in summary.trials) >= 15


def test_leftover_temp_file_is_removed_on_open(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add_entry(A, entry(1))
    store.close()
    real = account_path(tmp_path, A)
    leftover = real.with_name(f".{real.name}.0badc0de.tmp")
    leftover.write_bytes(real.read_bytes())  # even a complete one: it was never acknowledged
    again = Store(tmp_path)
    assert again.stale_temp_files_removed == 1
    assert not leftover.exists()
    assert [e.reps for e in again.entries(A)] == [(1,)]


CHILD = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from storage.models import LogEntry
from storage.store import Store

store = Store(Path({data!r}))
for n in (1, 2):
    store.add_entry("console:crash", LogEntry("hip_thrust", (n,), "2026-11-23T09:00:00+00:00", 80.0, "kg"))
store.sync()
mode = {mode!r}
real_fsync = os.fsync

def die(fd):
    if mode == "torn":  # the temp file only got half its bytes when the process died
        size = os.fstat(fd).st_size
        os.ftruncate(fd, size // 2)
    else:
        real_fsync(fd)
    os.kill(os.getpid(), signal.SIGKILL)

os.fsync = die
store.add_entry("console:crash", LogEntry("hip_thrust", (3,), "2026-11-23T09:00:00+00:00", 80.0, "kg"))
store.sync()
print("not killed")
"""


@pytest.mark.parametrize("mode", ["torn", "complete"])
def test_killed_mid_write_never_replaces_the_real_file(tmp_path: Path, mode: str) -> None:
    code = textwrap.dedent(CHILD).format(root=str(ROOT), data=str(tmp_path), mode=mode)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.returncode == -9, proc.stderr.decode()
    real = account_path(tmp_path, A)
    (leftover,) = temp_files(tmp_path)
    assert leftover.parent == real.parent and leftover.name.startswith(f".{account_file_name(A)}.")
    if mode == "torn":
        with pytest.raises(ValueError):
            json.loads(leftover.read_bytes())
    json.loads(real.read_bytes())  # the real file is whole

    store = Store(tmp_path)
    assert store.stale_temp_files_removed == 1 and not temp_files(tmp_path)
    assert [e.reps for e in store.entries(A)] == [(1,), (2,)]
    assert store.add_entry(A, entry(3)).id == 3


def test_failing_fsync_leaves_the_real_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path)
    store.add_entry(A, entry(1))
    store.sync()
    real = account_path(tmp_path, A)
    before = real.read_bytes()

    def failing(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", failing)
    store.add_entry(A, entry(2))
    with pytest.raises(OSError):  # written off the loop: the failure surfaces when synced
        store.sync()
    monkeypatch.undo()
    assert real.read_bytes() == before
    assert not temp_files(tmp_path)
    assert [e.reps for e in store.entries(A)] == [(1,)]


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.json"
    atomic_write_bytes(path, b"old")

    def failing_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError):
        atomic_write_bytes(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [path]
    atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"new"

"""Crash safety: SIGKILL during /log writes, leftover and torn temporary files, failing fsync."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bench.crash_kill import run_trials
from domain.training import Entry
from storage import atomic
from storage.atomic import atomic_write_bytes, is_temp_name
from storage.layout import account_file_name, account_path
from storage.store import Store
from tests.entries import log_entry, reps_of

ROOT = Path(__file__).resolve().parent.parent
A = "console:crash"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def entry(n: int) -> Entry:
    return log_entry("hip_thrust", (n,), "2026-11-23T09:00:00+00:00", 80.0, "kg")


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if is_temp_name(p.name)]


@pytest.mark.slow  # ≈ 25 s: fifteen real processes killed mid-write
def test_sigkill_during_log_writes_loses_no_acknowledged_write(tmp_path: Path) -> None:
    summary = run_trials(15, seed=15, delay=(0.02, 0.25), work_dir=tmp_path)
    problems = [e for t in summary.failures for e in t.errors]
    assert not problems, problems
    assert summary.loaded == 15
    assert summary.lost == 0
    assert sum(t.acked for t in summary.trials) >= 15


@pytest.mark.slow  # ≈ 15 s: ten real processes killed mid-write
def test_sigkill_during_edits_and_undos_loses_no_acknowledged_change(tmp_path: Path) -> None:
    """The store mode logs, edits the latest entry and undoes it (journal lines): after a kill every
    acknowledged edit is there, no acknowledged undo comes back, an unacknowledged change is all or
    nothing."""
    summary = run_trials(10, seed=7, delay=(0.05, 0.3), work_dir=tmp_path, mode="store")
    problems = [e for t in summary.failures for e in t.errors]
    assert not problems, problems
    assert summary.loaded == 10 and summary.lost == 0
    assert {t.mode for t in summary.trials} == {"store"}


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
    assert [reps_of(e) for e in again.entries(A)] == [(1,)]


CHILD = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from tests.entries import log_entry, reps_of, weight_of
from storage.store import Store

def entry(n):
    return log_entry("hip_thrust", (n,), "2026-11-23T09:00:00+00:00", 80.0, "kg")

store = Store(Path({data!r}))
for n in (1, 2):  # the first creates the account file, the second is a journal line
    store.add_entry("console:crash", entry(n))
store.sync()
mode = {mode!r}
real_fsync, real_fdatasync = os.fsync, os.fdatasync

def die(fd):
    if mode in ("torn", "torn-line"):  # the file only got half its new bytes when the process died
        size = os.fstat(fd).st_size
        os.ftruncate(fd, size - {torn_by})
    elif mode == "complete":
        real_fsync(fd)
    os.kill(os.getpid(), signal.SIGKILL)

if mode == "torn-line":  # killed while appending line 3 to the journal
    os.fdatasync = die
    store.add_entry("console:crash", entry(3))
else:  # killed while the checkpoint writes lines 1-2 into the account file
    os.fsync = die
    store.checkpoint()
store.sync()
print("not killed")
"""


@pytest.mark.parametrize("mode", ["torn", "complete"])
def test_killed_mid_checkpoint_never_replaces_the_real_file(tmp_path: Path, mode: str) -> None:
    code = textwrap.dedent(CHILD).format(root=str(ROOT), data=str(tmp_path), mode=mode, torn_by=60)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.returncode == -9, proc.stderr.decode()
    real = account_path(tmp_path, A)
    (leftover,) = temp_files(tmp_path)
    assert leftover.parent == real.parent and leftover.name.startswith(f".{account_file_name(A)}.")
    if mode == "torn":
        with pytest.raises(ValueError):
            json.loads(leftover.read_bytes())
    assert list(json.loads(real.read_bytes())["entries"]) == ["1"]  # whole, as before the checkpoint

    store = Store(tmp_path)
    assert store.stale_temp_files_removed == 1 and not temp_files(tmp_path)
    assert store.journal_lines_replayed == 1  # line 2 came back from the journal
    assert not list((tmp_path / "journal").iterdir())
    assert [reps_of(e) for e in store.entries(A)] == [(1,), (2,)]
    assert store.add_entry(A, entry(3)).id == 3


def test_killed_mid_append_drops_only_the_torn_line(tmp_path: Path) -> None:
    code = textwrap.dedent(CHILD).format(root=str(ROOT), data=str(tmp_path), mode="torn-line", torn_by=20)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.returncode == -9, proc.stderr.decode()
    (segment,) = (tmp_path / "journal").iterdir()
    raw = segment.read_bytes()
    assert raw.count(b"\n") == 1 and not raw.endswith(b"\n")  # line 2 whole, line 3 torn
    store = Store(tmp_path)
    assert store.journal_lines_replayed == 1
    assert [reps_of(e) for e in store.entries(A)] == [(1,), (2,)]
    assert store.add_entry(A, entry(3)).id == 3
    store.close()
    assert [reps_of(e) for e in Store(tmp_path).entries(A)] == [(1,), (2,), (3,)]


def test_failing_fsync_leaves_the_real_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path)
    store.add_entry(A, entry(1))
    store.add_entry(A, entry(2))  # a journal line
    store.sync()
    real = account_path(tmp_path, A)
    before = real.read_bytes()

    def failing(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", failing)
    with pytest.raises(OSError):  # the checkpoint's file write fails
        store.checkpoint()
    monkeypatch.undo()
    assert real.read_bytes() == before
    assert not temp_files(tmp_path)
    assert [reps_of(e) for e in store.entries(A)] == [(1,), (2,)]  # line 2 is still in the journal
    assert list((tmp_path / "journal").iterdir())
    store.checkpoint()
    assert list(json.loads(real.read_bytes())["entries"]) == ["1", "2"]
    assert not list((tmp_path / "journal").iterdir())


def test_failing_journal_append_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path)
    store.add_entry(A, entry(1))
    store.sync()

    def failing(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdatasync", failing)
    store.add_entry(A, entry(2))
    with pytest.raises(OSError):  # answered as a failure, so it must not stay
        store.sync()
    monkeypatch.undo()
    assert [reps_of(e) for e in store.entries(A)] == [(1,)]
    assert store.add_entry(A, entry(3)).id == 2
    store.close()
    assert [reps_of(e) for e in Store(tmp_path).entries(A)] == [(1,), (3,)]


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

"""Durability against a careless operator and a full disk (issue 8, items 1-3): one process per data
folder, a failed journal append never glues the next set to a torn line, a damaged journal line is set
aside, not dropped. Real subprocesses and real files; a real small tmpfs where the test may mount."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.training import Entry
from storage import journal
from storage.journal import encode_record, list_segments
from storage.layout import ENTRY_ROWS, account_path
from storage.store import Store
from storage.writer import StorageWriteError
from tests.entries import log_entry, reps_of, weight_of
from tests.test_console import run_console

ROOT = Path(__file__).resolve().parent.parent
A = "console:local"  # the console chat's user

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks, signals and limits")


def entry(n: int, weight: float = 80.0) -> Entry:
    return log_entry("hip_thrust", (n,), "2026-11-23T09:00:00+00:00", weight, "kg")


def bot_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    env["DATA_DIR"] = str(data_dir)
    env["WRITE_LIMIT_PER_MINUTE"] = "0"  # these tests log dozens of sets in seconds on purpose
    return env


class Console:
    """A console bot kept running, fed one line at a time (as a user typing)."""

    def __init__(self, data_dir: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "bot.py"],
            cwd=ROOT,
            env=bot_env(data_dir),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def say(self, line: str, *answers: str) -> str:
        """Send ``line``; return the reply that contains one of ``answers``."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        seen = []
        while True:
            out = self.proc.stdout.readline()
            assert out, (
                f"bot ended; said {seen!r}; stderr {self.proc.stderr.read() if self.proc.stderr else ''}"
            )
            seen.append(out)
            if any(a in out for a in answers):
                return out

    def finish(self) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        return self.proc.wait(timeout=30)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)


def run_bot(data_dir: Path, lines: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_console(data_dir, lines, *args, env_extra={"WRITE_LIMIT_PER_MINUTE": "0"})


# --- item 1: one process owns DATA_DIR -------------------------------------------------------------------


def test_second_bot_on_the_same_folder_exits_2_naming_the_holder_and_touches_nothing(tmp_path: Path) -> None:
    first = Console(tmp_path)
    try:
        first.say("/log hip thrust 3x10 80kg", "Logged")
        first.say("/log hip thrust 3x10 85kg", "Logged")
        # as if the first were in the middle of writing a file: the second must leave it alone
        planted = account_path(tmp_path, A).with_name(".planted.json.0badc0de.tmp")
        planted.write_bytes(b"{}")
        coach_log = (tmp_path / "coach.log").read_bytes()

        second = run_bot(tmp_path, "/log hip thrust 3x10 90kg\n")
        assert second.returncode == 2
        [line] = second.stderr.strip().splitlines()
        assert str(tmp_path) in line and f"process {first.proc.pid}" in line
        assert "Logged" not in second.stdout
        assert planted.exists()
        assert (tmp_path / "coach.log").read_bytes() == coach_log  # not even a log line

        # the operator's restore refuses too while the bot runs (`list` only reads: it may run)
        tool = run_bot(tmp_path, "", "quarantine", "restore", "links.json.20261130T000000000000Z")
        assert tool.returncode == 2 and f"process {first.proc.pid}" in tool.stderr
        assert first.finish() == 0
    finally:
        if first.proc.poll() is None:
            first.kill()
    store = Store(tmp_path)
    assert [weight_of(e) for e in store.entries(A)] == [80.0, 85.0]
    store.close()


# --- item 2: a failed append is cut back before anything else is appended --------------------------------


def test_failed_append_is_cut_back_so_the_next_set_survives_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    store.add_entry(A, entry(1))  # creates the account file
    store.add_entry(A, entry(2))  # a journal line
    store.sync()
    real_write = os.write
    torn: list[int] = []

    def disk_fills_half_way(fd: int, data: bytes) -> int:
        if torn:
            return real_write(fd, data)
        torn.append(real_write(fd, bytes(data[: len(data) // 2])))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal.os, "write", disk_fills_half_way)
    store.add_entry(A, entry(3))
    with pytest.raises(StorageWriteError):
        store.sync()  # answered "nothing was changed"
    monkeypatch.undo()
    assert torn and torn[0] > 0
    store.add_entry(A, entry(99, 130.0))
    store.sync()  # acknowledged
    # a crash now (the first store is never closed): the next start replays the journal
    again = Store(tmp_path)
    assert [(reps_of(e), weight_of(e)) for e in again.entries(A)] == [
        ((1,), 80.0),
        ((2,), 80.0),
        ((99,), 130.0),
    ]
    assert not (tmp_path / "quarantine").exists()  # nothing torn was left to set aside


RLIMIT_CHILD = """
import os, resource, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from tests.entries import log_entry, reps_of, weight_of
from storage.store import Store

def entry(n, weight=80.0):
    return log_entry("hip_thrust", (n,), "2026-11-23T09:00:00+00:00", weight, "kg")

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
data = Path({data!r})
store = Store(data, idle_checkpoint_seconds=60)
store.add_entry("console:local", entry(1))
store.add_entry("console:local", entry(2))
store.sync()
[segment] = sorted((data / "journal").glob("*.log"))
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
# the kernel lets the next line in only part-way: a real short write, then a failing one
resource.setrlimit(resource.RLIMIT_FSIZE, (segment.stat().st_size + 40, hard))
store.add_entry("console:local", entry(3))
try:
    store.sync()
    print("ACCEPTED", flush=True)
except OSError:
    print("REFUSED", flush=True)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
store.add_entry("console:local", entry(99, 130.0))
store.sync()
print("ACK", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_file_size_limit_mid_line_then_sigkill_keeps_the_acknowledged_set(tmp_path: Path) -> None:
    code = textwrap.dedent(RLIMIT_CHILD).format(root=str(ROOT), data=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.split() == ["REFUSED", "ACK"]
    store = Store(tmp_path)
    assert [(reps_of(e), weight_of(e)) for e in store.entries(A)] == [
        ((1,), 80.0),
        ((2,), 80.0),
        ((99,), 130.0),
    ]
    store.close()


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a 2 MB tmpfs needs root (the injected-failure tests above still run)")
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> Path:
    """Fill the file system of ``folder`` to the last byte."""
    filler = folder / f"filler-{uuid.uuid4().hex}"
    with open(filler, "wb", buffering=0) as f:
        for size in (1 << 16, 1 << 10, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    return filler


def test_disk_full_on_a_real_tmpfs_then_freed_keeps_the_next_set(small_tmpfs: Path) -> None:
    data = small_tmpfs / "data"
    page = os.sysconf("SC_PAGE_SIZE")
    bot = Console(data)
    try:
        bot.say("/log hip thrust 3x10 30kg", "Logged")  # creates the account file
        logged, sizes = [30.0], []
        for weight in range(31, 90):  # two-digit weights: every journal line has the same length
            bot.say(f"/log hip thrust 3x10 {weight}kg", "Logged")
            logged.append(float(weight))
            sizes.append(max((data / "journal").glob("*.log")).stat().st_size)
            if len(sizes) > 1:
                line, room = sizes[-1] - sizes[-2], page - sizes[-1] % page
                if 2 < room < line - 2:  # the next line needs a new page for its end: it will tear
                    break
        else:
            pytest.fail(f"the journal never reached a page boundary: {sizes}")
        filler = fill(small_tmpfs)
        bot.say("/log hip thrust 3x10 44kg", "nothing was changed")
        filler.unlink()
        bot.say("/log hip thrust 3x10 45kg", "Logged")  # within 1.5x the best: stored without asking
        bot.kill()  # within the idle checkpoint's 2 s: the set is only in the journal
    finally:
        if bot.proc.poll() is None:
            bot.kill()
    store = Store(data)
    weights = [weight_of(e) for e in store.entries(A)]
    store.close()
    assert weights == [*logged, 45.0]


# --- item 3: a damaged journal line is set aside, never dropped ------------------------------------------


def test_damaged_line_in_the_middle_is_quarantined_and_the_rest_applied(tmp_path: Path) -> None:
    store = Store(tmp_path, idle_checkpoint_seconds=60)
    for n in (1, 2, 3, 4):
        store.add_entry(A, entry(n))
    store.sync()
    [(_, segment)] = list_segments(tmp_path / "journal")
    lines = segment.read_bytes().splitlines(keepends=True)
    assert len(lines) == 3  # ids 2, 3, 4 (the first set created the file)
    damaged = lines[1].replace(
        b'"sets":[{"reps":3', b'"sets":[{"reps":8'
    )  # one character: the checksum fails
    segment.write_bytes(lines[0] + damaged + lines[2])
    again = Store(tmp_path)  # a crash left the journal: replay it
    assert [reps_of(e) for e in again.entries(A)] == [(1,), (2,), (4,)]
    [kept] = (tmp_path / "quarantine").iterdir()
    assert kept.name.startswith(f"journal-{segment.name}.line2.")
    assert kept.read_bytes() == damaged  # as it was on disk, for the operator
    again.close()


def test_only_the_torn_tail_of_the_newest_segment_is_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    folder.mkdir()
    row = ENTRY_ROWS.to_row(entry(1))
    older = encode_record(A, 1, row)
    newest = (
        encode_record(A, 2, {**row, "sets": [{"reps": 2}]})
        + encode_record(A, 3, {**row, "sets": [{"reps": 3}]})[:-20]
    )
    (folder / "0000000001.log").write_bytes(older[:-20])  # cut short in an older segment: not a kill's
    (folder / "0000000002.log").write_bytes(newest)
    store = Store(tmp_path)
    assert [reps_of(e) for e in store.entries(A)] == [(2,)]
    assert sorted(p.name.split(".line")[0] for p in (tmp_path / "quarantine").iterdir()) == [
        "journal-0000000001.log",
        "journal-torn-0000000002.log",  # never applied, but kept (storage.journal.read_segment)
    ]
    store.close()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a device that is always full)")
def test_a_full_disk_under_the_console_log_never_shows_in_the_chat(tmp_path: Path) -> None:
    # coach.log sits on a full disk: every write of a log record fails with ENOSPC
    (tmp_path / "coach.log").symlink_to("/dev/full")
    (tmp_path / "links.json").write_text("\x00garbage")  # damage, so an error is logged
    result = subprocess.run(
        [sys.executable, "bot.py"],
        input="/log hip thrust 3x10 80kg\n/history\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=bot_env(tmp_path),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    chat = result.stdout + result.stderr  # the console's terminal shows both
    # (not "Traceback" in general: the chart pool's exit race, core/jobs, is a separate issue)
    assert "Logging error" not in chat and "No space left" not in chat, chat
    assert "Logged" in result.stdout and "80 kg" in result.stdout

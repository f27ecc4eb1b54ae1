"""SIGKILL during a stream of /log writes, N times: every file loads, no acknowledged write is lost.

    .venv/bin/python -m bench.crash_kill --trials 200 [--mode auto|dispatch|store] [--seed 1]

Each trial starts ``tests/crash_worker.py`` on a fresh data folder, waits for its first ``ACK``, lets it
write for a random 50-400 ms and kills it with SIGKILL. Then it checks, in this process:

- every JSON file under the folder parses (temporary files are not data files: counted, not parsed;
  journal segments are lines, not JSON files: the store replays them when it opens);
- ``Store`` opens (removing the stale temporary files, replaying and then deleting the journal
  segments: the worker checkpoints every 40 lines, so kills land in checkpoints too) and every
  acknowledged entry is present with
  exactly the acknowledged content; ids are unique and increasing; at most one entry more than the
  acknowledged ones exists (the write in flight at the kill);
- the store still takes a write, with an id above every earlier one.

Prints ``200 kills: 200 loaded, 0 lost acknowledged writes, N stale temp files cleaned`` and exits
non-zero on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from domain.training import Entry, straight_sets
from storage.atomic import decode, is_temp_name
from storage.journal import JOURNAL_DIR, list_segments
from storage.lock import LOCK_NAME
from storage.models import entry_to_row
from storage.quarantine import QUARANTINE_DIR
from storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "tests" / "crash_worker.py"
USER = "console:crash"


@dataclass
class Trial:
    mode: str = "?"
    acked: int = 0
    loaded: bool = False
    lost: int = 0  # acknowledged entries missing or different after the kill
    temp_files: int = 0  # stale temporary files cleaned when the store opened
    extra: int = 0  # entries stored but not acknowledged (the write in flight)
    replayed: int = 0  # journal lines put into the account file when the store opened
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.loaded and not self.lost and not self.errors


@dataclass
class Summary:
    trials: list[Trial]
    seconds: float

    @property
    def loaded(self) -> int:
        return sum(t.loaded for t in self.trials)

    @property
    def lost(self) -> int:
        return sum(t.lost for t in self.trials)

    @property
    def temp_files(self) -> int:
        return sum(t.temp_files for t in self.trials)

    @property
    def replayed(self) -> int:
        return sum(t.replayed for t in self.trials)

    @property
    def failures(self) -> list[Trial]:
        return [t for t in self.trials if not t.ok]

    def line(self) -> str:
        return (
            f"{len(self.trials)} kills: {self.loaded} loaded, {self.lost} lost acknowledged writes, "
            f"{self.temp_files} stale temp files cleaned, {self.replayed} journal lines replayed"
        )


class _Reader(threading.Thread):
    """Drains the worker's stdout so it never blocks on a full pipe; keeps complete lines only."""

    def __init__(self, stream: object) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.lines: list[str] = []
        self.first_ack = threading.Event()

    def run(self) -> None:
        for raw in self.stream:  # type: ignore[attr-defined]
            if not raw.endswith(b"\n"):
                break  # cut off by the kill: not an acknowledgement
            text = raw.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(text)
            if text.startswith("ACK "):
                self.first_ack.set()


Row = dict[str, object] | None  # an entry's acknowledged row; None: acknowledged as removed


def _parse_acks(lines: list[str]) -> tuple[str, dict[int, Row], tuple[int, Row] | None]:
    """The mode, each entry's last acknowledged state, and the announced change (``WILL``) that was
    not acknowledged before the kill, if any: its entry may be in either state."""
    mode: str = "?"
    acks: dict[int, Row] = {}
    pending: tuple[int, Row] | None = None
    for text in lines:
        if text.startswith("MODE "):
            mode = text[5:].strip()
        elif text.startswith("WILL "):
            _, id_text, row = text.split(" ", 2)
            pending = (int(id_text), None if row == "-" else json.loads(row))
        elif text.startswith("ACK "):
            _, id_text, row = text.split(" ", 2)
            acks[int(id_text)] = json.loads(row)
            pending = None
        elif text.startswith("DEL "):
            acks[int(text.split(" ", 1)[1])] = None
            pending = None
    return mode, acks, pending


def check(data_dir: Path, acks: dict[int, Row], trial: Trial, pending: tuple[int, Row] | None = None) -> None:
    """The checks after a kill (see the module docstring); fills ``trial``."""
    errors_before = len(trial.errors)
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        if is_temp_name(path.name) or path.parent.name == JOURNAL_DIR or path.name == LOCK_NAME:
            continue
        if path.parent.name == QUARANTINE_DIR:  # a kill tears only the tail, which is dropped
            trial.errors.append(f"{path.relative_to(data_dir)} was set aside as damaged")
            continue
        try:
            decode(path.read_bytes(), path)
        except Exception as exc:
            trial.errors.append(f"{path.relative_to(data_dir)} does not load: {exc}")
    try:
        store = Store(data_dir)
    except Exception as exc:
        trial.errors.append(f"Store does not open: {exc!r}")
        return
    try:
        trial.temp_files = store.stale_temp_files_removed
        left = [p.name for p in data_dir.rglob("*") if is_temp_name(p.name)]
        if left:
            trial.errors.append(f"temporary files left after open: {left}")
        trial.replayed = store.journal_lines_replayed
        segments = list_segments(data_dir / JOURNAL_DIR)
        if segments:
            trial.errors.append(f"journal segments left after open: {[p.name for _, p in segments]}")
        account = store.account_of(USER)
        stored = store.entries(account)
        trial.loaded = len(trial.errors) == errors_before
        by_id = {e.id: e for e in stored}
        ids = [e.id for e in stored]
        if ids != sorted(set(ids)):
            trial.errors.append(f"ids not unique and increasing: {ids}")
        for entry_id, row in acks.items():
            got = by_id.get(entry_id)
            state = None if got is None else entry_to_row(got)
            if state != row and (pending is None or pending != (entry_id, state)):
                trial.lost += 1
                if len(trial.errors) < 5:
                    trial.errors.append(f"acknowledged entry {entry_id} is {got!r}, acknowledged as {row}")
        trial.extra = len(set(by_id) - set(acks))
        if trial.extra > 1:
            trial.errors.append(f"{trial.extra} unacknowledged entries; one write at a time can leave one")
        after = store.add_entry(
            account, Entry("hip_thrust", straight_sets((1,)), datetime(2024, 1, 2, tzinfo=UTC))
        )
        if ids and after.id <= max(ids + list(acks)):
            trial.errors.append(f"id {after.id} reused after the kill")
    finally:
        store.close()


def run_trial(
    data_dir: Path,
    rng: random.Random,
    *,
    delay: tuple[float, float] = (0.05, 0.4),
    mode: str = "auto",
    start_timeout: float = 30.0,
) -> Trial:
    trial = Trial()
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(data_dir), "--mode", mode, "--max-seconds", "60"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    reader = _Reader(proc.stdout)
    reader.start()
    try:
        started = time.monotonic()
        while not reader.first_ack.wait(0.02):
            if proc.poll() is not None or time.monotonic() - started > start_timeout:
                break
        if reader.first_ack.is_set():
            time.sleep(rng.uniform(*delay))
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
        reader.join(5)
        stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    trial.mode, acks, pending = _parse_acks(reader.lines)
    trial.acked = len(acks)
    if not acks:
        trial.errors.append(f"worker never acknowledged a write (exit {proc.returncode}): {stderr[-2000:]}")
        return trial
    if proc.returncode != -signal.SIGKILL:
        trial.errors.append(
            f"worker ended by itself (exit {proc.returncode}) before the kill: {stderr[-2000:]}"
        )
    check(data_dir, acks, trial, pending)
    return trial


def run_trials(
    trials: int,
    *,
    seed: int | None = None,
    delay: tuple[float, float] = (0.05, 0.4),
    mode: str = "auto",
    work_dir: Path | None = None,
    verbose: bool = False,
) -> Summary:
    rng = random.Random(seed)
    base = Path(tempfile.mkdtemp(prefix="crash-kill-", dir=work_dir))
    results = []
    started = time.perf_counter()
    try:
        for n in range(trials):
            data_dir = base / f"t{n:04d}"
            trial = run_trial(data_dir, rng, delay=delay, mode=mode)
            results.append(trial)
            if verbose or not trial.ok:
                status = "ok" if trial.ok else "FAIL " + "; ".join(trial.errors)
                print(
                    f"trial {n + 1}: {trial.acked} acked, {trial.extra} in flight, "
                    f"{trial.temp_files} temp cleaned, {trial.replayed} replayed: {status}",
                    flush=True,
                )
            if trial.ok:
                shutil.rmtree(data_dir, ignore_errors=True)
    finally:
        if all(t.ok for t in results):
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"failed trials kept in {base}", file=sys.stderr)
    return Summary(results, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--mode", choices=("auto", "dispatch", "store"), default="auto")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--min-delay-ms", type=float, default=50)
    parser.add_argument("--max-delay-ms", type=float, default=400)
    parser.add_argument("--dir", type=Path, default=None, help="where to make the trial folders")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)

    summary = run_trials(
        args.trials,
        seed=args.seed,
        delay=(args.min_delay_ms / 1000, args.max_delay_ms / 1000),
        mode=args.mode,
        work_dir=args.dir,
        verbose=args.verbose,
    )
    modes = sorted({t.mode for t in summary.trials})
    acked = sum(t.acked for t in summary.trials)
    print(summary.line())
    print(
        f"(mode {', '.join(modes)}; {acked} acknowledged writes checked, "
        f"{sum(t.extra for t in summary.trials)} unacknowledged in-flight writes found stored; "
        f"{summary.seconds:.1f} s)"
    )
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())

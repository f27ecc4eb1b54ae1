"""The log at scale (issue 10): /log at 1k, 1M and 10M stored sets, a heavy user's /log, /edit and /undo
among the 10M, cold start and peak RSS at 10M.

``python -m bench.scale_bench --runs 3`` runs everything 3 times, each on a freshly populated folder,
and reports the median of the runs' figures (what a storage change is judged by); ``make bench`` runs
it once.

Sizes: 1k = 10 users x 102 sets; 1M = 10,000 users x 102 sets; 10M = 100,000 users x 102 sets plus one
heavy user with 30,000 sets (10,000 entries of 3: a five-year imported history) and 100,000 reminder
schedules. Everything runs through the real dispatch path (parser, library, TinyDB store, progression)
on real files: the heavy user's /edit changes the reps of the entry just logged, and /undo takes that
edit back.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bench.core_bench import (
    ENTRIES_PER_USER,
    SCHEDULES,
    WARMUP,
    _entries,
    cold_start,
    log_lines,
    populate_schedules,
)
from bench.stats import line, median, percentile
from bot import freeze_startup
from core.dispatch import dispatch
from core.limits import Limits
from core.messages import Request, Target
from core.router import Delivery
from core.settings import Settings
from domain.training import Entry, straight_sets
from storage.store import Store

SETS_PER_USER = ENTRIES_PER_USER * 3
SMALL_USERS, MEDIUM_USERS, LARGE_USERS = 10, 10_000, 100_000
HEAVY_USER = "telegram:1"
HEAVY_ENTRIES = 10_000  # x 3 sets = 30,000 sets
LOG_SAMPLES, HEAVY_SAMPLES = 1000, 300
CHUNK = 5000  # accounts per worker task
# One timed command: (wall ms, CPU ms of the event-loop thread). On a shared host the wall time's tail
# is mostly the neighbours' load and the disk's fsync latency; the loop thread's CPU time is the bot's
# own work (the writer thread's write and fsync, kernel time included, run beside it and are not in it).
Sample = tuple[float, float]
R = TypeVar("R")


def _p99(figures: dict[str, float], key: str, samples: list[Sample]) -> None:
    figures[key] = percentile([wall for wall, _ in samples], 99)
    figures[f"{key}_cpu"] = percentile([cpu for _, cpu in samples], 99)


def _write_chunk(data_dir: Path, first: int, count: int) -> None:
    accounts = [f"telegram:{100000 + u}" for u in range(first, first + count)]
    Store.bulk_write_accounts(
        data_dir, accounts, _entries(ENTRIES_PER_USER, datetime(2025, 1, 1, tzinfo=UTC))
    )


def populate(data_dir: Path, users: int, *, heavy: bool = False, schedules: int = 0) -> list[str]:
    """``users`` accounts of 102 sets each (two processes: the host has two cores), the heavy user,
    ``schedules`` reminder schedules."""
    with ProcessPoolExecutor(2) as pool:
        done = [
            pool.submit(_write_chunk, data_dir, first, min(CHUNK, users - first))
            for first in range(0, users, CHUNK)
        ]
        for future in done:
            future.result()
    accounts = [f"telegram:{100000 + u}" for u in range(users)]
    if heavy:
        # Five years, three sessions a week of 13 entries (39 sets) each, the last a week ago.
        start = datetime(2021, 11, 30, 17, 30, tzinfo=UTC)
        lifts = ("hip_thrust", "back_squat", "romanian_deadlift", "glute_bridge", "deadlift")
        history = [
            Entry(
                lifts[i % len(lifts)],
                straight_sets((10, 10, 8), 60.0 + (i // 50) % 80, "kg"),
                start + timedelta(days=(i // 13) * 7 // 3, minutes=5 * (i % 13)),
                id=i + 1,
            )
            for i in range(HEAVY_ENTRIES)
        ]
        Store.bulk_write_account(data_dir, HEAVY_USER, history)
    if schedules:
        populate_schedules(data_dir, schedules, accounts)
    # The bulk writes skip fsync: without this the kernel writes their pages back during the timed
    # /logs, and each /log's own fsync waits behind them (clusters of 8-12 ms /logs at 1M sets).
    os.sync()
    return accounts


class Session:
    """The real app on ``data_dir``, driven as the adapters drive it (no network)."""

    def __init__(self, data_dir: Path) -> None:
        from bot import build_app

        self.app = build_app(Settings(data_dir=data_dir))
        self.app.ctx.limits = Limits.unlimited()  # the benchmark floods a few accounts on purpose

        async def count(target: Target, reply: object) -> Delivery:
            return Delivery.OK

        self.app.router.register("telegram", count)
        self._thresholds = gc.get_threshold()
        self.full_collections: list[float] = []  # ms of each full collection while this session ran
        self._gc_started = 0.0

    async def start(self) -> None:
        """As bot.py does: start_app (the reminder service reads every schedule and pending push, so no
        timed /log reads a push shard the running bot has in memory), its catch-up done, then the
        start-up objects frozen."""
        from bot import start_app

        await start_app(self.app)
        await self.app.reminders.caught_up()
        freeze_startup()
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.full_collections.append((time.perf_counter() - self._gc_started) * 1000)

    async def say(self, user: str, line_: str) -> Sample:
        command, _, text = line_.partition(" ")
        request = Request(
            command=command, user=user, target=Target("telegram", user.split(":")[1]), text=text
        )
        t0, c0 = time.perf_counter(), time.thread_time()
        replies = await dispatch(request, self.app.ctx)
        sample = ((time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000)
        if "Sorry" in replies[0].text:
            raise RuntimeError(f"/{line_} failed in the benchmark: {replies[0].text}")
        return sample

    async def close(self) -> None:
        from bot import stop_app

        gc.callbacks.remove(self._on_gc)
        await stop_app(self.app)
        gc.unfreeze()
        gc.set_threshold(*self._thresholds)


async def time_logs(data_dir: Path, lines: list[tuple[str, str]]) -> tuple[list[Sample], list[float]]:
    """The timed /logs, and the pause (ms) of each full collection that happened during them."""
    session = Session(data_dir)
    await session.start()
    try:
        for user, line_ in lines[:WARMUP]:  # first calls pay for lazy imports and cold caches
            await session.say(user, line_)
        session.full_collections.clear()
        samples = [await session.say(user, line_) for user, line_ in lines[WARMUP:]]
        return samples, session.full_collections
    finally:
        await session.close()


def _logs(figures: dict[str, float], key: str, timed: tuple[list[Sample], list[float]]) -> None:
    samples, pauses = timed
    _p99(figures, key, samples)
    figures[f"{key}_full_gcs"] = len(pauses)
    figures[f"{key}_full_gc_max"] = max(pauses, default=0.0)


async def time_heavy(data_dir: Path, others: list[str]) -> dict[str, list[Sample]]:
    """The heavy user's /log, /edit and /undo, among other users' /log (so caches stay honest)."""
    rng = random.Random(5)
    session = Session(data_dir)
    await session.start()
    out: dict[str, list[Sample]] = {"log": [], "edit": [], "undo": []}
    try:
        for user, line_ in log_lines(others, WARMUP, 3):
            await session.say(user, line_)
        await session.say(HEAVY_USER, "log hip thrust 3x10 100kg")  # loads the heavy file once
        for n in range(HEAVY_SAMPLES):
            lift = rng.choice(("hip thrust", "back squat", "deadlift"))
            load = rng.randint(60, 140)
            out["log"].append(await session.say(HEAVY_USER, f"log {lift} 3x{rng.randint(6, 12)} {load}kg"))
            out["edit"].append(await session.say(HEAVY_USER, f"edit 3x{10 - n % 3} {load}kg"))
            out["undo"].append(await session.say(HEAVY_USER, "undo"))
            other = rng.choice(others)
            await session.say(other, f"log glute bridge 3x{rng.randint(10, 15)}")
    finally:
        await session.close()
    return out


def _logs_stage(data_dir: Path, lines: list[tuple[str, str]]) -> tuple[list[Sample], list[float]]:
    return asyncio.run(time_logs(data_dir, lines))


def _heavy_stage(data_dir: Path, others: list[str]) -> dict[str, list[Sample]]:
    return asyncio.run(time_heavy(data_dir, others))


def _fresh(stage: Callable[..., R], *args: object) -> R:
    """Run one timed stage in a new interpreter, as a bot started on that folder would be: a heap left
    by an earlier stage (the 10M folder's objects, hundreds of MB) otherwise slows the next stage's
    collections and makes its tail depend on the order the stages ran in."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(stage, *args).result()


def one_run() -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="coach-scale-") as tmp_name:
        tmp = Path(tmp_name)
        small = populate(tmp / "small", SMALL_USERS)
        _logs(figures, "log_1k", _fresh(_logs_stage, tmp / "small", log_lines(small, 500, 1)))
        medium = populate(tmp / "medium", MEDIUM_USERS)
        _logs(figures, "log_1m", _fresh(_logs_stage, tmp / "medium", log_lines(medium, LOG_SAMPLES, 2)))
        t0 = time.perf_counter()
        large = populate(tmp / "large", LARGE_USERS, heavy=True, schedules=SCHEDULES)
        figures["populate_10m_s"] = time.perf_counter() - t0
        figures["cold_start_s"], figures["rss_mb"] = cold_start(tmp / "large")
        _logs(figures, "log_10m", _fresh(_logs_stage, tmp / "large", log_lines(large, LOG_SAMPLES, 2)))
        heavy = _fresh(_heavy_stage, tmp / "large", large)
        for what, samples in heavy.items():
            _p99(figures, f"heavy_{what}", samples)
    return figures


def report(runs: list[dict[str, float]]) -> None:
    def fig(key: str) -> float:
        return median([r[key] for r in runs])

    n = len(runs)
    print(f"(10M sets, 100k schedules and the heavy user populated in {fig('populate_10m_s'):.1f} s)")
    for clock, suffix in (("wall", ""), ("CPU", "_cpu")):
        base = fig("log_1k" + suffix)
        print(line(f"/log p99 {clock}, 1k stored sets (baseline; median of {n})", base, "ms"))
        for key, what in (
            ("log_1m", "/log p99 {}, 1M stored sets, 10k users"),
            ("log_10m", "/log p99 {}, 10M stored sets, 100k users"),
            ("heavy_log", "heavy user (30,000 sets) /log p99 {}"),
            ("heavy_edit", "heavy user /edit p99 {}"),
            ("heavy_undo", "heavy user /undo p99 {}"),
        ):
            value = fig(key + suffix)
            print(line(f"{what.format(clock)} (median of {n})", value, "ms", "<= 10 ms", value <= 10))
            print(line("  ratio to the 1k baseline", value / base, "x", "<= 2x", value / base <= 2))
    for key, what in (("log_1m", "1M"), ("log_10m", "10M")):
        print(
            line(
                f"full collections during the {LOG_SAMPLES - WARMUP} timed /logs at {what} (median of {n})",
                fig(f"{key}_full_gcs"),
                "",
            )
        )
        print(line(f"  longest full-collection pause (median of {n})", fig(f"{key}_full_gc_max"), "ms"))
    seconds, rss = fig("cold_start_s"), fig("rss_mb")
    print(
        line(f"cold start, 10M sets + 100k schedules (median of {n})", seconds, "s", "<= 5 s", seconds <= 5)
    )
    print(line(f"peak RSS at cold start, 10M sets (median of {n})", rss, "MB", "<= 300 MB", rss <= 300))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs, each on fresh folders (default 1)")
    args = parser.parse_args([] if argv is None else argv)
    runs: list[dict[str, Any]] = []
    for run in range(args.runs):
        runs.append(one_run())
        print(f"run {run + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in runs[-1].items()), flush=True)
    report(runs)


if __name__ == "__main__":
    main(sys.argv[1:])

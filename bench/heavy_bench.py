"""Charts off the event loop (issue 8, item 12): another user's /explain while one user draws charts.

One user with 3,000 hip-thrust sessions sends /progress 20 times, each as soon as the last is answered
(so a chart is always being drawn); meanwhile another user sends /explain hip thrust every 20 ms.
The /explain latency runs from the moment it was due (as if it had just arrived on the socket) to its
reply, so time the loop spends blocked counts. Both through the real dispatch, store and handlers.

Baseline, measured in the same run: the chart drawn on the event loop, as before (an executor that
runs the job in the caller). Alternative: 2 worker threads (the GIL is shared with the loop). Now: the
default `core.jobs.HeavyJobs` (2 worker processes). Target: /explain p95 ≤ 100 ms, median of 3 rounds.

Run: ``.venv/bin/python -m bench.heavy_bench`` (or ``make bench``).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.stats import line, median, percentile
from core.dispatch import dispatch
from core.jobs import HeavyJobs
from core.messages import Request, Target
from core.settings import Settings
from domain.training import Entry, straight_sets
from storage.store import Store

SESSIONS = 3_000
CHARTS = 20
EXPLAIN_EVERY = 0.020
ROUNDS = 3
TARGET_MS = 100.0
HEAVY_USER = "telegram:1"
OTHER_USER = "telegram:2"


class OnTheLoop(Executor):
    """The baseline: the job runs right where it is submitted, i.e. on the event loop."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def populate(data_dir: Path) -> None:
    start = datetime(2017, 1, 1, 17, 30, tzinfo=UTC)
    entries = [
        Entry(
            exercise="hip_thrust",
            sets=straight_sets((10, 10, 8), 60.0 + (i % 80), "kg"),
            at=start + timedelta(days=i),
            id=i + 1,
        )
        for i in range(SESSIONS)
    ]
    Store.bulk_write_account(data_dir, HEAVY_USER, entries)


async def _ask(app: Any, user: str, line_: str) -> Any:
    command, _, text = line_.partition(" ")
    request = Request(command=command, user=user, target=Target("telegram", user.split(":")[1]), text=text)
    return await dispatch(request, app.ctx)


async def one_round(data_dir: Path, jobs: HeavyJobs) -> tuple[list[float], float, int]:
    """(/explain latencies in ms, seconds for the 20 charts, charts drawn)."""
    from bot import build_app

    app = build_app(Settings(data_dir=data_dir))
    app.ctx.jobs = jobs
    try:
        # Warm up: imports, caches, and the workers (their start-up is not what is measured here).
        await _ask(app, OTHER_USER, "explain hip thrust")
        first = await _ask(app, HEAVY_USER, "progress hip thrust")
        if first[0].image is None:
            raise RuntimeError(f"/progress drew no chart: {first[0].text}")

        stop = asyncio.Event()
        latencies: list[float] = []

        async def other_user() -> None:
            loop = asyncio.get_running_loop()
            due = loop.time()
            while not stop.is_set():
                due += EXPLAIN_EVERY
                await asyncio.sleep(max(0.0, due - loop.time()))
                replies = await _ask(app, OTHER_USER, "explain hip thrust")
                latencies.append((loop.time() - due) * 1000)
                if replies[0].title != "Hip thrust":
                    raise RuntimeError(f"/explain failed: {replies[0].text}")

        probe = asyncio.create_task(other_user())
        await asyncio.sleep(0.2)
        drawn = 0
        t0 = time.perf_counter()
        for _ in range(CHARTS):
            replies = await _ask(app, HEAVY_USER, "progress hip thrust")
            drawn += replies[0].image is not None
        seconds = time.perf_counter() - t0
        stop.set()
        await probe
        return latencies, seconds, drawn
    finally:
        app.ctx.jobs.close()
        app.store.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="coach-heavy-") as tmp:
        data_dir = Path(tmp)
        populate(data_dir)
        base, base_s, _ = asyncio.run(one_round(data_dir, HeavyJobs(executor_factory=lambda n: OnTheLoop())))
        threads, _, _ = asyncio.run(one_round(data_dir, HeavyJobs(executor_factory=ThreadPoolExecutor)))
        rounds = [asyncio.run(one_round(data_dir, HeavyJobs())) for _ in range(ROUNDS)]

    p95s = [percentile(lat, 95) for lat, _, _ in rounds]
    now_p95 = median(p95s)
    print(
        line(f"baseline: chart on the loop, other /explain median ({SESSIONS:,} sess.)", median(base), "ms")
    )
    print(line("baseline: chart on the loop, other user's /explain p95", percentile(base, 95), "ms"))
    print(line("baseline: chart on the loop, other user's /explain max", max(base), "ms"))
    print(line(f"baseline: {CHARTS} charts one after another", base_s, "s"))
    print(line("alternative: 2 worker threads, other user's /explain p95", percentile(threads, 95), "ms"))
    print(line("alternative: 2 worker threads, other user's /explain max", max(threads), "ms"))
    print(line("now: worker processes, other user's /explain median", median(rounds[1][0]), "ms"))
    for n, p95 in enumerate(p95s, 1):
        print(line(f"now: other user's /explain p95, round {n}", p95, "ms"))
    print(
        line(
            f"now: other user's /explain p95 (median of {ROUNDS})",
            now_p95,
            "ms",
            f"<= {TARGET_MS:g} ms",
            now_p95 <= TARGET_MS,
        )
    )
    print(line(f"now: {CHARTS} charts one after another (median)", median([s for _, s, _ in rounds]), "s"))


if __name__ == "__main__":
    main()

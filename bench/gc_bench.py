"""What bot.py's `gc.freeze()` after start-up is worth: the pause of a full collection at 100k schedules.

A full (generation 2) collection walks every tracked object and stops the event loop while it does;
start-up objects (content, the schedule index) live for the whole run, so frozen they are skipped.
``python -m bench.gc_bench`` prints the median pause of five full collections, before and after freezing.
"""

from __future__ import annotations

import asyncio
import gc
import tempfile
import time
from pathlib import Path

from bench.core_bench import SCHEDULES, populate_schedules, populate_sets
from bench.stats import line, median
from core.settings import Settings


def pauses(rounds: int = 5) -> list[float]:
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        gc.collect()
        out.append((time.perf_counter() - t0) * 1000)
    return out


async def measure(data_dir: Path) -> None:
    from bot import build_app, start_app, stop_app

    app = build_app(Settings(data_dir=data_dir))
    await start_app(app)
    try:
        gc.collect()
        tracked = len(gc.get_objects())
        print(line("objects tracked after start-up", tracked, ""))
        print(line(f"full collection pause, {SCHEDULES} schedules, not frozen", median(pauses()), "ms"))
        gc.freeze()
        print(line(f"full collection pause, {SCHEDULES} schedules, frozen", median(pauses()), "ms"))
        gc.unfreeze()
    finally:
        await stop_app(app)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="gc-bench-") as tmp:
        data_dir = Path(tmp)
        accounts = populate_sets(data_dir, 1000)
        populate_schedules(data_dir, SCHEDULES, accounts)
        asyncio.run(measure(data_dir))


if __name__ == "__main__":
    main()

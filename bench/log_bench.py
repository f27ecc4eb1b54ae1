"""/log for a heavy user (issue 10, tester item 11): 30,000 sets, a 5-year imported history (four lifts
three times a week, a warm-up and three working sets each), then /log of each lift through the real
core dispatch, store and handlers. Reports p50/p99 of the /log reply time (median of 3 rounds).

Run: ``.venv/bin/python -m bench.log_bench``. Target: p99 ≤ 10 ms.
"""

from __future__ import annotations

import asyncio
import gc
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.stats import line, median, percentile
from core.dispatch import dispatch
from core.messages import Request, Target
from core.settings import Settings
from domain.training import Entry, LoggedSet, SetKind

SETS = 30_000
LOGS = 200
ROUNDS = 3
TARGET_MS = 10.0
USER = "telegram:1"
LIFTS = (("hip_thrust", 60.0), ("back_squat", 50.0), ("romanian_deadlift", 45.0), ("glute_bridge", 40.0))
LINES = ("hip thrust 3x10 {}kg", "squat 3x8 {}kg", "rdl 3x10 {}kg", "glute bridge 3x12 {}kg")


def history(sets: int = SETS) -> list[Entry]:
    start = datetime(2021, 1, 4, 17, 0, tzinfo=UTC)
    out: list[Entry] = []
    written = session = 0
    while written < sets:
        at = start + timedelta(days=(session // 3) * 7 + (0, 2, 4)[session % 3])
        for k, (lift, base) in enumerate(LIFTS):
            load = base + 2.5 * ((session // 12) % 20)
            work = (LoggedSet(10, load / 2, "kg", SetKind.WARMUP),) + (LoggedSet(10, load, "kg"),) * 3
            out.append(
                Entry(lift, work, at + timedelta(minutes=10 * k), source=f"hevy|{at.isoformat()}|{lift}")
            )
            written += len(work)
        session += 1
    return out


def _request(text: str) -> Request:
    return Request(command="log", user=USER, target=Target("telegram", "1"), text=text)


async def one_round(data_dir: Path) -> list[float]:
    from bot import build_app

    entries = history()
    now = entries[-1].at + timedelta(days=2)

    app = build_app(Settings(data_dir=data_dir, write_limit_per_minute=0), clock=lambda: now)
    try:
        account = app.store.account_of(USER)
        app.store.add_entries(account, entries)
        await app.store.flush()
        # What bot.py does once started: start-up objects are frozen out of every later collection.
        gc.collect()
        gc.freeze()
        samples: list[float] = []
        for n in range(LOGS + 10):
            now += timedelta(minutes=3)
            text = LINES[n % len(LINES)].format(60 + (n % 5) * 2.5)
            t0 = time.perf_counter()
            [reply, *_] = await dispatch(_request(text), app.ctx)
            took = (time.perf_counter() - t0) * 1000
            if not reply.text.startswith("Logged"):
                raise RuntimeError(f"/log {text} failed: {reply.text}")
            if n >= 10:  # the first few warm the caches
                samples.append(took)
        return samples
    finally:
        await app.ctx.jobs.aclose()
        app.store.close()
        gc.unfreeze()


def main() -> None:
    rounds = []
    with tempfile.TemporaryDirectory(prefix="coach-log-") as tmp:
        for n in range(ROUNDS):
            rounds.append(asyncio.run(one_round(Path(tmp) / f"r{n}")))
    p50 = median([percentile(r, 50) for r in rounds])
    p99 = median([percentile(r, 99) for r in rounds])
    print(f"({SETS:,} sets in the log; {LOGS} /log per round, {ROUNDS} rounds)")
    print(line("/log p50 (median of rounds)", p50, "ms"))
    print(line("/log p99 (median of rounds)", p99, "ms", f"<= {TARGET_MS:g} ms", p99 <= TARGET_MS))


if __name__ == "__main__":
    main()

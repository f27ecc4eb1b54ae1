"""Pending pushes at scale: the write-behind batch a busy second of /logs costs (storage/pushes.py).

100,000 accounts each have a pending session summary; in each batch 1,000 of them log a set, which
cancels a rest timer and moves their summary on. Timed on the writing thread (CPU and wall): the journal
batch the bot writes each second (`PendingPushes.sync`: lines appended, one fdatasync), against the
baseline measured in the same run, a checkpoint of the same changes (`PendingPushes.checkpoint`: every
shard they touch rewritten and fsynced, which is what each batch cost before the journal).
Run: ``python -m bench.pushes_bench`` (part of ``make bench``).
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.stats import line, median
from storage.pushes import PendingPushes, Push, to_iso

ACCOUNTS, PER_BATCH, BATCHES = 100_000, 1_000, 5
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def _summary(n: int, key: int) -> Push:
    account = f"telegram:{n}"
    due = to_iso(NOW + timedelta(hours=2))
    return Push(account, "summary", key=f"k{key}", due=due, target=account, payload={"sets": 3})


def _timed(write: object) -> tuple[float, float]:
    cpu, wall = time.thread_time(), time.perf_counter()
    write()  # type: ignore[operator]
    return (time.thread_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        pushes = PendingPushes(Path(folder))
        pushes.put_many([_summary(n, 0) for n in range(ACCOUNTS)])
        pushes.checkpoint()
        journal: list[tuple[float, float]] = []
        rewrite: list[tuple[float, float]] = []
        for batch in range(1, 2 * BATCHES + 1):
            for n in range(batch * PER_BATCH, (batch + 1) * PER_BATCH):
                pushes.cancel(f"telegram:{n}", "rest")
                pushes.put(_summary(n, batch))
            # Alternate, so both see the same host: odd batches as the bot writes them, even ones as
            # a checkpoint (the old per-batch cost).
            (journal if batch % 2 else rewrite).append(
                _timed(pushes.sync if batch % 2 else pushes.checkpoint)
            )
    base_cpu, cpu = median([c for c, _ in rewrite]), median([c for c, _ in journal])
    print(line("pushes batch of 1,000 users, shards rewritten (baseline) CPU", base_cpu, "ms"))
    print(line("  wall", median([w for _, w in rewrite]), "ms"))
    print(line("pushes batch of 1,000 users, journal lines (the bot) CPU", cpu, "ms"))
    print(line("  wall", median([w for _, w in journal]), "ms"))
    print(
        line("  rewrite / journal, CPU (times cheaper)", base_cpu / cpu, "x", ">= 10x", base_cpu / cpu >= 10)
    )


if __name__ == "__main__":
    main()

"""`make bench`: every benchmark in one run, each against a baseline measured in the same run."""

from __future__ import annotations

import importlib
import sys
import time

SUITES = (
    "bench.core_bench",
    "bench.telegram_bench",
    "bench.discord_bench",
    "bench.heavy_bench",
    "bench.import_bench",
    "bench.scale_bench",
    "bench.pushes_bench",
    "bench.gc_bench",
)


def main() -> int:
    failed = []
    for name in SUITES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            print(f"\n## {name}: not available ({exc})")
            continue
        print(f"\n## {name}", flush=True)
        started = time.perf_counter()
        try:
            module.main()
        except Exception as exc:  # one suite failing must not hide the others' figures
            failed.append(name)
            print(f"{name} failed: {exc!r}")
        print(f"({name} took {time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

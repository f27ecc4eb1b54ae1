"""Small helpers shared by the benchmarks: percentiles and a result line."""

from __future__ import annotations

import statistics


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def line(figure: str, value: float, unit: str, target: str = "", ok: bool | None = None) -> str:
    verdict = "" if ok is None else ("PASS" if ok else "FAIL")
    text = f"{figure:<58} {value:>10.2f} {unit:<6}"
    if target:
        text += f" target {target:<14}"
    return f"{text} {verdict}".rstrip()

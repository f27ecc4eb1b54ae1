"""No test asserts on wall time: on a shared machine such a test fails for reasons of load, not code.

Walks every test module's syntax tree for a clock read (`time.monotonic()`, `time.perf_counter()`,
`time.time()` and their `_ns` forms, `loop.time()`) inside an `assert`. Inject a clock, or assert the
order of events instead. A hang guard (`asyncio.timeout(...)` around an await) is not an assertion.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
CLOCKS = {"monotonic", "perf_counter", "time", "monotonic_ns", "perf_counter_ns", "time_ns"}
# "file.py:line" of an assertion that truly needs the wall clock, with the reason; none today.
ALLOWED: dict[str, str] = {}


def _is_clock_read(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    owner, name = node.func.value, node.func.attr
    if name not in CLOCKS:
        return False
    # time.monotonic() etc., or an event loop's clock: loop.time(), asyncio.get_running_loop().time()
    if isinstance(owner, ast.Name):
        return owner.id == "time" or (name == "time" and "loop" in owner.id)
    return name == "time" and isinstance(owner, ast.Call)


def wall_clock_asserts(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Assert) and any(_is_clock_read(n) for n in ast.walk(node)):
            found.append(f"{filename}:{node.lineno}")
    return found


def test_no_test_asserts_on_wall_time() -> None:
    found = [
        where
        for path in sorted(TESTS.rglob("*.py"))
        for where in wall_clock_asserts(path.read_text(encoding="utf-8"), path.name)
        if where not in ALLOWED
    ]
    assert found == []


def test_the_scan_finds_each_form() -> None:
    flagged = """
import time
def test():
    t0 = time.monotonic()
    assert time.monotonic() - t0 < 1.0
    assert time.perf_counter() > 0
    assert loop.time() - t0 < 5
    assert asyncio.get_running_loop().time() > 0
    assert time.time_ns() > 0
"""
    assert wall_clock_asserts(flagged, "x.py") == ["x.py:5", "x.py:6", "x.py:7", "x.py:8", "x.py:9"]
    fine = """
def test():
    deadline = time.monotonic() + 5
    assert call.at - other.at >= 0.5
    assert clock.time() == 3
"""
    assert wall_clock_asserts(fine, "y.py") == []

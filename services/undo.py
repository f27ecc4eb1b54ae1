"""Undoing a half-done operation: every step tried, none allowed to hide the error being handled."""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


def undo(*steps: Callable[[], object]) -> None:
    """Run each step; a failing one is logged and the rest still run (the caller re-raises the error
    that made it undo, which is the one the user's reply and the log should be about)."""
    for step in steps:
        try:
            step()
        except Exception:
            log.exception("undoing a half-done change failed; storage is the truth at the next start")

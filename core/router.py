"""Pushes (reminders, confirmations) to a stored target, through the adapter of its platform."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from enum import StrEnum

from core.messages import Reply, Target
from core.metrics import Metrics

log = logging.getLogger(__name__)


class Delivery(StrEnum):
    OK = "ok"
    BLOCKED = "blocked"  # the user blocked the bot / closed DMs: pause, don't retry
    FAILED = "failed"  # gave up after retries


Sender = Callable[[Target, Reply], Awaitable[Delivery]]


class Router:
    def __init__(self, metrics: Metrics | None = None) -> None:
        self._senders: dict[str, Sender] = {}
        self._warned: set[str] = set()
        self.metrics = metrics if metrics is not None else Metrics()

    def register(self, platform: str, sender: Sender) -> None:
        self._senders[platform] = sender

    def platforms(self) -> list[str]:
        return list(self._senders)

    async def send(self, target: Target, reply: Reply) -> Delivery:
        delivery = await self._send(target, reply)
        self.metrics.pushed(target.platform, delivery.value)
        return delivery

    async def _send(self, target: Target, reply: Reply) -> Delivery:
        sender = self._senders.get(target.platform)
        if sender is None:
            if target.platform not in self._warned:  # once, not once per reminder
                self._warned.add(target.platform)
                log.warning("no adapter running for platform %s; its messages are not sent", target.platform)
            return Delivery.FAILED
        try:
            return await sender(target, reply)
        except Exception:  # an adapter bug must not kill the scheduler
            log.exception("sending to %s failed", target.platform)
            return Delivery.FAILED

"""What an operator watches: commands answered and how fast, pushes and their outcome, what waits
(outbox, journal), the reminders, and whether every platform is connected.

Independent of any platform: the running parts are watched through the small read-only protocols
below, read at scrape time. Each `Metrics` has its own prometheus registry (no process globals), so
tests and several apps in one process never share counters. The HTTP side is `core.metrics_server`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

# Answers are mostly milliseconds; a chart or an export can take a second or more.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class PlatformProbe(Protocol):
    """A running platform adapter as the metrics see it."""

    platform: str

    @property
    def online(self) -> bool: ...  # connected and its API reachable
    @property
    def outbox_depth(self) -> int: ...  # messages waiting for a send slot


class SchedulerProbe(Protocol):
    @property
    def running(self) -> bool: ...
    def schedule_count(self) -> int: ...
    def paused_accounts(self) -> int: ...


class JournalProbe(Protocol):
    @property
    def journal_lag(self) -> int: ...  # journal lines not yet written into their account files


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.commands = Counter(
            "coach_commands_answered",
            "Commands answered, by command (registry name) and platform.",
            ["command", "platform"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "coach_answer_seconds",
            "Time from a command reaching dispatch to its replies being ready, in seconds.",
            ["command", "platform"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.pushes = Counter(
            "coach_pushes",
            "Pushes (reminders, notices) by platform and outcome: ok, blocked (the schedule is paused), failed.",
            ["platform", "result"],
            registry=self.registry,
        )
        self._answered: dict[tuple[str, str], tuple[Counter, Histogram]] = {}
        self.platforms: list[PlatformProbe] = []
        self.scheduler: SchedulerProbe | None = None
        self.journal: JournalProbe | None = None
        self.registry.register(_Gauges(self))

    def answered(self, command: str, platform: str, seconds: float) -> None:
        """``command`` must be a registry name (or "unknown"), never user text: labels are unbounded."""
        # The labelled children are looked up once per pair (labels() takes a lock and builds a key).
        children = self._answered.get((command, platform))
        if children is None:
            children = self._answered[(command, platform)] = (
                self.commands.labels(command, platform),
                self.latency.labels(command, platform),
            )
        children[0].inc()
        children[1].observe(seconds)

    def pushed(self, platform: str, result: str) -> None:
        self.pushes.labels(platform, result).inc()

    def watch(self, platform: PlatformProbe) -> None:
        self.platforms.append(platform)

    def unwatch(self, platform: PlatformProbe) -> None:
        if platform in self.platforms:
            self.platforms.remove(platform)

    def problems(self) -> list[str]:
        """Why the coach is not healthy; empty when every watched platform is online and the
        scheduler runs."""
        found = [f"{p.platform}: not connected" for p in self.platforms if not p.online]
        if self.scheduler is None or not self.scheduler.running:
            found.append("scheduler: not running")
        return found

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class _Gauges(Collector):
    """Values read from the running parts at scrape time (nothing to keep in step)."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterator[Metric]:
        m = self.metrics
        up = GaugeMetricFamily("coach_platform_up", "1 while the platform is connected.", labels=["platform"])
        outbox = GaugeMetricFamily(
            "coach_outbox_depth", "Messages waiting for a send slot.", labels=["platform"]
        )
        for p in m.platforms:
            up.add_metric([p.platform], 1.0 if p.online else 0.0)
            outbox.add_metric([p.platform], float(p.outbox_depth))
        yield up
        yield outbox
        if m.scheduler is not None:
            yield GaugeMetricFamily(
                "coach_scheduler_running",
                "1 while the reminder scheduler runs.",
                value=float(m.scheduler.running),
            )
            yield GaugeMetricFamily(
                "coach_scheduled_reminders",
                "Reminder schedules the scheduler holds.",
                value=m.scheduler.schedule_count(),
            )
            yield GaugeMetricFamily(
                "coach_paused_reminder_accounts",
                "Accounts whose reminders are paused: their private chat could not be reached.",
                value=m.scheduler.paused_accounts(),
            )
        if m.journal is not None:
            yield GaugeMetricFamily(
                "coach_journal_lag",
                "Logged sets in the write-ahead journal not yet written into their account files.",
                value=m.journal.journal_lag,
            )

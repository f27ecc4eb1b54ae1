"""The operator's HTTP endpoint, on the bot's own event loop: ``/metrics`` (Prometheus text format) and
``/healthz`` (200 "ok", or 503 naming what is down).

Tornado serves it: python-telegram-bot[webhooks] already depends on it for webhook mode, and it runs
on the running asyncio loop, so the health check reads the adapters in their own thread.
"""

from __future__ import annotations

import logging
import socket

from prometheus_client import CONTENT_TYPE_LATEST
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

from core.metrics import Metrics

log = logging.getLogger(__name__)


class _MetricsHandler(RequestHandler):
    def initialize(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def get(self) -> None:
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.write(self.metrics.exposition())


class _HealthHandler(RequestHandler):
    def initialize(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def get(self) -> None:
        problems = self.metrics.problems()
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        if problems:
            self.set_status(503)
            self.write("\n".join(problems) + "\n")
        else:
            self.write("ok\n")


class MetricsServer:
    """``await start()`` binds (port 0: any free port, see `port`); ``await stop()`` closes."""

    def __init__(self, metrics: Metrics, host: str = "127.0.0.1", port: int = 0) -> None:
        self.metrics = metrics
        self.host = host
        self.port = port
        self._server: HTTPServer | None = None

    async def start(self) -> None:
        args = {"metrics": self.metrics}
        app = Application(
            [(r"/metrics", _MetricsHandler, args), (r"/healthz", _HealthHandler, args)],
            # Tornado logs every 5xx as an error: a scraper polling an unhealthy /healthz would
            # flood the log. What is down is logged where it goes down.
            log_function=lambda handler: None,
        )
        sockets = bind_sockets(self.port, self.host, family=socket.AF_UNSPEC)
        self.port = sockets[0].getsockname()[1]
        self._server = HTTPServer(app)
        self._server.add_sockets(sockets)
        log.info("metrics on http://%s:%d/metrics and /healthz", self.host, self.port)

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.stop()
            await server.close_all_connections()

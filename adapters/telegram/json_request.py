"""python-telegram-bot's transport as a complete public ``BaseRequest`` on httpx, sending calls without
files as a JSON body (the Bot API accepts JSON and forms alike).

Why not the stock ``HTTPXRequest``: it sends every call as a form, percent-encoding each parameter with
``urllib.parse.quote``, which runs in Python byte by byte. On a long answer (an /explain page is a few
kilobytes) that was the largest single CPU cost of the whole answer in ``bench/telegram_bench.py``'s
profile, ahead of the command's own work. ``json.dumps`` does the same job in C. Calls with files
(charts, exports) go as multipart, as ``HTTPXRequest`` sends them. Errors map to python-telegram-bot's
public ``TimedOut`` and ``NetworkError`` as ``HTTPXRequest`` maps them.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_UNSET = type(BaseRequest.DEFAULT_NONE)  # python-telegram-bot's "not given, use the default" marker


class JSONRequest(BaseRequest):
    """A ``BaseRequest`` (python-telegram-bot's documented extension point for the transport) that owns
    its httpx client: JSON bodies for calls without files, multipart for uploads."""

    def __init__(
        self,
        connection_pool_size: int,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=write_timeout, pool=pool_timeout
        )
        self._limits = httpx.Limits(max_connections=connection_pool_size)
        self._media_write_timeout = media_write_timeout
        self._client = self._new_client()

    def _new_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self._timeout, limits=self._limits)

    @property
    def read_timeout(self) -> float | None:
        return self._timeout.read

    async def initialize(self) -> None:
        if self._client.is_closed:
            self._client = self._new_client()

    async def shutdown(self) -> None:
        if not self._client.is_closed:
            await self._client.aclose()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._client.is_closed:
            raise RuntimeError("This JSONRequest is not initialized!")
        files = request_data is not None and request_data.contains_files
        default_write = self._media_write_timeout if files else self._timeout.write
        timeout = httpx.Timeout(
            connect=self._timeout.connect if isinstance(connect_timeout, _UNSET) else connect_timeout,
            read=self._timeout.read if isinstance(read_timeout, _UNSET) else read_timeout,
            write=default_write if isinstance(write_timeout, _UNSET) else write_timeout,
            pool=self._timeout.pool if isinstance(pool_timeout, _UNSET) else pool_timeout,
        )
        headers = {"User-Agent": self.USER_AGENT}
        kwargs: dict[str, Any] = {}
        if request_data is None:
            pass
        elif files:
            kwargs = {"files": request_data.multipart_data, "data": request_data.json_parameters}
        else:
            headers["Content-Type"] = "application/json"
            kwargs = {"content": json.dumps(request_data.parameters).encode()}
        try:
            res = await self._client.request(method, url, headers=headers, timeout=timeout, **kwargs)
        except httpx.TimeoutException as err:
            if isinstance(err, httpx.PoolTimeout):
                raise TimedOut("Pool timeout: the request was not sent to Telegram") from err
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{err.__class__.__name__}: {err}") from err
        return res.status_code, res.content

"""Updates handled concurrently across chats, one at a time per chat: python-telegram-bot's
update-processor extension point (``ApplicationBuilder().concurrent_updates(ChatOrderedProcessor(n))``).

A user's commands are answered in the order they were sent (a /log and the /undo after it); users in
other chats are not held up by it. The lock per chat lives only while that chat has updates in hand.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class ChatOrderedProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self.locks: dict[int, tuple[asyncio.Lock, int]] = {}  # chat → (its lock, updates holding it)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: locks go with the last update of their chat."""

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock, users = self.locks.get(chat.id, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self.locks[chat.id] = (lock, users + 1)
        try:
            try:
                await lock.acquire()
            except BaseException:
                if isinstance(coroutine, Coroutine):
                    coroutine.close()  # never started: say so instead of warning "never awaited"
                raise
            try:
                await coroutine
            finally:
                lock.release()
        finally:
            lock, users = self.locks[chat.id]
            if users <= 1:
                del self.locks[chat.id]
            else:
                self.locks[chat.id] = (lock, users - 1)

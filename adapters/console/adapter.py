"""Console adapter: a line in, the replies out. Numbered buttons; images and files saved to DATA_DIR.

Interactive on a terminal; on a pipe it runs one command per line, waits for each reply and exits at
end of input, so `printf '/explain hip thrust\n' | make run` is a complete session.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from adapters.console.render import render, render_buttons
from core.buttons import bind_ask, claim_answer, claim_press
from core.context import Context
from core.dispatch import dispatch, parse_command_line, unreadable_command
from core.markup import plain
from core.messages import Button, Reply, Request, Target
from core.router import Delivery, Router
from storage.atomic import atomic_write_bytes
from storage.layout import outbox_path

CHAT_ID = "local"
USER = f"console:{CHAT_ID}"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class ConsoleAdapter:
    platform = "console"

    def __init__(
        self,
        ctx: Context,
        router: Router,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
    ) -> None:
        self.ctx = ctx
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.interactive = self.stdin.isatty()
        self.target = Target("console", CHAT_ID)
        self.buttons: list[Button] = []
        self.question = ""  # the pending action of the question just asked: the next line answers it
        # One folder per user, so /deleteme removes them with the rest of the user's data.
        self.outbox = outbox_path(ctx.data_dir, USER)
        router.register("console", self.push)

    # -- output ---------------------------------------------------------------------------------
    def _write(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def _save(self, name: str, data: bytes) -> Path:
        self.outbox.mkdir(parents=True, exist_ok=True)
        path = self.outbox / (_SAFE_NAME.sub("_", name) or "file")
        # Replaces whatever is there: a symlink planted with this name was written through before.
        atomic_write_bytes(path, data, durable=False)
        return path

    def show(self, reply: Reply) -> None:
        lines = [render(reply)] if (reply.text or reply.title or reply.sections) else []
        if reply.image is not None:
            path = self._save(reply.image.filename, reply.image.png)
            lines.append(
                f"[image saved: {path}]" + (f" {reply.image.caption}" if reply.image.caption else "")
            )
        if reply.file is not None:
            path = self._save(reply.file.filename, reply.file.data)
            lines.append(f"[file saved: {path}]")
        flat = [b for row in reply.buttons for b in row if b.action]  # bound ones only: see core/buttons.py
        # A number presses the buttons of the latest reply only: one without buttons ends the old ones
        # (a "1" typed later must not undo an entry shown two replies ago).
        self.buttons = flat
        if flat:
            lines.append(render_buttons(flat) + "\n  (type the number to press a button)")
        if reply.ask is not None:
            # bound like a button (the console has one user); answered once, by the next line
            self.question = bind_ask(reply.ask, self._request(""), self.ctx, target=self.target, private=True)
            lines.append(f"{plain(reply.ask.prompt)}\n  (type your answer on the next line)")
        self._write("\n".join(lines) + "\n")

    async def push(self, target: Target, reply: Reply) -> Delivery:
        """Reminders and other pushes appear as they fire."""
        self._write("— reminder —")
        self.show(reply)
        return Delivery.OK

    # -- input ----------------------------------------------------------------------------------
    async def handle_line(self, line: str) -> None:
        line = line.strip()
        if not line:
            return
        question, self.question = self.question, ""
        if question and not line.startswith("/"):  # a command instead drops the question
            await self.answer(question, line)
            return
        if line.isdigit() and self.buttons:
            index = int(line) - 1
            if not 0 <= index < len(self.buttons):
                self._write(f"Pick a button from 1 to {len(self.buttons)}.\n")
                return
            await self.press(self.buttons[index].action)
            return
        parsed = parse_command_line(line)
        if parsed is None:
            unknown = unreadable_command(line, self.ctx.registry)  # "/ log_confirm", "/log-confirm"
            if unknown is not None:
                self.show(unknown)
                return
            self._write("Commands start with a slash, e.g. /explain hip thrust. Send /help for the list.\n")
            return
        await self._serve(self._request(parsed.name, parsed.text))

    def _request(self, command: str, text: str = "") -> Request:
        return Request(
            command=command, user=USER, target=self.target, text=text, display_name=os.environ.get("USER", "")
        )

    async def press(self, action_id: str) -> None:
        """A numbered choice: the button's pending action, checked like a press on any platform."""
        press = claim_press(action_id, self._request(""), self.ctx)
        if press.request is None:
            self._write(press.refusal + "\n")
            return
        await self._serve(press.request)

    async def answer(self, action_id: str, text: str) -> None:
        """The answer to a question: its command with ``text`` appended, checked like a press."""
        press = claim_answer(action_id, text, self._request(""), self.ctx)
        if press.request is None:
            self._write(press.refusal + "\n")
            return
        await self._serve(press.request)

    async def _progress(self, text: str) -> None:
        """Long work's progress: a line each (a terminal has no message to edit)."""
        self._write(f"… {text}")

    async def _serve(self, request: Request) -> None:
        request = replace(request, progress=self._progress)
        for reply in await dispatch(request, self.ctx):
            self.show(reply)

    async def run(self) -> None:
        """Read until end of input (or until cancelled)."""
        if self.interactive:
            self._write("Glute coach, console chat. Type /start or /help; Ctrl-D or /quit leaves.\n")
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[str | None] = asyncio.Queue()
        buffer = bytearray()
        fd = self.stdin.fileno()

        def readable() -> None:
            chunk = os.read(fd, 65536)
            if not chunk:
                loop.remove_reader(fd)
                if buffer:
                    lines.put_nowait(buffer.decode(errors="replace"))
                lines.put_nowait(None)
                return
            buffer.extend(chunk)
            while (cut := buffer.find(b"\n")) >= 0:
                lines.put_nowait(buffer[:cut].decode(errors="replace"))
                del buffer[: cut + 1]

        try:
            loop.add_reader(fd, readable)
        except (NotImplementedError, PermissionError, ValueError):
            # Regular files can't be watched by the selector: read them in one go.
            for raw in self.stdin.read().splitlines():
                lines.put_nowait(raw)
            lines.put_nowait(None)
        try:
            while (line := await lines.get()) is not None:
                if line.strip() in ("/quit", "/exit"):
                    break
                if not self.interactive and line.strip():
                    self._write(f"> {line.strip()}")
                await self.handle_line(line)
        finally:
            with contextlib.suppress(ValueError, NotImplementedError):
                loop.remove_reader(fd)

    async def start(self) -> None:  # symmetry with the platform adapters
        return None

    async def stop(self) -> None:
        return None

"""The fan-out kill: SIGKILL the bot in the middle of a 400-reminder fan-out, restart it, count per chat.

400 schedules are due in the same minute (the minute just past, so the bot's start-up catch-up sends
them at once); each user has their own private chat on the loopback fake Bot API
(tests/fakes/telegram_api.py, run in this process), slowed down so the fan-out takes seconds. The real
bot (`python bot.py`, python-telegram-bot through the real adapter) is started as a subprocess, killed
with SIGKILL once ``kill_after`` activations have arrived, started again, and left running until every
lift owed (gap: 1 minute) had its chance. Then, per chat, from what reached the fake:

- duplicates: an activation or a lift that arrived twice (must be 0);
- orphan lifts: a lift in a chat whose activation never arrived (must be 0);
- in doubt: claimed when the kill landed (an activation that never arrived, or one whose lift is not
  sent because its outcome was not recorded): at most one message per chat, never sent again.

Run: ``.venv/bin/python -m bench.fanout_kill`` (about 90 s). tests/test_fanout_kill.py runs the same.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_USER = 5_000_000
ACTIVATE = "Time to activate"
LIFT = "Time to lift"
QUIET = 4.0  # seconds without a send that end the run, once every lift owed was due


@dataclass
class KillResult:
    chats: int
    sent_before_kill: int
    activations: int  # chats whose activation arrived
    lifts: int  # chats whose lift arrived
    duplicates: int  # chats with an activation or a lift twice
    orphan_lifts: int  # chats with a lift but no activation
    in_doubt: int  # chats with an activation and no lift
    seconds: float

    @property
    def ok(self) -> bool:
        return self.duplicates == 0 and self.orphan_lifts == 0 and self.sent_before_kill < self.chats

    def lines(self) -> list[str]:
        return [
            f"chats: {self.chats}, activations that arrived before the SIGKILL: {self.sent_before_kill}",
            f"activations delivered: {self.activations}, lifts delivered: {self.lifts}",
            f"duplicates: {self.duplicates} (target 0)",
            f"lifts whose activation never arrived: {self.orphan_lifts} (target 0)",
            f"in doubt, never re-sent: {self.chats - self.activations} activations claimed that never "
            f"arrived, {self.in_doubt} activations whose lift was not sent (at most one message per chat)",
            f"took {self.seconds:.0f} s: {'PASS' if self.ok else 'FAIL'}",
        ]


def write_schedules(data_dir: Path, count: int, now: datetime) -> None:
    from storage.models import Schedule
    from storage.store import Store

    due = now - timedelta(minutes=1)  # the minute just past: caught up at start-up, well within grace
    every_day = (0, 1, 2, 3, 4, 5, 6)
    created = (now - timedelta(days=2)).isoformat()
    Store.bulk_write_schedules(
        data_dir,
        [
            Schedule(
                f"telegram:{u}",
                f"telegram:{u}",
                every_day,
                due.strftime("%H:%M"),
                "UTC",
                gap=1,
                id=1,
                created_at=created,
                mention=str(u),
            )
            for u in range(FIRST_USER, FIRST_USER + count)
        ],
    )


async def _start_bot(data_dir: Path, url: str, token: str) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "TELEGRAM_TOKEN": token,
        "TELEGRAM_BASE_URL": url,
        "NO_PROXY": "127.0.0.1,localhost",
    }
    env.pop("DISCORD_TOKEN", None)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "bot.py"),
        cwd=str(data_dir.parent),
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def run_kill(work: Path, *, count: int = 400, kill_after: int = 100, delay: float = 0.05) -> KillResult:
    from tests.fakes.telegram_api import FakeBotAPI

    started = time.monotonic()
    data_dir = work / "data"
    write_schedules(data_dir, count, datetime.now(UTC))
    chats = range(FIRST_USER, FIRST_USER + count)
    fake = FakeBotAPI()
    fake.send_delay = delay  # slow enough that the kill lands mid fan-out
    await fake.start()
    try:

        def arrived(word: str) -> list:
            return [c for c in fake.calls if c.method == "sendMessage" and c.ok and word in c.text]

        bot = await _start_bot(data_dir, fake.url, fake.token)
        try:
            # (every sendMessage of this first run is an activation)
            await fake.wait_for("sendMessage", kill_after, within=60)
        finally:
            bot.send_signal(signal.SIGKILL)
            await bot.wait()
        sent_before_kill = len(arrived(ACTIVATE))

        bot = await _start_bot(data_dir, fake.url, fake.token)
        try:
            # Until every lift owed was due (gap: 1 min after its activation went out) and nothing
            # was sent for a few seconds. (Call.at is on the perf_counter clock.)
            restarted = time.perf_counter()
            while time.perf_counter() < restarted + 240:
                sent = arrived(ACTIVATE) + arrived(LIFT)
                last_activation = max((c.at for c in arrived(ACTIVATE)), default=restarted)
                last_send = max((c.at for c in sent), default=restarted)
                now = time.perf_counter()
                if now - last_send > QUIET and now > max(last_activation, restarted) + 60 + QUIET:
                    break
                await asyncio.sleep(0.25)
        finally:
            bot.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(bot.wait(), 15)
            except TimeoutError:
                bot.kill()
                await bot.wait()
        acts: dict[int, int] = dict.fromkeys(chats, 0)
        lifts: dict[int, int] = dict.fromkeys(chats, 0)
        for call in arrived(ACTIVATE):
            acts[call.chat_id] = acts.get(call.chat_id, 0) + 1
        for call in arrived(LIFT):
            lifts[call.chat_id] = lifts.get(call.chat_id, 0) + 1
    finally:
        await fake.stop()
    return KillResult(
        chats=count,
        sent_before_kill=sent_before_kill,
        activations=sum(1 for c in chats if acts[c]),
        lifts=sum(1 for c in chats if lifts[c]),
        duplicates=sum(1 for c in chats if acts[c] > 1 or lifts[c] > 1),
        orphan_lifts=sum(1 for c in chats if lifts[c] and not acts[c]),
        in_doubt=sum(1 for c in chats if acts[c] and not lifts[c]),
        seconds=time.monotonic() - started,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--kill-after", type=int, default=100, help="activations arrived before SIGKILL")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="fanout-kill-") as tmp:
        result = asyncio.run(run_kill(Path(tmp), count=args.count, kill_after=args.kill_after))
    print("\n".join(result.lines()))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Child process for the crash test: logs sets in a loop until killed.

    python tests/crash_worker.py DATA_DIR [--mode auto|dispatch|store] [--max-seconds 60]
                                 [--checkpoint-lines 40]

Prints ``MODE <mode>`` once, then after every write that is durable ``ACK <id> <row as JSON>``
(flushed), so the parent knows exactly which writes were acknowledged when it kills this process.

``dispatch`` sends ``/log hip thrust 3x10 80kg`` through the real command path
(``core.dispatch.dispatch`` with the registry, the library and the store) and acknowledges after the
reply returned, as a chat user would see it. ``store`` calls ``Store.add_entry`` directly. ``auto``
(the default) uses ``dispatch`` when that stack imports and falls back to ``store``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import storage.store as store_module  # noqa: E402
from domain.training import Entry, straight_sets  # noqa: E402
from storage.models import entry_to_row  # noqa: E402
from storage.store import Store  # noqa: E402

USER = "console:crash"
LOG_TEXT = "hip thrust 3x10 80kg"


def store_entry(seq: int) -> Entry:
    """A different, checkable entry for each write of the ``store`` mode."""
    return Entry(
        exercise="hip_thrust",
        sets=straight_sets(
            (10 + (seq + k) % 3 for k in range(1 + seq % 5)),
            20.0 + (seq % 200) * 0.5,
            "kg",
            rpe=float(6 + seq % 4),
        ),
        at=datetime(2024, 1, 1, 0, 0, seq % 60, tzinfo=UTC),
        note=f"note {seq}" if seq % 7 == 0 else "",
    )


def make_store_writer(store: Store) -> Callable[[int], Entry]:
    account = store.account_of(USER)

    def write(seq: int) -> Entry:
        entry = store.add_entry(account, store_entry(seq))
        store.sync()  # acknowledged only once durable
        return entry

    return write


def make_dispatch_writer(store: Store, data_dir: Path) -> Callable[[int], Entry]:
    """The /log command path; raises (ImportError) while that stack is not there yet."""
    from content.library import load_library
    from core.context import Context
    from core.dispatch import dispatch
    from core.limits import Limits
    from core.messages import Request, Target
    from core.settings import Settings
    from handlers.commands import build_registry

    ctx = Context(
        store=store,
        library=load_library(),
        registry=build_registry(),
        settings=Settings(data_dir=data_dir),
        limits=Limits.unlimited(),  # this harness logs as fast as it can on purpose
    )
    loop = asyncio.new_event_loop()
    request = Request(command="log", user=USER, target=Target("console", "crash"), text=LOG_TEXT)

    def write(seq: int) -> Entry:
        account = store.account_of(USER)
        before = store.last_entry(account)
        replies = loop.run_until_complete(dispatch(request, ctx))
        after = store.last_entry(account)
        if after is None or (before is not None and after.id <= before.id):
            text = " | ".join(getattr(r, "text", repr(r)) for r in replies)
            raise RuntimeError(f"/log did not store an entry; replies: {text}")
        return after

    return write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--mode", choices=("auto", "dispatch", "store"), default="auto")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="stop by itself after this long")
    parser.add_argument(
        "--checkpoint-lines",
        type=int,
        default=40,
        help="journal lines between checkpoints (small, so kills also land in checkpoints)",
    )
    args = parser.parse_args(argv)
    store_module.CHECKPOINT_LINES = args.checkpoint_lines

    store = Store(args.data_dir)
    write: Callable[[int], Entry]
    mode = args.mode
    if mode in ("auto", "dispatch"):
        try:
            write = make_dispatch_writer(store, args.data_dir)
            mode = "dispatch"
        except Exception as exc:  # auto: the command stack may not exist (or not work) yet
            if args.mode == "dispatch":
                raise
            print(f"# dispatch path unavailable ({exc!r}); using Store.add_entry", file=sys.stderr)
            mode = "store"
    if mode == "store":
        write = make_store_writer(store)
    print(f"MODE {mode}", flush=True)

    deadline = time.monotonic() + args.max_seconds
    seq = 0
    while time.monotonic() < deadline:
        seq += 1
        if mode == "store" and seq % 4 == 0 and change(store, seq):
            continue
        entry = write(seq)  # durable when this returns
        sys.stdout.write(f"ACK {entry.id} {_row(entry)}\n")
        sys.stdout.flush()
    store.close()
    return 0


def _row(entry: Entry) -> str:
    return json.dumps(entry_to_row(entry), sort_keys=True, separators=(",", ":"))


def change(store: Store, seq: int) -> bool:
    """An /edit or /undo of the latest entry, announced first (``WILL <id> <row or ->``: a kill before
    its acknowledgement may leave either state), then acknowledged (``ACK <id> <row>`` or ``DEL <id>``)
    once durable. False when the log is empty."""
    account = store.account_of(USER)
    last = store.last_entry(account)
    if last is None:
        return False
    if seq % 8 == 0:
        sys.stdout.write(f"WILL {last.id} -\n")
        sys.stdout.flush()
        store.remove_entry(account, last.id)
        store.sync()
        sys.stdout.write(f"DEL {last.id}\n")
    else:
        edited = replace(last, sets=store_entry(seq).sets, note=f"edit {seq}")
        sys.stdout.write(f"WILL {last.id} {_row(edited)}\n")
        sys.stdout.flush()
        store.replace_entry(account, edited)
        store.sync()
        sys.stdout.write(f"ACK {last.id} {_row(edited)}\n")
    sys.stdout.flush()
    return True


if __name__ == "__main__":
    sys.exit(main())

"""Pending pushes on disk (storage/pushes.py) and their claim by the reminder service: real files in a
temp dir, a fake clock; the claim is on disk before the platform is asked to send."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest

from core.messages import Reply, Target
from core.router import Delivery, Router
from reminders.service import ReminderService
from storage.journal import JOURNAL_DIR, list_segments, read_segment
from storage.layout import shard_of
from storage.pushes import PUSHES_DIR, PendingPushes, Prefs, Push, pending_pushes, to_iso
from storage.store import Store

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ACCOUNT = "telegram:42"


def rest(due: datetime, key: str = "k1") -> Push:
    return Push(ACCOUNT, "rest", key=key, due=to_iso(due), target=ACCOUNT, payload={"text": "Rest over"})


def on_disk(data_dir, account: str = ACCOUNT) -> dict:
    """What a restart would read of the account's shard: its file, with the journal replayed over it."""
    path = data_dir / PUSHES_DIR / f"{shard_of(account):02x}.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    for _, segment in list_segments(data_dir / PUSHES_DIR / JOURNAL_DIR):
        for record in read_segment(segment).records:
            if shard_of(record.account) == shard_of(account):
                rows = data.setdefault(record.row["t"], {})
                if record.row["r"] is None:
                    rows.pop(record.row["k"], None)
                else:
                    rows[record.row["k"]] = record.row["r"]
    return data


def journal_bytes(data_dir) -> bytes:
    return b"".join(p.read_bytes() for _, p in list_segments(data_dir / PUSHES_DIR / JOURNAL_DIR))


def test_pushes_and_prefs_survive_a_reopen(tmp_path):
    pushes = PendingPushes(tmp_path)
    pushes.put(rest(NOW))
    pushes.save_prefs(ACCOUNT, Prefs(goal=3, recap="6 18:00"))
    pushes.sync()
    again = PendingPushes(tmp_path)
    assert again.get(ACCOUNT, "rest") == rest(NOW)
    assert again.prefs(ACCOUNT) == Prefs(goal=3, recap="6 18:00", nudges=True)
    assert [p.uid for p in again.all()] == [f"{ACCOUNT}|rest"]


def test_one_pending_push_per_kind_and_a_claim_takes_exactly_that_occurrence(tmp_path):
    pushes = PendingPushes(tmp_path)
    first = pushes.put(rest(NOW, "a"))
    second = pushes.put(rest(NOW + timedelta(minutes=1), "b"))  # a new timer replaces the running one
    assert not pushes.claim(first)  # the replaced one is not sent
    assert pushes.claim(second)
    assert not pushes.claim(second)  # once
    assert pushes.get(ACCOUNT, "rest") is None


def test_a_damaged_pushes_file_is_set_aside_not_deleted(tmp_path):
    pushes = PendingPushes(tmp_path)
    pushes.put(rest(NOW))
    pushes.checkpoint()  # into the shard file; the journal is retired
    path = tmp_path / PUSHES_DIR / f"{shard_of(ACCOUNT):02x}.json"
    path.write_bytes(b'{"pushes": {"x": ')
    again = PendingPushes(tmp_path)
    assert again.get(ACCOUNT, "rest") is None  # that shard starts afresh
    kept = list((tmp_path / "quarantine").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == b'{"pushes": {"x": '


def test_drop_account_forgets_pushes_and_settings(tmp_path):
    pushes = PendingPushes(tmp_path)
    pushes.put(rest(NOW))
    pushes.save_prefs(ACCOUNT, Prefs(goal=2))
    assert pushes.drop_account(ACCOUNT) == 2
    pushes.sync()
    assert PendingPushes(tmp_path).prefs(ACCOUNT) == Prefs()
    assert on_disk(tmp_path)["pushes"] == {}


class Texts:
    def lateness(self, kind: str) -> timedelta:
        return timedelta(seconds=60)

    def compose(self, push: Push, now: datetime) -> Reply | None:
        return Reply(push.payload["text"])

    def following(self, push: Push, now: datetime, sent: bool) -> Push | None:
        return None


async def test_the_claim_is_on_disk_before_the_send_and_never_repeated_after_a_restart(tmp_path):
    clock = {"now": NOW}
    seen_on_disk: list[dict] = []
    sent: list[str] = []

    async def sender(target: Target, reply: Reply) -> Delivery:
        seen_on_disk.append(on_disk(tmp_path)["pushes"])  # what a crash right now would leave
        sent.append(f"{target.key()} {reply.text}")
        return Delivery.OK

    for run in range(2):
        store = Store(tmp_path)
        router = Router()
        router.register("telegram", sender)
        svc = ReminderService(store, None, router, clock=lambda: clock["now"], push_composer=Texts())  # type: ignore[arg-type]
        await svc.start()
        if run == 0:
            push = pending_pushes(store).put(rest(NOW + timedelta(seconds=30)))
            svc.add_push(push)
            await pending_pushes(store).flush()
            clock["now"] = NOW + timedelta(seconds=31)
            assert await svc.check() == 1
        else:
            assert await svc.check() == 0  # restarted: the claim was durable, nothing is sent again
        await svc.shutdown()
        store.close()
    assert sent == [f"{ACCOUNT} Rest over"]
    assert seen_on_disk == [{}]


async def test_deleteme_removes_pending_pushes_and_settings(chat, app):
    await chat.say("/goal 3")
    await chat.say("/rest 2m")
    [confirm] = await chat.say("/deleteme")
    await chat.press(confirm, next(b.label for row in confirm.buttons for b in row if b.style == "danger"))
    pushes = pending_pushes(app.store)
    assert pushes.of(chat.user) == [] and pushes.prefs(chat.user) == Prefs()
    assert on_disk(app.store.data_dir, chat.user).get("prefs", {}) == {}


async def test_a_flush_waits_for_the_write_another_flush_is_doing(tmp_path, monkeypatch):
    """A claim taken into a write already under way is durable only when that write ends: a second
    flush (the next group's) must wait for it, not return because nothing is left to write."""
    import asyncio
    import threading

    import storage.pushes as module

    started, release = threading.Event(), threading.Event()
    real = module.SegmentFiles.append

    def slow(self, lines):
        started.set()
        release.wait(10)
        return real(self, lines)

    monkeypatch.setattr(module.SegmentFiles, "append", slow)
    pushes = PendingPushes(tmp_path)
    pushes.put(rest(NOW))
    first = asyncio.create_task(pushes.flush())
    await asyncio.to_thread(started.wait, 10)
    second = asyncio.create_task(pushes.flush())
    for _ in range(20):
        await asyncio.sleep(0)
    assert not second.done()  # the row is not on disk yet
    release.set()
    await asyncio.gather(first, second)
    assert on_disk(tmp_path)["pushes"]


async def test_the_summary_a_log_schedules_reaches_disk_by_the_write_behind_alone(chat, app):
    """The reply waits for the set's journal line only; the summary follows within WRITE_BEHIND, with
    no flush asked for."""
    await chat.say("/log hip thrust 3x10 80kg")
    for _ in range(200):  # WRITE_BEHIND is 1 s; a loaded machine gets up to 20 s
        if f"{chat.user}|summary" in on_disk(app.store.data_dir, chat.user).get("pushes", {}):
            break
        await asyncio.sleep(0.1)
    assert f"{chat.user}|summary" in on_disk(app.store.data_dir, chat.user)["pushes"]


def test_a_change_is_one_journal_line_and_the_shard_files_wait_for_a_checkpoint(tmp_path):
    pushes = PendingPushes(tmp_path)
    pushes.put(rest(NOW))
    pushes.save_prefs(ACCOUNT, Prefs(goal=4))
    pushes.sync()
    shard_file = tmp_path / PUSHES_DIR / f"{shard_of(ACCOUNT):02x}.json"
    assert not shard_file.exists()  # durable by the journal alone
    assert journal_bytes(tmp_path).count(b"\n") == 2
    again = PendingPushes(tmp_path)  # a restart replays it, and checkpoints
    assert again.get(ACCOUNT, "rest") == rest(NOW) and again.prefs(ACCOUNT) == Prefs(goal=4)
    assert json.loads(shard_file.read_text())["pushes"][f"{ACCOUNT}|rest"]["key"] == "k1"
    assert journal_bytes(tmp_path) == b""


def test_the_journal_is_checkpointed_into_the_shards_when_it_passes_its_limit(tmp_path):
    pushes = PendingPushes(tmp_path, journal_limit=2_000)
    for n in range(20):
        pushes.put(rest(NOW, key=f"k{n}"))
        pushes.sync()
    assert len(journal_bytes(tmp_path)) <= 2_000
    assert on_disk(tmp_path)["pushes"][f"{ACCOUNT}|rest"]["key"] == "k19"
    assert PendingPushes(tmp_path).get(ACCOUNT, "rest") == rest(NOW, key="k19")


def test_a_crash_between_the_checkpoint_and_the_journal_retiring_replays_to_the_latest(tmp_path, monkeypatch):
    """The lines a checkpoint takes are appended before the shards are written, so the old journal
    replayed over the newer shard still ends at the newest row: a claimed push stays claimed."""
    import storage.journal

    pushes = PendingPushes(tmp_path)
    push = pushes.put(rest(NOW))
    pushes.sync()  # the put is in the journal
    assert pushes.claim(push)  # the claim is not, yet

    class Killed(BaseException):
        pass

    def killed(self, upto):  # the process dies before the journal is retired
        raise Killed

    monkeypatch.setattr(storage.journal.SegmentFiles, "retire", killed)
    with pytest.raises(Killed):
        pushes.checkpoint()
    assert on_disk(tmp_path)["pushes"] == {}
    monkeypatch.undo()
    assert PendingPushes(tmp_path).get(ACCOUNT, "rest") is None


def journal_of_two_changes(tmp_path):
    """A rest timer, then a weekly goal, each one journal line; the segment holding both."""
    pushes = PendingPushes(tmp_path)
    pushes.put(rest(NOW))
    pushes.save_prefs(ACCOUNT, Prefs(goal=2))
    pushes.sync()
    [(_, segment)] = list_segments(tmp_path / PUSHES_DIR / JOURNAL_DIR)
    return segment


def test_a_damaged_journal_line_is_set_aside_and_the_others_are_applied(tmp_path):
    segment = journal_of_two_changes(tmp_path)
    first, second = segment.read_bytes().splitlines(keepends=True)
    segment.write_bytes(first.replace(b"Rest over", b"Rest 0ver") + second)  # checksum no longer matches
    again = PendingPushes(tmp_path)
    assert again.get(ACCOUNT, "rest") is None and again.prefs(ACCOUNT) == Prefs(goal=2)
    [kept] = list((tmp_path / "quarantine").iterdir())
    assert kept.name.startswith("pushes-journal-") and b"Rest 0ver" in kept.read_bytes()


def test_a_torn_last_journal_line_is_dropped(tmp_path):
    segment = journal_of_two_changes(tmp_path)
    raw = segment.read_bytes()
    segment.write_bytes(raw[:-10])  # a kill mid-append: never acknowledged
    again = PendingPushes(tmp_path)
    assert again.get(ACCOUNT, "rest") == rest(NOW) and again.prefs(ACCOUNT) == Prefs()
    assert not (tmp_path / "quarantine").exists()


def test_dropping_an_account_leaves_none_of_its_lines_in_the_journal(tmp_path):
    pushes = PendingPushes(tmp_path)
    pushes.put(rest(NOW))
    pushes.save_prefs("telegram:7", Prefs(goal=1))
    pushes.sync()
    assert ACCOUNT.encode() in journal_bytes(tmp_path)
    pushes.drop_account(ACCOUNT)
    pushes.sync()
    assert ACCOUNT.encode() not in journal_bytes(tmp_path)
    for shard_file in (tmp_path / PUSHES_DIR).glob("*.json"):
        assert ACCOUNT.encode() not in shard_file.read_bytes()
    assert PendingPushes(tmp_path).prefs("telegram:7") == Prefs(goal=1)

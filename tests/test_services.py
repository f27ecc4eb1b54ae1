"""One owner per operation that changes storage and the reminder index (issue 9 item 3, services/).

The real app on real files, with a store that fails on purpose (a `Store` subclass, public methods
only) or an index that does: whatever fails, the user is told nothing changed, and then nothing has
changed — the data on disk is as it was and the reminders still go out when the injected clock says
they are due (the reminder check is called, nothing sleeps).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from bot import App, build_app, start_app, stop_app
from core.context import Context, NoReminders
from core.dispatch import dispatch
from core.messages import Reply, Request, Target
from core.router import Delivery
from core.settings import Settings
from handlers.commands import build_registry
from reminders.service import ReminderService
from storage.models import Schedule
from storage.pushes import pending_pushes
from storage.store import Store
from tests.conftest import Chat, Clock

NOTHING_CHANGED = "nothing was changed"
ME = "telegram:5"  # the identity whose reminders are at stake
OTHER = "console:alice"  # the identity that makes the link code


class FaultyStore(Store):
    """A real store whose named public methods raise (a full disk, say) while armed."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir)
        self.failing: set[str] = set()

    def fault(self, name: str) -> None:
        if name in self.failing:
            raise OSError(f"no space left on device (injected into {name})")

    def link(self, user: str, account: str, exercises: str | None = None) -> None:
        self.fault("link")
        super().link(user, account, exercises)

    def unlink(self, user: str, take=()) -> bool:  # type: ignore[no-untyped-def]
        self.fault("unlink")
        return super().unlink(user, take)

    def delete_account(self, account: str) -> None:
        self.fault("delete_account")
        super().delete_account(account)

    def update_schedules(self, schedules) -> None:  # type: ignore[no-untyped-def]
        self.fault("update_schedules")
        super().update_schedules(schedules)


@dataclass
class FaultyIndex:
    """The real reminder service, except that ``add`` raises while ``failing``."""

    real: ReminderService
    failing: bool = False

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.real, name)

    def add(self, schedule: Schedule) -> None:
        if self.failing:
            raise RuntimeError("index full (injected)")
        self.real.add(schedule)


@dataclass
class Pushes:
    """What the reminder service sent, per target."""

    sent: list[tuple[str, str]] = field(default_factory=list)

    async def __call__(self, target: Target, reply: Reply) -> Delivery:
        self.sent.append((target.key(), reply.title or reply.text))
        return Delivery.OK

    def to(self, key: str) -> list[str]:
        return [title for target, title in self.sent if target == key]


@dataclass
class Harness:
    app: App
    store: FaultyStore
    clock: Clock
    pushes: Pushes
    me: Chat
    other: Chat

    async def activations_at_six(self) -> list[str]:
        """Move the clock to 18:00 UTC today and run the reminder check; what reached ME."""
        self.clock.now = self.clock.now.replace(hour=18, minute=0)
        await self.app.reminders.check()
        return self.pushes.to(ME)


@pytest.fixture
async def h(tmp_path: Path, library, clock: Clock) -> AsyncIterator[Harness]:
    data = tmp_path / "data"
    data.mkdir()
    store = FaultyStore(data)
    app = build_app(Settings(data_dir=data), library=library, store=store, clock=clock)
    pushes = Pushes()
    app.router.register("telegram", pushes)
    await start_app(app)
    me = Chat(app, user=ME, chat="5", platform="telegram")
    other = Chat(app, user=OTHER, chat="alice", platform="console")
    try:
        [ok] = await me.say("/remind daily 18:00")
        assert "Reminder #1 set" in ok.text
        yield Harness(app, store, clock, pushes, me, other)
    finally:
        await stop_app(app)


async def code_from(chat: Chat) -> str:
    [reply] = await chat.say("/link")
    return reply.text.split("*")[1]


async def test_link_failing_in_storage_changes_nothing(h: Harness):
    h.clock.now = h.clock.now.replace(hour=17, minute=55)  # the code is still valid at 18:00
    code = await code_from(h.other)
    h.store.failing.add("link")
    [reply] = await h.me.say(f"/link {code}")
    assert NOTHING_CHANGED in reply.text

    assert h.store.account_of(ME) == ME
    assert [s.time for s in h.store.schedules(ME)] == ["18:00"]
    assert await h.activations_at_six() == ["Time to activate"]  # still in the index, still firing

    h.store.failing.clear()
    [linked] = await h.me.say(f"/link {code}")  # the code was not spent
    assert "Linked" in linked.text and "1 reminder schedule" in linked.text
    assert h.store.account_of(ME) == OTHER


async def test_unlink_failing_in_storage_changes_nothing(h: Harness):
    await h.me.say(f"/link {await code_from(h.other)}")
    [rest] = await h.me.say("/rest 5m")
    assert pending_pushes(h.store).get(OTHER, "rest") is not None, rest.text
    h.store.failing.add("unlink")
    [reply] = await h.me.say("/unlink")
    assert NOTHING_CHANGED in reply.text
    assert h.store.account_of(ME) == OTHER and [s.time for s in h.store.schedules(OTHER)] == ["18:00"]
    assert pending_pushes(h.store).get(OTHER, "rest") is not None  # the timer it cancelled is back

    h.store.failing.clear()
    [done] = await h.me.say("/unlink")
    assert "reminder schedule that comes here stays with this account" in done.text, done.text
    assert "rest timer no longer comes here" in done.text
    assert h.store.schedules(OTHER) == [] and [s.time for s in h.store.schedules(ME)] == ["18:00"]
    assert pending_pushes(h.store).get(OTHER, "rest") is None
    assert await h.activations_at_six() == ["Time to activate"]


async def test_delete_failing_in_storage_changes_nothing(h: Harness):
    [ask] = await h.me.say("/deleteme")
    h.store.failing.add("delete_account")
    [reply] = await h.me.press(ask, "Yes, delete everything")
    assert NOTHING_CHANGED in reply.text

    assert [s.time for s in h.store.schedules(ME)] == ["18:00"]
    assert await h.activations_at_six() == ["Time to activate"]

    h.store.failing.clear()
    [again] = await h.me.say("/deleteme")
    [done] = await h.me.press(again, "Yes, delete everything")
    assert "all your data is deleted" in done.text
    h.clock.now += timedelta(days=1)
    assert await h.activations_at_six() == ["Time to activate"]  # nothing more after the deletion
    assert h.store.schedules(ME) == []


async def test_timezone_change_failing_half_way_changes_nothing(h: Harness):
    h.store.failing.add("update_schedules")  # the profile is written, the schedules are not
    [reply] = await h.me.say("/timezone Europe/Amsterdam")
    assert NOTHING_CHANGED in reply.text
    h.store.failing.clear()  # (the reminder check records what it sends with the same method)

    h.store.sync()
    assert h.store.profile(ME).timezone == "UTC"
    assert [s.timezone for s in h.store.schedules(ME)] == ["UTC"]
    assert "Your timezone is UTC" in (await h.me.say("/timezone"))[0].text
    assert await h.activations_at_six() == ["Time to activate"]  # 18:00 UTC, as before

    [moved] = await h.me.say("/timezone Europe/Amsterdam")
    assert "1 reminder schedule now follows Europe/Amsterdam" in moved.text
    h.clock.now += timedelta(days=1)
    assert await h.activations_at_six() == ["Time to activate"]  # 18:00 UTC is 19:00 there: not due
    h.clock.now = h.clock.now.replace(hour=17)  # 18:00 in Amsterdam
    await h.app.reminders.check()
    assert h.pushes.to(ME) == ["Time to activate"] * 2


async def test_index_failing_on_remind_stores_nothing(h: Harness):
    faulty = FaultyIndex(h.app.reminders, failing=True)
    h.app.ctx.reminders = faulty
    [reply] = await h.me.say("/remind daily 07:00")
    assert NOTHING_CHANGED in reply.text
    assert [s.time for s in h.store.schedules(ME)] == ["18:00"]

    faulty.failing = False
    [ok] = await h.me.say("/remind daily 07:00")
    assert "Reminder #2 set" in ok.text


async def test_index_failing_on_timezone_change_restores_storage(h: Harness):
    faulty = FaultyIndex(h.app.reminders, failing=True)
    h.app.ctx.reminders = faulty
    [reply] = await h.me.say("/timezone Asia/Tokyo")
    assert NOTHING_CHANGED in reply.text
    assert h.store.profile(ME).timezone == "UTC"
    assert [s.timezone for s in h.store.schedules(ME)] == ["UTC"]
    assert await h.activations_at_six() == ["Time to activate"]


async def test_a_context_without_reminders_has_the_null_index(tmp_path: Path, library, clock: Clock):
    store = Store(tmp_path)
    ctx = Context(
        store=store, library=library, registry=build_registry(), settings=Settings(data_dir=tmp_path)
    )
    ctx.clock = clock
    assert isinstance(ctx.reminders, NoReminders)
    request = Request(command="remind", user=ME, target=Target("telegram", "5"), text="mon 18:00")
    [reply] = await dispatch(request, ctx)
    assert "Reminder #1 set" in reply.text  # stored; a run with reminders picks it up
    assert [s.time for s in store.schedules(ME)] == ["18:00"]
    [listed] = await dispatch(Request(command="reminders", user=ME, target=Target("telegram", "5")), ctx)
    assert "#1" in listed.text
    store.close()

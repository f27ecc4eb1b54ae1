"""The program week is kept per account while nothing trained before today changes (`current_week`),
on the store's marks (`Store.log_mark` / `Store.changed_before`): a /log, /edit or /undo of today's sets
keeps it; a backdated set, an edit or removal of an older one, another day, another program or time
zone works it out again. Every step is checked against the week worked out afresh from the whole log."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from content.library import Library
from domain.training import Entry, LoggedSet, SetKind, chronological
from handlers.plan import current_week, week_in_order
from storage.models import Profile
from storage.store import Store

ACCOUNT = "console:weeks"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday
TODAY = datetime(2026, 11, 23, tzinfo=UTC)


def lift(at: datetime, exercise: str = "hip_thrust") -> Entry:
    return Entry(exercise, (LoggedSet(10, 80.0, "kg", SetKind.WORKING),) * 3, at, id=0)


def test_a_mark_tells_which_changes_reach_before_a_time(tmp_path: Path) -> None:
    store = Store(tmp_path / "data", cache_size=1)
    try:
        old = store.add_entry(ACCOUNT, lift(NOW - timedelta(days=30)))
        mark = store.log_mark(ACCOUNT)
        assert not store.changed_before(ACCOUNT, mark, TODAY)
        store.add_entry(ACCOUNT, lift(NOW))  # today's set
        assert not store.changed_before(ACCOUNT, mark, TODAY)
        assert store.changed_before(ACCOUNT, mark, NOW + timedelta(days=1))

        mark = store.log_mark(ACCOUNT)
        store.add_entry(ACCOUNT, lift(NOW - timedelta(days=3)))  # backdated
        assert store.changed_before(ACCOUNT, mark, TODAY)

        mark = store.log_mark(ACCOUNT)
        store.replace_entry(ACCOUNT, replace(old, sets=old.sets[:1]))  # an older entry edited
        assert store.changed_before(ACCOUNT, mark, TODAY)

        mark = store.log_mark(ACCOUNT)
        store.remove_entry(ACCOUNT, old.id)
        assert store.changed_before(ACCOUNT, mark, TODAY)
        assert not store.changed_before(ACCOUNT, mark, old.at)  # nothing before the removed one changed

        store.checkpoint()  # the journal's lines in the file: the account may leave the cache now
        mark = store.log_mark(ACCOUNT)
        store.add_entry("console:other", lift(NOW))  # the cache holds one account: this one's view goes
        assert store.changed_before(ACCOUNT, mark, TODAY)  # built again: what changed is not known
    finally:
        store.close()


async def test_the_kept_week_is_the_week_of_the_whole_log_after_every_change(
    app: object, library: Library, clock: object
) -> None:
    ctx = app.ctx  # type: ignore[attr-defined]
    store: Store = ctx.store
    profile = Profile(ACCOUNT, timezone="Europe/Amsterdam", level="intermediate")
    store.save_profile(profile)
    # Three weeks of training, five weeks away, then back last week: the time away moves the block on.
    for day in (*range(70, 49, -3), *range(7, 0, -2)):
        store.add_entry(ACCOUNT, lift(NOW - timedelta(days=day)))

    def fresh(profile: Profile, now: datetime) -> object:
        return week_in_order(profile, chronological(store.entries(ACCOUNT)), library, now)

    def check(profile: Profile, now: datetime = NOW) -> object:
        week = current_week(ctx, profile, now)
        assert week == fresh(profile, now)
        return week

    before = check(profile)
    assert check(profile) == before  # kept
    today_set = store.add_entry(ACCOUNT, lift(NOW))
    assert check(profile) == before
    store.replace_entry(ACCOUNT, replace(today_set, sets=today_set.sets[:2]))  # /edit of today's sets
    assert check(profile) == before
    store.remove_entry(ACCOUNT, today_set.id)  # /undo
    assert check(profile) == before

    # Sets backdated into the time away: no time away, so another week of the block.
    filled = [store.add_entry(ACCOUNT, lift(NOW - timedelta(days=day))) for day in range(46, 8, -4)]
    after = check(profile)
    assert after != before
    store.replace_entry(ACCOUNT, replace(filled[0], exercise="leg_press"))  # not a day of the program
    check(profile)
    for entry in filled:
        store.remove_entry(ACCOUNT, entry.id)
    assert check(profile) == before

    assert check(profile, NOW + timedelta(days=9)) != before  # another day: later in the block
    check(replace(profile, timezone="Pacific/Auckland"))
    check(replace(profile, program=f"intermediate-3@{(NOW - timedelta(days=20)).date().isoformat()}"))
    assert check(profile) == before

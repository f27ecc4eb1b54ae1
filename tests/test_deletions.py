"""/deleteme is final, even against the operator's restore tool (issue 8, item 11 hardened): files several
users share stay in quarantine, but a restore leaves out every row of an account deleted since; files of
the deleted user alone go. Real files, the real app through dispatch, the CLI as a real subprocess."""

from __future__ import annotations

from pathlib import Path

from content.library import Library
from storage.deletions import FILE_NAME
from storage.layout import account_path, links_path, shard_of, shard_path
from storage.models import Schedule
from storage.store import Store
from tests.conftest import Chat, Clock
from tests.entries import weight_of
from tests.test_quarantine import entry, quarantined, run_bot, running

GONE = "telegram:5"  # shard e8
STAYS = "telegram:276"  # the same shard
assert shard_of(GONE) == shard_of(STAYS) == 0xE8


def reminder(user: str) -> Schedule:
    return Schedule(account=user, target=user, days=(0, 2), time="18:00", timezone="UTC")


def cut(path: Path) -> None:
    raw = path.read_bytes()
    path.write_bytes(raw[:-1])  # the end is lost: the rows before it can still be read


async def test_deleted_user_is_never_restored_from_shared_quarantined_files(
    tmp_path: Path, library: Library, clock: Clock
) -> None:
    store = Store(tmp_path)
    for user in (GONE, STAYS):
        store.add_schedule(reminder(user))
        store.add_entry(user, entry(1))
    store.link("discord:5", GONE)
    store.link("discord:276", STAYS)
    store.close()
    cut(shard_path(tmp_path, 0xE8))  # a damaged schedules/e8.json ...
    cut(links_path(tmp_path))  # ... and a truncated links.json
    # a journal line of the deleted user whose JSON is broken (named without an account stem)
    lone = tmp_path / "quarantine" / "journal-0000000007.log.line3"
    lone.parent.mkdir(exist_ok=True)
    lone.write_bytes(b'0badc0de ["telegram:5",4,{"exercise":"hip_thr\n')

    async with running(tmp_path, library, clock) as app:
        shared = quarantined(tmp_path)
        assert any(n.startswith("schedules-e8.json.") for n in shared), shared
        assert any(n.startswith("links.json.") for n in shared), shared
        user = Chat(app, user=GONE, chat="5", platform="telegram")
        [ask] = [r for r in await user.say("/deleteme") if r.buttons]
        [done] = await user.press(ask, "Yes, delete everything")
        assert "all your data is deleted" in done.text

    names = quarantined(tmp_path)
    [shard_file] = [tmp_path / "quarantine" / n for n in names if n.startswith("schedules-e8.json.")]
    [links_file] = [tmp_path / "quarantine" / n for n in names if n.startswith("links.json.")]
    assert b"telegram:5" in shard_file.read_bytes()  # shared files stay as they were (never rewritten)

    schedules = run_bot(tmp_path, "", "quarantine", "restore", shard_file.name)
    assert schedules.returncode == 0, schedules.stderr
    links = run_bot(tmp_path, "", "quarantine", "restore", links_file.name)
    assert links.returncode == 0, links.stderr

    after = Store(tmp_path)
    assert after.schedules(GONE) == [] and after.entries(GONE) == []
    assert [s.time for s in after.schedules(STAYS)] == ["18:00"]
    assert after.account_of("discord:5") == "discord:5"  # not linked back to the deleted account
    assert after.account_of("discord:276") == STAYS
    after.close()
    # the operator is told what was left out
    assert "1 reminder schedule restored; 1 item of deleted accounts skipped" in schedules.stdout
    assert "1 link restored; 1 item of deleted accounts skipped" in links.stdout
    assert not lone.exists()  # a quarantined line that held only the deleted user's data went
    listed = (tmp_path / FILE_NAME).read_text()
    assert "telegram" not in listed and "discord" not in listed  # a keyed hash, not the key


def test_someone_who_deletes_and_comes_back_gets_their_new_data_restored(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add_entry(GONE, entry(1))
    store.delete_account(GONE)
    store.add_entry(GONE, entry(2, weight=90.0))  # back again, under the same key: a fresh account
    store.close()
    path = account_path(tmp_path, GONE)
    path.write_bytes(path.read_bytes()[:-1])
    opened = Store(tmp_path)
    assert opened.entries(GONE) == []  # the cut file is set aside when opened
    opened.close()
    [name] = quarantined(tmp_path)
    result = run_bot(tmp_path, "", "quarantine", "restore", name)
    assert result.returncode == 0, result.stderr
    assert "1 logged entry restored" in result.stdout
    store = Store(tmp_path)
    assert [weight_of(e) for e in store.entries(GONE)] == [90.0]  # the new set, never the deleted one
    store.close()

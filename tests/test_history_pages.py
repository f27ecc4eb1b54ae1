"""/history pages fit one message: a session of 120 entries logged one by one is shown in parts over
several pages (the latest part first), every entry exactly once, with Prev / Next between them; and
/progress answers a typo with buttons, as /history and /log do."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import handlers.logbook as logbook
from core.markup import esc
from domain.training import Entry, SetKind, straight_sets
from handlers.logbook import HISTORY_CHARS
from tests.conftest import Chat
from tests.test_log_flow import ME, clock_fixture, entries, labels, logapp_fixture, me_fixture, store  # noqa: F401 - fixtures


async def test_a_long_session_is_split_into_parts_each_page_one_message(me: Chat, clock) -> None:
    await me.say("/log hip thrust 3x10 80kg 2026-11-20")  # an earlier session, on the last page
    for n in range(120):
        await me.say(f"/log glute bridge 1x{10 + n % 5} 40kg (set {n + 1} of the day, felt fine)")
        clock.now += timedelta(seconds=30)
    stored = entries(me)
    assert len(stored) == 121

    seen: list[int] = []
    page, pages = 1, None
    while True:
        [reply] = await me.say(f"/history page {page}")
        body = reply.text
        m = re.search(r"Page (\d+) of (\d+)\.", body)
        assert m is not None and int(m.group(1)) == page, body
        pages = int(m.group(2))
        lines = [line for line in body.split("\n") if line.startswith("#")]
        assert sum(len(line) + 1 for line in lines) <= HISTORY_CHARS, body
        assert len(body) < 4096, len(body)  # one Telegram message
        seen += [int(line[1:].split(" ", 1)[0]) for line in lines]
        if page < pages:
            assert "Next" in labels(reply), labels(reply)
        if page == 1:
            # The latest part of today's session first, labelled as a part, and the page full: the
            # oldest part holds what is left over.
            assert re.search(r"session 2, part (\d+) of \1\b", body), body
            assert f"#{stored[-1].id} " in body
            assert sum(len(line) + 1 for line in lines) > HISTORY_CHARS * 0.9, body
        if page == pages:
            assert "Next" not in labels(reply)
            assert "session 1" in body and f"#{stored[0].id} " in body, body
            break
        page += 1
    assert pages >= 3
    assert sorted(seen) == sorted(e.id for e in stored)  # every entry once, none lost between pages


async def test_short_sessions_keep_five_to_a_page(me: Chat) -> None:
    for day in range(20, 26):
        await me.say(f"/log hip thrust 3x10 {60 + day}kg 2026-11-{day}")
    body = await me.text("/history")
    assert "Page 1 of 2." in body and body.count(" · session ") == 5, body
    assert "part" not in body


async def test_progress_typo_offers_buttons_that_show_the_progress(me: Chat) -> None:
    await me.say("/log hip thrust 3x10 80kg")
    [reply] = await me.say("/progress hip thust")
    assert "“hip thust” is not an exercise I know. Did you mean: Hip thrust" in reply.text, reply.text
    assert "Hip thrust" in labels(reply), labels(reply)
    [shown, *_] = await me.press(reply, "Hip thrust")
    assert "1 session of Hip thrust since" in shown.text and shown.image is not None, shown.text


async def test_loads_set_by_set_on_both_sides_read_as_sets_each_side(me: Chat) -> None:
    shown = await me.text("/log bulgarian split squat 12kgx10, 14kgx8 each side")
    assert shown.startswith("Logged Bulgarian split squat: 10 @ 12 kg, 8 @ 14 kg each side."), shown
    history = await me.text("/history")
    assert "Bulgarian split squat: 10 @ 12 kg, 8 @ 14 kg each side" in history, history
    assert "10 @ 12 kg, 10 @ 12 kg" not in history


async def test_a_long_history_pages_every_entry_as_its_own_card_says_it(me: Chat, monkeypatch) -> None:
    """1,200 entries (an imported log: four lifts at a few schemes, notes with markup characters,
    warm-up-only entries, RPE): every page shows each entry's line as the plain rendering says it,
    every entry once; a page says each set list once however often it recurs (the paging reads the
    whole log on every /history)."""
    await me.say("/log glute bridge 3x12")  # the account exists
    account = store(me).account_of(ME)
    lifts = ("hip_thrust", "back_squat", "romanian_deadlift", "glute_bridge")
    start = datetime(2022, 1, 3, 17, tzinfo=UTC)
    old = [
        Entry(
            lifts[i % 4],
            straight_sets((10, 10, 8), None, None, SetKind.WARMUP)
            if i % 97 == 0
            else straight_sets(
                (10, 10, 8 + i % 3), 60.0 + 2.5 * (i % 6), "kg", rpe=8.0 if i % 5 == 0 else None
            ),
            start + timedelta(days=i // 3, minutes=10 * (i % 3)),
            note="felt *heavy* [ok]_" if i % 11 == 0 else "",
        )
        for i in range(1200)
    ]
    store(me).add_entries(account, old)
    stored = {e.id: e for e in store(me).entries(account)}
    names = {"hip_thrust": "Hip thrust", "back_squat": "Back squat", "romanian_deadlift": "Romanian deadlift",
             "glute_bridge": "Glute bridge"}  # fmt: skip

    said: list[int] = []
    real_describe = logbook.describe_entry

    def counting_describe(entry: Entry) -> str:
        said.append(entry.id)
        return real_describe(entry)

    monkeypatch.setattr(logbook, "describe_entry", counting_describe)
    seen: list[int] = []
    page, pages = 1, None
    while pages is None or page <= pages:
        said.clear()
        [reply] = await me.say(f"/history page {page}")
        m = re.search(r"Page (\d+) of (\d+)\.", reply.text)
        assert m is not None and int(m.group(1)) == page, reply.text
        pages = int(m.group(2))
        for line in reply.text.split("\n"):
            if not line.startswith("#"):
                continue
            e = stored[int(line[1:].split(" ", 1)[0])]
            note = f" ({esc(e.note)})" if e.note else ""
            assert line == f"#{e.id} {names[e.exercise]}: {esc(real_describe(e))}{note}", line
            seen.append(e.id)
        # 36 set lists in the log (and the warm-up ones said again as work): not one per entry
        assert len(said) <= 2 * 40, len(said)
        page += 1
    assert sorted(seen) == sorted(stored)  # every entry once, none lost between pages

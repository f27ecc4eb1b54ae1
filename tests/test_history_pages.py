"""/history pages fit one message: a session of 120 entries logged one by one is shown in parts over
several pages (the latest part first), every entry exactly once, with Prev / Next between them; and
/progress answers a typo with buttons, as /history and /log do."""

from __future__ import annotations

import re
from datetime import timedelta

from handlers.logbook import HISTORY_CHARS
from tests.conftest import Chat
from tests.test_log_flow import clock_fixture, entries, labels, logapp_fixture, me_fixture  # noqa: F401 - fixtures


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

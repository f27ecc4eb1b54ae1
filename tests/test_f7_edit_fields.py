"""/edit takes things away as well as it changes them (issue 10, a tester's report): sets typed replace
the entry's sets of the kinds typed (warm-ups left out stay; "w none", "no warmups" or an empty "w /"
drop them), "rpe none" / "no rpe" clear the RPE, "()" or a bare "--" the note, and a note alone
("/edit rdl (felt heavy)", "/edit (felt heavy)") changes only the note. "Nothing to change" only
when nothing would. Through the dispatch every adapter uses; the card, /history and the store."""

from __future__ import annotations

from datetime import timedelta

from core.messages import Reply
from domain.training import SetKind
from tests.conftest import Chat, Clock
from tests.test_log_flow import answer, labels

LOGGED = "/log hip thrust w 60x8 / 3x10 100kg rpe 9 (typo note)"


def stored(chat: Chat) -> list:
    store = chat.app.ctx.store  # type: ignore[attr-defined]
    return store.entries(store.account_of(chat.user))


def sets(chat: Chat, n: int = 0) -> list[tuple[SetKind, int, float | None, float | None]]:
    return [(s.kind, s.reps, s.load, s.rpe) for s in stored(chat)[n].sets]


async def one(chat: Chat, line: str, clock: Clock) -> Reply:
    clock.now += timedelta(seconds=1)  # one write a second: the write limit never counts these
    [reply] = await chat.say(line)
    return reply


WORK = [(SetKind.WORKING, 10, 100.0, 9.0)] * 3
WARM = (SetKind.WARMUP, 8, 60.0, None)


async def test_an_empty_warm_up_part_w_none_or_no_warmups_drops_the_warm_ups(
    chat: Chat, clock: Clock
) -> None:
    for line in ("/edit w / 3x10 100kg", "/edit 3x10 100kg w none", "/edit no warmups"):
        await one(chat, LOGGED, clock)
        changed = await one(chat, line, clock)
        assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 100 kg RPE 9.\n"), (line, changed.text)
        assert "Warm-up" not in changed.text and "Note: typo note" in changed.text, line
        assert labels(changed)[:2] == ["Undo", "Edit"]
        assert sets(chat, -1) == WORK and stored(chat)[-1].note == "typo note", line
    history = await one(chat, "/history", clock)
    assert history.text.count("Hip thrust: 3 × 10 @ 100 kg RPE 9 (typo note)") == 3, history.text


async def test_sets_typed_replace_only_their_own_kind(chat: Chat, clock: Clock) -> None:
    await one(chat, LOGGED, clock)
    work = await one(chat, "/edit 3x10 80kg", clock)  # the work: the warm-up stays, as the card says
    assert work.text.startswith("Changed *Hip thrust*: 3 × 10 @ 80 kg RPE 9 (+ 1 warm-up set).")
    assert "Warm-up (1 set): 1 × 8 @ 60 kg" in work.text
    assert sets(chat) == [WARM, *[(SetKind.WORKING, 10, 80.0, 9.0)] * 3]
    warm = await one(chat, "/edit w 50x8, 70x5", clock)  # the warm-ups: the work stays
    assert "Warm-up (2 sets): 1 × 8 @ 50 kg, 1 × 5 @ 70 kg" in warm.text
    assert "Working (3 sets): 3 × 10 @ 80 kg" in warm.text
    assert sets(chat) == [
        (SetKind.WARMUP, 8, 50.0, None),
        (SetKind.WARMUP, 5, 70.0, None),
        *[(SetKind.WORKING, 10, 80.0, 9.0)] * 3,
    ]


async def test_rpe_none_or_no_rpe_clears_the_rpe(chat: Chat, clock: Clock) -> None:
    await one(chat, LOGGED, clock)
    changed = await one(chat, "/edit 3x10 100kg rpe none", clock)
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 100 kg (+ 1 warm-up set).\n")
    assert "RPE" not in changed.text
    assert [s.rpe for s in stored(chat)[0].sets] == [None] * 4 and stored(chat)[0].note == "typo note"
    await one(chat, "/edit 3x10 100kg rpe 8", clock)
    alone = await one(chat, "/edit no rpe", clock)  # nothing else typed: the sets stay
    assert alone.text.startswith("Changed *Hip thrust*: 3 × 10 @ 100 kg (+ 1 warm-up set).\n")
    assert [s.rpe for s in stored(chat)[0].sets] == [None] * 4
    assert (
        "#1 Hip thrust: 3 × 10 @ 100 kg (+ 1 warm-up set) (typo note)"
        in (await one(chat, "/history", clock)).text
    )


async def test_empty_brackets_or_a_bare_dash_clear_the_note(chat: Chat, clock: Clock) -> None:
    await one(chat, LOGGED, clock)
    changed = await one(chat, "/edit 3x10 100kg ()", clock)
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 100 kg RPE 9 (+ 1 warm-up set).\n")
    assert "Note:" not in changed.text and stored(chat)[0].note == ""
    assert sets(chat) == [WARM, *WORK]  # the rest as it was
    await one(chat, "/edit (typo note)", clock)
    dash = await one(chat, "/edit --", clock)
    assert dash.text.startswith("Changed *Hip thrust*") and stored(chat)[0].note == ""
    assert (
        "#1 Hip thrust: 3 × 10 @ 100 kg RPE 9 (+ 1 warm-up set)\n"
        in (await one(chat, "/history", clock)).text
    )


async def test_a_note_alone_changes_only_the_note_of_the_entry_it_names(chat: Chat, clock: Clock) -> None:
    await one(chat, "/log hip thrust 3x10 100kg", clock)
    await one(chat, "/log rdl 3x8 60kg", clock)
    named = await one(chat, "/edit rdl (felt heavy)", clock)
    assert named.text.startswith("Changed *Romanian deadlift*: 3 × 8 @ 60 kg.\n")
    assert "Note: felt heavy" in named.text
    assert stored(chat)[1].note == "felt heavy" and [s.reps for s in stored(chat)[1].sets] == [8] * 3
    bare = await one(chat, "/edit (felt lighter)", clock)
    assert "Note: felt lighter" in bare.text and stored(chat)[1].note == "felt lighter"
    older = await one(chat, "/edit hip thrust (paused)", clock)  # not the latest entry: that one's note
    assert older.text.startswith("Changed *Hip thrust*: 3 × 10 @ 100 kg.\n") and "Note: paused" in older.text
    history = (await one(chat, "/history", clock)).text
    assert "#1 Hip thrust: 3 × 10 @ 100 kg (paused)" in history
    assert "#2 Romanian deadlift: 3 × 8 @ 60 kg (felt lighter)" in history
    wrong = await one(chat, "/edit rdl blah", clock)  # refused with this entry's own sets as the example
    assert wrong.text == (
        "Add your sets, like 3x10 or 10,10,8: romanian deadlift 3x8 60kg. The entry is unchanged."
    )


async def test_nothing_to_change_only_when_nothing_would_change(chat: Chat, clock: Clock) -> None:
    await one(chat, "/log hip thrust 3x10 100kg", clock)
    for line in ("/edit w none", "/edit rpe none", "/edit ()", "/edit 3x10 100kg"):
        same = await one(chat, line, clock)
        assert same.text.startswith("Nothing to change: entry #1 is already *Hip thrust* 3 × 10 @ 100 kg,"), (
            line
        )
    await one(chat, LOGGED, clock)
    changed = await one(chat, "/edit w none rpe none ()", clock)  # all three at once
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 100 kg.\n")
    assert sets(chat, -1) == [(SetKind.WORKING, 10, 100.0, None)] * 3 and stored(chat)[-1].note == ""


async def test_a_note_that_says_no_rpe_is_a_note(chat: Chat, clock: Clock) -> None:
    await one(chat, LOGGED, clock)
    await one(chat, "/edit (no rpe today, no warmup)", clock)
    [entry] = stored(chat)
    assert entry.note == "no rpe today, no warmup" and sets(chat) == [WARM, *WORK]


async def test_the_edit_buttons_question_says_the_rules_and_its_answer_follows_them(
    chat: Chat, clock: Clock
) -> None:
    logged = await one(chat, LOGGED, clock)
    [asked] = await chat.press(logged, "Edit")
    assert asked.ask is not None
    assert asked.ask.prompt.startswith(
        "Send the corrected sets for Hip thrust (now: w 1x8 60kg / 3x10 100kg rpe 9 2026-11-23 at 09:00 -- typo note"
    )
    for rule in (
        "Sets you type replace those of their kind: warm-ups you leave out stay, w none drops them.",
        "rpe none clears the RPE, () the note; a note alone, like (felt heavy), changes only the note.",
    ):
        assert rule in asked.ask.prompt
    [changed] = await answer(chat, asked, "3x10 100kg w none rpe none ()")
    assert changed.text.startswith("Changed *Hip thrust*: 3 × 10 @ 100 kg.\n") and "Note:" not in changed.text
    assert sets(chat) == [(SetKind.WORKING, 10, 100.0, None)] * 3 and stored(chat)[0].note == ""
    [again] = await chat.press(changed, "Edit")
    [noted] = await answer(chat, again, "(felt heavy)")  # a note alone: the sets stay
    assert "Note: felt heavy" in noted.text and sets(chat) == [(SetKind.WORKING, 10, 100.0, None)] * 3


async def test_an_asked_reading_keeps_what_the_line_took_away(chat: Chat, clock: Clock) -> None:
    await one(chat, LOGGED, clock)
    asked = await one(chat, "/edit 12x10 rpe none ()", clock)
    assert labels(asked) == ["12 sets of 10", "12 kg × 10"]
    [changed] = await chat.press(asked, "12 sets of 10")
    assert changed.text.startswith("Changed *Hip thrust*: 12 × 10 @ 100 kg (+ 1 warm-up set).\n"), (
        changed.text
    )
    [entry] = stored(chat)
    assert [s.rpe for s in entry.sets] == [None] * 13 and entry.note == ""


async def test_an_asked_reading_keeps_the_note_it_did_not_clear(chat: Chat, clock: Clock) -> None:
    await one(chat, LOGGED, clock)
    asked = await one(chat, "/edit 12x10 rpe none w none", clock)
    [changed] = await chat.press(asked, "12 sets of 10")
    assert changed.text.startswith("Changed *Hip thrust*: 12 × 10 @ 100 kg.\n"), changed.text
    assert "Note: typo note\n" in changed.text
    [entry] = stored(chat)
    assert sets(chat) == [(SetKind.WORKING, 10, 100.0, None)] * 12 and entry.note == "typo note"


EDIT_WORDS = [
    "hip thrust", "rdl", "3x10", "12x10", "60x8,", "100kg", "w", "/", "none", "no", "warmup", "rpe", "9",
    "rpe none", "no rpe", "w none", "()", "(", ")", "--", "(felt heavy)", "note", "yesterday", "bw", "backoff",
    "2x8 60kg", "each side", "@", "8", "600kg", "\n",
]  # fmt: skip


def test_any_edit_stores_exactly_what_the_card_says_or_nothing_and_why(tmp_path, library) -> None:
    """The /edit counterpart of /log's property: whatever is typed, the entry becomes exactly what the
    "Changed" card shows, or stays as it was with a reply that says why (or asks)."""
    import asyncio

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from bot import build_app, start_app, stop_app
    from core.settings import Settings
    from tests.test_log_flow import NOW, shows_card

    loop = asyncio.new_event_loop()
    app = build_app(Settings(data_dir=tmp_path, write_limit_per_minute=0), library=library, clock=Clock(NOW))
    chat = Chat(app)
    loop.run_until_complete(start_app(app))
    loop.run_until_complete(chat.say(LOGGED))
    changed: list[str] = []  # the lines that changed the entry: the property saw both outcomes

    # derandomize: the same 150 lines each run, so "saw both outcomes" below is no matter of luck (a
    # far-lighter edit is asked about, not stored: random runs changed the entry 8 to 40 times).
    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
    )
    @given(
        st.one_of(
            st.lists(st.sampled_from(EDIT_WORDS), min_size=1, max_size=6).map(" ".join), st.text(max_size=30)
        )
    )
    def check(text: str) -> None:
        before = stored(chat)
        [reply] = loop.run_until_complete(chat.say(f"/edit {text}"))
        after = stored(chat)
        assert "went wrong" not in reply.text and "Traceback" not in reply.text
        if after == before:
            assert reply.ask is not None or (reply.text and not reply.text.startswith("Changed")), (
                text,
                reply,
            )
            return
        [entry] = after
        changed.append(text)
        assert reply.text.startswith("Changed") and shows_card(reply, entry, chat), (text, reply.text)
        loop.run_until_complete(chat.say("/undo"))
        assert stored(chat) == before, text

    try:
        check()
    finally:
        loop.run_until_complete(stop_app(app))
        loop.close()
    assert len(changed) >= 10, changed

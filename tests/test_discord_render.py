"""Discord rendering without a network: markup → markdown, escaping, limits, buttons, target keys."""

from __future__ import annotations

from dataclasses import replace

import discord
import pytest

from adapters.discord import discord_chat_id, parse_chat_id
from adapters.discord.render import (
    CONTENT_LIMIT,
    message_size_ok,
    render_replies,
    render_reply,
    to_markdown,
)
from adapters.discord.views import build_view, make_custom_id, parse_custom_id
from core.markup import esc
from core.messages import Attachment, Button, Image, Reply, Section, Target


def test_markup_becomes_discord_markdown():
    assert to_markdown("*Hip thrust*: 3 × 10") == "**Hip thrust**: 3 × 10"
    assert to_markdown("_slowly_ now") == "*slowly* now"
    assert to_markdown("[the study](https://example.org/a_b)") == "[the study](https://example.org/a_b)"
    assert to_markdown("*bold* _it_") == "**bold** *it*"


def test_user_text_stays_literal():
    typed = "**not bold** _x_ `code` ||spoiler|| > quote [a](https://evil.example) @everyone"
    rendered = to_markdown(f"You typed: {esc(typed)}")
    assert "\\*\\*not bold\\*\\*" in rendered
    assert "\\`code\\`" in rendered and "\\|\\|spoiler\\|\\|" in rendered
    assert "**" not in rendered.replace("\\*\\*", "")


def test_long_text_is_split_within_content_limits():
    text = "\n\n".join(f"*Paragraph {i}*: " + "word " * 300 for i in range(10))
    messages = render_reply(Reply(text))
    assert len(messages) > 1
    assert all(len(m.content) <= CONTENT_LIMIT and message_size_ok(m) for m in messages)
    assert sum(m.content.count("word") for m in messages) == 3000


def test_one_enormous_line_is_hard_cut():
    messages = render_reply(Reply("x" * 9000))
    assert [len(m.content) for m in messages] == [2000, 2000, 2000, 2000, 1000]


def test_embeds_stay_within_every_limit():
    sections = tuple(Section("N" * 300, "line of text\n" * 300) for _ in range(40))
    reply = Reply("d" * 9000, title="T" * 500, sections=sections, buttons=((Button("a", "/help"),),))
    messages = render_reply(reply)
    assert all(message_size_ok(m) for m in messages)
    assert messages[0].embeds[0].title.endswith("…") and len(messages[0].embeds[0].title) <= 256
    assert messages[-1].buttons and not any(m.buttons for m in messages[:-1])
    values = "".join(f.value for m in messages for e in m.embeds for f in e.fields)
    assert values.count("line of text") == 40 * 300


def test_image_is_an_embed_image_and_files_go_on_the_first_message():
    reply = Reply(
        "PRs",
        image=Image(b"\x89PNG fake", "chart.png", "Hip thrust"),
        file=Attachment("log.csv", b"a,b\n", "text/csv"),
    )
    (message,) = render_reply(reply)
    assert message.embeds[0].image.url == "attachment://chart.png"
    assert message.embeds[0].footer.text == "Hip thrust"
    assert [f.filename for f in message.files] == ["chart.png", "log.csv"]


def test_private_replies_are_marked_and_cached_renders_are_equal():
    reply = Reply("secret", private=True)
    first, second = render_replies([reply]), render_replies([reply])
    assert first[0].private and first[0].content == second[0].content == "secret"


def test_a_card_is_rendered_once_and_each_send_carries_its_own_buttons():
    card = Reply("Drive through the heels.", title="Hip thrust", sections=(Section("Cues", "• Chin down"),))

    def bound(action: str) -> Reply:
        return replace(card, buttons=((Button("Log it", "/log_start hip_thrust", action=action),),))

    [first], [second] = render_replies([bound("1" * 17)]), render_replies([bound("2" * 17)])
    assert second.embeds[0] is first.embeds[0]  # the card's content is rendered once
    assert [b.action for row in first.buttons for b in row] == ["1" * 17]
    assert [b.action for row in second.buttons for b in row] == ["2" * 17]
    [plain_card] = render_replies([card])
    assert plain_card.buttons == () and plain_card.embeds[0].title == "Hip thrust"


def test_button_rows_are_capped_at_five_by_five():
    row = tuple(Button(f"b{i}", f"/explain e{i}") for i in range(12))
    (message,) = render_reply(Reply("pick", buttons=(row, row, row)))
    assert [len(r) for r in message.buttons] == [5, 5, 2, 5, 5]


def test_custom_ids_carry_only_the_action_id():
    custom_id = make_custom_id("a" * 17)
    assert len(custom_id) <= 100 and "/" not in custom_id
    assert parse_custom_id(custom_id) == "a" * 17
    assert parse_custom_id("gc:123:/deleteme_confirm") is None
    assert parse_custom_id("something-else") is None


async def test_views_carry_bound_buttons_with_their_style():
    rows = (
        (
            Button("Delete", "/deleteme_confirm", style="danger", action="1" * 17),
            Button("Keep", "/deleteme_cancel", action="2" * 17),
            Button("Unbound", "/help"),
        ),
    )
    view = build_view(rows)
    assert [(i.label, i.custom_id, i.style) for i in view.children] == [
        ("Delete", "gca:" + "1" * 17, discord.ButtonStyle.danger),
        ("Keep", "gca:" + "2" * 17, discord.ButtonStyle.secondary),
    ]
    assert view.is_finished()  # sent stopped: discord.py files nothing per message (presses go by custom_id)
    assert build_view(((Button("Unbound", "/help"),),)) is None


def test_target_keys_round_trip():
    assert discord_chat_id(123) == "123" and parse_chat_id("123") == (123, None)
    assert discord_chat_id(123, 456) == "123@456" and parse_chat_id("123@456") == (123, 456)
    with pytest.raises(ValueError):
        parse_chat_id("not-a-channel")
    # The core reads the same keys through Target, never by hand: a shared channel's and a DM's.
    shared = Target.in_channel("discord", "123", "456")
    assert shared.key() == "discord:123@456" and (shared.channel, shared.named_user) == ("123", "456")
    dm = Target.in_channel("discord", "123")
    assert dm.key() == "discord:123" and (dm.channel, dm.named_user) == ("123", "")

"""Discord: slash commands from the registry, persistent buttons, pushes (reminders) by DM."""

from adapters.discord.adapter import DiscordAdapter, discord_chat_id, parse_chat_id

__all__ = ["DiscordAdapter", "discord_chat_id", "parse_chat_id"]

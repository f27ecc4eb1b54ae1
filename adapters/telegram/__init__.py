"""Telegram adapter (python-telegram-bot 22.x). The only package that imports `telegram`."""

from adapters.telegram.adapter import TelegramAdapter, TelegramConfigError, api_root

__all__ = ["TelegramAdapter", "TelegramConfigError", "api_root"]

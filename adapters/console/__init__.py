"""The local console chat: try the coach with nothing configured."""

from adapters.console.adapter import ConsoleAdapter

__all__ = ["ConsoleAdapter"]

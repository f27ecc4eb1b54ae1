"""Settings from the environment or `.env` (python-dotenv). Tokens are never logged or echoed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    telegram_token: str = field(default="", repr=False)
    telegram_base_url: str = ""
    telegram_webhook_url: str = ""
    telegram_webhook_port: int = 8443
    telegram_webhook_secret: str = field(default="", repr=False)
    telegram_rate_per_second: float = 30.0
    discord_token: str = field(default="", repr=False)
    discord_guild_id: str = ""
    default_timezone: str = "UTC"
    default_units: str = "kg"
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, env_file: str | None = ".env") -> Settings:
        if env_file:
            load_dotenv(env_file, override=False)
        e = os.environ.get
        return cls(
            data_dir=Path(e("DATA_DIR", "data")),
            telegram_token=e("TELEGRAM_TOKEN", "").strip(),
            telegram_base_url=e("TELEGRAM_BASE_URL", "").strip(),
            telegram_webhook_url=e("TELEGRAM_WEBHOOK_URL", "").strip(),
            telegram_webhook_port=int(e("TELEGRAM_WEBHOOK_PORT", "8443") or 8443),
            telegram_webhook_secret=e("TELEGRAM_WEBHOOK_SECRET", "").strip(),
            telegram_rate_per_second=float(e("TELEGRAM_RATE_PER_SECOND", "30") or 30),
            discord_token=e("DISCORD_TOKEN", "").strip(),
            discord_guild_id=e("DISCORD_GUILD_ID", "").strip(),
            default_timezone=e("DEFAULT_TIMEZONE", "UTC").strip() or "UTC",
            default_units=(e("DEFAULT_UNITS", "kg").strip().lower() or "kg"),
            log_level=e("LOG_LEVEL", "INFO").strip().upper() or "INFO",
        )

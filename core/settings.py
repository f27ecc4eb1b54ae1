"""Settings from the environment or `.env` (python-dotenv). Tokens are never logged or echoed."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from dotenv import load_dotenv

from domain.units import UNITS
from storage.backup import default_dir as default_backup_dir
from storage.backup import dir_problem as backup_dir_problem

N = TypeVar("N", int, float)

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# What Telegram accepts as a webhook's secret_token (Bot API, setWebhook).
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class SettingsError(ValueError):
    """A setting with a value the coach cannot use; the message names it and what is allowed."""

    def __init__(self, name: str, value: str, allowed: str, *, secret: bool = False) -> None:
        self.name = name
        shown = f"<{len(value)} characters, not shown>" if secret else repr(value)
        super().__init__(f"{name}={shown} is not allowed: {allowed}")


def _number(name: str, raw: str, kind: Callable[[str], N], low: N, high: N, default: N) -> N:
    """A number setting; an empty value means the default. Why not plain int(): a typo must stop
    start-up with one line naming the setting, not a traceback."""
    if not raw.strip():
        return default
    try:
        value = kind(raw.strip())
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise SettingsError(name, raw, f"a number from {low} to {high}")
    return value


def _timezone(raw: str) -> str:
    name = raw.strip() or "UTC"
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # bad path, unknown zone, unreadable zone file
        raise SettingsError(
            "DEFAULT_TIMEZONE", raw, "an IANA time zone such as Europe/Amsterdam or UTC"
        ) from None
    return name


def _choice(name: str, raw: str, allowed: tuple[str, ...], default: str) -> str:
    value = raw.strip() or default
    value = value.upper() if allowed == LOG_LEVELS else value.lower()
    if value not in allowed:
        raise SettingsError(name, raw, " or ".join(allowed))
    return value


def _host(name: str, raw: str) -> str:
    """An address to listen on; spaces or a URL are a typo, caught here rather than at bind time."""
    value = raw.strip() or "127.0.0.1"
    if any(c.isspace() or c in "/@" for c in value):
        raise SettingsError(name, raw, "a host name or IP address such as 127.0.0.1 or 0.0.0.0")
    return value


def _daily_time(raw: str) -> tuple[int, int] | None:
    """``BACKUP_AT``: HH:MM in the server's local time, or ``off``."""
    value = raw.strip() or "03:30"
    if value.lower() == "off":
        return None
    hh, sep, mm = value.partition(":")
    if (
        sep
        and (hh.isascii() and hh.isdigit())
        and (mm.isascii() and mm.isdigit())
        and len(mm) == 2
        and int(hh) < 24
        and int(mm) < 60
    ):
        return int(hh), int(mm)
    raise SettingsError("BACKUP_AT", raw, "a time HH:MM (server local time), e.g. 03:30, or off")


def _webhook_secret(raw: str) -> str:
    """Telegram refuses any other secret at setWebhook, after the bot has started: caught here."""
    value = raw.strip()
    if value and not _WEBHOOK_SECRET.fullmatch(value):
        raise SettingsError(
            "TELEGRAM_WEBHOOK_SECRET", value, "1 to 256 of A-Z a-z 0-9 _ - (Telegram's rule)", secret=True
        )
    return value


def check_backup_dir(data_dir: Path, backup_dir: Path | None, *, create: bool) -> None:
    """Refuse a BACKUP_DIR the nightly snapshot or `restore` could not use (SettingsError): inside
    DATA_DIR's data (`storage.backup.dir_problem`), a file, or (``create``) a folder this user cannot
    make. Why at start: else the bot runs for a day and the snapshot fails with a traceback at night.
    ``create`` makes the folder (the bot would at the first snapshot); the default one is left to that."""
    if backup_dir is None:
        where = default_backup_dir(data_dir)
        if where.exists() and not where.is_dir():
            raise SettingsError(
                "BACKUP_DIR", "", f"a folder, and {where} is a file: move it, or set BACKUP_DIR"
            )
        return
    if problem := backup_dir_problem(data_dir, backup_dir):
        raise SettingsError("BACKUP_DIR", str(backup_dir), problem)
    if backup_dir.exists() and not backup_dir.is_dir():
        raise SettingsError("BACKUP_DIR", str(backup_dir), "a folder, and this is a file")
    if not create:
        return
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        if not os.access(backup_dir, os.W_OK | os.X_OK):
            raise PermissionError(13, "not writable")
    except OSError as exc:
        raise SettingsError(
            "BACKUP_DIR", str(backup_dir), f"a folder this user can create and write ({exc.strerror or exc})"
        ) from None


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
    # Writes per minute per account (a token bucket, see core/limits.py); 0 turns the limit off, for
    # an operator's bulk scripts or a test harness that floods one account on purpose.
    write_limit_per_minute: int = 60
    # The operator's /metrics and /healthz endpoint (core/metrics_server.py); 0: none. Loopback unless
    # METRICS_HOST says otherwise: the numbers are not for the public.
    metrics_port: int = 0
    metrics_host: str = "127.0.0.1"
    # Nightly snapshots (storage/backup.py): where (None: DATA_DIR/backups), how many days each is
    # kept (and how many at most), and when (server local time; None: no nightly snapshot).
    backup_dir: Path | None = None
    backup_keep: int = 7
    backup_at: tuple[int, int] | None = (3, 30)

    @property
    def backups_path(self) -> Path:
        return self.backup_dir if self.backup_dir is not None else default_backup_dir(self.data_dir)

    @classmethod
    def from_env(cls, env_file: str | None = ".env") -> Settings:
        """Read the settings; raises SettingsError naming the first one that is not usable."""
        if env_file:
            load_dotenv(env_file, override=False)
        e = os.environ.get
        return cls(
            data_dir=Path(e("DATA_DIR", "data")),
            telegram_token=e("TELEGRAM_TOKEN", "").strip(),
            telegram_base_url=e("TELEGRAM_BASE_URL", "").strip(),
            telegram_webhook_url=e("TELEGRAM_WEBHOOK_URL", "").strip(),
            telegram_webhook_port=_number(
                "TELEGRAM_WEBHOOK_PORT", e("TELEGRAM_WEBHOOK_PORT", ""), int, 1, 65535, 8443
            ),
            telegram_webhook_secret=_webhook_secret(e("TELEGRAM_WEBHOOK_SECRET", "")),
            telegram_rate_per_second=_number(
                "TELEGRAM_RATE_PER_SECOND", e("TELEGRAM_RATE_PER_SECOND", ""), float, 0.1, 1000.0, 30.0
            ),
            discord_token=e("DISCORD_TOKEN", "").strip(),
            discord_guild_id=e("DISCORD_GUILD_ID", "").strip(),
            default_timezone=_timezone(e("DEFAULT_TIMEZONE", "")),
            default_units=_choice("DEFAULT_UNITS", e("DEFAULT_UNITS", ""), UNITS, "kg"),
            log_level=_choice("LOG_LEVEL", e("LOG_LEVEL", ""), LOG_LEVELS, "INFO"),
            write_limit_per_minute=_number(
                "WRITE_LIMIT_PER_MINUTE", e("WRITE_LIMIT_PER_MINUTE", ""), int, 0, 100_000, 60
            ),
            metrics_port=_number("METRICS_PORT", e("METRICS_PORT", ""), int, 1, 65535, 0),
            metrics_host=_host("METRICS_HOST", e("METRICS_HOST", "")),
            backup_dir=Path(e("BACKUP_DIR", "").strip()) if e("BACKUP_DIR", "").strip() else None,
            backup_keep=_number("BACKUP_KEEP", e("BACKUP_KEEP", ""), int, 1, 366, 7),
            backup_at=_daily_time(e("BACKUP_AT", "")),
        )

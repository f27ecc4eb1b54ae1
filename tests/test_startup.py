"""Start-up refuses settings it cannot honour with one line naming the setting (issue 8, item 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "bot.py"],
        input="/log hip thrust 3x10 80kg\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("DEFAULT_TIMEZONE", "Mars/Base", "IANA time zone"),
        ("DEFAULT_UNITS", "stone", "kg or lb"),
        ("TELEGRAM_WEBHOOK_PORT", "eighty", "a number from 1 to 65535"),
        ("TELEGRAM_WEBHOOK_PORT", "70000", "a number from 1 to 65535"),
        ("TELEGRAM_RATE_PER_SECOND", "fast", "a number from"),
        ("LOG_LEVEL", "LOUD", "DEBUG or INFO"),
    ],
)
def test_a_bad_setting_stops_start_up_with_one_line(
    tmp_path: Path, name: str, value: str, allowed: str
) -> None:
    result = start({"DATA_DIR": str(tmp_path / "data"), name: value})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert name in line and value in line and allowed in line
    assert "Logged" not in result.stdout
    assert not (tmp_path / "data").exists()  # refused before anything was created


def test_an_unusable_data_dir_stops_start_up_with_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = start({"DATA_DIR": str(blocker / "data")})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "DATA_DIR" in line and str(blocker / "data") in line and "Traceback" not in result.stderr


def test_good_settings_still_start(tmp_path: Path) -> None:
    result = start({"DATA_DIR": str(tmp_path), "DEFAULT_TIMEZONE": "Europe/Amsterdam", "DEFAULT_UNITS": "LB"})
    assert result.returncode == 0, result.stderr
    assert "Logged" in result.stdout


def test_a_data_dir_that_cannot_be_opened_stops_start_up_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "accounts").write_text("a file where the accounts folder belongs")
    result = start({"DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "DATA_DIR" in line and str(tmp_path / "accounts") in line
    assert "Logged" not in result.stdout

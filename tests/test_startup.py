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


def backup_dirs(tmp_path: Path) -> list[tuple[str, str]]:
    data = tmp_path / "data"
    return [
        (str(data), "not DATA_DIR itself"),
        (str(data / "accounts"), "accounts is part of it"),  # snapshots would leave the logs out
        (str(data / "journal" / "snaps"), "journal is part of it"),
        ("/etc/passwd", "a folder, and this is a file"),
        ("/proc/nope", "a folder this user can create and write"),
    ]


@pytest.mark.parametrize("case", range(5))
def test_a_backup_dir_that_cannot_work_stops_start_up_with_one_line(tmp_path: Path, case: int) -> None:
    value, allowed = backup_dirs(tmp_path)[case]
    result = start({"DATA_DIR": str(tmp_path / "data"), "BACKUP_DIR": value})
    assert result.returncode == 2, result.stdout
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Not starting: BACKUP_DIR={value!r} is not allowed: "), line
    assert allowed in line and "Traceback" not in result.stderr
    assert "Logged" not in result.stdout


def test_a_backup_dir_of_its_own_inside_the_data_folder_still_starts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for where in (data / "snapshots", data / "backups", tmp_path / "elsewhere" / "snaps"):
        result = start({"DATA_DIR": str(data), "BACKUP_DIR": str(where)})
        assert result.returncode == 0, result.stderr
        assert "Logged" in result.stdout and where.is_dir()


def test_a_webhook_secret_telegram_refuses_stops_start_up_without_showing_it(tmp_path: Path) -> None:
    for secret in ("bad/secret", "x" * 257, "with space"):
        result = start({"DATA_DIR": str(tmp_path / "data"), "TELEGRAM_WEBHOOK_SECRET": secret})
        assert result.returncode == 2
        [line] = result.stderr.strip().splitlines()
        assert "TELEGRAM_WEBHOOK_SECRET" in line and "A-Z a-z 0-9 _ -" in line and "1 to 256" in line
        assert secret not in line  # a secret is never echoed, even a wrong one
    result = start({"DATA_DIR": str(tmp_path / "data"), "TELEGRAM_WEBHOOK_SECRET": "Ok_secret-" + "9" * 246})
    assert result.returncode == 0, result.stderr

"""The console chat as a new user runs it: `python bot.py` with piped input and nothing configured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from storage.layout import outbox_path

ROOT = Path(__file__).resolve().parent.parent


def run_console(
    data_dir: Path, lines: str, *args: str, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    env.update({"DATA_DIR": str(data_dir), **(env_extra or {})})
    return subprocess.run(
        [sys.executable, "bot.py", *args],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def seeded_console(tmp_path: Path, lines: str) -> Path:
    """A data folder under ``tmp_path`` the console bot has run ``lines`` in (the first a /log)."""
    data = tmp_path / "data"
    setup = run_console(data, lines)
    assert setup.returncode == 0 and "Logged" in setup.stdout, setup.stderr
    return data


def test_piped_session_answers_and_exits_zero(tmp_path: Path) -> None:
    result = run_console(
        tmp_path, "/explain hip thrust\n/log hip thrust 3x10 80kg\n/progress hip thrust\n/export\n"
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Hip thrust" in out and "How to" in out
    assert "Logged Hip thrust: 3 × 10 @ 80 kg." in out
    assert "[image saved:" in out and "[file saved:" in out
    [csv_file] = outbox_path(tmp_path, "console:local").glob("coach-log-*.csv")  # the date of the export
    assert csv_file.read_text().startswith("date_utc")
    assert "Traceback" not in out + result.stderr


def test_data_survives_a_restart(tmp_path: Path) -> None:
    run_console(
        tmp_path,
        "/log hip thrust 3x10 80kg\n/units lb\n/timezone Europe/Amsterdam\n/remind mon,wed,fri 18:00\n",
    )
    result = run_console(tmp_path, "/history\n/reminders\n/units\n")
    assert "Hip thrust" in result.stdout
    assert "Mon, Wed, Fri at 18:00 (Europe/Amsterdam)" in result.stdout
    assert "You log in lb" in result.stdout


def test_buttons_are_numbered_choices(tmp_path: Path) -> None:
    result = run_console(tmp_path, "/deleteme\n2\n")
    assert "[1] Yes, delete everything" in result.stdout
    assert "Nothing was deleted" in result.stdout


def test_console_flag_wins_over_tokens_and_token_never_echoed(tmp_path: Path) -> None:
    secret = "123456:SECRET-TOKEN-VALUE"
    result = run_console(tmp_path, "/start\n", "--console", env_extra={"TELEGRAM_TOKEN": secret})
    assert result.returncode == 0, result.stderr
    assert "/timezone" in result.stdout
    logs = "".join(p.read_text() for p in tmp_path.glob("*.log"))
    assert secret not in result.stdout + result.stderr + logs


def test_garbage_gets_a_hint_not_a_trace(tmp_path: Path) -> None:
    result = run_console(tmp_path, "hello\n/log\n/explain\n/remind\n/nonsense\n")
    assert result.returncode == 0
    assert "Commands start with a slash" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_number_presses_only_the_latest_replys_buttons(tmp_path: Path) -> None:
    """A reply without buttons ends the old ones: "1" after /goal must not press the Undo of a /log
    two replies back (a tester lost an entry that way)."""
    result = run_console(tmp_path, "/log hip thrust 3x10 80kg\n/goal 3\n1\n/history\n")
    assert result.returncode == 0, result.stderr
    after = result.stdout.split("> 1\n", 1)[1]
    assert after.startswith("Commands start with a slash") and "Removed" not in after
    assert "Hip thrust: 3 × 10 @ 80 kg" in after  # /history still has it

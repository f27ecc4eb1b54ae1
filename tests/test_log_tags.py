"""coach.log names no user (a tester: after /deleteme, the line reporting the user's damaged data file
still named it, "accounts/console_local-<hash>.json"). Lines carry a tag keyed by a key the process
never writes down (storage/logtags.py); the log file itself is never rewritten."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import configure_logging
from core.settings import Settings
from storage.layout import account_file_name
from storage.logtags import scrub, user_tag
from tests.test_console import run_console, seeded_console

ME = "console:local"


def test_a_deleted_users_damaged_file_leaves_no_name_in_the_log(tmp_path: Path) -> None:
    data = seeded_console(tmp_path, "/log hip thrust 3x10 80kg\n")
    stem = account_file_name(ME).removesuffix(".json")
    (data / "accounts" / f"{stem}.json").write_text("garbage{")
    result = run_console(data, "/history\n/deleteme\n1\n")
    assert "set it aside for the operator" in result.stdout and "all your data is deleted" in result.stdout
    log = (data / "coach.log").read_text()
    assert "damaged file set aside" in log and "user#" in log, log
    assert stem not in log and stem.rpartition("-")[2] not in log and "console_local" not in log, log


def test_tags_keep_a_users_lines_together_without_naming_them() -> None:
    stem = account_file_name("telegram:1001").removesuffix(".json")
    tag = user_tag("telegram:1001")
    said = scrub(
        f"set aside: accounts/{stem}.json; moved to quarantine/accounts-{stem}.json.2026; push for telegram:1001"
    )
    assert (
        said
        == f"set aside: accounts/{tag}.json; moved to quarantine/accounts-{tag}.json.2026; push for {tag}"
    )
    assert user_tag("telegram:1002") != tag
    assert scrub("snapshot backups/20261202T033000Z written (12 files)") == (
        "snapshot backups/20261202T033000Z written (12 files)"
    )


@pytest.fixture
def restored_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    for name in ("telegram", "discord", "httpx", "httpcore", "apscheduler"):
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_log_level_debug_keeps_the_chat_libraries_raw_updates_out(
    tmp_path: Path, restored_logging: None
) -> None:
    """A tester: at LOG_LEVEL=DEBUG the log kept python-telegram-bot's raw updates (user id, first name,
    every text, /deleteme too). The libraries stay at INFO; the bot's own loggers go to DEBUG."""
    configure_logging(Settings(data_dir=tmp_path, log_level="DEBUG"), console=True)
    update = "getUpdates returned [{'from': {'id': 987654321, 'first_name': 'Ann'}, 'text': '/deleteme'}]"
    logging.getLogger("telegram.ext.ExtBot").debug(update)
    logging.getLogger("discord.gateway").debug(update)
    logging.getLogger("telegram.ext.Application").info("Application started")
    logging.getLogger("storage.backup").debug("the bot's own detail")
    for handler in logging.getLogger().handlers:
        handler.flush()
    log = (tmp_path / "coach.log").read_text()
    assert "987654321" not in log and "Ann" not in log, log
    assert "Application started" in log and "the bot's own detail" in log, log

"""coach.log names no user (a tester: after /deleteme, the line reporting the user's damaged data file
still named it, "accounts/console_local-<hash>.json"). Lines carry a tag keyed by a key the process
never writes down (storage/logtags.py); the log file itself is never rewritten."""

from __future__ import annotations

from pathlib import Path

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

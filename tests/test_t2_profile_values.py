"""Profile settings read from disk that no command can use (tester 2, item 2): a timezone the zone
database lacks (a hand edit, or a tzdata upgrade that dropped it), units 'stone', level 'god'. Each falls
back to the default (DEFAULT_TIMEZONE, DEFAULT_UNITS, beginner) with the rest of the profile kept, the
log says so, the user is told as of damaged data, and the row as it was is copied to quarantine (never
lost). Was: /timezone and /progress failed, /units said 'You log in stone', a reminder set in Mars/Base
never fired. Real files in a tmp dir, the real bot as a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storage import quarantine
from storage.layout import account_path
from tests.test_console import run_console as run_bot
from tests.test_console import seeded_console

ME = "console:local"
SET_ASIDE = "could not be read, so I set it aside for the operator"


def edited(tmp_path: Path, **values: str) -> Path:
    """A console data folder whose profile (lb, a home kit) was then edited by hand to ``values``."""
    data = seeded_console(tmp_path, "/log hip thrust 3x10 80kg\n/units lb\n/equipment home dumbbells\n")
    path = account_path(data, ME)
    body = json.loads(path.read_text())
    body["profile"]["1"].update(values, timezone_chosen=True)
    path.write_text(json.dumps(body))
    return data


def stored_profile(data: Path) -> dict[str, object]:
    return json.loads(account_path(data, ME).read_text())["profile"]["1"]


def kept_rows(data: Path) -> list[dict[str, object]]:
    where = quarantine.folder(data)
    return [json.loads(p.read_text())["profile"]["1"] for p in sorted(where.glob("accounts-*.rows.*"))]


def test_a_timezone_the_zone_database_lacks_falls_back_and_reminders_fire(tmp_path: Path) -> None:
    data = edited(tmp_path, timezone="Mars/Base")
    result = run_bot(data, "/timezone\n/progress hip thrust\n/remind mon 7pm\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert SET_ASIDE in out and "Sorry, something went wrong" not in out
    assert "Your timezone is UTC" in out and "Best estimated 1RM" in out
    assert "Mon at 19:00 (UTC)" in out and "Mars/Base" not in out
    assert "set yours with /timezone" in out  # a zone that fell back is not the user's choice
    log = (data / "coach.log").read_text()
    assert "timezone 'Mars/Base' -> 'UTC'" in log and "not scheduled" not in log
    [row] = kept_rows(data)
    assert row["timezone"] == "Mars/Base" and row["equipment"] == "home dumbbells"
    assert stored_profile(data)["timezone"] == "UTC"
    assert stored_profile(data)["units"] == "lb" and stored_profile(data)["equipment"] == "home dumbbells"
    again = run_bot(data, "/timezone\n")  # once: no second copy, no second notice
    assert SET_ASIDE not in again.stdout and len(kept_rows(data)) == 1


@pytest.mark.parametrize(
    ("field", "value", "command", "says"),
    [
        ("units", "stone", "/units\n", "You log in kg."),
        ("level", "god", "/level\n", "Your level is beginner."),
    ],
)
def test_units_or_a_level_the_coach_does_not_know_fall_back(
    tmp_path: Path, field: str, value: str, command: str, says: str
) -> None:
    data = edited(tmp_path, **{field: value})
    result = run_bot(data, f"{command}/progress hip thrust\n")
    assert result.returncode == 0, result.stderr
    assert says in result.stdout and SET_ASIDE in result.stdout, result.stdout
    assert value not in result.stdout and "Sorry, something went wrong" not in result.stdout
    assert f"{field} {value!r} ->" in (data / "coach.log").read_text()
    [row] = kept_rows(data)
    assert row[field] == value
    assert stored_profile(data)["equipment"] == "home dumbbells"  # only the unusable field changed


def test_the_fallback_is_the_operators_default(tmp_path: Path) -> None:
    data = edited(tmp_path, timezone="Mars/Base", units="stone")
    env = {"DEFAULT_TIMEZONE": "Europe/Amsterdam", "DEFAULT_UNITS": "lb"}
    result = run_bot(data, "/timezone\n/units\n", env_extra=env)
    assert result.returncode == 0, result.stderr
    assert "Your timezone is Europe/Amsterdam" in result.stdout and "You log in lb." in result.stdout


def test_a_new_user_gets_the_operators_defaults(tmp_path: Path) -> None:
    """README: DEFAULT_TIMEZONE and DEFAULT_UNITS are the defaults for new users (they were read and
    checked, but a new user got UTC and kg whatever they said)."""
    env = {"DEFAULT_TIMEZONE": "Europe/Amsterdam", "DEFAULT_UNITS": "lb"}
    result = run_bot(tmp_path / "data", "/timezone\n/units\n", env_extra=env)
    assert result.returncode == 0, result.stderr
    assert "Your timezone is Europe/Amsterdam" in result.stdout and "You log in lb." in result.stdout

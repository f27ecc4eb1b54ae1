"""README's command table names every command a user can type: each non-hidden command in the
registry (the menus, slash commands and /help are built from it) appears in the table's first column,
so a new command cannot be left out of the README (/cancel was)."""

from __future__ import annotations

import re
from pathlib import Path

from handlers.commands import build_registry

README = Path(__file__).resolve().parent.parent / "README.md"


def table_commands() -> set[str]:
    """The commands named in the first column of README's `| command | |` table."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| command | |")
    names: set[str] = set()
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        first = line.split(" | ", 1)[0]
        names |= set(re.findall(r"/([a-z0-9_]+)", first))
    return names


def test_every_command_a_user_can_type_is_in_the_readme_table() -> None:
    visible = {c.name for c in build_registry().visible()}
    missing = sorted(visible - table_commands())
    assert not missing, f"commands missing from README's command table: {missing}"


def test_the_table_names_no_command_that_does_not_exist() -> None:
    registry = build_registry()
    unknown = sorted(n for n in table_commands() if registry.get(n) is None)
    assert not unknown, f"README's command table names unknown commands: {unknown}"

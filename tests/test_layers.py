"""Arrows point down: an import-direction check over the product code's syntax trees.

domain/ imports nothing of ours; coaching/ nothing of ours but domain/; only adapters/ may import a
chat platform's library; handlers/ never reaches into adapters/, and storage/ never into handlers/ or
adapters/. Imports inside functions count too (ast.walk sees every node).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Our top-level modules: every package at the root, plus bot.py and the test and bench trees.
OURS = frozenset(p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()) | {"bot"}
PLATFORMS = frozenset({"telegram", "discord"})
# Layer -> top-level modules of ours it must not import (None: anything of ours but those allowed).
FORBIDDEN: dict[str, frozenset[str]] = {
    "domain": OURS - {"domain"},
    "coaching": OURS - {"coaching", "domain"},
    "handlers": frozenset({"adapters", "bot"}),
    "storage": frozenset({"handlers", "adapters", "bot"}),
}


def imported_modules(path: Path, root: Path = ROOT) -> list[str]:
    """Every module ``path`` imports, absolute (relative imports resolved against its package)."""
    package = path.relative_to(root).parent.parts
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                found.append(".".join((*base, node.module) if node.module else base))
            elif node.module:
                found.append(node.module)
    return found


def product_files(root: Path = ROOT) -> list[Path]:
    files = [root / "bot.py"] if (root / "bot.py").is_file() else []
    for top in sorted(OURS - {"bot", "tests", "bench"}):
        files += sorted((root / top).rglob("*.py"))
    return [f for f in files if ".venv" not in f.parts]


def violations(root: Path = ROOT) -> list[str]:
    """One line per import that points the wrong way."""
    wrong: list[str] = []
    for path in product_files(root):
        rel = path.relative_to(root)
        layer = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        for module in imported_modules(path, root):
            top = module.split(".")[0]
            if top in FORBIDDEN.get(layer, ()):
                wrong.append(f"{rel} imports {module}")
            if top in PLATFORMS and layer != "adapters":
                wrong.append(f"{rel} imports {module} (only adapters/ talk to a platform)")
    return wrong


def test_imports_point_down() -> None:
    assert violations() == []


def test_the_layers_are_all_there() -> None:
    """The check above passes vacuously if it finds no files: it must see every layer it rules on."""
    layers = {p.relative_to(ROOT).parts[0] for p in product_files()}
    assert {"domain", "coaching", "handlers", "storage", "adapters", "core", "bot.py"} <= layers
    assert any(m.startswith("telegram") for p in product_files() for m in imported_modules(p))


@pytest.mark.parametrize(
    ("where", "source", "why"),
    [
        ("domain/x.py", "from storage.models import LogEntry\n", "domain/x.py imports storage.models"),
        ("coaching/x.py", "from content import library\n", "coaching/x.py imports content"),
        ("coaching/sub/x.py", "def f():\n    from ...storage import models\n", "imports storage"),
        ("core/x.py", "import telegram.ext\n", "core/x.py imports telegram.ext (only adapters/"),
        ("handlers/x.py", "from adapters.discord import render\n", "handlers/x.py imports adapters"),
        ("storage/x.py", "from handlers import plan\n", "storage/x.py imports handlers"),
        ("bot.py", "import discord\n", "bot.py imports discord"),
    ],
)
def test_a_wrong_arrow_is_caught(tmp_path: Path, where: str, source: str, why: str) -> None:
    for top in ("domain", "coaching", "coaching/sub", "core", "handlers", "storage", "content", "adapters"):
        (tmp_path / top).mkdir(parents=True, exist_ok=True)
        (tmp_path / top / "__init__.py").write_text("")
    (tmp_path / "coaching" / "ok.py").write_text("from domain.log import LogEntry\nfrom . import ok\n")
    (tmp_path / "adapters" / "ok.py").write_text("import telegram\nfrom handlers import plan\n")
    (tmp_path / where).write_text(source)
    found = violations(tmp_path)
    assert len(found) == 1 and why in found[0], found

"""Product code uses its dependencies' public API only (issue 9).

The test walks the syntax tree of every product module (everything but tests/ and bench/) for
  * ``x._name`` where ``x`` is not ``self``/``cls`` nor one of our own modules, and ``_name`` is not
    defined by the same module (its classes' attributes and methods), listed in `OWN_ATTRIBUTES`, or a
    documented underscore API (`DOCUMENTED`);
  * ``self._name`` in a class derived from a dependency's class, when that class does not define
    ``_name`` itself (the base class's private state);
  * imports from a dependency's private module (``from telegram._utils… import``);
  * assignments to an attribute of something imported from a dependency (``discord.http.Route.BASE =
    …``, ``VoiceClient.warn_nacl = …``): patching a library, its classes or its module globals.
What a syntax tree cannot show (e.g. mutating dicts a library hands out) is for review to catch.
There are no known offenders left: any finding fails the test.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_PRODUCT = {"tests", "bench"}

# Underscore names that are documented public API (namedtuple methods, os._exit, sys._getframe).
DOCUMENTED = {"_replace", "_asdict", "_fields", "_make", "_field_defaults", "_exit", "_getframe"}

# Our own private attributes reached from another module (module → names); kept short on purpose.
OWN_ATTRIBUTES: dict[str, set[str]] = {}

# Exceptions still being converted: (module → accessed expressions). Empty: keep it that way.
KNOWN_OFFENDERS: dict[str, set[str]] = {}


@dataclass(frozen=True)
class Finding:
    module: str  # path relative to the repository, e.g. "adapters/discord/adapter.py"
    line: int
    code: str  # the offending expression, e.g. "interaction._session" or "discord.http.Route.BASE = …"

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.code}"


def product_files(root: Path = ROOT) -> list[Path]:
    files = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if parts[0] in NOT_PRODUCT or any(p.startswith(".") or p.endswith(".egg-info") for p in parts):
            continue
        files.append(path)
    return files


def own_packages(root: Path = ROOT) -> set[str]:
    """Top-level names importable from the repository: its packages and root modules."""
    names = {p.stem for p in root.glob("*.py")}
    names |= {p.parent.name for p in root.glob("*/__init__.py")}
    return names


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _imports(tree: ast.AST, own: set[str]) -> tuple[set[str], set[str]]:
    """(names bound to our own modules/objects, names bound to a dependency's), anywhere in a module."""
    ours: set[str] = set()
    theirs: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                (ours if alias.name.split(".")[0] in own else theirs).add(bound)
        elif isinstance(node, ast.ImportFrom):
            top = (node.module or "").split(".")[0]
            is_own = node.level > 0 or top in own or top == "__future__"
            for alias in node.names:
                (ours if is_own else theirs).add(alias.asname or alias.name)
    return ours, theirs


def defined_private_names(tree: ast.AST) -> set[str]:
    """Every ``_name`` a piece of our code defines: module-level and class-level names, functions and
    methods, ``self._x = …`` attributes, dataclass fields."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("self", "cls")
        ):
            names.add(node.attr)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def _private(attr: str) -> bool:
    return attr.startswith("_") and not attr.startswith("__") and attr not in DOCUMENTED


def _outer_targets(target: ast.expr) -> Iterator[ast.expr]:
    if isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from _outer_targets(element)
    elif isinstance(target, ast.Starred):
        yield from _outer_targets(target.value)
    else:
        yield target


def scan(module: str, tree: ast.AST, own: set[str]) -> Iterator[Finding]:
    """The findings in one module (see the module docstring for the rule)."""
    ours, theirs = _imports(tree, own)
    own_private = defined_private_names(tree) | OWN_ATTRIBUTES.get(module, set())
    # classes deriving from a dependency's: their ``self._x`` may be the base class's private state
    inherited: dict[int, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(_root_name(b) in theirs for b in node.bases):
            for inner in ast.walk(node):
                if inner is not node:
                    inherited[id(inner)] = defined_private_names(node)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            top, *rest = node.module.split(".")
            if top not in own and any(_private(p) for p in rest):
                yield Finding(module, node.lineno, f"from {node.module} import …")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top, *rest = alias.name.split(".")
                if top not in own and any(_private(p) for p in rest):
                    yield Finding(module, node.lineno, f"import {alias.name}")
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            for target in targets:
                for t in _outer_targets(target):
                    if isinstance(t, ast.Attribute | ast.Subscript) and _root_name(t) in theirs:
                        yield Finding(module, t.lineno, f"{ast.unparse(t)} = …")
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            value = node.value
            if isinstance(value, ast.Name) and value.id in ("self", "cls"):
                if id(node) in inherited and node.attr not in inherited[id(node)]:
                    yield Finding(module, node.lineno, ast.unparse(node))
                continue
            if isinstance(value, ast.Name) and value.id in ours:
                continue  # a private helper of one of our own modules
            if node.attr in own_private and _root_name(value) not in theirs:
                continue  # an attribute this module's own classes define
            yield Finding(module, node.lineno, ast.unparse(node))


@functools.cache
def findings(root: Path = ROOT) -> list[Finding]:
    own = own_packages(root)
    found = []
    for path in product_files(root):
        module = str(path.relative_to(root))
        found.extend(scan(module, ast.parse(path.read_text(), module), own))
    return found


def _known(finding: Finding) -> bool:
    return finding.code in KNOWN_OFFENDERS.get(finding.module, set())


# -- the rule catches what it is meant to ----------------------------------------------------------


def _scan_source(source: str) -> list[str]:
    tree = ast.parse(source)
    return sorted(f.code for f in scan("x.py", tree, {"core", "adapters"}))


def test_the_rule_flags_private_access_and_patching_of_dependencies():
    source = """
import discord
import yarl
from discord import VoiceClient
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram.request import HTTPXRequest

async def respond(interaction, body):
    await interaction._session.post("u", data=body)
    interaction.response._response_type = 4
    del interaction._cs_response
    discord.http.Route.BASE = "http://127.0.0.1"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL("ws://127.0.0.1")
    VoiceClient.warn_nacl = False
    discord._private_helper()

class Request(HTTPXRequest):
    def __init__(self):
        self._link = None

    async def post(self):
        return self._client, self._link
"""
    assert _scan_source(source) == sorted(
        [
            "from telegram._utils.defaultvalue import …",
            "interaction._session",
            "interaction.response._response_type",
            "interaction._cs_response",
            "discord.http.Route.BASE = …",
            "discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = …",
            "VoiceClient.warn_nacl = …",
            "discord._private_helper",
            "self._client",
        ]
    )


def test_the_rule_leaves_our_own_private_names_alone():
    source = """
from core import helpers
from adapters.discord import render

class Thing:
    def __init__(self, other):
        self._cache = {}
        self.__dict__
        other._cache.clear()  # our own attribute, on another instance of ours
        helpers._parse("x")
        render._escape("y")
        point._replace(x=1)
        self.owner._cache = None
"""
    assert _scan_source(source) == []


# -- product code -----------------------------------------------------------------------------------


def test_product_code_uses_public_apis_only():
    """Strict: nothing beyond the known offenders listed above (none)."""
    new = [str(f) for f in findings() if not _known(f)]
    assert new == []


def test_discord_adapter_uses_public_apis_only():
    found = [str(f) for f in findings() if f.module.startswith("adapters/discord/")]
    assert found == []

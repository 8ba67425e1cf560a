"""Imports follow the data flow: read → structure → money → years → judgement/diagrams → report → CLI.

A module may import its own stage and earlier ones, never a later one (the
loader importing the engine, cut sets importing the cost model...), and no
command imports another command.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sites import ROOT

PACKAGE = ROOT / "src" / "depgraph"

STAGE = {
    "errors": 0, "quoting": 0, "text": 0, "files": 0, "jsontext": 0, "scratch": 0, "version": 0,
    "collector": 0,
    "inventory": 1, "generate": 1,
    "engine": 2, "loading": 2, "importers": 2, "proposal": 2,
    "costs": 3,
    "simulation": 4,
    "findings": 5, "render": 5, "export": 5, "remedies": 5,
    "report": 6,
    "cli": 7, "__main__": 7,
}
"""Each top-level module or stage package, by its place in the flow."""


def _stage(module: str) -> int:
    return STAGE[module.split(".")[1]]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("depgraph."):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("depgraph.")]
    return found


MODULES = sorted(
    path for path in PACKAGE.rglob("*.py") if path.relative_to(PACKAGE).parts[0] != "__init__.py"
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_runs_against_the_flow(path: Path) -> None:
    module = "depgraph." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    later = [imported for imported in _imports(path) if _stage(imported) > _stage(module)]
    assert not later, f"{module} imports later stages: {later}"


def test_no_command_imports_another_command() -> None:
    commands = PACKAGE / "cli" / "commands"
    for path in commands.glob("*.py"):
        others = [
            imported for imported in _imports(path)
            if imported.startswith("depgraph.cli.commands.")
            and imported.rsplit(".", 1)[1] not in ("arguments", path.stem)
        ]
        assert not others, f"{path.name} imports {others}"


def test_every_module_is_placed_in_the_flow() -> None:
    top = {path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in MODULES}
    assert top - {"py.typed"} <= set(STAGE)

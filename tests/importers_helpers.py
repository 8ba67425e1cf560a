"""Shared helpers of the import tests: fixture paths and one-call imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import depgraph
from depgraph.importers import ImportOptions, import_site

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def fixture(name: str) -> str:
    """The path of one import fixture, as a string (as the command line gets it)."""
    return str(FIXTURES / name)


def imported(source: str, *names: str, **options: object) -> tuple[str, depgraph.Inventory]:
    """Import the named fixtures; the text and the validated inventory."""
    text = import_site(source, [fixture(n) for n in names], ImportOptions(**options))  # type: ignore[arg-type]
    return text, depgraph.load_inventory(text)


def requires(inventory: depgraph.Inventory, node_id: str) -> list[object]:
    """The ``requires`` of one component or service as plain data (ids and {any: [...]})."""
    node = next(n for n in (*inventory.components, *inventory.services) if n.id == node_id)
    return [r if isinstance(r, str) else {"any": list(r.any)} for r in node.requires]  # type: ignore[union-attr]


def spofs(inventory: depgraph.Inventory) -> set[str]:
    """The ids of the single points of failure."""
    return {risk.id for risk in depgraph.single_points_of_failure(inventory)}


def places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document, the document's own ``()`` first."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += places(item, (*path, index))
    return found

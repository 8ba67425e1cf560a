"""One module per command: ``register(subparsers)`` adds it, ``run(args)`` does it.

Commands only parse, call the Python API and print; every figure comes from
the library so that the command line and the API always agree.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["COMMANDS", "command_module"]

COMMANDS: dict[str, str] = {
    "validate": "validate", "blast": "blast", "rank": "rank", "schema": "schema",
    "incidents": "incidents", "generate": "generate", "render": "render", "report": "report",
    "compare": "compare", "audit": "audit", "export": "export", "import": "imports",
    "remedies": "remedies", "diff": "diff", "sensitivity": "sensitivity",
}
"""Each command's name and its module in this package, in the order ``depgraph --help`` lists them."""


def command_module(name: str) -> ModuleType:
    """The module of command ``name``, imported now: a run imports only the command it runs."""
    return importlib.import_module(f"{__name__}.{COMMANDS[name]}")

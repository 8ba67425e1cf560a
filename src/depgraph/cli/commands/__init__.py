"""One module per command: ``register(subparsers)`` adds it, ``run(args)`` does it.

Commands only parse, call the Python API and print; every figure comes from
the library so that the command line and the API always agree.
"""

from __future__ import annotations

from types import ModuleType

from depgraph.cli.commands import (
    audit,
    blast,
    compare,
    diff,
    export,
    generate,
    imports,
    incidents,
    rank,
    remedies,
    render,
    report,
    schema,
    sensitivity,
    validate,
)

__all__ = ["COMMANDS"]

COMMANDS: list[ModuleType] = [
    validate, blast, rank, schema, incidents, generate, render, report, compare, audit, export,
    imports, remedies, diff, sensitivity,
]

"""``depgraph schema``: print the JSON Schema of the inventory format."""

from __future__ import annotations

import argparse
from typing import Any

from depgraph.inventory.schema import inventory_schema
from depgraph.jsontext import to_json

__all__ = ["register", "run"]


def register(commands: Any) -> None:
    """Add the ``schema`` command."""
    parser = commands.add_parser(
        "schema", help="print the JSON Schema of the inventory format (for editors)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema generated from the models."""
    print(to_json(inventory_schema()), end="")
    return 0

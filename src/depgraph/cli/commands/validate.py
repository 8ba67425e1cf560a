"""``depgraph validate FILE``: check an inventory and summarise it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from depgraph.loading import check_inventory
from depgraph.text import plural

__all__ = ["register", "run"]


def register(commands: Any) -> None:
    """Add the ``validate`` command."""
    parser = commands.add_parser("validate", help="check an inventory file and summarise it")
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the summary on stdout and the warnings on stderr; exit 0 when valid."""
    checked = check_inventory(args.file)
    inv = checked.inventory
    counts = [
        plural(len(inv.components), "component"), plural(len(inv.services), "service"),
        plural(len(inv.vendors), "vendor"), plural(len(inv.plans), "plan"),
    ]
    if checked.warnings:
        counts.append(plural(len(checked.warnings), "warning"))
    name = "<stdin>" if args.file == "-" else args.file
    print(f"{name}: valid: {', '.join(counts)}")
    for warning in checked.warnings:
        print(warning, file=sys.stderr)
    return 0

"""``depgraph validate FILE``: check an inventory and summarise it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from depgraph.engine.loops import WARNING_KINDS
from depgraph.loading import check_inventory
from depgraph.text import SHOWN_WARNINGS, plural, summarise_warnings

__all__ = ["register", "run"]


def register(commands: Any) -> None:
    """Add the ``validate`` command."""
    parser = commands.add_parser("validate", help="check an inventory file and summarise it")
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument(
        "--all-warnings", action="store_true",
        help=f"print every warning (by default, past {SHOWN_WARNINGS} of one kind the rest "
        "are counted)",
    )
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
    limit = None if args.all_warnings else SHOWN_WARNINGS
    for line in summarise_warnings(checked.warnings, WARNING_KINDS, limit):
        print(line, file=sys.stderr)
    return 0

"""``depgraph export FILE --format openpsa -o OUT.xml``: the site for other analysis tools."""

from __future__ import annotations

import argparse
from typing import Any

from depgraph.export.openpsa import to_openpsa
from depgraph.files import check_output, write_output
from depgraph.loading import load_inventory

__all__ = ["FORMATS", "register", "run"]

FORMATS = ("openpsa",)


def register(commands: Any) -> None:
    """Add the ``export`` command."""
    parser = commands.add_parser(
        "export", help="export the site to another tool's format (Open-PSA fault trees)"
    )
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument(
        "--format", choices=FORMATS, default="openpsa",
        help="openpsa: the Open-PSA Model Exchange Format, one fault tree per service "
        "(the default)",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the file to write, or - for standard output"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the export and say where it is."""
    inventory = load_inventory(args.file)
    check_output(args.output)
    document = to_openpsa(inventory)
    written = write_output(args.output, document if document.endswith("\n") else document + "\n")
    if written is not None:
        print(f"wrote {written}")
    return 0

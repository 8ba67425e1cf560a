"""``depgraph audit FILE [--json] [--fail-on SEVERITY] [--max-order N]``: the site's findings."""

from __future__ import annotations

import argparse
from typing import Any

from depgraph.cli.exit_codes import EXIT_FOUND, EXIT_OK
from depgraph.engine.cutsets import DEFAULT_MAX_ORDER
from depgraph.files import to_json
from depgraph.findings import SEVERITIES, Finding, audit, fails_on
from depgraph.inventory.models import Inventory
from depgraph.loading import load_inventory

__all__ = ["describe", "register", "run"]

_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Information"}


def register(commands: Any) -> None:
    """Add the ``audit`` command."""
    parser = commands.add_parser("audit", help="findings about the site's design, with evidence")
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print JSON (see cli.md)")
    parser.add_argument(
        "--fail-on", choices=SEVERITIES, metavar="SEVERITY",
        help="exit 1 when a finding of this severity or worse exists: "
        + ", ".join(SEVERITIES),
    )
    parser.add_argument(
        "--max-order", type=int, default=DEFAULT_MAX_ORDER, metavar="N",
        help=f"largest combination of failures searched for cut sets (default {DEFAULT_MAX_ORDER})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; exit 1 when one reaches ``--fail-on``."""
    inventory = load_inventory(args.file)
    findings = audit(inventory, args.max_order)
    if args.json:
        print(to_json({"findings": [f.to_json() for f in findings]}), end="")
    else:
        print(describe(inventory, findings), end="")
    found = args.fail_on is not None and fails_on(findings, args.fail_on)
    return EXIT_FOUND if found else EXIT_OK


def describe(inventory: Inventory, findings: list[Finding]) -> str:
    """The findings grouped by severity, most severe first, one sentence each."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    summary = ", ".join(
        f"{counts[s]} {s}" + ("s" if counts[s] != 1 and s != "info" else "") for s in SEVERITIES
    )
    lines = [f"Audit of {inventory.site.name}: {summary}."]
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if group:
            lines += ["", f"{_HEADINGS[severity]} ({len(group)})"]
            lines += [f"  {f.code}  {f.message}" for f in group]
    return "\n".join(lines) + "\n"

"""``depgraph blast FILE --fail ID ...``: what goes down when these fail together."""

from __future__ import annotations

import argparse
from typing import Any

from depgraph.engine.blast import BlastRadius, blast_radius
from depgraph.engine.people import people_summary, service_people
from depgraph.inventory.container import Inventory
from depgraph.jsontext import to_json
from depgraph.loading import load_inventory
from depgraph.text import money

__all__ = ["describe", "register", "run"]


def register(commands: Any) -> None:
    """Add the ``blast`` command."""
    parser = commands.add_parser("blast", help="the blast radius of failing some components")
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument(
        "--fail", action="append", required=True, metavar="ID",
        help="a component that fails (repeat for several at once)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see cli.md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the blast radius as JSON or as a readable summary."""
    inventory = load_inventory(args.file)
    result = blast_radius(inventory, args.fail)
    print(to_json(result.to_json()) if args.json else describe(inventory, result), end="")
    return 0


def describe(inventory: Inventory, result: BlastRadius) -> str:
    """A readable account of a blast radius."""
    currency = inventory.site.currency
    lines = [f"Failed: {', '.join(result.failed)}"]
    if result.down_services:
        lines.append(
            f"Services lost: {len(result.down_services)}, {money(result.cost_per_hour, currency)}/h, "
            f"{people_summary(inventory, result.down_services)}"
        )
        for service_id in result.down_services:
            service = inventory.service(service_id)
            lines.append(
                f"  - {service.name} ({service_id}): {money(service.cost_per_hour, currency)}/h, "
                f"{service_people(inventory, service_id)}"
            )
    else:
        lines.append("Services lost: none (redundancy holds or nothing depends on it)")
    also_down = [c for c in result.down_components if c not in result.failed]
    lines.append(f"Components down: {len(result.down_components)}"
                 + (f" (also down: {', '.join(also_down)})" if also_down else ""))
    lines.append(f"Vendors involved: {', '.join(result.vendors) or 'none (unowned)'}")
    return "\n".join(lines) + "\n"

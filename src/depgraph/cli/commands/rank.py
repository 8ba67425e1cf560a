"""``depgraph rank FILE``: every component's single-failure blast radius, costliest first."""

from __future__ import annotations

import argparse
from typing import Any

from depgraph.cli.commands.arguments import whole_number
from depgraph.engine.blast import ComponentRisk, rank
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.jsontext import to_json
from depgraph.loading import load_inventory
from depgraph.remedies.figures import component_risks
from depgraph.text import money, table

__all__ = ["describe", "register", "run"]


def register(commands: Any) -> None:
    """Add the ``rank`` command."""
    parser = commands.add_parser("rank", help="rank components by what their failure costs")
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument("--top", type=whole_number, metavar="N", help="show only the first N")
    parser.add_argument(
        "--by", choices=("cost", "risk"), default="cost",
        help="cost: cost per hour of the blast radius (default); risk: break-fix risk a year",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see cli.md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the ranking as JSON or as a table marking single points of failure."""
    inventory = load_inventory(args.file)
    risks = rank(inventory)
    money_risk = component_risks(inventory)
    if args.by == "risk":
        risks.sort(key=lambda r: (-money_risk[r.id][BREAK_FIX], r.id))
    shown = risks if args.top is None else risks[: args.top]
    if args.json:
        rows = [{**r.to_json(), "risk": money_risk[r.id]} for r in shown]
        print(to_json({"components": rows}), end="")
    else:
        print(describe(shown, inventory.site.currency, money_risk))
        spofs = sum(r.spof for r in risks)
        print(f"\n{spofs} of {len(risks)} components are single points of failure.")
        print(_people_note(inventory))
    return 0


def _people_note(inventory: Inventory) -> str:
    """What the people column counts: each audience once, up to its size."""
    if not inventory.audiences:
        return "People: summed over the services lost (each person counted once per service)."
    sizes = ", ".join(f"up to {a.people:,} {a.id.replace('-', ' ')}" for a in inventory.audiences)
    return (f"People: each audience counted once, at most its size ({sizes}); "
            "services with no audience add their own people.")


def describe(
    risks: list[ComponentRisk], currency: str, money_risk: dict[str, dict[str, float]]
) -> str:
    """The ranking as a table; SPOF marks a single point of failure, risk is break-fix's a year."""
    rows = [
        [
            str(i), r.id, "SPOF" if r.spof else "", f"{money(r.cost_per_hour, currency)}/h",
            money(money_risk[r.id][BREAK_FIX], currency), str(r.people), str(r.down_components),
            _services(r.down_services),
        ]
        for i, r in enumerate(risks, 1)
    ]
    header = ["#", "component", "spof", "cost", "risk/yr", "people", "down", "services lost"]
    return table(header, rows, right=(0, 3, 4, 5, 6))


def _services(services: tuple[str, ...], shown: int = 4) -> str:
    if len(services) <= shown:
        return ", ".join(services)
    return ", ".join(services[:shown]) + f" (+{len(services) - shown} more)"


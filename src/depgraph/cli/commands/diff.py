"""``depgraph diff BEFORE AFTER``: two versions of one site, what changed and what it is worth."""

from __future__ import annotations

import argparse
from typing import Any

from depgraph.cli.commands.arguments import at_least_one, whole_number
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.jsontext import to_json
from depgraph.loading import load_inventory
from depgraph.remedies.diff import Diff, diff
from depgraph.text import listing, money, table

__all__ = ["describe", "register", "run"]


def register(commands: Any) -> None:
    """Add the ``diff`` command."""
    parser = commands.add_parser(
        "diff", help="compare two versions of one site: changes, single points of failure, costs"
    )
    parser.add_argument("before", help="inventory before the change (or - for standard input)")
    parser.add_argument("after", help="inventory after the change")
    parser.add_argument("--years", type=at_least_one, default=10_000, metavar="N",
                        help="simulated years for each version (default 10000)")
    parser.add_argument("--seed", type=whole_number, default=0, metavar="S",
                        help="random seed, the same for both (default 0)")
    parser.add_argument("--json", action="store_true", help="print JSON (see remedies.md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the comparison of the two versions as JSON or as sentences and a table."""
    before, after = load_inventory(args.before), load_inventory(args.after)
    result = diff(before, after, args.years, args.seed)
    print(to_json(result.to_json()) if args.json else describe(after, result), end="")
    return 0


def _ids(label: str, ids: tuple[str, ...]) -> list[str]:
    return [f"{label}: {listing(list(ids), shown=12)}."] if ids else []


def describe(after: Inventory, result: Diff) -> str:
    """What changed, then the plans' figures before and after, then the services."""
    currency = after.site.currency
    lines = [f"{after.site.name}: before and after ({result.years:,} simulated years each, "
             f"seed {result.seed})", ""]
    lines += _ids("Added", result.added) + _ids("Removed", result.removed)
    lines += _ids("Changed", result.changed) + _ids("Settings changed", result.settings_changed)
    if not (result.added or result.removed or result.changed or result.settings_changed):
        lines.append("The two versions are the same.")
    lines += _ids("Single points of failure fixed", result.spofs_fixed)
    lines += _ids("Single points of failure introduced", result.spofs_introduced)
    rows = []
    for plan in result.plans:
        name = "break-fix" if plan.id == BREAK_FIX else after.plan(plan.id).name
        b, a = plan.before, plan.after
        rows.append([name, money(b.annual_cost, currency), money(a.annual_cost, currency),
                     money(a.annual_cost - b.annual_cost, currency),
                     money(b.p90, currency), money(a.p90, currency),
                     "-" if b.break_even_monthly_fee is None else money(b.break_even_monthly_fee, currency),
                     "-" if a.break_even_monthly_fee is None else money(a.break_even_monthly_fee, currency)])
    header = ["plan", "expected before", "after", "change", "p90 before", "after",
              "break-even before", "after"]
    lines += ["", table(header, rows, right=range(1, 8))]
    if result.services:
        lines += ["", "Worst single failure (cost per hour of one failure that takes the service down):"]
        lines += [f"  {s.id}: {money(s.worst_before, currency)}/h -> {money(s.worst_after, currency)}/h"
                  for s in result.services]
    return "\n".join(lines) + "\n"

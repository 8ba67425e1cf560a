"""``depgraph compare FILE``: break-fix against every plan, expected and simulated."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from depgraph.cli.commands.arguments import at_least_one, whole_number
from depgraph.costs.schedules import hours_lines
from depgraph.costs.yearly import assumptions, break_even_sentence
from depgraph.inventory.container import Inventory
from depgraph.jsontext import to_json
from depgraph.loading import load_inventory
from depgraph.simulation.combined import combined_paragraph
from depgraph.simulation.comparison import Comparison, compare
from depgraph.text import assumption_lines, money, table

__all__ = ["ProgressBar", "describe", "register", "run"]


def register(commands: Any) -> None:
    """Add the ``compare`` command."""
    parser = commands.add_parser(
        "compare", help="break-fix against every plan: expected and simulated annual cost"
    )
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument(
        "--years", type=at_least_one, default=10_000, metavar="N", help="simulated years (default 10000)"
    )
    parser.add_argument(
        "--seed", type=whole_number, default=0, metavar="S", help="random seed (default 0)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see cli.md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the comparison as JSON or as a side-by-side table with the break-even fees."""
    inventory = load_inventory(args.file)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = compare(inventory, args.years, args.seed, bar)
    finally:
        if bar is not None:
            bar.close()
    print(to_json(result.to_json()) if args.json else describe(inventory, result), end="")
    return 0


def describe(inventory: Inventory, result: Comparison) -> str:
    """The comparison as a client reads it: a table, the break-even fees, the assumptions."""
    currency = inventory.site.currency
    plans = len(result.plans) - 1
    lines = [
        f"{inventory.site.name}: break-fix against {plans} plan{'' if plans == 1 else 's'}, "
        f"{result.years:,} simulated years (seed {result.seed})",
        "",
        _table(result, currency),
        "",
        "The expected year treats each failure alone; the simulated years also count failures "
        "that overlap (a second access point down while the first is still out), so their mean "
        "is usually a little higher.",
        "",
    ]
    combined = combined_paragraph(
        inventory, [(p.name, p.simulation.combined) for p in result.plans]
    )
    if combined is not None:
        lines += [combined, ""]
    for plan in result.plans[1:]:
        lines.append(break_even_sentence(inventory, plan.expected))
    if plans:
        lines.append("")
    f = result.fragmentation
    lines += [
        f"Fragmentation under break-fix: {f.vendors} vendor{' owns' if f.vendors == 1 else 's own'} "
        f"components; {f.boundary_edges} requirement edges cross from one party to "
        f"another; a visible incident passes through {f.mean_handoffs:.2f} hand-offs on "
        "average.",
        "",
        *assumption_lines(assumptions(inventory)),
        *hours_lines(inventory),
    ]
    return "\n".join(lines) + "\n"


def _table(result: Comparison, currency: str) -> str:
    """Plans side by side: fee, expected year and its parts, simulated distribution."""

    def row(label: str, values: list[str]) -> list[str]:
        return [label, *values]

    def cash(values: list[float]) -> list[str]:
        return [money(v, currency) for v in values]

    plans = result.plans
    expected = [p.expected for p in plans]
    simulated = [p.simulation for p in plans]
    cheaper = [
        "-" if s.cheaper_than_break_fix is None else f"{s.cheaper_than_break_fix:.0%} of years"
        for s in simulated
    ]
    rows = [
        row("monthly fee", cash([p.monthly_fee for p in plans])),
        row("expected a year", cash([e.annual_cost for e in expected])),
        row("  fee", cash([e.fee for e in expected])),
        row("  labor", cash([e.labor for e in expected])),
        row("  downtime", cash([e.downtime_cost for e in expected])),
        row("simulated mean", cash([s.mean for s in simulated])),
        row("  median (p50)", cash([s.p50 for s in simulated])),
        row("  1 year in 10 (p90)", cash([s.p90 for s in simulated])),
        row("  1 year in 100 (p99)", cash([s.p99 for s in simulated])),
        row("  labor", cash([s.labor for s in simulated])),
        row("  downtime", cash([s.downtime_cost for s in simulated])),
        row("incidents a year", [f"{s.incidents:.1f}" for s in simulated]),
        row("cheaper than break-fix", cheaper),
    ]
    header = ["", *(p.name for p in plans)]
    return table(header, rows, right=range(1, len(header)))


class ProgressBar:
    """A one-line progress bar for a terminal, redrawn in place on ``stream``."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        """Show ``done`` of ``total`` simulated years."""
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\rsimulating [{bar}] {done:,}/{total:,} years")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the bar, leaving the line clean for what follows."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

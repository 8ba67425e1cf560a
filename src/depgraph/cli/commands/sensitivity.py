"""``depgraph sensitivity FILE [--plan ID]``: which assumptions could flip the decision."""

from __future__ import annotations

import argparse
from typing import Any

from depgraph.inventory.container import Inventory
from depgraph.jsontext import to_json
from depgraph.loading import load_inventory
from depgraph.remedies.sensitivity import Figures, Row, Sensitivity, sensitivity
from depgraph.text import money, table

__all__ = ["describe", "flips", "register", "run"]


def register(commands: Any) -> None:
    """Add the ``sensitivity`` command."""
    parser = commands.add_parser(
        "sensitivity", help="how a plan's break-even fee moves when each assumption is halved or doubled"
    )
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument("--plan", metavar="ID", help="the plan to test (default: the first plan)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the rows as JSON, or as a table and the assumptions that could flip the decision."""
    inventory = load_inventory(args.file)
    result = sensitivity(inventory, args.plan)
    print(to_json(result.to_json()) if args.json else describe(inventory, result), end="")
    return 0


def _phrases(inventory: Inventory, name: str) -> tuple[str, str]:
    """What halving and doubling the assumption ``name`` means, in words."""
    plan = name.split(".")[1] if name.startswith("plans.") else ""
    partner = inventory.plan(plan).name if plan else ""
    words = {
        "components.failures_per_year": ("failures are half as frequent", "failures are twice as frequent"),
        "services.cost_per_hour": ("downtime costs half as much", "downtime costs twice as much"),
        "vendors.response_hours": ("vendors respond twice as fast", "vendors take twice as long to respond"),
        "model.blame_probability": ("wrong-party calls are half as likely",
                                    "wrong-party calls are twice as likely"),
        "model.latent_discovery_days": ("unseen failures are found twice as fast",
                                        "unseen failures take twice as long to find"),
        "model.unowned_search_hours": ("finding someone for an unowned part takes half as long",
                                       "finding someone for an unowned part takes twice as long"),
        f"plans.{plan}.failure_reduction": (f"{partner} prevents half as many failures",
                                            f"{partner} prevents twice as many failures"),
        f"plans.{plan}.remote_fix_rate": (f"{partner} fixes half as many incidents remotely",
                                          f"{partner} fixes twice as many incidents remotely"),
        f"plans.{plan}.response_hours": (f"{partner} responds twice as fast",
                                         f"{partner} takes twice as long to respond"),
    }
    return words[name]


def _pays(figures: Figures, fee: float) -> bool:
    return fee <= figures.break_even_monthly_fee


def flips(inventory: Inventory, result: Sensitivity) -> list[str]:
    """One sentence per assumption and direction that changes whether the plan pays off."""
    name = inventory.plan(result.plan).name
    currency = inventory.site.currency
    fee = result.monthly_fee
    pays = _pays(result.base, fee)
    sentences = []
    for row in result.rows:
        for phrase, figures in zip(_phrases(inventory, row.assumption), (row.low, row.high), strict=True):
            if _pays(figures, fee) != pays:
                outcome = "no longer pays off" if pays else "pays off"
                sentences.append(
                    f"If {phrase} as assumed, {name} {outcome} at its quoted {money(fee, currency)} "
                    f"a month (break-even {money(figures.break_even_monthly_fee, currency)})."
                )
    return sentences


def _row(row: Row, currency: str) -> list[str]:
    return [row.assumption, money(row.low.break_even_monthly_fee, currency),
            money(row.high.break_even_monthly_fee, currency), money(row.swing, currency),
            money(row.low.break_fix_annual_cost, currency), money(row.high.break_fix_annual_cost, currency)]


def describe(inventory: Inventory, result: Sensitivity) -> str:
    """The base figures, one row per assumption (largest swing first), and what could flip."""
    currency = inventory.site.currency
    name = inventory.plan(result.plan).name
    base = result.base
    verdict = "pays off" if _pays(base, result.monthly_fee) else "does not pay off"
    lines = [
        f"{inventory.site.name}: how {name} holds up when each assumption is halved or doubled.",
        f"On the file's assumptions {name} breaks even at {money(base.break_even_monthly_fee, currency)} "
        f"a month and is quoted at {money(result.monthly_fee, currency)}, so it {verdict}; break-fix "
        f"is expected to cost {money(base.break_fix_annual_cost, currency)} a year.",
        "",
        table(["assumption", "break-even x0.5", "x2", "swing", "break-fix x0.5", "x2"],
              [_row(r, currency) for r in result.rows], right=range(1, 6)),
        "",
    ]
    sentences = flips(inventory, result)
    if sentences:
        lines += ["What could flip the decision:", *(f"  {s}" for s in sentences)]
    else:
        lines.append(f"No single assumption halved or doubled changes the decision: {name} {verdict} "
                     "at its quoted fee in every case.")
    return "\n".join(lines) + "\n"

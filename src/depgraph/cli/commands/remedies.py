"""``depgraph remedies FILE``: what each priced remedy saves, and what a budget buys."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from depgraph.cli.commands.arguments import amount
from depgraph.errors import UsageError
from depgraph.files import STDOUT, check_output, write_output
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.jsontext import to_json
from depgraph.remedies import (
    Choice,
    RemedyValue,
    choose,
    evaluate,
    load_proposal,
    site_figures,
    suggest_remedies,
)
from depgraph.text import listing, money, table

__all__ = ["describe", "register", "run"]


def register(commands: Any) -> None:
    """Add the ``remedies`` command."""
    parser = commands.add_parser(
        "remedies", help="what each priced remedy saves a year, and the set a budget buys"
    )
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument("--remedies", metavar="FILE", help="a file of remedies (version: 1, remedies:)")
    parser.add_argument("--plan", default=BREAK_FIX, metavar="ID",
                        help="the plan to rank and choose under (default break-fix)")
    parser.add_argument("--budget", type=amount, metavar="AMOUNT",
                        help="also pick the remedies this one-time budget buys")
    parser.add_argument("--suggest", action="store_true",
                        help="print candidate remedies for the costliest single points of failure")
    parser.add_argument("-o", "--output", default=STDOUT, metavar="OUT",
                        help="with --suggest: the file to write (default - for standard output)")
    parser.add_argument("--json", action="store_true", help="print JSON (see remedies.md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the remedies' figures (or suggestions) as JSON or as a table."""
    if args.suggest:
        check_output(args.output)
    elif args.output != STDOUT:
        raise UsageError("-o/--output is for --suggest; the figures go to standard output")
    proposal = load_proposal(args.file, args.remedies)
    base = site_figures(proposal.inventory)
    if args.suggest:
        write_output(args.output, suggest_remedies(proposal.inventory, figures=base, data=proposal.data))
        return 0
    values = evaluate(proposal, args.plan, base)
    chosen = None if args.budget is None else choose(proposal, args.budget, args.plan, base)
    if args.json:
        document = {
            "plan": args.plan,
            "remedies": [v.to_json() for v in values],
            "chosen": None if chosen is None else chosen.to_json(),
        }
        print(to_json(document), end="")
    else:
        print(describe(proposal.inventory, args.plan, values, chosen), end="")
    return 0


def _plan_name(inventory: Inventory, plan: str) -> str:
    return "break-fix" if plan == BREAK_FIX else inventory.plan(plan).name


def _months(value: float | None) -> str:
    if value is None:
        return "never"
    return "at once" if value == 0 else f"{value:.1f} months"


def describe(
    inventory: Inventory, plan: str, values: list[RemedyValue], chosen: Choice | None
) -> str:
    """The remedies best first under ``plan``, their effect on the design, and the budget's pick."""
    currency = inventory.site.currency
    if not values:
        return (f"{inventory.site.name} has no remedies to evaluate: add a 'remedies:' list or give "
                "--remedies FILE (depgraph remedies --suggest FILE drafts one).\n")
    lines = [f"Remedies for {inventory.site.name}, best first under {_plan_name(inventory, plan)} "
             "(net = saving - 12 x monthly cost, a year):", ""]
    rows = []
    for i, v in enumerate(values, 1):
        shown = plan in v.net
        rows.append([
            str(i), v.id, money(v.one_time_cost, currency), money(v.monthly_cost, currency),
            money(v.saving[plan], currency) if shown else "-",
            money(v.net[plan], currency) if shown else "-",
            _months(v.payback_months[plan]) if shown else "-",
        ])
    header = ["#", "remedy", "one-time", "monthly", "saving", "net", "payback"]
    lines += [table(header, rows, right=(0, 2, 3, 4, 5)), ""]
    plans = [p for p in values[0].net if p != plan]
    if plans:
        other = [[v.id, *(money(v.net[p], currency) if p in v.net else "-" for p in plans)]
                 for v in values]
        lines += ["Net a year under the other plans:",
                  table(["remedy", *(_plan_name(inventory, p) for p in plans)], other,
                        right=range(1, len(plans) + 1)), ""]
    for v in values:
        effects = []
        if v.spofs_removed:
            effects.append(f"removes the {_spofs(v.spofs_removed)} {listing(v.spofs_removed, 6)}")
        if v.spofs_added:
            effects.append(f"adds the {_spofs(v.spofs_added)} {listing(v.spofs_added, 6)}")
        if v.services_changed:
            effects.append(f"changes the worst single failure of {listing(v.services_changed, 6)}")
        if effects:
            lines.append(f"{v.id} ({v.name}) {'; '.join(effects)}.")
    if chosen is not None:
        lines += ["", _choice_sentence(chosen, currency)]
    return "\n".join(lines).rstrip("\n") + "\n"


def _choice_sentence(chosen: Choice, currency: str) -> str:
    budget = money(chosen.budget, currency)
    if not chosen.remedies:
        return f"With a budget of {budget}, no remedy fits and pays for itself."
    payback = "" if chosen.payback_months is None else (
        f", paying back in {chosen.payback_months:.1f} months")
    return (f"With a budget of {budget}: {', '.join(chosen.remedies)} (in the order picked), "
            f"{money(chosen.one_time_cost, currency)} one-time, net {money(chosen.net, currency)} "
            f"a year together{payback}.")


def _spofs(ids: Sequence[str]) -> str:
    return "single point of failure" if len(ids) == 1 else "single points of failure"

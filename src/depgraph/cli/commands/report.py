"""``depgraph report FILE -o OUT.html [--years N] [--seed S]``: the proposal report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from depgraph.cli.commands.arguments import at_least_one, whole_number
from depgraph.errors import InventoryError, UsageError
from depgraph.files import STDOUT, check_output, write_output
from depgraph.inventory.models import ReportDetails
from depgraph.remedies import evaluate, load_proposal
from depgraph.report import DEFAULT_SEED, DEFAULT_YEARS, report_html

__all__ = ["register", "run"]


def register(commands: Any) -> None:
    """Add the ``report`` command."""
    parser = commands.add_parser(
        "report", help="a self-contained HTML report for a client: risks, hand-offs, plans"
    )
    parser.add_argument("file", help="inventory YAML file, or - for standard input")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT.html",
        help="the HTML file to write, or - for standard output"
    )
    parser.add_argument(
        "--years", type=at_least_one, default=DEFAULT_YEARS, metavar="N",
        help=f"simulated years (default {DEFAULT_YEARS:,}, as for compare, so the figures agree)",
    )
    parser.add_argument(
        "--seed", type=whole_number, default=DEFAULT_SEED, metavar="S",
        help=f"simulation seed (default {DEFAULT_SEED}); the same seed gives the same file",
    )
    parser.add_argument(
        "--remedies", metavar="FILE",
        help="a file of priced remedies (version: 1, remedies:), shown under 'what to fix first'"
    )
    for flag, what in (("--prepared-for", "the client's name"),
                       ("--prepared-by", "your name or your company's"),
                       ("--date", "the date to print (none unless given)"),
                       ("--logo", "an SVG, PNG, JPEG or GIF file, inlined in the page")):
        parser.add_argument(flag, metavar="TEXT" if flag != "--logo" else "FILE",
                            help=f"{what}; overrides the inventory's report: section")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the report and say where it is."""
    if args.output != STDOUT and not args.output.lower().endswith((".html", ".htm")):
        raise UsageError(f"{args.output}: the report is HTML; give a file name ending in .html")
    proposal = load_proposal(args.file, args.remedies)
    if proposal.logo_problem is not None and args.logo is None:
        raise InventoryError([proposal.logo_problem])
    inventory = proposal.inventory
    check_output(args.output)
    remedies = evaluate(proposal) if proposal.remedies else []
    details = ReportDetails(prepared_for=args.prepared_for, prepared_by=args.prepared_by,
                            date=args.date, logo=args.logo)
    base = None if args.file == "-" else Path(args.file).parent
    html = report_html(inventory, years=args.years, seed=args.seed, details=details, base=base,
                       remedies=remedies)
    written = write_output(args.output, html)
    if written is not None:
        print(f"wrote {written} ({args.years:,} simulated years, seed {args.seed}): "
              "open it in any browser")
    return 0

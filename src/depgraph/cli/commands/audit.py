"""``depgraph audit FILE [--json] [--fail-on SEVERITY] [--max-order N]``: the site's findings."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from depgraph.cli.commands.arguments import amount
from depgraph.cli.exit_codes import EXIT_FOUND, EXIT_OK
from depgraph.engine.cutsets import DEFAULT_MAX_ORDER
from depgraph.errors import UnknownIdError
from depgraph.findings import CHECKS, SEVERITIES, Finding, audit, fails_on
from depgraph.inventory.container import Inventory
from depgraph.inventory.suggest import closest
from depgraph.jsontext import to_json
from depgraph.loading import load_inventory
from depgraph.text import money

SHOWN = 10
"""The readable report shows this many of the most costly findings and counts the rest."""
CODES = tuple(check.code for check in CHECKS)

__all__ = ["CODES", "SHOWN", "describe", "filtered", "register", "run"]

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
    parser.add_argument(
        "--code", action="append", metavar="CODE",
        help="only findings of this code, e.g. DG101 (repeat for several)",
    )
    parser.add_argument(
        "--min-risk", type=amount, metavar="AMOUNT",
        help="only findings whose break-fix risk is at least AMOUNT a year",
    )
    parser.add_argument(
        "--all", action="store_true",
        help=f"show every finding, not only the {SHOWN} most costly (readable output)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; exit 1 when one reaches ``--fail-on``."""
    inventory = load_inventory(args.file)
    codes = None if args.code is None else [code.upper() for code in args.code]
    for code, given in zip(codes or (), args.code or (), strict=True):
        if code not in CODES:
            raise UnknownIdError("finding code", given, closest(code, CODES))
    findings = filtered(audit(inventory, args.max_order), codes, args.min_risk)
    if args.json:
        print(to_json({"findings": [f.to_json() for f in findings]}), end="")
    else:
        print(describe(inventory, findings, None if args.all else SHOWN), end="")
    found = args.fail_on is not None and fails_on(findings, args.fail_on)
    return EXIT_FOUND if found else EXIT_OK


def filtered(findings: list[Finding], codes: list[str] | None, min_risk: float | None) -> list[Finding]:
    """The findings of ``codes`` (all when ``None``) whose ``risk_per_year`` is at least ``min_risk``.

    With ``min_risk``, a finding with no yearly risk (a vendor, the site, cut sets) is left out.
    """
    return [
        f for f in findings
        if (codes is None or f.code in codes)
        and (min_risk is None or f.evidence.get("risk_per_year", -1.0) >= min_risk)
    ]


def _costliest(findings: list[Finding], shown: int | None) -> list[Finding]:
    """The ``shown`` most costly findings, in the report's order.

    Findings with a yearly risk rank first (largest first), then those with
    only a cost per hour, then the rest.
    """
    if shown is None or len(findings) <= shown:
        return findings

    def money(f: Finding) -> tuple[int, float, tuple[int, str, float, str, str]]:
        if "risk_per_year" in f.evidence:
            return (0, -f.cost, f.sort_key())
        return (1 if "cost_per_hour" in f.evidence else 2, -f.cost, f.sort_key())

    kept = {id(f) for f in sorted(findings, key=money)[:shown]}
    return [f for f in findings if id(f) in kept]


def _figure(finding: Finding, currency: str) -> str:
    if "risk_per_year" in finding.evidence:
        return f"{money(finding.cost, currency)}/yr"
    if "cost_per_hour" in finding.evidence:
        return f"{money(finding.cost, currency)}/h"
    return ""


def describe(inventory: Inventory, findings: list[Finding], shown: int | None = SHOWN) -> str:
    """The ``shown`` most costly findings grouped by severity, one sentence each; the rest counted."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    summary = ", ".join(
        f"{counts[s]} {s}" + ("s" if counts[s] != 1 and s != "info" else "") for s in SEVERITIES
    )
    currency = inventory.site.currency
    kept = _costliest(findings, shown)
    lines = [f"Audit of {inventory.site.name}: {summary}."]
    for severity in SEVERITIES:
        group = [f for f in kept if f.severity == severity]
        if group:
            of = "" if len(group) == counts[severity] else f" of {counts[severity]}"
            lines += ["", f"{_HEADINGS[severity]} ({len(group)}{of})"]
            width = max(len(_figure(f, currency)) for f in group)
            lines += [
                "  ".join(["", f.code, *([_figure(f, currency).rjust(width)] if width else []), f.message])
                for f in group
            ]
    rest = len(findings) - len(kept)
    if rest:
        by_code = Counter(f.code for f in findings) - Counter(f.code for f in kept)
        codes = ", ".join(f"{n} {code}" for code, n in sorted(by_code.items()))
        lines += ["", f"{rest} less costly finding{'' if rest == 1 else 's'} not shown ({codes}); "
                      "--all shows every finding, --code CODE one code, --json all of them."]
    return "\n".join(lines) + "\n"

"""What to fix first: the priced remedies, then the audit's findings ranked by money.

Remedies (``remedies.md``) are listed best first as ``depgraph remedies``
lists them (largest net saving a year under break-fix), each with its cost,
saving and payback under break-fix and under the recommended plan. A finding's
money is its ``risk_per_year`` as ``audit --json`` gives it (the break-fix
cost a year of the failures it names); findings without one (a vendor spread,
a cut set) rank after, most severe first. Each finding is told in one
sentence, ids replaced by the names the client knows.

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco, name: NetCo}]
... components:
...   - {id: poe, name: PoE switch, category: network, vendor: netco}
... services:
...   - {id: wifi, name: Wi-Fi, requires: [poe], cost_per_hour: 50}
... ''')
>>> fixes = fix_list(inv)
>>> fixes.items[0].text
'PoE switch is a single point of failure: its failure alone takes down 1 service (Wi-Fi), $50/h and 0 people.'
>>> fixes.remedies
()
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from depgraph.findings import CHECKS, Finding, audit
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.remedies import RemedyValue
from depgraph.text import money

__all__ = ["FixItem", "FixList", "RemedyRow", "SHOWN_FIXES", "fix_list", "plain"]


SHOWN_FIXES = 10
"""How many findings the report lists; the rest are counted."""


@dataclass(frozen=True)
class FixItem:
    """One finding as the client reads it: what kind, one sentence, and its cost a year."""

    check: str
    severity: str
    text: str
    cost: str
    amount: float


@dataclass(frozen=True)
class RemedyRow:
    """One priced remedy: what it costs, what it saves a year and when it pays back."""

    name: str
    one_time: str
    monthly: str
    net: str
    payback: str
    net_plan: str
    payback_plan: str


@dataclass(frozen=True)
class FixList:
    """The remedies best first, the findings worth most first, and a count of the rest.

    ``plan`` names the recommended plan whose figures the remedies also show
    (empty when break-fix is recommended).
    """

    remedies: tuple[RemedyRow, ...]
    plan: str
    items: tuple[FixItem, ...]
    more: int


def fix_list(
    inventory: Inventory, remedies: Sequence[RemedyValue] = (), plan: str = BREAK_FIX
) -> FixList:
    """The remedies and the audit of ``inventory``, ranked by money; ``plan`` is the recommended one."""
    names = _names(inventory)
    checks = {c.code: c.name.replace("-", " ") for c in CHECKS}
    found = sorted(audit(inventory), key=lambda f: (-_money(f), *f.sort_key()))
    currency = inventory.site.currency
    items = tuple(
        FixItem(checks[f.code].capitalize(), f.severity, plain(f.message, names),
                money(_money(f), currency) if _money(f) > 0 else "–", _money(f))
        for f in found[:SHOWN_FIXES]
    )
    rest = found[SHOWN_FIXES:]
    shown_plan = "" if plan == BREAK_FIX else inventory.plan(plan).name
    rows = tuple(_remedy_row(value, plan, currency) for value in remedies)
    return FixList(rows, shown_plan, items, len(rest))


def _money(finding: Finding) -> float:
    """A finding's cost a year (``risk_per_year``); 0 for one that has no rate."""
    return float(finding.evidence.get("risk_per_year", 0.0))


def _remedy_row(value: RemedyValue, plan: str, currency: str) -> RemedyRow:
    def payback(months: float | None) -> str:
        return "never" if months is None else f"{months:,.0f} months" if months >= 1 \
            else "at once"

    return RemedyRow(
        name=value.name,
        one_time=money(value.one_time_cost, currency),
        monthly=money(value.monthly_cost, currency) if value.monthly_cost else "–",
        net=money(value.net[BREAK_FIX], currency),
        payback=payback(value.payback_months[BREAK_FIX]),
        net_plan=money(value.net[plan], currency) if plan in value.net else "–",
        payback_plan=payback(value.payback_months.get(plan)),
    )


def _names(inventory: Inventory) -> dict[str, str]:
    names: dict[str, str] = {}
    for group in (inventory.components, inventory.services, inventory.vendors, inventory.plans):
        names.update((n.id, n.name) for n in group if n.name)
    return names


def plain(message: str, names: dict[str, str]) -> str:
    """``message`` with every id replaced by its name (longest ids first, whole words only).

    >>> plain("core-1 needs core-10", {"core-1": "Core 1", "core-10": "Core 10"})
    'Core 1 needs Core 10'
    """
    if not names:
        return message
    pattern = "|".join(re.escape(i) for i in sorted(names, key=lambda i: (-len(i), i)))
    return re.sub(rf"(?<![\w.-])(?:{pattern})(?![\w-])", lambda m: names[m.group(0)], message)

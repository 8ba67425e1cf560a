"""What to fix first: the audit's findings ranked by what the failures they name cost a year.

A finding's *money* is the expected break-fix cost a year of the failures of
the components it names (its subject, and any component listed in its
evidence), each component counted once: the failures the fix would address.
Findings worth nothing on that measure (a vendor spread, say) rank last, by
severity. Each finding is told in one sentence, ids replaced by the names the
client knows.

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from depgraph.costs.incidents import incidents
from depgraph.findings import CHECKS, Finding, audit
from depgraph.inventory.models import Inventory
from depgraph.text import money

__all__ = ["FixItem", "FixList", "SHOWN_FIXES", "fix_list", "plain"]


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
class FixList:
    """The findings worth most first, and a count of the rest."""

    items: tuple[FixItem, ...]
    more: int
    more_cost: str


def fix_list(inventory: Inventory) -> FixList:
    """The audit of ``inventory``, ranked by money, the top :data:`SHOWN_FIXES` told in words."""
    yearly = {i.root: i.total * i.rate for i in incidents(inventory)}
    names = _names(inventory)
    checks = {c.code: c.name.replace("-", " ") for c in CHECKS}
    found = [(_money(f, yearly), f) for f in audit(inventory)]
    found.sort(key=lambda pair: (-pair[0], *pair[1].sort_key()))
    currency = inventory.site.currency
    items = tuple(
        FixItem(checks[f.code].capitalize(), f.severity, plain(f.message, names),
                money(amount, currency) if amount > 0 else "–", amount)
        for amount, f in found[:SHOWN_FIXES]
    )
    rest = found[SHOWN_FIXES:]
    return FixList(items, len(rest), money(sum(a for a, _ in rest), currency))


def _money(finding: Finding, yearly: dict[str, float]) -> float:
    named = {finding.subject} | set(_ids(finding.evidence))
    return sum(yearly.get(i, 0.0) for i in named)


def _ids(value: Any) -> list[str]:
    """Every string in ``value`` (evidence lists nest): candidate component ids."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [i for v in value.values() for i in _ids(v)]
    if isinstance(value, list | tuple):
        return [i for v in value for i in _ids(v)]
    return []


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

"""Judgement: the audit, what an integrator writes up after walking a site, each finding with its evidence.

:func:`audit` runs every check of :data:`CHECKS` and returns the findings
sorted most severe first (error, warning, info), then by code, then by
what they cost (:mod:`depgraph.findings.money`), then by subject. Each check
has a stable code; ``docs/audit-codes.md`` explains each
one, when it fires and when it stays quiet. Where a check needs a definition
the issue left open, it is stated here and in that document:

* a *redundancy group* is a clause that tolerates at least one member down
  (``any`` of two or more, ``at_least`` k of n with k < n);
* a *critical path* is, for a service s and a single point of failure c of s,
  the requirement path from s down to c that the break-fix troubleshooting
  follows (:func:`depgraph.costs.impacts.requirement_path` through the nodes c takes
  down); its *parties* are the owner of each service on it and the vendor of
  each component on it, unowned counting as a party of its own; it *crosses a
  vendor boundary* when two consecutive nodes have different parties.

Example (two access points that both hang off one PoE switch):

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco}]
... components:
...   - {id: poe, category: network, vendor: netco}
...   - {id: ap-1, category: network, vendor: netco, requires: [poe]}
...   - {id: ap-2, category: network, vendor: netco, requires: [poe]}
... services:
...   - {id: wifi, requires: [{any: [ap-1, ap-2]}], cost_per_hour: 50}
... ''')
>>> [(f.code, f.severity, f.subject) for f in audit(inv)]
[('DG102', 'error', 'wifi'), ('DG101', 'warning', 'poe'), ('DG103', 'warning', 'ap-1'), \
('DG103', 'warning', 'ap-2'), ('DG108', 'info', 'netco')]
"""

from __future__ import annotations

from depgraph.engine.cutsets import DEFAULT_MAX_ORDER, check_max_order
from depgraph.findings import checks as _checks  # noqa: F401  (registers every check)
from depgraph.findings.context import AuditContext
from depgraph.findings.model import SEVERITIES, Check, Finding, fails_on, registered
from depgraph.findings.money import priced
from depgraph.inventory.container import Inventory

__all__ = ["CHECKS", "Check", "Finding", "SEVERITIES", "audit", "fails_on"]

CHECKS: tuple[Check, ...] = tuple(declared for declared, _ in registered())
"""Every check, by code."""


def audit(inventory: Inventory, max_order: int = DEFAULT_MAX_ORDER) -> list[Finding]:
    """Every finding of every check, most severe first, then by code, then costliest, then by subject.

    ``max_order`` bounds the minimal cut sets of DG110. Raises
    :class:`UsageError` when it is below 1.
    """
    check_max_order(max_order)
    site = AuditContext(inventory, max_order)
    findings = priced(site, [finding for _, run in registered() for finding in run(site)])
    return sorted(findings, key=Finding.sort_key)

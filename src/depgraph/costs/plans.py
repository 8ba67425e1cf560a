"""Plans: which parts a managed plan takes over, and how often they fail under it.

A plan ``P`` covers a vendor when it lists it (or ``all``) and the vendor is
billed hourly (an ``included`` vendor such as an ISP stays the vendor's job);
it covers a component whose vendor it covers, or an unowned one under
``all``. A covered component fails less often, by the plan's
``failure_reduction`` (``cost-model.md`` sections 1 and 2).

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: isp, billing: included}, {id: netco}]
... components:
...   - {id: line, category: network, vendor: isp, failures_per_year: 1}
...   - {id: router, category: network, vendor: netco, requires: [line], failures_per_year: 1}
... services: [{id: internet, requires: [router]}]
... plans: [{id: care, monthly_fee: 100, covers: all, failure_reduction: 0.5}]
... ''')
>>> care = plan_of(inv, "care")
>>> [failure_rate(inv, care, c) for c in inv.components]
[1.0, 0.5]
>>> plan_ids(inv)
['break-fix', 'care']
"""

from __future__ import annotations

from depgraph.errors import UnknownIdError
from depgraph.inventory.models import BREAK_FIX, Component, Inventory, Plan, Vendor
from depgraph.inventory.suggest import closest

__all__ = ["covers_vendor", "failure_rate", "is_covered", "party_name", "plan_ids", "plan_name", "plan_of"]


def plan_ids(inventory: Inventory) -> list[str]:
    """``break-fix`` followed by the inventory's plans in file order."""
    return [BREAK_FIX, *(p.id for p in inventory.plans)]


def plan_of(inventory: Inventory, plan_id: str) -> Plan | None:
    """The plan with this id, ``None`` for ``break-fix``; :class:`UnknownIdError` otherwise."""
    if plan_id == BREAK_FIX:
        return None
    try:
        return inventory.plan(plan_id)
    except KeyError:
        raise UnknownIdError("plan", plan_id, closest(plan_id, plan_ids(inventory))) from None


def covers_vendor(plan: Plan | None, vendor: Vendor) -> bool:
    """Whether ``plan`` takes over ``vendor``: listed (or ``all``) and billed hourly."""
    if plan is None or vendor.billing == "included":
        return False
    return plan.covers == "all" or vendor.id in plan.covers


def is_covered(inventory: Inventory, plan: Plan | None, component: Component) -> bool:
    """Whether ``plan`` covers ``component``: its vendor is covered, or unowned under ``all``."""
    if plan is None:
        return False
    if component.vendor is None:
        return plan.covers == "all"
    return covers_vendor(plan, inventory.vendor(component.vendor))


def failure_rate(inventory: Inventory, plan: Plan | None, component: Component) -> float:
    """Failures per year of ``component`` under ``plan`` (section 2)."""
    if plan is not None and is_covered(inventory, plan, component):
        return component.failures_per_year * (1 - plan.failure_reduction)
    return component.failures_per_year


def plan_name(inventory: Inventory, plan_id: str, break_fix: str) -> str:
    """The name a reader sees for ``plan_id``; ``break_fix`` names the baseline (wording varies by place)."""
    return break_fix if plan_id == BREAK_FIX else inventory.plan(plan_id).name


def party_name(inventory: Inventory, plan_id: str, party: str | None, nobody: str) -> str:
    """A party as the client knows it under ``plan_id``: the vendor's name, the plan's partner, or ``nobody``.

    ``party`` is as an incident reports it (a vendor id, the plan id for the
    partner, ``None`` for unowned); ``nobody`` is the wording for unowned.
    """
    if party is None:
        return nobody
    if plan_id != BREAK_FIX and party == plan_id:
        return inventory.plan(plan_id).partner
    return inventory.vendor(party).name

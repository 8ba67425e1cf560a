"""Plans: which parts a managed plan takes over, who is called for each part, how often it fails.

:class:`PlanView` binds an inventory and one plan (``None`` for break-fix),
so that the cost model asks ``view.role(node)`` instead of threading
``(inventory, plan, graph, node)`` through every function.

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
>>> care = plan_view(inv, "care")
>>> [care.failure_rate(c) for c in inv.components]
[1.0, 0.5]
>>> care.role(1), plan_view(inv, "break-fix").role(1)  # who is called for the router
(Role(kind='partner', party='care'), Role(kind='vendor', party='netco'))
>>> plan_ids(inv)
['break-fix', 'care']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.errors import UnknownIdError
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX, Component, Plan, Vendor
from depgraph.inventory.suggest import closest

__all__ = [
    "Engagement",
    "Party",
    "PlanView",
    "Role",
    "covers_vendor",
    "party_name",
    "plan_ids",
    "plan_name",
    "plan_of",
    "plan_view",
    "vendor_engagement",
]

Party = str | None
"""A party as reported: a vendor id, the plan id for the managed partner, ``None`` for unowned."""


class Role(NamedTuple):
    """A party with its kind, so that a plan id equal to a vendor id stays unambiguous."""

    kind: str  # "partner" | "vendor" | "unowned"
    party: Party


_UNOWNED = Role("unowned", None)


@dataclass(frozen=True)
class Engagement:
    """One party's turn in an incident: hours until it is done, and the labor it bills."""

    party: Party
    hours: float
    labor: float


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
        known = plan_ids(inventory)
        raise UnknownIdError("plan", plan_id, closest(plan_id, known), known) from None


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


def covers_vendor(plan: Plan | None, vendor: Vendor) -> bool:
    """Whether ``plan`` takes over ``vendor``: listed (or ``all``) and billed hourly."""
    if plan is None or vendor.billing == "included":
        return False
    return plan.covers == "all" or vendor.id in plan.covers


def vendor_engagement(vendor: Vendor, party: Party, repair: float | None, billing: str) -> Engagement:
    """A vendor's response and diagnosis, plus the repair when ``repair`` is given."""
    work = vendor.diagnosis_hours + (repair or 0.0)
    labor = vendor.trip_fee + vendor.hourly_rate * max(vendor.minimum_hours, work)
    return Engagement(
        party=party,
        hours=vendor.response_hours + work,
        labor=labor if billing == "hourly" else 0.0,
    )


class PlanView:
    """The inventory under one plan (``plan`` is ``None`` for break-fix).

    Build it with :func:`plan_view`, which keeps one per plan id with the
    inventory. What an incident asks of it many times (each node's role, each
    engagement, whether a vendor is covered) it works out once.
    """

    def __init__(self, inventory: Inventory, plan: Plan | None) -> None:
        self.inventory = inventory
        self.plan = plan
        self.plan_id = BREAK_FIX if plan is None else plan.id
        self.graph: DependencyGraph = graph_of(inventory)
        self.vendors: dict[str, Vendor] = {v.id: v for v in inventory.vendors}
        self.default_vendor: Vendor = inventory.default_vendor()
        self._covers = {v.id: covers_vendor(plan, v) for v in inventory.vendors}
        default = self.default_vendor
        self.wrong_call: Engagement = vendor_engagement(default, None, None, default.billing)
        """One misdirected call: a diagnosing engagement under the default vendor terms."""
        self.blame_probability: float = inventory.model.blame_probability
        self._roles: list[Role | None] = [None] * len(self.graph)
        self._engagements: dict[tuple[Role, float | None], Engagement] = {}

    def covers(self, vendor: Vendor) -> bool:
        """Whether the plan takes over ``vendor``: listed (or ``all``) and billed hourly."""
        return covers_vendor(self.plan, vendor)

    def covered(self, component: Component) -> bool:
        """Whether the plan covers ``component``: its vendor is covered, or unowned under ``all``."""
        plan = self.plan
        if plan is None:
            return False
        if component.vendor is None:
            return plan.covers == "all"
        return self._covers[component.vendor]

    def failure_rate(self, component: Component) -> float:
        """Failures per year of ``component`` under the plan (section 2)."""
        if self.plan is not None and self.covered(component):
            return component.failures_per_year * (1 - self.plan.failure_reduction)
        return component.failures_per_year

    def watches(self, component: Component) -> bool:
        """Whether the plan's monitoring sees ``component`` fail."""
        plan = self.plan
        if plan is None or not component.monitored:
            return False
        if self.covered(component):
            return True
        return (
            plan.covers == "all"
            and component.vendor is not None
            and self.vendors[component.vendor].billing == "included"
        )

    def partner(self) -> Role:
        """The plan's managed partner (the plan must not be break-fix)."""
        assert self.plan is not None
        return Role("partner", self.plan.id)

    def role(self, node: int) -> Role:
        """Who is called for graph node ``node`` under the plan.

        A component: the partner when the plan covers it, else its vendor,
        else unowned. A service: the party the symptom rule calls first, the
        partner when the plan covers ``all`` or the service's owner, else its
        owner, else unowned. Worked out once per node: every incident whose
        chain passes through the node asks again.
        """
        found = self._roles[node]
        if found is None:
            found = self._roles[node] = self._role(node)
        return found

    def _role(self, node: int) -> Role:
        item = self.graph.node(node)
        plan = self.plan
        if isinstance(item, Component):
            if plan is not None and self.covered(item):
                return Role("partner", plan.id)
            return _UNOWNED if item.vendor is None else Role("vendor", item.vendor)
        owner = item.owner
        if plan is not None and (
            plan.covers == "all" or (owner is not None and self._covers[owner])
        ):
            return Role("partner", plan.id)
        return _UNOWNED if owner is None else Role("vendor", owner)

    def node_turns(self) -> list[tuple[Role, float]]:
        """Per graph node, the party it brings into a chain of hand-offs and that party's
        engagement hours without repair (what bounds a combined failure's chain)."""
        roles = [self.role(n) for n in range(len(self.graph))]
        hours = {role: self.engagement(role, None).hours for role in set(roles)}
        return [(role, hours[role]) for role in roles]

    def engagement(self, role: Role, repair: float | None) -> Engagement:
        """The engagement of one party; ``repair`` is the root's repair hours for the last party.

        Kept per (role, repair): an engagement is immutable and a site has
        few distinct pairs.
        """
        key = (role, repair)
        found = self._engagements.get(key)
        if found is None:
            found = self._engagements[key] = self._engagement(role, repair)
        return found

    def _engagement(self, role: Role, repair: float | None) -> Engagement:
        if role.kind == "partner":
            assert self.plan is not None
            plan = self.plan
            hours = (1 - plan.remote_fix_rate) * plan.response_hours + plan.diagnosis_hours
            return Engagement(role.party, hours + (repair or 0.0), 0.0)
        if role.kind == "vendor":
            assert role.party is not None
            vendor = self.vendors[role.party]
            return vendor_engagement(vendor, role.party, repair, vendor.billing)
        default = vendor_engagement(self.default_vendor, None, repair, "hourly")
        search = self.inventory.model.unowned_search_hours
        return Engagement(None, search + default.hours, default.labor)


def plan_view(inventory: Inventory, plan_id: str) -> PlanView:
    """The view of ``inventory`` under ``plan_id``, built once per plan and kept with it.

    Raises :class:`UnknownIdError` for an unknown plan.
    """
    return inventory.derived(_build_view, plan_id)


def _build_view(inventory: Inventory, plan_id: str) -> PlanView:
    return PlanView(inventory, plan_of(inventory, plan_id))

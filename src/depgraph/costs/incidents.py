"""The troubleshooting model: one incident, with its chain of hand-offs.

This module implements section 1 of ``cost-model.md`` literally (section 2,
the expected year, is :mod:`depgraph.costs.yearly`). An
*incident* is one failure of a root component ``r`` under a plan ``P``
(``break-fix`` or a plan id): what goes down, how the failure is detected,
which parties are called in turn (the chain of hand-offs), how long the
services stay down and what that costs.

Where the spec is silent this module decides, and says so here:

* **A service's party.** Requirement paths and requirement edges can pass
  through services (components and services may require each other). Under
  ``P`` a service's party is the one the symptom rule calls first: the
  partner when ``P`` covers ``all`` or the service's owner is a vendor ``P``
  covers, else its owner, else unowned. Under break-fix that is its owner.
* **Unowned search hours** add to the time to restore only; they are the
  client's own time, not billed labor.
* **Misdirection** uses the default vendor terms as they are, billing
  included: if ``defaults.vendor`` says ``billing: included`` a misdirected
  call costs hours but no labor. (The unowned engagement, by contrast, is
  billed hourly whatever the defaults say, as the spec states.)

Example (a router owned by NetCo behind an ISP line that is billed ``included``):

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors:
...   - {id: isp, billing: included, response_hours: 4, diagnosis_hours: 1}
...   - {id: netco, response_hours: 24, diagnosis_hours: 1, hourly_rate: 100, trip_fee: 50}
... components:
...   - {id: line, category: network, vendor: isp, repair_hours: 2}
...   - {id: router, category: network, vendor: netco, requires: [line]}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 10, people: 2, owner: netco}
... plans:
...   - {id: care, monthly_fee: 100}
... ''')
>>> i = incident(inv, "break-fix", "line")
>>> i.detection, i.parties, i.handoffs
('symptom', ('netco', 'isp'), 1)
>>> i.hours  # 0.5 notice + 25 netco + 7 isp + 0.25 x (24 + 1.5) misdirection
38.875
>>> incident(inv, "care", "line").parties  # monitored: the partner calls the ISP
('care', 'isp')
"""

from __future__ import annotations

from collections import deque
from collections.abc import Container, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, NamedTuple

from depgraph.costs.plans import covers_vendor, failure_rate, is_covered, plan_of
from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.inventory.models import BREAK_FIX, Component, Inventory, Plan, Service, Vendor

__all__ = [
    "Engagement",
    "Incident",
    "LATENT",
    "MONITORING",
    "Party",
    "SYMPTOM",
    "combined_incident",
    "incident",
    "incidents",
    "node_role",
    "node_turns",
    "requirement_path",
    "restoration_hours",
]

Party = str | None
"""A party as reported: a vendor id, the plan id for the managed partner, ``None`` for unowned."""

MONITORING, SYMPTOM, LATENT = "monitoring", "symptom", "latent"


class _Role(NamedTuple):
    """A party with its kind, so that a plan id equal to a vendor id stays unambiguous."""

    kind: str  # "partner" | "vendor" | "unowned"
    party: Party


_UNOWNED = _Role("unowned", None)


@dataclass(frozen=True)
class Engagement:
    """One party's turn in an incident: hours until it is done, and the labor it bills."""

    party: Party
    hours: float
    labor: float


@dataclass(frozen=True)
class Incident:
    """One failure of component ``root`` under ``plan`` (``cost-model.md`` section 1).

    ``misdirectable_handoffs`` counts the hand-offs between two consecutive
    parties of which neither is the partner; each adds, in expectation,
    ``blame_probability`` x (``misdirection_hours``, ``misdirection_labor``),
    the hours and labor of one diagnosing engagement under the default vendor
    terms. ``hours`` and ``labor`` include that expected misdirection.
    """

    plan: str
    root: str
    symptom: str | None
    detection: str
    detection_hours: float
    parties: tuple[Party, ...]
    handoffs: int
    engagements: tuple[Engagement, ...]
    misdirectable_handoffs: int
    misdirection_hours: float
    misdirection_labor: float
    down_services: tuple[str, ...]
    service_cost_per_hour: float
    service_people: int
    hours: float
    labor: float
    downtime_cost: float
    people_hours: float
    total: float
    rate: float
    covered: bool

    def to_json(self) -> dict[str, Any]:
        """One entry of the ``incidents --json`` list of ``cli.md``."""
        return {
            "root": self.root,
            "symptom": self.symptom,
            "detection": self.detection,
            "parties": list(self.parties),
            "handoffs": self.handoffs,
            "hours": self.hours,
            "labor": self.labor,
            "downtime_cost": self.downtime_cost,
            "people_hours": self.people_hours,
            "total": self.total,
            "rate": self.rate,
        }


def _component_role(inventory: Inventory, plan: Plan | None, component: Component) -> _Role:
    if plan is not None and is_covered(inventory, plan, component):
        return _Role("partner", plan.id)
    if component.vendor is not None:
        return _Role("vendor", component.vendor)
    return _UNOWNED


def _service_role(inventory: Inventory, plan: Plan | None, service: Service) -> _Role:
    """The party called first for ``service``: the symptom rule of section 1."""
    owner = service.owner
    if plan is not None and (
        plan.covers == "all" or (owner is not None and covers_vendor(plan, inventory.vendor(owner)))
    ):
        return _Role("partner", plan.id)
    return _UNOWNED if owner is None else _Role("vendor", owner)


def node_role(inventory: Inventory, plan: Plan | None, graph: DependencyGraph, node: int) -> _Role:
    node_id = graph.ids[node]
    if graph.is_service(node):
        return _service_role(inventory, plan, inventory.service(node_id))
    return _component_role(inventory, plan, inventory.component(node_id))


def node_turns(
    inventory: Inventory, plan: Plan | None, graph: DependencyGraph
) -> list[tuple[_Role, float]]:
    """Per node, the party it brings into a chain of hand-offs and its engagement hours
    without repair."""
    roles = [node_role(inventory, plan, graph, n) for n in range(len(graph))]
    hours = {role: _engagement(inventory, plan, role, None).hours for role in set(roles)}
    return [(role, hours[role]) for role in roles]


def _symptom(graph: DependencyGraph, services: list[int]) -> str | None:
    """The most costly service node, then the one with most people, then the smallest id."""
    if not services:
        return None
    best = min(services, key=lambda n: (-graph.cost_per_hour[n], -graph.people[n], graph.ids[n]))
    return graph.ids[best]


def _watches(inventory: Inventory, plan: Plan | None, root: Component) -> bool:
    """Whether monitoring under ``plan`` sees ``root`` fail."""
    if plan is None or not root.monitored:
        return False
    if is_covered(inventory, plan, root):
        return True
    return (
        plan.covers == "all"
        and root.vendor is not None
        and inventory.vendor(root.vendor).billing == "included"
    )


def requirement_path(
    graph: DependencyGraph, start: int, goal: int, down: Container[int]
) -> list[int]:
    """The shortest requirement path ``start`` = n0, ..., nk = ``goal`` through ``down`` nodes.

    Breadth-first from ``start``; each node taken from the queue visits its
    clauses and their members in file order, and a node's parent is the node
    it was first reached from, so among equally short paths the one reached
    first wins. Returns ``[]`` when ``goal`` cannot be reached.

    >>> from depgraph import load_inventory
    >>> inv = load_inventory('''
    ... version: 1
    ... site: {name: demo}
    ... components:
    ...   - {id: root, category: network}
    ...   - {id: a, category: network, requires: [root]}
    ...   - {id: b, category: network, requires: [root]}
    ... services:
    ...   - {id: tv, requires: [b, a]}
    ... ''')
    >>> graph = graph_of(inv)
    >>> path = requirement_path(graph, graph.index["tv"], graph.index["root"], {0, 1, 2, 3})
    >>> [graph.ids[n] for n in path]  # b is listed first, so it wins the tie with a
    ['tv', 'b', 'root']
    """
    parent = {start: start}
    queue = deque([start])
    while queue and goal not in parent:
        node = queue.popleft()
        for clause in graph.node_clauses[node]:
            for member in graph.clause_members[clause]:
                if member in down and member not in parent:
                    parent[member] = node
                    queue.append(member)
    if goal not in parent:
        return []
    path = [goal]
    while path[-1] != start:
        path.append(parent[path[-1]])
    return path[::-1]


def _collapse(roles: Iterable[_Role]) -> list[_Role]:
    """The roles with consecutive repeats collapsed."""
    chain: list[_Role] = []
    for role in roles:
        if not chain or chain[-1] != role:
            chain.append(role)
    return chain


def _vendor_engagement(
    vendor: Vendor, party: Party, repair: float | None, billing: str
) -> Engagement:
    """A vendor's response and diagnosis, plus the repair when ``repair`` is given."""
    work = vendor.diagnosis_hours + (repair or 0.0)
    labor = vendor.trip_fee + vendor.hourly_rate * max(vendor.minimum_hours, work)
    return Engagement(
        party=party,
        hours=vendor.response_hours + work,
        labor=labor if billing == "hourly" else 0.0,
    )


def _engagement(
    inventory: Inventory, plan: Plan | None, role: _Role, repair: float | None
) -> Engagement:
    """The engagement of one party; ``repair`` is r's repair hours for the last party, else None."""
    if role.kind == "partner":
        assert plan is not None
        hours = (1 - plan.remote_fix_rate) * plan.response_hours + plan.diagnosis_hours
        return Engagement(role.party, hours + (repair or 0.0), 0.0)
    if role.kind == "vendor":
        assert role.party is not None
        vendor = inventory.vendor(role.party)
        return _vendor_engagement(vendor, role.party, repair, vendor.billing)
    default = _vendor_engagement(inventory.default_vendor(), None, repair, "hourly")
    return Engagement(None, inventory.model.unowned_search_hours + default.hours, default.labor)


def _detection(
    inventory: Inventory, plan: Plan | None, root: Component, down: Container[int],
    symptom: str | None,
) -> tuple[str, float, list[_Role]]:
    """How the failure of ``root`` is detected, after how long, and the chain of parties."""
    graph = graph_of(inventory)
    root_role = _component_role(inventory, plan, root)
    if _watches(inventory, plan, root):
        assert plan is not None
        partner = _Role("partner", plan.id)
        return MONITORING, plan.detection_hours, _collapse([partner, root_role])
    if symptom is not None:
        service = inventory.service(symptom)
        start, goal = graph.index[symptom], graph.index[root.id]
        path = requirement_path(graph, start, goal, down)
        later = [node_role(inventory, plan, graph, n) for n in path[1:]]
        chain = _collapse([_service_role(inventory, plan, service), *later])
        return SYMPTOM, service.notice_hours, chain
    return LATENT, inventory.model.latent_discovery_days * 24, [root_role]


def incident(
    inventory: Inventory, plan_id: str, root: str, failed: Iterable[str] = ()
) -> Incident:
    """The incident of component ``root`` failing under ``plan_id`` (section 1).

    With ``failed``, ``root`` fails while those components are already failed
    (``cost-model.md`` section 3). A failure that takes a service down on its
    own, or that the plan watches, is still its incident alone. One that
    takes services down only together with ``failed`` is a *combined*
    incident: section 1 on the failed set, with S the services it newly
    takes down (see :func:`combined_incident`). One that takes nothing down
    either way is latent.

    Raises :class:`UnknownIdError` for an unknown plan or component.
    """
    plan = plan_of(inventory, plan_id)
    graph = graph_of(inventory)
    node = graph.component_index(root)
    alone = graph.down([node])
    others = [graph.component_index(c) for c in failed if c != root]
    if others and not _watches(inventory, plan, inventory.component(root)) and not any(
        graph.is_service(n) for n in alone
    ):
        before, after = graph.down(others), graph.down([*others, node])
        lost = [n for n in after - before if graph.is_service(n)]
        if lost:
            return combined_incident(inventory, plan_id, node, after, lost)
    services = [n for n in alone if graph.is_service(n)]
    return combined_incident(inventory, plan_id, node, alone, services)


def combined_incident(
    inventory: Inventory, plan_id: str, node: int, down: Container[int], lost: Iterable[int]
) -> Incident:
    """The incident of component ``node`` (a graph index) that takes the services ``lost`` down.

    Section 1 with the nodes ``down`` (at least the nodes that are down once
    ``node`` failed) in place of the blast radius of ``node`` and ``lost``
    (service nodes) in place of S: the symptom is the costliest of ``lost``,
    the first party follows the symptom rule and the chain the shortest path
    from the symptom to ``node`` through ``down``. The incident of a failure
    alone is the case ``down`` = its blast radius, ``lost`` = its services;
    the simulation calls this for a failure that takes services down only in
    combination with those already failed (``cost-model.md`` section 3).
    """
    plan = plan_of(inventory, plan_id)
    graph = graph_of(inventory)
    component = inventory.component(graph.ids[node])
    service_nodes = sorted(lost, key=graph.ids.__getitem__)
    symptom = _symptom(graph, service_nodes)
    detection, detection_hours, chain = _detection(inventory, plan, component, down, symptom)
    last = len(chain) - 1
    engagements = tuple(
        _engagement(inventory, plan, role, component.repair_hours if i == last else None)
        for i, role in enumerate(chain)
    )
    misdirectable = sum(
        1 for a, b in pairwise(chain) if a.kind != "partner" and b.kind != "partner"
    )
    default = inventory.default_vendor()
    wrong_call = _vendor_engagement(default, None, None, default.billing)
    blame = inventory.model.blame_probability
    hours = (
        detection_hours
        + sum(e.hours for e in engagements)
        + misdirectable * blame * wrong_call.hours
    )
    labor = sum(e.labor for e in engagements) + misdirectable * blame * wrong_call.labor
    cost_per_hour = sum(graph.cost_per_hour[n] for n in service_nodes)
    people = sum(graph.people[n] for n in service_nodes)
    downtime_cost = hours * cost_per_hour
    return Incident(
        plan=plan_id,
        root=component.id,
        symptom=symptom,
        detection=detection,
        detection_hours=detection_hours,
        parties=tuple(role.party for role in chain),
        handoffs=len(chain) - 1,
        engagements=engagements,
        misdirectable_handoffs=misdirectable,
        misdirection_hours=wrong_call.hours,
        misdirection_labor=wrong_call.labor,
        down_services=tuple(graph.ids[n] for n in service_nodes),
        service_cost_per_hour=cost_per_hour,
        service_people=people,
        hours=hours,
        labor=labor,
        downtime_cost=downtime_cost,
        people_hours=hours * people,
        total=labor + downtime_cost,
        rate=failure_rate(inventory, plan, component),
        covered=is_covered(inventory, plan, component),
    )


def incidents(inventory: Inventory, plan_id: str = BREAK_FIX) -> list[Incident]:
    """One incident per component under ``plan_id``, sorted by root id.

    Computed once per plan and kept with the (immutable) inventory, since the
    expected year of every plan needs the break-fix incidents too.
    """
    plan_of(inventory, plan_id)
    return list(inventory.derived(_all_incidents, plan_id))


def _all_incidents(inventory: Inventory, plan_id: str) -> tuple[Incident, ...]:
    roots = sorted(c.id for c in inventory.components)
    return tuple(incident(inventory, plan_id, root) for root in roots)


def restoration_hours(inventory: Inventory) -> dict[str, float]:
    """Each component's time to restore under break-fix: its incident hours, by component id."""
    return {i.root: i.hours for i in incidents(inventory, BREAK_FIX)}

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
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from depgraph.collector import collector_paused
from depgraph.costs.plans import (
    Engagement,
    Party,
    PlanView,
    Role,
    plan_view,
)
from depgraph.costs.schedules import calendar, site_calendars, timeline_of, week_figures
from depgraph.costs.timeline import Timeline
from depgraph.engine.graph import DependencyGraph
from depgraph.engine.people import people_of_nodes
from depgraph.engine.single import single_failures
from depgraph.inventory.models import BREAK_FIX, Inventory, Plan

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
    "node_turns",
    "requirement_path",
    "restoration_hours",
]

MONITORING, SYMPTOM, LATENT = "monitoring", "symptom", "latent"


@dataclass(frozen=True, slots=True)
class Incident:
    """One failure of component ``root`` under ``plan`` (``cost-model.md`` section 1).

    With calendars (``time-and-people.md`` section 2) ``hours``,
    ``downtime_cost`` and ``people_hours`` are means over the 672
    quarter-hour start times of the week and the misdirection outcomes;
    ``hours_p90`` is the 90th percentile of the time to restore over the
    start times without misdirection; ``service_people`` counts each audience
    once; ``timeline`` lays the incident on the calendars.

    ``misdirectable_handoffs`` counts the hand-offs between two consecutive
    parties of which neither is the partner; each adds, in expectation,
    ``blame_probability`` x (``misdirection_hours``, ``misdirection_labor``),
    the hours and labor of one diagnosing engagement under the default vendor
    terms. ``hours`` and ``labor`` include that expected misdirection;
    ``base_hours`` (detection plus engagements), ``work_hours`` (engagements
    alone) and ``base_labor`` (engagements alone) do not: they are what the
    simulation draws misdirection onto.
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
    base_hours: float
    work_hours: float
    base_labor: float
    hours_p90: float = 0.0
    timeline: Timeline | None = None

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
            "hours_p90": self.hours_p90,
        }


def node_turns(
    inventory: Inventory, plan: Plan | None, graph: DependencyGraph
) -> list[tuple[Role, float]]:
    """Per node, the party it brings into a chain of hand-offs and its engagement hours
    without repair."""
    view = plan_view(inventory, BREAK_FIX if plan is None else plan.id)
    roles = [view.role(n) for n in range(len(graph))]
    hours = {role: view.engagement(role, None).hours for role in set(roles)}
    return [(role, hours[role]) for role in roles]


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
    >>> from depgraph import graph_of
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


def _collapse(roles: Iterable[Role]) -> list[Role]:
    """The roles with consecutive repeats collapsed."""
    chain: list[Role] = []
    for role in roles:
        if not chain or chain[-1] != role:
            chain.append(role)
    return chain


class _Footprint:
    """What a failure takes down, as every plan sees it alike: computed once per root and failed set.

    ``by_symptom`` are the lost services in the symptom rule's order, ``by_id``
    the same sorted by id with their ids and summed cost per hour; the
    requirement path from the symptom to the root is found on first ask (a
    watched failure never needs it).
    """

    __slots__ = ("_path", "_people", "by_id", "by_symptom", "cost_per_hour", "down", "ids", "root")

    def __init__(
        self, graph: DependencyGraph, root: int, down: Container[int], by_symptom: Sequence[int]
    ) -> None:
        self.root, self.down, self.by_symptom = root, down, by_symptom
        self.by_id = sorted(by_symptom, key=graph.ids.__getitem__)
        self.ids = tuple(graph.ids[n] for n in self.by_id)
        self.cost_per_hour = sum(graph.cost_per_hour[n] for n in self.by_id)
        self._path: list[int] | None = None
        self._people: int | None = None

    def people(self, inventory: Inventory) -> int:
        """The people who lose at least one of the lost services (the same under every plan)."""
        if self._people is None:
            self._people = people_of_nodes(inventory, self.by_id)
        return self._people

    def path(self, graph: DependencyGraph) -> list[int]:
        """The requirement path from the symptom (there must be one) to the root."""
        if self._path is None:
            self._path = requirement_path(graph, self.by_symptom[0], self.root, self.down)
        return self._path


def _misdirectable(chain: list[Role]) -> int:
    """The hand-offs of ``chain`` between two parties of which neither is the partner."""
    if len(chain) < 2:
        return 0
    return sum([1 for a, b in pairwise(chain) if a.kind != "partner" and b.kind != "partner"])


def _detection(view: PlanView, footprint: _Footprint) -> tuple[str, float, list[Role]]:
    """How the failure of ``footprint``'s root is detected, after how long, and the chain."""
    graph, inventory, root = view.graph, view.inventory, footprint.root
    root_role = view.role(root)
    if view.watches(inventory.components[root]):
        assert view.plan is not None
        return MONITORING, view.plan.detection_hours, _collapse([view.partner(), root_role])
    if footprint.by_symptom:
        symptom = footprint.by_symptom[0]
        role = view.role
        chain = _collapse([role(symptom), *[role(n) for n in footprint.path(graph)[1:]]])
        return SYMPTOM, inventory.services[symptom - graph.n_components].notice_hours, chain
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
    either way is latent. The incident of a failure alone is computed once
    per plan and root and kept with the (immutable) inventory.

    Raises :class:`UnknownIdError` for an unknown plan or component.
    """
    known = inventory.derived(_Known, plan_id)
    view, single = known.view, known.single
    graph = view.graph
    node = graph.component_index(root)
    others = [graph.component_index(c) for c in failed if c != root]
    if others and not view.watches(inventory.components[node]) and not single.services(node):
        before, after = single.down_together(others), single.down_together([*others, node])
        lost = [n for n in after - before if graph.is_service(n)]
        if lost:
            return _incident(view, _Footprint(graph, node, after, graph.service_order(lost)))
    return known.alone(node)


class _Footprints:
    """The footprint of each component failing alone, shared by every plan, by root node."""

    def __init__(self, inventory: Inventory) -> None:
        self.single = single_failures(inventory)
        self.by_node: dict[int, _Footprint] = {}
        ids = self.single.graph.ids
        self.roots_by_id = sorted(range(self.single.graph.n_components), key=ids.__getitem__)

    def alone(self, node: int) -> _Footprint:
        """The footprint of component node ``node`` failing alone."""
        found = self.by_node.get(node)
        if found is None:
            single = self.single
            found = _Footprint(single.graph, node, single.down(node), single.services(node))
            self.by_node[node] = found
        return found


class _Known:
    """The incidents of single failures under one plan computed so far, by root node."""

    def __init__(self, inventory: Inventory, plan_id: str) -> None:
        self.view = plan_view(inventory, plan_id)
        self.footprints = inventory.derived(_Footprints)
        self.single = self.footprints.single
        self.by_node: dict[int, Incident] = {}

    def alone(self, node: int) -> Incident:
        """The incident of component node ``node`` failing alone."""
        found = self.by_node.get(node)
        if found is None:
            found = self.by_node[node] = _incident(self.view, self.footprints.alone(node))
        return found


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
    view = plan_view(inventory, plan_id)
    return _incident(view, _Footprint(view.graph, node, down, view.graph.service_order(lost)))


def _incident(view: PlanView, footprint: _Footprint) -> Incident:
    """Section 1 for ``footprint``'s root under ``view``'s plan (see :func:`combined_incident`)."""
    inventory, graph = view.inventory, view.graph
    component = inventory.components[footprint.root]
    symptom = footprint.by_symptom[0] if footprint.by_symptom else None
    detection, detection_hours, chain = _detection(view, footprint)
    *before, last = chain
    engagements = (
        *[view.engagement(role, None) for role in before],
        view.engagement(last, component.repair_hours),
    )
    misdirectable = _misdirectable(chain)
    wrong_call, blame = view.wrong_call, view.blame_probability
    work_hours = sum([e.hours for e in engagements])
    base_hours = detection_hours + work_hours
    base_labor = sum([e.labor for e in engagements])
    hours = base_hours + misdirectable * blame * wrong_call.hours
    labor = base_labor + misdirectable * blame * wrong_call.labor
    cost_per_hour, down_services = footprint.cost_per_hour, footprint.ids
    people = footprint.people(inventory)
    downtime_cost = hours * cost_per_hour
    people_hours = hours * people
    hours_p90 = base_hours
    detection_calendar = (
        calendar(inventory.service_hours(inventory.services[symptom - graph.n_components]))
        if detection == SYMPTOM and symptom is not None else None
    )
    calendars = view.derived_once(site_calendars)
    timeline = timeline_of(
        inventory, view.plan, chain, detection_calendar, detection_hours, component.repair_hours,
        calendars,
    )
    first_service = graph.n_components
    services = [n - first_service for n in footprint.by_id]
    timed = week_figures(inventory, timeline, services, calendars)
    if timed is not None:
        hours, hours_p90 = timed.hours, timed.hours_p90
        downtime_cost, people_hours = timed.downtime_cost, timed.people_hours
    return Incident(
        plan=view.plan_id,
        root=component.id,
        symptom=None if symptom is None else graph.ids[symptom],
        detection=detection,
        detection_hours=detection_hours,
        parties=tuple(role.party for role in chain),
        handoffs=len(chain) - 1,
        engagements=engagements,
        misdirectable_handoffs=misdirectable,
        misdirection_hours=wrong_call.hours,
        misdirection_labor=wrong_call.labor,
        down_services=down_services,
        service_cost_per_hour=cost_per_hour,
        service_people=people,
        hours=hours,
        labor=labor,
        downtime_cost=downtime_cost,
        people_hours=people_hours,
        total=labor + downtime_cost,
        rate=view.failure_rate(component),
        covered=view.covered(component),
        base_hours=base_hours,
        work_hours=work_hours,
        base_labor=base_labor,
        hours_p90=hours_p90,
        timeline=timeline,
    )


def incidents(inventory: Inventory, plan_id: str = BREAK_FIX) -> list[Incident]:
    """One incident per component under ``plan_id``, sorted by root id.

    Computed once per plan and kept with the (immutable) inventory, since the
    expected year of every plan needs the break-fix incidents too.
    """
    return list(inventory.derived(_all_incidents, plan_id))


def _all_incidents(inventory: Inventory, plan_id: str) -> tuple[Incident, ...]:
    """Every incident of ``plan_id``, by root id; they make no reference cycles (see
    :mod:`depgraph.collector`)."""
    known = inventory.derived(_Known, plan_id)
    with collector_paused():
        return tuple(known.alone(node) for node in known.footprints.roots_by_id)


def restoration_hours(inventory: Inventory) -> dict[str, float]:
    """Each component's time to restore under break-fix: its incident hours, by component id."""
    return {i.root: i.hours for i in incidents(inventory, BREAK_FIX)}

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

from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import Any

from depgraph.collector import collector_paused
from depgraph.costs.handling import Handlings
from depgraph.costs.impacts import Impact, Impacts
from depgraph.costs.plans import Engagement, Party, PlanView, Role, plan_view
from depgraph.costs.schedules import week_figures
from depgraph.costs.timeline import Timeline
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX

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


def _collapse(roles: Iterable[Role]) -> list[Role]:
    """The roles with consecutive repeats collapsed."""
    chain: list[Role] = []
    for role in roles:
        if not chain or chain[-1] != role:
            chain.append(role)
    return chain


def _detection(view: PlanView, impact: Impact) -> tuple[str, float, list[Role]]:
    """How the failure of ``impact``'s root is detected, after how long, and the chain."""
    graph, inventory, root = view.graph, view.inventory, impact.root
    root_role = view.role(root)
    if view.watches(inventory.components[root]):
        assert view.plan is not None
        return MONITORING, view.plan.detection_hours, _collapse([view.partner(), root_role])
    if impact.by_symptom:
        symptom = impact.by_symptom[0]
        role = view.role
        chain = _collapse([role(symptom), *[role(n) for n in impact.path(graph)[1:]]])
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
            return _incident(known.handlings, Impact(graph, node, after, graph.service_order(lost)))
    return known.alone(node)


class _Known:
    """The incidents of single failures under one plan computed so far, by root node."""

    def __init__(self, inventory: Inventory, plan_id: str) -> None:
        self.view = plan_view(inventory, plan_id)
        self.handlings = Handlings(self.view)
        self.impacts = inventory.derived(Impacts)
        self.single = self.impacts.single
        self.by_node: dict[int, Incident] = {}

    def alone(self, node: int) -> Incident:
        """The incident of component node ``node`` failing alone."""
        found = self.by_node.get(node)
        if found is None:
            found = self.by_node[node] = _incident(self.handlings, self.impacts.alone(node))
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
    known = inventory.derived(_Known, plan_id)
    graph = known.view.graph
    return _incident(known.handlings, Impact(graph, node, down, graph.service_order(lost)))


def _incident(handlings: Handlings, impact: Impact) -> Incident:
    """Section 1 for ``impact``'s root under the handlings' plan (see :func:`combined_incident`)."""
    view = handlings.view
    inventory, graph = view.inventory, view.graph
    component = inventory.components[impact.root]
    symptom = impact.by_symptom[0] if impact.by_symptom else None
    detection, detection_hours, chain = _detection(view, impact)
    detection_calendar = (
        handlings.detection_calendar(symptom)
        if detection == SYMPTOM and symptom is not None else None
    )
    handling = handlings.handling(chain, detection_calendar, detection_hours, component.repair_hours)
    cost_per_hour = impact.cost_per_hour
    people = impact.people(inventory)
    hours, labor = handling.hours, handling.labor
    calendars = handlings.calendars
    timed = (
        None if handling.plain and impact.always_open(calendars)
        else week_figures(inventory, handling.timeline, impact.services, calendars)
    )
    if timed is None:
        hours_p90, downtime_cost, people_hours = handling.base_hours, hours * cost_per_hour, hours * people
    else:
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
        engagements=handling.engagements,
        misdirectable_handoffs=handling.misdirectable,
        misdirection_hours=view.wrong_call.hours,
        misdirection_labor=view.wrong_call.labor,
        down_services=impact.ids,
        service_cost_per_hour=cost_per_hour,
        service_people=people,
        hours=hours,
        labor=labor,
        downtime_cost=downtime_cost,
        people_hours=people_hours,
        total=labor + downtime_cost,
        rate=view.failure_rate(component),
        covered=view.covered(component),
        base_hours=handling.base_hours,
        work_hours=handling.work_hours,
        base_labor=handling.base_labor,
        hours_p90=hours_p90,
        timeline=handling.timeline,
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
        return tuple(known.alone(node) for node in known.impacts.roots_by_id)


def restoration_hours(inventory: Inventory) -> dict[str, float]:
    """Each component's time to restore under break-fix: its incident hours, by component id."""
    return {i.root: i.hours for i in incidents(inventory, BREAK_FIX)}

"""Failures that take a service down only together with failures already present.

``cost-model.md`` section 3: the second uplink failing while the first sits
latent, the second access point of a 2-of-3 group. Such a failure is a
*symptom* incident costed by section 1 on the failed set at that moment: the
symptom is the costliest service it newly takes down, the first party is
chosen by the symptom rule, the chain follows the shortest path from that
service to the failed component through the nodes down, and each eligible
hand-off may be misdirected (:func:`depgraph.costs.incidents.combined_incident`,
the function that costs every incident). Only the event replay
(:mod:`depgraph.simulation.replay`) sees these failures; this module costs
them for one plan (:class:`CombinedCosts`), bounds how long they can last and
how many hand-offs they can have so that the overlap groups stay valid
(:func:`chain_bounds`), and sums them up for the report
(:class:`CombinedFailures`).

Example: the fibre fails while the LTE backup sits unnoticed; the client
calls NetCo, who owns the internet and the router, and NetCo hands off to
FiberCo.

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... model: {blame_probability: 0}
... vendors:
...   - {id: fiberco, billing: included, response_hours: 4, diagnosis_hours: 1}
...   - {id: netco, response_hours: 24, diagnosis_hours: 1, hourly_rate: 100, trip_fee: 50}
... components:
...   - {id: fibre, category: network, vendor: fiberco, repair_hours: 2}
...   - {id: lte, category: network, vendor: fiberco}
...   - {id: router, category: network, vendor: netco, requires: [{any: [fibre, lte]}]}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 100, owner: netco}
... ''')
>>> costs = CombinedCosts(inv, "break-fix")
>>> costs.restoration(0, failed=[1, 0], lost=[3], start=300.0, spread=1.0, blame=[])
(332.5, 150.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import networkx as nx
import numpy as np

from depgraph.costs.incidents import combined_incident
from depgraph.costs.plans import plan_of, plan_view
from depgraph.costs.schedules import plain
from depgraph.costs.timeline import restored
from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.engine.single import single_failures
from depgraph.inventory.container import Inventory
from depgraph.simulation.sampling import BoolArray, FloatArray, IntArray
from depgraph.text import hours as hours_text

__all__ = [
    "ChainBounds",
    "CombinedCosts",
    "CombinedFailures",
    "Figures",
    "LoopOrder",
    "MATTERS",
    "chain_bounds",
    "combined_paragraph",
    "combined_sentence",
    "combined_summary",
    "component_sentence",
    "how_often",
    "loop_order",
]


class CombinedCosts:
    """The time to restore and labor of combined failures under one plan.

    A failure's draws are those of every incident: its lognormal factor
    multiplies the hours without misdirection, and the hand-off at position
    j is misdirected when its j-th uniform number is below
    ``blame_probability``, each adding one default engagement's hours and
    labor. On calendars the incident's timeline is laid from the start
    instead (``time-and-people.md`` section 4).
    """

    def __init__(self, inventory: Inventory, plan_id: str) -> None:
        plan_of(inventory, plan_id)
        self.inventory = inventory
        self.graph = graph_of(inventory)
        self.plan = plan_id
        self.blame = inventory.model.blame_probability

    def restoration(
        self, node: int, failed: Iterable[int], lost: Sequence[int], start: float,
        spread: float, blame: Sequence[float],
    ) -> tuple[float, float]:
        """(restoration time, labor) of component ``node`` failing at ``start``.

        ``failed`` lists every component failed once it failed, anywhere in
        the site (the chain may pass through nodes that failures elsewhere
        took down), ``lost`` the service nodes it newly took down, ``blame``
        the failure's uniform numbers.
        """
        down = single_failures(self.inventory).down_together(failed)
        event = combined_incident(self.inventory, self.plan, node, down, lost)
        handoffs = event.misdirectable_handoffs
        missed = [u < self.blame for u in blame[:handoffs]]
        misses = sum(missed)
        labor = event.base_labor + misses * event.misdirection_labor
        if event.timeline is not None and not plain(event.timeline):
            # on calendars (time-and-people.md section 4): the timeline laid from the start
            row = np.array([missed + [False] * (handoffs - len(missed))], dtype=bool)
            end = restored(event.timeline, np.array([start]), np.array([spread]), row)
            return float(end[0]), labor
        hours = event.base_hours * spread + misses * event.misdirection_hours
        return start + hours, labor


class ChainBounds(NamedTuple):
    """Per component, bounds on any combined failure of it under one plan.

    ``reach``: its hours without misdirection (notice, engagements, repair);
    ``handoffs``: its misdirectable hand-offs; ``possible``: whether a
    service lies above it at all (else it can never take one down).
    """

    reach: FloatArray
    handoffs: IntArray
    possible: BoolArray


class LoopOrder(NamedTuple):
    """The graph's nodes gathered by dependency loop, in dependency order (plan-independent).

    ``units`` lists each loop's nodes (a node outside loops is a loop of
    one), requirers before what they require; ``above[u]`` the units with a
    node requiring a node of unit u; ``unit_of[n]`` the unit of node n.
    """

    units: list[list[int]]
    above: list[list[int]]
    unit_of: list[int]


def loop_order(graph: DependencyGraph) -> LoopOrder:
    """The :class:`LoopOrder` of ``graph``."""
    dag = nx.DiGraph()
    dag.add_nodes_from(range(len(graph)))
    dag.add_edges_from(graph.requirement_edges())
    loops = nx.condensation(dag)
    order = list(nx.topological_sort(loops))
    position = {unit: i for i, unit in enumerate(order)}
    mapping = loops.graph["mapping"]
    return LoopOrder(
        units=[sorted(loops.nodes[u]["members"]) for u in order],
        above=[sorted(position[a] for a in loops.predecessors(u)) for u in order],
        unit_of=[position[mapping[n]] for n in range(len(graph))],
    )


def chain_bounds(
    inventory: Inventory, plan_id: str, graph: DependencyGraph, order: LoopOrder
) -> ChainBounds:
    """Bounds on the combined failures of every component under ``plan_id``.

    A chain follows a requirement path from a service down to the failed
    component and engages one party per run of consecutive nodes with the
    same party. So the heaviest path into each node, adding a node's
    engagement hours (and a misdirectable hand-off) only where the party
    changes, bounds every chain that ends there; it is found in dependency
    order (``order``), each dependency loop counted as if every node in it
    brought a new party. The costliest notice and the component's repair
    complete the hours.
    """
    turns = plan_view(inventory, plan_id).node_turns()
    hours = np.full(len(order.units), -np.inf)
    handoffs = np.zeros(len(order.units), dtype=np.int64)
    for unit, members in enumerate(order.units):
        weight = sum(turns[n][1] for n in members)
        if any(graph.is_service(n) for n in members):
            hours[unit] = weight
            handoffs[unit] = len(members) - 1
        for above in order.above[unit]:
            if hours[above] == -np.inf:
                continue
            pair = [*order.units[above], *members]
            same = len(pair) == 2 and turns[pair[0]][0] == turns[pair[1]][0]
            partner = len(pair) == 2 and "partner" in (turns[n][0].kind for n in pair)
            hours[unit] = max(hours[unit], hours[above] + (0.0 if same else weight))
            step = 0 if same or partner else len(members)
            handoffs[unit] = max(handoffs[unit], handoffs[above] + step)
    unit_of = np.array(order.unit_of[: graph.n_components], dtype=np.int64)
    notice = max((s.notice_hours for s in inventory.services), default=0.0)
    repair = np.array([c.repair_hours for c in inventory.components], dtype=float)
    possible = hours[unit_of] > -np.inf
    return ChainBounds(
        reach=np.where(possible, notice + hours[unit_of] + repair, 0.0),
        handoffs=np.where(possible, handoffs[unit_of], 0),
        possible=possible,
    )


Figures = tuple[float, float, float]
"""Combined failures a year, the share of years with at least one, their mean time to restore."""


@dataclass(frozen=True)
class CombinedFailures:
    """Section 3's combined failures of one plan over the simulated years.

    ``incidents``: mean combined failures a year; ``years``: the share of
    years with at least one; ``hours``: their mean time to restore (0 when
    there are none). ``services`` gives the same three figures by symptom
    (service id) and ``components`` by failed component (component id), for
    those that took part in at least one.
    """

    incidents: float
    years: float
    hours: float
    services: dict[str, Figures]
    components: dict[str, Figures]

    def to_json(self) -> dict[str, Any]:
        """The ``combined`` object of a ``compare --json`` simulation entry."""

        def entry(figures: Figures) -> dict[str, float]:
            return dict(zip(("incidents", "years", "hours"), figures, strict=True))

        return {
            "incidents": self.incidents,
            "years": self.years,
            "hours": self.hours,
            "services": {s: entry(f) for s, f in self.services.items()},
            "components": {c: entry(f) for c, f in self.components.items()},
        }


def combined_summary(
    inventory: Inventory, year: IntArray, service: IntArray, component: IntArray,
    hours: FloatArray, years: int,
) -> CombinedFailures:
    """The summary of combined failures given by year, symptom and component (inventory
    positions) and time to restore, over ``years`` simulated years."""

    def figures(chosen: BoolArray) -> Figures:
        count = int(chosen.sum())
        mean = float(hours[chosen].mean()) if count else 0.0
        return count / years, len(np.unique(year[chosen])) / years, mean

    def by(index: IntArray, ids: list[str]) -> dict[str, Figures]:
        return dict(sorted((ids[i], figures(index == i)) for i in set(index.tolist())))

    return CombinedFailures(
        *figures(np.ones(len(year), dtype=bool)),
        services=by(service, [s.id for s in inventory.services]),
        components=by(component, [c.id for c in inventory.components]),
    )


MATTERS = 0.01
"""Combined failures are told when they happen in at least this share of simulated years."""


def how_often(share: float) -> str:
    """A share of years in words.

    >>> how_often(0.5), how_often(0.1), how_often(0.043), how_often(0.0123), how_often(0.97)
    ('in 5 years of 10', 'in 1 year of 10', 'in 1 year of 23', 'in 1 year of 80', 'almost every year')
    """
    if share >= 0.95:
        return "almost every year"
    if share >= 0.095:
        count = round(10 * share)
        return f"in {count} year{'s' if count != 1 else ''} of 10"
    every = round(1 / share)
    return f"in 1 year of {every if every < 30 else round(every, -1)}"


def combined_sentence(inventory: Inventory, combined: CombinedFailures) -> str | None:
    """How often failures combine into an outage, and what it takes down; ``None`` when rare.

    Names the service such outages take down in the most years, with its
    mean time to restore.
    """
    if combined.years < MATTERS:
        return None
    service, (_, share, hours) = max(
        combined.services.items(), key=lambda item: (item[1][1], item[1][0], item[0])
    )
    name = inventory.service(service).name
    sentence = f"{how_often(combined.years)} a second failure while the first is still unrepaired "
    if len(combined.services) == 1:
        return sentence + f"takes {name} down for {hours_text(hours)}"
    return sentence + (
        f"takes a service down (most often {name}: {how_often(share)}, for {hours_text(hours)})"
    )


def combined_paragraph(
    inventory: Inventory, plans: Sequence[tuple[str, CombinedFailures]]
) -> str | None:
    """One sentence on combined failures under each plan (name, figures); ``None`` when rare
    under every plan."""
    told = [(name, combined_sentence(inventory, combined)) for name, combined in plans]
    if all(sentence is None for _, sentence in told):
        return None
    parts = [
        f"under {name}, {sentence or f'rarely (in fewer than 1 year of {round(1 / MATTERS)})'}"
        for name, sentence in told
    ]
    return "Failures that combine (simulated): " + "; ".join(parts) + "."


def component_sentence(figures: Figures | None) -> str | None:
    """How often one component's failure combines with another into an outage; ``None`` when rare."""
    if figures is None or figures[1] < MATTERS:
        return None
    _, share, hours = figures
    return (
        f"{how_often(share).capitalize()} it fails while another failure is still unrepaired "
        f"and together they take a service down, for {hours_text(hours)} on average "
        "(simulated under break-fix)."
    )

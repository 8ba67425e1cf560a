"""Event-by-event replay of failures that overlap: the rules of ``cost-model.md`` section 3.

A *group* is a list of failures, sorted by time, that may affect one another
(:mod:`depgraph.simulation.overlap` finds them). Replaying it walks their arrivals and
restorations in time order, keeps the set of failed components, and charges
the services down between events. The rules (decided in
:mod:`depgraph.simulation.simulator`, which documents them):

* a failure of a component that is still failed is absorbed (nothing added);
* each other arrival adds one incident and the failure's labor;
* an arrival *exposes* when its failure takes a service down on its own, or
  when it takes a service down in combination with the failures in progress;
  every latent failure then present (failed, not yet restored) is restored
  no later than the exposing failure;
* a failure latent on its own whose arrival takes a service down in
  combination is a *combined* failure: a symptom incident on the failed set
  at that moment (:class:`depgraph.simulation.combined.CombinedCosts` gives
  its restoration and labor, in place of the latent ones); it is not latent,
  so later exposures do not find it;
* restorations at the instant of an arrival happen first.

Replayed alone, a whole year follows these rules exactly. The simulation
replays smaller groups whose ``end`` already holds the restorations brought
forward by exposures elsewhere (:mod:`depgraph.simulation.discovery`); it carries the
combination-only exposures a replay reports (:attr:`Replayed.exposures`)
to the latent failures of other groups.

Two states give the nodes down: :class:`ExactState` keeps the least fixpoint
under any failed set (:class:`depgraph.engine.graph.FailureState`); :class:`UnionState`
counts, per node, the failures that take it down alone, which is exact when
the group's failures combine by union (no virtual failure joined it).

Example: two of three access points fail a week apart, both latent alone
(due back after 720 h). The second takes Wi-Fi down: a symptom incident.
Nobody owns the access points, so after 0.5 h of notice the client searches
24 h and then calls a vendor on the default terms (24 h response, 1.5 h
diagnosis, 1 h repair: $75 + 2.5 h x $150): 51 h and $450. The first access
point, present, is restored with it, and keeps its own $100 of labor.

>>> from depgraph import load_inventory
>>> from depgraph.engine.graph import graph_of
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components:
...   - {id: ap-1, category: network}
...   - {id: ap-2, category: network}
...   - {id: ap-3, category: network}
... services:
...   - {id: wifi, requires: [{at_least: 2, of: [ap-1, ap-2, ap-3]}], cost_per_hour: 10}
... ''')
>>> from depgraph.simulation.combined import CombinedCosts
>>> replay = Replay(graph_of(inv))
>>> group = GroupFailures(component=[0, 1], start=[0.0, 168.0], end=[720.0, 888.0],
...               spread=[1.0, 1.0], latent=[True, True], exposing=[False, False],
...               labor=[100.0, 100.0], blame=[[], []])
>>> costs = CombinedCosts(inv, "break-fix")
>>> result = replay.group(ExactState(graph_of(inv)), group, costs, elsewhere=lambda t: ())
>>> result.labor, result.downtime, result.incidents, result.service_hours
(550.0, 510.0, 2, {0: 51.0})
>>> result.end, result.exposures, result.combined
([219.0, 219.0], [(1, 219.0)], [(1, 0, 51.0)])
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

from depgraph.engine.graph import DependencyGraph
from depgraph.engine.state import FailureState
from depgraph.simulation.calendars import Charges
from depgraph.simulation.combined import CombinedCosts

__all__ = ["ExactState", "GroupFailures", "Replay", "Replayed", "State", "UnionState"]


class State(Protocol):
    """The nodes down under a failed set that changes one component at a time."""

    def fail(self, component: int) -> list[int]:
        """Fail ``component``; return the service nodes that went down."""

    def restore(self, component: int) -> list[int]:
        """Restore ``component``; return the service nodes that came back up."""


class ExactState:
    """The least fixpoint under the failed set, kept by :class:`FailureState`."""

    def __init__(self, graph: DependencyGraph) -> None:
        self.state = FailureState(graph)
        self.first_service = graph.n_components

    def fail(self, component: int) -> list[int]:
        """Fail ``component``; return the service nodes that went down."""
        return [n for n in self.state.fail(component) if n >= self.first_service]

    def restore(self, component: int) -> list[int]:
        """Restore ``component``; return the service nodes that came back up."""
        return [n for n in self.state.restore(component) if n >= self.first_service]


class UnionState:
    """The union of the single-failure down sets ``downs[c]`` of the failed components."""

    def __init__(self, graph: DependencyGraph, downs: Sequence[tuple[int, ...]]) -> None:
        self.downs = downs
        self.count = [0] * len(graph)
        self.first_service = graph.n_components

    def fail(self, component: int) -> list[int]:
        """Fail ``component``; return the service nodes that went down."""
        count, went = self.count, []
        for node in self.downs[component]:
            if not count[node] and node >= self.first_service:
                went.append(node)
            count[node] += 1
        return went

    def restore(self, component: int) -> list[int]:
        """Restore ``component``; return the service nodes that came back up."""
        count, came = self.count, []
        for node in self.downs[component]:
            count[node] -= 1
            if not count[node] and node >= self.first_service:
                came.append(node)
        return came


class GroupFailures(NamedTuple):
    """The failures of one group under one plan, sorted by time (one list entry each).

    ``end`` is each failure's restoration as known before the replay (a latent
    failure's may come sooner, or differ when it turns out combined);
    ``spread`` the lognormal factor and ``blame`` the uniform numbers of the
    hand-offs (for a combined failure); ``latent`` whether the incident is
    latent; ``exposing`` whether the failure takes a service down on its
    own; ``labor`` its labor.
    """

    component: list[int]
    start: list[float]
    end: list[float]
    spread: list[float]
    latent: list[bool]
    exposing: list[bool]
    labor: list[float]
    blame: list[list[float]]

    def part(self, lo: int, hi: int) -> GroupFailures:
        """The failures ``lo`` to ``hi - 1``."""
        return GroupFailures(
            self.component[lo:hi], self.start[lo:hi], self.end[lo:hi], self.spread[lo:hi],
            self.latent[lo:hi], self.exposing[lo:hi], self.labor[lo:hi], self.blame[lo:hi],
        )


class Replayed(NamedTuple):
    """What replaying a group gave.

    ``service_hours`` maps a service (numbered from 0 in inventory order) to
    its hours down; ``end`` holds each failure's restoration (``nan`` for an
    absorbed failure, which has none of its own); ``exposures`` lists the failures
    whose arrival took a service down only in combination with others, each
    with its restoration as of that arrival; ``combined`` those of them that
    were latent on their own (combined failures), each with its symptom
    (a service number) and its time to restore, and ``elsewhere`` for each
    of them the components failed outside the group at its arrival (what
    its chain was found through, besides the group's own).
    """

    labor: float
    downtime: float
    incidents: int
    service_hours: dict[int, float]
    end: list[float]
    exposures: list[tuple[int, float]]
    combined: list[tuple[int, int, float]]
    elsewhere: list[tuple[int, ...]]


Elsewhere = Callable[[float], tuple[int, ...]]
"""The components failed at a time outside the group being replayed, sorted."""


class Replay:
    """Replays groups of failures on a :class:`State`, which ends each group all up again."""

    def __init__(self, graph: DependencyGraph, charges: Charges | None = None) -> None:
        self.graph = graph
        self.charges = None if charges is None or charges.plain else charges
        first = graph.n_components
        self.first_service = first
        self.symptom_rank = graph.symptom_rank

    def group(
        self, state: State, group: GroupFailures, costs: CombinedCosts, elsewhere: Elsewhere
    ) -> Replayed:
        """Replay ``group`` by the rules of the module docstring; ``costs`` of its plan.

        With calendars (``time-and-people.md`` section 4) a service down over
        a span is charged on its calendar (:class:`Charges`).
        """
        charges = self.charges
        component, start, end = group.component, group.start, list(group.end)
        cost_per_hour, first_service = self.graph.cost_per_hour, self.first_service
        present: dict[int, int] = {}  # component -> its latent failure, not yet restored
        failed: dict[int, int] = {}  # component -> its failure in progress
        since: dict[int, float] = {}  # service -> when it went down
        service_hours: dict[int, float] = {}
        exposures: list[tuple[int, float]] = []
        combined: list[tuple[int, int, float]] = []
        found_through: list[tuple[int, ...]] = []
        restores: list[tuple[float, int]] = []
        labor = downtime = 0.0
        incidents = 0

        def restore_until(time: float) -> None:
            nonlocal downtime
            while restores and restores[0][0] <= time:
                when, k = heapq.heappop(restores)
                if when != end[k] or failed.get(component[k]) != k:
                    continue  # superseded by an earlier restoration
                del failed[component[k]]
                present.pop(component[k], None)
                for service in state.restore(component[k]):
                    went = since.pop(service)
                    span = when - went
                    if charges is None:
                        downtime += cost_per_hour[service] * span
                    else:
                        downtime += charges.service(service, went, when)
                    number = service - first_service
                    service_hours[number] = service_hours.get(number, 0.0) + span

        for k, node in enumerate(component):
            t = start[k]
            restore_until(t)
            if node in failed:
                end[k] = math.nan
                continue
            incidents += 1
            failed[node] = k
            lost = state.fail(node)
            for service in lost:
                since[service] = t
            cost = group.labor[k]
            if lost and not group.exposing[k]:
                if group.latent[k]:
                    others = elsewhere(t)
                    end[k], cost = costs.restoration(
                        node, [*failed, *others], lost, t, group.spread[k], group.blame[k])
                    found_through.append(others)
                    symptom = min(lost, key=self.symptom_rank.__getitem__)
                    combined.append((k, symptom - first_service, end[k] - t))
                exposures.append((k, end[k]))
            labor += cost
            if lost or group.exposing[k]:
                for j in present.values():
                    if end[k] < end[j]:
                        end[j] = end[k]
                        heapq.heappush(restores, (end[j], j))
            if group.latent[k] and not lost:
                present[node] = k
            heapq.heappush(restores, (end[k], k))
        restore_until(math.inf)
        return Replayed(
            labor, downtime, incidents, service_hours, end, exposures, combined, found_through
        )

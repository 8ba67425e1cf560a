"""Event-by-event replay of failures that overlap: the rules of ``cost-model.md`` section 3.

A *group* is a list of failures, sorted by time, that may affect one another
(:mod:`depgraph.overlap` finds them). Replaying it walks their arrivals and
restorations in time order, keeps the set of failed components, and charges
the services down between events. The rules (decided in
:mod:`depgraph.simulation`, which documents them):

* a failure of a component that is still failed is absorbed (nothing added);
* each arrival adds one incident and the failure's labor;
* a latent failure waits; when an arrival takes services down, the waiting
  failures among the causes of that outage (the down members of clauses that
  do not hold, followed down) are found and restored no later than it; a
  latent failure whose own arrival takes a service down is found at once,
  after the symptom's ``notice_hours`` and its engagement hours (times its
  lognormal factor), when that is sooner;
* restorations at the instant of an arrival happen first.

Two states give the nodes down: :class:`ExactState` keeps the least fixpoint
under any failed set (:class:`depgraph.graph.FailureState`); :class:`UnionState`
counts, per node, the failures that take it down alone, which is exact when
the group's failures combine by union (no virtual failure joined it).

Example: two of three access points fail a week apart; Wi-Fi is down from the
second failure until the first is restored.

>>> from depgraph.loading import load_inventory
>>> from depgraph.graph import graph_of
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
>>> replay = Replay(graph_of(inv))
>>> group = Group(component=[0, 1], start=[0.0, 168.0], hours=[500.0, 500.0],
...               work_hours=[0.0, 0.0], spread=[1.0, 1.0], latent=[False, False],
...               labor=[100.0, 100.0])
>>> hours = [0.0]
>>> replay.group(ExactState(graph_of(inv)), group, hours), hours
((200.0, 3320.0, 2), [332.0])
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from depgraph.graph import DependencyGraph, FailureState


class State(Protocol):
    """The nodes down under a failed set that changes one component at a time."""

    def fail(self, component: int) -> list[int]:
        """Fail ``component``; return the service nodes that went down."""

    def restore(self, component: int) -> list[int]:
        """Restore ``component``; return the service nodes that came back up."""

    def is_down(self, node: int) -> bool:
        """Whether ``node`` is down."""

    def holds(self, clause: int) -> bool:
        """Whether ``clause`` has at least ``k`` members up."""


class ExactState:
    """The least fixpoint under the failed set, kept by :class:`FailureState`."""

    def __init__(self, graph: DependencyGraph) -> None:
        self.state = FailureState(graph)
        self.first_service = graph.n_components
        self.clause_k = graph.clause_k

    def fail(self, component: int) -> list[int]:
        """Fail ``component``; return the service nodes that went down."""
        return [n for n in self.state.fail(component) if n >= self.first_service]

    def restore(self, component: int) -> list[int]:
        """Restore ``component``; return the service nodes that came back up."""
        return [n for n in self.state.restore(component) if n >= self.first_service]

    def is_down(self, node: int) -> bool:
        """Whether ``node`` is down."""
        return not self.state.up[node]

    def holds(self, clause: int) -> bool:
        """Whether ``clause`` has at least ``k`` members up."""
        return self.state.up_members[clause] >= self.clause_k[clause]


class UnionState:
    """The union of the single-failure down sets ``downs[c]`` of the failed components."""

    def __init__(self, graph: DependencyGraph, downs: Sequence[tuple[int, ...]]) -> None:
        self.downs = downs
        self.count = [0] * len(graph)
        self.first_service = graph.n_components
        self.clause_k = graph.clause_k
        self.members = graph.clause_members

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

    def is_down(self, node: int) -> bool:
        """Whether ``node`` is down."""
        return self.count[node] > 0

    def holds(self, clause: int) -> bool:
        """Whether ``clause`` has at least ``k`` members up."""
        members = self.members[clause]
        return len(members) - sum(1 for m in members if self.count[m]) >= self.clause_k[clause]


class Group(NamedTuple):
    """The failures of one group under one plan, sorted by time (one list entry each).

    ``hours`` is the sampled time to restore; ``work_hours`` the engagement
    hours and ``spread`` the lognormal factor (for a latent failure found at
    once); ``latent`` whether the incident is latent; ``labor`` its labor.
    """

    component: list[int]
    start: list[float]
    hours: list[float]
    work_hours: list[float]
    spread: list[float]
    latent: list[bool]
    labor: list[float]

    def part(self, lo: int, hi: int) -> Group:
        """The failures ``lo`` to ``hi - 1``."""
        return Group(
            self.component[lo:hi], self.start[lo:hi], self.hours[lo:hi],
            self.work_hours[lo:hi], self.spread[lo:hi], self.latent[lo:hi], self.labor[lo:hi],
        )


class Replay:
    """Replays groups of failures on a :class:`State`, which ends each group all up again."""

    def __init__(self, graph: DependencyGraph) -> None:
        self.graph = graph
        services = graph.inventory.services
        first = graph.n_components
        self.first_service = first
        self.notice = [0.0] * first + [s.notice_hours for s in services]
        ranked = sorted(range(first, len(graph)), key=lambda n: (
            -graph.cost_per_hour[n], -graph.people[n], graph.ids[n]))
        self.symptom_rank = [0] * len(graph)
        for position, node in enumerate(ranked):
            self.symptom_rank[node] = position

    def group(
        self, state: State, group: Group, service_hours: list[float]
    ) -> tuple[float, float, int]:
        """Replay ``group``; return its labor, downtime cost and number of incidents.

        Adds each service's hours down to ``service_hours`` (indexed by service).
        """
        component, start, hours = group.component, group.start, group.hours
        cost_per_hour, first_service = self.graph.cost_per_hour, self.first_service
        end = [0.0] * len(component)
        waiting: dict[int, int] = {}  # component -> its latent failure, not yet found
        failed: dict[int, int] = {}  # component -> its failure in progress
        since: dict[int, float] = {}  # service -> when it went down
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
                waiting.pop(component[k], None)
                for service in state.restore(component[k]):
                    span = when - since.pop(service)
                    downtime += cost_per_hour[service] * span
                    service_hours[service - first_service] += span

        for k, node in enumerate(component):
            t = start[k]
            restore_until(t)
            if node in failed:
                continue
            incidents += 1
            labor += group.labor[k]
            failed[node] = k
            lost = state.fail(node)
            end[k] = t + hours[k]
            if lost:
                for service in lost:
                    since[service] = t
                if group.latent[k]:
                    symptom = min(lost, key=self.symptom_rank.__getitem__)
                    found = t + (self.notice[symptom] + group.work_hours[k]) * group.spread[k]
                    end[k] = min(end[k], found)
                for j in self.found(state, lost, waiting):
                    end[j] = min(end[j], end[k])
                    heapq.heappush(restores, (end[j], j))
            elif group.latent[k]:
                waiting[node] = k
            heapq.heappush(restores, (end[k], k))
        restore_until(math.inf)
        return labor, downtime, incidents

    def found(self, state: State, services: list[int], waiting: dict[int, int]) -> list[int]:
        """The waiting latent failures among the causes of ``services`` being down; now found.

        The causes of a down node are the down members of its clauses that do
        not hold, and their causes in turn. The search climbs from each
        waiting component towards ``services`` (a small region), rather than
        down from the services (a whole outage).
        """
        if not waiting:
            return []
        graph = self.graph
        targets = set(services)
        found: list[int] = []
        for node in sorted(waiting):
            seen = {node}
            stack = [node]
            while stack and node in waiting:
                current = stack.pop()
                for clause in graph.dependents[current]:
                    owner = graph.clause_node[clause]
                    if owner in seen or not state.is_down(owner) or state.holds(clause):
                        continue
                    if owner in targets:
                        found.append(waiting.pop(node))
                        break
                    seen.add(owner)
                    stack.append(owner)
        return sorted(found)

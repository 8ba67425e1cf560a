"""The figures of one version of a site that remedies and ``diff`` compare.

:class:`SiteFigures` holds, for one inventory: the incident of every
component under break-fix and every plan, the expected annual cost of each
plan (``cost-model.md`` section 2), the *risk* of each component (its rate
times the expected total of one incident, ``remedies.md`` section 1), the
single points of failure and each service's *worst single failure* (the
largest blast ``cost_per_hour`` of one component's failure that takes it
down, 0 when none does).

A remedy touches a few items of a large site, so :func:`site_figures` can
start from the figures of the site before it and recompute only what the
change can reach. The single-failure down set of ``r`` contains only nodes
that require ``r``, directly or not; so it can differ only when a node whose
requirements changed (or that was added or removed) requires ``r``, that is
when ``r`` is among what such a node requires, before or after. An incident
of ``r`` also reads the items on its down set and their vendors and the
plan; it is kept when none of those changed. ``tests`` check that the
figures equal those computed from scratch on random sites and remedies.

Example:

>>> from depgraph.loading import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco, response_hours: 4, diagnosis_hours: 1}]
... components:
...   - {id: router, category: network, vendor: netco, failures_per_year: 2}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 100}
... ''')
>>> figures = site_figures(inv)
>>> figures.annual["break-fix"], figures.risk["router"]["break-fix"]
(2050.0, 2050.0)
>>> sorted(figures.spofs), figures.worst
(['router'], {'internet': 100.0})
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from depgraph.costs.incidents import Incident, incident, incidents
from depgraph.costs.plans import plan_ids
from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX

__all__ = ["SiteFigures", "break_even", "component_risks", "site_figures"]


def component_risks(inventory: Inventory) -> dict[str, dict[str, float]]:
    """``risk[component][plan]``: failures a year under the plan times one incident's expected total.

    Plans in the order of ``compare`` (break-fix first); summed over
    components, a plan's risks are its expected annual cost less the fee.
    """
    by_plan = {plan: incidents(inventory, plan) for plan in plan_ids(inventory)}
    risks: dict[str, dict[str, float]] = {c.id: {} for c in sorted(inventory.components, key=lambda c: c.id)}
    for plan, found in by_plan.items():
        for i in found:
            risks[i.root][plan] = i.rate * i.total
    return risks


@dataclass(frozen=True)
class SiteFigures:
    """Expected costs, risks, single points of failure and worst single failures of a site.

    ``incidents[plan][root]``; ``annual[plan]`` the expected annual cost with
    the fee; ``fees[plan]`` twelve monthly fees; ``risk[component][plan]``;
    ``down[component]`` the ids its failure alone takes down (itself included);
    ``worst[service]`` for every service.
    """

    inventory: Inventory
    plans: tuple[str, ...]
    incidents: dict[str, dict[str, Incident]]
    annual: dict[str, float]
    fees: dict[str, float]
    risk: dict[str, dict[str, float]]
    down: dict[str, frozenset[str]]
    spofs: frozenset[str]
    worst: dict[str, float]

    def break_even(self, plan: str) -> float | None:
        """The break-even monthly fee of ``plan`` (``None`` for break-fix)."""
        return break_even(self.annual[BREAK_FIX], self.annual[plan], self.fees[plan], plan)


def break_even(baseline: float, annual: float, fee: float, plan: str) -> float | None:
    """``(expected(break-fix) - (expected(P) - 12 x fee)) / 12``, as :func:`depgraph.cost.expected_year`."""
    if plan == BREAK_FIX:
        return None
    return (baseline - (annual - fee)) / 12


def _nodes(inventory: Inventory) -> dict[str, Any]:
    return {**{c.id: c for c in inventory.components}, **{s.id: s for s in inventory.services}}


def _requirements_closure(graph: DependencyGraph, starts: Iterable[str]) -> set[str]:
    """The ids of ``starts`` (those in ``graph``) and of everything they require, transitively."""
    stack = [graph.index[s] for s in starts if s in graph.index]
    seen = set(stack)
    while stack:
        for clause in graph.node_clauses[stack.pop()]:
            for member in graph.clause_members[clause]:
                if member not in seen:
                    seen.add(member)
                    stack.append(member)
    return {graph.ids[n] for n in seen}


@dataclass(frozen=True)
class _Changes:
    """What differs between two versions of a site, by id."""

    touched: set[str]  # nodes whose requirements differ, or that exist in only one version
    changed: set[str]  # nodes that differ in anything (touched included)
    vendors: set[str]  # vendors that differ or exist in only one version
    plans: set[str]  # plans that differ or exist in only one version
    reach: set[str]  # components whose single-failure down set may differ


def _changes(before: SiteFigures, after: Inventory) -> _Changes | None:
    old, new = before.inventory, after
    if (old.site, old.model, old.defaults) != (new.site, new.model, new.defaults):
        return None
    old_nodes, new_nodes = _nodes(old), _nodes(new)
    touched = {i for i in old_nodes.keys() ^ new_nodes.keys()}
    changed = set(touched)
    for node_id in old_nodes.keys() & new_nodes.keys():
        a, b = old_nodes[node_id], new_nodes[node_id]
        if a != b:
            changed.add(node_id)
            if a.requires != b.requires or type(a) is not type(b):
                touched.add(node_id)
    old_vendors = {v.id: v for v in old.vendors}
    new_vendors = {v.id: v for v in new.vendors}
    vendors = {i for i in old_vendors.keys() | new_vendors.keys() if old_vendors.get(i) != new_vendors.get(i)}
    old_plans = {p.id: p for p in old.plans}
    new_plans = {p.id: p for p in new.plans}
    plans = {i for i in old_plans.keys() | new_plans.keys() if old_plans.get(i) != new_plans.get(i)}
    reach = _requirements_closure(graph_of(old), touched) | _requirements_closure(graph_of(new), touched)
    return _Changes(touched, changed, vendors, plans, reach)


def site_figures(inventory: Inventory, before: SiteFigures | None = None) -> SiteFigures:
    """The figures of ``inventory``, reusing those of ``before`` that its changes cannot reach."""
    graph = graph_of(inventory)
    changes = _changes(before, inventory) if before is not None else None
    down: dict[str, frozenset[str]] = {}
    for node in range(graph.n_components):
        component_id = graph.ids[node]
        if before is not None and changes is not None and component_id not in changes.reach:
            down[component_id] = before.down[component_id]
        else:
            down[component_id] = frozenset(graph.ids[n] for n in graph.down([node]))
    plans = tuple(plan_ids(inventory))
    roots = sorted(down)
    incidents: dict[str, dict[str, Incident]] = {}
    for plan in plans:
        reusable = _reusable(before, changes, plan, inventory, down)
        incidents[plan] = {
            root: reusable[root] if root in reusable else incident(inventory, plan, root)
            for root in roots
        }
    fees = {p: 0.0 if p == BREAK_FIX else 12 * inventory.plan(p).monthly_fee for p in plans}
    annual = {}
    for plan in plans:
        risk = 0.0
        for root in roots:
            i = incidents[plan][root]
            risk += i.rate * i.total
        annual[plan] = fees[plan] + risk
    services = {s.id: s.cost_per_hour for s in inventory.services}
    worst = dict.fromkeys(sorted(services), 0.0)
    spofs = set()
    for root in roots:
        lost = sorted(n for n in down[root] if n in services)
        if lost:
            spofs.add(root)
            cost = sum(services[s] for s in lost)
            for s in lost:
                worst[s] = max(worst[s], cost)
    risk_of = {
        root: {plan: incidents[plan][root].rate * incidents[plan][root].total for plan in plans}
        for root in roots
    }
    return SiteFigures(
        inventory, plans, incidents, annual, fees, risk_of, down, frozenset(spofs), worst
    )


def _reusable(
    before: SiteFigures | None, changes: _Changes | None, plan: str, inventory: Inventory,
    down: dict[str, frozenset[str]],
) -> dict[str, Incident]:
    """The incidents of ``before`` under ``plan`` that nothing changed can reach."""
    if before is None or changes is None or plan not in before.incidents or plan in changes.plans:
        return {}
    kept = {}
    nodes = _nodes(inventory)
    for root, old in before.incidents[plan].items():
        region = down.get(root)
        if region is None or root in changes.reach or not changes.changed.isdisjoint(region):
            continue
        if changes.vendors and any(_party(nodes[n]) in changes.vendors for n in region):
            continue
        kept[root] = old
    return kept


def _party(node: Any) -> str | None:
    """The vendor a node's incident may call: a component's vendor, a service's owner."""
    return getattr(node, "vendor", None) or getattr(node, "owner", None)

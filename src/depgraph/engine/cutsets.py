"""Minimal cut sets: the smallest sets of components whose joint failure takes a service down.

A *cut set* of a service is a set of components whose failing together takes
the service down under the propagation rule of ``inventory-format.md`` (the
least fixpoint). It is *minimal* when no proper subset is a cut set; its
*order* is its size. A single point of failure is a cut set of order 1.

**Algorithm.** Each node's "down" condition is computed symbolically, bottom
up over the strongly connected groups of the requirement graph (members
first), as the family of its minimal cut sets of order at most ``max_order``:

* a component is down when it fails or one of its clauses fails; a service
  when one of its clauses fails: the union of those families, minimized;
* a clause ``at least k of n up`` fails when at least ``n - k + 1`` members
  are down: the products (pairwise unions) of that many members' families,
  built by dynamic programming over the members, minimized;
* every product larger than ``max_order`` is dropped as soon as it appears.
  Dropping is exact: a minimal cut set of order at most ``max_order`` is
  always the union of minimal cut sets of the members of at most that order.

Loops use the least fixpoint of "up", that is the *greatest* fixpoint of
"down": the nodes of a loop start as down (the family ``{frozenset()}``,
down with nothing failed) and their conditions are re-evaluated until no family
changes. Every iterate is exact for the failures it describes, and for any
set of failures this iteration reaches the least-fixpoint answer within as
many rounds as the loop has nodes, so it stops there. Two routers that back
each other up therefore both go down only when both uplinks fail.

**Frequency.** A cut set S occurs when its last member fails while the others
are still down. With ``λ`` the failures per year of a component and ``r`` its
time to restore in hours (the break-fix incident hours of ``cost-model.md``,
so that a latent failure counts the weeks it sits unseen), the rare-event
approximation gives, per year::

    f(S) = (Π λi) · Σi Π(j ≠ i) rj / 8760^(|S| - 1)

so ``f({a}) = λa``, ``f({a, b}) = λa·λb·(ra + rb) / 8760`` and
``f({a, b, c}) = λa·λb·λc·(ra·rb + ra·rc + rb·rc) / 8760²``: each term is the
rate of one member failing times the probability ``λj·rj/8760`` that each
other member is down at that moment.

Example (two access points, each on its own PoE switch):

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components:
...   - {id: poe-1, category: network}
...   - {id: poe-2, category: network}
...   - {id: ap-1, category: network, requires: [poe-1]}
...   - {id: ap-2, category: network, requires: [poe-2]}
... services:
...   - {id: wifi, requires: [{any: [ap-1, ap-2]}]}
... ''')
>>> minimal_cut_sets(inv)["wifi"]
[('ap-1', 'ap-2'), ('ap-1', 'poe-2'), ('ap-2', 'poe-1'), ('poe-1', 'poe-2')]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.errors import UsageError
from depgraph.inventory.container import Inventory

__all__ = [
    "CutSet",
    "CutSetFamily",
    "DEFAULT_MAX_ORDER",
    "HOURS_PER_YEAR",
    "ServiceCutSets",
    "check_max_order",
    "cut_set_frequency",
    "minimal_cut_sets",
    "node_cut_sets",
    "service_cut_sets",
]

HOURS_PER_YEAR = 8760
DEFAULT_MAX_ORDER = 3

CutSetFamily = set[frozenset[int]]
"""Minimal cut sets as sets of component node numbers.

``set()`` means never down; ``{frozenset()}`` means down with nothing failed.
"""


def _minimized(candidates: Iterable[frozenset[int]], max_order: int) -> CutSetFamily:
    """The sets of ``candidates`` of order at most ``max_order`` that contain no other one.

    Smaller sets are kept first; a set is dropped when one of its subsets was
    kept. Kept single components and pairs are indexed by component so that
    the common checks are set operations.
    """
    by_size: list[list[frozenset[int]]] = [[] for _ in range(max_order + 1)]
    for candidate in candidates:
        if len(candidate) <= max_order:
            by_size[len(candidate)].append(candidate)
    if by_size[0]:
        return {frozenset()}
    kept: CutSetFamily = set()
    singles: set[int] = set()
    partners: dict[int, set[int]] = {}
    for size, bucket in enumerate(by_size):
        for candidate in bucket:
            if candidate in kept or not singles.isdisjoint(candidate):
                continue
            if size > 2 and _contains_kept(candidate, kept, partners):
                continue
            kept.add(candidate)
            if size == 1:
                singles |= candidate
            elif size == 2:
                a, b = candidate
                partners.setdefault(a, set()).add(b)
                partners.setdefault(b, set()).add(a)
    return kept


def _contains_kept(
    candidate: frozenset[int], kept: CutSetFamily, partners: dict[int, set[int]]
) -> bool:
    """Whether ``candidate`` contains a kept pair, or a larger kept set."""
    for component in candidate:
        linked = partners.get(component)
        if linked is not None and not linked.isdisjoint(candidate):
            return True
    return len(candidate) > 3 and any(
        frozenset(part) in kept
        for part_size in range(3, len(candidate))
        for part in combinations(candidate, part_size)
    )


def _either(families: Sequence[CutSetFamily], max_order: int) -> CutSetFamily:
    """Down when any of the conditions holds: the union, minimized."""
    live = [family for family in families if family]
    if len(live) == 1:
        return live[0]
    return _minimized((s for family in live for s in family), max_order)


def _at_least(need: int, families: Sequence[CutSetFamily], max_order: int) -> CutSetFamily:
    """Down when at least ``need`` of the member conditions hold.

    A member condition that always holds (``{frozenset()}``) lowers ``need``; one that
    never holds (``set()``) drops out. Beyond a plain union (``need`` = 1),
    :class:`_CoverageSearch` finds the sets.
    """
    need -= sum(1 for family in families if frozenset() in family)
    live = [family for family in families if family and frozenset() not in family]
    if need <= 0:
        return {frozenset()}
    if need > len(live):
        return set()
    if need == 1:
        return _either(live, max_order)
    return _minimized(_CoverageSearch(live, need, max_order).run(), max_order)


class _CoverageSearch:
    """The sets of at most ``max_order`` components that take ``need`` members down.

    A depth-first search over the components that appear in the members' cut
    sets, most useful first: a set qualifies when at least ``need`` members
    have a cut set inside it. Components that qualify alone (``alone``) are
    found first and never combined with others. ``containing[c]`` lists, for
    each distinct cut set holding component ``c``, the rest of that cut set and
    the members having it; ``reach[c]`` counts those members, a bound on how many members
    adding ``c`` can newly take down, so a branch stops as soon as even the
    most useful components left could not reach ``need`` within ``max_order``.
    """

    def __init__(self, families: Sequence[CutSetFamily], need: int, max_order: int) -> None:
        self.need = need
        self.max_order = max_order
        holders: dict[frozenset[int], set[int]] = {}
        for member, family in enumerate(families):
            for cut_set in family:
                holders.setdefault(cut_set, set()).add(member)
        self.containing: dict[int, list[tuple[frozenset[int], set[int]]]] = {}
        for cut_set, members in holders.items():
            for component in cut_set:
                self.containing.setdefault(component, []).append((cut_set - {component}, members))
        self.reach = {
            c: len(set().union(*(members for _, members in entries)))
            for c, entries in self.containing.items()
        }
        self.order = sorted(self.reach, key=lambda c: (-self.reach[c], c))
        self.alone = {
            c for c, entries in self.containing.items()
            if len(set().union(*(m for rest, m in entries if not rest))) >= need
        }
        self.found: list[frozenset[int]] = [frozenset((c,)) for c in self.alone]

    def run(self) -> list[frozenset[int]]:
        """Every qualifying set found (supersets of others included)."""
        self._extend(frozenset(), set(), 0)
        return self.found

    def _extend(self, chosen: frozenset[int], down: set[int], start: int) -> None:
        """Try each component from ``start`` on as the next one of ``chosen``."""
        slots = self.max_order - len(chosen)
        for i in range(start, len(self.order)):
            component = self.order[i]
            if len(down) + slots * self.reach[component] < self.need:
                return
            if component in self.alone:
                continue
            now = set(down)
            for rest, members in self.containing[component]:
                if rest <= chosen:
                    now |= members
            grown = chosen | {component}
            if len(now) >= self.need:
                self.found.append(grown)
            elif slots > 1:
                self._extend(grown, now, i + 1)


def _down_condition(
    graph: DependencyGraph, node: int, families: list[CutSetFamily], max_order: int
) -> CutSetFamily:
    """The minimal cut sets of ``node`` given the current families of its members."""
    terms: list[CutSetFamily] = [] if graph.is_service(node) else [{frozenset((node,))}]
    for clause in graph.node_clauses[node]:
        members = graph.clause_members[clause]
        need = graph.clause_slack[clause] + 1
        terms.append(_at_least(need, [families[m] for m in members], max_order))
    return _either(terms, max_order)


def node_cut_sets(graph: DependencyGraph, max_order: int) -> list[CutSetFamily]:
    """The minimal cut sets of order at most ``max_order`` of every node, by node number.

    Loop members start as down and are re-evaluated until nothing changes
    (the greatest fixpoint of "down", see the module).
    """
    families: list[CutSetFamily] = [set() for _ in range(len(graph))]
    for group in graph.dependency_order:
        if len(group) == 1:
            families[group[0]] = _down_condition(graph, group[0], families, max_order)
            continue
        for node in group:
            families[node] = {frozenset()}
        changed = True
        while changed:
            changed = False
            for node in group:
                family = _down_condition(graph, node, families, max_order)
                if family != families[node]:
                    families[node] = family
                    changed = True
    return families


def check_max_order(max_order: int) -> None:
    """Raise :class:`UsageError` unless ``max_order`` is at least 1."""
    if max_order < 1:
        raise UsageError(f"the maximum order of a cut set must be at least 1, not {max_order}")


def minimal_cut_sets(
    inventory: Inventory, max_order: int = DEFAULT_MAX_ORDER
) -> dict[str, list[tuple[str, ...]]]:
    """Every service's minimal cut sets of order at most ``max_order``.

    Each cut set is a sorted tuple of component ids; each list is sorted by
    order, then ids. Services appear in file order. Raises
    :class:`UsageError` when ``max_order`` is below 1.
    """
    check_max_order(max_order)
    graph = graph_of(inventory)
    families = node_cut_sets(graph, max_order)
    result: dict[str, list[tuple[str, ...]]] = {}
    for node in range(graph.n_components, len(graph)):
        sets = [tuple(sorted(graph.ids[c] for c in s)) for s in families[node]]
        result[graph.ids[node]] = sorted(sets, key=lambda s: (len(s), s))
    return result


def cut_set_frequency(rates: Sequence[float], restore_hours: Sequence[float]) -> float:
    """Occurrences per year of a cut set, by the rare-event approximation (see the module).

    >>> cut_set_frequency([0.5], [10])
    0.5
    >>> round(cut_set_frequency([0.5, 2.0], [10, 20]) * 8760, 6)  # 0.5 x 2 x (10 + 20)
    30.0
    """
    others = sum(
        math.prod(r for j, r in enumerate(restore_hours) if j != i)
        for i in range(len(restore_hours))
    )
    return float(math.prod(rates) * others / HOURS_PER_YEAR ** (len(rates) - 1))


@dataclass(frozen=True)
class CutSet:
    """A minimal cut set and how often per year it is expected to occur."""

    components: tuple[str, ...]
    frequency: float

    @property
    def order(self) -> int:
        """The number of components in the cut set."""
        return len(self.components)

    def to_json(self) -> dict[str, Any]:
        """``{"components", "order", "frequency"}``."""
        return {
            "components": list(self.components),
            "order": self.order,
            "frequency": self.frequency,
        }


@dataclass(frozen=True)
class ServiceCutSets:
    """The minimal cut sets of one service up to ``max_order``.

    ``cut_sets`` is sorted by order, then frequency (highest first), then ids.
    """

    service: str
    max_order: int
    cut_sets: tuple[CutSet, ...]

    @property
    def cheapest_order(self) -> int | None:
        """The order of the smallest cut set, or ``None`` when none has order <= ``max_order``."""
        return self.cut_sets[0].order if self.cut_sets else None

    @property
    def frequency(self) -> float:
        """Expected outages per year from these cut sets (their sum, rare-event approximation)."""
        return sum(c.frequency for c in self.cut_sets)


def service_cut_sets(
    inventory: Inventory,
    max_order: int,
    restore_hours: Mapping[str, float],
) -> list[ServiceCutSets]:
    """Every service's minimal cut sets with their frequencies, services in file order.

    ``restore_hours`` gives each component's time to restore, by id: the cost
    model's :func:`depgraph.costs.incidents.restoration_hours` in the audit,
    so that the structure engine needs no cost model.
    """
    structural = minimal_cut_sets(inventory, max_order)
    rate = {c.id: c.failures_per_year for c in inventory.components}
    result = []
    for service_id, sets in structural.items():
        cut_sets = [
            CutSet(s, cut_set_frequency([rate[c] for c in s], [restore_hours[c] for c in s]))
            for s in sets
        ]
        cut_sets.sort(key=lambda c: (c.order, -c.frequency, c.components))
        result.append(ServiceCutSets(service_id, max_order, tuple(cut_sets)))
    return result

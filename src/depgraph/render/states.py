"""Failure states of boxes and clauses, and the words of a diagram's title.

A clause is down when too few members are up, held when it lost members but
still holds. A node is held when it is up and one of its clauses is held.

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components: [{id: a, category: network}, {id: b, category: network}]
... services: [{id: s, requires: [{any: [a, b]}], cost_per_hour: 5, people: 2}]
... ''')
>>> site_counts(inv)
'2 components, 1 service, 0 vendors'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from depgraph.engine.blast import BlastRadius
from depgraph.engine.graph import DependencyGraph
from depgraph.engine.single import held_nodes, lost_members
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import Component, Service
from depgraph.text import count, money

__all__ = [
    "State",
    "loss",
    "site_counts",
    "states",
]

State = Literal["failed", "down", "held", "up"]


def states(
    graph: DependencyGraph, radius: BlastRadius | None
) -> tuple[list[State], list[State]]:
    """The state of every node and of every clause under the blast radius ``radius``."""
    if radius is None:
        return ["up"] * len(graph), ["up"] * len(graph.clause_node)
    down = {graph.index[i] for i in (*radius.down_components, *radius.down_services)}
    failed = {graph.index[i] for i in radius.failed}
    lost = lost_members(graph, down)
    held = held_nodes(graph, down, lost)
    clause_state: list[State] = [
        "down" if lost.get(c, 0) > graph.clause_slack[c] else "held" if c in lost else "up"
        for c in range(len(graph.clause_node))
    ]
    node_state: list[State] = [
        "failed" if node in failed else "down" if node in down else "held" if node in held else "up"
        for node in range(len(graph))
    ]
    return node_state, clause_state


def loss(
    radius: BlastRadius,
    nodes: Sequence[Component | Service],
    graph: DependencyGraph,
    currency: str,
    held: bool,
    people: str | None = None,
) -> str:
    """What the failure costs, for the title: "core-switch fails: 4 services down, $510/h, 32 people".

    ``people`` says what the people figure means when audiences count it
    ("46 people (up to 40 staff and up to 6 visitors)").
    """
    names = [nodes[graph.index[f]].name for f in radius.failed]
    shown = names if len(names) <= 3 else [*names[:3], f"{len(names) - 3} more"]
    who = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    verb = "fails" if len(names) == 1 else "fail"
    if not radius.down_services:
        return f"{who} {verb}: no service down" + (" (redundancy holds)" if held else "")
    return (
        f"{who} {verb}: {count(len(radius.down_services), 'service')} down, "
        f"{money(radius.cost_per_hour, currency)}/h, {people or count(radius.people, 'person')}"
    )


def site_counts(inventory: Inventory) -> str:
    """ "98 components, 38 services, 17 vendors"."""
    return ", ".join((
        count(len(inventory.components), "component"),
        count(len(inventory.services), "service"),
        count(len(inventory.vendors), "vendor"),
    ))

"""Checks that need the dependency graph: unsupported loops (errors) and warnings.

Whether a loop of requirements is allowed depends on the propagation rule: a
loop is fine when something outside it holds it up (a redundancy pair), and an
error when, with nothing failed, its members could never be up. The loader
(:mod:`depgraph.loading`) runs these after the format's own checks.

>>> from depgraph.inventory.loader import read_inventory
>>> read = read_inventory('''
... version: 1
... site: {name: Demo}
... components:
...   - {id: a, category: network, requires: [b]}
...   - {id: b, category: network, requires: [a]}
... services: [{id: s, requires: [a]}]
... ''')
>>> loop_problems(read.inventory)[0][1]
'dependency loop with no independent support: a → b → a (with nothing failed these nodes could never be up)'
"""

from __future__ import annotations

from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.inventory.container import Inventory
from depgraph.inventory.references import Issue
from depgraph.inventory.yamldoc import Path

__all__ = ["WARNING_KINDS", "WarningIssue", "loop_problems", "warnings"]

WarningIssue = tuple[Path, str, str]
"""A thing worth a look in a valid file: where, the message, and its kind (a key of
:data:`WARNING_KINDS`)."""

WARNING_KINDS: dict[str, tuple[str, str]] = {
    "loop": ("supported loop (redundancy pair)", "supported loops (redundancy pairs)"),
    "orphan": ("component that nothing requires", "components that nothing requires"),
    "unowned": ("service with no owner", "services with no owner"),
    "logo": ("logo the report cannot use", "logos the report cannot use"),
}
"""Each kind of warning, named in the singular and the plural (for summaries)."""


def _path_of(graph: DependencyGraph, node: int) -> Path:
    if graph.is_service(node):
        return ("services", node - graph.n_components, "requires")
    return ("components", node, "requires")


def _cycle_text(graph: DependencyGraph, group: list[int]) -> str:
    """The members of a loop in order, as ``a → b → c → a`` (``a`` requires ``b``)."""
    import networkx as nx  # here, not at the top: only a refused loop needs it

    digraph = nx.DiGraph()
    members = set(group)
    digraph.add_edges_from(
        (a, b)
        for a in group
        for c in graph.node_clauses[a]
        for b in graph.clause_members[c]
        if b in members
    )
    cycle = [a for a, _ in nx.find_cycle(digraph, source=group[0])]
    start = cycle.index(min(cycle))
    ordered = cycle[start:] + cycle[:start]
    names = [graph.ids[n] for n in [*ordered, ordered[0]]]
    if len(names) > _CYCLE_SHOWN:
        names[_CYCLE_SHOWN - 2:-1] = [f"… ({len(ordered) - _CYCLE_SHOWN + 2} more)"]
    return " → ".join(names)


_CYCLE_SHOWN = 8
"""A loop message names at most this many nodes (the first, the last and those between)."""


def loop_problems(inventory: Inventory) -> list[Issue]:
    """Loops with no independent support: nodes down although nothing has failed."""
    graph = graph_of(inventory)
    down = graph.down_from_scratch(())
    if not down:
        return []
    findings: list[Issue] = []
    for group in graph.loop_groups:
        if down.issuperset(group):
            findings.append(
                (_path_of(graph, group[0]),
                 f"dependency loop with no independent support: {_cycle_text(graph, group)} "
                 "(with nothing failed these nodes could never be up)")
            )
    return findings


def warnings(inventory: Inventory) -> list[WarningIssue]:
    """Things worth a look in a valid file: supported loops, orphans, unowned services."""
    graph = graph_of(inventory)
    findings: list[WarningIssue] = [
        (_path_of(graph, group[0]),
         f"supported loop (redundancy pair): {_cycle_text(graph, group)}", "loop")
        for group in graph.loop_groups
    ]
    for node in range(graph.n_components):
        if not graph.dependents[node]:
            findings.append(
                (("components", node, "id"),
                 f"component '{graph.ids[node]}' is not required by any component or service",
                 "orphan")
            )
    for i, service in enumerate(inventory.services):
        if service.owner is None:
            findings.append(
                (("services", i, "id"),
                 f"service '{service.id}' has no owner: no vendor supports anything it requires",
                 "unowned")
            )
    return findings

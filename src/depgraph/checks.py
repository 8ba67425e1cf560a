"""Checks that need the whole file: ids, references, clauses, loops, warnings.

The pydantic models check each item on its own; these checks look across
items. :func:`reference_problems` runs on the raw data read from YAML, so that
it can report its findings together with the field errors of a file that is
not yet valid. :func:`loop_problems` and :func:`warnings` need a valid
:class:`~depgraph.models.Inventory`.

Each finding is a ``(path, message)`` pair; the loader turns the path into a
line and a column.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from depgraph.graph import DependencyGraph, graph_of
from depgraph.models import BREAK_FIX, Inventory
from depgraph.suggest import did_you_mean
from depgraph.yamlsource import Path

Finding = tuple[Path, str]


def _items(data: dict[str, Any], section: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = data.get(section)
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        if isinstance(item, dict):
            yield i, item


def _ids(data: dict[str, Any], section: str) -> dict[str, int]:
    return {
        item["id"]: i for i, item in _items(data, section) if isinstance(item.get("id"), str)
    }


def _duplicate_ids(data: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    for sections in (("components", "services"), ("vendors",), ("plans",)):
        seen: dict[str, tuple[str, int]] = {}
        for section in sections:
            kind = section[:-1]
            for i, item in _items(data, section):
                node_id = item.get("id")
                if not isinstance(node_id, str):
                    continue
                if node_id in seen:
                    other_kind, other = seen[node_id]
                    shared = " (components and services share one set of ids)" if (
                        other_kind != kind) else ""
                    findings.append(
                        ((section, i, "id"),
                         f"duplicate id '{node_id}': {other_kind} #{other + 1} has it too{shared}")
                    )
                else:
                    seen[node_id] = (kind, i)
    for i, plan in _items(data, "plans"):
        if plan.get("id") == BREAK_FIX:
            findings.append(
                (("plans", i, "id"), f"the plan id '{BREAK_FIX}' is reserved for the baseline")
            )
    return findings


def _clause_members(clause: Any) -> tuple[Path, list[Any], int | None]:
    """The members of one raw clause, the path suffix where they sit, and its k."""
    if isinstance(clause, str):
        return (), [clause], 1
    if isinstance(clause, dict):
        if isinstance(clause.get("any"), list):
            return ("any",), clause["any"], 1
        if isinstance(clause.get("of"), list):
            k = clause.get("at_least")
            return ("of",), clause["of"], k if isinstance(k, int) else None
    return (), [], None


def _requirement_problems(data: dict[str, Any], node_ids: dict[str, int]) -> list[Finding]:
    findings: list[Finding] = []
    for section in ("components", "services"):
        for i, item in _items(data, section):
            requires = item.get("requires")
            if not isinstance(requires, list):
                continue
            own = item.get("id")
            for j, clause in enumerate(requires):
                suffix, members, k = _clause_members(clause)
                base: Path = (section, i, "requires", j, *suffix)
                seen: set[str] = set()
                for m, member in enumerate(members):
                    where = base + (m,) if suffix else base
                    if not isinstance(member, str):
                        continue
                    if member == own:
                        findings.append((where, f"'{own}' requires itself"))
                    elif member not in node_ids:
                        hint = did_you_mean(member, node_ids)
                        findings.append(
                            (where, f"'{own}' requires '{member}', which is no component "
                                    f"or service{hint}")
                        )
                    if member in seen:
                        findings.append((where, f"'{member}' is listed twice in one clause"))
                    seen.add(member)
                if suffix == ("of",) and k is not None and k > len(members) >= 1:
                    findings.append(
                        ((section, i, "requires", j, "at_least"),
                         f"at_least: {k} but the group has only {len(members)} members")
                    )
    return findings


def _vendor_references(data: dict[str, Any], vendor_ids: dict[str, int]) -> list[Finding]:
    findings: list[Finding] = []
    refs: list[tuple[Path, Any, str]] = []
    for i, item in _items(data, "components"):
        refs.append((("components", i, "vendor"), item.get("vendor"), f"component '{item.get('id')}'"))
    for i, item in _items(data, "services"):
        refs.append((("services", i, "owner"), item.get("owner"), f"service '{item.get('id')}'"))
    for i, item in _items(data, "plans"):
        covers = item.get("covers")
        if isinstance(covers, list):
            for j, vendor in enumerate(covers):
                refs.append((("plans", i, "covers", j), vendor, f"plan '{item.get('id')}'"))
    for path, vendor, who in refs:
        if isinstance(vendor, str) and vendor not in vendor_ids:
            hint = did_you_mean(vendor, vendor_ids)
            findings.append((path, f"{who} names vendor '{vendor}', which is not defined{hint}"))
    return findings


def reference_problems(data: dict[str, Any]) -> list[Finding]:
    """Duplicate ids, unknown references and malformed clauses in raw inventory data."""
    node_ids = {**_ids(data, "services"), **_ids(data, "components")}
    return [
        *_duplicate_ids(data),
        *_requirement_problems(data, node_ids),
        *_vendor_references(data, _ids(data, "vendors")),
    ]


def _path_of(graph: DependencyGraph, node: int) -> Path:
    if graph.is_service(node):
        return ("services", node - graph.n_components, "requires")
    return ("components", node, "requires")


def _cycle_text(graph: DependencyGraph, group: list[int]) -> str:
    """The members of a loop in order, as ``a → b → c → a`` (``a`` requires ``b``)."""
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
    return " → ".join(graph.ids[n] for n in [*ordered, ordered[0]])


def loop_problems(inventory: Inventory) -> list[Finding]:
    """Loops with no independent support: nodes down although nothing has failed."""
    graph = graph_of(inventory)
    down = graph.down_from_scratch(())
    if not down:
        return []
    findings: list[Finding] = []
    for group in graph.loop_groups:
        if down.issuperset(group):
            findings.append(
                (_path_of(graph, group[0]),
                 f"dependency loop with no independent support: {_cycle_text(graph, group)} "
                 "(with nothing failed these nodes could never be up)")
            )
    return findings


def warnings(inventory: Inventory) -> list[Finding]:
    """Things worth a look in a valid file: supported loops, orphans, unowned services."""
    graph = graph_of(inventory)
    findings: list[Finding] = [
        (_path_of(graph, group[0]),
         f"supported loop (redundancy pair): {_cycle_text(graph, group)}")
        for group in graph.loop_groups
    ]
    for node in range(graph.n_components):
        if not graph.dependents[node]:
            findings.append(
                (("components", node, "id"),
                 f"component '{graph.ids[node]}' is not required by any component or service")
            )
    for i, service in enumerate(inventory.services):
        if service.owner is None:
            findings.append(
                (("services", i, "id"),
                 f"service '{service.id}' has no owner: no vendor supports anything it requires")
            )
    return findings

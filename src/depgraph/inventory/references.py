"""Checks across the items of a file: duplicate ids, unknown references, malformed clauses.

The pydantic models check each item on its own; these checks look across
items. :func:`reference_problems` runs on the raw data read from YAML, so that
it can report its findings together with the field errors of a file that is
not yet valid. The checks that need the dependency graph (loops) are in
:mod:`depgraph.engine.loops`.

Each issue is a ``(path, message)`` pair; the loader turns the path into a
line and a column.

>>> [(path, message)] = reference_problems(
...     {"components": [{"id": "a", "requires": ["rooter"]}, {"id": "router"}]})
>>> path
('components', 0, 'requires', 0)
>>> print(message)
'a' requires 'rooter', which is no component or service; did you mean 'router'?
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from depgraph.inventory.models import BREAK_FIX
from depgraph.inventory.suggest import did_you_mean
from depgraph.inventory.yamldoc import Path
from depgraph.quoting import quoted

__all__ = ["Issue", "reference_problems"]

Issue = tuple[Path, str]
"""A problem found in the file: where (a path of keys and indexes) and what."""


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


def _duplicate_ids(data: dict[str, Any]) -> list[Issue]:
    findings: list[Issue] = []
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
                         f"duplicate id {quoted(node_id)}: {other_kind} #{other + 1} has it too{shared}")
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


def _requirement_problems(data: dict[str, Any], node_ids: dict[str, int]) -> list[Issue]:
    findings: list[Issue] = []
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
                        findings.append((where, f"{quoted(own)} requires itself"))
                    elif member not in node_ids:
                        hint = did_you_mean(member, node_ids)
                        findings.append(
                            (where, f"{quoted(own)} requires {quoted(member)}, which is no component "
                                    f"or service{hint}")
                        )
                    if member in seen:
                        findings.append((where, f"{quoted(member)} is listed twice in one clause"))
                    seen.add(member)
                if suffix == ("of",) and k is not None and k > len(members) >= 1:
                    findings.append(
                        ((section, i, "requires", j, "at_least"),
                         f"at_least: {k} but the group has only {len(members)} members")
                    )
    return findings


def _vendor_references(data: dict[str, Any], vendor_ids: dict[str, int]) -> list[Issue]:
    findings: list[Issue] = []
    refs: list[tuple[Path, Any, str]] = []
    for i, item in _items(data, "components"):
        refs.append((("components", i, "vendor"), item.get("vendor"), f"component {quoted(item.get('id'))}"))
    for i, item in _items(data, "services"):
        refs.append((("services", i, "owner"), item.get("owner"), f"service {quoted(item.get('id'))}"))
    for i, item in _items(data, "plans"):
        covers = item.get("covers")
        if isinstance(covers, list):
            for j, vendor in enumerate(covers):
                refs.append((("plans", i, "covers", j), vendor, f"plan {quoted(item.get('id'))}"))
    for path, vendor, who in refs:
        if isinstance(vendor, str) and vendor not in vendor_ids:
            hint = did_you_mean(vendor, vendor_ids)
            findings.append((path, f"{who} names vendor {quoted(vendor)}, which is not defined{hint}"))
    return findings


def reference_problems(data: dict[str, Any]) -> list[Issue]:
    """Duplicate ids, unknown references and malformed clauses in raw inventory data."""
    node_ids = {**_ids(data, "services"), **_ids(data, "components")}
    return [
        *_duplicate_ids(data),
        *_requirement_problems(data, node_ids),
        *_vendor_references(data, _ids(data, "vendors")),
    ]

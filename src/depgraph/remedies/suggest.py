"""Candidate remedies for the costliest single points of failure (``remedies --suggest``).

For each of the costliest single points of failure (by break-fix risk a
year), up to three kinds of fix an integrator would price:

* *a twin*: a second component like it (same category, vendor and
  requirements), with every requirement that names it turned into
  ``{any: [it, twin]}`` (or the twin added to the ``any``/``at_least`` group
  it is in);
* *monitoring*, when it is not monitored (``monitored: true``);
* *an owner*, when it has no vendor: the vendor that owns most components of
  its category (else most components at all).

Each is written with ``one_time_cost`` left empty for the user to fill in,
and a comment saying why it was suggested; a suggestion that would not apply
to the site is left out. Only remedies the user prices are evaluated: the
block does not load until every ``one_time_cost`` is filled in.

Example:

>>> from depgraph.loading import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components:
...   - {id: router, category: network, monitored: false}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 100}
... ''')
>>> print(suggest_remedies(inv).splitlines()[4])
  - id: twin-router
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from depgraph.errors import InventoryError
from depgraph.inventory.applying import Placed, RawSite
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import Clause, Component
from depgraph.inventory.remedies import Remedy
from depgraph.inventory.yamldoc import YamlDocument
from depgraph.proposal import apply_remedy
from depgraph.remedies.figures import SiteFigures, site_figures
from depgraph.text import money

__all__ = ["suggest_remedies"]

DEFAULT_COUNT = 5
"""How many single points of failure get suggestions."""


def _flow(value: Any) -> str:
    """A YAML flow value (JSON is YAML), for one item of a list."""
    return json.dumps(value, ensure_ascii=False)


def _clause_data(clause: Clause) -> Any:
    if clause.kind == "id":
        return clause.members[0]
    if clause.kind == "any":
        return {"any": list(clause.members)}
    return {"at_least": clause.k, "of": list(clause.members)}


def _with_twin(clause: Clause, original: str, twin: str) -> Any:
    if original not in clause.members:
        return _clause_data(clause)
    if clause.kind == "id":
        return {"any": [original, twin]}
    members = [*clause.members, twin]
    return {"any": members} if clause.kind == "any" else {"at_least": clause.k, "of": members}


def _free_id(inventory: Inventory, base: str) -> str:
    taken = {c.id for c in inventory.components} | {s.id for s in inventory.services}
    for suffix in ("-2", "-b", "-twin", "-spare"):
        if base + suffix not in taken and len(base + suffix) <= 64:
            return base + suffix
    return f"twin{len(taken)}"


def _twin(inventory: Inventory, component: Component) -> dict[str, Any]:
    twin_id = _free_id(inventory, component.id)
    item: dict[str, Any] = {"id": twin_id, "name": f"Second {component.name}",
                            "category": component.category}
    if component.vendor is not None:
        item["vendor"] = component.vendor
    if component.room is not None:
        item["room"] = component.room
    if component.requires:
        item["requires"] = [_clause_data(c) for c in component.clauses]
    item["failures_per_year"] = component.failures_per_year
    changes = []
    for node in [*inventory.components, *inventory.services]:
        if any(component.id in c.members for c in node.clauses):
            changes.append({"id": node.id,
                            "requires": [_with_twin(c, component.id, twin_id) for c in node.clauses]})
    return {"id": f"twin-{component.id}", "name": f"Add a second {component.name} as a fallback",
            "add": {"components": [item]}, "change": changes}


def _owner(inventory: Inventory, component: Component) -> str | None:
    same = Counter(c.vendor for c in inventory.components
                   if c.vendor is not None and c.category == component.category)
    every = Counter(c.vendor for c in inventory.components if c.vendor is not None)
    for counts in (same, every):
        if counts:
            return min(counts, key=lambda v: (-counts[v], v))
    return None


def _candidates(inventory: Inventory, component: Component) -> list[tuple[str, dict[str, Any]]]:
    found = [("a twin removes the single point of failure", _twin(inventory, component))]
    if not component.monitored:
        found.append((
            f"{component.id} is not monitored: under a plan its failure still waits for someone "
            "to notice",
            {"id": f"watch-{component.id}", "name": f"Put {component.name} on monitoring",
             "change": [{"id": component.id, "monitored": True}]},
        ))
    owner = _owner(inventory, component)
    if component.vendor is None and owner is not None:
        found.append((
            f"{component.id} has no vendor: when it fails the client first searches for someone; "
            f"{owner} already supports similar parts",
            {"id": f"owner-{component.id}", "name": f"Give {component.name} an owner ({owner})",
             "change": [{"id": component.id, "vendor": owner}]},
        ))
    return found


def _block(why: str, remedy: dict[str, Any]) -> list[str]:
    lines = [f"  # {why}", f"  - id: {remedy['id']}", f"    name: {_flow(remedy['name'])}",
             "    one_time_cost:   # fill in: equipment and installation",
             "    monthly_cost: 0  # fill in: any recurring cost a month"]
    if "add" in remedy:
        lines.append("    add:")
        for section, items in remedy["add"].items():
            lines.append(f"      {section}:")
            lines += [f"        - {_flow(item)}" for item in items]
    if remedy.get("change"):
        lines.append("    change:")
        lines += [f"      - {_flow(change)}" for change in remedy["change"]]
    return lines


def _applies(data: RawSite | None, remedy: dict[str, Any]) -> bool:
    if data is None:
        return True
    try:
        priced = Remedy.model_validate({**remedy, "one_time_cost": 0})
        apply_remedy(data, Placed(priced, YamlDocument(None), "<suggestion>", ("remedies", 0)))
    except (InventoryError, ValueError):
        return False
    return True


def suggest_remedies(
    inventory: Inventory, count: int = DEFAULT_COUNT, figures: SiteFigures | None = None,
    data: RawSite | None = None,
) -> str:
    """A ``remedies:`` block of candidate fixes for the ``count`` costliest single points of failure.

    With ``data`` (the site as read from YAML), a suggestion that would not
    apply to it is left out.
    """
    figures = figures or site_figures(inventory)
    currency = inventory.site.currency
    ranked = sorted(figures.spofs, key=lambda c: (-figures.risk[c]["break-fix"], c))[:count]
    lines = ["# Candidate remedies from depgraph remedies --suggest: price each one (one_time_cost)",
             "# and keep those worth proposing; only priced remedies are evaluated.",
             "remedies:"]
    for component_id in ranked:
        component = inventory.component(component_id)
        services = sorted(s for s in figures.down[component_id] if s in figures.worst)
        cost = sum(inventory.service(s).cost_per_hour for s in services)
        risk = money(figures.risk[component_id]["break-fix"], currency)
        reason = (f"{component_id} is a single point of failure: alone it takes down "
                  f"{', '.join(services)} ({money(cost, currency)}/h), {risk} of risk a year "
                  "under break-fix")
        for why, remedy in _candidates(inventory, component):
            if _applies(data, remedy):
                lines += _block(f"{reason}; {why}.", remedy)
    if not ranked:
        lines[-1] = "remedies: []  # no single point of failure to fix"
    return "\n".join(lines) + "\n"

"""The "what if" data: every component's single-failure blast radius, embedded in the page as JSON.

The JSON is escaped so that no name can close the ``<script>`` element that
holds it; the page's script reads it when a component is clicked.
"""

from __future__ import annotations

import json
from typing import Any

from depgraph.costs import plans
from depgraph.costs.incidents import Incident, incidents
from depgraph.costs.plans import plan_ids, plan_name
from depgraph.engine.people import people_of_nodes
from depgraph.engine.single import single_failures
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.render import build_scene
from depgraph.report.model import Chip, ChipGroup
from depgraph.report.slower import slower_note
from depgraph.text import hours, money

__all__ = ["DIAGRAM_GROUP_BY", "component_chips", "options_of", "what_if_json"]

DIAGRAM_GROUP_BY = "room"
"""How the report's diagram clusters components: by room, as a client walks the site."""



def what_if_json(inventory: Inventory) -> str:
    """The "what if" data as JSON text that is safe inside a ``<script>`` element.

    For every component: its name; its single-failure down set, as computed
    by :meth:`DependencyGraph.down <depgraph.engine.graph.DependencyGraph.down>`
    (``down``: components by id, itself included; ``services``: the costliest
    first); the nodes it leaves *held* (``held``: up only thanks to
    redundancy, because a clause lost a member and still holds); the cost
    per hour and people of what is lost; ``handling``, one entry per option
    (:func:`options_of`), who is called first, the time to restore, the
    cost of that failure and, for an option slower than break-fix, why
    (else empty). For every service: its name, cost per hour, people and
    audience (``null`` for none); ``audiences`` gives each audience's size,
    so that the page counts the people of several failed parts as
    :func:`~depgraph.engine.people.people_affected` does (each audience at
    most once). ``elements`` maps each SVG element id of the diagram
    to the ids it draws (several for a group of identical parts). ``graph``
    holds every node's requirement clauses (``[k, member nodes]``) so that the
    page can fail several parts together exactly as ``blast`` does.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and
    ``\\u0026`` (still valid JSON), so that a name containing ``</script>``
    or ``<!--`` cannot end or disturb the element.

    >>> from depgraph import load_inventory
    >>> inv = load_inventory('''
    ... version: 1
    ... site: {name: demo}
    ... components: [{id: a, name: "</script>", category: other}]
    ... ''')
    >>> text = what_if_json(inv)
    >>> "</" in text, json.loads(text)["components"]["a"]["name"]
    (False, '</script>')
    """
    single = single_failures(inventory)
    graph = single.graph
    currency = inventory.site.currency
    handled = {plan_id: {i.root: i for i in incidents(inventory, plan_id)}
               for plan_id in plan_ids(inventory)}
    components: dict[str, Any] = {}
    for node, component in enumerate(inventory.components):
        down = single.down(node)
        cost = sum(graph.cost_per_hour[n] for n in down)
        components[component.id] = {
            "name": component.name,
            "down": sorted(graph.ids[n] for n in down if not graph.is_service(n)),
            "services": [graph.ids[n] for n in single.services(node)],
            "held": sorted(graph.ids[n] for n in single.held(node)),
            "cost": f"{money(cost, currency)}/h",
            "people": people_of_nodes(inventory, down),
            "handling": [_handled(inventory, events[component.id], handled[BREAK_FIX][component.id])
                         for events in handled.values()],
        }
    services = {
        s.id: {"name": s.name, "cost": f"{money(s.cost_per_hour, currency)}/h",
               "rate": s.cost_per_hour, "people": s.people, "audience": s.audience}
        for s in inventory.services
    }
    elements = build_scene(inventory, group_by=DIAGRAM_GROUP_BY).elements
    document = {
        "components": components,
        "services": services,
        "audiences": {a.id: a.people for a in inventory.audiences},
        "elements": {key: list(members) for key, members in elements.items()},
        "options": options_of(inventory),
        "money": money(0, currency),
        "graph": {
            "ids": list(graph.ids),
            "clauses": [[[graph.clause_k[c], list(graph.clause_members[c])]
                         for c in graph.node_clauses[n]] for n in range(len(graph.ids))],
        },
    }
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def options_of(inventory: Inventory) -> list[str]:
    """The options' names in the order of every ``handling`` list: break-fix, then each plan."""
    return [plan_name(inventory, p, "Break-fix") for p in plan_ids(inventory)]


def _handled(inventory: Inventory, event: Incident, base: Incident) -> list[str]:
    """``[who is called first, time to restore, cost of the failure, why slower]`` as the page
    shows them; the last is :func:`~depgraph.report.slower.slower_note` against ``base`` (the
    same failure under break-fix), empty unless the option takes longer than break-fix."""
    first = event.parties[0] if event.parties else None
    name = plans.party_name(inventory, event.plan, first, nobody="nobody on file")
    return [name, hours(event.hours), money(event.total, inventory.site.currency),
            slower_note(inventory, event, base)]


def component_chips(inventory: Inventory, spofs: set[str]) -> tuple[ChipGroup, ...]:
    """The components by room, rooms in order of first appearance, unplaced ones last."""
    rooms: dict[str | None, list[Chip]] = {}
    for component in inventory.components:
        chip = Chip(component.id, component.name, component.id in spofs)
        rooms.setdefault(component.room, []).append(chip)
    placed = [ChipGroup(room, tuple(chips)) for room, chips in rooms.items() if room is not None]
    unplaced = rooms.get(None)
    if unplaced:
        placed.append(ChipGroup("No room given" if placed else "Components", tuple(unplaced)))
    return tuple(placed)

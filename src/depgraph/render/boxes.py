"""The words and colour slot of each box: name, smaller lines, vendor line, category tag.

A component box reads, top to bottom: its category as a small tag, its name
(bold), its model and room (smaller) and its vendor (smallest line). A
service box shows what an hour down costs and how many people lose it. A box
that stands for several parts says how many and what ("6 × Wi-Fi AP") and
where ("2nd floor"). Every box names its vendor, or says "no vendor".

Colour slots: the :data:`COLOURED` vendors that own the most components get
a palette slot each (ties in file order); the others share grey.

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: a, name: A Co}, {id: b}]
... components:
...   - {id: x, category: network, vendor: b}
...   - {id: y, category: network, vendor: b}
...   - {id: z, category: power, vendor: a}
... ''')
>>> colour_slots(inv)
{'b': 0, 'a': 1}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from depgraph.engine.people import service_people
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import Component, Service
from depgraph.render.words import kind, what, where
from depgraph.text import count, money

__all__ = [
    "BoxText",
    "COLOURED",
    "SHOWN_NAMES",
    "colour_slots",
    "component_text",
    "group_text",
    "service_text",
    "short_name",
    "vendor_line",
]

COLOURED = 10
"""How many vendors get a colour of their own; the rest are grey."""

SHOWN_NAMES = 3
"""How many member names a group of services lists."""


@dataclass(frozen=True)
class BoxText:
    """What a box says: ``lines`` (the first is the name), its vendor line, tag and tooltip."""

    lines: tuple[str, ...]
    vendor: str
    tag: str
    tooltip: tuple[str, ...]


def colour_slots(inventory: Inventory) -> dict[str, int]:
    """Vendor id -> palette slot, for the vendors that own the most components."""
    counts = Counter(c.vendor for c in inventory.components if c.vendor)
    order = {vendor.id: i for i, vendor in enumerate(inventory.vendors)}
    ranked = sorted(counts, key=lambda v: (-counts[v], order[v]))
    return {vendor: slot for slot, vendor in enumerate(ranked[:COLOURED])}


def vendor_line(inventory: Inventory, vendor_ids: Sequence[str | None]) -> str:
    """The vendor of a box in words: a name, "no vendor", or "A, B +2 more"."""
    distinct = list(dict.fromkeys(vendor_ids))
    names = ["no vendor" if v is None else short_name(inventory.vendor(v).name)
             for v in distinct]
    if len(names) <= 2:
        return " · ".join(names)
    return f"{names[0]}, {names[1]} +{len(names) - 2} more"


def short_name(name: str) -> str:
    """A vendor's name without its bracketed aside: "Keystone IT (family-office MSP)" -> "Keystone IT"."""
    short = name.split(" (")[0].strip()
    return short or name


def component_text(inventory: Inventory, component: Component) -> BoxText:
    """A component: name, model, room; vendor; category tag."""
    model = " ".join(p for p in (component.manufacturer, component.model) if p)
    vendor = vendor_line(inventory, [component.vendor])
    lines = (component.name, *([model] if model else []),
             *([component.room] if component.room else []))
    tooltip = (
        f"{component.name} ({component.id})",
        f"{component.category} · {vendor}",
        *([f"room: {component.room}"] if component.room else []),
        *([model] if model else []),
        *([f"ip: {component.ip}"] if component.ip else []),
    )
    return BoxText(lines, vendor, component.category, tooltip)


def service_text(inventory: Inventory, service: Service) -> BoxText:
    """A service: name and what an hour down costs; its owner as the vendor line."""
    cost = f"{money(service.cost_per_hour, inventory.site.currency)}/h"
    people = service_people(inventory, service.id) if service.audience else count(service.people, "person")
    shown = " · ".join(
        text for text, value in ((cost, service.cost_per_hour), (people, service.people))
        if value
    )
    owner = vendor_line(inventory, [service.owner])
    tooltip = (f"{service.name} ({service.id})", f"service · owner: {owner}", f"{cost} · {people}")
    return BoxText((service.name, *([shown] if shown else [])), owner, "service", tooltip)


def group_text(
    inventory: Inventory, items: Sequence[Component | Service], about: str = "",
    compact: bool = False,
) -> BoxText:
    """Several parts: "6 × Wi-Fi AP", where they are (or which services), the vendors.

    ``about`` names what a group of services is about when their names share no word;
    ``compact`` (the overview) leaves out the services' names and a count of places,
    which stay in the tooltip.
    """
    names = [item.name for item in items]
    shown = [f"{item.name} ({item.id})" for item in items[:20]]
    more = [f"… and {len(items) - 20} more"] if len(items) > 20 else []
    if isinstance(items[0], Service):
        services = [item for item in items if isinstance(item, Service)]
        shared = what(names, "")
        head = f"{len(items)} × " + (shared if shared != " part" else f"{about} service")
        listed = ", ".join(names[:SHOWN_NAMES]) if len(names) <= SHOWN_NAMES else (
            ", ".join(names[:SHOWN_NAMES - 1]) + f" +{len(names) - SHOWN_NAMES + 1} more")
        cost = money(sum(s.cost_per_hour for s in services), inventory.site.currency)
        people = max(s.people for s in services)
        figures = f"{cost}/h" + (f" · up to {count(people, 'person')}" if people else "")
        vendor = vendor_line(inventory, [s.owner for s in services])
        shown_lines: tuple[str, ...] = (head, figures) if compact else (head, listed, figures)
        return BoxText(shown_lines, vendor, "services", (head, figures, *shown, *more))
    components = [item for item in items if isinstance(item, Component)]
    categories = list(dict.fromkeys(c.category for c in components))
    tag = categories[0] if len(categories) == 1 else f"{len(categories)} categories"
    noun = what([kind(c.name, c.room) for c in components], categories[0])
    if noun != f"{categories[0]} part":
        noun = what(names, categories[0])  # the same words, in the names' own case
    if len(categories) > 1 and noun == f"{categories[0]} part":
        noun = (" & ".join(categories) if len(categories) == 2
                else f"{categories[0]}, {categories[1]} +{len(categories) - 2}") + " parts"
    place = where([c.room for c in components])
    vendor = vendor_line(inventory, [c.vendor for c in components])
    shown_place = place and not (compact and place.endswith(" places"))
    lines = (f"{len(items)} × {noun}", *([place] if shown_place else []))
    return BoxText(lines, vendor, tag, (f"{len(items)} × {noun}", *shown, *more))

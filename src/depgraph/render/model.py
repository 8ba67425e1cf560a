"""The parts of a diagram's content: boxes, links, frames and the scene that holds them.

:mod:`depgraph.render.scene` builds them; :mod:`depgraph.render.dot` draws them.

>>> element_id("core-switch")
'dg-n-core-switch'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from depgraph.render.links import Bracket
from depgraph.render.states import State

__all__ = ["Box", "Cluster", "Kind", "Link", "Scene", "element_id"]

Kind = Literal["component", "service", "group", "junction"]


@dataclass(frozen=True)
class Box:
    """One drawn node: a component, a service, a group of parts or a junction.

    ``lines`` start with the name; ``vendor`` is the vendor line, ``tag`` the
    category tag; ``members`` the inventory ids drawn (none for a junction);
    ``swatch`` the vendor's colour slot (``None``: grey or, unowned, white).
    """

    key: str
    element_id: str
    kind: Kind
    members: tuple[str, ...]
    lines: tuple[str, ...]
    vendor: str
    tag: str
    tooltip: tuple[str, ...]
    category: str | None
    swatch: int | None
    owned: bool
    state: State
    focused: bool = False


@dataclass(frozen=True)
class Link:
    """Tail needs head (or the bracket ``bracket`` that head stands in); drawn head to tail.

    ``state`` is ``failed``/``down`` when the failure travels along it,
    ``held`` into a redundancy that holds, otherwise ``up``; ``label`` says
    "2 of 3" where the members of a redundancy share one box.
    """

    tail: str
    head: str
    handoff: bool
    state: State
    tooltip: str
    label: str = ""
    bracket: str | None = None
    back: bool = False
    long: bool = False


@dataclass(frozen=True)
class Cluster:
    """Boxes drawn inside one labelled frame (a room, vendor or category of the detail view)."""

    label: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Scene:
    """Everything a diagram shows, in drawing order; see the module docstring."""

    title: tuple[str, ...]
    view: str
    boxes: tuple[Box, ...]
    services: tuple[str, ...]
    clusters: tuple[Cluster, ...]
    brackets: tuple[Bracket, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    links: tuple[Link, ...]
    vendors: tuple[tuple[int, str], ...]
    others: bool
    unowned: bool
    failing: bool

    @property
    def elements(self) -> dict[str, tuple[str, ...]]:
        """SVG element id -> the component and service ids that element draws."""
        return {box.element_id: box.members for box in self.boxes if box.members}


def element_id(node_id: str) -> str:
    """The SVG ``id`` of the box of a component or service (when it is not in a group).

    Inventory ids only use ``[A-Za-z0-9_.:-]``, so the result is a valid XML
    and HTML id; groups use ``dg-g-<first member>``, junctions
    ``dg-j-<node>-<clause number>``, brackets ``dg-b-<node>-<clause number>``.

    """
    return f"dg-n-{node_id}"



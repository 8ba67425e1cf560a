"""The arrows of a diagram, its redundancy brackets and junctions.

Given which box draws each node (``key_of``), every requirement becomes a
:class:`~depgraph.render.scene.Link` from the box that needs to the box that
is needed (drawn the other way round: from what is needed to what needs it,
the way a failure travels). A clause that needs only ``k`` of its ``n``
members (``k < n``) is redundancy:

* members all drawn in one box: one link labelled "2 of 3";
* members in several boxes, where ``brackets`` is allowed and none of those
  boxes is already in another bracket: the boxes are framed side by side
  in one *bracket* labelled in words ("1 of 2: AT&T Fiber or LTE router"),
  and the link leaves the bracket;
* otherwise, in a diagram with brackets, links labelled "1 of 2" to each
  member's box; in the detail view (whose frames are rooms) a small
  *junction* labelled "1 of 2" between the node and the members (nodes of
  one party needing the same ``k`` of the same members share it).

A link whose two ends belong to different parties (vendors; unowned is a
party of its own; a service's party is its owner) is a *hand-off*.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from depgraph.engine.graph import DependencyGraph
from depgraph.render.words import either, what

_BRACKETS = re.compile(r"\s*\([^)]*\)")

__all__ = [
    "Bracket",
    "Junction",
    "RawLink",
    "Requirements",
    "SPELLED",
    "requirements",
]

SPELLED = 3
"""Brackets with up to this many boxes name each member; larger ones say what they are."""


@dataclass(frozen=True)
class Bracket:
    """Boxes drawn side by side in one frame: the members of a redundancy clause."""

    name: str
    element_id: str
    label: str
    keys: tuple[str, ...]
    clause: int


@dataclass
class Junction:
    """A junction being built: its key, one clause it draws, its element id, its owners."""

    key: str
    clause: int
    element_id: str
    owners: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class RawLink:
    """A link before it is styled: tail needs head (or the bracket ``bracket``)."""

    tail: str
    head: str
    clause: int
    member: int | None
    label: str
    bracket: str | None
    handoff: bool
    tooltip: str


@dataclass
class Requirements:
    """The links, brackets and junctions of a diagram."""

    links: list[RawLink] = field(default_factory=list)
    brackets: list[Bracket] = field(default_factory=list)
    junctions: list[Junction] = field(default_factory=list)


def requirements(
    graph: DependencyGraph,
    drawn: Sequence[int],
    key_of: dict[int, str],
    names: dict[str, str],
    party: Callable[[int], str | None],
    party_name: Callable[[str | None], str],
    brackets: bool,
    band: Callable[[str], int] = lambda key: 0,
) -> Requirements:
    """The links of every drawn node (each once), its brackets and its junctions.

    ``drawn`` are the nodes whose requirements are drawn (one per box is
    enough for a group of identical parts, but any may be given); ``names``
    is the name line of each box, for tooltips and bracket labels; only
    boxes of one ``band`` (row band) share a bracket.
    """
    result = Requirements()
    in_bracket: dict[str, str] = {}
    bracket_of: dict[tuple[str, ...], Bracket] = {}
    junctions: dict[tuple[int, tuple[int, ...], str | None], Junction] = {}
    seen: set[tuple[str, str, str | None]] = set()

    def add(link: RawLink) -> None:
        if link.tail != link.head and (link.tail, link.head, link.bracket) not in seen:
            seen.add((link.tail, link.head, link.bracket))
            result.links.append(link)

    for node in drawn:
        tail, own = key_of[node], party(node)
        for position, c in enumerate(graph.node_clauses[node], start=1):
            members = tuple(m for m in graph.clause_members[c] if m in key_of)
            if not members:
                continue
            k, n = graph.clause_k[c], len(graph.clause_members[c])
            boxes = list(dict.fromkeys(key_of[m] for m in members if key_of[m] != tail))
            handoff = any(party(m) != own for m in members)
            hand = (f" (hand-off: {party_name(own)} to "
                    f"{', '.join(dict.fromkeys(party_name(party(m)) for m in members))})"
                    if handoff else "")
            if k >= n or len(boxes) <= 1:
                label = f"{k} of {n}" if k < n else ""
                for m in members:
                    if key_of[m] != tail:
                        add(RawLink(tail, key_of[m], c, m, label, None, party(m) != own,
                                    f"{names[tail]} needs {label + ' ' if label else ''}"
                                    f"{names[key_of[m]]}" + (
                                        f" (hand-off: {party_name(own)} to "
                                        f"{party_name(party(m))})" if party(m) != own else "")))
                continue
            key = tuple(boxes)
            bracket = bracket_of.get(key)
            if bracket is None and brackets and not any(b in in_bracket for b in boxes) and len(
                    {band(b) for b in boxes}) == 1:
                bracket = Bracket(
                    f"cluster_b{len(bracket_of)}", f"dg-b-{graph.ids[node]}-{position}",
                    _bracket_label(k, n, [names[b] for b in boxes]), key, c)
                bracket_of[key] = bracket
                in_bracket.update({b: bracket.name for b in boxes})
                result.brackets.append(bracket)
            if bracket is not None:
                add(RawLink(tail, boxes[0], c, None, f"{k} of {n}", bracket.name, handoff,
                            f"{names[tail]} needs {bracket.label}{hand}"))
                continue
            if brackets:
                for m in members:
                    add(RawLink(tail, key_of[m], c, m, f"{k} of {n}", None, party(m) != own,
                                f"{names[tail]} needs {k} of {n}: {names[key_of[m]]}"))
                continue
            junction = junctions.setdefault(
                (k, members, own),
                Junction(f"j{len(junctions)}", c, f"dg-j-{graph.ids[node]}-{position}"))
            junction.owners.append(node)
            add(RawLink(tail, junction.key, c, None, "", None, False,
                        f"{names[tail]} needs {k} of {n}"))
            for m in members:
                add(RawLink(junction.key, key_of[m], c, m, "", None, party(m) != own,
                            f"{k} of {n}: {names[key_of[m]]}" + (
                                f" (hand-off: {party_name(own)} to {party_name(party(m))})"
                                if party(m) != own else "")))
    result.junctions = list(junctions.values())
    return result


def _bracket_label(k: int, n: int, names: list[str]) -> str:
    """ "1 of 2: AT&T Fiber or LTE router", "2 of 3: Wi-Fi AP" in words."""
    if len(names) <= SPELLED:
        return f"{k} of {n}: {either([_BRACKETS.sub('', name).strip() or name for name in names])}"
    return f"{k} of {n}: {what(names, 'part')}"

"""Export to the Open-PSA Model Exchange Format (MEF): one fault tree per service.

Reliability engineers analyse fault trees in their own tools (SCRAM, XFTA,
RiskSpectrum). :func:`to_openpsa` writes the site as an MEF model that those
tools read and whose minimal cut sets equal depgraph's
(:mod:`depgraph.engine.cutsets`):

* **Fault trees.** One ``define-fault-tree`` per service, named
  ``service-<id>``, whose top event is the gate ``down-<id>``: the service is
  down. A gate shared by several services is defined in the first service's
  tree (file order) that reaches it and referenced from the others, so each
  tree has exactly one top event.
* **Gates.** A node is down when it fails (components only) or one of its
  clauses fails, so its gate is an ``or``. A clause "at least k of n members
  up" fails when at least m = n - k + 1 members are down: an ``or`` when m is
  1 (an id, or k = n), an ``and`` when m is n (an ``any`` group). In between
  it is written as a chain of ``or``/``and`` gates, not as the MEF
  ``atleast``: "the first member is down and m - 1 of the rest are, or m of
  the rest are", one gate per step, named
  ``down-<id>_g<requirement>at<m>from<member>``. The chain has at most n·m
  gates where some tools expand ``atleast`` into all C(n, m) combinations,
  and SCRAM 0.16 simplifies an ``atleast`` wrongly when one argument also
  appears inside another (a switch and an access point behind it in one
  group); ``and``/``or`` gates have no such trouble.
* **Basic events.** ``fails-<id>``, one per component that some service
  needs, with the probability that it is down at a given moment: its
  steady-state unavailability ``q = λr / (8760 + λr)``, where ``λ`` is
  ``failures_per_year`` and ``r`` its time to restore under break-fix in hours
  (the incident hours of ``cost-model.md``; a latent failure counts its weeks
  unseen). ``λr/8760`` is the expected share of the year it is down; the exact
  renewal formula keeps q below 1. Each basic event carries ``λ`` and ``r``
  as attributes.
* **Names.** MEF names allow letters, digits, ``_`` and single inner dashes.
  An id is written as is except ``_`` → ``__``, ``.`` → ``_d``, ``:`` → ``_c``,
  and a dash that would be leading, trailing or doubled → ``_h``; the result
  is unambiguous. Every element carries the original id and name as a label,
  with control characters (which XML 1.0 cannot hold) written as escapes.

**Loops.** Fault trees must be acyclic, but a supported loop (two routers
backing each other up) is cyclic. The least-fixpoint rule is unrolled in
layers: inside a loop of s nodes, layer 0 says every member is down, and
layer t evaluates each member's condition with the other members taken at
layer t - 1. Starting from "all down", each layer can only bring members up,
so for any set of failures the layers stop changing within s steps: layer s
is exactly the least-fixpoint answer, and it is the gate ``down-<id>``.
Gates of the inner layers are named ``down-<id>_v<t>``. Constants are folded
away (a member down at layer 0 satisfies its share of a clause), so no gate
contains a constant.

Example:

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components:
...   - {id: isp-a, category: network}
...   - {id: isp-b, category: network}
...   - {id: router, category: network, requires: [{any: [isp-a, isp-b]}]}
... services:
...   - {id: internet, requires: [router]}
... ''')
>>> xml = to_openpsa(inv)
>>> '<define-gate name="down-router">' in xml, gate_name("wi.fi:5g"), event_name("a--b-")
(True, 'down-wi_dfi_c5g', 'fails-a-_hb_h')
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from depgraph.costs.incidents import restoration_hours
from depgraph.engine.cutsets import HOURS_PER_YEAR
from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.inventory.container import Inventory
from depgraph.quoting import printable

__all__ = [
    "Constant",
    "Formula",
    "Op",
    "Ref",
    "TRUE",
    "event_name",
    "fault_tree_name",
    "gate_name",
    "to_openpsa",
    "unavailability",
]

_ESCAPES = {"_": "__", ".": "_d", ":": "_c"}


def _escaped(node_id: str) -> str:
    """``node_id`` as the tail of an MEF name (see the module for the rules)."""
    out = []
    last = len(node_id) - 1
    for i, char in enumerate(node_id):
        if char == "-" and (i == 0 or i == last or node_id[i - 1] == "-"):
            out.append("_h")
        else:
            out.append(_ESCAPES.get(char, char))
    return "".join(out)


def event_name(component_id: str) -> str:
    """The MEF name of the basic event "component fails"."""
    return f"fails-{_escaped(component_id)}"


def gate_name(node_id: str, layer: int | None = None) -> str:
    """The MEF name of the gate "node is down" (``layer``: an inner layer of a loop)."""
    suffix = "" if layer is None else f"_v{layer}"
    return f"down-{_escaped(node_id)}{suffix}"


def fault_tree_name(service_id: str) -> str:
    """The MEF name of a service's fault tree."""
    return f"service-{_escaped(service_id)}"


def unavailability(failures_per_year: float, restore_hours: float) -> float:
    """The steady-state probability that a component is down: ``λr / (8760 + λr)``.

    >>> round(unavailability(0.5, 17.52), 6)  # 0.5 x 17.52 = 8.76 hours down a year
    0.000999
    """
    down_hours = failures_per_year * restore_hours
    return down_hours / (HOURS_PER_YEAR + down_hours)


@dataclass(frozen=True)
class Ref:
    """A reference to a basic event (``kind`` = "basic-event") or a gate (``kind`` = "gate")."""

    kind: str
    name: str


@dataclass(frozen=True)
class Op:
    """A connective, ``or`` or ``and``, over its arguments."""

    kind: str
    args: tuple[Formula, ...]


@dataclass(frozen=True)
class Constant:
    """MEF's ``<constant value="true"/>``: only a service down with nothing failed needs it."""


Formula = Ref | Op | Constant
TRUE = None
"""A condition that always holds: folded away before anything is written."""


def _either(args: list[Formula | None]) -> Formula | None:
    """Any of ``args`` holds (``None`` = TRUE)."""
    live = [a for a in args if a is not TRUE]
    return TRUE if len(live) < len(args) else _any_of(live)


def _any_of(args: list[Formula]) -> Formula:
    """Any of ``args`` holds: nested ``or`` flattened, repeats dropped (two clauses may share
    a member)."""
    flat: dict[Formula, None] = {}
    for a in args:
        flat.update(dict.fromkeys(a.args if isinstance(a, Op) and a.kind == "or" else (a,)))
    unique = tuple(flat)
    return unique[0] if len(unique) == 1 else Op("or", unique)


def _all_of(args: list[Formula]) -> Formula:
    """All of ``args`` hold: nested ``and`` flattened."""
    flat: list[Formula] = []
    for a in args:
        flat.extend(a.args if isinstance(a, Op) and a.kind == "and" else (a,))
    return Op("and", tuple(flat))


@dataclass(frozen=True)
class _Gate:
    """A gate to write: its name, the node it belongs to, a label and its formula."""

    name: str
    node_id: str
    label: str
    formula: Formula


@dataclass
class _Builder:
    """Builds every gate the services need, with loops unrolled in layers."""

    graph: DependencyGraph
    group: list[int] = field(default_factory=list)
    group_size: list[int] = field(default_factory=list)
    gates: dict[str, _Gate] = field(default_factory=dict)
    refs: dict[tuple[int, int | None], Formula | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.group = [0] * len(self.graph)
        self.group_size = [1] * len(self.graph)
        for number, members in enumerate(self.graph.dependency_order):
            for node in members:
                self.group[node] = number
                self.group_size[node] = len(members)

    def ref(self, node: int, layer: int | None = None) -> Formula | None:
        """The condition "``node`` is down" (at ``layer`` of its loop), as a reference."""
        graph = self.graph
        if not graph.is_service(node) and not graph.node_clauses[node]:
            return Ref("basic-event", event_name(graph.ids[node]))
        key = (node, layer)
        if key not in self.refs:
            formula = self._formula(node, layer)
            if formula is TRUE:
                self.refs[key] = TRUE
            else:
                step = "" if layer is None else f" (loop unrolled: step {layer})"
                name = gate_name(graph.ids[node], layer)
                self.refs[key] = self._gate(name, node, f"{self._name(node)} is down{step}", formula)
        return self.refs[key]

    def _name(self, node: int) -> str:
        """The display name of graph node ``node``."""
        return self.graph.node(node).name

    def _gate(self, name: str, node: int, label: str, formula: Formula) -> Ref:
        """Record a gate of ``node`` and return a reference to it."""
        self.gates[name] = _Gate(name, self.graph.ids[node], label, formula)
        return Ref("gate", name)

    def _formula(self, node: int, layer: int | None) -> Formula | None:
        graph = self.graph
        inner = (self.group_size[node] if layer is None else layer) - 1
        terms: list[Formula | None] = []
        if not graph.is_service(node):
            terms.append(Ref("basic-event", event_name(graph.ids[node])))
        for number, clause in enumerate(graph.node_clauses[node], 1):
            members = graph.clause_members[clause]
            args = [self._member(node, m, inner) for m in members]
            need = graph.clause_slack[clause] + 1 - sum(1 for a in args if a is TRUE)
            live = [a for a in args if a is not TRUE]
            if need <= 0:
                return TRUE
            prefix = f"{gate_name(graph.ids[node], layer)}_g{number}"
            terms.append(self._at_least(need, live, 0, (node, number, prefix), {}))
        return _either(terms)

    def _at_least(
        self, need: int, args: list[Formula], start: int,
        clause: tuple[int, int, str], memo: dict[tuple[int, int], Formula],
    ) -> Formula:
        """At least ``need`` of ``args[start:]`` hold: "the first one holds and ``need - 1``
        of the rest do, or ``need`` of the rest do", one gate per step (see the module)."""
        rest = args[start:]
        if len(rest) == 1:
            return rest[0]
        if need == 1:
            return Op("or", tuple(rest))
        if need == len(rest):
            return Op("and", tuple(rest))
        if (need, start) not in memo:
            node, number, prefix = clause
            with_first = _all_of([rest[0], self._at_least(need - 1, args, start + 1, clause, memo)])
            without = self._at_least(need, args, start + 1, clause, memo)
            memo[need, start] = self._gate(
                f"{prefix}at{need}from{start + 1}", node,
                f"{self._name(node)}: at least {need} of members {start + 1} to {len(args)} "
                f"of requirement {number} are down",
                _any_of([with_first, without]),
            )
        return memo[need, start]

    def _member(self, node: int, member: int, inner: int) -> Formula | None:
        """A member of ``node``'s clause: at the inner layer when it shares ``node``'s loop."""
        if self.group[member] != self.group[node]:
            return self.ref(member)
        return TRUE if inner == 0 else self.ref(member, inner)


def _gate_refs(formula: Formula) -> list[str]:
    """The gates ``formula`` refers to, in order."""
    if isinstance(formula, Ref):
        return [formula.name] if formula.kind == "gate" else []
    if isinstance(formula, Constant):
        return []
    return [name for arg in formula.args for name in _gate_refs(arg)]


def _event_refs(formula: Formula) -> list[str]:
    """The basic events ``formula`` refers to, in order."""
    if isinstance(formula, Ref):
        return [formula.name] if formula.kind == "basic-event" else []
    if isinstance(formula, Constant):
        return []
    return [name for arg in formula.args for name in _event_refs(arg)]


def _trees(builder: _Builder, services: list[int]) -> list[tuple[int, list[_Gate]]]:
    """The gates each service's fault tree defines: its top, then what it reaches first.

    Breadth first from the top, in the order the formulas name them.

    The walk stops at another service's own gate (defined in that service's
    tree) and at gates already placed, so that every gate but the top is
    referenced inside the tree that defines it.
    """
    tops = {gate_name(builder.graph.ids[s]) for s in services}
    placed: set[str] = set()
    trees = []
    for service in services:
        top = gate_name(builder.graph.ids[service])
        placed.add(top)
        own = [builder.gates[top]]
        for gate in own:  # breadth first: ``own`` grows while it is read
            for name in _gate_refs(gate.formula):
                if name not in placed and name not in tops:
                    placed.add(name)
                    own.append(builder.gates[name])
        trees.append((service, own))
    return trees


def _formula_element(parent: ET.Element, formula: Formula) -> None:
    """Write ``formula`` as XML under ``parent``."""
    if isinstance(formula, Ref):
        ET.SubElement(parent, formula.kind, name=formula.name)
        return
    if isinstance(formula, Constant):
        ET.SubElement(parent, "constant", value="true")
        return
    element = ET.SubElement(parent, formula.kind)
    for arg in formula.args:
        _formula_element(element, arg)


def _label(parent: ET.Element, text: str) -> None:
    """Add an MEF ``label``: user text, with what XML 1.0 cannot carry (control characters,
    even as references) written as visible escapes (``\\x1b``)."""
    ET.SubElement(parent, "label").text = printable(text)


def _attributes(parent: ET.Element, values: dict[str, str]) -> None:
    """Add MEF ``attributes``, one per entry of ``values``."""
    attributes = ET.SubElement(parent, "attributes")
    for name, value in values.items():
        ET.SubElement(attributes, "attribute", name=name, value=value)


def _gate_element(parent: ET.Element, gate: _Gate) -> None:
    """Write one ``define-gate``."""
    element = ET.SubElement(parent, "define-gate", name=gate.name)
    _label(element, gate.label)
    _attributes(element, {"depgraph-id": gate.node_id})
    _formula_element(element, gate.formula)


def to_openpsa(inventory: Inventory) -> str:
    """The site as an Open-PSA MEF model: one fault tree per service (see the module)."""
    graph = graph_of(inventory)
    builder = _Builder(graph)
    services = list(range(graph.n_components, len(graph)))
    for service in services:
        if builder.ref(service) is TRUE:  # down with nothing failed: the loader refuses that
            name = gate_name(graph.ids[service])
            builder.gates[name] = _Gate(name, graph.ids[service], "always down", Constant())
    root = ET.Element("opsa-mef")
    _label(root, f"{inventory.site.name}: fault trees exported by depgraph")
    used: set[str] = set()
    for service, gates in _trees(builder, services):
        details = inventory.service(graph.ids[service])
        tree = ET.SubElement(root, "define-fault-tree", name=fault_tree_name(details.id))
        _label(tree, f"{details.name} is down")
        for gate in gates:
            _gate_element(tree, gate)
            used.update(_event_refs(gate.formula))
    restore = restoration_hours(inventory)
    data = ET.SubElement(root, "model-data")
    for component in inventory.components:
        name = event_name(component.id)
        if name not in used:
            continue
        event = ET.SubElement(data, "define-basic-event", name=name)
        _label(event, f"{component.name} fails")
        rate, hours = component.failures_per_year, restore[component.id]
        _attributes(event, {
            "depgraph-id": component.id,
            "failures-per-year": repr(rate),
            "restore-hours": repr(hours),
        })
        ET.SubElement(event, "float", value=repr(unavailability(rate, hours)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"

"""Which tier of the site each node belongs to, in dependency order.

An overview reads like the site is built: power first, then the internet
lines and cloud platforms, the gateway (firewall, router), the core of the
network, distribution and access (switches in closets, Wi-Fi), the endpoints
(everything else that can fail), and last the services people use. The tier
of a component comes from its category, its vendor's billing, its name and
its place in the network:

* ``power``: category ``power``;
* ``internet``: category ``cloud``, or a network component from an ISP
  (billed ``included``) or named like a line (fiber, coax, DSL, LTE, 5G,
  modem, ISP, WAN, satellite);
* ``gateway``: a network component named like a firewall, router or gateway
  that needs no other network component of the site;
* ``core``: a network component named "core", or one that other network
  components need while it needs none of the site's switches;
* ``access``: every other network component;
* ``endpoint``: every other component; ``service``: services.

The words are a heuristic over free-text names; a part that lands in a
neighbouring tier is still drawn, with all its links, one row off.

>>> from depgraph.engine.graph import graph_of
>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: isp, billing: included}]
... components:
...   - {id: ups, category: power}
...   - {id: fiber, category: network, vendor: isp, requires: [ups]}
...   - {id: fw, name: Firewall, category: network, requires: [fiber, ups]}
...   - {id: sw, name: Main switch, category: network, requires: [fw]}
...   - {id: ap, name: Wi-Fi AP, category: network, requires: [sw]}
...   - {id: tv, category: video, requires: [ap]}
... services: [{id: watch, requires: [tv]}]
... ''')
>>> [TIERS[t] for t in tiers_of(graph_of(inv))]
['power', 'internet', 'gateway', 'core', 'access', 'endpoint', 'service']
"""

from __future__ import annotations

import re

from depgraph.engine.graph import DependencyGraph

__all__ = [
    "SPINE",
    "TIERS",
    "TIER_TITLES",
    "tiers_of",
]

TIERS: tuple[str, ...] = (
    "power", "internet", "gateway", "core", "access", "endpoint", "service",
)
"""The tiers, in dependency order."""

TIER_TITLES: dict[str, str] = {
    "power": "Power",
    "internet": "Internet",
    "gateway": "Gateway",
    "core": "Core network",
    "access": "Switches & Wi-Fi",
    "endpoint": "Endpoints",
    "service": "Services",
}
"""How each tier is named at the side of the diagram."""

SPINE: frozenset[int] = frozenset({1, 2, 3})
"""The tiers of the network spine (internet, gateway, core): drawn on one line."""

_LINE_WORDS = re.compile(
    r"\b(fiber|fibre|coax|dsl|lte|5g|4g|cellular|modem|isp|wan|satellite|starlink|circuit|ont)\b",
    re.IGNORECASE,
)
_GATEWAY_WORDS = re.compile(
    r"\b(firewall|router|gateway|fw|udm|edge|security appliance)\b", re.IGNORECASE
)
_CORE_WORDS = re.compile(r"\bcore\b", re.IGNORECASE)


def tiers_of(graph: DependencyGraph) -> list[int]:
    """The tier (an index into :data:`TIERS`) of every node of ``graph``."""
    inventory = graph.inventory
    billing = {vendor.id: vendor.billing for vendor in inventory.vendors}
    tiers = [6] * len(graph)
    network: list[int] = []
    for node, component in enumerate(inventory.components):
        words = _words(component.id, component.name)
        if component.category == "power":
            tiers[node] = 0
        elif component.category == "cloud":
            tiers[node] = 1
        elif component.category != "network":
            tiers[node] = 5
        elif (component.vendor and billing.get(component.vendor) == "included") or (
            _LINE_WORDS.search(words)
        ):
            tiers[node] = 1
        else:
            tiers[node] = 4
            network.append(node)
    lan_needs = {node: _network_requirements(graph, node, tiers) for node in network}
    named = {
        node for node in network
        if _GATEWAY_WORDS.search(_words(inventory.components[node].id,
                                        inventory.components[node].name))
    }
    for node in named:
        if lan_needs[node] <= named:
            tiers[node] = 2
    before = list(tiers)
    for node in network:
        if before[node] != 4:
            continue
        component = inventory.components[node]
        needed_by_network = any(
            before[graph.clause_node[c]] == 4 and graph.clause_node[c] != node
            for c in graph.dependents[node]
        )
        lan = {m for m in lan_needs[node] if before[m] == 4}
        if _CORE_WORDS.search(_words(component.id, component.name)) or (
            needed_by_network and not lan
        ):
            tiers[node] = 3
    return tiers


def _network_requirements(graph: DependencyGraph, node: int, tiers: list[int]) -> set[int]:
    """The site network components (not lines, not cloud) that ``node`` requires."""
    return {
        m for c in graph.node_clauses[node] for m in graph.clause_members[c]
        if m < graph.n_components and tiers[m] == 4
    }


def _words(*texts: str) -> str:
    """Ids and names as words: ``sw-core`` reads as ``sw core``."""
    return " ".join(texts).replace("-", " ").replace("_", " ")

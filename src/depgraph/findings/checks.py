"""The audit: what an integrator writes up after walking a site, each finding with its evidence.

:func:`audit` runs every check of :data:`CHECKS` and returns the findings
sorted most severe first (error, warning, info), then by code, then by
subject. Each check has a stable code; ``docs/audit-codes.md`` explains each
one, when it fires and when it stays quiet. Where a check needs a definition
the issue left open, it is stated here and in that document:

* a *redundancy group* is a clause that tolerates at least one member down
  (``any`` of two or more, ``at_least`` k of n with k < n);
* a *critical path* is, for a service s and a single point of failure c of s,
  the requirement path from s down to c that the break-fix troubleshooting
  follows (:func:`depgraph.costs.incidents.requirement_path` through the nodes c takes
  down); its *parties* are the owner of each service on it and the vendor of
  each component on it, unowned counting as a party of its own; it *crosses a
  vendor boundary* when two consecutive nodes have different parties.

Example (two access points that both hang off one PoE switch):

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco}]
... components:
...   - {id: poe, category: network, vendor: netco}
...   - {id: ap-1, category: network, vendor: netco, requires: [poe]}
...   - {id: ap-2, category: network, vendor: netco, requires: [poe]}
... services:
...   - {id: wifi, requires: [{any: [ap-1, ap-2]}], cost_per_hour: 50}
... ''')
>>> [(f.code, f.severity, f.subject) for f in audit(inv)]
[('DG102', 'error', 'wifi'), ('DG101', 'warning', 'poe'), ('DG103', 'warning', 'ap-1'), \
('DG103', 'warning', 'ap-2'), ('DG108', 'info', 'netco')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from depgraph.costs.incidents import LATENT, MONITORING, Incident, incident, incidents, requirement_path
from depgraph.engine.cutsets import DEFAULT_MAX_ORDER, ServiceCutSets, check_max_order, service_cut_sets
from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.errors import UsageError
from depgraph.inventory.models import BREAK_FIX, Clause, Component, Inventory, Service
from depgraph.text import hours, money

SEVERITIES = ("error", "warning", "info")
"""Most severe first: the order of the JSON list and of the human report."""

CONCENTRATION_SHARE = 0.75
"""DG108 fires for a vendor that is a party on at least this share of the critical paths."""

FRAGMENTATION_SHARE = 0.5
"""DG107 fires when at least this share of the critical paths cross a vendor boundary."""


@dataclass(frozen=True)
class Check:
    """One audit check: its stable code, short name and severity."""

    code: str
    name: str
    severity: str


CHECKS: tuple[Check, ...] = (
    Check("DG101", "single-point-of-failure", "warning"),
    Check("DG102", "redundancy-not-real", "error"),
    Check("DG103", "silent-redundancy", "warning"),
    Check("DG104", "unowned-component", "warning"),
    Check("DG105", "service-without-owner", "error"),
    Check("DG106", "long-handoff-chain", "warning"),
    Check("DG107", "vendor-fragmentation", "warning"),
    Check("DG108", "vendor-concentration", "info"),
    Check("DG109", "supported-loop", "info"),
    Check("DG110", "cut-sets", "info"),
)
_CHECK = {check.code: check for check in CHECKS}


@dataclass(frozen=True)
class Finding:
    """One finding: ``code`` names its check, ``subject`` the id it is about (or ``site``).

    ``evidence`` holds the figures behind the message; it is merged into the
    JSON object next to the five fixed keys.
    """

    code: str
    subject: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        """The severity of this finding's check."""
        return _CHECK[self.code].severity

    def sort_key(self) -> tuple[int, str, str, str]:
        """Most severe first, then code, then subject (then message, for determinism)."""
        return (SEVERITIES.index(self.severity), self.code, self.subject, self.message)

    def to_json(self) -> dict[str, Any]:
        """``{"code", "severity", "check", "subject", "message", ...evidence}``."""
        return {
            "code": self.code,
            "severity": self.severity,
            "check": _CHECK[self.code].name,
            "subject": self.subject,
            "message": self.message,
            **self.evidence,
        }


def fails_on(findings: Sequence[Finding], threshold: str) -> bool:
    """Whether a finding at ``threshold`` severity or above exists (``audit --fail-on``).

    Raises :class:`UsageError` for an unknown severity.
    """
    if threshold not in SEVERITIES:
        raise UsageError(f"unknown severity '{threshold}'; use one of {', '.join(SEVERITIES)}")
    limit = SEVERITIES.index(threshold)
    return any(SEVERITIES.index(f.severity) <= limit for f in findings)


def _listing(items: Sequence[str], shown: int = 4) -> str:
    """``a, b and c``; beyond ``shown`` items, ``a, b, c, d and 3 more``."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) <= shown:
        return f"{', '.join(items[:-1])} and {items[-1]}"
    return f"{', '.join(items[:shown])} and {len(items) - shown} more"


def _plural(count: int, word: str) -> str:
    """``1 service``, ``2 services``; ``1 person``, ``2 people``."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {'people' if word == 'person' else word + 's'}"


def _party(party: str | None) -> str:
    """A party as the reader should see it."""
    return "nobody (unowned)" if party is None else party


def _clause_text(clause: Clause) -> str:
    """``any of a, b`` or ``at least 2 of a, b, c``; long groups as ``at least 9 of 11: a, ...``."""
    members = list(clause.members)
    listed = ", ".join(members) if len(members) <= 4 else (
        f"{len(members)}: {', '.join(members[:3])}, ..."
    )
    return f"any of {listed}" if clause.k == 1 else f"at least {clause.k} of {listed}"


@dataclass(frozen=True)
class _Group:
    """A redundancy group: requirement ``number`` (from 1) of ``node``."""

    node: str
    number: int
    clause: Clause
    index: int

    def describe(self) -> str:
        """``wifi's requirement 1 (any of ap-1, ap-2)``."""
        return f"{self.node}'s requirement {self.number} ({_clause_text(self.clause)})"


class _Site:
    """What the checks share, each computed once: single-failure regions, incidents, paths."""

    def __init__(self, inventory: Inventory, max_order: int) -> None:
        self.inventory = inventory
        self.max_order = max_order
        self.graph: DependencyGraph = graph_of(inventory)
        self.currency = inventory.site.currency

    @cached_property
    def single_down(self) -> list[set[int]]:
        """For each component node, the nodes its failure alone takes down."""
        return [self.graph.down([c]) for c in range(self.graph.n_components)]

    @cached_property
    def incidents(self) -> dict[str, Incident]:
        """The break-fix incident of each component, by id."""
        return {i.root: i for i in incidents(self.inventory, BREAK_FIX)}

    @cached_property
    def groups(self) -> dict[int, _Group]:
        """Every redundancy group, keyed by the graph's clause number, in node then file order."""
        graph = self.graph
        found = {}
        for node in range(len(graph)):
            clauses = self._node(node).clauses
            for number, index in enumerate(graph.node_clauses[node], 1):
                if len(graph.clause_members[index]) > graph.clause_k[index]:
                    found[index] = _Group(graph.ids[node], number, clauses[number - 1], index)
        return found

    @cached_property
    def clause_hits(self) -> list[dict[int, int]]:
        """For each component node: clause number → members its failure alone takes down."""
        graph = self.graph
        hits = []
        for component in range(graph.n_components):
            counts: dict[int, int] = {}
            for node in self.single_down[component]:
                for clause in graph.dependents[node]:
                    counts[clause] = counts.get(clause, 0) + 1
            hits.append(counts)
        return hits

    def breaks(self, component: int, clause: int) -> bool:
        """Whether ``component``'s failure alone leaves fewer than k members of ``clause`` up."""
        tolerated = len(self.graph.clause_members[clause]) - self.graph.clause_k[clause]
        return self.clause_hits[component].get(clause, 0) > tolerated

    def _node(self, node: int) -> Component | Service:
        """The inventory item of graph node ``node``."""
        node_id = self.graph.ids[node]
        if self.graph.is_service(node):
            return self.inventory.service(node_id)
        return self.inventory.component(node_id)

    def members_down(self, group: _Group, component: int) -> list[str]:
        """The members of ``group`` that ``component``'s failure alone takes down, sorted."""
        down = self.single_down[component]
        return sorted(self.graph.ids[m] for m in self.graph.clause_members[group.index] if m in down)

    def services(self, nodes: set[int]) -> list[str]:
        """The ids of the services among ``nodes``, sorted."""
        return sorted(self.graph.ids[n] for n in nodes if self.graph.is_service(n))

    def cost(self, service_ids: Sequence[str]) -> tuple[float, int]:
        """Summed cost per hour and people of these services."""
        services = [self.inventory.service(s) for s in service_ids]
        return sum(s.cost_per_hour for s in services), sum(s.people for s in services)

    def party(self, node: int) -> str | None:
        """Under break-fix: a service's owner, a component's vendor; ``None`` when unowned."""
        details = self._node(node)
        return details.owner if isinstance(details, Service) else details.vendor

    @cached_property
    def critical_paths(self) -> list[tuple[str, str, list[str | None]]]:
        """(service, component, parties along the path) for every critical path, sorted."""
        graph = self.graph
        paths = []
        for component in range(graph.n_components):
            down = self.single_down[component]
            for service in sorted(n for n in down if graph.is_service(n)):
                path = requirement_path(graph, service, component, down)
                paths.append(
                    (graph.ids[service], graph.ids[component], [self.party(n) for n in path])
                )
        return sorted(paths, key=lambda p: (p[0], p[1]))


def _single_points_of_failure(site: _Site) -> Iterator[Finding]:
    graph = site.graph
    for component in range(graph.n_components):
        services = site.services(site.single_down[component])
        if not services:
            continue
        cost, people = site.cost(services)
        component_id = graph.ids[component]
        yield Finding(
            "DG101", component_id,
            f"{component_id} is a single point of failure: its failure alone takes down "
            f"{_plural(len(services), 'service')} ({_listing(services)}), "
            f"{money(cost, site.currency)}/h and {_plural(people, 'person')}.",
            {"services": services, "cost_per_hour": cost, "people": people},
        )


def _defeats(site: _Site, group: _Group, component: int) -> bool:
    """Whether ``component``'s failure alone breaks ``group`` while the rest of its node holds.

    A failure that also breaks another requirement of the node (or is the
    node itself) takes the node down anyway: that is a single point of failure
    of the node, not a flaw of this group.
    """
    owner = site.graph.clause_node[group.index]
    return component != owner and all(
        site.breaks(component, clause) == (clause == group.index)
        for clause in site.graph.node_clauses[owner]
    )


def _redundancy_not_real(site: _Site) -> Iterator[Finding]:
    graph = site.graph
    defeaters: dict[int, list[int]] = {}
    for component, hits in enumerate(site.clause_hits):
        for clause in hits:
            group = site.groups.get(clause)
            if group is not None and _defeats(site, group, component):
                defeaters.setdefault(clause, []).append(component)
    for clause, group in site.groups.items():
        if clause not in defeaters:
            continue
        ranked = sorted(defeaters[clause], key=lambda c: (len(site.single_down[c]), graph.ids[c]))
        names = [graph.ids[c] for c in ranked]
        also = f" (or of {_listing(names[1:])})" if len(names) > 1 else ""
        yield Finding(
            "DG102", group.node,
            f"The redundancy of {group.describe()} is not real: one failure of {names[0]}{also} "
            f"leaves fewer than {group.clause.k} of its {len(group.clause.members)} members up.",
            {
                "requirement": group.number,
                "members": list(group.clause.members),
                "k": group.clause.k,
                "defeated_by": names,
            },
        )


def _silent_redundancy(site: _Site) -> Iterator[Finding]:
    graph, inventory = site.graph, site.inventory
    for component in range(graph.n_components):
        component_id = graph.ids[component]
        broken = site.incidents[component_id]
        if broken.detection != LATENT:
            continue
        degraded = [
            (site.groups[clause], site.members_down(site.groups[clause], component))
            for clause in sorted(site.clause_hits[component]) if clause in site.groups
        ]
        if not degraded:
            continue
        watched_by = [
            p.id for p in inventory.plans
            if incident(inventory, p.id, component_id).detection == MONITORING
        ]
        if watched_by:
            continue
        monitored = inventory.component(component_id).monitored
        why = "it is not monitored" if not monitored else "no plan of this site watches it"
        days = broken.detection_hours / 24
        group, down = degraded[0]
        if down == [component_id]:
            what = f"{component_id}, a member of {group.describe()}, can fail unseen: no service"
        else:
            what = (
                f"{component_id} can fail unseen: it takes down {_listing(down)} of "
                f"{group.describe()} but no service"
            )
        yield Finding(
            "DG103", component_id,
            f"{what} goes down, so under break-fix nobody notices for about {days:.0f} days and "
            f"the site runs without that backup ({why}).",
            {
                "monitored": monitored,
                "latent_days": days,
                "groups": [
                    {"node": g.node, "requirement": g.number, "members_down": d}
                    for g, d in degraded
                ],
            },
        )


def _services_above(graph: DependencyGraph, node: int) -> set[int]:
    """The services that require ``node``, directly or through other nodes."""
    seen = {node}
    stack = [node]
    while stack:
        for clause in graph.dependents[stack.pop()]:
            owner = graph.clause_node[clause]
            if owner not in seen:
                seen.add(owner)
                stack.append(owner)
    return {n for n in seen if graph.is_service(n)}


def _unowned_components(site: _Site) -> Iterator[Finding]:
    graph = site.graph
    search = site.inventory.model.unowned_search_hours
    for component in site.inventory.components:
        if component.vendor is not None:
            continue
        services = site.services(_services_above(graph, graph.index[component.id]))
        if not services:
            continue
        yield Finding(
            "DG104", component.id,
            f"{component.id} has no vendor although {_plural(len(services), 'service')} "
            f"{'depends' if len(services) == 1 else 'depend'} on it ({_listing(services)}): "
            f"when it fails the client first spends {hours(search)} finding someone to fix it.",
            {"services": services, "search_hours": search},
        )


def _services_without_owner(site: _Site) -> Iterator[Finding]:
    for service in site.inventory.services:
        if service.owner is None:
            yield Finding(
                "DG105", service.id,
                f"{service.id} has no owner: no vendor supports anything it requires, so when "
                "it goes down there is nobody to call first.",
                {"cost_per_hour": service.cost_per_hour, "people": service.people},
            )


def _long_handoff_chains(site: _Site) -> Iterator[Finding]:
    for root, broken in sorted(site.incidents.items()):
        if len(broken.parties) < 3:
            continue
        chain = " → ".join(_party(p) for p in broken.parties)
        yield Finding(
            "DG106", root,
            f"When {root} fails under break-fix, {broken.symptom} goes down and the call passes "
            f"through {len(broken.parties)} parties ({chain}): {broken.handoffs} hand-offs and "
            f"{hours(broken.hours)} until it is fixed.",
            {
                "parties": list(broken.parties),
                "handoffs": broken.handoffs,
                "symptom": broken.symptom,
                "hours": broken.hours,
            },
        )


def _vendor_fragmentation(site: _Site) -> Iterator[Finding]:
    paths = site.critical_paths
    crossing = [(s, c, p) for s, c, p in paths if len(set(p)) > 1]
    if not paths or len(crossing) / len(paths) < FRAGMENTATION_SHARE:
        return
    share = len(crossing) / len(paths)
    involved = {p for _, _, chain in crossing for p in chain}
    parties = [*sorted(p for p in involved if p is not None), *([None] if None in involved else [])]
    service, component, chain = max(
        crossing, key=lambda x: (site.inventory.service(x[0]).cost_per_hour, len(set(x[2])))
    )
    example = " → ".join(_party(p) for i, p in enumerate(chain) if i == 0 or chain[i - 1] != p)
    yield Finding(
        "DG107", "site",
        f"{len(crossing)} of {len(paths)} critical paths ({share:.0%}) cross vendor boundaries, "
        f"so a single failure usually needs several parties to find it; for example {service} "
        f"down because {component} failed: {example}.",
        {
            "critical_paths": len(paths),
            "crossing": len(crossing),
            "share": share,
            "parties": parties,
        },
    )


def _vendor_concentration(site: _Site) -> Iterator[Finding]:
    paths = site.critical_paths
    on_paths: dict[str, list[str]] = {}
    for service, _, chain in paths:
        for vendor in {p for p in chain if p is not None}:
            on_paths.setdefault(vendor, []).append(service)
    for vendor, services in sorted(on_paths.items()):
        share = len(services) / len(paths)
        if share < CONCENTRATION_SHARE:
            continue
        distinct = sorted(set(services))
        cost, _ = site.cost(distinct)
        yield Finding(
            "DG108", vendor,
            f"{vendor} is a party on {len(services)} of {len(paths)} critical paths ({share:.0%}), "
            f"covering {_plural(len(distinct), 'service')} worth {money(cost, site.currency)}/h: "
            "its response time governs most outages.",
            {"critical_paths": len(services), "share": share, "services": distinct,
             "cost_per_hour": cost},
        )


def _supported_loops(site: _Site) -> Iterator[Finding]:
    for group in site.graph.loop_groups:
        members = sorted(site.graph.ids[n] for n in group)
        yield Finding(
            "DG109", members[0],
            f"{_listing(members, shown=len(members))} back each other up in a loop: they stay up "
            "while one of them has support of its own and all go down together when none has.",
            {"members": members},
        )


def _cut_set_text(cut_sets: ServiceCutSets) -> str:
    shown = [
        f"{' + '.join(c.components)} ({c.frequency:.2g}/year)" for c in
        sorted(cut_sets.cut_sets, key=lambda c: (-c.frequency, c.order, c.components))[:3]
    ]
    return "; ".join(shown)


def _cut_sets(site: _Site) -> Iterator[Finding]:
    restore = {root: i.hours for root, i in site.incidents.items()}
    for found in service_cut_sets(site.inventory, site.max_order, restore):
        if found.cheapest_order == 1:
            continue
        evidence = {
            "max_order": site.max_order,
            "cheapest_order": found.cheapest_order,
            "frequency": found.frequency,
            "cut_sets": [c.to_json() for c in found.cut_sets],
        }
        if found.cheapest_order is None:
            message = (
                f"{found.service} survives any combination of up to "
                f"{_plural(site.max_order, 'failure')}."
            )
        else:
            message = (
                f"{found.service} survives any single failure; "
                f"{_plural(len(found.cut_sets), 'combination')} of {found.cheapest_order} to "
                f"{site.max_order} failures take it down, about {found.frequency:.2g} times a "
                f"year, most likely {_cut_set_text(found)}."
            )
        yield Finding("DG110", found.service, message, evidence)


_RUNS: tuple[Callable[[_Site], Iterator[Finding]], ...] = (
    _single_points_of_failure,
    _redundancy_not_real,
    _silent_redundancy,
    _unowned_components,
    _services_without_owner,
    _long_handoff_chains,
    _vendor_fragmentation,
    _vendor_concentration,
    _supported_loops,
    _cut_sets,
)


def audit(inventory: Inventory, max_order: int = DEFAULT_MAX_ORDER) -> list[Finding]:
    """Every finding of every check, most severe first, then by code, then by subject.

    ``max_order`` bounds the minimal cut sets of DG110. Raises
    :class:`UsageError` when it is below 1.
    """
    check_max_order(max_order)
    site = _Site(inventory, max_order)
    findings = [finding for run in _RUNS for finding in run(site)]
    return sorted(findings, key=Finding.sort_key)

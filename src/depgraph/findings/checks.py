"""The audit's checks, one function each, declared with their stable code.

``docs/audit-codes.md`` explains each one, when it fires and when it stays
quiet. A new check is one decorated function here plus its entry in that
document.
"""

from __future__ import annotations

from collections.abc import Iterator

from depgraph.costs.incidents import LATENT, MONITORING, incident
from depgraph.engine.cutsets import ServiceCutSets, service_cut_sets
from depgraph.engine.graph import DependencyGraph
from depgraph.engine.people import people_phrase
from depgraph.findings.context import AuditContext, RedundancyGroup, party_text
from depgraph.findings.model import Finding, check
from depgraph.text import hours, listing, money, plural

__all__: list[str] = []  # the checks are reached through the registry (depgraph.findings.CHECKS)

CONCENTRATION_SHARE = 0.75
"""DG108 fires for a vendor that is a party on at least this share of the critical paths."""

FRAGMENTATION_SHARE = 0.5
"""DG107 fires when at least this share of the critical paths cross a vendor boundary."""


@check("DG101", "single-point-of-failure", "warning")
def _single_points_of_failure(site: AuditContext) -> Iterator[Finding]:
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
            f"{plural(len(services), 'service')} ({listing(services)}), "
            f"{money(cost, site.currency)}/h and {people_phrase(site.inventory, services)}.",
            {"services": services, "cost_per_hour": cost, "people": people},
        )


def _defeats(site: AuditContext, group: RedundancyGroup, component: int) -> bool:
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


@check("DG102", "redundancy-not-real", "error")
def _redundancy_not_real(site: AuditContext) -> Iterator[Finding]:
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
        also = f" (or of {listing(names[1:])})" if len(names) > 1 else ""
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


@check("DG103", "silent-redundancy", "warning")
def _silent_redundancy(site: AuditContext) -> Iterator[Finding]:
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
                f"{component_id} can fail unseen: it takes down {listing(down)} of "
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


@check("DG104", "unowned-component", "warning")
def _unowned_components(site: AuditContext) -> Iterator[Finding]:
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
            f"{component.id} has no vendor although {plural(len(services), 'service')} "
            f"{'depends' if len(services) == 1 else 'depend'} on it ({listing(services)}): "
            f"when it fails the client first spends {hours(search)} finding someone to fix it.",
            {"services": services, "search_hours": search},
        )


@check("DG105", "service-without-owner", "error")
def _services_without_owner(site: AuditContext) -> Iterator[Finding]:
    for service in site.inventory.services:
        if service.owner is None:
            yield Finding(
                "DG105", service.id,
                f"{service.id} has no owner: no vendor supports anything it requires, so when "
                "it goes down there is nobody to call first.",
                {"cost_per_hour": service.cost_per_hour, "people": service.people},
            )


@check("DG106", "long-handoff-chain", "warning")
def _long_handoff_chains(site: AuditContext) -> Iterator[Finding]:
    for root, broken in sorted(site.incidents.items()):
        if len(broken.parties) < 3:
            continue
        chain = " → ".join(party_text(p) for p in broken.parties)
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


@check("DG107", "vendor-fragmentation", "warning")
def _vendor_fragmentation(site: AuditContext) -> Iterator[Finding]:
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
    example = " → ".join(party_text(p) for i, p in enumerate(chain) if i == 0 or chain[i - 1] != p)
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


@check("DG108", "vendor-concentration", "info")
def _vendor_concentration(site: AuditContext) -> Iterator[Finding]:
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
            f"covering {plural(len(distinct), 'service')} worth {money(cost, site.currency)}/h: "
            "its response time governs most outages.",
            {"critical_paths": len(services), "share": share, "services": distinct,
             "cost_per_hour": cost},
        )


@check("DG109", "supported-loop", "info")
def _supported_loops(site: AuditContext) -> Iterator[Finding]:
    for group in site.graph.loop_groups:
        members = sorted(site.graph.ids[n] for n in group)
        yield Finding(
            "DG109", members[0],
            f"{listing(members, shown=len(members))} back each other up in a loop: they stay up "
            "while one of them has support of its own and all go down together when none has.",
            {"members": members},
        )


def _cut_set_text(cut_sets: ServiceCutSets) -> str:
    shown = [
        f"{' + '.join(c.components)} ({c.frequency:.2g}/year)" for c in
        sorted(cut_sets.cut_sets, key=lambda c: (-c.frequency, c.order, c.components))[:3]
    ]
    return "; ".join(shown)


@check("DG110", "cut-sets", "info")
def _cut_sets(site: AuditContext) -> Iterator[Finding]:
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
                f"{plural(site.max_order, 'failure')}."
            )
        else:
            message = (
                f"{found.service} survives any single failure; "
                f"{plural(len(found.cut_sets), 'combination')} of {found.cheapest_order} to "
                f"{site.max_order} failures take it down, about {found.frequency:.2g} times a "
                f"year, most likely {_cut_set_text(found)}."
            )
        yield Finding("DG110", found.service, message, evidence)

"""The report's sections, built from the site: at a glance, risks, stories, plan comparison."""

from __future__ import annotations

from collections.abc import Sequence

from depgraph.costs import plans
from depgraph.costs.incidents import Incident, Party, incident, incidents
from depgraph.costs.plans import plan_ids, plan_name
from depgraph.costs.yearly import (
    break_even_sentence,
    expected_year,
)
from depgraph.engine.graph import graph_of
from depgraph.inventory.models import BREAK_FIX, Inventory, Plan
from depgraph.report.model import Figure, Handling, PlanFigures, PlanRow, Risk, Story, VendorRow
from depgraph.simulation.combined import (
    CombinedFailures,
    combined_paragraph,
    component_sentence,
)
from depgraph.simulation.summary import PlanSimulation
from depgraph.text import count, hours, money, noun

__all__ = [
    "by_cost",
    "combined_failures",
    "costliest_stories",
    "covers_text",
    "headline_figures",
    "party_name",
    "plan_color",
    "plan_comparison",
    "plan_rows",
    "risk_of",
    "summary_lines",
    "vendor_rows",
]


SHOWN_SERVICES = 3
"""How many of the services a risk takes down are named; the rest are counted."""

TOP_INCIDENTS = 5
"""How many of the costliest break-fix incidents the fragmentation story tells."""


def headline_figures(inventory: Inventory, spof_count: int) -> tuple[Figure, ...]:
    """The headline counts."""
    owners = {c.vendor for c in inventory.components if c.vendor is not None}
    return (
        Figure(f"{len(inventory.components):,}", noun(len(inventory.components), "component")),
        Figure(f"{len(inventory.services):,}", noun(len(inventory.services), "service")),
        Figure(f"{len(owners):,}", noun(len(owners), "vendor") + " on call"),
        Figure(f"{spof_count:,}", noun(spof_count, "single point") + " of failure"),
        Figure(f"{len(inventory.plans):,}", noun(len(inventory.plans), "plan") + " compared"),
    )


def vendor_rows(inventory: Inventory) -> tuple[VendorRow, ...]:
    """Every vendor in file order with the number of components it supports."""
    owned: dict[str, int] = {}
    for component in inventory.components:
        if component.vendor is not None:
            owned[component.vendor] = owned.get(component.vendor, 0) + 1
    return tuple(
        VendorRow(
            name=v.name,
            trade=v.trade or "",
            billing="per visit" if v.billing == "hourly" else "included",
            components=owned.get(v.id, 0),
        )
        for v in inventory.vendors
    )


def covers_text(inventory: Inventory, plan: Plan) -> str:
    if plan.covers == "all":
        return "every hourly vendor and every unowned component"
    return ", ".join(inventory.vendor(v).name for v in plan.covers)


def plan_rows(inventory: Inventory) -> tuple[PlanRow, ...]:
    currency = inventory.site.currency
    return tuple(
        PlanRow(p.name, p.partner, money(p.monthly_fee, currency), covers_text(inventory, p))
        for p in inventory.plans
    )


def summary_lines(
    comparison: Sequence[PlanFigures], spof_count: int, risks: Sequence[Risk]
) -> tuple[str, ...]:
    """The findings in a few sentences: the exposure, the worst risk, each plan's verdict."""
    baseline = comparison[0]
    lines = [
        f"Under break-fix, failures are expected to cost this site {baseline.expected} a year "
        f"({baseline.labor} in labor, {baseline.downtime} in downtime); one year in ten costs "
        f"more than {baseline.p90}.",
    ]
    if risks:
        worst = risks[0]
        who = "One component" if spof_count == 1 else f"{spof_count} components"
        lines.append(
            f"{who} can each take a service down alone. The costliest, {worst.name}, "
            f"stops {count(len(worst.services) + worst.more_services, 'service')} at "
            f"{worst.cost_per_hour}; one failure costs about {worst.per_failure} under break-fix."
        )
    else:
        lines.append("No single component can take a service down alone.")
    lines += [f"{p.break_even} {p.verdict}" for p in comparison[1:]]
    return tuple(lines)


# -- top risks --------------------------------------------------------------------------


def risk_of(inventory: Inventory, component_id: str) -> Risk:
    """A single point of failure with the break-fix cost of one failure."""
    currency = inventory.site.currency
    component = inventory.component(component_id)
    event = incident(inventory, BREAK_FIX, component_id)
    lost = by_cost(inventory, event.down_services)
    return Risk(
        id=component.id,
        name=component.name,
        vendor=party_name(inventory, BREAK_FIX, component.vendor),
        room=component.room or "",
        services=tuple(inventory.service(s).name for s in lost[:SHOWN_SERVICES]),
        more_services=max(len(lost) - SHOWN_SERVICES, 0),
        people=event.service_people,
        cost_per_hour=f"{money(event.service_cost_per_hour, currency)}/h",
        restore=hours(event.hours),
        per_failure=money(event.total, currency),
        failures_per_year=f"{component.failures_per_year:g}",
    )


def by_cost(inventory: Inventory, service_ids: Sequence[str]) -> list[str]:
    """Service ids, the most costly per hour first, then most people, then by id."""
    graph = graph_of(inventory)
    return [graph.ids[n] for n in graph.service_order(map(graph.index.__getitem__, service_ids))]


def party_name(inventory: Inventory, plan_id: str, party: Party) -> str:
    """A party as the client knows it: the vendor, the plan's partner, or nobody yet."""
    return plans.party_name(inventory, plan_id, party, nobody="nobody on file")


# -- the fragmentation story ------------------------------------------------------------


def costliest_stories(inventory: Inventory, combined: CombinedFailures) -> tuple[Story, ...]:
    """The costliest break-fix incidents, each with its handling under every plan.

    A story also tells how often its component took part in a combined
    failure in the simulated break-fix years (``combined``), when it matters.
    """
    costly = sorted(
        (i for i in incidents(inventory) if i.total > 0), key=lambda i: (-i.total, i.root)
    )
    return tuple(
        Story(
            root=inventory.component(event.root).name,
            effect=_effect(inventory, event),
            handlings=tuple(
                _handling(inventory, incident(inventory, plan_id, event.root))
                for plan_id in plan_ids(inventory)
            ),
            combined=component_sentence(combined.components.get(event.root)) or "",
        )
        for event in costly[:TOP_INCIDENTS]
    )


def combined_failures(
    inventory: Inventory, plans: Sequence[PlanFigures], simulated: Sequence[PlanSimulation]
) -> str:
    """The sentence on combined failures under every plan, or nothing when they are rare."""
    named = [
        (BREAK_FIX if s.plan == BREAK_FIX else p.name, s.combined)
        for p, s in zip(plans, simulated, strict=True)
    ]
    return combined_paragraph(inventory, named) or ""


def _effect(inventory: Inventory, event: Incident) -> str:
    currency = inventory.site.currency
    if event.symptom is None:
        return "no service goes down, so nobody notices"
    names = [inventory.service(s).name for s in event.down_services]
    lost = names[0] if len(names) == 1 else f"{len(names)} services"
    return f"{lost} down, {money(event.service_cost_per_hour, currency)} an hour"


_DETECTION = {"monitoring": "monitoring alert", "symptom": "someone notices", "latent": "found by chance"}


def _handling(inventory: Inventory, event: Incident) -> Handling:
    currency = inventory.site.currency
    return Handling(
        plan=plan_name(inventory, event.plan, "Break-fix"),
        detection=_DETECTION[event.detection],
        detection_after=hours(event.detection_hours),
        chain=tuple(party_name(inventory, event.plan, p) for p in event.parties),
        handoffs=event.handoffs,
        restore=hours(event.hours),
        labor=money(event.labor, currency),
        downtime=money(event.downtime_cost, currency),
        total=money(event.total, currency),
        baseline=event.plan == BREAK_FIX,
    )


# -- the plan comparison ----------------------------------------------------------------


def plan_comparison(
    inventory: Inventory, simulated: Sequence[PlanSimulation]
) -> tuple[PlanFigures, ...]:
    """Break-fix and every plan: fee, expected parts and total, simulated statistics."""
    currency = inventory.site.currency
    baseline_year = expected_year(inventory, BREAK_FIX)
    rows = []
    for index, stats in enumerate(simulated):
        year = expected_year(inventory, stats.plan)
        cheaper = stats.cheaper_than_break_fix
        rows.append(PlanFigures(
            name=plan_name(inventory, stats.plan, "Break-fix"),
            monthly_fee=money(year.monthly_fee, currency),
            fee=money(year.fee, currency),
            labor=money(year.labor, currency),
            downtime=money(year.downtime_cost, currency),
            expected=money(year.annual_cost, currency),
            mean=money(stats.mean, currency),
            std=money(stats.std, currency),
            p50=money(stats.p50, currency),
            p90=money(stats.p90, currency),
            p99=money(stats.p99, currency),
            cheaper="" if cheaper is None else _percent(cheaper),
            break_even=None if stats.plan == BREAK_FIX else break_even_sentence(inventory, year),
            verdict=None if stats.plan == BREAK_FIX else _verdict(
                baseline_year.annual_cost - year.annual_cost, stats, simulated[0], currency),
            color=plan_color(index),
        ))
    return tuple(rows)


def plan_color(index: int) -> int:
    """The colour slot of the plan at ``index`` (break-fix first): 0 for break-fix, then 1-5.

    >>> [plan_color(i) for i in range(8)]
    [0, 1, 2, 3, 4, 5, 1, 2]
    """
    return 0 if index == 0 else 1 + (index - 1) % 5


def _percent(share: float) -> str:
    """A share as a whole percentage that never rounds to a misleading 0% or 100%.

    >>> _percent(0.5), _percent(0.001), _percent(0.9995), _percent(1.0)
    ('50%', 'under 1%', 'over 99%', '100%')
    """
    if 0 < share < 0.01:
        return "under 1%"
    if 0.99 < share < 1:
        return "over 99%"
    return f"{100 * share:.0f}%"


def _verdict(
    saving: float, plan: PlanSimulation, baseline: PlanSimulation, currency: str
) -> str:
    """What the plan does at its quoted fee: the expected saving, and how steady the bill is."""
    steadier = (
        f"one year in ten costs more than {money(plan.p90, currency)}, against "
        f"{money(baseline.p90, currency)} under break-fix"
    )
    if saving >= 0:
        return (
            f"At the quoted fee it saves {money(saving, currency)} in an expected year; "
            f"{steadier}."
        )
    return (
        f"At the quoted fee it costs {money(-saving, currency)} more than break-fix in an "
        f"expected year; in exchange, {steadier}."
    )

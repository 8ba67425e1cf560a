"""The report's sections, built from the site: at a glance, risks, stories, plan comparison."""

from __future__ import annotations

from collections.abc import Sequence

from depgraph.costs import plans
from depgraph.costs.incidents import Incident, Party, incident
from depgraph.costs.plans import plan_ids, plan_name
from depgraph.costs.yearly import expected_year
from depgraph.engine.graph import graph_of
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX, Plan
from depgraph.report.decision import costliest_failures, yearly_cost_order
from depgraph.report.model import Handling, PlanFigures, Risk, Story
from depgraph.report.slower import slower_note
from depgraph.report.timeline import Segment, timeline_rows
from depgraph.simulation.combined import (
    CombinedFailures,
    combined_paragraph,
    component_sentence,
)
from depgraph.simulation.summary import PlanSimulation
from depgraph.text import hours, money, part_hours

__all__ = [
    "by_cost",
    "chart_note",
    "combined_failures",
    "costliest_stories",
    "covers_text",
    "party_name",
    "plan_color",
    "plan_comparison",
    "risk_of",
    "top_risks",
]


SHOWN_SERVICES = 3
"""How many of the services a risk takes down are named; the rest are counted."""

TOP_INCIDENTS = 4
"""How many of the costliest break-fix incidents the fragmentation story tells."""


def covers_text(inventory: Inventory, plan: Plan) -> str:
    if plan.covers == "all":
        return "every hourly vendor and every unowned component"
    return ", ".join(inventory.vendor(v).name for v in plan.covers)


# -- top risks --------------------------------------------------------------------------


def top_risks(inventory: Inventory, spofs: Sequence[str], count: int) -> tuple[Risk, ...]:
    """The first ``count`` single points of failure in the report's order of failures
    (:func:`~depgraph.report.decision.yearly_cost_order`), each as :func:`risk_of` tells it."""
    ranked = sorted(spofs, key=lambda c: yearly_cost_order(incident(inventory, BREAK_FIX, c)))
    return tuple(risk_of(inventory, component_id) for component_id in ranked[:count])


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
    """The costliest break-fix incidents (:func:`~depgraph.report.decision.costliest_failures`),
    each with its handling under every plan.

    A story also tells how often its component took part in a combined
    failure in the simulated break-fix years (``combined``), when it matters.
    """
    stories = []
    for event in costliest_failures(inventory)[:TOP_INCIDENTS]:
        events = [incident(inventory, plan_id, event.root) for plan_id in plan_ids(inventory)]
        rows = timeline_rows(inventory, events)
        stories.append(Story(
            root=inventory.component(event.root).name,
            effect=_effect(inventory, event),
            handlings=tuple(_handling(inventory, e, tuple(row), events[0])
                            for e, row in zip(events, rows, strict=True)),
            combined=component_sentence(combined.components.get(event.root)) or "",
        ))
    return tuple(stories)


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


def _handling(inventory: Inventory, event: Incident, timeline: tuple[Segment, ...],
              base: Incident) -> Handling:
    """``event`` as its bar tells it; ``base`` is the same failure under break-fix."""
    currency = inventory.site.currency
    return Handling(
        plan=plan_name(inventory, event.plan, "Break-fix"),
        detection=_DETECTION[event.detection],
        detection_after=hours(event.detection_hours),
        chain=tuple(party_name(inventory, event.plan, p) for p in event.parties),
        handoffs=event.handoffs,
        restore=part_hours(event.hours),
        labor=money(event.labor, currency),
        downtime=money(event.downtime_cost, currency),
        total=money(event.total, currency),
        baseline=event.plan == BREAK_FIX,
        timeline=timeline,
        slower=slower_note(inventory, event, base),
    )


# -- the plan comparison ----------------------------------------------------------------


def plan_comparison(
    inventory: Inventory, simulated: Sequence[PlanSimulation]
) -> tuple[PlanFigures, ...]:
    """Break-fix and every plan: fee, expected parts and total, simulated statistics."""
    currency = inventory.site.currency
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
            break_even=_break_even(year.break_even_monthly_fee, currency),
            color=plan_color(index),
        ))
    return tuple(rows)


def _break_even(fee: float | None, currency: str) -> str:
    """The monthly fee below which a plan pays for itself, as the comparison table shows it.

    >>> _break_even(None, "USD"), _break_even(-3.0, "USD"), _break_even(2384.2, "USD")
    ('–', 'at no fee', '$2,384')
    """
    if fee is None:
        return "–"
    return "at no fee" if fee <= 0 else money(fee, currency)


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


def chart_note(comparison: Sequence[PlanFigures], expected: Sequence[float],
               means: Sequence[float], currency: str) -> str:
    """One sentence on why the expected year and the simulated average differ."""
    gap = max(abs(m - e) for m, e in zip(means, expected, strict=True))
    order_expected = sorted(range(len(expected)), key=lambda i: (expected[i], i))
    order_means = sorted(range(len(means)), key=lambda i: (means[i], i))
    flip = order_expected[0] != order_means[0]
    text = (
        "The expected year adds up each failure's cost times how often it happens; the "
        "simulated years also catch failures that overlap and bad luck, so their average "
        f"differs from the expected year by up to {money(gap, currency)} here"
    )
    if flip:
        text += (
            f", enough to put {_named(comparison[order_means[0]])} first on the simulated "
            f"average while {_named(comparison[order_expected[0]])} is first on the expected "
            "year; the recommendation follows the expected year, which does not depend on "
            "the luck of the draw"
        )
    return text + "."


def _named(option: PlanFigures) -> str:
    return "break-fix" if option.name == "Break-fix" else option.name

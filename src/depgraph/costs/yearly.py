"""The expected year (``cost-model.md`` section 2): each incident weighted by its rate.

Under a plan ``P`` the expected annual cost is ``12 x monthly_fee`` plus, for
every component, its failures per year under ``P`` times its incident's total
(labor and downtime). The break-even fee is the monthly fee at which ``P``
costs what break-fix costs. :func:`fragmentation` measures how many parties a
site's failures cross; :func:`assumptions` lists the model values used.

Where the spec is silent this module decides:

* **Boundary edges** count distinct (node, member) pairs, so a member named in
  two clauses of one node is one edge.
* **Mean hand-offs** is 0 when no non-latent incident has a positive rate.
* **Downtime hours per service** lists every service of the site, by id.

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco, response_hours: 24, hourly_rate: 100}]
... components: [{id: router, category: network, vendor: netco, failures_per_year: 0.5}]
... services: [{id: internet, requires: [router], cost_per_hour: 10, owner: netco}]
... plans: [{id: care, monthly_fee: 100}]
... ''')
>>> from depgraph import incident
>>> year = expected_year(inv, "break-fix")
>>> round(year.annual_cost, 2) == round(0.5 * incident(inv, "break-fix", "router").total, 2)
True
>>> expected_year(inv, "care").break_even_monthly_fee is not None
True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from depgraph.costs.incidents import LATENT, incidents
from depgraph.costs.plans import plan_of, plan_view
from depgraph.engine.graph import graph_of
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.text import money

__all__ = [
    "ExpectedYear",
    "Fragmentation",
    "assumptions",
    "break_even_sentence",
    "expected_year",
    "fragmentation",
]


@dataclass(frozen=True)
class ExpectedYear:
    """The expected cost of one year under a plan, and its parts (section 2).

    ``downtime_hours`` maps every service id to its expected hours down a year.
    ``break_even_monthly_fee`` is ``None`` for break-fix; when negative, the
    plan does not pay off on these assumptions even at no fee.
    """

    plan: str
    monthly_fee: float
    annual_cost: float
    fee: float
    labor: float
    downtime_cost: float
    downtime_hours: dict[str, float]
    break_even_monthly_fee: float | None

    def to_json(self) -> dict[str, Any]:
        """The ``expected`` object of the ``compare --json`` plan entry of ``cli.md``."""
        return {
            "annual_cost": self.annual_cost,
            "fee": self.fee,
            "labor": self.labor,
            "downtime_cost": self.downtime_cost,
        }


def _expected(inventory: Inventory, plan_id: str) -> ExpectedYear:
    """The expected year of ``plan_id`` without its break-even fee."""
    plan = plan_of(inventory, plan_id)
    monthly_fee = 0.0 if plan is None else plan.monthly_fee
    fee = 12 * monthly_fee
    downtime_hours = {s.id: 0.0 for s in sorted(inventory.services, key=lambda s: s.id)}
    labor = downtime_cost = risk = 0.0
    for i in incidents(inventory, plan_id):
        labor += i.rate * i.labor
        downtime_cost += i.rate * i.downtime_cost
        risk += i.rate * i.total
        for service in i.down_services:
            downtime_hours[service] += i.rate * i.hours
    return ExpectedYear(
        plan=plan_id,
        monthly_fee=monthly_fee,
        annual_cost=fee + risk,
        fee=fee,
        labor=labor,
        downtime_cost=downtime_cost,
        downtime_hours=downtime_hours,
        break_even_monthly_fee=None,
    )


def expected_year(inventory: Inventory, plan_id: str) -> ExpectedYear:
    """The expected annual cost under ``plan_id`` and, for a plan, its break-even monthly fee.

    expected(P) = 12 x monthly_fee + sum over components r of rate_P(r) x total_P(r);
    break_even = (expected(break-fix) - (expected(P) - 12 x monthly_fee)) / 12.
    """
    year = _expected(inventory, plan_id)
    if plan_id == BREAK_FIX:
        return year
    baseline = _expected(inventory, BREAK_FIX).annual_cost
    break_even = (baseline - (year.annual_cost - year.fee)) / 12
    return replace(year, break_even_monthly_fee=break_even)


def break_even_sentence(inventory: Inventory, year: ExpectedYear) -> str:
    """The break-even monthly fee of ``year``'s plan in words, against its quoted fee."""
    if year.break_even_monthly_fee is None:
        return "break-fix is the baseline."
    currency = inventory.site.currency
    name = inventory.plan(year.plan).name
    quoted = money(year.monthly_fee, currency)
    if year.break_even_monthly_fee <= 0:
        extra = money(-12 * year.break_even_monthly_fee, currency)
        return (
            f"{name} does not pay off on these assumptions: even at no fee it would cost "
            f"{extra} a year more than break-fix; it is quoted at {quoted}."
        )
    below = money(year.break_even_monthly_fee, currency)
    sentence = f"{name} pays for itself at any fee below {below} a month; it is quoted at {quoted}"
    if year.monthly_fee <= year.break_even_monthly_fee:
        return sentence + "."
    more = money(12 * (year.monthly_fee - year.break_even_monthly_fee), currency)
    return sentence + f", so on these assumptions it costs {more} a year more than break-fix."


@dataclass(frozen=True)
class Fragmentation:
    """How fragmented break-fix support is (section 2, *Fragmentation figures*)."""

    vendors: int
    boundary_edges: int
    mean_handoffs: float

    def to_json(self) -> dict[str, Any]:
        """The ``fragmentation`` object of ``compare --json``."""
        return {
            "vendors": self.vendors,
            "boundary_edges": self.boundary_edges,
            "mean_handoffs": self.mean_handoffs,
        }


def fragmentation(inventory: Inventory) -> Fragmentation:
    """The fragmentation figures under break-fix.

    ``vendors``: vendors owning at least one component. ``boundary_edges``:
    distinct requirement edges whose two ends have different parties (a
    service's party is its owner; unowned is a party of its own).
    ``mean_handoffs``: hand-offs averaged over the non-latent incidents,
    weighted by failure rate (0 when their rates sum to 0).
    """
    graph = graph_of(inventory)
    break_fix = plan_view(inventory, BREAK_FIX)
    roles = [break_fix.role(n) for n in range(len(graph))]
    edges = set(graph.requirement_edges())
    boundary = sum(1 for node, member in edges if roles[node] != roles[member])
    visible = [i for i in incidents(inventory) if i.detection != LATENT]
    weight = sum(i.rate for i in visible)
    mean = sum(i.rate * i.handoffs for i in visible) / weight if weight > 0 else 0.0
    owners = {c.vendor for c in inventory.components if c.vendor is not None}
    return Fragmentation(vendors=len(owners), boundary_edges=boundary, mean_handoffs=mean)


def assumptions(inventory: Inventory) -> dict[str, Any]:
    """The model values used and the default vendor terms applied, for reports and JSON.

    The default vendor terms are those of an unowned part (always billed
    hourly) and of a misdirected call.
    """
    default = inventory.default_vendor()
    return {
        **inventory.model.model_dump(),
        "default_vendor": default.model_dump(exclude={"id", "name", "trade"}),
    }

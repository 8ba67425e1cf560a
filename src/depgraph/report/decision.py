"""Page one of the report: one column per option and the recommendation, by a stated rule.

The rule: the option with the lowest expected annual cost is *Recommended*.
When a dearer option cuts the 1-in-10 year (the 90th percentile of the
simulated years) by more than it adds to the expected year, the decision says
so in words, so that a client who cannot absorb a bad year can choose it with
the figures in hand. When no plan is cheaper than break-fix, that is said first.

Example (one router; the plan's fee is dearer than the failures it saves):

>>> from depgraph import load_inventory
>>> from depgraph.simulation.years import simulate
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco}]
... components:
...   - {id: router, category: network, vendor: netco}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 20, people: 4}
... plans:
...   - {id: care, monthly_fee: 100}
... ''')
>>> choice = decide(inv, simulate(inv, 200, 0).plans)
>>> [o.name for o in choice.options], choice.options[choice.recommended].name
(['Break-fix', 'care'], 'Break-fix')
>>> choice.lines[0]
'No plan pays for itself at its quoted fee: break-fix is expected to cost this site less.'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from depgraph.costs.incidents import Incident, incident, incidents
from depgraph.costs.plans import plan_name
from depgraph.costs.yearly import expected_year
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.simulation.summary import PlanSimulation
from depgraph.text import count, hours, money

__all__ = [
    "COSTLIEST", "Decision", "Option", "costliest_failures", "costliest_roots", "decide",
    "yearly_cost_order",
]


COSTLIEST = 3
"""How many of the costliest failures the "typical time to restore" is taken over."""


@dataclass(frozen=True)
class Option:
    """One column of the decision: break-fix or a plan, with its figures as numbers and text."""

    plan: str
    name: str
    expected_cost: float
    bad_year_cost: float
    restore_hours: float
    expected: str
    bad_year: str
    restore: str
    calls: str
    fee: str


@dataclass(frozen=True)
class Decision:
    """The options, which one is recommended (an index into ``options``) and why, in sentences.

    ``badge`` is whether page one marks the recommended option as such: only
    when there is a choice, a plan on file. Without one, break-fix is the
    ``recommended`` index (the figures the rest of the report uses) but
    neither badge nor ``rule`` is shown, and ``includes`` (what every figure
    counts) names no plan fee.
    """

    options: tuple[Option, ...]
    recommended: int
    lines: tuple[str, ...]
    rule: str
    costliest: tuple[str, ...]
    badge: bool
    includes: str


def yearly_cost_order(event: Incident) -> tuple[float, str]:
    """The report's one order of failures, costliest first: what a failure costs in an expected
    break-fix year (the cost of one failure times failures a year), then by component id.

    Page one's costliest failures, the failure timelines and the top risks all follow it (as
    does the audit's "what to fix first", which ranks findings by the same yearly cost).
    """
    return (-event.total * event.rate, event.root)


def costliest_failures(inventory: Inventory) -> list[Incident]:
    """The break-fix failures that cost anything when they happen, in :func:`yearly_cost_order`
    (so those that never happen come last)."""
    return sorted((i for i in incidents(inventory) if i.total > 0), key=yearly_cost_order)


def costliest_roots(inventory: Inventory) -> list[str]:
    """The components of the :data:`COSTLIEST` costliest failures that happen at all."""
    return [i.root for i in costliest_failures(inventory) if i.rate > 0][:COSTLIEST]


def _calls(inventory: Inventory, plan_id: str) -> str:
    """Who the client calls when something breaks under ``plan_id``."""
    owners = sorted({c.vendor for c in inventory.components if c.vendor is not None})
    if plan_id == BREAK_FIX:
        if not owners:
            return "whoever they can find: no vendor is on file"
        if len(owners) == 1:
            return inventory.vendor(owners[0]).name
        return f"one of {count(len(owners), 'vendor')}, whichever owns what stopped working"
    plan = inventory.plan(plan_id)
    if plan.covers == "all":
        return f"{plan.partner}, for everything"
    left = [o for o in owners if o not in plan.covers]
    if not left:
        return f"{plan.partner}, for everything"
    return f"{plan.partner}, or one of {count(len(left), 'other vendor')} for the rest"


def _option(
    inventory: Inventory, stats: PlanSimulation, roots: Sequence[str]
) -> Option:
    currency = inventory.site.currency
    year = expected_year(inventory, stats.plan)
    restore = median(incident(inventory, stats.plan, r).hours for r in roots) if roots else 0.0
    return Option(
        plan=stats.plan,
        name=plan_name(inventory, stats.plan, "Break-fix"),
        expected_cost=year.annual_cost,
        bad_year_cost=stats.p90,
        restore_hours=restore,
        expected=money(year.annual_cost, currency),
        bad_year=money(stats.p90, currency),
        restore=hours(restore) if roots else "–",
        calls=_calls(inventory, stats.plan),
        fee=money(year.fee, currency),
    )


def decide(inventory: Inventory, simulated: Sequence[PlanSimulation]) -> Decision:
    """The decision over break-fix and every plan (``simulated`` is break-fix first)."""
    currency = inventory.site.currency
    roots = costliest_roots(inventory)
    options = tuple(_option(inventory, stats, roots) for stats in simulated)
    best = min(range(len(options)), key=lambda i: (options[i].expected_cost, i))
    chosen = options[best]
    lines: list[str] = []
    if len(options) > 1 and chosen.plan == BREAK_FIX:
        lines.append(
            "No plan pays for itself at its quoted fee: break-fix is expected to cost this "
            "site less."
        )
    if len(options) == 1:
        lines.append("No managed plan is on file, so break-fix is the only option priced here.")
    elif chosen.plan != BREAK_FIX:
        saving = options[0].expected_cost - chosen.expected_cost
        lines.append(
            f"{chosen.name} is expected to save {money(saving, currency)} a year against "
            f"break-fix, its fee included."
        )
    lines += _insurance(options, best, currency)
    lines.append(_absorb(options, best, currency))
    return Decision(
        options=options,
        recommended=best,
        lines=tuple(lines),
        rule="Recommended: the option with the lowest expected annual cost, fees included."
        if len(options) > 1 else "",
        costliest=tuple(inventory.component(r).name for r in roots),
        badge=len(options) > 1,
        includes=_includes(len(options) - 1),
    )


def _includes(plans: int) -> str:
    """What every figure of page one counts, the plans' fees named only when there are plans.

    >>> _includes(0)
    "Every figure includes the vendors' bills and the cost of the time services are down"
    >>> _includes(1)[:40], _includes(2)[:40]
    ("Every figure includes the plan's fees, t", "Every figure includes the plans' fees, t")
    """
    fees = "" if plans == 0 else ("the plan's fees, " if plans == 1 else "the plans' fees, ")
    return f"Every figure includes {fees}the vendors' bills and the cost of the time services are down"


def _insurance(options: Sequence[Option], best: int, currency: str) -> list[str]:
    """A sentence for each dearer option that cuts the bad year by more than it adds."""
    chosen = options[best]
    lines = []
    for option in options:
        extra = option.expected_cost - chosen.expected_cost
        cut = chosen.bad_year_cost - option.bad_year_cost
        if option is chosen or extra < 0 or cut <= extra:
            continue
        lines.append(
            f"{option.name} costs {money(extra, currency)} more in a typical year, and caps a "
            f"bad year at {money(option.bad_year_cost, currency)} instead of "
            f"{money(chosen.bad_year_cost, currency)}."
        )
    return lines


def _called(option: Option) -> str:
    """An option's name inside a sentence: "break-fix" lower-case, a plan as it is named."""
    return "break-fix" if option.plan == BREAK_FIX else option.name


def _absorb(options: Sequence[Option], best: int, currency: str) -> str:
    """Why, in terms of what disruption the client can take."""
    chosen = options[best]
    steadiest = min(options, key=lambda o: (o.bad_year_cost, o.expected_cost))
    if steadiest is chosen or len(options) == 1:
        return (
            f"With {_called(chosen)}, budget "
            f"{chosen.expected} for a typical year and be ready for {chosen.bad_year} in a bad one: "
            f"one year in ten costs more than that. The costliest failures typically take "
            f"{chosen.restore} to put right."
        )
    return (
        f"If the site can absorb a bad year of {chosen.bad_year} and the costliest failures "
        f"lasting about {chosen.restore}, take {_called(chosen)}; "
        f"if it cannot, {steadiest.name} keeps a bad year to {steadiest.bad_year} and those "
        f"failures to about {steadiest.restore}."
    )

"""The value of remedies, and the set a budget buys (``remedies.md`` section 2).

Under plan ``P``: ``saving`` = expected annual cost before minus after (both
without the remedy's own costs); ``net`` = ``saving - 12 x monthly_cost``;
``payback_months`` = ``one_time_cost / (net / 12)`` when ``net > 0``, else
none. Figures are given for the plans present both before and after.

With a budget, remedies are picked one at a time: the largest ``net`` per
unit of ``one_time_cost`` (a remedy costing 0 first; ties to the larger
``net``, then the smaller id) among those that fit what is left of the
budget and have ``net > 0``, every remaining remedy being evaluated again on
the site with the chosen ones applied, until none qualifies.

Example:

>>> from depgraph.proposal import load_proposal
>>> proposal = load_proposal('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco, response_hours: 4, diagnosis_hours: 1}]
... components:
...   - {id: router, category: network, vendor: netco, failures_per_year: 2}
...   - {id: spare, category: network, vendor: netco, failures_per_year: 0}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 100}
... remedies:
...   - id: twin
...     one_time_cost: 600
...     change: [{id: internet, requires: [{any: [router, spare]}]}]
... ''')
>>> value = evaluate(proposal)[0]
>>> value.saving["break-fix"], value.payback_months["break-fix"]  # 2 x $650 of downtime a year
(1300.0, 5.538461538461538)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from depgraph.costs.plans import plan_of
from depgraph.errors import InventoryError
from depgraph.inventory.applying import Placed, RawSite
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.proposal import Proposal, apply_remedy
from depgraph.remedies.figures import SiteFigures, site_figures

__all__ = ["Choice", "RemedyValue", "best_first", "choose", "evaluate", "value_of"]


def _payback(one_time_cost: float, net: float) -> float | None:
    return one_time_cost / (net / 12) if net > 0 else None


@dataclass(frozen=True)
class RemedyValue:
    """What one remedy is worth on a site, per plan present before and after it."""

    id: str
    name: str
    one_time_cost: float
    monthly_cost: float
    saving: dict[str, float]
    net: dict[str, float]
    payback_months: dict[str, float | None]
    spofs_removed: tuple[str, ...]
    spofs_added: tuple[str, ...]
    services_changed: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """One entry of the ``remedies`` list of ``depgraph remedies --json``."""
        return {
            "id": self.id,
            "name": self.name,
            "one_time_cost": self.one_time_cost,
            "monthly_cost": self.monthly_cost,
            "saving": self.saving,
            "net": self.net,
            "payback_months": self.payback_months,
            "spofs_removed": list(self.spofs_removed),
            "spofs_added": list(self.spofs_added),
            "services_changed": list(self.services_changed),
        }


def value_of(placed: Placed, before: SiteFigures, after: SiteFigures) -> RemedyValue:
    """The value of ``placed``'s remedy, given the figures of the site before and after it."""
    remedy = placed.remedy
    plans = [p for p in before.plans if p in after.annual]
    saving = {p: before.annual[p] - after.annual[p] for p in plans}
    net = {p: saving[p] - 12 * remedy.monthly_cost for p in plans}
    return RemedyValue(
        id=remedy.id,
        name=remedy.name,
        one_time_cost=remedy.one_time_cost,
        monthly_cost=remedy.monthly_cost,
        saving=saving,
        net=net,
        payback_months={p: _payback(remedy.one_time_cost, net[p]) for p in plans},
        spofs_removed=tuple(sorted(before.spofs - after.spofs)),
        spofs_added=tuple(sorted(after.spofs - before.spofs)),
        services_changed=tuple(sorted(
            s for s in before.worst.keys() & after.worst.keys() if before.worst[s] != after.worst[s]
        )),
    )


def _order(plan: str) -> Any:
    """Best first: the largest ``net`` under ``plan`` (remedies without that plan last), then id."""
    def key(value: RemedyValue) -> tuple[int, float, str]:
        net = value.net.get(plan)
        return (net is None, -(net or 0.0), value.id)
    return key


def best_first(values: Sequence[RemedyValue], plan: str = BREAK_FIX) -> list[RemedyValue]:
    """``values`` in the order ``remedies --plan PLAN`` lists them: the largest net under ``plan`` first."""
    return sorted(values, key=_order(plan))


def evaluate(proposal: Proposal, plan: str = BREAK_FIX, base: SiteFigures | None = None) -> list[RemedyValue]:
    """Every remedy of ``proposal`` applied alone, best first under ``plan``.

    Raises :class:`~depgraph.errors.UnknownIdError` for an unknown plan.
    """
    plan_of(proposal.inventory, plan)
    base = base or site_figures(proposal.inventory)
    values = [
        value_of(placed, base, site_figures(proposal.applied[placed.remedy.id][0], base))
        for placed in proposal.remedies
    ]
    return best_first(values, plan)


@dataclass(frozen=True)
class Choice:
    """The remedies a budget buys, in the order picked, and what they are worth together."""

    budget: float
    remedies: tuple[str, ...]
    one_time_cost: float
    net: float
    payback_months: float | None

    def to_json(self) -> dict[str, Any]:
        """The ``chosen`` object of ``depgraph remedies --json``."""
        return {
            "budget": self.budget,
            "remedies": list(self.remedies),
            "one_time_cost": self.one_time_cost,
            "net": self.net,
            "payback_months": self.payback_months,
        }


def _better(a: RemedyValue, b: RemedyValue, plan: str) -> bool:
    """Whether ``a`` beats ``b``: more net per unit of cost (free first), larger net, smaller id."""
    def rank(v: RemedyValue) -> tuple[float, float]:
        net = v.net[plan]
        return (float("inf") if v.one_time_cost == 0 else net / v.one_time_cost, net)
    return (rank(a), b.id) > (rank(b), a.id)


def choose(
    proposal: Proposal, budget: float, plan: str = BREAK_FIX, base: SiteFigures | None = None
) -> Choice:
    """The greedy selection of ``remedies.md`` under ``plan`` within ``budget``."""
    plan_of(proposal.inventory, plan)
    base = base or site_figures(proposal.inventory)
    current, data = base, proposal.data
    left = budget
    chosen: list[Placed] = []
    remaining = list(proposal.remedies)
    while remaining:
        best: tuple[RemedyValue, Placed, SiteFigures, RawSite] | None = None
        for placed in remaining:
            if placed.remedy.one_time_cost > left:
                continue
            applied = _apply_on(data, placed, proposal, not chosen)
            if applied is None:
                continue  # no longer applies once others are chosen
            inventory, new_data = applied
            after = site_figures(inventory, current)
            value = value_of(placed, current, after)
            if plan not in value.net or value.net[plan] <= 0:
                continue
            if best is None or _better(value, best[0], plan):
                best = (value, placed, after, new_data)
        if best is None:
            break
        value, placed, current, data = best
        chosen.append(placed)
        remaining.remove(placed)
        left -= placed.remedy.one_time_cost
    cost = sum(p.remedy.one_time_cost for p in chosen)
    net = base.annual[plan] - current.annual[plan] - 12 * sum(p.remedy.monthly_cost for p in chosen)
    return Choice(budget, tuple(p.remedy.id for p in chosen), cost, net, _payback(cost, net))


def _apply_on(
    data: RawSite, placed: Placed, proposal: Proposal, on_base: bool
) -> tuple[Inventory, RawSite] | None:
    """``placed`` applied to ``data``; ``None`` when it does not apply there."""
    if on_base:
        return proposal.applied[placed.remedy.id]
    try:
        return apply_remedy(data, placed)
    except InventoryError:
        return None

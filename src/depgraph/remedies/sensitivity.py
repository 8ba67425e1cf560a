"""How the decision moves with each assumption: ``depgraph sensitivity FILE [--plan ID]``.

Each assumption is multiplied by 0.5 (*low*) and by 2 (*high*), one at a
time, and the break-even monthly fee of the plan and break-fix's expected
annual cost are computed again (``cost-model.md`` section 2), exactly as if
the file had been edited and ``compare`` run on it. The assumptions: every
component's ``failures_per_year`` together, every service's
``cost_per_hour`` together, every vendor's ``response_hours`` together (the
default vendor terms of unowned parts and wrong-party calls are left as
they are), the model's ``blame_probability``, ``latent_discovery_days`` and
``unowned_search_hours``, and the plan's ``failure_reduction``,
``remote_fix_rate`` and ``response_hours``. Probabilities and shares stay
within their limits: ``blame_probability`` and ``remote_fix_rate`` at most 1,
``failure_reduction`` just below 1 (the format requires < 1). Rows are
sorted by the swing of the break-even fee (largest first), then name.

Example:

>>> from depgraph.loading import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco, response_hours: 4, diagnosis_hours: 1}]
... components:
...   - {id: router, category: network, vendor: netco, failures_per_year: 2}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 100}
... plans:
...   - {id: care, monthly_fee: 50}
... ''')
>>> result = sensitivity(inv, "care")
>>> result.rows[0].assumption, result.rows[0].low.break_fix_annual_cost
('components.failures_per_year', 1025.0)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from depgraph.costs.plans import plan_of
from depgraph.costs.yearly import expected_year
from depgraph.errors import UsageError
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX

__all__ = ["FACTORS", "Figures", "Row", "Sensitivity", "assumptions", "default_plan", "sensitivity"]

FACTORS = (0.5, 2.0)
"""The low and the high multiplier of every assumption."""

_BELOW_ONE = math.nextafter(1.0, 0.0)


@dataclass(frozen=True)
class Figures:
    """The plan's break-even monthly fee and break-fix's expected annual cost, for one variant."""

    factor: float
    break_even_monthly_fee: float
    break_fix_annual_cost: float

    def to_json(self) -> dict[str, Any]:
        """``{"factor", "break_even_monthly_fee", "break_fix_annual_cost"}``."""
        return {"factor": self.factor, "break_even_monthly_fee": self.break_even_monthly_fee,
                "break_fix_annual_cost": self.break_fix_annual_cost}


@dataclass(frozen=True)
class Row:
    """One assumption halved (``low``) and doubled (``high``)."""

    assumption: str
    low: Figures
    high: Figures

    @property
    def swing(self) -> float:
        """How far the break-even fee moves between low and high."""
        return abs(self.high.break_even_monthly_fee - self.low.break_even_monthly_fee)

    def to_json(self) -> dict[str, Any]:
        """One entry of the ``rows`` list of ``sensitivity --json``."""
        return {"assumption": self.assumption, "low": self.low.to_json(), "high": self.high.to_json()}


@dataclass(frozen=True)
class Sensitivity:
    """The base figures of a plan and one row per assumption, largest swing first."""

    plan: str
    monthly_fee: float
    base: Figures
    rows: tuple[Row, ...]

    def to_json(self) -> dict[str, Any]:
        """The ``sensitivity --json`` document."""
        return {
            "plan": self.plan,
            "base": {"break_even_monthly_fee": self.base.break_even_monthly_fee,
                     "break_fix_annual_cost": self.base.break_fix_annual_cost},
            "rows": [r.to_json() for r in self.rows],
        }


Scale = Callable[[Inventory, float], Inventory]


def _each(section: str, field: str, cap: float | None = None) -> Scale:
    """Multiply ``field`` of every item of ``section``."""
    def scale(inventory: Inventory, factor: float) -> Inventory:
        items = tuple(
            item.model_copy(update={field: _capped(getattr(item, field) * factor, cap)})
            for item in getattr(inventory, section)
        )
        return inventory.model_copy(update={section: items})
    return scale


def _model(field: str, cap: float | None = None) -> Scale:
    def scale(inventory: Inventory, factor: float) -> Inventory:
        value = _capped(getattr(inventory.model, field) * factor, cap)
        return inventory.model_copy(update={"model": inventory.model.model_copy(update={field: value})})
    return scale


def _plan(plan_id: str, field: str, cap: float | None = None) -> Scale:
    def scale(inventory: Inventory, factor: float) -> Inventory:
        plans = tuple(
            p.model_copy(update={field: _capped(getattr(p, field) * factor, cap)}) if p.id == plan_id else p
            for p in inventory.plans
        )
        return inventory.model_copy(update={"plans": plans})
    return scale


def _capped(value: float, cap: float | None) -> float:
    return value if cap is None else min(value, cap)


def assumptions(plan_id: str) -> dict[str, Scale]:
    """Every assumption's name and how to scale it, for ``plan_id``."""
    return {
        "components.failures_per_year": _each("components", "failures_per_year"),
        "services.cost_per_hour": _each("services", "cost_per_hour"),
        "vendors.response_hours": _each("vendors", "response_hours"),
        "model.blame_probability": _model("blame_probability", 1.0),
        "model.latent_discovery_days": _model("latent_discovery_days"),
        "model.unowned_search_hours": _model("unowned_search_hours"),
        f"plans.{plan_id}.failure_reduction": _plan(plan_id, "failure_reduction", _BELOW_ONE),
        f"plans.{plan_id}.remote_fix_rate": _plan(plan_id, "remote_fix_rate", 1.0),
        f"plans.{plan_id}.response_hours": _plan(plan_id, "response_hours"),
    }


def _figures(inventory: Inventory, plan: str, factor: float) -> Figures:
    year = expected_year(inventory, plan)
    assert year.break_even_monthly_fee is not None
    return Figures(factor, year.break_even_monthly_fee, expected_year(inventory, BREAK_FIX).annual_cost)


def default_plan(inventory: Inventory) -> str:
    """The first plan of the file; :class:`UsageError` when the site has none."""
    if not inventory.plans:
        raise UsageError("sensitivity weighs a plan against break-fix, and this site has no plans")
    return inventory.plans[0].id


def sensitivity(inventory: Inventory, plan: str | None = None) -> Sensitivity:
    """The break-even fee of ``plan`` (default: the first) and break-fix's cost, per assumption."""
    plan = plan or default_plan(inventory)
    if plan_of(inventory, plan) is None:
        raise UsageError("sensitivity weighs a plan against break-fix; name a plan, not break-fix")
    low, high = FACTORS
    rows = [
        Row(name, _figures(scale(inventory, low), plan, low), _figures(scale(inventory, high), plan, high))
        for name, scale in assumptions(plan).items()
    ]
    rows.sort(key=lambda r: (-r.swing, r.assumption))
    return Sensitivity(plan, inventory.plan(plan).monthly_fee, _figures(inventory, plan, 1.0), tuple(rows))

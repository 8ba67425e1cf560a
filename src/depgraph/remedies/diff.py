"""Two versions of one site side by side: ``depgraph diff BEFORE AFTER`` (``remedies.md`` section 3).

What was added, removed and changed (by id, over components, services,
vendors, plans and audiences); the single points of failure fixed and
introduced; for break-fix and every plan present in both, the expected
annual cost, the 90th percentile of the simulated annual cost (the same
years and seed for both) and the break-even fee, before and after; and the
services whose worst single failure changed.

Example:

>>> from depgraph.loading import load_inventory
>>> before = load_inventory('''
... version: 1
... site: {name: demo}
... components: [{id: modem, category: network}, {id: lte, category: network}]
... services: [{id: internet, requires: [modem], cost_per_hour: 100}]
... ''')
>>> after = load_inventory('''
... version: 1
... site: {name: demo}
... components: [{id: modem, category: network}, {id: lte, category: network}]
... services: [{id: internet, requires: [{any: [modem, lte]}], cost_per_hour: 100}]
... ''')
>>> d = diff(before, after, years=100)
>>> d.changed, d.spofs_fixed, [(s.id, s.worst_before, s.worst_after) for s in d.services]
(('internet',), ('modem',), [('internet', 100.0, 0.0)])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from depgraph.inventory.container import Inventory
from depgraph.remedies.figures import site_figures
from depgraph.simulation.sampling import Progress
from depgraph.simulation.years import simulate

__all__ = ["Diff", "PlanDiff", "PlanFigures", "ServiceDiff", "diff"]

_LISTS = ("components", "services", "vendors", "plans", "audiences")
_SETTINGS = ("site", "model", "defaults")


@dataclass(frozen=True)
class PlanFigures:
    """One plan's figures on one version of the site."""

    annual_cost: float
    p90: float
    break_even_monthly_fee: float | None

    def to_json(self) -> dict[str, Any]:
        """``{"annual_cost", "p90", "break_even_monthly_fee"}``."""
        return {"annual_cost": self.annual_cost, "p90": self.p90,
                "break_even_monthly_fee": self.break_even_monthly_fee}


@dataclass(frozen=True)
class PlanDiff:
    """A plan present in both versions, before and after."""

    id: str
    before: PlanFigures
    after: PlanFigures

    def to_json(self) -> dict[str, Any]:
        """One entry of the ``plans`` list of ``diff --json``."""
        return {"id": self.id, "before": self.before.to_json(), "after": self.after.to_json()}


@dataclass(frozen=True)
class ServiceDiff:
    """A service whose worst single failure (cost per hour) changed."""

    id: str
    worst_before: float
    worst_after: float

    def to_json(self) -> dict[str, Any]:
        """One entry of the ``services`` list of ``diff --json``."""
        return {"id": self.id, "worst_before": self.worst_before, "worst_after": self.worst_after}


@dataclass(frozen=True)
class Diff:
    """Everything ``diff`` reports; every tuple of ids sorted.

    ``settings_changed`` names the top-level settings (``site``, ``model``,
    ``defaults``) that differ: they have no id of their own.
    """

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    settings_changed: tuple[str, ...]
    spofs_fixed: tuple[str, ...]
    spofs_introduced: tuple[str, ...]
    plans: tuple[PlanDiff, ...]
    services: tuple[ServiceDiff, ...]
    years: int
    seed: int

    def to_json(self) -> dict[str, Any]:
        """The ``diff --json`` document of ``remedies.md``."""
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": list(self.changed),
            "settings_changed": list(self.settings_changed),
            "spofs_fixed": list(self.spofs_fixed),
            "spofs_introduced": list(self.spofs_introduced),
            "plans": [p.to_json() for p in self.plans],
            "services": [s.to_json() for s in self.services],
            "years": self.years,
            "seed": self.seed,
        }


def _items(inventory: Inventory) -> dict[tuple[str, str], Any]:
    return {
        (section, item.id): item
        for section in _LISTS
        for item in getattr(inventory, section, ())
    }


def diff(
    before: Inventory, after: Inventory, years: int = 10_000, seed: int = 0,
    progress: Progress | None = None,
) -> Diff:
    """Compare two inventories of one site (``years`` simulated years from ``seed`` for each)."""
    old, new = _items(before), _items(after)
    figures_before = site_figures(before)
    figures_after = site_figures(after, figures_before)
    simulated_before = {p.plan: p for p in simulate(before, years, seed, progress).plans}
    simulated_after = {p.plan: p for p in simulate(after, years, seed, progress).plans}
    plans = tuple(
        PlanDiff(
            plan,
            PlanFigures(figures_before.annual[plan], simulated_before[plan].p90,
                        figures_before.break_even(plan)),
            PlanFigures(figures_after.annual[plan], simulated_after[plan].p90,
                        figures_after.break_even(plan)),
        )
        for plan in figures_before.plans if plan in figures_after.annual
    )
    worst_before, worst_after = figures_before.worst, figures_after.worst
    return Diff(
        added=tuple(sorted(i for _, i in new.keys() - old.keys())),
        removed=tuple(sorted(i for _, i in old.keys() - new.keys())),
        changed=tuple(sorted(key[1] for key in old.keys() & new.keys() if old[key] != new[key])),
        settings_changed=tuple(s for s in _SETTINGS if getattr(before, s) != getattr(after, s)),
        spofs_fixed=tuple(sorted(figures_before.spofs - figures_after.spofs)),
        spofs_introduced=tuple(sorted(figures_after.spofs - figures_before.spofs)),
        plans=plans,
        services=tuple(
            ServiceDiff(s, worst_before[s], worst_after[s])
            for s in sorted(worst_before.keys() & worst_after.keys())
            if worst_before[s] != worst_after[s]
        ),
        years=years,
        seed=seed,
    )
